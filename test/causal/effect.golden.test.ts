/**
 * Golden tests of treatmentEffects against R (fixtures from tools/oracle/effect.R): MatchIt's lalonde with
 * a synthetic survival outcome drawn in R (set.seed(20240607), stored in the fixture) and the bundled example
 * cohort (examples/lms-metastasectomy, OS in months, complete cases).
 * R calls: glm(binomial); coxph(Surv ~ treat [+ covs], weights = w, robust = TRUE); survey::svycoxph;
 * the M-estimation variance as stacked estimating equations in base R (numerical Jacobian);
 * matched coxph(..., weights, cluster = subclass | id), coxph(... + strata(subclass)), survdiff;
 * survfit(weights = w) at times and rmean = tau.
 */
import { describe, expect, it } from "vitest";
import type { Column, Table } from "../../src/data/table.js";
import { effectData, treatmentEffects, type TreatmentEffectsInput } from "../../src/causal/effect.js";
import { runEffectPipeline } from "../../src/causal/effect/pipeline.js";
import type { EffectSpec } from "../../src/causal/effect/types.js";
import type { MEstimand } from "../../src/causal/m-estimation.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

type Num = number | number[];
interface WeightingCase {
  estimand: MEstimand;
  stabilize: boolean;
  weights: number[];
  coef: Num;
  robust_se: Num;
  naive_se: Num;
  m_se: Num;
  svy_coef: Num;
  svy_se: Num;
  n: number;
  nevent: number;
}
interface MatchedCase {
  options: { distance: "ps" | "logit"; ratio: number; replace: boolean; caliper?: number; order: "largest" | "data" };
  n: number;
  ids: string[];
  weights: number[];
  cluster: { coef: number; se: number; naive_se: number; nevent: number };
  strata?: { coef: number; se: number; robust: boolean; nevent: number };
  logrank?: { chisq: number; observed: number[]; expected: number[] };
}
interface EffectFixture {
  data: Record<string, string | number>[];
  covariates: string[];
  reference: Record<string, string> | unknown[];
  times: number[];
  tau: number;
}
interface EffectExpected {
  ps: { coef: number[]; fitted: number[] };
  crude: { coef: number; se: number; n: number; nevent: number };
  multivariable: { coef: number; se: number };
  weighting: WeightingCase[];
  doublyRobust: WeightingCase;
  matched: MatchedCase[];
  marginalAte: { times: number[]; tau: number; surv_control: number[]; surv_treated: number[]; rmst_control: number; rmst_treated: number };
}

const first = (v: Num): number => (Array.isArray(v) ? v[0] : v);

function tableFrom(rows: Record<string, string | number>[]): Table {
  const names = Object.keys(rows[0]);
  const columns: Column[] = names.map((name) => {
    const vals = rows.map((r) => r[name]);
    if (vals.every((v) => typeof v === "number")) return { kind: "numeric", name, values: Float64Array.from(vals as number[]) };
    const levels = [...new Set(vals.map(String))].sort();
    return { kind: "categorical", name, levels, codes: Int32Array.from(vals, (v) => levels.indexOf(String(v))) };
  });
  const rowNumbers = Int32Array.from(rows, (_, i) => i + 2);
  return { nRows: rows.length, columns, source: { file: "fixture" }, rowNumbers };
}

function inputFrom(f: EffectFixture): TreatmentEffectsInput {
  const table = tableFrom(f.data);
  return {
    table,
    time: Float64Array.from(f.data, (r) => r.time as number),
    status: Int32Array.from(f.data, (r) => r.status as number),
    treatment: Int32Array.from(f.data, (r) => r.treat as number),
    covariates: f.covariates,
    ids: f.data.map((r) => String(r.id)),
    reference: Array.isArray(f.reference) ? undefined : f.reference,
  };
}

