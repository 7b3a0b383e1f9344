/**
 * The lean half of `readTable` (read.ts): the reading options and results, and the columnar fast path
 * for delimited text (`readColumnar`, columnar-csv.ts), without the text reader (papaparse) or the
 * workbook reader (SheetJS), so that a command reading a plain CSV loads neither (issue 18:
 * read-file-async.ts loads them only when the fast path cannot read the file). read.ts adds them and
 * gives the synchronous `readTable`/`readTableFrom`; both give the same Table, warnings and errors.
 */
import { SurvinferError, optionError } from "../errors.js";
import { DATE_FORMATS } from "./dates.js";
import type { DateFormat } from "./dates.js";
import { inferColumn } from "./infer.js";
import type { Collation, ColumnOverride, InferContext, InferenceEntry, RawColumn } from "./infer.js";
import type { DecimalMark } from "./numbers.js";
import { DELIMITER_CANDIDATES } from "./csv-header.js";
import { TEXT_ENCODINGS, type TextEncoding } from "./decode.js";
import type { Delimiter } from "./read-csv.js";
import { ColumnarCsvReader } from "./columnar-csv.js";
import type { ColumnPlan, ColumnarDictionary, ColumnarResult } from "./columnar-csv.js";
import type { Column, Table } from "./table.js";
import { checkUniqueIds, nearestNames } from "./validate.js";

export type { ColumnOverride, InferenceEntry, Collation } from "./infer.js";
export type { Delimiter } from "./read-csv.js";
export type { DecimalMark } from "./numbers.js";

/** Missing-value tokens by default (compared after trimming blanks). */
export const DEFAULT_MISSING: readonly string[] = ["", "NA", "N/A", ".", "-"];

export interface ReadOptions {
  /** File name (for the format and for messages); only its extension is used to choose the reader. */
  readonly fileName: string;
  /** Workbook sheet; default the first. */
  readonly sheet?: string;
  /** CSV delimiter; default sniffed among `,` `;` tab `|`. */
  readonly delimiter?: Delimiter;
  /** Text encoding of a CSV/TSV file; default decided from the bytes (UTF-8, else Windows-1252, said in a warning). */
  readonly encoding?: TextEncoding;
  /**
   * Decimal mark; when declared, grouped numbers are read too ("1,234.5" or "1.234,5"). Default:
   * detected from the cells (decimal-mark.ts; reported in the warnings), else plain numbers only.
   */
  readonly decimal?: DecimalMark;
  /** Missing-value tokens (replace the default list `DEFAULT_MISSING`). */
  readonly missing?: readonly string[];
  /** Date format of text dates in every column (settles DD/MM vs MM/DD); per-column `columns[name].dateFormat` wins. */
  readonly dateFormat?: DateFormat;
  /** Per-column overrides of type, date format and reference level. */
  readonly columns?: Readonly<Record<string, ColumnOverride>>;
  /** Patient id column: read as text (keeps "007"), must be present, non-missing and unique. */
  readonly idColumn?: string;
  /**
   * Ignore `columns` overrides that name no column (the study runner checks the spec's columns itself,
   * so that its error can point at the spec's line). Default false: such an override is an error.
   */
  readonly skipAbsentColumnOverrides?: boolean;
  /** Level order of categorical columns: "en" (R with ICU, en_US/C.UTF-8; default) or "C" (R in the C locale). */
  readonly collation?: Collation;
  /**
   * Column projection: the columns to type and keep (names as in the header, or a test on the name);
   * default all. The id column is always kept. Columns left out are scanned over, never typed, so a
   * value in them that would stop the read (a stray text in a number column) does not. Names that are
   * not columns of the file are ignored here (the caller's own check names them).
   */
  readonly columnsToRead?: readonly string[] | ((name: string) => boolean);
  /**
   * With `columnsToRead`: also keep every other column that is typed a date (commands whose
   * treatment-date hint looks at all date columns); other columns stay unread. Default false.
   */
  readonly alsoDateColumns?: boolean;
  /** Read delimited text with the text reader (papaparse) only, never the columnar fast path (default false). */
  readonly textReaderOnly?: boolean;
}

