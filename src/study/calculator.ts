/**
 * The per-patient calculator of a study's prediction model: the covariates a clinician enters
 * before the operation (numeric or categorical), and the predictions they give — survival at the
 * horizon from the Cox model, S(t | x) = S₀(t)^exp(xᵀβ − x̄ᵀβ), and, when a cure model with the same
 * covariates ran, the probability of cure π(z) = expit(−(γ₀ + zᵀγ)) (smcure models being UNCURED).
 * Plain data, so the report's inline script, the app and results.json share one model; `predictPatient`
 * is the reference implementation the other two are tested against.
 */

export interface CalculatorNumericInput {
  readonly kind: "numeric";
  readonly name: string;
  readonly label: string;
  /** Range of the data (the calculator warns outside it: extrapolation). */
  readonly min: number;
  readonly max: number;
  /** Starting value: the median of the data. */
  readonly value: number;
}

export interface CalculatorCategoricalInput {
  readonly kind: "categorical";
  readonly name: string;
  readonly label: string;
  /** Levels, reference first. */
  readonly levels: readonly string[];
  /** Starting value: the most frequent level. */
  readonly value: string;
}

export type CalculatorInput = CalculatorNumericInput | CalculatorCategoricalInput;

/** A linear score over the inputs: intercept + Σ numeric[name]·x + levels[name][level] (0 for a reference level). */
export interface CalculatorScore {
  readonly intercept: number;
  readonly numeric: Readonly<Record<string, number>>;
  readonly levels: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export type CalculatorOutput =
  | {
      /** S(t | x) = baselineSurv^exp(score − centre). */
      readonly kind: "survival";
      readonly id: string;
      readonly label: string;
      readonly score: CalculatorScore;
      readonly time: number;
      readonly unit: string;
      readonly baselineSurv: number;
      readonly centre: number;
    }
  | {
      /** P = expit(score). */
      readonly kind: "probability";
      readonly id: string;
      readonly label: string;
      readonly score: CalculatorScore;
    };

export interface PatientCalculatorModel {
  readonly title: string;
  readonly inputs: readonly CalculatorInput[];
  readonly outputs: readonly CalculatorOutput[];
  /** Caveats shown under the calculator (internal validation only, range of the data, ...). */
  readonly notes: readonly string[];
}

export interface PatientPrediction {
  readonly id: string;
  readonly label: string;
  /** Probability in [0, 1]; NaN when an input is missing or not a number. */
  readonly value: number;
}

/** Linear score of one patient; NaN when a numeric input is not finite or a level is unknown. */
export function calculatorScore(score: CalculatorScore, values: Readonly<Record<string, number | string>>): number {
  let s = score.intercept;
  for (const [name, coef] of Object.entries(score.numeric)) {
    const v = values[name];
    const x = typeof v === "number" ? v : Number.NaN;
    s += coef * x;
  }
  for (const [name, byLevel] of Object.entries(score.levels)) {
    const level = String(values[name]);
    const coef = Object.hasOwn(byLevel, level) ? byLevel[level] : Number.NaN;
    s += coef;
  }
  return s;
}

const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The model's predictions for one patient.
 *
 * @example
 * ```ts
 * predictPatient(model, { age_primary: 55, n_lung_mets: 2, timing: "metachronous" });
 * // [{ id: "survival", label: "Overall survival at 60 months", value: 0.52 }, ...]
 * ```
 */
export function predictPatient(model: PatientCalculatorModel, values: Readonly<Record<string, number | string>>): PatientPrediction[] {
  return model.outputs.map((o) => {
    const s = calculatorScore(o.score, values);
    const value = o.kind === "survival" ? Math.pow(o.baselineSurv, Math.exp(s - o.centre)) : expit(s);
    return { id: o.id, label: o.label, value };
  });
}
