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
 * the formulas); this front door only passes the fit's prepared, stratified data to it, and for
 * right-censored data the (stratum, time) ranks from the fit's own sort, so the kernel sorts only η.
 */
import { concordanceEstimate, concordancePairs } from "../concordance-kernel.js";
import type { CoxData } from "./efron.js";
import type { CoxConcordance } from "./types.js";

/**
 * Dense ranks of (stratum, stop time), strata ascending then time ascending, from the fit's processing
 * order (strata ascending, stop time descending within a stratum: prepare.ts); −1 for the rows the fit
 * dropped, which lie in no risk set with a death and so in no comparable pair.
 */
export function stratumTimeRanksOfFit(data: Pick<CoxData, "rowOf" | "stop" | "bounds">, nAll: number): Int32Array {
  const { rowOf, stop, bounds } = data;
  const rank = new Int32Array(nAll).fill(-1);
  let r = -1;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const end = bounds[b + 1] - 1;
    for (let k = end; k >= bounds[b]; k--) {
      if (k === end || stop[k] !== stop[k + 1]) r++;
      rank[rowOf[k]] = r;
    }
  }
  return rank;
}

export function coxConcordance(
  time: Float64Array,
  status: ArrayLike<number>,
  entry: Float64Array | null,
  eta: ArrayLike<number>,
  weights: Float64Array,
  stratum: Int32Array,
  nStrata: number,
  cluster?: Int32Array,
  fitOrder?: Pick<CoxData, "rowOf" | "stop" | "bounds">,
): CoxConcordance {
  const timeRank = fitOrder && !entry ? stratumTimeRanksOfFit(fitOrder, time.length) : null;
  const pairs = concordancePairs({ time, status, eta, weights, entry, stratum, nStrata, timeRank });
  return concordanceEstimate(pairs, weights, cluster);
}
