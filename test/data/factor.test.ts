/**
 * `columnFactor` of a numeric column (R's factor(): the distinct values sorted, codes −1 for missing)
 * against a plain reference (a Set of the values, sorted, and a Map lookup), with few distinct values
 * (the linear lookup) and many, −0 and 0, NaN, on all rows and on a subset of rows.
 */
import { describe, expect, it } from "vitest";
import { columnFactor } from "../../src/data/factor.js";
import type { Column } from "../../src/data/table.js";

function reference(values: Float64Array, rows?: Int32Array): { codes: number[]; levels: string[] } {
  const picked = rows ? Array.from(rows, (i) => values[i]) : Array.from(values);
  const sorted = [...new Set(picked.filter((v) => !Number.isNaN(v)))].sort((x, y) => x - y);
  const index = new Map(sorted.map((v, j) => [v, j]));
  return { codes: picked.map((v) => (Number.isNaN(v) ? -1 : (index.get(v) ?? -1))), levels: sorted.map(String) };
}

describe("columnFactor of a numeric column", () => {
  it("equals the Set-and-Map reference on 300 random columns (1–20 distinct values, −0, NaN), all rows and a subset", () => {
    let s = 7;
    const rnd = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    for (let k = 0; k < 300; k++) {
      const nDistinct = 1 + Math.floor(rnd() * 20);
      const pool = Array.from({ length: nDistinct }, (_, j) => (j === 0 ? -0 : j === 1 ? 0 : Math.round((rnd() - 0.5) * 100) / 4));
      const n = 1 + Math.floor(rnd() * 200);
      const values = Float64Array.from({ length: n }, () => (rnd() < 0.1 ? Number.NaN : pool[Math.floor(rnd() * pool.length)]));
      const col: Column = { kind: "numeric", name: "x", values };
      const rows = Int32Array.from({ length: Math.floor(n / 2) }, () => Math.floor(rnd() * n));
      for (const r of [undefined, rows]) {
        const f = columnFactor(col, r);
        const want = reference(values, r);
        expect(f.levels).toEqual(want.levels);
        expect(Array.from(f.codes)).toEqual(want.codes);
      }
    }
  });
});
