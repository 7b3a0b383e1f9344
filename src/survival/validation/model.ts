/**
 * Shared pieces of prediction-model validation over a matrix-level Cox input (src/survival/cox/types.ts):
 * subsetting rows (bootstrap samples), the linear predictor of new rows, predicted survival at a horizon,
 * and the calibration slope. Pure; no I/O.
 */
import { coxFit } from "../cox/fit.js";
import { coxSurvival } from "../cox/predict.js";
import type { CoxControl, CoxInput, CoxResult } from "../cox/types.js";

/** The rows `idx` of a right-censored Cox input (duplicates allowed: a bootstrap sample). */
export function subsetCoxInput(input: CoxInput, idx: ArrayLike<number>): CoxInput {
  const m = idx.length;
  const n = input.time.length;
  const x = new Float64Array(m * input.p);
  for (let j = 0; j < input.p; j++) for (let k = 0; k < m; k++) x[j * m + k] = input.x[j * n + idx[k]];
  const pick = <T extends Float64Array | Int32Array>(a: T | undefined, make: (len: number) => T): T | undefined => {
    if (!a) return undefined;
    const out = make(m);
    for (let k = 0; k < m; k++) out[k] = a[idx[k]];
    return out;
  };
  return {
    time: pick(input.time, (l) => new Float64Array(l))!,
    status: Int32Array.from({ length: m }, (_, k) => input.status[idx[k]]),
    x,
    p: input.p,
    columnNames: input.columnNames,
    weights: pick(input.weights, (l) => new Float64Array(l)),
    offset: pick(input.offset, (l) => new Float64Array(l)),
  };
}

/** x·β (+ offset) for every row of `input`, with dropped (collinear) coefficients as 0; not centred. */
export function linearPredictor(input: CoxInput, coef: readonly (number | null)[]): Float64Array {
  const n = input.time.length;
  const lp = new Float64Array(n);
  for (let j = 0; j < input.p; j++) {
    const b = coef[j] ?? 0;
    if (b === 0) continue;
    for (let i = 0; i < n; i++) lp[i] += b * input.x[j * n + i];
  }
  if (input.offset) for (let i = 0; i < n; i++) lp[i] += input.offset[i];
  return lp;
}

/**
 * Baseline survival at the covariate means at `horizon` and Σβ·x̄, so that a row with linear predictor
 * η = x·β has Ŝ(horizon | x) = baselineSurv^exp(η − centre). R: survfit(fit, newdata)'s curve at `horizon`
 * (Efron hazard for an Efron fit).
 */
export function baselineAt(input: CoxInput, fit: CoxResult, horizon: number): { baselineSurv: number; centre: number } {
  const curve = coxSurvival(input, fit).curves[0];
  let s = 1;
  for (let k = 0; k < curve.time.length && curve.time[k] <= horizon; k++) s = curve.surv[k];
  let centre = 0;
  fit.coef.forEach((b, j) => (centre += (b ?? 0) * fit.means[j]));
  return { baselineSurv: s, centre };
}

/** Ŝ(horizon | ηᵢ) = S₀^exp(ηᵢ − centre) for each linear predictor. */
export function predictedSurvival(lp: ArrayLike<number>, base: { baselineSurv: number; centre: number }): number[] {
  return Array.from({ length: lp.length }, (_, i) => base.baselineSurv ** Math.exp(lp[i] - base.centre));
}

export interface CalibrationSlope {
  /** Cox coefficient of the linear predictor in the data given (1 on the training data). */
  readonly slope: number;
  readonly se: number;
  readonly converged: boolean;
}

/**
 * Calibration slope: the coefficient γ of coxph(Surv(time, status) ~ η) — a single-covariate Cox model
 * on the (externally computed) linear predictor (van Houwelingen 2000, doi:10.1002/1097-0258(20001230)19:24<3401::AID-SIM554>3.0.CO;2-2).
 * γ < 1: predictions too extreme (overfitting). R: `coef(coxph(Surv(time, status) ~ lp))`.
 */
export function calibrationSlope(time: Float64Array, status: ArrayLike<number>, lp: ArrayLike<number>, control: CoxControl = {}): CalibrationSlope {
  const fit = coxFit({ time, status: Int32Array.from(status), x: Float64Array.from(lp), p: 1, columnNames: ["lp"] }, { ...control, robust: false });
  return { slope: fit.coef[0] ?? Number.NaN, se: fit.terms[0].se ?? Number.NaN, converged: fit.converged };
}

/**
 * Expected number of events of each row of `rows` under the Cox model (`fit` made from `fitInput`):
 * Êᵢ = Λ̂₀(Tᵢ)·exp(xᵢβ − Σβx̄), Λ̂₀ the baseline cumulative hazard at the means (Efron's hazard for an Efron fit)
 * evaluated at the row's own follow-up time. R: `predict(fit, newdata = rows, type = "expected")`.
 */
export function expectedEvents(rows: CoxInput, fitInput: CoxInput, fit: CoxResult): Float64Array {
  const curve = coxSurvival(fitInput, fit).curves[0];
  const lp = linearPredictor(rows, fit.coef);
  let centre = 0;
  fit.coef.forEach((b, j) => (centre += (b ?? 0) * fit.means[j]));
  const n = rows.time.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = curve.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (curve.time[mid] <= rows.time[i]) lo = mid + 1;
      else hi = mid;
    }
    out[i] = (lo === 0 ? 0 : curve.cumhaz[lo - 1]) * Math.exp(lp[i] - centre);
  }
  return out;
}

/**
 * Calibration-in-the-large (the "calibration intercept" of a survival model; Crowson, Atkinson & Therneau
 * 2016, doi:10.1177/0962280213497434): the intercept of a Poisson model of the events with offset log Êᵢ,
 * which has the closed form log(ΣΔᵢ / ΣÊᵢ) = log(observed / expected). 0 = calibrated on average, > 0 =
 * more deaths than predicted. R: `coef(glm(status ~ offset(log(expected)), family = poisson))`.
 */
export function calibrationIntercept(status: ArrayLike<number>, expected: ArrayLike<number>): { intercept: number; observed: number; expected: number } {
  let o = 0;
  let e = 0;
  for (let i = 0; i < status.length; i++) {
    o += status[i];
    e += expected[i];
  }
  return { intercept: Math.log(o / e), observed: o, expected: e };
}
