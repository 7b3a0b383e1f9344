/**
 * A column as a factor (R's factor()): categorical columns keep their levels (already in R's order),
 * numeric and date columns become the distinct values sorted numerically (a date's level is its ISO date,
 * as R prints a Date factor's levels, not its day number). Codes −1 are missing.
 */
import type { Column } from "./table.js";
import { formatIsoDate } from "./dates.js";

export interface Factor {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** The factor of `col` on the table rows `rows` (all rows when omitted). */
export function columnFactor(col: Column, rows?: Int32Array): Factor {
  const n = rows ? rows.length : col.kind === "categorical" ? col.codes.length : col.values.length;
  const at = (k: number): number => (rows ? rows[k] : k);
  const codes = new Int32Array(n);
  if (col.kind === "categorical") {
    for (let k = 0; k < n; k++) codes[k] = col.codes[at(k)];
    return { codes, levels: col.levels };
  }
  const distinct = new Set<number>();
  for (let k = 0; k < n; k++) {
    const v = col.values[at(k)];
    if (!Number.isNaN(v)) distinct.add(v);
  }
  const sorted = [...distinct].sort((x, y) => x - y);
  const index = new Map(sorted.map((v, j) => [v, j]));
  for (let k = 0; k < n; k++) {
    const v = col.values[at(k)];
    codes[k] = Number.isNaN(v) ? -1 : (index.get(v) ?? -1);
  }
  return { codes, levels: sorted.map((v) => (col.kind === "date" ? formatIsoDate(v) : String(v))) };
}
