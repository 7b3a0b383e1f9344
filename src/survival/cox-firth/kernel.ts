/**
 * Kernel of the Firth-penalised Cox fitter: log partial likelihood ℓ(β), score U(β), information
 * I(β) and its derivatives ∂I(β)/∂β_r, for Breslow (coxphf) or Efron ties, strata, offset and
 * (start, stop] data, in one walk over the rows as prepared by `prepareCoxData` (sorted by stratum,
 * stop time descending; covariates centred and scaled).
 *
 * Every death time contributes terms of the form c · [Σ_{deaths} ηᵢ − log M0], with
 * M0 = Σ_{i∈R} aᵢ exp(ηᵢ) over a weighted set R (Breslow: the whole risk set, aᵢ = 1, c = number of
 * deaths; Efron: for k = 0..d−1 the risk set with deaths weighted by 1 − k/d, c = 1). Writing
 * E[·] for the mean under weights aᵢ exp(ηᵢ) / M0, one term gives
 *   ∂/∂β (−log M0)        = −μ,                    μ = E[x],
 *   ∂²/∂β∂βᵀ (−log M0)    = −Cov = −(E[xxᵀ] − μμᵀ),
 *   ∂³/∂β_j∂β_k∂β_l (−log M0) = −κ_jkl,  κ_jkl = E[(x−μ)_j (x−μ)_k (x−μ)_l]
 *                          = E[x_j x_k x_l] − μ_j E[x_k x_l] − μ_k E[x_j x_l] − μ_l E[x_j x_k] + 2 μ_j μ_k μ_l,
 * so U = Σ c (x_deaths − μ), I = Σ c Cov and ∂I_jk/∂β_l = Σ c κ_jkl (third central moments of x
 * weighted by exp(xβ) over risk sets). Risk-set sums S0, S1, S2, S3 of aᵢ exp(ηᵢ) xᵢ^{⊗0..3} are
 * cumulative, as in survival's coxfit6.c / agfit4.c, so one evaluation is O(n p³) after the one sort; the
 * walk over the (start, stop] risk sets is the Cox kernel's (`sweepRiskSets`, cox/risk-sets.ts).
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
  /** ∂I_jk/∂β_l at index (j·p + k)·p + l (symmetric in j, k, l). */
  dimat: Float64Array;
}

/** Work space reused across evaluations of one problem. */
export interface FirthWorkspace {
  readonly p: number;
  eta: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly s3: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly d3: Float64Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  readonly mu: Float64Array;
}

export function makeFirthWorkspace(p: number): FirthWorkspace {
  const p2 = p * p;
  const p3 = p2 * p;
  return {
    p,
    eta: new Float64Array(0),
    s1: new Float64Array(p),
    s2: new Float64Array(p2),
    s3: new Float64Array(p3),
    d1: new Float64Array(p),
    d2: new Float64Array(p2),
    d3: new Float64Array(p3),
    m1: new Float64Array(p),
    m2: new Float64Array(p2),
    m3: new Float64Array(p3),
    mu: new Float64Array(p),
  };
}

/** Adds sign · r · x^{⊗1,2,3} of one row to the sums (a1, a2, a3). */
function accumulate(sign: number, r: number, xs: Float64Array, base: number, p: number, a1: Float64Array, a2: Float64Array, a3: Float64Array): void {
  const rs = sign * r;
  for (let j = 0; j < p; j++) {
    const xj = rs * xs[base + j];
    a1[j] += xj;
    for (let k = 0; k < p; k++) {
      const xjk = xj * xs[base + k];
      a2[j * p + k] += xjk;
      const off = (j * p + k) * p;
      for (let l = 0; l < p; l++) a3[off + l] += xjk * xs[base + l];
    }
  }
}

