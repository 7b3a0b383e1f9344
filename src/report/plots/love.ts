/**
 * Love plot (Ahmed et al. 2006, named after Thomas Love): one row per covariate, its standardised mean
 * difference before adjustment (open black circle) and after matching and/or weighting (filled markers in colours
 * that are not the treatment groups': theme.ts ADJUSTMENT_COLORS, ADJUSTMENT_MARKERS), with a
 * balance threshold (default |SMD| = 0.1, Austin 2009, doi:10.1002/sim.3697). Rows sorted by the
 * unadjusted |SMD|, largest at the top, as cobalt's `love.plot(..., var.order = "unadjusted")`.
 * With `stats: ["smd", "varianceRatio", "ks"]` it draws one panel per statistic side by side, as
 * cobalt's `love.plot(stats = c("m", "v", "ks"))`: variance ratios on a log axis around 1 (continuous
 * terms only; thresholds 1/t and t), KS statistics from 0.
 *
 * Reads `BalanceResult.before` / `.after` rows (any `{ variable, smd, varianceRatio?, ks? }` rows). Pure: returns an SVG string.
 */
import { scaleLinear, scaleLog } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { bottomAxis, centredTitleX, type AxisTick } from "./axis.js";
import { tickFormatter } from "./format.js";
import { markerPath } from "./markers.js";
import { type Svg, el, fitText, g, line, svgRoot, text, textWidth } from "./svg.js";
import { ADJUSTMENT_MARKERS, FONT_FAMILY, INK, type FigureWidth, type FontSizes, adjustmentColor, fontPx, validateColors, widthPx } from "./theme.js";
import { msg } from "../../i18n/messages.js";
import { localizeDecimal } from "../../i18n/language.js";

export interface LovePlotRow {
  readonly variable: string;
  readonly smd: number;
  /** Variance ratio treated/control (null or absent for binary terms). */
  readonly varianceRatio?: number | null;
  /** Kolmogorov–Smirnov statistic. */
  readonly ks?: number | null;
}

/** A panel of the Love plot (cobalt's "m", "v", "ks"). */
export type LovePlotStat = "smd" | "varianceRatio" | "ks";

export interface LovePlotInput {
  /** Unadjusted balance rows (e.g. `balanceTable(...).before`). */
  readonly before: readonly LovePlotRow[];
  /** Adjusted samples, e.g. [{ label: "Matched", rows: matched.after }, { label: "IPTW", rows: weighted.after }]. */
  readonly adjusted?: readonly { readonly label: string; readonly rows: readonly LovePlotRow[] }[];
}

export interface LovePlotOptions {
  /** Panels, left to right; default ["smd"]. */
  readonly stats?: readonly LovePlotStat[];
  /** Plot |SMD| (default true) or the signed SMD. */
  readonly absolute?: boolean;
  /** SMD balance threshold drawn as a dashed line (±threshold when signed); default 0.1; null for none. */
  readonly threshold?: number | null;
  /** Variance-ratio threshold t (> 1), dashed lines at 1/t and t; default 2; null for none. */
  readonly varianceRatioThreshold?: number | null;
  /** KS threshold (0–1), dashed line; default null (none). */
  readonly ksThreshold?: number | null;
  /** Row order: "before" (by unadjusted |SMD|, largest on top; default) or "input" (as given). */
  readonly order?: "before" | "input";
  /** Display names for variables (escaped), e.g. { age: "Age (years)" }. */
  readonly variableLabels?: Readonly<Record<string, string>>;
  /** Legend label of the unadjusted sample; default "Unadjusted". */
  readonly beforeLabel?: string;
  /** x-axis title of the SMD panel; default "Absolute standardised mean difference" (or "Standardised mean difference"). */
  readonly xLabel?: string;
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  readonly width?: FigureWidth;
  /** Colours (hex) for the adjusted samples; default theme.ts ADJUSTMENT_COLORS (Okabe–Ito, not the treatment groups' colours). */
  readonly colors?: readonly string[];
  /** Font sizes in pt (8–14); default small 8, normal 9. */
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title; default "Covariate balance (Love plot)". */
  readonly title?: string;
}

