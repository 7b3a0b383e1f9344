// Golden tests: mice 3.15.0's augmentation, logistic (mice.impute.logreg) and polytomous (mice.impute.polyreg)
// imputation models against tools/oracle/mice.R -> test/fixtures/mi/{logreg,polyreg}-*.json, with R's draws replayed.
import { describe, expect, it } from "vitest";
import { augment } from "../../src/mi/augment.js";
import { fitLogreg, logregWithDraws } from "../../src/mi/logreg.js";
import { polyregWithDraws } from "../../src/mi/polyreg.js";
import { expectClose } from "../helpers/expect-close.js";
import { colMajor, loadMi, mask, notMask } from "./load.js";

interface LogregIn { y: number[]; ry: boolean[]; x: number[][]; seed: number }
interface LogregOut { augX: number[][]; augY: number[]; augW: number[]; coef: number[]; covUnscaled: number[][]; draws: { z: number[]; u: number[] }; imputed: number[] }

describe("logreg equals mice.impute.logreg", () => {
  for (const name of ["logreg-basic", "logreg-separation"]) {
    it(`${name}: augmented rows and weights, glm.fit(quasibinomial) coefficients and cov.unscaled, imputations given R's draws`, () => {
      const f = loadMi<LogregIn, LogregOut>(name);
      const { x, q } = colMajor(f.input.x);
      const input = { y: Float64Array.from(f.input.y), ry: mask(f.input.ry), wy: notMask(f.input.ry), x, q };
      const aug = augment(input.y, input.ry, input.x, q, input.wy);
      const ax = colMajor(f.expected.augX);
      expectClose(Array.from(aug.x), Array.from(ax.x), { rel: 1e-12, abs: 1e-14 }, "augmented x");
      expectClose(Array.from(aug.y), f.expected.augY, { rel: 0 }, "augmented y");
      expectClose(Array.from(aug.w), f.expected.augW, { rel: 1e-14 }, "weights");
      const fit = fitLogreg(input);
      // glm.fit iterates (epsilon 1e-8 on the deviance): the same IRLS steps, so agreement is ~1e-10 or better
      expectClose(Array.from(fit.coef), f.expected.coef, { rel: 1e-8 }, "coef");
      expectClose(Array.from(fit.covUnscaled), f.expected.covUnscaled.flat(), { rel: 1e-8 }, "cov.unscaled");
      const out = logregWithDraws(input, f.expected.draws);
      expect(Array.from(out.values)).toEqual(f.expected.imputed);
    });
  }
});

interface PolyIn { y: (number | null)[]; levels: string[]; ry: boolean[]; x: number[][]; seed: number }
interface PolyOut { augY: number[]; coef: number[][]; nnetCoef: number[][]; probsMissing: number[][]; draws: { u: number[] }; imputed: string[] }

describe("polyreg equals mice.impute.polyreg", () => {
  it("polyreg-basic: the multinomial MLE on the augmented data (1e-8 against R's exact Newton fit), probabilities and imputed categories", () => {
    const f = loadMi<PolyIn, PolyOut>("polyreg-basic");
    const { x, q } = colMajor(f.input.x);
    const y = Float64Array.from(f.input.y, (v, i) => (f.input.ry[i] && v !== null ? v - 1 : Number.NaN));
    const input = { y, ry: mask(f.input.ry), wy: notMask(f.input.ry), x, q };
    const out = polyregWithDraws(input, f.input.levels, f.expected.draws.u);
    expect(out.modelLevels).toEqual([...f.input.levels].sort());
    expectClose(Array.from(out.coef), f.expected.coef.flat(), { rel: 1e-8, abs: 1e-10 }, "coef");
    // tolerance: 1e-3, nnet's BFGS (what mice itself uses) stops at reltol 1e-8 on the deviance, ~1e-4 from the MLE
    expectClose(Array.from(out.coef), f.expected.nnetCoef.flat(), { rel: 1e-3, abs: 1e-4 }, "nnet coef");
    expectClose(Array.from(out.probs), f.expected.probsMissing.flat(), { rel: 1e-8 }, "probabilities");
    expect(Array.from(out.values, (c) => f.input.levels[c])).toEqual(f.expected.imputed);
  });
});
