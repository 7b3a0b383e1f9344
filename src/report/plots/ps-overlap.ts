/**
 * Propensity-score overlap: mirrored histograms (treated above the axis, control below) before adjustment
 * and after each adjustment (matching weights, IPTW weights), all on common bin edges, as cobalt's
 * `bal.plot(x, "distance", which = "both", type = "histogram", mirror = TRUE)`.
 *
 * Bin heights: with weights w (1 before adjustment), h_gk = Σ_{i ∈ group g, ps_i ∈ bin k} w_i, divided by
 * Σ_{i ∈ g} w_i when `yScale` is "proportion" (default, cobalt's). Bins are [e_k, e_{k+1}), the last one
 * closed. Pure: returns an SVG string.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, leftAxis, verticalTitle, type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { figureLook, figureRoot, maxTextWidth, xAxisTitle, yAxisMargin, yTitleX } from "./layout.js";
import { type Svg, el, g, line, num, text, textWidth } from "./svg.js";
import { INK, type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { msg } from "../../i18n/messages.js";
import { localizeDecimal } from "../../i18n/language.js";

export interface PsOverlapInput {
  /** Propensity scores in [0, 1], in data-row order. */
  readonly ps: ArrayLike<number>;
  /** 1 = treated, 0 = control (same order). */
  readonly treatment: ArrayLike<number>;
  /** Adjusted samples: matching weights (0 = unmatched) or IPTW weights, same order. */
  readonly adjusted?: readonly { readonly label: string; readonly weights: ArrayLike<number> }[];
}

export interface PsOverlapOptions {
  /** Number of bins (default 20) over the x range. */
  readonly bins?: number;
  /** x range: "unit" ([0, 1], default) or "data" (min–max of the scores, widened to whole bins of the unit grid). */
  readonly range?: "unit" | "data";
  /** "proportion" of each group's (weighted) total per bin (default) or (weighted) "count". */
  readonly yScale?: "proportion" | "count";
  /** Group names; default ["Treated", "Control"]. */
  readonly groupLabels?: readonly [string, string];
  /** Panel title of the unadjusted sample; default "Before adjustment". */
  readonly beforeLabel?: string;
  /** x-axis title; default "Propensity score". */
  readonly xLabel?: string;
  readonly width?: FigureWidth;
  readonly colors?: readonly string[];
  readonly fontSize?: Partial<FontSizes>;
  readonly title?: string;
}

export interface PsHistogram {
  readonly edges: number[];
  /** Bin heights per group (proportion or weighted count). */
  readonly treated: number[];
  readonly control: number[];
}

/**
 * Weighted histogram of the scores per group on the given edges (bins [e_k, e_{k+1}), the last closed).
 * Rows with a missing score, treatment or weight, or a score outside the edges, are skipped.
 *
 * @example
 * ```ts
 * psHistogram([0.1, 0.3, 0.35, 0.9], [0, 0, 1, 1], [0, 0.5, 1], undefined, "count");
 * // { edges: [0, 0.5, 1], treated: [1, 1], control: [2, 0] }
 * ```
 */
export function psHistogram(
  ps: ArrayLike<number>,
  treatment: ArrayLike<number>,
  edges: readonly number[],
  weights?: ArrayLike<number>,
  yScale: "proportion" | "count" = "proportion",
): PsHistogram {
  const k = edges.length - 1;
  const t = new Array<number>(k).fill(0);
  const c = new Array<number>(k).fill(0);
  let totT = 0;
  let totC = 0;
  const e0 = edges[0];
  const eK = edges[k];
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const w = weights ? weights[i] : 1;
    const a = treatment[i];
    if (!Number.isFinite(p) || !Number.isFinite(w) || (a !== 0 && a !== 1)) continue;
    if (a === 1) totT += w;
    else totC += w;
    if (p < e0 || p > eK) continue;
    // binary search: last edge ≤ p
    let lo = 0;
    let hi = k;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= p) lo = mid;
      else hi = mid;
    }
    if (a === 1) t[lo] += w;
    else c[lo] += w;
  }
  if (yScale === "proportion") {
    for (let j = 0; j < k; j++) {
      t[j] = totT > 0 ? t[j] / totT : 0;
      c[j] = totC > 0 ? c[j] / totC : 0;
    }
  }
  return { edges: [...edges], treated: t, control: c };
}

