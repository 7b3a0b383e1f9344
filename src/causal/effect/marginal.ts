/**
 * Marginal (population-averaged) survival contrasts between the weighted (or matched) arms: the
 * weighted Kaplan–Meier curve of each arm, the survival difference treated − control at chosen times,
 * and the restricted mean survival time (area under each arm's curve up to τ) and its difference.
 * Weighted product limit: Ŝ(t) = Π_{t_j ≤ t} (1 − d_j / n_j) with n_j = Σ wᵢ [Tᵢ ≥ t_j], d_j = Σ wᵢ δᵢ [Tᵢ = t_j]
 * (Xie & Liu 2005, doi:10.1002/sim.2174; Cole & Hernán 2004, doi:10.1016/j.cmpb.2003.10.004).
 * R: `survfit(Surv(time, status) ~ treat, weights = w)`, `summary(fit, times = t)`,
 * `print(fit, rmean = tau)` (area under the step function up to τ). Times within √ε are tied first (timefix).
 * A light kernel (no variance: the CIs come from the bootstrap), O(n log n); never throws.
 */
import { tieNearlyEqualTimes } from "../../survival/tied-times.js";

export interface ArmCurve {
  readonly time: number[];
  readonly surv: number[];
}

export interface MarginalContrast {
  readonly times: number[];
  /** Ŝ at each time per arm (null past the arm's last observed time, as R drops it). */
  readonly survTreated: (number | null)[];
  readonly survControl: (number | null)[];
  /** Treated − control; null when either is null. */
  readonly survDifference: (number | null)[];
  readonly tau: number | null;
  readonly rmstTreated: number | null;
  readonly rmstControl: number | null;
  readonly rmstDifference: number | null;
}

/** Weighted product-limit curve of the rows with `use(i)` true. */
export function weightedCurve(time: Float64Array, status: Int32Array, weights: ArrayLike<number>, use: (i: number) => boolean): ArmCurve {
  const rows: number[] = [];
  for (let i = 0; i < time.length; i++) if (use(i) && weights[i] > 0) rows.push(i);
  rows.sort((a, b) => time[a] - time[b]);
  let atRisk = 0;
  for (const i of rows) atRisk += weights[i];
  const out: ArmCurve = { time: [], surv: [] };
  let s = 1;
  let k = 0;
  while (k < rows.length) {
    const t = time[rows[k]];
    let d = 0;
    let leaving = 0;
    let k2 = k;
    while (k2 < rows.length && time[rows[k2]] === t) {
      const i = rows[k2];
      leaving += weights[i];
      if (status[i] === 1) d += weights[i];
      k2++;
    }
    if (d > 0) s *= 1 - d / atRisk;
    out.time.push(t);
    out.surv.push(s);
    atRisk -= leaving;
    k = k2;
  }
  return out;
}

function survAt(c: ArmCurve, t: number): number | null {
  const m = c.time.length;
  if (m === 0 || t > c.time[m - 1]) return null;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : c.surv[lo - 1];
}

/** ∫₀^τ Ŝ(t) dt of a step function starting at 1. */
function areaUnder(c: ArmCurve, tau: number): number {
  let area = 0;
  let prevT = 0;
  let prevS = 1;
  for (let j = 0; j < c.time.length && c.time[j] <= tau; j++) {
    area += prevS * (c.time[j] - prevT);
    prevT = c.time[j];
    prevS = c.surv[j];
  }
  return area + prevS * (tau - prevT);
}

/** Survival and RMST contrasts treated − control for weights `w` (0 = not in the sample). */
export function marginalContrast(
  time: Float64Array,
  status: Int32Array,
  treat: Int32Array,
  w: ArrayLike<number>,
  times: readonly number[],
  tau: number | null,
): MarginalContrast {
  const t = tieNearlyEqualTimes(time);
  const c1 = weightedCurve(t, status, w, (i) => treat[i] === 1);
  const c0 = weightedCurve(t, status, w, (i) => treat[i] === 0);
  const survTreated = times.map((x) => survAt(c1, x));
  const survControl = times.map((x) => survAt(c0, x));
  const survDifference = times.map((_, j) => {
    const a = survTreated[j];
    const b = survControl[j];
    return a === null || b === null ? null : a - b;
  });
  let rmstTreated: number | null = null;
  let rmstControl: number | null = null;
  if (tau !== null && c1.time.length > 0 && c0.time.length > 0) {
    rmstTreated = areaUnder(c1, tau);
    rmstControl = areaUnder(c0, tau);
  }
  return {
    times: [...times],
    survTreated,
    survControl,
    survDifference,
    tau,
    rmstTreated,
    rmstControl,
    rmstDifference: rmstTreated === null || rmstControl === null ? null : rmstTreated - rmstControl,
  };
}
