/**
 * Kernel of the Firth-penalised Cox fitter, first pass: log partial likelihood ℓ(β), score U(β) and
 * information I(β) for Breslow (coxphf) or Efron ties, strata, offset and (start, stop] data, in one
 * walk over the rows as prepared by `prepareCoxData` (sorted by stratum, stop time descending;
 * covariates centred and scaled). The second pass, tr(A ∂I/∂β_r) for A = I⁻¹, is in traces.ts.
 *
 * Every death time contributes terms of the form c · [Σ_{deaths} ηᵢ − log M0], with
 * M0 = Σ_{i∈R} aᵢ exp(ηᵢ) over a weighted set R (Breslow: the whole risk set, aᵢ = 1, c = number of
 * deaths; Efron: for k = 0..d−1 the risk set with deaths weighted by 1 − k/d, c = 1). Writing
 * E[·] for the mean under weights aᵢ exp(ηᵢ) / M0, one term gives
 *   ∂/∂β (−log M0)     = −μ,                    μ = E[x],
 *   ∂²/∂β∂βᵀ (−log M0) = −Cov = −(E[xxᵀ] − μμᵀ),
 * so U = Σ c (x_deaths − μ) and I = Σ c Cov. Risk-set sums S0, S1, S2 of aᵢ exp(ηᵢ) xᵢ^{⊗0..2} are
 * cumulative, as in survival's coxfit6.c / agfit4.c (S2 as its upper triangle), so one evaluation is
 * O(n p²) after the one sort (plus O(p²) per Efron term); the walk over the (start, stop] risk sets is
 * the Cox kernel's (`sweepRiskSets`, cox/risk-sets.ts). The Efron terms are summed one by one, as the
 * earlier O(n p³) version of this kernel did, so ℓ, U and I are unchanged by the two-pass rewrite.
 * Never throws; non-finite values propagate to the caller.
 */
import type { CoxData } from "../cox/efron.js";
import { sweepRiskSets, type RiskSetVisitor } from "../cox/risk-sets.js";

export interface FirthEvaluation {
  /** ℓ(β), the log partial likelihood. */
  loglik: number;
  /** U(β), length p. */
  u: Float64Array;
  /** I(β), p × p row-major, full (symmetric). */
  imat: Float64Array;
  /** Per row (processing order): ηᵢ = offsetᵢ + xᵢβ and the risk weight wᵢ exp(ηᵢ), for the trace pass. */
  readonly eta: Float64Array;
  readonly risk: Float64Array;
}

/** Work space reused across evaluations of one problem (both passes). */
export interface FirthWorkspace {
  readonly p: number;
  /** xᵢᵀ A xᵢ per row (trace pass). */
  h: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly mu: Float64Array;
  /** Trace pass: Σ r h x over the risk set and over the deaths at the current time. */
  readonly t1: Float64Array;
  readonly dt1: Float64Array;
  /** Trace pass: A S1, A D1, S2 (A S1), S2 (A D1), D2 (A S1), D2 (A D1). */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly s2a: Float64Array;
  readonly s2b: Float64Array;
  readonly d2a: Float64Array;
  readonly d2b: Float64Array;
  /** Trace pass, one Efron term: A M1, M2 (A M1), T1 − g DT1. */
  readonly va: Float64Array;
  readonly m2v: Float64Array;
  readonly mt1: Float64Array;
}

export function makeFirthWorkspace(p: number): FirthWorkspace {
  const p2 = p * p;
  const vec = (): Float64Array => new Float64Array(p);
  return {
    p,
    h: new Float64Array(0),
    s1: vec(),
    s2: new Float64Array(p2),
    d1: vec(),
    d2: new Float64Array(p2),
    m1: vec(),
    m2: new Float64Array(p2),
    mu: vec(),
    t1: vec(),
    dt1: vec(),
    a: vec(),
    b: vec(),
    s2a: vec(),
    s2b: vec(),
    d2a: vec(),
    d2b: vec(),
    va: vec(),
    m2v: vec(),
    mt1: vec(),
  };
}

/** Adds rs · x and rs · xxᵀ (upper triangle) of one row to the sums (a1, a2). */
export function accumulate2(rs: number, xs: Float64Array, base: number, p: number, a1: Float64Array, a2: Float64Array): void {
  for (let j = 0; j < p; j++) {
    const xj = rs * xs[base + j];
    a1[j] += xj;
    const off = j * p;
    for (let k = j; k < p; k++) a2[off + k] += xj * xs[base + k];
  }
}

