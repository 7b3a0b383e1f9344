/**
 * Issue 16, PS model sparsity: propensityScore(method "auto") fits glm and, when glm shows separation or a
 * sparse cell (a dummy level with patients of one group only) or diverging coefficients, refits by Firth's
 * penalised logistic regression with a warning. The Firth fit is checked against the base-R statement of
 * Firth's likelihood (tools/oracle/glm.R, fixtures test/fixtures/r/glm/firth-*.json; logistf is not in
 * Debian) to 1e-8 on a separated, a quasi-separated and an ordinary dataset.
 */
import { describe, expect, it } from "vitest";
import { firthReasonOf, propensityScore } from "../../src/causal/propensity.js";
import { firthLogistic } from "../../src/regression/firth.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

interface FInput {
  columnNames: string[];
  x: number[][];
  y: number[];
}
interface FExpected {
  coef: number[];
  se: number[];
  penalisedLogLik: number;
}

/** Covariate columns (the fixture's intercept column dropped), column-major. */
function covariates(fx: FInput): { x: Float64Array; names: string[] } {
  const cols = fx.x.filter((_, j) => fx.columnNames[j] !== "(Intercept)");
  const names = fx.columnNames.filter((c) => c !== "(Intercept)");
  const n = fx.y.length;
  const x = new Float64Array(n * cols.length);
  cols.forEach((c, j) => x.set(c, j * n));
  return { x, names };
}

describe("the PS model switches to Firth when glm shows separation (method auto)", () => {
  for (const name of ["firth-separation-complete", "firth-lalonde-quasi-separation"]) {
    it(`${name}: glm separates, auto refits by Firth and matches the base-R Firth fit to 1e-8`, () => {
      const { input, expected } = loadFixture<FInput, FExpected>("glm", name);
      const { x, names } = covariates(input);
      const fit = propensityScore({ treatment: input.y, x, columnNames: names }, { method: "auto" });
      expect(fit.method).toBe("firth");
      expect(fit.options.method).toBe("auto");
      expect(fit.separation?.detected).toBe(true);
      expect(fit.firthReason).not.toBeNull();
      expect(fit.warnings.join(" ")).toMatch(/refitted by Firth's penalised logistic regression/);
      // glm's own advice to consider Firth is replaced by the sentence that says it was done
      expect(fit.warnings.join(" ")).not.toMatch(/Consider Firth|Use Firth/);
      expectClose(fit.model.coef, expected.coef, { rel: 1e-8, abs: 1e-10 }, "coef");
      expectClose(fit.model.coefficients.map((c) => c.se ?? Number.NaN), expected.se, { rel: 1e-8 }, "se");
      // the scores are the Firth fitted probabilities
      const direct = firthLogistic({ y: input.y, x, columnNames: names, addIntercept: true }, { profile: false });
      expect(fit.ps).toEqual(direct.fittedValues);
    });
  }

  it("firth-separation-complete names the separating covariate in the reason", () => {
    const { input } = loadFixture<FInput, FExpected>("glm", "firth-separation-complete");
    const { x, names } = covariates(input);
    const glm = logisticRegression({ y: input.y, x, columnNames: names, addIntercept: true });
    expect(firthReasonOf(glm)).toBe('separation or a sparse cell in the propensity model: "x" (complete) predict(s) the treatment exactly');
  });

  it("a sparse cell (a dummy level whose patients are all treated) triggers the switch", () => {
    // level "b" of a factor: 3 patients, all treated (quasi-complete separation of its dummy)
    const age = [40, 52, 61, 45, 70, 58, 49, 66, 55, 63, 47, 59];
    const levelB = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const treat = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1];
    const x = Float64Array.from([...age, ...levelB]);
    const fit = propensityScore({ treatment: treat, x, columnNames: ["age", "levelb"] }, { method: "auto" });
    expect(fit.method).toBe("firth");
    expect(fit.firthReason).toMatch(/"levelb" \(quasi-complete\)/);
    expect(fit.model.coef.every(Number.isFinite)).toBe(true);
  });

  it("firth-tiny (no separation): auto keeps glm, identical to glm; Firth itself matches base R to 1e-8", () => {
    const { input, expected } = loadFixture<FInput, FExpected>("glm", "firth-tiny");
    const { x, names } = covariates(input);
    const auto = propensityScore({ treatment: input.y, x, columnNames: names }, { method: "auto" });
    const glm = propensityScore({ treatment: input.y, x, columnNames: names });
    expect(auto.method).toBe("glm");
    expect(auto.firthReason).toBeNull();
    expect(auto.ps).toEqual(glm.ps);
    expect(auto.warnings).toEqual(glm.warnings);
    const f = propensityScore({ treatment: input.y, x, columnNames: names }, { method: "firth" });
    expectClose(f.model.coef, expected.coef, { rel: 1e-8, abs: 1e-10 }, "coef");
    expectClose(f.model.coefficients.map((c) => c.se ?? Number.NaN), expected.se, { rel: 1e-8 }, "se");
    expectClose((f.model as { penalisedLogLik: number }).penalisedLogLik, expected.penalisedLogLik, { rel: 1e-10 }, "penalised loglik");
  });

  it("rejects an unknown method", () => {
    expect(() => propensityScore({ treatment: [0, 1, 0, 1], x: Float64Array.from([1, 2, 3, 4]), columnNames: ["a"] }, { method: "probit" as "glm" })).toThrow(/"glm", "firth" or "auto"/);
  });
});