function validate(input: PsOverlapInput, o: PsOverlapOptions): void {
  if (!input || !input.ps || !input.treatment || input.ps.length !== input.treatment.length) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "psOverlapPlot needs ps and treatment of the same length" });
  }
  for (const a of input.adjusted ?? []) {
    if (typeof a.label !== "string" || !a.weights || a.weights.length !== input.ps.length) {
      throw new SurvinferError({ code: "INPUT_INVALID", message: `psOverlapPlot: adjusted sample ${JSON.stringify(a?.label)} needs one weight per score` });
    }
  }
  if (o.bins !== undefined && !(Number.isInteger(o.bins) && o.bins >= 2 && o.bins <= 200)) throw optionError("bins", "an integer from 2 to 200", o.bins);
  if (o.range !== undefined && o.range !== "unit" && o.range !== "data") throw optionError("range", `"unit" or "data"`, o.range);
  if (o.yScale !== undefined && o.yScale !== "proportion" && o.yScale !== "count") throw optionError("yScale", `"proportion" or "count"`, o.yScale);
  if (o.groupLabels !== undefined && (!Array.isArray(o.groupLabels) || o.groupLabels.length !== 2 || o.groupLabels.some((s) => typeof s !== "string"))) {
    throw optionError("groupLabels", "two strings [treated, control]", o.groupLabels);
  }
}

/**
 * Mirrored propensity-score histograms before and after adjustment, as an SVG string (one panel per
 * sample, stacked; common bin edges and a common y scale so the panels compare directly).
 *
 * @example
 * ```ts
 * const svg = psOverlapPlot({ ps: [0.2, 0.4, 0.6, 0.7], treatment: [0, 0, 1, 1], adjusted: [{ label: "IPTW", weights: [1.25, 1.67, 1.67, 1.43] }] });
 * svg.includes("IPTW"); // true
 * ```
 */
