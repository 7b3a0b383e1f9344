/**
 * Parametric latency distributions of the mixture cure model, one registry (style guide §1): each is a
 * log-location-scale family of the uncured times, written through the standardised log time
 *   w = α·(log λ + xᵀβ + log t)   (σ = 1/α the scale on log t, μ = −log λ − xᵀβ its location),
 * with S_u(t) = S₀(w) and f_u(t) = (α/t)·g₀(w). Adding a family touches this file only.
 */
import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import { normalCdf } from "../../math/distributions.js";

export type LatencyDistribution = "weibull" | "lognormal" | "loglogistic" | "gengamma";

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
  /** The generalised gamma's third parameter Q (θ's last entry): the family at a given Q. */
  readonly withShape?: (q: number) => LatencyFamily;
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

const LOGNORMAL = {
  logSurv: (w: number) => logNormalUpper(w),
  dLogSurv: (w: number) => -Math.exp(-0.5 * w * w - LOG_SQRT_2PI - logNormalUpper(w)),
  logDens: (w: number) => -0.5 * w * w - LOG_SQRT_2PI,
  dLogDens: (w: number) => -w,
};

/** Below this |Q| the generalised gamma is interpolated (quadratic in Q through −δ, 0 = log-normal, +δ), where a = Q⁻² is too large for the incomplete gamma. */
const GG_DELTA = 1e-3;

/**
 * The generalised gamma at Q ≠ 0 (Prentice 1974; flexsurv's dgengamma/pgengamma): a = Q⁻², u = a·e^{Qw},
 * log g₀(w) = log|Q| + a log a + a(Qw − e^{Qw}) − log Γ(a);  S₀(w) = Q(a, u) for Q > 0 and P(a, u) for Q < 0
 * (regularised incomplete gamma); d log g₀/dw = (1 − e^{Qw})/Q.
 */
function ggExact(q: number) {
  const a = 1 / (q * q);
  const logConst = Math.log(Math.abs(q)) + a * Math.log(a) - gammaln(a);
  const logDens = (w: number): number => logConst + a * (q * w - Math.exp(q * w));
  const logSurv = (w: number): number => Math.log(gammainc(a * Math.exp(q * w), a, true, q > 0));
  return {
    logSurv,
    dLogSurv: (w: number): number => {
      const ls = logSurv(w);
      return ls === -Infinity ? 0 : -Math.exp(logDens(w) - ls);
    },
    logDens,
    dLogDens: (w: number): number => (1 - Math.exp(q * w)) / q,
  };
}

type Parts = Pick<LatencyFamily, "logSurv" | "dLogSurv" | "logDens" | "dLogDens">;

/** Quadratic interpolation in Q of each function through Q = −δ, 0 (the log-normal limit) and +δ, for |Q| < δ. */
function ggNearZero(q: number): Parts {
  const lo = ggExact(-GG_DELTA);
  const hi = ggExact(GG_DELTA);
  const mix = (f0: (w: number) => number, fl: (w: number) => number, fh: (w: number) => number) => (w: number): number => {
    const y0 = f0(w);
    const yl = fl(w);
    const yh = fh(w);
    return y0 + (q * (yh - yl)) / (2 * GG_DELTA) + (q * q * (yh - 2 * y0 + yl)) / (2 * GG_DELTA * GG_DELTA);
  };
  return {
    logSurv: mix(LOGNORMAL.logSurv, lo.logSurv, hi.logSurv),
    dLogSurv: mix(LOGNORMAL.dLogSurv, lo.dLogSurv, hi.dLogSurv),
    logDens: mix(LOGNORMAL.logDens, lo.logDens, hi.logDens),
    dLogDens: mix(LOGNORMAL.dLogDens, lo.dLogDens, hi.dLogDens),
  };
}

/** The generalised gamma latency at shape Q (Q = 1 Weibull, Q = σ gamma, Q → 0 log-normal). */
export function generalisedGamma(q: number): LatencyFamily {
  const parts = Math.abs(q) < GG_DELTA ? ggNearZero(q) : ggExact(q);
  return { id: "gengamma", label: "generalised gamma", flexsurv: "gengamma", ...parts, withShape: generalisedGamma };
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
    ...LOGNORMAL,
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
  // three parameters: the family at Q is generalisedGamma(Q); this entry (Q = 1, the Weibull) names it
  gengamma: generalisedGamma(1),
};

export const LATENCY_DISTRIBUTIONS: readonly LatencyDistribution[] = ["weibull", "lognormal", "loglogistic", "gengamma"];

/** S_u(t | x) of a family at log λ + xᵀβ = `logRate` and shape α (and the generalised gamma's Q). */
export function latencySurvival(dist: LatencyDistribution, logRate: number, shape: number, t: number, q = 1): number {
  if (t <= 0) return 1;
  const fam = dist === "gengamma" ? generalisedGamma(q) : LATENCY_FAMILIES[dist];
  return Math.exp(fam.logSurv(shape * (logRate + Math.log(t))));
}
