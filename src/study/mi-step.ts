/**
 * Missing covariates in a study (spec key `missing`): with `method: "mi"`, the multivariable Cox model of
 * `analyses.cox` is also fitted by multiple imputation — the model's covariates (plus the treatment column,
 * the propensity covariates and `auxiliary` columns as predictors) are imputed by chained equations with the
 * outcome (event indicator and Nelson–Aalen cumulative hazard) in every imputation model, the same Cox model
 * is fitted on each completed dataset and the log hazard ratios are pooled by Rubin's rules (src/mi/; mice
 * 3.15.0). The propensity analyses run within each completed dataset and are pooled too (mi-within.ts,
 * Leyrat 2019). The complete-case analyses stay where they are; this section adds the MI estimates beside
 * them, says which is primary (`missing.primary`), the missing-data pattern (md.pattern) and the STROBE
 * table of missing values by treatment group.
 */
import type { Column, Table } from "../data/table.js";
import { SurvinferError } from "../errors.js";
import { imputeChained, type MiColumn, type MiOptions, type MiResult } from "../mi/chained.js";
import { missingByGroup, missingPattern, type MissingByGroup, type MissingPattern } from "../mi/pattern.js";
import { poolCox } from "../mi/pool-models.js";
import type { PooledTerm } from "../mi/pool.js";
import { coxStep } from "./cox-step.js";
import { miWithinStep, type MiWithinResult } from "./mi-within.js";
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
  /**
   * The propensity analyses (treatment-effect HRs, balance, standardised survival contrasts) run within each
   * completed dataset and pooled (Leyrat 2019); null when the study has no treatment comparison.
   */
  readonly within: MiWithinResult | null;
  /** Which analysis is primary (spec missing.primary): "mi" or "complete-case"; the other is a sensitivity analysis. */
  readonly primary: "mi" | "complete-case";
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

/** One imputation of the analysis rows of `endpoint`: the variables, the completed studies and the diagnostics. */
interface StudyImputation {
  readonly names: readonly string[];
  readonly table: Table;
  readonly isMissing: readonly boolean[][];
  readonly imputation: MiResult;
  readonly completed: (k: number) => PreparedStudy;
}

/**
 * Imputations computed before the study runs (the CLI's worker threads, src/study/run-async.ts), by
 * `imputationKey`; an entry must be `imputeChained(request.columns, request.options)` of the same request.
 */
export type PrecomputedImputations = ReadonlyMap<string, MiResult>;

/** What one imputation of a study needs: the columns and options of imputeChained, and how to write it back. */
export interface ImputationRequest {
  /** `imputationKey(endpoint, names)`. */
  readonly key: string;
  readonly columns: readonly MiColumn[];
  readonly options: MiOptions;
  readonly table: Table;
  readonly numericLevels: ReadonlyMap<string, number[] | null>;
}

/** The cache key of the imputation of `names` on the analysis rows of `endpoint`. */
export function imputationKey(endpoint: string, names: readonly string[]): string {
  return JSON.stringify([endpoint, ...names]);
}

function imputationRequest(study: PreparedStudy, spec: StudySpec, endpoint: string, names: readonly string[], path: string): ImputationRequest {
  const ms = spec.missing!;
  const ep = study.endpoints.get(endpoint)!;
  const table = analysisTable(study, spec, ep);
  const covs = new Map(spec.covariates.map(covariateObject).map((c) => [c.name, c]));
  const numericLevels = new Map<string, number[] | null>();
  const columns: MiColumn[] = names.map((name) => {
    const col = table.columns.find((c) => c.name === name);
    if (col === undefined) {
      throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path, message: `no column "${name}" in the data for the imputation model`, column: name });
    }
    const { mi, levelsNumeric } = toMiColumn(col, covs.get(name)?.type === "categorical");
    numericLevels.set(name, levelsNumeric);
    return mi;
  });
  const time = table.columns.find((c) => c.name === ".time") as { values: Float64Array };
  const status = table.columns.find((c) => c.name === ".status") as { values: Float64Array };
  const options: MiOptions = { m: ms.m, iterations: ms.iterations, seed: ms.seed ?? spec.seed, outcome: { time: time.values, status: status.values } };
  return { key: imputationKey(endpoint, names), columns, options, table, numericLevels };
}

function imputeStudy(study: PreparedStudy, spec: StudySpec, endpoint: string, names: readonly string[], path: string, pre?: PrecomputedImputations): StudyImputation {
  const ep = study.endpoints.get(endpoint)!;
  const { key, columns, options, table, numericLevels } = imputationRequest(study, spec, endpoint, names, path);
  const isMissing = columns.map((c) => Array.from(c.values, (v) => Number.isNaN(v)));
  const imputation = pre?.get(key) ?? imputeChained(columns, options);
  const completed = (k: number): PreparedStudy => ({ ...study, table: completedTable(study, ep.derived.included, imputation, k, numericLevels) });
  return { names, table, isMissing, imputation, completed };
}

/** The variables and endpoints a study imputes (null when it imputes nothing); miStep and the CLI's precomputation share it. */
interface MiPlan {
  readonly names: readonly string[];
  readonly modelVars: readonly string[];
  /** The Cox model's endpoint, else the treatment comparison's. */
  readonly endpoint: string;
  /** The treatment comparison's endpoint when the within approach runs, else undefined. */
  readonly comparison: string | undefined;
  readonly coxMv: NonNullable<StudySpec["analyses"]["cox"]> | undefined;
}

