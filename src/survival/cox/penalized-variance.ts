/**
 * The variance and degrees of freedom of a penalised Cox fit (survival::coxpenal.df, Gray 1992,
 * doi:10.1080/01621459.1992.10475277) and print.coxph.penal's linear / non-linear Wald tests of a pspline term.
 *   var = H⁻¹, var2 = H⁻¹ I H⁻¹ (H = I + λP at β̂), df of a term with columns j = trace[(H⁻¹)_jj⁻¹ (var2)_jj];
 *   linear: the GLS slope c = [(XᵀV⁻¹X)⁻¹XᵀV⁻¹]₂ β of the coefficients on X = [1, centres] (V = var), Wald χ² on 1 df;
 *   non-linear: βᵀV⁻¹β minus the linear χ², on df − 1 (p with max(0.5, df − 1) df, as R).
 */
import { chisqSf } from "../../math/distributions.js";
import { ldlDecompose, ldlInverse, ldlSolve, type LdlFactor } from "../../math/linalg.js";
import type { CoxPenalizedTermResult } from "./types.js";

/** coxph.wtest's tolerance, used by print.coxph.penal's linear / non-linear tests. */
const WTEST_TOLERANCE = 1e-9;

/** A[rows, cols] of a row-major p × p matrix. */
export function block(a: Float64Array, p: number, idx: readonly number[]): Float64Array {
  const m = idx.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = a[idx[i] * p + idx[j]];
  return out;
}

/** (A B) of row-major square matrices of order m. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) {
    const v = a[i * m + k];
    if (v === 0) continue;
    for (let j = 0; j < m; j++) out[i * m + j] += v * b[k * m + j];
  }
  return out;
}

/** trace(A⁻¹ B) with A's generalised inverse (coxph.wtest(A, B)$solve, summed on the diagonal). */
function traceSolve(a: Float64Array, b: Float64Array, m: number, toler: number): number {
  const f = ldlDecompose(a, m, toler);
  let tr = 0;
  for (let j = 0; j < m; j++) {
    const col = new Float64Array(m);
    for (let i = 0; i < m; i++) col[i] = b[i * m + j];
    tr += ldlSolve(f, col)[j];
  }
  return tr;
}

/**
 * coxpenal.df for dense penalties: var = H⁻¹, var2 = H⁻¹ I H⁻¹ with I = H − λP, df per term
 * (trace(I H⁻¹) for a one-term model). `fit.hmat`: H at β̂ (full, row-major); `fit.pen`: the λP blocks; `fit.factor`: H's LDLᵀ.
 */
export function penalizedDf(fit: { readonly hmat: Float64Array; readonly pen: Float64Array; readonly factor: LdlFactor }, p: number, termColumns: readonly (readonly number[])[], toler: number): { var: Float64Array; var2: Float64Array; df: number[] } {
  const hinv = ldlInverse(fit.factor);
  const imat = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) imat[i] = fit.hmat[i] - fit.pen[i];
  const var2 = matmul(matmul(hinv, imat, p), hinv, p);
  let df: number[];
  if (termColumns.length === 1) {
    let s = 0;
    for (let i = 0; i < p * p; i++) s += imat[i] * hinv[i];
    df = [s];
  } else df = termColumns.map((cols) => traceSolve(block(hinv, p, cols), block(var2, p, cols), cols.length, toler));
  return { var: hinv, var2, df };
}

/** print.coxph.penal's tests of a pspline term: the GLS linear trend of its coefficients on the centres, and the rest. */
export function linearNonlinear(coef: Float64Array, v: Float64Array, v2: Float64Array, centres: readonly number[], df: number): Pick<CoxPenalizedTermResult, "linear" | "nonlinear"> {
  const m = coef.length;
  const fv = ldlDecompose(v, m, WTEST_TOLERANCE);
  const test1 = ldlSolve(fv, coef).reduce((s, b, i) => s + b * coef[i], 0);
  // xsig = V⁻¹ X, X = [1, centres]
  const xsig0 = ldlSolve(fv, new Float64Array(m).fill(1));
  const xsig1 = ldlSolve(fv, Float64Array.from(centres));
  // (Xᵀ V⁻¹ X)⁻¹ (V⁻¹X)ᵀ, second row
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  for (let i = 0; i < m; i++) {
    a00 += xsig0[i];
    a01 += xsig1[i];
    a11 += centres[i] * xsig1[i];
  }
  const g = ldlDecompose(Float64Array.from([a00, a01, a01, a11]), 2, WTEST_TOLERANCE);
  const cmat = new Float64Array(m);
  for (let i = 0; i < m; i++) cmat[i] = ldlSolve(g, [xsig0[i], xsig1[i]])[1];
  let linear = 0;
  let lvar1 = 0;
  let lvar2 = 0;
  for (let i = 0; i < m; i++) {
    linear += cmat[i] * coef[i];
    for (let j = 0; j < m; j++) {
      lvar1 += cmat[i] * v[i * m + j] * cmat[j];
      lvar2 += cmat[i] * v2[i * m + j] * cmat[j];
    }
  }
  const test2 = (linear * linear) / lvar1;
  return {
    linear: { coef: linear, se: Math.sqrt(lvar1), se2: Math.sqrt(lvar2), chisq: test2, df: 1, p: chisqSf(test2, 1) },
    // R's p uses max(0.5, df − 1) "to stop silly small p-values" when df is near 1
    nonlinear: { chisq: test1 - test2, df: df - 1, p: chisqSf(test1 - test2, Math.max(0.5, df - 1)) },
  };
}
