/**
 * Kaplan–Meier figure: step curves per stratum, optional pointwise CI bands, censoring marks, median lines,
 * a caller-supplied annotation (log-rank p, HR), a legend and a numbers-at-risk table whose numbers sit
 * exactly under the time-axis ticks (same scale, same x attribute).
 *
 * Numbers at risk follow R's `summary(fit, times = t, extend = TRUE)$n.risk` (survival 3.5-3, `findrow` on
 * `survfit0(fit)`): the number at risk at the first observed time ≥ t, and 0 past the last observation.
 * For weighted curves that carry their unweighted count (`nRiskUnweighted`) the table prints patients at risk and
 * curves end by that count; otherwise weighted sums, printed rounded with the rounding stated in a caption.
 *
 * Geometry from d3-scale (linear scales, y ticks) and d3-shape (step-after line and area, 2 decimals);
 * pure: returns an SVG string, no DOM.
 */
import { scaleLinear } from "d3-scale";
import { area, curveStepAfter } from "d3-shape";
import { SurvinferError, optionError } from "../../errors.js";
import { type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { fitText, textWidth, wrapText } from "./svg.js";
import { type TimeUnit, annotationAboveY, annotationBox, annotationLineHeight, annotationLines, figureLook, figureRoot, fitLegendLabel, riskLabelLines, legendItem, legendItemWidth, legendLineHeight, legendRowY, legendRows, linesDown, linesUp, maxTextWidth, plotAxes, plotHeight, plotTop, riskPlotLayout, riskRowUntil, riskTableRows, riskTableSvg, scaledLine, stepValueAt, timeAxis, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, g, num, text } from "./svg.js";
import { INK, type FigureWidth, type FontSizes, seriesColor, seriesDash } from "./theme.js";
import { distinctMarkIndices, thinStep } from "./thin.js";
import { msg } from "../../i18n/messages.js";

export { timeBreaks, type TimeUnit } from "./layout.js";

/** The parts of a Kaplan–Meier stratum the figure reads (a `KaplanMeierStratum` fits). */
export interface KmPlotStratum {
  readonly name: string;
  readonly time: ArrayLike<number>;
  readonly nRisk: ArrayLike<number>;
  readonly nEvent: ArrayLike<number>;
  readonly nCensor: ArrayLike<number>;
  readonly surv: ArrayLike<number>;
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
  readonly median?: { readonly estimate: number | null };
  /** Delayed entry (counting-process data): entry times > 0 and the number entering at each. */
  readonly entered?: { readonly time: ArrayLike<number>; readonly n: ArrayLike<number> };
  /**
   * Weighted curves: the unweighted number of patients (or clones) at risk at each time. When given, curves are
   * cut and the numbers-at-risk table is printed from it ({@link patientsAtRisk}), not from the weighted `nRisk`.
   */
  readonly nRiskUnweighted?: ArrayLike<number>;
  /**
   * A curve listed at its event times only (clone–censor–weight): the unweighted number at risk as a step function
   * over every exit time (events and censorings), `n[j]` = #{follow-up ≥ `time[j]`}, `time` increasing. When given,
   * the numbers-at-risk table and the cut read it ({@link patientsAtRisk}): the count at each tick is the number
   * with follow-up ≥ the tick, as in every other risk table, not the risk set of the next event.
   */
  readonly atRisk?: { readonly time: ArrayLike<number>; readonly n: ArrayLike<number> };
}

/**
 * The count of patients at risk of a stratum, for cutting its curve and for the numbers-at-risk table: the
 * step function over every exit time when the stratum carries one (`atRisk`: its `time` and `n` in place of the
 * curve's), else the unweighted count when it carries one (weighted curves), else `nRisk`. A weighted 7 at risk may
 * be two patients; the "fewer than n patients at risk" rule is about patients. A weighted delayed-entry stratum keeps
 * its weighted `nRisk` (its `entered` counts are weighted too, and {@link numberAtRisk} combines the two).
 */
export function patientsAtRisk<S extends { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number>; readonly nRiskUnweighted?: ArrayLike<number>; readonly atRisk?: { readonly time: ArrayLike<number>; readonly n: ArrayLike<number> }; readonly entered?: unknown }>(
  s: S,
): Omit<S, "nRisk" | "time"> & { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number> } {
  if (s.entered !== undefined) return s;
  if (s.atRisk !== undefined) return { ...s, time: s.atRisk.time, nRisk: s.atRisk.n };
  return s.nRiskUnweighted === undefined ? s : { ...s, nRisk: s.nRiskUnweighted };
}

/** A Kaplan–Meier result (`KaplanMeierResult` fits). */
export interface KmPlotInput {
  readonly strata: readonly KmPlotStratum[];
  readonly options?: { readonly confLevel?: number };
}

export interface KmPlotOptions {
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Height of the plotting area in mm; default 0.62 × its width (0.5 × for widths over 132 mm). */
  readonly plotHeightMm?: number;
  /** Unit of the result's times: picks tick steps (months: every 6/12/24…; years: 1/2/5…) and the axis title. */
  readonly timeUnit?: TimeUnit;
  /** x-axis title; default "Time (unit)" or "Time". */
  readonly xLabel?: string;
  /** y-axis title; default "Survival probability" (or "Survival (%)" with yScale "percent"). */
  readonly yLabel?: string;
  /** "proportion" (0–1, default) or "percent" (0–100). */
  readonly yScale?: "proportion" | "percent";
  /** Explicit tick times (≥ 0, increasing); overrides breakBy and the automatic choice. */
  readonly breaks?: readonly number[];
  /** Tick every `breakBy` time units from 0 (e.g. 12 for months). */
  readonly breakBy?: number;
  /** End of the time axis; default the last tick at or after the last observed time. Curves are cut there. */
  readonly xMax?: number;
  /** Shade pointwise confidence bands (the result's lower/upper); default false. */
  readonly confInt?: boolean;
  /** "+" marks at censoring times; default true. */
  readonly censorMarks?: boolean;
  /** Dashed lines at S = 0.5 down to each stratum's median; default false. */
  readonly medianLines?: boolean;
  /** Text lines placed in the plot, e.g. "Log-rank p = 0.044" (escaped). */
  readonly annotation?: string | readonly string[];
  /** Font of the annotation: "normal" (default) or "small" (the compact annotation of a single-column figure). */
  readonly annotationSize?: "normal" | "small";
  /**
   * Height at most this × the width (risk tables included): the plotting area is made lower, down to 0.45 × its width,
   * until the figure fits (a single-column figure: 1.1). Default: no bound.
   */
  readonly maxAspect?: number;
  /** Where the annotation goes; default: bottom-left if the curves leave room there, else top-right if they do there, else above the plot. */
  readonly annotationPosition?: "bottom-left" | "top-right" | "above";
  /** Legend: "top" (above the plot, default), "inside-top-right" or "none". Default "none" with one stratum. */
  readonly legend?: "top" | "inside-top-right" | "none";
  /** Display names per stratum (in result order); default the strata names. */
  readonly labels?: readonly string[];
  /** Numbers-at-risk table under the plot; default true. */
  readonly riskTable?: boolean;
  /**
   * A cumulative-events table under the numbers at risk, as survminer's `ggsurvplot(cumevents = TRUE)`: per
   * stratum the number of events up to and including each tick time (weighted sums for weighted curves,
   * rounded as the numbers at risk); default false.
   */
  readonly cumulativeEvents?: boolean;
  /** Rounding of weighted numbers at risk: "round" (whole numbers, default) or "one-decimal". */
  readonly riskTableRounding?: "round" | "one-decimal";
  /** Whether the curves are weighted (caption + rounding); default: true when a number at risk is not an integer. */
  readonly weighted?: boolean;
  /** Series colours (hex); default Okabe–Ito. */
  readonly colors?: readonly string[];
  /**
   * End each curve where fewer than this many patients remain at risk (the estimate is then too
   * unstable to draw); default 0 (draw to the last observation). The report passes 5 and says so in the caption.
   */
  readonly minAtRisk?: number;
  /** Line types per stratum (solid, dashed, …) so that curves stay apart in greyscale; default true. */
  readonly lineTypes?: boolean;
  /** Title before the legend entries, e.g. the treatment's label; default none. */
  readonly legendTitle?: string;
  /** Font sizes in pt (each 8–14); default small 8 (ticks, risk table), normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title of the SVG; default "Kaplan–Meier survival curves". */
  readonly title?: string;
}

/**
 * Cumulative number of events up to and including time t (survminer's `cumevents`: the sum of n.event over
 * the times ≤ t).
 *
 * @example
 * ```ts
 * cumulativeEventsAt({ time: [2, 5, 9], nEvent: [1, 0, 2] }, 6); // 1
 * ```
 */
export function cumulativeEventsAt(stratum: { readonly time: ArrayLike<number>; readonly nEvent: ArrayLike<number> }, t: number): number {
  let sum = 0;
  for (let j = 0; j < stratum.time.length && stratum.time[j] <= t; j++) sum += stratum.nEvent[j];
  return sum;
}

/**
 * Number at risk at time t as R's `summary(fit, times = t, extend = TRUE)` reports it: `nRisk` at the first
 * observed (event or censoring) time ≥ t; before the first time that is the starting risk set; 0 past the
 * last observed time. Weighted curves give the weighted number. `time` must be increasing (as in a result).
 *
 * @example
 * ```ts
 * const s = { time: [2, 5, 9], nRisk: [10, 7, 3] };
 * numberAtRisk(s, 0); // 10
 * numberAtRisk(s, 5); // 7 (at risk just before 5)
 * numberAtRisk(s, 6); // 3
 * numberAtRisk(s, 10); // 0
 * ```
 * With delayed entry (`entered`, counting-process data such as the Simon–Makuch curves), R's summary()
 * would report the risk set of the next observed time, counting patients who enter later (e.g. a treated
 * curve "at risk" at t = 0 before anyone is treated); here the number at risk at t is #{entry < t ≤ exit},
 * as survfit's n.risk at its own times, and #{entry = 0} at t = 0.
 */
export function numberAtRisk(stratum: { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number>; readonly entered?: { readonly time: ArrayLike<number>; readonly n: ArrayLike<number> } }, t: number): number {
  const m = stratum.time.length;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stratum.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= m) return 0;
  const e = stratum.entered;
  if (e === undefined) return stratum.nRisk[lo];
  // delayed entry: nRisk counts entry < t_lo ≤ exit; those entering in [t, t_lo) are not yet at risk at t
  // (at t = 0, those entering after 0), so at risk at t is #{entry < t ≤ exit} (#{entry = 0} at t = 0)
  const next = stratum.time[lo];
  let notYet = 0;
  for (let k = 0; k < e.time.length; k++) if ((t > 0 ? e.time[k] >= t : e.time[k] > 0) && e.time[k] < next) notYet += e.n[k];
  return stratum.nRisk[lo] - notYet;
}