export interface ReadResult {
  readonly table: Table;
  readonly inference: readonly InferenceEntry[];
  readonly warnings: readonly string[];
  /** How the file was read: "csv" (with the delimiter), "xlsx" (with the sheet) or "arrow" (IPC file or stream format, read-arrow.ts). */
  readonly format:
    | { readonly kind: "csv"; readonly delimiter: Delimiter }
    | { readonly kind: "xlsx"; readonly sheet: string; readonly sheets: readonly string[] }
    | { readonly kind: "arrow"; readonly format: "file" | "stream" };
  /** Every column of the file, in file order, including those `columnsToRead` left out. */
  readonly columnNames: readonly string[];
  /** Which reader read the file: the columnar fast path, the text reader (papaparse), the workbook reader or the Arrow reader. */
  readonly reader: "columnar" | "text" | "workbook" | "arrow";
}

/**
 * A file's bytes, given whole (`all`) or in chunks (`chunks`, for the columnar reader, so that memory
 * stays near the size of the columns kept), with its size and first bytes (to tell a workbook).
 */
export interface ByteSource {
  readonly size: number;
  /** The first bytes (at least 8 when the file has them). */
  readonly head: Uint8Array;
  chunks(): Iterable<Uint8Array>;
  all(): Uint8Array;
  /** A fast UTF-8 validator (Node's `buffer.isUtf8`); default a fatal TextDecoder. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** A fast byte search, as `Uint8Array.prototype.indexOf` (Node's `Buffer#indexOf`); default that. */
  readonly indexOf?: (bytes: Uint8Array, byte: number, from: number) => number;
}


export const WORKBOOK_EXT = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
export function isOle(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

export function checkOptions(o: ReadOptions): void {
  if (typeof o.fileName !== "string") throw optionError("fileName", "a string", o.fileName);
  if (o.delimiter !== undefined && !DELIMITER_CANDIDATES.includes(o.delimiter)) throw optionError("delimiter", 'one of ",", ";", "\\t", "|"', o.delimiter);
  if (o.encoding !== undefined && !TEXT_ENCODINGS.includes(o.encoding)) throw optionError("encoding", TEXT_ENCODINGS.join(" | "), o.encoding);
  if (o.decimal !== undefined && o.decimal !== "." && o.decimal !== ",") throw optionError("decimal", '"." or ","', o.decimal);
  if (o.dateFormat !== undefined && !DATE_FORMATS.includes(o.dateFormat)) throw optionError("dateFormat", DATE_FORMATS.join(" | "), o.dateFormat);
  if (o.collation !== undefined && o.collation !== "en" && o.collation !== "C") throw optionError("collation", '"en" or "C"', o.collation);
  const sel = o.columnsToRead;
  if (sel !== undefined && typeof sel !== "function" && !(Array.isArray(sel) && sel.every((x) => typeof x === "string"))) {
    throw optionError("columnsToRead", "a list of column names", sel);
  }
  for (const [name, ov] of Object.entries(o.columns ?? {})) {
    if (ov.type !== undefined && !["numeric", "categorical", "date"].includes(ov.type)) {
      throw optionError(`columns.${name}.type`, '"numeric" | "categorical" | "date"', ov.type);
    }
    if (ov.dateFormat !== undefined && !DATE_FORMATS.includes(ov.dateFormat)) {
      throw optionError(`columns.${name}.dateFormat`, DATE_FORMATS.join(" | "), ov.dateFormat);
    }
  }
}

/** Whether a column is kept: yes, only if typed a date (`alsoDateColumns`), or not at all (undefined). */
export type Keep = (name: string) => "yes" | "if-date" | undefined;

/** The columns to keep: `columnsToRead` plus the id column (all when not given), and the date columns with `alsoDateColumns`. */
export function selector(options: ReadOptions): Keep {
  const sel = options.columnsToRead;
  if (sel === undefined) return () => "yes";
  const base = typeof sel === "function" ? sel : ((set: ReadonlySet<string>) => (name: string) => set.has(name))(new Set(sel));
  const rest = options.alsoDateColumns === true ? ("if-date" as const) : undefined;
  return (name) => (name === options.idColumn || base(name) ? "yes" : rest);
}

/** How the columnar reader keeps a column (see columnar-csv.ts): as numbers when declared or when the sample says so. */
function columnPlan(options: ReadOptions, keep: Keep): (name: string) => ColumnPlan | undefined {
  return (name) => {
    const k = keep(name);
    if (k === undefined) return undefined;
    // a date column can only come from texts, unless declared (a type, or Excel serials for every column)
    if (k === "if-date") return options.columns?.[name] !== undefined || options.dateFormat === "excel-serial" ? "text" : "if-date";
    const ov = options.columns?.[name];
    if (ov?.type === "numeric") return "number";
    const isId = name === options.idColumn && ov?.type === undefined;
    if (ov?.type !== undefined || isId || ov?.reference !== undefined) return "text";
    return "maybe-number";
  };
}


/** Whether the bytes are a workbook (ZIP or OLE signature, or a workbook extension), read by the workbook reader. */
export function isWorkbook(source: Pick<ByteSource, "head">, file: string): boolean {
  return isZip(source.head) || isOle(source.head) || WORKBOOK_EXT.test(file);
}

/** Checks the options and refuses an empty file (first steps of every read, before any reader is chosen). */
export function startRead(source: Pick<ByteSource, "size">, options: ReadOptions): void {
  checkOptions(options);
  if (source.size === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: "is empty", file: options.fileName, hint: "Give a file with a header row and one row per patient" });
  }
}

