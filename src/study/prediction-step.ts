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
import { modelMatrix } from "../formula/model-matrix.js";
import { epvThresholds, eventsPerParameter, formatEpv, type EventsPerParameter } from "./epv.js";
import { validatePredictionModel, type PredictionValidationResult } from "../survival/validation/index.js";
import type { CalculatorOutput, PatientCalculatorModel } from "./calculator.js";
import { calculatorInputs, scoreFromCoefficients } from "./calculator-build.js";
import { cureCalculatorDecision, type CureStepResult } from "./cure-step.js";
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
  /** Events per parameter of the Cox prediction model (src/study/epv.ts). */
  readonly epv?: EventsPerParameter;
  readonly warnings: readonly string[];
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
  // events per parameter, before the model and its bootstrap run (src/study/epv.ts)
  const mm = modelMatrix(table, formula, { reference: terms.reference, dropIntercept: true });
  let nEvents = 0;
  if (mm.response?.kind === "Surv") for (const d of mm.response.status) nEvents += d > 0 ? 1 : 0;
  const epv = eventsPerParameter(nEvents, mm.nCols, epvThresholds(spec));
  // flagged, never refused: a prediction model is judged by its validation (optimism, calibration), and EPV rules
  // are a poor guide for it (Riley et al. BMJ 2020;368:m441); below the floor the warning says so
  const epvWarning = epv.status === "refuse" ? `too few events per parameter: ${epv.events} events for ${epv.parameters} parameters (EPV ${formatEpv(epv.epv)}, below the floor of ${epv.epvFloor}): expect a large optimism correction and poor calibration in new patients; prefer fewer covariates` : epv.message;
  let validation: PredictionValidationResult;
  try {
    validation = validatePredictionModel(table, formula, { time: a.time, B: a.bootstrap, seed: spec.seed, groups: a.groups, reference: terms.reference });
  } catch (e) {
    if (e instanceof SurvinferError && e.code === "MODEL_COLLINEAR") {
      throw new SurvinferError({ code: "MODEL_COLLINEAR", path: "analyses.prediction.covariates", message: `prediction model: ${e.message}`, hint: "drop one of the collinear covariates from analyses.prediction.covariates" });
    }
    throw e;
  }
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
      score: scoreFromCoefficients(inputs, coxCoef, 0, 1)!,
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
    const score = cure.fit.incidence.length > 0 ? scoreFromCoefficients(inputs, cureCoef, cure.fit.incidence[0].estimate, -1) : null;
    const decision = cureCalculatorDecision(cure);
    if (!decision.show) {
      notes.push(decision.note);
    } else if (score !== null && cure.endpoint === a.endpoint) {
      outputs.push({ kind: "probability", id: "cure", label: decision.label, score });
      notes.push(decision.note);
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
    epv,
    warnings: [...(epvWarning === null ? [] : [epvWarning]), ...validation.warnings],
  };
}
