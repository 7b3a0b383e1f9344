/**
 * Report tables of the long-term questions: the cure model (cure fractions, incidence and latency
 * coefficients), the pre-operative prediction model (coefficients, discrimination and calibration
 * with the bootstrap optimism correction, calibration by risk group), the regression models of the
 * competing causes and the recurrent-event models. They format results; they compute nothing but
 * exp() of a coefficient and its limits.
 */
import type { ReportTable } from "./csv.js";
import { formatP } from "./table1.js";
import { fmtNum, fmtRatioCi, fmtSurvivalPercent } from "./tables.js";
import type { CureStepResult } from "../study/cure-step.js";
import type { PredictionStepResult } from "../study/prediction-step.js";
import type { CompetingStepResult } from "../study/competing-step.js";
import type { CureCoefficient } from "../survival/cure/design.js";
import type { RecurrentStepResult } from "../study/recurrent-step.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { profileName } from "./cure-profile-name.js";
import { termLabel } from "./labels.js";

const pc = (x: number): string => fmtNum(100 * x, 1);

/** The model's cure fraction and the data disagree (src/study/cure-agreement.ts): it is not a finding. */
export function cureNotFinding(g: CureStepResult["overall"]): boolean {
  return g.events > 0 && (g.modelVsData === "outside-km-ci" || g.modelVsData === "plateau-not-reached");
}

/**
 * What the cure fraction is the probability of, in the report's language: "never dying of sarcoma" for a cause-specific
 * model of death, else "never having" the engine's event text (referee s12 B6).
 */
export function cureProbability(c: CureStepResult): string {
  return msg().longTerm.cureProbNever(causeOfDeath(c), engineText(c.claims.eventText));
}

/** The cause of a cause-specific cure model of death (its label as the data name it); null for any other model. */
export function causeOfDeath(c: CureStepResult): string | null {
  const cl = c.claims;
  return c.relative === undefined && cl.cause !== "any" && cl.eventText.startsWith("death from ") ? cl.cause : null;
}

/**
 * A table of the cure model's own numbers (coefficients, profiles) carries the verdict in its title when the model's cure
 * fraction is not a finding, so the CSV's title line carries it too (referee s12 A10).
 */
function notFindingTitle(c: CureStepResult, title: string): string {
  return [c.overall, ...c.groups].some(cureNotFinding) ? msg().longTerm.cureTableNotSupported(title) : title;
}

/**
 * Cure fraction overall and per group, with the follow-up checks that say whether "cure" is meaningful. When a group's
 * fraction is not a finding (the model and the data disagree), the Kaplan–Meier estimate at the end of follow-up with
 * its CI, an upper bound on the proportion cured, leads and the model's fraction comes second, labelled as not
 * supported (referee s12 A15).
 */
export function cureFractionTable(c: CureStepResult): ReportTable {
  const t = msg().longTerm;
  const lvl = fmtNum(100 * c.fit.options.confLevel, 0);
  const groups = [c.overall, ...c.groups];
  const kmFirst = groups.some(cureNotFinding);
  const cured = (g: CureStepResult["overall"]): string => {
    // a group without events has no information on its cure fraction (the model pushes it to 100%)
    if (g.events === 0) return t.ctNotEstimable;
    const v = Number.isFinite(g.cureFraction.lower) ? `${pc(g.cureFraction.estimate)} (${pc(g.cureFraction.lower)}–${pc(g.cureFraction.upper)})` : pc(g.cureFraction.estimate);
    return cureNotFinding(g) ? t.ctNotSupported(v) : v;
  };
  const kmEnd = (g: CureStepResult["overall"]): string => {
    const km = g.kmAtEnd ?? null;
    if (km === null) return g.kmPlateau === null ? "–" : pc(g.kmPlateau);
    return Number.isFinite(km.lower) && Number.isFinite(km.upper) ? `${pc(km.surv)} (${pc(km.lower)}–${pc(km.upper)})` : pc(km.surv);
  };
  const rows = groups.map((g) => [
    g.name,
    String(g.n),
    String(g.events),
    ...(kmFirst ? [kmEnd(g)] : []),
    cured(g),
    g.followUp === null ? "–" : fmtNum(g.followUp.plateauLength, 1),
    g.followUp === null ? "–" : String(g.followUp.nCensoredOnPlateau),
    g.followUp === null ? "–" : formatP(g.followUp.mallerZhou.pValue),
    ...(kmFirst ? [] : [g.kmPlateau === null ? "–" : pc(g.kmPlateau)]),
    g.followUp === null ? "–" : t.ctVerdict(g.followUp.verdict, String(g.followUp.mallerZhou.nEventsInInterval)),
    `${fmtNum(g.fitCheck.maxDistance, 3)}${g.fitCheck.withinBand ? "" : t.ctOutsideBand}`,
  ]);
  const model = c.fit.method === "ph-mixture-cure-em" ? t.ctModelEm(String(c.fit.bootstrap.replicates)) : t.ctModelMl(engineText(c.latencyLabel));
  return {
    title: t.ctTitle,
    headers: [
      [
        t.ctGroup,
        "n",
        t.ctEvents,
        ...(kmFirst ? [t.ctKmEndCi(lvl), t.ctCuredModel(lvl)] : [t.ctCured(lvl)]),
        t.ctPlateau(msg().unit(c.unit)),
        t.ctBeyond,
        t.ctMallerZhou,
        ...(kmFirst ? [] : [t.ctKmLast]),
        t.ctFollowUp,
        t.ctDistance,
      ],
    ],
    rows,
    footnotes: [
      ...(kmFirst ? [t.ctFootNotFinding] : []),
      t.ctFootCured(model, cureProbability(c), engineText(c.claims.populationText)),
      ...(causeOfDeath(c) === null ? [] : [t.cureKmCauseSpecific(causeOfDeath(c)!)]),
      t.ctFootPlateau,
      t.ctFootDistance(String(c.overall.fitCheck.band.replicates), String(c.overall.fitCheck.band.seed), groups.some((g) => !g.fitCheck.withinBand)),
    ],
  };
}

