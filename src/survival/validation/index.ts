/**
 * `validatePredictionModel(table, formula, options)`: the front door of prediction-model validation
 * (TRIPOD items 10d, 16): fits the Cox model of `formula` (survival::coxph conventions), then reports
 * discrimination (Harrell's C, Uno's C up to τ, AUC at t), calibration at t (by risk group, and the
 * slope), Harrell's bootstrap optimism correction, the bootstrap bias-corrected calibration at t (same
 * risk groups, same B and seed), and the numbers a nomogram needs.
 *
 * R equivalent: `fit <- coxph(formula, data)`; `concordance(fit)`; `concordance(fit, timewt = "n/G2",
 * ymax = tau)`; `timeROC(time, status, fit$linear.predictors, cause = 1, weighting = "marginal", times = t)`;
 * `rms::validate(cph(formula, x = TRUE, y = TRUE, surv = TRUE), B = B)` (different random resamples);
 * `rms::calibrate(cph(..., time.inc = t), cmethod = "KM", u = t, cuts = <the risk groups' cuts>, B = B)`.
 *
 * @example
 * ```ts
 * const v = validatePredictionModel(table, "Surv(time, status) ~ age + sex + ph.ecog", { time: 365, B: 200, seed: 1 });
 * [v.harrell.value, v.uno.value, v.auc?.auc, v.optimism?.indices];
 * ```
 */
import { SurvinferError, optionError } from "../../errors.js";
import { findColumn, type Table } from "../../data/table.js";
import { coxFit } from "../cox/fit.js";
import type { CoxResult } from "../cox/types.js";
import { coxInputFromFormula, type CoxphOptions } from "../coxph.js";
import type { ModelTerm } from "../../formula/model-matrix.js";
import { calibrationCorrected, riskGroupCuts, type CalibrationCorrectedResult } from "./calibrate.js";
import { calibrationAtTime, type CalibrationResult } from "./calibration.js";
import { concordance, type ConcordanceResult } from "./concordance.js";
import { baselineAt, calibrationIntercept, expectedEvents, linearPredictor, predictedSurvival } from "./model.js";
import { bootstrapOptimism, type OptimismResult } from "./optimism.js";
import { timeAuc, type TimeAucResult } from "./time-auc.js";

export { CALIBRATE_MIN_EVENTS, calibrationCorrected, groupKm, quantileCuts, riskGroupCuts } from "./calibrate.js";
export type { CalibrationCorrectedOptions, CalibrationCorrectedResult, CorrectedCalibrationGroup, GroupKm } from "./calibrate.js";
export { calibrationAtTime, riskGroups } from "./calibration.js";
export type { CalibrationGroup, CalibrationOptions, CalibrationResult } from "./calibration.js";
export { concordance, concordanceCounts, censoringSurvivalAtDeaths } from "./concordance.js";
export type { ConcordanceOptions, ConcordanceResult, ConcordanceTimeWeight } from "./concordance.js";
export { baselineAt, calibrationIntercept, calibrationSlope, expectedEvents, linearPredictor, predictedSurvival, subsetCoxInput } from "./model.js";
export type { CalibrationSlope } from "./model.js";
export { bootstrapOptimism, bootstrapResample } from "./optimism.js";
export type { OptimismIndex, OptimismOptions, OptimismResult, ValidationIndexName } from "./optimism.js";
export { censoringCurve, stepAt, timeAuc } from "./time-auc.js";
export type { TimeAucResult } from "./time-auc.js";

/** What a nomogram needs: one axis per model column, and the survival scale at the horizon. */
export interface NomogramModel {
  readonly columns: readonly {
    readonly name: string;
    readonly term: string;
    readonly coef: number;
    readonly min: number;
    readonly max: number;
    readonly binary: boolean;
    /** For a factor's dummy column: labels of 0 and 1 (e.g. ["metachronous", "synchronous"]). */
    readonly levelLabels?: readonly [string, string];
  }[];
  /** Horizon t of the survival axis, and S₀(t) at the covariate means with centre Σβ·x̄. */
  readonly time: number;
  readonly baselineSurv: number;
  readonly centre: number;
}

export interface PredictionValidationOptions {
  /** Horizon t for AUC(t), calibration and the nomogram (e.g. 60 months); none when null/absent. */
  readonly time?: number | null;
  /** Truncation τ of Uno's C; default: the horizon t when given, else none. */
  readonly tau?: number | null;
  /** Bootstrap replicates for the optimism correction; 0 = none; default 200. */
  readonly B?: number;
  readonly seed?: number;
  /** Risk groups of the calibration table; default 5. */
  readonly groups?: number;
  readonly reference?: CoxphOptions["reference"];
  readonly ties?: CoxphOptions["ties"];
}

