// Bad input in multiple imputation and the within pooling: a clear error or a warning naming the variable,
// never a silent NaN (issue 15: a covariate missing for everyone in a group, a constant imputed variable,
// separation in an imputation model, a fit that fails in one completed dataset).
import { describe, expect, it } from "vitest";
import { imputeChained, type MiColumn } from "../../src/mi/chained.js";
import { missingByGroup } from "../../src/mi/pattern.js";
import { averageBalance, poolHazardRatios, poolScalarEstimate } from "../../src/mi/within.js";
import { SurvinferError } from "../../src/errors.js";
import { streams } from "../../src/simulate/rng.js";
import { expectClose } from "../helpers/expect-close.js";

function outcome(n: number, seed: number): { time: number[]; status: number[] } {
  const s = streams(seed, 1)[0];
  return { time: Array.from({ length: n }, () => 1 + 20 * s.uniform()), status: Array.from({ length: n }, () => (s.uniform() < 0.6 ? 1 : 0)) };
}

describe("imputation models with bad input", () => {
  it("separation: a binary variable the complete predictors separate is imputed (finite 0/1 codes) with a warning naming it", () => {
    const n = 80;
    const s = streams(9, 1)[0];
    const x = Array.from({ length: n }, () => s.normal());
    // y = 1 exactly when x > 0; 12 values missing
    const y = x.map((v, i) => (i % 7 === 0 ? Number.NaN : v > 0 ? 1 : 0));
    const mi = imputeChained([{ name: "resected", values: y, levels: ["no", "yes"] }, { name: "size", values: x }], { m: 3, iterations: 3, seed: 4, outcome: outcome(n, 3) });
    const w = mi.warnings.join("\n");
    expect(w).toMatch(/"resected" \(logistic imputation model\): its observed values are separated by the other variables/);
    for (const chain of mi.variables[0].imputed) for (const v of chain) expect(v === 0 || v === 1).toBe(true);
  });

  it("no separation warning when the observed values overlap", () => {
    const n = 80;
    const s = streams(10, 1)[0];
    const x = Array.from({ length: n }, () => s.normal());
    const y = x.map((v, i) => (i % 7 === 0 ? Number.NaN : s.uniform() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
    const mi = imputeChained([{ name: "resected", values: y, levels: ["no", "yes"] }, { name: "size", values: x }], { m: 2, iterations: 2, seed: 4, outcome: outcome(n, 3) });
    expect(mi.warnings.join("\n")).not.toMatch(/separated/);
  });

  it("a constant imputed variable (one observed value) is a warning naming it, and its imputations equal that value", () => {
    const n = 40;
    const y = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Number.NaN : 3));
    const x = Array.from({ length: n }, (_, i) => i / 7);
    const mi = imputeChained([{ name: "grade", values: y }, { name: "age", values: x }], { m: 2, iterations: 2, seed: 1 });
    expect(mi.warnings.join("\n")).toMatch(/"grade" has a single observed value \(3\)/);
    for (const chain of mi.variables[0].imputed) expect(chain.every((v) => v === 3)).toBe(true);
  });

  it("a covariate missing for everyone in one treatment group: a warning naming the variable and the group", () => {
    const miss = [[true, true, false, false, false]];
    const r = missingByGroup(["size"], miss, Int32Array.from([1, 1, 0, 0, 0]), ["no", "yes"]);
    expect(r.warnings.join("\n")).toMatch(/size/);
    expect(r.warnings.join("\n")).toMatch(/yes/);
  });

  it("a variable missing for every patient is MI_ALL_MISSING naming it", () => {
    const cols: MiColumn[] = [{ name: "ki67", values: [Number.NaN, Number.NaN, Number.NaN] }, { name: "age", values: [1, 2, 3] }];
    try {
      imputeChained(cols, { m: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SurvinferError);
      expect((e as SurvinferError).code).toBe("MI_ALL_MISSING");
      expect((e as SurvinferError).message).toMatch(/"ki67" is missing for all 3 patients/);
    }
  });
});

describe("within pooling (src/mi/within.ts)", () => {
  const est = (coef: number | null, se: number | null, notEstimable: string | null = null) => ({ id: "matched", label: "PS-matched Cox", coef, se, n: 40, nEvents: 20, notEstimable });

  it("an HR not estimable in one completed dataset gives no pooled estimate and says in which (never NaN)", () => {
    const [h] = poolHazardRatios([[est(-0.3, 0.2)], [est(null, null, "the Cox fit diverged")], [est(-0.2, 0.25)]], () => 1);
    expect(h.pooled).toBeNull();
    expect(h.hr).toBeNull();
    expect(h.notEstimable).toBe("not estimable in completed dataset 2 of 3 (the Cox fit diverged)");
    expect(h.perImputation).toEqual([{ coef: -0.3, se: 0.2 }, { coef: null, se: null }, { coef: -0.2, se: 0.25 }]);
  });

  it("the same reason in every completed dataset (a model refused below the EPV floor) is said once, not dataset by dataset", () => {
    const why = "not estimated: 21 events for 8 parameters (EPV 2.6, floor 5; set analyses.safeguards.epvFloor to change)";
    const [h] = poolHazardRatios([[est(null, null, why)], [est(null, null, why)], [est(null, null, why)]], () => 1);
    expect(h.hr).toBeNull();
    expect(h.notEstimable).toBe(`${why} (in all 3 completed datasets)`);
    const [mixed] = poolHazardRatios([[est(null, null, why)], [est(null, null, "the Cox fit diverged")], [est(null, null, why)]], () => 1);
    expect(mixed.notEstimable).toBe(`not estimable in any of the 3 completed datasets (dataset 1: ${why})`);
    const [two] = poolHazardRatios([[est(null, null, why)], [est(null, null, "the Cox fit diverged")]], () => 1);
    expect(two.notEstimable).toBe(`not estimable in completed datasets 1, 2 of 2 (${why})`);
  });

  it("an estimate absent from one completed dataset is not estimable there too", () => {
    const [h] = poolHazardRatios([[est(-0.3, 0.2)], []], () => 1);
    expect(h.notEstimable).toMatch(/completed dataset 2 of 2/);
  });

  it("refuses fewer than 2 completed datasets (MI_POOL_INPUT)", () => {
    expect(() => poolHazardRatios([[est(-0.3, 0.2)]], () => 1)).toThrow(expect.objectContaining({ code: "MI_POOL_INPUT" }));
    expect(() => poolScalarEstimate("d", [{ estimate: 0.1, se: 0.02 }], 50, "identity")).toThrow(expect.objectContaining({ code: "MI_POOL_INPUT" }));
  });

  it("identical completed datasets: no between-imputation variance, the pooled estimate is the common one", () => {
    const [h] = poolHazardRatios([[est(-0.3, 0.2)], [est(-0.3, 0.2)], [est(-0.3, 0.2)]], () => 1);
    expect(h.pooled?.b).toBe(0);
    expectClose(h.pooled!.t, 0.04, { rel: 1e-14 }, "T = U");
    expectClose(h.hr!, Math.exp(-0.3), { rel: 1e-14 }, "HR");
    expect(h.pooled?.dfcom).toBe(19);
  });

  it("ratios pool on the log scale (U = (SE/r)²) and come back as ratios", () => {
    const r = poolScalarEstimate("ratio", [{ estimate: 1.2, se: 0.12 }, { estimate: 1.3, se: 0.13 }], 100, "log");
    expect(r.scale).toBe("log");
    expectClose(r.pooled.estimate, (Math.log(1.2) + Math.log(1.3)) / 2, { rel: 1e-14 }, "mean log ratio");
    expectClose(r.pooled.ubar, 0.01, { rel: 1e-12 }, "U on the log scale");
    expectClose(r.estimate, Math.exp(r.pooled.estimate), { rel: 1e-14 }, "back-transformed");
    expect(r.pooled.dfcom).toBe(99);
    expect(r.lower).toBeGreaterThan(0);
  });

  it("balance: a level absent from one completed dataset is averaged over the datasets that have it, and counted", () => {
    const rows = averageBalance([
      [{ variable: "age", covariate: "age", level: null, smd: 0.2 }, { variable: "grade_3", covariate: "grade", level: "3", smd: 0.1 }],
      [{ variable: "age", covariate: "age", level: null, smd: 0.4 }],
    ]);
    expect(rows).toEqual([
      { variable: "age", covariate: "age", level: null, smd: 0.30000000000000004, smdMin: 0.2, smdMax: 0.4, m: 2 },
      { variable: "grade_3", covariate: "grade", level: "3", smd: 0.1, smdMin: 0.1, smdMax: 0.1, m: 1 },
    ]);
  });
});
