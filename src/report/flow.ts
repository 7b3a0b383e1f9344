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
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

const f = () => msg().descriptive.flowDiagram;

/** The flow diagram's boxes for the endpoint of the KM analysis (else the first endpoint); null without endpoints. */
export function strobeFlow(r: StudyResults): FlowDiagramInput | null {
  const km = r.analyses.km;
  const ep = r.endpoints.find((e) => e.name === km?.endpoint) ?? r.endpoints[0];
  if (ep === undefined) return null;
  const excludedTotal = ep.flow.read - ep.flow.analysed;
  const steps: FlowStep[] = [];
  steps.push({
    lines: [f().assessed, f().nIs(String(ep.flow.read))],
    ...(ep.flow.excluded.length > 0 ? { side: [f().excluded(String(excludedTotal)), ...ep.flow.excluded.map((e) => f().reasonCount(engineText(e.reason), String(e.count)))] } : {}),
  });
  const p = r.analyses.propensity;
  const a = p?.analysis;
  const leftOut = a === undefined ? 0 : ep.flow.analysed - a.n;
  steps.push({
    lines: [f().analysed(ep.label.toLowerCase()), f().nEvents(String(ep.flow.analysed), String(ep.events))],
    ...(a !== undefined && a.dropped.length > 0
      ? { side: [f().notInPs(String(leftOut)), ...a.dropped.map((d) => f().missingCount(lowerFirst(covariateLabel(r.spec, d.column, { missing: true })), String(d.count))), ...(a.dropped.length > 1 ? [f().missSeveral] : [])] }
      : {}),
  });
  if (a !== undefined) {
    const lines = [f().psAnalyses, f().psComplete(String(a.n))];
    const m = a.matching?.result;
    if (m !== undefined) lines.push(f().matchedLine(String(m.steps.treatedMatched + m.steps.controlsMatched), String(m.steps.treatedMatched), String(m.steps.treatedUnmatched + m.steps.controlsUnused)));
    const w = a.weighting?.result;
    if (w !== undefined) lines.push(f().weightedLine(String(w.treated.n + w.control.n), formatFixed(w.ess.overall, 1)));
    steps.push({ lines });
  }
  const cohorts = immortalTimeCohorts(r, ep.name);
  const pr = r.analyses.prediction;
  if (pr !== undefined && pr.endpoint === ep.name) {
    cohorts.push([f().predictionModel, f().nEvents(String(pr.validation.n), String(pr.validation.nEvent)), `${engineText(pr.population.description)}${pr.population.fromTreatment ? f().fromTreatmentDate : ""}`]);
  }
  // per group at the foot: the KM groups of this endpoint (untreated first), with the propensity numbers by group
  const groups: string[][] = [];
  if (km !== undefined && km.endpoint === ep.name && km.by !== undefined && km.strata.length >= 2) {
    const column = km.by === "treatment" ? (r.spec.treatment?.column ?? km.by) : km.by;
    const byTreatment = km.by === "treatment" || km.by === r.spec.treatment?.column;
    km.strata.forEach((s, j) => {
      const lines = [r.spec.labels?.[column]?.[s.name] ?? s.name];
      if (a !== undefined && byTreatment && km.strata.length === 2) {
        // the boxes hang under the propensity-score box: each starts with its part of that box's n, the group's
        // analysed patients after it, so no box shows more patients than its parent (referee A4, session 12)
        const treated = j === 1;
        // no events here: the group's events are of its analysed patients, not of those in the propensity analyses (referee read 3 A6)
        lines.push(f().groupPsOf(String(treated ? a.nTreated : a.nControl), String(s.n)));
        const m = a.matching?.result;
        if (m !== undefined) lines.push(f().groupMatched(String(treated ? m.steps.treatedMatched : m.steps.controlsMatched)));
        const w = a.weighting?.result;
        if (w !== undefined) lines.push(f().groupWeighted(String(treated ? w.treated.n : w.control.n), formatFixed(treated ? w.ess.treated : w.ess.control, 1)));
      } else lines.push(f().groupAnalysed(String(s.n), String(s.events)));
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
  const primaryIsCcw = r.primary.section === "immortal-time" && r.primary.id === "cloneCensorWeight";
  if (c !== undefined && c !== null) out.push([primaryIsCcw ? f().ccwPrimary : f().ccw, f().nEvents(String(c.n), String(c.patientEvents)), f().ccwNote]);
  const td = it.adjustedTimeDependent;
  if (td !== undefined && td !== null) out.push([f().tdCox, f().nEvents(String(td.n), String(td.events)), f().tdNote]);
  const lm = it.landmarkPs;
  // the PS landmark cohort is the patients alive at the landmark with complete covariates: said, with the alive count
  // of the crude landmark analysis when it is at the same time (referee A4/A8, session 12: "alive at the landmark, n = 53" read as all alive)
  const alive = it.landmark !== undefined && lm !== undefined && lm !== null && it.landmark.time === lm.time ? it.landmark.n : null;
  if (lm !== undefined && lm !== null) out.push([f().landmarkAt(String(lm.time), msg().unit(it.unit)), f().nEvents(String(lm.n), String(lm.events)), alive === null ? f().landmarkNote(String(lm.nTreated)) : f().landmarkPsNote(String(alive), String(lm.nTreated))]);
  return out;
}
