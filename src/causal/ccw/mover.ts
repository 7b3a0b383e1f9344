/**
 * MOVER interval of a survival difference S₁(t) − S₀(t) from per-arm intervals on the complementary log-log scale
 * with bootstrap SEs (Zou & Donner 2008, doi:10.1002/sim.3125, "method of variance estimates recovery"; the
 * dependent-arms form of Zou 2008, doi:10.1093/aje/kwn104).
 *
 * Per arm a: θ̂_a = log(−log Ŝ_a), SE_a = SD of the finite bootstrap θ*_a, limits on θ mapped back to S (the map
 * S = exp(−e^θ) is decreasing): l_a = exp(−e^{θ̂_a + z·SE_a}), u_a = exp(−e^{θ̂_a − z·SE_a}). With D = Ŝ₁ − Ŝ₀ and r
 * the bootstrap correlation of (Ŝ*₁, Ŝ*₀):
 *   L = D − √((Ŝ₁−l₁)² + (u₀−Ŝ₀)² − 2r(Ŝ₁−l₁)(u₀−Ŝ₀)),  U = D + √((u₁−Ŝ₁)² + (Ŝ₀−l₀)² − 2r(u₁−Ŝ₁)(Ŝ₀−l₀)).
 * r is taken on the survival scale, the scale on which MOVER recovers the variances of Ŝ₁ and Ŝ₀ from the limits
 * (Zou & Donner's r is the correlation of the two estimates whose difference is formed); it also keeps the
 * replicates in which an arm's survival is exactly 1 or 0, whose θ* is infinite.
 * No R package computes it; tools/oracle/ccw_mover.R states it in base R.
 */
import { bootstrapFailureText } from "../bootstrap.js";

export interface MoverColumn {
  readonly lower: number | null;
  readonly upper: number | null;
  /** SD of the finite bootstrap θ*_a = log(−log Ŝ*_a), [treat, control]; null when not estimable. */
  readonly cloglogSe: readonly [number | null, number | null];
  /** Bootstrap correlation of (Ŝ*_treat, Ŝ*_control) over the replicates where both are finite; null when not estimable. */
  readonly correlation: number | null;
  /** Why there are no limits, if there are none. */
  readonly note: string | null;
}

function sd(v: readonly number[]): number {
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  let ss = 0;
  for (const x of v) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (v.length - 1));
}

/** Pearson correlation of paired values (NaN when either has no spread). */
function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Wald limits [l, u] of S on the complementary log-log scale: θ̂ ∓ z·se mapped back by S = exp(−e^θ) (decreasing). */
export function cloglogLimits(s: number, se: number, z: number): [number, number] {
  const theta = Math.log(-Math.log(s));
  return [Math.exp(-Math.exp(theta + z * se)), Math.exp(-Math.exp(theta - z * se))];
}

/** MOVER limits of D = s1 − s0 from the arms' limits [l1, u1], [l0, u0] and the correlation r of the two estimates. */
export function moverDifference(s1: number, l1: number, u1: number, s0: number, l0: number, u0: number, r: number): [number, number] {
  const d = s1 - s0;
  const a = s1 - l1;
  const b = u0 - s0;
  const c = u1 - s1;
  const e = s0 - l0;
  return [d - Math.sqrt(Math.max(0, a * a + b * b - 2 * r * a * b)), d + Math.sqrt(Math.max(0, c * c + e * e - 2 * r * c * e))];
}

const NONE: Omit<MoverColumn, "note"> = { lower: null, upper: null, cloglogSe: [null, null], correlation: null };

/**
 * MOVER complementary log-log limits of the survival difference at time index k from the estimates [Ŝ_treat, Ŝ_control]
 * and the replicates' per-arm survival (replicates × times × 2), z the normal quantile of the confidence level. Null limits when an estimate is 0 or 1 (no
 * complementary log-log), when more than maxFailedShare of an arm's replicates have no finite θ*, or when fewer than 2 do.
 */
export function moverCloglogColumn(
  armSurvival: readonly (readonly (readonly [number, number])[])[],
  k: number,
  estimates: readonly [number, number],
  z: number,
  maxFailedShare: number,
): MoverColumn {
  const B = armSurvival.length;
  const [s1, s0] = estimates;
  if (!(s1 > 0 && s1 < 1 && s0 > 0 && s0 < 1)) {
    return { ...NONE, note: "no complementary log-log interval: an arm's survival is 0 or 1 at this time" };
  }
  const theta: [number[], number[]] = [[], []];
  const pairs: [number[], number[]] = [[], []];
  for (const row of armSurvival) {
    const v = row[k];
    for (const a of [0, 1] as const) {
      const th = Math.log(-Math.log(v[a]));
      if (Number.isFinite(th)) theta[a].push(th);
    }
    if (Number.isFinite(v[0]) && Number.isFinite(v[1])) {
      pairs[0].push(v[0]);
      pairs[1].push(v[1]);
    }
  }
  const failed = B - Math.min(theta[0].length, theta[1].length);
  const estimable = theta[0].length >= 2 && theta[1].length >= 2 && pairs[0].length >= 2 && failed / B <= maxFailedShare;
  const note = bootstrapFailureText(failed, B, estimable);
  if (!estimable) return { ...NONE, note };
  const se: [number, number] = [sd(theta[0]), sd(theta[1])];
  const r = correlation(pairs[0], pairs[1]);
  if (!(Number.isFinite(r) && se[0] > 0 && se[1] > 0)) {
    return { ...NONE, note: "no complementary log-log interval: the bootstrap survival of an arm does not vary" };
  }
  const [l1, u1] = cloglogLimits(s1, se[0], z);
  const [l0, u0] = cloglogLimits(s0, se[1], z);
  const [lower, upper] = moverDifference(s1, l1, u1, s0, l0, u0, r);
  return { lower, upper, cloglogSe: se, correlation: r, note };
}
