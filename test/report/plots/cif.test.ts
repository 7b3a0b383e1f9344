/** CIF figure: one step curve per cause and group from (0, 0), colour by group, dashes by cause, escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { cifLimits, cifPlot, type CifPlotInput, type CifRiskSet } from "../../../src/report/plots/cif.js";
import { SurvinferError } from "../../../src/errors.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml } from "./xml.js";
import { textWidth } from "../../../src/report/plots/svg.js";

// corners in cmprsk::cuminc's layout: (0, 0), each jump time twice (before, after), last follow-up time
const input: CifPlotInput = {
  curves: [
    { group: "Surgery", cause: 1, time: [0, 4, 4, 10, 10, 30], est: [0, 0, 0.2, 0.2, 0.35, 0.35] },
    { group: "No surgery", cause: 1, time: [0, 3, 3, 8, 8, 24], est: [0, 0, 0.25, 0.25, 0.5, 0.5] },
    { group: "Surgery", cause: 2, time: [0, 12, 12, 30], est: [0, 0, 0.1, 0.1] },
    { group: "No surgery", cause: 2, time: [0, 6, 6, 24], est: [0, 0, 0.125, 0.125] },
  ],
};

describe("cifPlot", () => {
  it("draws one curve per cause and group, colour by group and dashes by cause", () => {
    const root = parseXml(cifPlot(input, { causeLabels: { 1: "Sarcoma", 2: "Other" }, timeUnit: "months" }));
    const curves = findAll(root, (e) => hasClass(e, "cif-curve"));
    expect(curves).toHaveLength(4);
    expect(curves[0].attrs.stroke).toBe(curves[2].attrs.stroke);
    expect(curves[0].attrs.stroke).not.toBe(curves[1].attrs.stroke);
    expect(curves[0].attrs["stroke-dasharray"]).toBeUndefined();
    expect(curves[2].attrs["stroke-dasharray"]).toBeDefined();
    const legend = findAll(root, (e) => hasClass(e, "legend-item")).map((e) => e.text);
    expect(legend).toEqual(["Surgery: Sarcoma", "No surgery: Sarcoma", "Surgery: Other", "No surgery: Other"]);
  });

  it("starts each curve at (0, 0) and steps up vertically at the event times", () => {
    const svg = cifPlot({ curves: [input.curves[0]] });
    const d = findAll(parseXml(svg), (e) => hasClass(e, "cif-curve"))[0].attrs.d;
    const pts = d.slice(1).split("L").map((p) => p.split(",").map(Number));
    // (0,0) → (4,0) → (4,0.2) → (10,0.2) → (10,0.35) → (30,0.35): x equal at each jump, y equal between jumps
    expect(pts).toHaveLength(6);
    expect(pts[1][1]).toBe(pts[0][1]);
    expect(pts[2][0]).toBe(pts[1][0]);
    expect(pts[3][1]).toBe(pts[2][1]);
    expect(pts[4][0]).toBe(pts[3][0]);
    expect(pts[5][1]).toBe(pts[4][1]);
    // one group: colour by cause
    const two = findAll(parseXml(cifPlot({ curves: [input.curves[0], input.curves[2]].map((c) => ({ ...c, group: "" })) })), (e) => hasClass(e, "cif-curve"));
    expect(two[0].attrs.stroke).not.toBe(two[1].attrs.stroke);
  });

  it("draws a cause without events (a curve that stays at 0) above the x axis line, not on it", () => {
    const zero = { curves: [...input.curves, { group: "Surgery", cause: 3, time: [0, 30], est: [0, 0] }] };
    const root = parseXml(cifPlot(zero, { timeUnit: "months" }));
    const axis = findAll(root, (e) => hasClass(e, "x-axis"))[0];
    const axisY = Number(findAll(axis, (e) => hasClass(e, "domain"))[0].attrs.y1);
    const curve = findAll(root, (e) => hasClass(e, "cif-curve")).find((e) => e.attrs["data-cause"] === "3")!;
    const ys = curve.attrs.d.slice(1).split("L").map((p) => Number(p.split(",")[1]));
    // the line (1.5 px wide) clears the axis line (0.75 px wide) by at least 2 px
    for (const yy of ys) expect(axisY - yy).toBeGreaterThanOrEqual(2 + 0.75);
  });

  it("escapes labels and annotation", () => {
    const svg = cifPlot(input, { causeLabels: { 1: "<b>x</b>", 2: "a & b" }, annotation: ["<i>p</i>"] });
    expect(svg).not.toMatch(/<(i|b)>/);
    expect(() => parseXml(svg)).not.toThrow();
  });

  it("rejects curves of unequal lengths and a yMax outside (0, 1]", () => {
    expect(() => cifPlot({ curves: [{ group: "", cause: 1, time: [0, 1], est: [0] }] })).toThrow(SurvinferError);
    expect(() => cifPlot(input, { yMax: 1.5 })).toThrow(/yMax/);
  });

  it("matches the snapshot (two groups, two causes, annotation)", () => {
    const svg = cifPlot(input, { causeLabels: { 1: "Sarcoma", 2: "Other causes" }, timeUnit: "months", annotation: ["Gray's test, Sarcoma: p = 0.041"], width: "double" });
    expect(compareSnapshot("cif-two-groups", svg)).toBeNull();
  });

  // risk sets of the two groups (as a KM stratum: nRisk at each observed time)
  const riskSets: CifRiskSet[] = [
    { group: "Surgery", time: [4, 10, 12, 20, 30], nRisk: [10, 8, 6, 4, 2] },
    { group: "No surgery", time: [3, 6, 8, 24], nRisk: [8, 7, 5, 1] },
  ];

  it("draws a numbers-at-risk table under the plot, one row per group, numbers at the ticks as R's summary(fit, times, extend = TRUE)", () => {
    const root = parseXml(cifPlot(input, { riskSets, timeUnit: "months", breakBy: 10, xMax: 30, groupLabels: { Surgery: "Metastasectomy" } }));
    const rows = findAll(root, (e) => hasClass(e, "risk-row"));
    expect(rows.length).toBe(2);
    const cells = rows.map((r) => findAll(r, (e) => hasClass(e, "risk-n")).map((e) => e.text));
    // ticks 0, 10, 20, 30: at risk at the first observed time ≥ t, 0 past the last one
    expect(cells).toEqual([
      ["10", "8", "4", "2"],
      ["8", "1", "1", "0"],
    ]);
    expect(rows.map((r) => findAll(r, (e) => hasClass(e, "risk-label"))[0].text)).toEqual(["Metastasectomy", "No surgery"]);
    // the group label reaches the legend too
    expect(findAll(root, (e) => hasClass(e, "legend"))[0].text).toContain("Metastasectomy: Cause 1");
    // the row colour is its group's curve colour
    const curves = findAll(root, (e) => hasClass(e, "cif-curve"));
    const label0 = findAll(rows[0], (e) => hasClass(e, "risk-label"))[0];
    expect(label0.attrs.fill).toBe(curves[0].attrs.stroke);
  });

  it("ends a group's curves where fewer than minAtRisk of its patients remain at risk", () => {
    const last = (svg: string, i: number): number => {
      const d = findAll(parseXml(svg), (e) => hasClass(e, "cif-curve"))[i].attrs.d;
      const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
      return Math.max(...xs);
    };
    const full = cifPlot(input, { riskSets, xMax: 30 });
    const cut = cifPlot(input, { riskSets, minAtRisk: 5, xMax: 30 });
    // "Surgery" (curve 0): 6 at risk at t = 12, then fewer than 5 (4, 2) → it ends at 12, the last time with ≥ 5 at risk, instead of 30
    expect(last(cut, 0)).toBeLessThan(last(full, 0));
    const xOf = (svg: string, t: number): number => {
      const ticks = findAll(parseXml(svg), (e) => e.name === "text" && e.text === String(t));
      return Number(ticks[0].attrs.x);
    };
    // tolerance: 0.05 px, SVG coordinates are rounded to 2 decimals
    expect(last(cut, 0)).toBeCloseTo(xOf(cut, 10) + (xOf(cut, 20) - xOf(cut, 10)) * 0.2, 1);
    // minAtRisk 0 (or no risk sets): drawn to the last time, as before
    expect(last(cifPlot(input, { riskSets, minAtRisk: 0, xMax: 30 }), 0)).toBe(last(full, 0));
    expect(() => cifPlot(input, { minAtRisk: -1 })).toThrow(/minAtRisk/);
  });

  it("writes its SVG description in the report's language (English unchanged)", async () => {
    const { withLanguage } = await import("../../../src/i18n/language.js");
    const desc = (lang: "en" | "de" | "ja"): string => withLanguage(lang, () => findAll(parseXml(cifPlot(input, { riskSets, causeLabels: { 1: "Sarcoma", 2: "Other" } })), (e) => e.name === "desc")[0].text);
    expect(desc("en")).toBe("Cumulative incidence of Sarcoma, Other by group: Surgery, No surgery, with numbers at risk.");
    expect(desc("de")).toBe("Kumulative Inzidenz von Sarcoma, Other nach Gruppe: Surgery, No surgery, mit der Anzahl unter Risiko.");
    expect(desc("ja")).toBe("Sarcoma, Otherの累積発生率（群：Surgery, No surgery）。リスク集合の症例数付き。");
  });

  it("stops a group's numbers-at-risk row where its curves stop (no number under the axis past the cut)", () => {
    const cells = (svg: string): string[][] => findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((r) => findAll(r, (e) => hasClass(e, "risk-n")).map((e) => e.text));
    // ticks 0, 10, 20, 30; Surgery ends at 12 (6 at risk, then 4), No surgery at 8 (5, then 1)
    expect(cells(cifPlot(input, { riskSets, minAtRisk: 5, breakBy: 10, xMax: 30 }))).toEqual([["10", "8"], ["8"]]);
    // without truncation every tick has its number, the 0 past the last time included
    expect(cells(cifPlot(input, { riskSets, breakBy: 10, xMax: 30 }))).toEqual([
      ["10", "8", "4", "2"],
      ["8", "1", "1", "0"],
    ]);
  });

  it("computes pointwise limits on the log(−log) scale as tidycmprsk: F^exp(±z·se/(F·log F))", () => {
    const z = 1.959963984540054;
    const [lo, hi] = cifLimits(0.3, 0.05, z);
    // by hand (Python, double precision): z·se/(F·log F) = −0.2713189724188956; 0.3^exp(∓0.27131897…)
    expect(hi).toBeCloseTo(0.3993661164403442, 14);
    expect(lo).toBeCloseTo(0.20613104360812326, 14);
    expect(lo).toBeLessThan(0.3);
    expect(hi).toBeGreaterThan(0.3);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(cifLimits(0.3, 0, z)).toEqual([0.3, 0.3]);
    expect(cifLimits(0, 0.01, z).every(Number.isNaN)).toBe(true);
    expect(cifLimits(1, 0.01, z).every(Number.isNaN)).toBe(true);
  });

  it("shades confidence bands from the curves' variance only when asked, and leaves the figure as before otherwise", () => {
    const withVar: CifPlotInput = { curves: input.curves.map((c) => ({ ...c, var: Array.from(c.est, (v) => v * (1 - v) * 0.05) })) };
    const plain = cifPlot(withVar);
    expect(findAll(parseXml(plain), (e) => hasClass(e, "cif-band")).length).toBe(0);
    expect(plain).toBe(cifPlot(input));
    const banded = parseXml(cifPlot(withVar, { confInt: true }));
    const bands = findAll(banded, (e) => hasClass(e, "cif-band"));
    // curves whose estimate leaves 0 get a band, in their colour
    expect(bands.length).toBe(4);
    const curves = findAll(banded, (e) => hasClass(e, "cif-curve"));
    for (const b of bands) expect(b.attrs.fill).toBe(curves[Number(b.attrs["data-curve"])].attrs.stroke);
  });

  it("wraps an annotation line longer than the plot is wide: no annotation text runs past the figure's right edge (issue 19: Gray's test with the immortal-time label)", () => {
    const long = "Gray's test, Other causes (n = 64): p = 0.0081 (3 events: too few to rely on); groups by treatment ever received, from the origin: biased by design (immortal time)";
    const root = parseXml(cifPlot(input, { timeUnit: "months", width: "single", annotation: [long, "Gray's test, Sarcoma (n = 64): p = 0.65"] }));
    const W = Number(root.attrs.viewBox.split(" ")[2]);
    const lines = findAll(root, (e) => hasClass(e, "annotation")).flatMap((a) => findAll(a, (e) => e.name === "text"));
    expect(lines.length).toBeGreaterThan(2); // the long line became several
    expect(lines.map((t) => t.text).join(" ")).toContain("biased by design (immortal time)");
    const size = Number(findAll(root, (e) => hasClass(e, "annotation"))[0].attrs["font-size"]);
    for (const t of lines) expect(Number(t.attrs.x) + textWidth(t.text, size)).toBeLessThanOrEqual(W);
    // the plot starts under the wrapped lines: the last annotation line sits above the top of the y axis
    const lastY = Math.max(...lines.map((t) => Number(t.attrs.y)));
    const yTicks = findAll(root, (e) => hasClass(e, "tick-label")).map((e) => Number(e.attrs.y));
    expect(lastY).toBeLessThan(Math.min(...yTicks));
  });
});
