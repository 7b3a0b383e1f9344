/**
 * Forest plot of ratio estimates (e.g. Cox hazard ratios) with confidence intervals on a log axis: a label
 * column, the interval plot with a reference line at 1, an "HR (95% CI)" text column and a p column.
 * Intervals running off the axis end in an arrow. Optional group headers ("Age", "Sex", ...).
 *
 * The input is generic (`{ rows: { label, estimate, lower, upper, p?, group? }[] }`), so it serves Cox
 * models (uni- and multivariable), subgroup analyses and the treatment-effect table alike. Pure: returns an
 * SVG string; geometry from d3-scale (`scaleLog` / `scaleLinear`).
 */
import { scaleLinear, scaleLog } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, type AxisTick } from "./axis.js";
import { formatP, formatRatio, tickFormatter } from "./format.js";
import { trimZeros } from "../number-format.js";
import { type Svg, WARNING_MARK, el, fitText, g, line, markAdvance, num, richText, svgRoot, text, textWidth, wrapText } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";
import { msg } from "../../i18n/messages.js";

export interface ForestRow {
  readonly label: string;
  /** Point estimate (ratio > 0 on the log scale); null for a reference level (no marker). */
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p?: number | null;
  /** Rows with the same group follow a bold group header (printed when the group changes). */
  readonly group?: string;
  /** Text in the estimate column instead of "1.23 (0.45–6.78)", e.g. "1 (reference)". */
  readonly text?: string;
}

export interface ForestPlotInput {
  readonly rows: readonly ForestRow[];
}

export interface ForestPlotOptions {
  /** "log" (ratios, default) or "linear" (differences). */
  readonly scale?: "log" | "linear";
  /** Reference (no-effect) line; default 1 on the log scale, 0 on the linear scale; null for none. */
  readonly reference?: number | null;
  /** Axis limits [lo, hi]; default from the intervals (padded, including the reference). CIs beyond get arrows. */
  readonly xDomain?: readonly [number, number];
  /** Header of the estimate column; default "HR (95% CI)". */
  readonly estimateHeader?: string;
  /** Header of the label column; default "". */
  readonly labelHeader?: string;
  /** Header of the p column; default "p". Set showP false to drop the column. */
  readonly pHeader?: string;
  readonly showP?: boolean;
  /** x-axis title; default "Hazard ratio (log scale)" / "Difference". */
  readonly xLabel?: string;
  /** Texts under the axis at the left and right ends, e.g. ["Favours surgery", "Favours no surgery"]. */
  readonly favours?: readonly [string, string];
  /** Printed width: "double" (175 mm, default), "single" (85 mm) or mm. */
  readonly width?: FigureWidth;
  /** Marker / interval colour (hex); default black. */
  readonly color?: string;
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title; default "Forest plot". */
  readonly title?: string;
}

/** 1–2–5 series for log-axis ticks and default limits. */
const LOG_TICKS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

function finitePositive(v: number | null | undefined, log: boolean): v is number {
  return typeof v === "number" && Number.isFinite(v) && (!log || v > 0);
}

function validate(input: ForestPlotInput, o: ForestPlotOptions): void {
  if (!input || !Array.isArray(input.rows) || input.rows.some((r) => !r || typeof r.label !== "string")) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "forestPlot needs rows: { label, estimate, lower, upper }[]" });
  }
  if (o.scale !== undefined && o.scale !== "log" && o.scale !== "linear") throw optionError("scale", `"log" or "linear"`, o.scale);
  const log = (o.scale ?? "log") === "log";
  if (o.xDomain !== undefined) {
    const d = o.xDomain;
    if (!Array.isArray(d) || d.length !== 2 || !finitePositive(d[0], log) || !finitePositive(d[1], log) || !(d[0] < d[1])) {
      throw optionError("xDomain", log ? "[lo, hi] with 0 < lo < hi" : "[lo, hi] with lo < hi", d);
    }
  }
  if (o.reference !== undefined && o.reference !== null && !finitePositive(o.reference, log)) throw optionError("reference", log ? "a positive number or null" : "a number or null", o.reference);
  if (o.color !== undefined) validateColors([o.color]);
  if (o.favours !== undefined && (!Array.isArray(o.favours) || o.favours.length !== 2 || o.favours.some((f) => typeof f !== "string"))) {
    throw optionError("favours", "two strings [left, right]", o.favours);
  }
}

