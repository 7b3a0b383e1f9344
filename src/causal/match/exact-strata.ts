/**
 * Exact-matching strata from table columns (MatchIt `exact = ~ a + b`): units match only within the
 * same combination of values of the named columns. Codes are numbered 0, 1, … in order of first
 * appearance among `rows`; a missing value is an error (MatchIt refuses missing exact variables too).
 */
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { findColumn } from "../../data/table.js";

/**
 * @param names columns to match on exactly (empty: no strata, returns null)
 * @param rows table rows of the units, in unit order
 * @example
 * ```ts
 * const strata = exactStrata(table, ["sex"], rows); // Int32Array: 0 for the first sex seen, 1 for the other
 * ```
 */
export function exactStrata(table: Table, names: readonly string[], rows: ArrayLike<number>): Int32Array | null {
  if (names.length === 0) return null;
  const cols = names.map((name) => {
    const col = findColumn(table, name);
    if (col === undefined) {
      throw new SurvinferError({ code: "DATA_UNKNOWN_COLUMN", file: table.source.file, column: name, message: `exact-matching column ${JSON.stringify(name)} is not in the data`, hint: "check the spelling under matching.exact" });
    }
    return col;
  });
  const keyOf = new Map<string, number>();
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const parts: string[] = [];
    for (const col of cols) {
      const missing = col.kind === "categorical" ? col.codes[i] < 0 : Number.isNaN(col.values[i]);
      if (missing) {
        throw new SurvinferError({
          code: "DATA_MISSING_COVARIATE",
          file: table.source.file,
          row: table.rowNumbers[i],
          column: col.name,
          message: "an exact-matching variable is missing for a patient of the analysis",
          hint: "fill in the value, or add the column to the propensity covariates so that such patients are left out as incomplete cases",
        });
      }
      parts.push(col.kind === "categorical" ? `c${col.codes[i]}` : `v${col.values[i]}`);
    }
    const key = parts.join("\u0000");
    let code = keyOf.get(key);
    if (code === undefined) {
      code = keyOf.size;
      keyOf.set(key, code);
    }
    out[k] = code;
  }
  return out;
}
