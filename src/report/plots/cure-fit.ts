/**
 * Cure-model fit over Kaplan–Meier: per stratum the Kaplan–Meier step curve (solid, "+" at censoring times,
 * as kmPlot draws it), the fitted mixture cure model's POPULATION survival
 *   S_pop(t) = π + (1 − π)·S_u(t)            (Farewell 1982, doi:10.2307/2529885; smcure's `predictsmcure`)
 * as a smooth dashed curve in the stratum's colour, and a dotted horizontal line at the cure fraction π
 * (the plateau S_pop(∞) = π), labelled "cured 34%" at its right end (or, when the data do not support π, as the
 * model's line: "mixture cure model (cure fraction not supported by the data)"), optionally over a light band from the
 * lower to the upper confidence limit of π. Numbers at risk under the plot at the x ticks, as kmPlot prints
 * them ({@link numberAtRisk}: R's `summary(fit, times, extend = TRUE)$n.risk`).
 *
 * R equivalent (layout): `plot(survfit(Surv(time, status) ~ g)); lines(t, pi + (1 - pi) * Su(t), lty = 2);
 * abline(h = pi, lty = 3)`.
 *
 * The figure renders results and never recomputes them: the model curve is drawn through the given
 * (time, surv) points only (d3's monotone cubic, which neither overshoots nor adds bumps between points).
 * Pure: result in, SVG string out; every label escaped; numbers rounded; deterministic.
 */
import { msg } from "../../i18n/messages.js";
import { scaleLinear } from "d3-scale";
import { curveMonotoneX, curveStepAfter } from "d3-shape";
import { SurvinferError, optionError } from "../../errors.js";
import { type AxisTick } from "./axis.js";
import { formatter, tickFormatter } from "./format.js";
import { numberAtRisk, type KmPlotInput } from "./km.js";
import { type TimeUnit, annotationAboveY, annotationBox, annotationLineHeight, annotationLines, figureLook, figureRoot, fitLegendLabel, legendItem, legendLineHeight, legendRowY, legendRows, linesDown, linesUp, maxTextWidth, plotAxes, plotHeight, plotTop, riskPlotLayout, riskTableRows, riskTableSvg, scaledLine, stepValueAt, timeAxis, timeAxisTitle, validateTimeUnit, xTitleBaseline, yAxisMargin } from "./layout.js";
import { type Svg, el, fitText, g, line, num, text, textWidth, wrapText } from "./svg.js";
import { INK, type FigureWidth, type FontSizes, seriesColor } from "./theme.js";
import { distinctMarkIndices, thinStep } from "./thin.js";

/** One fitted mixture cure model curve: population survival S_pop(t) at increasing times, for the stratum `name`. */
export interface CureFitModelCurve {
  /** Name of the Kaplan–Meier stratum this curve belongs to (must match one `km.strata[].name`). */
  readonly name: string;
  /** Times, finite, ≥ 0, strictly increasing. */
  readonly time: readonly number[];
  /** S_pop(t) = π + (1 − π)·S_u(t) at `time`, each in [0, 1]. */
  readonly surv: readonly number[];
  /** Cure fraction π in [0, 1]. */
  readonly cureFraction: number;
  /** Lower confidence limit of π (a light band is drawn when both limits are given). */
  readonly cureLower?: number | null;
  /** Upper confidence limit of π. */
  readonly cureUpper?: number | null;
  /**
   * The data do not support π (the model and the Kaplan–Meier estimate disagree, src/study/cure-agreement.ts): the
   * dotted line is labelled as the model's ("mixture cure model (cure fraction not supported by the data)"), not as a
   * finding ("cured 41%"); default false.
   */
  readonly notSupported?: boolean;
}