export function psOverlapPlot(input: PsOverlapInput, options: PsOverlapOptions = {}): string {
  validate(input, options);
  const { colors, fs, W } = figureLook(options);
  const bins = options.bins ?? 20;
  const yScale = options.yScale ?? "proportion";
  const [labT, labC] = options.groupLabels ?? [msg().plot.treated, msg().plot.control];

  // common edges
  let lo = 0;
  let hi = 1;
  if (options.range === "data") {
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = 0; i < input.ps.length; i++) {
      const p = input.ps[i];
      if (Number.isFinite(p)) {
        mn = Math.min(mn, p);
        mx = Math.max(mx, p);
      }
    }
    if (mn <= mx) {
      const step = 1 / bins;
      lo = Math.max(0, Math.floor(mn / step + 1e-9) * step);
      hi = Math.min(1, Math.ceil(mx / step - 1e-9) * step);
      if (!(hi > lo)) hi = Math.min(1, lo + step);
    }
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => Number((lo + ((hi - lo) * k) / bins).toPrecision(12)));
  const samples = [{ label: options.beforeLabel ?? msg().plot.beforeAdjustment, weights: undefined as ArrayLike<number> | undefined }, ...(input.adjusted ?? [])];
  const hists = samples.map((s) => psHistogram(input.ps, input.treatment, edges, s.weights, yScale));
  let yMax = 0;
  for (const h of hists) for (const v of [...h.treated, ...h.control]) yMax = Math.max(yMax, v);
  if (!(yMax > 0)) yMax = 1;

  // layout
  // the treatment's colours of every figure: untreated (first level) series 0, treated series 1 (theme.ts)
  const colT = seriesColor(1, colors);
  const colC = seriesColor(0, colors);
  const yProbe = scaleLinear().domain([-yMax, yMax]).nice(4);
  const yTicksVals = yProbe.ticks(4);
  const yFmtBase = yScale === "proportion" ? tickFormatter(yTicksVals) : formatter(",~g");
  const yFmt = (v: number): string => yFmtBase(Math.abs(v));
  const yTickW = maxTextWidth(yTicksVals.map(yFmt), fs.small);
  const left = yAxisMargin(yTickW, fs);
  const right = 12;
  const plotW = W - left - right;
  const x = scaleLinear().domain([lo, hi]).range([left, left + plotW]);
  const xTickVals = x.ticks(5);
  const xFmt = tickFormatter(xTickVals);
  const legendH = fs.normal * 1.4;
  const panelTitleH = fs.normal * 1.5;
  const panelH = plotW * 0.42;
  const axisH = 4 + fs.small * 0.95 + 6;
  const panelBlock = panelTitleH + panelH + axisH + 4;
  const top = 8 + legendH + 4;
  const xTitle = options.xLabel ?? msg().plot.propensityScore;
  const H = top + panelBlock * samples.length + fs.normal * 1.2 + 8;
  const yTitle = yScale === "proportion" ? msg().plot.proportion : msg().plot.count;

  const legend = g(
    { class: "legend" },
    el("rect", { x: left, y: 8 + legendH / 2 - 4, width: 10, height: 8, fill: colT, "fill-opacity": 0.85 }),
    text(left + 14, 8 + legendH / 2 + fs.normal * 0.35, msg().causal.psLegendAbove(labT), { "font-size": fs.normal }),
    el("rect", { x: left + 28 + textWidth(msg().causal.psLegendAbove(labT), fs.normal), y: 8 + legendH / 2 - 4, width: 10, height: 8, fill: colC, "fill-opacity": 0.85 }),
    text(left + 42 + textWidth(msg().causal.psLegendAbove(labT), fs.normal), 8 + legendH / 2 + fs.normal * 0.35, msg().causal.psLegendBelow(labC), { "font-size": fs.normal }),
  );

  const panels: Svg[] = samples.map((s, pi) => {
    const y0 = top + panelBlock * pi;
    const pTop = y0 + panelTitleH;
    const pBottom = pTop + panelH;
    const y = scaleLinear().domain(yProbe.domain()).range([pBottom, pTop]);
    const h = hists[pi];
    const bars: Svg[] = [];
    for (let k = 0; k < bins; k++) {
      const xa = x(edges[k]);
      const xb = x(edges[k + 1]);
      if (h.treated[k] > 0) bars.push(el("rect", { x: xa, y: y(h.treated[k]), width: xb - xa, height: y(0) - y(h.treated[k]), fill: colT, "fill-opacity": 0.85, stroke: "#ffffff", "stroke-width": 0.4, class: "bar-treated" }));
      if (h.control[k] > 0) bars.push(el("rect", { x: xa, y: y(0), width: xb - xa, height: y(-h.control[k]) - y(0), fill: colC, "fill-opacity": 0.85, stroke: "#ffffff", "stroke-width": 0.4, class: "bar-control" }));
    }
    const yTicks: AxisTick[] = yTicksVals.map((v) => ({ value: v, pos: y(v), label: yFmt(v) }));
    const xTicks: AxisTick[] = xTickVals.map((v) => ({ value: v, pos: x(v), label: xFmt(v) }));
    return g(
      { class: "panel", "data-sample": pi },
      text(left, y0 + fs.normal * 1.05, s.label, { "font-size": fs.normal, "font-weight": "bold", class: "panel-title" }),
      ...bars,
      line(left, y(0), left + plotW, y(0), { stroke: INK.axis, "stroke-width": 0.75, class: "zero-line" }),
      leftAxis(yTicks, left, pTop, pBottom, fs.small),
      bottomAxis(xTicks, pBottom, left, left + plotW, fs.small),
      verticalTitle(yTitleX(left, yTickW, fs), pTop + panelH / 2, yTitle, fs.normal),
    );
  });

  return figureRoot(
    "ps-overlap",
    W,
    H,
    fs,
    {
      title: options.title ?? msg().causal.psOverlapSvgTitle,
      description: msg().causal.psOverlapDescription(labT, labC, String(bins), localizeDecimal(num(lo, 3)), localizeDecimal(num(hi, 3)), samples.map((s) => s.label).join("; ")),
    },
    legend,
    ...panels,
    xAxisTitle(xTitle, left + plotW / 2, H - 8 - fs.normal * 0.2, W, fs),
  );
}
