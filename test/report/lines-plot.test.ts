import { describe, expect, it } from "vitest";
import { clipToBand, linesPlot } from "../../src/report/plots/lines.js";
import { textWidth } from "../../src/report/plots/svg.js";
import { findAll, parseXml, type XmlElement } from "./plots/xml.js";

const opts = { xLabel: "Threshold", yLabel: "Net benefit", xDomain: [0, 1] as const, title: "Decision curve", description: "d", className: "survinfer-decision-curve" };

describe("linesPlot", () => {
  it("draws one polyline per series, a legend row per series, and escapes the labels", () => {
    const svg = linesPlot([
      { label: "model <b>&", points: [[0, 0.1], [0.5, 0.05], [1, 0]] },
      { label: "all", points: [[0, 0.3], [1, -0.2]], dash: "5,3" },
    ], opts);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/class="legend-item"/g)).toHaveLength(2);
    expect(svg).toContain("model &lt;b&gt;&amp;");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain('stroke-dasharray="5,3"');
  });

  it("draws the diagonal only when asked", () => {
    const one = [{ label: "x", points: [[0, 0], [1, 1]] as const }];
    expect(linesPlot(one, { ...opts, diagonal: true })).toContain('class="reference"');
    expect(linesPlot(one, opts)).not.toContain('class="reference"');
  });

  it("cuts a line where it leaves the y range (the decision curve's 'treat all' below −0.05) instead of running it flat along the axis", () => {
    // y from −0.05: the line (0, 0.3)–(0.5, −0.2)–(1, −0.7) leaves the panel at x = 0.35 and does not come back
    const root = parseXml(linesPlot([{ label: "all", points: [[0, 0.3], [0.5, -0.2], [1, -0.7]] }], { ...opts, yDomain: [-0.05, 0.3] }));
    const line = findAll(root, (e) => e.name === "polyline")[0];
    const pts = line.attrs.points.split(" ").map((p) => p.split(",").map(Number));
    expect(pts).toHaveLength(2);
    const tick = (label: string): number => Number(findAll(root, (e) => e.name === "text" && e.text === label)[0].attrs.x);
    // tolerance: 0.05 px, coordinates are written with 2 decimals
    expect(pts[1][0]).toBeCloseTo(tick("0.0") + (tick("1.0") - tick("0.0")) * 0.35, 1);
    // a line that leaves and comes back is drawn as its pieces, each cut at the edge
    const back = parseXml(linesPlot([{ label: "dip", points: [[0, 0.1], [0.4, -0.15], [0.6, -0.15], [1, 0.1]] }], { ...opts, yDomain: [-0.05, 0.3] }));
    const path = findAll(back, (e) => e.name === "path" && e.attrs.class === "series")[0];
    expect(path.attrs.d.match(/M/g)).toHaveLength(2);
  });

  it("clipToBand keeps a line inside the band whole and cuts the parts outside at the limits", () => {
    const inside: [number, number][] = [[0, 0.1], [1, 0.2]];
    expect(clipToBand(inside, 0, 1)).toEqual([inside]);
    const [[a, b]] = clipToBand([[0, 0.1], [0.5, -0.1], [1, -0.3]], -0.05, 0.2);
    expect(a).toEqual([0, 0.1]);
    // tolerance: one rounding of the interpolation
    expect(b[0]).toBeCloseTo(0.375, 12);
    // tolerance: as above
    expect(b[1]).toBeCloseTo(-0.05, 12);
    // out, in, out: one piece between the crossings; a line wholly outside or touching the band at one point gives none
    const mid = clipToBand([[0, -1], [1, 1], [2, -1]], 0, 2);
    expect(mid).toHaveLength(1);
    expect(mid[0].map(([x]) => x)).toEqual([0.5, 1, 1.5]);
    expect(clipToBand([[0, -1], [1, -2]], 0, 1)).toEqual([]);
    expect(clipToBand([[0, -1], [1, 0], [2, -1]], 0, 1)).toEqual([]);
  });

  it("refuses non-finite points and an empty chart", () => {
    expect(() => linesPlot([{ label: "x", points: [[0, Number.NaN]] }], opts)).toThrow(/finite/);
    expect(() => linesPlot([], opts)).toThrow(/at least one series/);
  });

  it("wraps a long legend label onto further lines instead of cutting it, and keeps every text (the last x tick too) inside the figure", () => {
    const label = "deciding by the calculator's predicted risk of death at the horizon, corrected for optimism by the bootstrap";
    const svg = linesPlot([{ label, points: [[0, 0.3], [1, 0]] }, { label: "no one", points: [[0, 0], [1, 0]] }], opts);
    expect(svg).not.toContain("…");
    const root = parseXml(svg);
    const W = Number(root.attrs.viewBox.split(" ")[2]);
    // each text with the font size it inherits (root, group or its own attribute)
    const texts: { t: XmlElement; size: number }[] = [];
    const walk = (e: XmlElement, size: number): void => {
      const own = e.attrs["font-size"] === undefined ? size : Number(e.attrs["font-size"]);
      if (e.name === "text") texts.push({ t: e, size: own });
      else for (const c of e.children) walk(c, own);
    };
    walk(root, 11);
    const legendTexts = findAll(root, (e) => e.name === "g" && e.attrs.class === "legend-item").map((item) => findAll(item, (e) => e.name === "text").map((t) => t.text).join(" "));
    expect(legendTexts[0]).toBe(label);
    expect(legendTexts[1]).toBe("no one");
    for (const { t, size } of texts) {
      const w = textWidth(t.text, size);
      const x = Number(t.attrs.x);
      const x0 = t.attrs["text-anchor"] === "middle" ? x - w / 2 : t.attrs["text-anchor"] === "end" ? x - w : x;
      expect(x0 + w, t.text).toBeLessThanOrEqual(W + 0.5);
    }
    // the legend rows do not overlap: each line has its own baseline
    const ys = findAll(root, (e) => e.name === "g" && e.attrs.class === "legend-item").flatMap((item) => findAll(item, (e) => e.name === "text").map((t) => Number(t.attrs.y)));
    expect(new Set(ys).size).toBe(ys.length);
  });
});
