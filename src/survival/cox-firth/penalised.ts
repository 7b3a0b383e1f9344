/**
 * Penalised log-likelihood ℓ*(β) = ℓ(β) + ½ log|I(β)| and Firth's modified score
 * U*(β)_r = U(β)_r + ½ tr(I(β)⁻¹ ∂I(β)/∂β_r) (Firth 1993, doi:10.1093/biomet/80.1.27; Heinze &
 * Schemper 2001, doi:10.1111/j.0006-341X.2001.00114.x) at one β: the first kernel pass gives ℓ, U, I
 * (kernel.ts), an L D Lᵀ factorisation gives log|I| and A = I⁻¹, and the second pass the traces with
 * A fixed (traces.ts). O(n p²) + O(p³) per evaluation.
 */
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlInverse } from "../../math/linalg.js";
import type { CoxData } from "../cox/efron.js";
import { firthEvaluate } from "./kernel.js";
import type { FirthEvaluation, FirthWorkspace } from "./kernel.js";
import { firthTraces } from "./traces.js";

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

/** ℓ*, U* and I⁻¹ at β (internal scale). */
export function penalisedEvaluate(d: CoxData, beta: ArrayLike<number>, ws: FirthWorkspace): PenalisedEvaluation {
  const p = d.p;
  const ev = firthEvaluate(d, beta, ws);
  const f = ldlDecompose(ev.imat, p, CHOLESKY_TOLERANCE);
  let logdet = 0;
  for (let i = 0; i < p; i++) logdet += Math.log(f.ld[i * p + i]);
  const inv = ldlInverse(f);
  const tr = firthTraces(d, inv, ws);
  const ustar = new Float64Array(p);
  for (let r = 0; r < p; r++) ustar[r] = ev.u[r] + 0.5 * tr[r];
  const pll = f.rank < p ? Number.NEGATIVE_INFINITY : ev.loglik + 0.5 * logdet;
  return { ev, pll, ustar, inv, rank: f.rank };
}
