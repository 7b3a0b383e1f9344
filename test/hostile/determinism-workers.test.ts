/**
 * Machine facts stay out of results: the bootstrap result (which goes into results.json and `--json`)
 * is the same JSON text with 1 worker thread, 2 worker threads and no workers at all; the `workers`
 * option still chooses how to compute it.
 */
import { describe, expect, it } from "vitest";
import { bootstrapEffects, bootstrapEffectsSync } from "../../src/causal/bootstrap.js";
import { runEffectPipeline, statisticValues } from "../../src/causal/effect/pipeline.js";
import type { EffectSpec } from "../../src/causal/effect/types.js";
import { effectData } from "../../src/causal/effect.js";
import { toJson } from "../../src/cli/format.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";

const cohort = simulateCohort({ n: 120, seed: 7, parameters: { missingSize: 0, missingGrade: 0 } });
const c = cohort.columns;
const input = {
  table: cohortToTable(cohort),
  time: Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375),
  status: Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1)),
  treatment: Int32Array.from(c.metastasectomy),
  covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing"],
};
const spec: EffectSpec = {
  crude: true,
  multivariable: false,
  matching: { method: "nearest", distance: "logit", ratio: 1, replace: false, caliper: 0.2, stdCaliper: true, order: "largest", seed: 1 },
  weighting: { estimand: "ATE", stabilize: true },
  doublyRobust: false,
  psModel: "glm",
  times: [36],
  tau: 60,
  ties: "efron",
  confLevel: 0.95,
};

describe("bootstrap results do not depend on the number of worker threads", () => {
  it("gives the same results JSON for workers 1 and 2 and the synchronous fallback, with no workers field", async () => {
    const { data } = effectData(input);
    const est = statisticValues(spec, data.q, runEffectPipeline(data, spec, false));
    const one = await bootstrapEffects(data, spec, est, { replicates: 16, seed: 5, workers: 1 });
    const two = await bootstrapEffects(data, spec, est, { replicates: 16, seed: 5, workers: 2 });
    const sync = bootstrapEffectsSync(data, spec, est, { replicates: 16, seed: 5 });
    expect(toJson(two)).toBe(toJson(one));
    expect(toJson(sync)).toBe(toJson(one));
    expect(JSON.parse(toJson(one))).not.toHaveProperty("workers");
    expect(one.replicates).toBe(16);
    expect(one.seed).toBe(5);
  }, 120_000);
});
