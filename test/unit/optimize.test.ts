/** brentRoot: Brent's zeroin as R's uniroot (R_zeroin2), the root finder of the Firth profile limits. */
import { describe, expect, it } from "vitest";
import { brentRoot } from "../../src/math/optimize.js";

describe("brentRoot", () => {
  it("finds roots of smooth and kinked functions to the asked tolerance", () => {
    const cases: [(x: number) => number, number, number, number][] = [
      [(x) => x * x - 2, 0, 2, Math.SQRT2],
      [(x) => Math.exp(x) - 3, -5, 5, Math.log(3)],
      [(x) => Math.abs(x - 0.3) * (x - 0.3), -1, 1, 0.3],
      [(x) => Math.cos(x) - x, 0, 1, 0.7390851332151607],
    ];
    for (const [f, a, b, root] of cases) {
      const x = brentRoot(f, a, b, f(a), f(b), 1e-12);
      expect(Math.abs(x - root)).toBeLessThan(1e-11);
    }
  });

  it("returns an end point that is already a root, and stops after maxIter evaluations", () => {
    const f = (x: number): number => x - 1;
    expect(brentRoot(f, 0, 1, f(0), f(1), 1e-12)).toBe(1);
    let calls = 0;
    const g = (x: number): number => {
      calls++;
      return x * x * x - 0.5;
    };
    brentRoot(g, 0, 1, g(0), g(1), 1e-300, 5);
    expect(calls).toBe(2 + 5);
  });
});
