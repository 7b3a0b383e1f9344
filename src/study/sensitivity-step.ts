/**
 * The study's sensitivity analyses (analyses.sensitivity; docs/spec.md): how strong an unmeasured
 * confounder would have to be to explain the primary estimate away (E-value, bias analysis over a grid),
 * how large a hidden bias the PS-matched pairs tolerate (Rosenbaum bounds for censored pairs), whether the
 * treatment is associated with a cause of death it cannot affect (negative-control outcome), and whether
 * the prediction model had enough patients (Riley criteria). Engines in src/sensitivity/; runs after the
 * primary analysis is resolved (it reads the primary estimate). Pure: no I/O.
 */
import { predictionCohort } from "./prediction-population.js";
import { SurvinferError } from "../errors.js";
import { findColumn } from "../data/table.js";
import { cellLabel } from "../data/validate.js";
import { modelMatrix } from "../formula/model-matrix.js";
import { kaplanMeier } from "../survival/kaplan-meier.js";
import { eValueFromSurvival, type EValueFromSurvivalResult } from "../causal/evalue.js";
import { biasAnalysis, type BiasAnalysisResult } from "../sensitivity/bias-analysis.js";
import { rosenbaumCensoredPairs, rosenbaumPairOrder, rosenbaumStatusAt, type CensoredPairs, type PairOrderCounts, type StatusAtCounts, type SurvivalDirection } from "../sensitivity/censored-pairs.js";
import type { RosenbaumResult } from "../sensitivity/rosenbaum.js";
import { rileySampleSizeForModel, type ModelSampleSizeResult } from "../sensitivity/sample-size.js";
import type { SensitivitySpec } from "../sensitivity/spec-schema.js";
import { effectsStep } from "./effects-step.js";
import { immortalCohort } from "./immortal-time/cohort.js";
import { immortalTimeOptions } from "./immortal-time/options.js";
import { cloneCensorWeightStep } from "./immortal-time/ccw.js";
import { ESTIMABILITY_CODES } from "./not-estimable.js";
import { minEventsOf } from "./effect-flags.js";
import { analysisTable, covariateTerms } from "./model-terms.js";
import type { PreparedStudy } from "./prepare.js";
import type { PrimaryAnalysis } from "./primary.js";
import type { StudyResults } from "./run.js";
import type { StudySpec } from "./schema.js";
import { causeIssues, NEGATIVE_CONTROL_NEEDS_EFFECTS, specRuleError } from "./spec-rules.js";

/** The primary estimate the sensitivity analyses are about. */
export interface SensitivityPrimary {
  readonly id: string;
  readonly label: string;
  readonly section: string;
  readonly hr: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
  readonly events: number;
  /** The estimate's flags (too few events, balance worsened; src/study/effect-flags.ts), carried into every part that uses it. */
  readonly flags?: readonly string[];
  /**
   * True when the estimate is clone–censor–weight's per-protocol HR and its bootstrap distribution is not centred on it
   * (the design's own warning; the HR itself may be off, and its E-value with it). Absent otherwise (referee s12 A6).
   */
  readonly bootstrapOffCentre?: boolean;
}

export interface SensitivityRosenbaum {
  /** Matched pairs (1:1) with the outcome known for both members; patients = 2 × pairs. */
  readonly nPairs: number;
  readonly n: number;
  readonly direction: SurvivalDirection;
  /** Paired Prentice–Wilcoxon test (the main bound). */
  readonly prenticeWilcoxon: RosenbaumResult;
  /** Sign test on the pairs with a known order of death (Gehan). */
  readonly pairOrder: RosenbaumResult & { readonly counts: PairOrderCounts };
  /** McNemar-type bound on death by a time; null without a time. */
  readonly statusAt: (RosenbaumResult & { readonly counts: StatusAtCounts }) | null;
  /** Set when the matched comparison itself is biased by design (immortal time). */
  readonly caveat: string | null;
  /** Set when matching worsened covariate balance: the pairs are not confounding-adjusted (src/study/effect-flags.ts). */
  readonly flag?: string | null;
}