/** A stratum's last observed time: its last listed time, or its last exit when `atRisk` lists exits past it; 0 when empty. */
function lastObserved(s: KmPlotStratum): number {
  const last = s.time.length > 0 ? s.time[s.time.length - 1] : 0;
  const exits = s.atRisk?.time;
  return exits !== undefined && exits.length > 0 ? Math.max(last, exits[exits.length - 1]) : last;
}

function validate(input: KmPlotInput, o: KmPlotOptions): void {
  if (!input || !Array.isArray(input.strata)) throw new SurvinferError({ code: "INPUT_INVALID", message: "kmPlot needs a Kaplan–Meier result with strata[]" });
  for (const s of input.strata) {
    const m = s.time.length;
    const fields = [s.nRisk, s.nEvent, s.nCensor, s.surv, ...(s.lower ? [s.lower] : []), ...(s.upper ? [s.upper] : []), ...(s.nRiskUnweighted ? [s.nRiskUnweighted] : [])];
    if (fields.some((f) => f.length !== m)) throw new SurvinferError({ code: "INPUT_INVALID", message: `kmPlot: stratum "${s.name}" has arrays of different lengths` });
    if (s.atRisk !== undefined && s.atRisk.time.length !== s.atRisk.n.length) throw new SurvinferError({ code: "INPUT_INVALID", message: `kmPlot: stratum "${s.name}" has an atRisk step function with ${s.atRisk.time.length} times and ${s.atRisk.n.length} counts` });
  }
  const oneOf = (name: string, v: unknown, allowed: readonly string[]): void => {
    if (v !== undefined && !allowed.includes(v as string)) throw optionError(name, `one of ${allowed.join(", ")}`, v);
  };
  validateTimeUnit(o.timeUnit);
  oneOf("yScale", o.yScale, ["proportion", "percent"]);
  oneOf("legend", o.legend, ["top", "inside-top-right", "none"]);
  oneOf("annotationPosition", o.annotationPosition, ["bottom-left", "top-right", "above"]);
  oneOf("riskTableRounding", o.riskTableRounding, ["round", "one-decimal"]);
  oneOf("annotationSize", o.annotationSize, ["normal", "small"]);
  if (o.maxAspect !== undefined && !(typeof o.maxAspect === "number" && o.maxAspect >= 0.5 && o.maxAspect <= 3)) throw optionError("maxAspect", "a ratio of height to width between 0.5 and 3", o.maxAspect);
  if (o.breaks !== undefined) {
    const b = o.breaks;
    if (!Array.isArray(b) || b.length === 0 || b.some((x, i) => typeof x !== "number" || !Number.isFinite(x) || x < 0 || (i > 0 && x <= b[i - 1]))) {
      throw optionError("breaks", "increasing finite times ≥ 0", b);
    }
  }
  if (o.breakBy !== undefined && !(typeof o.breakBy === "number" && o.breakBy > 0 && Number.isFinite(o.breakBy))) throw optionError("breakBy", "a positive number", o.breakBy);
  if (o.xMax !== undefined && !(typeof o.xMax === "number" && o.xMax > 0 && Number.isFinite(o.xMax))) throw optionError("xMax", "a positive number", o.xMax);
  if (o.plotHeightMm !== undefined && !(typeof o.plotHeightMm === "number" && o.plotHeightMm >= 20 && o.plotHeightMm <= 300)) throw optionError("plotHeightMm", "a height in mm between 20 and 300", o.plotHeightMm);
  if (o.labels !== undefined && (!Array.isArray(o.labels) || o.labels.length !== input.strata.length || o.labels.some((l) => typeof l !== "string"))) {
    throw optionError("labels", `${input.strata.length} strings (one per stratum)`, o.labels);
  }
  if (o.minAtRisk !== undefined && !(typeof o.minAtRisk === "number" && Number.isInteger(o.minAtRisk) && o.minAtRisk >= 0)) throw optionError("minAtRisk", "a whole number ≥ 0", o.minAtRisk);
  for (const k of ["confInt", "censorMarks", "medianLines", "riskTable", "weighted", "lineTypes", "cumulativeEvents"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "boolean") throw optionError(k, "true or false", o[k]);
  }
}

