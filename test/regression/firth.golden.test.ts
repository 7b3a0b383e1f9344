/**
 * Golden tests: firthLogistic against Firth's penalised likelihood maximised in base R (tools/oracle/glm.R,
 * fixtures test/fixtures/r/glm/firth-*.json; logistf is not in Debian). Both optimisers converge to 1e-10 or
 * better, so coefficients and SEs are compared to 1e-7 relative and the objective to 1e-10; profile limits
 * (root-finding on both sides) to 1e-6.
 */
import { describe, expect, it } from "vitest";
import { firthLogistic } from "../../src/regression/firth.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface FInput {
  columnNames: string[];
  x: number[][];
  y: number[];
}
interface FExpected {
  coef: number[];
  se: number[];
  penalisedLogLik: number;
  lower: number[];
  upper: number[];
  pLR: number[];
  vcov: number[][];
}

function columnMajor(cols: number[][]): Float64Array {
  const n = cols[0].length;
  const out = new Float64Array(n * cols.length);
  cols.forEach((c, j) => out.set(c, j * n));
  return out;
}

describe("firthLogistic maximises l(β) + ½ log|I(β)| as the base-R oracle", () => {
  for (const name of listFixtures("glm", 3, (name) => name.startsWith("firth-"))) {
    const fx = loadFixture<FInput, FExpected>("glm", name);
    it(`${name}: ${fx.call}`, () => {
      const { input, expected } = fx;
      const fit = firthLogistic({ y: input.y, x: columnMajor(input.x), columnNames: input.columnNames });
      expect(fit.convergence.converged).toBe(true);
      expectClose(fit.penalisedLogLik, expected.penalisedLogLik, { rel: 1e-10 }, "penalised loglik");
      expectClose(fit.coef, expected.coef, { rel: 1e-8, abs: 1e-9 }, "coef");
      expectClose(fit.coefficients.map((c) => c.se), expected.se, { rel: 1e-8 }, "se");
      // tolerance: 1e-7, profile limits are roots of the profile likelihood found by root-finding on both sides (observed 1.9e-10)
      expectClose(fit.coefficients.map((c) => c.lower), expected.lower, { rel: 1e-7, abs: 1e-8 }, "profile lower");
      // tolerance: 1e-6, as the lower limits; the upper limits of the separated cases are far out on a flat profile (observed 1.5e-9)
      expectClose(fit.coefficients.map((c) => c.upper), expected.upper, { rel: 1e-6, abs: 1e-8 }, "profile upper");
      expectClose(fit.coefficients.map((c) => c.pLR), expected.pLR, { rel: 1e-8 }, "penalised LR p");
    });
  }

  it("gives finite estimates where glm reports separation, and glm names the separating covariate", () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const ml = logisticRegression({ y, x, columnNames: ["dose"], addIntercept: true });
    expect(ml.separation.detected).toBe(true);
    expect(ml.separation.covariates.map((c) => [c.name, c.kind])).toEqual([["dose", "complete"]]);
    expect(ml.warnings.join(" ")).toMatch(/"dose".*Firth/);
    const f = firthLogistic({ y, x, columnNames: ["dose"], addIntercept: true }, { profile: false });
    expect(Number.isFinite(f.coef[1])).toBe(true);
    expect(f.coef[1]).toBeGreaterThan(0);
  });
});
