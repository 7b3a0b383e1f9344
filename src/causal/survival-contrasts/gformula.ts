/**
 * G-computation (standardisation) of a Cox model: the risk of arm a at τ averaged over a population,
 *   F̄_a(τ) = Σ_i v_i [1 − exp(−Λ₀(τ) exp(β_A a + x_iᵀβ_X))],   v_i = 1/n (ATE) or A_i/n₁ (ATT),
 * with the influence function v_j (F_j − F̄_a) + Σ_i v_i S_i(τ) ∂H_i(τ) (Cox model estimated, delta method).
 * Reference: riskRegression::ate(estimator = "GFORMULA") (Ozenne et al. 2020, doi:10.1002/bimj.201800298);
 * the ATT is the same average over the treated (predictRisk(..., average.iid = TRUE) on the treated rows).
 * RMST: the standardised curve is a step function with jumps at the event times t_k, so
 *   RMST_a(τ) = Σ_k S̄_a(t_k) (min(t_{k+1}, τ) − t_k), t₀ = 0, S̄_a(t₀) = 1,
 * a linear functional of the curve whose IF is the same combination of the curve's IFs.
 */
import { addBeta, addHazard, cumHazAt, emptyGradient, hazardGradientIid, jumpIndex, type CoxNuisance } from "./cox-nuisance.js";
import { counterfactualRow } from "./outcome-design.js";
import type { ArmRisk, ContrastEstimand } from "./types.js";

/** Population weights v_i. */
export function populationWeights(treat: Uint8Array, estimand: ContrastEstimand): Float64Array {
  const n = treat.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += treat[i];
  return Float64Array.from(treat, (a) => (estimand === "ATE" ? 1 / n : a / n1));
}

export function gformulaRisk(m: CoxNuisance, v: Float64Array, arm: 0 | 1, times: readonly number[]): ArmRisk {
  const n = m.n;
  const risk = new Float64Array(times.length);
  const iid: Float64Array[] = [];
  const row = new Float64Array(m.p);
  const rr = new Float64Array(n);
  for (let i = 0; i < n; i++) rr[i] = counterfactualRow(m, i, arm, row);
  times.forEach((tau, t) => {
    const k = jumpIndex(m, tau);
    const lam = cumHazAt(m, k);
    const F = new Float64Array(n);
    let theta = 0;
    for (let i = 0; i < n; i++) {
      F[i] = 1 - Math.exp(-lam * rr[i]);
      theta += v[i] * F[i];
    }
    risk[t] = theta;
    const out = new Float64Array(n);
    const g = emptyGradient(m);
    for (let i = 0; i < n; i++) {
      out[i] = v[i] * (F[i] - theta);
      if (v[i] === 0) continue;
      const s = addHazard(g, m, k, rr[i], v[i] * (1 - F[i]));
      counterfactualRow(m, i, arm, row);
      addBeta(g, row, s);
    }
    hazardGradientIid(m, g, out);
    iid.push(out);
  });
  return { risk, iid };
}

/** Standardised survival S̄_a at every event time of the outcome model (the adjusted curve). */
export function gformulaCurve(m: CoxNuisance, v: Float64Array, arm: 0 | 1): Float64Array {
  const row = new Float64Array(m.p);
  const rr = Float64Array.from({ length: m.n }, (_, i) => counterfactualRow(m, i, arm, row));
  return Float64Array.from(m.cumHaz, (lam) => {
    let s = 0;
    for (let i = 0; i < m.n; i++) s += v[i] * Math.exp(-lam * rr[i]);
    return s;
  });
}

/** RMST of arm a up to τ with its influence function (length n). */
export function gformulaRmst(m: CoxNuisance, v: Float64Array, arm: 0 | 1, tau: number): { rmst: number; iid: Float64Array } {
  const n = m.n;
  const row = new Float64Array(m.p);
  const rr = Float64Array.from({ length: n }, (_, i) => counterfactualRow(m, i, arm, row));
  const K = jumpIndex(m, tau) + 1; // event times ≤ τ
  const width = new Float64Array(K);
  for (let k = 0; k < K; k++) width[k] = (k + 1 < K ? m.jumpTime[k + 1] : tau) - m.jumpTime[k];
  const first = K > 0 ? m.jumpTime[0] : tau;
  const rmstI = new Float64Array(n);
  const g = emptyGradient(m);
  let theta = 0;
  for (let i = 0; i < n; i++) {
    let r = first;
    let scalar = 0;
    for (let k = 0; k < K; k++) {
      const s = Math.exp(-m.cumHaz[k] * rr[i]);
      r += s * width[k];
      if (v[i] !== 0) scalar += addHazard(g, m, k, rr[i], -v[i] * s * width[k]);
    }
    rmstI[i] = r;
    theta += v[i] * r;
    if (scalar !== 0) {
      counterfactualRow(m, i, arm, row);
      addBeta(g, row, scalar);
    }
  }
  const iid = Float64Array.from(rmstI, (r, i) => v[i] * (r - theta));
  hazardGradientIid(m, g, iid);
  return { rmst: theta, iid };
}
