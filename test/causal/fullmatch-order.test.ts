/** The greedy-order diagnostic of nearest-neighbour matching (causal/match.ts, OrderDiagnostic) and of the matched HR (effects). */
import { describe, expect, it } from "vitest";
import { treatmentEffects } from "../../src/causal/effect.js";
import { matchNearest } from "../../src/causal/match.js";
import { randomOrderSentence } from "../../src/report/sections-effects.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";
import { expectClose } from "../helpers/expect-close.js";

/** Many treated, few controls, overlapping scores: largest-first leaves the late treated low-side controls. */
function cohort(n1: number, n0: number): { treat: Int32Array; ps: Float64Array } {
  let state = 7;
  const u = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const treat = new Int32Array(n1 + n0);
  const ps = new Float64Array(n1 + n0);
  for (let i = 0; i < n1 + n0; i++) {
    treat[i] = i < n1 ? 1 : 0;
    ps[i] = treat[i] === 1 ? 0.3 + 0.6 * u() : 0.1 + 0.6 * u();
  }
  return { treat, ps };
}

describe("greedy-order diagnostic", () => {
  it("measures the within-pair score difference under the order used and a seeded random order", () => {
    const { treat, ps } = cohort(300, 400);
    const r = matchNearest({ treat, distance: ps }, { caliper: 0.2 });
    const g = r.orderDiagnostic!;
    expect(g.order).toBe("largest");
    // recompute the mean treated − control difference over the pairs in SD of the score
    const idx = (id: string): number => Number(id) - 1;
    const diffs = r.matched.flatMap((s) => s.controls.map((c) => ps[idx(s.treated)] - ps[idx(c)]));
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    expect(g.meanPairDifferenceSd).toBeCloseTo(mean / r.options.distanceSd, 12);
    const rr = matchNearest({ treat, distance: ps }, { caliper: 0.2, order: "random", seed: 1 });
    expect(g.randomOrderTreatedMatched).toBe(rr.steps.treatedMatched);
    expect(rr.orderDiagnostic).toBeUndefined();
    // the largest-first pairs lean to the treated side more than the random-order pairs
    expect(g.meanPairDifferenceSd).toBeGreaterThan(g.randomOrderMeanPairDifferenceSd);
    expect(g.material).toBe(Math.abs(g.meanPairDifferenceSd) >= 0.05 && Math.abs(g.meanPairDifferenceSd) >= 2 * Math.abs(g.randomOrderMeanPairDifferenceSd));
    expect(r.warnings.some((w) => w.startsWith("greedy largest-first matching left a within-pair imbalance"))).toBe(g.material);
  });
  it("is absent with replacement (order has no effect then)", () => {
    const { treat, ps } = cohort(30, 40);
    expect(matchNearest({ treat, distance: ps }, { replace: true }).orderDiagnostic).toBeUndefined();
  });
});

describe("greedy-order check of the matched HR (effects.matched.randomOrder)", () => {
  const cohort = simulateCohort({ n: 400, seed: 5, parameters: { missingSize: 0, missingGrade: 0 } });
  const c = cohort.columns;
  const input = {
    table: cohortToTable(cohort),
    time: Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375),
    status: Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1)),
    treatment: Int32Array.from(c.metastasectomy),
    covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing"],
  };
  const common = { multivariable: false, weighting: false, crude: false } as const;

  it("refits the matched Cox model after matching in a seeded random order, and the report and CLI say both HRs", () => {
    const res = treatmentEffects(input, { ...common, matching: { distance: "logit", caliper: 0.2, order: "largest", seed: 9 } });
    const ro = res.matched!.randomOrder!;
    expect(ro.order).toBe("largest");
    expect(ro.seed).toBe(9);
    // the same as the study's matched HR with order "random" and that seed
    const rnd = treatmentEffects(input, { ...common, matching: { distance: "logit", caliper: 0.2, order: "random", seed: 9 } });
    const m = rnd.estimates.find((e) => e.id === "matched")!;
    expectClose([ro.hr!, ro.lower!, ro.upper!], [m.hr!, m.lower!, m.upper!], { rel: 1e-12 }, "random-order HR");
    expect(ro.treatedMatched).toBe(rnd.matched!.nTreated);
    expect(rnd.matched!.randomOrder).toBeNull();
    const text = randomOrderSentence(res)!;
    expect(text).toContain("largest-first");
    expect(text).toContain(`seed 9, ${ro.treatedMatched} treated patients matched`);
    expect(randomOrderSentence(rnd)).toBeNull();
  });

  it("is absent for optimal and full matching and with replacement", () => {
    for (const matching of [{ method: "optimal" as const, caliper: 0.2 }, { method: "full" as const, caliper: 0.2 }, { replace: true, caliper: null, order: "largest" as const }]) {
      expect(treatmentEffects(input, { ...common, matching: { distance: "logit", ...matching } }).matched!.randomOrder).toBeNull();
    }
  });
});
