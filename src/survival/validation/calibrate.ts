/**
 * Optimism-corrected (bootstrap bias-corrected) calibration of a Cox model's predicted survival at a horizon u,
 * as `rms::calibrate(cph(..., x = TRUE, y = TRUE, surv = TRUE, time.inc = u), cmethod = "KM", u = u, m = m,
 * B = B)` computes it (rms 6.5-0: calibrate.cph, predab.resample, groupkm, Hmisc::cut2; Harrell, Lee & Mark 1996,
 * doi:10.1002/(SICI)1097-0258(19960229)15:4<361::AID-SIM168>3.0.CO;2-4; Harrell, Regression Modeling Strategies,
 * 2nd ed., §20.8).
 *
 * Algorithm (rms's, step by step):
 * 1. Predicted survival at u: Ŝᵢ = S₀(u)^exp(xᵢβ̂ − Σβ̂x̄), S₀ the Efron baseline at the covariate means
 *    (cph's `surv.summary` row for `time.inc = u`; survinfer: `baselineAt` + `predictedSurvival`).
 * 2. Cuts on the predicted-survival scale, fixed once from the original data: with g = max(1, ⌊n/m⌋),
 *    cuts = unique(quantile(c(0, 1, Ŝ), (0:g)/g)) (R's type-7 quantile over the n + 2 values — note the 0 and 1
 *    rms adds, so the outer cuts are always 0 and 1), or the user's `cuts`. Groups are [c_k, c_{k+1}), the last
 *    closed (cut2 with cuts shifts them down by half the smallest gap between values, which is the same thing).
 * 3. Per group (groupkm): mean Ŝ, and the Kaplan–Meier estimate at u read as the last step at a time ≤ u + 1e-6
 *    (survfitKM, no timefix); none (NA) when the group has < 2 patients, or when u is after the group's last
 *    time + 1e-6 and the curve has not reached 0 (then it is 0). The index is d_k = KM_k − mean Ŝ_k
 *    (calibrate's `what = "observed-predicted"`).
 * 4. Bootstrap (predab.resample, method "boot"): for b = 1..B draw n rows with replacement; skip the draw when
 *    it has < 5 events (calibrate's coxfit refuses it); refit β̂_b and its baseline S₀,b(u); then, with the SAME
 *    cuts, d_k^train = d_k on the bootstrap rows with their Ŝ from model b, and d_k^test = d_k on the original
 *    rows with Ŝ from model b (so group membership in the test data follows model b's predictions).
 *    optimism_k = Σ_b d_k^train / N_k − Σ_b d_k^test / N_k over the N_k draws where both are defined
 *    (per group: a group empty or without follow-up to u in one draw is left out of that draw only).
 * 5. corrected observed KM_k = apparent KM_k − optimism_k (calibrate's `KM.corrected`); mean predicted unchanged.
 *
 * Where rms is unusual (and what survinfer does):
 * - rms takes S₀ at u from `surv.summary`, the grid seq(0, maxtime, by = time.inc): the original cph must be fitted
 *   with `time.inc = u` or calibrate silently uses another time. Survinfer evaluates S₀ at u itself.
 * - rms's default m = 150 gives a single group below 300 patients; the cuts are quantiles of c(0, 1, Ŝ), not of Ŝ.
 * - Given cuts that do not span [0, 1], cut2 widens the outer intervals to each sample's own range, so the groups
 *   are not the same in every sample; survinfer always adds 0 and 1 (identical whenever the cuts start at 0 and
 *   end at 1, as rms's own cuts do).
 * - An empty group or one with a single patient has no KM (NA), and that group alone is dropped from the draw;
 *   groupkm reports n = 0 for a single patient (survinfer reports the count).
 * - rms's refits use cph's convergence (eps = 1e-4, iter.max = 10); pass `control: { eps: 1e-4, iterMax: 10 }`
 *   to reproduce rms to ~1e-10, the default (coxph's eps = 1e-9) differs from it by ~1e-6.
 * - rms reads S₀(u) at the last time ≤ u + 1e-6; survinfer's baselineAt at the last time ≤ u (differs only with
 *   a death in (u, u + 1e-6]). A draw whose follow-up ends before u (S₀,b(u) undefined) counts as NA (rms stops).
 * - With < 5 events in the original data rms has no apparent index; survinfer reports the apparent groups and no
 *   correction, with a warning.
 * - groupkm first sets predictions with |Ŝ| < 1e-10 to 0 (moves a mean by < 1e-10; not reproduced).
 * Seeding: draw b uses `bootstrapResample(n, seed, b)` (xoroshiro128+ seeded with mix32(seed, b)), the same
 * draws as `bootstrapOptimism`; rms draws with R's RNG, so seeded results agree with rms only loosely, while
 * `resamples` (0-based indices) reproduce rms given the indices R drew (tools/oracle/calibrate.R).
 * Cost: O(B · (Cox fit + n log n)); no quadratic loops.
 */
