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
import { bottomAxis, centredTitleX, leftAxis, verticalTitle, type AxisTick } from "./axis.js";
import { tickFormatter } from "./format.js";
import { timeBreaks, type TimeUnit } from "./km.js";
import { type Svg, el, fitText, g, line, num, svgRoot, text, textWidth } from "./svg.js";
import { FONT_FAMILY, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";

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
  if (o.timeUnit !== undefined && !["days", "weeks", "months", "years"].includes(o.timeUnit)) throw optionError("timeUnit", "one of days, weeks, months, years", o.timeUnit);
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
  const colors = validateColors(options.colors);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width);
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
  const breaks = timeBreaks(maxTime, options.timeUnit, W > 500 ? 10 : 7);
  const xMax = Math.max(breaks[breaks.length - 1], maxTime > 0 ? maxTime : 1);
  const yMax = options.yMax ?? Math.min(1, maxEst > 0 ? (scaleLinear().domain([0, maxEst]).nice(5).domain()[1] as number) : 1);
  const yTickValues = scaleLinear().domain([0, yMax]).ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const xFmt = tickFormatter(breaks);

  // ---- layout
  const yTickW = Math.max(...yTickValues.map((v) => textWidth(yFmt(v), fs.small)));
  const left = yTickW + 13 + fs.normal * 0.95 + 4;
  const right = Math.max(10, textWidth(xFmt(breaks[breaks.length - 1]), fs.small) / 2 + 4);
  const plotW = W - left - right;
  const swatch = 22;
  const legendRows: { label: string; i: number; x: number }[][] = [];
  let row: { label: string; i: number; x: number }[] = [];
  let cx = 0;
  labels.forEach((l, i) => {
    const label = fitText(l, fs.normal, plotW - swatch - 6);
    const w = swatch + 4 + textWidth(label, fs.normal) + 14;
    if (row.length > 0 && cx + w > plotW) {
      legendRows.push(row);
      row = [];
      cx = 0;
    }
    row.push({ label, i, x: cx });
    cx += w;
  });
  if (row.length > 0) legendRows.push(row);
  const legendLineH = fs.normal * 1.35;
  const ann = options.annotation === undefined ? [] : typeof options.annotation === "string" ? [options.annotation] : [...options.annotation];
  const annLineH = fs.normal * 1.3;
  // the annotation goes above the plot (under the legend): rising curves leave no corner reliably free
  const annY = 8 + legendRows.length * legendLineH + fs.normal * 0.9;
  const top = 8 + fs.small * 0.4 + legendRows.length * legendLineH + 2 + (ann.length > 0 ? ann.length * annLineH + 4 : 0);
  const plotH = plotW * (W > 500 ? 0.5 : 0.62);
  const bottom = top + plotH;
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);
  const y = scaleLinear().domain([0, yMax]).range([bottom, top]);
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  const H = xTitleY + 8;

  const colorOf = (c: CifPlotCurve): string => seriesColor(byGroup ? groups.indexOf(c.group) : causes.indexOf(c.cause), colors);
  const dashOf = (c: CifPlotCurve): string | null => (byGroup ? DASHES[causes.indexOf(c.cause) % DASHES.length] : null);

  // ---- curves: cuminc's corners joined by straight segments are the step function
  const paths: Svg[] = curves.map((c, i) => {
    let d = `M${num(x(0))},${num(y(0))}`;
    let prev = d.slice(1);
    for (let j = 0; j < c.time.length; j++) {
      const v = c.est[j];
      if (!Number.isFinite(v)) continue;
      const pt = `${num(x(c.time[j]))},${num(y(Math.min(v, yMax)))}`;
      if (pt !== prev) d += `L${pt}`;
      prev = pt;
    }
    return el("path", { d, fill: "none", stroke: colorOf(c), "stroke-width": 1.5, "stroke-dasharray": dashOf(c), class: "cif-curve", "data-cause": c.cause, "data-group": c.group, "data-curve": i });
  });

  // ---- legend
  const items: Svg[] = [];
  legendRows.forEach((r, k) => {
    const ly = 8 + legendLineH * k + legendLineH / 2;
    for (const it of r) {
      const c = curves[it.i];
      items.push(
        g(
          { class: "legend-item" },
          line(left + it.x, ly, left + it.x + swatch, ly, { stroke: colorOf(c), "stroke-width": 2, "stroke-dasharray": dashOf(c) }),
          text(left + it.x + swatch + 4, ly + fs.normal * 0.35, it.label, { "font-size": fs.normal }),
        ),
      );
    }
  });

  const xTicks: AxisTick[] = breaks.map((b) => ({ value: b, pos: x(b), label: xFmt(b) }));
  const yTicks: AxisTick[] = yTickValues.map((v) => ({ value: v, pos: y(v), label: yFmt(v) }));
  const xTitle = options.xLabel ?? (options.timeUnit ? `Time (${options.timeUnit})` : "Time");
  const yTitle = options.yLabel ?? "Cumulative incidence";
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? "Cumulative incidence curves",
      description: `Cumulative incidence of ${causes.map(causeName).join(", ")}${byGroup ? ` by group: ${groups.join(", ")}` : ""}.`,
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-cif",
    },
    g({ class: "curves" }, ...paths),
    leftAxis(yTicks, left, top, bottom, fs.small),
    verticalTitle(left - yTickW - 9 - fs.normal * 0.2, top + plotH / 2, yTitle, fs.normal),
    bottomAxis(xTicks, bottom, left, left + plotW, fs.small),
    text(centredTitleX(left + plotW / 2, xTitle, fs.normal, W), xTitleY, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    g({ class: "legend" }, ...items),
    ann.length > 0 ? g({ class: "annotation", "font-size": fs.normal }, ...ann.map((a, k) => text(left, annY + annLineH * k, a))) : null,
  );
}
