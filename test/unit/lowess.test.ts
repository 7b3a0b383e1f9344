/**
 * Unit tests of lowess (src/math/lowess.ts) on cases derived by hand: a straight line, a four-point
 * tricube fit, the delta shortcut, ties, and the validation of the front door.
 */
import { describe, expect, it } from "vitest";
import { lowess, lowessSorted } from "../../src/math/lowess.js";
import { expectClose } from "../helpers/expect-close.js";

/** Weighted least-squares line through (x, y) with weights w, evaluated at x0. */
function wlsAt(x: number[], y: number[], w: number[], x0: number): number {
  const sw = w.reduce((s, v) => s + v, 0);
  const xbar = w.reduce((s, v, i) => s + v * x[i], 0) / sw;
  const ybar = w.reduce((s, v, i) => s + v * y[i], 0) / sw;
  const sxy = w.reduce((s, v, i) => s + v * (x[i] - xbar) * (y[i] - ybar), 0);
  const sxx = w.reduce((s, v, i) => s + v * (x[i] - xbar) ** 2, 0);
  return ybar + (sxy / sxx) * (x0 - xbar);
}

describe("lowess", () => {
  it("returns a straight line exactly (to rounding) without robustness iterations, whatever the span", () => {
    const x = [13, 0, 5, 1, 8, 2, 3, 3];
    const y = x.map((v) => 2 - 0.75 * v);
    // (with iter > 0 R's robustness weights are computed from rounding noise and may drop points: see the
    // golden fixture line-rounding-noise)
    for (const opts of [{ iter: 0 }, { f: 0.3, iter: 0 }, { f: 1, iter: 0 }, { f: 0.5, delta: 0, iter: 0 }]) {
      const s = lowess(x, y, opts);
      expect(s.x).toEqual([0, 1, 2, 3, 3, 5, 8, 13]);
      expectClose(s.y, s.x.map((v) => 2 - 0.75 * v), { abs: 1e-12 }, JSON.stringify(opts));
    }
  });

  it("fits the tricube-weighted line of the hand example (x = 0..3, f = 1, iter = 0)", () => {
    // span r = 4: h(xᵢ) = distance to the farthest point; w = (1 − (d/h)³)³; d = h gets weight 0
    const x = [0, 1, 2, 3];
    const y = [0, 1, 0, 5];
    const tri = (d: number, h: number): number => (d / h <= 0.001 ? 1 : d >= 0.999 * h ? 0 : (1 - (d / h) ** 3) ** 3);
    const expected = x.map((x0) => {
      const h = Math.max(x0 - 0, 3 - x0);
      return wlsAt(x, y, x.map((v) => tri(Math.abs(v - x0), h)), x0);
    });
    // at x = 0: weights 1, (26/27)³, (19/27)³, 0
    expect(tri(1, 3)).toBeCloseTo((26 / 27) ** 3, 15);
    const s = lowess(x, y, { f: 1, iter: 0, delta: 0 });
    expectClose(s.y, expected, { rel: 1e-13 }, "hand");
  });

  it("interpolates linearly between fitted points closer than delta, and copies the fit to tied x", () => {
    const x = Float64Array.from([0, 1, 2, 2, 3, 4]);
    const y = Float64Array.from([0, 3, 1, 5, 2, 8]);
    const exact = lowessSorted(x, y, 1, 0, 0);
    const fast = lowessSorted(x, y, 1, 0, 2.5);
    // delta = 2.5: after x = 0 the next fitted point is the last one within 0 + 2.5 (the second x = 2);
    // x = 1 is interpolated between the fits at 0 and 2, the first x = 2 gets the fit at 2
    expect(fast[0]).toBe(exact[0]);
    expect(fast[3]).toBe(exact[3]);
    expectClose(fast[1], (fast[0] + fast[3]) / 2, { abs: 1e-15 }, "interpolated");
    expect(fast[2]).toBe(fast[3]);
    expect(exact[3]).toBe(exact[2]);
  });

  it("returns the mean of y when all x are tied, and y for one point", () => {
    expectClose(lowess([2, 2, 2], [1, 2, 6], { iter: 0 }).y, [3, 3, 3], { abs: 1e-15 }, "tied");
    expect(lowess([4], [9]).y).toEqual([9]);
  });

  it("downweights an outlier with the robustness iterations", () => {
    const x = Array.from({ length: 21 }, (_, i) => i);
    const y = x.map((v) => v / 2);
    y[10] = 40;
    const plain = lowess(x, y, { iter: 0 });
    const robust = lowess(x, y);
    const err = (s: { y: number[] }): number => Math.max(...s.y.map((v, i) => (i === 10 ? 0 : Math.abs(v - x[i] / 2))));
    expect(err(robust)).toBeLessThan(err(plain) / 10);
  });

  it("does not depend on the input order of the points (ties in x keep their input order)", () => {
    const x = [5, 1, 4, 2, 3, 7, 6, 9, 8, 0];
    const y = [2.1, 0.9, 8.5, 1.4, 1.8, 3.1, 2.6, 1, 0.2, 4];
    const a = lowess(x, y);
    const perm = [3, 9, 0, 7, 1, 8, 2, 6, 4, 5];
    const b = lowess(perm.map((i) => x[i]), perm.map((i) => y[i]));
    expect(b.x).toEqual(a.x);
    expect(b.y).toEqual(a.y);
  });

  it("echoes R's defaults: f = 2/3, iter = 3, delta = 1% of the range of x", () => {
    expect(lowess([0, 10, 5], [1, 2, 3]).options).toEqual({ f: 2 / 3, iter: 3, delta: 0.1 });
  });

  it("rejects bad input and options", () => {
    expect(() => lowess([1, 2], [1])).toThrow(/INPUT_INVALID|x has 2 values/);
    expect(() => lowess([], [])).toThrow(/empty/);
    expect(() => lowess([1, Number.NaN], [1, 2])).toThrow(/not finite/);
    expect(() => lowess([1, 2], [1, 2], { f: 0 })).toThrow(/option f/);
    expect(() => lowess([1, 2], [1, 2], { iter: 1.5 })).toThrow(/option iter/);
    expect(() => lowess([1, 2], [1, 2], { delta: -1 })).toThrow(/option delta/);
  });
});
