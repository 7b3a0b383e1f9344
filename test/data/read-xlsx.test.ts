import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import type { CategoricalColumn, Table } from "../../src/data/table.js";
import { findColumn } from "../../src/data/table.js";
import { expectDataError } from "./errors.js";

type Cell = XLSX.CellObject | string | number | boolean | null;

function workbook(sheets: Record<string, Cell[][]>, date1904 = false): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}
const dateCell = (serial: number, z = "dd.mm.yyyy"): XLSX.CellObject => ({ t: "n", v: serial, z });

function values(t: Table, name: string): (number | string | null)[] {
  const c = findColumn(t, name);
  if (!c) throw new Error(`no column ${name}`);
  if (c.kind === "categorical") return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
}

describe("readTable on XLSX", () => {
  it("reads the first sheet: numbers, Excel serial dates (1900 system), text and missing cells", () => {
    const bytes = workbook({
      Patients: [
        ["id", "dx", "size", "sex"],
        [1, dateCell(40179), 35, "m"],
        [2, dateCell(40180, "m/d/yy"), null, "f"],
        [3, null, 12.5, "NA"],
      ],
      Other: [["x"], [1]],
    });
    const r = readTable(bytes, { fileName: "cohort.xlsx" });
    expect(r.format).toEqual({ kind: "xlsx", sheet: "Patients", sheets: ["Patients", "Other"] });
    expect(r.table.source).toEqual({ file: "cohort.xlsx", sheet: "Patients" });
    expect(r.inference.map((e) => [e.column, e.kind, e.nMissing])).toEqual([
      ["id", "numeric", 0],
      ["dx", "date", 1],
      ["size", "numeric", 1],
      ["sex", "categorical", 1],
    ]);
    expect(r.inference[1].dateFormat).toBe("excel-serial");
    expect(values(r.table, "dx")).toEqual([14610, 14611, null]); // 2010-01-01, 2010-01-02
    expect(values(r.table, "size")).toEqual([35, null, 12.5]);
    expect(Array.from(r.table.rowNumbers)).toEqual([2, 3, 4]);
  });

  it("reads dates stored as text, detecting their format", () => {
    const bytes = workbook({ S: [["dx"], ["02.01.2010"], ["31.12.2011"]] });
    const r = readTable(bytes, { fileName: "c.xlsx" });
    expect(values(r.table, "dx")).toEqual([14611, 15339]);
    expect(r.inference[0].dateFormat).toBe("DD.MM.YYYY");
  });

  it("reads a column mixing serial dates and text dates", () => {
    const bytes = workbook({ S: [["dx"], [dateCell(40179)], ["2010-01-02"]] });
    expect(values(readTable(bytes, { fileName: "c.xlsx" }).table, "dx")).toEqual([14610, 14611]);
  });

  it("reads serials of a 1904-system workbook", () => {
    const bytes = workbook({ S: [["dx"], [dateCell(40179 - 1462)]] }, true);
    expect(values(readTable(bytes, { fileName: "c.xlsx" }).table, "dx")).toEqual([14610]);
  });

  it("reads a named second sheet", () => {
    const bytes = workbook({ First: [["a"], [1]], Second: [["b", "c"], [2, "x"]] });
    const r = readTable(bytes, { fileName: "c.xlsx", sheet: "Second" });
    expect(r.table.columns.map((c) => c.name)).toEqual(["b", "c"]);
    expect(r.table.source.sheet).toBe("Second");
  });

  it("refuses a wrong sheet name, listing the sheets and suggesting the nearest", () => {
    const bytes = workbook({ Patients: [["a"], [1]], Followup: [["b"], [2]] });
    const err = expectDataError(() => readTable(bytes, { fileName: "c.xlsx", sheet: "patient" }), "DATA_SHEET_NOT_FOUND", {
      text: /"Patients", "Followup"/,
    });
    expect(err.message).toMatch(/Did you mean "Patients"/);
  });

  it("uses the sheet's own row numbers when the header is not on row 1", () => {
    const bytes = workbook({ S: [[null], ["Study export"], [null], ["id", "age"], [1, 50], [null, null], [2, 60]] });
    // "Study export" is the first non-empty row, so it is the header; its column holds "id" above numbers: stopped
    expectDataError(() => readTable(bytes, { fileName: "c.xlsx" }), "DATA_INVALID_NUMBER", { row: 4, column: "Study export", value: "id", text: /second header/ });
    const r2 = readTable(workbook({ S: [[null, null], [null, null], ["id", "age"], [1, 50], [null, null], [2, 60]] }), { fileName: "c.xlsx" });
    expect(Array.from(r2.table.rowNumbers)).toEqual([4, 6]);
    expect(values(r2.table, "age")).toEqual([50, 60]);
  });

  it("reads booleans as TRUE/FALSE levels and Excel error cells as missing with a warning", () => {
    const bytes = workbook({ S: [["flag", "x"], [true, 1], [false, { t: "e", v: 7 }], [true, 3]] });
    const r = readTable(bytes, { fileName: "c.xlsx" });
    expect((findColumn(r.table, "flag") as CategoricalColumn).levels).toEqual(["FALSE", "TRUE"]);
    expect(values(r.table, "x")).toEqual([1, null, 3]);
    expect(r.warnings.join("\n")).toMatch(/Excel errors.*row 3, column "x"/);
  });

  it("keeps formula-like text as text", () => {
    const bytes = workbook({ S: [["note"], ['=HYPERLINK("http://x","y")'], ["+1-2"]] });
    expect(values(readTable(bytes, { fileName: "c.xlsx" }).table, "note")).toEqual(['=HYPERLINK("http://x","y")', "+1-2"]);
  });

  it("refuses Excel's phantom 29 Feb 1900 and invalid text dates, naming row and column", () => {
    expectDataError(() => readTable(workbook({ S: [["dx"], [dateCell(40179)], [dateCell(60)]] }), { fileName: "c.xlsx" }), "DATA_INVALID_DATE", {
      row: 3,
      column: "dx",
    });
    expectDataError(() => readTable(workbook({ S: [["dx"], ["02.01.2010"], ["30.02.2010"]] }), { fileName: "c.xlsx" }), "DATA_INVALID_DATE", {
      row: 3,
      column: "dx",
      value: "30.02.2010",
    });
  });

  it("refuses an empty sheet and unreadable workbook bytes", () => {
    expectDataError(() => readTable(workbook({ S: [[null]] }), { fileName: "c.xlsx" }), "DATA_EMPTY_FILE");
    expectDataError(() => readTable(workbook({ S: [["a", "b"]] }), { fileName: "c.xlsx" }), "DATA_EMPTY_FILE");
    const junk = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expectDataError(() => readTable(junk, { fileName: "c.xlsx" }), "DATA_UNREADABLE_WORKBOOK");
  });
});
