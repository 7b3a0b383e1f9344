/**
 * Prognostic factors of a study: a univariable Cox model per covariate (the usual screen) and the
 * multivariable model the spec lists, each with the proportional-hazards test. A covariate with a
 * cut-off appears twice in the screen (continuous and dichotomised, e.g. "Age > 60 years"); the
 * multivariable model keeps it continuous (dichotomising loses information, Altman & Royston 2006,
 * doi:10.1136/bmj.332.7549.1080) unless `cox.multivariableCutoffs` asks for the cut-offs, and then both
 * models are reported. `cox.linearity` adds the linearity check of the continuous covariates
 * (src/study/cox-linearity.ts). The endpoint's derived time and status join the table as `.time` and `.status`.
 */
import { unguarded, type Guard } from "./not-estimable.js";
import { coxph, type CoxphResult } from "../survival/coxph.js";
import { covariateObject, type CovariateObjectSpec, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";
import { analysisTable, covariateTerms, cutoffName } from "./model-terms.js";
import { modelMatrix } from "../formula/model-matrix.js";
import type { Table } from "../data/table.js";
import { eventsPerParameter, epvThresholds, type EpvThresholds, type EventsPerParameter, type RefusedModel } from "./epv.js";
import { coxLinearity, type LinearityResult } from "./cox-linearity.js";

/** Patients and events in one level of a factor (or one side of a 0/1 covariate) among a model's complete cases. */
export interface LevelCount {
  readonly n: number;
  readonly events: number;
}

/**
 * Per term of a model whose columns are all 0/1 indicators (a factor, a dichotomised covariate): the patients and
 * events of the reference (every indicator 0) and of each column's level, in the term's column order; null for
 * other terms. What the report needs to flag a level too sparse for a stable estimate (src/report/tables.ts).
 */
export type TermLevelCounts = readonly ({ readonly reference: LevelCount; readonly columns: readonly LevelCount[] } | null)[];

export interface CoxModelRow {
  /** Covariate as named in the spec. */
  readonly covariate: string;
  /** Label for tables: the spec's label, or the cut-off's label for a dichotomised covariate. */
  readonly label: string;
  readonly dichotomised: boolean;
  readonly result: CoxphResult;
  /** Display label per coefficient (model column name → e.g. "FNCLCC grade: 3 vs 1"). */
  readonly termLabels: Readonly<Record<string, string>>;
  /** Events per parameter of the model (src/study/epv.ts). */
  readonly epv?: EventsPerParameter;
  /** Patients and events per level of its 0/1-coded terms (absent in results.json written before it). */
  readonly levelCounts?: TermLevelCounts;
}

export interface MultivariableCox {
  readonly covariates: readonly string[];
  /** Display label per covariate of the spec. */
  readonly labels: Readonly<Record<string, string>>;
  /** Display label per coefficient (model column name). */
  readonly termLabels: Readonly<Record<string, string>>;
  /** Covariates entered dichotomised at their cut-off (empty: all continuous). */
  readonly dichotomised?: readonly string[];
  readonly result: CoxphResult;
  readonly epv?: EventsPerParameter;
  /** Patients and events per level of its 0/1-coded terms (absent in results.json written before it). */
  readonly levelCounts?: TermLevelCounts;
}

/** Distinct values rcs(x, 4) needs for its default knots (more than k + 2). */
const MIN_DISTINCT_FOR_SPLINE = 7;

export interface CoxStepResult {
  readonly endpoint: string;
  readonly univariable: readonly CoxModelRow[];
  readonly multivariable?: MultivariableCox;
  /** With cox.multivariableCutoffs: the multivariable model with the continuous covariates, beside the dichotomised one. */
  readonly multivariableContinuous?: MultivariableCox;
  /** With cox.linearity: restricted cubic splines (4 knots) of the continuous covariates, tests and HR curves. */
  readonly linearity?: LinearityResult & {
    /** Display label per covariate. */
    readonly labels: Readonly<Record<string, string>>;
    /** Covariates not checked (categorical, or fewer than 7 distinct values). */
    readonly skipped: readonly string[];
  };
  /** Models not fitted: fewer events per parameter than analyses.safeguards.epvFloor (also in results.notEstimable). */
  readonly refused?: readonly (RefusedModel & { readonly covariate?: string; readonly dichotomised?: boolean })[];
  readonly warnings: readonly string[];
}

/** Events (among the formula's complete cases) and estimated columns of a Cox model, before it is fitted. */
function coxEpv(table: Table, formula: string, reference: Readonly<Record<string, string>>, thresholds: EpvThresholds): EventsPerParameter {
  const mm = modelMatrix(table, formula, { reference, dropIntercept: true });
  const status = mm.response?.kind === "Surv" ? mm.response.status : undefined;
  let events = 0;
  if (status !== undefined) for (let k = 0; k < status.length; k++) events += status[k] > 0 ? 1 : 0;
  return eventsPerParameter(events, mm.nCols, thresholds);
}

/** Patients and events per level of each 0/1-coded term of `formula` among its complete cases (the model's rows). */
export function termLevelCounts(table: Table, formula: string, reference: Readonly<Record<string, string>>): TermLevelCounts {
  const mm = modelMatrix(table, formula, { reference, dropIntercept: true });
  const status = mm.response?.kind === "Surv" ? mm.response.status : undefined;
  const n = mm.nRows;
  const event = (i: number): number => (status !== undefined && status[i] > 0 ? 1 : 0);
  return mm.terms.map((term) => {
    const cols = term.columns;
    const binary = cols.length > 0 && cols.every((j) => mm.x.subarray(j * n, (j + 1) * n).every((v) => v === 0 || v === 1));
    if (!binary) return null;
    const reference = { n: 0, events: 0 };
    const columns = cols.map(() => ({ n: 0, events: 0 }));
    for (let i = 0; i < n; i++) {
      const k = cols.findIndex((j) => mm.x[j * n + i] === 1);
      const c = k < 0 ? reference : columns[k];
      c.n++;
      c.events += event(i);
    }
    return { reference, columns };
  });
}

/** `guard` runs each model, so one that cannot be fitted (e.g. a factor with one level among its rows) leaves the others (not-estimable.ts). */
export function coxStep(study: PreparedStudy, spec: StudySpec, onProgress?: (step: string, done: number, total: number) => void, guard: Guard = unguarded): CoxStepResult | undefined {
  const c = spec.analyses.cox;
  if (c === undefined) return undefined;
  const ep = study.endpoints.get(c.endpoint)!;
  const table = analysisTable(study, spec, ep);
  const covs = spec.covariates.map(covariateObject);
  const byName = new Map(covs.map((cov) => [cov.name, cov]));
  const terms = covariateTerms(spec, table);
  const reference = terms.reference;
  // Firth's fit joins any model whose ordinary coefficients diverge (monotone likelihood)
  const options = { ties: c.ties, robust: c.robust ? true : undefined, reference, zph: c.zph ? ("km" as const) : (false as const), firth: c.robust ? ("never" as const) : ("auto" as const), onProgress: onProgress && ((done: number, total: number) => onProgress("Firth Cox model", done, total)) };
  const response = "Surv(.time, .status) ~ ";
  const term = (cov: CovariateObjectSpec, dichotomised: boolean): string => terms.term(cov.name, dichotomised);
  const labels = (result: CoxphResult): Record<string, string> => terms.coefficientLabels(result.fit.columnNames, result.terms);
  const thresholds = epvThresholds(spec);
  const refused: NonNullable<CoxStepResult["refused"]>[number][] = [];
  const epvWarnings: string[] = [];
  /** EPV of a model; undefined (and recorded as refused) below the floor. */
  const screen = (analysis: string, label: string, formula: string, extra: { covariate?: string; dichotomised?: boolean }): EventsPerParameter | undefined => {
    const e = guard(analysis, () => coxEpv(table, formula, reference, thresholds));
    if (e === undefined) return undefined;
    if (e.status === "refuse") {
      refused.push({ analysis, label, epv: e, ...extra });
      return undefined;
    }
    if (e.message !== null) epvWarnings.push(`${analysis === "cox.multivariable" ? "multivariable" : `univariable ${label}`}: ${e.message}`);
    return e;
  };
  const univariable: CoxModelRow[] = [];
  const univariableNames = c.univariable === "all" ? covs.map((cov) => cov.name) : c.univariable;
  for (const name of univariableNames) {
    const cov = byName.get(name) ?? { name };
    const label = cov.label ?? name;
    // the formula inside the guard: a factor whose reference level has no patient is not estimable on its own
    const f = guard(`cox.univariable.${name}`, () => response + term(cov, false));
    const e = f === undefined ? undefined : screen(`cox.univariable.${name}`, label, f, { covariate: name, dichotomised: false });
    const continuous = f !== undefined && e && guard(`cox.univariable.${name}`, () => coxph(table, f, options));
    if (e && continuous) univariable.push({ covariate: name, label, dichotomised: false, result: continuous, termLabels: labels(continuous), epv: e, levelCounts: termLevelCounts(table, f, reference) });
    const cut = cutoffName(cov);
    if (cut) {
      const ec = screen(`cox.univariable.${name}.cutoff`, cut.label, response + term(cov, true), { covariate: name, dichotomised: true });
      const result = ec && guard(`cox.univariable.${name}.cutoff`, () => coxph(table, response + term(cov, true), options));
      if (ec && result) univariable.push({ covariate: name, label: cut.label, dichotomised: true, result, termLabels: labels(result), epv: ec, levelCounts: termLevelCounts(table, response + term(cov, true), reference) });
    }
  }
  /** The multivariable model, with the declared cut-offs or with every covariate continuous. */
  const multivariableModel = (cutoffs: boolean, analysis: string): MultivariableCox | undefined => {
    const covLabels: Record<string, string> = {};
    const dichotomised: string[] = [];
    const formula = guard(analysis, () =>
      response +
      c.multivariable
        .map((name) => {
          const cov = byName.get(name) ?? { name };
          const cut = cutoffs ? cutoffName(cov) : undefined;
          covLabels[name] = cut ? cut.label : (cov.label ?? name);
          if (cut) dichotomised.push(name);
          return term(cov, cut !== undefined);
        })
        .join(" + "),
    );
    const e = formula === undefined ? undefined : screen(analysis, cutoffs ? "Multivariable model" : "Multivariable model (continuous covariates)", formula, {});
    const result = formula !== undefined && e && guard(analysis, () => coxph(table, formula, options));
    return e && result ? { covariates: c.multivariable, labels: covLabels, termLabels: labels(result), dichotomised, result, epv: e, levelCounts: termLevelCounts(table, formula, reference) } : undefined;
  };
  let multivariable: CoxStepResult["multivariable"];
  let multivariableContinuous: CoxStepResult["multivariableContinuous"];
  if (c.multivariable.length > 0) {
    const anyCutoff = c.multivariable.some((name) => cutoffName(byName.get(name) ?? { name }) !== undefined);
    if (c.multivariableCutoffs === true && anyCutoff) {
      multivariable = multivariableModel(true, "cox.multivariable");
      multivariableContinuous = multivariableModel(false, "cox.multivariableContinuous");
    } else multivariable = multivariableModel(false, "cox.multivariable");
  }
  let linearity: CoxStepResult["linearity"];
  if (c.linearity === true) {
    const names = c.multivariable.length > 0 ? c.multivariable : univariableNames;
    const isContinuous = (name: string): boolean => {
      const cov = byName.get(name) ?? { name };
      const col = table.columns.find((x) => x.name === name);
      if (cov.type === "categorical" || col === undefined || col.kind === "categorical") return false;
      return new Set(Array.from(col.values).filter((v) => !Number.isNaN(v))).size >= MIN_DISTINCT_FOR_SPLINE;
    };
    const splines = names.filter(isContinuous);
    const skipped = names.filter((n) => !isContinuous(n));
    const covLabels: Record<string, string> = {};
    for (const n of names) covLabels[n] = (byName.get(n) ?? { name: n }).label ?? n;
    if (splines.length > 0) {
      const modelTerms = names.map((n) => ({ covariate: n, term: term(byName.get(n) ?? { name: n }, false) }));
      const lin = guard("cox.linearity", () => coxLinearity(table, response, modelTerms, splines, { ties: c.ties, reference }));
      if (lin !== undefined) linearity = { ...lin, labels: covLabels, skipped };
    }
  }
  const warnings = [
    ...epvWarnings,
    ...univariable.flatMap((u) => u.result.warnings.map((w) => `univariable ${u.label}: ${w}`)),
    ...(multivariable?.result.warnings ?? []).map((w) => `multivariable: ${w}`),
    ...(multivariableContinuous?.result.warnings ?? []).map((w) => `multivariable (continuous covariates): ${w}`),
    ...(linearity?.result.warnings ?? []).map((w) => `linearity check: ${w}`),
  ];
  return {
    endpoint: c.endpoint,
    univariable,
    multivariable,
    ...(multivariableContinuous !== undefined ? { multivariableContinuous } : {}),
    ...(linearity !== undefined ? { linearity } : {}),
    refused,
    warnings,
  };
}