export interface CureFitPlotOptions {
  /** Printed width: "single" (85 mm, default), "double" (175 mm) or mm. */
  width?: FigureWidth;
  /** Unit of the times: picks the tick steps and the axis title. */
  timeUnit?: TimeUnit;
  /** x-axis title, e.g. "Months since pulmonary metastasectomy"; default "Time (unit)" or "Time". */
  xLabel?: string;
  /** Accessible title of the SVG; default "Cure model fit over Kaplan–Meier curves". */
  title?: string;
  /** Text lines in the plot (bottom-left when the curves leave room there, else above the plot); escaped. */
  annotation?: string | readonly string[];
  /** Display names per stratum (in km order); default the strata names. */
  labels?: readonly string[];
  /** Series colours (hex), one per stratum; default Okabe–Ito. */
  colors?: readonly string[];
  /** Font sizes in pt (each 8–14); default small 8, normal 9. */
  fontSize?: Partial<FontSizes>;
  /** Numbers-at-risk table under the plot; default true. */
  riskTable?: boolean;
  /** End of the time axis; default the last tick at or after the last Kaplan–Meier or model time. Curves are cut there. */
  xMax?: number;
}

const KM_DASH = null;
const MODEL_DASH = "5,3";
const CURE_DASH = "1.5,2";

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const inUnit = (v: unknown): v is number => isNum(v) && v >= 0 && v <= 1;
const isList = (v: unknown): boolean => Array.isArray(v);

function invalid(message: string): SurvinferError {
  return new SurvinferError({ code: "INPUT_INVALID", message: `cureFitPlot: ${message}` });
}

function validateKm(km: KmPlotInput): void {
  if (!km || !Array.isArray(km.strata)) throw invalid("needs a Kaplan–Meier result with strata[]");
  for (const s of km.strata) {
    const m = s.time.length;
    if ([s.nRisk, s.nEvent, s.nCensor, s.surv].some((f) => f.length !== m)) throw invalid(`stratum "${s.name}" has arrays of different lengths`);
  }
}

function validateModel(km: KmPlotInput, model: readonly CureFitModelCurve[]): void {
  if (!isList(model)) throw invalid("needs an array of cure model curves");
  const names = new Set(km.strata.map((s) => s.name));
  const seen = new Set<string>();
  for (const c of model) {
    const name = String(c?.name);
    if (!names.has(name)) throw invalid(`cure model curve "${name}" matches no Kaplan–Meier stratum (strata: ${[...names].map((n) => `"${n}"`).join(", ") || "none"})`);
    if (seen.has(name)) throw invalid(`two cure model curves for stratum "${name}"`);
    seen.add(name);
    if (!isList(c.time) || !isList(c.surv) || c.time.length !== c.surv.length || c.time.length === 0) {
      throw invalid(`cure model curve "${name}" needs time and surv of the same, non-zero length`);
    }
    c.time.forEach((t, j) => {
      if (!isNum(t) || t < 0 || (j > 0 && !(t > c.time[j - 1]))) throw invalid(`cure model curve "${name}": times must be finite, ≥ 0 and strictly increasing (time[${j}] = ${String(t)})`);
    });
    c.surv.forEach((v, j) => {
      if (!inUnit(v)) throw invalid(`cure model curve "${name}": surv[${j}] = ${String(v)} is not a probability in [0, 1]`);
    });
    if (!inUnit(c.cureFraction)) throw invalid(`cure model curve "${name}": cureFraction = ${String(c.cureFraction)} is not a probability in [0, 1]`);
    for (const k of ["cureLower", "cureUpper"] as const) {
      const v = c[k];
      if (v !== undefined && v !== null && !inUnit(v)) throw invalid(`cure model curve "${name}": ${k} = ${String(v)} is not a probability in [0, 1]`);
    }
    if (isNum(c.cureLower) && isNum(c.cureUpper) && c.cureLower > c.cureUpper) throw invalid(`cure model curve "${name}": cureLower ${c.cureLower} > cureUpper ${c.cureUpper}`);
    if (c.notSupported !== undefined && typeof c.notSupported !== "boolean") throw invalid(`cure model curve "${name}": notSupported = ${String(c.notSupported)} is not true or false`);
  }
}

