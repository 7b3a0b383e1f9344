/**
 * Harrell's concordance of a Cox model's risk scores with survival, and its standard error, as
 * R survival's concordancefit(y, lp, strata, weights, cluster, reverse = TRUE, timefix = FALSE)
 * reports them in coxph's fit$concordance (Harrell et al. 1982, doi:10.1001/jama.1982.03320430047030;
 * Therneau & Atkinson, "The concordance statistic", survival vignette).
 *
 * Comparable pairs are formed within strata and, for (start, stop] data, only with rows already
 * entered (startⱼ < tᵢ); every pair has time weight 1 and case weight wᵢwⱼ:
 *   C = (concordant + tied.x / 2) / (concordant + discordant + tied.x),
 * with survival's infinitesimal-jackknife SE, dfbetas summed by cluster when the fit is robust.
 * The counting and the SE are the shared kernel's (src/survival/concordance-kernel.ts, which states
 * the formulas); this front door only passes the fit's prepared, stratified data to it.
 */
import { concordanceEstimate, concordancePairs } from "../concordance-kernel.js";
import type { CoxConcordance } from "./types.js";

export function coxConcordance(
  time: Float64Array,
  status: ArrayLike<number>,
  entry: Float64Array | null,
  eta: ArrayLike<number>,
  weights: Float64Array,
  stratum: Int32Array,
  nStrata: number,
  cluster?: Int32Array,
): CoxConcordance {
  const pairs = concordancePairs({ time, status, eta, weights, entry, stratum, nStrata });
  return concordanceEstimate(pairs, weights, cluster);
}
