/**
 * Weibull mixture cure model (Farewell 1982): the Weibull member of the parametric mixture cure models
 * (src/survival/cure/parametric.ts), kept as its own front door for the CLI and the library API.
 */
import type { CureInput } from "./design.js";
import { parametricCure, parametricCureLogLik, type ParametricCureOptions, type ParametricCureResult } from "./parametric.js";

export type WeibullCureOptions = Omit<ParametricCureOptions, "distribution">;

export type WeibullCureResult = ParametricCureResult & { readonly method: "weibull-mixture-cure"; readonly distribution: "weibull" };

/**
 * Weibull mixture cure model: S(t | x, z) = π(z) + (1 − π(z))·exp(−(λ e^{xᵀβ} t)^α), 1 − π(z) = expit(γ₀ + zᵀγ).
 * See `parametricCure` for the likelihood, estimation, variance and R equivalent.
 *
 * @example
 * ```ts
 * const fit = weibullCure({
 *   time: Float64Array.from([2, 5, 9, 12, 30, 30, 30, 4]),
 *   status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1]),
 *   z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [],
 * });
 * fit.cureFraction.meanProfile.estimate; // estimated cured fraction
 * ```
 */
export function weibullCure(input: CureInput, options: WeibullCureOptions = {}): Readonly<WeibullCureResult> {
  return parametricCure(input, { ...options, distribution: "weibull" }) as Readonly<WeibullCureResult>;
}

/** The Weibull mixture cure log-likelihood and its analytic gradient at θ = (γ₀, γ, β, log λ, log α). */
export function weibullCureLogLik(input: CureInput, theta: readonly number[]): { loglik: number; gradient: number[] } {
  return parametricCureLogLik(input, theta, "weibull");
}
