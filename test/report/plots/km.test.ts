/**
 * Kaplan–Meier figure: numbers at risk (hand cases and R's summary(fit, times)$n.risk from the km fixtures),
 * alignment of the risk table under the x ticks (parsed from the SVG), escaping, determinism, weighted
 * captions, option validation and snapshots.
 */
import { describe, expect, it } from "vitest";
import { expectClose } from "../../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../../helpers/fixtures.js";
import { kaplanMeier, type KaplanMeierResult } from "../../../src/survival/kaplan-meier.js";
import { cumulativeEventsAt, kmPlot, numberAtRisk, timeBreaks, type KmPlotInput } from "../../../src/report/plots/km.js";
import { compareSnapshot } from "./snapshot.js";
import { textWidth } from "../../../src/report/plots/svg.js";
import { findAll, hasClass, parseXml, type XmlElement } from "./xml.js";

type Nums = (number | null)[] | number | null;
const arr = (x: Nums | undefined): number[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x.map((v) => (v === null ? NaN : v)) : [x]);

interface KmFixture {
  input: { time: number[]; status: number[]; weights?: number[]; group?: { codes: number[]; levels: string[] | string }; options: { times?: number[] | number } };
  expected: { strata: { name: string; time: Nums; nRisk: Nums; at?: { time: Nums; nRisk: Nums } }[] };
}

/**
 * A weighted fit as a caller without the unweighted count would pass it (the weighted-sums risk table, labelled
 * "(weighted)" and rounded); with `nRiskUnweighted` the figure prints patients (km-unweighted-at-risk.test.ts).
 */
function weightedSumsOnly(km: KaplanMeierResult): KmPlotInput {
  return { ...km, strata: km.strata.map(({ nRiskUnweighted: _n, ...s }) => s) };
}

function lung(weighted = false): KmPlotInput {
  const f = loadFixture<KmFixture["input"]>("km", weighted ? "lung-by-sex-weights-robust" : "lung-by-sex");
  const i = f.input;
  const fit = kaplanMeier({
    time: Float64Array.from(i.time.map((t) => t / 30.4375)),
    status: Int32Array.from(i.status),
    weights: i.weights ? Float64Array.from(i.weights) : undefined,
    group: { codes: Int32Array.from(i.group!.codes), levels: i.group!.levels as string[] },
  });
  return weighted ? weightedSumsOnly(fit) : fit;
}

const tiny: KmPlotInput = {
  strata: [
    { name: "A", time: [2, 5, 9], nRisk: [10, 7, 3], nEvent: [2, 3, 1], nCensor: [1, 1, 2], surv: [0.8, 0.457142857142857, 0.304761904761905] },
    { name: "B", time: [1, 4, 12], nRisk: [5, 4, 2], nEvent: [1, 1, 1], nCensor: [0, 1, 1], surv: [0.8, 0.6, 0.3] },
  ],
};

const num = (s: string | undefined): number => Number(s);
const risks = (root: XmlElement): XmlElement[] => findAll(root, (e) => e.name === "text" && hasClass(e, "risk-n"));
const xTickLabels = (root: XmlElement): XmlElement[] => {
  const axis = findAll(root, (e) => hasClass(e, "x-axis"))[0];
  return findAll(axis, (e) => e.name === "text" && hasClass(e, "tick-label"));
};

