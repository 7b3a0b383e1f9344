/**
 * The propensity-score analysis of a treatment comparison, from a Table: the design matrix of the
 * covariates (R's model.matrix with treatment contrasts; rows with a missing covariate dropped and
 * counted per covariate before any model runs), the PS model (glm or Firth), the overlap report,
 * nearest-neighbour or optimal matching and/or propensity weighting, and covariate balance before
 * and after each. Every per-patient vector (ps, weights) is returned in data-row order, null for
 * patients not in the analysis. One implementation, used by the CLI, the study runner and the app.
 */
import { SurvinferError } from "../errors.js";
import type { Table } from "../data/table.js";
import { findColumn } from "../data/table.js";
import { columnFactor } from "../data/factor.js";
import { formatName } from "../formula/expr.js";
import { modelMatrix } from "../formula/model-matrix.js";
import { balanceTable, type BalanceCovariate, type BalanceOptions, type BalanceResult } from "./balance.js";
import { matchPropensity } from "./match.js";
import type { MatchOptions } from "./match.js";
import type { MatchResult } from "./match/types.js";
import { exactStrata } from "./match/exact-strata.js";
import { overlapReport, type OverlapResult } from "./overlap.js";
import { propensityScore, type PropensityMethod, type PropensityResult } from "./propensity.js";
import { propensityWeights, type PropensityWeightsOptions, type PropensityWeightsResult } from "./weight.js";

export interface PropensityAnalysisInput {
  readonly table: Table;
  /** Per table row: 1 treated, 0 untreated, −1 missing. */
  readonly treatment: Int32Array;
  readonly covariates: readonly string[];
  /** Patient ids per table row (default: data row numbers 1..n). */
  readonly ids?: readonly string[];
  /** Reference level per categorical covariate. */
  readonly reference?: Readonly<Record<string, string>>;
}

export interface PropensityAnalysisOptions {
  readonly model?: PropensityMethod;
  /** `exact`: columns to match on exactly (MatchIt `exact`; strata from match/exact-strata.ts). */
  readonly matching?: MatchOptions & { readonly exact?: readonly string[] };
  readonly weighting?: PropensityWeightsOptions;
  /** Balance conventions (SMD denominator, cobalt or tableone convention, thresholds). */
  readonly balance?: Omit<BalanceOptions, "estimand">;
}

export interface AdjustedBalance<R> {
  readonly result: R;
  /** Weights in data-row order (null for patients not in the analysis). */
  readonly weights: (number | null)[];
  readonly balance: BalanceResult;
}

export interface PropensityAnalysisResult {
  readonly n: number;
  readonly nTreated: number;
  readonly nControl: number;
  /** Patients left out for a missing covariate or treatment, per column. */
  readonly dropped: readonly { readonly column: string; readonly count: number; readonly rows: readonly number[] }[];
  readonly model: Omit<PropensityResult, "ps" | "logitPs">;
  /** Model formula as R would write it. */
  readonly formula: string;
  /** Propensity scores in data-row order (null: not in the analysis). */
  readonly ps: (number | null)[];
  /** Treatment (1/0) in data-row order (null: not in the analysis). */
  readonly treatment: (0 | 1 | null)[];
  readonly overlap: OverlapResult;
  readonly balanceBefore: BalanceResult;
  /** `exact`: the columns matched on exactly (MatchIt `exact = ~ a + b`), [] when none. */
  readonly matching?: AdjustedBalance<MatchResult> & { readonly exact: readonly string[] };
  readonly weighting?: AdjustedBalance<PropensityWeightsResult> & { readonly ess: PropensityWeightsResult["ess"] };
  readonly warnings: string[];
}

function balanceCovariates(table: Table, names: readonly string[], rows: Int32Array): BalanceCovariate[] {
  return names.map((name) => {
    const col = findColumn(table, name)!;
    if (col.kind === "categorical") {
      const f = columnFactor(col, rows);
      return { name, kind: "categorical", levels: f.levels, codes: f.codes };
    }
    return { name, kind: "numeric", values: Float64Array.from(rows, (i) => col.values[i]) };
  });
}

function toDataOrder(nRows: number, rows: Int32Array, values: readonly number[]): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(nRows).fill(null);
  for (let k = 0; k < rows.length; k++) out[rows[k]] = values[k];
  return out;
}

/**
 * @example
 * const res = propensityAnalysis({ table, treatment, covariates: ["age", "size"] },
 *   { matching: { ratio: 1, caliper: 0.2, distance: "logit" }, weighting: { estimand: "ATE", stabilize: true } });
 * res.matching?.balance.after; // SMDs in the matched sample
 */
