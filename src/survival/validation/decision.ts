/**
 * What a prediction model needs before it informs a decision (TRIPOD; Steyerberg 2019, ch. 13–15):
 *
 * - `shrinkCoxModel`: uniform shrinkage β_s = s·β (s = the bootstrap-corrected calibration slope, van Houwelingen
 *   & le Cessie 1990) with the baseline hazard re-estimated for the shrunken linear predictor held fixed, so that the
 *   average predicted risk still matches the data. R: `coxph(Surv(time, status) ~ offset(s * lp))` then
 *   `survfit(fit0, newdata)` at the horizon.
 * - `smoothedCalibration`: the calibration curve at a horizon t of Austin, Harrell & van Klaveren (2020, Stat Med
 *   39:2714–2742, doi:10.1002/sim.8570): a Cox model of the outcome on a restricted cubic spline (3 knots at the 10th,
 *   50th and 90th percentiles) of cll = log(−log Ŝ(t | x)); the observed risk of each patient is 1 − Ŝ_cal(t | cll);
 *   ICI = mean |predicted − observed|, E50, E90, Emax. R: `coxph(Surv(time, status) ~ rcs(cll, knots))` with
 *   rms's `rcs` basis and `survfit(cal, newdata)`.
 * - `decisionCurve`: net benefit at a horizon for survival outcomes (Vickers, Cronin, Elkin & Gonen 2008, BMC Med Inform
 *   Decis Mak 8:53): for a threshold p_t, patients with predicted risk ≥ p_t are "positive";
 *   NB(p_t) = (1 − KM₊(t))·P₊ − KM₊(t)·P₊·p_t/(1 − p_t), with KM₊ the Kaplan–Meier estimate in the positives;
 *   "treat all" uses every patient, "treat none" is 0. R: `dcurves::dca(Surv(time, status) ~ risk, time = t)`.
 *
 * Pure functions over typed arrays; no I/O.
 */
import { coxFit } from "../cox/fit.js";
import type { CoxInput } from "../cox/types.js";
import { quantile7, rcsColumns } from "../../formula/splines.js";
import { baselineAt, linearPredictor, predictedSurvival, type CoxModelFit } from "./model.js";

/** A Cox model reduced to what predictions need: coefficients, and S₀(t) at Σβ·x̄ (Ŝ(t | x) = S₀^exp(x·β − centre)). */
export interface ShrunkenCoxModel {
  readonly shrinkage: number;
  readonly coef: readonly number[];
  readonly baselineSurv: number;
  readonly centre: number;
}

/**
 * Uniform shrinkage of a Cox model's coefficients by `s` (0 < s ≤ 1), with S₀(horizon) re-estimated (Breslow/Efron as
 * the fit) for the shrunken linear predictor held fixed. s = 1 returns the model itself.
 */
export function shrinkCoxModel(input: CoxInput, fit: CoxModelFit, s: number, horizon: number): ShrunkenCoxModel {
  if (!(s > 0 && s <= 1)) throw new RangeError(`shrinkage factor must be in (0, 1], got ${s}`);
  const coef = fit.coef.map((b) => s * (b ?? 0));
  const base = baselineAt(input, { ...fit, coef }, horizon);
  return { shrinkage: s, coef, baselineSurv: base.baselineSurv, centre: base.centre };
}

/** rms's restricted cubic spline basis with 3 knots (rcspline.eval, norm = 2): x and one non-linear column, column-major. */
export function rcs3(x: ArrayLike<number>, knots: readonly [number, number, number]): Float64Array {
  const [linear, nonlinear] = rcsColumns(Float64Array.from(x), knots);
  const out = new Float64Array(2 * linear.length);
  out.set(linear);
  out.set(nonlinear, linear.length);
  return out;
}

export interface SmoothedCalibration {
  readonly horizon: number;
  readonly knots: readonly [number, number, number];
  /** Coefficients of the calibration model on (cll, its non-linear spline column). */
  readonly coef: readonly number[];
  /** Per patient (input order): predicted risk 1 − Ŝ(t | x) and the calibration model's observed risk. */
  readonly predicted: readonly number[];
  readonly observed: readonly number[];
  /** Integrated calibration index: mean |predicted − observed|; E50, E90 (quantiles type 7) and Emax of the same. */
  readonly ici: number;
  readonly e50: number;
  readonly e90: number;
  readonly emax: number;
  readonly warnings: readonly string[];
}

