/**
 * The Newton–Raphson iteration on Firth's modified score U* (penalised.ts) of coxphf's FIRTHCOX
 * routine (step I⁻¹U*, each coefficient's step capped at `maxStep` on the standardised scale,
 * step-halving while ℓ* does not increase, convergence when every standardised change is ≤ `epsilon`
 * and every standardised |U*| is ≤ `gconv`). Coefficients in `free` are estimated, the others stay
 * where they start (profile likelihood, restricted fits for the penalised LR tests).
 */
import { solveSymmetric } from "../../math/linalg.js";
import type { CoxData } from "../cox/efron.js";
import { makeFirthWorkspace } from "./kernel.js";
import type { FirthWorkspace } from "./kernel.js";
import { modifiedScore, penalisedEvaluate, penalisedLoglik } from "./penalised.js";
import type { PenalisedEvaluation } from "./penalised.js";

export interface FirthNewtonControl {
  readonly maxIter: number;
  readonly maxHalving: number;
  readonly maxStep: number;
  readonly epsilon: number;
  readonly gconv: number;
}

export interface FirthNewtonResult {
  readonly beta: Float64Array;
  readonly at: PenalisedEvaluation;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Maximises ℓ* over the coefficients with `free[j]` true, starting at `start` (internal scale).
 * `stdScale[j]` converts an internal coefficient to coxphf's standardised scale (x / sd(x)).
 */
export function firthNewton(
  d: CoxData,
  start: ArrayLike<number>,
  free: readonly boolean[],
  stdScale: Float64Array,
  control: FirthNewtonControl,
  ws: FirthWorkspace = makeFirthWorkspace(d.p),
): FirthNewtonResult {
  const p = d.p;
  const idx: number[] = [];
  for (let j = 0; j < p; j++) if (free[j]) idx.push(j);
  const m = idx.length;
  let beta = Float64Array.from(start);
  let at = penalisedEvaluate(d, beta, ws);
  if (m === 0) return { beta, at, iterations: 0, converged: true };
  const sub = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  let iter = 0;
  let converged = false;
  while (iter < control.maxIter) {
    iter++;
    const beta0 = beta;
    const pll0 = at.pll;
    for (let a = 0; a < m; a++) {
      rhs[a] = at.ustar[idx[a]];
      for (let b = 0; b < m; b++) sub[a * m + b] = at.ev.imat[idx[a] * p + idx[b]];
    }
    const delta = solveSymmetric(sub, m, rhs);
    beta = Float64Array.from(beta0);
    for (let a = 0; a < m; a++) {
      const j = idx[a];
      let step = delta[a];
      const stdStep = step * stdScale[j];
      if (Math.abs(stdStep) > control.maxStep) step = (Math.sign(stdStep) * control.maxStep) / stdScale[j];
      beta[j] += step;
    }
    let lik = penalisedLoglik(d, beta, ws);
    // step-halving while ℓ* does not increase (coxphf skips it on the first iteration; a non-finite
    // ℓ* is always halved); only the accepted point needs the modified score (second kernel pass)
    let halvings = 0;
    while (halvings <= control.maxHalving && (!Number.isFinite(lik.pll) || (iter !== 1 && lik.pll <= pll0))) {
      halvings++;
      for (const j of idx) beta[j] = (beta[j] + beta0[j]) / 2;
      lik = penalisedLoglik(d, beta, ws);
    }
    at = modifiedScore(d, lik, ws);
    let ok = Number.isFinite(at.pll);
    for (const j of idx) {
      if (!(Math.abs(beta[j] - beta0[j]) * stdScale[j] <= control.epsilon)) ok = false;
      if (!(Math.abs(at.ustar[j] / stdScale[j]) <= control.gconv)) ok = false;
    }
    if (ok) {
      converged = true;
      break;
    }
  }
  return { beta, at, iterations: iter, converged };
}
