/**
 * Which predictors enter an imputation model, as mice 3.15.0 `remove.lindep(x, y, ry, eps = 1e-4, maxcor = 0.99)`:
 * none when the observed y has variance < eps; otherwise drop predictors whose observed variance is
 * < eps or whose correlation with y is ≥ maxcor (mice compares the signed correlation), then, while the
 * smallest/largest eigenvalue ratio of the predictors' correlation matrix is < eps, drop the predictor
 * with the largest |loading| on the smallest eigenvalue's eigenvector.
 * Eigen-decomposition by cyclic Jacobi rotations (exact to rounding for these small symmetric matrices).
 */
export const LINDEP_EPS = 1e-4;
export const LINDEP_MAXCOR = 0.99;

function variance(v: Float64Array): number {
  const n = v.length;
  if (n < 2) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - m) * (v[i] - m);
  return ss / (n - 1);
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Eigenvalues (descending) and eigenvectors (columns, row-major k × k) of a symmetric matrix. */
export function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += m[i * k + j] * m[i * k + j];
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (apq === 0) continue;
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p];
          const mrq = m[r * k + q];
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r];
          const mqr = m[q * k + r];
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => m[y * k + y] - m[x * k + x]);
  const values = Float64Array.from(order, (i) => m[i * k + i]);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src];
  });
  return { values, vectors };
}

/**
 * @param x n × q predictors (column-major, no intercept); @param ry rows that fit the model.
 * @returns keep[j] for each predictor.
 */
export function keepPredictors(x: Float64Array, q: number, y: Float64Array, ry: Uint8Array, eps = LINDEP_EPS, maxcor = LINDEP_MAXCOR): boolean[] {
  const n = y.length;
  if (q === 0) return [];
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (ry[i] === 1) rows.push(i);
  if (rows.length === 0) return new Array<boolean>(q).fill(true);
  const yobs = Float64Array.from(rows, (i) => y[i]);
  if (!(variance(yobs) >= eps)) return new Array<boolean>(q).fill(false);
  const cols = Array.from({ length: q }, (_, j) => Float64Array.from(rows, (i) => x[j * n + i]));
  const keep = cols.map((c) => {
    const v = variance(c);
    if (!(v > eps)) return false;
    return correlation(c, yobs) < maxcor;
  });
  let idx = keep.flatMap((k, j) => (k ? [j] : []));
  const corMatrix = (ids: number[]): Float64Array => {
    const k = ids.length;
    const c = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      c[a * k + a] = 1;
      for (let b = a + 1; b < k; b++) c[a * k + b] = c[b * k + a] = correlation(cols[ids[a]], cols[ids[b]]);
    }
    return c;
  };
  while (idx.length > 1) {
    const k = idx.length;
    const e = symmetricEigen(corMatrix(idx), k);
    if (!(e.values[k - 1] / e.values[0] < eps)) break;
    let worst = 0;
    for (let r = 1; r < k; r++) if (Math.abs(e.vectors[r * k + k - 1]) > Math.abs(e.vectors[worst * k + k - 1])) worst = r;
    keep[idx[worst]] = false;
    idx = idx.filter((_, r) => r !== worst);
  }
  return keep;
}
