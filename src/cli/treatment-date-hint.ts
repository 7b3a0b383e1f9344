/**
 * When a command compares a yes/no treatment without `--treatment-date`, but the data hold a date
 * column that looks like the date of that treatment, say how to declare it: the comparison by
 * treatment received from the origin is biased when treatment happens later (immortal time).
 *
 * Conservative on purpose (a false alarm on a birth or diagnosis date would teach users to ignore it).
 * A date column D is taken for the treatment's date when:
 * - by its values: D is filled for at least 2 patients and at least half of one treatment group, and
 *   empty for every patient of the other group (dates present only in treated rows); or
 * - by its name: D's name contains the treatment column's name (≥ 3 letters, ignoring case and
 *   punctuation, e.g. "operated" in "date_operated") and ≥ 80% of its dates are in one group;
 * and, in both cases, D is on or after every other date column that is filled for all of D's rows
 * (an origin such as the date of diagnosis), when there is such a column: a date before the origin
 * is not a treatment after it.
 */
import type { Factor } from "../data/factor.js";
import type { DateColumn, Table } from "../data/table.js";

function letters(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9äöüß]/g, "");
}

/** After every other date column complete on D's rows (vacuously true without one). */
function afterOrigins(table: Table, d: DateColumn): boolean {
  for (const c of table.columns) {
    if (c.kind !== "date" || c === d) continue;
    let complete = true;
    let after = true;
    for (let i = 0; i < table.nRows; i++) {
      if (Number.isNaN(d.values[i])) continue;
      if (Number.isNaN(c.values[i])) {
        complete = false;
        break;
      }
      if (d.values[i] < c.values[i]) after = false;
    }
    if (complete && !after) return false;
  }
  return true;
}

/**
 * The warning for a two-level treatment `factor` (codes per table row) of column `column`, or
 * undefined when no date column looks like its date. `option` is how the command names the treatment.
 */
export function treatmentDateHint(table: Table, column: string, factor: Factor): string | undefined {
  if (factor.levels.length !== 2) return undefined;
  const size = [0, 0];
  for (let i = 0; i < table.nRows; i++) if (factor.codes[i] >= 0) size[factor.codes[i]]++;
  const name = letters(column);
  for (const c of table.columns) {
    if (c.kind !== "date" || c.name === column) continue;
    const filled = [0, 0];
    for (let i = 0; i < table.nRows; i++) {
      const g = factor.codes[i];
      if (g >= 0 && !Number.isNaN(c.values[i])) filled[g]++;
    }
    const total = filled[0] + filled[1];
    if (total < 2) continue;
    const g = filled[1] >= filled[0] ? 1 : 0;
    const byValues = filled[1 - g] === 0 && filled[g] >= size[g] / 2;
    const byName = name.length >= 3 && letters(c.name).includes(name) && filled[g] >= 0.8 * total;
    if (!(byValues || byName) || !afterOrigins(table, c)) continue;
    return (
      `column "${c.name}" holds dates ${filled[1 - g] === 0 ? "only" : "mostly"} for patients with ${column} = ${factor.levels[g]} (${filled[g]} of ${size[g]}), as a treatment date would: ` +
      `if it is the date of that treatment, declare it with --treatment-date ${c.name} (with --origin COL --time-unit UNIT), ` +
      `since comparing groups by treatment received from the origin is biased when treatment happens later (immortal time)`
    );
  }
  return undefined;
}

/** One column of the file's first rows, as the hint's sample: whether each cell is filled (not missing). */
export interface SampleColumn {
  readonly name: string;
  /** Per sample row (the table's first rows, in order): 1 when the cell holds a value. */
  readonly filled: Uint8Array;
}

/**
 * The columns of `sample` that could still be taken for the date of one of the two-level
 * `treatments` (factor codes per table row, whose first rows are the sample's rows), so that only
 * then are the date columns read (issue 18). A column filled for patients of both groups within the
 * sample is filled for both in the whole file, so it is never a date present only in one group, and
 * `treatmentDateHint` could take it only by its name; every other column stays a candidate
 * (conservative: a column empty in the sample may fill later).
 */
export function possibleTreatmentDates(sample: readonly SampleColumn[], treatments: readonly { readonly column: string; readonly factor: Factor }[]): string[] {
  const out: string[] = [];
  for (const c of sample) {
    const possible = treatments.some(({ column, factor }) => {
      if (factor.levels.length !== 2 || c.name === column) return false;
      const name = letters(column);
      if (name.length >= 3 && letters(c.name).includes(name)) return true;
      const seen = [false, false];
      const n = Math.min(c.filled.length, factor.codes.length);
      for (let i = 0; i < n; i++) if (c.filled[i] === 1 && factor.codes[i] >= 0) seen[factor.codes[i]] = true;
      return !(seen[0] && seen[1]);
    });
    if (possible) out.push(c.name);
  }
  return out;
}
