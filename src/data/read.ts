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
import { optionError, SurvinferError } from "../errors.js";
import { inferColumn } from "./infer.js";
import type { InferenceEntry } from "./infer.js";
import { detectDecimalMark } from "./decimal-mark.js";
import { decodeText, parseDelimited, sniffDelimiterSample } from "./read-csv.js";
import type { RawTable } from "./read-csv.js";
import { parseWorkbook } from "./read-xlsx.js";
import { readArrow } from "./read-arrow.js";
import { isArrow } from "./arrow-kind.js";
import type { Column, Table } from "./table.js";
import { checkUniqueIds } from "./validate.js";
import { checkNames, columnarApplies, DEFAULT_MISSING, isOle, isZip, keepIfDate, readColumnar, selector, startRead, WORKBOOK_EXT } from "./read-columnar.js";
import type { ByteSource, ReadOptions, ReadResult } from "./read-columnar.js";

export { DEFAULT_MISSING } from "./read-columnar.js";
export type { ByteSource, Collation, ColumnOverride, DecimalMark, Delimiter, InferenceEntry, ReadOptions, ReadResult } from "./read-columnar.js";

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
  return readTableFrom({ size: bytes.length, head: bytes.subarray(0, 8), chunks: () => [bytes], all: () => bytes }, options);
}

/**
 * `readTable` over a `ByteSource`: delimited text goes through the columnar fast path
 * (columnar-csv.ts) when it can read the file exactly as the text reader does, else, like workbooks,
 * through the text reader with the whole bytes; either way the same Table, warnings and errors.
 */
export function readTableFrom(source: ByteSource, options: ReadOptions): ReadResult {
  startRead(source, options);
  if (isArrow(source.head, options.fileName)) return readArrow(source.all(), options);
  return (columnarApplies(source, options) ? readColumnar(source, options, sniffDelimiterSample) : undefined) ?? readWhole(source.all(), options);
}

/** The text reader (papaparse) or the workbook reader over the whole bytes: what readTable did before the columnar reader. */
export function readWhole(bytes: Uint8Array, options: ReadOptions): ReadResult {
  const keep = selector(options);
  const file = options.fileName;
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
  checkNames(names, options);

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
    const k = keep(rc.name);
    if (k === undefined) continue;
    const ov = options.columns?.[rc.name];
    if (k === "if-date") {
      keepIfDate(rc, ov, ctx, warnings, columns, inference);
      continue;
    }
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
  return { table, inference, warnings, format, columnNames: names, reader: workbook ? "workbook" : "text" };
}

