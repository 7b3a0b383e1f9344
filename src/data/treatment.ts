/**
 * A treatment column as a 0/1 indicator. The treated value is given, or taken as R's glm would model
 * it: 1 for a 0/1 numeric column, the second level of a two-level text column. Everything else
 * that is not missing counts as untreated; an empty cell is missing unless `empty: "untreated"` is
 * declared. A column where one group is empty is returned as is (with its counts): callers say what
 * that means for their analysis.
 *
 * A treatment can also be recorded only as its date (operation date, empty for the never operated):
 * `treatmentFromDate` — treated = a date is present. An optional yes/no column is then a check: a
 * patient marked treated without a date, or with a date but marked untreated, stops with the row,
 * both columns and both values.
 */
import { SurvinferError } from "../errors.js";
import { formatIsoDate } from "./dates.js";
import type { CategoricalColumn, Table } from "./table.js";
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

/** What an empty cell of a yes/no treatment column means: missing (left out, R's NA) or untreated. */
export type EmptyTreatment = "missing" | "untreated";

export function treatmentIndicator(table: Table, column: string, treatedValue?: string | number | boolean, empty: EmptyTreatment = "missing"): TreatmentIndicator {
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
    if (v === "" && empty === "missing") codes[i] = -1;
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

/** The yes/no column that checks a treatment given by its date. */
export interface TreatmentCheck {
  readonly column: string;
  readonly treated: string | number | boolean;
  readonly empty?: EmptyTreatment;
}

/** Labels of the treatment derived from a date: untreated first, as R's factor(..., c("no", "yes")). */
export const DATE_TREATMENT_LEVELS = ["no", "yes"] as const;

/**
 * Treated = the date column has a date (from that date on); empty = never treated. `column` names
 * the derived indicator (it is not a column of the file). With `check`, every patient's yes/no value
 * must agree with the date (an empty check cell that means missing agrees with anything).
 */
export function treatmentFromDate(table: Table, dateColumn: string, column: string, check?: TreatmentCheck): TreatmentIndicator {
  const dates = requireColumn(table, dateColumn, "treatment date");
  const file = table.source.file;
  if (dates.kind !== "date") {
    const i = dates.kind === "categorical" ? dates.codes.findIndex((c) => c >= 0) : dates.values.findIndex((v) => !Number.isNaN(v));
    if (i >= 0) {
      throw new SurvinferError({
        code: "DATA_INVALID_DATE",
        message: "is not a date (treatment date; empty = never treated)",
        file,
        row: table.rowNumbers[i],
        column: dateColumn,
        value: cellLabel(dates, i),
        hint: 'Correct the value or leave the cell empty for a patient never treated; Excel day numbers need dateFormat: "excel-serial"',
      });
    }
  }
  const checked = check === undefined ? undefined : treatmentIndicator(table, check.column, check.treated, check.empty ?? "missing");
  const codes = new Int32Array(table.nRows);
  let nTreated = 0;
  for (let i = 0; i < table.nRows; i++) {
    const d = dates.kind === "categorical" ? Number.NaN : dates.values[i];
    const has = !Number.isNaN(d);
    codes[i] = has ? 1 : 0;
    if (has) nTreated++;
    if (checked === undefined || checked.codes[i] === -1 || checked.codes[i] === codes[i]) continue;
    const checkCol = requireColumn(table, check!.column, "treatment check");
    const label = cellLabel(checkCol, i);
    const shown = dates.kind === "date" && has ? formatIsoDate(d) : "";
    throw new SurvinferError({
      code: "DATA_TREATMENT_MISMATCH",
      message: has
        ? `${check!.column} = ${JSON.stringify(label)} says untreated, but ${dateColumn} has the treatment date ${shown}`
        : `${check!.column} = ${JSON.stringify(label)} says treated, but ${dateColumn} (the treatment date) is empty`,
      file,
      row: table.rowNumbers[i],
      column: check!.column,
      value: label,
      hint: has
        ? `Correct ${check!.column} or ${dateColumn} in this row`
        : `Enter the date of treatment in ${dateColumn}, or correct ${check!.column}; a treatment without its date cannot be placed in time`,
    });
  }
  return { column, values: [...DATE_TREATMENT_LEVELS], levels: [...DATE_TREATMENT_LEVELS], codes, nTreated, nUntreated: table.nRows - nTreated };
}

/** A categorical column holding an indicator's codes (−1 missing), for the table the analyses read. */
export function indicatorColumn(ind: TreatmentIndicator): CategoricalColumn {
  return { kind: "categorical", name: ind.column, levels: [...ind.levels], codes: Int32Array.from(ind.codes) };
}
