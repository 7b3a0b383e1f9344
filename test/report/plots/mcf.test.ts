/**
 * MCF figure: step curves from (0, 0) whose corners map back through the drawn axes to (time, MCF) — on the
 * R-checked engine output for the synthetic-ties fixture (survfit(Surv(start, stop, event) ~ x, id = id),
 * tools/oracle/recurrent.R) — confidence bands with non-finite limits skipped, numbers under observation
 * at the ticks, escaping, validation and determinism.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../../src/data/table.js";
import { SurvinferError } from "../../../src/errors.js";
import { mcfPlot, type McfPlotCurve, type McfPlotInput } from "../../../src/report/plots/mcf.js";
import { meanCumulativeFunction, type McfResult } from "../../../src/survival/recurrent/mcf.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { textWidth } from "../../../src/report/plots/svg.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

interface RecurrentInput {
  id: number[];
  start: number[];
  stop: number[];
  event: number[];
  x: number[];
  by: string;
}
interface McfStratum {
  name: string;
  time: number[];
  nRisk: number[];
  cumhaz: number[];
}

const fixture = loadFixture<RecurrentInput, { strata: McfStratum[] }>("recurrent", "synthetic-ties-mcf-by");

/** The fixture's long-format table (one row per interval: id, start, stop, event, x). */
function fixtureTable(): Table {
  const i = fixture.input;
  const cols: Record<string, number[]> = { id: i.id, start: i.start, stop: i.stop, event: i.event, x: i.x };
  return {
    nRows: i.id.length,
    columns: Object.entries(cols).map(([name, v]) => ({ kind: "numeric" as const, name, values: Float64Array.from(v) })),
    source: { file: "synthetic-ties.csv" },
    rowNumbers: Int32Array.from({ length: i.id.length }, (_, k) => k + 2),
  };
}

const realistic = (): McfResult => meanCumulativeFunction(fixtureTable(), { id: "id", start: "start", stop: "stop", event: "event", by: "x" });

const tiny: McfPlotInput = {
  curves: [
    { name: "A", time: [2, 5, 9], mcf: [0.2, 0.5, 0.5], lower: [0.05, 0.25, 0.25], upper: [0.6, 0.9, 0.9], nRisk: [10, 7, 3] },
    { name: "B", time: [1, 4, 12], mcf: [0.1, 0.1, 0.3], lower: [NaN, NaN, 0.1], upper: [NaN, NaN, 0.7], nRisk: [5, 4, 2] },
  ],
};

const pathPoints = (d: string): [number, number][] => (d.match(/[ML]-?[\d.]+,-?[\d.]+/g) ?? []).map((p) => p.slice(1).split(",").map(Number) as [number, number]);
const subpaths = (d: string): number => (d.match(/M/g) ?? []).length;

/** Linear value → px map read from an axis: tick-mark position against its tick label. */
function axisMap(root: XmlElement, axisClass: "x-axis" | "y-axis"): { px: (v: number) => number; values: number[]; domainEnds: [number, number] } {
  const axis = findAll(root, (e) => hasClass(e, axisClass))[0];
  const ticks = findAll(axis, (e) => hasClass(e, "tick")).map((t) => {
    const mark = findAll(t, (e) => hasClass(e, "tick-mark"))[0];
    const label = findAll(t, (e) => hasClass(e, "tick-label"))[0];
    return { value: Number(label.text.replace(/,/g, "").replace("\u2212", "-")), pos: Number(axisClass === "x-axis" ? mark.attrs.x1 : mark.attrs.y1) };
  });
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  const slope = (b.pos - a.pos) / (b.value - a.value);
  const dom = findAll(axis, (e) => hasClass(e, "domain"))[0].attrs;
  const ends: [number, number] = axisClass === "x-axis" ? [Number(dom.x1), Number(dom.x2)] : [Number(dom.y1), Number(dom.y2)];
  return { px: (v) => a.pos + (v - a.value) * slope, values: ticks.map((t) => t.value), domainEnds: ends };
}

/** Expected corners of the right-continuous step function from (0, 0), written independently of the module. */
function expectedCorners(time: readonly number[], mcf: readonly number[]): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  let prev = 0;
  time.forEach((t, j) => {
    if (mcf[j] !== prev) out.push([t, prev], [t, mcf[j]]);
    prev = mcf[j];
  });
  if (out[out.length - 1][0] !== time[time.length - 1]) out.push([time[time.length - 1], prev]);
  return out;
}

