/**
 * The inputs every univariate imputation model shares (mice's y, ry, x, wy): `x` holds the predictors
 * without the intercept, n × q column-major; `ry` marks the rows that fit the model (observed y),
 * `wy` the rows to impute. Values of `y` outside `ry` are not used by the fit.
 */
export interface UnivariateInput {
  readonly y: Float64Array;
  readonly ry: Uint8Array;
  readonly wy: Uint8Array;
  readonly x: Float64Array;
  readonly q: number;
}

export function countOnes(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) c++;
  return c;
}

/** Rows of `mask` (in row order) of [1, x] as an nSel × (q + 1) column-major matrix. */
export function withInterceptRows(x: Float64Array, n: number, q: number, mask: Uint8Array): { x: Float64Array; rows: number } {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i] === 1) idx.push(i);
  const r = idx.length;
  const out = new Float64Array(r * (q + 1));
  for (let a = 0; a < r; a++) out[a] = 1;
  for (let j = 0; j < q; j++) for (let a = 0; a < r; a++) out[(j + 1) * r + a] = x[j * n + idx[a]];
  return { x: out, rows: r };
}

/** Lower Cholesky factor L (row-major p × p) of a symmetric positive-definite matrix; null when not PD. */
export function choleskyLower(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j];
    for (let k = 0; k < j; k++) s -= l[j * p + k] * l[j * p + k];
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const d = Math.sqrt(s);
    l[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let t = (a[i * p + j] + a[j * p + i]) / 2; // sym(v): average of v and its transpose, as mice:::sym
      for (let k = 0; k < j; k++) t -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = t / d;
    }
  }
  return l;
}

/** x (rows × p, column-major) times b. */
export function linearPredictor(x: Float64Array, rows: number, p: number, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows);
  for (let j = 0; j < p; j++) {
    const bj = b[j];
    if (bj === 0) continue;
    for (let i = 0; i < rows; i++) out[i] += x[j * rows + i] * bj;
  }
  return out;
}
