/**
 * Predictions of a fitted mixture cure model: the population survival S_pop(t | x, z) =
 * π(z) + (1 − π(z))·S_u(t | x), averaged over a set of patients (the model's counterpart of their
 * Kaplan–Meier curve), and the cure fraction averaged over them with its delta-method CI.
 * Latency: parametric S_u(t|x) = S₀(α(log λ + xᵀβ + log t)) (Weibull exp(−(λ e^{xᵀβ} t)^α)); semiparametric S_u(t|x) = S₀(t)^{exp(xᵀβ)} with
 * S₀ the step function of the EM fit (1 before the first event time, as smcure's predictsmcure).
 */
import { averageCureFraction, expit, withIntercept, type CureFractionEstimate, type CureInput } from "./design.js";
import type { SemiparametricCureResult } from "./semiparametric.js";
import type { ParametricCureResult } from "./parametric.js";
import { latencySurvival } from "./latency.js";

export type CureFit = ParametricCureResult | SemiparametricCureResult;

/** Is the fit a parametric (maximum-likelihood) mixture cure model? */
export function isParametricCure(fit: CureFit): fit is ParametricCureResult {
  return fit.method !== "ph-mixture-cure-em";
}

/** Covariance of the incidence coefficients (γ₀, γ), row-major; null when the fit has none (no bootstrap). */
export function incidenceVcov(fit: CureFit): Float64Array | null {
  const k = fit.incidence.length;
  const v = isParametricCure(fit) ? fit.vcov : fit.bootstrap.vcov;
  if (v === null) return null;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = v[a][b];
  return out;
}

function rowScores(coefs: readonly { readonly estimate: number }[], m: Float64Array, n: number, i: number, offset: number): number {
  let s = 0;
  for (let j = offset; j < coefs.length; j++) s += coefs[j].estimate * m[(j - offset) * n + i];
  return s;
}

/** S₀(t) of the semiparametric fit: the step function at the baseline's event times. */
function baselineAt(base: SemiparametricCureResult["baseline"], t: number): number {
  let lo = 0;
  let hi = base.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (base.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : base.survival[lo - 1];
}

/**
 * Mean population survival (1/|R|) Σ_{i∈R} [πᵢ + (1 − πᵢ) S_u(t | xᵢ)] at each of `times`, over the
 * patients `rows` (indices into the model input). With `expected` (relative-survival cure: patient i's
 * expected survival S*ᵢ(t) from the life table), the all-cause survival (1/|R|) Σ S*ᵢ(t)·[πᵢ + (1 − πᵢ) S_u(t | xᵢ)].
 */
export function meanPopulationSurvival(fit: CureFit, input: CureInput, rows: ArrayLike<number>, times: readonly number[], expected?: (i: number, t: number) => number): number[] {
  const n = input.time.length;
  const out = new Array<number>(times.length).fill(0);
  if (rows.length === 0) return out.map(() => Number.NaN);
  const gamma0 = fit.incidence[0].estimate;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const pi = expit(-(gamma0 + rowScores(fit.incidence, input.z, n, i, 1)));
    const xb = rowScores(fit.latency, input.x, n, i, 0);
    for (let k = 0; k < times.length; k++) {
      const t = times[k];
      const su = isParametricCure(fit) ? latencySurvival(fit.distribution, Math.log(fit.lambda) + xb, fit.shape, t, fit.q?.estimate) : Math.pow(baselineAt(fit.baseline, t), Math.exp(xb));
      out[k] += (pi + (1 - pi) * su) * (expected === undefined ? 1 : expected(i, t));
    }
  }
  return out.map((s) => s / rows.length);
}

/** Cure fraction averaged over the patients `rows`, CI by the delta method (NaN limits without a covariance). */
export function meanCureFraction(fit: CureFit, input: CureInput, rows: ArrayLike<number>, name: string, confLevel: number): CureFractionEstimate {
  const n = input.time.length;
  const pz = input.zNames.length;
  const m = rows.length;
  const sub = new Float64Array(m * pz);
  for (let j = 0; j < pz; j++) for (let r = 0; r < m; r++) sub[j * m + r] = input.z[j * n + rows[r]];
  const gamma = fit.incidence.map((c) => c.estimate);
  const v = incidenceVcov(fit);
  const k = gamma.length;
  const est = averageCureFraction(withIntercept(sub, m, pz), m, gamma, v ?? new Float64Array(k * k), confLevel);
  return v === null ? { ...est, name, seLogit: Number.NaN, lower: Number.NaN, upper: Number.NaN } : { ...est, name };
}
