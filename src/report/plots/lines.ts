/**
 * A plain line chart: a few named series of (x, y) points on linear axes, each with its own colour and dash, a
 * legend under the x-axis title, and an optional diagonal y = x. Used for the smoothed calibration curve
 * (Austin et al. 2020) and the decision curve (Vickers et al. 2008).
 * Pure: data in, SVG string out; labels escaped; numbers rounded.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError } from "../../errors.js";
import { bottomAxis, centredTitleX, leftAxis, verticalTitle } from "./axis.js";
import { tickFormatter } from "./format.js";
import { type Svg, el, g, line, num, svgRoot, text, textWidth, wrapText } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, fontPx, seriesColor, widthPx } from "./theme.js";

export interface LineSeries {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  /** SVG dash pattern, e.g. "4,3"; solid when absent. */
  readonly dash?: string;
  readonly color?: string;
}

export interface LinesPlotOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  /** Default: the data's range, padded and made nice. */
  readonly yDomain?: readonly [number, number];
  /** Draw y = x (dashed grey). */
  readonly diagonal?: boolean;
  readonly title: string;
  readonly description: string;
  readonly className: string;
  readonly width?: FigureWidth;
}

/** Line chart as an SVG string (see the module comment). */
export function linesPlot(series: readonly LineSeries[], o: LinesPlotOptions): string {
  if (series.length === 0 || series.some((s) => s.points.some(([a, b]) => !Number.isFinite(a) || !Number.isFinite(b)))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "linesPlot needs at least one series of finite (x, y) points" });
  }
  const fs = fontPx(undefined);
  const W = widthPx(o.width, "single");
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [y0, y1] = o.yDomain ?? (scaleLinear().domain([Math.min(...ys), Math.max(...ys)]).nice(5).domain() as [number, number]);
  const left = 10 + fs.normal * 1.4 + 34;
  const xt = scaleLinear().domain(o.xDomain).ticks(5);
  const yt = scaleLinear().domain([y0, y1]).ticks(5);
  const xf = tickFormatter(xt);
  const yf = tickFormatter(yt);
  // room on the right for half of the last tick label, which is centred on the axis end
  // (with a margin for a rasterizer's font wider than textWidth's estimate)
  const right = W - Math.max(10, xt.length > 0 ? (textWidth(xf(xt[xt.length - 1]), fs.small) / 2) * 1.25 + 4 : 10);
  const top = 10;
  const bottom = top + Math.round((right - left) * 0.8);
  const x = scaleLinear().domain(o.xDomain).range([left, right]);
  const y = scaleLinear().domain([y0, y1]).range([bottom, top]).clamp(true);
  const body: Svg[] = [];
  if (o.diagonal) {
    const lo = Math.max(o.xDomain[0], y0);
    const hi = Math.min(o.xDomain[1], y1);
    body.push(line(x(lo), y(lo), x(hi), y(hi), { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "reference" }));
  }
  series.forEach((s, i) => {
    // a line that leaves the panel (e.g. "treat all" below the y axis's lower limit) is cut where it leaves it, not
    // flattened onto the axis: one polyline while it stays in one piece, else one path of its pieces
    const runs = clipToBand(s.points, y0, y1).map((run) => run.map(([a, b]) => `${num(x(a))},${num(y(b))}`));
    const look = { fill: "none", stroke: s.color ?? seriesColor(i), "stroke-width": 1.5, ...(s.dash ? { "stroke-dasharray": s.dash } : {}), class: "series" };
    if (runs.length === 1) body.push(el("polyline", { points: runs[0].join(" "), ...look }));
    else if (runs.length > 1) body.push(el("path", { d: runs.map((r) => `M${r.join("L")}`).join(""), ...look }));
  });
  const xTitleY = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45;
  // legend: one entry per series under the x-axis title; a long label wraps onto further lines, never cut
  const legendTop = xTitleY + fs.normal * 1.6;
  const swatch = 22;
  const lineH = fs.normal * 1.35;
  const legend: Svg[] = [];
  let yy = legendTop;
  series.forEach((s, i) => {
    const lines = wrapText(s.label, fs.normal, W - 4 - (left + swatch + 6));
    legend.push(
      g(
        { class: "legend-item" },
        line(left, yy, left + swatch, yy, { stroke: s.color ?? seriesColor(i), "stroke-width": 1.5, ...(s.dash ? { "stroke-dasharray": s.dash } : {}) }),
        ...lines.map((l, k) => text(left + swatch + 6, yy + fs.normal * 0.35 + k * lineH, l)),
      ),
    );
    yy += lines.length * lineH;
  });
  const H = yy + 4;
  return svgRoot(
    W,
    H,
    { title: o.title, description: o.description, fontFamily: FONT_FAMILY, fontSize: fs.small, className: `survinfer-figure ${o.className}` },
    g({ class: "series-lines" }, ...body),
    bottomAxis(xt.map((t) => ({ value: t, pos: x(t), label: xf(t) })), bottom, left, right, fs.small),
    leftAxis(yt.map((t) => ({ value: t, pos: y(t), label: yf(t) })), left, top, bottom, fs.small),
    text(centredTitleX((left + right) / 2, o.xLabel, fs.normal, W), xTitleY, o.xLabel, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    verticalTitle(10 + fs.normal * 0.8, (top + bottom) / 2, o.yLabel, fs.normal),
    g({ class: "legend", "font-size": fs.normal }, ...legend),
  );
}

/**
 * The parts of the polyline through `points` whose y lies in [lo, hi]: each segment cut where it crosses a limit
 * (linear interpolation, as the segment is drawn), consecutive kept segments joined into one run. A polyline that stays
 * inside comes back whole as one run; one wholly outside gives none.
 *
 * @example
 * ```ts
 * clipToBand([[0, 0.1], [0.5, -0.1], [1, -0.3]], -0.05, 0.2); // [[[0, 0.1], [0.375, ≈ -0.05]]]: cut where it leaves the band
 * ```
 */
export function clipToBand(points: readonly (readonly [number, number])[], lo: number, hi: number): [number, number][][] {
  const inside = (v: number): boolean => v >= lo && v <= hi;
  if (points.every(([, v]) => inside(v))) return points.length > 0 ? [points.map(([a, b]) => [a, b] as [number, number])] : [];
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  // a run that touches the band at one point only is no line
  const close = (): void => {
    if (run.some(([a, b]) => a !== run[0][0] || b !== run[0][1])) runs.push(run);
    run = [];
  };
  for (let k = 0; k + 1 < points.length; k++) {
    const [xa, va] = points[k];
    const [xb, vb] = points[k + 1];
    // the part t ∈ [t0, t1] of the segment a + t·(b − a) with lo ≤ v ≤ hi
    let t0 = 0;
    let t1 = 1;
    const dv = vb - va;
    if (dv === 0) {
      if (!inside(va)) {
        close();
        continue;
      }
    } else {
      const tLo = (lo - va) / dv;
      const tHi = (hi - va) / dv;
      t0 = Math.max(0, Math.min(tLo, tHi));
      t1 = Math.min(1, Math.max(tLo, tHi));
      if (t0 > t1) {
        close();
        continue;
      }
    }
    const at = (t: number): [number, number] => (t === 0 ? [xa, va] : t === 1 ? [xb, vb] : [xa + t * (xb - xa), va + t * dv]);
    if (t0 > 0 || run.length === 0) {
      close();
      run.push(at(t0));
    }
    const end = at(t1);
    const last = run[run.length - 1];
    if (end[0] !== last[0] || end[1] !== last[1]) run.push(end);
    if (t1 < 1) close();
  }
  close();
  return runs;
}
