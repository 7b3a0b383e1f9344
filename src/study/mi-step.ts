/**
 * Missing covariates in a study (spec key `missing`): with `method: "mi"`, the multivariable Cox model of
 * `analyses.cox` is also fitted by multiple imputation — the model's covariates (plus the treatment column
 * and `auxiliary` columns as predictors) are imputed by chained equations with the outcome (event
 * indicator and Nelson–Aalen cumulative hazard) in every imputation model, the same Cox model is fitted
 * on each completed dataset and the log hazard ratios are pooled by Rubin's rules (src/mi/; mice 3.15.0).
 * The complete-case model stays in `analyses.cox`; this section adds the MI estimates beside it, the
 * missing-data pattern (md.pattern) and the STROBE table of missing values by treatment group.
 */
import type { Column, Table } from "../data/table.js";
import { SurvinferError } from "../errors.js";
import { imputeChained, type MiColumn, type MiResult } from "../mi/chained.js";
import { missingByGroup, missingPattern, type MissingByGroup, type MissingPattern } from "../mi/pattern.js";
import { poolCox } from "../mi/pool-models.js";
import type { PooledTerm } from "../mi/pool.js";
import { coxStep } from "./cox-step.js";
import { analysisTable } from "./model-terms.js";
import type { PreparedStudy } from "./prepare.js";
import { covariateObject, type StudySpec } from "./schema.js";

export interface MiPooledRow extends PooledTerm {
  /** Display label of the coefficient (as in the complete-case table). */
  readonly label: string;
  readonly hr: number;
  readonly hrLower: number;
  readonly hrUpper: number;
}

export interface MiStepResult {
  readonly method: "mi";
  readonly endpoint: string;
  readonly m: number;
  readonly iterations: number;
  readonly seed: number;
  /** Patients in the analysis, and those with every model covariate observed (the complete-case model's n). */
  readonly n: number;
  readonly nComplete: number;
  readonly variables: readonly string[];
  readonly auxiliary: readonly string[];
  readonly pattern: MissingPattern;
  readonly byGroup: MissingByGroup;
  /** Pooled multivariable Cox model (log HR scale, then exponentiated), Rubin's rules as mice::pool. */
  readonly cox: { readonly terms: readonly MiPooledRow[]; readonly dfcom: number } | null;
  /** Imputation diagnostics: convergence traces and observed vs imputed values. */
  readonly imputation: MiResult;
  readonly warnings: readonly string[];
}

function toMiColumn(col: Column, categorical: boolean): { mi: MiColumn; levelsNumeric: number[] | null } {
  if (col.kind === "categorical") {
    return { mi: { name: col.name, values: Float64Array.from(col.codes, (c) => (c < 0 ? Number.NaN : c)), levels: col.levels }, levelsNumeric: null };
  }
  if (col.kind === "date") {
    throw new SurvinferError({ code: "MI_VALUE_INVALID", message: `column "${col.name}" holds dates; multiple imputation takes numeric or categorical covariates`, column: col.name });
  }
  if (!categorical) return { mi: { name: col.name, values: col.values }, levelsNumeric: null };
  // a numeric column analysed as categorical (e.g. grade 1/2/3): imputed as a factor, written back as numbers
  const lv = Array.from(new Set(Array.from(col.values).filter((v) => !Number.isNaN(v)))).sort((a, b) => a - b);
  const index = new Map(lv.map((v, k) => [v, k]));
  return { mi: { name: col.name, values: Float64Array.from(col.values, (v) => (Number.isNaN(v) ? Number.NaN : (index.get(v) ?? Number.NaN))), levels: lv.map(String) }, levelsNumeric: lv };
}

/** The study table with imputation `chain`'s values written into the analysis rows. */
function completedTable(study: PreparedStudy, included: Int32Array, mi: MiResult, chain: number, numericLevels: ReadonlyMap<string, number[] | null>): Table {
  const byName = new Map(mi.variables.map((v) => [v.name, v]));
  const columns = study.table.columns.map((c): Column => {
    const v = byName.get(c.name);
    if (v === undefined) return c;
    if (c.kind === "categorical") {
      const codes = Int32Array.from(c.codes);
      v.rows.forEach((r, k) => (codes[included[r]] = v.imputed[chain][k]));
      return { ...c, codes };
    }
    const values = Float64Array.from(c.values);
    const lv = numericLevels.get(c.name) ?? null;
    v.rows.forEach((r, k) => (values[included[r]] = lv === null ? v.imputed[chain][k] : lv[v.imputed[chain][k]]));
    return { ...c, values };
  });
  return { ...study.table, columns };
}