describe("numberAtRisk", () => {
  const s = { time: [2, 5, 9], nRisk: [10, 7, 3] };
  it("is the starting risk set before (and at) the first time", () => {
    expect(numberAtRisk(s, 0)).toBe(10);
    expect(numberAtRisk(s, -1)).toBe(10);
    expect(numberAtRisk(s, 2)).toBe(10);
  });
  it("is nRisk at the first observed time ≥ t (at risk just before an event time)", () => {
    expect(numberAtRisk(s, 2.5)).toBe(7);
    expect(numberAtRisk(s, 5)).toBe(7);
    expect(numberAtRisk(s, 5.0001)).toBe(3);
    expect(numberAtRisk(s, 9)).toBe(3);
  });
  it("is 0 past the last observed time and for an empty stratum", () => {
    expect(numberAtRisk(s, 9.5)).toBe(0);
    expect(numberAtRisk({ time: [], nRisk: [] }, 0)).toBe(0);
  });
  it("equals R's summary(fit, times)$n.risk for every km fixture with times (0 where R drops times past the end)", () => {
    let checked = 0;
    for (const name of listFixtures("km", 50)) {
      const f = loadFixture("km", name) as unknown as KmFixture;
      const times = arr(f.input.options?.times as Nums);
      if (times.length === 0) continue;
      for (const st of f.expected.strata ?? []) {
        if (!st.at) continue;
        const stratum = { time: arr(st.time), nRisk: arr(st.nRisk) };
        const atTime = arr(st.at.time);
        const atRisk = arr(st.at.nRisk);
        atTime.forEach((t, k) => {
          expectClose(numberAtRisk(stratum, t), atRisk[k], { rel: 1e-12, abs: 1e-12 }, `${name}/${st.name} t=${t}`);
          checked++;
        });
        const last = stratum.time[stratum.time.length - 1];
        for (const t of times) if (t > last) expect(numberAtRisk(stratum, t)).toBe(0);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("timeBreaks", () => {
  it("picks a month step with at most the allowed number of intervals and ends at a tick ≥ the last time", () => {
    expect(timeBreaks(33.6, "months", 7)).toEqual([0, 6, 12, 18, 24, 30, 36]);
    expect(timeBreaks(70, "months", 7)).toEqual([0, 12, 24, 36, 48, 60, 72]);
    expect(timeBreaks(4.2, "years", 7)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("uses d3's nice steps without a unit", () => {
    expect(timeBreaks(1022, undefined, 7)).toEqual([0, 200, 400, 600, 800, 1000, 1200]);
  });
});

describe("kmPlot", () => {
  it("produces well-formed SVG with one curve per stratum", () => {
    const root = parseXml(kmPlot(lung(), { timeUnit: "months", confInt: true, medianLines: true, annotation: "Log-rank p = 0.001" }));
    expect(root.name).toBe("svg");
    expect(root.attrs.width).toBe("85mm");
    expect(findAll(root, (e) => hasClass(e, "km-curve"))).toHaveLength(2);
    expect(findAll(root, (e) => hasClass(e, "km-band"))).toHaveLength(2);
    expect(findAll(root, (e) => hasClass(e, "km-median"))).toHaveLength(2);
  });

  it("places every number at risk exactly under its x-axis tick (same x attribute)", () => {
    for (const opts of [{ timeUnit: "months" as const }, { breaks: [0, 5, 10, 15, 30] }, { breakBy: 6, width: "double" as const }, { breakBy: 12, xMax: 30 }]) {
      const root = parseXml(kmPlot(lung(), opts));
      const ticks = xTickLabels(root);
      const rows = findAll(root, (e) => hasClass(e, "risk-row"));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        const cells = risks(row);
        expect(cells).toHaveLength(ticks.length);
        cells.forEach((c, k) => {
          expect(c.attrs.x).toBe(ticks[k].attrs.x);
          expect(c.attrs["text-anchor"]).toBe("middle");
          expect(ticks[k].attrs["text-anchor"]).toBe("middle");
          expect(c.attrs["data-time"]).toBe(ticks[k].text);
        });
      }
      // and the tick marks sit at the same x
      const marks = findAll(findAll(root, (e) => hasClass(e, "x-axis"))[0], (e) => hasClass(e, "tick-mark"));
      marks.forEach((m, k) => expect(m.attrs.x1).toBe(ticks[k].attrs.x));
    }
  });

  it("prints R's numbers at risk at the breaks (lung by sex, days: summary(fit, times = c(0, 100, 365, 730, 1000)))", () => {
    const f = loadFixture("km", "lung-by-sex") as unknown as KmFixture;
    const fit = kaplanMeier({ time: Float64Array.from(f.input.time), status: Int32Array.from(f.input.status), group: { codes: Int32Array.from(f.input.group!.codes), levels: f.input.group!.levels as string[] } });
    const root = parseXml(kmPlot(fit, { breaks: [0, 100, 365, 730, 1000] }));
    const rows = findAll(root, (e) => hasClass(e, "risk-row"));
    f.expected.strata.forEach((st, i) => {
      // R drops times past the stratum's last observation; the figure shows 0 there (extend = TRUE)
      const r = arr(st.at!.nRisk);
      expect(risks(rows[i]).map((c) => num(c.text))).toEqual([0, 100, 365, 730, 1000].map((_, k) => (k < r.length ? r[k] : 0)));
    });
  });

  it("shows the risk table of the hand example (first observed time ≥ tick; 0 past the end)", () => {
    const root = parseXml(kmPlot(tiny, { breaks: [0, 3, 6, 9, 12] }));
    const rows = findAll(root, (e) => hasClass(e, "risk-row"));
    expect(risks(rows[0]).map((c) => c.text)).toEqual(["10", "7", "3", "3", "0"]);
    expect(risks(rows[1]).map((c) => c.text)).toEqual(["5", "4", "2", "2", "2"]);
  });

  it("rounds weighted numbers at risk and states the rounding in a caption", () => {
    const svg = kmPlot(lung(true), { timeUnit: "months" });
    const root = parseXml(svg);
    const cells = risks(root).map((c) => c.text);
    expect(cells.every((t) => /^[0-9,]+$/.test(t))).toBe(true);
    expect(findAll(root, (e) => hasClass(e, "risk-caption"))[0].text).toBe("Weighted numbers at risk, rounded to whole numbers.");
    const one = parseXml(kmPlot(lung(true), { timeUnit: "months", riskTableRounding: "one-decimal" }));
    expect(risks(one).every((c) => /^[0-9,]+\.[0-9]$/.test(c.text))).toBe(true);
    expect(findAll(one, (e) => hasClass(e, "risk-caption"))[0].text).toBe("Weighted numbers at risk, rounded to one decimal.");
    // unweighted: no caption
    expect(findAll(parseXml(kmPlot(lung())), (e) => hasClass(e, "risk-caption"))).toHaveLength(0);
  });

  it("weighted numbers at risk are the rounded weighted sums of R's n.risk", () => {
    const f = loadFixture("km", "lung-by-sex-weights-robust") as unknown as KmFixture;
    const fit = kaplanMeier({
      time: Float64Array.from(f.input.time),
      status: Int32Array.from(f.input.status),
      weights: Float64Array.from(f.input.weights!),
      group: { codes: Int32Array.from(f.input.group!.codes), levels: f.input.group!.levels as string[] },
    });
    const root = parseXml(kmPlot(weightedSumsOnly(fit), { breaks: [0, 100, 365, 730, 1000], riskTableRounding: "one-decimal" }));
    const rows = findAll(root, (e) => hasClass(e, "risk-row"));
    f.expected.strata.forEach((st, i) => {
      const r = arr(st.at!.nRisk);
      expect(risks(rows[i]).map((c) => c.text)).toEqual([0, 100, 365, 730, 1000].map((_, k) => (k < r.length ? r[k] : 0).toFixed(1)));
    });
  });

  it("escapes a hostile group name everywhere (legend, risk table, description)", () => {
    const hostile = `<script>alert(1)</script>`;
    const input: KmPlotInput = { strata: [{ ...tiny.strata[0], name: hostile }, { ...tiny.strata[1], name: `" onload="x` }] };
    const svg = kmPlot(input, { annotation: `p < 0.05 & "HR" <b>`, xLabel: "<i>t</i>" });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain(`" onload="`);
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
    const root = parseXml(svg);
    expect(findAll(root, (e) => e.name === "script")).toHaveLength(0);
    expect(findAll(root, (e) => Object.keys(e.attrs).some((k) => k.startsWith("on")))).toHaveLength(0);
    expect(root.text).toContain(hostile);
  });

  it("is deterministic: the same input gives the same bytes", () => {
    const a = kmPlot(lung(), { timeUnit: "months", confInt: true });
    const b = kmPlot(lung(), { timeUnit: "months", confInt: true });
    expect(a).toBe(b);
    expect(a).not.toMatch(/\d\.\d{3,}/); // numbers rounded to ≤ 2 decimals
  });

  it("wraps an annotation line longer than the plot is wide: no annotation text runs past the figure's right edge", () => {
    const long = "Survival difference at 60 months (first minus second strategy): −14.8 (−38.5 to 34.6) points, with a very long tail of words";
    const root = parseXml(kmPlot(lung(), { timeUnit: "months", width: "single", annotation: [long, "HR 0.59"] }));
    const W = num(root.attrs.viewBox.split(" ")[2]);
    const lines = findAll(root, (e) => hasClass(e, "annotation")).flatMap((a) => findAll(a, (e) => e.name === "text"));
    expect(lines.length).toBeGreaterThan(2); // the long line became several
    expect(lines.map((t) => t.text).join(" ")).toContain("very long tail of words");
    for (const t of lines) {
      const x0 = t.attrs["text-anchor"] === "end" ? num(t.attrs.x) - textWidth(t.text, num(t.attrs["font-size"])) : num(t.attrs.x);
      expect(x0 + textWidth(t.text, num(t.attrs["font-size"]))).toBeLessThanOrEqual(W);
    }
  });

  it("uses at least 8 pt text (10.67 px at 96 dpi)", () => {
    const root = parseXml(kmPlot(lung(), { timeUnit: "months", annotation: "x" }));
    const sizes = findAll(root, (e) => e.attrs["font-size"] !== undefined).map((e) => num(e.attrs["font-size"]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10.66);
  });

  it("draws censoring marks only where nCensor > 0 and cuts curves at xMax", () => {
    const root = parseXml(kmPlot(tiny, { xMax: 6, breaks: [0, 3, 6] }));
    const marks = findAll(root, (e) => hasClass(e, "km-censor"));
    // A: censored at 2 and 5 (≤ 6); B: censored at 4 (12 is cut)
    expect(marks.map((m) => (m.attrs.d.match(/M/g) ?? []).length / 2)).toEqual([2, 1]);
  });

  it("ends each curve where fewer than minAtRisk patients remain at risk, and the axis with it", () => {
    // A: at risk 10, 7, 3 at times 2, 5, 9 → with minAtRisk 5 the curve stops at 5, the last time with ≥ 5 at risk
    // (after it 3 remain, so the drop at 9 rests on 3 patients and is not drawn); B: 5, 4, 2 at 1, 4, 12 → stops at 1
    const root = parseXml(kmPlot(tiny, { minAtRisk: 5, breaks: [0, 3, 6, 9, 12] }));
    const curves = findAll(root, (e) => hasClass(e, "km-curve"));
    const lastX = (d: string): number => Math.max(...Array.from(d.matchAll(/[MLH]([\d.]+)/g), (m) => Number(m[1])));
    const ticks = xTickLabels(root);
    const tickX = (label: string): number => num(ticks.find((t) => t.text === label)!.attrs.x);
    // tolerance: 0.05 px, SVG coordinates are written with 2 decimals
    expect(lastX(curves[0].attrs.d)).toBeCloseTo(tickX("3") + ((tickX("6") - tickX("3")) * 2) / 3, 1);
    // tolerance: 0.05 px, SVG coordinates are written with 2 decimals
    expect(lastX(curves[1].attrs.d)).toBeCloseTo(tickX("0") + (tickX("3") - tickX("0")) / 3, 1);
    // censoring marks past the cut are not drawn: A keeps 2 and 5, B loses 4 and 12
    const marks = findAll(root, (e) => hasClass(e, "km-censor"));
    expect(marks.length).toBe(1);
    // without breaks the axis ends at the last time drawn (5), not at 12
    const auto = xTickLabels(parseXml(kmPlot(tiny, { minAtRisk: 5 }))).map((t) => Number(t.text));
    expect(Math.max(...auto)).toBeLessThan(9);
    expect(Math.max(...auto)).toBeGreaterThanOrEqual(5);
    // minAtRisk 0 (the default of kmPlot) draws to the end
    // tolerance: 0.05 px, SVG coordinates are written with 2 decimals
    expect(lastX(findAll(parseXml(kmPlot(tiny, { breaks: [0, 3, 6, 9, 12] })), (e) => hasClass(e, "km-curve"))[1].attrs.d)).toBeCloseTo(tickX("12"), 1);
  });

  it("stops each numbers-at-risk row where its curve stops (minAtRisk), and prints every tick without truncation", () => {
    const cells = (svg: string): string[][] => findAll(parseXml(svg), (e) => hasClass(e, "risk-row")).map((r) => findAll(r, (e) => hasClass(e, "risk-n")).map((c) => c.text));
    // A ends at 5 (the last time with ≥ 5 at risk), B at 1: ticks 0, 3, 6, 9, 12
    expect(cells(kmPlot(tiny, { minAtRisk: 5, breaks: [0, 3, 6, 9, 12] }))).toEqual([["10", "7"], ["5"]]);
    expect(cells(kmPlot(tiny, { breaks: [0, 3, 6, 9, 12] }))).toEqual([
      ["10", "7", "3", "3", "0"],
      ["5", "4", "2", "2", "2"],
    ]);
    // the cumulative-events table stops with them
    const events = findAll(parseXml(kmPlot(tiny, { minAtRisk: 5, breaks: [0, 3, 6, 9, 12], cumulativeEvents: true })), (e) => hasClass(e, "cumulative-events"))[0];
    expect(findAll(events, (e) => hasClass(e, "risk-row")).map((r) => findAll(r, (e) => hasClass(e, "risk-n")).length)).toEqual([2, 1]);
  });

  it("wraps a risk-table label wider than 30% of the figure onto lines (whole, clear of the first number) and moves the rows under it down", () => {
    const long = ["no pulmonary metastasectomy within 6 months", "Pulmonary metastasectomy within 6 months"];
    const root = parseXml(kmPlot(tiny, { labels: long, width: "double" }));
    const W = num(root.attrs.viewBox.split(" ")[2]);
    const rows = findAll(root, (e) => hasClass(e, "risk-row"));
    let prevBottom = -Infinity;
    rows.forEach((row, i) => {
      const lines = findAll(row, (e) => hasClass(e, "risk-label"));
      expect(lines.length).toBe(2);
      expect(lines.map((l) => l.text).join(" ")).toBe(long[i]);
      const first = findAll(row, (e) => hasClass(e, "risk-n"))[0];
      const firstLeft = num(first.attrs.x) - textWidth(first.text, num(first.attrs["font-size"])) / 2;
      for (const l of lines) {
        expect(textWidth(l.text, num(l.attrs["font-size"]))).toBeLessThanOrEqual(0.3 * W);
        expect(firstLeft - num(l.attrs.x)).toBeGreaterThanOrEqual(6 - 0.01);
      }
      expect(num(lines[0].attrs.y)).toBeGreaterThan(prevBottom);
      prevBottom = num(lines[1].attrs.y);
    });
    // the figure is tall enough for the last line
    expect(num(root.attrs.viewBox.split(" ")[3])).toBeGreaterThan(prevBottom);
  });

  it("writes its SVG description in the report's language (English unchanged)", async () => {
    const { withLanguage } = await import("../../../src/i18n/language.js");
    const desc = (lang: "en" | "de" | "ja"): string => withLanguage(lang, () => findAll(parseXml(kmPlot(tiny)), (e) => e.name === "desc")[0].text);
    expect(desc("en")).toBe("Kaplan–Meier estimates of survival by group: A, B, with numbers at risk.");
    expect(desc("de")).toBe("Kaplan-Meier-Schätzer des Überlebens nach Gruppe: A, B, mit der Anzahl unter Risiko.");
    expect(desc("ja")).toBe("カプラン・マイヤー法による生存率の推定（群：A, B）。リスク集合の人数付き。");
  });

  it("tells the curves apart by line type (solid, dashed) in the curves and the legend, and shows a legend title", () => {
    const root = parseXml(kmPlot(tiny, { legendTitle: "Metastasectomy" }));
    const curves = findAll(root, (e) => hasClass(e, "km-curve"));
    expect(curves.map((c) => c.attrs["stroke-dasharray"] ?? null)).toEqual([null, "6,3"]);
    const swatches = findAll(root, (e) => hasClass(e, "legend-item")).map((it) => findAll(it, (e) => e.name === "line")[0].attrs["stroke-dasharray"] ?? null);
    expect(swatches).toEqual([null, "6,3"]);
    const title = findAll(root, (e) => hasClass(e, "legend-title"))[0];
    expect(title.text).toBe("Metastasectomy");
    const firstItemY = num(findAll(findAll(root, (e) => hasClass(e, "legend-item"))[0], (e) => e.name === "text")[0].attrs.y);
    expect(num(title.attrs.y)).toBeLessThan(firstItemY);
    expect(findAll(parseXml(kmPlot(tiny, { lineTypes: false })), (e) => hasClass(e, "km-curve")).every((c) => c.attrs["stroke-dasharray"] === undefined)).toBe(true);
  });

  it("rejects invalid options with OPTION_INVALID", () => {
    expect(() => kmPlot(tiny, { breaks: [5, 1] })).toThrow(/breaks/);
    expect(() => kmPlot(tiny, { width: 10 })).toThrow(/width/);
    expect(() => kmPlot(tiny, { yScale: "log" as never })).toThrow(/yScale/);
    expect(() => kmPlot(tiny, { labels: ["only one"] })).toThrow(/labels/);
    expect(() => kmPlot(tiny, { fontSize: { small: 6 } })).toThrow(/fontSize/);
  });

  it("matches the SVG snapshots", () => {
    const cases: [string, string][] = [
      ["km-lung-months", kmPlot(lung(), { timeUnit: "months", confInt: true, medianLines: true, annotation: ["Log-rank p = 0.001", "HR 0.59 (95% CI 0.42–0.82)"], labels: ["Male", "Female"] })],
      ["km-lung-weighted-double", kmPlot(lung(true), { width: "double", timeUnit: "months", breakBy: 6, yScale: "percent", legend: "inside-top-right" })],
      ["km-tiny", kmPlot(tiny, { breaks: [0, 3, 6, 9, 12] })],
    ];
    for (const [name, svg] of cases) expect(compareSnapshot(name, svg)).toBeNull();
  });
});

describe("kmPlot on edge cases", () => {
  it("renders well-formed SVG for every km fixture (all censored, event at time 0, one subject, entry times, weights)", () => {
    let n = 0;
    for (const name of listFixtures("km", 50)) {
      const f = loadFixture("km", name) as unknown as { input: { kind: string; time: Nums; status: Nums; weights?: Nums; entry?: Nums; group?: { codes: Nums; levels: string[] | string } } };
      if (f.input.kind !== "km") continue;
      const i = f.input;
      const fit = kaplanMeier({
        time: Float64Array.from(arr(i.time)),
        status: Int32Array.from(arr(i.status)),
        weights: i.weights !== undefined ? Float64Array.from(arr(i.weights)) : undefined,
        entry: i.entry !== undefined ? Float64Array.from(arr(i.entry)) : undefined,
        group: i.group ? { codes: Int32Array.from(arr(i.group.codes)), levels: Array.isArray(i.group.levels) ? i.group.levels : [i.group.levels] } : undefined,
      });
      const svg = kmPlot(fit, { confInt: true, medianLines: true, annotation: name });
      const root = parseXml(svg);
      expect(findAll(root, (e) => hasClass(e, "km-curve"))).toHaveLength(fit.strata.length);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      n++;
    }
    expect(n).toBeGreaterThan(10);
  });

  it("renders an empty result (no strata) without failing", () => {
    const root = parseXml(kmPlot({ strata: [] }));
    expect(findAll(root, (e) => hasClass(e, "km-curve"))).toHaveLength(0);
  });
});

describe("kmPlot cumulative events (survminer's cumevents = TRUE)", () => {
  const events = (svg: string): string[][] =>
    findAll(findAll(parseXml(svg), (e) => hasClass(e, "cumulative-events"))[0], (e) => hasClass(e, "risk-row")).map((row) => findAll(row, (e) => hasClass(e, "risk-n")).map((e) => e.text));

  it("counts the events up to and including each tick, per stratum, under the numbers at risk", () => {
    const svg = kmPlot(tiny, { breaks: [0, 3, 6, 9, 12], cumulativeEvents: true });
    // A: 2 events at 2, 3 at 5, 1 at 9; B: 1 at 1, 1 at 4, 1 at 12
    expect(events(svg)).toEqual([
      ["0", "2", "5", "6", "6"],
      ["0", "1", "2", "2", "3"],
    ]);
    const root = parseXml(svg);
    const title = findAll(root, (e) => hasClass(e, "cumulative-events"))[0];
    expect(title.text).toContain("Cumulative number of events");
    // the table lies under the numbers at risk, and the figure is taller for it
    const lastRisk = Math.max(...findAll(findAll(root, (e) => hasClass(e, "risk-table"))[0], (e) => hasClass(e, "risk-n")).map((e) => num(e.attrs.y)));
    const firstEvent = Math.min(...findAll(title, (e) => hasClass(e, "risk-n")).map((e) => num(e.attrs.y)));
    expect(firstEvent).toBeGreaterThan(lastRisk);
    const viewH = (e: XmlElement): number => Number(e.attrs.viewBox.split(" ")[3]);
    expect(viewH(root)).toBeGreaterThan(viewH(parseXml(kmPlot(tiny, { breaks: [0, 3, 6, 9, 12] }))));
    expect(cumulativeEventsAt(tiny.strata[0], 4.99)).toBe(2);
  });

  it("sums to each stratum's events at a tick past the last time (lung by sex), and leaves the figure unchanged when off", () => {
    const fit = lung();
    const svg = kmPlot(fit, { timeUnit: "months", cumulativeEvents: true });
    const rows = events(svg);
    const totals = fit.strata.map((s) => Array.from(s.nEvent).reduce((a, b) => a + b, 0));
    // the last tick (≥ the last time) holds every event of the stratum; counts never fall
    expect(rows.map((r) => Number(r[r.length - 1]))).toEqual(totals);
    for (const r of rows) for (let k = 1; k < r.length; k++) expect(Number(r[k])).toBeGreaterThanOrEqual(Number(r[k - 1]));
    expect(kmPlot(fit, { timeUnit: "months", cumulativeEvents: false })).toBe(kmPlot(fit, { timeUnit: "months" }));
    expect(() => kmPlot(fit, { cumulativeEvents: "yes" as unknown as boolean })).toThrow(/cumulativeEvents/);
  });
});

