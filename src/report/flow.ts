/**
 * The numbers of the STROBE flow diagram (src/report/plots/flow-diagram.ts), read from the results as the
 * flow table reads them (src/report/tables.ts, flowTable): patients assessed, excluded with reasons,
 * analysed (with events), left out of the propensity analyses for missing covariates (by their labels),
 * and per group analysed, matched and weighted. Renders, never recomputes.
 */
import type { StudyResults } from "../study/run.js";
import { covariateLabel } from "./labels.js";
import { formatFixed } from "./number-format.js";
import type { FlowDiagramInput, FlowStep } from "./plots/flow-diagram.js";

/** The flow diagram's boxes for the endpoint of the KM analysis (else the first endpoint); null without endpoints. */
export function strobeFlow(r: StudyResults): FlowDiagramInput | null {
  const km = r.analyses.km;
  const ep = r.endpoints.find((e) => e.name === km?.endpoint) ?? r.endpoints[0];
  if (ep === undefined) return null;
  const excludedTotal = ep.flow.read - ep.flow.analysed;
  const steps: FlowStep[] = [];
  steps.push({
    lines: ["Patients assessed", `n = ${ep.flow.read}`],
    ...(ep.flow.excluded.length > 0 ? { side: [`Excluded (n = ${excludedTotal})`, ...ep.flow.excluded.map((e) => `${e.reason}: ${e.count}`)] } : {}),
  });
  const p = r.analyses.propensity;
  const a = p?.analysis;
  const leftOut = a === undefined ? 0 : ep.flow.analysed - a.n;
  steps.push({
    lines: [`Analysed: ${ep.label.toLowerCase()}`, `n = ${ep.flow.analysed}, ${ep.events} events`],
    ...(a !== undefined && a.dropped.length > 0
      ? { side: [`Not in the propensity-score analyses (n = ${leftOut})`, ...a.dropped.map((d) => `missing ${covariateLabel(r.spec, d.column, { missing: true }).replace(/^./, (c) => c.toLowerCase())}: ${d.count}`), ...(a.dropped.length > 1 ? ["(a patient can miss several)"] : [])] }
      : {}),
  });
  if (a !== undefined) {
    const lines = ["Propensity-score analyses", `n = ${a.n} with complete covariates`];
    const m = a.matching?.result;
    if (m !== undefined) lines.push(`matched: ${m.steps.treatedMatched + m.steps.controlsMatched} (${m.steps.treatedMatched} treated), not matched: ${m.steps.treatedUnmatched + m.steps.controlsUnused}`);
    const w = a.weighting?.result;
    if (w !== undefined) lines.push(`weighted: ${w.treated.n + w.control.n} with weight > 0, ESS ${formatFixed(w.ess.overall, 1)}`);
    steps.push({ lines });
  }
  // per group at the foot: the KM groups of this endpoint (untreated first), with the propensity numbers by group
  const groups: string[][] = [];
  if (km !== undefined && km.endpoint === ep.name && km.by !== undefined && km.strata.length >= 2) {
    const column = km.by === "treatment" ? (r.spec.treatment?.column ?? km.by) : km.by;
    const byTreatment = km.by === "treatment" || km.by === r.spec.treatment?.column;
    km.strata.forEach((s, j) => {
      const lines = [r.spec.labels?.[column]?.[s.name] ?? s.name, `analysed: n = ${s.n}, ${s.events} events`];
      if (a !== undefined && byTreatment && km.strata.length === 2) {
        const treated = j === 1;
        lines.push(`propensity analyses: ${treated ? a.nTreated : a.nControl}`);
        const m = a.matching?.result;
        if (m !== undefined) lines.push(`matched: ${treated ? m.steps.treatedMatched : m.steps.controlsMatched}`);
        const w = a.weighting?.result;
        if (w !== undefined) lines.push(`weighted: ${treated ? w.treated.n : w.control.n} (ESS ${formatFixed(treated ? w.ess.treated : w.ess.control, 1)})`);
      }
      groups.push(lines);
    });
  }
  return { steps, ...(groups.length > 0 ? { groups } : {}) };
}
