/**
 * Shared pieces of prediction-model validation over a matrix-level Cox input (src/survival/cox/types.ts):
 * subsetting rows (bootstrap samples), the linear predictor of new rows, the baseline cumulative hazard,
 * predicted survival at a horizon, expected events and the calibration slope. Pure; no I/O.
 */
import { coxFitOnRows, coxFitWithoutConcordance, prepareCoxRows, type CoxFitWithoutConcordance, type CoxRows } from "../cox/fit.js";
import { denseRanks, stableSortByKey } from "../cox/order.js";
import type { CoxControl, CoxInput, CoxResult } from "../cox/types.js";
import { fittedTimes, offsetMean } from "../cox/predict.js";

/** What the baseline hazard and the predictions read from a Cox fit (a CoxResult, with or without concordance). */
export type CoxModelFit = Pick<CoxResult, "coef" | "means" | "options">;

/** The rows `idx` of a Cox input (duplicates allowed: a bootstrap sample). */
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
  const status = new Int32Array(m);
  for (let k = 0; k < m; k++) status[k] = input.status[idx[k]];
  return {
    time: pick(input.time, (l) => new Float64Array(l))!,
    status,
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

/** Baseline cumulative hazard at the covariate means as a step function: distinct times ascending, Λ̂₀ after each. */
export interface BaselineHazard {
  readonly time: Float64Array;
  readonly cumhaz: Float64Array;
}

/**
 * Λ̂₀(t) at the covariate means of `fit` (made from `input`): the `cumhaz` of coxSurvival(input, fit).curves[0]
 * (src/survival/cox/predict.ts; first stratum), computed the same way in the same order of summation — so
 * equal to it bit for bit — without the variance terms. One walk down the times sorted once:
 *   dΛ₀(t) = Σ_D wᵢ / S0(t) (Breslow, or one death),  dΛ₀(t) = w_D · (1/d) Σ_{k<d} 1/(S0(t) − (k/d) S0ᴰ(t)) (Efron),
 *   S0(t) = Σ_{at risk} wᵢ exp((xᵢ − x̄)β + oᵢ − ō). R: `basehaz(fit, centered = TRUE)` / survfit(fit)$cumhaz.
 */
export function baselineHazard(input: CoxInput, fit: CoxModelFit): BaselineHazard {
  const { p } = input;
  const n = input.time.length;
  const efron = fit.options.ties === "efron";
  const beta = fit.coef.map((b) => b ?? 0);
  const means = fit.means;
  const { time, entry } = fittedTimes(input, fit);
  const w = input.weights ?? null;
  const offMean = offsetMean(input);
  // weighted risk wᵢ·exp(ηᵢ), ηᵢ accumulated over j in coxSurvival's order
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) eta[i] = (input.offset ? input.offset[i] : 0) - offMean;
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) eta[i] += (input.x[j * n + i] - means[j]) * beta[j];
  // the first stratum (smallest code), rows ascending; stable sorts keep that order within tied times
  let rows: Int32Array;
  if (input.strata) {
    const strata = input.strata;
    let first = strata[0];
    for (let i = 1; i < n; i++) if (strata[i] < first) first = strata[i];
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (strata[i] === first) keep.push(i);
    rows = Int32Array.from(keep);
  } else {
    rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
  }
  const stopRank = denseRanks(time, rows, n);
  const byStop = stableSortByKey(rows, stopRank.rank, stopRank.m, true);
  let byStart: Int32Array | null = null;
  if (entry) {
    const startRank = denseRanks(entry, rows, n);
    byStart = stableSortByKey(rows, startRank.rank, startRank.m, true);
  }
  const m = stopRank.m;
  const tAsc = new Float64Array(m);
  const haz = new Float64Array(m); // ascending
  let S0 = 0;
  let r = 0;
  let a = m;
  for (let k = 0; k < byStop.length; ) {
    const t = time[byStop[k]];
    if (entry && byStart) {
      // rows whose start is at/after t leave (they were added at a later stop time)
      for (; r < byStart.length && entry[byStart[r]] >= t; r++) {
        const q = byStart[r];
        if (time[q] > t) S0 -= (w ? w[q] : 1) * Math.exp(eta[q]);
      }
    }
    let ev = 0;
    let erisk = 0;
    let d = 0;
    let k2 = k;
    for (; k2 < byStop.length && time[byStop[k2]] === t; k2++) {
      const q = byStop[k2];
      const wq = w ? w[q] : 1;
      const risk = Math.exp(eta[q]);
      if (!entry || entry[q] < t) S0 += wq * risk;
      if (input.status[q] === 1) {
        ev += wq;
        d++;
        erisk += wq * risk;
      }
    }
    let h = 0;
    if (d > 0) {
      if (efron && d > 1) {
        let sum1 = 0;
        for (let l = 0; l < d; l++) {
          const tmp = 1 / (S0 - (l / d) * erisk);
          sum1 += tmp / d;
        }
        h = ev * sum1;
      } else h = ev / S0;
    }
    a--;
    tAsc[a] = t;
    haz[a] = h;
    k = k2;
  }
  const cumhaz = new Float64Array(m);
  let H = 0;
  for (let b = 0; b < m; b++) {
    H += haz[b];
    cumhaz[b] = H;
  }
  return { time: tAsc, cumhaz };
}

