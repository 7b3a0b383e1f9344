/**
 * The paragraph that opens the report's long-term section: the answer to "which patients are likely to be
 * long-term survivors or cured of the disease?" in one place — the population and its n and events, the cure
 * model chosen by its stated criterion with the nonparametric plateau estimate beside it, who is more likely
 * cured (the incidence model's covariate profiles), how well the pre-operative prediction model tells patients
 * apart, and, plainly, what the data cannot support. Built from the results only; computes nothing.
 */
import type { CureGroupResult, CureStepResult } from "../study/cure-step.js";
import { MAX_CI_FOLD, type CureCovariateEffect } from "../study/cure-agreement.js";
import type { PredictionStepResult } from "../study/prediction-step.js";
import { fmtNum } from "./tables.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { profileName } from "./cure-profile-name.js";

const pct = (x: number): string => `${fmtNum(100 * x, 0)}%`;
const ciPct = (lower: number, upper: number): string => (Number.isFinite(lower) && Number.isFinite(upper) ? msg().longTerm.laCi(fmtNum(100 * lower, 0), fmtNum(100 * upper, 0)) : "");

/** "sarcoma" for a cause-specific model of cause "Sarcoma"; "the disease" otherwise. */
function diseaseOf(c: CureStepResult): string {
  return c.claims.cause === "any" || c.claims.cause === "the disease" ? msg().longTerm.laTheDisease : c.claims.cause.toLowerCase();
}

/** The patients in words, with n: "the 44 treated patients (…) from the date of treatment" or "all 64 patients". */
function whoOf(c: CureStepResult): string {
  const pop = c.population;
  return pop === undefined || pop.kind === "all" ? msg().longTerm.laWhoAll(String(c.fit.n)) : msg().longTerm.laWhoSome(String(c.fit.n), engineText(pop.description));
}

/** The events the model counts, in words: "17 deaths from Sarcoma". */
function eventsOf(c: CureStepResult): string {
  const t = msg().longTerm;
  const e = String(c.overall.events);
  if (c.relative !== undefined) return t.laEventsRelative(e);
  if (c.claims.cause === "any") return t.laEventsAny(e);
  return t.laEventsCause(e, c.claims.cause);
}

/** The chosen model and the criterion that chose it. */
function modelOf(c: CureStepResult): string {
  const kind = c.relative !== undefined ? "relative" : c.claims.cause === "any" ? "all-cause" : "cause-specific";
  return msg().longTerm.laModel(kind, engineText(c.latencyLabel), c.model === "aic" ? "aic" : c.model === "ph" ? "ph" : "spec");
}

/**
 * Why this kind of model answers "cured of the disease": the stated criterion (cause-specific when every death has
 * a recorded cause — the study stops on a death without one — relative survival when causes are missing or
 * unreliable and a life table of the patients' own population is at hand); "" for an all-cause model.
 */
function criterionText(c: CureStepResult): string {
  if (c.relative !== undefined) return msg().longTerm.laCriterionRelative;
  if (c.claims.cause === "any") return "";
  return msg().longTerm.laCriterionCause;
}

/** "odds ratio of cure 3.9 (95% CI 0.3–48)" of a covariate effect (src/study/cure-agreement.ts). */
function effectText(e: CureCovariateEffect): string {
  const f = (x: number): string => fmtNum(x, x >= 10 ? 0 : 1);
  const level = (name: string): string => (name.startsWith(`${e.covariate}: `) ? name.slice(e.covariate.length + 2) : name.startsWith(`${e.covariate} = `) ? profileName(name.slice(e.covariate.length + 3)) : name);
  return msg().longTerm.laEffect(f(e.oddsRatio), f(e.lower), f(e.upper), level(e.to), level(e.from));
}

/**
 * Range of the incidence model's covariate profiles ("from 25% with … to 75% with …"), only over covariates whose
 * effect has a usable CI (at most MAX_CI_FOLD-fold); the others are named as "no usable estimate" with their CI.
 */
function profilesText(c: CureStepResult): string {
  const effects = c.covariateEffects;
  const all = c.fit.cureFraction.profiles;
  if (all.length < 2) return "";
  if (effects === undefined) return profileRange(all);
  const unusable = effects.filter((e) => !e.usable);
  const usableNames = new Set(effects.filter((e) => e.usable).map((e) => e.covariate));
  const p = all.filter((x) => [...usableNames].some((n) => x.name.startsWith(`${n}: `) || x.name.startsWith(`${n} = `)));
  const t = msg().longTerm;
  const none = unusable.length === 0 ? "" : t.laNoUsable(unusable.length === effects.length, unusable.map((e) => t.laUnusable(e.covariate, effectText(e), String(MAX_CI_FOLD))).join("; "));
  return `${p.length < 2 ? "" : profileRange(p)}${none}`;
}

function profileRange(p: readonly CureStepResult["fit"]["cureFraction"]["profiles"][number][]): string {
  let lo = p[0];
  let hi = p[0];
  for (const x of p) {
    if (x.estimate < lo.estimate) lo = x;
    if (x.estimate > hi.estimate) hi = x;
  }
  const t = msg().longTerm;
  const at = (x: typeof lo): string => (Number.isFinite(x.lower) && Number.isFinite(x.upper) ? t.laProfileAt(pct(x.estimate), profileName(x.name), fmtNum(100 * x.lower, 0), fmtNum(100 * x.upper, 0)) : t.laProfileAt(pct(x.estimate), profileName(x.name), null, null));
  return t.laProfileRange(at(lo), at(hi));
}

