/**
 * pspline() terms: hand-checkable pieces (R's rounding of nterm, the second-difference penalty, the
 * P-spline basis), the θ search against hand-derived steps, the refusals, and self-consistency of the
 * penalised Cox fit (the df search's final fit equals the fit with that θ given; rows in any order).
 */
import { describe, expect, it } from "vitest";
import { thrownSurvinferError } from "../helpers/survinfer-error.js";
import type { Table } from "../../src/data/table.js";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { psplineCentres, psplineColumns, psplineKnots, psplinePenaltyMatrix, roundHalfEven } from "../../src/formula/pspline.js";
import { coxph } from "../../src/survival/coxph.js";
import { dfSearchNext, dfSearchStart } from "../../src/survival/cox/penalized-search.js";
import { coxPenalizedFit } from "../../src/survival/cox/penalized.js";
import { coxInputFromFormula } from "../../src/survival/coxph.js";
import { tableFromFixture, type FixtureColumn } from "./table-from-fixture.js";
import { loadFixture } from "../helpers/fixtures.js";
import { expectClose } from "../helpers/expect-close.js";

const errorOf = thrownSurvinferError;

const lungFixture = loadFixture<{ data: { columns: FixtureColumn[] } }>("pspline", "lung-age-df4");
const lung: Table = tableFromFixture(lungFixture.input.data);

describe("pspline() basis and penalty", () => {
  it("rounds the default nterm = 2.5·df half to even, as R's round()", () => {
    expect([2, 3, 4, 5, 7].map((df) => roundHalfEven(2.5 * df))).toEqual([5, 8, 10, 12, 18]);
    expect(roundHalfEven(6.25)).toBe(6);
  });

  it("builds the second-difference penalty DᵀD without its first row and column", () => {
    // D = [[1, −2, 1, 0], [0, 1, −2, 1]]: DᵀD = [[1,−2,1,0],[−2,5,−4,1],[1,−4,5,−2],[0,1,−2,1]]
    expect(Array.from(psplinePenaltyMatrix(3))).toEqual([5, -4, 1, -4, 5, -2, 1, -2, 1]);
  });

  it("places equally spaced knots and gives a partition of unity with the first B-spline dropped", () => {
    const knots = psplineKnots([0, 10], 5, 3);
    expect(knots).toEqual([-6, -4, -2, 0, 2, 4, 6, 8, 10, 12, 14, 16]);
    const x = Float64Array.from([0, 0.5, 3, 7.25, 10]);
    const cols = psplineColumns(x, knots, [0, 10], 3);
    expect(cols).toHaveLength(7); // nterm + degree − 1
    // B_0 at 0 is 1/6 (cubic B-spline at a knot: 1/6, 4/6, 1/6)
    expectClose(cols[0][0] + cols[1][0], 4 / 6 + 1 / 6, { rel: 1e-15 }, "B_1 + B_2 at the left knot");
    for (let i = 1; i < x.length - 1; i++) expect(cols.reduce((s, c) => s + c[i], 0)).toBeLessThanOrEqual(1);
    // linear beyond the range: equally spaced points outside give equally spaced values
    const out = psplineColumns(Float64Array.from([10, 11, 12]), knots, [0, 10], 3);
    for (const c of out) expectClose(c[2] - c[1], c[1] - c[0], { rel: 1e-12, abs: 1e-15 }, "linear extrapolation");
    expect(psplineCentres(knots, [0, 10], 7)).toEqual([2, 4, 6, 8, 10, 12, 14]);
  });
});

describe("the θ search (frailty.controldf)", () => {
  it("starts at 1 − df/nterm and fits a power curve through the three bracketing points", () => {
    const s0 = dfSearchStart(4, 10);
    expect(s0.theta).toBeCloseTo(0.6, 15);
    // after df(0.6) = 5: points (0, 10), (0.6, 5), (1, 1); df falls with θ, so −df is fitted
    const s1 = dfSearchNext(s0, 5, 4, 0.1, 1);
    expect(s1.done).toBe(false);
    // anchored at θ = 0 (−10): dy = a·dxᵖ through (0.6, 5) and (1, 9); target −4 → dy = 6
    const power = Math.log(9 / 5) / Math.log(1 / 0.6);
    const a = Math.log(5) - power * Math.log(0.6);
    expectClose(s1.state.theta, Math.exp((Math.log(6) - a) / power), { rel: 1e-14 }, "next theta");
    // done once |df − target| < eps from the second fit on
    expect(dfSearchNext(s1.state, 4.05, 4, 0.1, 2).done).toBe(true);
  });
});

