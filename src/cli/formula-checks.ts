/**
 * Checks the formula commands (cox, predict) make around the engine: a Cox model needs a covariate,
 * "no rows left" says which columns dropped the rows (the same DATA_NO_ROWS as every other
 * command), and the status coding of Surv() is reported (Surv()'s rule, src/formula/surv-status.ts).
 */
import { isSurvinferError, SurvinferError } from "../errors.js";
import type { Table } from "../data/table.js";
import { modelMatrix } from "../formula/model-matrix.js";
import { parseFormula } from "../formula/parse.js";
import { formulaStatusCoding } from "../formula/surv-status-value.js";
import type { StatusCoding } from "../formula/surv-status.js";
import { noRowsError } from "./data-args.js";

/**
 * Refuses a Cox formula without covariates (`Surv(time, status) ~ 1`). R's coxph fits the null model
 * there (a log-likelihood and nothing else); survinfer says what to use instead.
 */
export function requireCovariates(formula: string, command: string): void {
  const f = parseFormula(formula);
  if (f.terms.length > 0) return;
  throw new SurvinferError({
    code: "FORMULA_NO_COVARIATES",
    message: `${command}: the formula ${JSON.stringify(formula)} has no covariate; a Cox model needs at least one`,
    value: formula,
    hint: "for survival curves use `survinfer km`, to compare groups `survinfer logrank`; or add covariates after ~",
  });
}

/**
 * Runs `fit`; when the engine finds no rows to fit, stops instead with DATA_NO_ROWS naming the
 * columns whose missing values dropped every row (as the model frame's na.omit counted them).
 */
export function withRowsExplained<T>(table: Table, formula: string, reference: Readonly<Record<string, string>>, fit: () => T): T {
  try {
    return fit();
  } catch (e) {
    if (!isSurvinferError(e) || !["DATA_EMPTY", "DATA_NO_ROWS", "COX_NO_EVENTS"].includes(e.code)) throw e;
    const mm = modelMatrix(table, formula, { reference, dropIntercept: true, timeTransform: true, penalized: true });
    if (mm.nRows > 0) throw e;
    throw noRowsError(table.source.file, table.nRows, mm.dropped);
  }
}

/** The status coding of the formula's Surv() over the table; "0/1" for `Surv(time)` (all events). */
export function statusCodingOf(table: Table, formula: string): StatusCoding {
  return formulaStatusCoding(table, formula) ?? "0/1";
}
