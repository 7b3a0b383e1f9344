import { describe, expect, it } from "vitest";
import { linesPlot } from "../../src/report/plots/lines.js";
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