export interface PredictionValidationResult {
  readonly method: "prediction-validation";
  readonly formula: string;
  readonly n: number;
  readonly nEvent: number;
  readonly nDropped: number;
  readonly fit: CoxResult;
  readonly terms: readonly ModelTerm[];
  readonly harrell: ConcordanceResult;
  readonly uno: ConcordanceResult;
  readonly auc: TimeAucResult | null;
  readonly calibration: CalibrationResult | null;
  /** Calibration-in-the-large over follow-up: log(observed / expected events) with Êᵢ = Λ̂(Tᵢ | xᵢ). */
  readonly calibrationIntercept: { readonly intercept: number; readonly observed: number; readonly expected: number };
  readonly optimism: OptimismResult | null;
  /**
   * Bootstrap bias-corrected calibration at t (rms::calibrate, cmethod "KM") over the same B draws (same seed) as
   * `optimism`, with cuts that reproduce `calibration`'s risk groups (its groups run from the highest risk, i.e.
   * in reverse order of `calibration.groups`); its warnings stay in its own `warnings`. Null without a horizon or with B = 0.
   */
  readonly calibrationCorrected: CalibrationCorrectedResult | null;
  readonly nomogram: NomogramModel | null;
  readonly options: { readonly time: number | null; readonly tau: number | null; readonly B: number; readonly seed: number; readonly groups: number; readonly ties: "efron" | "breslow" };
  readonly warnings: string[];
}

/** Labels of a factor dummy column (R names it variable + level): [reference or "not level", level]. */
function dummyLabels(table: Table, term: ModelTerm, column: string, reference: Readonly<Record<string, string>> | undefined): [string, string] | undefined {
  if (term.variables.length !== 1) return undefined;
  const v = term.variables[0];
  const col = findColumn(table, v);
  if (!col || col.kind !== "categorical") return undefined;
  // the longest level the column name ends with ("timingsynchronous", "factor(timing)synchronous")
  const level = [...col.levels].sort((a, b) => b.length - a.length).find((l) => column.endsWith(l));
  if (level === undefined) return undefined;
  if (col.levels.length === 2) return [reference?.[v] ?? col.levels.find((l) => l !== level) ?? "", level];
  return [`not ${level}`, level];
}

export function validatePredictionModel(table: Table, formula: string, options: PredictionValidationOptions = {}): Readonly<PredictionValidationResult> {
  const time = options.time ?? null;
  if (time !== null && !(Number.isFinite(time) && time > 0)) throw optionError("time", "a time horizon > 0", time);
  const tau = options.tau === undefined ? time : options.tau;
  if (tau !== null && !Number.isFinite(tau)) throw optionError("tau", "a finite time or null", tau);
  const B = options.B ?? 200;
  if (!Number.isInteger(B) || B < 0 || B > 100000) throw optionError("B", "an integer from 0 to 100000", options.B);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw optionError("seed", "an integer", options.seed);
  const groups = options.groups ?? 5;
  const ties = options.ties ?? "efron";
  const { input, terms, nDropped, warnings: mmWarnings } = coxInputFromFormula(table, formula, { reference: options.reference });
  if (input.strata || input.entry || input.weights || input.cluster || input.offset) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "prediction-model validation takes a plain right-censored Cox model", value: formula, hint: "drop strata(), cluster(), offset() and (start, stop] times from the formula" });
  }
  const fit = coxFit(input, { ties, robust: false });
  if (fit.coef.some((b) => b === null)) throw new SurvinferError({ code: "MODEL_COLLINEAR", message: "a covariate is collinear with the others (coefficient NA)", value: formula, hint: "drop it from the formula" });
  const lp = linearPredictor(input, fit.coef);
  const harrell = concordance(input.time, input.status, lp);
  const uno = concordance(input.time, input.status, lp, { timeWeight: "n/G2", tau });
  let auc: TimeAucResult | null = null;
  let calibration: CalibrationResult | null = null;
  let calCorrected: CalibrationCorrectedResult | null = null;
  let nomogram: NomogramModel | null = null;
  if (time !== null) {
    auc = timeAuc(input.time, input.status, lp, time);
    const base = baselineAt(input, fit, time);
    const predicted = predictedSurvival(lp, base);
    calibration = calibrationAtTime(input.time, input.status, lp, predicted, time, { groups });
    if (B > 0) calCorrected = calibrationCorrected(input, time, { B, seed, cuts: riskGroupCuts(lp, predicted, groups), control: { ties } });
    const n = input.time.length;
    nomogram = {
      columns: input.columnNames.map((name, j) => {
        let lo = Infinity;
        let hi = -Infinity;
        let binary = true;
        for (let i = 0; i < n; i++) {
          const v = input.x[j * n + i];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          if (v !== 0 && v !== 1) binary = false;
        }
        const t = terms.find((tm) => tm.columns.includes(j));
        const levelLabels = binary && t ? dummyLabels(table, t, name, options.reference) : undefined;
        return { name, term: t?.label ?? name, coef: fit.coef[j] ?? 0, min: lo, max: hi, binary, ...(levelLabels ? { levelLabels } : {}) };
      }),
      time,
      baselineSurv: base.baselineSurv,
      centre: base.centre,
    };
  }
  const calIntercept = calibrationIntercept(input.status, expectedEvents(input, input, fit));
  const optimism = B > 0 ? bootstrapOptimism(input, { B, seed, time, tau, control: { ties } }) : null;
  return {
    method: "prediction-validation",
    formula,
    n: fit.n,
    nEvent: fit.nEvent,
    nDropped,
    fit,
    terms,
    harrell,
    uno,
    auc,
    calibration,
    calibrationIntercept: calIntercept,
    optimism,
    calibrationCorrected: calCorrected,
    nomogram,
    options: { time, tau, B, seed, groups, ties },
    warnings: [...mmWarnings, ...fit.warnings, ...harrell.warnings, ...uno.warnings, ...(auc?.warnings ?? []), ...(calibration?.warnings ?? []), ...(optimism?.warnings ?? [])],
  };
}
