/**
 * IPTW survival with censoring weights (riskRegression::ate(estimator = "IPTW") with a censoring model):
 *   F̂_a(τ) = (1/n) Σ_i 1{A_i = a} / π_a(X_i) · 1{T_i ≤ τ, δ_i = 1} / G_i(T_i−),
 * π₁ = e(X) from glm(A ~ X, binomial), π₀ = 1 − e. The influence function adds to (φ_j − F̂)/n the
 * delta-method terms for the estimated propensity score and censoring model (known.nuisance = FALSE).
 * Reference: Ozenne, Scheike, Stærk & Gerds (2020), Biometrical Journal 62(3):751, doi:10.1002/bimj.201800298.
 */
import { addBeta, addHazard, emptyGradient, hazardGradientIid, rowOf, type CoxNuisance } from "./cox-nuisance.js";
import { censoringWeightAt } from "./ipcw.js";
import { addInversePsGradient, psGradientIid, type PsNuisance } from "./ps-nuisance.js";
import type { ArmRisk } from "./types.js";

export function iptwRisk(ps: PsNuisance, mc: CoxNuisance, status: Uint8Array, treat: Uint8Array, arm: 0 | 1, times: readonly number[]): ArmRisk {
  const n = ps.n;
  const risk = new Float64Array(times.length);
  const iid: Float64Array[] = [];
  const row = new Float64Array(mc.p);
  for (const tau of times) {
    const phi = new Float64Array(n);
    const gPs = new Float64Array(ps.q);
    const gC = emptyGradient(mc);
    let theta = 0;
    for (let i = 0; i < n; i++) {
      if (treat[i] !== arm || status[i] !== 1 || mc.time[i] > tau) continue;
      const pi = arm === 1 ? ps.ps[i] : 1 - ps.ps[i];
      const { k, g } = censoringWeightAt(mc, i, tau);
      phi[i] = 1 / (pi * g);
      theta += phi[i] / n;
      addInversePsGradient(ps, gPs, i, arm, 1 / (n * g));
      // ∂(1/G)/∂H_c = 1/G
      addBeta(gC, rowOf(mc, i, row), addHazard(gC, mc, k, mc.risk[i], phi[i] / n));
    }
    const out = Float64Array.from(phi, (f) => (f - theta) / n);
    psGradientIid(ps, gPs, out);
    hazardGradientIid(mc, gC, out);
    risk[iid.length] = theta;
    iid.push(out);
  }
  return { risk, iid };
}
