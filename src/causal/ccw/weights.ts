/**
 * Artificial-censoring weights per strategy (Maringe et al. 2020, doi:10.1093/ije/dyaa057): a Cox model
 * of the time to deviation given baseline covariates, fitted on the arm's clones,
 *   K(t | x) = exp(−Λ₀(t) exp(lp)),  lp = (x − x̄)ᵀβ̂,  Λ₀ = Efron baseline hazard at the means,
 * and a clone's weight at an outcome event time t is 1/K(t− | x) (a deviation at t itself comes after an
 * event at t); stabilised: K₀(t−)/K(t− | x), K₀ from the model without covariates.
 * R equivalent: fit <- coxph(Surv(tc, dev) ~ X, ties = "efron"); basehaz(fit, centered = TRUE);
 * exp(fit$linear.predictors) (tools/oracle/ccw.R).
 */
import { coxFitWithoutConcordance } from "../../survival/cox/fit.js";
import { fittedTimes } from "../../survival/cox/predict.js";
import type { CoxInput } from "../../survival/cox/types.js";
import type { ArmClones } from "./clone.js";
import type { CcwCensoringFit } from "./types.js";

/** A step function given by ascending jump times and cumulative values. */
export interface StepFunction {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

const EMPTY_STEP: StepFunction = { time: new Float64Array(0), value: new Float64Array(0) };

/** Value at t− (the value at the largest jump time < t; 0 before the first), by binary search. */
export function stepLeft(f: StepFunction, t: number): number {
  let lo = 0;
  let hi = f.time.length; // first index with time ≥ t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : f.value[lo - 1];
}

/**
 * Efron cumulative hazard of deviation without covariates (unit weights): at a time with d deviations
 * and n at risk, dΛ = Σ_{k<d} 1/(n − k) (survfit(coxph(Surv(tc, dev) ~ 1))). O(n log n).
 */
export function nullHazard(arm: ArmClones): StepFunction {
  const n = arm.tc.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => arm.tc[a] - arm.tc[b]);
  const time: number[] = [];
  const value: number[] = [];
  let H = 0;
  for (let k = 0; k < n; ) {
    const t = arm.tc[order[k]];
    const atRisk = n - k;
    let d = 0;
    let k2 = k;
    for (; k2 < n && arm.tc[order[k2]] === t; k2++) d += arm.dev[order[k2]];
    if (d > 0) {
      for (let m = 0; m < d; m++) H += 1 / (atRisk - m);
      time.push(t);
      value.push(H);
    }
    k = k2;
  }
  return { time: Float64Array.from(time), value: Float64Array.from(value) };
}

/**
 * Efron baseline cumulative hazard at the covariate means of a right-censored, unit-weight Cox fit
 * (survfit.coxph's default for an Efron fit; src/survival/cox/predict.ts computes the same with its
 * variance): at a time with d deviations, risk-set total S0 = Σ_{tc ≥ t} rᵢ and deaths' total S0ᴰ,
 *   dΛ₀ = Σ_{k<d} 1/(S0 − (k/d) S0ᴰ). Jumps only (times with d > 0). O(n log n).
 */
export function efronBaseline(time: Float64Array, dev: Int32Array, risk: Float64Array): StepFunction {
  const n = time.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => time[b] - time[a]);
  const tDesc: number[] = [];
  const hDesc: number[] = [];
  let S0 = 0;
  for (let k = 0; k < n; ) {
    const t = time[order[k]];
    let d = 0;
    let S0D = 0;
    let k2 = k;
    for (; k2 < n && time[order[k2]] === t; k2++) {
      const i = order[k2];
      S0 += risk[i];
      if (dev[i] === 1) {
        d++;
        S0D += risk[i];
      }
    }
    if (d > 0) {
      let h = 0;
      for (let m = 0; m < d; m++) h += 1 / (S0 - (m / d) * S0D);
      tDesc.push(t);
      hDesc.push(h);
    }
    k = k2;
  }
  const m = tDesc.length;
  const out = new Float64Array(m);
  const times = new Float64Array(m);
  let H = 0;
  for (let a = 0; a < m; a++) {
    H += hDesc[m - 1 - a];
    out[a] = H;
    times[a] = tDesc[m - 1 - a];
  }
  return { time: times, value: out };
}

export interface ArmWeights {
  readonly fit: CcwCensoringFit | null;
  /** exp(lp) per clone (1 without covariates). */
  readonly risk: Float64Array;
  /** Baseline cumulative hazard of deviation at the covariate means. */
  readonly baseline: StepFunction;
  /** Numerator hazard of the stabilised weights (empty when unstabilised). */
  readonly numerator: StepFunction;
  readonly warnings: string[];
}

/** log w_i(t) = exp(lp_i) Λ₀(t−) − Λ_num(t−). */
export function logWeight(wts: ArmWeights, i: number, t: number): number {
  return wts.risk[i] * stepLeft(wts.baseline, t) - stepLeft(wts.numerator, t);
}

/** Fits one arm's censoring model; `label` names the arm in warnings. */
export function armWeights(arm: ArmClones, x: Float64Array, p: number, columnNames: readonly string[], stabilized: boolean, label: string): ArmWeights {
  const n = arm.tc.length;
  let deviations = 0;
  for (let i = 0; i < n; i++) deviations += arm.dev[i];
  const risk = new Float64Array(n).fill(1);
  if (deviations === 0) return { fit: null, risk, baseline: EMPTY_STEP, numerator: EMPTY_STEP, warnings: [] };
  const numerator = stabilized ? nullHazard(arm) : EMPTY_STEP;
  if (p === 0) {
    const fit: CcwCensoringFit = { columnNames: [], coef: [], se: [], converged: true, iterations: 0 };
    return { fit, risk, baseline: nullHazard(arm), numerator, warnings: [] };
  }
  const input: CoxInput = { time: arm.tc, status: arm.dev, x, p, columnNames };
  const cox = coxFitWithoutConcordance(input, { ties: "efron" });
  const warnings = cox.warnings.map((w) => `censoring model (${label}): ${w}`);
  for (let i = 0; i < n; i++) risk[i] = Math.exp(cox.linearPredictors[i]);
  const baseline = efronBaseline(fittedTimes(input, cox).time, arm.dev, risk);
  const fit: CcwCensoringFit = {
    columnNames: [...columnNames],
    coef: cox.terms.map((t) => t.coef),
    se: cox.terms.map((t) => t.se),
    converged: cox.converged,
    iterations: cox.iterations,
  };
  return { fit, risk, baseline, numerator, warnings };
}
