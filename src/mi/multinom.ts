/**
 * Weighted multinomial (baseline-category) logistic regression by Newton–Raphson with step-halving:
 *   P(y = c | x) = exp(x β_c) / Σ_l exp(x β_l), β_1 = 0;  maximises Σ_i w_i log P(y_i | x_i).
 * Gradient g_c = Σ w_i x_i (1[y_i = c] − P_ic); Hessian block (c, l) = −Σ w_i P_ic (δ_cl − P_il) x_i x_iᵀ.
 * The same likelihood as nnet::multinom (which mice.impute.polyreg calls, decay = 0), solved to
 * convergence instead of nnet's BFGS stop at reltol 1e-8, so it equals the exact MLE (nnet agrees to ~1e-4).
 */
import { solveSymmetric } from "../math/linalg.js";

export interface MultinomFit {
  /** (K − 1) × p row-major: row c − 1 holds β_c for category c = 2..K. */
  readonly coef: Float64Array;
  readonly k: number;
  readonly p: number;
  readonly logLik: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Category probabilities for the rows of x (rows × p column-major): rows × K row-major. */
export function multinomProbs(x: Float64Array, rows: number, p: number, coef: Float64Array, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  const eta = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    let mx = 0;
    eta[0] = 0;
    for (let c = 1; c < k; c++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += x[j * rows + i] * coef[(c - 1) * p + j];
      eta[c] = s;
      if (s > mx) mx = s;
    }
    let tot = 0;
    for (let c = 0; c < k; c++) tot += Math.exp(eta[c] - mx);
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(eta[c] - mx) / tot;
  }
  return out;
}

function logLik(x: Float64Array, rows: number, p: number, y: Int32Array, w: Float64Array, coef: Float64Array, k: number): number {
  const pr = multinomProbs(x, rows, p, coef, k);
  let ll = 0;
  for (let i = 0; i < rows; i++) ll += w[i] * Math.log(pr[i * k + y[i]]);
  return ll;
}

/** y: category codes 0..k−1; x: rows × p column-major with the intercept; w: prior weights. */
export function fitMultinom(x: Float64Array, rows: number, p: number, y: Int32Array, w: Float64Array, k: number, maxIter = 100): MultinomFit {
  const d = (k - 1) * p;
  let coef = new Float64Array(d);
  let ll = logLik(x, rows, p, y, w, coef, k);
  let converged = false;
  let iter = 0;
  for (iter = 1; iter <= maxIter; iter++) {
    const pr = multinomProbs(x, rows, p, coef, k);
    const g = new Float64Array(d);
    const h = new Float64Array(d * d);
    for (let i = 0; i < rows; i++) {
      for (let c = 1; c < k; c++) {
        const r = w[i] * ((y[i] === c ? 1 : 0) - pr[i * k + c]);
        for (let j = 0; j < p; j++) g[(c - 1) * p + j] += r * x[j * rows + i];
        for (let l = 1; l < k; l++) {
          const wk = w[i] * pr[i * k + c] * ((c === l ? 1 : 0) - pr[i * k + l]);
          if (wk === 0) continue;
          for (let a = 0; a < p; a++) {
            const xa = x[a * rows + i] * wk;
            for (let b = 0; b < p; b++) h[((c - 1) * p + a) * d + (l - 1) * p + b] += xa * x[b * rows + i];
          }
        }
      }
    }
    const step = solveSymmetric(h, d, g);
    let t = 1;
    let next = coef;
    let llNext = ll;
    for (let half = 0; half < 30; half++) {
      next = coef.map((b, j) => b + t * step[j]);
      llNext = logLik(x, rows, p, y, w, next, k);
      if (Number.isFinite(llNext) && llNext >= ll - 1e-12 * Math.abs(ll)) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let j = 0; j < d; j++) maxStep = Math.max(maxStep, Math.abs(t * step[j]));
    const change = Math.abs(llNext - ll);
    coef = next;
    ll = llNext;
    if (maxStep < 1e-11 || change <= 1e-14 * (Math.abs(ll) + 0.1)) {
      converged = true;
      break;
    }
  }
  return { coef, k, p, logLik: ll, iterations: iter, converged };
}
