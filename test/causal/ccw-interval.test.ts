/**
 * The clone–censor–weight bootstrap's percentile limits (issue 14, item 1 of session 7): order statistics
 * (B+1)α and (B+1)(1−α) (Davison & Hinkley 1997, eq. 5.8; R's quantile(type = 6)), not R's default
 * type 7, whose limits sit inside and made the 95 % interval a ~93 % one at B = 100.
 */
import { describe, expect, it } from "vitest";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { quantile6, quantile7, summariseColumn } from "../../src/causal/ccw/interval.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { streams } from "../../src/simulate/rng.js";

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

describe("percentile limits of the clone–censor–weight bootstrap", () => {
  it("are the (B+1)α-th and (B+1)(1−α)-th order statistics (R: quantile(type = 6))", () => {
    const v = Array.from({ length: 199 }, (_, i) => i + 1); // order statistic k has value k
    expect(quantile6(v, 0.025)).toBe(5);
    expect(quantile6(v, 0.975)).toBe(195);
    // R: quantile(1:100, c(0.025, 0.975), type = 6) = 2.525, 98.475; type 7 = 3.475, 97.525
    const w = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile6(w, 0.025)).toBeCloseTo(2.525, 12);
    expect(quantile6(w, 0.975)).toBeCloseTo(98.475, 12);
    expect(quantile7(w, 0.025)).toBeCloseTo(3.475, 12);
    // clamped to the sample: fewer replicates than 1/α give the extremes
    expect(quantile6(w.slice(0, 20), 0.025)).toBe(1);
    expect(quantile6(w.slice(0, 20), 0.975)).toBe(20);
  });

  it("leave α/2 outside each limit on average: a fresh draw falls inside a 95% interval of B = 39 draws 95% of the time", () => {
    // for B i.i.d. continuous draws and a new one, P(X₀ < X₍ₖ₎) = k/(B+1) exactly; the limits of B = 39 draws at
    // α/2 = 0.025 are the minimum and the maximum (k = 1 and 39), so P(inside) = 38/40 = 0.95 (type 7: 37.9/40)
    const [rng] = streams(20261205, 1);
    const trials = 40_000;
    let inside = 0;
    let inside7 = 0;
    for (let r = 0; r < trials; r++) {
      const v = Array.from({ length: 39 }, () => rng.normal()).sort((a, b) => a - b);
      const x0 = rng.normal();
      if (quantile6(v, 0.025) <= x0 && x0 <= quantile6(v, 0.975)) inside++;
      if (quantile7(v, 0.025) <= x0 && x0 <= quantile7(v, 0.975)) inside7++;
    }
    // tolerance: Monte Carlo SE of a share near 0.95 over 40,000 trials is 0.0011; 0.004 is 3.6 SE
    expect(Math.abs(inside / trials - 0.95)).toBeLessThan(0.004);
    // type 7 puts the limits at order statistics 1.95 and 38.05: about 90.5 % inside (shown to fail the same check)
    expect(0.95 - inside7 / trials).toBeGreaterThan(0.01);
  });

  it("summariseColumn leaves out failed replicates and gives the SD of the rest", () => {
    const rows = [[1], [Number.NaN], [3], [2], [4]];
    const c = summariseColumn(rows, 0, 0.5, 0.25); // α/2 = 0.25: order statistics 1.25 and 3.75 of 1..4
    expect(c.lower).toBeCloseTo(1.25, 12);
    expect(c.upper).toBeCloseTo(3.75, 12);
    expect(c.se).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(c.note).toBe("1 of 5 bootstrap replicates failed or diverged and were left out of the interval");
  });

  it("cloneCensorWeight's percentile limits are those order statistics of its own replicates", () => {
    const res = cloneCensorWeight(simulated(150, 4), { grace: 6, times: [12, 24], tau: 24, bootstrap: { replicates: 39, seed: 2 } });
    const values = res.bootstrap!.values;
    const col = (j: number): number[] => values.map((r) => r[j]).filter(Number.isFinite).sort((a, b) => a - b);
    for (const [j, d] of res.survivalDifference.entries()) {
      const v = col(j);
      expect(v.length).toBe(39);
      // B = 39: the minimum and the maximum (type 7 would interpolate inside them)
      expect(d.percentileLower).toBe(v[0]);
      expect(d.percentileUpper).toBe(v[38]);
    }
    // the RMST difference and the HR report their percentile limits
    const rm = col(res.survivalDifference.length);
    expect(res.rmstDifference?.intervalMethod).toBe("percentile");
    expect(res.rmstDifference?.lower).toBe(rm[0]);
    expect(res.rmstDifference?.upper).toBe(rm[38]);
    const hr = col(values[0].length - 1);
    expect(hr.length).toBe(39);
    expect(res.hazardRatio?.bootstrap?.lower).toBeCloseTo(Math.exp(hr[0]), 12);
    expect(res.hazardRatio?.bootstrap?.upper).toBeCloseTo(Math.exp(hr[38]), 12);
    expect(res.hazardRatio?.bootstrap?.percentileLower).toBeCloseTo(Math.exp(hr[0]), 12);
  });

  it("the survival differences report Wald limits with the larger of the bootstrap SD and the IJ SE", () => {
    const res = cloneCensorWeight(simulated(150, 4), { grace: 6, times: [12, 24], tau: 24, bootstrap: { replicates: 39, seed: 2 } });
    const z = 1.959963984540054;
    let ijLarger = 0;
    let bootLarger = 0;
    for (const d of res.survivalDifference) {
      expect(d.intervalMethod).toBe("wald-larger-se");
      const se = Math.max(d.se!, d.analyticSe!);
      if (d.analyticSe! > d.se!) ijLarger++;
      else bootLarger++;
      expect(d.intervalSe).toBe(se);
      expect(d.lower).toBeCloseTo(d.estimate! - z * se, 14);
      expect(d.upper).toBeCloseTo(d.estimate! + z * se, 14);
      // not the percentile limits
      expect(d.lower).not.toBe(d.percentileLower);
    }
    expect(ijLarger + bootLarger).toBe(2);
    // without a bootstrap: no limits, no method
    const none = cloneCensorWeight(simulated(150, 4), { grace: 6, times: [12] });
    expect(none.survivalDifference[0]).toMatchObject({ lower: null, upper: null, intervalMethod: null, percentileLower: null });
  });
});