export interface SensitivityNegativeControl {
  readonly endpoint: string;
  readonly cause: string;
  /** The treatment-effect estimate id used (the primary's when it is in the treatment-effect table). */
  readonly estimateId: string;
  readonly label: string;
  readonly method: string;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
  readonly n: number;
  /** Events of the negative-control cause (patients). */
  readonly events: number;
  /**
   * Clone events per strategy when estimated by the primary's clone–censor–weight design (treatment strategy first), and
   * how many deaths count in both (a death within the grace period, before any treatment); absent otherwise (referee s12
   * A1, A11).
   */
  readonly eventsByStrategy?: readonly { readonly label: string; readonly events: number }[];
  readonly eventsInBoth?: number;
  /** What the result suggests, in one sentence. */
  readonly interpretation: string;
}

export interface SensitivityStepResult {
  readonly endpoint: string;
  readonly primary: SensitivityPrimary | null;
  readonly eValue: (EValueFromSurvivalResult & { readonly n: number }) | null;
  readonly rosenbaum: SensitivityRosenbaum | null;
  readonly biasAnalysis: (BiasAnalysisResult & { readonly n: number }) | null;
  readonly negativeControl: SensitivityNegativeControl | null;
  readonly sampleSize: (ModelSampleSizeResult & { readonly model: string; readonly horizon: number }) | null;
  /** Parts that did not run and why, in words. */
  readonly notRun: readonly { readonly part: string; readonly reason: string }[];
  readonly warnings: string[];
}

/** The primary estimate as numbers, from the section that holds it. */
function primaryEstimate(analyses: StudyResults["analyses"], primary: PrimaryAnalysis): SensitivityPrimary | null {
  if (primary.id === null || primary.section === null) return null;
  const c = primary.candidates.find((x) => x.id === primary.id && x.section === primary.section);
  const flags = c?.flag ? { flags: c.flag.split("; ") } : {};
  if (primary.section === "effects") {
    const e = analyses.effects?.estimates.find((x) => x.id === primary.id);
    if (e === undefined || e.hr === null || e.lower === null || e.upper === null) return null;
    return { id: e.id, label: e.label, section: "effects", hr: e.hr, lower: e.lower, upper: e.upper, n: e.n, events: e.nEvents, ...flags };
  }
  const est = c?.estimate;
  if (c === undefined || est === undefined || est.hr === null || est.lower === null || est.upper === null) return null;
  const offCentre = c.id === "cloneCensorWeight" && analyses.immortalTime?.cloneCensorWeight?.hazardRatio?.bootstrap?.bootstrapOffCentre === true ? { bootstrapOffCentre: true } : {};
  return { id: c.id, label: c.label, section: c.section, hr: est.hr, lower: est.lower, upper: est.upper, n: est.n, events: est.events, ...flags, ...offCentre };
}

/** Kaplan–Meier survival of all analysed patients at the last follow-up time. */
function survivalAtEnd(study: PreparedStudy, endpoint: string): number {
  const ep = study.endpoints.get(endpoint)!;
  const km = kaplanMeier({ time: ep.derived.time, status: ep.derived.status });
  const s = km.strata[0].surv;
  return s.length === 0 ? 1 : s[s.length - 1];
}

/** 1:1 matched pairs of the propensity step, with each member's time and status on the outcome endpoint. */
function matchedPairs(study: PreparedStudy, analyses: StudyResults["analyses"], endpoint: string): { pairs: CensoredPairs; nSets: number; dropped: number } | string {
  const m = analyses.propensity?.analysis.matching;
  if (m === undefined) return "needs PS matching (analyses.propensity.matching)";
  const o = m.result.options;
  if (o.ratio !== 1) return `needs 1:1 matched pairs; the matching is 1:${o.ratio} (bounds for matched sets are not implemented)`;
  if (o.replace) return "needs matched pairs without replacement (a control used twice makes pairs dependent)";
  const ep = study.endpoints.get(endpoint)!;
  const rowOfId = new Map<string, number>();
  study.ids.forEach((id, i) => rowOfId.set(id, i));
  const kOfRow = new Map<number, number>();
  ep.derived.included.forEach((i, k) => kOfRow.set(i, k));
  const tt: number[] = [];
  const td: number[] = [];
  const ct: number[] = [];
  const cd: number[] = [];
  let dropped = 0;
  for (const set of m.result.matched) {
    const kt = kOfRow.get(rowOfId.get(set.treated) ?? -1);
    const kc = kOfRow.get(rowOfId.get(set.controls[0]) ?? -1);
    if (kt === undefined || kc === undefined) {
      dropped++;
      continue;
    }
    tt.push(ep.derived.time[kt]);
    td.push(ep.derived.status[kt]);
    ct.push(ep.derived.time[kc]);
    cd.push(ep.derived.status[kc]);
  }
  if (tt.length === 0) return "no matched pair has the outcome for both members";
  return { pairs: { treatedTime: tt, treatedStatus: td, controlTime: ct, controlStatus: cd }, nSets: m.result.matched.length, dropped };
}

