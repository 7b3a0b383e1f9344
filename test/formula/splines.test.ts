/** Spline terms in the formula language: parsing of named arguments, errors, hand-checkable bases. */
import { describe, expect, it } from "vitest";
import { thrownSurvinferError } from "../helpers/survinfer-error.js";
import { parseFormula } from "../../src/formula/parse.js";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { rcsColumns, quantile7 } from "../../src/formula/splines.js";
import { bsplineRow } from "../../src/formula/bspline.js";
import type { Table } from "../../src/data/table.js";

function table(cols: Record<string, number[]>): Table {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  return {
    nRows: n,
    columns: names.map((name) => ({ kind: "numeric" as const, name, values: Float64Array.from(cols[name]) })),
    source: { file: "t.csv" },
    rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}

const errorOf = thrownSurvinferError;

describe("spline calls in formulas", () => {
  it("parses named arguments of ns() and prints them as R's deparse", () => {
    const f = parseFormula("Surv(t, d) ~ ns(age, df=3) + rcs(age,4)*sex + bs(x, knots=c(1,2), degree = 2)");
    expect(f.terms.map((t) => t.label)).toEqual(["ns(age, df = 3)", "rcs(age, 4)", "sex", "bs(x, knots = c(1, 2), degree = 2)", "rcs(age, 4):sex"]);
  });
  it("still refuses '=' outside spline calls, at its column", () => {
    const e = errorOf(() => parseFormula("Surv(time, status) ~ factor(sex, levels = 2)"));
    expect(e.message).toMatch(/unexpected '=' at column 41/);
  });
  it("parses pspline() but refuses it outside a Cox model, with a hint to rcs() or ns()", () => {
    expect(parseFormula("Surv(t, d) ~ pspline(age, df = 4)").variables[0].label).toBe("pspline(age, df = 4)");
    const t = table({ age: Array.from({ length: 20 }, (_, i) => 40 + i) });
    const e = errorOf(() => modelMatrix(t, "~ pspline(age, df = 4)"));
    expect(e.code).toBe("FORMULA_UNSUPPORTED");
    expect(e.hint).toMatch(/rcs\(x, 4\).*ns\(x, df = 3\)/);
  });
  it("names an unknown argument and a bad number of knots", () => {
    const t = table({ x: Array.from({ length: 20 }, (_, i) => i) });
    expect(errorOf(() => modelMatrix(t, "~ ns(x, dff = 3)")).message).toMatch(/unknown argument dff of ns\(\)/);
    expect(errorOf(() => modelMatrix(t, "~ rcs(x, 2)")).message).toMatch(/number of knots must be a whole number ≥ 3/);
    expect(errorOf(() => modelMatrix(t, "~ ns(x, knots = c(5, 30))")).message).toMatch(/strictly inside the boundary knots 0 and 19/);
  });
  it("refuses rcs() default knots with fewer than 6 values", () => {
    const t = table({ x: [1, 2, 3, 4, 5] });
    expect(errorOf(() => modelMatrix(t, "~ rcs(x, 3)")).message).toMatch(/fewer than 6 non-missing values/);
  });
});

describe("spline bases by hand", () => {
  it("rcs: x itself, then the truncated-power term that is linear beyond the last knot", () => {
    const knots = [0, 1, 2];
    const [lin, nl] = rcsColumns(Float64Array.of(-1, 0.5, 1.5, 3, 4), knots);
    expect(Array.from(lin)).toEqual([-1, 0.5, 1.5, 3, 4]);
    const tau = 2 ** (2 / 3);
    // (x−t1)³ − [(t3−t1)(x−t2)³ − (t2−t1)(x−t3)³]/(t3−t2), all over τ³
    const f = (x: number) => (Math.max(x, 0) ** 3 - (2 * Math.max(x - 1, 0) ** 3 - 1 * Math.max(x - 2, 0) ** 3)) / tau ** 3;
    [-1, 0.5, 1.5, 3, 4].forEach((x, i) => expect(nl[i]).toBeCloseTo(f(x), 14));
    // linear beyond the last knot: equal second differences vanish
    expect(nl[4] - nl[3]).toBeCloseTo((f(5) - f(3)) / 2, 12);
  });
  it("B-splines of order 4 sum to one inside the boundary knots", () => {
    const knots = [0, 0, 0, 0, 1, 3, 4, 4, 4, 4];
    for (const x of [0, 0.3, 1, 2.5, 4]) {
      const s = bsplineRow(knots, 4, x).reduce((a, b) => a + b, 0);
      expect(s).toBeCloseTo(1, 14);
    }
  });
  it("quantile7 is R's type-7 quantile", () => {
    expect(quantile7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile7([1, 2, 3, 4], 1 / 3)).toBeCloseTo(2, 14);
  });
  it("new data reuse the training knots; a missing covariate drops the row", () => {
    const train = table({ x: Array.from({ length: 30 }, (_, i) => i) });
    const mm = modelMatrix(train, "~ ns(x, df = 2)");
    const fresh = modelMatrix(table({ x: [Number.NaN, 10, 40] }), "~ ns(x, df = 2)", { bases: mm.bases });
    expect(fresh.nRows).toBe(2);
    expect(fresh.bases["ns(x, df = 2)"].knots).toEqual(mm.bases["ns(x, df = 2)"].knots);
    // row for x = 10 equals the training row for x = 10
    expect(fresh.x[fresh.nRows]).toBeCloseTo(mm.x[mm.nRows + 10], 14);
  });
});
