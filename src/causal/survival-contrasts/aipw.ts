/**
 * Augmented IPTW (doubly robust) risk at τ (riskRegression::ate(estimator = "AIPTW") with a censoring model,
 * the AIPTW,AIPCW estimator of Ozenne et al. 2020, doi:10.1002/bimj.201800298, eq. for Ψ_AIPTW,AIPCW):
 *   φ_i = F_i^a(τ) + 1{A_i = a}/π_a(X_i) · [ Y_i(τ)/G_i(T_i∧τ−) − F_i^a(τ) + Σ_{u_k ≤ T_i∧τ} (F_i(τ) − F_i(u_k)) dM^c_i(u_k) / (G_i(u_k−) S_i(u_k−)) ]
 * with F, S from the outcome Cox model, G from the censoring Cox model, dM^c_i(u) = dN^c_i(u) − 1{u ≤ T_i} dΛ_c(u) r^c_i.
 * Its influence function adds to (φ_j − F̂)/n the delta-method terms of all three nuisance models
 * (ate's known.nuisance = FALSE): derivatives through π, through the outcome model's H_i(τ), H_i(u_k), H_i(u_k−),
 * and through the censoring model's H^c_i at T_i∧τ−, u_k and u_{k−1}.
 */
import { addBeta, addHazard, cumHazAt, emptyGradient, hazardGradientIid, jumpIndex, rowOf, type CoxNuisance } from "./cox-nuisance.js";
import { censoringWeightAt } from "./ipcw.js";
import { counterfactualRow } from "./outcome-design.js";
import { addInversePsGradient, psGradientIid, type PsNuisance } from "./ps-nuisance.js";
import type { ArmRisk } from "./types.js";

export function aipwRisk(ps: PsNuisance, mo: CoxNuisance, mc: CoxNuisance, status: Uint8Array, treat: Uint8Array, arm: 0 | 1, times: readonly number[], gridSize: number): ArmRisk {
  const n = ps.n;
  const nT = times.length;
  const rowO = new Float64Array(mo.p);
  const rowC = new Float64Array(mc.p);
  const u = mc.jumpTime;
  const tauMax = Math.max(...times);
  // outcome-model indices of each censoring jump: Λ₀(u_k) and Λ₀(u_k−)
  const ko = Int32Array.from({ length: gridSize }, (_, k) => jumpIndex(mo, u[k]));
  const koMinus = Int32Array.from({ length: gridSize }, (_, k) => jumpIndex(mo, u[k], true));
  const rrA = Float64Array.from({ length: n }, (_, i) => counterfactualRow(mo, i, arm, rowO));
  const kTau = times.map((tau) => jumpIndex(mo, tau));
  const lamTau = kTau.map((k) => cumHazAt(mo, k));
  const phi = times.map(() => new Float64Array(n));
  const gPs = times.map(() => new Float64Array(ps.q));
  const gO = times.map(() => emptyGradient(mo));
  const gC = times.map(() => emptyGradient(mc));
  const theta = new Float64Array(nT);
  const sA = new Float64Array(nT);
  const fA = new Float64Array(nT);
  const sumQ = new Float64Array(nT);
  const sumFQ = new Float64Array(nT);
  const scalarO = new Float64Array(nT);
  const scalarC = new Float64Array(nT);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < nT; t++) {
      sA[t] = Math.exp(-lamTau[t] * rrA[i]);
      fA[t] = 1 - sA[t];
    }
    if (treat[i] !== arm) {
      // F_i^a(τ) alone: counterfactual row
      counterfactualRow(mo, i, arm, rowO);
      for (let t = 0; t < nT; t++) {
        phi[t][i] = fA[t];
        theta[t] += fA[t] / n;
        addBeta(gO[t], rowO, addHazard(gO[t], mo, kTau[t], rrA[i], sA[t] / n));
      }
      continue;
    }
    const pi = arm === 1 ? ps.ps[i] : 1 - ps.ps[i];
    const omega = 1 / (n * pi);
    const ri = mo.risk[i]; // = rrA[i] since A_i = a
    const rci = mc.risk[i];
    const ti = mo.time[i];
    sumQ.fill(0);
    sumFQ.fill(0);
    scalarO.fill(0);
    scalarC.fill(0);
    // augmentation integral over the censoring jumps u_k ≤ min(T_i, τ)
    for (let k = 0; k < gridSize && u[k] <= ti && u[k] <= tauMax; k++) {
      const gPrev = Math.exp(-cumHazAt(mc, k - 1) * rci);
      const sMinus = Math.exp(-cumHazAt(mo, koMinus[k]) * ri);
      const sK = Math.exp(-cumHazAt(mo, ko[k]) * ri);
      const fK = 1 - sK;
      const dN = status[i] === 0 && ti === u[k] ? 1 : 0;
      const gs = gPrev * sMinus;
      const q = (dN - mc.dLambda[k] * rci) / gs;
      for (let t = 0; t < nT; t++) {
        if (u[k] > times[t]) continue;
        sumQ[t] += q;
        sumFQ[t] += fK * q;
        // outcome model: −F(u_k) q, and (F(τ) − F(u_k)) q through 1/S(u_k−)
        scalarO[t] += addHazard(gO[t], mo, ko[k], ri, -omega * sK * q);
        scalarO[t] += addHazard(gO[t], mo, koMinus[k], ri, omega * (fA[t] - fK) * q);
        // censoring model: through the hazard jump at u_k and through G(u_{k−1})
        const f = omega * (fA[t] - fK);
        scalarC[t] += addHazard(gC[t], mc, k, rci, -f / gs);
        scalarC[t] += addHazard(gC[t], mc, k - 1, rci, f * (q + 1 / gs));
      }
    }
    rowOf(mo, i, rowO);
    rowOf(mc, i, rowC);
    for (let t = 0; t < nT; t++) {
      const tau = times[t];
      const y = status[i] === 1 && ti <= tau ? 1 : 0;
      const { k: kG, g: gT } = censoringWeightAt(mc, i, tau);
      const aug = fA[t] * sumQ[t] - sumFQ[t];
      const bracket = y / gT - fA[t] + aug;
      phi[t][i] = fA[t] + bracket * n * omega; // 1/π = n·ω
      theta[t] += phi[t][i] / n;
      // outcome model: F^a(τ) (1 − 1/π) + F(τ) Σ q
      const so = scalarO[t] + addHazard(gO[t], mo, kTau[t], ri, sA[t] / n - omega * sA[t] + omega * sA[t] * sumQ[t]);
      addBeta(gO[t], rowO, so);
      // censoring model: Y / G(T∧τ−)
      const sc = scalarC[t] + (y === 1 ? addHazard(gC[t], mc, kG, rci, omega / gT) : 0);
      addBeta(gC[t], rowC, sc);
      addInversePsGradient(ps, gPs[t], i, arm, bracket / n);
    }
  }
  const iid = times.map((_, t) => {
    const out = Float64Array.from(phi[t], (f) => (f - theta[t]) / n);
    psGradientIid(ps, gPs[t], out);
    hazardGradientIid(mo, gO[t], out);
    hazardGradientIid(mc, gC[t], out);
    return out;
  });
  return { risk: theta, iid };
}
