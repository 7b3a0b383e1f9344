/** Mirrored propensity-score histograms: binning by hand, common edges, escaping, snapshot. */
import { describe, expect, it } from "vitest";
import { psHistogram, psOverlapPlot } from "../../../src/report/plots/ps-overlap.js";
import { compareSnapshot } from "./snapshot.js";
import { findAll, hasClass, parseXml } from "./xml.js";

describe("psHistogram", () => {
  it("counts [e_k, e_k+1) with the last bin closed, per group (hand example)", () => {
    const h = psHistogram([0.1, 0.3, 0.5, 1, 0.5, 0.9], [0, 0, 0, 1, 1, 1], [0, 0.5, 1], undefined, "count");
    expect(h.control).toEqual([2, 1]); // 0.1, 0.3 | 0.5
    expect(h.treated).toEqual([0, 3]); // 1 (closed last bin), 0.5, 0.9
  });
  it("sums weights and divides by the group's total weight for proportions", () => {
    const h = psHistogram([0.1, 0.3, 0.7, 0.2, 0.8], [0, 0, 0, 1, 1], [0, 0.5, 1], [1, 3, 4, 2, 2]);
    expect(h.control).toEqual([0.5, 0.5]); // (1 + 3)/8, 4/8
    expect(h.treated).toEqual([0.5, 0.5]);
  });
  it("skips missing scores and zero weights count for nothing", () => {
    const h = psHistogram([NaN, 0.3, 0.6], [1, 1, 1], [0, 0.5, 1], [1, 0, 2], "count");
    expect(h.treated).toEqual([0, 2]);
  });
});

// deterministic synthetic scores (no RNG): a confounded assignment
const n = 120;
const ps = Array.from({ length: n }, (_, i) => 0.05 + (0.9 * ((i * 37) % n)) / n);
const treatment = ps.map((p, i) => (((i * 53) % 100) / 100 < p ? 1 : 0));
const iptw = ps.map((p, i) => (treatment[i] === 1 ? 1 / p : 1 / (1 - p)));
const matched = ps.map((p, i) => (p > 0.2 && p < 0.8 && i % 3 !== 0 ? 1 : 0));

describe("psOverlapPlot", () => {
  it("draws one panel per sample on common bin edges, treated above and control below the axis", () => {
    const root = parseXml(psOverlapPlot({ ps, treatment, adjusted: [{ label: "Matched", weights: matched }, { label: "IPTW", weights: iptw }] }, { bins: 10 }));
    const panels = findAll(root, (e) => hasClass(e, "panel"));
    expect(panels).toHaveLength(3);
    const xs = panels.map((p) => new Set(findAll(p, (e) => e.name === "rect").map((r) => r.attrs.x)));
    for (const s of xs) for (const x of s) expect(xs[0].has(x) || xs[2].has(x)).toBe(true);
    for (const p of panels) {
      const zero = Number(findAll(p, (e) => hasClass(e, "zero-line"))[0].attrs.y1);
      // tolerance: 0.05 px: bar edges are written rounded
      for (const r of findAll(p, (e) => hasClass(e, "bar-treated"))) expect(Number(r.attrs.y) + Number(r.attrs.height)).toBeCloseTo(zero, 1);
      // tolerance: 0.05 px: bar edges are written rounded
      for (const r of findAll(p, (e) => hasClass(e, "bar-control"))) expect(Number(r.attrs.y)).toBeCloseTo(zero, 1);
    }
  });

  it("escapes group and sample labels", () => {
    const svg = psOverlapPlot({ ps: [0.2, 0.8], treatment: [0, 1], adjusted: [{ label: "<script>x</script>", weights: [1, 1] }] }, { groupLabels: ["<b>T</b>", "C&D"] });
    expect(svg).not.toMatch(/<(script|b)>/);
    expect(parseXml(svg).text).toContain("<script>x</script>");
  });

  it("is deterministic and matches its snapshot", () => {
    const a = psOverlapPlot({ ps, treatment, adjusted: [{ label: "IPTW (ATE)", weights: iptw }] });
    expect(a).toBe(psOverlapPlot({ ps, treatment, adjusted: [{ label: "IPTW (ATE)", weights: iptw }] }));
    expect(compareSnapshot("ps-overlap-iptw", a)).toBeNull();
    expect(compareSnapshot("ps-overlap-matched-count-data", psOverlapPlot({ ps, treatment, adjusted: [{ label: "Matched", weights: matched }] }, { yScale: "count", range: "data", bins: 15 }))).toBeNull();
  });

  it("rejects mismatched lengths and invalid options", () => {
    expect(() => psOverlapPlot({ ps: [0.1], treatment: [0, 1] })).toThrow(/same length/);
    expect(() => psOverlapPlot({ ps, treatment }, { bins: 1 })).toThrow(/bins/);
  });
});
