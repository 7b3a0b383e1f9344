/**
 * Hostile workbooks (issue 12): a sheet that declares the whole grid, ZIP bombs (also with lying
 * headers), and the cell/row/string caps. Each CLI case checks exit code 2, the message, and that
 * the input file is unchanged.
 */
import * as XLSX from "@e965/xlsx";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { MAX_TABLE_CELLS } from "../../src/data/read-xlsx.js";
import { WORKBOOK_LIMITS, checkWorkbookArchive } from "../../src/data/xlsx-limits.js";
import type { WorkbookLimits } from "../../src/data/xlsx-limits.js";
import { SurvinferError } from "../../src/errors.js";
import { km, sha256, tempDir, writeBytes } from "./files.js";
import { cohortRows, num, ods, odsEmpty, odsNum, odsStr, row, str, xlsx } from "./workbook.js";

const { dir, cleanup } = tempDir("xlsx-limits");
afterAll(cleanup);

/** A shared-strings bomb: `n` copies of one short string, which deflate packs ~400-fold. */
const bomb = (n: number): Uint8Array => xlsx({ sheetData: cohortRows([5, 8], [1, 0]), sharedStrings: "<si><t>a</t></si>".repeat(n) });

function setU32(b: Uint8Array, i: number, v: number): void {
  b[i] = v & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
  b[i + 2] = (v >>> 16) & 0xff;
  b[i + 3] = (v >>> 24) & 0xff;
}

/** Rewrites the declared unpacked size of the part `name`, in its local header and central directory entry. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  return patchHeaders(zip, name, 22, 24, size);
}
/** Rewrites the declared packed size of the part `name` (local header and central directory). */
function declarePackedSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  return patchHeaders(zip, name, 18, 20, size);
}
function patchHeaders(zip: Uint8Array, name: string, localAt: number, centralAt: number, size: number): Uint8Array {
  const b = zip.slice();
  const enc = new TextEncoder().encode(name);
  const nameAt = (at: number): boolean => enc.every((x, k) => b[at + k] === x);
  let patched = 0;
  for (let i = 0; i + 46 < b.length; i++) {
    if (b[i] !== 0x50 || b[i + 1] !== 0x4b) continue;
    const local = b[i + 2] === 0x03 && b[i + 3] === 0x04 && nameAt(i + 30);
    const central = b[i + 2] === 0x01 && b[i + 3] === 0x02 && nameAt(i + 46);
    if (local) setU32(b, i + localAt, size);
    if (central) setU32(b, i + centralAt, size);
    if (local || central) patched++;
  }
  expect(patched).toBe(2);
  return b;
}

function archiveError(fn: () => unknown): SurvinferError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SurvinferError) return e;
    throw e;
  }
  throw new Error("expected a SurvinferError");
}

