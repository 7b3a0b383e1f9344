/**
 * The Simon–Makuch risk table with delayed entry: at each tick t the number at risk is #{entry < t ≤ exit}
 * (survfit's n.risk at its own times, R 3.5-3 with counting-process data), and #{entry = 0} at t = 0 — a
 * patient enters the treated curve at the treatment date, so nobody is at risk there at t = 0 unless
 * treated at 0. Checked by brute force on random counting-process data (unweighted and weighted), and on
 * the small example from the survfit documentation pattern with R's numbers.
 */
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { numberAtRisk } from "../../src/report/plots/km.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("numbers at risk with delayed entry", () => {
  it("R: survfit(Surv(tstart, tstop, status) ~ g) on a small data set", () => {
    // R 4.x, survival 3.5-3: n.risk 5 4 3 2 1 (g = 0, times 2 3 4 5 6) and 2 1 (g = 1, times 7 9);
    // summary(fit, times = c(0, 1, 3, 6, 8), extend = TRUE)$n.risk for g = 1 gives 2 2 2 2 1 (the next observed
    // time's risk set), while at t = 0 and t = 1 nobody has entered the treated curve yet
    const entry = Float64Array.from([0, 0, 2, 0, 0, 5, 0]);
    const time = Float64Array.from([4, 2, 7, 6, 5, 9, 3]);
    const status = Int32Array.from([1, 0, 1, 0, 0, 1, 1]);
    const codes = Int32Array.from([0, 0, 1, 0, 0, 1, 0]);
    const km = kaplanMeier({ time, status, entry, group: { codes, levels: ["0", "1"] } });
    expect(km.strata[0].nRisk).toEqual([5, 4, 3, 2, 1]);
    expect(km.strata[1].nRisk).toEqual([2, 1]);
    expect([0, 1, 3, 6, 8].map((t) => numberAtRisk(km.strata[1], t))).toEqual([0, 0, 1, 2, 1]);
    expect([0, 1, 3, 6, 8].map((t) => numberAtRisk(km.strata[0], t))).toEqual([5, 5, 4, 1, 0]);
  });

  for (const weighted of [false, true]) {
    it(`equals #{entry < t ≤ exit} at every tick on random data${weighted ? " (weighted)" : ""}`, () => {
      const rnd = lcg(weighted ? 7 : 3);
      for (let rep = 0; rep < 50; rep++) {
        const n = 5 + Math.floor(rnd() * 40);
        const entry = new Float64Array(n);
        const time = new Float64Array(n);
        const status = new Int32Array(n);
        const w = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          entry[i] = rnd() < 0.4 ? 0 : Math.floor(rnd() * 10);
          time[i] = entry[i] + 1 + Math.floor(rnd() * 10);
          status[i] = rnd() < 0.6 ? 1 : 0;
          w[i] = weighted ? 0.5 + rnd() * 2 : 1;
        }
        const km = kaplanMeier({ time, status, entry, ...(weighted ? { weights: w } : {}) });
        for (let t = 0; t <= 22; t += 0.5) {
          let want = 0;
          for (let i = 0; i < n; i++) if (t === 0 ? entry[i] === 0 : entry[i] < t && t <= time[i]) want += w[i];
          // past the last observed time the table shows 0, as R
          const last = Math.max(...time);
          expect(numberAtRisk(km.strata[0], t)).toBeCloseTo(t > last ? 0 : want, 10);
        }
      }
    });
  }
});
