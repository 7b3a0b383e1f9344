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

const pct = (x: number): string => `${fmtNum(100 * x, 0)}%`;
const ciPct = (lower: number, upper: number): string => (Number.isFinite(lower) && Number.isFinite(upper) ? ` (95% CI ${fmtNum(100 * lower, 0)}–${fmtNum(100 * upper, 0)}%)` : "");

/** "sarcoma" for a cause-specific model of cause "Sarcoma"; "the disease" otherwise. */
function diseaseOf(c: CureStepResult): string {
  return c.claims.cause === "any" || c.claims.cause === "the disease" ? "the disease" : c.claims.cause.toLowerCase();
}

/** The patients in words, with n: "the 44 treated patients (…) from the date of treatment" or "all 64 patients". */
function whoOf(c: CureStepResult): string {
  const pop = c.population;
  return pop === undefined || pop.kind === "all" ? `all ${c.fit.n} patients` : `the ${c.fit.n} ${pop.description}`;
}

/** The events the model counts, in words: "17 deaths from Sarcoma". */
function eventsOf(c: CureStepResult): string {
  const e = c.overall.events;
  if (c.relative !== undefined) return `${e} deaths (any cause; the model attributes the excess over the life table to the disease)`;
  if (c.claims.cause === "any") return `${e} events (any cause)`;
  return `${e} deaths from ${c.claims.cause.toLowerCase()}`;
}

/** The chosen model and the criterion that chose it. */
function modelOf(c: CureStepResult): string {
  const kind = c.relative !== undefined ? "relative-survival" : c.claims.cause === "any" ? "all-cause" : "cause-specific";
  const chosen = c.model === "aic" ? ", the latency chosen by the lowest AIC among the converged Weibull, log-normal, log-logistic and generalised gamma fits" : c.model === "ph" ? "" : ", the latency as the study specifies";
  return `the ${kind} ${c.latencyLabel} mixture cure model${chosen}`;
}

/**
 * Why this kind of model answers "cured of the disease": the stated criterion (cause-specific when every death has
 * a recorded cause — the study stops on a death without one — relative survival when causes are missing or
 * unreliable and a life table of the patients' own population is at hand); "" for an all-cause model.
 */
function criterionText(c: CureStepResult): string {
  if (c.relative !== undefined) {
    return " Criterion for the kind of model: relative survival needs no cause of death, only a life table of the patients' own population and calendar years; the alternative, a cause-specific model, needs a recorded cause for every death.";
  }
  if (c.claims.cause === "any") return "";
  return ` Criterion for the kind of model: a cause-specific model because the cause is recorded for every death (a death without one stops the run); relative survival is the alternative when causes are missing or unreliable, and it needs a life table of the patients' own population and calendar years.`;
}

/** "odds ratio of cure 3.9 (95% CI 0.3–48)" of a covariate effect (src/study/cure-agreement.ts). */
function effectText(e: CureCovariateEffect): string {
  const f = (x: number): string => fmtNum(x, x >= 10 ? 0 : 1);
  const level = (name: string): string => (name.startsWith(`${e.covariate}: `) ? name.slice(e.covariate.length + 2) : name.startsWith(`${e.covariate} = `) ? name.slice(e.covariate.length + 3) : name);
  return `odds ratio of cure ${f(e.oddsRatio)}, 95% CI ${f(e.lower)}–${f(e.upper)}, ${level(e.to)} against ${level(e.from)}`;
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
  const none = unusable.length === 0 ? "" : ` ${unusable.length === effects.length ? "No covariate has a usable estimate of its effect on cure" : "No usable estimate for"}: ${unusable.map((e) => `${e.covariate} (${effectText(e)}; the CI spans more than ${MAX_CI_FOLD}-fold)`).join("; ")}.`;
  return `${p.length < 2 ? "" : profileRange(p)}${none}`;
}

function profileRange(p: readonly CureStepResult["fit"]["cureFraction"]["profiles"][number][]): string {
  let lo = p[0];
  let hi = p[0];
  for (const x of p) {
    if (x.estimate < lo.estimate) lo = x;
    if (x.estimate > hi.estimate) hi = x;
  }
  const at = (x: typeof lo): string => `${pct(x.estimate)} (${x.name}${Number.isFinite(x.lower) && Number.isFinite(x.upper) ? `; 95% CI ${fmtNum(100 * x.lower, 0)}–${fmtNum(100 * x.upper, 0)}%` : ""})`;
  return ` By the incidence model, the probability of cure runs from ${at(lo)} to ${at(hi)}, the other covariates at their means.`;
}

/** How well the prediction model separates patients, by its optimism-corrected Harrell's C. */
function predictionText(p: PredictionStepResult | undefined): string {
  if (p === undefined) return "";
  const v = p.validation;
  const corrected = v.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const c = corrected ?? v.harrell.value;
  const reading = c < 0.6 ? "discrimination hardly better than chance (0.5)" : c < 0.7 ? "modest discrimination" : "useful discrimination";
  return ` Told apart before surgery? The prediction model of ${p.endpointLabel.toLowerCase()} at ${fmtNum(p.time, 0)} ${p.unit} in ${p.population.description} (n = ${v.n}, ${v.nEvent} events) has ${corrected === undefined ? "a" : "an optimism-corrected"} Harrell's C of ${fmtNum(c, 2)}: ${reading}.`;
}

