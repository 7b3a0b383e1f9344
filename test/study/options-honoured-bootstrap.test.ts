/**
 * Issue 13: bootstrap replicates of the treatment-effect pipeline apply the same propensity options as the
 * point estimate — PS trimming and weight truncation are re-done on every resample, and exact-matching strata
 * travel with the resampled patients (a resampled patient keeps its stratum and is matched within it).
 * Data: the example cohort as the study-options fixture stores it (complete cases, OS in months).
 */
import { describe, expect, it } from "vitest";
import type { Column, Table } from "../../src/data/table.js";
import { effectData, treatmentEffects, type TreatmentEffectsInput } from "../../src/causal/effect.js";
import { replicateSeed, resampleData, resampleIndices, runReplicate } from "../../src/causal/bootstrap.js";
import { runEffectPipeline, statisticNames } from "../../src/causal/effect/pipeline.js";
import type { EffectSpec } from "../../src/causal/effect/types.js";
import { loadFixture } from "../helpers/fixtures.js";

interface Input {
  data: Record<string, string | number>[];
  covariates: string[];
  reference: Record<string, string>;
}

function tableFrom(rows: Record<string, string | number>[]): Table {
  const columns: Column[] = Object.keys(rows[0]).map((name) => {
    const vals = rows.map((r) => r[name]);
    if (vals.every((v) => typeof v === "number")) return { kind: "numeric", name, values: Float64Array.from(vals as number[]) };
    const levels = [...new Set(vals.map(String))].sort();
    return { kind: "categorical", name, levels, codes: Int32Array.from(vals, (v) => levels.indexOf(String(v))) };
  });
  return { nRows: rows.length, columns, source: { file: "fixture" }, rowNumbers: Int32Array.from(rows, (_, i) => i + 2) };
}

const fx = loadFixture<Input>("study-options", "lms").input;
const input: TreatmentEffectsInput = {
  table: tableFrom(fx.data),
  time: Float64Array.from(fx.data, (r) => r.time as number),
  status: Int32Array.from(fx.data, (r) => r.status as number),
  treatment: Int32Array.from(fx.data, (r) => r.treat as number),
  covariates: fx.covariates,
  ids: fx.data.map((r) => String(r.id)),
  reference: fx.reference,
};

const SPEC: EffectSpec = {
  crude: false,
  multivariable: false,
  matching: null,
  weighting: { estimand: "ATE", stabilize: false, trim: null, truncate: null },
  doublyRobust: false,
  psModel: "glm",
  times: [],
  tau: null,
  ties: "efron",
  confLevel: 0.95,
};
const MATCHING = { method: "nearest", distance: "logit", ratio: 1, replace: false, caliper: 0.2, stdCaliper: true, order: "largest", seed: 1 } as const;

describe("bootstrap replicates apply the propensity options", () => {
  it("each replicate trims the PS and truncates the weights of its own resample", () => {
    const { data } = effectData(input);
    const spec: EffectSpec = { ...SPEC, weighting: { ...SPEC.weighting!, trim: 0.1, truncate: 0.9 } };
    let differs = 0;
    for (let r = 0; r < 5; r++) {
      const d = resampleData(data, resampleIndices(data.treat, replicateSeed(3, r), true));
      const core = runEffectPipeline(d, spec, false);
      const w = core.weighted!.weights;
      const ps = core.ps!;
      // trimmed in this resample ⇔ weight 0
      ps.forEach((e, i) => expect(w[i] === 0, `replicate ${r}, unit ${i}`).toBe(e < 0.1 || e > 0.9));
      // truncated: no weight above the 90th percentile threshold of the retained weights (some equal to it)
      const max = Math.max(...w);
      expect(w.filter((v) => v === max).length).toBeGreaterThan(1);
      const plain = runReplicate(data, SPEC, 3, r, true);
      const opts = runReplicate(data, spec, 3, r, true);
      const k = statisticNames(spec, data.q).indexOf("logHR:weighted");
      expect(opts[k]).toBe(core.estimates.find((e) => e.id === "weighted")!.coef);
      if (opts[k] !== plain[k]) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it("resampled patients keep their exact-matching stratum and are matched within it", () => {
    const { data } = effectData(input, ["sex"]);
    expect(data.exact).toBeDefined();
    const idx = resampleIndices(data.treat, replicateSeed(5, 0), true);
    const d = resampleData(data, idx);
    expect(Array.from(d.exact!)).toEqual(Array.from(idx, (i) => data.exact![i]));
    const withExact: EffectSpec = { ...SPEC, weighting: null, matching: { ...MATCHING, exact: ["sex"] } };
    const without: EffectSpec = { ...SPEC, weighting: null, matching: { ...MATCHING, exact: [] } };
    const k = statisticNames(withExact, data.q).indexOf("logHR:matched");
    let differs = 0;
    for (let r = 0; r < 5; r++) if (runReplicate(data, withExact, 5, r, true)[k] !== runReplicate(data, without, 5, r, true)[k]) differs++;
    expect(differs).toBeGreaterThan(0);
  });

  it("treatmentEffects' bootstrap intervals change with trim, truncate and exact", () => {
    const boot = { replicates: 20, seed: 11, workers: 1 } as const;
    const run = (weighting: { trim: number | null; truncate: number | null }, exact: string[]) =>
      treatmentEffects(input, { crude: false, multivariable: false, weighting: { estimand: "ATE", ...weighting }, matching: { distance: "logit", caliper: 0.2, exact }, bootstrap: boot });
    const base = run({ trim: null, truncate: null }, []);
    const opts = run({ trim: 0.1, truncate: 0.95 }, ["sex"]);
    const iv = (res: ReturnType<typeof run>, id: string) => res.estimates.find((e) => e.id === id)!.bootstrap;
    expect(iv(opts, "weighted")).not.toEqual(iv(base, "weighted"));
    expect(iv(opts, "matched")).not.toEqual(iv(base, "matched"));
    expect(opts.options.weighting).toMatchObject({ trim: 0.1, truncate: 0.95 });
    expect(opts.options.matching?.exact).toEqual(["sex"]);
  });
});
