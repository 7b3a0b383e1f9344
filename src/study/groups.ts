/** Grouping factors named in a spec (`by: treatment` or a column), restricted to an endpoint's rows. */
import { SurvinferError } from "../errors.js";
import { findColumn } from "../data/table.js";
import type { PreparedStudy } from "./prepare.js";
import { columnFactor, type Factor } from "../data/factor.js";

export type GroupFactor = Factor;

/** The factor for `by` on table rows `rows`; codes −1 are missing. */
export function groupFactor(study: PreparedStudy, by: string, rows: Int32Array): GroupFactor {
  const codes = new Int32Array(rows.length);
  if (by === "treatment") {
    const t = study.treatment;
    if (t === undefined) throw new SurvinferError({ code: "SPEC_INVALID", message: '"by: treatment" needs a treatment section in the spec' });
    for (let k = 0; k < rows.length; k++) codes[k] = t.codes[rows[k]];
    return { codes, levels: t.levels };
  }
  const col = findColumn(study.table, by);
  if (col === undefined) throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", message: `no column ${JSON.stringify(by)}` });
  return columnFactor(col, rows);
}
