/**
 * Shared pieces of the mixture cure models: the matrix-level input, validation, the incidence design
 * (with its intercept) and the delta-method cure fraction on the logit scale.
 */
import { SurvinferError } from "../../errors.js";
import { normalQuantile, normalTwoSidedP } from "../../math/distributions.js";

/**
 * A mixture cure model at matrix level: n rows; `z` (incidence) and `x` (latency) are column-major
 * (z[j·n + i] is row i, column j) WITHOUT an intercept — the incidence model always has one.
 */
export interface CureInput {
  /** Follow-up time, ≥ 0 (> 0 for the Weibull model). */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored. */
  readonly status: Int32Array | Uint8Array;
  readonly z: Float64Array;
  readonly zNames: readonly string[];
  readonly x: Float64Array;
  readonly xNames: readonly string[];
}

/** One coefficient with a Wald z test. */
export interface CureCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/** A cure fraction π with its CI from the delta method on the logit scale. */
export interface CureFractionEstimate {
  readonly name: string;
  readonly estimate: number;
  /** Standard error of logit(π). */
  readonly seLogit: number;
  readonly lower: number;
  readonly upper: number;
}

/** The cure fractions every cure model reports: at the mean covariate profile, averaged over patients, and at requested profiles. */
export interface CureFractionSummary {
  readonly meanProfile: CureFractionEstimate;
  readonly average: CureFractionEstimate;
  readonly profiles: readonly CureFractionEstimate[];
}

/** A covariate profile for the incidence part: values of the `z` columns (no intercept), in order. */
export interface CureProfile {
  readonly name: string;
  readonly z: readonly number[];
}

export function expit(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Validates the matrix-level input (front doors call this once). */
export function validateCureInput(input: CureInput, positiveTime: boolean): void {
  const n = input.time.length;
  if (input.status.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `status has ${input.status.length} values; time has ${n}` });
  if (input.z.length !== n * input.zNames.length) throw new SurvinferError({ code: "DATA_DIMENSION", message: `incidence matrix z has ${input.z.length} values; expected n × p = ${n} × ${input.zNames.length}` });
  if (input.x.length !== n * input.xNames.length) throw new SurvinferError({ code: "DATA_DIMENSION", message: `latency matrix x has ${input.x.length} values; expected n × p = ${n} × ${input.xNames.length}` });
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (!Number.isFinite(t) || t < 0 || (positiveTime && t === 0)) {
      throw new SurvinferError({
        code: positiveTime && t === 0 ? "DATA_NONPOSITIVE_TIME" : "DATA_NEGATIVE_TIME",
        message: `time ${t} at data row ${i + 1} is not ${positiveTime ? "a positive" : "a non-negative"} finite number`,
        value: String(t),
        hint: positiveTime ? "the Weibull density is not defined at time 0: remove or correct zero follow-up times" : "check the follow-up times",
      });
    }
    const d = input.status[i];
    if (d !== 0 && d !== 1) throw new SurvinferError({ code: "DATA_BAD_STATUS", message: `status ${d} at data row ${i + 1} must be 0 or 1`, value: String(d) });
    events += d;
  }
  for (const [m, names, role] of [[input.z, input.zNames, "incidence"], [input.x, input.xNames, "latency"]] as const) {
    for (let k = 0; k < m.length; k++) {
      if (!Number.isFinite(m[k])) {
        throw new SurvinferError({ code: "DATA_MISSING", message: `${role} covariate "${names[Math.floor(k / n)]}" is missing or not finite at data row ${(k % n) + 1}`, hint: "drop incomplete rows before fitting" });
      }
    }
  }
  if (events === 0) throw new SurvinferError({ code: "DATA_NO_EVENTS", message: "no events: a cure model needs at least one event", hint: "check the event column and --event-value" });
}

/** Incidence design with a leading column of ones, column-major n × (1 + pz). */
export function withIntercept(z: Float64Array, n: number, pz: number): Float64Array {
  const out = new Float64Array(n * (pz + 1));
  out.fill(1, 0, n);
  out.set(z.subarray(0, n * pz), n);
  return out;
}

/** Wald coefficient rows. */
export function coefficientTable(names: readonly string[], est: ArrayLike<number>, se: ArrayLike<number>, confLevel: number): CureCoefficient[] {
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  return names.map((name, j) => {
    const z = est[j] / se[j];
    return { name, estimate: est[j], se: se[j], z, p: normalTwoSidedP(z), lower: est[j] - q * se[j], upper: est[j] + q * se[j] };
  });
}

/**
 * Cure fraction π(z) = 1 − expit(γ₀ + zᵀγ) at a profile with a CI from the delta method on the logit
 * scale: logit π = −(γ₀ + zᵀγ), Var = z̃ᵀ V_γ z̃ (z̃ = (1, z)), limits expit(logit π ± q·se).
 */
export function cureFractionAt(name: string, gamma: ArrayLike<number>, vGamma: ArrayLike<number>, z: readonly number[], confLevel: number): CureFractionEstimate {
  const k = gamma.length;
  const zt = [1, ...z];
  let eta = 0;
  for (let j = 0; j < k; j++) eta += zt[j] * gamma[j];
  let v = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) v += zt[a] * vGamma[a * k + b] * zt[b];
  const se = Math.sqrt(Math.max(v, 0));
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  return { name, estimate: expit(-eta), seLogit: se, lower: expit(-eta - q * se), upper: expit(-eta + q * se) };
}

/**
 * Population-averaged cure fraction π̄ = (1/n) Σ π(zᵢ), CI by the delta method on logit π̄:
 * ∂π̄/∂γ = −(1/n) Σ πᵢ(1 − πᵢ) z̃ᵢ, se(logit π̄) = √(gᵀVg) / (π̄(1 − π̄)).
 */
export function averageCureFraction(zFull: Float64Array, n: number, gamma: ArrayLike<number>, vGamma: ArrayLike<number>, confLevel: number): CureFractionEstimate {
  const k = gamma.length;
  const g = new Float64Array(k);
  let avg = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < k; j++) eta += zFull[j * n + i] * gamma[j];
    const pi = expit(-eta);
    avg += pi;
    for (let j = 0; j < k; j++) g[j] -= (pi * (1 - pi) * zFull[j * n + i]) / n;
  }
  avg /= n;
  let v = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) v += g[a] * vGamma[a * k + b] * g[b];
  const se = Math.sqrt(Math.max(v, 0)) / (avg * (1 - avg));
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  const l = Math.log(avg / (1 - avg));
  return { name: "average over patients", estimate: avg, seLogit: se, lower: expit(l - q * se), upper: expit(l + q * se) };
}

/**
 * The cure-fraction summary at incidence coefficients γ (intercept first) with covariance V_γ: π at the
 * mean of each `z` column, π̄ over the patients (design `zFull` with its intercept), and π at `profiles`.
 */
export function cureFractionSummary(
  input: CureInput,
  zFull: Float64Array,
  gamma: ArrayLike<number>,
  vGamma: ArrayLike<number>,
  profiles: readonly CureProfile[],
  confLevel: number,
): CureFractionSummary {
  const n = input.time.length;
  const means = input.zNames.map((_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += input.z[j * n + i];
    return s / n;
  });
  return {
    meanProfile: cureFractionAt("mean covariate profile", gamma, vGamma, means, confLevel),
    average: averageCureFraction(zFull, n, gamma, vGamma, confLevel),
    profiles: profiles.map((pr) => cureFractionAt(pr.name, gamma, vGamma, [...pr.z], confLevel)),
  };
}

export function validateConfLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option confLevel must be in (0, 1); got ${confLevel}` });
}
