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
import { validatePredictionModel, linearPredictor, predictedSurvival, type NomogramModel, type PredictionValidationResult } from "../survival/validation/index.js";
import { decisionCurve, shrinkCoxModel, smoothedCalibration, type DecisionCurve, type SmoothedCalibration } from "../survival/validation/decision.js";
import { decisionOptimism, type DecisionOptimismResult } from "../survival/validation/decision-optimism.js";
import { coxInputFromFormula } from "../survival/coxph.js";
import { coxFit } from "../survival/cox/fit.js";
import type { Table } from "../data/table.js";
import { predictionCohort, type PredictionPopulation } from "./prediction-population.js";
import type { CalculatorOutput, PatientCalculatorModel } from "./calculator.js";
import { calculatorInputs, scoreFromCoefficients } from "./calculator-build.js";
import { cureCalculatorDecision, type CureStepResult } from "./cure-step.js";
import { calculatorUse, DEFAULT_MINIMUM_C, type CalculatorUse } from "./calculator-use.js";
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
  /** Who the model is fitted to, and whether survival is counted from the treatment date. */
  readonly population: { readonly kind: PredictionPopulation; readonly description: string; readonly fromTreatment: boolean };
  /** Covariates left out because their coefficient diverged (monotone likelihood), with the reason. */
  readonly dropped: readonly { readonly covariate: string; readonly reason: string }[];
  /** Uniform shrinkage applied to the nomogram and calculator (1 = none) and where it came from. */
  readonly shrinkage: { readonly factor: number; readonly source: "bootstrap" | "none" | "spec"; readonly correctedSlope: number | null };
  /** The nomogram of the model the calculator uses (shrunken coefficients, re-estimated baseline). */
  readonly nomogram: NomogramModel | null;
  /** Smoothed (apparent) calibration curve at the horizon (Austin et al. 2020); null when it cannot be drawn. */
  readonly smoothedCalibration: SmoothedCalibration | null;
  /** Net benefit at the horizon of deciding by the calculator's predicted risk (apparent), thresholds 0.01–0.99. */
  readonly decisionCurve: DecisionCurve | null;
  /**
   * The calculator's smoothed calibration (ICI, E50, E90) and net benefit corrected for optimism by the validation's
   * bootstrap (same B and seed; each refit shrunk by the same factor); null without a bootstrap.
   */
  readonly decisionOptimism: DecisionOptimismResult | null;
  /**
   * Whether the report offers the calculator and nomogram: the Riley minimum sample size and the optimism-corrected
   * C ≥ minimumCStatistic (src/study/calculator-use.ts); absent in results written before the checks existed.
   */
  readonly calculatorUse?: CalculatorUse;
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
  const cohort = predictionCohort(study, spec, a.endpoint, ep, analysisTable(study, spec, ep));
  const table = cohort.table;
  const terms = covariateTerms(spec, table);
  const requested = a.covariates ?? spec.covariates.map((c) => covariateObject(c).name);
  const { names, dropped } = withoutDivergingTerms(table, requested, (n) => terms.term(n), (n) => terms.label(n), terms.reference);
  if (names.length === 0) {
    throw new SurvinferError({ code: "MODEL_SINGULAR", path: "analyses.prediction.covariates", message: `prediction model: every covariate's coefficient diverged in ${cohort.description} (${dropped.map((d) => d.reason).join("; ")})`, hint: "choose covariates with events at each level, or merge sparse levels" });
  }
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
  // uniform shrinkage (van Houwelingen & le Cessie 1990) by the optimism-corrected calibration slope, baseline re-estimated
  const correctedSlope = validation.optimism?.indices.find((i) => i.name === "slope")?.corrected ?? null;
  const factor = a.shrinkage === "none" ? 1 : typeof a.shrinkage === "number" ? a.shrinkage : correctedSlope !== null && correctedSlope > 0 && correctedSlope < 1 ? correctedSlope : 1;
  const source = a.shrinkage === "none" ? "none" : typeof a.shrinkage === "number" ? "spec" : "bootstrap";
  const { input } = coxInputFromFormula(table, formula, { reference: terms.reference });
  const use = calculatorUse(validation, input.time, input.status, a.time, validation.fit.coef.filter((c) => c !== null).length, a.minimumCStatistic ?? DEFAULT_MINIMUM_C);
  const shrunk = shrinkCoxModel(input, validation.fit, factor, a.time);
  const shrunkNomogram: NomogramModel | null = validation.nomogram === null ? null : { ...validation.nomogram, columns: validation.nomogram.columns.map((c) => ({ ...c, coef: factor * c.coef })), baselineSurv: shrunk.baselineSurv, centre: shrunk.centre };
  const apparentSurv = predictedSurvival(linearPredictor(input, validation.fit.coef), { baselineSurv: validation.nomogram?.baselineSurv ?? 1, centre: validation.nomogram?.centre ?? 0 });
  const calculatorSurv = predictedSurvival(linearPredictor(input, shrunk.coef), shrunk);
  const smoothed = validation.nomogram === null ? null : smoothedCalibration(input.time, input.status, apparentSurv, a.time);
  const thresholds = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  const dca = decisionCurve(input.time, input.status, calculatorSurv.map((x) => 1 - x), a.time, thresholds);
  const useOptimism = validation.optimism === null ? null : decisionOptimism(input, a.time, { thresholds, B: validation.options.B, seed: validation.options.seed, shrinkage: factor });
  const labelOf = (n: string): string => terms.label(n);
  const inputs = calculatorInputs(mm, names, labelOf);
  const fit = validation.fit;
  const coxCoef = new Map<string, number>();
  fit.columnNames.forEach((c, j) => coxCoef.set(c, shrunk.coef[j]));
  const nomogram = shrunkNomogram!;
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
  if (factor < 1) notes.push(`Coefficients shrunk by ${factor.toFixed(2)} (${source === "bootstrap" ? "the optimism-corrected calibration slope" : "the factor set in the study"}) so that predictions are not too extreme for new patients; the baseline survival was re-estimated.`);
  notes.push(`Fitted to ${cohort.description}: ${cohort.population === "treated" ? "use it for patients who are candidates for the treatment" : cohort.population === "untreated" ? "use it for patients who are not treated" : "the treatment is not in the model unless listed"}.`);
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
    // below the floor the model is still fitted (above): its message says so, not "not estimated"
    epv: epv.status === "refuse" ? { ...epv, message: epvWarning } : epv,
    population: { kind: cohort.population, description: cohort.description, fromTreatment: cohort.fromTreatment },
    dropped,
    shrinkage: { factor, source, correctedSlope },
    nomogram: shrunkNomogram,
    smoothedCalibration: smoothed,
    decisionCurve: dca,
    decisionOptimism: useOptimism,
    calculatorUse: use,
    warnings: [...cohort.warnings, ...dropped.map((d) => `${d.covariate} left out of the prediction model: ${d.reason}`), ...(epvWarning === null ? [] : [epvWarning]), ...validation.warnings, ...(useOptimism?.warnings ?? [])],
  };
}