const STAT_IDS: readonly LovePlotStat[] = ["smd", "varianceRatio", "ks"];

function validate(input: LovePlotInput, o: LovePlotOptions): void {
  const num = (v: unknown): boolean => v === undefined || v === null || typeof v === "number";
  const rowsOk = (rows: unknown): boolean => Array.isArray(rows) && rows.every((r) => r && typeof r.variable === "string" && typeof r.smd === "number" && num(r.varianceRatio) && num(r.ks));
  if (!input || !rowsOk(input.before)) throw new SurvinferError({ code: "INPUT_INVALID", message: "lovePlot needs before: { variable, smd }[]" });
  if (input.adjusted !== undefined && (!Array.isArray(input.adjusted) || input.adjusted.some((a) => typeof a.label !== "string" || !rowsOk(a.rows)))) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "lovePlot: adjusted must be { label, rows: { variable, smd }[] }[]" });
  }
  if (o.threshold !== undefined && o.threshold !== null && !(typeof o.threshold === "number" && o.threshold > 0 && Number.isFinite(o.threshold))) {
    throw optionError("threshold", "a positive number or null", o.threshold);
  }
  const vr = o.varianceRatioThreshold;
  if (vr !== undefined && vr !== null && !(typeof vr === "number" && vr > 1 && Number.isFinite(vr))) throw optionError("varianceRatioThreshold", "a number > 1 or null", vr);
  const ks = o.ksThreshold;
  if (ks !== undefined && ks !== null && !(typeof ks === "number" && ks > 0 && ks < 1)) throw optionError("ksThreshold", "a number in (0, 1) or null", ks);
  if (o.stats !== undefined && (!Array.isArray(o.stats) || o.stats.length === 0 || o.stats.some((x) => !STAT_IDS.includes(x)) || new Set(o.stats).size !== o.stats.length)) {
    throw optionError("stats", 'a non-empty list of distinct "smd", "varianceRatio", "ks"', o.stats);
  }
  if (o.order !== undefined && o.order !== "before" && o.order !== "input") throw optionError("order", `"before" or "input"`, o.order);
  if (o.absolute !== undefined && typeof o.absolute !== "boolean") throw optionError("absolute", "true or false", o.absolute);
}

interface PanelScale {
  readonly pos: (v: number) => number;
  readonly ticks: readonly AxisTick[];
  /** Solid reference line (0 or 1) and dashed threshold lines. */
  readonly reference: number;
  readonly thresholds: readonly number[];
  readonly title: string;
  /** Plotted value of a row (null: not plotted). */
  readonly value: (r: LovePlotRow) => number | null;
}

