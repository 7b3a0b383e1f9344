/**
 * Proportional-hazards diagnostic plot (Grambsch & Therneau 1994, doi:10.1093/biomet/81.3.515): the scaled
 * Schoenfeld residuals of one coefficient against transformed event time, with a LOWESS smooth (an
 * estimate of β(t)), a dashed line at the model's β̂ and one at 0, and the PH test p of the term.
 * Under proportional hazards β(t) is flat at β̂.
 *
 * Reads a `CoxZphResult` (`x`, `time`, `y`, `terms`, `transform`; e.g. `coxph(...).zph`).
 *
 * R equivalent: `plot(cox.zph(fit), var = j, resid = TRUE, se = TRUE); abline(h = coef(fit)[j], lty = 3)`.
 * Deliberate difference: R's `plot.cox.zph` draws a natural-spline fit (`ns(df = 4)`) with ±2 SE bands;
 * survinfer draws R's `lowess(x, y)` (f = 2/3, iter = 3; src/math/lowess.ts, equal to R's to 1e-10), the
 * smooth of Grambsch & Therneau's paper and of Therneau & Grambsch (2000, §6.2), without a band.
 *
 * Time axis: the points sit on the transformed scale the test used (`x`). For "identity" the ticks are
 * times; for "log" they are round times at log(t); for "km" and "rank" (not a closed-form function of t)
 * they are, as in R's plot.cox.zph, times rounded to 2 significant digits at evenly spaced positions of
 * the transformed scale, placed at their transformed value by linear interpolation of the (time, x)
 * pairs of the events. The axis title names the scale.
 *
 * Pure: returns an SVG string (d3-scale, d3-shape; numbers rounded to 2 decimals).
 */
