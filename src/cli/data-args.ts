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
import { readTableFileAsync } from "../data/read-file-async.js";
import type { ReadOptions, ReadResult } from "../data/read-columnar.js";
import { DATE_FORMATS, type DateFormat } from "../data/dates.js";
import type { Column, Table } from "../data/table.js";
import { requireColumn, cellLabel } from "../data/validate.js";
import { columnFactor, type Factor } from "../data/factor.js";
import { decodeStatus, isLogicalLevels, logicalLevelValues, type StatusCoding } from "../formula/surv-status.js";
import { formatRNumber } from "../formula/format-number.js";
import { optionError } from "../errors.js";
import { collect, parseChoice, parseDecimalText, parseReferences } from "./options.js";
import type { CliIO } from "./io.js";

export interface DataOptions {
  id?: string;
  sheet?: string;
  delimiter?: string;
  decimal?: string;
  encoding?: string;
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
    .option("--encoding <name>", "text encoding of a CSV/TSV file: utf-8 or windows-1252 (default: UTF-8, else Windows-1252 with a warning)")
    .option("--date-format <fmt>", `date format of text dates: ${DATE_FORMATS.join(", ")}`)
    .option("--missing <tokens>", 'comma-separated missing-value tokens (default: "",NA,N/A,.,-)')
    .option("--reference <COL=LEVEL>", "reference level of a categorical column (repeatable)", collect, []);
}

/**
 * The columns a command uses (column projection, issue 18): only these are typed and kept, plus the
 * id column and the `--reference` columns. (The treatment-date hint reads the date columns it needs
 * itself: hint-dates.ts.)
 */
export interface ColumnProjection {
  readonly columns: readonly (string | undefined)[];
}

/**
 * Reads the data file named on the command line (relative to the working directory), only the
 * columns of `projection` when given, loading the text and workbook readers only when the file needs
 * them (read-file-async.ts). When a projected name is not a column of the file, the file is read
 * again whole, so that the command's own check names the column with the nearest names of every
 * column, as without projection.
 */
export async function loadData(file: string, opts: DataOptions, io: CliIO, projection?: ColumnProjection): Promise<ReadResult> {
  const options = readOptions(file, opts);
  const path = resolve(io.cwd, file);
  if (projection === undefined) return readTableFileAsync(path, options);
  const named = projection.columns.filter((c): c is string => c !== undefined);
  const columnsToRead = [...named, ...Object.keys(options.columns ?? {})];
  const read = await readTableFileAsync(path, { ...options, columnsToRead });
  if (named.every((c) => read.columnNames.includes(c))) return read;
  return readTableFileAsync(path, options);
}

/**
 * The column names in a formula or a covariate list, for `ColumnProjection`: backquoted names, and
 * names (R's syntax) that are not called as functions. Words that are not columns (`T`, `.`) make
 * `loadData` read every column, which is always right.
 *
 * @example
 * namesIn("Surv(time, status) ~ age + factor(sex) + `size (mm)`"); // ["time", "status", "age", "sex", "size (mm)"]
 */