/**
 * Kaplan–Meier plot with a numbers-at-risk table, as an SVG string (journal column width, Okabe–Ito colours).
 *
 * Curves: Ŝ(t) as a right-continuous step function from (0, 1), drawn to the last observed time of each
 * stratum; bands: the result's pointwise limits (R's `plot(fit, conf.int = TRUE)`); "+" marks at censoring
 * times (R's `mark.time = TRUE`). Numbers at risk at each tick t: {@link numberAtRisk}, i.e. R's
 * `summary(fit, times = breaks, extend = TRUE)$n.risk`, the same convention as survminer's risk table.
 *
 * @example
 * ```ts
 * import { kaplanMeier } from "../../survival/kaplan-meier.js";
 * const fit = kaplanMeier({ time: Float64Array.from([3, 8, 12, 20, 26, 30]), status: Int32Array.from([1, 0, 1, 1, 0, 1]) });
 * const svg = kmPlot(fit, { timeUnit: "months", annotation: "n = 6" });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function kmPlot(input: KmPlotInput, options: KmPlotOptions = {}): string {
  validate(input, options);
  const { colors, fs, W } = figureLook(options);
  const strata = input.strata;
  const labels = options.labels ?? strata.map((s) => s.name);
  const percent = options.yScale === "percent";
  const riskTable = options.riskTable ?? true;
  const censorMarks = options.censorMarks ?? true;
  const legendMode = options.legend ?? (strata.length > 1 ? "top" : "none");

  const dashOf = (i: number): string | null => (options.lineTypes === false ? null : seriesDash(i));
  // where each curve ends: the last time at which at least minAtRisk patients are at risk, before the tail in which
  // fewer remain (with delayed entry a risk set may start small and grow, which is not cut); Infinity: never
  const minAtRisk = options.minAtRisk ?? 0;
  // patients, not weighted sums: a weighted curve carries its unweighted count (nRiskUnweighted)
  const counted = strata.map(patientsAtRisk);
  const cutAt = counted.map((s) => {
    let j = s.time.length;
    while (j > 0 && s.nRisk[j - 1] < minAtRisk) j--;
    // the last time with at least minAtRisk at risk: after it fewer remain (n(t) = #{T ≥ t} drops at the next time)
    return j === s.time.length ? Infinity : j === 0 ? 0 : s.time[j - 1];
  });

  // ---- time axis ticks (to the last time drawn)
  let maxTime = 0;
  strata.forEach((s, i) => {
    if (s.time.length > 0 || (s.atRisk?.time.length ?? 0) > 0) maxTime = Math.max(maxTime, Math.min(lastObserved(s), cutAt[i]));
  });
  let explicitBreaks: number[] | undefined;
  if (options.breaks) explicitBreaks = [...options.breaks];
  else if (options.breakBy) {
    const top = options.xMax ?? (maxTime > 0 ? maxTime : options.breakBy);
    const n = Math.max(1, Math.ceil(top / options.breakBy - 1e-9));
    explicitBreaks = Array.from({ length: n + 1 }, (_, i) => Number((i * options.breakBy!).toPrecision(12)));
  }
  const { breaks, xMax } = timeAxis(maxTime, W, options.timeUnit, options.xMax, explicitBreaks);
  const xFmt = tickFormatter(breaks);
  const xLabels = breaks.map(xFmt);

  // ---- y axis
  const yTickValues = scaleLinear().domain([0, 1]).ticks(5);
  const yFmt = percent ? (v: number) => formatter(",.0f")(v * 100) : tickFormatter(yTickValues);
  const yLabels = yTickValues.map(yFmt);

  // ---- risk table values: unweighted patients when every stratum carries the count (then labelled as patients),
  // else the result's nRisk (weighted sums for weighted curves, labelled and rounded as such)
  const unweightedCounts = strata.length > 0 && strata.every((s) => (s.nRiskUnweighted !== undefined || s.atRisk !== undefined) && s.entered === undefined);
  const weightedSums = options.weighted ?? strata.some((s) => Array.from(s.nRisk).some((v) => Math.abs(v - Math.round(v)) > 1e-9));
  const weighted = weightedSums && !unweightedCounts;
  const rounding = options.riskTableRounding ?? "round";
  const riskFmt = weighted && rounding === "one-decimal" ? formatter(",.1f") : formatter(",.0f");
  // each row stops where its curve stops (cutAt): no number under a part of the axis the curve is not drawn on
  const riskCells = (unweightedCounts ? counted : strata).map((s, i) => riskRowUntil(breaks, cutAt[i], (t) => riskFmt(weighted && rounding === "round" ? Math.round(numberAtRisk(s, t)) : numberAtRisk(s, t))));
  const cumEvents = options.cumulativeEvents === true;
  // cumulative events stay the result's (weighted) sums, labelled as such
  const eventFmt = weightedSums && rounding === "one-decimal" ? formatter(",.1f") : formatter(",.0f");
  const eventCells = cumEvents ? strata.map((s, i) => riskRowUntil(breaks, cutAt[i], (t) => eventFmt(weightedSums && rounding === "round" ? Math.round(cumulativeEventsAt(s, t)) : cumulativeEventsAt(s, t)))) : [];

  // ---- horizontal layout (margins fit the widest cell of either table)
  const yTickW = maxTextWidth(yLabels, fs.small);
  // row labels wider than 30% of the figure wrap onto further lines (a strategy's name need not squeeze the plot)
  const { riskLabels, riskLabelGap, left, plotW } = riskPlotLayout(W, yAxisMargin(yTickW, fs), labels, xLabels, [...riskCells, ...eventCells], riskTable || cumEvents, fs);
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);

  // ---- legend rows (top, or one item a row inside the plot)
  const swatch = 18;
  // a top legend whose labels do not fit beside the plot takes the figure's width (a strategy's name on one column)
  const wide = legendMode === "top" && labels.some((l) => fitLegendLabel(l, fs, plotW, swatch) !== l);
  const legendW = wide ? W - 8 : plotW;
  // a label longer than even that wraps: one entry a row, its further lines under its first (`cont`: no swatch)
  const wrapped = wide && labels.some((l) => fitLegendLabel(l, fs, legendW, swatch) !== l);
  const legendItems = labels.map((l, i) => ({ label: fitLegendLabel(l, fs, legendW, swatch), color: seriesColor(i, colors), dash: dashOf(i), cont: false }));
  const legend: (typeof legendItems[number] & { x: number })[][] =
    legendMode === "none"
      ? []
      : wrapped
        ? labels.flatMap((l, i) => riskLabelLines(l, { ...fs, small: fs.normal }, legendW - swatch - 6).map((line, k) => [{ ...legendItems[i], label: line, cont: k > 0, x: 0 }]))
        : legendRows(legendItems, fs, swatch, legendW, { breakBefore: () => legendMode === "inside-top-right" });
  const legendLineH = legendLineHeight(fs);

  // annotation placement: bottom-left when the curves (and bands) stay above its box there, else top-right
  // when they stay below it there, else above the plot
  // lines longer than the plot is wide are wrapped (never drawn past the figure's edge); the compact annotation of a
  // single-column figure is in the small font (annFs: the font sizes with its size as the normal one)
  const annFs = options.annotationSize === "small" ? { ...fs, normal: fs.small } : fs;
  const annLines = annotationLines(options.annotation).flatMap((l) => wrapText(l, annFs.normal, plotW - 12));
  const annLineH = annotationLineHeight(annFs);
  const insideLegendH = legendMode === "inside-top-right" ? legend.length * legendLineH + 8 : 0;
  // a legend title (top legend only) takes a line of its own above the entries
  const legendTitleRows = legendMode === "top" && options.legendTitle !== undefined && options.legendTitle !== "" ? 1 : 0;
  const legendBlockH = legendMode === "top" ? (legend.length + legendTitleRows) * legendLineH + 2 : 0;
  const labelLines = riskLabels.map((l) => l.length);
  // the vertical layout for a plotting area plotH high: where the annotation goes, the plot's top and bottom, the
  // tables under it and the figure's height
  const layout = (plotH: number) => {
    let annPos: "bottom-left" | "top-right" | "above" = options.annotationPosition ?? "bottom-left";
    if (annLines.length > 0 && options.annotationPosition === undefined) {
      const box = annotationBox(annLines, annFs, annLineH);
      const boxS = box.h / plotH; // box height in survival units
      const withBands = options.confInt === true;
      const bottomLeftFree = strata.every((st) => stepValueAt(st.time, withBands && st.lower ? st.lower : st.surv, x.invert(left + box.w)) > boxS);
      const topRightFree = strata.every((st) => stepValueAt(st.time, withBands && st.upper ? st.upper : st.surv, x.invert(left + plotW - box.w)) < 1 - boxS - insideLegendH / plotH);
      annPos = bottomLeftFree ? "bottom-left" : topRightFree ? "top-right" : "above";
    }
    const top = plotTop(legendBlockH, annPos === "above" ? annLines.length * annLineH + 4 : 0, fs);
    const bottom = top + plotH;
    const xTitleY = xTitleBaseline(bottom, fs);
    const risk = riskTableRows(xTitleY, fs, labelLines);
    const captionY = risk.captionY(strata.length);
    const tablesEnd = riskTable ? (weighted ? captionY : risk.lastY(strata.length - 1)) : xTitleY;
    // the cumulative-events table starts under the numbers at risk (or under the x-axis title)
    const events = riskTableRows(tablesEnd, fs, labelLines);
    const H = (cumEvents ? events.lastY(strata.length - 1) : tablesEnd) + 8;
    return { annPos, top, bottom, xTitleY, risk, captionY, events, H };
  };
  let plotH = plotHeight(plotW, W, options.plotHeightMm);
  let lay = layout(plotH);
  // a bound on the height (single column: 1.1 × the width): a lower plotting area, not less than 0.45 × its width
  const maxH = options.maxAspect === undefined ? Infinity : options.maxAspect * W;
  const minPlotH = Math.min(plotH, 0.45 * plotW);
  for (let k = 0; k < 4 && lay.H > maxH && plotH > minPlotH; k++) {
    plotH = Math.max(minPlotH, plotH - (lay.H - maxH));
    lay = layout(plotH);
  }
  const { annPos, top, bottom, xTitleY, risk, captionY, events, H } = lay;
  const y = scaleLinear().domain([0, 1]).range([top + plotH, top]);

  // ---- marks
  const stepLine = scaledLine(x, y, curveStepAfter);
  const band = area<[number, number, number]>()
    .defined((d) => Number.isFinite(d[1]) && Number.isFinite(d[2]))
    .x((d) => x(d[0]))
    .y0((d) => y(d[1]))
    .y1((d) => y(d[2]))
    .curve(curveStepAfter)
    .digits(2);

  const curves: Svg[] = [];
  const bands: Svg[] = [];
  const marks: Svg[] = [];
  const medians: Svg[] = [];
  strata.forEach((s, i) => {
    const color = seriesColor(i, colors);
    const pts: [number, number][] = [[0, 1]];
    const bandPts: [number, number, number][] = [[0, 1, 1]];
    const m = s.time.length;
    let last = -1;
    const cut = cutAt[i];
    for (let j = 0; j < m && s.time[j] <= xMax && s.time[j] <= cut; j++) {
      pts.push([s.time[j], s.surv[j]]);
      bandPts.push([s.time[j], s.lower ? s.lower[j] : NaN, s.upper ? s.upper[j] : NaN]);
      last = j;
    }
    if (Number.isFinite(cut) && cut <= xMax) {
      // truncated: the curve stops at the last time with minAtRisk or more at risk
      const b = bandPts[bandPts.length - 1];
      pts.push([cut, pts[pts.length - 1][1]]);
      bandPts.push([cut, b[1], b[2]]);
    } else if (lastObserved(s) > xMax) {
      const sLast = pts[pts.length - 1][1];
      pts.push([xMax, sLast]);
      const b = bandPts[bandPts.length - 1];
      bandPts.push([xMax, b[1], b[2]]);
    } else if (lastObserved(s) > pts[pts.length - 1][0]) {
      // a curve listed at its event times only (atRisk): flat from its last death to the end of its follow-up
      const b = bandPts[bandPts.length - 1];
      pts.push([lastObserved(s), pts[pts.length - 1][1]]);
      bandPts.push([lastObserved(s), b[1], b[2]]);
    }
    // above 2 points per px of plot width, thinned to what the figure can show (src/report/plots/thin.ts)
    curves.push(el("path", { d: stepLine(thinStep(pts, x, plotW)) ?? "", fill: "none", stroke: color, "stroke-width": 1.5, "stroke-dasharray": dashOf(i), class: "km-curve", "data-stratum": i }));
    if (options.confInt && s.lower && s.upper) {
      bands.push(el("path", { d: band(thinStep(bandPts, x, plotW)) ?? "", fill: color, "fill-opacity": 0.15, stroke: "none", class: "km-band", "data-stratum": i }));
    }
    if (censorMarks) {
      let d = "";
      const h = 2.6;
      const cxs: number[] = [];
      const cys: number[] = [];
      for (let j = 0; j <= last && j < m; j++) {
        if (s.nCensor[j] > 0 && s.time[j] <= xMax) {
          cxs.push(x(s.time[j]));
          cys.push(y(s.surv[j]));
        }
      }
      for (const k of distinctMarkIndices(cxs, cys, plotW)) {
        const cx = cxs[k];
        const cy = cys[k];
        d += `M${num(cx - h)},${num(cy)}H${num(cx + h)}M${num(cx)},${num(cy - h)}V${num(cy + h)}`;
      }
      if (d) marks.push(el("path", { d, fill: "none", stroke: color, "stroke-width": 1, class: "km-censor", "data-stratum": i }));
    }
    const med = s.median?.estimate;
    if (options.medianLines && med !== null && med !== undefined && Number.isFinite(med) && med <= xMax) {
      medians.push(
        el("path", {
          d: `M${num(x(0))},${num(y(0.5))}H${num(x(med))}V${num(y(0))}`,
          fill: "none",
          stroke: INK.reference,
          "stroke-width": 0.75,
          "stroke-dasharray": "3,2",
          class: "km-median",
          "data-stratum": i,
        }),
      );
    }
  });

  // ---- axes
  const xTicks: AxisTick[] = breaks.map((b, k) => ({ value: b, pos: x(b), label: xLabels[k] }));
  const yTicks: AxisTick[] = yTickValues.map((v, k) => ({ value: v, pos: y(v), label: yLabels[k] }));
  const xTitle = timeAxisTitle(options.timeUnit, options.xLabel);
  // a default title longer than the plot is high (German "Überlebenswahrscheinlichkeit" on one column) says "Survival"
  const yTitle = options.yLabel ?? (percent ? msg().plot.survivalPercent : textWidth(msg().plot.survivalProbability, fs.normal) > plotH ? msg().plot.survivalShort : msg().plot.survivalProbability);

  // ---- legend
  // inside the plot, rows are right-aligned on the widest first entry
  const legendX = legendMode === "top" ? (wide ? 4 : left) : left + plotW - 6 - Math.max(...legend.map((r) => legendItemWidth(r[0].label, fs, swatch, 0)));
  const legendY0 = legendMode === "top" ? 8 + legendTitleRows * legendLineH : top + 8;
  const legendTitleSvg = legendTitleRows > 0 ? text(legendX, legendRowY(0, legendLineH) + fs.normal * 0.35, fitText(options.legendTitle as string, fs.normal, legendW), { "font-size": fs.normal, "font-weight": "bold", class: "legend-title" }) : null;
  const legendItemsSvg = legend.flatMap((row, r) =>
    row.map((it) =>
      it.cont
        ? text(legendX + it.x + swatch + 4, legendRowY(r, legendLineH, legendY0) + fs.normal * 0.35, it.label, { "font-size": fs.normal, class: "legend-continued" })
        : legendItem(legendX + it.x, legendRowY(r, legendLineH, legendY0), it.label, { swatch, fs, stroke: it.color, dash: it.dash }),
    ),
  );
  const legendSvg = legendItemsSvg.length > 0 ? g({ class: "legend" }, legendTitleSvg, ...legendItemsSvg) : null;

  // ---- annotation
  const annFont = { "font-size": annFs.normal };
  const annotation =
    annLines.length === 0
      ? null
      : g(
          { class: "annotation" },
          ...(annPos === "top-right"
            ? annLines.map((l, k) => text(left + plotW - 6, top + 6 + insideLegendH + annLineH * k + annFs.normal * 0.8, l, { "text-anchor": "end", "font-size": annFs.normal }))
            : annPos === "above"
              ? linesDown(annLines, left, annotationAboveY(legendBlockH, annFs), annLineH, annFont)
              : linesUp(annLines, left + 6, bottom - 6, annLineH, annFont)),
        );

  // ---- risk table
  const riskTitle = weighted ? msg().plot.numberAtRiskWeighted : msg().plot.numberAtRisk;
  const caption = weighted ? { y: captionY, text: rounding === "round" ? msg().plot.weightedAtRiskWhole : msg().plot.weightedAtRiskOneDecimal } : null;
  const riskSvg = riskTable ? riskTableSvg({ title: riskTitle, rows: risk, labelX: left - riskLabelGap, labels: riskLabels, color: (i) => seriesColor(i, colors), cells: riskCells, xTicks, rowKey: "data-stratum", caption, fs }) : null;
  const eventsSvg = cumEvents
    ? g({ class: "cumulative-events" }, riskTableSvg({ title: weightedSums ? "Cumulative number of events (weighted)" : "Cumulative number of events", rows: events, labelX: left - riskLabelGap, labels: riskLabels, color: (i) => seriesColor(i, colors), cells: eventCells, xTicks, rowKey: "data-stratum", fs }))
    : null;

  const names = labels.join(", ");
  return figureRoot(
    "km",
    W,
    H,
    fs,
    {
      title: options.title ?? msg().plot.kmTitle,
      description: msg().descriptive.kmDescription(strata.length > 1 ? names : null, riskTable, cumEvents),
    },
    g({ class: "bands" }, ...bands),
    medians.length > 0 ? g({ class: "medians" }, ...medians) : null,
    g({ class: "curves" }, ...curves),
    marks.length > 0 ? g({ class: "censor-marks" }, ...marks) : null,
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle, fs }),
    legendSvg,
    annotation,
    riskSvg,
    eventsSvg,
  );
}
