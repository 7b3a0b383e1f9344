/**
 * Excel workbooks (.xlsx, also .xlsm/.xls/.ods as SheetJS reads them) → raw columns, using SheetJS
 * (`@e965/xlsx`, a republication of SheetJS 0.20.3, which has no open advisories, unlike npm `xlsx` 0.18).
 *
 * - The first sheet, or the one named by `sheet` (a wrong name is an error listing the sheets).
 * - The first non-empty row of the sheet is the header; row numbers are the sheet's own (row 1 = top).
 * - Number cells with a date number format are Excel serial dates (1900 system, or 1904 when the
 *   workbook says so); other number cells are numbers; text cells are read like CSV text (dates as
 *   text are detected there); booleans are TRUE/FALSE; error cells (#N/A, #DIV/0!) are missing, with a
 *   warning; a formula cell gives its cached value, and a formula cell without one (a file written by a
 *   program that does not compute formulas) is an error naming the cell, never a silent missing value.
 * - Limits (`xlsx-limits.ts`): the ZIP container is checked before parsing (unpacked size, compression
 *   ratio, cells, rows, shared strings); the used range is computed from the cells present, not from the
 *   sheet's declared dimension, and a sheet spanning more than `MAX_TABLE_CELLS` is refused.
 */
import * as XLSX from "@e965/xlsx";
import type { CellObject } from "@e965/xlsx";
import { SurvinferError } from "../errors.js";
import { CELL_BOOLEAN, CELL_DATE_SERIAL, CELL_NUMBER, CELL_TEXT } from "./infer.js";
import type { RawColumn } from "./infer.js";
import { nameColumns } from "./read-csv.js";
import type { RawTable } from "./read-csv.js";
import { nearestNames } from "./validate.js";
import { checkWorkbookArchive } from "./xlsx-limits.js";

/** Largest table (columns × data rows of the used range) read from one sheet. */
export const MAX_TABLE_CELLS = 20_000_000;

export interface XlsxOptions {
  readonly file: string;
  readonly sheet?: string;
}

