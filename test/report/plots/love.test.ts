/** Love plot: order, markers, threshold, escaping, determinism, snapshot. */
import { describe, expect, it } from "vitest";
import { lovePlot, type LovePlotInput } from "../../../src/report/plots/love.js";
import { compareSnapshot } from "./snapshot.js";
import { seriesColor } from "../../../src/report/plots/theme.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const input: LovePlotInput = {
  before: [
    { variable: "age", smd: 0.52 },
    { variable: "primary_size_mm", smd: -0.31 },
    { variable: "timing_metachronous", smd: 0.25 },
    { variable: "sex_male", smd: 0.05 },
    { variable: "n_lung_mets", smd: -0.7 },
  ],
  adjusted: [
    { label: "Matched", rows: [{ variable: "age", smd: 0.04 }, { variable: "primary_size_mm", smd: 0.12 }, { variable: "n_lung_mets", smd: -0.05 }, { variable: "sex_male", smd: 0.02 }, { variable: "timing_metachronous", smd: -0.08 }] },
    { label: "IPTW (ATE)", rows: [{ variable: "age", smd: 0.01 }, { variable: "primary_size_mm", smd: -0.02 }, { variable: "n_lung_mets", smd: 0.03 }, { variable: "sex_male", smd: 0.0 }, { variable: "timing_metachronous", smd: 0.0 }] },
  ],
};

