/**
 * The data options every data command shares (`--id`, `--sheet`, `--delimiter`, `--decimal`,
 * `--date-format`, `--missing`, `--reference COL=LEVEL`) and the step from a read Table to the
 * typed arrays the engines take: survival time, event indicator (with `--event-value`) and a
 * grouping factor. Rows with a missing value in a used column are dropped and counted (R's
 * na.omit, but said aloud); impossible values stop with the file, row, column and value.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { SurvinferError } from "../errors.js";
import { readTableFile } from "../data/read-file.js";
import type { ReadResult } from "../data/read.js";
import { DATE_FORMATS, type DateFormat } from "../data/dates.js";
import type { Column, Table } from "../data/table.js";
import { requireColumn, cellLabel } from "../data/validate.js";
import { columnFactor, type Factor } from "../data/factor.js";
import { collect, parseChoice, parseReferences } from "./options.js";
import type { CliIO } from "./io.js";

export interface DataOptions {
  id?: string;
  sheet?: string;
  delimiter?: string;
  decimal?: string;
  dateFormat?: string;
  missing?: string;
  reference?: string[];
}

export function addDataOptions(cmd: Command): Command {
  return cmd
    .option("--id <col>", "patient id column (default: data row number)")
    .option("--sheet <name>", "XLSX sheet (default: the first)")
    .option("--delimiter <char>", "CSV delimiter: , ; tab | (default: sniffed)")
    .option("--decimal <mark>", 'decimal mark of the file: "." or ","')
    .option("--date-format <fmt>", `date format of text dates: ${DATE_FORMATS.join(", ")}`)
    .option("--missing <tokens>", 'comma-separated missing-value tokens (default: "",NA,N/A,.,-)')
    .option("--reference <COL=LEVEL>", "reference level of a categorical column (repeatable)", collect, []);
}

/** Reads the data file named on the command line (relative to the working directory). */
export function loadData(file: string, opts: DataOptions, io: CliIO): ReadResult {
  const references = parseReferences(opts.reference);
  const columns: Record<string, { reference: string }> = {};
  for (const [col, level] of Object.entries(references)) columns[col] = { reference: level };
  const delimiter = opts.delimiter === undefined ? undefined : opts.delimiter === "tab" ? "\t" : opts.delimiter;
  return readTableFile(resolve(io.cwd, file), {
    fileName: file,
    sheet: opts.sheet,
    delimiter: delimiter === undefined ? undefined : parseChoice("--delimiter", delimiter, [",", ";", "\t", "|"] as const),
    decimal: opts.decimal === undefined ? undefined : parseChoice("--decimal", opts.decimal, [".", ","] as const),
    dateFormat: opts.dateFormat === undefined ? undefined : parseChoice<DateFormat>("--date-format", opts.dateFormat, DATE_FORMATS),
    missing: opts.missing === undefined ? undefined : opts.missing.split(","),
    idColumn: opts.id,
    columns,
  });
}

/** Patient identifiers per row: the id column's text, else the data row number (1-based). */
export function rowIds(table: Table, idColumn: string | undefined): string[] {
  if (idColumn === undefined) return Array.from({ length: table.nRows }, (_, i) => String(i + 1));
  const col = requireColumn(table, idColumn, "--id");
  return Array.from({ length: table.nRows }, (_, i) => cellLabel(col, i));
}

function cellError(table: Table, col: Column, i: number, code: string, message: string, hint: string): SurvinferError {
  return new SurvinferError({ code, message, file: table.source.file, row: table.rowNumbers[i], column: col.name, value: cellLabel(col, i), hint });
}

/** Tracks which rows are usable and why others were dropped. */
export class RowFilter {
  readonly keep: Uint8Array;
  private readonly dropped = new Map<string, number>();

  constructor(readonly table: Table) {
    this.keep = new Uint8Array(table.nRows).fill(1);
  }

  drop(i: number, column: string): void {
    if (this.keep[i] === 0) return;
    this.keep[i] = 0;
    this.dropped.set(column, (this.dropped.get(column) ?? 0) + 1);
  }

  rows(): Int32Array {
    const out: number[] = [];
    for (let i = 0; i < this.keep.length; i++) if (this.keep[i] === 1) out.push(i);
    return Int32Array.from(out);
  }

