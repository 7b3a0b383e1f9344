import { describe, expect, it } from "vitest";
import { propensityScore } from "../../src/causal/propensity.js";
import { overlapReport } from "../../src/causal/overlap.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

interface GlmInput {
  columnNames: string[];
  x: number[][];
  y: number[];
}

function withoutIntercept(input: GlmInput): { x: Float64Array; names: string[] } {
  const cols = input.x.filter((_, j) => input.columnNames[j] !== "(Intercept)");
  const n = cols[0].length;
  const x = new Float64Array(n * cols.length);
  cols.forEach((c, j) => x.set(c, j * n));
  return { x, names: input.columnNames.filter((c) => c !== "(Intercept)") };
}

describe("propensityScore", () => {
  it("equals fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, binomial)) on lalonde (fixture glm/lalonde-ps)", () => {
    const fx = loadFixture<GlmInput, { fitted: number[]; linearPredictors: number[] }>("glm", "lalonde-ps");
    const { x, names } = withoutIntercept(fx.input);
    const r = propensityScore({ treatment: fx.input.y, x, columnNames: names });
    expectClose(r.ps, fx.expected.fitted, { rel: 1e-10 }, "ps");
    expectClose(r.logitPs, fx.expected.linearPredictors, { rel: 1e-9, abs: 1e-12 }, "logit ps");
    expect(r.options.method).toBe("glm");
  });

  it("names the covariate that separates treatment (quasi-complete separation by hisp_hi)", () => {
    const fx = loadFixture<GlmInput, unknown>("glm", "lalonde-quasi-separation");
    const { x, names } = withoutIntercept(fx.input);
    const r = propensityScore({ treatment: fx.input.y, x, columnNames: names });
    expect(r.separation?.covariates.map((c) => c.name)).toEqual(["hisp_hi"]);
    expect(r.separation?.covariates[0].kind).toBe("quasi-complete");
    expect(r.warnings.join(" ")).toMatch(/"hisp_hi".*Firth/);
    const f = propensityScore({ treatment: fx.input.y, x, columnNames: names }, { method: "firth" });
    expect(Math.max(...f.ps)).toBeLessThan(0.999);
  });

  it("reports missing covariate values per covariate with rows before fitting", () => {
    const x = Float64Array.from([1, Number.NaN, 3, 4, 5, 6, 10, 20, Number.NaN, 40, 50, Number.NaN]);
    try {
      propensityScore({ treatment: [0, 1, 0, 1, 0, 1], x, columnNames: ["age", "size"] });
      expect.fail("no error");
    } catch (e) {
      expect((e as SurvinferError).code).toBe("DATA_MISSING_COVARIATE");
      expect((e as SurvinferError).message).toMatch(/"age": 1 \(rows 2\).*"size": 2 \(rows 3, 6\)/);
    }
  });

  it("rejects a constant covariate by name", () => {
    expect(() => propensityScore({ treatment: [0, 1, 0, 1], x: Float64Array.from([1, 2, 3, 4, 7, 7, 7, 7]), columnNames: ["age", "centre"] })).toThrow(/"centre" is constant/);
  });

  it("names an aliased (collinear) covariate", () => {
    const age = [50, 62, 45, 70, 58, 66, 49, 71];
    const x = Float64Array.from([...age, ...age.map((a) => 2 * a)]);
    const r = propensityScore({ treatment: [0, 1, 0, 1, 1, 0, 0, 1], x, columnNames: ["age", "age2"] });
    expect(r.aliased).toEqual(["age2"]);
    expect(r.warnings.join(" ")).toMatch(/"age2"/);
  });
});

describe("overlapReport", () => {
  it("lists units outside the other group's PS range and the common support", () => {
    const o = overlapReport({ ps: [0.1, 0.4, 0.6, 0.9, 0.3], treatment: [0, 0, 1, 1, 1], ids: ["a", "b", "c", "d", "e"] });
    expect(o.control).toEqual({ n: 2, min: 0.1, max: 0.4 });
    expect(o.commonSupport).toEqual([0.3, 0.4]);
    expect(o.outside.treated).toEqual(["c", "d"]);
    expect(o.outside.control).toEqual(["a"]);
  });

  it("preference score: logit F = logit e − logit P (hand-derived: P = 1/2 gives F = e)", () => {
    const o = overlapReport({ ps: [0.2, 0.45, 0.55, 0.8], treatment: [0, 0, 1, 1] });
    expectClose(o.preference.scores, [0.2, 0.45, 0.55, 0.8], { rel: 1e-14 });
    expect(o.preference.shareInBandTreated).toBe(0.5);
    expect(o.preference.equipoise).toBe(true);
    // P = 1/4: logit F = logit(0.5) − logit(0.25) = ln 3 → F = 0.75
    const o2 = overlapReport({ ps: [0.5, 0.2, 0.3, 0.4], treatment: [1, 0, 0, 0] });
    expectClose(o2.preference.scores[0], 0.75, { rel: 1e-14 });
  });
});