/** Whether the columnar fast path may try the file: delimited text, no sheet, UTF-8 (a declared Windows-1252 goes to the text reader). */
export function columnarApplies(source: Pick<ByteSource, "head">, options: ReadOptions): boolean {
  return !isWorkbook(source, options.fileName) && options.sheet === undefined && options.textReaderOnly !== true && options.encoding !== "windows-1252";
}

/**
 * The columnar fast path over `source` (after `startRead`, when `columnarApplies`): the Table, or
 * undefined when the file must be read by the text reader instead (columnar-csv.ts says when).
 * `sniffQuoted` is the text reader's delimiter sniff, for a file whose first bytes hold a quote.
 */
export function readColumnar(source: ByteSource, options: ReadOptions, sniffQuoted?: (sample: string, truncated: boolean) => Delimiter): ReadResult | undefined {
  const keep = selector(options);
  const missing = new Set((options.missing ?? DEFAULT_MISSING).map((s) => s.trim()));
  const reader = new ColumnarCsvReader({
    file: options.fileName,
    delimiter: options.delimiter,
    decimal: options.decimal,
    missing,
    plan: columnPlan(options, keep),
    isUtf8: source.isUtf8,
    indexOf: source.indexOf,
    sizeHint: source.size,
    sniffQuoted,
  });
  for (const chunk of source.chunks()) if (!reader.push(chunk)) return undefined;
  return reader.finish() ? fromColumnar(reader.result(), options, missing, keep) : undefined;
}

/** A column kept only when typed a date (`alsoDateColumns`): one that is not, or that cannot be typed, is left out with its warnings. */
export function keepIfDate(rc: RawColumn, ov: ColumnOverride | undefined, ctx: InferContext, warnings: string[], columns: Column[], inference: InferenceEntry[]): void {
  const own: string[] = [];
  let built;
  try {
    built = inferColumn(rc, ov, ctx, own, false);
  } catch (e) {
    if (e instanceof SurvinferError) return;
    throw e;
  }
  if (built.column.kind !== "date") return;
  warnings.push(...own);
  columns.push(built.column);
  inference.push(built.entry);
}

/**
 * `keepIfDate` for a column given as a dictionary (columnar-csv.ts): whether a column is typed a
 * date, in which format, with which warnings or which error, depends only on its distinct values in
 * order of first appearance (`detectDateFormat`, `toDates` and the checks before them name the first
 * offending value, which is the first appearance of the first offending distinct value), so
 * `inferColumn` runs on the distinct values once each, at their first rows, and the days are spread
 * back to every row; only the count of missing cells is taken over all rows.
 */
