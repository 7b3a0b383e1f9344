/**
 * `survinfer predict ... --times T --newdata FILE`: the fitted prediction model applied to new patients —
 * survival at the horizon, S(T | x) = S₀(T)^exp(xᵀβ − x̄ᵀβ), through the same calculator model
 * (src/study/calculator.ts, predictPatient) as the report's and the app's per-patient calculator.
 * R equivalent: `summary(survfit(fit, newdata = new), times = T)$surv`.
 */
import { SurvinferError } from "../../errors.js";
import { findColumn, type Table } from "../../data/table.js";
import { cellLabel } from "../../data/validate.js";
import { modelMatrix } from "../../formula/model-matrix.js";
import { formatRNumber } from "../../formula/format-number.js";
import type { PredictionValidationResult } from "../../survival/validation/index.js";
import { calculatorScore, predictPatient, type PatientCalculatorModel } from "../../study/calculator.js";
import { calculatorInputs, plainTermColumns, scoreFromCoefficients } from "../../study/calculator-build.js";

export interface NewPatientPrediction {
  readonly id: string;
  /** Row of the new-data file as the user sees it. */
  readonly row: number;
  /** S(T | x); null when a covariate is missing. */
  readonly survival: number | null;
  /** xᵀβ − x̄ᵀβ (the centred linear predictor); null when a covariate is missing. */
  readonly linearPredictor: number | null;
}

/** The calculator model of a validated Cox prediction model (needs its horizon). */
export function predictionCalculator(table: Table, res: PredictionValidationResult, reference: Readonly<Record<string, string>>): PatientCalculatorModel {
  const nom = res.nomogram;
  if (nom === null) throw new SurvinferError({ code: "OPTION_INVALID", message: "--newdata needs --times: the horizon of the predicted survival", hint: "add e.g. --times 60" });
  const mm = modelMatrix(table, res.formula, { reference, dropIntercept: true });
  const names = plainTermColumns(mm, res.formula);
  const inputs = calculatorInputs(mm, names, (n) => n);
  const coef = new Map<string, number>();
  res.fit.columnNames.forEach((c, j) => coef.set(c, res.fit.coef[j] ?? 0));
  const score = scoreFromCoefficients(inputs, coef, 0, 1);
  if (score === null) throw new SurvinferError({ code: "INTERNAL", message: "the model's coefficients do not match its terms" });
  return {
    title: `Predicted survival at ${nom.time}`,
    inputs: inputs.map((i) => i.input),
    outputs: [{ kind: "survival", id: "survival", label: `Survival at ${nom.time}`, score, time: nom.time, unit: "", baselineSurv: nom.baselineSurv, centre: nom.centre }],
    notes: [],
  };
}

/**
 * Predictions for each row of `newdata`. A missing covariate gives null (and a warning); a level the
 * model does not know, or a missing column, stops with the file, row, column and value.
 */
export function predictNewPatients(model: PatientCalculatorModel, newdata: Table, idColumn: string | undefined): { predictions: NewPatientPrediction[]; warnings: string[] } {
  const warnings: string[] = [];
  const file = newdata.source.file;
  const cols = model.inputs.map((input) => {
    const col = findColumn(newdata, input.name);
    if (col === undefined) {
      throw new SurvinferError({ code: "DATA_MISSING_COLUMN", file, column: input.name, message: `the new data have no column ${JSON.stringify(input.name)}, a covariate of the model`, hint: `columns: ${newdata.columns.map((c) => c.name).join(", ")}` });
    }
    return col;
  });
  const idCol = idColumn === undefined ? undefined : findColumn(newdata, idColumn);
  const out = model.outputs[0];
  const predictions: NewPatientPrediction[] = [];
  for (let i = 0; i < newdata.nRows; i++) {
    const row = newdata.rowNumbers[i];
    const values: Record<string, number | string> = {};
    let missing: string | undefined;
    model.inputs.forEach((input, k) => {
      const col = cols[k];
      if (input.kind === "numeric") {
        const v = col.kind === "categorical" ? Number.NaN : col.values[i];
        if (col.kind === "categorical") {
          throw new SurvinferError({ code: "DATA_NOT_NUMERIC", file, row, column: col.name, value: cellLabel(col, i), message: `row ${row}: ${col.name} must be a number, as in the model's data` });
        }
        if (Number.isNaN(v)) missing ??= col.name;
        else if (v < input.min || v > input.max) warnings.push(`row ${row}: ${col.name} = ${formatRNumber(v)} is outside the model's data (${formatRNumber(input.min)} to ${formatRNumber(input.max)}): the prediction extrapolates`);
        values[input.name] = v;
      } else {
        const text = col.kind === "categorical" ? cellLabel(col, i) : Number.isNaN(col.values[i]) ? "" : formatRNumber(col.values[i]);
        if (text === "") missing ??= col.name;
        else if (!input.levels.includes(text)) {
          throw new SurvinferError({ code: "DATA_UNKNOWN_LEVEL", file, row, column: col.name, value: text, message: `row ${row}: ${col.name} = ${JSON.stringify(text)} is not a level of the model`, hint: `levels: ${input.levels.join(", ")}` });
        }
        values[input.name] = text;
      }
    });
    const id = idCol === undefined ? String(row - 1) : cellLabel(idCol, i);
    if (missing !== undefined) {
      warnings.push(`row ${row}: ${missing} is missing: no prediction`);
      predictions.push({ id, row, survival: null, linearPredictor: null });
      continue;
    }
    const survival = predictPatient(model, values)[0].value;
    const lp = out.kind === "survival" ? calculatorScore(out.score, values) - out.centre : Number.NaN;
    predictions.push({ id, row, survival, linearPredictor: lp });
  }
  return { predictions, warnings };
}