/** How well the prediction model separates patients, by its optimism-corrected Harrell's C. */
function predictionText(p: PredictionStepResult | undefined): string {
  if (p === undefined) return "";
  const v = p.validation;
  const corrected = v.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const c = corrected ?? v.harrell.value;
  const reading = c < 0.6 ? "chance" : c < 0.7 ? "modest" : "useful";
  return msg().longTerm.laPrediction(p.endpointLabel, fmtNum(p.time, 0), msg().unit(p.unit), engineText(p.population.description), String(v.n), String(v.nEvent), corrected !== undefined, fmtNum(c, 2), reading);
}

/** What the data cannot support, each as a short clause. */
function limits(c: CureStepResult, o: CureGroupResult): string[] {
  const t = msg().longTerm;
  const out: string[] = [];
  const fu = o.followUp;
  if (fu !== null && fu.verdict !== "sufficient") out.push(t.laLimitFollowUp(String(fu.mallerZhou.nEventsInInterval), String(fu.nCensoredOnPlateau), fu.verdict === "inconclusive"));
  if (c.relative === undefined && o.kmPlateau !== null && o.cureFraction.estimate > o.kmPlateau + 0.02) out.push(t.laLimitAbovePlateau(pct(o.cureFraction.estimate), pct(o.kmPlateau)));
  const close = c.latencyComparison?.rows.filter((r) => r.converged && r.deltaAic < 2) ?? [];
  if (close.length > 1) {
    const est = close.map((r) => r.cureFraction.estimate);
    out.push(t.laLimitLatencies(String(close.length), pct(Math.min(...est)), pct(Math.max(...est))));
  }
  if (c.epv !== undefined && c.epv.status !== "ok") out.push(t.laLimitEpv(String(c.epv.events), String(c.epv.parameters), fmtNum(c.epv.epv, 1)));
  if (c.claims.otherCauseEvents === 0 && c.claims.cause !== "any") out.push(t.laLimitCause(c.claims.cause));
  if (!o.fitCheck.withinBand) out.push(t.laLimitFit);
  if (c.relative !== undefined) out.push(t.laLimitRelative);
  return out;
}

/** Why the model and the data disagree (src/study/cure-agreement.ts, rule 1). */
export function disagreementText(c: CureStepResult, o: CureGroupResult): string {
  const km = o.kmAtEnd;
  const t = msg().longTerm;
  if (o.modelVsData === "outside-km-ci" && km) return t.laDisagreeOutside(pct(o.cureFraction.estimate), fmtNum(100 * km.lower, 0), fmtNum(100 * km.upper, 0), fmtNum(km.time, 0), msg().unit(c.unit));
  const fu = o.followUp;
  return t.laDisagreePlateau(fu === null ? null : { inconclusive: fu.verdict === "inconclusive", events: String(fu.mallerZhou.nEventsInInterval), beyond: String(fu.nCensoredOnPlateau) });
}

/** The nonparametric estimate at the end of follow-up with its CI. */
function kmEndText(c: CureStepResult, o: CureGroupResult): string {
  const km = o.kmAtEnd;
  const t = msg().longTerm;
  if (km === undefined || km === null) return o.kmPlateau === null ? t.laNoNonparametric : t.laKmAfterLast(pct(o.kmPlateau));
  return t.laKmAtEnd(fmtNum(km.time, 0), msg().unit(c.unit), pct(km.surv), ciPct(km.lower, km.upper));
}

/** The opening paragraph of the long-term section (plain text). */
export function longTermAnswer(c: CureStepResult, p?: PredictionStepResult): string {
  const t = msg().longTerm;
  const o = c.overall;
  const disease = diseaseOf(c);
  const head = t.laHead(disease, whoOf(c), eventsOf(c), modelOf(c));
  const disagree = o.events > 0 && (o.modelVsData === "outside-km-ci" || o.modelVsData === "plateau-not-reached");
  const answer =
    o.events === 0
      ? t.laNoEvents(head)
      : disagree
        ? t.laDisagree(head, disagreementText(c, o), pct(o.cureFraction.estimate), kmEndText(c, o))
        : t.laEstimate(
            head,
            pct(o.cureFraction.estimate),
            ciPct(o.cureFraction.lower, o.cureFraction.upper),
            { kind: c.relative !== undefined ? "relative" : c.claims.cause === "any" ? "any" : "cause", disease },
            o.kmPlateau === null || o.followUp === null ? t.laNoNonparametric : t.laPlateauAt(fmtNum(o.followUp.tMaxEvent, 0), msg().unit(c.unit), pct(o.kmPlateau)),
          );
  const cannot = limits(c, o);
  const tail = cannot.length === 0 ? t.laNoObjection : t.laCannot(cannot.join("; "));
  return `${answer}${criterionText(c)}${profilesText(c)}${predictionText(p)}${tail}`;
}
