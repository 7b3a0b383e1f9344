/**
 * Quantiles of a survival curve (the median and others) with confidence limits, exactly as R survival
 * 3.5-3's `quantile.survfit()` (internal `doquant`/`findq`) computes them.
 *
 * The p-th quantile is the smallest t with 1 − Ŝ(t) ≥ p, with R's mid-point rule: with
 * tol = √ε, if 1 − Ŝ equals p (within tol) over a flat interval [t_a, t_b), the quantile is
 * (t_a + t_b)/2; if the curve stays at p until the last observation, it is (t_a + t_last)/2.
 * The limits are the same rule applied to the lower curve (which crosses first: lower limit of the
 * quantile) and to the upper curve (upper limit). A quantile that the curve does not reach is `null`, never a number.
 *
 * Reference: Brookmeyer & Crowley (1982), A confidence interval for the median survival time,
 * Biometrics 38:29–41, DOI 10.2307/2530286 (the limits as the crossing of the pointwise band).
 * R: `quantile(survfit(...), probs, conf.int = TRUE)` (`print(fit)` shows the median; it uses
 * `survmean`'s `minmin`, which agrees except when Ŝ = 0.5 up to the last time: print gives t_a).
 *
 * @example
 * ```ts
 * // Ŝ = 0.75, 0.5, 0 at t = 1, 2, 3: the median is (2 + 3) / 2 = 2.5
 * findQuantile([1, 2, 3], [0.75, 0.5, 0], 0.5); // 2.5
 * ```
 */

export const QUANTILE_TOLERANCE = Math.sqrt(Number.EPSILON);

export interface QuantileEstimate {
  readonly probability: number;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * The p-th quantile of a step curve Ŝ observed at `time` (ascending), starting from `firstTime`
 * (R: 0 unless the fit has a start.time), as R's findq(c(firstx, time), c(0, 1 - surv), p, tol).
 * Entries of `surv` may be NaN (R's NA in a confidence band); they are skipped as approx() does.
 */
export function findQuantile(
  time: ArrayLike<number>,
  surv: ArrayLike<number>,
  p: number,
  tolerance: number = QUANTILE_TOLERANCE,
  firstTime = 0,
): number | null {
  const m = time.length;
  // x = c(firstx, time); y = c(0, 1 - surv)
  let maxY = 0;
  for (let j = 0; j < m; j++) {
    const y = 1 - surv[j];
    if (!Number.isNaN(y) && y > maxY) maxY = y;
  }
  if (maxY < p) return null;
  const xmax = m > 0 ? time[m - 1] : firstTime;
  // drop duplicated y values (first occurrence kept; NA counts as a value, as duplicated() does)
  const xs: number[] = [firstTime];
  const ys: number[] = [0];
  const seen = new Set<number>([0]);
  let seenNaN = false;
  for (let j = 0; j < m; j++) {
    const y = 1 - surv[j];
    if (Number.isNaN(y)) {
      if (seenNaN) continue;
      seenNaN = true;
    } else {
      // R's duplicated() treats 0 and -0 as equal, as Set does
      if (seen.has(y)) continue;
      seen.add(y);
    }
    xs.push(time[j]);
    ys.push(y);
  }
  const n = ys.length;
  // approx(y ± tol, 1:n, p, method = "constant", f = 1, rule = 1): NA pairs dropped, sorted by x.
  const idx1 = approxConstantRight(ys, tolerance, p);
  const idx2 = approxConstantRight(ys, -tolerance, p);
  let quant: number;
  if (p === 0) quant = xs[0];
  else quant = (pick(xs, idx1) + pick(xs, idx2)) / 2;
  const yLast = ys[n - 1];
  if (!Number.isNaN(yLast) && Math.abs(p - yLast) < tolerance) {
    quant = (pick(xs, idx1) + xmax) / 2;
  }
  return Number.isNaN(quant) ? null : quant;
}

/** x[index] with R's 1-based, truncating, NA-propagating indexing. */
function pick(xs: readonly number[], index: number): number {
  if (Number.isNaN(index)) return Number.NaN;
  const k = Math.trunc(index);
  return k >= 1 && k <= xs.length ? xs[k - 1] : Number.NaN;
}

/**
 * approx(x = ys + shift, y = 1:n, xout = p, method = "constant", f = 1, rule = 1, ties = mean)$y:
 * the value at the first node ≥ p (exact node: its own value); NaN outside the range.
 */
function approxConstantRight(ys: readonly number[], shift: number, p: number): number {
  const nodes: { x: number; y: number }[] = [];
  for (let i = 0; i < ys.length; i++) if (!Number.isNaN(ys[i])) nodes.push({ x: ys[i] + shift, y: i + 1 });
  nodes.sort((a, b) => a.x - b.x || a.y - b.y);
  // collapse tied x by the mean of y (R's regularize.values with ties = mean)
  const xs: number[] = [];
  const yv: number[] = [];
  for (let i = 0; i < nodes.length; ) {
    let k = i;
    let sum = 0;
    while (k < nodes.length && nodes[k].x === nodes[i].x) sum += nodes[k++].y;
    xs.push(nodes[i].x);
    yv.push(sum / (k - i));
    i = k;
  }
  const n = xs.length;
  if (n === 0 || p < xs[0] || p > xs[n - 1]) return Number.NaN;
  // first node with x >= p
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] >= p) hi = mid;
    else lo = mid + 1;
  }
  return yv[lo];
}

/**
 * Quantile estimates with limits for a curve and its pointwise band, as quantile.survfit():
 * the estimate from Ŝ, the lower limit from the lower curve and the upper limit from the upper curve.
 */
export function survivalQuantiles(
  time: ArrayLike<number>,
  surv: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  probs: readonly number[],
  tolerance: number = QUANTILE_TOLERANCE,
): QuantileEstimate[] {
  return probs.map((p) => ({
    probability: p,
    estimate: findQuantile(time, surv, p, tolerance),
    lower: findQuantile(time, lower, p, tolerance),
    upper: findQuantile(time, upper, p, tolerance),
  }));
}
