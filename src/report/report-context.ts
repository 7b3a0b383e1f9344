/**
 * What a section module of the report needs from the study-level builder (render.ts): the results,
 * the table/figure collectors, and the warning marks (⚠k) that tie a number to its warning.
 */
import type { StudyResults } from "../study/run.js";
import type { ReportTable } from "./csv.js";
import type { ReportFigure } from "./html.js";
import type { ReadFirstItem } from "./read-first.js";
import { kmPlot, type TimeUnit } from "./plots/km.js";
import type { SectionContext } from "./sections-long-term.js";

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

/** A Kaplan–Meier figure of the report (double column). */
export function kmFigure(id: string, title: string, km: Parameters<typeof kmPlot>[0], unit: string | undefined, annotation: readonly string[], caption: string, labels?: readonly string[]): ReportFigure {
  const svg = kmPlot(km, { timeUnit: timeUnit(unit), annotation, width: "double", title, ...(labels ? { labels } : {}) });
  return { id, title, caption, svg };
}
