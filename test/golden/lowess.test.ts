/**
 * Golden tests: lowess against R's stats::lowess (C clowess, R 4.2.2) on the fixtures of
 * tools/oracle/lowess.R — ties in x, small n, an outlier, a span that rounds, iter = 0, delta = 0 and
 * a large delta, and the scaled Schoenfeld residuals of cox.zph on lung (the PH diagnostic plot).
 */
import { describe, expect, it } from "vitest";
import { lowess } from "../../src/math/lowess.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

type Nums = number[] | number;
const arr = (v: Nums): number[] => (Array.isArray(v) ? v : [v]);

interface LowessInput {
  x: Nums;
  y: Nums;
  f: number;
  iter: number;
  delta?: number;
}

describe("lowess matches R's stats::lowess", () => {
  const names = listFixtures("lowess", 14);
  it("has the fixtures of tools/oracle/lowess.R", () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });
  for (const name of names) {
    it(`${name}: sorted x and fitted values equal R's to 1e-10`, () => {
      const fx = loadFixture<LowessInput, { x: Nums; y: Nums }>("lowess", name);
      const i = fx.input;
      const res = lowess(arr(i.x), arr(i.y), { f: i.f, iter: i.iter, ...(i.delta !== undefined ? { delta: i.delta } : {}) });
      expect(res.x).toEqual(arr(fx.expected.x));
      expectClose(res.y, arr(fx.expected.y), { rel: 1e-10, abs: 1e-12 }, `${name} (${fx.call})`);
    });
  }
});
