/**
 * Hand-computed and behavioural tests for the competing-risks estimators (cumulativeIncidence,
 * Gray's test, fineGray). Expected numbers are derived on paper in the comments.
 */
import { describe, expect, it } from "vitest";
import { cumulativeIncidence, cumulativeIncidenceSteps } from "../../src/survival/competing/cuminc.js";
import { fineGray } from "../../src/survival/competing/fine-gray.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";

// 6 rows, unsorted, plus one row with a missing cause (−1) that must be dropped.
// sorted: t=1 cause 1 | t=2 cause 2 | t=2 censored | t=3 cause 1 | t=4 censored | t=5 cause 2
const six = {
  time: Float64Array.from([3, 1, 2, 5, 2, 4, 2.5]),
  cause: Int32Array.from([1, 1, 2, 2, 0, 0, -1]),
};

describe("cumulativeIncidence on 6 rows by hand", () => {
  // n(1)=6, n(2)=5, n(3)=3, n(4)=2, n(5)=1; Ŝ(1)=5/6, Ŝ(2)=5/6·4/5=2/3, Ŝ(3)=2/3·2/3=4/9, Ŝ(5)=0.
  // F₁(t) = Σ Ŝ(s−) d₁(s)/n(s): 1/6 at t=1, then + (2/3)(1/3) = 2/9 at t=3 → 7/18.
  // F₂(t): (5/6)(1/5) = 1/6 at t=2, then + (4/9)(1/1) = 4/9 at t=5 → 11/18.
  const fit = cumulativeIncidence(six, { times: [-1, 0, 1, 2.5, 3, 5, 6] });

  it("drops the row with a missing cause and warns", () => {
    expect(fit.n).toBe(6);
    expect(fit.nMissing).toBe(1);
    expect(fit.warnings.join(" ")).toMatch(/1 row/);
  });

  it("returns the step corners as cuminc: (0,0), a pair per event time, the last follow-up time", () => {
    const [c1, c2] = fit.curves;
    expect(c1.cause).toBe(1);
    expect(c1.time).toEqual([0, 1, 1, 3, 3, 5]);
    expectClose(c1.est, [0, 0, 1 / 6, 1 / 6, 7 / 18, 7 / 18], { rel: 1e-14 }, "F1");
    expect(c2.time).toEqual([0, 2, 2, 5, 5, 5]);
    expectClose(c2.est, [0, 0, 1 / 6, 1 / 6, 11 / 18, 11 / 18], { rel: 1e-14 }, "F2");
    expect(fit.tests).toBeNull();
  });

  it("computes Gray's variance by hand", () => {
    // Per event time with w = Ŝ(t−)² d/n² (no tied events here): a cause-1 event adds
    // (1 + F/Ŝ(t))², (1 + F/Ŝ(t))/Ŝ(t), 1/Ŝ(t)² times w to v1, v2, v3; another cause adds
    // (F/Ŝ)², F/Ŝ², 1/Ŝ² times w. Var F(t) = v1 + F² v3 − 2F v2.
    // t=1: w = 1/36, Ŝ = 5/6, F = 1/6 → v1 = v2 = v3 = 1/25; Var = (1/25)(1 + 1/36 − 1/3) = 1/36.
    // t=2 (cause 2): w = (25/36)/25 = 1/36, Ŝ = 2/3, F = 1/6 → v1 += 1/576, v2 += 1/96, v3 += 1/16.
    // t=3: w = (4/9)/9 = 4/81, Ŝ = 4/9, F = 7/18 → 1 + F/Ŝ = 15/8: v1 += 25/144, v2 += 5/24, v3 += 1/4.
    const v1 = 1 / 25 + 1 / 576 + 25 / 144;
    const v2 = 1 / 25 + 1 / 96 + 5 / 24;
    const v3 = 1 / 25 + 1 / 16 + 1 / 4;
    const f = 7 / 18;
    const var3 = v1 + f * f * v3 - 2 * f * v2;
    expectClose(fit.curves[0].var, [0, 0, 1 / 36, 1 / 36, var3, var3], { rel: 1e-13 }, "Var F1");
  });

  it("reads values at requested times as cmprsk::timepoints: NaN before 0 and after the last time", () => {
    const at = fit.curves[0].at!;
    expect(at.time).toEqual([-1, 0, 1, 2.5, 3, 5, 6]);
    expectClose(at.est, [Number.NaN, 0, 1 / 6, 1 / 6, 7 / 18, 7 / 18, Number.NaN], { rel: 1e-14 }, "F1 at");
  });

  it("the kernel alone returns (0,0) and the last time when the cause never occurs", () => {
    const rows = Int32Array.from([0, 1, 2]);
    const steps = cumulativeIncidenceSteps(Float64Array.from([1, 2, 4]), Uint8Array.from([1, 0, 1]), new Uint8Array(3), rows);
    expect(steps).toEqual({ time: [0, 4], est: [0, 0], var: [0, 0] });
  });
});

