/**
 * Weight truncation (winsorising) at a percentile, as `WeightIt::trim(w, at, treat = a)` with the
 * defaults lower = FALSE, drop = FALSE: groups whose weights are all equal (e.g. the treated under ATT)
 * are left alone; among the other units, q = quantile(w, at, type = 3) and every w > q becomes q.
 * `at` below 0.5 is read as 1 − at, as WeightIt does.
 */

/** R's `quantile(x, prob, type = 3)` (SAS nearest even order statistic), with R's 4ε fuzz. */
export function quantileType3(values: readonly number[] | Float64Array, prob: number): number {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  if (n === 0) return Number.NaN;
  const fuzz = 4 * 2.220446049250313e-16;
  const nppm = n * prob - 0.5;
  const j = Math.floor(nppm + fuzz);
  // h = 1 -> x[j+1]; h = 0 -> x[j]  (1-based order statistics, clamped to [1, n])
  const h = nppm !== j || j % 2 === 1;
  const idx = h ? j + 1 : j;
  return x[Math.min(Math.max(idx, 1), n) - 1];
}

function allTheSame(v: number[]): boolean {
  if (v.length === 0) return true;
  let mn = Infinity;
  let mx = -Infinity;
  for (const a of v) {
    if (a < mn) mn = a;
    if (a > mx) mx = a;
  }
  return Math.abs(mx - mn) < Math.sqrt(2.220446049250313e-16);
}

export interface TruncationReport {
  /** The percentile used (after WeightIt's at ← max(at, 1 − at)). */
  readonly at: number;
  /** The weight at that percentile; weights above it were set to it. */
  readonly threshold: number;
  /** Groups (1 = treated, 0 = control) whose weights were considered. */
  readonly groupsTruncated: readonly number[];
  readonly nTruncated: number;
}

/**
 * Truncates `weights` in place among units with `include[i]`; returns what was done (null when all
 * groups have constant weights, as WeightIt warns and returns the weights unchanged).
 */
export function truncateWeights(weights: Float64Array, treatment: ArrayLike<number>, include: Uint8Array, at: number): TruncationReport | null {
  const a = Math.max(at, 1 - at);
  const groups: number[] = [];
  for (const g of [1, 0]) {
    const v: number[] = [];
    for (let i = 0; i < weights.length; i++) if (include[i] === 1 && treatment[i] === g) v.push(weights[i]);
    if (!allTheSame(v)) groups.push(g);
  }
  if (groups.length === 0) return null;
  const pool: number[] = [];
  for (let i = 0; i < weights.length; i++) if (include[i] === 1 && groups.includes(treatment[i])) pool.push(weights[i]);
  const q = quantileType3(pool, a);
  let count = 0;
  for (let i = 0; i < weights.length; i++) {
    if (include[i] === 1 && groups.includes(treatment[i]) && weights[i] > q) {
      weights[i] = q;
      count++;
    }
  }
  return { at: a, threshold: q, groupsTruncated: groups, nTruncated: count };
}
