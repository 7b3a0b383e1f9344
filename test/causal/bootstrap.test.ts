/**
 * The seeded bootstrap of the whole pipeline: identical results for the synchronous fallback, 1 worker and
 * 2 worker threads; replicate r depends only on (seed, r); stratified resampling keeps the group sizes.
 */
import { describe, expect, it } from "vitest";
import { bootstrapEffects, bootstrapEffectsSync, replicateSeed, resampleIndices, statisticLabel } from "../../src/causal/bootstrap.js";
import { runEffectPipeline, statisticNames, statisticValues } from "../../src/causal/effect/pipeline.js";
import type { EffectData, EffectSpec } from "../../src/causal/effect/types.js";
import { effectData, treatmentEffects } from "../../src/causal/effect.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";

function lmsInput(n: number, seed: number) {
  const cohort = simulateCohort({ n, seed, parameters: { missingSize: 0, missingGrade: 0 } });
  const table = cohortToTable(cohort);
  const c = cohort.columns;
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  return { table, time, status, treatment: Int32Array.from(c.metastasectomy), covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing"] };
}

const spec: EffectSpec = {
  crude: true,
  multivariable: false,
  matching: { method: "nearest", distance: "logit", ratio: 1, replace: false, caliper: 0.2, stdCaliper: true, order: "largest", seed: 1 },
  weighting: { estimand: "ATE", stabilize: false },
  doublyRobust: false,
  psModel: "glm",
  times: [36],
  tau: 60,
  ties: "efron",
  confLevel: 0.95,
};

describe("bootstrapEffects", () => {
  const { data } = effectData(lmsInput(150, 3));
  const est = statisticValues(spec, data.q, runEffectPipeline(data, spec, false));

  it("gives identical replicates synchronously, with 1 worker and with 2 worker threads", async () => {
    const sync = bootstrapEffectsSync(data, spec, est, { replicates: 24, seed: 11 });
    const one = await bootstrapEffects(data, spec, est, { replicates: 24, seed: 11, workers: 1 });
    let progress = 0;
    const two = await bootstrapEffects(data, spec, est, { replicates: 24, seed: 11, workers: 2, onProgress: (d) => (progress = d) });
    expect(two).not.toHaveProperty("workers"); // a machine fact, kept out of results
    expect(progress).toBe(24);
    expect(one.values).toEqual(sync.values);
    expect(two.values).toEqual(sync.values);
    expect(two.intervals).toEqual(sync.intervals);
    expect(sync.names).toEqual(statisticNames(spec, data.q));
  }, 60_000);

  it("replicate r depends only on (seed, r): the first replicates of a longer run equal a shorter run", () => {
    const a = bootstrapEffectsSync(data, spec, est, { replicates: 5, seed: 4 });
    const b = bootstrapEffectsSync(data, spec, est, { replicates: 8, seed: 4 });
    expect(b.values.slice(0, 5)).toEqual(a.values);
    const c = bootstrapEffectsSync(data, spec, est, { replicates: 5, seed: 5 });
    expect(c.values).not.toEqual(a.values);
  });

  it("stratified resampling draws n₁ treated and n₀ controls; unstratified draws n rows", () => {
    const treat = Int32Array.from([1, 0, 0, 1, 0, 0, 0, 1]);
    const idx = resampleIndices(treat, replicateSeed(1, 0), true);
    expect(idx.length).toBe(8);
    expect(Array.from(idx).filter((i) => treat[i] === 1).length).toBe(3);
    const u = resampleIndices(treat, replicateSeed(1, 0), false);
    expect(u.length).toBe(8);
    expect(Array.from(u).every((i) => i >= 0 && i < 8)).toBe(true);
  });

  it("percentile intervals bracket the estimate and the HR intervals are exponentiated", () => {
    const boot = bootstrapEffectsSync(data, spec, est, { replicates: 60, seed: 2 });
    for (const iv of boot.intervals) {
      expect(iv.lower).toBeLessThan(iv.upper);
      expect(iv.se).toBeGreaterThan(0);
    }
    const res = treatmentEffects(lmsInput(150, 3), { matching: { distance: "logit", caliper: 0.2 }, multivariable: false, times: [36], tau: 60, bootstrap: { replicates: 60, seed: 2 } });
    const w = res.estimates.find((e) => e.id === "weighted")!;
    const iv = boot.intervals.find((v) => v.name === "logHR:weighted")!;
    expect(w.bootstrap!.lower).toBeCloseTo(Math.exp(iv.lower), 12);
    expect(res.weighted!.survival.survDifference[0].lower).toBe(boot.intervals.find((v) => v.name === "weighted:survDifference@36")!.lower);
    expect(res.bootstrap!.seed).toBe(2);
  });

  it("percentile limits are the ((B+1)α)-th and ((B+1)(1−α))-th order statistics (B = 39: the minimum and maximum), not R's type 7", () => {
    const boot = bootstrapEffectsSync(data, spec, est, { replicates: 39, seed: 3 });
    boot.names.forEach((name, j) => {
      const v = boot.values.map((row) => row[j]).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
      const iv = boot.intervals[j];
      if (v.length !== 39) return; // a statistic with failed replicates has other order statistics
      expect(iv.lower, name).toBe(v[0]);
      expect(iv.upper, name).toBe(v[38]);
    });
    expect(boot.intervals.some((iv) => iv.failed === 0)).toBe(true);
    expect(boot.options.intervals).toBe("percentile ((B+1)α order statistics) and normal");
  });

  it("a replicate whose pipeline fails is NaN and counted, not fatal", () => {
    const tiny: EffectData = {
      time: Float64Array.from([1, 2, 3, 4, 5, 6]),
      status: Int32Array.from([1, 0, 1, 1, 0, 1]),
      treat: Int32Array.from([1, 1, 1, 0, 0, 0]),
      x: Float64Array.from([0, 0, 0, 0, 0, 1]),
      q: 1,
      columnNames: ["male"],
      ids: ["a", "b", "c", "d", "e", "f"],
    };
    const s: EffectSpec = { ...spec, crude: false, matching: null, times: [], tau: null };
    const boot = bootstrapEffectsSync(tiny, s, [0], { replicates: 20, seed: 1 });
    expect(boot.failed).toBeGreaterThan(0);
    expect(boot.values.length).toBe(20);
  });
});

describe("statisticLabel", () => {
  it("names bootstrapped statistics in words for warnings, never by internal id", () => {
    expect(statisticLabel("logHR:matched")).toBe("hazard ratio, PS-matched Cox");
    expect(statisticLabel("logHR:weightedAdjusted")).toBe("hazard ratio, IPTW Cox adjusted for covariates");
    expect(statisticLabel("matched:survDifference@12")).toBe("survival difference at 12, matched sample");
    expect(statisticLabel("weighted:rmstDifference")).toBe("RMST difference, weighted sample");
    expect(statisticLabel("other")).toBe("other");
  });
});
