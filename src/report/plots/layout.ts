/**
 * Layout shared by survinfer's figures (km, cif, mcf, cure-fit, zph, ps-overlap): the validated option
 * preamble and root element, the time axis, margins for the y axis and for a numbers-at-risk table, legend
 * rows, annotation lines, the axes of one plot and the risk table's markup.
 *
 * Pure functions of their arguments (px in, px or SVG out). Each keeps the exact arithmetic, in the exact
 * order, that the figures used when they computed these themselves, so moving code here changes no byte of
 * any figure.
 */
import { scaleLinear } from "d3-scale";
import { type CurveFactory, type Line, line as d3line } from "d3-shape";
import { optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle, type AxisTick } from "./axis.js";
import { type Attrs, type Svg, fitText, frag, g, line, svgRoot, text, textWidth, wrapText } from "./svg.js";
import { FONT_FAMILY, INK, PX_PER_MM, type FigureWidth, type FontSizes, fontPx, validateColors, widthPx } from "./theme.js";
import { msg } from "../../i18n/messages.js";

/** Font sizes in px, as {@link fontPx} returns them. */
export type FontPx = ReturnType<typeof fontPx>;

export type TimeUnit = "days" | "weeks" | "months" | "years";

export const TIME_UNITS: readonly TimeUnit[] = ["days", "weeks", "months", "years"];

// ---- option preamble and root element

/** The options every figure takes for its look. */
export interface FigureLookOptions {
  readonly colors?: readonly string[];
  readonly fontSize?: Partial<FontSizes>;
  readonly width?: FigureWidth;
}

/** Validated look: series colours, font sizes in px and the width in px (checked in that order). */
export function figureLook(options: FigureLookOptions): { colors: readonly string[] | undefined; fs: FontPx; W: number } {
  const colors = validateColors(options.colors);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width);
  return { colors, fs, W };
}

/** Root `<svg>` of a figure: class "survinfer-figure survinfer-<kind>", accessible title and description, small font. */
export function figureRoot(
  kind: string,
  W: number,
  H: number,
  fs: FontPx,
  about: { readonly title: string; readonly description: string },
  ...children: readonly (Svg | null | undefined | false)[]
): Svg {
  return svgRoot(W, H, { title: about.title, description: about.description, fontFamily: FONT_FAMILY, fontSize: fs.small, className: `survinfer-figure survinfer-${kind}` }, ...children);
}

/** Throws OPTION_INVALID unless `unit` is undefined or one of {@link TIME_UNITS}. */
export function validateTimeUnit(unit: unknown): void {
  if (unit !== undefined && !TIME_UNITS.includes(unit as TimeUnit)) throw optionError("timeUnit", `one of ${TIME_UNITS.join(", ")}`, unit);
}

// ---- time axis

const STEPS: Readonly<Record<TimeUnit, readonly number[]>> = {
  days: [7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650],
  weeks: [1, 2, 4, 8, 13, 26, 52, 104, 260],
  months: [1, 3, 6, 12, 24, 36, 60, 120, 240],
  years: [0.25, 0.5, 1, 2, 5, 10, 20, 50],
};

/**
 * Tick times for a time axis from 0 to at least `maxTime`: the smallest step of the unit's list (or d3's
 * nice step without a unit) that needs at most `maxIntervals` intervals; the axis ends at the last tick.
 */
