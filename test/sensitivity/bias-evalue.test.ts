/** Bias analysis for an unmeasured binary confounder and the E-value of the primary estimate: closed forms. */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { biasAnalysis, biasFactor } from "../../src/sensitivity/bias-analysis.js";
import { biasContourPlot } from "../../src/report/plots/bias-contour.js";
import { eValueFromSurvival, eValueHazardRatio, hazardRatioToRiskRatio } from "../../src/causal/evalue.js";

describe("biasAnalysis (VanderWeele & Arah 2011)", () => {
  it("B = (1 + (γ − 1)p1)/(1 + (γ − 1)p0) and the adjusted HR and limits are divided by B", () => {
    expectClose(biasFactor(2, 0.2, 0.5), 1.2 / 1.5, { rel: 1e-15 });
    const r = biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [2, 0.5], p1: [0.2, 0.6], p0: [0.5, 0.1] });
    const p = r.panels[0];
    // z[i][j] at p0[i], p1[j]
    expectClose(p.hr[0][0], 0.6 / (1.2 / 1.5), { rel: 1e-15 });
    expectClose(p.lower[1][1], 0.4 / (1.6 / 1.1), { rel: 1e-15 });
    expectClose(p.upper[0][1], 0.9 / (1.6 / 1.5), { rel: 1e-15 });
    const q = r.panels[1];
    expectClose(q.hr[1][0], 0.6 / (0.9 / 0.95), { rel: 1e-15 });
  });

  it("is the identity when the confounder is equally common in both groups", () => {
    const r = biasAnalysis({ hr: 0.7, lower: 0.5, upper: 0.98 }, { gammas: [3], p1: [0.3], p0: [0.3] });
    expectClose(r.panels[0].hr[0][0], 0.7, { rel: 1e-15 });
  });

  it("tipping lines: at the tipping p1 the adjusted HR (or the limit closer to 1) equals 1", () => {
    const obs = { hr: 0.6, lower: 0.4, upper: 0.9 };
    const r = biasAnalysis(obs, { gammas: [0.5, 3], p1: [0.5], p0: [0, 0.2, 0.4, 0.8] });
    let found = 0;
    r.panels.forEach((panel) => {
      r.grid.p0.forEach((p0, i) => {
        const t = panel.tippingHr[i];
        if (t !== null) {
          found++;
          expect(t).toBeGreaterThanOrEqual(0);
          expectClose(obs.hr / biasFactor(panel.gamma, t, p0), 1, { rel: 1e-12 });
        }
        const c = panel.tippingCi[i];
        if (c !== null) expectClose(obs.upper / biasFactor(panel.gamma, c, p0), 1, { rel: 1e-12 });
      });
    });
    expect(found).toBeGreaterThan(0);
  });

  it("tipping segments lie in the unit square with HR/B = 1 at both ends, and the figure draws them", () => {
    const obs = { hr: 0.62, lower: 0.41, upper: 0.94 };
    const r = biasAnalysis(obs);
    let drawn = 0;
    for (const p of r.panels) {
      for (const [seg, x] of [[p.tippingHrSegment, obs.hr], [p.tippingCiSegment, obs.upper]] as const) {
        if (seg === null) continue;
        drawn++;
        for (const [p0, p1] of [seg.from, seg.to]) {
          expect(p0).toBeGreaterThanOrEqual(0);
          expect(p1).toBeLessThanOrEqual(1);
          expectClose(x / biasFactor(p.gamma, p1, p0), 1, { rel: 1e-12 });
        }
      }
    }
    expect(drawn).toBe(8);
    const svg = biasContourPlot(r);
    expect(svg.match(/class="tipping-line"/g)?.length).toBe(8);
    expect(svg).toContain("Prevalence among untreated (p0)");
  });

  it("flags cells whose adjusted interval contains 1", () => {
    const r = biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [3], p1: [0, 1], p0: [0, 1] });
    // p1 = 0, p0 = 1: B = 1/3, adjusted CI (1.2, 2.7): excludes 1; p1 = p0: unchanged CI excludes 1
    expect(r.panels[0].containsNull).toEqual([[false, false], [false, false]]);
    const s = biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [0.8], p1: [1], p0: [0] });
    // B = 0.8: adjusted CI (0.5, 1.125) contains 1
    expect(s.panels[0].containsNull[0][0]).toBe(true);
  });

  it("refuses γ = 1, prevalences outside [0, 1] and an interval not containing the HR", () => {
    expect(() => biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [1], p1: [0.1], p0: [0.1] })).toThrow(/other than 1/);
    expect(() => biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 }, { gammas: [2], p1: [1.1], p0: [0.1] })).toThrow(/proportion/);
    expect(() => biasAnalysis({ hr: 0.6, lower: 0.7, upper: 0.9 }, { gammas: [2], p1: [0.1], p0: [0.1] })).toThrow(/does not contain/);
  });
});

describe("eValueFromSurvival (rare-outcome rule from 1 − KM)", () => {
  it("treats the outcome as rare below 15% cumulative risk and uses the HR as the RR", () => {
    const r = eValueFromSurvival({ hr: 0.62, lower: 0.41, upper: 0.94, survivalAtEnd: 0.9 });
    expect(r.options.rare).toBe(true);
    expectClose(r.outcomeRisk, 0.1, { rel: 1e-14 });
    expect(r.point).toBe(eValueHazardRatio({ hr: 0.62, lower: 0.41, upper: 0.94, rare: true }).point);
    expect(r.rareRule).toMatch(/rare/);
  });

  it("converts a common outcome's HR by (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)) and gives the closed-form E-value", () => {
    const r = eValueFromSurvival({ hr: 0.62, lower: 0.41, upper: 0.94, survivalAtEnd: 0.3 });
    expect(r.options.rare).toBe(false);
    const rr = (1 - Math.pow(0.5, Math.sqrt(0.62))) / (1 - Math.pow(0.5, Math.sqrt(1 / 0.62)));
    expectClose(r.rr.estimate, rr, { rel: 1e-15 });
    const inv = 1 / rr;
    expectClose(r.point, inv + Math.sqrt(inv * (inv - 1)), { rel: 1e-14 });
    const up = 1 / hazardRatioToRiskRatio(0.94, false);
    expectClose(r.ci, up + Math.sqrt(up * (up - 1)), { rel: 1e-14 });
    expect(r.rareRule).toMatch(/common/);
  });

  it("is 1 for the CI when the interval contains 1, and refuses a survival outside [0, 1]", () => {
    expect(eValueFromSurvival({ hr: 0.8, lower: 0.5, upper: 1.3, survivalAtEnd: 0.5 }).ci).toBe(1);
    expect(() => eValueFromSurvival({ hr: 0.8, survivalAtEnd: 1.2 })).toThrow(/probability/);
  });
});
