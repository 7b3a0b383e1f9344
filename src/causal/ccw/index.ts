/**
 * Target-trial emulation by clone–censor–weight (CCW) with a grace period, for a treatment given at a
 * time after time zero (e.g. pulmonary metastasectomy after the diagnosis of lung metastases).
 *
 * Algorithm (Hernán & Robins 2016, doi:10.1093/aje/kwv254; Hernán et al. 2016,
 * doi:10.1016/j.jclinepi.2016.04.014; Maringe et al. 2020, doi:10.1093/ije/dyaa057; docs/methods.md):
 *  1. clone every patient into "treatment within G" and "no treatment within G" (clone.ts);
 *  2. censor a clone when it deviates (treat arm: at G if untreated and still in follow-up; control arm: at
 *     the treatment time if treated within G);
 *  3. weight: per arm, Cox model of the time to deviation on baseline covariates; the weight of a clone at
 *     an outcome event time t is 1/K(t−|x) = exp(Λ₀(t−) e^{lp}) (stabilised: × K₀(t−)) (weights.ts);
 *  4. weighted Kaplan–Meier per arm, survival and RMST differences (treat − control) at chosen times,
 *     per-protocol HR from the weighted Cox of the strategy with robust SE clustered by patient;
 *  5. nonparametric bootstrap of the whole pipeline (resample patients, clone, refit the weights): the survival
 *     differences' interval is Wald with the larger of the bootstrap SD and the IJ SE (interval.ts largerSeWald; the
 *     percentile interval covered too little at 12 months, docs/validation.md), the RMST difference's and the HR's
 *     percentile (order statistics (B+1)α, interval.ts), the percentile limits kept for all; each estimate and
 *     each replicate also carries its analytic SE (IJ with the weights held fixed, influence.ts; robust for the HR),
 *     from which the bootstrap-t interval (interval.ts studentizedColumn) is formed, and each replicate's survival per
 *     arm (`bootstrap.armSurvival`), from which the MOVER interval (mover.ts; measured, not reported) is formed;
 *  6. weight diagnostics per strategy (diagnostics.ts): ESS and covariate balance of the clones still in follow-up
 *     after the grace period, weighted and unweighted, against all clones at time 0.
 * R equivalent: tools/oracle/ccw.R (data.table + survival: survSplit, coxph, basehaz, survfit); no R
 * package implements CCW. Deliberate differences from Maringe et al.'s code: the follow-up is not split
 * at every event time; risk sets are summed over runs of event times with equal weights (risk-sums.ts,
 * pooled-cox.ts: the same estimates in O(n log n + n·runs)); weights are not truncated.
 *
 * @example
 * ```ts
 * const res = cloneCensorWeight(
 *   { time, status, treatmentTime, x, p: 2, columnNames: ["age", "male"] },
 *   { grace: 6, times: [12, 36], tau: 60, bootstrap: { replicates: 200, seed: 1 } },
 * );
 * res.survivalDifference[0]; // { time: 12, estimate, lower, upper, se, note }
 * ```
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { SurvinferError, optionError } from "../../errors.js";
import { normalQuantile, normalTwoSidedP } from "../../math/distributions.js";
import { DEFAULT_MAX_FAILED_SHARE, replicateSeed } from "../bootstrap.js";
import { largerSeWald, quantile7, summariseColumn, type BootColumn } from "./interval.js";
import { ARM_LABELS, pipelineArmSurvival, pipelineStandardErrors, pipelineStatistics, runPipeline, statisticNames, type ArmEstimate, type PipelineSettings } from "./estimate.js";
import { DEFAULT_CENSORING } from "./weights.js";
import { clonesAtRisk } from "./curve.js";
import { ccwWeightDiagnostics } from "./diagnostics.js";
import type { CcwArm, CcwBootstrapSummary, CcwInput, CcwInterval, CcwOptions, CcwResult } from "./types.js";

export type * from "./types.js";

export const CCW_CONVENTIONS =
  "treated within the grace period G: treatment time A ≤ G and A ≤ T (treatment on the day of the event counts as treatment); " +
  "treat arm: untreated clones still in follow-up after G are censored at G, events up to G count in both arms; " +
  "control arm: clones treated within G are censored at A (an event on the day of treatment is not counted there), treatment after G is allowed; " +
  "weights are evaluated just before each event time (a deviation at t comes after an event at t)";

function inputError(message: string, value: unknown, hint: string): SurvinferError {
  return new SurvinferError({ code: "CCW_INPUT_INVALID", message, value: String(value), hint });
}

function validate(input: CcwInput, options: CcwOptions): PipelineSettings {
  const n = input.time.length;
  if (n < 2) throw inputError("clone–censor–weight needs at least 2 patients", n, "check the rows left after exclusions");
  for (const [name, arr] of [["status", input.status], ["treatmentTime", input.treatmentTime]] as const) {
    if (arr.length !== n) throw inputError(`${name} has ${arr.length} values for ${n} patients`, arr.length, "give one value per patient");
  }
  if (!Number.isInteger(input.p) || input.p < 0 || input.x.length !== n * input.p || input.columnNames.length !== input.p) {
    throw inputError(`covariates: x must hold n × p = ${n} × ${input.p} values and columnNames ${input.p} names`, input.x.length, "pass the model matrix column-major");
  }
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (!(Number.isFinite(t) && t > 0)) {
      throw inputError(`patient ${i + 1}: follow-up time must be a positive number`, t, "a follow-up of 0 (event or censoring on the day of time zero) can be moved half a day, as R's survival::heart does");
    }
    if (input.status[i] !== 0 && input.status[i] !== 1) throw inputError(`patient ${i + 1}: status must be 0 (censored) or 1 (event)`, input.status[i], "code the event as 1");
    const a = input.treatmentTime[i];
    if (a < 0 || a === Number.NEGATIVE_INFINITY) throw inputError(`patient ${i + 1}: treatment time is before time zero`, a, "check the treatment date against the date of time zero");
    for (let j = 0; j < input.p; j++) {
      const v = input.x[j * n + i];
      if (!Number.isFinite(v)) throw inputError(`patient ${i + 1}: covariate "${input.columnNames[j]}" is missing or not finite`, v, "exclude patients with missing covariates or impute them before the analysis");
    }
  }
  const g = options.grace;
  if (!(typeof g === "number" && Number.isFinite(g) && g > 0)) throw optionError("grace", "a positive number (the grace period, in the unit of time)", g);
  const times = options.times ?? [];
  for (const t of times) if (!(typeof t === "number" && Number.isFinite(t) && t > 0)) throw optionError("times", "positive numbers", times);
  const tau = options.tau ?? null;
  if (tau !== null && !(Number.isFinite(tau) && tau > 0)) throw optionError("tau", "a positive number", tau);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  const model = options.censoringModel ?? DEFAULT_CENSORING.model;
  if (model !== "cox" && model !== "piecewise") throw optionError("censoringModel", '"piecewise" or "cox"', model);
  const periods = options.censoringPeriods ?? DEFAULT_CENSORING.periods;
  if (!(Number.isInteger(periods) && periods >= 1 && periods <= 50)) throw optionError("censoringPeriods", "a whole number from 1 to 50", periods);
  const weights = options.weights ?? "unstabilized";
  if (weights !== "unstabilized" && weights !== "stabilized") throw optionError("weights", '"unstabilized" or "stabilized"', weights);
  const bal = options.balance;
  if (bal?.binary !== undefined && bal.binary !== "raw" && bal.binary !== "std") throw optionError("balance.binary", '"raw" or "std"', bal.binary);
  const b = options.bootstrap;
  if (b !== undefined) {
    if (!Number.isInteger(b.replicates) || b.replicates < 2) throw optionError("bootstrap.replicates", "an integer ≥ 2", b.replicates);
    if (b.seed !== undefined && !Number.isInteger(b.seed)) throw optionError("bootstrap.seed", "an integer", b.seed);
    const m = b.maxFailedShare;
    if (m !== undefined && !(m >= 0 && m < 1)) throw optionError("bootstrap.maxFailedShare", "a share in [0, 1), e.g. 0.1", m);
  }
  return { grace: g, times: [...times], tau, stabilized: weights === "stabilized", confLevel, censoring: { model, periods: model === "cox" ? 1 : periods } };
}

/** The input restricted to resampled patients `idx` (a patient drawn k times is k patients). */
export function resampleCcwInput(input: CcwInput, idx: Int32Array): CcwInput {
  const n0 = input.time.length;
  const n = idx.length;
  const x = new Float64Array(n * input.p);
  for (let j = 0; j < input.p; j++) for (let k = 0; k < n; k++) x[j * n + k] = input.x[j * n0 + idx[k]];
  return {
    time: Float64Array.from(idx, (i) => input.time[i]),
    status: Int32Array.from(idx, (i) => input.status[i]),
    treatmentTime: Float64Array.from(idx, (i) => input.treatmentTime[i]),
    x,
    p: input.p,
    columnNames: input.columnNames,
  };
}