/** One term c · (−log M0) and its first two derivatives, from raw weighted moments M0, M1, M2 (upper). */
function addTerm(c: number, m0: number, m1: Float64Array, m2: Float64Array, p: number, mu: Float64Array, ev: FirthEvaluation): void {
  ev.loglik -= c * Math.log(m0);
  const inv = 1 / m0;
  for (let j = 0; j < p; j++) {
    mu[j] = m1[j] * inv;
    ev.u[j] -= c * mu[j];
  }
  for (let j = 0; j < p; j++) {
    const off = j * p;
    for (let k = j; k < p; k++) ev.imat[off + k] += c * (m2[off + k] * inv - mu[j] * mu[k]);
  }
}

/** η = offset + xβ and wᵢ exp(ηᵢ) for every row. */
function linearPredictor(d: CoxData, beta: ArrayLike<number>): { eta: Float64Array; risk: Float64Array } {
  const { n, p, xs, offset, weights } = d;
  const eta = new Float64Array(n);
  const risk = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let z = offset[k];
    const base = k * p;
    for (let j = 0; j < p; j++) z += beta[j] * xs[base + j];
    eta[k] = z;
    risk[k] = Math.exp(z) * weights[k];
  }
  return { eta, risk };
}

/**
 * ℓ(β), U(β) and I(β) at `beta` (internal, centred and scaled covariate scale), with η and the risk
 * weights for the trace pass. `d.efron` selects Efron's approximation for tied deaths, otherwise Breslow's.
 */
export function firthEvaluate(d: CoxData, beta: ArrayLike<number>, ws: FirthWorkspace): FirthEvaluation {
  const { p, xs, weights, status, bounds, efron } = d;
  const { eta, risk: riskOf } = linearPredictor(d, beta);
  const { s1, s2, d1, d2, m1, m2, mu } = ws;
  const p2 = p * p;
  const ev: FirthEvaluation = { loglik: 0, u: new Float64Array(p), imat: new Float64Array(p2), eta, risk: riskOf };
  // risk-set sums of the current stratum (S·) and of the deaths at the current time (D·)
  let s0 = 0;
  const visit: RiskSetVisitor = {
    leave(q) {
      const risk = riskOf[q];
      s0 -= risk;
      accumulate2(-risk, xs, q * p, p, s1, s2);
    },
    clear() {
      s0 = 0;
      s1.fill(0);
      s2.fill(0);
    },
    enter(k, k2, _time, hasDeath) {
      let deaths = 0;
      let deadWt = 0;
      let d0 = 0;
      if (hasDeath) {
        d1.fill(0);
        d2.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = riskOf[q];
        const base = q * p;
        if (status[q] === 0) {
          s0 += risk;
          accumulate2(risk, xs, base, p, s1, s2);
        } else {
          deaths++;
          const w = weights[q];
          deadWt += w;
          ev.loglik += w * eta[q];
          for (let j = 0; j < p; j++) ev.u[j] += w * xs[base + j];
          d0 += risk;
          accumulate2(risk, xs, base, p, d1, d2);
        }
      }
      if (deaths === 0) return;
      // risk set now includes the deaths at this time
      s0 += d0;
      for (let j = 0; j < p; j++) s1[j] += d1[j];
      for (let j = 0; j < p2; j++) s2[j] += d2[j];
      if (!efron || deaths === 1) {
        addTerm(deadWt, s0, s1, s2, p, mu, ev);
        return;
      }
      const wtave = deadWt / deaths;
      for (let m = 0; m < deaths; m++) {
        const g = m / deaths;
        for (let j = 0; j < p; j++) m1[j] = s1[j] - g * d1[j];
        for (let j = 0; j < p2; j++) m2[j] = s2[j] - g * d2[j];
        addTerm(wtave, s0 - g * d0, m1, m2, p, mu, ev);
      }
    },
  };
  for (let s = 0; s + 1 < bounds.length; s++) {
    visit.clear();
    sweepRiskSets(d, bounds[s], bounds[s + 1], visit);
  }
  const { imat } = ev;
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) imat[k * p + j] = imat[j * p + k];
  return ev;
}
