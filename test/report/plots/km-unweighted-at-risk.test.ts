/**
 * Weighted Kaplan–Meier figures (IPTW, matching weights, clone–censor–weight) cut curves and print numbers at risk
 * by the unweighted count of patients at risk (`nRiskUnweighted`), not by the weighted sums: a weighted 7 at risk
 * may be two patients (issue 19, referee item 1).
 */
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../../src/survival/kaplan-meier.js";
import { kmPlot, patientsAtRisk, type KmPlotInput } from "../../../src/report/plots/km.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const risks = (svg: string): string[][] =>
  findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((row) => findAll(row, (e) => e.name === "text" && hasClass(e, "risk-n")).map((c) => c.text));
const lastX = (d: string): number => Math.max(...Array.from(d.matchAll(/[MLH]([\d.]+)/g), (m) => Number(m[1])));

describe("kaplanMeier with weights: nRiskUnweighted", () => {
  it("equals the unweighted fit's nRisk on the rows with weight > 0 (right-censored and delayed entry)", () => {
    const time = Float64Array.from([5, 8, 8, 12, 15, 20, 22, 30, 31, 40]);
    const status = Int32Array.from([1, 0, 1, 1, 0, 1, 0, 1, 1, 0]);
    const weights = Float64Array.from([2.5, 0.4, 1.7, 0, 3.1, 0.9, 5.2, 1.1, 0.3, 6.4]);
    const entry = Float64Array.from([0, 0, 3, 0, 6, 0, 10, 0, 25, 0]);
    for (const withEntry of [false, true]) {
      const w = kaplanMeier({ time, status, weights, ...(withEntry ? { entry } : {}) }).strata[0];
      const keep = Array.from(weights, (x, i) => (x > 0 ? i : -1)).filter((i) => i >= 0);
      const sub = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i]);
      const u = kaplanMeier({ time: sub(time), status: Int32Array.from(keep, (i) => status[i]), ...(withEntry ? { entry: sub(entry) } : {}) }).strata[0];
      expect(w.nRiskUnweighted).toBeDefined();
      // the weighted fit's grid includes the weight-0 row's time (12); at the shared times the counts agree
      const at = (t: number): number => u.nRisk[u.time.indexOf(t)];
      w.time.forEach((t, j) => {
        if (u.time.includes(t)) expect(w.nRiskUnweighted![j]).toBe(at(t));
      });
      // and by hand, without entry: at 20 the rows with time ≥ 20 and w > 0 are 20, 22, 30, 31, 40
      if (!withEntry) expect(w.nRiskUnweighted![w.time.indexOf(20)]).toBe(5);
    }
    // unweighted fits do not carry the field
    expect(kaplanMeier({ time, status }).strata[0].nRiskUnweighted).toBeUndefined();
  });
});

describe("kmPlot on weighted curves with an unweighted count", () => {
  // weighted sums stay ≥ 5 to the end (big weights) while the patients fall to 2: the curve must stop by patients
  const stratum = {
    name: "no surgery",
    time: [10, 20, 40, 80, 144],
    nRisk: [30.5, 24.2, 18.9, 11.3, 7.02],
    nRiskUnweighted: [12, 9, 6, 3, 2],
    nEvent: [3.1, 2.4, 4.2, 2.2, 1.5],
    nCensor: [0, 0, 0, 0, 0],
    surv: [0.9, 0.81, 0.63, 0.51, 0.4],
  };
  const input: KmPlotInput = { strata: [stratum] };

  it("ends the curve where fewer than minAtRisk patients (not weighted sums) remain", () => {
    const cut = kmPlot(input, { minAtRisk: 5, breaks: [0, 40, 80, 120, 160] });
    const curve = findAll(parseXml(cut), (e) => hasClass(e, "km-curve"))[0];
    const full = findAll(parseXml(kmPlot(input, { breaks: [0, 40, 80, 120, 160] })), (e) => hasClass(e, "km-curve"))[0];
    // stops at 40 (the last time with ≥ 5 patients), a quarter of the way along the axis; uncut it runs to 144
    expect(lastX(curve.attrs.d)).toBeLessThan(lastX(full.attrs.d) * 0.5);
    // the same stratum without its unweighted count would be drawn to 144 (weighted 7.02 ≥ 5): the count decides
    const { nRiskUnweighted: _drop, ...weightedOnly } = stratum;
    const old = findAll(parseXml(kmPlot({ strata: [weightedOnly] }, { minAtRisk: 5, breaks: [0, 40, 80, 120, 160] })), (e) => hasClass(e, "km-curve"))[0];
    expect(lastX(old.attrs.d)).toBe(lastX(full.attrs.d));
  });

  it("prints patients at risk under the curve, labelled without 'weighted' and without the rounding caption", () => {
    const svg = kmPlot(input, { breaks: [0, 40, 80, 120, 160] });
    // R's summary(times =) convention on the unweighted count: the first time ≥ t
    expect(risks(svg)).toEqual([["12", "6", "3", "2", "0"]]);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, "risk-caption"))).toHaveLength(0);
    expect(root.text).not.toContain("(weighted)");
    expect(root.text).toContain("Number at risk");
  });

  it("patientsAtRisk picks the unweighted count when there is one", () => {
    expect(Array.from(patientsAtRisk(stratum).nRisk)).toEqual(stratum.nRiskUnweighted);
    const { nRiskUnweighted: _drop, ...weightedOnly } = stratum;
    expect(Array.from(patientsAtRisk(weightedOnly).nRisk)).toEqual(stratum.nRisk);
  });
});