import { optionError } from "../../errors.js";
import { coxFit, coxFitWithoutConcordance } from "../cox/fit.js";
import type { CoxControl, CoxInput } from "../cox/types.js";
import { productLimit, tabulateSurvivalInput } from "../kaplan-meier.js";
import { riskGroups } from "./calibration.js";
import { baselineAt, linearPredictor, predictedSurvival, subsetCoxInput, type CoxModelFit } from "./model.js";
import { bootstrapResample } from "./optimism.js";

/** rms: calibrate's coxfit fails (and distance returns NA) below this many events. */
export const CALIBRATE_MIN_EVENTS = 5;
/** rms: groupkm and cph's surv.summary read a curve at the last time ≤ u + 1e-6. */
const TIME_FUZZ = 1e-6;

export interface CorrectedCalibrationGroup {
  /** 1 = lowest predicted survival (highest risk), as rms orders the intervals. */
  readonly group: number;
  /** Interval [lower, upper) of predicted survival at u; the last one is closed. */
  readonly lower: number;
  readonly upper: number;
  /** Patients (and events) of the original data in the interval. */
  readonly n: number;
  readonly events: number;
  /** Mean predicted survival at u (rms `mean.predicted`); null for an empty group. */
  readonly predicted: number | null;
  /** Kaplan–Meier survival at u in the group (rms `KM`); null with < 2 patients or no follow-up to u. */
  readonly observedApparent: number | null;
  /** Mean over draws of KM − predicted in the bootstrap sample (rms `training`). */
  readonly training: number | null;
  /** Mean over draws of KM − predicted in the original data with the draw's model (rms `test`). */
  readonly test: number | null;
  /** training − test (rms `mean.optimism`). */
  readonly optimism: number | null;
  /** observedApparent − optimism (rms `KM.corrected`). */
  readonly observedCorrected: number | null;
  /** Draws where the group's index was defined in both samples (rms `n`). */
  readonly nReplicates: number;
}

export interface CalibrationCorrectedOptions {
  /** Bootstrap draws; rms's default 40. */
  readonly B?: number;
  /** Seed of the draws; default 1. */
  readonly seed?: number;
  /** Explicit draws (0-based row indices, each of length n) instead of seeded ones (checks against R). */
  readonly resamples?: readonly (readonly number[])[];
  /** Patients per group: g = max(1, ⌊n/m⌋) quantile groups (rms's `m`, default 150). */
  readonly m?: number;
  /** Number of quantile groups g directly (instead of m). */
  readonly groups?: number;
  /** Cut points on the predicted-survival scale (rms's `cuts`); 0 and 1 are added when missing. */
  readonly cuts?: readonly number[];
  readonly control?: CoxControl;
}

export interface CalibrationCorrectedResult {
  readonly method: "calibration-corrected";
  readonly time: number;
  readonly B: number;
  readonly groups: CorrectedCalibrationGroup[];
  /** Draws skipped because they had fewer than 5 events (rms: the refit "fails"). */
  readonly nFailed: number;
  /** Draws whose refit did not converge (kept). */
  readonly nNotConverged: number;
  readonly options: {
    readonly B: number;
    readonly seed: number | null;
    readonly resamples: "seeded" | "given";
    readonly grouping: "m" | "groups" | "cuts";
    readonly m: number | null;
    readonly cuts: number[];
    readonly minEvents: number;
    readonly what: "observed - predicted";
    readonly generator: "xoroshiro128+ seeded with mix32(seed, replicate)";
  };
  readonly warnings: string[];
}

/** Per-group summary of predictions against Kaplan–Meier at u (rms::groupkm with `cuts`). */
export interface GroupKm {
  readonly n: Int32Array;
  readonly events: Int32Array;
  /** Mean predicted survival (NaN when empty). */
  readonly predicted: Float64Array;
  /** KM at u (NaN with < 2 patients or no follow-up to u). */
  readonly observed: Float64Array;
}

