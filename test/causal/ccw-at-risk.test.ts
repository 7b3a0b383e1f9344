/**
 * The clone–censor–weight curves carry the unweighted number of clones at risk (`nRiskUnweighted`), the count the
 * report cuts curves at and prints under them: #{clones with follow-up end ≥ t}, the same on the split rows (as
 * survSplit builds them) as on the fast path, and independent of the weights.
 */
import { describe, expect, it } from "vitest";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { weightedKaplanMeier } from "../../src/causal/ccw/curve.js";
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
