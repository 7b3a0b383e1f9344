/**
 * kmPlot's options for a single-column figure (issue 19): `maxAspect` bounds the height by making the plotting area
 * lower, `annotationSize: "small"` sets the annotation in the small font, a top legend whose labels do not fit beside
 * the plot takes the figure's width, and a default y-axis title longer than the plot is high is the short "Survival".
 */
import { describe, expect, it } from "vitest";
import { kmPlot, type KmPlotInput } from "../../../src/report/plots/km.js";
import { kaplanMeier } from "../../../src/survival/kaplan-meier.js";
import { withLanguage } from "../../../src/i18n/language.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const fit = kaplanMeier({
  time: Float64Array.from([2, 3, 5, 8, 9, 12, 14, 17, 20, 24, 26, 30, 33, 40, 44, 50]),
  status: Int32Array.from([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0]),
  group: { codes: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), levels: ["a", "b"] },
}) as KmPlotInput;
const size = (svg: string): { W: number; H: number } => {
  const [, , W, H] = parseXml(svg).attrs.viewBox.split(" ").map(Number);
  return { W, H };
};
const annotation = ["Log-rank p = 0.44 (n = 16)", "HR 0.73 (0.31–1.72), n = 16", "Biased by design*", "A fourth line", "A fifth line"];
const long = ["no pulmonary metastasectomy within 6 months", "Pulmonary metastasectomy within 6 months"];

describe("kmPlot on one column", () => {
  it("maxAspect keeps the height at most that × the width, with a lower plotting area; without it the figure is taller", () => {
    const two = annotation.slice(0, 2);
    const free = kmPlot(fit, { width: "single", annotation: two, annotationPosition: "above", labels: long });
    const bounded = kmPlot(fit, { width: "single", annotation: two, annotationPosition: "above", labels: long, maxAspect: 1.1 });
    expect(size(free).H).toBeGreaterThan(1.1 * size(free).W);
    expect(size(bounded).H).toBeLessThanOrEqual(1.1 * size(bounded).W + 0.01);
    // the plotting area is what got lower (the y axis), not less than 0.45 × its width
    const yAxis = (svg: string): number => {
      const d = findAll(findAll(parseXml(svg), (e) => hasClass(e, "y-axis"))[0], (e) => hasClass(e, "domain"))[0];
      return Math.abs(Number(d.attrs.y2) - Number(d.attrs.y1));
    };
    expect(yAxis(bounded)).toBeLessThan(yAxis(free));
    const xd = findAll(findAll(parseXml(bounded), (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "domain"))[0];
    expect(yAxis(bounded)).toBeGreaterThanOrEqual(0.45 * (Number(xd.attrs.x2) - Number(xd.attrs.x1)) - 0.01);
    // more than the lowest plot can absorb: the bound gives way, the plot stays at its lowest
    expect(size(kmPlot(fit, { width: "single", annotation: [...annotation, ...annotation], annotationPosition: "above", labels: long, maxAspect: 1.1 })).H).toBeGreaterThan(1.1 * size(bounded).W);
    expect(() => kmPlot(fit, { maxAspect: 0.1 })).toThrow(/maxAspect/);
  });

  it("annotationSize small sets the annotation in the small font (8 pt), normal in 9 pt", () => {
    const fontOf = (svg: string): string[] => findAll(findAll(parseXml(svg), (e) => hasClass(e, "annotation"))[0], (e) => e.name === "text").map((t) => t.attrs["font-size"]);
    expect(new Set(fontOf(kmPlot(fit, { width: "single", annotation, annotationSize: "small" })))).toEqual(new Set(["10.67"]));
    expect(new Set(fontOf(kmPlot(fit, { width: "single", annotation })))).toEqual(new Set(["12"]));
    expect(() => kmPlot(fit, { annotationSize: "tiny" as "small" })).toThrow(/annotationSize/);
  });

  it("a top legend whose labels do not fit beside the plot starts at the figure's left edge and keeps them whole", () => {
    const root = parseXml(kmPlot(fit, { width: "single", labels: long }));
    const labels = findAll(findAll(root, (e) => hasClass(e, "legend"))[0], (e) => e.name === "text").map((t) => t.text);
    expect(labels).toEqual(long);
    const swatch = findAll(findAll(root, (e) => hasClass(e, "legend"))[0], (e) => e.name === "line")[0];
    expect(Number(swatch.attrs.x1)).toBe(4);
    // short labels stay beside the plot, as before
    const short = parseXml(kmPlot(fit, { width: "single", labels: ["a", "b"] }));
    expect(Number(findAll(findAll(short, (e) => hasClass(e, "legend"))[0], (e) => e.name === "line")[0].attrs.x1)).toBeGreaterThan(20);
  });

  it("German: the y-axis title 'Überlebenswahrscheinlichkeit' when the plot is high enough, 'Überleben' when it is not", () => {
    const yTitle = (svg: string): string => findAll(parseXml(svg), (e) => hasClass(e, "axis-title"))[0].text;
    withLanguage("de", () => {
      expect(yTitle(kmPlot(fit, { width: "double" }))).toBe("Überlebenswahrscheinlichkeit");
      expect(yTitle(kmPlot(fit, { width: "single", labels: long }))).toBe("Überleben");
    });
    expect(yTitle(kmPlot(fit, { width: "single" }))).toBe("Survival probability");
  });
});