/** Indicator of the named cause among the endpoint's patients with an event (others censored). */
function causeIndicator(study: PreparedStudy, spec: StudySpec, endpoint: string, cause: string): Int32Array {
  const causes = spec.endpoints[endpoint]?.causes;
  const values = causes?.values[cause];
  // the endpoint lists its causes and this one among them: checked before any computation (study/spec-rules.ts)
  if (causes === undefined || values === undefined) {
    const path = ["analyses", "sensitivity", "negativeControl"];
    throw specRuleError(causeIssues(spec, endpoint, cause, [...path, "cause"], path, "the negative control", "listed")[0]);
  }
  const col = findColumn(study.table, causes.column);
  if (col === undefined) throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: `endpoints.${endpoint}.causes.column`, message: `the data file ${study.table.source.file} has no column ${JSON.stringify(causes.column)}` });
  const wanted = new Set((Array.isArray(values) ? values : [values]).map((x) => (typeof x === "boolean" ? (x ? "TRUE" : "FALSE") : String(x))));
  const listed = new Set(Object.values(causes.values).flatMap((v) => (Array.isArray(v) ? v : [v])).map((x) => (typeof x === "boolean" ? (x ? "TRUE" : "FALSE") : String(x))));
  const ep = study.endpoints.get(endpoint)!;
  return Int32Array.from(ep.derived.included, (i, k) => {
    if (ep.derived.status[k] === 0) return 0;
    const text = cellLabel(col, i);
    if (!listed.has(text)) {
      const row = study.table.rowNumbers[i];
      throw new SurvinferError({ code: "DATA_INVALID_CAUSE", file: study.table.source.file, row, column: causes.column, value: text, message: `row ${row}: ${text === "" ? "the cause is missing" : `cause ${JSON.stringify(text)} is not listed under endpoints.${endpoint}.causes.values`}, but the patient has an event`, hint: `Listed causes: ${[...listed].map((v) => JSON.stringify(v)).join(", ")}` });
    }
    return wanted.has(text) ? 1 : 0;
  });
}

/** A ratio as the report's tables print it (2 decimals; 2 significant digits below 0.1), so sentence and table agree (referee s12 B1). */
function ratioText(x: number): string {
  return x > 0 && x < 0.1 ? String(Number(x.toPrecision(2))) : x.toFixed(2);
}

/**
 * One sentence on what the negative-control HR suggests; without an HR, why: the cause's events by group (`byGroup`).
 * Below `minEvents` deaths from the cause the check is uninformative whatever its interval (referee s12 A1): said so,
 * with the point estimate's direction in neutral words, never as reassurance. `inBoth`: deaths counted in both
 * strategies of a clone–censor–weight design (null for another design).
 */
function negativeControlSentence(hr: number | null, lower: number | null, upper: number | null, cause: string, events: number, minEvents: number, inBoth: number | null, byGroup = ""): string {
  if (hr === null || lower === null || upper === null) return `The association with ${cause.toLowerCase()} could not be estimated${byGroup === "" ? "" : `: ${byGroup}`}.`;
  const ci = `HR ${ratioText(hr)}, 95% CI ${ratioText(lower)}–${ratioText(upper)}`;
  if (events < minEvents) {
    const both = inBoth === null || inBoth === 0 ? "" : `, ${inBoth} of them within the grace period and counted in both strategies`;
    const way = hr < 1 ? `lies below 1 (fewer deaths from ${cause.toLowerCase()} with treatment)` : hr > 1 ? `lies above 1 (more deaths from ${cause.toLowerCase()} with treatment)` : "is 1";
    return `Uninformative: ${events} deaths from ${cause.toLowerCase()}${both}, fewer than ${minEvents} (analyses.safeguards.minEvents); this check can neither show nor exclude residual confounding. The point estimate (${ci}) ${way}.`;
  }
  if (lower > 1 || upper < 1) {
    return `The treatment is associated with ${cause.toLowerCase()}, which it cannot plausibly affect (${ci}): this suggests residual confounding or selection (for example fitter patients chosen for treatment, or immortal time), so the primary estimate is likely biased in the same direction.`;
  }
  return `No clear association with ${cause.toLowerCase()} (${ci}): no sign of residual confounding from this check, though a wide interval cannot rule it out.`;
}