function isZipArchive(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

function isOleFile(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

/** A NUL byte, without a UTF-16 byte-order mark: binary data, not a text spreadsheet (HTML, XML, CSV). */
function isBinaryNotUtf16(b: Uint8Array): boolean {
  const utf16 = b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
  return !utf16 && b.includes(0);
}

function cellText(c: CellObject): string {
  if (c.t === "s") return String(c.v ?? "");
  if (c.w !== undefined) return c.w;
  return c.v === undefined || c.v === null ? "" : String(c.v);
}

function present(c: CellObject | undefined): c is CellObject {
  return c !== undefined && c !== null && c.t !== "z" && c.v !== undefined && c.v !== null && !(c.t === "s" && String(c.v).trim() === "");
}

/**
 * A formula cell whose XML has no stored result (`<c><f>A2*2</f></c>`): SheetJS gives it as a stub
 * (`t: "z"`, with sheetStubs) or an error cell without a code. Reading it as missing would drop a value
 * silently. (A text formula with an empty stored result, `t="str"` and `<v></v>`, is how Excel stores
 * a formula that returns "", so it stays an empty text; SheetJS cannot tell the two apart.)
 */
function formulaWithoutValue(c: CellObject): boolean {
  const formula = c.f !== undefined || c.F !== undefined;
  return formula && (c.t === "z" || (c.t === "e" && c.v === undefined));
}

function unevaluatedError(
  file: string,
  sheet: string,
  cells: readonly { r: number; c: number; cell: CellObject }[],
  headerRow: number,
  c0: number,
  colNames: readonly string[],
): SurvinferError {
  const { r, c, cell } = cells[0];
  const name = r > headerRow && headerRow >= 0 ? colNames[c - c0] : undefined;
  const more = cells.length > 1 ? ` (${cells.length} such cells; the first is shown)` : "";
  const role = r === headerRow ? " (the header row)" : "";
  return new SurvinferError({
    code: "DATA_FORMULA_WITHOUT_VALUE",
    message: `sheet ${JSON.stringify(sheet)}, cell ${XLSX.utils.encode_cell({ r, c })}${role} holds a formula without a stored result${more}`,
    file,
    row: r + 1,
    column: name,
    value: cell.f !== undefined ? `=${cell.f}` : undefined,
    hint: "Open and save the file in Excel or LibreOffice so the values are computed, or export CSV",
  });
}

/** Parses workbook bytes into raw columns of the chosen sheet. */
export function parseWorkbook(bytes: Uint8Array, options: XlsxOptions): RawTable {
  const file = options.file;
  const warnings: string[] = [];
  const archive = isZipArchive(bytes) ? checkWorkbookArchive(bytes, file) : undefined;
  if (archive === undefined && !isOleFile(bytes) && isBinaryNotUtf16(bytes)) {
    // SheetJS would read any bytes as some text format and give a table of junk (e.g. a .xlsx whose
    // ZIP signature was damaged)
    throw new SurvinferError({
      code: "DATA_UNREADABLE_WORKBOOK",
      message: "could not be read as a spreadsheet (neither a ZIP-based workbook such as .xlsx nor an Excel 97-2003 file, and not text)",
      file,
      hint: "The file may be damaged: open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8)",
    });
  }
  let wb: XLSX.WorkBook;
  try {
    // cellFormula + sheetStubs: formula cells without a stored result come back as stubs (instead of
    // vanishing). Not for ODS: there SheetJS would materialise every repeated empty cell as a stub.
    wb = XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellNF: true,
      cellText: false,
      cellDates: false,
      cellHTML: false,
      cellFormula: true,
      sheetStubs: archive?.ods !== true,
    });
  } catch (e) {
    throw new SurvinferError({
      code: "DATA_UNREADABLE_WORKBOOK",
      message: `could not be read as a spreadsheet (${e instanceof Error ? e.message : String(e)})`,
      file,
      hint: "Open it in Excel and save it again as .xlsx, or export the sheet as CSV (UTF-8)",
    });
  }
  const names = wb.SheetNames;
  if (names.length === 0) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: "has no sheets", file });
  }
  const sheetName = options.sheet ?? names[0];
  const ws = wb.Sheets[sheetName];
  if (!names.includes(sheetName) || ws === undefined) {
    const near = nearestNames(sheetName, names);
    throw new SurvinferError({
      code: "DATA_SHEET_NOT_FOUND",
      message: `has no sheet named ${JSON.stringify(sheetName)}; its sheets are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
      file,
      value: sheetName,
      hint: near.length > 0 ? `Did you mean ${JSON.stringify(near[0])}?` : "Give one of the sheet names",
    });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const data: (CellObject | undefined)[][] = (ws["!data"] as (CellObject | undefined)[][] | undefined) ?? [];

  // The used range comes from the cells SheetJS parsed, never from the sheet's <dimension ref>
  // (a 28 KB file may declare A1:XFD1048576): work is bounded by the cells present.
  const nonBlankRows: number[] = [];
  let c0 = Number.POSITIVE_INFINITY;
  let c1 = -1;
  let farthest = { r: 0, c: 0 };
  const unevaluated: { r: number; c: number; cell: CellObject }[] = [];
  data.forEach((row, r) => {
    if (!row) return;
    let any = false;
    row.forEach((cell, c) => {
      if (cell === undefined || cell === null) return;
      if (formulaWithoutValue(cell)) unevaluated.push({ r, c, cell });
      if (!present(cell)) return;
      any = true;
      if (c < c0) c0 = c;
      if (c > c1) {
        c1 = c;
        farthest = { r, c };
      }
    });
    if (any) nonBlankRows.push(r);
  });
  if (nonBlankRows.length === 0) {
    if (unevaluated.length > 0) throw unevaluatedError(file, sheetName, unevaluated, -1, 0, []);
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: `sheet ${JSON.stringify(sheetName)} is empty (no header row)`, file });
  }
  const h = nonBlankRows[0];
  const headerRow = data[h] ?? [];
  const width = c1 - c0 + 1;
  const dataRows = nonBlankRows.slice(1);
  const nRows = dataRows.length;
  if (width * nRows > MAX_TABLE_CELLS) {
    const used = `${XLSX.utils.encode_cell({ r: h, c: c0 })}:${XLSX.utils.encode_cell({ r: nonBlankRows[nonBlankRows.length - 1], c: c1 })}`;
    throw new SurvinferError({
      code: "DATA_WORKBOOK_TOO_LARGE",
      message:
        `sheet ${JSON.stringify(sheetName)} spans ${used}: ${width.toLocaleString("en")} columns × ${nRows.toLocaleString("en")} data rows, ` +
        `more than the ${MAX_TABLE_CELLS.toLocaleString("en")} cells survinfer reads from a sheet (the rightmost cell is ${XLSX.utils.encode_cell(farthest)})`,
      file,
      hint: "Delete stray cells far right or below the table and save again, or export the sheet as CSV (UTF-8)",
    });
  }
  const rowNumbers = Int32Array.from(dataRows, (r) => r + 1);

  const header = [];
  for (let c = c0; c <= c1; c++) {
    const cell = headerRow[c];
    header.push(cell && present(cell) ? cellText(cell).trim() : "");
  }
  const colNames = nameColumns(header, file, warnings, h + 1);
  if (unevaluated.length > 0) throw unevaluatedError(file, sheetName, unevaluated, h, c0, colNames);
  const columns: RawColumn[] = [];
  let nErrors = 0;
  let firstError = "";
  for (let j = 0; j < width; j++) {
    const c = c0 + j;
    const texts = new Array<string | undefined>(nRows);
    const numbers = new Float64Array(nRows).fill(Number.NaN);
    const kinds = new Uint8Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const cell = data[dataRows[i]]?.[c];
      kinds[i] = CELL_TEXT;
      if (!present(cell)) continue;
      switch (cell.t) {
        case "n": {
          numbers[i] = cell.v as number;
          kinds[i] = typeof cell.z === "string" && XLSX.SSF.is_date(cell.z) ? CELL_DATE_SERIAL : CELL_NUMBER;
          break;
        }
        case "b":
          numbers[i] = cell.v ? 1 : 0;
          kinds[i] = CELL_BOOLEAN;
          break;
        case "e":
          if (nErrors === 0) firstError = `row ${dataRows[i] + 1}, column ${JSON.stringify(colNames[j])}: ${cellText(cell)}`;
          nErrors++;
          break;
        case "d": {
          // only with cellDates, kept for safety: a JS Date → serial
          const d = cell.v as Date;
          numbers[i] = d.getTime() / 86400000 + 25569;
          kinds[i] = CELL_DATE_SERIAL;
          break;
        }
        default:
          texts[i] = cellText(cell);
      }
    }
    columns.push({ name: colNames[j], texts, numbers, cellKind: kinds });
  }
  if (nErrors > 0) warnings.push(`${file}: ${nErrors} cell(s) hold Excel errors and are read as missing (first: ${firstError})`);
  return { columns, rowNumbers, headerRow: h + 1, warnings, sheet: sheetName, sheets: [...names], date1904 };
}