/** Latencies compared by AIC on the same patients, the chosen one marked, beside the nonparametric plateau. */
export function cureLatencyTable(c: CureStepResult): ReportTable | null {
  const cmp = c.latencyComparison;
  if (cmp === undefined) return null;
  const t = msg().longTerm;
  const rows = cmp.rows.map((r) => [
    `${engineText(r.label)}${r.chosen ? t.clLowestAic : ""}${r.converged ? "" : t.clNotConverged}${c.fit.method !== "ph-mixture-cure-em" && c.latencyLabel === r.label ? t.clUsed : ""}`,
    fmtNum(r.loglik, 2),
    fmtNum(r.aic, 1),
    fmtNum(r.deltaAic, 1),
    Number.isFinite(r.cureFraction.lower) ? `${pc(r.cureFraction.estimate)} (${pc(r.cureFraction.lower)}–${pc(r.cureFraction.upper)})` : pc(r.cureFraction.estimate),
  ]);
  if (c.fit.method === "ph-mixture-cure-em") rows.push([t.clEmUsed, "–", "–", "–", pc(c.overall.cureFraction.estimate)]);
  if (c.overall.kmPlateau !== null) rows.push([t.clKm, "–", "–", "–", pc(c.overall.kmPlateau)]);
  return {
    title: t.clTitle,
    headers: [[t.clLatency, t.clLoglik, "AIC", "ΔAIC", t.clCured]],
    rows,
    footnotes: [t.clFootCriterion(engineText(cmp.criterion)), t.clFootKm],
  };
}

/** Cure fraction at covariate profiles (each level; quartiles of numeric covariates; the others at their means). */
export function cureProfilesTable(c: CureStepResult): ReportTable | null {
  const profiles = c.fit.cureFraction.profiles;
  if (profiles.length === 0) return null;
  const t = msg().longTerm;
  const lvl = fmtNum(100 * c.fit.options.confLevel, 0);
  return {
    title: notFindingTitle(c, t.cpTitle),
    headers: [[t.cpProfile, t.ctCured(lvl)]],
    rows: profiles.map((p) => [profileName(p.name), Number.isFinite(p.lower) ? `${pc(p.estimate)} (${pc(p.lower)}–${pc(p.upper)})` : pc(p.estimate)]),
    footnotes: [t.cpFoot],
  };
}

function coefRow(label: string, c: CureCoefficient, exp: (x: number) => number, lower: number, upper: number): string[] {
  return [label, fmtRatioCi(exp(c.estimate), lower, upper), formatP(c.p)];
}

