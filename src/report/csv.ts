/**
 * CSV export of report tables: RFC 4180 (comma separator, CRLF line ends, fields quoted with '"' when
 * they hold a comma, quote, CR or LF, quotes doubled), guarded against formula injection: a text cell
 * that begins with =, +, -, @, tab or carriage return gets a leading apostrophe so that spreadsheet
 * programs show it as text instead of evaluating it (OWASP, "CSV Injection"). Numbers, and text that is
 * exactly a plain decimal number ("-0.12"), are data, not formulas, and are left alone.
 */

/** A cell of a header row: plain text, or text spanning several columns. */
export type HeaderCell = string | { readonly text: string; readonly span: number };

/**
 * A table as the report shows it, shared by the CSV, DOCX and HTML writers: a title, one or more header
 * rows (cells may span columns), body rows of display strings, and footnotes.
 */
export interface ReportTable {
  readonly title: string;
  readonly headers: readonly (readonly HeaderCell[])[];
  readonly rows: readonly (readonly string[])[];
  readonly footnotes: readonly string[];
  /** Body rows that are sub-rows (levels of a categorical variable), shown indented. Optional. */
  readonly indented?: readonly boolean[];
}

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as "-0.12", "+3e-4" or, in German, "-0,12" is data, not a formula: it is left as it is. */
const PLAIN_NUMBER = /^[-+]?(\d+[.,]?\d*|[.,]\d+)([eE][-+]?\d+)?$/;

/** A plain number written with a true minus sign (U+2212), as the report writes negative numbers. */
const TRUE_MINUS_NUMBER = /^\u2212(\d+[.,]?\d*|[.,]\d+)([eE][-+]?\d+)?$/;

/** The cell as CSV text before quoting: null → empty, numbers via String() (NaN → empty), text formula-guarded. */
function guardedText(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : Number.isNaN(cell) ? "" : cell > 0 ? "Inf" : "-Inf";
  // a number the report writes with a true minus ("−0.12", U+2212) is written with "-" so that spreadsheets read it as a number
  const text = TRUE_MINUS_NUMBER.test(cell) ? `-${cell.slice(1)}` : cell;
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Quoted (quotes doubled) when the text holds the separator, a quote, CR or LF. */
function quoted(text: string, separator: "," | ";"): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The cell as CSV text: null → empty, numbers via String() (NaN → empty), text guarded and quoted. */
export function csvField(cell: CsvCell): string {
  return quoted(guardedText(cell), ",");
}

/** How a CSV table for people (opened in a spreadsheet) is written. */
export interface CsvStyle {
  /** Start with a UTF-8 byte-order mark (U+FEFF) so that Excel on Windows reads UTF-8 ("–", "Σ", "χ²"); default false here. */
  readonly bom?: boolean;
  /**
   * Excel in a decimal-comma locale (German, French, …): ";" between fields and a decimal comma in
   * numbers ("0.62 (0.41–0.93)" → "0,62 (0,41–0,93)"); default false.
   */
  readonly excel?: boolean;
}

/** A decimal point between digits as a decimal comma ("0.62" → "0,62"; "v1.2" too: text is shown, not computed). */
function decimalComma(cell: CsvCell): CsvCell {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell).replace(".", ",") : cell;
  return cell === null ? null : cell.replace(/(\d)\.(\d)/g, "$1,$2");
}

/**
 * One field for the ";" dialect: the formula guard is decided on the original text (so "-0.12" stays a
 * number), then decimal commas; quoted when it holds ";", a quote, CR or LF.
 */
function excelField(cell: CsvCell): string {
  return quoted(String(decimalComma(guardedText(cell))), ";");
}

/**
 * Rows as CSV for a spreadsheet: RFC 4180 (`toCsv`) with a byte-order mark when `bom`; with `excel`, ";" as
 * the separator and decimal commas.
 *
 * @example
 * ```ts
 * toCsvStyled([["HR", "0.62 (0.41–0.93)"]], { bom: true, excel: true }); // "\uFEFFHR;0,62 (0,41–0,93)\r\n"
 * ```
 */
export function toCsvStyled(rows: readonly (readonly CsvCell[])[], style: CsvStyle = {}): string {
  let out = style.bom === true ? "\uFEFF" : "";
  if (style.excel !== true) return out + toCsv(rows);
  for (const row of rows) out += row.map((c) => excelField(c)).join(";") + "\r\n";
  return out;
}

/**
 * Rows to CSV text (RFC 4180, CRLF after every record, no byte-order mark; `toCsvStyled` adds one).
 *
 * @example
 * ```ts
 * toCsv([["variable", "p"], ["=1+1", 0.04], ['say "hi", ok', null]]);
 * // "variable,p\r\n'=1+1,0.04\r\n\"say \"\"hi\"\", ok\",\r\n"
 * ```
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  let out = "";
  for (const row of rows) out += row.map(csvField).join(",") + "\r\n";
  return out;
}

/** Header rows with spanning cells expanded (the text in the first column of the span, then empty cells). */
export function expandHeaderRow(row: readonly HeaderCell[]): string[] {
  const out: string[] = [];
  for (const cell of row) {
    if (typeof cell === "string") out.push(cell);
    else {
      out.push(cell.text);
      for (let k = 1; k < cell.span; k++) out.push("");
    }
  }
  return out;
}

/** Warning marks of the HTML report ("⚠3", "⚠1,2"), which point to a list the CSV file does not have. */
const WARNING_MARK = /\s*⚠\d+(?:,\d+)*/g;

/** The text without its warning marks ("0.99 (0.39–2.48) ⚠1,2" → "0.99 (0.39–2.48)"). */
export function stripWarningMarks(text: string): string {
  const out = text.replace(WARNING_MARK, "");
  return out === text ? text : out.trim();
}

/**
 * A report table as CSV rows: the title on the first row, then the header rows (spans expanded), the body rows, a
 * blank line and the footnotes one per row. The title is written because it carries what qualifies every number of
 * the table ("biased by design (immortal time)", "matching worsened balance: …", the population n): an exported table
 * keeps them (referee A9). Warning marks (⚠k) are left out: they point to the report's "Read first" list, which a CSV
 * file does not carry (DOCX keeps them).
 *
 * @example
 * ```ts
 * toCsv(reportTableToCsvRows({ title: "T", headers: [["a", "b"]], rows: [["1", "2"]], footnotes: [] })); // "T\r\na,b\r\n1,2\r\n"
 * ```
 */
export function reportTableToCsvRows(table: ReportTable): CsvCell[][] {
  const rows: CsvCell[][] = table.title === "" ? [] : [[stripWarningMarks(table.title)]];
  for (const h of table.headers) rows.push(expandHeaderRow(h).map(stripWarningMarks));
  for (const r of table.rows) rows.push(r.map(stripWarningMarks));
  if (table.footnotes.length > 0) {
    rows.push([]);
    for (const f of table.footnotes) rows.push([stripWarningMarks(f)]);
  }
  return rows;
}
