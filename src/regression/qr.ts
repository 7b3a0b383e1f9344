/**
 * Householder QR with R's limited column pivoting (LINPACK `dqrdc2` as modified for R), used by
 * the logistic IRLS so that rank decisions — which column is aliased — are the ones R's `glm.fit`
 * (via `C_Cdqrls`) makes. Written by hand: no maintained JS library reproduces dqrdc2's pivoting rule.
 *
 * dqrdc2 rule: a column whose remaining norm (below the rows already reduced) has fallen below
 * `tol` × its original norm is moved to the end; the columns after it shift left. The rank is the
 * number of columns that were not moved. Everything here is column-major over Float64Array and O(n p²).
 */

export interface QrDecomposition {
  /** n × p column-major: R in the upper triangle, Householder vectors below (as LINPACK stores them). */
  readonly qr: Float64Array;
  readonly qraux: Float64Array;
  /** pivot[j] = original (0-based) index of the column now in position j. */
  readonly pivot: Int32Array;
  readonly rank: number;
  readonly n: number;
  readonly p: number;
}

function norm2(a: Float64Array, start: number, len: number): number {
  // plain sum of squares when safe; otherwise the scaled two-norm of BLAS dnrm2 (no overflow/underflow)
  let ss = 0;
  for (let i = start; i < start + len; i++) ss += a[i] * a[i];
  if (ss > 1e-280 && ss < 1e280) return Math.sqrt(ss);
  if (ss === 0) return 0;
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < start + len; i++) {
    const v = a[i];
    if (v !== 0) {
      const av = Math.abs(v);
      if (scale < av) {
        ssq = 1 + ssq * (scale / av) * (scale / av);
        scale = av;
      } else {
        ssq += (av / scale) * (av / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/** QR-decomposes a copy of `x` (n × p, column-major) with tolerance `tol` (R's glm.fit uses min(1e-7, epsilon/1000)). */
export function qrDecompose(x: Float64Array, n: number, p: number, tol: number): QrDecomposition {
  const a = Float64Array.from(x);
  const qraux = new Float64Array(p);
  const work0 = new Float64Array(p);
  const work1 = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    const nrm = norm2(a, j * n, n);
    qraux[j] = nrm;
    work0[j] = nrm;
    work1[j] = nrm === 0 ? 1 : nrm;
  }
  const lup = Math.min(n, p);
  let k = p + 1; // 1-based as in the Fortran
  const tmpCol = new Float64Array(n);
  for (let l = 1; l <= lup; l++) {
    const l0 = l - 1;
    // cycle negligible columns to the end
    while (!(l >= k || qraux[l0] >= work1[l0] * tol)) {
      tmpCol.set(a.subarray(l0 * n, l0 * n + n));
      a.copyWithin(l0 * n, (l0 + 1) * n, p * n);
      a.set(tmpCol, (p - 1) * n);
      const i = pivot[l0];
      const t = qraux[l0];
      const tt = work0[l0];
      const ttt = work1[l0];
      for (let j = l0 + 1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        work0[j - 1] = work0[j];
        work1[j - 1] = work1[j];
      }
      pivot[p - 1] = i;
      qraux[p - 1] = t;
      work0[p - 1] = tt;
      work1[p - 1] = ttt;
      k--;
    }
    if (l === n) break;
    const colL = l0 * n;
    let nrmxl = norm2(a, colL + l0, n - l0);
    if (nrmxl === 0) continue;
    if (a[colL + l0] !== 0) nrmxl = Math.sign(a[colL + l0]) * Math.abs(nrmxl);
    const inv = 1 / nrmxl;
    for (let i = l0; i < n; i++) a[colL + i] *= inv;
    a[colL + l0] += 1;
    const pivotVal = a[colL + l0];
    for (let j = l0 + 1; j < p; j++) {
      const colJ = j * n;
      let dot = 0;
      for (let i = l0; i < n; i++) dot += a[colL + i] * a[colJ + i];
      const t = -dot / pivotVal;
      for (let i = l0; i < n; i++) a[colJ + i] += t * a[colL + i];
      if (qraux[j] !== 0) {
        const r = Math.abs(a[colJ + l0]) / qraux[j];
        const tt = Math.max(1 - r * r, 0);
        if (Math.abs(tt) < 1e-6) {
          qraux[j] = norm2(a, colJ + l0 + 1, n - l0 - 1);
          work0[j] = qraux[j];
        } else {
          qraux[j] = qraux[j] * Math.sqrt(tt);
        }
      }
    }
    qraux[l0] = a[colL + l0];
    a[colL + l0] = -nrmxl;
  }
  const rank = Math.min(k - 1, n);
  return { qr: a, qraux, pivot, rank, n, p };
}

/** Computes Qᵀy in place for the first `rank` Householder reflections. */
function applyQt(d: QrDecomposition, y: Float64Array): void {
  const { qr, qraux, n } = d;
  const ju = Math.min(d.rank, n - 1);
  for (let j = 0; j < ju; j++) {
    if (qraux[j] === 0) continue;
    const col = j * n;
    const diag = qr[col + j];
    qr[col + j] = qraux[j];
    let dot = 0;
    for (let i = j; i < n; i++) dot += qr[col + i] * y[i];
    const t = -dot / qr[col + j];
    for (let i = j; i < n; i++) y[i] += t * qr[col + i];
    qr[col + j] = diag;
  }
}

/**
 * Least-squares coefficients in PIVOTED order: the first `rank` solve R b = (Qᵀy)[0..rank); the
 * rest are 0 (as LINPACK dqrls leaves them). Also returns the effects Qᵀy.
 */
export function qrSolve(d: QrDecomposition, y: Float64Array): { coef: Float64Array; effects: Float64Array } {
  const { qr, n, p, rank } = d;
  const qty = Float64Array.from(y);
  applyQt(d, qty);
  const b = new Float64Array(p);
  for (let j = rank - 1; j >= 0; j--) {
    let s = qty[j];
    for (let k = j + 1; k < rank; k++) s -= qr[k * n + j] * b[k];
    b[j] = s / qr[j * n + j];
  }
  return { coef: b, effects: qty };
}

/** (RᵀR)⁻¹ for the leading rank × rank block of R (R's chol2inv), row-major rank × rank, pivoted order. */
export function qrUnscaledCovariance(d: QrDecomposition): Float64Array {
  const { qr, n, rank } = d;
  // Rinv (upper triangular) by back substitution
  const rinv = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    rinv[c * rank + c] = 1 / qr[c * n + c];
    for (let r = c - 1; r >= 0; r--) {
      let s = 0;
      for (let k = r + 1; k <= c; k++) s += qr[k * n + r] * rinv[k * rank + c];
      rinv[r * rank + c] = -s / qr[r * n + r];
    }
  }
  const out = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < rank; j++) {
      let s = 0;
      for (let k = j; k < rank; k++) s += rinv[i * rank + k] * rinv[j * rank + k];
      out[i * rank + j] = s;
      out[j * rank + i] = s;
    }
  }
  return out;
}