export function namesIn(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/`([^`]+)`|(?<![\w.])([A-Za-z.][\w.]*)(?![\w.])(?!\s*\()/g)) {
    const name = m[1] ?? m[2];
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The reading options of the data options given on the command line. */
export function readOptions(file: string, opts: DataOptions): ReadOptions {
  const references = parseReferences(opts.reference);
  const columns: Record<string, { reference: string }> = {};
  for (const [col, level] of Object.entries(references)) columns[col] = { reference: level };
  const delimiter = opts.delimiter === undefined ? undefined : opts.delimiter === "tab" ? "\t" : opts.delimiter;
  return {
    fileName: file,
    sheet: opts.sheet,
    delimiter: delimiter === undefined ? undefined : parseChoice("--delimiter", delimiter, [",", ";", "\t", "|"] as const),
    decimal: opts.decimal === undefined ? undefined : parseChoice("--decimal", opts.decimal, [".", ","] as const),
    ...(opts.encoding !== undefined ? { encoding: parseChoice("--encoding", opts.encoding.toLowerCase(), ["utf-8", "windows-1252"] as const) } : {}),
    dateFormat: opts.dateFormat === undefined ? undefined : parseChoice<DateFormat>("--date-format", opts.dateFormat, DATE_FORMATS),
    missing: opts.missing === undefined ? undefined : opts.missing.split(","),
    idColumn: opts.id,
    columns,
  };
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

/**
 * The one "nothing left to analyse" error of every command: no data rows at all, or every row
 * dropped for a missing value, with the count per column (a row missing two values counts twice).
 */
export function noRowsError(file: string | undefined, nRows: number, dropped: readonly { readonly column: string; readonly count: number }[]): SurvinferError {
  if (nRows === 0) {
    return new SurvinferError({ code: "DATA_NO_ROWS", file, message: "has no data rows: nothing to analyse", hint: "Give a file with a header row and one row per patient" });
  }
  const parts = dropped.filter((d) => d.count > 0).map((d) => `${d.count} in column "${d.column}"`);
  return new SurvinferError({
    code: "DATA_NO_ROWS",
    file,
    message: `no rows left to analyse: all ${nRows} ${nRows === 1 ? "row was" : "rows were"} dropped for a missing value (${parts.join(", ")})`,
    hint: "Check those columns for empty cells or missing-value tokens (see --missing), or choose other columns",
  });
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

  /** Whether every row is kept (then `rows()` would be 0..n−1). */
  keptAll(): boolean {
    return this.dropped.size === 0;
  }

  /** The kept rows; stops with `DATA_NO_ROWS` (saying which columns dropped them) when none is left. */
  rows(): Int32Array {
    // counted first, then filled: no growing array of a million numbers on the heap (issue 18)
    let n = 0;
    for (let i = 0; i < this.keep.length; i++) n += this.keep[i];
    if (n === 0) throw noRowsError(this.table.source.file, this.table.nRows, [...this.dropped].map(([column, count]) => ({ column, count })));
    const out = new Int32Array(n);
    for (let i = 0, k = 0; i < this.keep.length; i++) if (this.keep[i] === 1) out[k++] = i;
    return out;
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

/** The event indicator of `--event` and how it was read (`statusCoding` in the results). */
export interface EventStatus {
  /** Per table row: 1 event, 0 censored (0 also for dropped rows). */
  readonly status: Int32Array;
  readonly coding: StatusCoding;
}

/** "the values 0, 1, 2" of a column, for messages (at most 10). */
function valuesPresent(col: Column, nRows: number): string {
  const seen = new Set<string>();
  if (col.kind === "categorical") col.levels.forEach((l) => seen.add(l));
  else for (let i = 0; i < nRows && seen.size <= 10; i++) if (!Number.isNaN(col.values[i])) seen.add(formatRNumber(col.values[i]));
  const list = [...seen];
  if (col.kind !== "categorical") list.sort((a, b) => Number(a) - Number(b));
  return list.slice(0, 10).map((v) => JSON.stringify(v)).join(", ") + (list.length > 10 ? ", ..." : "");
}

/**
 * Event indicator 1/0 of `--event`. With `eventValue` (`--event-value`), a row is an event when its
 * value equals it; the value must occur in the column (a level of a text column, a number of a
 * numeric one). Without it, Surv()'s rule (src/formula/surv-status.ts): numeric 0/1, or 1/2 when the
 * largest value is 2, or TRUE/FALSE; anything else stops naming the row. Missing values drop the row.
 */
export function eventStatus(table: Table, name: string, eventValue: string | undefined, filter: RowFilter, option = "--event"): EventStatus {
  const col = requireColumn(table, name, option);
  const status = new Int32Array(table.nRows);
  if (col.kind === "date") {
    throw new SurvinferError({ code: "DATA_BAD_STATUS", message: `column "${name}" holds dates, not an event status`, file: table.source.file, column: name, hint: "use a study spec to derive the event from dates" });
  }
  if (eventValue !== undefined) {
    const allowed = `one of the values of column "${name}" (${valuesPresent(col, table.nRows)})`;
    if (eventValue.trim() === "") throw optionError(`${option}-value`, allowed, eventValue);
    if (col.kind === "categorical") {
      const k = col.levels.indexOf(eventValue);
      if (k < 0) throw optionError(`${option}-value`, allowed, eventValue);
      for (let i = 0; i < table.nRows; i++) {
        if (col.codes[i] < 0) filter.drop(i, name);
        else status[i] = col.codes[i] === k ? 1 : 0;
      }
      return { status, coding: "event-value" };
    }
    const e = parseDecimalText(eventValue);
    if (e === undefined || !col.values.includes(e)) throw optionError(`${option}-value`, allowed, eventValue);
    for (let i = 0; i < table.nRows; i++) {
      if (Number.isNaN(col.values[i])) filter.drop(i, name);
      else status[i] = col.values[i] === e ? 1 : 0;
    }
    return { status, coding: "event-value" };
  }
  let decoded;
  const source = { label: name, file: table.source.file, column: name, rowNumbers: table.rowNumbers };
  if (col.kind === "categorical") {
    if (!isLogicalLevels(col.levels)) {
      throw new SurvinferError({
        code: "DATA_BAD_STATUS",
        message: `column "${name}" is text with levels ${col.levels.map((l) => JSON.stringify(l)).join(", ")}`,
        file: table.source.file,
        column: name,
        hint: `say which value means an event with ${option}-value`,
      });
    }
    const map = logicalLevelValues(col.levels);
    decoded = decodeStatus(Float64Array.from(col.codes, (c) => (c < 0 ? Number.NaN : map[c])), source, true);
  } else decoded = decodeStatus(col.values, source);
  for (let i = 0; i < table.nRows; i++) {
    const s = decoded.status[i];
    if (Number.isNaN(s)) filter.drop(i, name);
    else status[i] = s;
  }
  return { status, coding: decoded.coding };
}

/** A sentence for the human output: how the event status was read. */
export function statusCodingText(coding: StatusCoding, column: string, eventValue?: string): string {
  switch (coding) {
    case "0/1":
      return `event status ${column}: 0/1 coding (1 = event)`;
    case "1/2":
      return `event status ${column}: R's 1/2 coding (2 = event, 1 = censored), as its largest value is 2`;
    case "TRUE/FALSE":
      return `event status ${column}: TRUE/FALSE (TRUE = event)`;
    case "event-value":
      return `event status ${column}: ${JSON.stringify(eventValue ?? "")} = event, any other value = censored`;
  }
}

export type GroupFactor = Factor;

/**
 * The factor of a table column over every table row: a categorical column's own codes and levels (no
 * copy: 4 MB on a 1,000,000-row file, issue 18; callers only read them), else `columnFactor`.
 */
export function tableFactor(col: Column): Factor {
  return col.kind === "categorical" ? { codes: col.codes, levels: col.levels } : columnFactor(col);
}

/** A grouping factor: categorical levels as read, numeric values as factor() levels sorted numerically. */
export function groupValues(table: Table, name: string, filter: RowFilter, role = "--by"): GroupFactor {
  const f = tableFactor(requireColumn(table, name, role));
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