describe("cumulativeIncidence options and errors", () => {
  it("reports only the requested causes, in the requested order", () => {
    const fit = cumulativeIncidence(six, { causes: [2] });
    expect(fit.curves.map((c) => c.cause)).toEqual([2]);
  });

  it("treats another code as censoring when censorCode is given", () => {
    const fit = cumulativeIncidence({ time: six.time, cause: Int32Array.from([1, 1, 2, 2, 9, 9, -1]) }, { censorCode: 9 });
    expectClose(fit.curves[0].est, [0, 0, 1 / 6, 1 / 6, 7 / 18, 7 / 18], { rel: 1e-14 }, "F1");
  });

  it("rejects negative times, negative cause codes and causes that do not occur", () => {
    const bad = (f: () => unknown, code: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(SurvinferError);
        expect((e as SurvinferError).code).toBe(code);
      }
    };
    bad(() => cumulativeIncidence({ time: Float64Array.from([1, -2]), cause: Int32Array.from([1, 0]) }), "DATA_NEGATIVE_TIME");
    bad(() => cumulativeIncidence({ time: Float64Array.from([1, 2]), cause: Int32Array.from([1, -3]) }), "DATA_INVALID_CAUSE");
    bad(() => cumulativeIncidence(six, { causes: [3] }), "OPTION_INVALID");
    bad(() => cumulativeIncidence({ time: Float64Array.from([1]), cause: Int32Array.from([1, 0]) }), "DATA_LENGTH_MISMATCH");
  });

  it("warns and returns no curves when every row is censored", () => {
    const fit = cumulativeIncidence({ time: Float64Array.from([1, 2, 3]), cause: Int32Array.from([0, 0, 0]) });
    expect(fit.curves).toEqual([]);
    expect(fit.warnings.join(" ")).toMatch(/every row is censored/);
  });

  it("drops empty group levels and reports NaN with a warning when Gray's variance is singular", () => {
    // group c leaves the study (censored) before any event, so its score and variance are 0
    const fit = cumulativeIncidence({
      time: Float64Array.from([0.5, 0.6, 1, 2, 3, 4, 5, 6, 7, 8]),
      cause: Int32Array.from([0, 0, 1, 2, 1, 0, 1, 1, 2, 1]),
      group: { codes: Int32Array.from([2, 2, 0, 0, 0, 1, 1, 1, 0, 1]), levels: ["a", "b", "c", "unused"] },
    });
    expect(fit.groups).toEqual(["a", "b", "c"]);
    expect(fit.tests![0].df).toBe(2);
    expect(fit.tests![0].statistic).toBeNaN();
    expect(fit.warnings.join(" ")).toMatch(/singular/);
  });
});

describe("fineGray behaviour", () => {
  const time = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2, 4, 6, 8, 10, 3, 5, 7]);
  const cause = Int32Array.from([1, 2, 1, 0, 1, 2, 0, 1, 1, 0, 1, 0, 2, 1, 1, 0, 1, 2]);
  const xs = Float64Array.from([0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1]);

  it("has a zero score at the estimate", () => {
    const fit = fineGray({ time, cause, x: xs, columnNames: ["trt"] }, { gtol: 1e-12, maxIter: 50 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.score[0])).toBeLessThan(1e-9);
  });

  it("does not depend on the location of a covariate (a partial likelihood has no intercept)", () => {
    const a = fineGray({ time, cause, x: xs, columnNames: ["trt"] }, { gtol: 1e-12, maxIter: 50 });
    const b = fineGray({ time, cause, x: xs.map((v) => v + 100), columnNames: ["trt"] }, { gtol: 1e-12, maxIter: 50 });
    expectClose(b.terms[0].coef, a.terms[0].coef, { rel: 1e-9 }, "coef");
    expectClose(b.terms[0].se, a.terms[0].se, { rel: 1e-9 }, "se");
    expectClose(b.loglik, a.loglik, { rel: 1e-9 }, "loglik");
  });

  it("equals a Breslow Cox model in coefficients when there are no competing events", () => {
    const status = Int32Array.from(cause, (c) => (c === 2 ? 0 : c));
    const fg = fineGray({ time, cause: status, x: xs, columnNames: ["trt"] }, { gtol: 1e-12, maxIter: 50 });
    const cox = coxFit({ time, status, x: xs, p: 1, columnNames: ["trt"] }, { ties: "breslow", eps: 1e-12 });
    expectClose(fg.terms[0].coef, cox.terms[0].coef!, { rel: 1e-8 }, "coef");
    expectClose(fg.loglik, cox.loglik[1], { rel: 1e-10 }, "partial log-likelihood");
  });

  it("throws DATA_NO_EVENTS without failures of interest", () => {
    expect(() => fineGray({ time, cause: Int32Array.from(cause, (c) => (c === 1 ? 2 : c)), x: xs, columnNames: ["trt"] })).toThrow(
      /no failures with code 1/,
    );
  });

  it("drops rows with a missing covariate", () => {
    const x2 = Float64Array.from(xs);
    x2[3] = Number.NaN;
    const fit = fineGray({ time, cause, x: x2, columnNames: ["trt"] });
    expect(fit.n).toBe(17);
    expect(fit.nMissing).toBe(1);
  });
});
