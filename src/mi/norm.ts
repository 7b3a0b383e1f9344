/**
 * The Bayesian linear-regression draw behind mice's `norm` and `pmm` (mice 3.15.0, `mice:::estimice`
 * with ls.meth = "qr" and `mice:::.norm.draw`; Rubin 1987, p. 167; van Buuren 2018, FIMD §3.2, algorithm 3.1):
 *   β̂ = OLS by QR (lm.fit), V = (RᵀR)⁻¹, df = max(n_obs − p, 1), RSS = Σ residuals²;
 *   σ* = √(RSS / g) with g ~ χ²(df);  β* = β̂ + σ* · L z, z ~ N(0, I_p), L Lᵀ = V.
 * When RᵀR cannot be inverted (a predictor aliased), mice adds a ridge: V = (RᵀR + diag(RᵀR)·1e-5)⁻¹
 * (RᵀR in lm.fit's pivoted column order, as mice does), and aliased coefficients (NA) become 0 in β̂ and β*.
 */
import { qrDecompose, qrSolve } from "../regression/qr.js";
import { inverseSymmetric } from "../math/linalg.js";
import { choleskyLower, linearPredictor } from "./design.js";

/** mice's default ridge penalty (mice.impute.pmm(ridge = 1e-05)). */
export const MICE_RIDGE = 1e-5;

export interface NormFit {
  /** β̂ in column order; NaN where aliased (R's NA). */
  readonly coef: Float64Array;
  /** V, p × p row-major (lm.fit's pivoted order when a column is aliased, as mice). */
  readonly v: Float64Array;
  readonly df: number;
  readonly rss: number;
  readonly p: number;
  /** True when V needed the ridge (mice logs "mice detected that your data are (nearly) multi-collinear"). */
  readonly ridge: boolean;
}

/** estimice(x, y): x is the design with the intercept, rows × p column-major (rows = observed cases). */
export function estimateNorm(x: Float64Array, rows: number, p: number, y: Float64Array, ridge: number = MICE_RIDGE): NormFit {
  const d = qrDecompose(x, rows, p, 1e-7); // lm.fit(tol = 1e-07)
  // Qᵀy, then back substitution over the leading rank columns (lm.fit's coefficients)
  const coefPivoted = qrSolve(d, y).coef;
  const coef = new Float64Array(p).fill(Number.NaN);
  for (let j = 0; j < d.rank; j++) coef[d.pivot[j]] = coefPivoted[j];
  const b0 = coef.map((c) => (Number.isNaN(c) ? 0 : c));
  const fitted = linearPredictor(x, rows, p, b0);
  let rss = 0;
  for (let i = 0; i < rows; i++) rss += (y[i] - fitted[i]) * (y[i] - fitted[i]);
  // crossprod(qr.R(qr)): R is the upper triangle of the first min(rows, p) rows, all p columns
  const k = Math.min(rows, p);
  const xtx = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let r = 0; r <= Math.min(a, b, k - 1); r++) s += d.qr[a * rows + r] * d.qr[b * rows + r];
      xtx[a * p + b] = s;
      xtx[b * p + a] = s;
    }
  }
  let v: Float64Array | null = null;
  let usedRidge = false;
  if (d.rank === p) v = tryInverse(xtx, p);
  if (v === null) {
    const pen = Float64Array.from(xtx);
    for (let j = 0; j < p; j++) pen[j * p + j] += xtx[j * p + j] * ridge;
    v = inverseSymmetric(pen, p);
    usedRidge = true;
  }
  return { coef, v, df: Math.max(rows - p, 1), rss, p, ridge: usedRidge };
}

function tryInverse(a: Float64Array, p: number): Float64Array | null {
  if (choleskyLower(a, p) === null) return null;
  const inv = inverseSymmetric(a, p);
  for (let i = 0; i < inv.length; i++) if (!Number.isFinite(inv[i])) return null;
  return inv;
}

export interface NormDraw {
  /** β̂ with aliased entries 0 (mice's rank.adjust). */
  readonly coef: Float64Array;
  readonly beta: Float64Array;
  readonly sigma: number;
}

/** β* and σ* from the fit and the draws g ~ χ²(df) and z ~ N(0, I_p) (.norm.draw). */
export function drawNorm(fit: NormFit, chisq: number, z: ArrayLike<number>): NormDraw {
  const p = fit.p;
  const sigma = Math.sqrt(fit.rss / chisq);
  const l = choleskyLower(fit.v, p);
  const coef = new Float64Array(p);
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    if (l !== null) for (let k = 0; k <= i; k++) s += l[i * p + k] * z[k];
    const c = fit.coef[i];
    coef[i] = Number.isNaN(c) ? 0 : c;
    beta[i] = Number.isNaN(c) ? 0 : c + s * sigma;
  }
  return { coef, beta, sigma };
}
