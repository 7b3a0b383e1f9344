/**
 * cureFitCheck: the largest distance between a model's population survival and the Kaplan–Meier
 * estimate (hand-computed), the stretches where the model lies above the KM, and the seeded bootstrap band.
 */
import { describe, expect, it } from "vitest";
import { cureFitCaption, cureFitCheck } from "../../src/survival/cure/goodness-of-fit.js";
import { parametricCure } from "../../src/survival/cure/parametric.js";
import { meanPopulationSurvival } from "../../src/survival/cure/predict.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

// KM of these 8: events at 1, 2, 3, 4 → 7/8, 6/8, 5/8, 4/8, then flat to 20
const time = Float64Array.from([1, 2, 3, 4, 10, 12, 20, 20]);
const status = Int32Array.from([1, 1, 1, 1, 0, 0, 0, 0]);

describe("cureFitCheck", () => {
  it("finds the largest distance at a KM step end: a flat model at 0.5 is 1 − 0.5 away at time 0", () => {
    const chk = cureFitCheck(time, status, (ts) => ts.map(() => 0.5), { replicates: 50, seed: 3 });
    // on [0, 1) KM = 1 while the model is 0.5: distance 0.5, model below
    expectClose(chk.maxDistance, 0.5, { rel: 1e-15 }, "max distance");
    expect(chk.at).toBe(0);
    expect(chk.side).toBe("below");
    expect(chk.modelAbove).toEqual([]);
  });
  it("reports the stretch on which the model lies above the KM (the tail) and the side of the largest distance", () => {
    // model max(0.6, 1 − t/20): 0.95, 0.9, 0.85, 0.8 at 1..4 (above the KM's 7/8 … 4/8), 0.6 at 20 (above 0.5)
    const model = (ts: readonly number[]): number[] => ts.map((t) => Math.max(0.6, 1 - t / 20));
    const chk = cureFitCheck(time, status, model, { replicates: 50, seed: 3 });
    // largest: on [4, 20) the KM is 1/2 and the model 0.8 at 4
    expectClose(chk.maxDistance, 0.3, { rel: 1e-14 }, "max distance");
    expect(chk.at).toBe(4);
    expect(chk.side).toBe("above");
    expect(chk.modelAbove).toEqual([{ from: 1, to: 20 }]);
  });
  it("is reproducible for a seed, and its band is the level quantile of the bootstrap sup distances", () => {
    const fx = loadFixture<{ time: number[]; status: number[] }, unknown>("cure", "lms-cohort-intercept");
    const t = Float64Array.from(fx.input.time);
    const d = Int32Array.from(fx.input.status);
    const model = (ts: readonly number[]): number[] => ts.map((u) => 0.4 + 0.6 * Math.exp(-u / 30));
    const a = cureFitCheck(t, d, model, { replicates: 200, seed: 11 });
    const b = cureFitCheck(t, d, model, { replicates: 200, seed: 11 });
    expect(a).toEqual(b);
    // a 64-patient KM: the 95 % sup deviation lies well inside (0, 0.5)
    expect(a.band.halfWidth).toBeGreaterThan(0.05);
    expect(a.band.halfWidth).toBeLessThan(0.5);
    const c = cureFitCheck(t, d, model, { replicates: 200, seed: 12 });
    expect(c.band.halfWidth).not.toBe(a.band.halfWidth);
    // a wider band at a higher level
    expect(cureFitCheck(t, d, model, { replicates: 200, seed: 11, level: 0.99 }).band.halfWidth).toBeGreaterThanOrEqual(a.band.halfWidth);
  });
  it("on the example cohort the intercept-only Weibull model lies above the KM on the tail, and the caption says so", () => {
    const fx = loadFixture<{ time: number[]; status: number[] }, unknown>("cure", "lms-cohort-intercept");
    const t = Float64Array.from(fx.input.time);
    const d = Int32Array.from(fx.input.status);
    const input = { time: t, status: d, z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [] };
    const fit = parametricCure(input, { distribution: "weibull" });
    const all = Int32Array.from({ length: t.length }, (_, i) => i);
    const chk = cureFitCheck(t, d, (ts) => meanPopulationSurvival(fit, input, all, [...ts]), { replicates: 200, seed: 44 });
    const tail = chk.modelAbove[chk.modelAbove.length - 1];
    expect(tail.to).toBe(Math.max(...fx.input.time));
    const caption = cureFitCaption(chk, "months");
    expect(caption).toMatch(/^Largest distance between the model curve and the Kaplan–Meier estimate: 0\.\d{3} at/);
    expect(caption).toMatch(/the model lies above the Kaplan–Meier estimate from \d+(\.\d+)? to \d+(\.\d+)? months/);
    expect(caption).toMatch(/simultaneous bootstrap band .*200 resamples, seed 44/);
  });
  it("refuses too few resamples", () => {
    expect(() => cureFitCheck(time, status, (ts) => ts.map(() => 0.5), { replicates: 5 })).toThrow(/replicates/);
  });
});
