/**
 * Issue 19 (forest plot): a flagged row's label starts with its warning mark ("⚠17,18 PS-matched Cox (matched sample,
 * …"). The PNG renderer (resvg) takes the mark from a fallback font (DejaVu Sans) and drew the whole first text chunk in
 * it, so the first line of a flagged label read as bold and the others as regular. Every line is now regular: the mark
 * is a chunk of its own and the rest of its line is drawn in the figure's font.
 */
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { forestPlot } from "../../../src/report/plots/forest.js";
import { markAdvance } from "../../../src/report/plots/svg.js";
import { FONT_FAMILY } from "../../../src/report/plots/theme.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

const flagged = "⚠17,18,19,27,35,36 PS-matched Cox (matched sample, marginal HR); matching worsened balance: not confounding-adjusted";
const svg = forestPlot({ rows: [{ label: "Crude Cox (unadjusted HR)", estimate: 0.61, lower: 0.26, upper: 1.45, p: 0.27 }, { label: flagged, estimate: 1.23, lower: 0.39, upper: 3.89, p: 0.72 }] }, { width: "double" });
const labelOf = (k: number): XmlElement => findAll(parseXml(svg), (e) => hasClass(e, "row-label"))[k];

/** Width in px of the ink of `inner` (SVG text content) drawn by resvg with the figures' font stack and the PNG export's fallback. */
function inkWidth(inner: string): number {
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="40" viewBox="0 0 900 40"><text x="4" y="20" font-family="${FONT_FAMILY}" font-size="10.67">${inner}</text></svg>`;
  const box = new Resvg(doc, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" } }).getBBox();
  if (box === undefined) throw new Error("nothing drawn (no font on this machine?)");
  return box.width;
}

describe("forestPlot: a flagged label is regular on every line", () => {
  it("the mark is a text chunk of its own; the rest of the first line starts at its own x, no line is bold", () => {
    const label = labelOf(1);
    const spans = label.children.filter((c) => c.name === "tspan");
    expect(spans[0].text).toBe("⚠");
    expect(spans[1].text.startsWith("17,18,19,27,35,36 PS-matched")).toBe(true);
    expect(Number(spans[1].attrs.x)).toBeGreaterThan(Number(label.attrs.x));
    expect(spans[1].attrs.dy).toBeUndefined(); // same baseline as the mark
    expect(spans.length).toBeGreaterThan(3); // the label wraps: the later lines follow
    for (const e of [label, ...spans]) expect(e.attrs["font-weight"]).toBeUndefined();
    expect(labelOf(0).text).toBe("Crude Cox (unadjusted HR)");
  });

  it("rendered by resvg, the first line after the mark is as wide as the same words in the figure's font (not in the fallback font)", () => {
    const label = labelOf(1);
    const x0 = Number(label.attrs.x);
    const spans = label.children.filter((c) => c.name === "tspan");
    // the first line as the figure draws it (the spans before the first one that moves down a line), moved to x = 4
    const firstLine = spans.slice(0, Math.max(1, spans.findIndex((c) => c.attrs.dy !== undefined)));
    const esc = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const drawn = inkWidth(firstLine.map((c) => `<tspan${c.attrs.x === undefined ? "" : ` x="${4 + Number(c.attrs.x) - x0}"`}>${esc(c.text)}</tspan>`).join(""));
    const rest = firstLine.map((c) => c.text).join("").slice(1).trimEnd();
    const words = inkWidth(esc(rest));
    // tolerance: 2 px: the ink box starts at the mark's left bearing and the rest is placed at the mark's estimated advance
    expect(Math.abs(drawn - (markAdvance(10.67) + words))).toBeLessThan(2);
    // the same line as one chunk renders wider: all of it in the fallback font
    expect(inkWidth(esc(`⚠${rest}`))).toBeGreaterThan(markAdvance(10.67) + words + 10);
  });
});
