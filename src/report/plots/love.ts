/**
 * Love plot (Ahmed et al. 2006, named after Thomas Love): one row per covariate, its standardised mean
 * difference before adjustment (open circle) and after matching and/or weighting (filled markers), with a
 * balance threshold (default |SMD| = 0.1, Austin 2009, doi:10.1002/sim.3697). Rows sorted by the
 * unadjusted |SMD|, largest at the top, as cobalt's `love.plot(..., var.order = "unadjusted")`.
 *
 * Reads `BalanceResult.before` / `.after` rows (any `{ variable, smd }` rows). Pure: returns an SVG string.
 */
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, type AxisTick } from "./axis.js";
import { tickFormatter } from "./format.js";
import { MARKER_ORDER, markerPath } from "./markers.js";
import { type Svg, el, fitText, g, line, svgRoot, text, textWidth } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, seriesColor, validateColors, widthPx } from "./theme.js";

export interface LovePlotRow {
  readonly variable: string;
  readonly smd: number;
}

export interface LovePlotInput {
  /** Unadjusted balance rows (e.g. `balanceTable(...).before`). */
  readonly before: readonly LovePlotRow[];
  /** Adjusted samples, e.g. [{ label: "Matched", rows: matched.after }, { label: "IPTW", rows: weighted.after }]. */
  readonly adjusted?: readonly { readonly label: string; readonly rows: readonly LovePlotRow[] }[];
}

export interface LovePlotOptions {
  /** Plot |SMD| (default true) or the signed SMD. */
  readonly absolute?: boolean;
  /** Balance threshold drawn as a dashed line (±threshold when signed); default 0.1; null for none. */
  readonly threshold?: number | null;
  /** Row order: "before" (by unadjusted |SMD|, largest on top; default) or "input" (as given). */
  readonly order?: "before" | "input";
  /** Display names for variables (escaped), e.g. { age: "Age (years)" }. */
  readonly variableLabels?: Readonly<Record<string, string>>;
  /** Legend label of the unadjusted sample; default "Unadjusted". */
  readonly beforeLabel?: string;
  /** x-axis title; default "Absolute standardised mean difference" (or "Standardised mean difference"). */
  readonly xLabel?: string;
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Colours (hex) for the adjusted samples; default Okabe–Ito. */
  readonly colors?: readonly string[];
  /** Font sizes in pt (8–14); default small 8, normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title; default "Covariate balance (Love plot)". */
  readonly title?: string;
}

function validate(input: LovePlotInput, o: LovePlotOptions): void {
  const rowsOk = (rows: unknown): boolean => Array.isArray(rows) && rows.every((r) => r && typeof r.variable === "string" && typeof r.smd === "number");
  if (!input || !rowsOk(input.before)) throw new SurvinferError({ code: "INPUT_INVALID", message: "lovePlot needs before: { variable, smd }[]" });
  if (input.adjusted !== undefined && (!Array.isArray(input.adjusted) || input.adjusted.some((a) => typeof a.label !== "string" || !rowsOk(a.rows)))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "lovePlot: adjusted must be { label, rows: { variable, smd }[] }[]" });
  }
  if (o.threshold !== undefined && o.threshold !== null && !(typeof o.threshold === "number" && o.threshold > 0 && Number.isFinite(o.threshold))) {
    throw optionError("threshold", "a positive number or null", o.threshold);
  }
  if (o.order !== undefined && o.order !== "before" && o.order !== "input") throw optionError("order", `"before" or "input"`, o.order);
  if (o.absolute !== undefined && typeof o.absolute !== "boolean") throw optionError("absolute", "true or false", o.absolute);
}

/**
 * Love plot of standardised mean differences before and after adjustment, as an SVG string.
 *
 * R equivalent: `cobalt::love.plot(bal.tab(...), stats = "mean.diffs", abs = TRUE, thresholds = c(m = .1),
 * var.order = "unadjusted")` (the statistics themselves come from `balanceTable`).
 *
 * @example
 * ```ts
 * const svg = lovePlot(
 *   { before: [{ variable: "age", smd: 0.52 }, { variable: "size", smd: -0.31 }],
 *     adjusted: [{ label: "IPTW", rows: [{ variable: "age", smd: 0.04 }, { variable: "size", smd: 0.02 }] }] },
 *   { threshold: 0.1 },
 * );
 * svg.includes("age"); // true
 * ```
 */