/** R's quantile(x, p, type = 7) of sorted `x`: x[lo] + h(x[hi] − x[lo]) written as R writes it. */
function quantile7(sorted: Float64Array, p: number): number {
  const index = 1 + (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  if (index > lo && sorted[hi - 1] !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * sorted[hi - 1];
  }
  return qs;
}

/**
 * rms::calibrate's cuts: unique(quantile(c(0, 1, Ŝ), seq(0, 1, length = g + 1))).
 * Probabilities as R's seq builds them: 0, k·(1/g) for 0 < k < g, 1.
 */
export function quantileCuts(predicted: ArrayLike<number>, g: number): number[] {
  const values = new Float64Array(predicted.length + 2);
  values[1] = 1;
  for (let i = 0; i < predicted.length; i++) values[i + 2] = predicted[i];
  values.sort();
  const out: number[] = [];
  for (let k = 0; k <= g; k++) {
    const p = k === 0 ? 0 : k === g ? 1 : k * (1 / g);
    const q = quantile7(values, p);
    if (!out.includes(q)) out.push(q);
  }
  return out;
}

/**
 * Cuts that reproduce `calibrationAtTime`'s G risk groups (⌊G(rank_min(η) − 1)/n⌋) on the survival scale:
 * 0, the mid-points between the smallest Ŝ of a group and the largest Ŝ of the next riskier group, and 1.
 * Passed to rms::calibrate as `cuts`, they give the same groups (tools/oracle/calibrate.R, rank_cuts).
 */
export function riskGroupCuts(lp: ArrayLike<number>, predicted: ArrayLike<number>, nGroups: number): number[] {
  const grp = riskGroups(lp, nGroups);
  const lows = new Float64Array(nGroups).fill(Infinity);
  const highs = new Float64Array(nGroups).fill(-Infinity);
  for (let i = 0; i < grp.length; i++) {
    lows[grp[i]] = Math.min(lows[grp[i]], predicted[i]);
    highs[grp[i]] = Math.max(highs[grp[i]], predicted[i]);
  }
  const used: number[] = [];
  for (let k = 0; k < nGroups; k++) if (lows[k] !== Infinity) used.push(k);
  const mids: number[] = [];
  for (let j = 0; j + 1 < used.length; j++) mids.push((lows[used[j]] + highs[used[j + 1]]) / 2);
  mids.sort((a, b) => a - b);
  const out: number[] = [];
  for (const c of [0, ...mids, 1]) if (!out.includes(c)) out.push(c);
  return out;
}

/** Interval of `x` on `cuts` (cuts[k] ≤ x < cuts[k+1], the last closed); −1 outside or NaN. */
function intervalOf(x: number, cuts: readonly number[]): number {
  const G = cuts.length - 1;
  if (!(x >= cuts[0] && x <= cuts[G])) return -1;
  let lo = 0;
  let hi = G; // largest k < G with cuts[k] ≤ x
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * rms::groupkm(Ŝ, Surv(time, status), u, cuts): per interval, n, events, mean Ŝ and KM at u
 * (last step at a time ≤ u + 1e-6; NaN with < 2 patients, or when u is after the last time and KM > 0).
 */
export function groupKm(time: Float64Array, status: ArrayLike<number>, predicted: ArrayLike<number>, cuts: readonly number[], horizon: number): GroupKm {
  const G = cuts.length - 1;
  const n = time.length;
  const counts = new Int32Array(G);
  const events = new Int32Array(G);
  const sums = new Float64Array(G);
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = intervalOf(predicted[i], cuts);
    code[i] = k;
    if (k < 0) continue;
    counts[k]++;
    events[k] += status[i];
    sums[k] += predicted[i];
  }
  const mean = Float64Array.from(sums, (s, k) => (counts[k] > 0 ? s / counts[k] : Number.NaN));
  const observed = new Float64Array(G).fill(Number.NaN);
  for (let i = 0; i < n; i++) if (code[i] >= 0 && counts[code[i]] < 2) code[i] = -1;
  if (code.some((k) => k >= 0)) {
    // kaplanMeier's own validation and product-limit kernel, without the limits and quantiles it would add
    const levels = Array.from({ length: G }, (_, k) => String(k));
    const { tab } = tabulateSurvivalInput({ time, status: Int32Array.from(status), group: { codes: code, levels } }, false);
    for (const st of tab.strata) {
      const { surv } = productLimit(st);
      const last = st.time.length - 1;
      if (horizon > st.time[last] + TIME_FUZZ && surv[last] > 0) continue;
      let j = 0; // number of times ≤ u + 1e-6
      for (let hi = st.time.length; j < hi; ) {
        const mid = (j + hi) >> 1;
        if (st.time[mid] <= horizon + TIME_FUZZ) j = mid + 1;
        else hi = mid;
      }
      observed[st.level] = j === 0 ? 1 : surv[j - 1];
    }
  }
  return { n: counts, events, predicted: mean, observed };
}

/** S₀(u) of the model fitted on `fitInput`; null when u is after its follow-up and S₀ > 0 (rms: NA). */
function baselineAtHorizon(fitInput: CoxInput, fit: CoxModelFit, horizon: number): { baselineSurv: number; centre: number } | null {
  const base = baselineAt(fitInput, fit, horizon);
  let maxTime = -Infinity;
  for (let i = 0; i < fitInput.time.length; i++) maxTime = Math.max(maxTime, fitInput.time[i]);
  return horizon > maxTime + TIME_FUZZ && base.baselineSurv > 0 ? null : base;
}

/** Ŝ(u | x) of `rows` under the model with coefficients `coef` and baseline `base` (null: rms's NA). */
function survivalAt(rows: CoxInput, coef: readonly (number | null)[], base: { baselineSurv: number; centre: number } | null): Float64Array | null {
  return base === null ? null : Float64Array.from(predictedSurvival(linearPredictor(rows, coef), base));
}

/** d_k = KM_k − mean Ŝ_k per group (NaN where undefined, or everywhere without predictions). */
function calibrationDifference(rows: CoxInput, predicted: Float64Array | null, cuts: readonly number[], horizon: number): Float64Array {
  if (predicted === null) return new Float64Array(cuts.length - 1).fill(Number.NaN);
  const gk = groupKm(rows.time, rows.status, predicted, cuts, horizon);
  return Float64Array.from(gk.observed, (o, k) => o - gk.predicted[k]);
}

function countEvents(status: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < status.length; i++) e += status[i];
  return e;
}

