/** CIF figure: one step curve per cause and group from (0, 0), colour by group, dashes by cause, escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { cifPlot, type CifPlotInput } from "../../../src/report/plots/cif.js";
import { SurvinferError } from "../../../src/errors.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml } from "./xml.js";

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
});
