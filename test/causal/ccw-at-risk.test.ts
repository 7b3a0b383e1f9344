/**
 * The clone–censor–weight curves carry the unweighted number of clones at risk (`nRiskUnweighted`), the count the
 * report cuts curves at and prints under them: #{clones with follow-up end ≥ t}, the same on the split rows (as
 * survSplit builds them) as on the fast path, and independent of the weights.
 */
import { describe, expect, it } from "vitest";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { clonesAtRisk, weightedKaplanMeier } from "../../src/causal/ccw/curve.js";
import { armRows, eventTimes } from "../../src/causal/ccw/rows.js";
import { armWeights } from "../../src/causal/ccw/weights.js";
import { simulateCohort } from "../../src/simulate/index.js";

const MONTH = 30.4375;

function simulated(n: number, seed: number): CcwInput {
  const c = simulateCohort({ n, seed, parameters: { missingSize: 0, missingGrade: 0 } }).columns;
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => Math.max(0.5, d - c.dateLungMet[i]) / MONTH);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  const treatmentTime = Float64Array.from(c.datePm, (d, i) => (Number.isNaN(d) ? Number.POSITIVE_INFINITY : (d - c.dateLungMet[i]) / MONTH));
  const cols = [Float64Array.from(c.agePrimary), Float64Array.from(c.male), Float64Array.from(c.nLungMets)];
  const x = new Float64Array(n * cols.length);
  cols.forEach((col, j) => x.set(col, j * n));
  return { time, status, treatmentTime, x, p: cols.length, columnNames: ["age", "male", "mets"] };
}

describe("clone–censor–weight curves: unweighted clones at risk", () => {
  it("nRiskUnweighted is #{clones in follow-up at t} at each event time, on the fast path and on the split rows", () => {
    const input = simulated(120, 3);
    const res = cloneCensorWeight(input, { grace: 6 });
    const clones = (["treat", "control"] as const).map((s) => cloneArm(input.time, input.status, input.treatmentTime, 6, s));
    const wts = clones.map((c, a) => armWeights(c, input.x, input.p, input.columnNames, false, String(a), { model: "piecewise", periods: 4 }));
    const ev = eventTimes(clones);
    res.arms.forEach((arm, a) => {
      const c = clones[a];
      const direct = arm.curve.time.map((t) => c.tc.filter((x) => x >= t).length);
      expect(arm.curve.nRiskUnweighted).toEqual(direct);
      expect(weightedKaplanMeier(armRows(c, wts[a], ev)).nRiskUnweighted).toEqual(direct);
      // counts of clones, not weighted sums: whole numbers, and the weighted sums differ (the weights are not all 1)
      expect(arm.curve.nRiskUnweighted.every((v) => Number.isInteger(v))).toBe(true);
      expect(arm.curve.nRiskUnweighted.length).toBe(arm.curve.nRisk.length);
    });
    expect(res.arms.some((arm) => arm.curve.nRisk.some((w, k) => Math.abs(w - arm.curve.nRiskUnweighted[k]) > 1e-6))).toBe(true);
  });
});

describe("clone–censor–weight arms: unweighted clones at risk over every follow-up end (atRisk, issue 19)", () => {
  it("clonesAtRisk counts the ends ≥ each distinct end time, ties once", () => {
    expect(clonesAtRisk(Float64Array.of(5, 2, 9, 5))).toEqual({ time: [2, 5, 9], n: [4, 3, 1] });
    expect(clonesAtRisk(new Float64Array(0))).toEqual({ time: [], n: [] });
  });

  it("a hand case (grace 6 months): at 12 months 3 clones are in follow-up in each strategy, where the next death's risk set is 1 in the treat strategy", () => {
    // patient: follow-up (months), died, treated at (Infinity: never)
    //   1: 20 died, treated at 2      treat: follows to 20 (death)      control: deviates at 2
    //   2: 15 cens, treated at 3      treat: 15                          control: deviates at 3
    //   3:  8 died, never             treat: deviates at 6 (G)           control: 8 (death)
    //   4: 30 cens, never             treat: deviates at 6               control: 30
    //   5:  4 died, never             treat: 4 (death, within G)         control: 4 (death)
    //   6: 25 died, treated at 10     treat: deviates at 6               control: 25 (death; treated after G)
    //   7: 12 cens, treated at 1      treat: 12                          control: deviates at 1
    //   8: 40 cens, never             treat: deviates at 6               control: 40
    const time = Float64Array.of(20, 15, 8, 30, 4, 25, 12, 40);
    const status = Int32Array.of(1, 0, 1, 0, 1, 1, 0, 0);
    const inf = Number.POSITIVE_INFINITY;
    const treatmentTime = Float64Array.of(2, 3, inf, inf, inf, 10, 1, inf);
    const x = Float64Array.of(61, 45, 70, 52, 66, 58, 49, 55);
    const res = cloneCensorWeight({ time, status, treatmentTime, x, p: 1, columnNames: ["age"] }, { grace: 6 });
    const [treat, control] = res.arms;
    expect(treat.atRisk).toEqual({ time: [4, 6, 12, 15, 20], n: [8, 7, 3, 2, 1] });
    expect(control.atRisk).toEqual({ time: [1, 2, 3, 4, 8, 25, 30, 40], n: [8, 7, 6, 5, 4, 3, 2, 1] });
    const at = (a: { time: number[]; n: number[] }, t: number): number => a.n[a.time.findIndex((u) => u >= t)] ?? 0;
    // at 12 months: follow-up ≥ 12 is patients 1, 2 and 7 (treat) and 4, 6 and 8 (control)
    expect([at(treat.atRisk, 12), at(control.atRisk, 12)]).toEqual([3, 3]);
    // the curve lists deaths only: the treat strategy's next death at or after 12 (at 20) has 1 clone at risk
    expect(treat.curve.nRiskUnweighted[treat.curve.time.findIndex((u) => u >= 12)]).toBe(1);
  });
});
