/**
 * LOWESS scatterplot smoother (Cleveland 1979, "Robust locally weighted regression and smoothing
 * scatterplots", JASA 74:829–836, doi:10.1080/01621459.1979.10481038), step for step as R's
 * `stats::lowess(x, y, f = 2/3, iter = 3, delta = 0.01 * diff(range(x)))` (the C routine `clowess` in
 * R's src/library/stats/src/lowess.c, R 4.2.2), so the smooth equals R's to rounding.
 *
 * Written by hand (no maintained npm package reproduces clowess's conventions: the span rounding
 * `⌊f·n + 1e-7⌋`, the tie handling, the `delta` shortcut and the early stop of the robustness
 * iterations), in the notation of the paper:
 *
 * - span: r = max(2, min(n, ⌊f·n + 1e-7⌋)) nearest neighbours of xᵢ; h = distance to the farthest of them.
 * - tricube weights wⱼ = (1 − (|xⱼ − xᵢ|/h)³)³ (1 when |xⱼ − xᵢ| ≤ 0.001 h, 0 beyond 0.999 h; points
 *   tied with the farthest neighbour on the right are included), times the robustness weights δⱼ
 *   after the first pass; ŷᵢ is the weighted least-squares line at xᵢ (a weighted mean when the
 *   weighted spread of x is ≤ 0.001 · range(x)); ŷᵢ = yᵢ when all weights are 0.
 * - delta shortcut: points within `delta` of the last fitted point are linearly interpolated
 *   (points with the same x copy its value).
 * - robustness: residuals eᵢ, s = median|eᵢ|, bisquare δᵢ = (1 − (eᵢ/6s)²)² (1 when |eᵢ| ≤ 0.001·6s, 0
 *   beyond 0.999·6s), `iter` times; stops early when 6s < 1e-7 · mean|eᵢ| (the fit is already exact).
 *
 * O(n·r) per pass (r = span), as R.
 */
import { SurvinferError, optionError } from "../errors.js";

export interface LowessOptions {
  /** Span: the fraction of points that influence each fitted value; finite, > 0. Default 2/3 (R). */
  readonly f?: number;
  /** Robustness iterations, an integer ≥ 0. Default 3 (R). */
  readonly iter?: number;
  /** Points closer than `delta` in x to the last fitted point are interpolated; ≥ 0. Default 0.01 · (max x − min x) (R). */
  readonly delta?: number;
}

export interface LowessResult {
  /** x sorted increasingly (ties in input order, as R's `order`). */
  readonly x: number[];
  /** The smooth at each x. */
  readonly y: number[];
  readonly options: { readonly f: number; readonly iter: number; readonly delta: number };
  readonly warnings: string[];
}

/**
 * Local weighted straight line at `xs` from the points nleft..(nright and ties on the right) of the
 * sorted `x` (0-based indices); writes the weights into `w`. Returns NaN when all weights are 0
 * (R's `ok = FALSE`).
 */
function lowest(x: Float64Array, y: Float64Array, xs: number, nleft: number, nright: number, w: Float64Array, rw: Float64Array | null): number {
  const n = x.length;
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        w[j] = c * c * c;
      }
      if (rw !== null) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return Number.NaN;
  for (j = nleft; j <= nrt; j++) w[j] /= a;
  if (h > 0) {
    a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - a) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/**
 * The LOWESS kernel (R's `clowess`). Preconditions: `x` sorted increasingly, `y` in the same order,
 * both finite and of the same length n ≥ 1; `f` > 0, `iter` an integer ≥ 0, `delta` ≥ 0. Never throws;
 * allocates only the fitted values and two work arrays.
 *
 * @example
 * ```ts
 * lowessSorted(Float64Array.from([1, 2, 3]), Float64Array.from([2, 4, 6]), 2 / 3, 3, 0.02); // [2, 4, 6]
 * ```
 */
