import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { table1, type Table1CategoricalRow, type Table1ContinuousRow } from "../../src/report/table1.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

const cohort = fc.array(fc.record({ g: fc.integer({ min: 0, max: 1 }), x: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }), c: fc.integer({ min: -1, max: 2 }), w: fc.integer({ min: 1, max: 4 }) }), { minLength: 6, maxLength: 40 });

function build(rows: { g: number; x: number | null; c: number; w: number }[]): { table: Table; codes: Int32Array; weights: number[] } {
  const table: Table = {
    nRows: rows.length,
    columns: [
      { kind: "numeric", name: "x", values: Float64Array.from(rows, (r) => (r.x === null ? Number.NaN : r.x)) },
      { kind: "categorical", name: "c", levels: ["a", "b", "c"], codes: Int32Array.from(rows, (r) => r.c) },
    ],
    source: { file: "prop.csv" },
    rowNumbers: Int32Array.from(rows, (_, i) => i + 2),
  };
  return { table, codes: Int32Array.from(rows, (r) => r.g), weights: rows.map((r) => r.w) };
}

describe("table1 properties", () => {
  it("does not depend on the order of the rows (unweighted and weighted)", () => {
    assertProperty(
      property(cohort, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const g0 = rows.filter((r) => r.g === 0 && r.x !== null).length;
        const g1 = rows.filter((r) => r.g === 1 && r.x !== null).length;
        fc.pre(g0 >= 2 && g1 >= 2);
        const shuffled = rows.map((r, i) => ({ r, k: (i * 7919 + seed) % 1009 })).sort((a, b) => a.k - b.k).map((o) => o.r);
        for (const weighted of [false, true]) {
          const run = (rs: typeof rows) => {
            const b = build(rs);
            return table1({ table: b.table, by: { codes: b.codes, levels: ["A", "B"] }, variables: [{ name: "x", kind: "continuous", summary: "median" }, { name: "c", kind: "categorical" }], ...(weighted ? { weights: b.weights } : {}) }, { smd: false });
          };
          const a = run(rows);
          const b = run(shuffled);
          const ca = a.rows[0] as Table1ContinuousRow;
          const cb = b.rows[0] as Table1ContinuousRow;
          for (let g = 0; g < 3; g++) {
            expectClose(cb.groups[g].median, ca.groups[g].median, { rel: 1e-12 }, "median");
            expectClose(cb.groups[g].mean, ca.groups[g].mean, { rel: 1e-12, abs: 1e-12 }, "mean");
            expect(cb.groups[g].missing).toBe(ca.groups[g].missing);
          }
          expectClose(cb.p, ca.p, { rel: 1e-12 }, "p");
          const ka = a.rows[1] as Table1CategoricalRow;
          const kb = b.rows[1] as Table1CategoricalRow;
          ka.levels.forEach((l, i) => expectClose(kb.levels[i].counts, l.counts, { rel: 1e-12 }, "counts"));
          expectClose(kb.p, ka.p, { rel: 1e-12 }, "categorical p");
        }
      }),
      { seed: 20261227, numRuns: 60 },
    );
  });

  it("gives, with equal weights, the same means, SDs and percentages as without weights, and no p-values", () => {
    assertProperty(
      property(cohort, (rows) => {
        fc.pre(rows.filter((r) => r.g === 0 && r.x !== null).length >= 2 && rows.filter((r) => r.g === 1 && r.x !== null).length >= 2);
        const b = build(rows);
        const variables = [{ name: "x", kind: "continuous" as const, summary: "mean" as const }, { name: "c", kind: "categorical" as const }];
        const plain = table1({ table: b.table, by: { codes: b.codes, levels: ["A", "B"] }, variables });
        const eq = table1({ table: b.table, by: { codes: b.codes, levels: ["A", "B"] }, variables, weights: rows.map(() => 2.5) });
        const p0 = plain.rows[0] as Table1ContinuousRow;
        const e0 = eq.rows[0] as Table1ContinuousRow;
        for (let g = 0; g < 3; g++) {
          expectClose(e0.groups[g].mean, p0.groups[g].mean, { rel: 1e-12, abs: 1e-12 }, "mean");
          expectClose(e0.groups[g].sd, p0.groups[g].sd, { rel: 1e-10, abs: 1e-12 }, "sd");
        }
        expectClose(e0.smd, p0.smd, { rel: 1e-10, abs: 1e-12 }, "smd");
        (eq.rows[1] as Table1CategoricalRow).levels.forEach((l, i) => expectClose(l.percents, (plain.rows[1] as Table1CategoricalRow).levels[i].percents, { rel: 1e-12 }, "percents"));
        expect(eq.rows.every((r) => r.p === null)).toBe(true);
      }),
      { seed: 20261226, numRuns: 60 },
    );
  });
});
