/**
 * The study's pre-operative prediction model (analyses.prediction): a Cox model of the endpoint on
 * the listed covariates (continuous, never dichotomised), validated as TRIPOD asks — discrimination
 * (Harrell's and Uno's C, AUC at the horizon), calibration at the horizon (risk groups, slope,
 * calibration-in-the-large) and Harrell's bootstrap optimism correction (src/survival/validation) —
 * and the per-patient calculator (src/study/calculator.ts) built from the fit: survival at the
 * horizon, plus the probability of cure when the study's cure model uses only these covariates.
 * Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { modelMatrix, type ModelMatrix } from "../formula/model-matrix.js";
import { validatePredictionModel, type PredictionValidationResult } from "../survival/validation/index.js";
import type { CalculatorInput, CalculatorOutput, CalculatorScore, PatientCalculatorModel } from "./calculator.js";
import type { CureStepResult } from "./cure-step.js";
import type { PreparedStudy } from "./prepare.js";
import { covariateObject, type StudySpec } from "./schema.js";
import { analysisTable, covariateTerms } from "./model-terms.js";

export interface PredictionStepResult {
  readonly endpoint: string;
  readonly endpointLabel: string;
  readonly unit: string;
  readonly time: number;
  /** The model's covariates (spec names) and their display labels. */
  readonly covariates: readonly string[];
  readonly covariateLabels: Readonly<Record<string, string>>;
  /** Display label per coefficient (model column name). */
  readonly termLabels: Readonly<Record<string, string>>;
  /** Nomogram axis label per model column: the covariate's label for a one-column term (its levels label the ticks). */
  readonly nomogramLabels: Readonly<Record<string, string>>;
  readonly validation: PredictionValidationResult;
  readonly calculator: PatientCalculatorModel;
  readonly warnings: readonly string[];
}

