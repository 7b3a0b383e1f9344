/**
 * Parametric latency distributions of the mixture cure model, one registry (style guide §1): each is a
 * log-location-scale family of the uncured times, written through the standardised log time
 *   w = α·(log λ + xᵀβ + log t)   (σ = 1/α the scale on log t, μ = −log λ − xᵀβ its location),
 * with S_u(t) = S₀(w) and f_u(t) = (α/t)·g₀(w). Adding a family touches this file only.
 */
import { normalCdf } from "../../math/distributions.js";

export type LatencyDistribution = "weibull" | "lognormal" | "loglogistic";

export interface LatencyFamily {
  readonly id: LatencyDistribution;
  readonly label: string;
  /** log S₀(w) and its derivative in w. */
  readonly logSurv: (w: number) => number;
  readonly dLogSurv: (w: number) => number;
  /** log g₀(w) (the density of w) and its derivative in w. */
  readonly logDens: (w: number) => number;
  readonly dLogDens: (w: number) => number;
  /** flexsurv's distribution of the same model (for the R equivalent). */
  readonly flexsurv: string;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Φ(−w), accurate in the far upper tail (asymptotic Mills-ratio series beyond w = 30: relative error of Φ below 1e-13). */
export function logNormalUpper(w: number): number {
  if (w < 30) return Math.log(normalCdf(-w));
  const w2 = w * w;
  const u = 1 / w2;
  return -w2 / 2 - Math.log(w) - LOG_SQRT_2PI + Math.log(1 - u * (1 - 3 * u * (1 - 5 * u * (1 - 7 * u * (1 - 9 * u)))));
}

function log1pExp(w: number): number {
  return w > 35 ? w : Math.log1p(Math.exp(w));
}

function expit(w: number): number {
  return w >= 0 ? 1 / (1 + Math.exp(-w)) : Math.exp(w) / (1 + Math.exp(w));
}

export const LATENCY_FAMILIES: Readonly<Record<LatencyDistribution, LatencyFamily>> = {
  // S₀ = exp(−e^w): extreme-value w; hazard α λ^α e^{αxᵀβ} t^{α−1} (proportional hazards and AFT)
  weibull: {
    id: "weibull",
    label: "Weibull",
    logSurv: (w) => -Math.exp(w),
    dLogSurv: (w) => -Math.exp(w),
    logDens: (w) => w - Math.exp(w),
    dLogDens: (w) => 1 - Math.exp(w),
    flexsurv: "weibull",
  },
  // S₀ = Φ(−w): log T normal with mean −log λ − xᵀβ and SD 1/α
  lognormal: {
    id: "lognormal",
    label: "log-normal",
    logSurv: (w) => logNormalUpper(w),
    dLogSurv: (w) => -Math.exp(-0.5 * w * w - LOG_SQRT_2PI - logNormalUpper(w)),
    logDens: (w) => -0.5 * w * w - LOG_SQRT_2PI,
    dLogDens: (w) => -w,
    flexsurv: "lnorm",
  },
  // S₀ = 1/(1 + e^w): log T logistic; proportional odds of the uncured's survival
  loglogistic: {
    id: "loglogistic",
    label: "log-logistic",
    logSurv: (w) => -log1pExp(w),
    dLogSurv: (w) => -expit(w),
    logDens: (w) => w - 2 * log1pExp(w),
    dLogDens: (w) => 1 - 2 * expit(w),
    flexsurv: "llogis",
  },
};

export const LATENCY_DISTRIBUTIONS: readonly LatencyDistribution[] = ["weibull", "lognormal", "loglogistic"];

/** S_u(t | x) of a family at log λ + xᵀβ = `logRate` and shape α. */
export function latencySurvival(dist: LatencyDistribution, logRate: number, shape: number, t: number): number {
  if (t <= 0) return 1;
  return Math.exp(LATENCY_FAMILIES[dist].logSurv(shape * (logRate + Math.log(t))));
}