/** Incidence (odds ratio of cure) and latency (hazard ratio among the uncured) coefficients. */
export function cureModelTable(c: CureStepResult): ReportTable {
  const t = msg().longTerm;
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const inc = c.fit.incidence.slice(1);
  const lat = c.fit.latency;
  if (inc.length > 0) {
    rows.push([t.cmIncidence, "", ""]);
    indented.push(false);
    // smcure models being UNCURED: the odds ratio of cure is exp(−γ), limits swapped
    for (const k of inc) {
      rows.push(coefRow(termLabel(c.incidenceLabels[k.name] ?? k.name), k, (x) => Math.exp(-x), Math.exp(-k.upper), Math.exp(-k.lower)));
      indented.push(true);
    }
  }
  const aft = c.fit.method === "lognormal-mixture-cure" || c.fit.method === "loglogistic-mixture-cure";
  if (lat.length > 0) {
    rows.push([aft ? t.cmLatencyTime : t.cmLatencyHazard, "", ""]);
    indented.push(false);
    lat.forEach((k, j) => {
      const label = termLabel(c.latencyLabels[k.name] ?? k.name);
      if (c.fit.method === "ph-mixture-cure-em") rows.push(coefRow(label, k, Math.exp, Math.exp(k.lower), Math.exp(k.upper)));
      else if (aft) {
        const r = c.fit.latencyTimeRatio[j];
        rows.push([label, fmtRatioCi(r.ratio, r.lower, r.upper), formatP(k.p)]);
      } else {
        const h = c.fit.latencyHazardRatio[j];
        rows.push([label, fmtRatioCi(h.hr, h.lower, h.upper), formatP(k.p)]);
      }
      indented.push(true);
    });
  }
  const perUnit = t.cmPerUnit(c.unit);
  const footnotes = [
    t.cmFootMixture,
    c.fit.method === "ph-mixture-cure-em"
      ? t.cmFootEm
      : aft
        ? t.cmFootAft(engineText(c.latencyLabel), fmtNum(c.fit.shape, 3), fmtNum(c.fit.lambda, 4), perUnit, lat.length > 0)
        : t.cmFootWeibull(fmtNum(c.fit.shape, 3), fmtNum(c.fit.lambda, 4), perUnit, lat.length > 0),
  ];
  return { title: notFindingTitle(c, t.cmTitleCure), headers: [[t.cmCovariate, t.cmRatio, "p"]], rows, footnotes, indented };
}

/** Coefficients of the prediction model with the baseline survival that completes it (TRIPOD 15a). */
export function predictionModelTable(p: PredictionStepResult): ReportTable {
  const t = msg().longTerm;
  const fit = p.validation.fit;
  const rows = fit.terms.map((term) => [termLabel(p.termLabels[term.name] ?? term.name), term.coef === null ? "–" : fmtNum(term.coef, 4), fmtRatioCi(term.hr, term.lower, term.upper), formatP(term.p)]);
  const nom = p.validation.nomogram;
  const footnotes = [t.pmFootFit(String(p.validation.n), String(p.validation.nEvent), p.validation.nDropped > 0 ? String(p.validation.nDropped) : null)];
  if (nom) footnotes.push(t.pmFootFormula(p.endpointLabel, fmtNum(p.time, p.time % 1 === 0 ? 0 : 1), msg().unit(p.unit), fmtNum(nom.baselineSurv, 4), fmtNum(nom.centre, 4)));
  return { title: t.pmTitle, headers: [[t.cmCovariate, t.pmCoefficient, t.pmHr, "p"]], rows, footnotes };
}

/** Discrimination and calibration, apparent and corrected for optimism (TRIPOD items 10d and 16). */
export function predictionPerformanceTable(p: PredictionStepResult): ReportTable {
  const lt = msg().longTerm;
  const v = p.validation;
  const opt = v.optimism;
  const idx = (name: string) => opt?.indices.find((i) => i.name === name);
  const t = fmtNum(p.time, p.time % 1 === 0 ? 0 : 1);
  const unit = msg().unit(p.unit);
  const line = (label: string, apparent: number | null | undefined, name: string, digits = 3): string[] => {
    const i = idx(name);
    return [label, fmtNum(apparent ?? null, digits), ...(opt ? [fmtNum(i?.optimism ?? null, digits), fmtNum(i?.corrected ?? null, digits)] : [])];
  };
  const rows = [
    line(lt.ppHarrell, v.harrell.value, "harrellC"),
    line(lt.ppUno(fmtNum(v.options.tau ?? Number.NaN, 0), unit), v.uno.value, "unoC"),
    line(lt.ppAuc(t, unit), v.auc?.auc, "auc"),
    line(lt.ppSlope, opt ? 1 : v.calibration?.slope.slope, "slope"),
    line(lt.ppCitl, v.calibrationIntercept.intercept, "intercept"),
  ];
  const footnotes = [lt.ppFootIndices(t, unit)];
  if (opt) footnotes.push(lt.ppFootOptimism(String(opt.B)));
  else footnotes.push(lt.ppFootApparent);
  return { title: lt.ppTitle, headers: [[lt.ppIndex, lt.ppApparent, ...(opt ? [lt.ppOptimism, lt.ppCorrected] : [])]], rows, footnotes };
}

