/** Prediction-model validation: hand-computed cases, edge cases and invariances (R comparisons in test/golden/validation.test.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { riskGroups } from "../../src/survival/validation/calibration.js";
import { concordance } from "../../src/survival/validation/concordance.js";
import { bootstrapOptimism, bootstrapResample } from "../../src/survival/validation/optimism.js";
import { censoringCurve, stepAt, timeAuc } from "../../src/survival/validation/time-auc.js";
import { assertProperty, property } from "../helpers/property.js";

const f64 = (a: number[]): Float64Array => Float64Array.from(a);

describe("concordance", () => {
  it("Harrell's C counts comparable pairs by hand: 3 concordant, 1 discordant → 3/4", () => {
    // deaths at 1 (η 3) and 2 (η 1), censored at 1.5 (η 0), death at 3 (η 2)
    const c = concordance(f64([1, 1.5, 2, 3]), [1, 0, 1, 1], [3, 0, 1, 2]);
    expect([c.concordant, c.discordant, c.tiedX]).toEqual([3, 1, 0]);
    expect(c.value).toBeCloseTo(0.75, 14);
  });

  it("Uno's C weights pairs by 1/G(t−)²: G(2−) = 2/3 gives 3 / (3 + 9/4)", () => {
    const c = concordance(f64([1, 1.5, 2, 3]), [1, 0, 1, 1], [3, 0, 1, 2], { timeWeight: "n/G2" });
    expect(c.value).toBeCloseTo(3 / 5.25, 14);
    expect(c.discordant).toBeCloseTo(9 / 4, 14);
  });

  it("tau removes pairs whose death is after tau", () => {
    const c = concordance(f64([1, 1.5, 2, 3]), [1, 0, 1, 1], [3, 0, 1, 2], { tau: 1.5 });
    expect([c.concordant, c.discordant]).toEqual([3, 0]);
    expect(c.value).toBe(1);
  });

  it("ties in the score count one half", () => {
    const c = concordance(f64([1, 2]), [1, 0], [1, 1]);
    expect(c.tiedX).toBe(1);
    expect(c.value).toBe(0.5);
  });

  it("is NaN with a warning when no pair is comparable (all censored)", () => {
    const c = concordance(f64([1, 2, 3]), [0, 0, 0], [1, 2, 3]);
    expect(c.value).toBeNaN();
    expect(c.warnings.join()).toMatch(/no comparable pairs/);
  });

  it("falls back to Harrell's weights with one event, as R", () => {
    const c = concordance(f64([1, 2, 3]), [1, 0, 0], [3, 2, 1], { timeWeight: "n/G2" });
    expect(c.value).toBe(1);
    expect(c.warnings.join()).toMatch(/fall back/);
  });

  it("treats times within sqrt(eps) as tied (timefix)", () => {
    const a = concordance(f64([0.1 + 0.2, 0.3, 1]), [1, 1, 0], [2, 1, 0]);
    expect(a.tiedY).toBe(1);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => concordance(f64([1, 2]), [1, 2], [0, 1])).toThrow(/status/);
    expect(() => concordance(f64([1, 2]), [1, 0], [0, NaN])).toThrow(/finite risk score/);
    expect(() => concordance(f64([1, 2]), [1, 0], [0, 1], { timeWeight: "S" as "n" })).toThrow(/timeWeight/);
  });

  it("does not depend on the row order (property)", () => {
    assertProperty(
      property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: -3, max: 3 })), { minLength: 3, maxLength: 25 }),
        (rows) => {
          const a = concordance(f64(rows.map((r) => r[0])), rows.map((r) => r[1]), rows.map((r) => r[2]), { timeWeight: "n/G2" });
          const rev = [...rows].reverse();
          const b = concordance(f64(rev.map((r) => r[0])), rev.map((r) => r[1]), rev.map((r) => r[2]), { timeWeight: "n/G2" });
          if (Number.isNaN(a.value)) return Number.isNaN(b.value);
          return Math.abs(a.value - b.value) < 1e-12 && Math.abs(a.se - b.se) < 1e-12;
        },
      ), { seed: 20261231 },
    );
  });
});

describe("timeAuc", () => {
  it("weights cases by 1/G(T−) and compares with those alive after t (hand-computed 0.4)", () => {
    // censoring at 1.5 with 3 at risk: G = 2/3 after it; cases at 1 (w 1) and 2 (w 3/2); control at 3
    const r = timeAuc([1, 1.5, 2, 3], [1, 0, 1, 1], [3, 0, 1, 2], 2.5);
    expect(r.auc).toBeCloseTo(1 / 2.5, 14);
    expect([r.nCases, r.nControls, r.nCensoredBefore]).toEqual([2, 1, 1]);
  });

  it("is NaN with a warning without controls", () => {
    const r = timeAuc([1, 2], [1, 1], [1, 0], 5);
    expect(r.auc).toBeNaN();
    expect(r.warnings.join()).toMatch(/no one followed beyond/);
  });

  it("the censoring curve counts deaths at a censoring time as still at risk (survfit(Surv(t, 1 − d)))", () => {
    const g = censoringCurve([2, 2, 3, 4], [1, 0, 1, 0]);
    expect(g.surv[0]).toBeCloseTo(3 / 4, 14);
    expect(stepAt(g, 2, true)).toBe(1);
    expect(stepAt(g, 2)).toBeCloseTo(0.75, 14);
  });
});

describe("risk groups", () => {
  it("splits ranks into equal groups and keeps tied scores together", () => {
    expect(Array.from(riskGroups([5, 1, 3, 2, 4, 6], 3))).toEqual([2, 0, 1, 0, 1, 2]);
    expect(Array.from(riskGroups([1, 1, 1, 2], 2))).toEqual([0, 0, 0, 1]);
  });
});

describe("bootstrapOptimism", () => {
  const n = 40;
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[i] = (i * 7) % 11;
    x[n + i] = i % 2;
    time[i] = 1 + ((i * 13) % 17) + x[i] * 0.5;
    status[i] = i % 4 === 3 ? 0 : 1;
  }
  const input: CoxInput = { time, status, x, p: 2, columnNames: ["a", "b"] };

  it("draws the same resamples for the same seed and replicate", () => {
    expect(Array.from(bootstrapResample(n, 3, 5))).toEqual(Array.from(bootstrapResample(n, 3, 5)));
    expect(Array.from(bootstrapResample(n, 3, 5))).not.toEqual(Array.from(bootstrapResample(n, 3, 6)));
  });

  it("has zero optimism when every resample is the original data", () => {
    const id = Array.from({ length: n }, (_, i) => i);
    const r = bootstrapOptimism(input, { resamples: [id, id], time: 10 });
    for (const idx of r.indices) {
      expect(idx.optimism).toBeCloseTo(0, 8); // observed 5.6e-10: the refit on the resample starts from another point
      expect(idx.corrected).toBeCloseTo(idx.apparent, 8);
    }
  });

  it("records seed and B and rejects malformed resamples", () => {
    const r = bootstrapOptimism(input, { B: 3, seed: 9 });
    expect(r.options).toMatchObject({ B: 3, seed: 9, resamples: "seeded" });
    expect(r.indices.map((i) => i.name)).toEqual(["harrellC", "unoC", "slope", "intercept"]);
    expect(() => bootstrapOptimism(input, { resamples: [[0, 1]] })).toThrow(/resamples/);
    expect(() => bootstrapOptimism(input, { B: 0 })).toThrow(/B/);
  });
});

describe("validatePredictionModel → figures", () => {
  it("feeds its calibration and nomogram results straight into the figures", async () => {
    const { readTable } = await import("../../src/data/read.js");
    const { validatePredictionModel } = await import("../../src/survival/validation/index.js");
    const { nomogramPlot } = await import("../../src/report/plots/nomogram.js");
    const { calibrationPlot } = await import("../../src/report/plots/calibration.js");
    const rows = ["time,status,age,group"];
    for (let i = 0; i < 60; i++) rows.push(`${1 + ((i * 37) % 53) + (i % 3)},${i % 5 === 4 ? 0 : 1},${40 + ((i * 11) % 30)},${i % 2 === 0 ? "b" : "a"}`);
    const { table } = readTable(new TextEncoder().encode(rows.join("\n") + "\n"), { fileName: "toy.csv" });
    const v = validatePredictionModel(table, "Surv(time, status) ~ age + group", { time: 20, B: 4, seed: 2 });
    expect(v.nomogram!.columns.map((c) => [c.name, c.levelLabels])).toEqual([["age", undefined], ["groupb", ["a", "b"]]]);
    expect(v.options).toMatchObject({ time: 20, tau: 20, B: 4, seed: 2, groups: 5 });
    expect(nomogramPlot(v.nomogram!)).toContain("survinfer-nomogram");
    expect(calibrationPlot(v.calibration!)).toContain("survinfer-calibration");
    // Efron's hazard for tied deaths gives E > O on the training data: log(O/E) < 0
    expect(v.calibrationIntercept.intercept).toBeLessThan(0);
  });

  it("has calibration intercept 0 on the training data with Breslow ties (Σ Λ̂(Tᵢ | xᵢ) = Σ Δᵢ)", async () => {
    const { readTable } = await import("../../src/data/read.js");
    const { validatePredictionModel } = await import("../../src/survival/validation/index.js");
    const rows = ["time,status,age"];
    for (let i = 0; i < 30; i++) rows.push(`${1 + ((i * 7) % 13)},${i % 4 === 3 ? 0 : 1},${40 + ((i * 11) % 30)}`);
    const { table } = readTable(new TextEncoder().encode(rows.join("\n") + "\n"), { fileName: "toy.csv" });
    const v = validatePredictionModel(table, "Surv(time, status) ~ age", { B: 0, ties: "breslow" });
    expect(v.calibrationIntercept.intercept).toBeCloseTo(0, 12);
    expect(v.calibrationIntercept.expected).toBeCloseTo(v.calibrationIntercept.observed, 10);
  });
});
