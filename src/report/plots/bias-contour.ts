/**
 * Bias-analysis contour figure: for an unmeasured binary confounder with prevalence p0 among the untreated
 * (x axis) and p1 among the treated (y axis), one line per confounder–outcome HR γ where the adjusted HR
 * equals 1 (solid) and where the confidence limit closer to 1 reaches 1 (dashed) — the contours HR/B = 1
 * of src/sensitivity/bias-analysis.ts (VanderWeele & Arah 2011). Confounders beyond a solid line explain
 * the estimate away; beyond a dashed line, its statistical significance. The figure draws the tipping
 * points of the result only (straight lines: p1 is linear in p0) and never recomputes them.
 * Pure: result in, SVG string out; labels escaped; numbers rounded; deterministic.
 */
import { localizeDecimal } from "../../i18n/language.js";
import { scaleLinear } from "d3-scale";
import { SurvinferError } from "../../errors.js";
import type { BiasAnalysisResult } from "../../sensitivity/bias-analysis.js";
import type { AxisTick } from "./axis.js";
import { figureLook, figureRoot, legendItem, legendLineHeight, legendRowY, maxTextWidth, plotAxes, yAxisMargin, type FigureLookOptions } from "./layout.js";
import { type Svg, g, line, num, text } from "./svg.js";
import { msg } from "../../i18n/messages.js";
import { INK, seriesColor } from "./theme.js";

export interface BiasContourOptions extends FigureLookOptions {
  /** Accessible title; default "Bias analysis: unmeasured binary confounder". */
  readonly title?: string;
}

/**
 * @example
 * ```ts
 * const r = biasAnalysis({ hr: 0.6, lower: 0.4, upper: 0.9 });
 * biasContourPlot(r).startsWith("<svg"); // true
 * ```
 */
export function biasContourPlot(r: BiasAnalysisResult, options: BiasContourOptions = {}): string {
  if (!r || !Array.isArray(r.panels) || r.panels.length === 0) throw new SurvinferError({ code: "INPUT_INVALID", message: "biasContourPlot: needs a bias-analysis result with at least one γ" });
  const { colors, fs, W } = figureLook(options);
  const lineH = legendLineHeight(fs);
  const legendH = lineH * (r.panels.length + 1) + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const labels = ticks.map((v) => `${Math.round(v * 100)}%`);
  const yTickW = maxTextWidth(labels, fs.small);
  const left = yAxisMargin(yTickW, fs);
  // half the last x tick label sticks out right of the plot
  const right = maxTextWidth(["100%"], fs.small) / 2 + 4;
  const top = legendH + 6;
  const plotW = W - left - right;
  const plotH = Math.min(plotW, 260);
  const bottom = top + plotH;
  const H = bottom + 40;
  const x = scaleLinear().domain([0, 1]).range([left, left + plotW]);
  const y = scaleLinear().domain([0, 1]).range([bottom, top]);
  const xTicks: AxisTick[] = ticks.map((v) => ({ value: v, pos: x(v), label: `${Math.round(v * 100)}%` }));
  const yTicks: AxisTick[] = ticks.map((v) => ({ value: v, pos: y(v), label: `${Math.round(v * 100)}%` }));
  const series: Svg[] = [];
  r.panels.forEach((p, k) => {
    const color = seriesColor(k, colors);
    for (const [seg, dash] of [[p.tippingHrSegment, null], [p.tippingCiSegment, "5,3"]] as const) {
      if (seg === null) continue;
      series.push(line(x(seg.from[0]), y(seg.from[1]), x(seg.to[0]), y(seg.to[1]), { stroke: color, "stroke-width": 1.5, "stroke-dasharray": dash, class: "tipping-line" }));
    }
  });
  const legend = g(
    { class: "legend" },
    ...r.panels.map((p, k) => legendItem(left, legendRowY(k, lineH), msg().effects.contourLegend(localizeDecimal(String(p.gamma))), { swatch: 18, fs, stroke: seriesColor(k, colors) })),
    text(left, legendRowY(r.panels.length, lineH) + fs.small * 0.35, msg().effects.contourLines, { "font-size": fs.small, fill: INK.muted }),
  );
  return figureRoot(
    "bias-contour",
    W,
    H,
    fs,
    { title: options.title ?? msg().effects.contourTitle, description: msg().effects.contourDescription(num(r.observed.hr, 2), num(r.observed.lower, 2), num(r.observed.upper, 2)) },
    legend,
    line(x(0), y(0), x(1), y(1), { stroke: INK.grid, "stroke-width": 0.75, class: "no-bias" }),
    ...series,
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle: msg().effects.contourX, xTitleY: bottom + 32, yTitle: msg().effects.contourY, fs }),
  );
}
