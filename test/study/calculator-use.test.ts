/** When the report offers the prediction calculator: the Riley minimum sample size and the corrected C (src/study/calculator-use.ts). */
import { describe, expect, it } from "vitest";
import { calculatorUse, DEFAULT_MINIMUM_C } from "../../src/study/calculator-use.js";
import { rileySampleSizeForModel } from "../../src/sensitivity/sample-size.js";

type V = Parameters<typeof calculatorUse>[0];

/** A fitted model's summary: log-likelihoods (null, final), Harrell's C, AUC and optional optimism-corrected values. */
function validation(loglik: [number, number], c: number, auc: number | null, corrected?: { harrellC: number; auc: number }): V {
  return {
    fit: { loglik } as unknown as V["fit"],
    harrell: { value: c } as unknown as V["harrell"],
    auc: auc === null ? null : ({ auc } as unknown as NonNullable<V["auc"]>),
    optimism: corrected === undefined ? null : ({ indices: [{ name: "harrellC", corrected: corrected.harrellC }, { name: "auc", corrected: corrected.auc }] } as unknown as V["optimism"]),
  };
}

/** n patients followed 1..60 (unit: months), every third with an event. */
function cohort(n: number): { time: number[]; status: number[] } {
  return { time: Array.from({ length: n }, (_, i) => 1 + (i % 60)), status: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)) };
}

describe("calculatorUse", () => {
  it("offers the calculator when the model has the Riley minimum of patients and a corrected C of at least 0.6", () => {
    const { time, status } = cohort(3000);
    const u = calculatorUse(validation([-5000, -4800], 0.74, 0.76, { harrellC: 0.72, auc: 0.73 }), time, status, 36, 2);
    expect(u.failed).toEqual([]);
    expect(u.offered).toBe(true);
    expect(u.minimumC).toBe(DEFAULT_MINIMUM_C);
    // the minimum is the Riley criteria's for this model, as the sensitivity section computes it
    const personTime = time.reduce((s, t) => s + t, 0);
    const riley = rileySampleSizeForModel({ n: 3000, events: 1000, personTime, parameters: 2, lrStatistic: 400, horizon: 36 });
    expect(u.sampleSize).toEqual({ n: riley.n, events: Math.round(riley.events), available: 3000, availableEvents: 1000 });
    expect(u.discrimination).toEqual({ harrellC: 0.72, auc: 0.73, corrected: true });
  });

  it("withholds it below the minimum sample size, and names each failed check", () => {
    const { time, status } = cohort(41);
    const u = calculatorUse(validation([-60, -55], 0.65, 0.61, { harrellC: 0.56, auc: 0.5 }), time, status, 60, 4);
    expect(u.offered).toBe(false);
    expect(u.failed).toEqual(["sample-size", "c-statistic"]);
    expect(u.sampleSize!.n).toBeGreaterThan(41);
  });

  it("withholds it when the corrected C or the corrected AUC is below minimumCStatistic, and reads the apparent ones without a bootstrap", () => {
    const { time, status } = cohort(3000);
    expect(calculatorUse(validation([-5000, -4800], 0.74, 0.76, { harrellC: 0.72, auc: 0.58 }), time, status, 36, 2).failed).toEqual(["c-statistic"]);
    expect(calculatorUse(validation([-5000, -4800], 0.74, 0.76, { harrellC: 0.72, auc: 0.73 }), time, status, 36, 2, 0.75).failed).toEqual(["c-statistic"]);
    const apparent = calculatorUse(validation([-5000, -4800], 0.74, null), time, status, 36, 2);
    expect(apparent.discrimination).toEqual({ harrellC: 0.74, auc: null, corrected: false });
    expect(apparent.offered).toBe(true);
  });

  it("withholds it when the model explains no more than chance (likelihood-ratio statistic not above its coefficients)", () => {
    const { time, status } = cohort(3000);
    const u = calculatorUse(validation([-5000, -4999.5], 0.74, 0.76), time, status, 36, 2);
    expect(u.failed).toEqual(["no-signal"]);
    expect(u.sampleSize).toBeNull();
  });
});
