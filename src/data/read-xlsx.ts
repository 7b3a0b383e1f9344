/**
 * Excel workbooks (.xlsx, also .xlsm/.xls/.ods as SheetJS reads them) → raw columns, using SheetJS
 * (`@e965/xlsx`, a republication of SheetJS 0.20.3, which has no open advisories, unlike npm `xlsx` 0.18).
 *
 * - The first sheet, or the one named by `sheet` (a wrong name is an error listing the sheets).
 * - The first non-empty row of the sheet is the header; row numbers are the sheet's own (row 1 = top).
 * - Number cells with a date number format are Excel serial dates (1900 system, or 1904 when the
 *   workbook says so); other number cells are numbers; text cells are read like CSV text (dates as
 *   text are detected there); booleans are TRUE/FALSE; error cells (#N/A, #DIV/0!) are missing, with a
 *   warning; a formula cell gives its cached value.
 */
import * as XLSX from "@e965/xlsx";
import type { CellObject } from "@e965/xlsx";
import { SurvinferError } from "../errors.js";
import { CELL_BOOLEAN, CELL_DATE_SERIAL, CELL_NUMBER, CELL_TEXT } from "./infer.js";
import type { RawColumn } from "./infer.js";
import { nameColumns } from "./read-csv.js";
import type { RawTable } from "./read-csv.js";
import { nearestNames } from "./validate.js";

export interface XlsxOptions {
  readonly file: string;
  readonly sheet?: string;
}

function cellText(c: CellObject): string {
  if (c.t === "s") return String(c.v ?? "");
  if (c.w !== undefined) return c.w;
  return c.v === undefined || c.v === null ? "" : String(c.v);
}

/** Parses workbook bytes into raw columns of the chosen sheet. */
export function parseWorkbook(bytes: Uint8Array, options: XlsxOptions): RawTable {
  const file = options.file;
  const warnings: string[] = [];
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellText: false, cellDates: false, cellHTML: false, cellFormula: false });
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
  const ref = ws["!ref"];
  const range = ref ? XLSX.utils.decode_range(ref) : { s: { r: 0, c: 0 }, e: { r: -1, c: -1 } };

  const present = (c: CellObject | undefined): c is CellObject =>
    c !== undefined && c.t !== "z" && c.v !== undefined && c.v !== null && !(c.t === "s" && String(c.v).trim() === "");
  const rowBlank = (r: number): boolean => {
    const row = data[r];
    if (!row) return true;
    for (let c = range.s.c; c <= range.e.c; c++) if (present(row[c])) return false;
    return true;
  };

  let h = range.s.r;
  while (h <= range.e.r && rowBlank(h)) h++;
  if (h > range.e.r) {
    throw new SurvinferError({ code: "DATA_EMPTY_FILE", message: `sheet ${JSON.stringify(sheetName)} is empty (no header row)`, file });
  }
  const headerRow = data[h] ?? [];
  let c0 = range.s.c;
  let c1 = range.e.c;
  while (c0 < c1 && !present(headerRow[c0]) && columnBlank(data, c0, h, range.e.r, present)) c0++;
  while (c1 > c0 && !present(headerRow[c1]) && columnBlank(data, c1, h, range.e.r, present)) c1--;
  const width = c1 - c0 + 1;

  const dataRows: number[] = [];
  for (let r = h + 1; r <= range.e.r; r++) if (!rowBlank(r)) dataRows.push(r);
  const nRows = dataRows.length;
  const rowNumbers = Int32Array.from(dataRows, (r) => r + 1);

  const header = [];
  for (let c = c0; c <= c1; c++) {
    const cell = headerRow[c];
    header.push(cell && present(cell) ? cellText(cell).trim() : "");
  }
  const colNames = nameColumns(header, file, warnings, h + 1);
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
  return { columns, rowNumbers, headerRow: h + 1, warnings, sheet: sheetName, date1904 };
}

function columnBlank(
  data: (CellObject | undefined)[][],
  c: number,
  from: number,
  to: number,
  present: (c: CellObject | undefined) => boolean,
): boolean {
  for (let r = from; r <= to; r++) if (present(data[r]?.[c])) return false;
  return true;
}