describe("pspline() refusals", () => {
  it("checks theta, df, nterm and the arguments it does not support", () => {
    const cases: [string, string, RegExp][] = [
      ["pspline(age, theta = 1)", "FORMULA_INVALID", /theta must lie strictly between 0 and 1/],
      ["pspline(age, df = 1)", "FORMULA_INVALID", /too few degrees of freedom/],
      ["pspline(age, df = 0)", "FORMULA_UNSUPPORTED", /AIC/],
      ["pspline(age, df = 6, nterm = 5)", "FORMULA_INVALID", /nterm = 5 is too small for df = 6/],
      ["pspline(age, theta = 0.5, nterm = 2)", "FORMULA_INVALID", /too few basis functions/],
      ["pspline(age, method = 2)", "FORMULA_UNSUPPORTED", /method argument/],
      ["pspline(age, dff = 2)", "FORMULA_INVALID", /unknown argument dff/],
    ];
    for (const [term, code, message] of cases) {
      const e = errorOf(() => coxph(lung, `Surv(time, status) ~ ${term}`));
      expect(e.code, term).toBe(code);
      expect(e.message, term).toMatch(message);
    }
  });

  it("refuses pspline() in an interaction, with tt(), a robust variance, zph and start/stop data", () => {
    expect(errorOf(() => coxph(lung, "Surv(time, status) ~ pspline(age)*sex")).code).toBe("FORMULA_UNSUPPORTED");
    expect(errorOf(() => coxph(lung, "Surv(time, status) ~ pspline(age) + tt(age)")).code).toBe("FORMULA_UNSUPPORTED");
    expect(errorOf(() => coxph(lung, "Surv(time, status) ~ pspline(age)", { robust: true })).code).toBe("OPTION_CONFLICT");
    expect(errorOf(() => coxph(lung, "Surv(time, status) ~ pspline(age)", { zph: "km" })).code).toBe("OPTION_CONFLICT");
    expect(errorOf(() => coxph(lung, "Surv(time / 2, time, status) ~ pspline(age)")).code).toBe("FORMULA_UNSUPPORTED");
    // other models would fit the basis unpenalised: refused there
    expect(errorOf(() => modelMatrix(lung, "status ~ pspline(age)")).code).toBe("FORMULA_UNSUPPORTED");
  });
});

describe("penalised Cox fit at matrix level", () => {
  it("refuses θ ≥ 1 (survival would force the term to zero) instead of fitting with a meaningless λ", () => {
    const { input, terms } = coxInputFromFormula(lung, "Surv(time, status) ~ pspline(age, theta = 0.5)", {}, false, true);
    const cols = terms[0].columns;
    const spec = { label: terms[0].label, columns: cols, pmat: psplinePenaltyMatrix(cols.length), smoothing: { method: "fixed" as const, theta: 1 }, nterm: 10, centres: cols.map((_, j) => j) };
    const e = errorOf(() => coxPenalizedFit(input, [spec], terms));
    expect(e.code).toBe("FORMULA_UNSUPPORTED");
    expect(e.message).toMatch(/θ = 1 \(outside \(0, 1\)\)/);
    expect(errorOf(() => coxPenalizedFit(input, [{ ...spec, smoothing: { method: "fixed", theta: 0.5 } }], terms, { outerMax: 0 })).code).toBe("OPTION_INVALID");
  });
});

describe("penalised Cox fit: self-consistency", () => {
  it("the df search's final fit equals the fit with its θ given", () => {
    const byDf = coxph(lung, "Surv(time, status) ~ pspline(age, df = 3) + sex").fit;
    const theta = byDf.penalized?.terms[0].theta ?? Number.NaN;
    expect(byDf.penalized?.terms[0].search.length).toBeGreaterThan(1);
    const byTheta = coxph(lung, `Surv(time, status) ~ pspline(age, theta = ${theta}, nterm = 8) + sex`).fit;
    expect(byTheta.penalized?.outerIterations).toBe(1);
    // tolerance: the two Newton runs start from different β and stop at |1 − ℓ_old/ℓ_new| ≤ 1e-9, so β agrees to ~1e-6
    expectClose(byTheta.coef.map((c) => c ?? Number.NaN), byDf.coef.map((c) => c ?? Number.NaN), { rel: 1e-5, abs: 1e-7 }, "coef");
    // tolerance: df follows β, which agrees to ~1e-6 (see above)
    expectClose(byTheta.penalized?.df ?? [], byDf.penalized?.df ?? [], { rel: 1e-6 }, "df");
  });

  it("does not depend on the order of the rows", () => {
    const n = lung.nRows;
    const perm = Array.from({ length: n }, (_, i) => (i * 37) % n);
    const permuted: Table = {
      ...lung,
      columns: lung.columns.map((c) => {
        if (c.kind === "categorical") return { ...c, codes: Int32Array.from(perm, (i) => c.codes[i]) };
        if (c.kind === "numeric") return { ...c, values: Float64Array.from(perm, (i) => c.values[i]) };
        throw new Error("the lung fixture has no date columns");
      }),
      rowNumbers: Int32Array.from(perm, (i) => lung.rowNumbers[i]),
    };
    const a = coxph(lung, "Surv(time, status) ~ pspline(age, df = 4)").fit;
    const b = coxph(permuted, "Surv(time, status) ~ pspline(age, df = 4)").fit;
    // tolerance: sums over the rows in another order differ in the last bits, amplified by the iterations
    expectClose(b.coef.map((c) => c ?? Number.NaN), a.coef.map((c) => c ?? Number.NaN), { rel: 1e-9, abs: 1e-12 }, "coef");
    expectClose(b.loglik, a.loglik, { rel: 1e-12 }, "loglik");
  });
});