/** Patients drawn with replacement for replicate r (xoroshiro128+ seeded with replicateSeed(seed, r)). */
export function ccwResampleIndices(n: number, seed: number, r: number): Int32Array {
  const rng = xoroshiro128plus(replicateSeed(seed, r) | 0);
  return Int32Array.from({ length: n }, () => uniformInt(rng, 0, n - 1));
}

/** The statistic vector (survival differences, RMST difference, log HR) of one run; NaN where not available. */
export function ccwStatistics(input: CcwInput, options: CcwOptions): number[] {
  const s = validate(input, options);
  return pipelineStatistics(runPipeline(input, s), s);
}

/** The analytic SEs of ccwStatistics' statistics (IJ SEs of the differences, robust SE of the log HR); NaN where not available. */
export function ccwStandardErrors(input: CcwInput, options: CcwOptions): number[] {
  const s = validate(input, options);
  return pipelineStandardErrors(runPipeline(input, s), s);
}

/** "survDifference@12" → "survival difference at 12", "rmstDifference" → "RMST difference", "logHR" → "hazard ratio". */
function statisticWords(name: string): string {
  if (name.startsWith("survDifference@")) return `survival difference at ${name.slice("survDifference@".length)}`;
  return name === "rmstDifference" ? "RMST difference" : "hazard ratio";
}