/** How the negative control by the primary's clone–censor–weight design is estimated (results.json `method`). */
export const NC_CCW_METHOD =
  "clone–censor–weight as in the primary analysis (the same clones, censoring models and weights; per-protocol hazard ratio from the weighted Cox model of the clones, robust SE clustered on the patient; no bootstrap)";

/**
 * The negative control by the primary's own design when that design is clone–censor–weight ("adjusted as the primary",
 * docs/spec.md; referee s12 A1): the primary's cohort, clones, deviations and censoring models, with death from the cause
 * as the event and other deaths censored (a cause-specific per-protocol HR). Only the event differs from the primary:
 * the deviations, and so the censoring models, do not depend on the outcome; the weights are evaluated at the cause's
 * death times. A string when the design cannot be formed (then not run, with that reason).
 */
function ccwNegativeControl(study: PreparedStudy, spec: StudySpec, ncEndpoint: string, nc: NonNullable<SensitivitySpec["negativeControl"]>, label: string, indicator: Int32Array): SensitivityNegativeControl | string {
  const c = immortalCohort(study, spec, ncEndpoint);
  const o = c === undefined ? undefined : immortalTimeOptions(spec, c);
  const cw = o?.cloneCensorWeight ?? null;
  if (c === undefined || o === undefined || cw === null) return `the primary design (${label}) cannot be formed on endpoint ${ncEndpoint} (no treatment date or no date origin)`;
  const res = cloneCensorWeightStep(study, spec, { ...c, status: indicator }, o.covariates, { ...cw, bootstrap: 0 }, [], undefined);
  const h = res.hazardRatio;
  const events = res.patientEvents;
  const [treat, control] = res.arms;
  const cause = nc.cause.toLowerCase();
  // a patient's death counts in each strategy whose clone is still uncensored: both for a death within the grace period
  const inBoth = treat.events + control.events - events;
  const byArm = `${events} deaths from ${cause}, ${treat.events} counted in the strategy "${treat.label}" and ${control.events} in "${control.label}" (a death before the end of the grace period counts in both)`;
  return {
    endpoint: ncEndpoint,
    cause: nc.cause,
    estimateId: "cloneCensorWeight",
    label,
    method: NC_CCW_METHOD,
    hr: h?.hr ?? null,
    lower: h?.lower ?? null,
    upper: h?.upper ?? null,
    p: h?.p ?? null,
    n: treat.clones,
    events,
    // named as the primary's strategies are ("Pulmonary metastasectomy within 6 months", ccw.ts strategyLabels)
    eventsByStrategy: [
      { label: res.strategyLabels[0], events: treat.events },
      { label: res.strategyLabels[1], events: control.events },
    ],
    eventsInBoth: inBoth,
    interpretation: negativeControlSentence(h?.hr ?? null, h?.lower ?? null, h?.upper ?? null, nc.cause, events, minEventsOf(spec), inBoth, byArm),
  };
}

/**
 * The negative-control outcome "adjusted as the primary" (docs/spec.md): by the primary's clone–censor–weight design when
 * that is the primary; else by the treatment-effect table's row of the primary (or its default row). A string (the
 * reason it is not run) when the only comparison available is biased by design: with immortal time, every death from the
 * cause before treatment counts against the untreated, so the check would show that bias, not residual confounding
 * (referee s12 A1), as the Rosenbaum bounds are refused.
 */
