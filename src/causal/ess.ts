/**
 * Kish's effective sample size, ESS = (Σ wᵢ)² / Σ wᵢ² (Kish L. Survey Sampling. Wiley 1965; as
 * WeightIt's `ESS()` and cobalt's "Effective sample sizes" table). Equals n for equal weights.
 */

/**
 * ESS of the units selected by `mask` (all units when omitted). Returns 0 when every weight is 0.
 *
 * @example
 * ```ts
 * kishEss(Float64Array.from([1, 1, 2])); // (4)² / 6 = 2.666…
 * ```
 */
export function kishEss(weights: ArrayLike<number>, mask?: (i: number) => boolean): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    if (mask !== undefined && !mask(i)) continue;
    const w = weights[i];
    s += w;
    s2 += w * w;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}
