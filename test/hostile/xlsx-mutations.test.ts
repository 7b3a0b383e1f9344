/**
 * Damaged workbooks (issue 12): random byte changes and truncations of a valid .xlsx give either the
 * same table as the intact file or a SurvinferError, never other values and never another exception
 * (the archive check verifies each part's CRC-32 and size, which SheetJS does not).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { cohortRows, xlsx } from "./workbook.js";
import { assertProperty, expectReadRefusal, property } from "../helpers/property.js";

const parts = { sheetData: cohortRows([5, 8, 12, 20], [1, 0, 1, 1]), sharedStrings: "<si><t>time</t></si><si><t>status</t></si>" };
const base = xlsx(parts);
/** The same workbook with its parts stored, not deflated: a changed byte changes the XML itself. */
const stored = xlsx({ ...parts, level: 0 });

const intact = JSON.stringify(readTable(base, { fileName: "m.xlsx" }).table.columns, tableJson);

/** Typed arrays as plain arrays, so that two tables compare by their values. */
function tableJson(_key: string, v: unknown): unknown {
  return ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
}

/** The same table as the intact file, or a data error naming the file. */
function sameTableOrDataError(bytes: Uint8Array): void {
  let columns: string;
  try {
    columns = JSON.stringify(readTable(bytes, { fileName: "m.xlsx" }).table.columns, tableJson);
  } catch (e) {
    expectReadRefusal(e, "m.xlsx");
    return;
  }
  expect(columns).toBe(intact);
}

describe("damaged workbooks", () => {
  it("random byte changes give the same table or a SurvinferError", () => {
    assertProperty(
      property(fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), (edits) => {
        const b = base.slice();
        for (const [at, v] of edits) b[at] = v;
        sameTableOrDataError(b);
      }),
      { seed: 20261217, numRuns: 500 },
    );
  });

  it("random byte changes in a workbook of stored (uncompressed) parts give the same table or a SurvinferError", () => {
    assertProperty(
      property(fc.array(fc.tuple(fc.nat({ max: stored.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const b = stored.slice();
        for (const [at, v] of edits) b[at] = v;
        sameTableOrDataError(b);
      }),
      { seed: 20261216, numRuns: 500 },
    );
  });

  it("truncations give the same table (only the end record's tail was cut) or a SurvinferError", () => {
    assertProperty(
      property(fc.integer({ min: 4, max: base.length - 1 }), (n) => {
        sameTableOrDataError(base.subarray(0, n));
      }),
      { seed: 20261215, numRuns: 200 },
    );
  });
});
