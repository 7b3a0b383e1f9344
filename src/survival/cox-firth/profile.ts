/**
 * Profile penalised likelihood of one coefficient: ℓ*_prof(b) = max over β_{−j} of ℓ*(β_j = b, β_{−j}),
 * its confidence limits {b : 2(ℓ*(β̂) − ℓ*_prof(b)) = χ²₁(confLevel)} found by bracketing and Brent's
 * root finder, and the penalised likelihood-ratio statistic 2(ℓ*(β̂) − ℓ*_prof(0)). coxphf's PLCOMP
 * solves the same equations with the Venzon–Moolgavkar iteration; the limits agree at convergence.
 */
import { brentRoot } from "../../math/optimize.js";
import type { CoxData } from "../cox/efron.js";
import { makeFirthWorkspace } from "./kernel.js";
import { firthNewton } from "./newton.js";
import type { FirthNewtonControl } from "./newton.js";

export interface ProfileValue {
  readonly pll: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/** ℓ*_prof for coefficient j (internal scale), warm-starting each fit from the previous optimum. */
export function makeProfile(d: CoxData, j: number, betaHat: Float64Array, stdScale: Float64Array, control: FirthNewtonControl): (b: number) => ProfileValue {
  const p = d.p;
  const free: boolean[] = [];
  for (let k = 0; k < p; k++) free.push(k !== j);
  const ws = makeFirthWorkspace(p);
  let warm: Float64Array = Float64Array.from(betaHat);
  return (b: number) => {
    const start = Float64Array.from(warm);
    start[j] = b;
    let fit = firthNewton(d, start, free, stdScale, control, ws);
    if (!fit.converged || !Number.isFinite(fit.at.pll)) {
      // a far warm start can fail where the estimate does not: retry from β̂
      const s2 = Float64Array.from(betaHat);
      s2[j] = b;
      const retry = firthNewton(d, s2, free, stdScale, control, ws);
      if (retry.converged || !Number.isFinite(fit.at.pll)) fit = retry;
    }
    if (fit.converged) warm = fit.beta;
    return { pll: fit.at.pll, converged: fit.converged, iterations: fit.iterations };
  };
}

export interface ProfileLimit {
  /** Limit on the internal scale, or null when not found. */
  readonly value: number | null;
  /** Inner Newton iterations summed over the profile evaluations. */
  readonly iterations: number;
  readonly reason: string | null;
}

/**
 * One profile limit: walks from β̂_j in direction `dir` (−1 lower, +1 upper) by 2·se, doubling,
 * until ℓ*_prof falls below `target`, then Brent on the bracket.
 */
export function profileLimit(prof: (b: number) => ProfileValue, betaHatJ: number, seJ: number, dir: -1 | 1, target: number, tol: number): ProfileLimit {
  let iterations = 0;
  let failed = false;
  const g = (b: number): number => {
    const v = prof(b);
    iterations += v.iterations;
    if (!v.converged) failed = true;
    // −∞ (singular information far out) still lies below the cut-off; keep Brent's arithmetic finite
    if (v.pll === Number.NEGATIVE_INFINITY) return -1e10;
    return v.pll - target;
  };
  let inner = betaHatJ;
  let gInner = g(betaHatJ);
  let step = 2 * (Number.isFinite(seJ) && seJ > 0 ? seJ : 1);
  for (let k = 0; k < 40; k++) {
    const outer = betaHatJ + dir * step;
    const gOuter = g(outer);
    if (Number.isNaN(gOuter)) return { value: null, iterations, reason: "the profile penalised likelihood was not finite" };
    if (gOuter < 0) {
      const root = brentRoot(g, inner, outer, gInner, gOuter, tol);
      return failed ? { value: root, iterations, reason: "an inner fit of the profile did not converge" } : { value: root, iterations, reason: null };
    }
    inner = outer;
    gInner = gOuter;
    step *= 2;
  }
  return { value: null, iterations, reason: "no limit found: the profile penalised likelihood stays above the cut-off" };
}
