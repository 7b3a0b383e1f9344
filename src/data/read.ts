/**
 * `readTable(bytes, options)`: the one entry point for data files, pure over bytes (no fs) so the
 * browser app uses it too. Dispatches on content (ZIP/OLE signatures → workbook) and extension
 * (.xlsx/.xlsm/.xls/.ods → workbook; anything else → delimited text), reads, infers column types
 * (infer.ts) and returns the columnar Table with a report of what was inferred and why.
 *
 * R equivalent for CSV: `read.csv(file, na.strings = c("", "NA", "N/A", ".", "-"), strip.white = TRUE)`
 * then `as.Date()` on date columns and `factor()` on text columns; for XLSX, `readxl::read_excel()`.
 * Deliberately stricter than R: a column of numbers with a few stray texts (`n/a`, `?`, `Inf`) stops
 * with the row and value instead of becoming a factor, and a file whose numbers use a decimal comma
 * is read so when the evidence is clear, else the column stops asking for the declaration.
 */
import { SurvinferError, optionError } from "../errors.js";
import { DATE_FORMATS } from "./dates.js";
import type { DateFormat } from "./dates.js";
import { inferColumn } from "./infer.js";
import type { Collation, ColumnOverride, InferenceEntry } from "./infer.js";
import type { DecimalMark } from "./numbers.js";
import { detectDecimalMark } from "./decimal-mark.js";
import { DELIMITERS, decodeText, parseDelimited } from "./read-csv.js";
import { TEXT_ENCODINGS, type TextEncoding } from "./decode.js";
import type { Delimiter, RawTable } from "./read-csv.js";
import { parseWorkbook } from "./read-xlsx.js";
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
}

export interface ReadResult {
  readonly table: Table;
  readonly inference: readonly InferenceEntry[];
  readonly warnings: readonly string[];
  /** How the file was read: "csv" (with the delimiter) or "xlsx" (with the sheet). */
  readonly format: { readonly kind: "csv"; readonly delimiter: Delimiter } | { readonly kind: "xlsx"; readonly sheet: string; readonly sheets: readonly string[] };
}