/**
 * Solves the symmetric positive-definite system A x = b (A row-major m × m) by Cholesky; returns
 * null when A is not numerically positive definite. Also gives log|A| and A⁻¹ on request.
 */
export function choleskyInverse(a: Float64Array, m: number): { inverse: Float64Array; logDet: number } | null {
  const l = new Float64Array(m * m);
  let logDet = 0;
  for (let j = 0; j < m; j++) {
    let s = a[j * m + j];
    for (let k = 0; k < j; k++) s -= l[j * m + k] * l[j * m + k];
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const d = Math.sqrt(s);
    l[j * m + j] = d;
    logDet += 2 * Math.log(d);
    for (let i = j + 1; i < m; i++) {
      let t = a[i * m + j];
      for (let k = 0; k < j; k++) t -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = t / d;
    }
  }
  // invert L, then A⁻¹ = L⁻ᵀ L⁻¹
  const li = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    li[c * m + c] = 1 / l[c * m + c];
    for (let r = c + 1; r < m; r++) {
      let s = 0;
      for (let k = c; k < r; k++) s += l[r * m + k] * li[k * m + c];
      li[r * m + c] = -s / l[r * m + r];
    }
  }
  const inv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < m; k++) s += li[k * m + i] * li[k * m + j];
      inv[i * m + j] = s;
      inv[j * m + i] = s;
    }
  }
  return { inverse: inv, logDet };
}
