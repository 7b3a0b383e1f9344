/**
 * The analytic (infinitesimal-jackknife) SE of the clone–censor–weight differences and the bootstrap-t limits built
 * on it (issue 14, session 8): the influence of a patient is the derivative of the weighted Kaplan–Meier functional
 * when that patient's clone weights are scaled by (1 + ε) with every weight held fixed, checked here by central
 * differences of the split-row Kaplan–Meier (rows.ts, curve.ts), an implementation independent of influence.ts.
 */
import { describe, expect, it } from "vitest";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { restrictedMean, survivalAt, weightedKaplanMeier } from "../../src/causal/ccw/curve.js";
import { ccwResampleIndices, ccwStandardErrors, cloneCensorWeight, resampleCcwInput, type CcwInput } from "../../src/causal/ccw/index.js";
import { armInfluence, rmstMultipliers, survivalMultipliers } from "../../src/causal/ccw/influence.js";
import { ROUNDING_SE, quantile6, studentizedColumn } from "../../src/causal/ccw/interval.js";
import { armRiskSums } from "../../src/causal/ccw/risk-sums.js";
import { armRows, eventTimes, type CcwRows } from "../../src/causal/ccw/rows.js";
import { armWeights } from "../../src/causal/ccw/weights.js";
import { simulateCohort } from "../../src/simulate/index.js";

const MONTH = 30.4375;

function simulated(n: number, seed: number): CcwInput {
  const c = simulateCohort({ n, seed, parameters: { missingSize: 0, missingGrade: 0 } }).columns;
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => Math.max(0.5, d - c.dateLungMet[i]) / MONTH);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  const treatmentTime = Float64Array.from(c.datePm, (d, i) => (Number.isNaN(d) ? Number.POSITIVE_INFINITY : (d - c.dateLungMet[i]) / MONTH));
  const cols = [Float64Array.from(c.agePrimary), Float64Array.from(c.nLungMets)];
  const x = new Float64Array(n * cols.length);
  cols.forEach((col, j) => x.set(col, j * n));
  return { time, status, treatmentTime, x, p: cols.length, columnNames: ["age", "mets"] };
}

/** The rows with patient i's weights scaled by (1 + eps). */
function scaled(rows: CcwRows, i: number, eps: number): CcwRows {
  return { ...rows, weight: Float64Array.from(rows.weight, (w, r) => (rows.patient[r] === i ? w * (1 + eps) : w)) };
}

