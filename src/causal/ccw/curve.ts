/**
 * Weighted Kaplan–Meier estimate from counting-process rows with row weights:
 *   Ŝ(t) = Π_{s ≤ t} (1 − d_w(s)/Y_w(s)),  Y_w(s) = Σ_{rows: entry < s ≤ exit} w,  d_w(s) = Σ_{events at s} w.
 * R equivalent: survfit(Surv(tstart, tstop, status) ~ 1, weights = w) (its rows with n.event > 0).
 * O(R log R) for R rows (sorted exits and entries, suffix sums).
 */
import type { ArmRiskSums } from "./risk-sums.js";
import type { CcwRows } from "./rows.js";
import type { CcwAtRisk, CcwCurve } from "./types.js";

/** Suffix sums of w over rows sorted by key ascending: sumFrom(t) = Σ_{key ≥ t} w. */
function suffixSummer(key: Float64Array, w: Float64Array): (t: number) => number {
  const order = Array.from({ length: key.length }, (_, i) => i).sort((a, b) => key[a] - key[b]);
  const k = Float64Array.from(order, (i) => key[i]);
  const suf = new Float64Array(order.length + 1);
  for (let j = order.length - 1; j >= 0; j--) suf[j] = suf[j + 1] + w[order[j]];
  return (t) => {
    let lo = 0;
    let hi = k.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return suf[lo];
  };
}

export function weightedKaplanMeier(rows: CcwRows): CcwCurve {
  const m = rows.exit.length;
  const ev = new Map<number, number>();
  for (let i = 0; i < m; i++) if (rows.status[i] === 1) ev.set(rows.exit[i], (ev.get(rows.exit[i]) ?? 0) + rows.weight[i]);
  const time = Array.from(ev.keys()).sort((a, b) => a - b);
  const byExit = suffixSummer(rows.exit, rows.weight);
  const byEntry = suffixSummer(rows.entry, rows.weight);
  // a patient's rows do not overlap, so the rows at risk at t are the patients (clones) at risk
  const ones = new Float64Array(m).fill(1);
  const countExit = suffixSummer(rows.exit, ones);
  const countEntry = suffixSummer(rows.entry, ones);
  const nRiskUnweighted: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const surv: number[] = [];
  let s = 1;
  for (const t of time) {
    const y = byExit(t) - byEntry(t); // exit ≥ t minus entry ≥ t
    const d = ev.get(t) as number;
    s *= 1 - d / y;
    nRisk.push(y);
    nEvent.push(d);
    surv.push(s);
    nRiskUnweighted.push(countExit(t) - countEntry(t));
  }
  return { time, nRisk, nEvent, surv, nRiskUnweighted };
}

/** Ŝ(t): the curve's value at the last event time ≤ t (1 before the first). */
export function survivalAt(curve: CcwCurve, t: number): number {
  let lo = 0;
  let hi = curve.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : curve.surv[lo - 1];
}

/** ∫₀^τ Ŝ(t) dt of the step function (Royston & Parmar 2013, doi:10.1186/1471-2288-13-152). */
export function restrictedMean(curve: CcwCurve, tau: number): number {
  let area = 0;
  let prev = 0;
  let s = 1;
  for (let k = 0; k < curve.time.length && curve.time[k] < tau; k++) {
    area += s * (curve.time[k] - prev);
    prev = curve.time[k];
    s = curve.surv[k];
  }
  return area + s * (tau - prev);
}

/**
 * The same curve from the arm's risk sums at the pooled event times (risk-sums.ts): its own event times only.
 * `tc` (the clones' follow-up ends, all entering at 0) gives the unweighted clones at risk, #{tc ≥ t}.
 */
export function kaplanMeierFromSums(events: Float64Array, sums: ArmRiskSums, tc: Float64Array): CcwCurve {
  const atRisk = suffixSummer(tc, new Float64Array(tc.length).fill(1));
  const nRiskUnweighted: number[] = [];
  const time: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const surv: number[] = [];
  let s = 1;
  for (let k = 0; k < events.length; k++) {
    if (sums.d[k] === 0) continue;
    s *= 1 - sums.Dw[k] / sums.W[k];
    time.push(events[k]);
    nRisk.push(sums.W[k]);
    nEvent.push(sums.Dw[k]);
    surv.push(s);
    nRiskUnweighted.push(atRisk(events[k]));
  }
  return { time, nRisk, nEvent, surv, nRiskUnweighted };
}

/**
 * Unweighted clones at risk over every follow-up end `tc` (deaths, censorings, deviations; all clones enter at 0):
 * at each distinct end time t_j ascending, n_j = #{tc ≥ t_j}. Read at a time t as n at the first t_j ≥ t (0 past the
 * last): #{tc ≥ t}, the number at risk at t as every Kaplan–Meier risk table counts it (R's
 * `summary(survfit(...), times = t, extend = TRUE)$n.risk` on a table listing every time). O(m log m).
 *
 * @example
 * ```ts
 * clonesAtRisk(Float64Array.of(5, 2, 9, 5)); // { time: [2, 5, 9], n: [4, 3, 1] }
 * ```
 */
export function clonesAtRisk(tc: ArrayLike<number>): CcwAtRisk {
  const sorted = Array.from(tc).sort((a, b) => a - b);
  const time: number[] = [];
  const n: number[] = [];
  for (let j = 0; j < sorted.length; j++) {
    if (j > 0 && sorted[j] === sorted[j - 1]) continue;
    time.push(sorted[j]);
    n.push(sorted.length - j);
  }
  return { time, n };
}