/**
 * Drops, one at a time, a covariate whose Cox coefficient diverges (monotone likelihood: e.g. no events at one level);
 * such a term would make the calculator promise 0% or 100% survival. The fit is repeated until none diverges.
 */
function withoutDivergingTerms(table: Table, requested: readonly string[], term: (n: string) => string, label: (n: string) => string, reference: Readonly<Record<string, string>>): { names: string[]; dropped: { covariate: string; reason: string }[] } {
  const names = [...requested];
  const dropped: { covariate: string; reason: string }[] = [];
  while (names.length > 0) {
    const { input, terms } = coxInputFromFormula(table, `Surv(.time, .status) ~ ${names.map(term).join(" + ")}`, { reference });
    const fit = coxFit(input, { ties: "efron", robust: false });
    const bad = fit.warnings.map((w) => /coefficient for "([^"]+)" may be infinite/.exec(w)?.[1]).find((c) => c !== undefined);
    if (bad === undefined) break;
    const j = input.columnNames.indexOf(bad);
    const k = terms.findIndex((t) => t.columns.includes(j));
    if (k < 0) break;
    dropped.push({ covariate: label(names[k]), reason: `its coefficient (${bad}) diverged: monotone likelihood, e.g. no events at one level` });
    names.splice(k, 1);
  }
  return { names, dropped };
}