type Grouping = { kind: "m"; m: number } | { kind: "groups"; g: number } | { kind: "cuts"; cuts: number[] };

function validateGrouping(options: CalibrationCorrectedOptions): Grouping {
  const given = [options.m, options.groups, options.cuts].filter((v) => v !== undefined).length;
  if (given > 1) throw optionError("m / groups / cuts", "at most one of them", "several");
  if (options.cuts !== undefined) {
    const c = options.cuts;
    if (!Array.isArray(c) || c.length === 0 || c.some((v, i) => typeof v !== "number" || !(v >= 0 && v <= 1) || (i > 0 && !(v > c[i - 1])))) {
      throw optionError("cuts", "increasing numbers in [0, 1]", options.cuts);
    }
    const cuts = [...c];
    if (cuts[0] > 0) cuts.unshift(0);
    if (cuts[cuts.length - 1] < 1) cuts.push(1);
    return { kind: "cuts", cuts };
  }
  if (options.groups !== undefined) {
    if (!Number.isInteger(options.groups) || options.groups < 1 || options.groups > 100) throw optionError("groups", "an integer from 1 to 100", options.groups);
    return { kind: "groups", g: options.groups };
  }
  const m = options.m ?? 150;
  if (!Number.isInteger(m) || m < 1) throw optionError("m", "a positive integer (patients per group)", options.m);
  return { kind: "m", m };
}

/**
 * Bootstrap bias-corrected calibration of predicted survival at `horizon` (rms::calibrate, cmethod = "KM").
 *
 * @example
 * ```ts
 * const cal = calibrationCorrected(input, 60, { B: 200, seed: 1, groups: 4 });
 * cal.groups.map((g) => [g.predicted, g.observedApparent, g.observedCorrected]);
 * ```
 */
