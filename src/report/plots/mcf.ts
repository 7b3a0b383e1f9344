/**
 * Mean cumulative function figure (recurrent events): one right-continuous increasing step curve per group
 * from (0, 0), optional shaded pointwise confidence bands, a legend with more than one curve, a caller-supplied
 * annotation and a table of the numbers under observation whose numbers sit exactly under the time-axis ticks.
 *
 * R equivalent (layout): `plot(survfit(Surv(start, stop, event) ~ group, id = id), cumhaz = TRUE, conf.int = TRUE)`;
 * the estimates come from `meanCumulativeFunction` (src/survival/recurrent/mcf.ts). Numbers under observation
 * at a tick t follow `numberAtRisk` (km.ts): n_j at the first time t_j ≥ t, 0 past the last time.
 *
 * Pure: result in, SVG string out; every label escaped (svg.ts); numbers rounded to 2 decimals; deterministic.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { numberAtRisk } from "./km.js";
import { type TimeUnit, annotationAbove, annotationAboveY, annotationLineHeight, annotationLines, figureLook, figureRoot, fitLegendLabel, legendItem, legendLineHeight, legendRowY, legendRows, maxTextWidth, plotAxes, plotHeight, plotTop, rightMargin, riskLabelColumn, riskRowUntil, riskTableRows, riskTableSvg, timeAxis, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, fitText, g, num, textWidth } from "./svg.js";
import { type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { overBudget, thinStepIndices } from "./thin.js";
import { msg } from "../../i18n/messages.js";

/** The parts of an MCF curve the figure reads (an `McfCurve` fits). */
export interface McfPlotCurve {
  readonly name: string;
  /** Increasing times t_j ≥ 0 (the curve's distinct stop times). */
  readonly time: ArrayLike<number>;
  /** MCF(t_j), non-decreasing, ≥ 0. */
  readonly mcf: ArrayLike<number>;
  /** Pointwise limits; non-finite values (NaN while MCF = 0) are left out of the band. */
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
  /** n_j: patients under observation at t_j. */
  readonly nRisk: ArrayLike<number>;
}

/** An MCF result (`McfResult` fits). */
export interface McfPlotInput {
  readonly curves: readonly McfPlotCurve[];
}

export interface McfPlotOptions {
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Unit of the times: picks the tick steps and the x-axis title. */
  readonly timeUnit?: TimeUnit;
  /** x-axis title; default "Time (unit)" or "Time". */
  readonly xLabel?: string;
  /** y-axis title; default from `eventLabel`, else "Mean cumulative number of events". */
  readonly yLabel?: string;
  /** What recurs, e.g. "Pulmonary metastasectomies" → y title "Mean cumulative number of pulmonary metastasectomies". */
  readonly eventLabel?: string;
  /** Text lines above the plot, under the legend (escaped). */
  readonly annotation?: string | readonly string[];
  /** Display names per curve (in result order); default the curve names. */
  readonly labels?: readonly string[];
  /** Series colours (hex); default Okabe–Ito. */
  readonly colors?: readonly string[];
  /** Font sizes in pt (each 8–14); default small 8, normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Shade the pointwise confidence band from lower/upper (non-finite limits skipped); default true. */
  readonly confInt?: boolean;
  /** Numbers under observation under the plot, at the x ticks; default true. */
  readonly riskTable?: boolean;
  /** Accessible title of the SVG; default "Mean cumulative function". */
  readonly title?: string;
  /**
   * Per curve (result order), the patients under observation over time when the curve's own `nRisk` is only sampled
   * at its event times (a Ghosh–Lin curve): the risk table and `minAtRisk` read these instead; default each curve's own.
   */
  readonly riskSets?: readonly ({ readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number> } | undefined)[];
  /** A curve ends at the last time with at least this many patients under observation (as the KM figure); default 0 (never). */
  readonly minAtRisk?: number;
}

const DEFAULT_Y_LABEL = "Mean cumulative number of events";

/** "Pulmonary metastasectomies" → "pulmonary metastasectomies"; acronyms ("COPD exacerbations") keep their case. */
function lowerFirst(s: string): string {
  const chars = Array.from(s.trim());
  if (chars.length === 0) return "";
  const acronym = chars.length > 1 && chars[1] !== chars[1].toLowerCase();
  return acronym ? chars.join("") : chars[0].toLowerCase() + chars.slice(1).join("");
}