import { scaleLinear } from "d3-scale";
import { line as d3line } from "d3-shape";
import { SurvinferError, optionError } from "../../errors.js";
import { lowess } from "../../math/lowess.js";
import { type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { pPhrase } from "../number-format.js";
import { type TimeUnit, figureLook, figureRoot, fitLegendLabel, legendItem, legendItemWidth, legendRows, maxTextWidth, plotAxes, plotHeight, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, fitText, g, line, num, text, textWidth } from "./svg.js";
import { INK, type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { systematicSample, thinPolyline } from "./thin.js";

/** The parts of a `CoxZphResult` the plot reads. */
export interface ZphPlotInput {
  readonly transform: "km" | "rank" | "identity" | "log";
  /** Transformed event times (one per event). */
  readonly x: readonly number[];
  /** Event times, in the order of `x`. */
  readonly time: readonly number[];
  /** Scaled Schoenfeld residuals: rows = events, columns = estimated coefficients (null: not used in that stratum). */
  readonly y: readonly (readonly (number | null)[])[];
  /** PH tests (per column, or per model term for grouped tests). */
  readonly terms: readonly { readonly name: string; readonly p: number; readonly df: number }[];
}

export interface ZphPlotOptions {
  /** Column of `y` to draw (0-based: the index among the estimated coefficients). Required. */
  readonly column: number;
  /** Display name of the covariate (escaped); default the test's name when there is one test per column, else "column k". */
  readonly label?: string;
  /** The model's coefficient β̂ for this column: a dashed horizontal line. Default none. */
  readonly coef?: number | null;
  /**
   * Which entry of `terms` gives the PH test p printed in the corner: an index or a name. Default: `column`
   * when there is one test per column; otherwise no p is printed unless `term` is given.
   */
  readonly term?: number | string;
  /** Unit of the times (axis title "Time (unit)"). */
  readonly timeUnit?: TimeUnit;
  /** x-axis title; default "Time (unit)" plus the scale ("Kaplan–Meier scale", "log scale", "rank scale"). */
  readonly xLabel?: string;
  /** Title of the time axis before the scale ("Months since date_lung_met"); default "Time (unit)". Ignored when xLabel is given. */
  readonly timeTitle?: string;
  /** y-axis title; default "β(t) for <label>" (R: "Beta(t) for <name>"). */
  readonly yLabel?: string;
  /** Draw the LOWESS smooth; default true. */
  readonly smooth?: boolean;
  /** LOWESS span f (R's lowess default 2/3). */
  readonly span?: number;
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Height of the plotting area in mm (20–300); default 0.62 × its width (0.5 × above 132 mm). */
  readonly plotHeightMm?: number;
  /** Colours (hex): smooth, then β̂ line; default Okabe–Ito blue and vermillion. */
  readonly colors?: readonly string[];
  /** Font sizes in pt (8–14); default small 8, normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title; default "Proportional-hazards diagnostic: <label>". */
  readonly title?: string;
}

const SCALE_NAME: Readonly<Record<ZphPlotInput["transform"], string>> = {
  km: "Kaplan–Meier scale",
  rank: "rank scale",
  identity: "",
  log: "log scale",
};

function validate(input: ZphPlotInput, o: ZphPlotOptions): number {
  if (!input || !Array.isArray(input.x) || !Array.isArray(input.time) || !Array.isArray(input.y) || !Array.isArray(input.terms)) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "zphPlot needs a cox.zph result with x, time, y and terms" });
  }
  const n = input.x.length;
  if (input.time.length !== n || input.y.length !== n) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: `zphPlot: x, time and y must have one entry per event (got ${n}, ${input.time.length}, ${input.y.length})` });
  }
  if (!Object.prototype.hasOwnProperty.call(SCALE_NAME, input.transform)) throw new SurvinferError({ code: "INPUT_INVALID", message: `zphPlot: unknown transform ${JSON.stringify(input.transform)}` });
  const ncol = n > 0 ? input.y[0].length : Infinity;
  if (input.y.some((r) => !Array.isArray(r) || r.length !== input.y[0].length)) throw new SurvinferError({ code: "INPUT_INVALID", message: "zphPlot: the rows of y differ in length" });
  if (typeof o.column !== "number" || !Number.isInteger(o.column) || o.column < 0 || o.column >= ncol) {
    throw optionError("column", `an integer from 0 to ${ncol === Infinity ? "the number of columns" : ncol - 1} (a column of y)`, o.column);
  }
  if (o.coef !== undefined && o.coef !== null && !(typeof o.coef === "number" && Number.isFinite(o.coef))) throw optionError("coef", "a finite number or null", o.coef);
  if (o.term !== undefined) {
    const ok = typeof o.term === "number" ? Number.isInteger(o.term) && o.term >= 0 && o.term < input.terms.length : typeof o.term === "string" && input.terms.some((t) => t.name === o.term);
    if (!ok) throw optionError("term", `the index or name of one of the ${input.terms.length} PH tests`, o.term);
  }
  validateTimeUnit(o.timeUnit);
  if (o.smooth !== undefined && typeof o.smooth !== "boolean") throw optionError("smooth", "true or false", o.smooth);
  if (o.span !== undefined && !(typeof o.span === "number" && o.span > 0 && o.span <= 1)) throw optionError("span", "a number in (0, 1]", o.span);
  if (o.plotHeightMm !== undefined && !(typeof o.plotHeightMm === "number" && o.plotHeightMm >= 20 && o.plotHeightMm <= 300)) throw optionError("plotHeightMm", "a height in mm between 20 and 300", o.plotHeightMm);
  for (const k of ["label", "xLabel", "timeTitle", "yLabel", "title"] as const) if (o[k] !== undefined && typeof o[k] !== "string") throw optionError(k, "a string", o[k]);
  return ncol;
}

/** Linear interpolation in increasing `xs` → `ys` (R's approx(rule = 1): NaN outside). */
function approx(xs: readonly number[], ys: readonly number[], v: number): number {
  const m = xs.length;
  if (m === 0 || v < xs[0] || v > xs[m - 1]) return Number.NaN;
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= v) lo = mid;
    else hi = mid;
  }
  if (xs[lo] === v || hi === lo) return ys[lo];
  if (xs[hi] === v) return ys[hi];
  return ys[lo] + ((ys[hi] - ys[lo]) * (v - xs[lo])) / (xs[hi] - xs[lo]);
}

