/**
 * Shared figure layout (src/report/plots/layout.ts): legend wrapping, margins for a numbers-at-risk table,
 * the time axis, annotation lines, step values and the risk table's markup (escaped, numbers under the ticks).
 * Widths are stated through textWidth, so the tests follow the same metrics the figures use.
 */
import { describe, expect, it } from "vitest";
import { SurvinferError } from "../../../src/errors.js";
import {
  annotationLines,
  legendItemWidth,
  legendRows,
  linesUp,
  RISK_LABEL_MAX_LINES,
  riskLabelLines,
  riskPlotLayout,
  riskRowUntil,
  riskTableRows,
  riskTableSvg,
  stepValueAt,
  timeAxis,
  validateTimeUnit,
  yAxisMargin,
} from "../../../src/report/plots/layout.js";
import { textWidth } from "../../../src/report/plots/svg.js";
import { fontPx } from "../../../src/report/plots/theme.js";
import { findAll, hasClass, parseXml } from "./xml.js";

const fs = fontPx(undefined);

describe("legendRows", () => {
  const items = ["Surgery", "No surgery", "Watchful waiting"].map((label) => ({ label }));
  const widths = items.map((it) => legendItemWidth(it.label, fs, 18));

  it("places entries left to right, each at the sum of the widths before it", () => {
    const rows = legendRows(items, fs, 18, 1000);
    expect(rows).toHaveLength(1);
    expect(rows[0].map((it) => it.x)).toEqual([0, widths[0], widths[0] + widths[1]]);
    expect(widths[0]).toBe(18 + 4 + textWidth("Surgery", fs.normal) + 14);
  });

  it("starts a new row when the next entry would pass the row width, and never leaves a row empty", () => {
    const rows = legendRows(items, fs, 18, widths[0] + widths[1]);
    expect(rows.map((r) => r.map((it) => it.label))).toEqual([["Surgery", "No surgery"], ["Watchful waiting"]]);
    expect(rows[1][0].x).toBe(0);
    const narrow = legendRows(items, fs, 18, 1);
    expect(narrow.map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it("breaks before an entry when breakBefore says so, whatever the room", () => {
    const rows = legendRows(items, fs, 18, 1000, { breakBefore: (it) => it.label === "Watchful waiting" });
    expect(rows.map((r) => r.length)).toEqual([2, 1]);
    expect(legendRows([], fs, 18, 1000)).toEqual([]);
  });
});

describe("riskPlotLayout", () => {
  const cells = [
    ["64", "40", "7"],
    ["120", "80", "1,234"],
  ];
  const xLabels = ["0", "12", "24"];

  it("widens the left margin for long row labels and the right one for a wide last cell", () => {
    const W = 600;
    const axis = yAxisMargin(textWidth("0.8", fs.small), fs);
    const l = riskPlotLayout(W, axis, ["A", "A much longer group name"], xLabels, cells, true, fs);
    const gap = textWidth("120", fs.small) / 2 + 6;
    expect(l.riskLabelGap).toBe(gap);
    expect(l.riskLabels[1]).toEqual(["A much longer group name"]);
    expect(l.left).toBe(Math.max(axis, textWidth("A much longer group name", fs.small) + gap + 4));
    expect(l.left).toBeGreaterThan(axis);
    expect(l.right).toBe(Math.max(10, textWidth("1,234", fs.small) / 2 + 4));
    expect(l.plotW).toBe(W - l.left - l.right);
  });

  it("fits a row label that is one long word to 30% of the width (at least 120 px, at most 40%) with an ellipsis", () => {
    const l = riskPlotLayout(200, 40, ["x".repeat(200)], xLabels, cells.slice(0, 1), true, fs);
    expect(l.riskLabels[0]).toHaveLength(1);
    expect(l.riskLabels[0][0].endsWith("…")).toBe(true);
    expect(textWidth(l.riskLabels[0][0], fs.small)).toBeLessThanOrEqual(80);
    expect(textWidth(l.riskLabels[0][0], fs.small)).toBeGreaterThan(60);
    // a single-column figure (85 mm) keeps a two-word group name on one line
    expect(riskPlotLayout(321.26, 40, ["No metastasectomy"], xLabels, cells.slice(0, 1), true, fs).riskLabels[0]).toEqual(["No metastasectomy"]);
  });

  it("wraps a long row label between words onto lines within 30% of the width, whole, and the margin fits the widest line", () => {
    const W = 661;
    const label = "no pulmonary metastasectomy within 6 months";
    expect(textWidth(label, fs.small)).toBeGreaterThan(0.3 * W);
    const l = riskPlotLayout(W, 40, ["short", label], xLabels, cells, true, fs);
    expect(l.riskLabels[0]).toEqual(["short"]);
    expect(l.riskLabels[1].length).toBe(2);
    expect(l.riskLabels[1].join(" ")).toBe(label);
    for (const line of l.riskLabels[1]) expect(textWidth(line, fs.small)).toBeLessThanOrEqual(0.3 * W);
    expect(l.left).toBe(Math.max(40, Math.max(...l.riskLabels[1].map((x) => textWidth(x, fs.small))) + l.riskLabelGap + 4));
    // more than three lines: the rest joins the third, shortened with an ellipsis
    const many = riskLabelLines("aaaa bbbb cccc dddd eeee ffff", fs, textWidth("aaaa", fs.small));
    expect(many).toHaveLength(RISK_LABEL_MAX_LINES);
    expect(many.slice(0, 2)).toEqual(["aaaa", "bbbb"]);
    expect(many[2].endsWith("…")).toBe(true);
  });

  it("riskTableRows: a wrapped label pushes the rows under it down by its extra lines, the caption under the last line", () => {
    const flat = riskTableRows(100, fs);
    const wrapped = riskTableRows(100, fs, [2, 1, 3]);
    const rowH = fs.small * 1.45;
    expect(wrapped.rowY(0)).toBe(flat.rowY(0));
    // tolerance: sums of the same px lengths in another order (floating point)
    expect(wrapped.rowY(1)).toBeCloseTo(flat.rowY(1) + rowH, 9);
    // tolerance: as above
    expect(wrapped.rowY(2)).toBeCloseTo(flat.rowY(2) + rowH, 9);
    // tolerance: as above
    expect(wrapped.lastY(2)).toBeCloseTo(wrapped.rowY(2) + 2 * rowH, 9);
    // tolerance: as above
    expect(wrapped.captionY(3)).toBeCloseTo(wrapped.lastY(2) + fs.small * 1.7, 9);
    expect(flat.captionY(2)).toBe(flat.rowY(1) + fs.small * 1.7);
  });

  it("riskRowUntil: the row stops where its curve stops (no cell after the cut)", () => {
    expect(riskRowUntil([0, 12, 24, 36], 24, (t) => String(t))).toEqual(["0", "12", "24", ""]);
    expect(riskRowUntil([0, 12], Infinity, (t) => String(t))).toEqual(["0", "12"]);
  });

  it("without a table keeps the axis margin and sizes the right margin by the last tick label only", () => {
    const l = riskPlotLayout(320, 40, ["A very long group name indeed"], xLabels, cells, false, fs);
    expect(l.left).toBe(40);
    expect(l.right).toBe(Math.max(10, textWidth("24", fs.small) / 2 + 4));
  });
});

describe("timeAxis", () => {
  it("ends at the later of the last tick and the last time, with more intervals on wide figures", () => {
    const narrow = timeAxis(50, 320, "months");
    expect(narrow.breaks).toEqual([0, 12, 24, 36, 48, 60]);
    expect(narrow.xMax).toBe(60);
    expect(timeAxis(50, 600, "months")).toEqual({ breaks: [0, 6, 12, 18, 24, 30, 36, 42, 48, 54], xMax: 54 });
    expect(timeAxis(0, 320, undefined).xMax).toBe(1);
  });

  it("cuts given breaks at xMax and keeps tick 0 when all would go", () => {
    expect(timeAxis(50, 320, undefined, 20, [0, 10, 20, 30])).toEqual({ breaks: [0, 10, 20], xMax: 20 });
    expect(timeAxis(50, 320, undefined, 5, [10, 20])).toEqual({ breaks: [0], xMax: 5 });
  });

  it("rejects an unknown time unit with OPTION_INVALID", () => {
    expect(() => validateTimeUnit("decades")).toThrow(SurvinferError);
    expect(() => validateTimeUnit("decades")).toThrow(/timeUnit/);
    expect(() => validateTimeUnit(undefined)).not.toThrow();
  });
});

describe("annotation and step helpers", () => {
  it("reads the annotation option as lines", () => {
    expect(annotationLines(undefined)).toEqual([]);
    expect(annotationLines("p = 0.04")).toEqual(["p = 0.04"]);
    const given = ["a", "b"];
    const lines = annotationLines(given);
    expect(lines).toEqual(given);
    expect(lines).not.toBe(given);
  });

  it("stacks lines upwards so that the last sits on the baseline", () => {
    const ys = linesUp(["one", "two", "three"], 5, 100, 10).map((s) => Number(/ y="([^"]+)"/.exec(s)?.[1]));
    expect(ys).toEqual([80, 90, 100]);
  });

  it("gives the last finite value of a right-continuous step function at or before t", () => {
    const time = [2, 5, 9];
    const value = [0.9, Number.NaN, 0.5];
    expect(stepValueAt(time, value, 1)).toBe(1);
    expect(stepValueAt(time, value, 2)).toBe(0.9);
    expect(stepValueAt(time, value, 6)).toBe(0.9);
    expect(stepValueAt(time, value, 9)).toBe(0.5);
  });
});

describe("riskTableSvg", () => {
  it("puts each number under its tick, labels right-aligned at labelX, and escapes labels from data", () => {
    const rows = riskTableRows(200, fs);
    const xTicks = [
      { value: 0, pos: 50, label: "0" },
      { value: 12, pos: 150, label: "12" },
    ];
    const svg = riskTableSvg({
      title: "Number at risk",
      rows,
      labelX: 40,
      labels: [`<b>"A" & B</b>`],
      color: () => "#0072B2",
      cells: [["10", "4"]],
      xTicks,
      rowKey: "data-stratum",
      caption: { y: rows.captionY(1), text: "Weighted numbers at risk, rounded to whole numbers." },
      fs,
    });
    const root = parseXml(svg);
    const label = findAll(root, (e) => hasClass(e, "risk-label"))[0];
    expect(label.text).toBe(`<b>"A" & B</b>`);
    expect(label.attrs["text-anchor"]).toBe("end");
    expect(Number(label.attrs.x)).toBe(40);
    const cells = findAll(root, (e) => hasClass(e, "risk-n"));
    expect(cells.map((c) => [c.text, Number(c.attrs.x), c.attrs["data-time"]])).toEqual([
      ["10", 50, "0"],
      ["4", 150, "12"],
    ]);
    // tolerance: 0.005 px: SVG coordinates are written rounded
    expect(Number(cells[0].attrs.y)).toBeCloseTo(rows.rowY(0), 2);
    expect(findAll(root, (e) => hasClass(e, "risk-row"))[0].attrs["data-stratum"]).toBe("0");
    expect(findAll(root, (e) => hasClass(e, "risk-caption"))).toHaveLength(1);
  });
});