export function lowessSorted(x: Float64Array, y: Float64Array, f: number, iter: number, delta: number): Float64Array {
  const n = x.length;
  const ys = new Float64Array(n);
  if (n < 2) {
    if (n === 1) ys[0] = y[0];
    return ys;
  }
  const rw = new Float64Array(n);
  const res = new Float64Array(n);
  const ns = Math.max(2, Math.min(n, Math.trunc(f * n + 1e-7)));
  for (let it = 1; it <= iter + 1; it++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1; // index of the previous fitted point
    let i = 0; // index of the current point
    for (;;) {
      if (nright < n - 1) {
        // move the window right while that makes the radius smaller
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fitted = lowest(x, y, x[i], nleft, nright, res, it > 1 ? rw : null);
      ys[i] = Number.isNaN(fitted) ? y[i] : fitted;
      if (last < i - 1) {
        // skipped points: interpolate
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    for (let k = 0; k < n; k++) res[k] = y[k] - ys[k];
    let sc = 0;
    for (let k = 0; k < n; k++) sc += Math.abs(res[k]);
    sc /= n;
    if (it > iter) break;
    // robustness weights: bisquare of the residuals over 6 × median |residual|
    for (let k = 0; k < n; k++) rw[k] = Math.abs(res[k]);
    const sorted = Float64Array.from(rw).sort();
    const m1 = Math.floor(n / 2);
    const cmad = n % 2 === 0 ? 3 * (sorted[m1] + sorted[n - m1 - 1]) : 6 * sorted[m1];
    if (cmad < 1e-7 * sc) break; // effectively zero: the fit is exact
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]);
      if (r <= c1) rw[k] = 1;
      else if (r <= c9) {
        const q = r / cmad;
        const b = 1 - q * q;
        rw[k] = b * b;
      } else rw[k] = 0;
    }
  }
  return ys;
}

/**
 * LOWESS smooth of y on x, as R's `lowess(x, y, f = 2/3, iter = 3, delta = 0.01 * diff(range(x)))`:
 * returns the points sorted by x (ties kept in input order) with their fitted values.
 *
 * Throws `INPUT_INVALID` when x and y differ in length, are empty or hold a non-finite value (R would
 * sort NAs last and smooth garbage), and `OPTION_INVALID` for f ≤ 0, a non-integer or negative `iter`
 * or a negative `delta`.
 *
 * @example
 * ```ts
 * const s = lowess([3, 1, 2, 5, 4], [6, 2, 4, 10, 8]);
 * s.x; // [1, 2, 3, 4, 5]
 * s.y; // [2, 4, 6, 8, 10] (a straight line is returned exactly)
 * ```
 */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, options: LowessOptions = {}): LowessResult {
  const n = x.length;
  if (n !== y.length) throw new SurvinferError({ code: "INPUT_INVALID", message: `lowess: x has ${n} values but y has ${y.length}`, hint: "give one y per x" });
  if (n === 0) throw new SurvinferError({ code: "INPUT_INVALID", message: "lowess: x is empty" });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new SurvinferError({ code: "INPUT_INVALID", message: `lowess: point ${i + 1} is not finite (x = ${x[i]}, y = ${y[i]})`, hint: "drop missing or infinite points first" });
    }
  }
  const f = options.f ?? 2 / 3;
  if (typeof f !== "number" || !Number.isFinite(f) || f <= 0) throw optionError("f", "a finite span > 0", f);
  const iter = options.iter ?? 3;
  if (typeof iter !== "number" || !Number.isInteger(iter) || iter < 0) throw optionError("iter", "an integer ≥ 0", iter);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs = Float64Array.from(order, (i) => x[i]);
  const yv = Float64Array.from(order, (i) => y[i]);
  const delta = options.delta ?? 0.01 * (xs[n - 1] - xs[0]);
  if (typeof delta !== "number" || !Number.isFinite(delta) || delta < 0) throw optionError("delta", "a finite number ≥ 0", delta);
  const fitted = lowessSorted(xs, yv, f, iter, delta);
  return { x: Array.from(xs), y: Array.from(fitted), options: { f, iter, delta }, warnings: [] };
}