function keepIfDateDictionary(rc: ColumnarDictionary, ov: ColumnOverride | undefined, ctx: InferContext, warnings: string[], columns: Column[], inference: InferenceEntry[]): void {
  const short = rc.codes.indexOf(-1);
  const texts: (string | undefined)[] = [...rc.values];
  const firstRows = [...rc.firstRows];
  // a cell of a short record is a distinct "value" too (undefined), at its first row, in its place
  if (short >= 0) {
    const at = firstRows.findIndex((r) => r > short);
    const k = at < 0 ? texts.length : at;
    texts.splice(k, 0, undefined);
    firstRows.splice(k, 0, short);
  }
  const rowNumbers = Int32Array.from(firstRows, (r) => ctx.rowNumbers[r]);
  const own: string[] = [];
  let built;
  try {
    built = inferColumn({ name: rc.name, texts }, ov, { ...ctx, rowNumbers }, own, false);
  } catch (e) {
    if (e instanceof SurvinferError) return;
    throw e;
  }
  if (built.column.kind !== "date") return;
  const days = built.column.values;
  const shortAt = short >= 0 ? firstRows.indexOf(short) : -1;
  const n = rc.codes.length;
  const values = new Float64Array(n);
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    const c = rc.codes[i];
    // dictionary index → position in `texts` (shifted past the inserted undefined)
    const v = c < 0 ? days[shortAt] : days[shortAt >= 0 && c >= shortAt ? c + 1 : c];
    values[i] = v;
    if (v !== v) nMissing++;
  }
  warnings.push(...own);
  columns.push({ ...built.column, values });
  inference.push({ ...built.entry, nMissing });
}

/** Overrides naming no column, and an id column that is not one, stop the read (as the spec or command named them). */
export function checkNames(names: readonly string[], options: ReadOptions): void {
  const file = options.fileName;
  if (!options.skipAbsentColumnOverrides) {
    for (const name of Object.keys(options.columns ?? {})) {
      if (!names.includes(name)) throw unknownColumn(file, name, names, `columns.${name}`);
    }
  }
  if (options.idColumn !== undefined && !names.includes(options.idColumn)) throw unknownColumn(file, options.idColumn, names, "idColumn");
}

/** The Table from the columnar reader's columns: number columns as inferColumn would type them, text columns by inferColumn itself. */
function fromColumnar(res: ColumnarResult, options: ReadOptions, missing: ReadonlySet<string>, keep: Keep): ReadResult {
  const file = options.fileName;
  const warnings = [...res.warnings];
  checkNames(res.names, options);
  // the columnar reader reads only files in which no decimal mark would be detected (columnar-csv.ts)
  const ctx = { file, rowNumbers: res.rowNumbers, missing, decimal: options.decimal, dateFormat: options.dateFormat, collation: options.collation };
  const n = res.rowNumbers.length;
  const columns: Column[] = [];
  const inference: InferenceEntry[] = [];
  for (const rc of res.columns) {
    const k = keep(rc.name);
    if (k === undefined) continue;
    const ov = options.columns?.[rc.name];
    if (k === "if-date") {
      if (rc.kind === "text") keepIfDate({ name: rc.name, texts: rc.texts }, ov, ctx, warnings, columns, inference);
      else if (rc.kind === "dict") keepIfDateDictionary(rc, ov, ctx, warnings, columns, inference);
      continue;
    }
    if (rc.kind === "dict") continue; // only if-date columns are dictionaries
    if (rc.kind === "number") {
      const reason = ov?.type === "numeric" ? "declared numeric" : rc.nMissing === n ? "every value is missing" : "every value is a number";
      columns.push({ kind: "numeric", name: rc.name, values: rc.values });
      inference.push({ column: rc.name, kind: "numeric", reason, nMissing: rc.nMissing });
      continue;
    }
    const isId = rc.name === options.idColumn && ov?.type === undefined;
    const built = inferColumn({ name: rc.name, texts: rc.texts }, ov, ctx, warnings, isId);
    columns.push(built.column);
    inference.push(isId ? { ...built.entry, reason: "patient id (read as text)" } : built.entry);
  }
  const base: Table = { nRows: n, columns, source: { file }, rowNumbers: res.rowNumbers };
  const table: Table = options.idColumn !== undefined ? { ...base, idColumn: options.idColumn } : base;
  if (options.idColumn !== undefined) checkUniqueIds(table, options.idColumn);
  return { table, inference, warnings, format: { kind: "csv", delimiter: res.delimiter }, columnNames: res.names, reader: "columnar" };
}

export function unknownColumn(file: string, name: string, names: readonly string[], option: string): SurvinferError {
  const near = nearestNames(name, names);
  return new SurvinferError({
    code: "DATA_MISSING_COLUMN",
    message: `has no column ${JSON.stringify(name)} (named in ${option})`,
    file,
    value: name,
    hint: near.length > 0 ? `Did you mean ${near.map((s) => JSON.stringify(s)).join(" or ")}?` : `Its columns are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
  });
}
