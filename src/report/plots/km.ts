/**
 * Kaplan–Meier figure: step curves per stratum, optional pointwise CI bands, censoring marks, median lines,
 * a caller-supplied annotation (log-rank p, HR), a legend and a numbers-at-risk table whose numbers sit
 * exactly under the time-axis ticks (same scale, same x attribute).
 *
 * Numbers at risk follow R's `summary(fit, times = t, extend = TRUE)$n.risk` (survival 3.5-3, `findrow` on
 * `survfit0(fit)`): the number at risk at the first observed time ≥ t, and 0 past the last observation.
 * For weighted curves these are weighted sums, printed rounded with the rounding stated in a caption.
 *
 * Geometry from d3-scale (linear scales, y ticks) and d3-shape (step-after line and area, 2 decimals);
 * pure: returns an SVG string, no DOM.
 */
import { scaleLinear } from "d3-scale";
import { area, curveStepAfter, line as d3line } from "d3-shape";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle, type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { type Svg, el, fitText, g, line, num, svgRoot, text, textWidth } from "./svg.js";
import { FONT_FAMILY, INK, PX_PER_MM, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";

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
}

/** A Kaplan–Meier result (`KaplanMeierResult` fits). */
export interface KmPlotInput {
  readonly strata: readonly KmPlotStratum[];
  readonly options?: { readonly confLevel?: number };
}

export type TimeUnit = "days" | "weeks" | "months" | "years";

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
  /** Where the annotation goes; default: bottom-left if the curves leave room there, else top-right if they do there, else above the plot. */
  readonly annotationPosition?: "bottom-left" | "top-right" | "above";
  /** Legend: "top" (above the plot, default), "inside-top-right" or "none". Default "none" with one stratum. */
  readonly legend?: "top" | "inside-top-right" | "none";
  /** Display names per stratum (in result order); default the strata names. */
  readonly labels?: readonly string[];
  /** Numbers-at-risk table under the plot; default true. */
  readonly riskTable?: boolean;
  /** Rounding of weighted numbers at risk: "round" (whole numbers, default) or "one-decimal". */
  readonly riskTableRounding?: "round" | "one-decimal";
  /** Whether the curves are weighted (caption + rounding); default: true when a number at risk is not an integer. */
  readonly weighted?: boolean;
  /** Series colours (hex); default Okabe–Ito. */
  readonly colors?: readonly string[];
  /** Font sizes in pt (each 8–14); default small 8 (ticks, risk table), normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title of the SVG; default "Kaplan–Meier survival curves". */
  readonly title?: string;
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
 */
export function numberAtRisk(stratum: { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number> }, t: number): number {
  const m = stratum.time.length;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stratum.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < m ? stratum.nRisk[lo] : 0;
}

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

