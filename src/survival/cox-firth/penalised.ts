/**
 * Penalised log-likelihood ℓ*(β) = ℓ(β) + ½ log|I(β)| and Firth's modified score
 * U*(β)_r = U(β)_r + ½ tr(I(β)⁻¹ ∂I(β)/∂β_r) (Firth 1993, doi:10.1093/biomet/80.1.27; Heinze &
 * Schemper 2001, doi:10.1111/j.0006-341X.2001.00114.x) at one β: the first kernel pass gives ℓ, U, I
 * (kernel.ts), an L D Lᵀ factorisation gives log|I| and A = I⁻¹, and the second pass the traces with
 * A fixed (traces.ts). O(n p²) + O(p³) per evaluation.
 */
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlInverse } from "../../math/linalg.js";
import type { LdlFactor } from "../../math/linalg.js";
import type { CoxData } from "../cox/efron.js";
import { firthEvaluate } from "./kernel.js";
import type { FirthEvaluation, FirthWorkspace } from "./kernel.js";
import { firthTraces } from "./traces.js";

/** ℓ*(β) without the modified score: all that step-halving needs. */
export interface PenalisedLikelihood {
  readonly ev: FirthEvaluation;
  /** ℓ*(β) on the internal scale (−∞ when I(β) is singular). */
  readonly pll: number;
  /** L D Lᵀ factor of I(β). */
  readonly factor: LdlFactor;
}

export interface PenalisedEvaluation {
  readonly ev: FirthEvaluation;
  /** ℓ*(β) on the internal scale (−∞ when I(β) is singular). */
  readonly pll: number;
  /** Modified score U*(β), internal scale. */
  readonly ustar: Float64Array;
  /** I(β)⁻¹ (internal scale). */
  readonly inv: Float64Array;
  /** Rank of I(β). */
  readonly rank: number;
}

/** ℓ, U, I and ℓ* at β (internal scale): the first kernel pass and one factorisation. */
export function penalisedLoglik(d: CoxData, beta: ArrayLike<number>, ws: FirthWorkspace): PenalisedLikelihood {
  const p = d.p;
  const ev = firthEvaluate(d, beta, ws);
  const factor = ldlDecompose(ev.imat, p, CHOLESKY_TOLERANCE);
  let logdet = 0;
  for (let i = 0; i < p; i++) logdet += Math.log(factor.ld[i * p + i]);
  const pll = factor.rank < p ? Number.NEGATIVE_INFINITY : ev.loglik + 0.5 * logdet;
  return { ev, pll, factor };
}

/** Completes `lik` with I⁻¹ and U*_r = U_r + ½ tr(I⁻¹ ∂I/∂β_r) (the second kernel pass). */
export function modifiedScore(d: CoxData, lik: PenalisedLikelihood, ws: FirthWorkspace): PenalisedEvaluation {
  const p = d.p;
  const { ev, pll, factor } = lik;
  const inv = ldlInverse(factor);
  const tr = firthTraces(d, ev, inv, ws);
  const ustar = new Float64Array(p);
  for (let r = 0; r < p; r++) ustar[r] = ev.u[r] + 0.5 * tr[r];
  return { ev, pll, ustar, inv, rank: factor.rank };
}

/** ℓ*, U* and I⁻¹ at β (internal scale). */
export function penalisedEvaluate(d: CoxData, beta: ArrayLike<number>, ws: FirthWorkspace): PenalisedEvaluation {
  return modifiedScore(d, penalisedLoglik(d, beta, ws), ws);
}