describe("a sheet whose <dimension> declares the whole grid (A1:XFD1048576)", () => {
  it("is read from the cells present, in well under a second of work, with the right table", async () => {
    const bytes = xlsx({ sheetData: cohortRows([5, 8, 12, 20], [1, 0, 1, 1]), dimension: "A1:XFD1048576" });
    const path = writeBytes(dir, "whole-grid.xlsx", bytes);
    const before = sha256(path);
    const run = await km("whole-grid.xlsx", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { strata: { n: number; events: number; time: number[] }[] };
    expect(out.strata[0].n).toBe(4);
    expect(out.strata[0].events).toBe(3);
    expect(out.strata[0].time).toEqual([5, 8, 12, 20]);
    // 37 s before the fix; the bound is generous for a loaded 2-core machine
    expect(run.ms).toBeLessThan(5000);
    expect(sha256(path)).toBe(before);
  });

  it("keeps the table's own columns: a declared range wider than the cells adds no columns", () => {
    const bytes = xlsx({ sheetData: row(3, str("C3", "time") + str("D3", "status")) + row(4, num("C4", 7) + num("D4", 1)), dimension: "A1:XFD1048576" });
    const r = readTable(bytes, { fileName: "x.xlsx" });
    expect(r.table.columns.map((c) => c.name)).toEqual(["time", "status"]);
    expect(Array.from(r.table.rowNumbers)).toEqual([4]);
  });

  it("refuses a sheet whose stray far cell would make the table larger than MAX_TABLE_CELLS, naming that cell", () => {
    const nRows = Math.ceil(MAX_TABLE_CELLS / 16384) + 1;
    let sheet = row(1, str("A1", "time"));
    for (let r = 2; r <= nRows + 1; r++) sheet += row(r, num(`A${r}`, r));
    sheet += row(nRows + 2, num(`XFD${nRows + 2}`, 1));
    const err = archiveError(() => readTable(xlsx({ sheetData: sheet }), { fileName: "stray.xlsx" }));
    expect(err.code).toBe("DATA_WORKBOOK_TOO_LARGE");
    expect(err.message).toContain("stray.xlsx");
    expect(err.message).toContain(`rightmost cell is XFD${nRows + 2}`);
    expect(err.message).toContain("16,384 columns");
    expect(err.message).toMatch(/export the sheet as CSV/);
  });
});

describe("ZIP bombs are refused before SheetJS parses them", () => {
  it("a shared-strings bomb: exit 2 naming the file, the part and the ratio limit, fast, file unchanged", async () => {
    const bytes = bomb(600_000); // 10 MB of XML in ~25 KB
    expect(bytes.length).toBeLessThan(60_000);
    const path = writeBytes(dir, "sst-bomb.xlsx", bytes);
    const before = sha256(path);
    const run = await km("sst-bomb.xlsx", dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("sst-bomb.xlsx");
    expect(run.stderr).toContain('part "xl/sharedStrings.xml"');
    expect(run.stderr).toContain(`limit: ratio ${WORKBOOK_LIMITS.maxRatio}`);
    expect(run.stderr).toMatch(/Export the sheet as CSV/);
    expect(run.ms).toBeLessThan(5000);
    expect(sha256(path)).toBe(before);
  });

  it("a bomb whose headers declare a small unpacked size is measured by what it really unpacks to", async () => {
    const bytes = declareSize(bomb(600_000), "xl/sharedStrings.xml", 1000);
    const path = writeBytes(dir, "lying-bomb.xlsx", bytes);
    const before = sha256(path);
    const run = await km("lying-bomb.xlsx", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lying-bomb.xlsx");
    expect(run.stderr).toContain("ZIP bomb");
    expect(sha256(path)).toBe(before);
  });

  it("a part declaring a 4 GB unpacked size is refused before anything is allocated for it", async () => {
    const bytes = declareSize(xlsx({ sheetData: cohortRows([5], [1]), sharedStrings: "<si><t>a</t></si>" }), "xl/sharedStrings.xml", 0xfffffff0);
    const path = writeBytes(dir, "declared-4gb.xlsx", bytes);
    const before = sha256(path);
    const run = await km("declared-4gb.xlsx", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("declared-4gb.xlsx");
    expect(run.stderr).toContain("limit: 256.0 MB unpacked in all");
    expect(sha256(path)).toBe(before);
  });

  it("a part whose deflate stream runs past its declared packed size is a damaged workbook, not an internal error", async () => {
    const good = xlsx({ sheetData: cohortRows([5, 8], [1, 0]), sharedStrings: "<si><t>a</t></si>".repeat(50_000) });
    const bytes = declarePackedSize(good, "xl/sharedStrings.xml", 40);
    const path = writeBytes(dir, "damaged.xlsx", bytes);
    const before = sha256(path);
    const run = await km("damaged.xlsx", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("damaged.xlsx");
    expect(run.stderr).toMatch(/could not be read as a spreadsheet \(damaged ZIP archive: part "xl\/sharedStrings\.xml"/);
    expect(sha256(path)).toBe(before);
  });
});

describe("checkWorkbookArchive counts and caps", () => {
  const small = (over: Partial<WorkbookLimits>): WorkbookLimits => ({ ...WORKBOOK_LIMITS, ...over });

  it("counts the cells, rows and shared strings of a workbook exactly (namespace prefixes too)", () => {
    const sheet = row(1, str("A1", "time") + `<c r="B1" t="s"><v>0</v></c>`) + row(2, num("A2", 1) + `<x:c r="B2"><x:v>2</x:v></x:c>`) + row(3, `<c r="A3"/>`);
    const counts = checkWorkbookArchive(xlsx({ sheetData: sheet, sharedStrings: "<si><t>status</t></si><si><t>b</t></si>" }), "x.xlsx");
    expect(counts).toMatchObject({ cells: 5, rows: 3, sharedStrings: 2, parts: 6 });
  });

  it("measures the real unpacked size, whatever the compression level", () => {
    const parts = { sheetData: cohortRows([1, 2, 3], [1, 1, 0]), sharedStrings: "<si><t>x</t></si>" };
    const packed = checkWorkbookArchive(xlsx({ ...parts, level: 9 }), "a.xlsx");
    const stored = checkWorkbookArchive(xlsx({ ...parts, level: 0 }), "b.xlsx");
    expect(packed.unpackedBytes).toBe(stored.unpackedBytes);
  });

  it("refuses more cells, rows or shared strings than the limits, naming the limit and the part", () => {
    const bytes = xlsx({ sheetData: cohortRows([1, 2, 3, 4], [1, 1, 0, 1]), sharedStrings: "<si><t>x</t></si>".repeat(4) });
    const cells = archiveError(() => checkWorkbookArchive(bytes, "c.xlsx", small({ maxCells: 9 })));
    expect(cells.code).toBe("DATA_WORKBOOK_TOO_LARGE");
    expect(cells.message).toMatch(/^c\.xlsx: is a workbook with more than 9 cells \(limit: 9; found 10 by part "xl\/worksheets\/sheet1\.xml"\)/);
    const rows = archiveError(() => checkWorkbookArchive(bytes, "c.xlsx", small({ maxRows: 4 })));
    expect(rows.message).toContain("more than 4 rows");
    const strings = archiveError(() => checkWorkbookArchive(bytes, "c.xlsx", small({ maxSharedStrings: 3 })));
    expect(strings.message).toContain("more than 3 shared strings");
    expect(() => checkWorkbookArchive(bytes, "c.xlsx", small({ maxCells: 10, maxRows: 5, maxSharedStrings: 4 }))).not.toThrow();
  });

  it("refuses a workbook unpacking to more than the total limit", () => {
    const bytes = xlsx({ sheetData: cohortRows([1, 2], [1, 0]) });
    const total = checkWorkbookArchive(bytes, "t.xlsx").unpackedBytes;
    expect(() => checkWorkbookArchive(bytes, "t.xlsx", small({ maxUnpackedBytes: total }))).not.toThrow();
    const err = archiveError(() => checkWorkbookArchive(bytes, "t.xlsx", small({ maxUnpackedBytes: total - 1 })));
    expect(err.code).toBe("DATA_WORKBOOK_TOO_LARGE");
    expect(err.message).toContain("unpacked in all");
  });

  it("applies the ratio limit only past the grace size, so small highly packed parts pass", () => {
    const bytes = bomb(50_000); // sharedStrings.xml: 850 KB, packed ~400-fold
    expect(() => checkWorkbookArchive(bytes, "g.xlsx")).not.toThrow();
    const err = archiveError(() => checkWorkbookArchive(bytes, "g.xlsx", small({ ratioGraceBytes: 100_000 })));
    expect(err.message).toContain("ZIP bomb");
  });

  it("lets an ordinary workbook written by SheetJS through (2,000 patients, mixed cells)", () => {
    const aoa: (string | number)[][] = [["id", "time", "status", "sex", "dx"]];
    for (let i = 1; i <= 2000; i++) aoa.push([i, (i * 7919) % 240, i % 3 === 0 ? 0 : 1, i % 2 ? "f" : "m", `2010-01-${String((i % 28) + 1).padStart(2, "0")}`]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), "S");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer);
    const counts = checkWorkbookArchive(bytes, "ok.xlsx");
    expect(counts.cells).toBe(2001 * 5);
    expect(counts.rows).toBe(2001);
    expect(readTable(bytes, { fileName: "ok.xlsx" }).table.nRows).toBe(2000);
  });
});

describe("OpenDocument spreadsheets: repeated cells are counted as SheetJS would copy them", () => {
  const odsRow = (cells: string, repeat = 1): string =>
    `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ""}>${cells}</table:table-row>`;

  it("a LibreOffice-style sheet (empty cells to column AMJ, empty rows to 1,048,576) reads fast and exactly", async () => {
    const bytes = ods(
      odsRow(odsStr("time") + odsStr("status") + odsEmpty(1022)) +
        odsRow(odsNum(5) + odsNum(1) + odsEmpty(1022)) +
        odsRow(odsNum(8) + odsNum(0) + odsEmpty(1022)) +
        odsRow(odsEmpty(1024), 1048573),
    );
    expect(checkWorkbookArchive(bytes, "lo.ods")).toMatchObject({ ods: true, cells: 10, rows: 4 });
    const path = writeBytes(dir, "libreoffice.ods", bytes);
    const before = sha256(path);
    const run = await km("libreoffice.ods", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { strata: { n: number; events: number }[] }).strata[0]).toMatchObject({ n: 2, events: 1 });
    expect(run.ms).toBeLessThan(5000);
    expect(sha256(path)).toBe(before);
  });

  it("a non-empty cell repeated 16,000 times in a row repeated 1,000,000 times: exit 2 before parsing, file unchanged", async () => {
    const cell = `<table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>`;
    const path = writeBytes(dir, "repeat-bomb.ods", ods(odsRow(odsStr("time") + odsStr("status")) + odsRow(cell, 1_000_000)));
    const before = sha256(path);
    const run = await km("repeat-bomb.ods", dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`repeat-bomb.ods: is a workbook with more than 2,000,000 cells (limit: 2,000,000; found 16,000,000,002 by part "content.xml")`);
    expect(run.ms).toBeLessThan(5000);
    expect(sha256(path)).toBe(before);
  });
});
