/**
 * A treatment column as a 0/1 indicator. The treated value is given, or taken as R's glm would model
 * it: 1 for a 0/1 numeric column, the second level of a two-level text column. Everything else
 * that is not missing counts as untreated. A column where one group is empty is returned as is (with
 * its counts): callers say what that means for their analysis.
 */
import { SurvinferError } from "../errors.js";
import type { Table } from "./table.js";
import { cellLabel, requireColumn } from "./validate.js";

export interface TreatmentIndicator {
  readonly column: string;
  /** Every non-missing value seen, in data order. */
  readonly values: readonly string[];
  /** [untreated label, treated label]. */
  readonly levels: readonly [string, string];
  /** Per table row: 1 treated, 0 untreated, −1 missing. */
  readonly codes: Int32Array;
  readonly nTreated: number;
  readonly nUntreated: number;
}

export function treatmentIndicator(table: Table, column: string, treatedValue?: string | number | boolean): TreatmentIndicator {
  const col = requireColumn(table, column, "treatment");
  const seen: string[] = [];
  for (let i = 0; i < table.nRows; i++) {
    const v = cellLabel(col, i);
    if (v !== "" && !seen.includes(v)) seen.push(v);
  }
  let treated: string;
  if (treatedValue !== undefined) treated = String(treatedValue);
  else if (col.kind === "numeric" && seen.every((v) => v === "0" || v === "1")) treated = "1";
  else if (col.kind === "categorical" && col.levels.length === 2) treated = col.levels[1];
  else {
    throw new SurvinferError({
      code: "DATA_TREATMENT_VALUE",
      file: table.source.file,
      column,
      message: `cannot tell which value of the treatment column means "treated" (values: ${seen.slice(0, 6).map((s) => JSON.stringify(s)).join(", ")})`,
      hint: "name it (--treated-value in the CLI, treatment.treated in a spec)",
    });
  }
  const codes = new Int32Array(table.nRows);
  let nTreated = 0;
  let nUntreated = 0;
  for (let i = 0; i < table.nRows; i++) {
    const v = cellLabel(col, i);
    if (v === "") codes[i] = -1;
    else if (v === treated) {
      codes[i] = 1;
      nTreated++;
    } else {
      codes[i] = 0;
      nUntreated++;
    }
  }
  const others = seen.filter((s) => s !== treated);
  return { column, values: seen, levels: [others.length === 1 ? others[0] : `not ${treated}`, treated], codes, nTreated, nUntreated };
}
