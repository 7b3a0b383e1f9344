/**
 * Hazard-ratio curve of a spline term (src/study/cox-linearity.ts): HR(x) against a reference value on a
 * log scale, with the pointwise confidence band, a dashed line at HR = 1 and a mark at the reference value;
 * knots as ticks on the x-axis. Layout as `plot(rms::Predict(fit, x, ref.zero = TRUE, fun = exp))`.
 * Pure: result in, SVG string out; labels escaped; numbers rounded.
 */
import { msg } from "../../i18n/messages.js";
import { scaleLinear, scaleLog } from "d3-scale";
import { SurvinferError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle } from "./axis.js";
import { tickFormatter } from "./format.js";
import { localizeDecimal } from "../../i18n/language.js";
import { el, g, line, num, svgRoot, text } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, seriesColor, widthPx } from "./theme.js";

export interface HrCurveInput {
  readonly x: readonly number[];
  readonly hr: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly reference: number;
  readonly knots?: readonly number[];
}

export interface HrCurveOptions {
  /** x-axis title, e.g. "Age (years)". */
  readonly xLabel?: string;
  readonly annotation?: string;
  readonly width?: FigureWidth;
  readonly fontSize?: Partial<FontSizes>;
  readonly title?: string;
}

/**
 * The HR curve as an SVG string.
 *
 * @example
 * ```ts
 * const svg = hrCurvePlot({ x: [40, 50, 60], hr: [0.8, 1, 1.4], lower: [0.6, 1, 1.1], upper: [1.1, 1, 1.8], reference: 50 });
 * svg.includes("survinfer-hr-curve"); // true
 * ```
 */
export function hrCurvePlot(input: HrCurveInput, options: HrCurveOptions = {}): string {
  const n = input.x.length;
  const finite = (a: readonly number[]): boolean => Array.isArray(a) && a.length === n && a.every((v) => Number.isFinite(v) && v > 0);
  if (n < 2 || !input.x.every(Number.isFinite) || !finite(input.hr) || !finite(input.lower) || !finite(input.upper) || !Number.isFinite(input.reference)) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "hrCurvePlot needs { x, hr, lower, upper } of equal length (≥ 2), positive hazard ratios and a finite reference" });
  }
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width, "single");
  const color = seriesColor(0);
  const left = 10 + fs.normal * 1.4 + 34;
  const right = W - 10;
  const top = 10;
  const bottom = top + Math.round((right - left) * 0.7);
  const xLo = Math.min(...input.x);
  const xHi = Math.max(...input.x);
  const x = scaleLinear().domain([xLo, xHi]).range([left, right]);
  // log scale covering the band and 1, limited to 1/100..100 so a wide band at the edges does not flatten the curve
  const yLo = Math.max(0.01, Math.min(1, ...input.lower));
  const yHi = Math.min(100, Math.max(1, ...input.upper));
  const y = scaleLog().domain([yLo, yHi]).range([bottom, top]).clamp(true);
  const yTicks = y.ticks(6).filter((t) => t >= yLo && t <= yHi);
  const shownY = yTicks.length > 8 ? yTicks.filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9)))) : yTicks;
  const xTicks = x.ticks(6);
  const xf = tickFormatter(xTicks);
  const pt = (i: number, v: readonly number[]): string => `${num(x(input.x[i]))},${num(y(v[i]))}`;
  const band = [...input.x.map((_, i) => pt(i, input.upper)), ...input.x.map((_, i) => pt(n - 1 - i, input.lower))].join(" ");
  const curve = input.x.map((_, i) => pt(i, input.hr)).join(" ");
  const knots = (input.knots ?? []).filter((k) => k >= xLo && k <= xHi);
  const xTitle = options.xLabel ?? msg().descriptive.splines.covariate;
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  return svgRoot(
    W,
    xTitleY + 8,
    {
      title: options.title ?? msg().descriptive.splines.curveTitle,
      description: msg().descriptive.splines.curveDescription(num(input.reference, 4), num(xLo, 4), num(xHi, 4), knots.length > 0 ? knots.map((k) => num(k, 4)).join(", ") : null),
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-hr-curve",
    },
    el("polygon", { points: band, fill: color, "fill-opacity": 0.15, stroke: "none", class: "ci-band" }),
    line(left, y(1), right, y(1), { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "reference" }),
    el("polyline", { points: curve, fill: "none", stroke: color, "stroke-width": 1.5, class: "hr-curve" }),
    el("circle", { cx: x(input.reference), cy: y(1), r: 2.5, fill: INK.reference, class: "reference-point" }),
    g({ class: "knots" }, ...knots.map((k) => line(x(k), bottom, x(k), bottom - 6, { stroke: INK.reference, "stroke-width": 1 }))),
    bottomAxis(xTicks.map((t) => ({ value: t, pos: x(t), label: xf(t) })), bottom, left, right, fs.small),
    leftAxis(shownY.map((t) => ({ value: t, pos: y(t), label: localizeDecimal(String(+t.toPrecision(3))) })), left, top, bottom, fs.small),
    text(centredTitleX((left + right) / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    verticalTitle(10 + fs.normal * 0.8, (top + bottom) / 2, msg().plot.hazardRatioLog, fs.normal),
    options.annotation ? text(left + 6, top + fs.normal * 1.2, options.annotation, { "font-size": fs.normal, class: "annotation" }) : null,
  );
}