const WORKBOOK_EXT = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}
function isOle(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

function checkOptions(o: ReadOptions): void {
  if (typeof o.fileName !== "string") throw optionError("fileName", "a string", o.fileName);
  if (o.delimiter !== undefined && !DELIMITERS.includes(o.delimiter)) throw optionError("delimiter", 'one of ",", ";", "\\t", "|"', o.delimiter);
  if (o.encoding !== undefined && !TEXT_ENCODINGS.includes(o.encoding)) throw optionError("encoding", TEXT_ENCODINGS.join(" | "), o.encoding);
  if (o.decimal !== undefined && o.decimal !== "." && o.decimal !== ",") throw optionError("decimal", '"." or ","', o.decimal);
  if (o.dateFormat !== undefined && !DATE_FORMATS.includes(o.dateFormat)) throw optionError("dateFormat", DATE_FORMATS.join(" | "), o.dateFormat);
  if (o.collation !== undefined && o.collation !== "en" && o.collation !== "C") throw optionError("collation", '"en" or "C"', o.collation);
  for (const [name, ov] of Object.entries(o.columns ?? {})) {
    if (ov.type !== undefined && !["numeric", "categorical", "date"].includes(ov.type)) {
      throw optionError(`columns.${name}.type`, '"numeric" | "categorical" | "date"', ov.type);
    }
    if (ov.dateFormat !== undefined && !DATE_FORMATS.includes(ov.dateFormat)) {
      throw optionError(`columns.${name}.dateFormat`, DATE_FORMATS.join(" | "), ov.dateFormat);
    }
  }
}

/**
 * Reads a CSV/TSV/XLSX file's bytes into a typed columnar Table (see the module comment).
 * Throws SurvinferError on bad input (empty file, wrong sheet, ragged rows, invalid dates, unknown
 * override columns, duplicate ids, …), each naming file, row and column where they apply.
 *
 * @example
 * const bytes = new TextEncoder().encode("id;date;size\n1;02.01.2010;3,5\n2;NA;4\n");
 * const { table, inference } = readTable(bytes, { fileName: "cohort.csv", decimal: "," });
 * // inference: id numeric, date date (DD.MM.YYYY), size numeric; table.columns[1].values[0] === 14611
 */
export function readTable(bytes: Uint8Array, options: ReadOptions): ReadResult {
  checkOptions(options);
  const file = options.fileName;
  if (bytes.length === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: "is empty", file, hint: "Give a file with a header row and one row per patient" });
  }
  const workbook = isZip(bytes) || isOle(bytes) || WORKBOOK_EXT.test(file);
  if (options.sheet !== undefined && !workbook) {
    throw optionError("sheet", "given only for workbooks (.xlsx)", options.sheet);
  }
  if (options.encoding !== undefined && workbook) {
    throw optionError("encoding", "given only for CSV/TSV files (a workbook carries its own encoding)", options.encoding);
  }
  const raw: RawTable = workbook
    ? parseWorkbook(bytes, { file, sheet: options.sheet })
    : (() => {
        const pre: string[] = [];
        const text = decodeText(bytes, file, pre, options.encoding);
        const t = parseDelimited(text, { file, delimiter: options.delimiter });
        t.warnings.unshift(...pre);
        return t;
      })();
  const warnings = [...raw.warnings];
  if (raw.rowNumbers.length === 0) {
    throw new SurvinferError({
      code: "DATA_EMPTY_FILE",
      message: "has a header but no data rows",
      file,
      row: raw.headerRow,
      hint: "Give one row per patient under the header",
    });
  }
  const names = raw.columns.map((c) => c.name);
  if (!options.skipAbsentColumnOverrides) {
    for (const name of Object.keys(options.columns ?? {})) {
      if (!names.includes(name)) throw unknownColumn(file, name, names, `columns.${name}`);
    }
  }
  if (options.idColumn !== undefined && !names.includes(options.idColumn)) throw unknownColumn(file, options.idColumn, names, "idColumn");

  const missing = new Set((options.missing ?? DEFAULT_MISSING).map((s) => s.trim()));
  // an undeclared decimal mark is detected from the cells, as the delimiter is (decimal-mark.ts)
  const notNumeric = (name: string) => {
    const type = options.columns?.[name]?.type;
    return name === options.idColumn || type === "categorical" || type === "date";
  };
  const detected = options.decimal === undefined ? detectDecimalMark(raw.columns, missing, raw.rowNumbers, raw.delimiter, notNumeric) : {};
  if (detected.note !== undefined) warnings.push(`${file}: ${detected.note}`);
  const ctx = {
    file,
    rowNumbers: raw.rowNumbers,
    missing,
    decimal: options.decimal ?? detected.mark,
    decimalWhy: detected.why,
    decimalDetected: detected.mark !== undefined,
    dateFormat: options.dateFormat,
    date1904: raw.date1904,
    collation: options.collation,
  };
  const columns: Column[] = [];
  const inference: InferenceEntry[] = [];
  for (const rc of raw.columns) {
    const ov = options.columns?.[rc.name];
    const isId = rc.name === options.idColumn && ov?.type === undefined;
    const built = inferColumn(rc, ov, ctx, warnings, isId);
    columns.push(built.column);
    inference.push(isId ? { ...built.entry, reason: "patient id (read as text)" } : built.entry);
  }
  const source = raw.sheet !== undefined ? { file, sheet: raw.sheet } : { file };
  const base: Table = { nRows: raw.rowNumbers.length, columns, source, rowNumbers: raw.rowNumbers };
  const table: Table = options.idColumn !== undefined ? { ...base, idColumn: options.idColumn } : base;
  if (options.idColumn !== undefined) checkUniqueIds(table, options.idColumn);
  const format = raw.sheet !== undefined ? { kind: "xlsx" as const, sheet: raw.sheet, sheets: raw.sheets ?? [raw.sheet] } : { kind: "csv" as const, delimiter: raw.delimiter ?? "," };
  return { table, inference, warnings, format };
}

function unknownColumn(file: string, name: string, names: readonly string[], option: string): SurvinferError {
  const near = nearestNames(name, names);
  return new SurvinferError({
    code: "DATA_MISSING_COLUMN",
    message: `has no column ${JSON.stringify(name)} (named in ${option})`,
    file,
    value: name,
    hint: near.length > 0 ? `Did you mean ${near.map((s) => JSON.stringify(s)).join(" or ")}?` : `Its columns are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
  });
}