function validateOptions(km: KmPlotInput, o: CureFitPlotOptions): void {
  validateTimeUnit(o.timeUnit);
  if (o.xMax !== undefined && !(isNum(o.xMax) && o.xMax > 0)) throw optionError("xMax", "a positive number", o.xMax);
  if (o.riskTable !== undefined && typeof o.riskTable !== "boolean") throw optionError("riskTable", "true or false", o.riskTable);
  if (o.xLabel !== undefined && typeof o.xLabel !== "string") throw optionError("xLabel", "a string", o.xLabel);
  if (o.labels !== undefined && (!Array.isArray(o.labels) || o.labels.length !== km.strata.length || o.labels.some((l) => typeof l !== "string"))) {
    throw optionError("labels", `${km.strata.length} strings (one per stratum)`, o.labels);
  }
  if (o.annotation !== undefined && typeof o.annotation !== "string" && !(Array.isArray(o.annotation) && o.annotation.every((a) => typeof a === "string"))) {
    throw optionError("annotation", "a string or an array of strings", o.annotation);
  }
}

/** "34%": π as a whole percentage. */
function formatCureFraction(pi: number): string {
  return `${formatter(".0f")(pi * 100)}%`;
}

/** Model points up to xMax; the segment crossing xMax is cut there by linear interpolation. */
function modelPoints(c: CureFitModelCurve, xMax: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let j = 0; j < c.time.length; j++) {
    const t = c.time[j];
    if (t <= xMax) pts.push([t, c.surv[j]]);
    else {
      if (j > 0 && c.time[j - 1] < xMax) {
        const t0 = c.time[j - 1];
        const s0 = c.surv[j - 1];
        pts.push([xMax, s0 + ((c.surv[j] - s0) * (xMax - t0)) / (t - t0)]);
      }
      break;
    }
  }
  return pts;
}

/** Smallest value of a model curve on [0, t] (the curve is drawn through its points). */
function modelMinUpTo(c: CureFitModelCurve, t: number): number {
  let v = 1;
  for (let j = 0; j < c.time.length; j++) {
    v = Math.min(v, c.surv[j]);
    if (c.time[j] > t) break;
  }
  return v;
}

/** Length in px of the part of the segment (x0, y0)–(x1, y1) inside the horizontal band y ∈ [b0, b1]. */
function segmentInBand(x0: number, y0: number, x1: number, y1: number, b0: number, b1: number): number {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (y0 === y1) return y0 >= b0 && y0 <= b1 ? len : 0;
  const t0 = Math.max(0, Math.min((b0 - y0) / (y1 - y0), (b1 - y0) / (y1 - y0)));
  const t1 = Math.min(1, Math.max((b0 - y0) / (y1 - y0), (b1 - y0) / (y1 - y0)));
  return t1 > t0 ? (t1 - t0) * len : 0;
}

/**
 * How much of the Kaplan–Meier curves (as drawn: steps from (0, 1)) and the model curves (straight between their points,
 * close to the drawn monotone curve) runs inside the px box x ∈ [xa, xb] × y ∈ [b0, b1]: the length in px of their ink
 * there. A label is placed where this is smaller: a curve running along a label hides it, one crossing it does not.
 */
function inkInBox(
  strata: KmPlotInput["strata"],
  model: readonly CureFitModelCurve[],
  x: (t: number) => number,
  y: (v: number) => number,
  box: { readonly xa: number; readonly xb: number; readonly b0: number; readonly b1: number },
): number {
  let ink = 0;
  // the polyline through pts, cut to [xa, xb] (pts in px, x increasing)
  const add = (pts: readonly [number, number][]): void => {
    for (let k = 0; k + 1 < pts.length; k++) {
      let [x0, y0] = pts[k];
      let [x1, y1] = pts[k + 1];
      if (x1 < box.xa || x0 > box.xb) continue;
      if (x1 > x0) {
        const at = (xx: number): number => y0 + ((y1 - y0) * (xx - x0)) / (x1 - x0);
        if (x0 < box.xa) [x0, y0] = [box.xa, at(box.xa)];
        if (x1 > box.xb) [x1, y1] = [box.xb, at(box.xb)];
      }
      ink += segmentInBand(x0, y0, x1, y1, box.b0, box.b1);
    }
  };
  for (const s of strata) {
    const pts: [number, number][] = [[x(0), y(1)]];
    for (let j = 0; j < s.time.length; j++) {
      if (!Number.isFinite(s.surv[j])) continue;
      pts.push([x(s.time[j]), pts[pts.length - 1][1]], [x(s.time[j]), y(s.surv[j])]);
    }
    add(pts);
  }
  for (const c of model) add(c.time.map((t, j) => [x(t), y(c.surv[j])] as [number, number]));
  return ink;
}

