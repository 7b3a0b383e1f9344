/**
 * The report's cumulative incidence figure options from the study's results and spec, as the Kaplan–Meier
 * figure takes them (report-context.ts `kmFigure`): level labels (`labels`), CI bands (`figures.ciBands`),
 * truncation where fewer than `figures.minAtRisk` patients remain at risk (default 5), axis end and ticks,
 * and a numbers-at-risk table. The risk sets come from the Kaplan–Meier analysis of the same endpoint and
 * grouping when its groups have the same patients (same n per group): the all-cause risk set (free of any
 * event, uncensored) is the same for the KM and the Aalen–Johansen estimator, so no number is recomputed
 * and none comes from another population. Without such a KM the figure has no risk table and no truncation.
 */
import type { StudyResults } from "../study/run.js";
import type { CompetingStepResult } from "../study/competing-step.js";
import type { CifPlotOptions, CifRiskSet } from "./plots/cif.js";
import { DEFAULT_MIN_AT_RISK } from "./report-context.js";
import { msg } from "../i18n/messages.js";

export interface CifFigureStyle {
  /** Options for cifPlot (merged with the caller's causeLabels, annotation, …). */
  readonly options: Pick<CifPlotOptions, "riskSets" | "minAtRisk" | "confInt" | "confLevel" | "groupLabels" | "xMax" | "breakBy" | "width">;
  /** Sentences for the caption: what the risk table counts, where curves end, what the bands are. */
  readonly notes: readonly string[];
}

/** Risk sets of the competing-risks groups from a KM of the same endpoint, by and patients; null when there is none. */
export function cifRiskSets(r: StudyResults, cr: CompetingStepResult): CifRiskSet[] | null {
  const km = r.analyses.km;
  if (km === undefined || km.endpoint !== cr.endpoint || (km.by ?? undefined) !== (cr.by ?? undefined)) return null;
  const groups = [...new Set(cr.curves.map((c) => c.group))];
  const out: CifRiskSet[] = [];
  for (const grp of groups) {
    const n = cr.curves.find((c) => c.group === grp)?.n;
    const s = grp === "" ? (km.strata.length === 1 ? km.strata[0] : undefined) : km.strata.find((x) => x.name === grp);
    if (s === undefined || s.n !== n) return null;
    out.push({ group: grp, time: s.time, nRisk: s.nRisk });
  }
  return out;
}

/** The spec's figure options and level labels for the competing-risks figure, with the caption sentences they call for. */
export function cifFigureStyle(r: StudyResults, cr: CompetingStepResult): CifFigureStyle {
  const f = r.spec.figures;
  const column = cr.by === "treatment" ? (r.spec.treatment?.column ?? cr.by) : cr.by;
  const groupLabels = column === undefined ? undefined : r.spec.labels?.[column];
  const riskSets = cifRiskSets(r, cr);
  const minAtRisk = f?.minAtRisk ?? DEFAULT_MIN_AT_RISK;
  const notes: string[] = [];
  if (riskSets !== null) {
    notes.push(msg().longTerm.crRiskNote);
    if (minAtRisk > 0 && riskSets.some((s) => s.nRisk.length > 0 && s.nRisk[s.nRisk.length - 1] < minAtRisk)) notes.push(msg().longTerm.crCutNote(String(minAtRisk)));
  }
  if (f?.ciBands === true) notes.push(msg().longTerm.crBandNote);
  return {
    options: {
      ...(riskSets !== null ? { riskSets, minAtRisk } : {}),
      ...(f?.ciBands === true ? { confInt: true } : {}),
      ...(groupLabels ? { groupLabels } : {}),
      ...(f?.xMax !== undefined ? { xMax: f.xMax } : {}),
      ...(f?.breakBy !== undefined ? { breakBy: f.breakBy } : {}),
      ...(f?.size !== undefined ? { width: f.size } : {}),
    },
    notes,
  };
}
