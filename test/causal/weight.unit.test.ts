import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { propensityWeights } from "../../src/causal/weight.js";
import { quantileType3 } from "../../src/causal/weight/truncate.js";
import { kishEss } from "../../src/causal/ess.js";
import { expectClose } from "../helpers/expect-close.js";
import { SurvinferError } from "../../src/errors.js";
import { assertProperty, property } from "../helpers/property.js";

describe("propensityWeights", () => {
  it("computes ATE weights 1/e and 1/(1 − e) (hand-derived)", () => {
    const r = propensityWeights({ ps: [0.2, 0.5, 0.8, 0.4], treatment: [0, 1, 1, 0] }, { estimand: "ATE" });
    expectClose(r.weights, [1.25, 2, 1.25, 1 / 0.6], { rel: 1e-15 });
    expect(r.estimandDescription).toMatch(/whole study population/);
  });

  it("stabilised ATE weights are P(A = a)/P(A = a | X)", () => {
    const r = propensityWeights({ ps: [0.2, 0.5, 0.8, 0.4, 0.3], treatment: [0, 1, 1, 0, 0] }, { estimand: "ATE", stabilize: true });
    expectClose(r.weights, [0.6 / 0.8, 0.4 / 0.5, 0.4 / 0.8, 0.6 / 0.6, 0.6 / 0.7], { rel: 1e-15 });
  });

  it("rejects stabilisation with ATO as an OPTION_CONFLICT naming both options", () => {
    try {
      propensityWeights({ ps: [0.2, 0.6], treatment: [0, 1] }, { estimand: "ATO", stabilize: true });
      expect.fail("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(SurvinferError);
      expect((e as SurvinferError).code).toBe("OPTION_CONFLICT");
      expect((e as SurvinferError).message).toMatch(/stabilize/);
      expect((e as SurvinferError).message).toMatch(/ATO/);
    }
  });

  it("rejects a propensity score of 0 or 1 with the row", () => {
    expect(() => propensityWeights({ ps: [0.2, 1], treatment: [0, 1] }, { estimand: "ATE" })).toThrow(/row 2/);
  });

  it("PS trimming drops units outside [q, 1 − q] with weight 0 and lists their ids", () => {
    const r = propensityWeights({ ps: [0.05, 0.5, 0.95, 0.4], treatment: [0, 1, 1, 0], ids: ["a", "b", "c", "d"] }, { estimand: "ATE", trimPs: 0.1 });
    expect(r.weights[0]).toBe(0);
    expect(r.weights[2]).toBe(0);
    expect(r.trimming?.droppedIds).toEqual(["a", "c"]);
    expect(r.trimming?.refitted).toBe(false);
  });

  it("reports the largest weights with ids and flags extreme ones", () => {
    const ps = Array.from({ length: 40 }, (_, i) => (i === 0 ? 0.01 : 0.5)); // treated mean weight (100 + 19·2)/20 = 6.9
    const treatment = ps.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const r = propensityWeights({ ps, treatment }, { estimand: "ATE" });
    expect(r.extreme.maxId).toBe(1);
    expectClose(r.extreme.maxWeight, 100, { rel: 1e-15 });
    expect(r.extreme.flagged.map((f) => f.id)).toEqual([1]);
    expect(r.warnings.join(" ")).toMatch(/extreme weights/);
  });

  it("ATT weights give the treated group ESS = n₁ (property)", () => {
    assertProperty(
      property(fc.array(fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.boolean()), { minLength: 4, maxLength: 60 }), (rows) => {
        const treatment = rows.map(([, t], i) => (i === 0 ? 1 : i === 1 ? 0 : t ? 1 : 0));
        const n1 = treatment.filter((t) => t === 1).length;
        const r = propensityWeights({ ps: rows.map(([e]) => e), treatment }, { estimand: "ATT" });
        expect(Math.abs(r.ess.treated - n1)).toBeLessThan(1e-9 * n1);
      }),
      { seed: 20261208 },
    );
  });
});

describe("quantileType3 and kishEss", () => {
  it("quantile type 3 picks the nearest even order statistic (R: quantile(1:10, c(.25,.5,.95), type = 3) = 2, 5, 10)", () => {
    const x = [3, 1, 2, 10, 9, 8, 7, 6, 5, 4];
    expect(quantileType3(x, 0.25)).toBe(2);
    expect(quantileType3(x, 0.5)).toBe(5);
    expect(quantileType3(x, 0.95)).toBe(10);
    expect(quantileType3(x, 0.15)).toBe(2); // n p − 0.5 = 1 (odd) → x(2)
  });
  it("kishEss is (Σw)²/Σw²", () => {
    expectClose(kishEss([1, 1, 2]), 16 / 6, { rel: 1e-15 });
  });
});
