import { describe, expect, it } from "vitest";
import { denseRanks, denseRanksRadix, denseRanksSearch } from "../../src/survival/cox/order.js";

/** Dense ranks by definition: the number of distinct values below each value. */
function naiveRanks(values: Float64Array, rows: Int32Array, nAll: number): { rank: Int32Array; m: number } {
  const distinct = Array.from(new Set(Array.from(rows, (r) => (values[r] === 0 ? 0 : values[r])))).sort((a, b) => a - b);
  const rank = new Int32Array(nAll);
  for (const r of rows) rank[r] = distinct.findIndex((d) => d === values[r]);
  return { rank, m: distinct.length };
}

/** Deterministic uniform(0,1) generator (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("denseRanks (Cox row order)", () => {
  it("radix argsort gives the definition's ranks: negatives, ±0, ties, huge and tiny magnitudes, a subset of rows", () => {
    const rand = mulberry32(7);
    const n = 3000;
    const specials = [0, -0, 1e-300, -1e-300, 5e-324, -5e-324, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, 1, -1, 0.1 + 0.2, 0.3];
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rand();
      values[i] = u < 0.2 ? specials[Math.floor(rand() * specials.length)] : u < 0.5 ? Math.floor(rand() * 40) - 20 : (rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10);
    }
    const rows = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3).reverse();
    const want = naiveRanks(values, rows, n);
    const radix = denseRanksRadix(values, rows, n);
    expect(radix).not.toBeNull();
    expect(radix?.m).toBe(want.m);
    expect(Array.from(radix?.rank ?? [])).toEqual(Array.from(want.rank));
    const search = denseRanksSearch(values, rows, n);
    expect(search.m).toBe(want.m);
    expect(Array.from(search.rank)).toEqual(Array.from(want.rank));
  });

  it("the large-n path (radix) equals the binary-search path on tied integer times and on distinct doubles", () => {
    const rand = mulberry32(11);
    const n = 70_000; // above the radix threshold
    const rows = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const tied = Float64Array.from({ length: n }, () => Math.ceil(rand() * 730));
    const distinct = Float64Array.from({ length: n }, () => rand() - 0.5);
    for (const values of [tied, distinct]) {
      const a = denseRanks(values, rows, n);
      const b = denseRanksSearch(values, rows, n);
      expect(a.m).toBe(b.m);
      let same = true;
      for (let i = 0; i < n; i++) if (a.rank[i] !== b.rank[i]) same = false;
      expect(same).toBe(true);
    }
    expect(denseRanks(tied, rows, n).m).toBeLessThanOrEqual(730);
  });

  it("NaN values fall back to the search version (radix declines)", () => {
    const values = Float64Array.from([1, Number.NaN, 0]);
    expect(denseRanksRadix(values, Int32Array.from([0, 1, 2]), 3)).toBeNull();
  });

  it("no rows: m = 0", () => {
    expect(denseRanksRadix(new Float64Array(0), new Int32Array(0), 0)).toEqual({ rank: new Int32Array(0), m: 0 });
  });
});