/**
 * Smoothed calibration at `horizon` (Austin et al. 2020) of predicted survival probabilities `survAtHorizon`
 * (one per row of `time`/`status`). Knots at the 10th/50th/90th percentiles of cll (rms's default for 3 knots when no
 * value holds ≥ 5% of the rows at either end). Null when the knots are not distinct (too few distinct predictions) or a
 * prediction is exactly 0 or 1 (cll infinite).
 */
export function smoothedCalibration(time: Float64Array, status: ArrayLike<number>, survAtHorizon: ArrayLike<number>, horizon: number): SmoothedCalibration | null {
  const n = time.length;
  const cll = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(survAtHorizon[i] > 0 && survAtHorizon[i] < 1)) return null; // cll = ±∞: a prediction of exactly 0 or 1
    cll[i] = Math.log(-Math.log(survAtHorizon[i]));
  }
  const sorted = Float64Array.from(cll).sort();
  const knots: [number, number, number] = [quantile7(sorted, 0.1), quantile7(sorted, 0.5), quantile7(sorted, 0.9)];
  if (!(knots[0] < knots[1] && knots[1] < knots[2])) return null;
  const input: CoxInput = { time, status: Int32Array.from(status), x: rcs3(cll, knots), p: 2, columnNames: ["cll", "cll'"] };
  const fit = coxFit(input, { ties: "efron", robust: false });
  const base = baselineAt(input, fit, horizon);
  const observedSurv = predictedSurvival(linearPredictor(input, fit.coef), base);
  const predicted = new Float64Array(n);
  const observed = new Float64Array(n);
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    predicted[i] = 1 - survAtHorizon[i];
    observed[i] = 1 - observedSurv[i];
    diff[i] = Math.abs(predicted[i] - observed[i]);
  }
  let sum = 0;
  for (const d of diff) sum += d;
  const ds = Float64Array.from(diff).sort();
  return { horizon, knots, coef: fit.coef.map((b) => b ?? Number.NaN), predicted: Array.from(predicted), observed: Array.from(observed), ici: sum / n, e50: quantile7(ds, 0.5), e90: quantile7(ds, 0.9), emax: ds[n - 1], warnings: fit.warnings };
}

export interface DecisionCurvePoint {
  readonly threshold: number;
  /** Share of patients with predicted risk ≥ threshold. */
  readonly positive: number;
  readonly netBenefitModel: number;
  readonly netBenefitAll: number;
}

export interface DecisionCurve {
  readonly horizon: number;
  readonly points: readonly DecisionCurvePoint[];
  /** 1 − KM(t) over all patients (the prevalence "treat all" acts on). */
  readonly risk: number;
}

/** Kaplan–Meier at `horizon` (last step at a time ≤ horizon) over the rows with `keep[i]`, in time order `order`. */
function kmAt(time: Float64Array, status: ArrayLike<number>, order: Int32Array, keep: (i: number) => boolean, horizon: number): number {
  let atRisk = 0;
  for (let k = 0; k < order.length; k++) if (keep(order[k])) atRisk++;
  let surv = 1;
  let k = 0;
  while (k < order.length && time[order[k]] <= horizon) {
    const t = time[order[k]];
    let d = 0;
    let m = 0;
    for (; k < order.length && time[order[k]] === t; k++) {
      if (!keep(order[k])) continue;
      m++;
      d += status[order[k]] > 0 ? 1 : 0;
    }
    if (d > 0) surv *= 1 - d / atRisk;
    atRisk -= m;
  }
  return surv;
}

/**
 * Net benefit of deciding by the model's predicted risk of the event by `horizon` (risk = 1 − Ŝ(t | x)), at each
 * threshold, against treating everyone. Sorts once; O(n) per threshold.
 */
export function decisionCurve(time: Float64Array, status: ArrayLike<number>, risk: ArrayLike<number>, horizon: number, thresholds: readonly number[]): DecisionCurve {
  const n = time.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const all = 1 - kmAt(time, status, order, () => true, horizon);
  const points = thresholds.map((pt) => {
    if (!(pt > 0 && pt < 1)) throw new RangeError(`threshold must be in (0, 1), got ${pt}`);
    let nPos = 0;
    for (let i = 0; i < n; i++) if (risk[i] >= pt) nPos++;
    const odds = pt / (1 - pt);
    const pPos = nPos / n;
    const eventPos = nPos === 0 ? 0 : 1 - kmAt(time, status, order, (i) => risk[i] >= pt, horizon);
    return {
      threshold: pt,
      positive: pPos,
      netBenefitModel: nPos === 0 ? 0 : eventPos * pPos - (1 - eventPos) * pPos * odds,
      netBenefitAll: all - (1 - all) * odds,
    };
  });
  return { horizon, points, risk: all };
}
