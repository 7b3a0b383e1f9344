/**
 * Prognostic factors of a study: a univariable Cox model per covariate (the usual screen) and the
 * multivariable model the spec lists, each with the proportional-hazards test. A covariate with a
 * cut-off appears twice in the screen (continuous and dichotomised, e.g. "Age > 60 years") and
 * dichotomised in the multivariable model, as clinical papers report it. The endpoint's derived
 * time and status join the table as the columns `.time` and `.status`.
 */
import { unguarded, type Guard } from "./not-estimable.js";
import { coxph, type CoxphResult } from "../survival/coxph.js";
import { covariateObject, type CovariateObjectSpec, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";
import { analysisTable, covariateTerms, cutoffName } from "./model-terms.js";
import { modelMatrix } from "../formula/model-matrix.js";
import type { Table } from "../data/table.js";
import { eventsPerParameter, epvThresholds, type EpvThresholds, type EventsPerParameter, type RefusedModel } from "./epv.js";

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
}

export interface CoxStepResult {
  readonly endpoint: string;
  readonly univariable: readonly CoxModelRow[];
  readonly multivariable?: {
    readonly covariates: readonly string[];
    /** Display label per covariate of the spec. */
    readonly labels: Readonly<Record<string, string>>;
    /** Display label per coefficient (model column name). */
    readonly termLabels: Readonly<Record<string, string>>;
    readonly result: CoxphResult;
    readonly epv?: EventsPerParameter;
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
  const names = c.univariable === "all" ? covs.map((cov) => cov.name) : c.univariable;
  for (const name of names) {
    const cov = byName.get(name) ?? { name };
    const label = cov.label ?? name;
    // the formula inside the guard: a factor whose reference level has no patient is not estimable on its own
    const f = guard(`cox.univariable.${name}`, () => response + term(cov, false));
    const e = f === undefined ? undefined : screen(`cox.univariable.${name}`, label, f, { covariate: name, dichotomised: false });
    const continuous = f !== undefined && e && guard(`cox.univariable.${name}`, () => coxph(table, f, options));
    if (e && continuous) univariable.push({ covariate: name, label, dichotomised: false, result: continuous, termLabels: labels(continuous), epv: e });
    const cut = cutoffName(cov);
    if (cut) {
      const ec = screen(`cox.univariable.${name}.cutoff`, cut.label, response + term(cov, true), { covariate: name, dichotomised: true });
      const result = ec && guard(`cox.univariable.${name}.cutoff`, () => coxph(table, response + term(cov, true), options));
      if (ec && result) univariable.push({ covariate: name, label: cut.label, dichotomised: true, result, termLabels: labels(result), epv: ec });
    }
  }
  let multivariable: CoxStepResult["multivariable"];
  if (c.multivariable.length > 0) {
    const covLabels: Record<string, string> = {};
    const formula = guard("cox.multivariable", () =>
      response +
      c.multivariable
        .map((name) => {
          const cov = byName.get(name) ?? { name };
          const cut = cutoffName(cov);
          covLabels[name] = cut ? cut.label : (cov.label ?? name);
          return term(cov, cut !== undefined);
        })
        .join(" + "),
    );
    const e = formula === undefined ? undefined : screen("cox.multivariable", "Multivariable model", formula, {});
    const result = formula !== undefined && e && guard("cox.multivariable", () => coxph(table, formula, options));
    if (e && result) multivariable = { covariates: c.multivariable, labels: covLabels, termLabels: labels(result), result, epv: e };
  }
  const warnings = [
    ...epvWarnings,
    ...univariable.flatMap((u) => u.result.warnings.map((w) => `univariable ${u.label}: ${w}`)),
    ...(multivariable?.result.warnings ?? []).map((w) => `multivariable: ${w}`),
  ];
  return { endpoint: c.endpoint, univariable, multivariable, refused, warnings };
}
