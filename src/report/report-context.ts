/**
 * What a section module of the report needs from the study-level builder (render.ts): the results,
 * the table/figure collectors, and the warning marks (⚠k) that tie a number to its warning.
 */
import type { StudyResults } from "../study/run.js";
import type { ReportTable } from "./csv.js";
import type { ReportFigure } from "./html.js";
import type { ReadFirstItem } from "./read-first.js";
import { kmPlot, patientsAtRisk, type TimeUnit } from "./plots/km.js";
import type { SectionContext } from "./sections-long-term.js";
import { msg } from "../i18n/messages.js";

export interface StudySectionContext extends SectionContext {
  readonly r: StudyResults;
  /** The marks "⚠1,3" of the warnings the predicate selects ("" when none). */
  readonly marks: (pred: (it: ReadFirstItem) => boolean) => string;
  /** `text` followed by its mark, when there is one. */
  readonly withMark: (text: string, mark: string) => string;
  /** Display label of the treatment. */
  readonly treatmentLabel: string;
}

export type { ReportTable };

const TIME_UNITS: readonly string[] = ["days", "weeks", "months", "years"];

/** The plot's time unit when the endpoint's unit is one it knows. */
export function timeUnit(unit: string | undefined): TimeUnit | undefined {
  return unit !== undefined && TIME_UNITS.includes(unit) ? (unit as TimeUnit) : undefined;
}

/** Whether a warning item came from the `warnings` array at `prefix` or below it (e.g. "analyses.effects.estimates[2]"). */
export function fromPath(prefix: string, exact = false): (it: ReadFirstItem) => boolean {
  return (it) => it.paths.some((q) => (exact ? q === `${prefix}.warnings` : q === prefix || q.startsWith(`${prefix}.`) || q.startsWith(`${prefix}[`)));
}

/** The spec's figure options that the report's Kaplan–Meier figures take (`figures`, `labels`). */
export interface KmFigureStyle {
  readonly figures?: StudyResults["spec"]["figures"];
  /** Level labels of the column the curves are split by (spec `labels[column]`). */
  readonly levelLabels?: Readonly<Record<string, string>>;
  /** x-axis title, e.g. "Months since the landmark". */
  readonly xLabel?: string;
}

/** The figure style of the study for curves split by `column` (its level labels from the spec's `labels`). */
export function kmStyle(r: StudyResults, column: string | undefined, extra: { readonly xLabel?: string } = {}): KmFigureStyle {
  const levelLabels = column === undefined ? undefined : r.spec.labels?.[column === "treatment" ? (r.spec.treatment?.column ?? column) : column];
  return { figures: r.spec.figures, ...(levelLabels ? { levelLabels } : {}), ...extra };
}

/**
 * One line of a figure's annotation: its `text` as a double-column figure prints it and, for a single-column figure
 * (85 mm, `figures.size: single`), its `short` form: the numbers with their n, or a short flag ("Biased by design"), to
 * which {@link figureAnnotation} adds a footnote mark; the caption then gives the full text by its mark. A line without
 * `short` is printed as it is at both widths.
 */
export interface AnnotationLine {
  readonly text: string;
  /** A second line of the same statement at double width (the HR's "(estimand, HR type; variance; n)"). */
  readonly continued?: string;
  /** The short form, or its phrases on lines of their own ("Difference at 60 months:", "−14.8 (−46.6 to 17.0) points"). */
  readonly short?: string | readonly string[];
}

/** The footnote marks of a single-column figure's annotation, in the order journals use them. */
export const FIGURE_MARKS: readonly string[] = ["*", "†", "‡", "§", "‖", "¶"];

/**
 * A figure's annotation as the SVG prints it and the caption's key to it: at double width the full lines and no key;
 * at single width each line with a short form printed short, with the next footnote mark (`*`, `†`, …), and the key
 * "Marks in the figure: * full text; † full text." for the caption (figures are reused alone: the flag stays in the
 * SVG, short; what it stands for is in the caption).
 */
