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
  const sorted = (rows === undefined ? fewDistinct(col.values) : undefined) ?? distinctSorted(col.values, n, at);
  if (sorted.length === 2 && rows === undefined) {
    // two levels (a yes/no treatment of 10⁶ rows): two comparisons per row
    const [a, b] = sorted;
    const values = col.values;
    for (let k = 0; k < n; k++) {
      const v = values[k];
      codes[k] = v === a ? 0 : v === b ? 1 : -1;
    }
  } else if (sorted.length <= FEW) {
    // few levels: a linear search instead of a hash per row
    for (let k = 0; k < n; k++) {
      const v = col.values[at(k)];
      let code = -1;
      for (let j = 0; j < sorted.length; j++) {
        if (sorted[j] === v) {
          code = j;
          break;
        }
      }
      codes[k] = code;
    }
  } else {
    const index = new Map(sorted.map((v, j) => [v, j]));
    for (let k = 0; k < n; k++) {
      const v = col.values[at(k)];
      codes[k] = Number.isNaN(v) ? -1 : (index.get(v) ?? -1);
    }
  }
  return { codes, levels: sorted.map((v) => (col.kind === "date" ? formatIsoDate(v) : String(v))) };
}

/** Up to this many distinct values are looked up linearly. */
const FEW = 8;

/** The distinct values (not NaN; −0 as 0, as a Set keeps it), sorted. */
function distinctSorted(values: Float64Array, n: number, at: (k: number) => number): number[] {
  const distinct = new Set<number>();
  for (let k = 0; k < n; k++) {
    const v = values[at(k)];
    if (!Number.isNaN(v)) distinct.add(v);
  }
  return [...distinct].sort((x, y) => x - y);
}

/** `distinctSorted` of all values when there are at most FEW of them, else undefined (one pass, no hashing). */
function fewDistinct(values: Float64Array): number[] | undefined {
  const seen: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== v) continue;
    let j = 0;
    while (j < seen.length && seen[j] !== v) j++;
    if (j === seen.length) {
      if (seen.length === FEW) return undefined;
      seen.push(v + 0); // −0 + 0 = +0
    }
  }
  return seen.sort((x, y) => x - y);
}
