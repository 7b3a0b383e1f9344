/**
 * Small dense symmetric linear algebra for p × p information matrices (p is the number of model
 * coefficients, typically < 50), written by hand because the Cox and GLM fitters need exactly the
 * rank-revealing generalised Cholesky that R survival uses (cholesky2 / chsolve2 / chinv2): a
 * factorisation A = L D Lᵀ (L unit lower triangular) in which a pivot smaller than
 * `toler × max(diag A)` marks its column as redundant (D = 0 there). Solving then returns 0 for that
 * coefficient and the inverse has a zero row and column for it, which is how coxph reports an NA
 * coefficient for a collinear covariate. No general-purpose JS library offers this exact rule.
 *
 * Matrices are row-major `Float64Array`s of length n·n.
 */

/** An L D Lᵀ factorisation: `ld` holds D on the diagonal and L strictly below it (row-major). */
export interface LdlFactor {
  readonly n: number;
  readonly ld: Float64Array;
  /** Number of non-redundant columns (pivots kept). */
  readonly rank: number;
  /** False when a pivot was clearly negative (matrix not non-negative definite). */
  readonly nonNegative: boolean;
}

/** Default singularity tolerance: R's coxph.control(toler.chol = .Machine$double.eps^0.75). */
export const CHOLESKY_TOLERANCE = Math.pow(Number.EPSILON, 0.75);

/**
 * Generalised Cholesky A = L D Lᵀ of a symmetric matrix (only the upper triangle and diagonal of
 * `a` are read). A pivot that is NaN, infinite or below `toler · max(diag A)` is set to 0 and its
 * column skipped: the column is linearly dependent on the earlier ones. Mirrors survival's
 * cholesky2(); returns a new array, `a` is not modified.
 */
export function ldlDecompose(a: Float64Array, n: number, toler: number = CHOLESKY_TOLERANCE): LdlFactor {
  const m = Float64Array.from(a);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    if (m[i * n + i] > largest) largest = m[i * n + i];
    for (let j = i + 1; j < n; j++) m[j * n + i] = m[i * n + j];
  }
  if (largest === 0) {
    for (let i = 0; i < n; i++) m[i * n + i] = 0;
    return { n, ld: m, rank: 0, nonNegative: true };
  }
  const eps = largest * toler;
  let rank = 0;
  let nonNegative = true;
  for (let i = 0; i < n; i++) {
    const pivot = m[i * n + i];
    if (!Number.isFinite(pivot) || pivot < eps) {
      m[i * n + i] = 0;
      if (pivot < -8 * eps) nonNegative = false;
      continue;
    }
    rank++;
    for (let j = i + 1; j < n; j++) {
      const l = m[j * n + i] / pivot;
      m[j * n + i] = l;
      m[j * n + j] -= l * l * pivot;
      for (let k = j + 1; k < n; k++) m[k * n + j] -= l * m[k * n + i];
    }
  }
  return { n, ld: m, rank, nonNegative };
}

/** Solves A b = y from an L D Lᵀ factor, in place on a copy of `y`; redundant columns get b = 0 (chsolve2). */
export function ldlSolve(f: LdlFactor, y: ArrayLike<number>): Float64Array {
  const { n, ld } = f;
  const b = Float64Array.from(y as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= b[j] * ld[i * n + j];
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const d = ld[i * n + i];
    if (d === 0) {
      b[i] = 0;
      continue;
    }
    let s = b[i] / d;
    for (let j = i + 1; j < n; j++) s -= b[j] * ld[j * n + i];
    b[i] = s;
  }
  return b;
}

/**
 * Inverse of A from its L D Lᵀ factor, (L⁻¹)ᵀ D⁻¹ L⁻¹, with zero rows and columns for redundant
 * columns (the generalised inverse survival's chinv2() returns). Result is full and symmetric.
 */
export function ldlInverse(f: LdlFactor): Float64Array {
  const { n } = f;
  const m = Float64Array.from(f.ld);
  // invert D and the unit lower triangle (sweep), column by column
  for (let i = 0; i < n; i++) {
    if (m[i * n + i] > 0) {
      m[i * n + i] = 1 / m[i * n + i];
      for (let j = i + 1; j < n; j++) {
        m[j * n + i] = -m[j * n + i];
        for (let k = 0; k < i; k++) m[j * n + k] += m[j * n + i] * m[i * n + k];
      }
    }
  }
  // upper triangle ← Fᵀ D F, with F = L⁻¹ now in the lower triangle
  for (let i = 0; i < n; i++) {
    if (m[i * n + i] === 0) {
      for (let j = 0; j < i; j++) m[j * n + i] = 0;
      for (let j = i; j < n; j++) m[i * n + j] = 0;
    } else {
      for (let j = i + 1; j < n; j++) {
        const t = m[j * n + i] * m[j * n + j];
        m[i * n + j] = t;
        for (let k = i; k < j; k++) m[i * n + k] += t * m[j * n + k];
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i];
  return m;
}

/** Solves the symmetric system A x = b (A n × n row-major); redundant directions get 0. */
export function solveSymmetric(a: Float64Array, n: number, b: ArrayLike<number>, toler: number = CHOLESKY_TOLERANCE): Float64Array {
  return ldlSolve(ldlDecompose(a, n, toler), b);
}

/** Inverse (generalised, zero rows/columns for redundant directions) of a symmetric n × n matrix. */
export function inverseSymmetric(a: Float64Array, n: number, toler: number = CHOLESKY_TOLERANCE): Float64Array {
  return ldlInverse(ldlDecompose(a, n, toler));
}

/** Quadratic form bᵀ A⁻¹ b through the factorisation (R survival's coxph.wtest for one vector). */
export function quadFormInverse(a: Float64Array, n: number, b: ArrayLike<number>, toler: number = CHOLESKY_TOLERANCE): { value: number; rank: number } {
  const f = ldlDecompose(a, n, toler);
  const x = ldlSolve(f, b);
  let s = 0;
  for (let i = 0; i < n; i++) s += b[i] * x[i];
  return { value: s, rank: f.rank };
}

/** Row-major n × n Float64Array → number[][]. */
export function toRows(a: Float64Array, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(a.subarray(i * n, i * n + n)));
  return out;
}
