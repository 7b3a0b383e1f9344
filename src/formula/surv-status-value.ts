/**
 * Surv()'s status rule (src/formula/surv-status.ts) applied to an evaluated formula expression:
 * a number column, a logical expression (`status == 2`), or a text column of TRUE/FALSE spellings
 * (read as logical, as R's read.csv does). Any other text column stops with a hint to compare it.
 */
import { SurvinferError } from "../errors.js";
import type { Table } from "../data/table.js";
import { deparse, type Expr } from "./expr.js";
import { Evaluator, type Value } from "./evaluate.js";
import { parseFormula } from "./parse.js";
import { decodeStatus, isLogicalLevels, logicalLevelValues, type DecodedStatus, type StatusCoding } from "./surv-status.js";

/** Decodes the status argument of `Surv()`; errors name the file, row, column and value. */
export function survStatusValue(v: Value, expr: Expr, table: Table, formula: string): DecodedStatus {
  const label = deparse(expr);
  const source = { label, file: table.source.file, column: expr.kind === "name" ? expr.name : undefined, rowNumbers: table.rowNumbers, formula };
  if (v.type === "factor") {
    if (isLogicalLevels(v.levels)) {
      const map = logicalLevelValues(v.levels);
      return decodeStatus(Float64Array.from(v.codes, (c) => (c < 0 ? Number.NaN : map[c])), source, true);
    }
    throw new SurvinferError({
      code: "DATA_INVALID_STATUS",
      message: `the status ${label} is a text column with levels ${v.levels.map((l) => JSON.stringify(l)).join(", ")}`,
      file: table.source.file,
      column: source.column,
      value: formula,
      hint: `Compare it with the event level, e.g. Surv(time, ${label} == ${JSON.stringify(v.levels[v.levels.length - 1] ?? "dead")})`,
    });
  }
  if (v.type === "numeric" || v.type === "logical") return decodeStatus(v.values, source, v.type === "logical");
  throw new SurvinferError({
    code: "FORMULA_INVALID",
    message: `the Surv() status ${label} is a ${v.type === "scalar" ? "constant" : v.type}, not a column: Surv() needs one status per row (R stops too: "Time and status are different lengths")`,
    value: formula,
    hint: label === "T" || label === "TRUE" || label === "F" || label === "FALSE" ? "T and F name a column when the data has one; TRUE and FALSE are R's constants (write `TRUE` in backquotes for a column of that name)" : undefined,
  });
}

/**
 * How the `Surv()` status of `formula` is coded over `table` ("0/1", "1/2" or "TRUE/FALSE"), or
 * null when the formula has no status (`Surv(time)`, all events). Same rule as the model matrix.
 */
export function formulaStatusCoding(table: Table, formula: string): StatusCoding | null {
  const f = parseFormula(formula);
  if (f.response?.kind !== "Surv" || f.response.status === undefined) return null;
  const expr = f.response.status;
  return survStatusValue(new Evaluator(table, f.text).evaluate(expr), expr, table, f.text).coding;
}