/** Predicted versus observed survival at the horizon by risk group. */
export function calibrationTable(p: PredictionStepResult): ReportTable | null {
  const cal = p.validation.calibration;
  if (cal === null) return null;
  const lt = msg().longTerm;
  const t = fmtNum(p.time, p.time % 1 === 0 ? 0 : 1);
  const unit = msg().unit(p.unit);
  // the bias-corrected groups are the same patients in rms's order (highest risk first)
  const cc = p.validation.calibrationCorrected;
  const corrected = cc !== null && cc.groups.length === cal.groups.length ? [...cc.groups].reverse() : null;
  const footnotes = [lt.ctFootGroups(String(cal.options.nGroups), t, unit, fmtNum(cal.slope.slope, 2))];
  if (corrected) footnotes.push(lt.ctFootBias(String(cc?.B)));
  return {
    title: lt.ctTitleCal(t, unit),
    headers: [[lt.ctRiskGroup, "n", lt.ctEvents, lt.ctPredicted, lt.ctObserved, ...(corrected ? [lt.ctBiasCorrected] : [])]],
    rows: cal.groups.map((g, k) => [
      String(g.group),
      String(g.n),
      String(g.events),
      pc(g.predicted),
      g.observed === null ? lt.ctNotFollowed : fmtSurvivalPercent(g.observed, g.lower, g.upper),
      ...(corrected ? [corrected[k].observedCorrected === null ? "–" : pc(corrected[k].observedCorrected as number)] : []),
    ]),
    footnotes,
  };
}

/** Cause-specific Cox and Fine–Gray hazard ratios per cause. */
export function causeModelsTable(cr: CompetingStepResult): ReportTable | null {
  // causes whose models were refused for too few events per parameter (src/study/epv.ts) keep their place
  const refused = new Map<number, string>();
  for (const r of cr.refused ?? []) if (r.epv.message !== null) refused.set(r.cause, r.epv.message);
  if (cr.models.length === 0 && refused.size === 0) return null;
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const causes = [...new Set([...cr.models.map((m) => m.cause), ...refused.keys()])].sort((a, b) => a - b);
  for (const k of causes) {
    const m = cr.models.find((x) => x.cause === k);
    if (m === undefined) {
      const why = engineText(refused.get(k)!);
      rows.push([cr.causeLabels[k - 1] ?? `cause ${k}`, why, "", why, ""]);
      indented.push(false);
      continue;
    }
    rows.push([m.label, "", "", "", ""]);
    indented.push(false);
    m.causeSpecific.fit.terms.forEach((t, j) => {
      const fg = m.fineGray?.terms[j];
      rows.push([termLabel(m.termLabels[t.name] ?? t.name), fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p), fg ? fmtRatioCi(fg.shr, fg.lower, fg.upper) : "–", fg ? formatP(fg.p) : ""]);
      indented.push(true);
    });
  }
  const t = msg().longTerm;
  return {
    title: t.cmTitle,
    headers: [[t.cmCauseCovariate, t.cmCauseSpecific, "p", t.cmSubdistribution, "p"]],
    rows,
    indented,
    footnotes: [t.cmFootModels, ...(refused.size > 0 ? [t.cmFootRefused(String(cr.refused![0].epv.epvFloor))] : [])],
  };
}

/** Recurrent-event models side by side: hazard ratios with robust (patient-clustered) CIs. */
export function recurrentModelsTable(rec: RecurrentStepResult): ReportTable | null {
  const models = rec.models;
  if (models.length === 0) return null;
  const first = models[0].result.fit;
  const rows = first.terms.map((t, j) => [
    termLabel(models[0].termLabels[t.name] ?? t.name),
    ...models.flatMap((m) => {
      const u = m.result.fit.terms[j];
      return u === undefined ? ["–", ""] : [fmtRatioCi(u.hr, u.lower, u.upper), formatP(u.p)];
    }),
  ]);
  const tx = msg().longTerm;
  return {
    title: tx.rmTitle(rec.label),
    headers: [[tx.rmCovariate, ...models.flatMap((m) => [tx.rmHr(m.label), "p"])]],
    rows,
    footnotes: [tx.rmFootFollowUp(String(rec.nEvents), String(rec.nPatients), rec.population?.fromTreatment === true, rec.endpoint), ...models.map((m) => tx.rmFootModel(m.label, m.result.rCall.split("  #")[0], m.model === "ag" ? "ag" : m.model === "pwp-total" ? "pwp-total" : "pwp-gap"))],
  };
}

/** Patients by number of recurrent events. */
export function recurrentCountsTable(rec: RecurrentStepResult): ReportTable {
  const tx = msg().longTerm;
  return {
    title: tx.rcTitle(rec.label),
    headers: [[tx.rcEvents, tx.rcPatients]],
    rows: rec.eventsPerPatient.map((e) => [String(e.count), String(e.patients)]),
    // the events by their label, not the date columns (referee B1)
    footnotes: [tx.rcFoot(rec.label, rec.indexOperation !== null && !rec.indexOperation.counted ? rec.indexOperation.column : null)],
  };
}
