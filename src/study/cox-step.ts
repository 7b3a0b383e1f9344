/**
 * Prognostic factors of a study: a univariable Cox model per covariate (the usual screen) and the
 * multivariable model the spec lists, each with the proportional-hazards test. A covariate with a
 * cut-off appears twice in the screen (continuous and dichotomised, e.g. "Age > 60 years") and
 * dichotomised in the multivariable model, as clinical papers report it. The endpoint's derived
 * time and status join the table as the columns `.time` and `.status`.
 */
import { selectRows, type Column, type Table } from "../data/table.js";
import { formatName } from "../formula/expr.js";
import { coxph, type CoxphResult } from "../survival/coxph.js";
import { covariateObject, type CovariateObjectSpec, type StudySpec } from "./schema.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";

export interface CoxModelRow {
  /** Covariate as named in the spec. */
  readonly covariate: string;
  /** Label for tables: the spec's label, or the cut-off's label for a dichotomised covariate. */
  readonly label: string;
  readonly dichotomised: boolean;
  readonly result: CoxphResult;
  /** Display label per coefficient (model column name → e.g. "FNCLCC grade: 3 vs 1"). */
  readonly termLabels: Readonly<Record<string, string>>;
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
  };
  readonly warnings: readonly string[];
}

/** Name and label of a dichotomised covariate, e.g. "age_primary>60" / "Age > 60 years". */
export function cutoffName(cov: CovariateObjectSpec): { name: string; label: string; threshold: number; inclusive: boolean } | undefined {
  const c = cov.cutoff;
  if (c === undefined) return undefined;
  const inclusive = c.atLeast !== undefined;
  const threshold = (inclusive ? c.atLeast : c.above) as number;
  const op = inclusive ? ">=" : ">";
  return { name: `${cov.name}${op}${threshold}`, label: c.label ?? `${cov.label ?? cov.name} ${inclusive ? "≥" : ">"} ${threshold}`, threshold, inclusive };
}

/** The endpoint's rows of the table with `.time`, `.status` and the dichotomised covariates added. */
function analysisTable(study: PreparedStudy, spec: StudySpec, ep: PreparedEndpoint): Table {
  const base = selectRows(study.table, ep.derived.included);
  const extra: Column[] = [
    { kind: "numeric", name: ".time", values: ep.derived.time },
    { kind: "numeric", name: ".status", values: Float64Array.from(ep.derived.status) },
  ];
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    const cut = cutoffName(cov);
    const col = base.columns.find((x) => x.name === cov.name);
    if (cut === undefined || col === undefined || col.kind === "categorical") continue;
    const values = Float64Array.from(col.values, (v) => (Number.isNaN(v) ? Number.NaN : (cut.inclusive ? v >= cut.threshold : v > cut.threshold) ? 1 : 0));
    extra.push({ kind: "numeric", name: cut.name, values });
  }
  return { ...base, columns: [...base.columns, ...extra] };
}

/**
 * Display labels of a model's coefficients: a term's label for a one-column term, "label: level vs
 * reference" for the dummies of a factor. `labelOf` maps a model term (as written in the formula) to
 * its display label.
 */
function termLabels(result: CoxphResult, labelOf: (term: string) => string | undefined, referenceOf: (term: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const names = result.fit.columnNames;
  for (const t of result.terms) {
    const label = labelOf(t.label) ?? t.label.replace(/`/g, "");
    for (const j of t.columns) {
      const name = names[j];
      const ref = referenceOf(t.label);
      out[name] = t.columns.length === 1 && ref === undefined ? label : `${label}: ${name.slice(t.label.length)}${ref === undefined ? "" : ` vs ${ref}`}`;
    }
  }
  return out;
}

export function coxStep(study: PreparedStudy, spec: StudySpec): CoxStepResult | undefined {
  const c = spec.analyses.cox;
  if (c === undefined) return undefined;
  const ep = study.endpoints.get(c.endpoint)!;
  const table = analysisTable(study, spec, ep);
  const covs = spec.covariates.map(covariateObject);
  const byName = new Map(covs.map((cov) => [cov.name, cov]));
  const reference: Record<string, string> = {};
  for (const cov of covs) if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  // Firth's fit joins any model whose ordinary coefficients diverge (monotone likelihood)
  const options = { ties: c.ties, robust: c.robust ? true : undefined, reference, zph: c.zph ? ("km" as const) : (false as const), firth: c.robust ? ("never" as const) : ("auto" as const) };
  const response = "Surv(.time, .status) ~ ";
  const term = (cov: CovariateObjectSpec, dichotomised: boolean): string => {
    const cut = dichotomised ? cutoffName(cov) : undefined;
    const name = formatName(cut ? cut.name : cov.name);
    return cov.type === "categorical" && table.columns.find((x) => x.name === cov.name)?.kind === "numeric" ? `factor(${name})` : name;
  };
  // display labels and reference levels of the terms as written in formulas
  const labelByTerm = new Map<string, string>();
  const referenceByTerm = new Map<string, string>();
  for (const cov of covs) {
    for (const dich of [false, true]) {
      const cut = dich ? cutoffName(cov) : undefined;
      if (dich && cut === undefined) continue;
      const key = term(cov, dich);
      labelByTerm.set(key, cut ? cut.label : (cov.label ?? cov.name));
      const col = table.columns.find((x) => x.name === cov.name);
      if (!dich && col?.kind === "categorical") referenceByTerm.set(key, reference[cov.name] ?? col.levels[0]);
    }
  }
  const labels = (result: CoxphResult): Record<string, string> => termLabels(result, (t) => labelByTerm.get(t), (t) => referenceByTerm.get(t));
  const univariable: CoxModelRow[] = [];
  const names = c.univariable === "all" ? covs.map((cov) => cov.name) : c.univariable;
  for (const name of names) {
    const cov = byName.get(name) ?? { name };
    const continuous = coxph(table, response + term(cov, false), options);
    univariable.push({ covariate: name, label: cov.label ?? name, dichotomised: false, result: continuous, termLabels: labels(continuous) });
    const cut = cutoffName(cov);
    if (cut) {
      const result = coxph(table, response + term(cov, true), options);
      univariable.push({ covariate: name, label: cut.label, dichotomised: true, result, termLabels: labels(result) });
    }
  }
  let multivariable: CoxStepResult["multivariable"];
  if (c.multivariable.length > 0) {
    const covLabels: Record<string, string> = {};
    const terms = c.multivariable.map((name) => {
      const cov = byName.get(name) ?? { name };
      const cut = cutoffName(cov);
      covLabels[name] = cut ? cut.label : (cov.label ?? name);
      return term(cov, cut !== undefined);
    });
    const result = coxph(table, response + terms.join(" + "), options);
    multivariable = { covariates: c.multivariable, labels: covLabels, termLabels: labels(result), result };
  }
  const warnings = [
    ...univariable.flatMap((u) => u.result.warnings.map((w) => `univariable ${u.label}: ${w}`)),
    ...(multivariable?.result.warnings ?? []).map((w) => `multivariable: ${w}`),
  ];
  return { endpoint: c.endpoint, univariable, multivariable, warnings };
}