/** y-axis title: `yLabel`, else "Mean cumulative number of <eventLabel>", else the default. */
function mcfYLabel(options: Pick<McfPlotOptions, "yLabel" | "eventLabel">): string {
  if (options.yLabel !== undefined) return options.yLabel;
  const ev = options.eventLabel === undefined ? "" : lowerFirst(options.eventLabel);
  return ev === "" ? DEFAULT_Y_LABEL : `Mean cumulative number of ${ev}`;
}

/**
 * Words of `title` wrapped greedily into lines of at most `maxWidth` px; beyond `maxLines` the rest joins the
 * last line; a line that still does not fit is shortened with an ellipsis.
 */
function wrapTitle(title: string, fontPx: number, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const w of title.split(" ").filter((x) => x !== "")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines.length === maxLines || textWidth(`${lines[last]} ${w}`, fontPx) <= maxWidth)) lines[last] = `${lines[last]} ${w}`;
    else lines.push(w);
  }
  return lines.map((l) => fitText(l, fontPx, maxWidth));
}

function invalid(message: string): SurvinferError {
  return new SurvinferError({ code: "INPUT_INVALID", message: `mcfPlot: ${message}` });
}

function validateCurve(c: McfPlotCurve, k: number): void {
  if (!c || typeof c !== "object") throw invalid(`curve ${k + 1} is not an object`);
  const who = `curve ${k + 1}${typeof c.name === "string" ? ` (${JSON.stringify(c.name)})` : ""}`;
  if (typeof c.name !== "string") throw invalid(`${who} needs a name (string)`);
  const arrays = { time: c.time, mcf: c.mcf, nRisk: c.nRisk };
  for (const [field, a] of Object.entries(arrays)) {
    if (!a || typeof a.length !== "number") throw invalid(`${who} needs ${field}[]`);
  }
  const m = c.time.length;
  if (m === 0) throw invalid(`${who} has no times`);
  for (const [field, a] of Object.entries({ ...arrays, lower: c.lower, upper: c.upper })) {
    if (a !== undefined && (!a || a.length !== m)) throw invalid(`${who}: ${field} has ${a?.length ?? "no"} values, time has ${m}`);
  }
  for (let j = 0; j < m; j++) {
    const t = c.time[j];
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0 || (j > 0 && !(t > c.time[j - 1]))) throw invalid(`${who}: time must be finite, ≥ 0 and increasing; got ${String(t)} at position ${j + 1}`);
    const v = c.mcf[j];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (j > 0 && v < c.mcf[j - 1])) throw invalid(`${who}: mcf must be finite, ≥ 0 and non-decreasing; got ${String(v)} at time ${t}`);
    const n = c.nRisk[j];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) throw invalid(`${who}: nRisk must be finite and ≥ 0; got ${String(n)} at time ${t}`);
  }
}

function validate(input: McfPlotInput, o: McfPlotOptions): void {
  if (!input || !Array.isArray(input.curves)) throw invalid("needs a mean cumulative function result with curves[]");
  input.curves.forEach(validateCurve);
  validateTimeUnit(o.timeUnit);
  if (o.labels !== undefined && (!Array.isArray(o.labels) || o.labels.length !== input.curves.length || o.labels.some((l) => typeof l !== "string"))) {
    throw optionError("labels", `${input.curves.length} strings (one per curve)`, o.labels);
  }
  for (const k of ["confInt", "riskTable"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "boolean") throw optionError(k, "true or false", o[k]);
  }
  for (const k of ["title", "xLabel", "yLabel", "eventLabel"] as const) {
    if (o[k] !== undefined && typeof o[k] !== "string") throw optionError(k, "a string", o[k]);
  }
  const a = o.annotation;
  if (a !== undefined && typeof a !== "string" && !(Array.isArray(a) && a.every((l) => typeof l === "string"))) throw optionError("annotation", "a string or an array of strings", a);
  if (o.minAtRisk !== undefined && !(typeof o.minAtRisk === "number" && Number.isInteger(o.minAtRisk) && o.minAtRisk >= 0)) throw optionError("minAtRisk", "a whole number ≥ 0", o.minAtRisk);
  const rs = o.riskSets;
  if (rs !== undefined && (!Array.isArray(rs) || rs.length !== input.curves.length || rs.some((r) => r !== undefined && (!r || typeof r.time?.length !== "number" || r.time.length !== r.nRisk?.length)))) {
    throw optionError("riskSets", `${input.curves.length} entries (one per curve, undefined or { time[], nRisk[] } of equal lengths)`, rs);
  }
}

