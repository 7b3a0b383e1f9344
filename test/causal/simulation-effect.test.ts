/**
 * Simulation check (seeded, n = 4000, lms preset; docs/simulation.md): the crude comparison is confounded,
 * the PS-matched and PS-weighted estimates are closer to the truth.
 *
 * Which truth: in the default lms preset surgery acts from the date of surgery (after a wait W), so
 * "ever operated" at baseline carries immortal time and no baseline PS analysis estimates the simulator's
 * conditional HR. Here the wait is set to 0 (surgery at the origin, no immortal time) and the covariates
 * complete; the PS model is then correctly specified (log2 size as in the selection model) and the
 * marginal truth is known: `truth.counterfactual` gives the sample-average survival at 60 months under
 * "all operated" vs "none operated" (ATE) and among the operated (ATT). The HR is compared with the
 * conditional HR 0.7 only as a direction check (a marginal HR is attenuated towards 1 by non-collapsibility).
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/data/table.js";
import { treatmentEffects } from "../../src/causal/effect.js";
import { marginalContrast } from "../../src/causal/effect/marginal.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";

describe("treatment effects on a simulated cohort with a known truth", () => {
  const cohort = simulateCohort({ n: 4000, seed: 2024, trueHazardRatio: 0.7, parameters: { waitMinDays: 0, waitMeanDays: 0, missingSize: 0, missingGrade: 0 } });
  const base = cohortToTable(cohort);
  const c = cohort.columns;
  const table: Table = {
    ...base,
    columns: [
      ...base.columns,
      { kind: "numeric", name: "log2_size", values: Float64Array.from(c.primarySizeMm, (s) => Math.log2(s / 80)) },
      { kind: "categorical", name: "grade3", levels: ["no", "yes"], codes: Int32Array.from(c.grade, (g) => (g === 3 ? 1 : 0)) },
    ],
  };
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  const treatment = Int32Array.from(c.metastasectomy);
  const truth = cohort.truth.counterfactual;
  const at60 = truth.timesMonths.indexOf(60);

  it("crude difference at 60 months is biased; IPTW (ATE) and matched (ATT) differences are close to the truth", () => {
    const res = treatmentEffects(
      { table, time, status, treatment, covariates: ["age_primary", "log2_size", "n_lung_mets", "timing", "grade3"] },
      { multivariable: false, matching: { distance: "logit", caliper: 0.2 }, weighting: { estimand: "ATE" }, times: [60] },
    );
    const crude = marginalContrast(time, status, treatment, new Float64Array(time.length).fill(1), [60], null).survDifference[0]!;
    const ate = res.weighted!.survival.survDifference[0].estimate!;
    const att = res.matched!.survival.survDifference[0].estimate!;
    const trueAte = truth.ate.difference[at60];
    const trueAtt = truth.att.difference[at60];
    expect(Math.abs(crude - trueAte)).toBeGreaterThan(0.08);
    expect(Math.abs(ate - trueAte)).toBeLessThan(0.04);
    expect(Math.abs(att - trueAtt)).toBeLessThan(0.05);
    expect(Math.abs(ate - trueAte)).toBeLessThan(Math.abs(crude - trueAte) / 2);
    expect(Math.abs(att - trueAtt)).toBeLessThan(Math.abs(crude - trueAtt) / 2);

    // hazard ratios: the crude HR overstates the benefit; the PS-adjusted HRs are closer to the conditional 0.7
    const hr = (id: string): number => res.estimates.find((e) => e.id === id)!.hr!;
    const dist = (h: number): number => Math.abs(Math.log(h) - Math.log(0.7));
    expect(hr("crude")).toBeLessThan(0.7);
    expect(dist(hr("weighted"))).toBeLessThan(dist(hr("crude")));
    expect(dist(hr("matched"))).toBeLessThan(dist(hr("crude")));
    // M-estimation SE ≤ robust SE for the ATE (the robust sandwich is conservative)
    const seM = res.estimates.find((e) => e.id === "weightedMEstimation")!.se!;
    const seR = res.estimates.find((e) => e.id === "weighted")!.se!;
    expect(seM).toBeLessThanOrEqual(seR);
  }, 30_000);
});