for (const name of ["lalonde", "lms"]) {
  const fx = loadFixture<EffectFixture, EffectExpected>("effect", name);
  const input = inputFrom(fx.input);
  const ex = fx.expected;
  const nRows = fx.input.data.length;

  describe(`treatmentEffects on ${name} (R: ${fx.call.slice(0, 60)}…)`, () => {
    it("crude and multivariable Cox equal coxph to 1e-10 (observed ~1e-14)", () => {
      const res = treatmentEffects(input, { matching: false, weighting: false });
      const crude = res.estimates.find((e) => e.id === "crude")!;
      expectClose(crude.coef!, ex.crude.coef, { rel: 1e-10 }, "crude coef");
      expectClose(crude.se!, ex.crude.se, { rel: 1e-10 }, "crude se");
      expect(crude.n).toBe(ex.crude.n);
      expect(crude.nEvents).toBe(ex.crude.nevent);
      const mv = res.estimates.find((e) => e.id === "multivariable")!;
      expectClose(mv.coef!, ex.multivariable.coef, { rel: 1e-10 }, "multivariable coef");
      expectClose(mv.se!, ex.multivariable.se, { rel: 1e-10 }, "multivariable se");
    });

    for (const w of ex.weighting) {
      const label = `${w.estimand}${w.stabilize ? " stabilised" : ""}`;
      it(`${label} weighted Cox: weights to 1e-8, coef and robust SE to 1e-10 vs coxph and svycoxph, M-estimation SE to 1e-8 vs the stacked equations in R`, () => {
        const { data } = effectData(input);
        const spec: EffectSpec = { crude: false, multivariable: false, matching: null, weighting: { estimand: w.estimand, stabilize: w.stabilize }, doublyRobust: false, psModel: "glm", times: [], tau: null, ties: "efron", confLevel: 0.95 };
        const core = runEffectPipeline(data, spec, true);
        expectClose(core.ps!, ex.ps.fitted, { rel: 1e-10 }, "ps");
        expectClose(core.weighted!.weights, w.weights, { rel: 1e-10 }, "weights");
        const robust = core.estimates.find((e) => e.id === "weighted")!;
        const m = core.estimates.find((e) => e.id === "weightedMEstimation")!;
        expectClose(robust.coef!, first(w.coef), { rel: 1e-10 }, "coef");
        expectClose(robust.se!, first(w.robust_se), { rel: 1e-10 }, "robust se");
        expectClose(robust.coef!, first(w.svy_coef), { rel: 1e-10 }, "svycoxph coef");
        // svycoxph's design-based SE carries the n/(n − 1) factor of a with-replacement single-stage design
        expectClose(robust.se! * Math.sqrt(nRows / (nRows - 1)), first(w.svy_se), { rel: 1e-10 }, "svycoxph se");
        expectClose(m.se!, first(w.m_se), { rel: 1e-8 }, "M-estimation se");
        expect(robust.nEvents).toBe(w.nevent);
      });
    }

    it("covariate-adjusted (doubly robust) ATE weighted Cox: coef and robust SE to 1e-10, M-estimation SE to 1e-10", () => {
      const res = treatmentEffects(input, { crude: false, multivariable: false, matching: false, weighting: { estimand: "ATE" }, doublyRobust: true });
      const dr = ex.doublyRobust;
      const a = res.estimates.find((e) => e.id === "weightedAdjusted")!;
      const am = res.estimates.find((e) => e.id === "weightedAdjustedMEstimation")!;
      expectClose(a.coef!, first(dr.coef), { rel: 1e-10 }, "coef");
      expectClose(a.se!, first(dr.robust_se), { rel: 1e-10 }, "robust se");
      expectClose(am.se!, first(dr.m_se), { rel: 1e-10 }, "M-estimation se");
    });

    for (const mc of ex.matched) {
      const o = mc.options;
      it(`matching (${o.distance}, 1:${o.ratio}${o.replace ? ", replace" : ""}${o.caliper !== undefined ? `, caliper ${o.caliper}` : ""}): clustered Cox to 1e-10${mc.strata ? ", pair-stratified Cox and log-rank" : ""}`, () => {
        const res = treatmentEffects(input, {
          crude: false,
          multivariable: false,
          weighting: false,
          matching: { distance: o.distance, ratio: o.ratio, replace: o.replace, caliper: o.caliper ?? null, order: o.order },
        });
        expect(res.matched!.n).toBe(mc.n);
        const m = res.estimates.find((e) => e.id === "matched")!;
        expectClose(m.coef!, mc.cluster.coef, { rel: 1e-10 }, "matched coef");
        expectClose(m.se!, mc.cluster.se, { rel: 1e-10 }, "matched clustered se");
        expect(m.nEvents).toBe(mc.cluster.nevent);
        if (mc.strata) {
          const s = res.estimates.find((e) => e.id === "matchedStratified")!;
          expectClose(s.coef!, mc.strata.coef, { rel: 1e-10 }, "stratified coef");
          expectClose(s.se!, mc.strata.se, { rel: 1e-10 }, "stratified se");
          expectClose(res.matched!.logrank!.chisq, mc.logrank!.chisq, { rel: 1e-10 }, "log-rank chisq");
          expectClose([...res.matched!.logrank!.expected], mc.logrank!.expected, { rel: 1e-10 }, "log-rank expected");
        } else {
          expect(res.estimates.some((e) => e.id === "matchedStratified")).toBe(false);
        }
      });
    }

    it("ATE-weighted Kaplan–Meier per arm at t and RMST up to tau equal survfit(weights = w)", () => {
      const res = treatmentEffects(input, { crude: false, multivariable: false, matching: false, weighting: { estimand: "ATE" }, times: fx.input.times, tau: fx.input.tau });
      const s = res.weighted!.survival;
      const m = ex.marginalAte;
      expectClose(s.survTreated as number[], m.surv_treated, { rel: 1e-10 }, "surv treated");
      expectClose(s.survControl as number[], m.surv_control, { rel: 1e-10 }, "surv control");
      expectClose(s.rmstTreated!, m.rmst_treated, { rel: 1e-10 }, "rmst treated");
      expectClose(s.rmstControl!, m.rmst_control, { rel: 1e-10 }, "rmst control");
      expectClose(s.rmstDifference.estimate!, m.rmst_treated - m.rmst_control, { rel: 1e-9 }, "rmst difference");
    });
  });
}