/** One term c · (−log M0) and its first three derivatives, from raw weighted moments M0..M3. */
function addTerm(c: number, m0: number, m1: Float64Array, m2: Float64Array, m3: Float64Array, p: number, mu: Float64Array, ev: FirthEvaluation): void {
  ev.loglik -= c * Math.log(m0);
  const inv = 1 / m0;
  for (let j = 0; j < p; j++) {
    mu[j] = m1[j] * inv;
    ev.u[j] -= c * mu[j];
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      const e2 = m2[j * p + k] * inv;
      ev.imat[j * p + k] += c * (e2 - mu[j] * mu[k]);
      const off = (j * p + k) * p;
      for (let l = 0; l < p; l++) {
        const kappa = m3[off + l] * inv - mu[j] * m2[k * p + l] * inv - mu[k] * m2[j * p + l] * inv - mu[l] * e2 + 2 * mu[j] * mu[k] * mu[l];
        ev.dimat[off + l] += c * kappa;
      }
    }
  }
}

/**
 * ℓ(β), U(β), I(β) and ∂I/∂β at `beta` (internal, centred and scaled covariate scale).
 * `d.efron` selects Efron's approximation for tied deaths, otherwise Breslow's.
 */
export function firthEvaluate(d: CoxData, beta: ArrayLike<number>, ws: FirthWorkspace): FirthEvaluation {
  const { n, p, xs, offset, weights, status, bounds, efron } = d;
  if (ws.eta.length !== n) ws.eta = new Float64Array(n);
  const { eta, s1, s2, s3, d1, d2, d3, m1, m2, m3, mu } = ws;
  const ev: FirthEvaluation = { loglik: 0, u: new Float64Array(p), imat: new Float64Array(p * p), dimat: new Float64Array(p * p * p) };
  for (let k = 0; k < n; k++) {
    let z = offset[k];
    const base = k * p;
    for (let j = 0; j < p; j++) z += beta[j] * xs[base + j];
    eta[k] = z;
  }
  // risk-set sums of the current stratum (S·) and of the deaths at the current time (D·)
  let s0 = 0;
  const visit: RiskSetVisitor = {
    leave(q) {
      const risk = Math.exp(eta[q]) * weights[q];
      s0 -= risk;
      accumulate(-1, risk, xs, q * p, p, s1, s2, s3);
    },
    clear() {
      s0 = 0;
      s1.fill(0);
      s2.fill(0);
      s3.fill(0);
    },
    enter(k, k2, _time, hasDeath) {
      let deaths = 0;
      let deadWt = 0;
      let d0 = 0;
      if (hasDeath) {
        d1.fill(0);
        d2.fill(0);
        d3.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = Math.exp(eta[q]) * weights[q];
        const base = q * p;
        if (status[q] === 0) {
          s0 += risk;
          accumulate(1, risk, xs, base, p, s1, s2, s3);
        } else {
          deaths++;
          const w = weights[q];
          deadWt += w;
          ev.loglik += w * eta[q];
          for (let j = 0; j < p; j++) ev.u[j] += w * xs[base + j];
          d0 += risk;
          accumulate(1, risk, xs, base, p, d1, d2, d3);
        }
      }
      if (deaths === 0) return;
      // risk set now includes the deaths at this time
      s0 += d0;
      for (let j = 0; j < p; j++) s1[j] += d1[j];
      for (let j = 0; j < p * p; j++) s2[j] += d2[j];
      for (let j = 0; j < p * p * p; j++) s3[j] += d3[j];
      if (!efron || deaths === 1) {
        addTerm(deadWt, s0, s1, s2, s3, p, mu, ev);
        return;
      }
      const wtave = deadWt / deaths;
      for (let m = 0; m < deaths; m++) {
        const g = m / deaths;
        for (let j = 0; j < p; j++) m1[j] = s1[j] - g * d1[j];
        for (let j = 0; j < p * p; j++) m2[j] = s2[j] - g * d2[j];
        for (let j = 0; j < p * p * p; j++) m3[j] = s3[j] - g * d3[j];
        addTerm(wtave, s0 - g * d0, m1, m2, m3, p, mu, ev);
      }
    },
  };
  for (let s = 0; s + 1 < bounds.length; s++) {
    visit.clear();
    sweepRiskSets(d, bounds[s], bounds[s + 1], visit);
  }
  return ev;
}
