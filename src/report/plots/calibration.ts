/**
 * Calibration plot at a horizon t (TRIPOD item 16; Harrell, Lee & Mark 1996): observed Kaplan–Meier
 * survival at t (with its pointwise CI as a vertical bar) against the mean predicted survival, one point
 * per risk group, and the line of perfect calibration y = x. Takes a `CalibrationResult`
 * (src/survival/validation/calibration.ts) or any `{ time, groups: { predicted, observed, lower?, upper? }[] }`.
 * Optional `corrected` points (the bootstrap bias-corrected observed survival of rms::calibrate, e.g.
 * `calibrationCorrected(...).groups` mapped to { predicted, observed: observedCorrected }) are drawn as open
 * circles joined by a dashed line, with a legend "apparent" / "bias-corrected (bootstrap)" under the x-axis
 * title; without them the output is exactly the apparent-only figure.
 * Pure: result in, SVG string out; labels escaped; numbers rounded.
 */
import { msg } from "../../i18n/messages.js";
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle } from "./axis.js";
import { tickFormatter } from "./format.js";
import { type Svg, el, fitText, g, line, num, svgRoot, text, textWidth, wrapText } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";

export interface CalibrationPlotInput {
  readonly time: number;
  readonly groups: readonly { readonly predicted: number; readonly observed: number | null; readonly lower?: number | null; readonly upper?: number | null; readonly n?: number }[];
  /** Bias-corrected observed survival per group (points without an observed value are skipped); optional. */
  readonly corrected?: readonly { readonly predicted: number | null; readonly observed: number | null }[];
}

export interface CalibrationPlotOptions {
  /** Axis range: "full" = 0–1 (default), "data" = around the points (padded, nice). */
  readonly domain?: "full" | "data";
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Lines of text in the top-left corner, e.g. ["Calibration slope 0.94", "C = 0.63"]. */
  readonly annotation?: string | readonly string[];
  /** Draw the CI bars; default true. */
  readonly confInt?: boolean;
  /** Legend labels when `corrected` points are drawn; defaults "apparent" and "bias-corrected (bootstrap)". */
  readonly legend?: { readonly apparent?: string; readonly corrected?: string };
  readonly width?: FigureWidth;
  readonly fontSize?: Partial<FontSizes>;
  readonly color?: string;
  readonly title?: string;
}

function validate(input: CalibrationPlotInput, o: CalibrationPlotOptions): void {
  if (!input || !Array.isArray(input.groups) || !Number.isFinite(input.time) || input.groups.some((gr) => !gr || !Number.isFinite(gr.predicted))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "calibrationPlot needs { time, groups: { predicted, observed }[] }" });
  }
  if (input.corrected !== undefined && (!Array.isArray(input.corrected) || input.corrected.some((c) => !c || (c.predicted !== null && typeof c.predicted !== "number") || (c.observed !== null && typeof c.observed !== "number")))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "calibrationPlot: corrected must be { predicted, observed }[] (numbers or null)" });
  }
  if (o.domain !== undefined && o.domain !== "full" && o.domain !== "data") throw optionError("domain", '"full" or "data"', o.domain);
  if (o.color !== undefined) validateColors([o.color]);
  if (o.legend !== undefined && (typeof o.legend !== "object" || o.legend === null || [o.legend.apparent, o.legend.corrected].some((l) => l !== undefined && typeof l !== "string"))) {
    throw optionError("legend", "{ apparent?: string, corrected?: string }", o.legend);
  }
}

/**
 * Calibration plot as an SVG string.
 *
 * R equivalent (layout): `plot(rms::calibrate(fit, u = t, cmethod = "KM", m = ...))` — observed KM vs
 * predicted by group with the 45° line.
 *
 * @example
 * ```ts
 * const svg = calibrationPlot({ time: 60, groups: [{ predicted: 0.8, observed: 0.85, lower: 0.7, upper: 1 }, { predicted: 0.4, observed: 0.35 }] });
 * svg.includes("survinfer-calibration"); // true
 * ```
 */
