/** Calibration plot: points at (predicted, observed), the 45° line, CI bars, bias-corrected points, escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { calibrationPlot, type CalibrationPlotInput } from "../../../src/report/plots/calibration.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const input: CalibrationPlotInput = {
  time: 60,
  groups: [
    { predicted: 0.82, observed: 0.875, lower: 0.67, upper: 1 },
    { predicted: 0.77, observed: 0.71, lower: 0.47, upper: 1 },
    { predicted: 0.67, observed: 0.6, lower: 0.35, upper: 0.9 },
    { predicted: 0.5, observed: 0.42, lower: 0.2, upper: 0.75 },
    { predicted: 0.3, observed: null },
  ],
};

describe("calibrationPlot", () => {
  it("draws one point per group with an observed value, on the same scale for x and y", () => {
    const root = parseXml(calibrationPlot(input));
    const pts = findAll(root, (e) => hasClass(e, "group-point"));
    expect(pts).toHaveLength(4);
    const ref = findAll(root, (e) => hasClass(e, "reference"))[0];
    const x0 = Number(ref.attrs.x1);
    const x1 = Number(ref.attrs.x2);
    const y0 = Number(ref.attrs.y1);
    const y1 = Number(ref.attrs.y2);
    // a point with predicted = observed would lie on the reference line: check the mapping of the first
    const px = x0 + (x1 - x0) * 0.82;
    const py = y0 + (y1 - y0) * 0.875;
    // tolerance: 0.05 px: SVG coordinates are written rounded (3 decimals after normalising, 0.1 px is invisible)
    expect(Number(pts[0].attrs.cx)).toBeCloseTo(px, 1);
    // tolerance: 0.05 px: SVG coordinates are written rounded
    expect(Number(pts[0].attrs.cy)).toBeCloseTo(py, 1);
    expect(findAll(root, (e) => hasClass(e, "ci"))).toHaveLength(4);
    expect(findAll(parseXml(calibrationPlot(input, { confInt: false })), (e) => hasClass(e, "ci"))).toHaveLength(0);
  });

  it("escapes annotation and axis titles", () => {
    const svg = calibrationPlot(input, { annotation: ["<i>slope</i>"], xLabel: "<b>x</b>" });
    expect(svg).not.toMatch(/<(i|b)>/);
  });

  it("validates options", () => {
    expect(() => calibrationPlot(input, { domain: "zoom" as "full" })).toThrow(/domain/);
  });

  it("draws bias-corrected points as open circles on a dashed line, with a legend, on the same scale", () => {
    const corrected = [{ predicted: 0.3, observed: null }, { predicted: 0.82, observed: 0.85 }, { predicted: 0.5, observed: 0.47 }, { predicted: 0.67, observed: 0.62 }];
    const svg = calibrationPlot({ ...input, corrected });
    const root = parseXml(svg);
    const open = findAll(root, (e) => hasClass(e, "corrected-point"));
    expect(open).toHaveLength(3);
    expect(open.every((e) => e.attrs.fill === "#ffffff")).toBe(true);
    const ref = findAll(root, (e) => hasClass(e, "reference"))[0];
    const [x0, x1, y0, y1] = [ref.attrs.x1, ref.attrs.x2, ref.attrs.y1, ref.attrs.y2].map(Number);
    // sorted by predicted: the last open point is (0.82, 0.85); tolerance: 0.05 px, coordinates are written rounded
    expect(Number(open[2].attrs.cx)).toBeCloseTo(x0 + (x1 - x0) * 0.82, 1);
    // tolerance: 0.05 px: SVG coordinates are written rounded
    expect(Number(open[2].attrs.cy)).toBeCloseTo(y0 + (y1 - y0) * 0.85, 1);
    const dashed = findAll(root, (e) => hasClass(e, "corrected-line"));
    expect(dashed).toHaveLength(1);
    expect(dashed[0].attrs["stroke-dasharray"]).toBe("3,2");
    expect(dashed[0].attrs.points.split(" ")).toHaveLength(3);
    const legend = findAll(root, (e) => hasClass(e, "legend"))[0];
    expect(legend.text).toContain("apparent");
    expect(legend.text).toContain("bias-corrected (bootstrap)");
    // the apparent points are unchanged, and the figure grows by the legend row
    expect(findAll(root, (e) => hasClass(e, "group-point"))).toHaveLength(4);
    expect(Number(root.attrs.viewBox.split(" ")[3])).toBeGreaterThan(Number(parseXml(calibrationPlot(input)).attrs.viewBox.split(" ")[3]));
  });

  it("is byte-identical to the apparent-only figure without corrected points", () => {
    expect(calibrationPlot({ ...input, corrected: [] })).toBe(calibrationPlot(input));
    expect(calibrationPlot({ ...input, corrected: [{ predicted: 0.5, observed: null }] })).toBe(calibrationPlot(input));
  });

  it("escapes legend labels and validates corrected points", () => {
    const svg = calibrationPlot({ ...input, corrected: [{ predicted: 0.5, observed: 0.5 }] }, { legend: { apparent: "<b>app</b>", corrected: "a & b" } });
    expect(svg).not.toMatch(/<b>/);
    expect(svg).toContain("a &amp; b");
    expect(() => calibrationPlot({ ...input, corrected: [{ predicted: "0.5" as unknown as number, observed: 0.5 }] })).toThrow(/corrected/);
    expect(() => calibrationPlot(input, { legend: { apparent: 1 as unknown as string } })).toThrow(/legend/);
  });

  it("is deterministic and matches its snapshots", () => {
    expect(calibrationPlot(input)).toBe(calibrationPlot(input));
    expect(compareSnapshot("calibration-lms", calibrationPlot(input, { annotation: ["Calibration slope 0.77 (optimism-corrected)", "Harrell's C 0.61"] }))).toBeNull();
    expect(compareSnapshot("calibration-data-domain", calibrationPlot(input, { domain: "data", width: "double" }))).toBeNull();
  });
});

describe("calibrationPlot annotation (issue 19)", () => {
  it("sits above the panel, clear of every point and CI bar, and is wrapped, not cut", async () => {
    const { parseXml, findAll, hasClass } = await import("./xml.js");
    const input2 = { time: 60, groups: [{ predicted: 0.1, observed: 0.9, lower: 0.6, upper: 1 }, { predicted: 0.5, observed: 0.5, lower: 0.3, upper: 0.7 }] };
    const long = "Calibration slope 0.61 (optimism-corrected by 200 bootstrap resamples of the whole model-building procedure)";
    const root = parseXml(calibrationPlot(input2, { annotation: [long, "Harrell's C 0.646"] }));
    const lines = findAll(findAll(root, (e) => hasClass(e, "annotation"))[0], (e) => e.name === "text");
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.text).join(" ")).toContain(long);
    expect(lines.every((l) => !l.text.includes("…"))).toBe(true);
    const lastBaseline = Math.max(...lines.map((l) => Number(l.attrs.y)));
    const ciTop = Math.min(...findAll(root, (e) => hasClass(e, "ci")).map((c) => Math.min(Number(c.attrs.y1), Number(c.attrs.y2))));
    const panelTop = Math.min(...findAll(root, (e) => hasClass(e, "reference")).map((c) => Math.min(Number(c.attrs.y1), Number(c.attrs.y2))));
    expect(lastBaseline).toBeLessThan(ciTop);
    expect(lastBaseline).toBeLessThan(panelTop);
  });
});
