/**
 * Distribution functions used by the tests and confidence intervals, from stdlib-js
 * (accurate to double precision in their documented domains; upper tails computed directly,
 * not as 1 - cdf, so small p-values keep their digits as R's pchisq(lower.tail = FALSE) does).
 */
import normalCdfImpl from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileImpl from "@stdlib/stats-base-dists-normal-quantile";
import gammainc from "@stdlib/math-base-special-gammainc";
import chisqQuantileImpl from "@stdlib/stats-base-dists-chisquare-quantile";
import tCdfImpl from "@stdlib/stats-base-dists-t-cdf";
import tQuantileImpl from "@stdlib/stats-base-dists-t-quantile";

/** Standard normal CDF Φ(z); R: pnorm(z). */
export function normalCdf(z: number): number {
  return normalCdfImpl(z, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p); R: qnorm(p). */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1);
}

/** Two-sided normal p-value 2·Φ(−|z|); R: 2 * pnorm(-abs(z)). */
export function normalTwoSidedP(z: number): number {
  return 2 * normalCdfImpl(-Math.abs(z), 0, 1);
}

/** Upper tail of χ²(df): P(X > x) = Q(df/2, x/2); R: pchisq(x, df, lower.tail = FALSE). */
export function chisqSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** χ²(df) quantile; R: qchisq(p, df). */
export function chisqQuantile(p: number, df: number): number {
  return chisqQuantileImpl(p, df);
}

/** Student t CDF; R: pt(x, df). */
export function tCdf(x: number, df: number): number {
  return tCdfImpl(x, df);
}

/** Student t quantile; R: qt(p, df). */
export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df);
}
