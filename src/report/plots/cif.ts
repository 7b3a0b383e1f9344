/**
 * Cumulative incidence figure (competing risks): one step curve per cause and group, rising from
 * (0, 0), as R's `plot(cmprsk::cuminc(...))` draws them — colour by group, line type by cause (colour
 * by cause when there is one group). Takes a `CumulativeIncidenceResult` (src/survival/competing/cuminc.ts)
 * or any `{ curves: { group, cause, time, est }[] }` whose (time, est) are the step corners in cuminc's
 * layout (each jump time twice: value before, value after). Pure: result in, SVG string out; labels
 * escaped; numbers rounded; deterministic.
 *
 * Options as the Kaplan–Meier figure (km.ts): a numbers-at-risk table under the plot (`riskTable`: per group
 * the risk set of the endpoint, i.e. patients free of any event and uncensored, as survminer's
 * `ggcompetingrisks` and ggsurvfit's `add_risktable()` count it), curves that end where fewer than
 * `minAtRisk` patients of their group remain at risk, pointwise confidence bands (`confInt`) from Gray's
 * variance of F̂ₖ(t) on the log(−log) scale as tidycmprsk (`tidy(cuminc)`: F^exp(±z·se/(F·log F))), and
 * group display labels.
 */
import { scaleLinear } from "d3-scale";
import { area, curveLinear } from "d3-shape";
import { numberAtRisk } from "./km.js";
import { normalQuantile } from "../../math/distributions.js";
import { SurvinferError, optionError } from "../../errors.js";
import { type AxisTick } from "./axis.js";
import { tickFormatter } from "./format.js";
import { type TimeUnit, annotationAbove, annotationLineHeight, annotationLines, figureLook, figureRoot, fitLegendLabel, legendItem, legendLineHeight, legendRowY, legendRows, maxTextWidth, plotAxes, plotHeight, riskPlotLayout, riskRowUntil, riskTableRows, riskTableSvg, timeAxis, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, g, num, wrapText } from "./svg.js";
import { type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { overBudget, thinStepIndices } from "./thin.js";
import { msg } from "../../i18n/messages.js";

/** px between the x axis line and the value 0 of the y axis (left axis offset as in d3's detached axes). */
const ZERO_LIFT = 4;

/** The parts of a cumulative incidence curve the figure reads (a `CumulativeIncidenceCurve` fits). */
export interface CifPlotCurve {
  /** Group label ("" without groups). */
  readonly group: string;
  readonly cause: number;
  readonly time: ArrayLike<number>;
  readonly est: ArrayLike<number>;
  /** Gray's variance of est (cuminc's `var`), for `confInt`. */
  readonly var?: ArrayLike<number>;
}

/** Risk set of one group over time (e.g. a Kaplan–Meier stratum of the same endpoint): nRisk at each time. */
export interface CifRiskSet {
  /** Group label as in the curves' `group`. */
  readonly group: string;
  readonly time: ArrayLike<number>;
  readonly nRisk: ArrayLike<number>;
}

export interface CifPlotInput {
  readonly curves: readonly CifPlotCurve[];
}

export interface CifPlotOptions {
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Unit of the times: picks the tick steps and the axis title. */
  readonly timeUnit?: TimeUnit;
  /** Display name per cause code, e.g. { 1: "Sarcoma", 2: "Other causes" }; default "Cause <code>". */
  readonly causeLabels?: Readonly<Record<number, string>>;
  readonly xLabel?: string;
  /** Default "Cumulative incidence". */
  readonly yLabel?: string;
  /** Top of the y axis (0 < yMax ≤ 1); default the largest estimate rounded up to a nice value (at most 1). */
  readonly yMax?: number;
  /** Text lines above the plot, under the legend, e.g. ["Gray's test, sarcoma: p = 0.03"] (escaped). */
  readonly annotation?: string | readonly string[];
  /** Font of the annotation: "normal" (default) or "small" (the compact annotation of a single-column figure). */
  readonly annotationSize?: "normal" | "small";
  /** Series colours (hex), one per group (or per cause with one group); default Okabe–Ito. */
  readonly colors?: readonly string[];
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title of the SVG; default "Cumulative incidence curves". */
  readonly title?: string;
  /**
   * Risk sets per group: drawn as a numbers-at-risk table under the plot (R's `summary(fit, times,
   * extend = TRUE)$n.risk` convention, {@link numberAtRisk}) and used by `minAtRisk`. Default none.
   */
  readonly riskSets?: readonly CifRiskSet[];
  /** End each group's curves where fewer than this many of its patients remain at risk (needs `riskSets`); default 0 (never). */
  readonly minAtRisk?: number;
  /** Shade pointwise confidence bands from each curve's `var`; default false. */
  readonly confInt?: boolean;
  /** Confidence level of the bands; default 0.95. */
  readonly confLevel?: number;
  /** Display label per group (legend and risk table), e.g. { yes: "Metastasectomy" }; default the group itself. */
  readonly groupLabels?: Readonly<Record<string, string>>;
  /** End of the time axis; default the last time drawn. */
  readonly xMax?: number;
  /** A tick every this many time units. */
  readonly breakBy?: number;
}

/**
 * Pointwise confidence limits of a cumulative incidence F with standard error se on the log(−log) scale,
 * as tidycmprsk's `tidy(cuminc)`: F^exp(±z·se/(F·log F)); [F, F] when se is 0, undefined limits (NaN)
 * where F is 0 or 1 or se is not finite.
 *
 * @example
 * ```ts
 * const [lo, hi] = cifLimits(0.3, 0.05, 1.959963984540054); // lo < 0.3 < hi
 * ```
 */
export function cifLimits(F: number, se: number, z: number): [number, number] {
  if (!(F > 0 && F < 1) || !Number.isFinite(se) || se < 0) return [NaN, NaN];
  const a = Math.exp((z * se) / (F * Math.log(F)));
  const b = Math.exp((-z * se) / (F * Math.log(F)));
  const p = F ** a;
  const q = F ** b;
  return [Math.min(p, q), Math.max(p, q)];
}

/** Dash patterns per cause index (first cause solid). */
const DASHES = [null, "6,3", "2,2", "8,3,2,3", "1,3"] as const;

function validate(input: CifPlotInput, o: CifPlotOptions): void {
  if (!input || !Array.isArray(input.curves)) throw new SurvinferError({ code: "INPUT_INVALID", message: "cifPlot needs a cumulative incidence result with curves[]" });
  for (const c of input.curves) {
    if (!c || c.time.length !== c.est.length || c.time.length === 0) {
      throw new SurvinferError({ code: "INPUT_INVALID", message: `cifPlot: curve of cause ${String(c?.cause)}${c?.group ? ` in group "${c.group}"` : ""} needs time and est of the same, non-zero length` });
    }
  }
  if (o.yMax !== undefined && !(typeof o.yMax === "number" && o.yMax > 0 && o.yMax <= 1)) throw optionError("yMax", "a number in (0, 1]", o.yMax);
  if (o.annotationSize !== undefined && o.annotationSize !== "normal" && o.annotationSize !== "small") throw optionError("annotationSize", "one of normal, small", o.annotationSize);
  if (o.minAtRisk !== undefined && !(typeof o.minAtRisk === "number" && Number.isInteger(o.minAtRisk) && o.minAtRisk >= 0)) throw optionError("minAtRisk", "a whole number ≥ 0", o.minAtRisk);
  if (o.confLevel !== undefined && !(typeof o.confLevel === "number" && o.confLevel > 0 && o.confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", o.confLevel);
  for (const k of ["xMax", "breakBy"] as const) {
    const v = o[k];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v > 0)) throw optionError(k, "a positive number", v);
  }
  for (const r of o.riskSets ?? []) {
    if (!r || r.time.length !== r.nRisk.length) throw new SurvinferError({ code: "INPUT_INVALID", message: `cifPlot: the risk set of group "${String(r?.group)}" needs time and nRisk of the same length` });
  }
  validateTimeUnit(o.timeUnit);
}

/**
 * Cumulative incidence curves as an SVG string (journal column width, Okabe–Ito colours).
 *
 * R equivalent (layout): `plot(cmprsk::cuminc(ftime, fstatus, group))` — step curves F̂ₖ(t) per cause k
 * and group from (0, 0) to each group's last follow-up time.
 *
 * @example
 * ```ts
 * const svg = cifPlot({ curves: [{ group: "", cause: 1, time: [0, 2, 2, 5], est: [0, 0, 0.25, 0.25] }] }, { causeLabels: { 1: "Relapse" } });
 * svg.includes("survinfer-cif"); // true
 * ```
 */
export function cifPlot(input: CifPlotInput, options: CifPlotOptions = {}): string {
  validate(input, options);
  const { colors, fs, W } = figureLook(options);
  const curves = input.curves;
  const groups = [...new Set(curves.map((c) => c.group))];
  const causes = [...new Set(curves.map((c) => c.cause))];
  const byGroup = groups.length > 1;
  const causeName = (k: number): string => options.causeLabels?.[k] ?? `Cause ${k}`;
  const groupName = (grp: string): string => options.groupLabels?.[grp] ?? grp;
  const labels = curves.map((c) => (byGroup ? `${groupName(c.group)}: ${causeName(c.cause)}` : causeName(c.cause)));
  // risk sets in the order of the curves' groups (a group without one is left out of the table)
  const riskSets = groups.flatMap((grp) => (options.riskSets ?? []).filter((r) => r.group === grp).slice(0, 1));
  // where each group's curves end: the last time with at least minAtRisk patients at risk (as km.ts)
  const minAtRisk = options.minAtRisk ?? 0;
  const cutOf = new Map<string, number>();
  for (const r of riskSets) {
    let j = r.time.length;
    while (j > 0 && r.nRisk[j - 1] < minAtRisk) j--;
    cutOf.set(r.group, j === r.time.length ? Infinity : j === 0 ? 0 : r.time[j - 1]);
  }
  const cut = (c: CifPlotCurve): number => cutOf.get(c.group) ?? Infinity;
  const z = normalQuantile(1 - (1 - (options.confLevel ?? 0.95)) / 2);
  const bandsOn = options.confInt === true;

  // ---- axes
  let maxTime = 0;
  let maxEst = 0;
  for (const c of curves) {
    maxTime = Math.max(maxTime, Math.min(c.time[c.time.length - 1], cut(c)));
    for (let j = 0; j < c.est.length; j++) {
      if (!Number.isFinite(c.est[j]) || c.time[j] > cut(c)) continue;
      maxEst = Math.max(maxEst, c.est[j]);
      const se = Math.sqrt(c.var?.[j] ?? NaN);
      if (bandsOn && Number.isFinite(se)) {
        const hi = cifLimits(c.est[j], se, z)[1];
        if (Number.isFinite(hi)) maxEst = Math.max(maxEst, hi);
      }
    }
  }
  let explicitBreaks: number[] | undefined;
  if (options.breakBy !== undefined) {
    const topT = options.xMax ?? (maxTime > 0 ? maxTime : options.breakBy);
    const n = Math.max(1, Math.ceil(topT / options.breakBy - 1e-9));
    explicitBreaks = Array.from({ length: n + 1 }, (_, i) => Number((i * options.breakBy!).toPrecision(12)));
  }
  const { breaks, xMax } = timeAxis(maxTime, W, options.timeUnit, options.xMax, explicitBreaks);
  const yMax = options.yMax ?? Math.min(1, maxEst > 0 ? (scaleLinear().domain([0, maxEst]).nice(5).domain()[1] as number) : 1);
  const yTickValues = scaleLinear().domain([0, yMax]).ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const xFmt = tickFormatter(breaks);

  // ---- layout
  const yTickW = maxTextWidth(yTickValues.map(yFmt), fs.small);
  const xLabels = breaks.map(xFmt);
  const hasRisk = riskSets.length > 0;
  // each row stops where its group's curves stop
  const riskCells = riskSets.map((r) => riskRowUntil(breaks, cutOf.get(r.group) ?? Infinity, (t) => String(Math.round(numberAtRisk(r, t)))));
  const { riskLabels, riskLabelGap, left, plotW } = riskPlotLayout(W, yAxisMargin(yTickW, fs), riskSets.map((r) => groupName(r.group) || "All"), xLabels, riskCells, hasRisk, fs);
  const swatch = 22;
  // a legend whose labels do not fit beside the plot takes the figure's width ("No metastasectomy: Other causes" on one column)
  const wide = labels.some((l) => fitLegendLabel(l, fs, plotW, swatch) !== l);
  const legendW = wide ? W - 8 : plotW;
  const legendX = wide ? 4 : left;
  const legend = legendRows(
    labels.map((l, i) => ({ label: fitLegendLabel(l, fs, legendW, swatch), i })),
    fs,
    swatch,
    legendW,
  );
  const legendLineH = legendLineHeight(fs);
  // lines longer than the plot is wide are wrapped (never drawn past the figure's edge), as the KM figure's
  // (annFs: the font sizes with the annotation's as the normal one)
  const annFs = options.annotationSize === "small" ? { ...fs, normal: fs.small } : fs;
  const ann = annotationLines(options.annotation).flatMap((l) => wrapText(l, annFs.normal, plotW - 12));
  const annLineH = annotationLineHeight(annFs);
  // the annotation goes above the plot (under the legend): rising curves leave no corner reliably free
  const annY = 8 + legend.length * legendLineH + annFs.normal * 0.9;
  const top = 8 + fs.small * 0.4 + legend.length * legendLineH + 2 + (ann.length > 0 ? ann.length * annLineH + 4 : 0);
  const plotH = plotHeight(plotW, W);
  const bottom = top + plotH;
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);
  // 0 sits ZERO_LIFT px above the x axis: a cause without events (a curve that stays at 0) stays visible, not under the axis line
  const y = scaleLinear().domain([0, yMax]).range([bottom - ZERO_LIFT, top]);
  const xTitleY = xTitleBaseline(bottom, fs);
  const risk = riskTableRows(xTitleY, fs, riskLabels.map((l) => l.length));
  const H = (hasRisk ? risk.lastY(riskSets.length - 1) : xTitleY) + 8;

  const colorOf = (c: CifPlotCurve): string => seriesColor(byGroup ? groups.indexOf(c.group) : causes.indexOf(c.cause), colors);
  const dashOf = (c: CifPlotCurve): string | null => (byGroup ? DASHES[causes.indexOf(c.cause) % DASHES.length] : null);

  // ---- curves: cuminc's corners joined by straight segments are the step function
  const bands: Svg[] = [];
  const paths: Svg[] = curves.map((c, i) => {
    let d = `M${num(x(0))},${num(y(0))}`;
    let prev = d.slice(1);
    // above 2 points per px of plot width: the step function's value after each time (the last corner at
    // that time), thinned to the last of each px column (src/report/plots/thin.ts), redrawn as corners
    const rows = overBudget(c.time.length, plotW) ? cifStepRows(c, x) : null;
    const order = rows ?? Array.from({ length: c.time.length }, (_, j) => j);
    const end = Math.min(cut(c), xMax);
    let prevV = 0;
    let lastV = 0;
    const bandPts: [number, number, number][] = [];
    let prevBand: [number, number] = [NaN, NaN];
    for (const j of order) {
      const v = c.est[j];
      if (!Number.isFinite(v)) continue;
      if (c.time[j] > cut(c) || c.time[j] > xMax) break;
      lastV = v;
      if (bandsOn && c.var !== undefined) {
        const lim = cifLimits(v, Math.sqrt(c.var[j]), z);
        // corners as the curve's: the band before a jump at its old limits, after it at the new ones
        if (rows !== null) bandPts.push([c.time[j], prevBand[0], prevBand[1]]);
        bandPts.push([c.time[j], lim[0], lim[1]]);
        prevBand = lim;
      }
      if (rows !== null) {
        const corner = `${num(x(c.time[j]))},${num(y(Math.min(prevV, yMax)))}`;
        if (corner !== prev) d += `L${corner}`;
        prev = corner;
        prevV = v;
      }
      const pt = `${num(x(c.time[j]))},${num(y(Math.min(v, yMax)))}`;
      if (pt !== prev) d += `L${pt}`;
      prev = pt;
    }
    // truncated (or past the axis end): flat to the time the risk set fell below minAtRisk, and no further
    if (Number.isFinite(end) && (Number.isFinite(cut(c)) || c.time[c.time.length - 1] > xMax)) {
      const pt = `${num(x(end))},${num(y(Math.min(lastV, yMax)))}`;
      if (pt !== prev) d += `L${pt}`;
      if (bandPts.length > 0) bandPts.push([end, prevBand[0], prevBand[1]]);
    }
    // a band where there are limits (a curve that stays at 0 has none)
    if (bandPts.some((p) => Number.isFinite(p[1]) && Number.isFinite(p[2]))) {
      const shape = area<[number, number, number]>()
        .defined((p) => Number.isFinite(p[1]) && Number.isFinite(p[2]))
        .x((p) => x(p[0]))
        .y0((p) => y(Math.min(p[1], yMax)))
        .y1((p) => y(Math.min(p[2], yMax)))
        .curve(curveLinear)
        .digits(2);
      bands.push(el("path", { d: shape(bandPts) ?? "", fill: colorOf(c), "fill-opacity": 0.15, stroke: "none", class: "cif-band", "data-curve": i }));
    }
    return el("path", { d, fill: "none", stroke: colorOf(c), "stroke-width": 1.5, "stroke-dasharray": dashOf(c), class: "cif-curve", "data-cause": c.cause, "data-group": c.group, "data-curve": i });
  });

  // ---- legend
  const items: Svg[] = legend.flatMap((r, k) =>
    r.map((it) => legendItem(legendX + it.x, legendRowY(k, legendLineH), it.label, { swatch, fs, stroke: colorOf(curves[it.i]), dash: dashOf(curves[it.i]) })),
  );

  const xTicks: AxisTick[] = breaks.map((b, k) => ({ value: b, pos: x(b), label: xLabels[k] }));
  const yTicks: AxisTick[] = yTickValues.map((v) => ({ value: v, pos: y(v), label: yFmt(v) }));
  const xTitle = timeAxisTitle(options.timeUnit, options.xLabel);
  const yTitle = options.yLabel ?? msg().longTerm.cifYLabel;
  return figureRoot(
    "cif",
    W,
    H,
    fs,
    {
      title: options.title ?? msg().longTerm.cifTitle,
      description: msg().longTerm.cifDescription(causes.map(causeName).join(", "), byGroup ? groups.map(groupName).join(", ") : null, hasRisk),
    },
    bands.length > 0 ? g({ class: "bands" }, ...bands) : null,
    g({ class: "curves" }, ...paths),
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle, fs }),
    g({ class: "legend" }, ...items),
    annotationAbove(ann, left, annY, annLineH, annFs),
    hasRisk ? riskTableSvg({ title: msg().longTerm.cifRiskTitle, rows: risk, labelX: left - riskLabelGap, labels: riskLabels, color: (i) => seriesColor(byGroup ? groups.indexOf(riskSets[i].group) : 0, colors), cells: riskCells, xTicks, rowKey: "data-curve", fs }) : null,
  );
}

/**
 * Rows of a cumulative incidence curve (corners: one row per time and value) to draw when it has more
 * points than its plot has half-pixels: the last finite row at each time (the value after that time),
 * then the last of those in each px column (thinStepIndices), so the step function is exact at every
 * kept time and no jump is lost.
 */
function cifStepRows(c: CifPlotCurve, x: (t: number) => number): number[] {
  const last: number[] = [];
  for (let j = 0; j < c.time.length; j++) {
    if (!Number.isFinite(c.est[j])) continue;
    if (last.length > 0 && c.time[last[last.length - 1]] === c.time[j]) last[last.length - 1] = j;
    else last.push(j);
  }
  return thinStepIndices(last.map((j) => x(c.time[j]))).map((k) => last[k]);
}