function negativeControlStep(study: PreparedStudy, spec: StudySpec, endpoint: string, primary: PrimaryAnalysis, nc: NonNullable<SensitivitySpec["negativeControl"]>): SensitivityNegativeControl | string {
  const ncEndpoint = nc.endpoint ?? endpoint;
  if (study.endpoints.get(ncEndpoint) === undefined) {
    throw new SurvinferError({ code: "SPEC_INVALID", path: "analyses.sensitivity.negativeControl.endpoint", message: `endpoint "${ncEndpoint}" is not defined under endpoints`, hint: `defined: ${Object.keys(spec.endpoints).join(", ")}` });
  }
  const indicator = causeIndicator(study, spec, ncEndpoint, nc.cause);
  if (primary.id === "cloneCensorWeight" && primary.section === "immortal-time") return ccwNegativeControl(study, spec, ncEndpoint, nc, primary.label ?? primary.id, indicator);
  const ep = study.endpoints.get(ncEndpoint)!;
  const name = `${ncEndpoint}:${nc.cause}`;
  const endpoints = new Map(study.endpoints);
  endpoints.set(name, { ...ep, name, label: nc.cause, derived: { ...ep.derived, status: indicator } });
  // the treatment-effect table's own code, on the cause-specific endpoint (other causes censored); no bootstrap, no survival contrasts
  const p = spec.analyses.propensity;
  const quiet: StudySpec = { ...spec, analyses: { ...spec.analyses, km: undefined, rmst: undefined, propensity: p === undefined ? undefined : { ...p, bootstrap: undefined } } };
  const res = effectsStep({ ...study, endpoints }, quiet, name);
  if (res === undefined) throw new SurvinferError({ code: "SPEC_INVALID", path: "analyses.sensitivity.negativeControl", message: NEGATIVE_CONTROL_NEEDS_EFFECTS });
  if (res.biasedByDesign != null) {
    const design = primary.section === "immortal-time" && primary.label !== null ? `; the primary design (${primary.label}) has no cause-specific version here` : "";
    return `the only cause-specific comparison available compares patients by treatment ever received from the origin and is biased by design (${res.biasedByDesign})${design}: a death from the cause before treatment counts among the untreated by construction, so the check would show that bias, not residual confounding`;
  }
  // "adjusted as the primary": the primary's id when it is a row of the treatment-effect table, else the table's default
  const order = (primary.section === "effects" || primary.section === "missing") && primary.id !== null ? [primary.id] : ["weightedMEstimation", "weighted", "matched", "multivariable", "crude"];
  const e = order.map((id) => res.estimates.find((x) => x.id === id)).find((x) => x !== undefined)!;
  let events = 0;
  for (const v of indicator) events += v;
  // the cause's events by treatment group: a group without any makes the HR not estimable (monotone likelihood)
  const t = study.treatment;
  const byGroup = (() => {
    if (t === undefined) return "";
    const n = [0, 0];
    ep.derived.included.forEach((i, k) => {
      const c = t.codes[i];
      if (indicator[k] === 1 && (c === 0 || c === 1)) n[c]++;
    });
    const label = (level: string): string => spec.labels?.[t.column]?.[level] ?? level;
    return `${events} deaths from ${nc.cause.toLowerCase()}, ${n[1]} among the treated (${label(t.levels[1])}) and ${n[0]} among the untreated (${label(t.levels[0])})`;
  })();
  return {
    endpoint: ncEndpoint,
    cause: nc.cause,
    estimateId: e.id,
    label: e.label,
    method: e.method,
    hr: e.hr,
    lower: e.lower,
    upper: e.upper,
    p: e.p,
    n: e.n,
    events,
    interpretation: negativeControlSentence(e.hr, e.lower, e.upper, nc.cause, events, minEventsOf(spec), null, byGroup),
  };
}