/** Rounds to `d` significant digits (R's signif). */
function signif(v: number, d: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(d));
}

/** Ticks of the transformed-time axis: { pos (transformed value), label (a time) }. */
function timeTicks(input: ZphPlotInput, domain: readonly [number, number], plotW: number, fontPxSmall: number): { value: number; label: string }[] {
  const [lo, hi] = domain;
  const fits = (ticks: { value: number; label: string }[]): boolean => {
    for (let k = 1; k < ticks.length; k++) {
      const gap = ((ticks[k].value - ticks[k - 1].value) / (hi - lo || 1)) * plotW;
      if (gap < (textWidth(ticks[k].label, fontPxSmall) + textWidth(ticks[k - 1].label, fontPxSmall)) / 2 + 6) return false;
    }
    return true;
  };
  if (input.transform === "identity") {
    for (let count = 8; count >= 2; count--) {
      const vals = scaleLinear().domain([lo, hi]).ticks(count);
      const fmt = tickFormatter(vals);
      const t = vals.map((v) => ({ value: v, label: fmt(v) }));
      if (fits(t) || count === 2) return t;
    }
  }
  // (transformed x, time) pairs, x increasing, one per distinct x
  const idx = input.x.map((_, i) => i).filter((i) => Number.isFinite(input.x[i]) && Number.isFinite(input.time[i])).sort((a, b) => input.x[a] - input.x[b] || a - b);
  const xs: number[] = [];
  const ts: number[] = [];
  for (const i of idx) {
    if (xs.length > 0 && input.x[i] === xs[xs.length - 1]) continue;
    xs.push(input.x[i]);
    ts.push(input.time[i]);
  }
  const fmtTime = formatter(",~g");
  const toX = input.transform === "log" ? (t: number): number => (t > 0 ? Math.log(t) : Number.NaN) : (t: number): number => approx(ts, xs, t);
  if (input.transform === "log" && hi > lo) {
    // round times (1-2-5 series) inside the range
    const cands: number[] = [];
    for (let e = Math.floor(lo / Math.LN10) - 1; e <= Math.ceil(hi / Math.LN10) + 1; e++) for (const m of [1, 2, 5]) cands.push(Number((m * 10 ** e).toPrecision(12)));
    let inside = cands.filter((t) => Math.log(t) >= lo - 1e-12 && Math.log(t) <= hi + 1e-12);
    while (inside.length >= 2) {
      const t = inside.map((v) => ({ value: Math.log(v), label: fmtTime(v) }));
      if (fits(t)) return t;
      inside = inside.filter((_, k) => k % 2 === 0);
    }
  }
  // R's plot.cox.zph: k positions at the middles of k equal bins of the transformed scale, the time
  // there rounded to 2 significant digits, placed back at its transformed value
  for (let k = 8; k >= 1; k--) {
    const out: { value: number; label: string }[] = [];
    for (let j = 1; j <= k; j++) {
      const pos = lo + ((2 * j - 1) / (2 * k)) * (hi - lo);
      const t = signif(input.transform === "log" ? Math.exp(pos) : approx(xs, ts, pos), 2);
      const v = toX(t);
      if (!Number.isFinite(v) || v < lo - 1e-12 * Math.abs(lo) || v > hi + 1e-12 * Math.abs(hi)) continue;
      if (out.length > 0 && out[out.length - 1].label === fmtTime(t)) continue;
      out.push({ value: v, label: fmtTime(t) });
    }
    if (fits(out) || k === 1) return out;
  }
  return [];
}

/**
 * Scaled Schoenfeld residual plot of one coefficient (the PH diagnostic), as an SVG string.
 *
 * @example
 * ```ts
 * import { coxph } from "../../survival/coxph.js";
 * const res = coxph(table, "Surv(time, status) ~ age + ph.karno", { zph: "km" });
 * const svg = zphPlot(res.zph!, { column: 1, label: "Karnofsky score", coef: res.fit.coef[1] ?? null, timeUnit: "days" });
 * svg.includes("PH test p"); // true
 * ```
 */