function median(values: Float64Array): number {
  const v = Array.from(values).sort((a, b) => a - b);
  return v.length === 0 ? Number.NaN : quantile7(v, 0.5);
}

function armResult(a: ArmEstimate): CcwArm {
  let deviations = 0;
  let events = 0;
  for (let i = 0; i < a.clones.tc.length; i++) {
    deviations += a.clones.dev[i];
    events += a.clones.status[i];
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const w of a.endWeights) {
    min = Math.min(min, w);
    max = Math.max(max, w);
  }
  return {
    strategy: a.strategy,
    label: ARM_LABELS[a.strategy],
    clones: a.clones.tc.length,
    deviations,
    events,
    censoringModel: a.censoringModel,
    weights: { min, median: median(a.endWeights), max },
    curve: a.curve,
    atRisk: clonesAtRisk(a.clones.tc),
    survival: a.survival,
    rmst: a.rmst,
  };
}

const expOrNull = (x: number | null): number | null => (x === null ? null : Math.exp(x));

/**
 * Clone–censor–weight estimate of "treatment within the grace period" vs "no treatment within the grace
 * period" (see the module comment for the algorithm, CCW_CONVENTIONS for the same-time rules).
 * Throws a SurvinferError (code CCW_INPUT_INVALID or OPTION_INVALID) for invalid input; everything a
 * reader must know about a valid analysis is in `warnings`.
 */
