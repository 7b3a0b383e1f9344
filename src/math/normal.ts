/**
 * The standard normal distribution, from stdlib-js (accurate to double precision in its documented
 * domain). Its own module so that the Kaplan–Meier intervals load only these two packages
 * (distributions.ts gathers every distribution; issue 18).
 */
import normalCdfImpl from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileImpl from "@stdlib/stats-base-dists-normal-quantile";

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