/**
 * A row label fitted to `maxWidth`, keeping a final parenthetical whole (it names what the row estimates,
 * e.g. "(ATM, conditional HR)"): the text before it is shortened with an ellipsis instead.
 */
export function fitLabel(s: string, fontSize: number, maxWidth: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const m = /^(.+?)( \([^()]+\))$/.exec(s);
  if (m === null) return fitText(s, fontSize, maxWidth);
  const tail = m[2];
  const room = maxWidth - textWidth(tail, fontSize);
  if (room < textWidth("Abcdefgh…", fontSize)) return fitText(s, fontSize, maxWidth);
  return `${fitText(m[1], fontSize, room)}${tail}`;
}

/**
 * Forest plot as an SVG string: markers at the estimates, horizontal CI lines (arrows when they run off
 * the axis), a dashed reference line, and text columns "HR (95% CI)" and p (p < 0.001 shown as "<0.001").
 *
 * R equivalent (layout only): `survminer::ggforest(fit)` / `forestplot::forestplot(...)`; the numbers come
 * from the Cox engine (exp(coef), exp(confint)) unchanged.
 *
 * @example
 * ```ts
 * const svg = forestPlot({ rows: [
 *   { label: "Age > 60 years", estimate: 1.8, lower: 1.1, upper: 2.9, p: 0.02, group: "Age" },
 *   { label: "Metastasectomy", estimate: 0.62, lower: 0.41, upper: 0.94, p: 0.024 },
 * ] });
 * svg.includes("0.62 (0.41–0.94)"); // true
 * ```
 */