export function cloneCensorWeight(input: CcwInput, options: CcwOptions): CcwResult {
  const s = validate(input, options);
  const n = input.time.length;
  const est = runPipeline(input, s);
  const warnings = [...est.warnings];
  const [tr, co] = est.arms;
  for (const a of est.arms) {
    s.times.forEach((t, k) => {
      if (a.survival[k] === null) warnings.push(`survival at ${t} is not estimable in the arm "${ARM_LABELS[a.strategy]}": its follow-up ends at ${a.maxFollowUp}`);
    });
    if (s.tau !== null && a.rmst === null) warnings.push(`RMST up to ${s.tau} is not estimable in the arm "${ARM_LABELS[a.strategy]}": its follow-up ends at ${a.maxFollowUp}`);
    if (a.censoringModel === null) warnings.push(`no clone deviated in the arm "${ARM_LABELS[a.strategy]}": its weights are all 1`);
    else if (!a.censoringModel.converged) warnings.push(`the censoring model of the arm "${ARM_LABELS[a.strategy]}" did not converge: its weights are unreliable`);
  }
  let hrFit = est.hr;
  if (hrFit === null) warnings.push("the per-protocol hazard ratio could not be estimated: no events, or one strategy has no clone in follow-up at any event time");
  else if (!(hrFit.robustSe > 1e-8 * hrFit.naiveSe && Number.isFinite(hrFit.robustSe))) {
    warnings.push(`the per-protocol hazard ratio is not estimable: its robust standard error is ${hrFit.robustSe} (the two strategies' clones of each patient coincide at every event time, e.g. nobody was treated within the grace period)`);
    hrFit = null;
  } else {
    for (const w of hrFit.warnings) warnings.push(`per-protocol Cox model: ${w}`);
  }

  const stats = pipelineStatistics(est, s);
  const ses = pipelineStandardErrors(est, s);
  const names = statisticNames(s);
  let bootstrap: CcwBootstrapSummary | null = null;
  let cols: BootColumn[] | null = null;
  const b = options.bootstrap;
  if (b !== undefined) {
    const seed = b.seed ?? 1;
    const maxFailedShare = b.maxFailedShare ?? DEFAULT_MAX_FAILED_SHARE;
    const values: number[][] = [];
    const standardErrors: number[][] = [];
    const armSurvival: [number, number][][] = [];
    for (let r = 0; r < b.replicates; r++) {
      let row: number[];
      let seRow: number[];
      let armRow: [number, number][];
      try {
        const d = resampleCcwInput(input, ccwResampleIndices(n, seed, r));
        const e = runPipeline(d, s);
        row = pipelineStatistics(e, s);
        seRow = pipelineStandardErrors(e, s);
        armRow = pipelineArmSurvival(e, s);
      } catch {
        row = names.map(() => Number.NaN);
        seRow = names.map(() => Number.NaN);
        armRow = s.times.map(() => [Number.NaN, Number.NaN]);
      }
      values.push(row);
      standardErrors.push(seRow);
      armSurvival.push(armRow);
      b.onProgress?.(r + 1, b.replicates);
    }
    const failed = values.filter((row) => row.every((x) => Number.isNaN(x))).length;
    if (failed > 0) warnings.push(`${failed} of ${b.replicates} bootstrap replicates failed altogether and were left out`);
    cols = names.map((_, j) => summariseColumn(values, j, s.confLevel, maxFailedShare));
    cols.forEach((c, j) => {
      if (c.note !== null && Number.isFinite(stats[j])) warnings.push(`${statisticWords(names[j])}, clone–censor–weight: ${c.note}`);
    });
    bootstrap = { replicates: b.replicates, seed, maxFailedShare, failed, names, values, standardErrors, armSurvival };
  }
  const zq = normalQuantile(1 - (1 - s.confLevel) / 2);
  const none = { lower: null, upper: null, intervalMethod: null, intervalSe: null, percentileLower: null, percentileUpper: null, se: null } as const;
  // the survival differences (j < times): Wald with the larger of the bootstrap and IJ SEs; the RMST difference and the HR: percentile
  const interval = (j: number, estimate: number | null): CcwInterval => {
    const analyticSe = Number.isFinite(ses[j]) ? ses[j] : null;
    if (estimate === null) return { estimate: null, ...none, analyticSe: null, note: "not estimable" };
    if (cols === null) return { estimate, ...none, analyticSe, note: "no bootstrap requested" };
    const c = cols[j];
    const percentile = { percentileLower: c.lower, percentileUpper: c.upper, se: c.se, analyticSe, note: c.note };
    if (c.lower === null || c.upper === null) return { estimate, ...none, ...percentile };
    if (j >= s.times.length) return { estimate, lower: c.lower, upper: c.upper, intervalMethod: "percentile", intervalSe: null, ...percentile };
    const w = largerSeWald(estimate, c.se, analyticSe, zq);
    return { estimate, lower: w.lower, upper: w.upper, intervalMethod: "wald-larger-se", intervalSe: w.se, ...percentile };
  };
  const diff = (a: number | null, c: number | null): number | null => (a === null || c === null ? null : a - c);

  const hrIdx = names.length - 1;
  const hr = hrFit;
  let hazardRatio: CcwResult["hazardRatio"] = null;
  if (hr !== null) {
    const bootLog = interval(hrIdx, hr.coef);
    hazardRatio = {
      coef: hr.coef,
      hr: Math.exp(hr.coef),
      robustSe: hr.robustSe,
      naiveSe: hr.naiveSe,
      lower: Math.exp(hr.coef - zq * hr.robustSe),
      upper: Math.exp(hr.coef + zq * hr.robustSe),
      p: normalTwoSidedP(hr.coef / hr.robustSe),
      bootstrap: cols === null ? null : { ...bootLog, estimate: Math.exp(hr.coef), lower: expOrNull(bootLog.lower), upper: expOrNull(bootLog.upper), percentileLower: expOrNull(bootLog.percentileLower), percentileUpper: expOrNull(bootLog.percentileUpper) },
      converged: hr.converged,
    };
  }
  return {
    schemaVersion: 1,
    method: "clone-censor-weight",
    n,
    options: { grace: s.grace, times: s.times, tau: s.tau, confLevel: s.confLevel, censoringModel: s.censoring.model, censoringPeriods: s.censoring.periods, weights: s.stabilized ? "stabilized" : "unstabilized", ties: "efron", conventions: CCW_CONVENTIONS },
    arms: [armResult(tr), armResult(co)],
    survivalDifference: s.times.map((time, k) => ({ time, ...interval(k, diff(tr.survival[k], co.survival[k])) })),
    rmstDifference: s.tau === null ? null : { tau: s.tau, ...interval(s.times.length, diff(tr.rmst, co.rmst)) },
    hazardRatio,
    bootstrap,
    diagnostics: ccwWeightDiagnostics(est.arms, input.time, input.x, input.p, input.columnNames, s.grace, options.balance),
    warnings,
  };
}
