import { describe, expect, it } from "vitest";
import { linesPlot } from "../../src/report/plots/lines.js";

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
});