/** What the data cannot support, each as a short clause. */
function limits(c: CureStepResult, o: CureGroupResult): string[] {
  const out: string[] = [];
  const fu = o.followUp;
  if (fu !== null && fu.verdict !== "sufficient") {
    out.push(
      `that follow-up is long enough to speak of cure: ${fu.mallerZhou.nEventsInInterval} event(s) fall in the Maller–Zhou window before the last event and ${fu.nCensoredOnPlateau} patient(s) are followed beyond it, so the check is ${fu.verdict === "inconclusive" ? "inconclusive" : "not passed"} and every cure fraction here is an upper bound`,
    );
  }
  if (c.relative === undefined && o.kmPlateau !== null && o.cureFraction.estimate > o.kmPlateau + 0.02) {
    out.push(`a cure fraction above the Kaplan–Meier plateau: the model's ${pct(o.cureFraction.estimate)} exceeds the ${pct(o.kmPlateau)} still alive after the last event, so the model overstates cure in the tail and the plateau is the safer figure`);
  }
  const close = c.latencyComparison?.rows.filter((r) => r.converged && r.deltaAic < 2) ?? [];
  if (close.length > 1) {
    const est = close.map((r) => r.cureFraction.estimate);
    out.push(`a choice between latencies: ${close.length} fits lie within 2 AIC points, with cure fractions from ${pct(Math.min(...est))} to ${pct(Math.max(...est))}`);
  }
  if (c.epv !== undefined && c.epv.status !== "ok") out.push(`precise covariate effects: ${c.epv.events} events for ${c.epv.parameters} coefficients (${fmtNum(c.epv.epv, 1)} events per coefficient)`);
  if (c.claims.otherCauseEvents === 0 && c.claims.cause !== "any") out.push(`a separation of death from ${c.claims.cause.toLowerCase()} and death from other causes: no patient of the model died of another cause, so here the cause-specific model cannot be told apart from one of death from any cause`);
  if (!o.fitCheck.withinBand) out.push("a good fit of the model to the Kaplan–Meier curve: it leaves the bootstrap band");
  if (c.relative !== undefined) out.push("expected mortality of another population: the relative-survival model holds only if the life table is of the patients' own population and years");
  return out;
}

/** Why the model and the data disagree (src/study/cure-agreement.ts, rule 1). */
export function disagreementText(c: CureStepResult, o: CureGroupResult): string {
  const km = o.kmAtEnd;
  if (o.modelVsData === "outside-km-ci" && km) {
    return `the model's cure fraction of ${pct(o.cureFraction.estimate)} lies outside the 95% CI of the Kaplan–Meier estimate at the end of follow-up (${fmtNum(100 * km.lower, 0)}–${fmtNum(100 * km.upper, 0)}% at ${fmtNum(km.time, 0)} ${c.unit})`;
  }
  const fu = o.followUp;
  return `the model assumes a cured fraction, but the data do not show that the Kaplan–Meier curve has reached a plateau${fu === null ? "" : ` (follow-up check ${fu.verdict === "inconclusive" ? "inconclusive" : "not passed"}: ${fu.mallerZhou.nEventsInInterval} event(s) in the Maller–Zhou window before the last event, ${fu.nCensoredOnPlateau} patient(s) followed beyond it)`}`;
}

/** The nonparametric estimate at the end of follow-up with its CI. */
function kmEndText(c: CureStepResult, o: CureGroupResult): string {
  const km = o.kmAtEnd;
  if (km === undefined || km === null) return o.kmPlateau === null ? "the nonparametric estimate is not available." : `the nonparametric estimate, the Kaplan–Meier survival after the last event, is ${pct(o.kmPlateau)}.`;
  return `the nonparametric estimate, the Kaplan–Meier survival at the end of follow-up (${fmtNum(km.time, 0)} ${c.unit}), is ${pct(km.surv)}${ciPct(km.lower, km.upper)}, an upper bound on the proportion cured.`;
}

/** The opening paragraph of the long-term section (plain text). */
export function longTermAnswer(c: CureStepResult, p?: PredictionStepResult): string {
  const o = c.overall;
  const who = whoOf(c);
  const disease = diseaseOf(c);
  const head = `Who is likely to be a long-term survivor or cured of ${disease}? In ${who} (${eventsOf(c)}), ${modelOf(c)}`;
  const disagree = o.events > 0 && (o.modelVsData === "outside-km-ci" || o.modelVsData === "plateau-not-reached");
  const answer =
    o.events === 0
      ? `${head} cannot be estimated: there are no events.`
      : disagree
        ? `${head}: the model and the data disagree, because ${disagreementText(c, o)}. The model's cure fraction (${pct(o.cureFraction.estimate)}) is therefore not a finding of this study; ${kmEndText(c, o)}`
        : `${head} estimates that ${pct(o.cureFraction.estimate)}${ciPct(o.cureFraction.lower, o.cureFraction.upper)} are cured (${c.relative !== undefined ? "no excess mortality over the general population" : `never ${c.claims.cause === "any" ? "having the event" : `dying of ${disease}`}`}); ` +
        `${o.kmPlateau === null || o.followUp === null ? "the nonparametric estimate is not available." : `the nonparametric estimate, the Kaplan–Meier plateau after the last event at ${fmtNum(o.followUp.tMaxEvent, 0)} ${c.unit}, is ${pct(o.kmPlateau)}.`}`;
  const cannot = limits(c, o);
  const tail = cannot.length === 0 ? " The data raise no objection to these estimates beyond their confidence intervals." : ` What the data cannot support: ${cannot.join("; ")}.`;
  return `${answer}${criterionText(c)}${profilesText(c)}${predictionText(p)}${tail}`;
}
