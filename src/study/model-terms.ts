/**
 * Covariates of the spec as model terms, shared by every model a study fits (Cox, cure, prediction,
 * competing risks, recurrent events): the endpoint's rows as a table with `.time` and `.status`
 * (and each cut-off's 0/1 column), the formula term of a covariate (`factor(grade)` for a numeric
 * column declared categorical; the cut-off column when dichotomised), its display label and
 * reference level, and display labels of a fitted model's coefficients ("FNCLCC grade: 3 vs 1").
 */
import { SurvinferError } from "../errors.js";
import { selectRows, type Column, type Table } from "../data/table.js";
import { formatName } from "../formula/expr.js";
import type { ModelTerm } from "../formula/model-matrix.js";
import { covariateObject, type CovariateObjectSpec, type StudySpec } from "./schema.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";

/**
 * The words between a coefficient's level and its reference level in its label ("FNCLCC grade: 3 vs 1"). Results
 * (results.json) keep them in English; the report and summary.txt show the connector of their language
 * (src/report/labels.ts, termLabel: "vs." in German).
 */
export const TERM_VERSUS = " vs ";

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
export function analysisTable(study: PreparedStudy, spec: StudySpec, ep: PreparedEndpoint): Table {
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

export interface CovariateTerms {
  /** Reference level per categorical covariate named in the spec (as relevel). */
  readonly reference: Readonly<Record<string, string>>;
  /** Formula term of a covariate (spec name, or the treatment column), continuous or dichotomised. */
  term(name: string, dichotomised?: boolean): string;
  /** Display label of a covariate (continuous) or of its cut-off (dichotomised). */
  label(name: string, dichotomised?: boolean): string;
  /** Display label of each coefficient of a fitted model (model column name → label). */
  coefficientLabels(columnNames: readonly string[], terms: readonly ModelTerm[]): Record<string, string>;
}

/** The spec's covariates as terms over `table` (an analysisTable). */
export function covariateTerms(spec: StudySpec, table: Table): CovariateTerms {
  const covs = spec.covariates.map(covariateObject);
  const byName = new Map(covs.map((cov) => [cov.name, cov]));
  const reference: Record<string, string> = {};
  for (const cov of covs) if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  const treatment = spec.treatment;
  const treatmentCol = treatment ? table.columns.find((x) => x.name === treatment.column) : undefined;
  // the treatment as a covariate: untreated is the reference (hazard ratio of the treated)
  if (treatment && treatmentCol?.kind === "categorical" && reference[treatment.column] === undefined) {
    const untreated = treatmentCol.levels.find((l) => l !== String(treatment.treated));
    if (untreated !== undefined) reference[treatment.column] = untreated;
  }
  const covOf = (name: string): CovariateObjectSpec => {
    if (name === "treatment" && treatment) return { name: treatment.column, label: treatment.label ?? treatment.column };
    return byName.get(name) ?? { name };
  };
  const termOf = (name: string, dichotomised = false): string => {
    const cov = covOf(name);
    const cut = dichotomised ? cutoffName(cov) : undefined;
    const n = formatName(cut ? cut.name : cov.name);
    return cov.type === "categorical" && table.columns.find((x) => x.name === cov.name)?.kind === "numeric" ? `factor(${n})` : n;
  };
  const label = (name: string, dichotomised = false): string => {
    const cov = covOf(name);
    const cut = dichotomised ? cutoffName(cov) : undefined;
    return cut ? cut.label : (cov.label ?? cov.name);
  };
  // display labels and reference levels of the terms as written in formulas
  const labelByTerm = new Map<string, string>();
  const referenceByTerm = new Map<string, string>();
  const names = [...covs.map((c) => c.name), ...(treatment ? ["treatment"] : [])];
  for (const name of names) {
    const cov = covOf(name);
    for (const dich of [false, true]) {
      if (dich && cutoffName(cov) === undefined) continue;
      const key = termOf(name, dich);
      labelByTerm.set(key, label(name, dich));
      const col = table.columns.find((x) => x.name === cov.name);
      if (!dich && col?.kind === "categorical") referenceByTerm.set(key, reference[cov.name] ?? col.levels[0]);
    }
  }
  const coefficientLabels = (columnNames: readonly string[], terms: readonly ModelTerm[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const t of terms) {
      const lab = labelByTerm.get(t.label) ?? t.label.replace(/`/g, "");
      const ref = referenceByTerm.get(t.label);
      for (const j of t.columns) {
        const name = columnNames[j];
        out[name] = t.columns.length === 1 && ref === undefined ? lab : `${lab}: ${name.slice(t.label.length)}${ref === undefined ? "" : `${TERM_VERSUS}${ref}`}`;
      }
    }
    return out;
  };
  // a model with a factor whose reference level has no patient here would label its coefficients against
  // nobody ("2 vs 1" when no one has grade 1): not estimable (src/study/not-estimable.ts), never printed
  const term = (name: string, dichotomised = false): string => {
    const cov = covOf(name);
    const col = table.columns.find((x) => x.name === cov.name);
    if (!dichotomised && col?.kind === "categorical") {
      const ref = reference[cov.name] ?? col.levels[0];
      const k = col.levels.indexOf(ref);
      if (k >= 0 && !col.codes.includes(k)) throw emptyReferenceError(cov.name, label(name), ref, col);
    }
    return termOf(name, dichotomised);
  };
  return { reference, term, label, coefficientLabels };
}

/** DATA_EMPTY_REFERENCE_LEVEL: the reference level of a factor has no patient in a model's rows. */
function emptyReferenceError(column: string, label: string, ref: string, col: Extract<Column, { kind: "categorical" }>): SurvinferError {
  const held = col.levels.filter((_, k) => col.codes.includes(k));
  return new SurvinferError({
    code: "DATA_EMPTY_REFERENCE_LEVEL",
    message: `the reference level "${ref}" of ${label} has no patients in this analysis, so its hazard ratios would compare with nobody`,
    column,
    value: ref,
    hint: `Choose a reference level that has patients (${held.map((l) => `"${l}"`).join(", ")}) with reference: under the covariate ${column}`,
  });
}

/**
 * Warnings for declared reference levels that no patient has in the whole data (kept as empty levels
 * when the data are read; the models with that covariate are then not estimable).
 */
export function emptyReferenceWarnings(spec: StudySpec, table: Table): string[] {
  const out: string[] = [];
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.reference === undefined) continue;
    const col = table.columns.find((x) => x.name === cov.name);
    if (col?.kind !== "categorical") continue;
    const k = col.levels.indexOf(String(cov.reference));
    if (k >= 0 && !col.codes.includes(k)) {
      out.push(`${cov.label ?? cov.name}: the reference level "${String(cov.reference)}" has no patients; it is kept as an empty level and the models with this covariate are not estimable: choose another reference`);
    }
  }
  return out;
}