/** n at the first time ≥ t, 0 after the last time (linear search, independent of numberAtRisk). */
const underObservation = (time: readonly number[], nRisk: readonly number[], t: number): number => {
  const j = time.findIndex((s) => s >= t);
  return j < 0 ? 0 : nRisk[j];
};

/** The y title: its (rotated) lines joined with spaces. */
const yTitleLines = (root: XmlElement): XmlElement[] => findAll(root, (e) => e.name === "text" && hasClass(e, "axis-title") && (e.attrs.transform ?? "").includes("rotate"));
const yTitleOf = (root: XmlElement): string => yTitleLines(root).map((e) => e.text).join(" ");
const xTitleOf = (root: XmlElement): string => findAll(root, (e) => e.name === "text" && hasClass(e, "axis-title") && e.attrs.transform === undefined)[0].text;
const byClass = (root: XmlElement, c: string): XmlElement[] => findAll(root, (e) => hasClass(e, c));
const tickLabels = (root: XmlElement): XmlElement[] => findAll(byClass(root, "x-axis")[0], (e) => e.name === "text" && hasClass(e, "tick-label"));

describe("mcfPlot", () => {
  it("produces well-formed SVG with one step curve per group, a legend for two groups and none for one", () => {
    const svg = mcfPlot(realistic(), { timeUnit: "months" });
    const root = parseXml(svg);
    expect(root.name).toBe("svg");
    expect(root.attrs.class).toBe("survinfer-figure survinfer-mcf");
    expect(root.attrs.width).toBe("85mm");
    const curves = byClass(root, "mcf-curve");
    expect(curves).toHaveLength(2);
    expect(curves[0].attrs.stroke).not.toBe(curves[1].attrs.stroke);
    expect(curves.every((c) => c.attrs.fill === "none")).toBe(true);
    expect(byClass(root, "legend-item").map((e) => e.text)).toEqual(["x=0", "x=1"]);
    expect(yTitleOf(root)).toBe("Mean cumulative number of events");
    expect(xTitleOf(root)).toBe("Time (months)");
    const one = parseXml(mcfPlot({ curves: [realistic().curves[0]] }));
    expect(byClass(one, "mcf-curve")).toHaveLength(1);
    expect(byClass(one, "legend-item")).toHaveLength(0);
  });

  it("draws right-continuous steps from (0, 0) whose corners map back via the axes to R's (time, MCF) within 1 px", () => {
    const root = parseXml(mcfPlot(realistic(), { width: "double" }));
    const xm = axisMap(root, "x-axis");
    const ym = axisMap(root, "y-axis");
    const curves = byClass(root, "mcf-curve");
    fixture.expected.strata.forEach((s, k) => {
      const pts = pathPoints(curves[k].attrs.d);
      const want = expectedCorners(s.time, s.cumhaz);
      expect(pts).toHaveLength(want.length);
      want.forEach(([t, v], j) => {
        expect(Math.abs(pts[j][0] - xm.px(t)), `curve ${k} corner ${j} x (t = ${t})`).toBeLessThanOrEqual(1);
        expect(Math.abs(pts[j][1] - ym.px(v)), `curve ${k} corner ${j} y (MCF = ${v})`).toBeLessThanOrEqual(1);
      });
      // steps: every segment is horizontal or vertical, and the curve never falls
      for (let j = 1; j < pts.length; j++) {
        expect(pts[j][0] === pts[j - 1][0] || pts[j][1] === pts[j - 1][1]).toBe(true);
        expect(pts[j][1]).toBeLessThanOrEqual(pts[j - 1][1]);
      }
    });
  });

  it("puts the y axis from 0 to a nice value at or above the largest upper limit (or MCF without bands)", () => {
    const res = realistic();
    const maxUpper = Math.max(...res.curves.flatMap((c) => c.upper.filter(Number.isFinite)));
    const maxMcf = Math.max(...res.curves.flatMap((c) => c.mcf));
    const withCi = axisMap(parseXml(mcfPlot(res)), "y-axis").values;
    expect(withCi[0]).toBe(0);
    expect(withCi[withCi.length - 1]).toBeGreaterThanOrEqual(maxUpper);
    const noCi = axisMap(parseXml(mcfPlot(res, { confInt: false })), "y-axis").values;
    expect(noCi[noCi.length - 1]).toBeGreaterThanOrEqual(maxMcf);
    expect(noCi[noCi.length - 1]).toBeLessThan(withCi[withCi.length - 1]);
  });

  it("shades a band per curve by default and none with confInt: false", () => {
    expect(byClass(parseXml(mcfPlot(realistic())), "mcf-band")).toHaveLength(2);
    expect(byClass(parseXml(mcfPlot(realistic(), { confInt: false })), "mcf-band")).toHaveLength(0);
    // a curve without limits gets no band
    const noLimits = { curves: [{ ...tiny.curves[0], lower: undefined, upper: undefined }] };
    expect(byClass(parseXml(mcfPlot(noLimits)), "mcf-band")).toHaveLength(0);
  });

  it("skips NaN limits: the band starts at the first finite limit and splits around a NaN in the middle", () => {
    const root = parseXml(mcfPlot(tiny));
    const xm = axisMap(root, "x-axis");
    const ym = axisMap(root, "y-axis");
    const bands = byClass(root, "mcf-band");
    expect(bands).toHaveLength(1);
    // curve B: limits NaN at 1 and 4, finite only at 12 = its last time → nothing of positive width to shade
    // curve A: limits finite throughout → one polygon from t = 2 to its last time 9, between 0.05…0.9
    const a = pathPoints(bands[0].attrs.d);
    expect(subpaths(bands[0].attrs.d)).toBe(1);
    // tolerance: 0.05 px for each of the path extents below: path coordinates are written rounded
    expect(Math.min(...a.map((p) => p[0]))).toBeCloseTo(xm.px(2), 1);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.max(...a.map((p) => p[0]))).toBeCloseTo(xm.px(9), 1);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.min(...a.map((p) => p[1]))).toBeCloseTo(ym.px(0.9), 1);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.max(...a.map((p) => p[1]))).toBeCloseTo(ym.px(0.05), 1);
    expect(bands[0].attrs["data-curve"]).toBe("0");

    const gap: McfPlotCurve = { name: "gap", time: [1, 2, 3, 4, 5], mcf: [0.1, 0.2, 0.3, 0.4, 0.5], lower: [0.05, 0.1, NaN, 0.2, 0.3], upper: [0.3, 0.4, NaN, 0.6, 0.8], nRisk: [9, 8, 7, 6, 5] };
    const svg = mcfPlot({ curves: [gap] });
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const g2 = parseXml(svg);
    const xg = axisMap(g2, "x-axis");
    const d = byClass(g2, "mcf-band")[0].attrs.d;
    expect(subpaths(d)).toBe(2);
    // first run [1, 3) ends where the NaN starts; second run [4, 5]
    const [first, second] = d.split("Z").filter(Boolean).map(pathPoints);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.max(...first.map((p) => p[0]))).toBeCloseTo(xg.px(3), 1);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.min(...second.map((p) => p[0]))).toBeCloseTo(xg.px(4), 1);
  });

  it("skips the engine's leading NaN limits (no limits while MCF = 0): the band starts at the first event", () => {
    // patients 1 and 2 censored at 0.5 and 1 before the first event (patient 2 at 3), patient 3's event at 4
    const t = { id: [1, 2, 2, 3], start: [0, 0, 1, 0], stop: [0.5, 1, 3, 4], event: [0, 0, 1, 1] };
    const table: Table = {
      nRows: 4,
      columns: Object.entries(t).map(([name, v]) => ({ kind: "numeric" as const, name, values: Float64Array.from(v) })),
      source: { file: "early-censoring.csv" },
      rowNumbers: Int32Array.from([2, 3, 4, 5]),
    };
    const res = meanCumulativeFunction(table, { id: "id", start: "start", stop: "stop", event: "event" });
    expect(Number.isNaN(res.curves[0].lower[0])).toBe(true);
    const svg = mcfPlot(res);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseXml(svg);
    const xm = axisMap(root, "x-axis");
    const band = pathPoints(byClass(root, "mcf-band")[0].attrs.d);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.min(...band.map((p) => p[0]))).toBeCloseTo(xm.px(3), 1);
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.max(...band.map((p) => p[0]))).toBeCloseTo(xm.px(4), 1);
  });

  it("prints the numbers under observation at the ticks: n at the first time ≥ t, 0 after the last time", () => {
    const root = parseXml(mcfPlot(tiny));
    expect(tickLabels(root).map((e) => e.text)).toEqual(["0", "2", "4", "6", "8", "10", "12"]);
    const rows = byClass(root, "risk-row");
    expect(rows).toHaveLength(2);
    const cells = (r: XmlElement): string[] => findAll(r, (e) => hasClass(e, "risk-n")).map((e) => e.text);
    expect(cells(rows[0])).toEqual(["10", "10", "7", "3", "3", "0", "0"]);
    expect(cells(rows[1])).toEqual(["5", "4", "4", "2", "2", "2", "2"]);
    expect(byClass(root, "risk-title")[0].text).toBe("Under observation");
    expect(byClass(parseXml(mcfPlot(tiny, { riskTable: false })), "risk-table")).toHaveLength(0);
  });

  it("reads the numbers under observation from riskSets when given, and ends a curve at the last time with minAtRisk or more under observation", () => {
    // curve A's own nRisk is sampled at its event times only; its risk set has every stop time (12 at time 0)
    const riskSets = [{ time: [1, 2, 3, 5, 7, 9], nRisk: [12, 10, 9, 7, 4, 3] }, undefined];
    const root = parseXml(mcfPlot(tiny, { riskSets, minAtRisk: 5 }));
    const rows = byClass(root, "risk-row");
    const cells = (r: XmlElement): string[] => findAll(r, (e) => hasClass(e, "risk-n")).map((e) => e.text);
    expect(cells(rows[0])[0]).toBe("12");
    expect(cells(rows[1])[0]).toBe("5");
    // A: at least 5 under observation up to time 5 (4 from time 7): the curve ends at 5; B (own risk set 5, 4, 2) ends at 1
    const curves = byClass(root, "mcf-curve").map((c) => pathPoints(c.attrs.d).map((p) => p[0]));
    const xm = axisMap(root, "x-axis");
    // tolerance: 0.05 px: path coordinates are written rounded
    expect(Math.max(...curves[0])).toBeCloseTo(xm.px(5), 1);
    // tolerance: 0.05 px, as above
    expect(Math.max(...curves[1])).toBeCloseTo(xm.px(1), 1);
    expect(() => mcfPlot(tiny, { riskSets: [undefined] })).toThrow(SurvinferError);
    expect(() => mcfPlot(tiny, { minAtRisk: -1 })).toThrow(SurvinferError);
    // each row stops where its curve stops: A's at the ticks up to 5, B's up to 1
    const ticks = tickLabels(root).map((t) => Number(t.text));
    expect(Math.max(...ticks)).toBeGreaterThan(1);
    const tickTimes = (r: XmlElement): number[] => findAll(r, (e) => hasClass(e, "risk-n")).map((e) => Number(e.attrs["data-time"]));
    expect(tickTimes(rows[0])).toEqual(ticks.filter((t) => t <= 5));
    expect(tickTimes(rows[1])).toEqual(ticks.filter((t) => t <= 1));
  });

  it("writes its SVG description in the report's language (English unchanged) and takes an x-axis title", async () => {
    const { withLanguage } = await import("../../../src/i18n/language.js");
    const desc = (lang: "en" | "de" | "ja"): string => withLanguage(lang, () => findAll(parseXml(mcfPlot(tiny, { yLabel: "Y" })), (e) => e.name === "desc")[0].text);
    expect(desc("en")).toBe("Y by group: A, B, with numbers under observation.");
    expect(desc("de")).toBe("Y nach Gruppe: A, B, mit der Anzahl unter Beobachtung.");
    expect(desc("ja")).toBe("Y（群：A, B）。観察中の人数付き。");
    expect(xTitleOf(parseXml(mcfPlot(tiny, { xLabel: "Months since date_pm" })))).toBe("Months since date_pm");
  });

  it("numbers under observation equal R's n.risk at the first time ≥ each tick and sit under the ticks", () => {
    const root = parseXml(mcfPlot(realistic(), { labels: ["No surgery", "Surgery"] }));
    const ticks = tickLabels(root);
    const rows = byClass(root, "risk-row");
    fixture.expected.strata.forEach((s, k) => {
      const cells = findAll(rows[k], (e) => hasClass(e, "risk-n"));
      expect(cells).toHaveLength(ticks.length);
      cells.forEach((c, j) => {
        expect(c.attrs.x).toBe(ticks[j].attrs.x);
        expect(Number(c.text)).toBe(underObservation(s.time, s.nRisk, Number(ticks[j].text)));
      });
    });
    expect(byClass(root, "risk-label").map((e) => e.text)).toEqual(["No surgery", "Surgery"]);
  });

  it("titles the y axis after eventLabel (first letter lower-cased unless an acronym), yLabel overriding", () => {
    const yTitle = (o: Parameters<typeof mcfPlot>[1]): string => yTitleOf(parseXml(mcfPlot(tiny, o)));
    expect(yTitle({ eventLabel: "Pulmonary metastasectomies" })).toBe("Mean cumulative number of pulmonary metastasectomies");
    expect(yTitle({ eventLabel: "COPD exacerbations" })).toBe("Mean cumulative number of COPD exacerbations");
    expect(yTitle({ eventLabel: "Relapses", yLabel: "MCF" })).toBe("MCF");
    expect(yTitle({})).toBe("Mean cumulative number of events");
  });

  it("wraps a long y title into lines that each fit along the plot's height, in both widths", () => {
    const title = "Mean cumulative number of pulmonary metastasectomies";
    for (const width of ["single", "double"] as const) {
      const root = parseXml(mcfPlot(realistic(), { width, eventLabel: "Pulmonary metastasectomies" }));
      const lines = yTitleLines(root);
      expect(lines.map((e) => e.text).join(" ")).toBe(title);
      const [y0, y1] = axisMap(root, "y-axis").domainEnds;
      for (const l of lines) expect(textWidth(l.text, Number(l.attrs["font-size"]))).toBeLessThanOrEqual(Math.abs(y1 - y0));
      // lines stacked left of the tick labels, first line leftmost
      const xs = lines.map((e) => Number(/translate\(([\d.]+),/.exec(e.attrs.transform)?.[1]));
      for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeGreaterThan(xs[k - 1]);
      if (width === "single") expect(lines.length).toBeGreaterThan(1);
      expect(Math.min(...xs)).toBeGreaterThan(0);
    }
  });

  it("escapes hostile curve names, labels, annotation, titles and eventLabel", () => {
    const hostile = `<script>alert(1)</script>`;
    const input: McfPlotInput = { curves: [{ ...tiny.curves[0], name: hostile }, { ...tiny.curves[1], name: `" onload="x` }] };
    const svg = mcfPlot(input, { annotation: [`p < 0.05 & "RR" <b>`], eventLabel: "<i>events</i>", title: "</title><script>", xLabel: "<u>t</u>" });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain(`" onload="`);
    expect(svg).not.toMatch(/<(b|i|u)>/);
    expect(svg).toContain("&lt;script&gt;");
    const root = parseXml(svg);
    expect(findAll(root, (e) => e.name === "script")).toHaveLength(0);
    expect(findAll(root, (e) => Object.keys(e.attrs).some((k) => k.startsWith("on")))).toHaveLength(0);
    expect(byClass(root, "legend-item")[0].text).toBe(hostile);
    expect(byClass(root, "risk-label")[0].text.startsWith("<script>")).toBe(true); // shortened to fit the margin
    expect(root.text).toContain(hostile);
  });

  it("rejects invalid input with INPUT_INVALID and bad options with OPTION_INVALID", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (e instanceof SurvinferError) return e.code;
        throw e;
      }
      return "none";
    };
    const c = tiny.curves[0];
    const bad = (patch: Partial<Record<keyof McfPlotCurve, unknown>>): McfPlotInput => ({ curves: [{ ...c, ...patch } as McfPlotCurve] });
    expect(code(() => mcfPlot({} as McfPlotInput))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ mcf: [0.2, 0.5] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ upper: [1] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ nRisk: [10, 7] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ time: [2, 2, 9] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ time: [-1, 5, 9] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ mcf: [0.2, 0.1, 0.5] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ mcf: [0.2, NaN, 0.5] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ nRisk: [10, -1, 3] })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ name: 3 })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(bad({ time: [], mcf: [], nRisk: [], lower: undefined, upper: undefined })))).toBe("INPUT_INVALID");
    expect(code(() => mcfPlot(tiny, { labels: ["only one"] }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny, { timeUnit: "hours" as never }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny, { confInt: "yes" as never }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny, { colors: ["red"] }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny, { width: 10 }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny, { fontSize: { small: 6 } }))).toBe("OPTION_INVALID");
    expect(code(() => mcfPlot(tiny))).toBe("none");
  });

  it("is deterministic: the same input gives the same bytes, numbers rounded to 2 decimals", () => {
    const a = mcfPlot(realistic(), { timeUnit: "months", annotation: "Two groups" });
    const b = mcfPlot(realistic(), { timeUnit: "months", annotation: "Two groups" });
    expect(a).toBe(b);
    expect(a).not.toMatch(/\d\.\d{3,}/);
  });

  it("uses at least 8 pt text (10.67 px at 96 dpi)", () => {
    const root = parseXml(mcfPlot(realistic(), { annotation: "x" }));
    const sizes = findAll(root, (e) => e.attrs["font-size"] !== undefined).map((e) => Number(e.attrs["font-size"]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.66);
  });
});
