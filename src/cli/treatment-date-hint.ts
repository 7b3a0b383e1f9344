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