export function calibrationCorrected(input: CoxInput, horizon: number, options: CalibrationCorrectedOptions = {}): Readonly<CalibrationCorrectedResult> {
  const n = input.time.length;
  if (!(Number.isFinite(horizon) && horizon > 0)) throw optionError("time", "a time horizon > 0", horizon);
  const given = options.resamples;
  const B = given ? given.length : options.B ?? 40;
  if (!Number.isInteger(B) || B < 1 || B > 100000) throw optionError("B", "an integer from 1 to 100000", options.B);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw optionError("seed", "an integer", options.seed);
  if (given && given.some((r) => r.length !== n || r.some((i) => !Number.isInteger(i) || i < 0 || i >= n))) {
    throw optionError("resamples", `arrays of ${n} row indices in [0, ${n - 1}]`, "(invalid resample)");
  }
  const grouping = validateGrouping(options);
  const control = { ...(options.control ?? {}), robust: false };
  const warnings: string[] = [];

  const fit = coxFit(input, control);
  const apparentPred = survivalAt(input, fit.coef, baselineAtHorizon(input, fit, horizon));
  if (apparentPred === null) warnings.push(`the follow-up ends before t = ${horizon}: no predicted survival at t`);
  const pred = apparentPred ?? new Float64Array(0);
  const cuts = grouping.kind === "cuts" ? grouping.cuts : quantileCuts(pred, grouping.kind === "groups" ? grouping.g : Math.max(1, Math.floor(n / grouping.m)));
  const G = cuts.length - 1;
  const apparent = apparentPred === null ? null : groupKm(input.time, input.status, apparentPred, cuts, horizon);

  const sumTrain = new Float64Array(G);
  const sumTest = new Float64Array(G);
  const count = new Int32Array(G);
  let nFailed = 0;
  let nNotConverged = 0;
  const enoughEvents = countEvents(input.status) >= CALIBRATE_MIN_EVENTS;
  if (!enoughEvents) warnings.push(`fewer than ${CALIBRATE_MIN_EVENTS} events: no bootstrap correction (rms needs ${CALIBRATE_MIN_EVENTS})`);
  for (let b = 0; b < B && enoughEvents && apparent !== null; b++) {
    const idx = given ? given[b] : bootstrapResample(n, seed, b);
    const boot = subsetCoxInput(input, idx);
    if (countEvents(boot.status) < CALIBRATE_MIN_EVENTS) {
      nFailed++;
      continue;
    }
    // the refit's concordance is never read; its baseline serves both samples
    const fitB = coxFitWithoutConcordance(boot, control);
    if (!fitB.converged) nNotConverged++;
    const baseB = baselineAtHorizon(boot, fitB, horizon);
    const train = calibrationDifference(boot, survivalAt(boot, fitB.coef, baseB), cuts, horizon);
    const test = calibrationDifference(input, survivalAt(input, fitB.coef, baseB), cuts, horizon);
    for (let k = 0; k < G; k++) {
      if (Number.isFinite(train[k]) && Number.isFinite(test[k])) {
        sumTrain[k] += train[k];
        sumTest[k] += test[k];
        count[k]++;
      }
    }
  }
  if (nFailed > 0) warnings.push(`${nFailed} of ${B} bootstrap samples had fewer than ${CALIBRATE_MIN_EVENTS} events and were skipped (as rms)`);
  if (nNotConverged > 0) warnings.push(`${nNotConverged} of ${B} bootstrap refits did not converge`);

  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const groups = Array.from({ length: apparent === null ? 0 : G }, (_, k): CorrectedCalibrationGroup => {
    const a = apparent as GroupKm;
    const training = count[k] > 0 ? sumTrain[k] / count[k] : Number.NaN;
    const test = count[k] > 0 ? sumTest[k] / count[k] : Number.NaN;
    const optimism = training - test;
    if (a.n[k] < 2) warnings.push(`group ${k + 1} has ${a.n[k]} patient(s): no Kaplan–Meier estimate`);
    else if (!Number.isFinite(a.observed[k])) warnings.push(`group ${k + 1}: follow-up ends before t = ${horizon}`);
    if (enoughEvents && count[k] === 0) warnings.push(`group ${k + 1}: no bootstrap sample gave an estimate`);
    return {
      group: k + 1,
      lower: cuts[k],
      upper: cuts[k + 1],
      n: a.n[k],
      events: a.events[k],
      predicted: finite(a.predicted[k]),
      observedApparent: finite(a.observed[k]),
      training: finite(training),
      test: finite(test),
      optimism: finite(optimism),
      observedCorrected: finite(a.observed[k] - optimism),
      nReplicates: count[k],
    };
  });
  return {
    method: "calibration-corrected",
    time: horizon,
    B,
    groups,
    nFailed,
    nNotConverged,
    options: {
      B,
      seed: given ? null : seed,
      resamples: given ? "given" : "seeded",
      grouping: grouping.kind,
      m: grouping.kind === "m" ? grouping.m : null,
      cuts,
      minEvents: CALIBRATE_MIN_EVENTS,
      what: "observed - predicted",
      generator: "xoroshiro128+ seeded with mix32(seed, replicate)",
    },
    warnings,
  };
}