export function lovePlot(input: LovePlotInput, options: LovePlotOptions = {}): string {
  validate(input, options);
  const colors = validateColors(options.colors);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width);
  const absolute = options.absolute ?? true;
  const threshold = options.threshold === undefined ? 0.1 : options.threshold;
  const adjusted = input.adjusted ?? [];
  const tr = (v: number): number => (absolute ? Math.abs(v) : v);

  // rows: variables of `before` (sorted), then any variable only in an adjusted sample
  const beforeBy = new Map(input.before.map((r) => [r.variable, r.smd]));
  let vars = input.before.map((r) => r.variable);
  if ((options.order ?? "before") === "before") {
    const key = (v: string): number => {
      const s = Math.abs(beforeBy.get(v) ?? NaN);
      return Number.isFinite(s) ? s : -1;
    };
    vars = vars.map((v, i) => ({ v, i })).sort((a, b) => key(b.v) - key(a.v) || a.i - b.i).map((e) => e.v);
  }
  const seen = new Set(vars);
  for (const a of adjusted) {
    for (const r of a.rows) {
      if (!seen.has(r.variable)) {
        seen.add(r.variable);
        vars.push(r.variable);
      }
    }
  }
  const adjBy = adjusted.map((a) => new Map(a.rows.map((r) => [r.variable, r.smd])));

  // x domain
  let maxAbs = threshold ?? 0;
  for (const v of vars) {
    for (const m of [beforeBy, ...adjBy]) {
      const s = m.get(v);
      if (s !== undefined && Number.isFinite(s)) maxAbs = Math.max(maxAbs, Math.abs(s));
    }
  }
  if (!(maxAbs > 0)) maxAbs = 0.1;
  const domain: [number, number] = absolute ? [0, maxAbs * 1.05] : [-maxAbs * 1.05, maxAbs * 1.05];

  // layout
  const labelOf = (v: string): string => options.variableLabels?.[v] ?? v;
  const maxLabelW = W * 0.4;
  const labels = vars.map((v) => fitText(labelOf(v), fs.small, maxLabelW));
  const labelW = Math.max(0, ...labels.map((l) => textWidth(l, fs.small)));
  const left = labelW + 14;
  const right = 14;
  const plotW = W - left - right;
  const x = scaleLinear().domain(domain).range([left, left + plotW]).nice(5);
  const ticks = x.ticks(5);
  const fmt = tickFormatter(ticks);

  // legend (top, wrapping)
  const legendEntries = [
    { label: options.beforeLabel ?? "Unadjusted", color: INK.text, shape: MARKER_ORDER[0], filled: false },
    ...adjusted.map((a, k) => ({ label: a.label, color: seriesColor(k, colors), shape: MARKER_ORDER[k % MARKER_ORDER.length], filled: true })),
  ];
  const legendLineH = fs.normal * 1.4;
  const placed: { e: (typeof legendEntries)[number]; x: number; row: number }[] = [];
  let cx = 0;
  let row = 0;
  for (const e of legendEntries) {
    const lbl = fitText(e.label, fs.normal, W - 30);
    const w = 14 + textWidth(lbl, fs.normal) + 14;
    if (cx > 0 && cx + w > W - 8) {
      row += 1;
      cx = 0;
    }
    placed.push({ e: { ...e, label: lbl }, x: 8 + cx, row });
    cx += w;
  }
  const top = 8 + (row + 1) * legendLineH + 6;
  const rowH = fs.small * 1.6;
  const plotH = Math.max(1, vars.length) * rowH;
  const bottom = top + plotH;
  const H = bottom + 4 + fs.small * 0.95 + fs.normal * 1.45 + 8;
  const yRow = (i: number): number => top + rowH * (i + 0.5);
  const r = 3.2;

  const legend = g(
    { class: "legend" },
    ...placed.map((p) =>
      g(
        { class: "legend-item" },
        el("path", {
          d: markerPath(p.e.shape, p.x + 5, 8 + legendLineH * (p.row + 0.5), r),
          fill: p.e.filled ? p.e.color : "#ffffff",
          stroke: p.e.color,
          "stroke-width": 1.2,
        }),
        text(p.x + 14, 8 + legendLineH * (p.row + 0.5) + fs.normal * 0.35, p.e.label, { "font-size": fs.normal }),
      ),
    ),
  );

  const guides = vars.map((_, i) => line(left, yRow(i), left + plotW, yRow(i), { stroke: INK.grid, "stroke-width": 0.5 }));
  const refLines: Svg[] = [line(x(0), top, x(0), bottom, { stroke: INK.axis, "stroke-width": 0.75, class: "zero-line" })];
  if (threshold !== null) {
    for (const t of absolute ? [threshold] : [-threshold, threshold]) {
      if (t >= x.domain()[0] && t <= x.domain()[1]) {
        refLines.push(line(x(t), top, x(t), bottom, { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "threshold" }));
      }
    }
  }
  const rowsSvg = vars.map((v, i) => {
    const pts: Svg[] = [];
    const b = beforeBy.get(v);
    if (b !== undefined && Number.isFinite(b)) {
      pts.push(el("path", { d: markerPath("circle", x(tr(b)), yRow(i), r), fill: "#ffffff", stroke: INK.text, "stroke-width": 1.2, class: "smd-before" }));
    }
    adjBy.forEach((m, k) => {
      const s = m.get(v);
      if (s !== undefined && Number.isFinite(s)) {
        const c = seriesColor(k, colors);
        pts.push(el("path", { d: markerPath(MARKER_ORDER[k % MARKER_ORDER.length], x(tr(s)), yRow(i), r), fill: c, stroke: c, "stroke-width": 0.8, "fill-opacity": 0.9, class: "smd-adjusted", "data-sample": k }));
      }
    });
    return g({ class: "love-row" }, text(left - 8, yRow(i) + fs.small * 0.35, labels[i], { "text-anchor": "end", "font-size": fs.small, class: "row-label" }), ...pts);
  });

  const axisTicks: AxisTick[] = ticks.map((t) => ({ value: t, pos: x(t), label: fmt(t) }));
  const xTitle = options.xLabel ?? (absolute ? "Absolute standardised mean difference" : "Standardised mean difference");
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? "Covariate balance (Love plot)",
      description: `Standardised mean differences of ${vars.length} covariate(s) before adjustment${adjusted.length ? ` and after ${adjusted.map((a) => a.label).join(", ")}` : ""}${threshold !== null ? `; threshold ${threshold}` : ""}.`,
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-love",
    },
    legend,
    g({ class: "guides" }, ...guides),
    g({ class: "reference" }, ...refLines),
    g({ class: "rows" }, ...rowsSvg),
    bottomAxis(axisTicks, bottom, left, left + plotW, fs.small),
    text(centredTitleX(left + plotW / 2, xTitle, fs.normal, W), bottom + 4 + fs.small * 0.95 + fs.normal * 1.45, xTitle, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
  );
}