export function figureAnnotation(lines: readonly (string | AnnotationLine)[], single: boolean): { lines: string[]; key: string } {
  const shown: string[] = [];
  const keyed: string[] = [];
  for (const l of lines) {
    const line = typeof l === "string" ? { text: l } : l;
    const full = line.continued === undefined ? [line.text] : [line.text, line.continued];
    if (!single || line.short === undefined || keyed.length >= FIGURE_MARKS.length) {
      shown.push(...full);
      continue;
    }
    const mark = FIGURE_MARKS[keyed.length];
    const phrases = typeof line.short === "string" ? [line.short] : line.short;
    shown.push(...phrases.slice(0, -1), `${phrases[phrases.length - 1]}${mark}`);
    keyed.push(`${mark} ${full.join(" ")}`);
  }
  return { lines: shown, key: keyed.length === 0 ? "" : msg().plot.figureMarks(keyed.join("; ")) };
}

/** Height over width at most, of a single-column Kaplan–Meier or cumulative incidence figure (risk table included). */
export const SINGLE_MAX_ASPECT = 1.1;

/** Default of `figures.minAtRisk`: curves end where fewer than 5 patients remain at risk. */
export const DEFAULT_MIN_AT_RISK = 5;

/**
 * A Kaplan–Meier figure of the report (double column), with the spec's figure options: level labels,
 * legend title, CI bands, axis end and ticks, and curves that end where fewer than `minAtRisk` patients
 * remain at risk (the caption says so when a curve was cut).
 */
export function kmFigure(id: string, title: string, km: Parameters<typeof kmPlot>[0], unit: string | undefined, annotation: readonly (string | AnnotationLine)[], caption: string, labels?: readonly string[], style: KmFigureStyle = {}): ReportFigure {
  const f = style.figures;
  const minAtRisk = f?.minAtRisk ?? DEFAULT_MIN_AT_RISK;
  const shown = labels ?? (style.levelLabels ? km.strata.map((s) => style.levelLabels?.[s.name] ?? s.name) : undefined);
  const single = f?.size === "single";
  // one column: the compact annotation in the small font, its key in the caption, and a figure at most 1.1 × as high as wide
  const ann = figureAnnotation(annotation, single);
  const svg = kmPlot(km, {
    timeUnit: timeUnit(unit),
    annotation: ann.lines,
    ...(single ? { annotationSize: "small" as const, maxAspect: SINGLE_MAX_ASPECT } : {}),
    width: f?.size ?? "double",
    title,
    minAtRisk,
    ...(shown ? { labels: shown } : {}),
    ...(f?.ciBands === true ? { confInt: true } : {}),
    ...(f?.xMax !== undefined ? { xMax: f.xMax } : {}),
    ...(f?.breakBy !== undefined ? { breakBy: f.breakBy } : {}),
    ...(f?.legendTitle !== undefined ? { legendTitle: f.legendTitle } : {}),
    ...(f?.cumulativeEvents === true ? { cumulativeEvents: true } : {}),
    ...(style.xLabel !== undefined ? { xLabel: style.xLabel } : {}),
  });
  // a curve was cut when its risk set ends below minAtRisk (kmPlot cuts the tail from there)
  // (patients, not weighted sums: weighted curves carry their unweighted count)
  const cut = minAtRisk > 0 && km.strata.map(patientsAtRisk).some((s) => s.nRisk.length > 0 && s.nRisk[s.nRisk.length - 1] < minAtRisk);
  const notes = [ann.key, cut ? msg().report.curvesEnd(String(minAtRisk)) : "", f?.ciBands === true ? msg().report.ciBands(String(Math.round(100 * (km.options?.confLevel ?? 0.95)))) : ""].filter((x) => x !== "");
  // the notes go before a trailing warning mark ("… n = 22. ⚠11"), which stays last
  const mark = /\s⚠[\d,]+$/.exec(caption)?.[0] ?? "";
  const body = caption.slice(0, caption.length - mark.length);
  return { id, title, caption: notes.length === 0 ? caption : `${body} ${notes.join(" ")}${mark}`, svg };
}
