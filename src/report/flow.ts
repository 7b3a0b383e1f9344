/**
 * The numbers of the STROBE flow diagram (src/report/plots/flow-diagram.ts), read from the results as the
 * flow table reads them (src/report/tables.ts, flowTable): patients assessed, excluded with reasons,
 * analysed (with events), left out of the propensity analyses for missing covariates (by their labels),
 * and per group analysed, matched and weighted. Renders, never recomputes.
 */
import type { StudyResults } from "../study/run.js";
import { covariateLabel, lowerFirst } from "./labels.js";
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
      ? { side: [`Not in the propensity-score analyses (n = ${leftOut})`, ...a.dropped.map((d) => `missing ${lowerFirst(covariateLabel(r.spec, d.column, { missing: true }))}: ${d.count}`), ...(a.dropped.length > 1 ? ["(a patient can miss several)"] : [])] }
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
  const cohorts = immortalTimeCohorts(r, ep.name);
  const pr = r.analyses.prediction;
  if (pr !== undefined && pr.endpoint === ep.name) {
    cohorts.push(["Prediction model", `n = ${pr.validation.n}, ${pr.validation.nEvent} events`, `${pr.population.description}${pr.population.fromTreatment ? ", from the date of treatment" : ""}`]);
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
  return { steps, ...(groups.length > 0 ? { groups } : {}), ...(cohorts.length > 0 ? { cohorts } : {}) };
}

/** The cohorts of the immortal-time designs (clone–censor–weight, adjusted time-dependent Cox, PS landmark), each with n and events. */
function immortalTimeCohorts(r: StudyResults, endpoint: string): string[][] {
  const it = r.analyses.immortalTime;
  if (it === undefined || it.endpoint !== endpoint) return [];
  const out: string[][] = [];
  const c = it.cloneCensorWeight;
  if (c !== undefined && c !== null) out.push(["Clone–censor–weight", `n = ${c.n}, ${c.patientEvents} events`, "each patient cloned into both strategies"]);
  const td = it.adjustedTimeDependent;
  if (td !== undefined && td !== null) out.push(["Adjusted time-dependent Cox", `n = ${td.n}, ${td.events} events`, "treated from the date of treatment"]);
  const lm = it.landmarkPs;
  if (lm !== undefined && lm !== null) out.push([`Landmark at ${lm.time} ${it.unit}`, `n = ${lm.n}, ${lm.events} events`, `alive and in follow-up at the landmark; ${lm.nTreated} treated by then`]);
  return out;
}
