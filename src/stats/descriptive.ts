/**
 * Descriptive statistics as base R computes them: mean, sd (n − 1), median and quantile (type 7,
 * R's default), sample skewness, and the cobalt-style weighted mean and variance used for weighted
 * Table 1 columns. Inputs are complete (no NaN): callers drop missing values first.
 */

/** Arithmetic mean (two-pass, as R's mean.default refines the sum with a second pass). */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  if (!Number.isFinite(m)) return m;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - m;
  return m + t / n;
}

/** Sample variance Σ(x − x̄)²/(n − 1); R: var(x). NaN when n < 2. */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  return ss / (n - 1);
}

/** Sample standard deviation; R: sd(x). */
export function sd(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/** Sorted copy (ascending). */
export function sorted(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/**
 * Quantile of type 7 (R's default, `quantile(x, p, type = 7)`): with h = (n − 1)p,
 * Q(p) = x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎) on the sorted sample (Hyndman & Fan 1996, doi:10.2307/2684934).
 * `xs` must be sorted ascending.
 */
export function quantileSorted(xs: ArrayLike<number>, p: number): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  // R: index <- 1 + max(n - 1, 0) * probs; lo <- floor(index); hi <- ceiling(index) (1-based, no fuzz for type 7)
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const xlo = xs[lo - 1];
  const xhi = xs[hi - 1];
  if (!(index > lo) || xhi === xlo) return xlo;
  const h = index - lo;
  return xhi === xlo ? xlo : (1 - h) * xlo + h * xhi;
}

/**
 * Quantile of type 6 (`quantile(x, p, type = 6)`): order statistic (n+1)p, interpolated, clamped to [1, n].
 * Bootstrap percentile limits use it: the ((B+1)α)-th and ((B+1)(1−α))-th order statistics of B replicates
 * (Davison & Hinkley 1997, eq. 5.8; the order statistics boot.ci's "perc" interval takes). `sorted` ascending.
 */
export function quantile6(sorted: readonly number[], p: number): number {
  const m = sorted.length;
  const nppm = (m + 1) * p;
  // R's rounding guard (4 × .Machine$double.eps), scaled by B + 1: p = (1 − level)/2 carries a rounding error
  // (0.025000000000000022), and (B+1)p within the guard of a whole number is that order statistic
  const fuzz = 4 * Number.EPSILON * (m + 1);
  const j = Math.floor(nppm + fuzz);
  const h = Math.abs(nppm - j) < fuzz ? 0 : nppm - j;
  if (j < 1) return sorted[0];
  if (j >= m) return sorted[m - 1];
  return h === 0 ? sorted[j - 1] : (1 - h) * sorted[j - 1] + h * sorted[j];
}

/** Median (R: median(x)): mean of the two middle values for even n. `xs` sorted ascending. */
export function medianSorted(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const half = Math.floor((n + 1) / 2);
  if (n % 2 === 1) return xs[half - 1];
  return (xs[half - 1] + xs[half]) / 2;
}

/**
 * Sample skewness g₁ = m₃ / m₂^{3/2} with central moments mₖ = Σ(x − x̄)ᵏ/n (the moment estimator,
 * e1071::skewness(type = 1)). NaN when n < 3 or the variance is 0.
 */
export function skewness(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3) return Number.NaN;
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (!(m2 > 0)) return Number.NaN;
  return m3 / Math.pow(m2, 1.5);
}

/** Weighted mean Σwx/Σw. */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    s += w[i] * x[i];
    sw += w[i];
  }
  return s / sw;
}

/**
 * Weighted variance as cobalt's `col.w.v` (and WeightIt's `w.m`/Hmisc's reliability weights): with
 * w̃ = w/Σw, Σw̃(x − x̄)²/(1 − Σw̃²); equals var(x) when all weights are equal.
 */
export function weightedVariance(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let sw = 0;
  for (let i = 0; i < x.length; i++) sw += w[i];
  const m = weightedMean(x, w);
  let ss = 0;
  let sw2 = 0;
  for (let i = 0; i < x.length; i++) {
    const wt = w[i] / sw;
    ss += wt * (x[i] - m) * (x[i] - m);
    sw2 += wt * wt;
  }
  return ss / (1 - sw2);
}
