/**
 * Inverse probability of censoring weights shared by IPTW and AIPW: the censoring model is
 * coxph(Surv(time, status == 0) ~ A + X, ties = "breslow") and G_i(s) = exp(−Λ_c(s) r^c_i). As
 * riskRegression::ate, a patient's weight uses G just before min(T_i, τ): G_i(min(T_i, τ)−), and the
 * augmentation integral runs over the censoring jump times u_k strictly before min(max T, max τ)
 * (ate's `index.lastjumpC`, evaluated at time − 1e-12).
 */
import { cumHazAt, jumpIndex, type CoxNuisance } from "./cox-nuisance.js";

/** Index k into the censoring model's jumps with G evaluated at Λ_c(t_k) for min(T_i, τ)−, and G itself. */
export function censoringWeightAt(mc: CoxNuisance, i: number, tau: number): { k: number; g: number } {
  const k = jumpIndex(mc, Math.min(mc.time[i], tau), true);
  return { k, g: Math.exp(-cumHazAt(mc, k) * mc.risk[i]) };
}

/** Number of censoring jumps in the augmentation grid (ate's index.lastjumpC). */
export function censoringGridSize(mc: CoxNuisance, times: readonly number[]): number {
  let maxT = -Infinity;
  for (let i = 0; i < mc.n; i++) maxT = Math.max(maxT, mc.time[i]);
  const bound = Math.min(maxT, Math.max(...times)) - 1e-12;
  return jumpIndex(mc, bound) + 1;
}
