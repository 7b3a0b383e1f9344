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
}

export interface CoxStepResult {
  readonly endpoint: string;
  readonly univariable: readonly CoxModelRow[];
  readonly multivariable?: { readonly covariates: readonly string[]; readonly labels: Readonly<Record<string, string>>; readonly result: CoxphResult };
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

export function coxStep(study: PreparedStudy, spec: StudySpec): CoxStepResult | undefined {
  const c = spec.analyses.cox;
  if (c === undefined) return undefined;
  const ep = study.endpoints.get(c.endpoint)!;
  const table = analysisTable(study, spec, ep);
  const covs = spec.covariates.map(covariateObject);
  const byName = new Map(covs.map((cov) => [cov.name, cov]));
  const reference: Record<string, string> = {};
  for (const cov of covs) if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  const options = { ties: c.ties, robust: c.robust ? true : undefined, reference, zph: c.zph ? ("km" as const) : (false as const) };
  const response = "Surv(.time, .status) ~ ";
  const term = (cov: CovariateObjectSpec, dichotomised: boolean): string => {
    const cut = dichotomised ? cutoffName(cov) : undefined;
    const name = formatName(cut ? cut.name : cov.name);
    return cov.type === "categorical" && table.columns.find((x) => x.name === cov.name)?.kind === "numeric" ? `factor(${name})` : name;
  };
  const univariable: CoxModelRow[] = [];
  const names = c.univariable === "all" ? covs.map((cov) => cov.name) : c.univariable;
  for (const name of names) {
    const cov = byName.get(name) ?? { name };
    univariable.push({ covariate: name, label: cov.label ?? name, dichotomised: false, result: coxph(table, response + term(cov, false), options) });
    const cut = cutoffName(cov);
    if (cut) univariable.push({ covariate: name, label: cut.label, dichotomised: true, result: coxph(table, response + term(cov, true), options) });
  }
  let multivariable: CoxStepResult["multivariable"];
  if (c.multivariable.length > 0) {
    const labels: Record<string, string> = {};
    const terms = c.multivariable.map((name) => {
      const cov = byName.get(name) ?? { name };
      const cut = cutoffName(cov);
      labels[name] = cut ? cut.label : (cov.label ?? name);
      return term(cov, cut !== undefined);
    });
    multivariable = { covariates: c.multivariable, labels, result: coxph(table, response + terms.join(" + "), options) };
  }
  const warnings = [
    ...univariable.flatMap((u) => u.result.warnings.map((w) => `univariable ${u.label}: ${w}`)),
    ...(multivariable?.result.warnings ?? []).map((w) => `multivariable: ${w}`),
  ];
  return { endpoint: c.endpoint, univariable, multivariable, warnings };
}