describe("kmPlot on a curve listed at its event times only, with the at-risk step function over every exit (atRisk, issue 19)", () => {
  // deaths at 4 and 20 only; exits (deaths and censorings) at 4, 6, 6, 6, 6, 12, 15, 20: at the tick 12 three patients
  // have follow-up ≥ 12 (12, 15, 20), where the next death's risk set (at 20) is 1
  const stratum = { name: "treat", time: [4, 20], nRisk: [8.4, 1.7], nEvent: [1.2, 1.7], nCensor: [0, 0], surv: [0.857, 0], nRiskUnweighted: [8, 1] };
  const atRisk = { time: [4, 6, 12, 15, 20], n: [8, 7, 3, 2, 1] };
  const plot = (withStep: boolean): string => kmPlot({ strata: [withStep ? { ...stratum, atRisk } : stratum] }, { timeUnit: "months", breaks: [0, 6, 12, 18], minAtRisk: 0 });

  it("prints at each tick the patients with follow-up ≥ the tick, not the next death's risk set", () => {
    expect(risks(plot(true))[0]).toEqual(["8", "7", "3", "1"]);
    // before: the risk set of the next death at or after each tick
    expect(risks(plot(false))[0]).toEqual(["8", "1", "1", "1"]);
  });

  it("cuts the curve where fewer than minAtRisk have follow-up, as patientsAtRisk counts them", () => {
    const counted = patientsAtRisk({ ...stratum, atRisk });
    expect(Array.from(counted.time)).toEqual(atRisk.time);
    expect(Array.from(counted.nRisk)).toEqual(atRisk.n);
    const cut = (withStep: boolean): number => lastX(findAll(parseXml(kmPlot({ strata: [withStep ? { ...stratum, atRisk } : stratum] }, { timeUnit: "months", breaks: [0, 6, 12, 18, 24], minAtRisk: 3 })), (e) => hasClass(e, "km-curve"))[0].attrs.d);
    // with 3 or more at risk up to 12 months the curve runs to 12; by the next death's count it stopped at 4
    expect(cut(true)).toBeGreaterThan(cut(false));
  });

  it("draws the curve flat from its last death to the end of follow-up (a Kaplan–Meier curve runs to its last censoring)", () => {
    // deaths at 4 and 10; follow-up continues to 22
    const s = { name: "arm", time: [4, 10], nRisk: [5.5, 3.2], nEvent: [1.1, 0.9], nCensor: [0, 0], surv: [0.8, 0.58], nRiskUnweighted: [5, 3] };
    const end = (st: typeof s & { atRisk?: { time: number[]; n: number[] } }): number => lastX(findAll(parseXml(kmPlot({ strata: [st] }, { timeUnit: "months", breaks: [0, 6, 12, 18, 24], minAtRisk: 0 })), (e) => hasClass(e, "km-curve"))[0].attrs.d);
    const withExits = end({ ...s, atRisk: { time: [4, 6, 10, 15, 22], n: [5, 4, 3, 2, 1] } });
    const eventsOnly = end(s);
    expect(withExits).toBeGreaterThan(eventsOnly);
    // 22 of 24 months along the axis, 10 of 24 without the exits
    const x0 = lastX(findAll(parseXml(kmPlot({ strata: [{ ...s, time: [], nRisk: [], nEvent: [], nCensor: [], surv: [], nRiskUnweighted: [] }] }, { timeUnit: "months", breaks: [0, 6, 12, 18, 24], minAtRisk: 0 })), (e) => hasClass(e, "km-curve"))[0].attrs.d);
    // tolerance: SVG coordinates are rounded to 2 decimals (px)
    expect((withExits - x0) / (eventsOnly - x0)).toBeCloseTo(22 / 10, 3);
  });
});