function miPlan(study: PreparedStudy, spec: StudySpec, outcome: string | undefined): MiPlan | undefined {
  const ms = spec.missing;
  if (ms === undefined || ms.method !== "mi") return undefined;
  const cox = spec.analyses.cox;
  const coxMv = cox !== undefined && cox.multivariable.length > 0 ? cox : undefined;
  const treatmentColumn = spec.treatment?.column;
  const comparison = outcome !== undefined && study.treatment !== undefined && spec.covariates.length > 0 && (spec.analyses.propensity !== undefined || spec.analyses.adjustedCurves !== undefined);
  if (coxMv === undefined && !comparison) return undefined;
  const psCovariates = comparison ? (spec.analyses.propensity?.covariates ?? spec.covariates.map((c) => covariateObject(c).name)) : [];
  const modelVars = coxMv?.multivariable ?? psCovariates;
  const names = unique([...modelVars, ...(treatmentColumn !== undefined ? [treatmentColumn] : []), ...psCovariates, ...ms.auxiliary]);
  return { names, modelVars, endpoint: coxMv?.endpoint ?? outcome!, comparison: comparison ? outcome : undefined, coxMv };
}

/** The endpoint of the treatment comparison the within approach imputes for (runStudy's outcome), or undefined without one. */
export function miOutcome(spec: StudySpec, outcome: string): string | undefined {
  return spec.analyses.propensity || spec.analyses.adjustedCurves ? outcome : undefined;
}

/**
 * The imputations miStep will run, in its order: the Cox model's endpoint, then the treatment comparison's
 * when it differs (only run when the first imputes a variable). `first` is the first request's result.
 */
export function miImputationRequests(study: PreparedStudy, spec: StudySpec, outcome: string | undefined): { first: ImputationRequest; then: (first: MiResult) => ImputationRequest | null } | null {
  const plan = miPlan(study, spec, outcome);
  if (plan === undefined) return null;
  const first = imputationRequest(study, spec, plan.endpoint, plan.names, "missing.auxiliary");
  return {
    first,
    then: (mi) => (plan.comparison === undefined || plan.comparison === plan.endpoint || mi.variables.length === 0 ? null : imputationRequest(study, spec, plan.comparison, plan.names, "missing.auxiliary")),
  };
}

/** Names in order, each once. */
function unique(names: readonly string[]): string[] {
  return Array.from(new Set(names));
}

/**
 * `outcome`: the endpoint of the propensity analyses (the study's treatment comparison). The imputation
 * model holds the Cox model's covariates, the treatment, the propensity covariates and the auxiliary
 * columns; one set of imputations serves the Cox model and the within approach when both use one endpoint.
 */
export function miStep(study: PreparedStudy, spec: StudySpec, outcome?: string, pre?: PrecomputedImputations): MiStepResult | undefined {
  const plan = miPlan(study, spec, outcome);
  if (plan === undefined) return undefined;
  const ms = spec.missing!;
  const { names, modelVars, endpoint, coxMv } = plan;
  const comparison = plan.comparison !== undefined;
  const treatmentColumn = spec.treatment?.column;
  const main = imputeStudy(study, spec, endpoint, names, "missing.auxiliary", pre);
  const { table, isMissing, imputation } = main;
  const pattern = missingPattern(names, isMissing);
  let nComplete = 0;
  for (let i = 0; i < table.nRows; i++) if (modelVars.every((nm) => !isMissing[names.indexOf(nm)][i])) nComplete++;
  const trtCol = treatmentColumn === undefined ? undefined : table.columns.find((c) => c.name === treatmentColumn);
  const byGroup =
    trtCol !== undefined && trtCol.kind === "categorical"
      ? missingByGroup(names, isMissing, Int32Array.from(trtCol.codes, (c) => Math.max(c, 0)), trtCol.levels)
      : missingByGroup(names, isMissing, new Int32Array(table.nRows), ["all"]);
  const warnings = [...byGroup.warnings, ...imputation.warnings];
  let pooled: MiStepResult["cox"] = null;
  if (imputation.variables.length === 0) {
    warnings.push("no covariate of the analyses has missing values: multiple imputation changes nothing, the complete-case analyses are the analysis");
  } else if (coxMv !== undefined) {
    const coxOnly: StudySpec = { ...spec, analyses: { ...spec.analyses, cox: { ...coxMv, univariable: [], zph: false } } };
    const fits = [];
    let labels: Readonly<Record<string, string>> = {};
    for (let k = 0; k < imputation.m; k++) {
      const res = coxStep(main.completed(k), coxOnly);
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
  let within: MiWithinResult | null = null;
  if (comparison && imputation.variables.length > 0) {
    // the treatment comparison's own endpoint: the same imputations when it is the Cox model's, else imputed again with its outcome
    const source = outcome === endpoint ? main : imputeStudy(study, spec, outcome!, names, "missing.auxiliary", pre);
    within = miWithinStep(spec, outcome!, source.imputation.m, source.completed);
    if (source !== main) warnings.push(...source.imputation.warnings.map((w) => `${outcome}: ${w}`));
    if (within !== null) warnings.push(...within.warnings);
  }
  return {
    method: "mi",
    endpoint,
    m: imputation.m,
    iterations: imputation.iterations,
    seed: imputation.seed,
    primary: ms.primary,
    n: table.nRows,
    nComplete,
    variables: names,
    auxiliary: ms.auxiliary,
    pattern,
    byGroup,
    cox: pooled,
    within,
    imputation,
    warnings: Array.from(new Set(warnings)),
  };
}