export function miStep(study: PreparedStudy, spec: StudySpec): MiStepResult | undefined {
  const ms = spec.missing;
  const cox = spec.analyses.cox;
  if (ms === undefined || ms.method !== "mi" || cox === undefined || cox.multivariable.length === 0) return undefined;
  const ep = study.endpoints.get(cox.endpoint)!;
  const table = analysisTable(study, spec, ep);
  const covs = new Map(spec.covariates.map(covariateObject).map((c) => [c.name, c]));
  const treatmentColumn = spec.treatment?.column;
  const names = [...cox.multivariable, ...(treatmentColumn !== undefined && !cox.multivariable.includes(treatmentColumn) ? [treatmentColumn] : []), ...ms.auxiliary.filter((a) => !cox.multivariable.includes(a) && a !== treatmentColumn)];
  const numericLevels = new Map<string, number[] | null>();
  const columns: MiColumn[] = names.map((name) => {
    const col = table.columns.find((c) => c.name === name);
    if (col === undefined) {
      throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: "missing.auxiliary", message: `no column "${name}" in the data for the imputation model`, column: name });
    }
    const { mi, levelsNumeric } = toMiColumn(col, covs.get(name)?.type === "categorical");
    numericLevels.set(name, levelsNumeric);
    return mi;
  });
  const time = table.columns.find((c) => c.name === ".time") as { values: Float64Array };
  const status = table.columns.find((c) => c.name === ".status") as { values: Float64Array };
  const isMissing = columns.map((c) => Array.from(c.values, (v) => Number.isNaN(v)));
  const pattern = missingPattern(names, isMissing);
  let nComplete = 0;
  for (let i = 0; i < table.nRows; i++) if (cox.multivariable.every((nm) => !isMissing[names.indexOf(nm)][i])) nComplete++;
  const trtCol = treatmentColumn === undefined ? undefined : table.columns.find((c) => c.name === treatmentColumn);
  const byGroup =
    trtCol !== undefined && trtCol.kind === "categorical"
      ? missingByGroup(names, isMissing, Int32Array.from(trtCol.codes, (c) => Math.max(c, 0)), trtCol.levels)
      : missingByGroup(names, isMissing, new Int32Array(table.nRows), ["all"]);
  const imputation = imputeChained(columns, { m: ms.m, iterations: ms.iterations, seed: ms.seed ?? spec.seed, outcome: { time: time.values, status: status.values } });
  const warnings = [...byGroup.warnings, ...imputation.warnings];
  let pooled: MiStepResult["cox"] = null;
  if (imputation.variables.length === 0) {
    warnings.push("no covariate of the multivariable model has missing values: multiple imputation changes nothing, the complete-case model is the analysis");
  } else {
    const coxOnly: StudySpec = { ...spec, analyses: { ...spec.analyses, cox: { ...cox, univariable: [], zph: false } } };
    const fits = [];
    let labels: Readonly<Record<string, string>> = {};
    for (let k = 0; k < imputation.m; k++) {
      const res = coxStep({ ...study, table: completedTable(study, ep.derived.included, imputation, k, numericLevels) }, coxOnly);
      const mv = res?.multivariable;
      if (mv === undefined) {
        // estimability codes (src/study/not-estimable.ts): the study goes on and lists the MI model as not estimable
        const refused = res?.refused?.[0];
        throw refused !== undefined
          ? new SurvinferError({ code: "MODEL_TOO_FEW_EVENTS", message: `multiple imputation: the multivariable Cox model on completed dataset ${k + 1}: ${refused.epv.message ?? "too few events per parameter"}` })
          : new SurvinferError({ code: "MODEL_SINGULAR", message: `multiple imputation: the multivariable Cox model could not be fitted on completed dataset ${k + 1}` });
      }
      if (mv.result.firth !== undefined) warnings.push(`completed dataset ${k + 1}: a coefficient diverged (Firth's fit was used in the complete-case style report); the pooled estimate uses the ordinary fit`);
      labels = mv.termLabels;
      fits.push(mv.result.fit);
    }
    const p = poolCox(fits);
    pooled = {
      dfcom: p.terms[0]?.dfcom ?? Number.NaN,
      terms: p.terms.map((t) => ({ ...t, label: labels[t.term] ?? t.term, hr: Math.exp(t.estimate), hrLower: Math.exp(t.lower), hrUpper: Math.exp(t.upper) })),
    };
  }
  return {
    method: "mi",
    endpoint: cox.endpoint,
    m: imputation.m,
    iterations: imputation.iterations,
    seed: imputation.seed,
    n: table.nRows,
    nComplete,
    variables: names,
    auxiliary: ms.auxiliary,
    pattern,
    byGroup,
    cox: pooled,
    imputation,
    warnings: Array.from(new Set(warnings)),
  };
}
