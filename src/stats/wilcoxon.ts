/**
 * Wilcoxon rank-sum (Mann–Whitney) test, as R's `wilcox.test(x, y)` with its defaults
 * (`exact = NULL`, `correct = TRUE`, two-sided).
 */
import { normalCdf } from "../math/distributions.js";

export interface WilcoxonOptions {
  /** true/false forces the exact or the normal method; default (undefined) uses R's rule: exact when both groups have < 50 values and there are no ties. */
  readonly exact?: boolean;
  /** Continuity correction of the normal approximation; default true (R's correct = TRUE). */
  readonly correct?: boolean;
}

export interface WilcoxonResult {
  readonly method: "Wilcoxon rank sum exact test" | "Wilcoxon rank sum test with continuity correction" | "Wilcoxon rank sum test";
  /** W = Σ ranks of x − nₓ(nₓ + 1)/2 (R's statistic). */
  readonly statistic: number;
  readonly p: number;
  readonly exact: boolean;
  readonly ties: boolean;
  readonly nX: number;
  readonly nY: number;
  readonly options: { readonly exact: boolean | null; readonly correct: boolean; readonly alternative: "two.sided" };
  readonly warnings: string[];
}

/** Largest group size for which the exact null distribution is tabulated when asked for explicitly. */
export const WILCOXON_EXACT_MAX = 100;

/**
 * Null distribution counts of the Mann–Whitney statistic: c[k] = #{ways W = k} for sizes m, n, by the
 * recurrence c_{m,n}(k) = c_{m−1,n}(k − n) + c_{m,n−1}(k) (only additions of positive numbers, so no
 * cancellation; the counts are kept as doubles, as R's cwilcox does). O(m²n²/4) time.
 */
export function wilcoxonCounts(m: number, n: number): Float64Array {
  // f[i] holds the counts for sizes (i, j) as j runs from 0 to n.
  const f: Float64Array[] = [];
  for (let i = 0; i <= m; i++) f.push(Float64Array.of(1)); // j = 0: only W = 0
  for (let j = 1; j <= n; j++) {
    // new f[0] (sizes (0, j)): only W = 0
    for (let i = 1; i <= m; i++) {
      const old = f[i]; // sizes (i, j − 1), length i(j − 1) + 1
      const prev = f[i - 1]; // sizes (i − 1, j), length (i − 1)j + 1, already updated
      const next = new Float64Array(i * j + 1);
      for (let k = 0; k < old.length; k++) next[k] = old[k];
      for (let k = 0; k < prev.length; k++) next[k + j] += prev[k];
      f[i] = next;
    }
  }
  return f[m];
}

/** Average ranks (R's rank(ties.method = "average")) and whether any ties occur. */
function averageRanks(v: Float64Array): { ranks: Float64Array; tieSizes: number[] } {
  const n = v.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => v[a] - v[b]);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}

/**
 * Two-sample Wilcoxon rank-sum test of x against y (NaN values are dropped).
 *
 * W = Σᵢ R(xᵢ) − nₓ(nₓ + 1)/2 with mid-ranks in the pooled sample. Exact (R's default when nₓ < 50,
 * nᵧ < 50 and no ties): p = min(1, 2·P(W′ ≤ W)) when W ≤ nₓnᵧ/2, else min(1, 2·P(W′ ≥ W)), from the
 * exact null distribution (Mann & Whitney 1947, doi:10.1214/aoms/1177730491). Otherwise the normal
 * approximation with ties and continuity correction: z = (W − nₓnᵧ/2 − ½·sign(W − nₓnᵧ/2))/σ,
 * σ² = nₓnᵧ/12 · ((N + 1) − Σ(tⱼ³ − tⱼ)/(N(N − 1))), p = 2·min(Φ(z), 1 − Φ(z)).
 * R: `wilcox.test(x, y)` (stats), including its rule and its fall-back (with the warning "cannot
 * compute exact p-value with ties") when `exact = TRUE` meets ties.
 *
 * @example
 * ```ts
 * const r = wilcoxonRankSum([1.1, 2.3, 3.8], [4.2, 5.0, 6.1, 7.7]);
 * r.statistic; // 0
 * r.p; // 2 / choose(7, 3) = 0.0571…, as wilcox.test
 * ```
 */
export function wilcoxonRankSum(x: ArrayLike<number>, y: ArrayLike<number>, options: WilcoxonOptions = {}): Readonly<WilcoxonResult> {
  const correct = options.correct ?? true;
  const xs = Array.from(x).filter((v) => !Number.isNaN(v));
  const ys = Array.from(y).filter((v) => !Number.isNaN(v));
  const nX = xs.length;
  const nY = ys.length;
  const warnings: string[] = [];
  const base = { nX, nY, options: { exact: options.exact ?? null, correct, alternative: "two.sided" as const }, warnings };
  if (nX < 1 || nY < 1) {
    warnings.push(`Wilcoxon test not computed: not enough observations (${nX} and ${nY})`);
    return Object.freeze({ method: "Wilcoxon rank sum test" as const, statistic: Number.NaN, p: Number.NaN, exact: false, ties: false, ...base });
  }
  const pooled = Float64Array.from([...xs, ...ys]);
  const { ranks, tieSizes } = averageRanks(pooled);
  let rx = 0;
  for (let i = 0; i < nX; i++) rx += ranks[i];
  const statistic = rx - (nX * (nX + 1)) / 2;
  const ties = tieSizes.length > 0;
  let exact = options.exact ?? (nX < 50 && nY < 50);
  if (exact && (nX > WILCOXON_EXACT_MAX || nY > WILCOXON_EXACT_MAX)) {
    warnings.push(`exact Wilcoxon distribution not tabulated beyond ${WILCOXON_EXACT_MAX} per group; normal approximation used`);
    exact = false;
  }
  if (exact && ties) {
    warnings.push("cannot compute exact p-value with ties; normal approximation used");
  }
  if (exact && !ties) {
    const counts = wilcoxonCounts(nX, nY);
    const mn = nX * nY;
    // P(W' ≤ q), summed over the shorter tail by symmetry (c[k] = c[mn − k])
    const lowerTail = (q: number): number => {
      let total = 0;
      for (let k = 0; k < counts.length; k++) total += counts[k];
      let s = 0;
      for (let k = 0; k <= q; k++) s += counts[k];
      return s / total;
    };
    const one = statistic > mn / 2 ? lowerTail(mn - statistic) : lowerTail(statistic);
    return Object.freeze({ method: "Wilcoxon rank sum exact test" as const, statistic, p: Math.min(2 * one, 1), exact: true, ties: false, ...base });
  }
  const N = nX + nY;
  let tieTerm = 0;
  for (const t of tieSizes) tieTerm += t * t * t - t;
  const z0 = statistic - (nX * nY) / 2;
  const sigma = Math.sqrt(((nX * nY) / 12) * (N + 1 - tieTerm / (N * (N - 1))));
  const correction = correct ? Math.sign(z0) * 0.5 : 0;
  const z = (z0 - correction) / sigma;
  const p = 2 * Math.min(normalCdf(z), normalCdf(-z));
  return Object.freeze({
    method: correct ? ("Wilcoxon rank sum test with continuity correction" as const) : ("Wilcoxon rank sum test" as const),
    statistic,
    p,
    exact: false,
    ties,
    ...base,
  });
}
