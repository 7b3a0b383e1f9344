/**
 * Delimited text (CSV, TSV, semicolon CSV from German Excel, pipes) → raw columns, using papaparse
 * for the RFC 4180 parts (quoted fields with delimiters, doubled quotes and newlines; CRLF/LF/CR).
 *
 * - Bytes are decoded by decode.ts (UTF-8, UTF-16 with a BOM, Windows-1252, or line by line when a
 *   file mixes UTF-8 and Windows-1252); a NUL byte without a UTF-16 BOM means a binary file: refused.
 * - The delimiter is sniffed among `,` `;` tab `|` on the first 50 records: a candidate under which
 *   no record has more cells than the header beats one under which some does; then one under which
 *   every record has exactly the header's count; then the one giving the header more columns; ties
 *   go in that order.
 * - The first non-empty record is the header. Records that are empty or hold only delimiters and
 *   blanks are skipped (as R's `read.csv(blank.lines.skip = TRUE)`), but row numbers stay the ones the
 *   user sees (header = row 1 when it is the first line).
 * - Short records are padded with missing values (warning); a record with extra non-empty cells is an
 *   error (usually a wrong delimiter or an unquoted delimiter inside a value). Trailing empty cells
 *   (Excel's `;;;`) are ignored.
 */
import Papa from "papaparse";
import { SurvinferError } from "../errors.js";
import type { RawColumn } from "./infer.js";
import { bestDelimiter, nameColumns } from "./csv-header.js";

export { nameColumns } from "./csv-header.js";

export { decodeText, MAX_TEXT_BYTES } from "./decode.js";

export type Delimiter = "," | ";" | "\t" | "|";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];

export interface RawTable {
  readonly columns: RawColumn[];
  /** Row number as the user sees it, per data row. */
  readonly rowNumbers: Int32Array;
  /** Row number of the header. */
  readonly headerRow: number;
  readonly warnings: string[];
  readonly delimiter?: Delimiter;
  readonly sheet?: string;
  /** A workbook's sheet names, in order. */
  readonly sheets?: readonly string[];
  readonly date1904?: boolean;
}

function isBlankRecord(rec: readonly string[]): boolean {
  for (let j = 0; j < rec.length; j++) if (rec[j].trim() !== "") return false;
  return true;
}

/** Field count of each of the first records (blank ones skipped) under one delimiter. */
function fieldCounts(text: string, delimiter: Delimiter): number[] {
  const res = Papa.parse<string[]>(text, { delimiter, preview: 50, skipEmptyLines: false, quoteChar: '"' });
  const counts: number[] = [];
  for (const rec of res.data) {
    if (isBlankRecord(rec)) continue;
    let k = rec.length;
    while (k > 1 && rec[k - 1].trim() === "") k--; // trailing empty cells do not count
    counts.push(k);
  }
  return counts;
}

/** Sniffs the delimiter among `,` `;` tab `|` (see the module comment). */
export function sniffDelimiter(text: string): Delimiter {
  return sniffDelimiterSample(text.length > 200_000 ? text.slice(0, 200_000) : text, text.length > 200_000);
}

/**
 * `sniffDelimiter` on the first 200,000 characters of a text (`sample`); `truncated` says whether the
 * text goes on after them (then the sample's last record may be cut and does not count).
 */
export function sniffDelimiterSample(sample: string, truncated: boolean): Delimiter {
  return bestDelimiter((d) => fieldCounts(sample, d), truncated);
}

export interface CsvOptions {
  readonly file: string;
  readonly delimiter?: Delimiter;
}

/**
 * Parses decoded text into raw string columns with user-visible row numbers. Streams records
 * (papaparse `step`) straight into per-column arrays, so no array of row arrays is ever held.
 */
export function parseDelimited(text: string, options: CsvOptions): RawTable {
  const warnings: string[] = [];
  const file = options.file;
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  let record = -1; // 0-based record index; the user's row number is record + 1
  let header: string[] | undefined;
  let headerRow = 0;
  let texts: (string | undefined)[][] = [];
  const rowNumbers: number[] = [];
  let failure: SurvinferError | undefined;
  let nShort = 0;
  let firstShort = 0;
  let nInvalidQuotes = 0;
  let firstInvalidQuote = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    step(res, parser) {
      record++;
      for (const e of res.errors) {
        if (e.code === "MissingQuotes") {
          failure = new SurvinferError({
            code: "DATA_UNCLOSED_QUOTE",
            message: "a quoted field is never closed",
            file,
            row: record + 1,
            hint: 'Close the quote, or double the quote character ("") inside quoted values',
          });
          parser.abort();
          return;
        }
        if (e.code === "InvalidQuotes" && nInvalidQuotes++ === 0) firstInvalidQuote = record + 1;
      }
      const rec = res.data;
      if (isBlankRecord(rec)) return;
      if (header === undefined) {
        header = rec.map((x) => x.trim());
        headerRow = record + 1;
        texts = header.map(() => []);
        return;
      }
      const width = header.length;
      if (rec.length > width) {
        let k = rec.length;
        while (k > width && rec[k - 1].trim() === "") k--;
        if (k > width) {
          failure = new SurvinferError({
            code: "DATA_RAGGED_ROW",
            message: `has ${k} cells but the header has ${width} columns`,
            file,
            row: record + 1,
            hint: `Check the delimiter (read as ${JSON.stringify(delimiter)}) and quote values that contain it`,
          });
          parser.abort();
          return;
        }
      } else if (rec.length < width) {
        if (nShort++ === 0) firstShort = record + 1;
      }
      rowNumbers.push(record + 1);
      const m = Math.min(rec.length, width);
      for (let j = 0; j < m; j++) texts[j].push(rec[j]);
      for (let j = m; j < width; j++) texts[j].push(undefined);
    },
  });
  if (failure !== undefined) throw failure;
  if (header === undefined) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: "is empty (no header row)", file, hint: "Give a file with a header row and one row per patient" });
  }
  if (nInvalidQuotes > 0) {
    warnings.push(`${file}: ${nInvalidQuotes} record(s) with stray quote characters (first: row ${firstInvalidQuote}); read as written`);
  }
  if (nShort > 0) {
    warnings.push(`${file}: ${nShort} row(s) have fewer cells than the header (first: row ${firstShort}); the missing cells are read as missing`);
  }
  // Trailing columns with no name and no data (Excel's ";;;") are dropped.
  let width = header.length;
  const emptyColumn = (col: (string | undefined)[]) => col.every((x) => x === undefined || x.trim() === "");
  while (width > 1 && header[width - 1] === "" && emptyColumn(texts[width - 1])) width--;
  const names = nameColumns(header.slice(0, width), file, warnings, headerRow);
  const columns: RawColumn[] = [];
  for (let j = 0; j < width; j++) columns.push({ name: names[j], texts: texts[j] });
  return { columns, rowNumbers: Int32Array.from(rowNumbers), headerRow, warnings, delimiter };
}
