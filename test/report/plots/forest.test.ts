/** Forest plot: log axis geometry, arrows, columns, groups, escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { forestPlot, type ForestPlotInput } from "../../../src/report/plots/forest.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const input: ForestPlotInput = {
  rows: [
    { label: "Metastasectomy", estimate: 0.62, lower: 0.41, upper: 0.94, p: 0.024 },
    { label: "Age > 60 years", estimate: 1.8, lower: 1.1, upper: 2.9, p: 0.02, group: "Age" },
    { label: "Female", estimate: null, lower: null, upper: null, group: "Sex", text: "1 (reference)" },
    { label: "Male", estimate: 1.3, lower: 0.05, upper: 40, p: 0.0004, group: "Sex" },
    { label: "Primary size (per 10 mm)", estimate: 1.05, lower: 0.98, upper: 1.12, p: 0.16 },
  ],
};

describe("forestPlot", () => {
  it("prints HR (95% CI) and p columns", () => {
    const root = parseXml(forestPlot(input));
    expect(findAll(root, (e) => hasClass(e, "estimate-text")).map((e) => e.text)).toEqual(["0.62 (0.41–0.94)", "1.80 (1.10–2.90)", "1 (reference)", "1.30 (0.05–40.00)", "1.05 (0.98–1.12)"]);
    expect(findAll(root, (e) => hasClass(e, "p-text")).map((e) => e.text)).toEqual(["0.024", "0.020", "", "< 0.001", "0.16"]);
    expect(findAll(root, (e) => hasClass(e, "group-label")).map((e) => e.text)).toEqual(["Age", "Sex"]);
  });

  it("uses a log axis: 1 is halfway between 0.5 and 2, and the reference line is at 1", () => {
    const root = parseXml(forestPlot(input, { xDomain: [0.1, 10] }));
    const ticks = findAll(findAll(root, (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "tick-label"));
    const at = (v: string): number => Number(ticks.find((t) => t.text === v)!.attrs.x);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(at("1") - at("0.5")).toBeCloseTo(at("2") - at("1"), 1);
    // tolerance: 0.05 px: tick positions are written rounded
    expect(at("1") - at("0.1")).toBeCloseTo(at("10") - at("1"), 1);
    // tolerance: 0.05 px: SVG coordinates are written rounded
    expect(Number(findAll(root, (e) => hasClass(e, "reference"))[0].attrs.x1)).toBeCloseTo(at("1"), 1);
  });

  it("ends an interval that runs off the axis in an arrow on that side only", () => {
    const root = parseXml(forestPlot(input, { xDomain: [0.1, 10] }));
    expect(findAll(root, (e) => hasClass(e, "ci-arrow"))).toHaveLength(2); // Male: both sides
    const narrow = parseXml(forestPlot({ rows: [{ label: "x", estimate: 2, lower: 1.5, upper: 30 }] }, { xDomain: [0.5, 10] }));
    const arrows = findAll(narrow, (e) => hasClass(e, "ci-arrow"));
    expect(arrows).toHaveLength(1);
    expect(findAll(parseXml(forestPlot(input)), (e) => hasClass(e, "ci-arrow"))).toHaveLength(0); // default domain covers all
  });

  it("omits the marker of a reference row and the p column when asked", () => {
    const root = parseXml(forestPlot(input, { showP: false }));
    expect(findAll(root, (e) => hasClass(e, "estimate"))).toHaveLength(4);
    expect(findAll(root, (e) => hasClass(e, "p-text"))).toHaveLength(0);
  });

  it("escapes labels, groups and texts", () => {
    const svg = forestPlot({ rows: [{ label: "<script>alert(1)</script>", group: "<b>", text: "<i>", estimate: 1, lower: 0.5, upper: 2 }] });
    expect(svg).not.toMatch(/<(script|b|i)>/);
    expect(parseXml(svg).text).toContain("<script>alert(1)</script>");
  });

  it("is deterministic and matches its snapshots", () => {
    expect(forestPlot(input)).toBe(forestPlot(input));
    expect(compareSnapshot("forest-cox", forestPlot(input, { favours: ["Favours surgery", "Favours no surgery"], xDomain: [0.1, 10] }))).toBeNull();
    expect(compareSnapshot("forest-linear-single", forestPlot({ rows: [{ label: "RMST difference", estimate: 3.2, lower: -1.1, upper: 7.5, p: 0.14 }] }, { scale: "linear", width: "single", estimateHeader: "Δ (95% CI)", xLabel: "Difference in RMST (months)" }))).toBeNull();
  });

  it("rejects invalid options", () => {
    expect(() => forestPlot(input, { xDomain: [0, 10] })).toThrow(/xDomain/);
    expect(() => forestPlot(input, { scale: "sqrt" as never })).toThrow(/scale/);
  });
});

describe("forestPlot on a linear scale", () => {
  it("writes 'to' between limits when one is negative (a dash would read as a minus)", () => {
    const root = parseXml(forestPlot({ rows: [{ label: "d", estimate: 3.2, lower: -1.1, upper: 7.5 }] }, { scale: "linear" }));
    expect(findAll(root, (e) => hasClass(e, "estimate-text"))[0].text).toBe("3.20 (\u22121.10 to 7.50)");
  });
});
