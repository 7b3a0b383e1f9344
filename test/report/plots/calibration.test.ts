/** Calibration plot: points at (predicted, observed), the 45° line, CI bars, escaping, snapshot. */
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
    expect(Number(pts[0].attrs.cx)).toBeCloseTo(px, 1);
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

  it("is deterministic and matches its snapshots", () => {
    expect(calibrationPlot(input)).toBe(calibrationPlot(input));
    expect(compareSnapshot("calibration-lms", calibrationPlot(input, { annotation: ["Calibration slope 0.77 (optimism-corrected)", "Harrell's C 0.61"] }))).toBeNull();
    expect(compareSnapshot("calibration-data-domain", calibrationPlot(input, { domain: "data", width: "double" }))).toBeNull();
  });
});
