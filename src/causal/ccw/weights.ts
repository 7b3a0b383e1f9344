/**
 * Artificial-censoring weights per strategy (Maringe et al. 2020, doi:10.1093/ije/dyaa057): a Cox model
 * of the time to deviation given baseline covariates, fitted on the arm's clones,
 *   K(t | x) = exp(−Λ₀(t) exp(lp)),  lp = (x − x̄)ᵀβ̂,  Λ₀ = Efron baseline hazard at the means,
 * and a clone's weight at an outcome event time t is 1/K(t− | x) (a deviation at t itself comes after an
 * event at t); stabilised: K₀(t−)/K(t− | x), K₀ from the model without covariates.
 * R equivalent: fit <- coxph(Surv(tc, dev) ~ X, ties = "efron"); basehaz(fit, centered = TRUE);
 * exp(fit$linear.predictors) (tools/oracle/ccw.R).
 */
import { coxFit } from "../../survival/cox/fit.js";
import { coxSurvival } from "../../survival/cox/predict.js";
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
  const cox = coxFit(input, { ties: "efron" });
  const warnings = cox.warnings.map((w) => `censoring model (${label}): ${w}`);
  for (let i = 0; i < n; i++) risk[i] = Math.exp(cox.linearPredictors[i]);
  const curve = coxSurvival(input, cox).curves[0];
  const baseline: StepFunction = { time: Float64Array.from(curve.time), value: Float64Array.from(curve.cumhaz) };
  const fit: CcwCensoringFit = {
    columnNames: [...columnNames],
    coef: cox.terms.map((t) => t.coef),
    se: cox.terms.map((t) => t.se),
    converged: cox.converged,
    iterations: cox.iterations,
  };
  return { fit, risk, baseline, numerator, warnings };
}