/** Σⱼ βⱼ x̄ⱼ: the centre of the linear predictor in Ŝ(t | x) = S₀(t)^exp(xβ − Σβx̄). */
export function centreOf(fit: CoxModelFit): number {
  let centre = 0;
  fit.coef.forEach((b, j) => (centre += (b ?? 0) * fit.means[j]));
  return centre;
}

/**
 * Baseline survival at the covariate means at `horizon` and Σβ·x̄, so that a row with linear predictor
 * η = x·β has Ŝ(horizon | x) = baselineSurv^exp(η − centre). R: survfit(fit, newdata)'s curve at `horizon`
 * (Efron hazard for an Efron fit); S₀ = exp(−Λ̂₀) as survfit's stype = 2.
 */
export function baselineAt(input: CoxInput, fit: CoxModelFit, horizon: number): { baselineSurv: number; centre: number } {
  const base = baselineHazard(input, fit);
  let k = 0; // number of times ≤ horizon
  while (k < base.time.length && base.time[k] <= horizon) k++;
  return { baselineSurv: k === 0 ? 1 : Math.exp(-base.cumhaz[k - 1]), centre: centreOf(fit) };
}

/** Ŝ(horizon | ηᵢ) = S₀^exp(ηᵢ − centre) for each linear predictor. */
export function predictedSurvival(lp: ArrayLike<number>, base: { baselineSurv: number; centre: number }): number[] {
  const out = new Array<number>(lp.length);
  for (let i = 0; i < lp.length; i++) out[i] = base.baselineSurv ** Math.exp(lp[i] - base.centre);
  return out;
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
  const fit = coxFitWithoutConcordance({ time, status: Int32Array.from(status), x: Float64Array.from(lp), p: 1, columnNames: ["lp"] }, { ...control, robust: false });
  return slopeOf(fit);
}

function slopeOf(fit: CoxFitWithoutConcordance): CalibrationSlope {
  return { slope: fit.coef[0] ?? Number.NaN, se: fit.terms[0].se ?? Number.NaN, converged: fit.converged };
}

/**
 * Internal: calibrationSlope for many linear predictors on the same (`time`, `status`) — the test slope of
 * every bootstrap replicate — with the Cox fit's validation and sort of the rows done once here
 * (src/survival/cox/fit.ts prepareCoxRows); `slopeOnRows(rows, lp)` equals calibrationSlope(time, status, lp, control).
 */
export function prepareSlopeRows(time: Float64Array, status: ArrayLike<number>, control: CoxControl = {}): CoxRows {
  return prepareCoxRows({ time, status: Int32Array.from(status), x: new Float64Array(time.length), p: 1, columnNames: ["lp"] }, { ...control, robust: false });
}

/** The calibration slope of `lp` on rows prepared by `prepareSlopeRows`. */
export function slopeOnRows(rows: CoxRows, lp: ArrayLike<number>): CalibrationSlope {
  return slopeOf(coxFitOnRows(rows, Float64Array.from(lp)));
}

/**
 * Expected number of events of each row of `rows` under the Cox model (`fit` made from `fitInput`):
 * Êᵢ = Λ̂₀(Tᵢ)·exp(xᵢβ − Σβx̄), Λ̂₀ the baseline cumulative hazard at the means (Efron's hazard for an Efron fit)
 * evaluated at the row's own follow-up time. R: `predict(fit, newdata = rows, type = "expected")`.
 */
export function expectedEvents(rows: CoxInput, fitInput: CoxInput, fit: CoxModelFit): Float64Array {
  return expectedEventsFrom(baselineHazard(fitInput, fit), rows.time, linearPredictor(rows, fit.coef), centreOf(fit));
}

/** Êᵢ = Λ̂₀(Tᵢ)·exp(ηᵢ − centre) from a baseline hazard computed once (Λ̂₀ = 0 before its first time). */
export function expectedEventsFrom(base: BaselineHazard, time: ArrayLike<number>, lp: ArrayLike<number>, centre: number): Float64Array {
  const n = time.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = base.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (base.time[mid] <= time[i]) lo = mid + 1;
      else hi = mid;
    }
    out[i] = (lo === 0 ? 0 : base.cumhaz[lo - 1]) * Math.exp(lp[i] - centre);
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