export function forestPlot(input: ForestPlotInput, options: ForestPlotOptions = {}): string {
  validate(input, options);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width, "double");
  const log = (options.scale ?? "log") === "log";
  const reference = options.reference === undefined ? (log ? 1 : 0) : options.reference;
  const color = options.color ?? seriesColor(6); // black
  const showP = options.showP ?? true;

  // display lines: group headers + rows
  type Line = { kind: "group"; label: string } | { kind: "row"; row: ForestRow; indent: boolean };
  const lines: Line[] = [];
  let currentGroup: string | undefined;
  for (const r of input.rows) {
    if (r.group !== undefined && r.group !== currentGroup) lines.push({ kind: "group", label: r.group });
    currentGroup = r.group;
    lines.push({ kind: "row", row: r, indent: r.group !== undefined });
  }

  // domain
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of input.rows) {
    for (const v of [r.estimate, r.lower, r.upper]) {
      if (finitePositive(v, log)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (reference !== null) {
    lo = Math.min(lo, reference);
    hi = Math.max(hi, reference);
  }
  if (!(lo < hi)) [lo, hi] = log ? [0.5, 2] : [-1, 1];
  let domain: [number, number];
  let ticks: number[];
  if (options.xDomain) domain = [options.xDomain[0], options.xDomain[1]];
  else if (log) domain = [LOG_TICKS.filter((t) => t <= lo).pop() ?? lo, LOG_TICKS.find((t) => t >= hi) ?? hi];
  else domain = [lo, hi];
  if (log) {
    ticks = LOG_TICKS.filter((t) => t >= domain[0] * (1 - 1e-9) && t <= domain[1] * (1 + 1e-9));
    // too many: keep the decades (and the reference)
    if (ticks.length > 7) ticks = ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9 || t === reference);
    if (ticks.length < 2) ticks = [domain[0], domain[1]];
  } else {
    const s = scaleLinear().domain(domain).nice(5);
    domain = s.domain() as [number, number];
    ticks = s.ticks(5);
  }
  const tickFmt = log ? (t: number) => trimZeros(formatRatio(t)) : tickFormatter(ticks);

  // columns
  const estHeader = options.estimateHeader ?? msg().table.hrCi("95%");
  const pHeader = options.pHeader ?? "p";
  const estTexts = lines.map((l) => {
    if (l.kind === "group") return "";
    const r = l.row;
    if (r.text !== undefined) return r.text;
    if (!finitePositive(r.estimate, log)) return "";
    // en dash between limits; " to " when a limit is negative (a dash would read as a minus sign)
    const sep = r.lower !== null && r.upper !== null && (r.lower < 0 || r.upper < 0) ? " to " : "–";
    const ci = finitePositive(r.lower, log) && finitePositive(r.upper, log) ? ` (${formatRatio(r.lower)}${sep}${formatRatio(r.upper)})` : "";
    return `${formatRatio(r.estimate)}${ci}`;
  });
  const pTexts = lines.map((l) => (l.kind === "row" ? formatP(l.row.p) : ""));
  const indentPx = 10;
  const maxLabelW = W * 0.45; // room for labels that name their estimand, e.g. "… (ATM, conditional HR)"
  // labels wrap onto more lines (never cut): a row grows by one line height per extra line (issue 19)
  const labelLines = lines.map((l) => (l.kind === "group" ? wrapText(l.label, fs.small, maxLabelW, true) : wrapText(l.row.label, fs.small, maxLabelW - (l.indent ? indentPx : 0))));
  // a line that starts with the warning mark: the mark's room, then the rest (drawn from there, see labelSvg)
  const lineWidth = (t: string, bold: boolean): number => (t.startsWith(WARNING_MARK) ? markAdvance(fs.small) + textWidth(t.slice(WARNING_MARK.length), fs.small, bold) : textWidth(t, fs.small, bold));
  const labelW = Math.max(textWidth(options.labelHeader ?? "", fs.small, true), ...lines.flatMap((l, i) => labelLines[i].map((t) => lineWidth(t, l.kind === "group") + (l.kind === "row" && l.indent ? indentPx : 0))));
  const estW = Math.max(textWidth(estHeader, fs.small, true), ...estTexts.map((t) => textWidth(t, fs.small)));
  const pW = showP ? Math.max(textWidth(pHeader, fs.small, true), ...pTexts.map((t) => textWidth(t, fs.small))) : 0;
  const gap = 12;
  const left = 6 + labelW + gap;
  const right = 6 + estW + gap + (showP ? pW + gap : 0);
  const plotW = Math.max(60, W - left - right);
  const x = (log ? scaleLog() : scaleLinear()).domain(domain).range([left, left + plotW]);
  const estX = left + plotW + gap;
  const pX = estX + estW + gap + pW; // right-aligned

  const rowH = fs.small * 1.7;
  const labelLineH = fs.small * 1.2;
  const headerY = 8 + fs.small;
  const top = headerY + fs.small * 0.6;
  // row i spans [top + offset[i], top + offset[i + 1]): rowH plus one label line per extra line
  const offset = [0];
  for (let i = 0; i < lines.length; i++) offset.push(offset[i] + rowH + (labelLines[i].length - 1) * labelLineH);
  const yLine = (i: number): number => top + (offset[i] + offset[i + 1]) / 2;
  const bottom = top + Math.max(rowH, offset[lines.length]);
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  const favoursY = xTitleY + fs.small * 1.5;
  const H = (options.favours ? favoursY : xTitleY) + 8;

  const arrow = (xTip: number, yc: number, dir: -1 | 1): Svg =>
    el("path", { d: `M${num(xTip)},${num(yc)}L${num(xTip - dir * 5)},${num(yc - 3)}L${num(xTip - dir * 5)},${num(yc + 3)}Z`, fill: color, class: "ci-arrow" });

  const body: Svg[] = [];
  lines.forEach((l, i) => {
    const yc = yLine(i);
    const baseline = yc + fs.small * 0.35;
    // a wrapped label is centred on the row: its first line up by half the extra lines
    // a warning mark "⚠17,18" is a text chunk of its own (the rest of its line starts at an x of its own): a PNG renderer
    // (resvg) that takes the mark from a fallback font then draws only the mark in it, not the whole line, which read as a
    // bold first line of a flagged label (issue 19); every line of a label is regular
    const labelSvg = (x0: number, attrs: Record<string, string | number>): Svg => {
      const ls = labelLines[i];
      if (ls.length === 1 && !ls[0].startsWith(WARNING_MARK)) return text(x0, baseline, ls[0], attrs);
      const y0 = baseline - ((ls.length - 1) * labelLineH) / 2;
      return richText(
        x0,
        y0,
        ls.flatMap((t, k) => {
          const span = k < ls.length - 1 ? `${t} ` : t;
          const at = k === 0 ? {} : { x: num(x0), dy: num(labelLineH) };
          return t.startsWith(WARNING_MARK) ? [{ text: WARNING_MARK, attrs: at }, { text: span.slice(WARNING_MARK.length), attrs: { x: num(x0 + markAdvance(fs.small)) } }] : [{ text: span, attrs: at }];
        }),
        attrs,
      );
    };
    if (l.kind === "group") {
      body.push(labelSvg(6, { "font-size": fs.small, "font-weight": "bold", class: "group-label" }));
      return;
    }
    const r = l.row;
    const parts: Svg[] = [labelSvg(6 + (l.indent ? indentPx : 0), { "font-size": fs.small, class: "row-label" })];
    const [d0, d1] = domain;
    if (finitePositive(r.lower, log) && finitePositive(r.upper, log)) {
      const a = Math.max(r.lower, d0);
      const b = Math.min(r.upper, d1);
      if (a <= b) parts.push(line(x(a), yc, x(b), yc, { stroke: color, "stroke-width": 1, class: "ci" }));
      if (r.lower < d0) parts.push(arrow(x(d0), yc, -1));
      if (r.upper > d1) parts.push(arrow(x(d1), yc, 1));
    }
    if (finitePositive(r.estimate, log) && r.estimate >= d0 && r.estimate <= d1) {
      const s = 3.4;
      parts.push(el("rect", { x: x(r.estimate) - s, y: yc - s, width: 2 * s, height: 2 * s, fill: color, class: "estimate" }));
    }
    parts.push(text(estX, baseline, estTexts[i], { "font-size": fs.small, class: "estimate-text" }));
    if (showP) parts.push(text(pX, baseline, pTexts[i], { "font-size": fs.small, "text-anchor": "end", class: "p-text" }));
    body.push(g({ class: "forest-row" }, ...parts));
  });

  const header = g(
    { class: "header", "font-weight": "bold" },
    options.labelHeader ? text(6, headerY, options.labelHeader, { "font-size": fs.small }) : null,
    text(estX, headerY, estHeader, { "font-size": fs.small }),
    showP ? text(pX, headerY, pHeader, { "font-size": fs.small, "text-anchor": "end" }) : null,
  );
  const refLine =
    reference !== null && reference >= domain[0] && reference <= domain[1]
      ? line(x(reference), top, x(reference), bottom, { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "reference" })
      : null;
  const axisTicks: AxisTick[] = ticks.map((t) => ({ value: t, pos: x(t), label: tickFmt(t) }));
  const xTitle = options.xLabel ?? (log ? msg().plot.hazardRatioLog : msg().plot.difference);
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? msg().plot.forestTitle,
      description: msg().plot.forestDescription(String(input.rows.length), reference === null ? null : String(reference)),
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-forest",
    },
    header,
    refLine,
    g({ class: "rows" }, ...body),
    bottomAxis(axisTicks, bottom, left, left + plotW, fs.small),
    text(centredTitleX(left + plotW / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    options.favours
      ? g(
          { class: "favours", "font-size": fs.small, fill: INK.muted },
          text(reference !== null && reference > domain[0] && reference < domain[1] ? x(reference) - 6 : left, favoursY, `← ${options.favours[0]}`, { "text-anchor": reference !== null && reference > domain[0] && reference < domain[1] ? "end" : "start" }),
          text(reference !== null && reference > domain[0] && reference < domain[1] ? x(reference) + 6 : left + plotW, favoursY, `${options.favours[1]} →`, { "text-anchor": reference !== null && reference > domain[0] && reference < domain[1] ? "start" : "end" }),
        )
      : null,
  );
}