/**
 * Baselines of stacked labels: each wants `want[k]` (px); labels at least `gap` apart, inside [lo, hi].
 * Returns positions in the input order (greedy sweep top to bottom, then shifted up if past `hi`).
 */
function spreadLabels(want: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = want.map((w, k) => ({ w, k })).sort((a, b) => a.w - b.w || a.k - b.k);
  const pos = order.map((o) => Math.max(o.w, lo));
  for (let i = 1; i < pos.length; i++) pos[i] = Math.max(pos[i], pos[i - 1] + gap);
  const over = pos.length > 0 ? pos[pos.length - 1] - hi : 0;
  if (over > 0) for (let i = 0; i < pos.length; i++) pos[i] = Math.max(lo, pos[i] - over);
  const out = new Array<number>(want.length);
  order.forEach((o, i) => (out[o.k] = pos[i]));
  return out;
}

/**
 * Mixture cure model fit over Kaplan–Meier curves, with numbers at risk, as an SVG string (journal column
 * width, Okabe–Ito colours).
 *
 * `km`: a Kaplan–Meier result (`KaplanMeierResult` fits). `model[k]`: the fitted population survival
 * S_pop(t) = π + (1 − π)·S_u(t) of the stratum named `model[k].name` (e.g. from `weibullCure` at the
 * group's profile: S_u(t) = exp(−(λ e^{xᵀβ} t)^α)), with its cure fraction π and, optionally, π's
 * confidence limits. A curve naming no stratum is an INPUT_INVALID error; a stratum without a model
 * curve shows its Kaplan–Meier curve only.
 *
 * @example
 * ```ts
 * const km = { strata: [{ name: "All", time: [2, 5, 9, 20], nRisk: [10, 8, 5, 2], nEvent: [1, 2, 1, 0], nCensor: [1, 1, 2, 2], surv: [0.9, 0.675, 0.54, 0.54] }] };
 * const t = [0, 5, 10, 15, 20];
 * const svg = cureFitPlot(km, [{ name: "All", time: t, surv: t.map((u) => 0.5 + 0.5 * Math.exp(-0.15 * u)), cureFraction: 0.5 }]);
 * svg.includes("cured 50%"); // true
 * ```
 */