  /** e.g. ["3 rows dropped for a missing value: 2 in time, 1 in status"] */
  warnings(): string[] {
    const total = [...this.dropped.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return [];
    const parts = [...this.dropped].map(([c, k]) => `${k} in ${c}`).join(", ");
    return [`${total} ${total === 1 ? "row" : "rows"} dropped for a missing value: ${parts}`];
  }
}

/** Survival times: a numeric column, ≥ 0 (negative times stop with the row named). */
export function timeValues(table: Table, name: string, filter: RowFilter, role = "--time"): Float64Array {
  const col = requireColumn(table, name, role);
  if (col.kind !== "numeric") {
    throw new SurvinferError({
      code: "DATA_NOT_NUMERIC",
      message: `column "${name}" (${role}) must hold numeric times but was read as ${col.kind}`,
      file: table.source.file,
      column: name,
      hint: col.kind === "date" ? "derive times from dates with a study spec (endpoints: origin, event, censor)" : "check the column for text values",
    });
  }
  for (let i = 0; i < table.nRows; i++) {
    const t = col.values[i];
    if (Number.isNaN(t)) filter.drop(i, name);
    else if (t < 0) throw cellError(table, col, i, "DATA_NEGATIVE_TIME", "survival time is negative", "check the dates or times of this patient");
  }
  return col.values;
}

/**
 * Event indicator 1/0. With `eventValue`, a row is an event when its value equals it (as text or
 * number). Without it, as R's Surv(): numeric 0/1 (or FALSE/TRUE), or 1/2 with 2 = event.
 */
export function eventValues(table: Table, name: string, eventValue: string | undefined, filter: RowFilter): Int32Array {
  const col = requireColumn(table, name, "--event");
  const status = new Int32Array(table.nRows);
  if (col.kind === "date") {
    throw new SurvinferError({ code: "DATA_BAD_STATUS", message: `column "${name}" holds dates, not an event status`, file: table.source.file, column: name, hint: "use a study spec to derive the event from dates" });
  }
  if (col.kind === "categorical") {
    const eventLevel = eventValue ?? (col.levels.length === 2 && ["TRUE", "true"].includes(col.levels[1]) ? col.levels[1] : undefined);
    if (eventLevel === undefined) {
      throw new SurvinferError({
        code: "DATA_BAD_STATUS",
        message: `column "${name}" is text with levels ${col.levels.map((l) => JSON.stringify(l)).join(", ")}`,
        file: table.source.file,
        column: name,
        hint: "say which value means an event with --event-value",
      });
    }
    const k = col.levels.indexOf(eventLevel);
    if (k < 0) {
      throw new SurvinferError({ code: "DATA_BAD_STATUS", message: `--event-value ${JSON.stringify(eventLevel)} is not a value of column "${name}"`, file: table.source.file, column: name, hint: `its values are ${col.levels.map((l) => JSON.stringify(l)).join(", ")}` });
    }
    for (let i = 0; i < table.nRows; i++) {
      if (col.codes[i] < 0) filter.drop(i, name);
      else status[i] = col.codes[i] === k ? 1 : 0;
    }
    return status;
  }
  const v = col.values;
  if (eventValue !== undefined) {
    const e = Number(eventValue);
    for (let i = 0; i < table.nRows; i++) {
      if (Number.isNaN(v[i])) filter.drop(i, name);
      else status[i] = v[i] === e ? 1 : 0;
    }
    return status;
  }
  let allOneTwo = true;
  for (let i = 0; i < table.nRows; i++) {
    if (Number.isNaN(v[i])) continue;
    if (v[i] !== 1 && v[i] !== 2) allOneTwo = false;
  }
  for (let i = 0; i < table.nRows; i++) {
    const x = v[i];
    if (Number.isNaN(x)) {
      filter.drop(i, name);
      continue;
    }
    if (allOneTwo) status[i] = x === 2 ? 1 : 0;
    else if (x === 0 || x === 1) status[i] = x;
    else throw cellError(table, col, i, "DATA_BAD_STATUS", "event status must be 0/1 (or 1/2 with 2 = event)", "give the event code with --event-value");
  }
  return status;
}

export type GroupFactor = Factor;

/** A grouping factor: categorical levels as read, numeric values as factor() levels sorted numerically. */
export function groupValues(table: Table, name: string, filter: RowFilter, role = "--by"): GroupFactor {
  const f = columnFactor(requireColumn(table, name, role));
  for (let i = 0; i < table.nRows; i++) if (f.codes[i] < 0) filter.drop(i, name);
  return f;
}

/** Case weights: numeric, finite and ≥ 0. */
export function weightValues(table: Table, name: string, filter: RowFilter): Float64Array {
  const col = requireColumn(table, name, "--weights");
  if (col.kind !== "numeric") {
    throw new SurvinferError({ code: "DATA_NOT_NUMERIC", message: `weights column "${name}" must be numeric`, file: table.source.file, column: name });
  }
  for (let i = 0; i < table.nRows; i++) {
    const w = col.values[i];
    if (Number.isNaN(w)) filter.drop(i, name);
    else if (!(w >= 0) || !Number.isFinite(w)) throw cellError(table, col, i, "DATA_BAD_WEIGHT", "case weights must be finite and not negative", "fix or remove this weight");
  }
  return col.values;
}

/** Subsets typed arrays to the kept rows. */
export function pick<T extends Float64Array | Int32Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

export function pickFactor(f: GroupFactor, rows: Int32Array): GroupFactor {
  return { codes: pick(f.codes, rows), levels: f.levels };
}