describe("IJ influence of the weighted Kaplan–Meier with the weights held fixed", () => {
  const input = simulated(120, 7);
  const G = 6;
  const strategies = ["treat", "control"] as const;
  const clones = strategies.map((s) => cloneArm(input.time, input.status, input.treatmentTime, G, s));
  const wts = strategies.map((s, a) => armWeights(clones[a], input.x, input.p, input.columnNames, false, s, { model: "piecewise", periods: 2 }));
  const events = eventTimes(clones);
  const sums = strategies.map((_, a) => armRiskSums(clones[a], wts[a], events));
  const rows = strategies.map((_, a) => armRows(clones[a], wts[a], events));

  for (const a of [0, 1]) {
    it(`${strategies[a]} arm: survival at 3, 12, 24 and RMST to 24 equal central differences in each patient's weight`, () => {
      const eps = 1e-6;
      const functionals: { name: string; mult: Float64Array; value: (r: CcwRows) => number }[] = [
        ...[3, 12, 24].map((t) => ({ name: `S(${t})`, mult: survivalMultipliers(events, sums[a], t), value: (r: CcwRows) => survivalAt(weightedKaplanMeier(r), t) })),
        { name: "RMST(24)", mult: rmstMultipliers(events, sums[a], 24), value: (r: CcwRows) => restrictedMean(weightedKaplanMeier(r), 24) },
      ];
      for (const f of functionals) {
        const infl = armInfluence(clones[a], wts[a], events, sums[a], f.mult);
        let nonzero = 0;
        for (let i = 0; i < input.time.length; i += 3) {
          const numeric = (f.value(scaled(rows[a], i, eps)) - f.value(scaled(rows[a], i, -eps))) / (2 * eps);
          // tolerance: the central difference's truncation (O(ε²)) and rounding (1e-16/ε) errors, about 1e-9 here
          expect(Math.abs(infl[i] - numeric), `${f.name}, patient ${i}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
          if (Math.abs(numeric) > 1e-6) nonzero++;
        }
        expect(nonzero, f.name).toBeGreaterThan(5);
      }
    });
  }

  it("cloneCensorWeight's analyticSe is √Σ_i (IF_treat,i − IF_control,i)² of these influences", () => {
    const res = cloneCensorWeight(input, { grace: G, times: [12], tau: 24, censoringModel: "piecewise", censoringPeriods: 2 });
    const d = (m0: Float64Array, m1: Float64Array): number => {
      const i0 = armInfluence(clones[0], wts[0], events, sums[0], m0);
      const i1 = armInfluence(clones[1], wts[1], events, sums[1], m1);
      return Math.sqrt(i0.reduce((s, v, i) => s + (v - i1[i]) ** 2, 0));
    };
    expect(res.survivalDifference[0].analyticSe).toBeCloseTo(d(survivalMultipliers(events, sums[0], 12), survivalMultipliers(events, sums[1], 12)), 14);
    expect(res.rmstDifference?.analyticSe).toBeCloseTo(d(rmstMultipliers(events, sums[0], 24), rmstMultipliers(events, sums[1], 24)), 12);
    expect(res.survivalDifference[0].analyticSe).toBeGreaterThan(0);
  });
});

describe("bootstrap-t limits", () => {
  it("are θ̂ − se·t*((B+1)(1−α)) and θ̂ − se·t*((B+1)α) of the studentized replicates", () => {
    // 39 replicates: α/2 = 0.025 takes the smallest and the largest t*
    const values = Array.from({ length: 39 }, (_, r) => [1 + (r - 19) * 0.1]);
    const ses = Array.from({ length: 39 }, (_, r) => [0.5 + 0.02 * r]);
    const t = values.map((v, r) => (v[0] - 1.2) / ses[r][0]).sort((a, b) => a - b);
    const lim = studentizedColumn(values, ses, 0, 1.2, 0.3, 0.95, 0.1);
    expect(lim.used).toBe(39);
    expect(lim.lower).toBeCloseTo(1.2 - 0.3 * t[38], 14);
    expect(lim.upper).toBeCloseTo(1.2 - 0.3 * t[0], 14);
    // 90 %: order statistics 2 and 38 of 39
    const l90 = studentizedColumn(values, ses, 0, 1.2, 0.3, 0.9, 0.1);
    expect(l90.lower).toBeCloseTo(1.2 - 0.3 * quantile6(t, 0.95), 14);
    expect(l90.upper).toBeCloseTo(1.2 - 0.3 * quantile6(t, 0.05), 14);
  });

  it("skew with the SE: small replicates with small SEs stretch the interval upwards (the percentile interval does not)", () => {
    // replicates whose SE grows with their value (as the control arm's few weighted deaths make it at 12 months)
    const values = Array.from({ length: 99 }, (_, r) => [0.02 + 0.015 * Math.sinh((r - 49) / 25)]);
    const ses = values.map((v) => [Math.max(0.002, 0.5 * v[0])]);
    const lim = studentizedColumn(values, ses, 0, 0.02, 0.01, 0.95, 0.1);
    const sorted = values.map((v) => v[0]).sort((a, b) => a - b);
    expect(lim.upper! - 0.02).toBeGreaterThan(quantile6(sorted, 0.975) - 0.02);
  });

  it("leave out replicates whose SE is zero up to rounding and are null when too many fail", () => {
    const values = [[0.1], [0.2], [0.15], [0.12], [0.18]];
    const ses = [[0.05], [0.05], [1e-17], [0.04], [0.06]];
    expect(studentizedColumn(values, ses, 0, 0.15, 0.05, 0.5, 0.25).used).toBe(4);
    expect(ROUNDING_SE * 0.05).toBeGreaterThan(1e-17);
    expect(studentizedColumn(values, ses, 0, 0.15, 0.05, 0.5, 0.1)).toEqual({ lower: null, upper: null, used: 4 });
    expect(studentizedColumn(values, ses, 0, 0.15, Number.NaN, 0.5, 0.25).lower).toBeNull();
  });

  it("cloneCensorWeight records each replicate's analytic SEs: those of the same resample run alone", () => {
    const input = simulated(150, 4);
    const options = { grace: 6, times: [12, 24], tau: 24, bootstrap: { replicates: 5, seed: 2 } };
    const res = cloneCensorWeight(input, options);
    const se = res.bootstrap!.standardErrors;
    expect(se).toHaveLength(5);
    for (let r = 0; r < 5; r++) {
      const alone = ccwStandardErrors(resampleCcwInput(input, ccwResampleIndices(150, 2, r)), { grace: 6, times: [12, 24], tau: 24 });
      expect(se[r]).toEqual(alone);
    }
    expect(res.hazardRatio?.bootstrap?.analyticSe).toBe(res.hazardRatio?.robustSe);
  });
});