export function calibrationPlot(input: CalibrationPlotInput, options: CalibrationPlotOptions = {}): string {
  validate(input, options);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width, "single");
  const color = options.color ?? seriesColor(0);
  const confInt = options.confInt ?? true;
  // bias-corrected points with both coordinates finite, in order of predicted survival (for the dashed line)
  const corrected = (input.corrected ?? [])
    .filter((c): c is { predicted: number; observed: number } => typeof c.predicted === "number" && Number.isFinite(c.predicted) && typeof c.observed === "number" && Number.isFinite(c.observed))
    .sort((a, b) => a.predicted - b.predicted);
  let lo = 0;
  let hi = 1;
  if ((options.domain ?? "full") === "data") {
    const vals: number[] = [];
    for (const gr of input.groups) {
      vals.push(gr.predicted);
      if (gr.observed !== null && Number.isFinite(gr.observed)) vals.push(gr.observed);
      if (confInt) for (const v of [gr.lower, gr.upper]) if (typeof v === "number" && Number.isFinite(v)) vals.push(v);
    }
    for (const c of corrected) vals.push(c.predicted, c.observed);
    const s = scaleLinear().domain([Math.max(0, Math.min(...vals) - 0.05), Math.min(1, Math.max(...vals) + 0.05)]).nice(5);
    [lo, hi] = s.domain() as [number, number];
  }
  const left = 10 + fs.normal * 1.4 + 30;
  const right = W - 10;
  const plotW = right - left;
  // the annotation goes above the panel, never over the points and CI bars (issue 19)
  const annRaw = options.annotation === undefined ? [] : typeof options.annotation === "string" ? [options.annotation] : [...options.annotation];
  // wrapped to the figure's width, never cut
  const ann = annRaw.flatMap((a) => wrapText(a, fs.normal, W - left - 4));
  const annLineH = fs.normal * 1.3;
  const top = 10 + (ann.length > 0 ? ann.length * annLineH + 4 : 0);
  const bottom = top + plotW; // square panel
  const x = scaleLinear().domain([lo, hi]).range([left, right]);
  const y = scaleLinear().domain([lo, hi]).range([bottom, top]);
  const ticks = scaleLinear().domain([lo, hi]).ticks(5);
  const tf = tickFormatter(ticks);
  const body: Svg[] = [];
  body.push(line(x(lo), y(lo), x(hi), y(hi), { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "reference" }));
  const clamp = (v: number): number => Math.min(hi, Math.max(lo, v));
  input.groups.forEach((gr) => {
    if (gr.observed === null || !Number.isFinite(gr.observed)) return;
    const cx = x(gr.predicted);
    const parts: Svg[] = [];
    if (confInt && typeof gr.lower === "number" && typeof gr.upper === "number" && Number.isFinite(gr.lower) && Number.isFinite(gr.upper)) {
      parts.push(line(cx, y(clamp(gr.lower)), cx, y(clamp(gr.upper)), { stroke: color, "stroke-width": 1, class: "ci" }));
    }
    parts.push(el("circle", { cx, cy: y(gr.observed), r: 3, fill: color, class: "group-point" }));
    body.push(g({ class: "calibration-group" }, ...parts));
  });
  if (corrected.length > 0) {
    const pts = corrected.map((c) => `${num(x(c.predicted))},${num(y(clamp(c.observed)))}`).join(" ");
    const dashed = corrected.length > 1 ? el("polyline", { points: pts, fill: "none", stroke: color, "stroke-width": 1, "stroke-dasharray": "3,2", class: "corrected-line" }) : null;
    const marks = corrected.map((c) => el("circle", { cx: x(c.predicted), cy: y(clamp(c.observed)), r: 3, fill: "#ffffff", stroke: color, "stroke-width": 1.2, class: "corrected-point" }));
    body.push(g({ class: "calibration-corrected" }, dashed, ...marks));
  }
  const lt = msg().longTerm;
  const xTitle = options.xLabel ?? lt.calX(`t = ${input.time}`);
  const yTitle = options.yLabel ?? lt.calY(`t = ${input.time}`);
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  // legend row under the x-axis title, only with corrected points (keeps the apparent-only figure unchanged)
  const legendY = xTitleY + fs.normal * 1.6;
  const legend = corrected.length > 0 ? calibrationLegend(left, right, legendY, color, fs.normal, options.legend) : null;
  const H = (legend ? legend.bottom : xTitleY) + 8;
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? lt.calPlotTitle,
      description: lt.calPlotDescription(String(input.time), String(input.groups.length), corrected.length > 0),
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-calibration",
    },
    g({ class: "points" }, ...body),
    bottomAxis(ticks.map((t) => ({ value: t, pos: x(t), label: tf(t) })), bottom, left, right, fs.small),
    leftAxis(ticks.map((t) => ({ value: t, pos: y(t), label: tf(t) })), left, top, bottom, fs.small),
    text(centredTitleX((left + right) / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    verticalTitle(10 + fs.normal * 0.8, (top + bottom) / 2, yTitle, fs.normal),
    ann.length > 0 ? g({ class: "annotation", "font-size": fs.normal }, ...ann.map((a, i) => text(left, 10 + fs.normal * 0.9 + annLineH * i, a))) : null,
    legend?.svg,
  );
}

/**
 * Legend under the x-axis title: a filled circle "apparent", then an open circle on a dashed line
 * "bias-corrected (bootstrap)" — on the same row when it fits before `right`, else on a second row. Labels escaped.
 */
function calibrationLegend(left: number, right: number, yMid: number, color: string, fontSize: number, labels: CalibrationPlotOptions["legend"]): { svg: Svg; bottom: number } {
  const swatch = 18;
  // labels shortened with an ellipsis when even a row of their own is too narrow
  const apparent = fitText(labels?.apparent ?? msg().longTerm.calLegendApparent, fontSize, right - left - swatch - 4);
  const corrected = fitText(labels?.corrected ?? msg().longTerm.calLegendCorrected, fontSize, right - left - swatch - 4);
  const sameRow = left + 2 * (swatch + 4) + textWidth(apparent, fontSize) + 14 + textWidth(corrected, fontSize) <= right;
  const x1 = sameRow ? left + swatch + 4 + textWidth(apparent, fontSize) + 14 : left;
  const y1 = sameRow ? yMid : yMid + fontSize * 1.35;
  const svg = g(
    { class: "legend", "font-size": fontSize },
    g({ class: "legend-item" }, el("circle", { cx: left + swatch / 2, cy: yMid, r: 3, fill: color }), text(left + swatch + 4, yMid + fontSize * 0.35, apparent)),
    g(
      { class: "legend-item" },
      line(x1, y1, x1 + swatch, y1, { stroke: color, "stroke-width": 1, "stroke-dasharray": "3,2" }),
      el("circle", { cx: x1 + swatch / 2, cy: y1, r: 3, fill: "#ffffff", stroke: color, "stroke-width": 1.2 }),
      text(x1 + swatch + 4, y1 + fontSize * 0.35, corrected),
    ),
  );
  return { svg, bottom: y1 + fontSize * 0.6 };
}