/** The curve up to `cut` (inclusive), flat from its last kept time to `cut`; the whole curve when cut is Infinity. */
function truncateCurve(c: McfPlotCurve, cut: number): McfPlotCurve {
  if (!Number.isFinite(cut)) return c;
  let m = 0;
  while (m < c.time.length && c.time[m] <= cut) m++;
  const pick = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, m);
  const time = pick(c.time);
  const mcf = pick(c.mcf);
  const nRisk = pick(c.nRisk);
  const lower = c.lower ? pick(c.lower) : undefined;
  const upper = c.upper ? pick(c.upper) : undefined;
  const last = m - 1;
  if (cut > (last >= 0 ? c.time[last] : 0)) {
    time.push(cut);
    mcf.push(last >= 0 ? c.mcf[last] : 0);
    nRisk.push(last >= 0 ? c.nRisk[last] : 0);
    lower?.push(last >= 0 && c.lower ? c.lower[last] : Number.NaN);
    upper?.push(last >= 0 && c.upper ? c.upper[last] : Number.NaN);
  }
  return { ...c, time, mcf, nRisk, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** The last time with at least `minAtRisk` under observation before the tail where fewer remain (km.ts's rule); Infinity: never cut. */
function cutTime(r: { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number> }, minAtRisk: number): number {
  let j = r.time.length;
  while (j > 0 && r.nRisk[j - 1] < minAtRisk) j--;
  return j === r.time.length ? Infinity : j === 0 ? 0 : r.time[j - 1];
}

/** Corners of the step function MCF(t) from (0, 0) to the last time: right-continuous, so each jump is horizontal then vertical. */
function mcfStepPoints(c: Pick<McfPlotCurve, "time" | "mcf">): [number, number][] {
  const pts: [number, number][] = [[0, 0]];
  let cur = 0;
  let lastX = 0;
  for (let j = 0; j < c.time.length; j++) {
    const t = c.time[j];
    const v = c.mcf[j];
    if (v === cur) continue;
    if (t > lastX) pts.push([t, cur]);
    pts.push([t, v]);
    cur = v;
    lastX = t;
  }
  const tEnd = c.time.length > 0 ? c.time[c.time.length - 1] : 0;
  if (tEnd > lastX) pts.push([tEnd, cur]);
  return pts;
}

/**
 * Band polygons of the step limits: one per run of consecutive times with finite lower and upper; a run
 * t_j..t_k covers [t_j, t_{k+1}) (to the last time for the final run), as the step function does.
 */
function mcfBandRuns(c: Pick<McfPlotCurve, "time">, lower: ArrayLike<number>, upper: ArrayLike<number>): { time: number[]; lower: number[]; upper: number[]; end: number }[] {
  const m = c.time.length;
  const runs: { time: number[]; lower: number[]; upper: number[]; end: number }[] = [];
  let j = 0;
  while (j < m) {
    if (!(Number.isFinite(lower[j]) && Number.isFinite(upper[j]))) {
      j++;
      continue;
    }
    const run = { time: [] as number[], lower: [] as number[], upper: [] as number[], end: 0 };
    for (; j < m && Number.isFinite(lower[j]) && Number.isFinite(upper[j]); j++) {
      run.time.push(c.time[j]);
      run.lower.push(lower[j]);
      run.upper.push(upper[j]);
    }
    run.end = j < m ? c.time[j] : c.time[m - 1];
    if (run.end > run.time[0]) runs.push(run);
  }
  return runs;
}

/**
 * Mean cumulative function curves as an SVG string (journal column width, Okabe–Ito colours).
 *
 * Curves: MCF̂(t) = Σ_{t_j ≤ t} d_j / n_j as right-continuous step functions from (0, 0) to each curve's last
 * time (Nelson 2003, doi:10.1137/1.9780898718454); bands: the result's pointwise limits (log-transformed
 * Lawless–Nadeau limits from `meanCumulativeFunction`), skipping times where they are not finite; the y axis runs
 * from 0 to a nice value ≥ the largest upper limit drawn (or MCF). Under the plot: the number of patients under
 * observation at each tick t, n_j at the first time t_j ≥ t (0 after the last time).
 *
 * @example
 * ```ts
 * import { meanCumulativeFunction } from "../../survival/recurrent/mcf.js";
 * const res = meanCumulativeFunction(table, { id: "id", start: "start", stop: "stop", event: "event", by: "surgery" });
 * const svg = mcfPlot(res, { timeUnit: "months", eventLabel: "Pulmonary metastasectomies" });
 * svg.includes("survinfer-mcf"); // true
 * ```
 */
export function mcfPlot(input: McfPlotInput, options: McfPlotOptions = {}): string {
  validate(input, options);
  const { colors, fs, W } = figureLook(options);
  // numbers under observation from each curve's risk set; curves end where fewer than minAtRisk remain (km.ts's rule)
  const riskOf = input.curves.map((c, i) => options.riskSets?.[i] ?? c);
  const minAtRisk = options.minAtRisk ?? 0;
  const cuts = riskOf.map((r) => (minAtRisk > 0 ? cutTime(r, minAtRisk) : Infinity));
  const curves = input.curves.map((c, i) => (minAtRisk > 0 ? truncateCurve(c, cuts[i]) : c));
  const labels = options.labels ?? curves.map((c) => c.name);
  const confInt = options.confInt ?? true;
  const riskTable = options.riskTable ?? true;

  // ---- axes: time ticks to a tick ≥ the last time; y from 0 to a nice value ≥ the largest upper limit (or MCF)
  let maxTime = 0;
  let maxY = 0;
  for (const c of curves) {
    if (c.time.length > 0) maxTime = Math.max(maxTime, c.time[c.time.length - 1]);
    for (let j = 0; j < c.mcf.length; j++) {
      maxY = Math.max(maxY, c.mcf[j]);
      if (confInt && c.lower && c.upper && Number.isFinite(c.lower[j]) && Number.isFinite(c.upper[j])) maxY = Math.max(maxY, c.upper[j]);
    }
  }
  const { breaks, xMax } = timeAxis(maxTime, W, options.timeUnit);
  const yMax = maxY > 0 ? (scaleLinear().domain([0, maxY]).nice(5).domain()[1] as number) : 1;
  const yTickValues = scaleLinear().domain([0, yMax]).ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const xFmt = tickFormatter(breaks);
  const xLabels = breaks.map(xFmt);
  const yLabels = yTickValues.map(yFmt);

  // ---- numbers under observation at the ticks
  const whole = riskOf.every((c) => Array.from(c.nRisk).every((v) => Math.abs(v - Math.round(v)) < 1e-9));
  const riskFmt = formatter(whole ? ",.0f" : ",.1f");
  // each row stops where its curve stops
  const riskCells = riskOf.map((c, i) => riskRowUntil(breaks, cuts[i], (t) => riskFmt(numberAtRisk(c, t))));

  // ---- horizontal layout (risk-table labels share the left margin with the y axis)
  const yTickW = maxTextWidth(yLabels, fs.small);
  const { riskLabels, riskLabelGap, riskLabelW } = riskLabelColumn(labels, riskCells, riskTable, W, fs);
  const right = rightMargin(xLabels[xLabels.length - 1], riskCells, riskTable, fs);
  // a long y title (e.g. from eventLabel) wraps into up to 3 lines along the plot's height, each line widening the left margin
  const yTitleText = mcfYLabel(options);
  const titleLineH = fs.normal * 1.15;
  let left = 0;
  let plotW = 0;
  let yTitleLines: string[] = [];
  for (let nLines = 1; nLines <= 3; nLines++) {
    left = Math.max(yAxisMargin(yTickW, fs) + titleLineH * (nLines - 1), riskLabelW);
    plotW = W - left - right;
    yTitleLines = wrapTitle(yTitleText, fs.normal, plotHeight(plotW, W) - 4, 3);
    if (yTitleLines.length <= nLines) break;
  }

  // ---- legend rows (above the plot, only with more than one curve)
  const swatch = 18;
  const legend = curves.length > 1 ? legendRows(labels.map((l, i) => ({ label: fitLegendLabel(l, fs, plotW, swatch), i })), fs, swatch, plotW) : [];
  const legendLineH = legendLineHeight(fs);
  const legendBlockH = legend.length > 0 ? legend.length * legendLineH + 2 : 0;

  // ---- vertical layout; the annotation goes above the plot, under the legend (rising curves leave no corner reliably free)
  const ann = annotationLines(options.annotation);
  const annLineH = annotationLineHeight(fs);
  const top = plotTop(legendBlockH, ann.length > 0 ? ann.length * annLineH + 4 : 0, fs);
  const plotH = plotHeight(plotW, W);
  const bottom = top + plotH;
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);
  const y = scaleLinear().domain([0, yMax]).range([bottom, top]);
  const yc = (v: number): number => y(Math.min(Math.max(v, 0), yMax));
  const xTitleY = xTitleBaseline(bottom, fs);
  const risk = riskTableRows(xTitleY, fs, riskLabels.map((l) => l.length));
  const H = (riskTable ? risk.lastY(curves.length - 1) : xTitleY) + 8;

  // ---- marks
  const pathOf = (pts: readonly [number, number][]): string => {
    let d = "";
    let prev = "";
    for (const [t, v] of pts) {
      const pt = `${num(x(t))},${num(yc(v))}`;
      if (pt !== prev) d += `${d === "" ? "M" : "L"}${pt}`;
      prev = pt;
    }
    return d;
  };
  const steps: Svg[] = [];
  const bands: Svg[] = [];
  curves.forEach((full, i) => {
    const color = seriesColor(i, colors);
    const c = thinCurve(full, x, plotW);
    steps.push(el("path", { d: pathOf(mcfStepPoints(c)), fill: "none", stroke: color, "stroke-width": 1.5, class: "mcf-curve", "data-curve": i }));
    if (confInt && c.lower && c.upper) {
      let d = "";
      for (const r of mcfBandRuns(c, c.lower, c.upper)) {
        // upper edge forward as a step, then the lower edge back
        const edge: [number, number][] = [];
        r.time.forEach((t, k) => {
          if (k > 0) edge.push([t, r.upper[k - 1]]);
          edge.push([t, r.upper[k]]);
        });
        edge.push([r.end, r.upper[r.upper.length - 1]], [r.end, r.lower[r.lower.length - 1]]);
        for (let k = r.time.length - 1; k >= 0; k--) {
          edge.push([r.time[k], r.lower[k]]);
          if (k > 0) edge.push([r.time[k], r.lower[k - 1]]);
        }
        d += `${pathOf(edge)}Z`;
      }
      if (d) bands.push(el("path", { d, fill: color, "fill-opacity": 0.15, stroke: "none", class: "mcf-band", "data-curve": i }));
    }
  });

  // ---- legend
  const items: Svg[] = legend.flatMap((r, k) => r.map((it) => legendItem(left + it.x, legendRowY(k, legendLineH), it.label, { swatch, fs, stroke: seriesColor(it.i, colors) })));

  // ---- axes
  const xTicks: AxisTick[] = breaks.map((b, k) => ({ value: b, pos: x(b), label: xLabels[k] }));
  const yTicks: AxisTick[] = yTickValues.map((v, k) => ({ value: v, pos: y(v), label: yLabels[k] }));
  const xTitle = timeAxisTitle(options.timeUnit, options.xLabel);

  // ---- numbers under observation
  const riskSvg = riskTable ? riskTableSvg({ title: msg().longTerm.mcfRiskTitle, rows: risk, labelX: left - riskLabelGap, labels: riskLabels, color: (i) => seriesColor(i, colors), cells: riskCells, xTicks, rowKey: "data-curve", fs }) : null;

  return figureRoot(
    "mcf",
    W,
    H,
    fs,
    {
      title: options.title ?? msg().longTerm.mcfTitle,
      description: msg().longTerm.mcfDescription(yTitleText, curves.length > 1 ? labels.join(", ") : null, riskTable),
    },
    g({ class: "bands" }, ...bands),
    g({ class: "curves" }, ...steps),
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle: yTitleLines, yTitleLineH: titleLineH, fs }),
    items.length > 0 ? g({ class: "legend" }, ...items) : null,
    annotationAbove(ann, left, annotationAboveY(legendBlockH, fs), annLineH, fs),
    riskSvg,
  );
}

/**
 * The rows of a curve to draw: all of them up to 2 per px of plot width, else the last row of each px
 * column (src/report/plots/thin.ts), so the step function is exact at every kept time and every jump is kept.
 */
function thinCurve(c: McfPlotCurve, x: (t: number) => number, plotW: number): McfPlotCurve {
  if (!overBudget(c.time.length, plotW)) return c;
  const px: number[] = [];
  for (let j = 0; j < c.time.length; j++) px.push(x(c.time[j]));
  const keep = thinStepIndices(px);
  const pick = (a: ArrayLike<number>): number[] => keep.map((j) => a[j]);
  return { ...c, time: pick(c.time), mcf: pick(c.mcf), nRisk: pick(c.nRisk), ...(c.lower ? { lower: pick(c.lower) } : {}), ...(c.upper ? { upper: pick(c.upper) } : {}) };
}
