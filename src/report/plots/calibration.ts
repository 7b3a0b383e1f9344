/**
 * Calibration plot at a horizon t (TRIPOD item 16; Harrell, Lee & Mark 1996): observed Kaplan–Meier
 * survival at t (with its pointwise CI as a vertical bar) against the mean predicted survival, one point
 * per risk group, and the line of perfect calibration y = x. Takes a `CalibrationResult`
 * (src/survival/validation/calibration.ts) or any `{ time, groups: { predicted, observed, lower?, upper? }[] }`.
 * Pure: result in, SVG string out; labels escaped; numbers rounded.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle } from "./axis.js";
import { tickFormatter } from "./format.js";
import { type Svg, el, g, line, svgRoot, text } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";

export interface CalibrationPlotInput {
  readonly time: number;
  readonly groups: readonly { readonly predicted: number; readonly observed: number | null; readonly lower?: number | null; readonly upper?: number | null; readonly n?: number }[];
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
  readonly width?: FigureWidth;
  readonly fontSize?: Partial<FontSizes>;
  readonly color?: string;
  readonly title?: string;
}

function validate(input: CalibrationPlotInput, o: CalibrationPlotOptions): void {
  if (!input || !Array.isArray(input.groups) || !Number.isFinite(input.time) || input.groups.some((gr) => !gr || !Number.isFinite(gr.predicted))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "calibrationPlot needs { time, groups: { predicted, observed }[] }" });
  }
  if (o.domain !== undefined && o.domain !== "full" && o.domain !== "data") throw optionError("domain", '"full" or "data"', o.domain);
  if (o.color !== undefined) validateColors([o.color]);
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
  let lo = 0;
  let hi = 1;
  if ((options.domain ?? "full") === "data") {
    const vals: number[] = [];
    for (const gr of input.groups) {
      vals.push(gr.predicted);
      if (gr.observed !== null && Number.isFinite(gr.observed)) vals.push(gr.observed);
      if (confInt) for (const v of [gr.lower, gr.upper]) if (typeof v === "number" && Number.isFinite(v)) vals.push(v);
    }
    const s = scaleLinear().domain([Math.max(0, Math.min(...vals) - 0.05), Math.min(1, Math.max(...vals) + 0.05)]).nice(5);
    [lo, hi] = s.domain() as [number, number];
  }
  const left = 10 + fs.normal * 1.4 + 30;
  const right = W - 10;
  const plotW = right - left;
  const top = 10;
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
  const ann = options.annotation === undefined ? [] : typeof options.annotation === "string" ? [options.annotation] : [...options.annotation];
  const xTitle = options.xLabel ?? `Predicted survival at t = ${input.time}`;
  const yTitle = options.yLabel ?? `Observed survival at t = ${input.time} (Kaplan–Meier)`;
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  const H = xTitleY + 8;
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? "Calibration plot",
      description: `Observed versus predicted survival at t = ${input.time} for ${input.groups.length} risk group(s), with the line of perfect calibration.`,
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-calibration",
    },
    g({ class: "points" }, ...body),
    bottomAxis(ticks.map((t) => ({ value: t, pos: x(t), label: tf(t) })), bottom, left, right, fs.small),
    leftAxis(ticks.map((t) => ({ value: t, pos: y(t), label: tf(t) })), left, top, bottom, fs.small),
    text(centredTitleX((left + right) / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    verticalTitle(10 + fs.normal * 0.8, (top + bottom) / 2, yTitle, fs.normal),
    ann.length > 0 ? g({ class: "annotation", "font-size": fs.normal }, ...ann.map((a, i) => text(left + 6, top + fs.normal * (1.2 + 1.3 * i), a))) : null,
  );
}