function sampleSizeStep(study: PreparedStudy, spec: StudySpec, s: Exclude<SensitivitySpec["sampleSize"], false>, analyses: StudyResults["analyses"]): NonNullable<SensitivityStepResult["sampleSize"]> | string {
  const a = spec.analyses.prediction;
  const pred = analyses.prediction;
  if (a === undefined || pred === undefined) return "needs a prediction model (analyses.prediction)";
  const ep = study.endpoints.get(a.endpoint)!;
  // the patients and covariates the prediction model was fitted to (its population; diverging terms left out)
  const table = predictionCohort(study, spec, a.endpoint, ep, analysisTable(study, spec, ep)).table;
  const terms = covariateTerms(spec, table);
  const names = [...pred.covariates];
  const mm = modelMatrix(table, `Surv(.time, .status) ~ ${names.map((n) => terms.term(n)).join(" + ")}`, { reference: terms.reference, dropIntercept: true });
  if (mm.response?.kind !== "Surv") return "the prediction model has no survival response";
  let personTime = 0;
  let events = 0;
  for (let k = 0; k < mm.response.time.length; k++) {
    personTime += mm.response.time[k];
    events += mm.response.status[k] > 0 ? 1 : 0;
  }
  const fit = pred.validation.fit;
  const lr = 2 * (fit.loglik[1] - fit.loglik[0]);
  const horizon = s.horizon ?? a.time;
  const res = rileySampleSizeForModel({ n: mm.response.time.length, events, personTime, parameters: mm.nCols, lrStatistic: lr, horizon, shrinkage: s.shrinkage });
  return { ...res, model: `Cox prediction model of ${ep.label.toLowerCase()} on ${names.map((n) => terms.label(n)).join(", ")} in ${pred.population.description}`, horizon };
}

/**
 * Runs analyses.sensitivity, or returns undefined when the spec has none. `endpoint` is the outcome of the
 * treatment-effect analyses; `primary` the resolved primary analysis.
 */