export function timeBreaks(maxTime: number, unit: TimeUnit | undefined, maxIntervals: number): number[] {
  const top = maxTime > 0 && Number.isFinite(maxTime) ? maxTime : 1;
  let step: number;
  const list = unit ? STEPS[unit] : null;
  if (list) {
    step = list.find((s) => Math.ceil(top / s - 1e-9) <= maxIntervals) ?? list[list.length - 1];
    while (Math.ceil(top / step - 1e-9) > maxIntervals) step *= 2;
  } else {
    const ticks = scaleLinear().domain([0, top]).nice(maxIntervals).ticks(maxIntervals);
    step = ticks.length > 1 ? ticks[1] - ticks[0] : top;
  }
  const n = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * Ticks and end of a time axis from 0: `breaks` when given, else {@link timeBreaks} to `xMax` (or the last
 * time) with at most 10 intervals on figures wider than 500 px, 7 otherwise. The axis ends at `xMax`, else at
 * the later of the last tick and the last time; ticks past the end are dropped (tick 0 stays).
 */
export function timeAxis(maxTime: number, W: number, unit: TimeUnit | undefined, xMaxOption?: number, breaks?: readonly number[]): { breaks: number[]; xMax: number } {
  const ticks = breaks ? [...breaks] : timeBreaks(xMaxOption ?? maxTime, unit, W > 500 ? 10 : 7);
  const xMax = xMaxOption ?? Math.max(ticks[ticks.length - 1], maxTime > 0 ? maxTime : 1);
  const kept = ticks.filter((b) => b <= xMax + 1e-9 * xMax);
  return { breaks: kept.length > 0 ? kept : [0], xMax };
}

/** "Time (unit)" (or "Time"), unless the caller gave an x-axis title. */
export function timeAxisTitle(unit: TimeUnit | undefined, xLabel?: string): string {
  return xLabel ?? (unit ? msg().plot.timeIn(unit) : msg().plot.time);
}

// ---- margins and plot size

/** Width in px of the widest of `labels` at `size` px (0 when there are none). */
export function maxTextWidth(labels: readonly string[], size: number): number {
  return Math.max(0, ...labels.map((l) => textWidth(l, size)));
}

/** Left margin of a y axis whose tick labels are `yTickW` px wide: 4 px ticks, gaps and one rotated title line. */
export function yAxisMargin(yTickW: number, fs: FontPx): number {
  return yTickW + 13 + fs.normal * 0.95 + 4;
}

/** x of the rotated y-axis title (its line nearest the axis), left of tick labels `yTickW` px wide. */
export function yTitleX(left: number, yTickW: number, fs: FontPx): number {
  return left - yTickW - 9 - fs.normal * 0.2;
}

/** Height of the plotting area: `heightMm` if given, else 0.62 × its width (0.5 × on figures wider than 500 px). */
export function plotHeight(plotW: number, W: number, heightMm?: number): number {
  return heightMm !== undefined ? heightMm * PX_PER_MM : plotW * (W > 500 ? 0.5 : 0.62);
}

/** Lines a numbers-at-risk row label may take before the rest is shortened with an ellipsis. */
export const RISK_LABEL_MAX_LINES = 3;

/**
 * A numbers-at-risk row label as lines at most `maxWidth` px wide ({@link wrapText}, the text-width estimate all
 * figures use): one line when it fits, else wrapped between words onto as few lines as fit, up to
 * {@link RISK_LABEL_MAX_LINES}, balanced (the narrowest width that still needs no more lines: "no pulmonary
 * metastasectomy" / "within 6 months" rather than a last line of one word). Past that many lines the rest joins the
 * last line, which is then shortened with an ellipsis; so is a single word too long for a line.
 */
export function riskLabelLines(label: string, fs: FontPx, maxWidth: number): string[] {
  if (textWidth(label, fs.small) <= maxWidth) return [label];
  const lines = wrapText(label, fs.small, maxWidth);
  if (lines.length > RISK_LABEL_MAX_LINES) return [...lines.slice(0, RISK_LABEL_MAX_LINES - 1), lines.slice(RISK_LABEL_MAX_LINES - 1).join(" ")].map((l) => fitText(l, fs.small, maxWidth));
  // bisection on the width: the narrowest that keeps the same number of lines (to 1/1000 px)
  let lo = 0;
  let hi = maxWidth;
  while (hi - lo > 1e-3) {
    const mid = (lo + hi) / 2;
    if (wrapText(label, fs.small, mid).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return wrapText(label, fs.small, hi).map((l) => fitText(l, fs.small, maxWidth));
}

/**
 * Row labels of a numbers-at-risk table as lines (each at most `maxShare` of the width `W`, default 30%, or 120 px
 * when that is more and at most 40% of the width; a longer
 * label, such as a strategy's name "no pulmonary metastasectomy within 6 months", wraps onto further lines rather than
 * taking the plot's width or being cut: {@link riskLabelLines}), the gap from a label's end to the first tick (half the
 * widest first cell + 6 px) and the width the labels need left of the axis (0 without a table).
 */
export function riskLabelColumn(
  labels: readonly string[],
  cells: readonly (readonly string[])[],
  show: boolean,
  W: number,
  fs: FontPx,
  maxShare = 0.3,
): { riskLabels: string[][]; riskLabelGap: number; riskLabelW: number } {
  // at least 120 px (at most 40% of the width): a two-word group name ("No metastasectomy") keeps one line on a single-column figure
  const riskLabels = labels.map((l) => riskLabelLines(l, fs, Math.max(W * maxShare, Math.min(120, 0.4 * W))));
  const firstCellW = show ? maxTextWidth(cells.map((r) => r[0]), fs.small) : 0;
  const riskLabelGap = firstCellW / 2 + 6;
  const riskLabelW = show ? maxTextWidth(riskLabels.flat(), fs.small) + riskLabelGap + 4 : 0;
  return { riskLabels, riskLabelGap, riskLabelW };
}

/**
 * A numbers-at-risk row that stops where its curve stops: `cell(t)` at each tick t up to `cut` (the last time the
 * curve is drawn to, e.g. the last time with at least minAtRisk patients at risk; Infinity: never cut), "" after it
 * (no number is printed under a part of the axis where the curve is not drawn).
 */
export function riskRowUntil(breaks: readonly number[], cut: number, cell: (t: number) => string): string[] {
  return breaks.map((t) => (t > cut ? "" : cell(t)));
}

/** Right margin: half the widest last column (the last tick label, or a risk table's last cell) + 4 px, at least 10 px. */
export function rightMargin(lastTickLabel: string, cells: readonly (readonly string[])[], show: boolean, fs: FontPx): number {
  const lastCellW = Math.max(textWidth(lastTickLabel, fs.small), ...(show ? cells.map((r) => textWidth(r[r.length - 1], fs.small)) : [0]));
  return Math.max(10, lastCellW / 2 + 4);
}

/**
 * Horizontal layout of a time plot over a numbers-at-risk table whose numbers sit under the ticks: the left
 * margin fits both the y axis (`leftForAxis`) and the row labels, the right one the last column.
 */
export function riskPlotLayout(
  W: number,
  leftForAxis: number,
  labels: readonly string[],
  xLabels: readonly string[],
  cells: readonly (readonly string[])[],
  show: boolean,
  fs: FontPx,
  maxLabelShare = 0.3,
): { riskLabels: string[][]; riskLabelGap: number; left: number; right: number; plotW: number } {
  const { riskLabels, riskLabelGap, riskLabelW } = riskLabelColumn(labels, cells, show, W, fs, maxLabelShare);
  const left = Math.max(leftForAxis, riskLabelW);
  const right = rightMargin(xLabels[xLabels.length - 1], cells, show, fs);
  return { riskLabels, riskLabelGap, left, right, plotW: W - left - right };
}

// ---- below the plot

/** Baseline of the x-axis title under a plot whose lower edge is at `bottom`. */
export function xTitleBaseline(bottom: number, fs: FontPx): number {
  return bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
}

/**
 * Baselines of a numbers-at-risk table under the x-axis title: its title, row i (its first line), line k of row i, the
 * last line of row i, and a caption under `n` rows. `lines[i]`: the lines of row i's label (default 1 each); a wrapped
 * label pushes the rows under it down.
 */
export function riskTableRows(
  xTitleY: number,
  fs: FontPx,
  lines: readonly number[] = [],
): { titleY: number; rowY: (i: number) => number; lineY: (i: number, k: number) => number; lastY: (i: number) => number; captionY: (n: number) => number } {
  const titleY = xTitleY + fs.normal * 1.8;
  const rowH = fs.small * 1.45;
  // extra lines of the labels above row i
  const before = (i: number): number => {
    let e = 0;
    for (let k = 0; k < i; k++) e += Math.max(1, lines[k] ?? 1) - 1;
    return e;
  };
  const rowY = (i: number): number => titleY + rowH * (i + 1 + before(i));
  const lineY = (i: number, k: number): number => (k === 0 ? rowY(i) : rowY(i) + rowH * k);
  const lastY = (i: number): number => lineY(i, Math.max(1, lines[i] ?? 1) - 1);
  return { titleY, rowY, lineY, lastY, captionY: (n) => lastY(n - 1) + fs.small * 1.7 };
}

/** What {@link riskTableSvg} draws: one row per series, one cell per x tick (numbers centred on the tick). */
export interface RiskTableSpec {
  readonly title: string;
  /** Baselines of the title, of row i and of line k of row i (as {@link riskTableRows} gives them). */
  readonly rows: { readonly titleY: number; readonly rowY: (i: number) => number; readonly lineY?: (i: number, k: number) => number };
  /** x where the (right-aligned) row labels end. */
  readonly labelX: number;
  /** Row labels, each one line or its lines (the numbers sit on the first). */
  readonly labels: readonly (string | readonly string[])[];
  readonly color: (i: number) => string;
  /** cells[i][k]: row i at tick k ("" prints nothing: the row has stopped). */
  readonly cells: readonly (readonly string[])[];
  readonly xTicks: readonly AxisTick[];
  /** Attribute naming the row's series index. */
  readonly rowKey: "data-stratum" | "data-curve";
  readonly caption?: { readonly y: number; readonly text: string } | null;
  readonly fs: FontPx;
}

/**
 * Numbers-at-risk table: bold title, coloured right-aligned row labels (a wrapped label one text per line, the numbers
 * on its first line), cells under the ticks (an empty cell is not drawn), optional italic caption.
 */
export function riskTableSvg(s: RiskTableSpec): Svg {
  const { fs, rows } = s;
  const lineY = rows.lineY ?? ((i: number, k: number): number => rows.rowY(i) + fs.small * 1.45 * k);
  return g(
    { class: "risk-table" },
    text(4, rows.titleY, s.title, { "font-size": fs.normal, "font-weight": "bold", class: "risk-title" }),
    ...s.cells.map((cellsOfRow, i) => {
      const label = s.labels[i];
      const labelLines = typeof label === "string" ? [label] : label;
      return g(
        { class: "risk-row", [s.rowKey]: i },
        ...labelLines.map((l, k) => text(s.labelX, k === 0 ? rows.rowY(i) : lineY(i, k), l, { "text-anchor": "end", "font-size": fs.small, fill: s.color(i), class: "risk-label" })),
        ...cellsOfRow.flatMap((c, k) => (c === "" ? [] : [text(s.xTicks[k].pos, rows.rowY(i), c, { "text-anchor": "middle", "font-size": fs.small, class: "risk-n", "data-time": s.xTicks[k].label })])),
      );
    }),
    s.caption ? text(4, s.caption.y, s.caption.text, { "font-size": fs.small, "font-style": "italic", fill: INK.muted, class: "risk-caption" }) : null,
  );
}

// ---- legend

/** Height of a legend row: 1.35 × the normal font. */
export function legendLineHeight(fs: FontPx): number {
  return fs.normal * 1.35;
}

/** Baseline-centre y of legend row k of rows `lineH` high starting at `y0`. */
export function legendRowY(k: number, lineH: number, y0 = 8): number {
  return y0 + lineH * k + lineH / 2;
}

/** A legend label shortened with an ellipsis to fit a row `rowW` px wide beside its swatch. */
export function fitLegendLabel(label: string, fs: FontPx, rowW: number, swatch: number): string {
  return fitText(label, fs.normal, rowW - swatch - 6);
}

/** Width of a legend entry: swatch, 4 px, label, then `spacing` px to the next entry. */
export function legendItemWidth(label: string, fs: FontPx, swatch: number, spacing = 14): number {
  return swatch + 4 + textWidth(label, fs.normal) + spacing;
}

/**
 * Legend entries wrapped greedily into rows at most `rowW` px wide, each placed at `x` px from its row's start;
 * `breakBefore(item)` starts a new row before an entry whatever the room.
 */
export function legendRows<T extends { readonly label: string }>(
  items: readonly T[],
  fs: FontPx,
  swatch: number,
  rowW: number,
  opts: { readonly spacing?: number; readonly breakBefore?: (item: T) => boolean } = {},
): (T & { x: number })[][] {
  const rows: (T & { x: number })[][] = [];
  let row: (T & { x: number })[] = [];
  let cx = 0;
  for (const it of items) {
    const w = legendItemWidth(it.label, fs, swatch, opts.spacing);
    if (row.length > 0 && (cx + w > rowW || opts.breakBefore?.(it) === true)) {
      rows.push(row);
      row = [];
      cx = 0;
    }
    row.push({ ...it, x: cx });
    cx += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** One legend entry: a line swatch from (x, y) to (x + swatch, y), then its label. */
export function legendItem(
  x: number,
  y: number,
  label: string,
  s: { readonly swatch: number; readonly fs: FontPx; readonly stroke: string; readonly dash?: string | null; readonly strokeWidth?: number; readonly attrs?: Attrs },
): Svg {
  return g(
    s.attrs ?? { class: "legend-item" },
    line(x, y, x + s.swatch, y, { stroke: s.stroke, "stroke-width": s.strokeWidth ?? 2, "stroke-dasharray": s.dash }),
    text(x + s.swatch + 4, y + s.fs.normal * 0.35, label, { "font-size": s.fs.normal }),
  );
}

// ---- annotation

/** The `annotation` option as lines: none, the one string, or a copy of the array. */
export function annotationLines(annotation: string | readonly string[] | undefined): string[] {
  return annotation === undefined ? [] : typeof annotation === "string" ? [annotation] : [...annotation];
}

/** Line height of annotation text: 1.3 × the normal font. */
export function annotationLineHeight(fs: FontPx): number {
  return fs.normal * 1.3;
}

/** Size of the box annotation lines need inside a plot: widest line + 12 px by lines × `lineH` + 8 px. */
export function annotationBox(lines: readonly string[], fs: FontPx, lineH: number): { w: number; h: number } {
  return { w: Math.max(...lines.map((l) => textWidth(l, fs.normal))) + 12, h: lines.length * lineH + 8 };
}

/** Baseline of the first annotation line above the plot, under a legend block `legendBlockH` px high. */
export function annotationAboveY(legendBlockH: number, fs: FontPx): number {
  return 8 + legendBlockH + fs.normal * 0.9;
}

/** Top of the plotting area under a legend block `legendBlockH` px high and `aboveH` px of annotation. */
export function plotTop(legendBlockH: number, aboveH: number, fs: FontPx): number {
  return 8 + fs.small * 0.4 + legendBlockH + aboveH;
}

/** Text lines from baseline `y` downwards, `lineH` apart. */
export function linesDown(lines: readonly string[], x: number, y: number, lineH: number, attrs: Attrs = {}): Svg[] {
  return lines.map((l, k) => text(x, y + lineH * k, l, attrs));
}

/** Text lines upwards, `lineH` apart, the last on baseline `y`. */
export function linesUp(lines: readonly string[], x: number, y: number, lineH: number, attrs: Attrs = {}): Svg[] {
  return lines.map((l, k) => text(x, y - lineH * (lines.length - 1 - k), l, attrs));
}

/** Annotation above the plot: its lines from baseline `y` down, in one group with the normal font (null without lines). */
export function annotationAbove(lines: readonly string[], x: number, y: number, lineH: number, fs: FontPx): Svg | null {
  return lines.length > 0 ? g({ class: "annotation", "font-size": fs.normal }, ...linesDown(lines, x, y, lineH)) : null;
}

/** Value at t of a right-continuous step function starting at 1: the last finite value at a time ≤ t. */
export function stepValueAt(time: ArrayLike<number>, value: ArrayLike<number>, t: number): number {
  let v = 1;
  for (let j = 0; j < time.length && time[j] <= t; j++) if (Number.isFinite(value[j])) v = value[j];
  return v;
}

// ---- marks and axes

/** d3 line generator through [t, v] points placed by the scales `x` and `y`, joined by `curve`, coordinates to 2 decimals. */
export function scaledLine(x: (t: number) => number, y: (v: number) => number, curve: CurveFactory): Line<[number, number]> {
  return d3line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))
    .curve(curve)
    .digits(2);
}

/** The axes of one plot and their titles (what {@link plotAxes} draws). */
export interface PlotAxesSpec {
  readonly xTicks: readonly AxisTick[];
  readonly yTicks: readonly AxisTick[];
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
  readonly plotW: number;
  readonly plotH: number;
  /** Figure width (keeps the x title inside it). */
  readonly W: number;
  /** Width of the widest y tick label. */
  readonly yTickW: number;
  readonly xTitle: string;
  readonly xTitleY: number;
  /** y-axis title, or its lines (the last nearest the axis) `yTitleLineH` px apart. */
  readonly yTitle: string | readonly string[];
  readonly yTitleLineH?: number;
  readonly fs: FontPx;
}

/** y axis with its rotated title centred on the plot's height, then the x axis with its title centred under the plot. */
export function plotAxes(a: PlotAxesSpec): Svg {
  const lines = typeof a.yTitle === "string" ? [a.yTitle] : a.yTitle;
  const lineH = a.yTitleLineH ?? 0;
  return frag(
    leftAxis(a.yTicks, a.left, a.top, a.bottom, a.fs.small),
    ...lines.map((l, k) => verticalTitle(yTitleX(a.left, a.yTickW, a.fs) - lineH * (lines.length - 1 - k), a.top + a.plotH / 2, l, a.fs.normal)),
    bottomAxis(a.xTicks, a.bottom, a.left, a.left + a.plotW, a.fs.small),
    xAxisTitle(a.xTitle, a.left + a.plotW / 2, a.xTitleY, a.W, a.fs),
  );
}

/** x-axis title centred at `centre` (kept inside the figure's width `W`) on baseline `y`. */
export function xAxisTitle(title: string, centre: number, y: number, W: number, fs: FontPx): Svg {
  return text(centredTitleX(centre, title, fs.normal, W), y, title, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" });
}
