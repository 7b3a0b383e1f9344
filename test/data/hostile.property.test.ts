import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveEndpoint } from "../../src/data/endpoints.js";
import { formatIsoDate } from "../../src/data/dates.js";
import { readTable } from "../../src/data/read.js";
import type { ReadResult } from "../../src/data/read.js";
import type { Table } from "../../src/data/table.js";
import { SurvinferError } from "../../src/errors.js";
import { assertProperty, expectReadRefusal, property } from "../helpers/property.js";

const enc = new TextEncoder();

/** Reads, and accepts either a well-formed table or a data error that names the file; anything else fails the property. */
function readOrDataError(bytes: Uint8Array, fileName: string): ReadResult | SurvinferError {
  try {
    const r = readTable(bytes, { fileName });
    checkTable(r.table);
    return r;
  } catch (e) {
    expectReadRefusal(e, fileName);
    return e as SurvinferError;
  }
}

function checkTable(t: Table): void {
  expect(t.rowNumbers.length).toBe(t.nRows);
  for (const c of t.columns) {
    if (c.kind === "categorical") {
      expect(c.codes.length).toBe(t.nRows);
      for (const k of c.codes) expect(k >= -1 && k < c.levels.length).toBe(true);
    } else expect(c.values.length).toBe(t.nRows);
  }
}

const hostileCell = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom('=HYPERLINK("http://evil","x")', "=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", '"', '""', "\r", "\n", ";", ",", "\t", "|"),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: 1, max: 60000 }).map((d) => formatIsoDate(d)),
  fc.constantFrom("31.02.2010", "01/02/2010", "13/13/2013", "NA", "", ".", "-", "1.234,5", "1,5"),
  fc.string({ minLength: 0, maxLength: 3 }).map((s) => s.repeat(3000)),
);

function toCsv(rows: string[][], delim: string, quoteAll: boolean, eol = "\n"): string {
  return rows
    .map((r) => r.map((c) => (quoteAll || /[",;\t|\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delim))
    .join(eol);
}

describe("readers on hostile input", () => {
  it("random bytes as .csv give a table or a SurvinferError", () => {
    assertProperty(
      property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        readOrDataError(bytes, "x.csv");
      }),
      { seed: 20261214, numRuns: 300 },
    );
  });

  it("random bytes as .xlsx (and with a ZIP signature) give a table or a SurvinferError", () => {
    assertProperty(
      property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, zip) => {
        const b = zip ? Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...bytes]) : bytes;
        readOrDataError(b, "x.xlsx");
      }),
      { seed: 20261213, numRuns: 100 },
    );
  });

  it("ragged rows of hostile cells under unicode column names give a table or a SurvinferError", () => {
    assertProperty(
      property(
        fc.array(fc.string({ unit: "grapheme", minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(hostileCell, { minLength: 0, maxLength: 8 }), { minLength: 0, maxLength: 12 }),
        fc.constantFrom(",", ";", "\t", "|"),
        fc.boolean(),
        fc.constantFrom("\n", "\r\n", "\r"),
        (header, rows, delim, quoteAll, eol) => {
          const text = toCsv([header, ...rows], delim, quoteAll, eol);
          readOrDataError(enc.encode(text), "x.csv");
        },
      ),
      { seed: 20261212, numRuns: 150 },
    );
  });

  it("well-formed numeric tables survive a CSV round trip exactly", () => {
    assertProperty(
      property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), { minLength: 5, maxLength: 5 }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.constantFrom(",", ";", "\t", "|"),
        (k, rows, delim) => {
          const header = Array.from({ length: k }, (_, j) => `spalte_${j}_ä`);
          const text = toCsv([header, ...rows.map((r) => r.slice(0, k).map((x) => String(Object.is(x, -0) ? 0 : x)))], delim, false);
          const r = readTable(enc.encode(text), { fileName: "x.csv", delimiter: delim as "," });
          for (let j = 0; j < k; j++) {
            const c = r.table.columns[j];
            expect(c.kind).toBe("numeric");
            if (c.kind === "numeric") expect(Array.from(c.values)).toEqual(rows.map((row) => (Object.is(row[j], -0) ? 0 : row[j])));
          }
        },
      ),
      { seed: 20261211, numRuns: 200 },
    );
  });

  it("workbooks of hostile cells give a table or a SurvinferError", () => {
    const cell = fc.oneof(
      hostileCell,
      fc.double(),
      fc.boolean(),
      fc.integer({ min: -10, max: 80000 }).map((v): XLSX.CellObject => ({ t: "n", v, z: "dd.mm.yyyy" })),
      fc.constant(null),
    );
    assertProperty(
      property(fc.array(fc.array(cell, { maxLength: 5 }), { minLength: 0, maxLength: 10 }), (aoa) => {
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), "S");
        const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
        readOrDataError(bytes, "x.xlsx");
      }),
      { seed: 20261210, numRuns: 30 },
    );
  });

  it("a 5 MB cell is read whole", () => {
    const big = "x".repeat(5_000_000);
    const r = readTable(enc.encode(`a,b\n1,"${big}"\n`), { fileName: "x.csv" });
    const c = r.table.columns[1];
    expect(c.kind === "categorical" && c.levels[0].length).toBe(5_000_000);
  });
});

describe("deriveEndpoint on random dates", () => {
  it("gives non-negative times and 0/1 status for every kept row and excludes the others with a reason", () => {
    // Valid-input generator: each date is the origin plus 0–800 days or missing (a missing origin or a
    // row with neither an event nor a censoring date is an exclusion, not an error), so every run reaches
    // the invariants; a SurvinferError here fails the property.
    const origin = fc.option(fc.integer({ min: 14000, max: 15000 }), { nil: undefined, freq: 8 });
    const later = fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined, freq: 2 });
    const row = fc.tuple(origin, later, later, later).map(([o, p, d, f]) => [o, o === undefined || p === undefined ? undefined : o + p, o === undefined || d === undefined ? undefined : o + d, o === undefined || f === undefined ? undefined : o + f]);
    let derived = 0;
    let kept = 0;
    let total = 0;
    assertProperty(
      property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.option(fc.integer({ min: 14500, max: 16500 })), (rows, cut) => {
        const fmt = (d: number | undefined) => (d === undefined ? "" : formatIsoDate(d));
        const text = ["id,o,p,d,f", ...rows.map((r, i) => [String(i + 1), ...r.map(fmt)].join(","))].join("\n");
        const { table } = readTable(enc.encode(text), { fileName: "x.csv", columns: { o: { type: "date" }, p: { type: "date" }, d: { type: "date" }, f: { type: "date" } } });
        const ep = deriveEndpoint(table, { origin: "o", event: ["p", "d"], censor: "f", ...(cut === null ? {} : { cutoff: cut }) });
        derived++;
        kept += ep.time.length;
        total += table.nRows;
        expect(ep.time.length + new Set(ep.exclusions.map((e) => e.row)).size).toBe(table.nRows);
        for (const e of ep.exclusions) expect(e.reason.length).toBeGreaterThan(0);
        for (let i = 0; i < ep.time.length; i++) {
          expect(ep.time[i] >= 0).toBe(true);
          expect(ep.status[i] === 0 || ep.status[i] === 1).toBe(true);
        }
      }),
      { seed: 20261209, numRuns: 200 },
    );
    expect(derived).toBe(200);
    // the generator must keep most rows (origins after the cut-off are the main exclusion), or the
    // time/status invariants are checked on nothing
    expect(kept / total).toBeGreaterThan(0.6);
  });
});