export function sensitivityStep(study: PreparedStudy, spec: StudySpec, endpoint: string, analyses: StudyResults["analyses"], primary: PrimaryAnalysis): SensitivityStepResult | undefined {
  const s = spec.analyses.sensitivity;
  if (s === undefined) return undefined;
  const notRun: { part: string; reason: string }[] = [];
  const warnings: string[] = [];
  const prim = primaryEstimate(analyses, primary);
  const noPrimary = primary.id === null ? "no primary treatment-effect analysis qualifies (see the primary analysis)" : `the primary analysis (${primary.label ?? primary.id}) has no hazard ratio with confidence limits`;
  // an estimate biased by design gets no E-value, bias analysis or Rosenbaum bound: they measure unmeasured confounding,
  // not a bias built into the comparison (issue 19 point 4)
  const biasedPrimary = prim !== null && primary.biasedByDesign !== null ? `the primary analysis (${primary.label ?? primary.id}) is biased by design (${primary.biasedByDesign}): a measure of unmeasured confounding says nothing about a bias built into the comparison` : null;
  let eValue: SensitivityStepResult["eValue"] = null;
  if (s.eValue) {
    if (biasedPrimary !== null) notRun.push({ part: "eValue", reason: biasedPrimary });
    else if (prim === null) notRun.push({ part: "eValue", reason: noPrimary });
    else eValue = { ...eValueFromSurvival({ hr: prim.hr, lower: prim.lower, upper: prim.upper, survivalAtEnd: survivalAtEnd(study, endpoint) }), n: prim.n };
  }
  let bias: SensitivityStepResult["biasAnalysis"] = null;
  if (s.biasAnalysis !== false) {
    if (biasedPrimary !== null) notRun.push({ part: "biasAnalysis", reason: biasedPrimary });
    else if (prim === null) notRun.push({ part: "biasAnalysis", reason: noPrimary });
    else {
      const r = biasAnalysis({ hr: prim.hr, lower: prim.lower, upper: prim.upper }, s.biasAnalysis);
      bias = { ...r, n: prim.n };
      warnings.push(...r.warnings.map((w) => `bias analysis: ${w}`));
    }
  }
  let rosenbaum: SensitivityRosenbaum | null = null;
  if (s.rosenbaum !== false) {
    const rb = s.rosenbaum;
    const mp = matchedPairs(study, analyses, analyses.propensity?.endpoint ?? endpoint);
    if (typeof mp === "string") notRun.push({ part: "rosenbaum", reason: mp });
    else if (analyses.effects?.biasedByDesign != null) {
      notRun.push({ part: "rosenbaum", reason: `the matched pairs compare patients by treatment ever received from the origin and are biased by design (${analyses.effects.biasedByDesign}): a bound on hidden bias says nothing about a bias built into the comparison` });
    }
    else {
      // the direction the pairs point in (as rbounds tests the sign of the matched estimate): the one-sided
      // test whose p-value at Γ = 1 is at most 1/2
      const longer = rosenbaumCensoredPairs(mp.pairs, { gammas: rb.gammas, alpha: rb.alpha, direction: "treated-longer" });
      const direction: SurvivalDirection = longer.rows[0].pUpper <= 0.5 || Number.isNaN(longer.rows[0].pUpper) ? "treated-longer" : "treated-shorter";
      const opts = { gammas: rb.gammas, alpha: rb.alpha, direction };
      const time = rb.time ?? spec.analyses.km?.times.at(-1);
      const ppw = direction === "treated-longer" ? longer : rosenbaumCensoredPairs(mp.pairs, opts);
      const order = rosenbaumPairOrder(mp.pairs, opts);
      const statusAt = time === undefined ? null : rosenbaumStatusAt(mp.pairs, time, opts);
      if (mp.dropped > 0) warnings.push(`Rosenbaum bounds: ${mp.dropped} matched pairs without the outcome for both members left out`);
      warnings.push(...[...ppw.warnings, ...order.warnings, ...(statusAt?.warnings ?? [])].map((w) => `Rosenbaum bounds: ${w}`));
      // pairs biased by design are not bounded at all (above); `caveat` stays for results.json read by older reports
      const caveat = null;
      const worse = analyses.propensity?.balance.worsened?.find((w) => w.sample === "matched");
      const flag = worse === undefined ? null : `matching worsened covariate balance (largest |SMD| ${worse.maxAfter.toFixed(2)} against ${worse.maxBefore.toFixed(2)} unadjusted): the pairs are not confounding-adjusted, so these bounds concern hidden bias on top of measured confounding left in the pairs`;
      rosenbaum = { nPairs: mp.pairs.treatedTime.length, n: 2 * mp.pairs.treatedTime.length, direction, prenticeWilcoxon: ppw, pairOrder: order, statusAt, caveat, flag };
    }
  }
  let negativeControl: SensitivityNegativeControl | null = null;
  if (s.negativeControl !== undefined) {
    try {
      const r = negativeControlStep(study, spec, endpoint, primary, s.negativeControl);
      if (typeof r === "string") notRun.push({ part: "negativeControl", reason: r });
      else negativeControl = r;
      // an HR that could not be estimated is said where the reader looks first, not only in the section
      if (negativeControl !== null && negativeControl.hr === null) warnings.push(`negative control: ${negativeControl.interpretation}`);
      // an HR from a handful of deaths says little either way: said beside "no clear association" (referee s12 A1)
      const min = minEventsOf(spec);
      if (negativeControl !== null && negativeControl.hr !== null && negativeControl.events < min) warnings.push(`negative control: only ${negativeControl.events} deaths from ${negativeControl.cause.toLowerCase()}, fewer than ${min} (analyses.safeguards.minEvents): the hazard ratio and its interval are unstable, and an interval that contains 1 says little`);
    } catch (e) {
      // not estimable on these data (e.g. no death from the cause): said, the other parts kept; bad input still stops
      if (e instanceof SurvinferError && ESTIMABILITY_CODES.has(e.code)) notRun.push({ part: "negativeControl", reason: `not estimable: ${e.message} [${e.code}]` });
      else throw e;
    }
  }
  let sampleSize: SensitivityStepResult["sampleSize"] = null;
  if (s.sampleSize !== false) {
    try {
      const r = sampleSizeStep(study, spec, s.sampleSize, analyses);
      if (typeof r === "string") notRun.push({ part: "sampleSize", reason: r });
      else {
        sampleSize = r;
        warnings.push(...r.warnings.map((w) => `sample size: ${w}`));
      }
    } catch (e) {
      if (e instanceof SurvinferError && (e.code === "SAMPLE_SIZE_NO_SIGNAL" || e.code === "OPTION_INVALID")) notRun.push({ part: "sampleSize", reason: e.message });
      else throw e;
    }
  }
  return { endpoint, primary: prim, eValue, rosenbaum, biasAnalysis: bias, negativeControl, sampleSize, notRun, warnings };
}