function finite(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Scale, ticks, reference lines and value accessor of one panel over [x0, x1]. */
function panelScale(stat: LovePlotStat, all: readonly LovePlotRow[], o: LovePlotOptions, x0: number, x1: number, short: boolean): PanelScale {
  if (stat === "varianceRatio") {
    const t = o.varianceRatioThreshold === undefined ? 2 : o.varianceRatioThreshold;
    let lo = t === null ? 1 : 1 / t;
    let hi = t === null ? 1 : t;
    for (const r of all) {
      if (finite(r.varianceRatio) && r.varianceRatio > 0) {
        lo = Math.min(lo, r.varianceRatio);
        hi = Math.max(hi, r.varianceRatio);
      }
    }
    if (!(hi > lo)) [lo, hi] = [0.5, 2];
    const x = scaleLog().domain([lo / 1.15, hi * 1.15]).range([x0, x1]);
    const candidates = [0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20, 50, 100].filter((v) => v >= lo / 1.15 && v <= hi * 1.15);
    const fmt = (v: number): string => (v >= 1 ? String(v) : tickFormatter([v, 1])(v));
    return {
      pos: (v) => x(v),
      ticks: candidates.map((v) => ({ value: v, pos: x(v), label: fmt(v) })),
      reference: 1,
      thresholds: t === null ? [] : [1 / t, t],
      title: short ? msg().plot.varianceRatioLogShort : msg().plot.varianceRatioLog,
      value: (r) => (finite(r.varianceRatio) && r.varianceRatio > 0 ? r.varianceRatio : null),
    };
  }
  if (stat === "ks") {
    const t = o.ksThreshold ?? null;
    let hi = t ?? 0;
    for (const r of all) if (finite(r.ks)) hi = Math.max(hi, r.ks);
    if (!(hi > 0)) hi = 0.1;
    const x = scaleLinear().domain([0, hi * 1.05]).range([x0, x1]).nice(4);
    const ticks = x.ticks(4);
    const fmt = tickFormatter(ticks);
    return { pos: (v) => x(v), ticks: ticks.map((v) => ({ value: v, pos: x(v), label: fmt(v) })), reference: 0, thresholds: t === null ? [] : [t], title: short ? msg().plot.ksShort : msg().plot.ks, value: (r) => (finite(r.ks) ? r.ks : null) };
  }
  const absolute = o.absolute ?? true;
  const t = o.threshold === undefined ? 0.1 : o.threshold;
  let maxAbs = t ?? 0;
  for (const r of all) if (finite(r.smd)) maxAbs = Math.max(maxAbs, Math.abs(r.smd));
  if (!(maxAbs > 0)) maxAbs = 0.1;
  const domain: [number, number] = absolute ? [0, maxAbs * 1.05] : [-maxAbs * 1.05, maxAbs * 1.05];
  const x = scaleLinear().domain(domain).range([x0, x1]).nice(5);
  const ticks = x.ticks(5);
  const fmt = tickFormatter(ticks);
  const d = x.domain();
  return {
    pos: (v) => x(v),
    ticks: ticks.map((v) => ({ value: v, pos: x(v), label: fmt(v) })),
    reference: 0,
    thresholds: t === null ? [] : (absolute ? [t] : [-t, t]).filter((v) => v >= d[0] && v <= d[1]),
    title: o.xLabel ?? (absolute ? (short ? msg().plot.absoluteSmdShort : msg().plot.absoluteSmd) : short ? msg().plot.smdShort : msg().plot.smd),
    value: (r) => (finite(r.smd) ? (absolute ? Math.abs(r.smd) : r.smd) : null),
  };
}

/**
 * Love plot of standardised mean differences (and, on request, variance ratios and KS statistics)
 * before and after adjustment, as an SVG string.
 *
 * R equivalent: `cobalt::love.plot(bal.tab(...), stats = c("mean.diffs", "variance.ratios", "ks.statistics"),
 * abs = TRUE, thresholds = c(m = .1, v = 2), var.order = "unadjusted")` (the statistics themselves come from `balanceTable`).
 *
 * @example
 * ```ts
 * const svg = lovePlot(
 *   { before: [{ variable: "age", smd: 0.52, varianceRatio: 1.8, ks: 0.3 }, { variable: "size", smd: -0.31, varianceRatio: 0.7, ks: 0.2 }],
 *     adjusted: [{ label: "IPTW", rows: [{ variable: "age", smd: 0.04, varianceRatio: 1.1, ks: 0.08 }, { variable: "size", smd: 0.02, varianceRatio: 0.9, ks: 0.05 }] }] },
 *   { threshold: 0.1, stats: ["smd", "varianceRatio", "ks"] },
 * );
 * svg.includes("age"); // true
 * ```
 */
export function lovePlot(input: LovePlotInput, options: LovePlotOptions = {}): string {
  validate(input, options);
  const colors = validateColors(options.colors);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width);
  const stats = options.stats ?? ["smd"];
  const adjusted = input.adjusted ?? [];

  // rows: variables of `before` (sorted), then any variable only in an adjusted sample
  const beforeBy = new Map(input.before.map((r) => [r.variable, r]));
  let vars = input.before.map((r) => r.variable);
  if ((options.order ?? "before") === "before") {
    const key = (v: string): number => {
      const s = Math.abs(beforeBy.get(v)?.smd ?? NaN);
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
  const adjBy = adjusted.map((a) => new Map(a.rows.map((r) => [r.variable, r])));
  const allRows: LovePlotRow[] = [];
  for (const v of vars) for (const m of [beforeBy, ...adjBy]) {
    const r = m.get(v);
    if (r !== undefined) allRows.push(r);
  }

  // layout
  const labelOf = (v: string): string => options.variableLabels?.[v] ?? v;
  const maxLabelW = W * (stats.length > 1 ? 0.34 : 0.4);
  const labels = vars.map((v) => fitText(labelOf(v), fs.small, maxLabelW));
  const labelW = Math.max(0, ...labels.map((l) => textWidth(l, fs.small)));
  const left = labelW + 14;
  const right = 14;
  const gap = 16;
  const panelW = (W - left - right - gap * (stats.length - 1)) / stats.length;
  const panels = stats.map((stat, k) => {
    const x0 = left + k * (panelW + gap);
    return { stat, x0, x1: x0 + panelW, scale: panelScale(stat, allRows, options, x0, x0 + panelW, stats.length > 1) };
  });

  // legend (top, wrapping)
  const legendEntries = [
    { label: options.beforeLabel ?? msg().plot.unadjusted, color: INK.text, shape: "circle" as const, filled: false },
    ...adjusted.map((a, k) => ({ label: a.label, color: adjustmentColor(k, colors), shape: ADJUSTMENT_MARKERS[k % ADJUSTMENT_MARKERS.length], filled: true })),
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

  const labelsSvg = vars.map((_, i) => text(left - 8, yRow(i) + fs.small * 0.35, labels[i], { "text-anchor": "end", "font-size": fs.small, class: "row-label" }));
  const panelSvgs = panels.map(({ stat, x0, x1, scale }) => {
    const guides = vars.map((_, i) => line(x0, yRow(i), x1, yRow(i), { stroke: INK.grid, "stroke-width": 0.5 }));
    const refLines: Svg[] = [line(scale.pos(scale.reference), top, scale.pos(scale.reference), bottom, { stroke: INK.axis, "stroke-width": 0.75, class: stat === "varianceRatio" ? "one-line" : "zero-line" })];
    for (const t of scale.thresholds) refLines.push(line(scale.pos(t), top, scale.pos(t), bottom, { stroke: INK.reference, "stroke-width": 0.75, "stroke-dasharray": "4,3", class: "threshold" }));
    const rowsSvg = vars.map((v, i) => {
      const pts: Svg[] = [];
      const b = beforeBy.get(v);
      const bv = b === undefined ? null : scale.value(b);
      if (bv !== null) pts.push(el("path", { d: markerPath("circle", scale.pos(bv), yRow(i), r), fill: "#ffffff", stroke: INK.text, "stroke-width": 1.2, class: `${stat === "smd" ? "smd" : stat}-before` }));
      adjBy.forEach((m, k) => {
        const a = m.get(v);
        const av = a === undefined ? null : scale.value(a);
        if (av !== null) {
          const c = adjustmentColor(k, colors);
          pts.push(el("path", { d: markerPath(ADJUSTMENT_MARKERS[k % ADJUSTMENT_MARKERS.length], scale.pos(av), yRow(i), r), fill: c, stroke: c, "stroke-width": 0.8, "fill-opacity": 0.9, class: `${stat === "smd" ? "smd" : stat}-adjusted`, "data-sample": k }));
        }
      });
      return g({ class: "love-row" }, ...pts);
    });
    return g(
      { class: `panel panel-${stat}` },
      g({ class: "guides" }, ...guides),
      g({ class: "reference" }, ...refLines),
      g({ class: "rows" }, ...rowsSvg),
      bottomAxis(scale.ticks, bottom, x0, x1, fs.small),
      text(centredTitleX((x0 + x1) / 2, scale.title, fs.normal, W), bottom + 4 + fs.small * 0.95 + fs.normal * 1.45, scale.title, { "text-anchor": "middle", "font-size": fs.normal, class: "axis-title" }),
    );
  });
  const smdT = options.threshold === undefined ? 0.1 : options.threshold;
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? msg().plot.loveTitle,
      description: msg().causal.loveDescription(stats.join(","), String(vars.length), adjusted.length ? adjusted.map((a) => a.label).join(", ") : null, stats.includes("smd") && smdT !== null ? localizeDecimal(String(smdT)) : null),
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-love",
    },
    legend,
    g({ class: "row-labels" }, ...labelsSvg),
    ...panelSvgs,
  );
}
