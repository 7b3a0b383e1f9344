/**
 * Cumulative incidence figure (competing risks): one step curve per cause and group, rising from
 * (0, 0), as R's `plot(cmprsk::cuminc(...))` draws them — colour by group, line type by cause (colour
 * by cause when there is one group). Takes a `CumulativeIncidenceResult` (src/survival/competing/cuminc.ts)
 * or any `{ curves: { group, cause, time, est }[] }` whose (time, est) are the step corners in cuminc's
 * layout (each jump time twice: value before, value after). Pure: result in, SVG string out; labels
 * escaped; numbers rounded; deterministic.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { type AxisTick } from "./axis.js";
import { tickFormatter } from "./format.js";
import { type TimeUnit, annotationAbove, annotationLineHeight, annotationLines, figureLook, figureRoot, fitLegendLabel, legendItem, legendLineHeight, legendRowY, legendRows, maxTextWidth, plotAxes, plotHeight, rightMargin, timeAxis, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, g, num } from "./svg.js";
import { type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { overBudget, thinStepIndices } from "./thin.js";

/** The parts of a cumulative incidence curve the figure reads (a `CumulativeIncidenceCurve` fits). */
export interface CifPlotCurve {
  /** Group label ("" without groups). */
  readonly group: string;
  readonly cause: number;
  readonly time: ArrayLike<number>;
  readonly est: ArrayLike<number>;
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
  /** Series colours (hex), one per group (or per cause with one group); default Okabe–Ito. */
  readonly colors?: readonly string[];
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title of the SVG; default "Cumulative incidence curves". */
  readonly title?: string;
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
  const labels = curves.map((c) => (byGroup ? `${c.group}: ${causeName(c.cause)}` : causeName(c.cause)));

  // ---- axes
  let maxTime = 0;
  let maxEst = 0;
  for (const c of curves) {
    maxTime = Math.max(maxTime, c.time[c.time.length - 1]);
    for (let j = 0; j < c.est.length; j++) if (Number.isFinite(c.est[j])) maxEst = Math.max(maxEst, c.est[j]);
  }
  const { breaks, xMax } = timeAxis(maxTime, W, options.timeUnit);
  const yMax = options.yMax ?? Math.min(1, maxEst > 0 ? (scaleLinear().domain([0, maxEst]).nice(5).domain()[1] as number) : 1);
  const yTickValues = scaleLinear().domain([0, yMax]).ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const xFmt = tickFormatter(breaks);

  // ---- layout
  const yTickW = maxTextWidth(yTickValues.map(yFmt), fs.small);
  const left = yAxisMargin(yTickW, fs);
  const plotW = W - left - rightMargin(xFmt(breaks[breaks.length - 1]), [], false, fs);
  const swatch = 22;
  const legend = legendRows(
    labels.map((l, i) => ({ label: fitLegendLabel(l, fs, plotW, swatch), i })),
    fs,
    swatch,
    plotW,
  );
  const legendLineH = legendLineHeight(fs);
  const ann = annotationLines(options.annotation);
  const annLineH = annotationLineHeight(fs);
  // the annotation goes above the plot (under the legend): rising curves leave no corner reliably free
  const annY = 8 + legend.length * legendLineH + fs.normal * 0.9;
  const top = 8 + fs.small * 0.4 + legend.length * legendLineH + 2 + (ann.length > 0 ? ann.length * annLineH + 4 : 0);
  const plotH = plotHeight(plotW, W);
  const bottom = top + plotH;
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);
  const y = scaleLinear().domain([0, yMax]).range([bottom, top]);
  const xTitleY = xTitleBaseline(bottom, fs);
  const H = xTitleY + 8;

  const colorOf = (c: CifPlotCurve): string => seriesColor(byGroup ? groups.indexOf(c.group) : causes.indexOf(c.cause), colors);
  const dashOf = (c: CifPlotCurve): string | null => (byGroup ? DASHES[causes.indexOf(c.cause) % DASHES.length] : null);

  // ---- curves: cuminc's corners joined by straight segments are the step function
  const paths: Svg[] = curves.map((c, i) => {
    let d = `M${num(x(0))},${num(y(0))}`;
    let prev = d.slice(1);
    // above 2 points per px of plot width: the step function's value after each time (the last corner at
    // that time), thinned to the last of each px column (src/report/plots/thin.ts), redrawn as corners
    const rows = overBudget(c.time.length, plotW) ? cifStepRows(c, x) : null;
    const order = rows ?? Array.from({ length: c.time.length }, (_, j) => j);
    let prevV = 0;
    for (const j of order) {
      const v = c.est[j];
      if (!Number.isFinite(v)) continue;
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
    return el("path", { d, fill: "none", stroke: colorOf(c), "stroke-width": 1.5, "stroke-dasharray": dashOf(c), class: "cif-curve", "data-cause": c.cause, "data-group": c.group, "data-curve": i });
  });

  // ---- legend
  const items: Svg[] = legend.flatMap((r, k) =>
    r.map((it) => legendItem(left + it.x, legendRowY(k, legendLineH), it.label, { swatch, fs, stroke: colorOf(curves[it.i]), dash: dashOf(curves[it.i]) })),
  );

  const xTicks: AxisTick[] = breaks.map((b) => ({ value: b, pos: x(b), label: xFmt(b) }));
  const yTicks: AxisTick[] = yTickValues.map((v) => ({ value: v, pos: y(v), label: yFmt(v) }));
  const xTitle = timeAxisTitle(options.timeUnit, options.xLabel);
  const yTitle = options.yLabel ?? "Cumulative incidence";
  return figureRoot(
    "cif",
    W,
    H,
    fs,
    {
      title: options.title ?? "Cumulative incidence curves",
      description: `Cumulative incidence of ${causes.map(causeName).join(", ")}${byGroup ? ` by group: ${groups.join(", ")}` : ""}.`,
    },
    g({ class: "curves" }, ...paths),
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle, fs }),
    g({ class: "legend" }, ...items),
    annotationAbove(ann, left, annY, annLineH, fs),
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
