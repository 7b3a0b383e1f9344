/**
 * Nomogram of a Cox prediction model (Harrell's rms::nomogram layout; Iasonos et al. 2008,
 * doi:10.1200/JCO.2007.12.9791): a "Points" scale 0–100, one axis per model column, a "Total points"
 * axis and the predicted survival at the horizon t.
 *
 * Points: for column j with coefficient βⱼ and observed range [minⱼ, maxⱼ], its effect range is
 * |βⱼ|(maxⱼ − minⱼ); the largest effect range gets 100 points, so pointsⱼ(x) = 100·|βⱼ(x − refⱼ)| / E_max,
 * refⱼ = minⱼ when βⱼ > 0 else maxⱼ (every axis starts at 0 points). Total points P = Σ pointsⱼ, and
 * η = Σ βⱼ refⱼ + P·E_max/100, Ŝ(t) = S₀(t)^exp(η − Σβⱼx̄ⱼ) (S₀ from the Cox model's baseline at the means,
 * src/survival/cox/predict.ts). A survival tick s sits at P(s) = (centre + log(log s / log S₀) − Σβⱼrefⱼ)·100/E_max.
 * Pure: model numbers in, SVG string out; every label escaped.
 */
import { msg } from "../../i18n/messages.js";
import { scaleLinear } from "d3-scale";
import { SurvinferError, optionError } from "../../errors.js";
import { tickFormatter } from "./format.js";
import { type Svg, g, line, svgRoot, text, textWidth, wrapText } from "./svg.js";
import { FONT_FAMILY, INK, type FigureWidth, type FontSizes, fontPx, widthPx } from "./theme.js";

/** Least white space between neighbouring tick labels of one axis, in px (half an 8-pt em): labels never touch (issue 19). */
const MIN_LABEL_GAP = 6;

export interface NomogramColumn {
  /** Model column name, e.g. "age_primary" or "timingsynchronous". */
  readonly name: string;
  readonly coef: number;
  readonly min: number;
  readonly max: number;
  /** A 0/1 column: two ticks labelled by `levelLabels` (default "0"/"1"). */
  readonly binary?: boolean;
  /** Labels of 0 and 1 for a binary column (options.levelLabels overrides). */
  readonly levelLabels?: readonly [string, string];
}

export interface NomogramInput {
  readonly columns: readonly NomogramColumn[];
  /** Horizon t of the survival axis. */
  readonly time: number;
  /** S₀(t) at the covariate means, and Σβ·x̄. */
  readonly baselineSurv: number;
  readonly centre: number;
}

export interface NomogramOptions {
  /** Display name per column name (default: the column name). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Tick labels of a binary column: { timingsynchronous: ["metachronous", "synchronous"] }. */
  readonly levelLabels?: Readonly<Record<string, readonly [string, string]>>;
  /** Title of the survival axis; default "Predicted survival at t = <time>". */
  readonly survivalLabel?: string;
  /** Survival ticks; default 0.95, 0.9, 0.8, …, 0.1, 0.05 (those reachable are drawn). */
  readonly survivalTicks?: readonly number[];
  /** Printed width; default "double". */
  readonly width?: FigureWidth;
  readonly fontSize?: Partial<FontSizes>;
  /** Accessible title; default "Nomogram". */
  readonly title?: string;
}

const DEFAULT_SURV_TICKS = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];

function validate(input: NomogramInput, o: NomogramOptions): void {
  const ok =
    input &&
    Array.isArray(input.columns) &&
    input.columns.length > 0 &&
    input.columns.every((c) => c && typeof c.name === "string" && Number.isFinite(c.coef) && Number.isFinite(c.min) && Number.isFinite(c.max) && c.min <= c.max) &&
    Number.isFinite(input.time) &&
    input.baselineSurv > 0 &&
    input.baselineSurv < 1 &&
    Number.isFinite(input.centre);
  if (!ok) throw new SurvinferError({ code: "INPUT_INVALID", message: "nomogramPlot needs columns { name, coef, min, max }[], time, baselineSurv in (0, 1) and centre" });
  if (!input.columns.some((c) => c.coef !== 0 && c.max > c.min)) throw new SurvinferError({ code: "INPUT_INVALID", message: "nomogramPlot needs at least one column with a non-zero coefficient and a range" });
  if (o.survivalTicks !== undefined && (!Array.isArray(o.survivalTicks) || o.survivalTicks.some((s) => !(s > 0 && s < 1)))) throw optionError("survivalTicks", "probabilities in (0, 1)", o.survivalTicks);
}