/** One calculator input with the model column of each numeric value or level (R's naming: term + level). */
interface InputColumns {
  readonly input: CalculatorInput;
  /** numeric: the one column; categorical: column per non-reference level. */
  readonly numericColumn?: string;
  readonly levelColumns?: Readonly<Record<string, string>>;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Calculator inputs from the model matrix: ranges, medians and levels of the model's own rows. */
function calculatorInputs(mm: ModelMatrix, names: readonly string[], labelOf: (name: string) => string): InputColumns[] {
  return mm.terms.map((t, k): InputColumns => {
    const name = names[k];
    const label = labelOf(name);
    const levels = mm.xlevels[t.variables[0]] ?? mm.xlevels[t.label];
    if (levels !== undefined) {
      // most frequent level among the model's rows
      const counts = new Map<string, number>();
      const dummies = t.columns.map((j) => mm.x.subarray(j * mm.nRows, (j + 1) * mm.nRows));
      for (let i = 0; i < mm.nRows; i++) {
        const l = dummies.findIndex((d) => d[i] === 1);
        const level = levels[l + 1];
        counts.set(level, (counts.get(level) ?? 0) + 1);
      }
      let value = levels[0];
      for (const l of levels) if ((counts.get(l) ?? 0) > (counts.get(value) ?? 0)) value = l;
      const levelColumns: Record<string, string> = {};
      for (const l of levels.slice(1)) levelColumns[l] = `${t.label}${l}`;
      return { input: { kind: "categorical", name, label, levels, value }, levelColumns };
    }
    const j = t.columns[0];
    const x = Array.from(mm.x.subarray(j * mm.nRows, (j + 1) * mm.nRows));
    return { input: { kind: "numeric", name, label, min: Math.min(...x), max: Math.max(...x), value: median(x) }, numericColumn: mm.columnNames[j] };
  });
}

/** A calculator score from named coefficients; null when a coefficient has no input (model on other covariates). */
function scoreOf(inputs: readonly InputColumns[], coef: ReadonlyMap<string, number>, intercept: number, sign: 1 | -1): CalculatorScore | null {
  const used = new Set<string>();
  const numeric: Record<string, number> = {};
  const levels: Record<string, Record<string, number>> = {};
  for (const ic of inputs) {
    if (ic.numericColumn !== undefined) {
      const b = coef.get(ic.numericColumn);
      if (b !== undefined) {
        numeric[ic.input.name] = sign * b;
        used.add(ic.numericColumn);
      }
    } else if (ic.input.kind === "categorical" && ic.levelColumns) {
      const byLevel: Record<string, number> = { [ic.input.levels[0]]: 0 };
      let any = false;
      for (const l of ic.input.levels.slice(1)) {
        const b = coef.get(ic.levelColumns[l]);
        byLevel[l] = b === undefined ? 0 : sign * b;
        if (b !== undefined) {
          any = true;
          used.add(ic.levelColumns[l]);
        }
      }
      if (any) levels[ic.input.name] = byLevel;
    }
  }
  for (const name of coef.keys()) if (!used.has(name)) return null;
  return { intercept: sign * intercept, numeric, levels };
}

function fmtPct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * Runs analyses.prediction, or returns undefined when the spec has none. `cure` (the study's cure
 * model, if any) adds the probability of cure to the calculator when its incidence model uses only
 * the prediction model's covariates.
 *
 * R equivalent: `fit <- coxph(Surv(time, status) ~ covariates, data)`, `concordance(fit)`,
 * `rms::validate(cph(..., x = TRUE, y = TRUE, surv = TRUE), B = bootstrap)`, `survfit(fit, newdata)`.
 */
export function predictionStep(study: PreparedStudy, spec: StudySpec, cure?: CureStepResult): PredictionStepResult | undefined {
  const a = spec.analyses.prediction;
  if (a === undefined) return undefined;
  const ep = study.endpoints.get(a.endpoint)!;
  const table = analysisTable(study, spec, ep);
  const terms = covariateTerms(spec, table);
  const names = a.covariates ?? spec.covariates.map((c) => covariateObject(c).name);
  const formulaTerms = names.map((n) => terms.term(n));
  const formula = `Surv(.time, .status) ~ ${formulaTerms.join(" + ")}`;
  let validation: PredictionValidationResult;
  try {
    validation = validatePredictionModel(table, formula, { time: a.time, B: a.bootstrap, seed: spec.seed, groups: a.groups, reference: terms.reference });
  } catch (e) {
    if (e instanceof SurvinferError && e.code === "MODEL_COLLINEAR") {
      throw new SurvinferError({ code: "MODEL_COLLINEAR", path: "analyses.prediction.covariates", message: `prediction model: ${e.message}`, hint: "drop one of the collinear covariates from analyses.prediction.covariates" });
    }
    throw e;
  }
  const mm = modelMatrix(table, formula, { reference: terms.reference, dropIntercept: true });
  const labelOf = (n: string): string => terms.label(n);
  const inputs = calculatorInputs(mm, names, labelOf);
  const fit = validation.fit;
  const coxCoef = new Map<string, number>();
  fit.columnNames.forEach((c, j) => coxCoef.set(c, fit.coef[j] ?? 0));
  const nomogram = validation.nomogram!;
  const epLabel = ep.label;
  const outputs: CalculatorOutput[] = [
    {
      kind: "survival",
      id: "survival",
      label: `${epLabel} at ${a.time} ${ep.unit}`,
      score: scoreOf(inputs, coxCoef, 0, 1)!,
      time: a.time,
      unit: ep.unit,
      baselineSurv: nomogram.baselineSurv,
      centre: nomogram.centre,
    },
  ];
  const notes: string[] = [];
  const harrell = validation.harrell.value;
  const corrected = validation.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  notes.push(
    `Cox model of ${epLabel.toLowerCase()} on ${names.map(labelOf).join(", ")}, fitted to ${validation.n} patients with ${validation.nEvent} events. ` +
      `Harrell's C ${harrell.toFixed(3)}${corrected === undefined ? "" : `, ${corrected.toFixed(3)} after correcting for optimism (${validation.options.B} bootstrap replicates)`}. Internal validation only: check the model on other patients before relying on it.`,
  );
  notes.push("Values outside the range of the study's patients are extrapolations.");
  if (cure !== undefined) {
    const cureCoef = new Map<string, number>();
    for (const c of cure.fit.incidence.slice(1)) cureCoef.set(c.name, c.estimate);
    const score = cure.fit.incidence.length > 0 ? scoreOf(inputs, cureCoef, cure.fit.incidence[0].estimate, -1) : null;
    if (score !== null && cure.endpoint === a.endpoint) {
      outputs.push({ kind: "probability", id: "cure", label: "Probability of cure", score });
      notes.push(`Probability of cure: the ${cure.model === "weibull" ? "Weibull" : "semiparametric PH"} mixture cure model's incidence part (overall cure fraction ${fmtPct(cure.overall.cureFraction.estimate)}).`);
    } else {
      notes.push("The cure model uses covariates that are not in the prediction model, so the calculator does not show the probability of cure.");
    }
  }
  const covariateLabels: Record<string, string> = {};
  for (const n of names) covariateLabels[n] = labelOf(n);
  const termLabels = terms.coefficientLabels(fit.columnNames, validation.terms);
  const nomogramLabels: Record<string, string> = { ...termLabels };
  mm.terms.forEach((t, k) => {
    if (t.columns.length === 1) nomogramLabels[mm.columnNames[t.columns[0]]] = labelOf(names[k]);
  });
  return {
    endpoint: a.endpoint,
    endpointLabel: epLabel,
    unit: ep.unit,
    time: a.time,
    covariates: names,
    covariateLabels,
    termLabels,
    nomogramLabels,
    validation,
    calculator: { title: `Predicted ${epLabel.toLowerCase()} for one patient`, inputs: inputs.map((i) => i.input), outputs, notes },
    warnings: [...validation.warnings],
  };
}