export function zphPlot(input: ZphPlotInput, options: ZphPlotOptions): string {
  const ncol = validate(input, options);
  const { colors, fs, W } = figureLook(options);
  const j = options.column;
  const perColumn = input.terms.length === ncol;
  const termIndex = options.term === undefined ? (perColumn ? j : -1) : typeof options.term === "number" ? options.term : input.terms.findIndex((t) => t.name === options.term);
  const test = termIndex >= 0 ? input.terms[termIndex] : undefined;
  const label = options.label ?? (perColumn ? input.terms[j].name : `column ${j + 1}`);
  const coef = options.coef ?? null;
  const smoothOn = options.smooth ?? true;

  // ---- data: events with a residual for this column
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < input.x.length; i++) {
    const v = input.y[i][j];
    if (v !== null && Number.isFinite(v) && Number.isFinite(input.x[i])) {
      px.push(input.x[i]);
      py.push(v);
    }
  }
  const smooth = smoothOn && px.length >= 2 ? lowess(px, py, options.span !== undefined ? { f: options.span } : {}) : null;

  // ---- domains
  // (loops, not Math.min(...px): no argument-count limit for large cohorts)
  let xLo = Infinity;
  let xHi = -Infinity;
  for (const v of px) {
    if (v < xLo) xLo = v;
    if (v > xHi) xHi = v;
  }
  if (!Number.isFinite(xLo)) [xLo, xHi] = [0, 1];
  if (xHi === xLo) [xLo, xHi] = [xLo - 0.5, xHi + 0.5];
  const pad = (xHi - xLo) * 0.03;
  const xDomain: [number, number] = [xLo - pad, xHi + pad];
  let yLo = coef !== null ? Math.min(0, coef) : 0;
  let yHi = coef !== null ? Math.max(0, coef) : 0;
  for (const v of smooth ? [py, smooth.y] : [py]) {
    for (const w of v) {
      if (w < yLo) yLo = w;
      if (w > yHi) yHi = w;
    }
  }
  if (yHi === yLo) [yLo, yHi] = [yLo - 1, yHi + 1];

  // ---- layout
  const y0 = scaleLinear().domain([yLo, yHi]).nice(5);
  const yTickValues = y0.ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const yLabels = yTickValues.map(yFmt);
  const yTickW = maxTextWidth(yLabels, fs.small);
  const yTitle = options.yLabel ?? `β(t) for ${label}`;
  const left = yAxisMargin(yTickW, fs);
  const right = 14;
  const plotW = W - left - right;
  const x = scaleLinear().domain(xDomain).range([left, left + plotW]);
  const xt = timeTicks(input, xDomain, plotW, fs.small);

  // header: legend (smooth, model β) on the left, PH test on the right; wraps when they do not fit
  const smoothColor = seriesColor(0, colors);
  const coefColor = seriesColor(1, colors);
  const fmtCoef = formatter(".3~g");
  const legendItems: { label: string; stroke: string; dash: string | null; width: number }[] = [];
  if (smooth) legendItems.push({ label: "LOWESS smooth", stroke: smoothColor, dash: null, width: 1.5 });
  // plain "β" (a combining circumflex sends some renderers to a fallback font)
  if (coef !== null) legendItems.push({ label: `Model β = ${fmtCoef(coef)}`, stroke: coefColor, dash: "4,3", width: 1 });
  const pShown = test ? `PH test ${pPhrase(test.p)}${test.df > 1 ? ` (${test.df} df)` : ""}` : "";
  const swatch = 16;
  const lineH = fs.normal * 1.4;
  const spacing = 12;
  const legend = legendRows(
    legendItems.map((it) => ({ ...it, label: fitLegendLabel(it.label, fs, plotW, swatch) })),
    fs,
    swatch,
    plotW,
    { spacing },
  );
  // the last row and where it ends: the PH test goes there if it fits, else on a row of its own
  const row = Math.max(0, legend.length - 1);
  const lastItem = legend.length > 0 ? legend[row][legend[row].length - 1] : null;
  const cx = lastItem ? lastItem.x + legendItemWidth(lastItem.label, fs, swatch, spacing) : 0;
  const pW = pShown ? textWidth(pShown, fs.normal) : 0;
  const pRow = pShown && cx + pW + 8 > plotW ? row + 1 : row;
  const headerRows = Math.max(row, pRow) + 1;
  const top = 8 + headerRows * lineH + 4;
  const plotH = plotHeight(plotW, W, options.plotHeightMm);
  const bottom = top + plotH;
  const y = y0.range([bottom, top]);
  const xTitleY = xTitleBaseline(bottom, fs);
  const H = xTitleY + 8;

  // ---- marks
  const r = 1.7;
  let pointsD = "";
  // more than MAX_SCATTER_POINTS events: a systematic sample is drawn (the smooth uses them all; thin.ts)
  const sample = systematicSample(px.length);
  for (const k of sample.indices) {
    const cxp = x(px[k]);
    const cyp = y(py[k]);
    pointsD += `M${num(cxp - r)},${num(cyp)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0`;
  }
  const points = px.length > 0 ? el("path", { d: pointsD, fill: "none", stroke: INK.muted, "stroke-width": 0.6, class: "zph-points" }) : null;
  const smoothPath = smooth
    ? el("path", {
        d:
          d3line<[number, number]>()
            .x((d) => x(d[0]))
            .y((d) => y(d[1]))
            .digits(2)(
            thinPolyline(
              smooth.y.map((v, k): [number, number] => [smooth.x[k], v]),
              x,
              plotW,
            ),
          ) ?? "",
        fill: "none",
        stroke: smoothColor,
        "stroke-width": 1.5,
        class: "zph-smooth",
      })
    : null;
  const refs: Svg[] = [line(left, y(0), left + plotW, y(0), { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "2,2", class: "zph-zero" })];
  if (coef !== null) refs.push(line(left, y(coef), left + plotW, y(coef), { stroke: coefColor, "stroke-width": 1, "stroke-dasharray": "4,3", class: "zph-coef" }));

  // ---- header
  const header = g(
    { class: "legend" },
    ...legend.flatMap((r, k) => r.map((it) => legendItem(left + it.x, 8 + lineH * (k + 0.5), it.label, { swatch, fs, stroke: it.stroke, dash: it.dash, strokeWidth: Math.max(1, it.width) }))),
    pShown ? text(left + plotW, 8 + lineH * (pRow + 0.5) + fs.normal * 0.35, pShown, { "text-anchor": "end", "font-size": fs.normal, class: "zph-test" }) : null,
  );

  // ---- axes
  const xTicks: AxisTick[] = xt.map((t) => ({ value: t.value, pos: x(t.value), label: t.label }));
  const yTicks: AxisTick[] = yTickValues.map((v, k) => ({ value: v, pos: y(v), label: yLabels[k] }));
  const scale = SCALE_NAME[input.transform];
  const xTitle = options.xLabel ?? `${options.timeTitle ?? timeAxisTitle(options.timeUnit)}${scale ? `, ${scale}` : ""}`;

  const description =
    `Scaled Schoenfeld residuals for ${label} against time (${input.transform === "identity" ? "untransformed" : scale}), ${px.length} event(s)` +
    `${sample.step > 1 ? ` (every ${sample.step}th drawn: ${sample.indices.length} points)` : ""}` +
    `${smooth ? ", with a LOWESS smooth" : ""}${coef !== null ? `; dashed line at the model coefficient ${fmtCoef(coef)}` : ""}; dashed line at 0` +
    `${test ? `; ${pShown}` : ""}. A flat smooth is consistent with proportional hazards.`;
  return figureRoot(
    "zph",
    W,
    H,
    fs,
    { title: options.title ?? `Proportional-hazards diagnostic: ${label}`, description },
    header,
    g({ class: "reference" }, ...refs),
    points,
    smoothPath,
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle: fitText(yTitle, fs.normal, plotH), fs }),
  );
}