/** Points of value x on column c (0 at the least risky end of its range). */
export function nomogramPoints(c: NomogramColumn, x: number, maxEffect: number): number {
  const ref = c.coef > 0 ? c.min : c.max;
  return maxEffect > 0 ? (100 * Math.abs(c.coef * (x - ref))) / maxEffect : 0;
}

/**
 * The nomogram as an SVG string.
 *
 * R equivalent (layout): `plot(rms::nomogram(cph_fit, fun = function(lp) survest(...)))`; the numbers are
 * the Cox model's β and S₀(t) unchanged.
 *
 * @example
 * ```ts
 * const svg = nomogramPlot({ columns: [{ name: "age", coef: 0.011, min: 39, max: 82 }, { name: "sex", coef: -0.55, min: 1, max: 2 }], time: 365, baselineSurv: 0.41, centre: -0.08 });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function nomogramPlot(input: NomogramInput, options: NomogramOptions = {}): string {
  validate(input, options);
  const fs = fontPx(options.fontSize);
  const W = widthPx(options.width, "double");
  const cols = input.columns;
  const maxEffect = Math.max(...cols.map((c) => Math.abs(c.coef) * (c.max - c.min)));
  const totalMax = cols.reduce((s, c) => s + nomogramPoints(c, c.coef > 0 ? c.max : c.min, maxEffect), 0);
  const refSum = cols.reduce((s, c) => s + c.coef * (c.coef > 0 ? c.min : c.max), 0);
  const label = (c: NomogramColumn): string => options.labels?.[c.name] ?? c.name;
  const lt = msg().longTerm;
  const survLabel = options.survivalLabel ?? lt.nomDefaultSurvival(String(input.time));
  const rowLabels = [lt.nomPoints, ...cols.map(label), lt.nomTotal, survLabel];
  const maxLabelW = W * 0.3;
  // row labels are wrapped onto up to 3 lines (never cut); a label that still does not fit is set in the small size
  const labelLines = rowLabels.map((l) => {
    const normal = wrapText(l, fs.normal, maxLabelW);
    if (normal.length <= 3) return { lines: normal, size: fs.normal };
    return { lines: wrapText(l, fs.small, maxLabelW), size: fs.small };
  });
  const left = 8 + Math.max(...labelLines.flatMap((t) => t.lines.map((x) => textWidth(x, t.size)))) + 14;
  const right = W - 18;
  const pts = scaleLinear().domain([0, 100]).range([left, right]);
  const tot = scaleLinear().domain([0, Math.max(totalMax, 1e-9)]).range([left, right]);
  const rowH = fs.small * 4.4; // room for a label row above and a staggered one below the axis
  const top = 10;
  const axisY = (k: number): number => top + rowH * k + fs.normal;
  const rows: Svg[] = [];

  // tick labels: a label that would reach into the row-label column starts at its tick; when neighbours
  // would overlap, every other label goes under the axis (as rms::nomogram staggers them)
  // the row label centred on its axis, one text element per line
  const rowLabel = (k: number, y: number): Svg => {
    const { lines, size } = labelLines[k];
    const lh = size * 1.15;
    const y0 = y + size * 0.35 - ((lines.length - 1) * lh) / 2;
    return g({ class: "row-label" }, ...lines.map((l, i) => text(8, y0 + i * lh, l, { "font-size": size, class: "row-label-line" })));
  };
  const axisRow = (k: number, cls: string, ticks: readonly { pos: number; label: string }[], x0: number, x1: number): Svg => {
    const y = axisY(k);
    const widths = ticks.map((t) => textWidth(t.label, fs.small));
    const sorted = ticks.map((t, i) => i).sort((a, b) => ticks[a].pos - ticks[b].pos);
    let overlap = false;
    for (let q = 1; q < sorted.length; q++) {
      const a = sorted[q - 1];
      const b = sorted[q];
      if (ticks[b].pos - ticks[a].pos < (widths[a] + widths[b]) / 2 + MIN_LABEL_GAP) overlap = true;
    }
    const below = new Set(overlap ? sorted.filter((_, q) => q % 2 === 1) : []);
    return g(
      { class: `nomogram-row ${cls}` },
      rowLabel(k, y),
      line(x0, y, x1, y, { stroke: INK.axis, "stroke-width": 0.75, class: "domain" }),
      ...ticks.map((t, i) => {
        const under = below.has(i);
        const start = t.pos - widths[i] / 2 < left - 10;
        return g(
          { class: "tick" },
          line(t.pos, y, t.pos, under ? y + 4 : y - 4, { stroke: INK.axis, "stroke-width": 0.75 }),
          text(start ? t.pos - 2 : t.pos, under ? y + 4 + fs.small : y - 6, t.label, { "text-anchor": start ? "start" : "middle", "font-size": fs.small, class: "tick-label" }),
        );
      }),
    );
  };

  // Points 0..100
  const pTicks = pts.ticks(10);
  rows.push(axisRow(0, "points", pTicks.map((v) => ({ pos: pts(v), label: String(v) })), pts(0), pts(100)));
  // one axis per column
  cols.forEach((c, j) => {
    let values: number[];
    let labels: string[];
    if (c.binary || (c.min === 0 && c.max === 1)) {
      values = [0, 1];
      const lv = options.levelLabels?.[c.name] ?? c.levelLabels;
      labels = lv ? [lv[0], lv[1]] : ["0", "1"];
    } else if (c.min === c.max) {
      values = [c.min];
      labels = [tickFormatter([c.min])(c.min)];
    } else {
      // as many ticks (at most 6) as fit side by side on the axis
      const span = Math.abs(pts(nomogramPoints(c, c.max, maxEffect)) - pts(nomogramPoints(c, c.min, maxEffect)));
      let count = 6;
      for (;;) {
        values = scaleLinear().domain([c.min, c.max]).ticks(count);
        const f = tickFormatter(values);
        labels = values.map(f);
        const widest = Math.max(...labels.map((l) => textWidth(l, fs.small)));
        if (count <= 2 || values.length < 2 || (span / (c.max - c.min)) * Math.abs(values[1] - values[0]) >= widest + MIN_LABEL_GAP) break;
        count--;
      }
    }
    const ticks = values.map((v, i) => ({ pos: pts(nomogramPoints(c, v, maxEffect)), label: labels[i] }));
    const ends = [pts(nomogramPoints(c, c.min, maxEffect)), pts(nomogramPoints(c, c.max, maxEffect))];
    rows.push(axisRow(j + 1, "covariate", ticks, Math.min(...ends), Math.max(...ends)));
  });
  // total points
  const tTicks = tot.ticks(8);
  const tf = tickFormatter(tTicks);
  rows.push(axisRow(cols.length + 1, "total-points", tTicks.map((v) => ({ pos: tot(v), label: tf(v) })), tot(0), tot(totalMax)));
  // survival at t
  const logS0 = Math.log(input.baselineSurv);
  const sTicks = (options.survivalTicks ?? DEFAULT_SURV_TICKS)
    .map((s) => ({ s, p: ((input.centre + Math.log(Math.log(s) / logS0) - refSum) * 100) / maxEffect }))
    .filter((t) => t.p >= 0 && t.p <= totalMax);
  const sf = tickFormatter(sTicks.map((t) => t.s));
  const survRow = axisRow(cols.length + 2, "survival", sTicks.map((t) => ({ pos: tot(t.p), label: sf(t.s) })), sTicks.length > 0 ? Math.min(...sTicks.map((t) => tot(t.p))) : tot(0), sTicks.length > 0 ? Math.max(...sTicks.map((t) => tot(t.p))) : tot(0));
  rows.push(survRow);
  const H = axisY(cols.length + 2) + fs.small * 1.6 + 8;
  return svgRoot(
    W,
    H,
    {
      title: options.title ?? lt.nomPlotTitle,
      description: lt.nomDescription(String(cols.length), String(Math.round(totalMax)), String(input.time)),
      fontFamily: FONT_FAMILY,
      fontSize: fs.small,
      className: "survinfer-figure survinfer-nomogram",
    },
    ...rows,
  );
}