export function cureFitPlot(km: KmPlotInput, model: readonly CureFitModelCurve[], options: CureFitPlotOptions = {}): string {
  validateKm(km);
  validateModel(km, model);
  validateOptions(km, options);
  const { colors, fs, W } = figureLook(options);
  const strata = km.strata;
  const labels = options.labels ?? strata.map((s) => s.name);
  const riskTable = options.riskTable ?? true;
  const several = strata.length > 1;
  const stratumOf = (c: CureFitModelCurve): number => strata.findIndex((s) => s.name === c.name);
  const curves = model.map((c) => ({ c, i: stratumOf(c) })).sort((a, b) => a.i - b.i);

  // ---- time axis: to the last Kaplan–Meier or model time, or xMax
  let maxTime = 0;
  for (const s of strata) if (s.time.length > 0) maxTime = Math.max(maxTime, s.time[s.time.length - 1]);
  for (const { c } of curves) maxTime = Math.max(maxTime, c.time[c.time.length - 1]);
  const { breaks, xMax } = timeAxis(maxTime, W, options.timeUnit, options.xMax);
  const xFmt = tickFormatter(breaks);
  const xLabels = breaks.map(xFmt);
  const yTickValues = scaleLinear().domain([0, 1]).ticks(5);
  const yFmt = tickFormatter(yTickValues);
  const yLabels = yTickValues.map(yFmt);

  // ---- numbers at risk (weighted curves: rounded weighted sums, as kmPlot does by default)
  const weighted = strata.some((s) => Array.from(s.nRisk).some((v) => Math.abs(v - Math.round(v)) > 1e-9));
  const riskFmt = formatter(",.0f");
  const riskCells = strata.map((s) => breaks.map((t) => riskFmt(weighted ? Math.round(numberAtRisk(s, t)) : numberAtRisk(s, t))));

  // ---- horizontal layout
  const yTickW = maxTextWidth(yLabels, fs.small);
  const { riskLabels, riskLabelGap, left, plotW } = riskPlotLayout(W, yAxisMargin(yTickW, fs), labels, xLabels, riskCells, riskTable, fs);
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotW]);

  // ---- legend: one colour item per stratum (several strata), then the line-type key
  const swatch = 22;
  const keyColor = several ? INK.text : seriesColor(0, colors);
  const legendItems: { label: string; color: string; dash: string | null; kind: string; stratum: number | null }[] = [
    ...(several ? labels.map((l, i) => ({ label: fitLegendLabel(l, fs, plotW, swatch), color: seriesColor(i, colors), dash: KM_DASH, kind: "stratum", stratum: i })) : []),
    { label: msg().longTerm.cfKaplanMeier, color: keyColor, dash: KM_DASH, kind: "km", stratum: null },
    ...(curves.length > 0 ? [{ label: msg().longTerm.cfModel, color: keyColor, dash: MODEL_DASH, kind: "model", stratum: null }] : []),
  ];
  // the line-type key starts its own row under the strata
  const legend = legendRows(legendItems, fs, swatch, plotW, { breakBefore: (it) => it.kind === "km" && several });
  const legendLineH = legendLineHeight(fs);
  const plotH = plotHeight(plotW, W);

  // ---- annotation: bottom-left when every curve, cure line and band stays above its box there, else above the plot
  const annLines = annotationLines(options.annotation);
  const annLineH = annotationLineHeight(fs);
  let annAbove = false;
  if (annLines.length > 0) {
    const box = annotationBox(annLines, fs, annLineH);
    const boxS = box.h / plotH;
    const tBox = x.invert(left + box.w);
    const lowest = Math.min(
      1,
      ...strata.map((s) => stepValueAt(s.time, s.surv, tBox)),
      ...curves.map(({ c }) => Math.min(modelMinUpTo(c, tBox), c.cureFraction, isNum(c.cureLower) ? c.cureLower : 1)),
    );
    annAbove = !(lowest > boxS);
  }
  const legendBlockH = legend.length * legendLineH + 2;
  const top = plotTop(legendBlockH, annAbove ? annLines.length * annLineH + 4 : 0, fs);
  const bottom = top + plotH;
  const y = scaleLinear().domain([0, 1]).range([bottom, top]);
  const xTitleY = xTitleBaseline(bottom, fs);
  const risk = riskTableRows(xTitleY, fs, riskLabels.map((l) => l.length));
  const captionY = risk.captionY(strata.length);
  const H = riskTable && strata.length > 0 ? (weighted ? captionY : risk.lastY(strata.length - 1)) + 8 : xTitleY + 8;

  // ---- Kaplan–Meier curves and censoring marks (as kmPlot draws them)
  const stepLine = scaledLine(x, y, curveStepAfter);
  const kmPaths: Svg[] = [];
  const marks: Svg[] = [];
  strata.forEach((s, i) => {
    const color = seriesColor(i, colors);
    const pts: [number, number][] = [[0, 1]];
    const m = s.time.length;
    for (let j = 0; j < m && s.time[j] <= xMax; j++) pts.push([s.time[j], s.surv[j]]);
    if (m > 0 && s.time[m - 1] > xMax) pts.push([xMax, pts[pts.length - 1][1]]);
    // above 2 points per px of plot width, thinned to what the figure can show (src/report/plots/thin.ts)
    kmPaths.push(el("path", { d: stepLine(thinStep(pts, x, plotW)) ?? "", fill: "none", stroke: color, "stroke-width": 1.5, class: "km-curve", "data-stratum": i }));
    let d = "";
    const h = 2.6;
    const cxs: number[] = [];
    const cys: number[] = [];
    for (let j = 0; j < m && s.time[j] <= xMax; j++) {
      if (s.nCensor[j] > 0) {
        cxs.push(x(s.time[j]));
        cys.push(y(s.surv[j]));
      }
    }
    for (const k of distinctMarkIndices(cxs, cys, plotW)) d += `M${num(cxs[k] - h)},${num(cys[k])}H${num(cxs[k] + h)}M${num(cxs[k])},${num(cys[k] - h)}V${num(cys[k] + h)}`;
    if (d) marks.push(el("path", { d, fill: "none", stroke: color, "stroke-width": 1, class: "km-censor", "data-stratum": i }));
  });

  // ---- model curves (dashed), cure lines (dotted), bands and labels
  const smooth = scaledLine(x, y, curveMonotoneX);
  const modelPaths: Svg[] = [];
  const cureLines: Svg[] = [];
  const bands: Svg[] = [];
  for (const { c, i } of curves) {
    const color = seriesColor(i, colors);
    const pts = modelPoints(c, xMax);
    if (pts.length > 0) {
      modelPaths.push(el("path", { d: smooth(pts) ?? "", fill: "none", stroke: color, "stroke-width": 1.5, "stroke-dasharray": MODEL_DASH, class: "cure-curve", "data-stratum": i }));
    }
    cureLines.push(line(x(0), y(c.cureFraction), x(xMax), y(c.cureFraction), { stroke: color, "stroke-width": 1, "stroke-dasharray": CURE_DASH, class: "cure-line", "data-stratum": i }));
    if (isNum(c.cureLower) && isNum(c.cureUpper)) {
      bands.push(el("rect", { x: x(0), y: y(c.cureUpper), width: plotW, height: y(c.cureLower) - y(c.cureUpper), fill: color, "fill-opacity": 0.12, stroke: "none", class: "cure-band", "data-stratum": i }));
    }
  }
  // labels at the right end, just below their line (the Kaplan–Meier plateau usually sits on or above it);
  // above it when the x axis is too close; spread apart when lines are close
  const labelH = fs.small * 1.2;
  // each label as lines: "cured 62%" (with the group's name before it) is one line; the longer "not supported" label
  // wraps within 60% of the plot's width (its words are not cut), each line right-aligned at the plot's end
  const cureTexts: string[][] = curves.map(({ c, i }) => {
    if (c.notSupported === true) {
      // a cure fraction the data do not support is not presented as a finding: the line is named as the model's
      const named = several ? `${labels[i]}: ${msg().longTerm.cfNotSupported}` : msg().longTerm.cfNotSupported;
      return wrapText(named, fs.small, plotW * 0.6).map((l) => fitText(l, fs.small, plotW - 6));
    }
    const cured = msg().longTerm.cfCured(formatCureFraction(c.cureFraction));
    return [several ? `${fitText(labels[i], fs.small, Math.max(plotW * 0.6 - textWidth(`: ${cured}`, fs.small), 20))}: ${cured}` : cured];
  });
  const extra = (k: number): number => (cureTexts[k].length - 1) * labelH;
  // below the line unless the x axis is too close, or the curves cross the label there and leave room above the line
  const wants = curves.map(({ c }, k) => {
    const ly = y(c.cureFraction);
    const below = ly + 2 + fs.small * 0.8;
    const above = ly - 3 - extra(k);
    if (!(below + extra(k) <= bottom - 2)) return above;
    const w = Math.max(...cureTexts[k].map((l) => textWidth(l, fs.small)));
    // a label's box: from its first baseline − 0.8 em to its last baseline + 0.25 em (descenders)
    const ink = (first: number): number => inkInBox(strata, curves.map((m) => m.c), x, y, { xa: left + plotW - 3 - w, xb: left + plotW, b0: first - fs.small * 0.8, b1: first + extra(k) + fs.small * 0.25 });
    return above - fs.small * 0.8 >= top && ink(above) < ink(below) ? above : below;
  });
  const maxLines = Math.max(1, ...cureTexts.map((t) => t.length));
  const labelY = spreadLabels(wants, labelH * maxLines, top + fs.small, bottom - 2 - (maxLines - 1) * labelH);
  const cureLabels = curves.flatMap(({ i }, k) =>
    cureTexts[k].map((l, j) => text(left + plotW - 3, labelY[k] + j * labelH, l, { "text-anchor": "end", "font-size": fs.small, fill: seriesColor(i, colors), class: "cure-label", "data-stratum": i })),
  );

  // ---- axes
  const xTicks: AxisTick[] = breaks.map((b, k) => ({ value: b, pos: x(b), label: xLabels[k] }));
  const yTicks: AxisTick[] = yTickValues.map((v, k) => ({ value: v, pos: y(v), label: yLabels[k] }));
  const xTitle = timeAxisTitle(options.timeUnit, options.xLabel);
  const yTitle = msg().plot.survivalProbability;

  // ---- legend
  const legendItemsSvg: Svg[] = legend.flatMap((r, k) =>
    r.map((it) =>
      legendItem(left + it.x, legendRowY(k, legendLineH), it.label, { swatch, fs, stroke: it.color, dash: it.dash, attrs: { class: "legend-item", "data-kind": it.kind, "data-stratum": it.stratum } }),
    ),
  );

  // ---- annotation
  const annFont = { "font-size": fs.normal };
  const annotation =
    annLines.length > 0
      ? g({ class: "annotation" }, ...(annAbove ? linesDown(annLines, left, annotationAboveY(legendBlockH, fs), annLineH, annFont) : linesUp(annLines, left + 6, bottom - 6, annLineH, annFont)))
      : null;

  // ---- risk table
  const riskTitle = weighted ? msg().plot.numberAtRiskWeighted : msg().plot.numberAtRisk;
  const caption = weighted ? { y: captionY, text: msg().plot.weightedAtRiskWhole } : null;
  const riskSvg = riskTable && strata.length > 0 ? riskTableSvg({ title: riskTitle, rows: risk, labelX: left - riskLabelGap, labels: riskLabels, color: (i) => seriesColor(i, colors), cells: riskCells, xTicks, rowKey: "data-stratum", caption, fs }) : null;

  const fractionText = (c: CureFitModelCurve): string => (c.notSupported === true ? msg().longTerm.cfFractionNotSupported(formatCureFraction(c.cureFraction)) : formatCureFraction(c.cureFraction));
  // "; " between groups when a fraction carries its "not supported" note (its comma would run into the next group)
  const cureSummary = curves.map(({ c, i }) => `${several ? `${labels[i]} ` : ""}${fractionText(c)}`).join(curves.some(({ c }) => c.notSupported === true) ? "; " : ", ");
  return figureRoot(
    "cure-fit",
    W,
    H,
    fs,
    {
      title: options.title ?? msg().longTerm.cfTitle,
      description: msg().longTerm.cfDescription(several ? labels.join(", ") : null, curves.length > 0 ? cureSummary : null, riskTable),
    },
    bands.length > 0 ? g({ class: "cure-bands" }, ...bands) : null,
    cureLines.length > 0 ? g({ class: "cure-lines" }, ...cureLines) : null,
    g({ class: "curves" }, ...kmPaths),
    modelPaths.length > 0 ? g({ class: "cure-curves" }, ...modelPaths) : null,
    marks.length > 0 ? g({ class: "censor-marks" }, ...marks) : null,
    cureLabels.length > 0 ? g({ class: "cure-labels" }, ...cureLabels) : null,
    plotAxes({ xTicks, yTicks, left, top, bottom, plotW, plotH, W, yTickW, xTitle, xTitleY, yTitle, fs }),
    legendItemsSvg.length > 0 ? g({ class: "legend" }, ...legendItemsSvg) : null,
    annotation,
    riskSvg,
  );
}
