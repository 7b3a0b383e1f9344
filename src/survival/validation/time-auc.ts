/**
 * Time-dependent AUC at a horizon t, cumulative/dynamic definition, with inverse probability of
 * censoring weights (Uno, Cai, Tian & Wei 2007, doi:10.1198/016214507000000149; Hung & Chiang 2010,
 * doi:10.1002/cjs.10046), as R `timeROC::timeROC(T, delta, marker, cause = 1, weighting = "marginal",
 * times = t)$AUC` computes it.
 *
 * Cases at t: Tᵢ ≤ t and Δᵢ = 1, weight 1/Ĝ(Tᵢ−); controls: Tⱼ > t, weight 1/Ĝ(t) (the same for all, so it
 * cancels). With ηᵢ the marker (higher = higher risk),
 *   AUC(t) = Σᵢ Σⱼ [I(ηᵢ > ηⱼ) + ½ I(ηᵢ = ηⱼ)] / Ĝ(Tᵢ−)  ÷  (n_controls · Σᵢ 1/Ĝ(Tᵢ−)).
 * Ĝ is the Kaplan–Meier curve of the censoring times (R: survfit(Surv(T, 1 − Δ) ~ 1), so deaths at a
 * censoring time are still at risk of being censored), Ĝ(Tᵢ−) its left limit. Ties in η count ½ — what
 * timeROC's trapezoidal AUC over all thresholds gives. Censored subjects with Tᵢ ≤ t get weight 0.
 * Deliberate differences: no standard error yet (timeROC's iid = TRUE). Cost: O(n log n).
 */
import { optionError, SurvinferError } from "../../errors.js";
import { denseRanks, stableSortByKey } from "../cox/order.js";

export interface TimeAucResult {
  readonly method: "time-auc";
  readonly time: number;
  /** AUC(t); NaN without cases or controls. */
  readonly auc: number;
  readonly nCases: number;
  readonly nControls: number;
  /** Censored before t (weight 0). */
  readonly nCensoredBefore: number;
  /** Ĝ(t), the weight denominator of the controls. */
  readonly gAtTime: number;
  readonly options: { readonly definition: "cumulative/dynamic"; readonly weighting: "marginal" };
  readonly warnings: string[];
}

/**
 * Reverse Kaplan–Meier (censoring) curve as a step function: jump times and values after each jump.
 * `ascending`: the rows already in ascending order of `time` (saves the sort); the order within tied
 * times does not matter.
 */
export function censoringCurve(time: ArrayLike<number>, status: ArrayLike<number>, ascending?: Int32Array): { time: number[]; surv: number[] } {
  const n = time.length;
  let order = ascending;
  if (order === undefined) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    const tRank = denseRanks(time, all, n);
    order = stableSortByKey(all, tRank.rank, tRank.m);
  }
  const out = { time: [] as number[], surv: [] as number[] };
  let atRisk = n;
  let g = 1;
  for (let k = 0; k < n; ) {
    const t = time[order[k]];
    let c = 0;
    let e = k;
    for (; e < n && time[order[e]] === t; e++) if (status[order[e]] === 0) c++;
    if (c > 0) {
      g *= 1 - c / atRisk;
      out.time.push(t);
      out.surv.push(g);
    }
    atRisk -= e - k;
    k = e;
  }
  return out;
}

/** Value of a right-continuous step curve (1 before its first jump) at t, or its left limit at t. */
export function stepAt(curve: { time: readonly number[]; surv: readonly number[] }, t: number, leftLimit = false): number {
  let lo = 0;
  let hi = curve.time.length; // first index with time > t (or ≥ t for the left limit)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (leftLimit ? curve.time[mid] < t : curve.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : curve.surv[lo - 1];
}

/**
 * Cumulative/dynamic IPCW AUC of `marker` at `time`.
 *
 * @example
 * ```ts
 * const r = timeAuc([2, 4, 6, 9, 12], [1, 0, 1, 1, 0], [3, 1, 2, 0.5, 0], 7);
 * r.auc; // cases at ≤ 7 weighted by 1/G(T−), controls those alive after 7
 * ```
 */
export function timeAuc(time: ArrayLike<number>, status: ArrayLike<number>, marker: ArrayLike<number>, horizon: number): Readonly<TimeAucResult> {
  const n = time.length;
  if (!Number.isFinite(horizon)) throw optionError("time", "a finite time horizon", horizon);
  if (status.length !== n || marker.length !== n) throw new SurvinferError({ code: "INPUT_INVALID", message: "time, status and marker must have the same length" });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i]) || !Number.isFinite(marker[i]) || (status[i] !== 0 && status[i] !== 1)) {
      throw new SurvinferError({ code: "INPUT_INVALID", row: i + 1, message: "timeAuc needs finite times and markers and status 0/1", value: `${time[i]}, ${status[i]}, ${marker[i]}` });
    }
  }
  const g = censoringCurve(time, status);
  const controls: number[] = [];
  let nCensoredBefore = 0;
  for (let i = 0; i < n; i++) {
    if (time[i] > horizon) controls.push(marker[i]);
    else if (status[i] === 0) nCensoredBefore++;
  }
  controls.sort((a, b) => a - b);
  const countBelow = (x: number, strict: boolean): number => {
    let lo = 0;
    let hi = controls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? controls[mid] < x : controls[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let num = 0;
  let den = 0;
  let nCases = 0;
  for (let i = 0; i < n; i++) {
    if (!(time[i] <= horizon && status[i] === 1)) continue;
    nCases++;
    const w = 1 / stepAt(g, time[i], true);
    const less = countBelow(marker[i], true);
    const eq = countBelow(marker[i], false) - less;
    num += w * (less + 0.5 * eq);
    den += w;
  }
  const warnings: string[] = [];
  if (nCases === 0) warnings.push(`no events by t = ${horizon}: AUC undefined`);
  if (controls.length === 0) warnings.push(`no one followed beyond t = ${horizon}: AUC undefined`);
  const auc = nCases > 0 && controls.length > 0 ? num / (den * controls.length) : Number.NaN;
  return { method: "time-auc", time: horizon, auc, nCases, nControls: controls.length, nCensoredBefore, gAtTime: stepAt(g, horizon), options: { definition: "cumulative/dynamic", weighting: "marginal" }, warnings };
}