describe("lovePlot", () => {
  it("sorts covariates by unadjusted |SMD|, largest on top", () => {
    const root = parseXml(lovePlot(input));
    const labels = findAll(root, (e) => hasClass(e, "row-label")).map((e) => e.text);
    expect(labels).toEqual(["n_lung_mets", "age", "primary_size_mm", "timing_metachronous", "sex_male"]);
    const ys = findAll(root, (e) => hasClass(e, "row-label")).map((e) => Number(e.attrs.y));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it("draws open markers before and filled markers after each adjustment, with a threshold line at 0.1", () => {
    const root = parseXml(lovePlot(input));
    const before = findAll(root, (e) => hasClass(e, "smd-before"));
    const after = findAll(root, (e) => hasClass(e, "smd-adjusted"));
    expect(before).toHaveLength(5);
    expect(before.every((e) => e.attrs.fill === "#ffffff")).toBe(true);
    expect(after).toHaveLength(10);
    expect(after.every((e) => e.attrs.fill !== "#ffffff")).toBe(true);
    expect(findAll(root, (e) => hasClass(e, "threshold"))).toHaveLength(1);
    expect(findAll(parseXml(lovePlot(input, { absolute: false })), (e) => hasClass(e, "threshold"))).toHaveLength(2);
    expect(findAll(parseXml(lovePlot(input, { threshold: null })), (e) => hasClass(e, "threshold"))).toHaveLength(0);
  });

  it("places |SMD| on a linear scale: the threshold sits between 0 and the largest value in proportion", () => {
    const root = parseXml(lovePlot(input, { threshold: 0.1 }));
    const axis = findAll(root, (e) => hasClass(e, "x-axis"))[0];
    const ticks = findAll(axis, (e) => hasClass(e, "tick-label")).map((e) => ({ v: Number(e.text), x: Number(e.attrs.x) }));
    const thr = Number(findAll(root, (e) => hasClass(e, "threshold"))[0].attrs.x1);
    const [t0, t1] = ticks;
    // tolerance: 0.05 px: SVG coordinates are written rounded
    expect(thr).toBeCloseTo(t0.x + ((0.1 - t0.v) / (t1.v - t0.v)) * (t1.x - t0.x), 1);
  });

  it("escapes hostile variable names and labels", () => {
    const svg = lovePlot({ before: [{ variable: "<script>alert(1)</script>", smd: 0.3 }], adjusted: [{ label: "<img src=x onerror=alert(1)>", rows: [] }] });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    const root = parseXml(svg);
    expect(root.text).toContain("<script>alert(1)</script>");
  });

  it("is deterministic and matches its snapshot", () => {
    expect(lovePlot(input)).toBe(lovePlot(input));
    expect(compareSnapshot("love-matched-iptw", lovePlot(input, { variableLabels: { age: "Age (years)", n_lung_mets: "Number of lung metastases" } }))).toBeNull();
    expect(compareSnapshot("love-signed", lovePlot({ before: input.before }, { absolute: false }))).toBeNull();
  });

  it("draws SMD, variance-ratio and KS panels (cobalt's stats = c(\"m\", \"v\", \"ks\")), VR on a log axis with thresholds 1/t and t", () => {
    const rows = (k: number) => [
      { variable: "age", smd: 0.5 - k * 0.45, varianceRatio: 2.6 - k, ks: 0.3 - k * 0.2 },
      { variable: "sex_male", smd: 0.2, varianceRatio: null, ks: 0.1 },
    ];
    const three = { before: rows(0), adjusted: [{ label: "Matched", rows: rows(1) }] };
    const root = parseXml(lovePlot(three, { stats: ["smd", "varianceRatio", "ks"], ksThreshold: 0.2 }));
    expect(findAll(root, (e) => hasClass(e, "panel"))).toHaveLength(3);
    // a binary term has no variance ratio: one marker per sample for age only
    expect(findAll(root, (e) => hasClass(e, "varianceRatio-before"))).toHaveLength(1);
    expect(findAll(root, (e) => hasClass(e, "varianceRatio-adjusted"))).toHaveLength(1);
    expect(findAll(root, (e) => hasClass(e, "ks-adjusted"))).toHaveLength(2);
    const vr = findAll(root, (e) => hasClass(e, "panel-varianceRatio"))[0];
    const th = findAll(vr, (e) => hasClass(e, "threshold")).map((e) => Number(e.attrs.x1));
    const one = Number(findAll(vr, (e) => hasClass(e, "one-line"))[0].attrs.x1);
    expect(th).toHaveLength(2);
    // log scale: 1/2 and 2 lie at equal distances on either side of 1 (tolerance: 1e-6 px, two rounded positions)
    expect(one - th[0]).toBeCloseTo(th[1] - one, 6);
    expect(findAll(findAll(root, (e) => hasClass(e, "panel-ks"))[0], (e) => hasClass(e, "threshold"))).toHaveLength(1);
    expect(root.text).toContain("Variance ratio");
    expect(root.text).toContain("KS statistic");
  });

  it("rejects invalid options", () => {
    expect(() => lovePlot(input, { stats: ["smd", "smd"] })).toThrow(/stats/);
    expect(() => lovePlot(input, { varianceRatioThreshold: 0.5 })).toThrow(/varianceRatioThreshold/);
    expect(() => lovePlot(input, { threshold: -1 })).toThrow(/threshold/);
    expect(() => lovePlot({ before: [{ variable: "a" } as never] })).toThrow(/lovePlot/);
  });

  it("gives the adjusted samples colours that are not the treatment groups' (untreated, treated in every KM figure) and markers that differ from each other and from the unadjusted circle (issue 19)", () => {
    const root = parseXml(lovePlot(input));
    const adjusted = findAll(root, (e) => hasClass(e, "smd-adjusted"));
    const fillOf = (k: number): string[] => [...new Set(adjusted.filter((e) => e.attrs["data-sample"] === String(k)).map((e) => e.attrs.fill))];
    const treatment = [seriesColor(0), seriesColor(1)];
    for (const k of [0, 1]) {
      expect(fillOf(k)).toHaveLength(1);
      expect(treatment).not.toContain(fillOf(k)[0]);
    }
    expect(fillOf(0)[0]).not.toBe(fillOf(1)[0]);
    // in greyscale the shapes tell them apart: an arc (circle) before, straight-edged markers after, one shape per sample
    const shape = (d: string): string => (d.includes("A") ? "circle" : d.includes("H") ? "square" : "triangle");
    const shapes = [0, 1].map((k) => [...new Set(adjusted.filter((e) => e.attrs["data-sample"] === String(k)).map((e) => shape(e.attrs.d)))]);
    expect(shapes).toEqual([["triangle"], ["square"]]);
    expect(findAll(root, (e) => hasClass(e, "smd-before")).every((e) => shape(e.attrs.d) === "circle")).toBe(true);
  });
});
