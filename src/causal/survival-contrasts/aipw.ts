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
  const risk = new Float64Array(times.length);
  const iid: Float64Array[] = [];
  const rowO = new Float64Array(mo.p);
  const rowC = new Float64Array(mc.p);
  const u = mc.jumpTime;
  // outcome-model indices of each censoring jump: Λ₀(u_k) and Λ₀(u_k−)
  const ko = Int32Array.from({ length: gridSize }, (_, k) => jumpIndex(mo, u[k]));
  const koMinus = Int32Array.from({ length: gridSize }, (_, k) => jumpIndex(mo, u[k], true));
  const rrA = Float64Array.from({ length: n }, (_, i) => counterfactualRow(mo, i, arm, rowO));
  for (const tau of times) {
    const kTau = jumpIndex(mo, tau);
    const lamTau = cumHazAt(mo, kTau);
    const phi = new Float64Array(n);
    const gPs = new Float64Array(ps.q);
    const gO = emptyGradient(mo);
    const gC = emptyGradient(mc);
    let theta = 0;
    for (let i = 0; i < n; i++) {
      const sA = Math.exp(-lamTau * rrA[i]);
      const fA = 1 - sA;
      if (treat[i] !== arm) {
        // F_i^a(τ) alone: counterfactual row
        phi[i] = fA;
        theta += fA / n;
        counterfactualRow(mo, i, arm, rowO);
        addBeta(gO, rowO, addHazard(gO, mo, kTau, rrA[i], sA / n));
        continue;
      }
      const pi = arm === 1 ? ps.ps[i] : 1 - ps.ps[i];
      const omega = 1 / (n * pi);
      const ri = mo.risk[i]; // = rrA[i] since A_i = a
      const rci = mc.risk[i];
      const ti = mo.time[i];
      const y = status[i] === 1 && ti <= tau ? 1 : 0;
      const { k: kG, g: gT } = censoringWeightAt(mc, i, tau);
      let scalarO = 0;
      let scalarC = 0;
      // augmentation integral
      let sumQ = 0;
      let sumFQ = 0;
      for (let k = 0; k < gridSize && u[k] <= ti && u[k] <= tau; k++) {
        const gPrev = Math.exp(-cumHazAt(mc, k - 1) * rci);
        const sMinus = Math.exp(-cumHazAt(mo, koMinus[k]) * ri);
        const sK = Math.exp(-cumHazAt(mo, ko[k]) * ri);
        const fK = 1 - sK;
        const dN = status[i] === 0 && ti === u[k] ? 1 : 0;
        const gs = gPrev * sMinus;
        const q = (dN - mc.dLambda[k] * rci) / gs;
        sumQ += q;
        sumFQ += fK * q;
        // outcome model: −F(u_k) q and (F(τ) − F(u_k)) through 1/S(u_k−)
        scalarO += addHazard(gO, mo, ko[k], ri, -omega * sK * q);
        scalarO += addHazard(gO, mo, koMinus[k], ri, omega * (fA - fK) * q);
        // censoring model: through the hazard jump at u_k and through G(u_{k−1})
        const f = omega * (fA - fK);
        scalarC += addHazard(gC, mc, k, rci, -f / gs);
        scalarC += addHazard(gC, mc, k - 1, rci, f * (q + 1 / gs));
      }
      const aug = fA * sumQ - sumFQ;
      const bracket = y / gT - fA + aug;
      phi[i] = fA + bracket * n * omega; // 1/π = n·ω
      theta += phi[i] / n;
      // outcome model: F^a(τ) (1 − 1/π) + F(τ) Σ q
      scalarO += addHazard(gO, mo, kTau, ri, sA / n - omega * sA + omega * sA * sumQ);
      addBeta(gO, rowOf(mo, i, rowO), scalarO);
      // censoring model: Y / G(T∧τ−)
      if (y === 1) scalarC += addHazard(gC, mc, kG, rci, (omega * y) / gT);
      addBeta(gC, rowOf(mc, i, rowC), scalarC);
      addInversePsGradient(ps, gPs, i, arm, bracket / n);
    }
    const out = Float64Array.from(phi, (f) => (f - theta) / n);
    psGradientIid(ps, gPs, out);
    hazardGradientIid(mo, gO, out);
    hazardGradientIid(mc, gC, out);
    risk[iid.length] = theta;
    iid.push(out);
  }
  return { risk, iid };
}