export function propensityAnalysis(input: PropensityAnalysisInput, options: PropensityAnalysisOptions = {}): PropensityAnalysisResult {
  const { table, treatment, covariates } = input;
  if (covariates.length === 0) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "the propensity model needs at least one covariate", hint: "list the covariates that decided who was treated" });
  }
  for (const name of covariates) {
    const col = findColumn(table, name);
    if (col === undefined) continue; // modelMatrix names it with suggestions
    const n = col.kind === "categorical" ? col.codes.length : col.values.length;
    let present = 0;
    for (let i = 0; i < n; i++) if (col.kind === "categorical" ? col.codes[i] >= 0 : !Number.isNaN(col.values[i])) present++;
    if (present === 0) {
      throw new SurvinferError({ code: "DATA_MISSING_COVARIATE", file: table.source.file, column: name, message: `covariate ${JSON.stringify(name)} is missing for every patient`, hint: "remove it from the propensity model" });
    }
  }
  const formula = `~ ${covariates.map(formatName).join(" + ")}`;
  const mm = modelMatrix(table, formula, { reference: input.reference, dropIntercept: true, dropUnusedLevels: true });
  // keep rows with a known treatment too
  const keep: number[] = [];
  const missingTreatment: number[] = [];
  for (let k = 0; k < mm.rows.length; k++) {
    if (treatment[mm.rows[k]] >= 0) keep.push(k);
    else missingTreatment.push(table.rowNumbers[mm.rows[k]]);
  }
  const rows = Int32Array.from(keep, (k) => mm.rows[k]);
  const p = mm.nCols;
  const x = new Float64Array(rows.length * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < keep.length; k++) x[j * rows.length + k] = mm.x[j * mm.nRows + keep[k]];
  const treat = Int32Array.from(rows, (i) => treatment[i]);
  const allIds = input.ids ?? Array.from({ length: table.nRows }, (_, i) => String(i + 1));
  const ids = Array.from(rows, (i) => allIds[i]);
  let nTreated = 0;
  for (let k = 0; k < treat.length; k++) nTreated += treat[k];
  if (nTreated === 0 || nTreated === treat.length) {
    throw new SurvinferError({ code: "DATA_ONE_GROUP", message: `after dropping patients with missing covariates, all ${treat.length} remaining patients are ${nTreated === 0 ? "untreated" : "treated"}`, hint: "check the treatment column and the covariates' missing values" });
  }

  const warnings: string[] = [...mm.warnings];
  const dropped = [...mm.dropped.map((d) => ({ column: d.column, count: d.count, rows: [...d.rows] }))];
  if (missingTreatment.length > 0) dropped.push({ column: "treatment", count: missingTreatment.length, rows: missingTreatment });
  if (missingTreatment.length > 0) warnings.push(`${missingTreatment.length} patient(s) left out of the propensity analysis for a missing treatment (rows ${missingTreatment.slice(0, 10).join(", ")}${missingTreatment.length > 10 ? ", ..." : ""})`);

  const fit = propensityScore({ treatment: treat, x, columnNames: mm.columnNames }, { method: options.model ?? "glm" });
  warnings.push(...fit.warnings);
  const { ps, logitPs: _logit, ...model } = fit;
  const psArray = Float64Array.from(ps);
  const overlap = overlapReport({ ps: psArray, treatment: treat, ids });
  warnings.push(...overlap.warnings);
  const balanceCovs = balanceCovariates(table, covariates, rows);
  const balanceBefore = balanceTable({ covariates: balanceCovs, treatment: treat }, { ...options.balance, estimand: options.weighting?.estimand ?? "ATT" });

  let matching: PropensityAnalysisResult["matching"];
  if (options.matching) {
    const { exact: exactNames = [], ...mopts } = options.matching;
    const exact = exactStrata(table, exactNames, rows) ?? undefined;
    const res = matchPropensity({ treat, distance: psArray, ids, exact }, mopts);
    warnings.push(...res.warnings);
    const balance = balanceTable({ covariates: balanceCovs, treatment: treat, weights: res.weights }, { ...options.balance, estimand: res.options.estimand });
    matching = { result: res, weights: toDataOrder(table.nRows, rows, res.weights), balance, exact: [...exactNames] };
  }
  let weighting: PropensityAnalysisResult["weighting"];
  if (options.weighting) {
    const res = propensityWeights({ ps: psArray, treatment: treat, ids }, options.weighting);
    warnings.push(...res.warnings);
    const balance = balanceTable({ covariates: balanceCovs, treatment: treat, weights: res.weights }, { ...options.balance, estimand: options.weighting.estimand });
    weighting = { result: res, weights: toDataOrder(table.nRows, rows, res.weights), balance, ess: res.ess };
  }
  return {
    n: rows.length,
    nTreated,
    nControl: rows.length - nTreated,
    dropped,
    model,
    formula: `treatment ${formula}`,
    ps: toDataOrder(table.nRows, rows, ps),
    treatment: toDataOrder(table.nRows, rows, Array.from(treat)) as (0 | 1 | null)[],
    overlap,
    balanceBefore,
    matching,
    weighting,
    warnings,
  };
}