function validate(input: KmPlotInput, o: KmPlotOptions): void {
  if (!input || !Array.isArray(input.strata)) throw new SurvinferError({ code: "INPUT_INVALID", message: "kmPlot needs a Kaplan–Meier result with strata[]" });
  for (const s of input.strata) {
    const m = s.time.length;
    const fields = [s.nRisk, s.nEvent, s.nCensor, s.surv, ...(s.lower ? [s.lower] : []), ...(s.upper ? [s.upper] : [])];
    if (fields.some((f) => f.length !== m)) throw new SurvinferError({ code: "INPUT_INVALID", message: `kmPlot: stratum "${s.name}" has arrays of different lengths` });
  }
  const oneOf = (name: string, v: unknown, allowed: readonly string[]): void => {
    if (v !== undefined && !allowed.includes(v as string)) throw optionError(name, `one of ${allowed.join(", ")}`, v);
  };
  oneOf("timeUnit", o.timeUnit, ["days", "weeks", "months", "years"]);
  oneOf("yScale", o.yScale, ["proportion", "percent"]);
  oneOf("legend", o.legend, ["top", "inside-top-right", "none"]);
  oneOf("annotationPosition", o.annotationPosition, ["bottom-left", "top-right", "above"]);
  oneOf("riskTableRounding", o.riskTableRounding, ["round", "one-decimal"]);
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
  for (const k of ["confInt", "censorMarks", "medianLines", "riskTable", "weighted"] as const) {
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
  const colors = validateColors(options.colors);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width);
  const strata = input.strata;
  const labels = options.labels ?? strata.map((s) => s.name);
  const percent = options.yScale === "percent";
  const riskTable = options.riskTable ?? true;
  const censorMarks = options.censorMarks ?? true;
  const legendMode = options.legend ?? (strata.length > 1 ? "top" : "none");

  // ---- time axis ticks
  let maxTime = 0;
  for (const s of strata) if (s.time.length > 0) maxTime = Math.max(maxTime, s.time[s.time.length - 1]);
  const maxIntervals = W > 500 ? 10 : 7;
  let breaks: number[];
  if (options.breaks) breaks = [...options.breaks];
  else if (options.breakBy) {
    const top = options.xMax ?? (maxTime > 0 ? maxTime : options.breakBy);
    const n = Math.max(1, Math.ceil(top / options.breakBy - 1e-9));
    breaks = Array.from({ length: n + 1 }, (_, i) => Number((i * options.breakBy!).toPrecision(12)));
  } else breaks = timeBreaks(options.xMax ?? maxTime, options.timeUnit, maxIntervals);
  const xMax = options.xMax ?? Math.max(breaks[breaks.length - 1], maxTime > 0 ? maxTime : 1);
  breaks = breaks.filter((b) => b <= xMax + 1e-9 * xMax);
  if (breaks.length === 0) breaks = [0];
  const xFmt = tickFormatter(breaks);
  const xLabels = breaks.map(xFmt);

  // ---- y axis
  const yTickValues = scaleLinear().domain([0, 1]).ticks(5);
  const yFmt = percent ? (v: number) => formatter(",.0f")(v * 100) : tickFormatter(yTickValues);
  const yLabels = yTickValues.map(yFmt);

  // ---- risk table values
  const weighted = options.weighted ?? strata.some((s) => Array.from(s.nRisk).some((v) => Math.abs(v - Math.round(v)) > 1e-9));
  const rounding = options.riskTableRounding ?? "round";
  const riskFmt = weighted && rounding === "one-decimal" ? formatter(",.1f") : formatter(",.0f");
  const riskCells = strata.map((s) => breaks.map((t) => riskFmt(weighted && rounding === "round" ? Math.round(numberAtRisk(s, t)) : numberAtRisk(s, t))));

  // ---- horizontal layout
  const yTickW = Math.max(...yLabels.map((l) => textWidth(l, fs.small)));
  const leftForAxis = yTickW + 13 + fs.normal * 0.95 + 4;
  const maxLabelW = W * 0.3;
  const riskLabels = labels.map((l) => fitText(l, fs.small, maxLabelW));
  const firstCellW = riskTable ? Math.max(0, ...riskCells.map((r) => textWidth(r[0], fs.small))) : 0;
  const riskLabelGap = firstCellW / 2 + 6;
  const riskLabelW = riskTable ? Math.max(0, ...riskLabels.map((l) => textWidth(l, fs.small))) + riskLabelGap + 4 : 0;
  const left = Math.max(leftForAxis, riskLabelW);
  const lastCellW = Math.max(textWidth(xLabels[xLabels.length - 1], fs.small), ...(riskTable ? riskCells.map((r) => textWidth(r[r.length - 1], fs.small)) : [0]));
  const right = Math.max(10, lastCellW / 2 + 4);
  const plotW = W - left - right;
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);

  // ---- legend rows (top)
  const swatch = 18;
  const legendItems = labels.map((l, i) => ({ label: fitText(l, fs.normal, plotW - swatch - 6), color: seriesColor(i, colors) }));
  const legendRows: { label: string; color: string; x: number }[][] = [];
  if (legendMode !== "none") {
    let row: { label: string; color: string; x: number }[] = [];
    let cx = 0;
    for (const it of legendItems) {
      const w = swatch + 4 + textWidth(it.label, fs.normal) + 14;
      if (legendMode === "top" && row.length > 0 && cx + w > plotW) {
        legendRows.push(row);
        row = [];
        cx = 0;
      }
      row.push({ ...it, x: cx });
      cx += w;
      if (legendMode === "inside-top-right") {
        legendRows.push(row);
        row = [];
        cx = 0;
      }
    }
    if (row.length > 0) legendRows.push(row);
  }
  const legendLineH = fs.normal * 1.35;
  const plotH = options.plotHeightMm !== undefined ? options.plotHeightMm * PX_PER_MM : plotW * (W > 500 ? 0.5 : 0.62);

  // annotation placement: bottom-left when the curves (and bands) stay above its box there, else top-right
  // when they stay below it there, else above the plot
  const annLines = options.annotation === undefined ? [] : typeof options.annotation === "string" ? [options.annotation] : [...options.annotation];
  const annLineH = fs.normal * 1.3;
  const insideLegendH = legendMode === "inside-top-right" ? legendRows.length * legendLineH + 8 : 0;
  let annPos: "bottom-left" | "top-right" | "above" = options.annotationPosition ?? "bottom-left";
  if (annLines.length > 0 && options.annotationPosition === undefined) {
    const boxW = Math.max(...annLines.map((l) => textWidth(l, fs.normal))) + 12;
    const boxS = (annLines.length * annLineH + 8) / plotH; // box height in survival units
    const survAt = (st: KmPlotStratum, t: number, arr: ArrayLike<number>): number => {
      let v = 1;
      for (let j = 0; j < st.time.length && st.time[j] <= t; j++) if (Number.isFinite(arr[j])) v = arr[j];
      return v;
    };
    const withBands = options.confInt === true;
    const bottomLeftFree = strata.every((st) => survAt(st, x.invert(left + boxW), withBands && st.lower ? st.lower : st.surv) > boxS);
    const topRightFree = strata.every((st) => survAt(st, x.invert(left + plotW - boxW), withBands && st.upper ? st.upper : st.surv) < 1 - boxS - insideLegendH / plotH);
    annPos = bottomLeftFree ? "bottom-left" : topRightFree ? "top-right" : "above";
  }
  const legendBlockH = legendMode === "top" ? legendRows.length * legendLineH + 2 : 0;
  const annAboveY = 8 + legendBlockH + fs.normal * 0.9;
  const top = 8 + fs.small * 0.4 + legendBlockH + (annPos === "above" ? annLines.length * annLineH + 4 : 0);
  const y = scaleLinear().domain([0, 1]).range([top + plotH, top]);
  const bottom = top + plotH;
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  const riskTitleY = xTitleY + fs.normal * 1.8;
  const riskRowH = fs.small * 1.45;
  const riskRowY = (i: number): number => riskTitleY + riskRowH * (i + 1);
  let H = xTitleY + 8;
  const captionY = riskRowY(strata.length - 1) + fs.small * 1.7;
  if (riskTable) H = (weighted ? captionY : riskRowY(strata.length - 1)) + 8;

  // ---- marks
  const stepLine = d3line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]))
    .curve(curveStepAfter)
    .digits(2);
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
    let last = 0;
    for (let j = 0; j < m && s.time[j] <= xMax; j++) {
      pts.push([s.time[j], s.surv[j]]);
      bandPts.push([s.time[j], s.lower ? s.lower[j] : NaN, s.upper ? s.upper[j] : NaN]);
      last = j;
    }
    if (m > 0 && s.time[m - 1] > xMax) {
      const sLast = pts[pts.length - 1][1];
      pts.push([xMax, sLast]);
      const b = bandPts[bandPts.length - 1];
      bandPts.push([xMax, b[1], b[2]]);
    }
    curves.push(el("path", { d: stepLine(pts) ?? "", fill: "none", stroke: color, "stroke-width": 1.5, class: "km-curve", "data-stratum": i }));
    if (options.confInt && s.lower && s.upper) {
      bands.push(el("path", { d: band(bandPts) ?? "", fill: color, "fill-opacity": 0.15, stroke: "none", class: "km-band", "data-stratum": i }));
    }
    if (censorMarks) {
      let d = "";
      const h = 2.6;
      for (let j = 0; j <= last && j < m; j++) {
        if (s.nCensor[j] > 0 && s.time[j] <= xMax) {
          const cx = x(s.time[j]);
          const cy = y(s.surv[j]);
          d += `M${num(cx - h)},${num(cy)}H${num(cx + h)}M${num(cx)},${num(cy - h)}V${num(cy + h)}`;
        }
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
  const xTitle = options.xLabel ?? (options.timeUnit ? `Time (${options.timeUnit})` : "Time");
  const yTitle = options.yLabel ?? (percent ? "Survival (%)" : "Survival probability");

  // ---- legend
  let legend: Svg | null = null;
  if (legendRows.length > 0) {
    const items: Svg[] = [];
    legendRows.forEach((row, r) => {
      const baseX = legendMode === "top" ? left : left + plotW - 6 - Math.max(...legendRows.map((rr) => swatch + 4 + textWidth(rr[0].label, fs.normal)));
      const ly = legendMode === "top" ? 8 + legendLineH * r + legendLineH / 2 : top + 8 + legendLineH * r + legendLineH / 2;
      for (const it of row) {
        items.push(
          g(
            { class: "legend-item" },
            line(baseX + it.x, ly, baseX + it.x + swatch, ly, { stroke: it.color, "stroke-width": 2 }),
            text(baseX + it.x + swatch + 4, ly + fs.normal * 0.35, it.label, { "font-size": fs.normal }),
          ),
        );
      }
    });
    legend = g({ class: "legend" }, ...items);
  }

  // ---- annotation
  let annotation: Svg | null = null;
  if (annLines.length > 0) {
    annotation = g(
      { class: "annotation" },
      ...annLines.map((l, k) =>
        annPos === "top-right"
          ? text(left + plotW - 6, top + 6 + insideLegendH + annLineH * k + fs.normal * 0.8, l, { "text-anchor": "end", "font-size": fs.normal })
          : annPos === "above"
            ? text(left, annAboveY + annLineH * k, l, { "font-size": fs.normal })
            : text(left + 6, bottom - 6 - annLineH * (annLines.length - 1 - k), l, { "font-size": fs.normal }),
      ),
    );
  }

  // ---- risk table
  let risk: Svg | null = null;
  if (riskTable) {
    const rows: Svg[] = [];
    strata.forEach((_, i) => {
      const color = seriesColor(i, colors);
      rows.push(
        g(
          { class: "risk-row", "data-stratum": i },
          text(left - riskLabelGap, riskRowY(i), riskLabels[i], { "text-anchor": "end", "font-size": fs.small, fill: color, class: "risk-label" }),
          ...breaks.map((b, k) => text(xTicks[k].pos, riskRowY(i), riskCells[i][k], { "text-anchor": "middle", "font-size": fs.small, class: "risk-n", "data-time": xLabels[k] })),
        ),
      );
    });
    risk = g(
      { class: "risk-table" },
      text(4, riskTitleY, weighted ? "Number at risk (weighted)" : "Number at risk", { "font-size": fs.normal, "font-weight": "bold", class: "risk-title" }),
      ...rows,
      weighted
        ? text(4, captionY, rounding === "round" ? "Weighted numbers at risk, rounded to whole numbers." : "Weighted numbers at risk, rounded to one decimal.", {
            "font-size": fs.small,
            "font-style": "italic",
            fill: INK.muted,
            class: "risk-caption",
          })
        : null,
    );
  }

  const names = labels.join(", ");
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? "Kaplan–Meier survival curves",
      description: `Kaplan–Meier estimates of survival${strata.length > 1 ? ` by group: ${names}` : ""}${riskTable ? ", with numbers at risk" : ""}.`,
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-km",
    },
    g({ class: "bands" }, ...bands),
    medians.length > 0 ? g({ class: "medians" }, ...medians) : null,
    g({ class: "curves" }, ...curves),
    marks.length > 0 ? g({ class: "censor-marks" }, ...marks) : null,
    leftAxis(yTicks, left, top, bottom, fs.small),
    verticalTitle(left - yTickW - 9 - fs.normal * 0.2, top + plotH / 2, yTitle, fs.normal),
    bottomAxis(xTicks, bottom, left, left + plotW, fs.small),
    text(centredTitleX(left + plotW / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    legend,
    annotation,
    risk,
  );
}

