/**
 * Distribution functions used by the tests and confidence intervals, from stdlib-js
 * (accurate to double precision in their documented domains; upper tails computed directly,
 * not as 1 - cdf, so small p-values keep their digits as R's pchisq(lower.tail = FALSE) does).
 * The normal and the χ² upper tail live in normal.ts and chisq.ts, which the engines that need only
 * them import directly (a command then loads fewer packages: issue 18); this module gathers all.
 */
import chisqQuantileImpl from "@stdlib/stats-base-dists-chisquare-quantile";
import tCdfImpl from "@stdlib/stats-base-dists-t-cdf";
import tQuantileImpl from "@stdlib/stats-base-dists-t-quantile";

export { normalCdf, normalQuantile, normalTwoSidedP } from "./normal.js";
export { chisqSf } from "./chisq.js";

/** Student t CDF; R: pt(x, df). */
export function tCdf(x: number, df: number): number {
  return tCdfImpl(x, df);
}

/** Student t quantile; R: qt(p, df). */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}

/** χ²(df) quantile; R: qchisq(p, df). */
export function chisqQuantile(p: number, df: number): number {
  return chisqQuantileImpl(p, df);
}
