/**
 * Shrinkage, smoothed calibration (Austin et al. 2020) and the decision curve against base R + survival + rms
 * (tools/oracle/prediction-decision.R) on survival::lung, survival::pbc and the example cohort.
 */
import { describe, expect, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { decisionCurve, rcs3, shrinkCoxModel, smoothedCalibration } from "../../src/survival/validation/decision.js";
import { baselineAt, linearPredictor, predictedSurvival } from "../../src/survival/validation/model.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: number[];
  status: number[];
  x: number[][];
  columns: string[];
  horizon: number;
  shrinkage: number;
  thresholds: number[];
}
interface Expected {
  coef: number[];
  survival: number[];
  shrunk: { coef: number[]; baselineSurv: number; centre: number; survival: number[] };
  calibration: { knots: number[]; calCoef: number[]; observed: number[]; ici: number; e50: number; e90: number; emax: number };
  decision: { risk: number; netBenefitModel: number[]; netBenefitAll: number[]; positive: number[] };
}

describe.each(listFixtures("prediction-decision", 3))("prediction model put to use: %s", (name) => {
  const fx = loadFixture<Input, Expected>("prediction-decision", name);
  const { input: inp, expected: ex } = fx;
  const input: CoxInput = { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), x: Float64Array.from(inp.x.flat()), p: inp.columns.length, columnNames: inp.columns };
  const fit = coxFit(input, { ties: "efron", robust: false });
  const surv = predictedSurvival(linearPredictor(input, fit.coef), baselineAt(input, fit, inp.horizon));

  it("fits the model and predicts survival at the horizon as survfit(fit, newdata)", () => {
    expectClose(fit.coef as number[], ex.coef, { rel: 1e-8 }, "coef");
    expectClose(surv, ex.survival, { rel: 1e-8 }, "S(t | x)");
  });

  it("shrinks the coefficients and re-estimates S0(t) with the shrunken linear predictor held fixed", () => {
    const m = shrinkCoxModel(input, fit, inp.shrinkage, inp.horizon);
    expectClose([...m.coef], ex.shrunk.coef, { rel: 1e-8 }, "s·β");
    expectClose(m.centre, ex.shrunk.centre, { rel: 1e-8 }, "centre");
    expectClose(m.baselineSurv, ex.shrunk.baselineSurv, { rel: 1e-8 }, "S0_s(t)");
    const lp = linearPredictor(input, m.coef);
    expectClose(predictedSurvival(lp, m), ex.shrunk.survival, { rel: 1e-8 }, "S_s(t | x)");
    // shrinkage pulls every prediction towards the average
    const spread = (v: ArrayLike<number>) => Math.max(...Array.from(v)) - Math.min(...Array.from(v));
    expect(spread(predictedSurvival(lp, m))).toBeLessThan(spread(surv));
  });

  it("draws the smoothed calibration curve and its ICI, E50, E90, Emax as Austin et al. (2020)", () => {
    const c = smoothedCalibration(input.time, input.status, surv, inp.horizon)!;
    expectClose([...c.knots], ex.calibration.knots, { rel: 1e-10 }, "knots");
    expectClose([...c.coef], ex.calibration.calCoef, { rel: 1e-8 }, "calibration model coefficients");
    expectClose(c.observed, ex.calibration.observed, { rel: 1e-8 }, "observed risk");
    expectClose(c.ici, ex.calibration.ici, { rel: 1e-8 }, "ICI");
    expectClose(c.e50, ex.calibration.e50, { rel: 1e-8 }, "E50");
    expectClose(c.e90, ex.calibration.e90, { rel: 1e-8 }, "E90");
    expectClose(c.emax, ex.calibration.emax, { rel: 1e-8 }, "Emax");
  });

  it("gives the net benefit of the model and of treating all at each threshold", () => {
    const risk = surv.map((s) => 1 - s);
    const d = decisionCurve(input.time, input.status, risk, inp.horizon, inp.thresholds);
    expectClose(d.risk, ex.decision.risk, { rel: 1e-10 }, "1 - KM(t)");
    expectClose(d.points.map((p) => p.netBenefitModel), ex.decision.netBenefitModel, { rel: 1e-10, abs: 1e-14 }, "NB model");
    expectClose(d.points.map((p) => p.netBenefitAll), ex.decision.netBenefitAll, { rel: 1e-10, abs: 1e-14 }, "NB all");
    expectClose(d.points.map((p) => p.positive), ex.decision.positive, { rel: 1e-13 }, "share positive");
  });
});

describe("decision tools: hand cases", () => {
  it("the rcs basis is linear below the second knot and its non-linear column vanishes below the first", () => {
    const b = rcs3([0, 1, 2, 3, 10], [1, 2, 5]);
    expect(Array.from(b.subarray(0, 5))).toEqual([0, 1, 2, 3, 10]);
    expect(b[5]).toBe(0);
    expect(b[6]).toBe(0);
    expect(b[7]).toBeCloseTo(1 / 16, 15); // (2 − 1)³ / (5 − 1)²
    // beyond the last knot the basis is linear in x: equal second differences vanish
    const far = rcs3([6, 7, 8], [1, 2, 5]);
    expect(far[5] - 2 * far[4] + far[3]).toBeCloseTo(0, 9);
  });

  it("a model that sees nothing has no net benefit beyond treat-all or treat-none", () => {
    const time = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const status = [1, 0, 1, 1, 0, 1];
    const d = decisionCurve(time, status, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 10, [0.3, 0.6]);
    expect(d.points[0].netBenefitModel).toBeCloseTo(d.points[0].netBenefitAll, 15); // everyone positive = treat all
    expect(d.points[1].netBenefitModel).toBe(0); // nobody positive = treat none
  });

  it("refuses a shrinkage factor outside (0, 1] and thresholds outside (0, 1)", () => {
    const input: CoxInput = { time: Float64Array.from([1, 2, 3]), status: Int32Array.from([1, 1, 0]), x: Float64Array.from([0, 1, 0]), p: 1, columnNames: ["x"] };
    const fit = coxFit(input, { ties: "efron", robust: false });
    expect(() => shrinkCoxModel(input, fit, 1.2, 2)).toThrow(/shrinkage factor/);
    expect(() => decisionCurve(input.time, input.status, [0.1, 0.2, 0.3], 2, [1])).toThrow(/threshold/);
  });
});
