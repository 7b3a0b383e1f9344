/**
 * Sequential (risk-set) matching on the time of treatment (Lu 2005, doi:10.1111/j.1541-0420.2005.00356.x).
 * The time-dependent propensity score is the hazard of treatment: a Cox model of the time from origin to
 * treatment (censored at the end of follow-up) on the covariates, whose linear predictor x'β ranks the
 * patients' propensity at every time (R: coxph(Surv(t_wait, got_treated) ~ covariates), predict(type = "lp")).
 * In order of treatment time (ties in data order), each newly treated patient i (treated at t_i before
 * the end of follow-up) is matched to the `ratio` nearest patients on x'β, within `caliper` × SD(x'β),
 * among those still in follow-up after t_i, not yet treated at t_i and not already used as a control;
 * equal distances go to the earlier data row. Follow-up restarts at t_i for the whole set; a control who is
 * treated later is censored in the control role at that time (and may be matched again as treated). Cox
 * on the matched sets: stratified on the set with the robust SE clustered on the patient (a patient can be
 * in two sets), and the unstratified model clustered on the patient.
 * Deterministic (no random step). R reference: tools/oracle/immortal-adjusted.R states the algorithm.
 */
import type { Column, Table } from "../../data/table.js";
import { coxph } from "../../survival/coxph.js";
import { coxFit } from "../../survival/cox/fit.js";
import type { CoxResult } from "../../survival/cox/types.js";
import type { StudySpec } from "../schema.js";
import type { PreparedStudy } from "../prepare.js";
import { analysisTable, covariateTerms } from "../model-terms.js";
import type { ImmortalCohort } from "./cohort.js";
import { completeCases, termsOf, type ExcludedByGroup } from "./adjusted-cox.js";
import type { SequentialMatchingOptions } from "./options.js";

export interface SequentialMatchingResult {
  readonly ratio: number;
  readonly caliper: number | null;
  /** Caliper width on the linear predictor (caliper × its SD), null without a caliper. */
  readonly caliperWidth: number | null;
  /** Patients treated before the end of follow-up with complete covariates, and how many found a match. */
  readonly treatedEligible: number;
  readonly treatedMatched: number;
  /** Matched sets, each as patient ids: the treated and its controls, with the treatment time. */
  readonly sets: readonly { readonly time: number; readonly treated: string; readonly controls: readonly string[] }[];
  /** Controls later treated (censored in the control role at their treatment). */
  readonly controlsLaterTreated: number;
  readonly excluded: ExcludedByGroup;
  /** Cox of the treatment stratified on the matched set, robust SE clustered on the patient (conditional HR). */
  readonly stratified: CoxResult;
  /** Cox of the treatment on the matched sets, robust SE clustered on the patient. */
  readonly clustered: CoxResult;
  readonly population: string;
  readonly estimandLabel: string;
  readonly variance: string;
}

export function sequentialMatching(study: PreparedStudy, spec: StudySpec, cohort: ImmortalCohort, covariates: readonly string[], o: SequentialMatchingOptions): SequentialMatchingResult {
  const base = analysisTable(study, spec, cohort.ep);
  const terms = covariateTerms(spec, base);
  const complete = completeCases(base, covariates);
  const excluded = { treated: 0, untreated: 0 };
  for (let k = 0; k < cohort.n; k++) if (!complete[k]) excluded[cohort.treated[k] === 1 ? "treated" : "untreated"]++;
  const keep: number[] = [];
  for (let k = 0; k < cohort.n; k++) if (complete[k]) keep.push(k);
  // time-dependent PS: Cox model of the time to treatment, censored at the end of follow-up
  const isTx = (k: number): boolean => cohort.treated[k] === 1 && cohort.tTreat[k] < cohort.time[k];
  const wait = Float64Array.from(keep, (k) => (isTx(k) ? cohort.tTreat[k] : cohort.time[k]));
  const got = Float64Array.from(keep, (k) => (isTx(k) ? 1 : 0));
  const rows: Table = (() => {
    const sel = { ...base, nRows: keep.length, rowNumbers: Int32Array.from(keep, (k) => base.rowNumbers[k]) };
    const columns = base.columns.map((c): Column => (c.kind === "categorical" ? { ...c, codes: Int32Array.from(keep, (k) => c.codes[k]) } : { ...c, values: Float64Array.from(keep, (k) => c.values[k]) }));
    return { ...sel, columns: [...columns, { kind: "numeric", name: ".wait", values: wait }, { kind: "numeric", name: ".got", values: got }] };
  })();
  const ps = coxph(rows, `Surv(.wait, .got) ~ ${termsOf(terms, covariates).join(" + ")}`, { reference: terms.reference });
  const lp = ps.fit.linearPredictors;
  let mean = 0;
  for (const v of lp) mean += v;
  mean /= lp.length;
  let ss = 0;
  for (const v of lp) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (lp.length - 1));
  const width = o.caliper === null ? null : o.caliper * sd;
  // treated in order of treatment time, ties in data order
  const order = keep.map((_, q) => q).filter((q) => isTx(keep[q]));
  order.sort((a, b) => cohort.tTreat[keep[a]] - cohort.tTreat[keep[b]] || a - b);
  const used = new Uint8Array(keep.length);
  const sets: { time: number; treated: number; controls: number[] }[] = [];
  for (const q of order) {
    const t = cohort.tTreat[keep[q]];
    const cand: { q: number; d: number }[] = [];
    for (let r = 0; r < keep.length; r++) {
      const k = keep[r];
      if (r === q || used[r] === 1 || !(cohort.time[k] > t)) continue;
      if (cohort.treated[k] === 1 && cohort.tTreat[k] <= t) continue;
      const d = Math.abs(lp[r] - lp[q]);
      if (width !== null && d > width) continue;
      cand.push({ q: r, d });
    }
    cand.sort((a, b) => a.d - b.d || a.q - b.q);
    const controls = cand.slice(0, o.ratio).map((c) => c.q);
    if (controls.length === 0) continue;
    for (const r of controls) used[r] = 1;
    sets.push({ time: t, treated: q, controls });
  }
  // matched data: follow-up from the set's time; a control treated later is censored then
  const time: number[] = [];
  const status: number[] = [];
  const x: number[] = [];
  const strata: number[] = [];
  const cluster: number[] = [];
  let laterTreated = 0;
  sets.forEach((s, si) => {
    const kt = keep[s.treated];
    time.push(cohort.time[kt] - s.time);
    status.push(cohort.status[kt]);
    x.push(1);
    strata.push(si);
    cluster.push(s.treated);
    for (const r of s.controls) {
      const k = keep[r];
      const later = isTx(k);
      if (later) laterTreated++;
      time.push((later ? cohort.tTreat[k] : cohort.time[k]) - s.time);
      status.push(later ? 0 : cohort.status[k]);
      x.push(0);
      strata.push(si);
      cluster.push(r);
    }
  });
  const input = { time: Float64Array.from(time), status: Int32Array.from(status), x: Float64Array.from(x), p: 1, columnNames: ["treated (sequentially matched)"], cluster: Int32Array.from(cluster) };
  const stratified = coxFit({ ...input, strata: Int32Array.from(strata) }, { robust: true });
  const clustered = coxFit(input, { robust: true });
  const id = (r: number): string => study.ids[cohort.rows[keep[r]]];
  return {
    ratio: o.ratio,
    caliper: o.caliper,
    caliperWidth: width,
    treatedEligible: order.length,
    treatedMatched: sets.length,
    sets: sets.map((s) => ({ time: s.time, treated: id(s.treated), controls: s.controls.map(id) })),
    controlsLaterTreated: laterTreated,
    excluded,
    stratified,
    clustered,
    population: `${sets.length} of ${order.length} treated patients matched at their treatment time to ${time.length - sets.length} not-yet-treated control(s) still in follow-up`,
    estimandLabel: "HR among the matched treated from their treatment time on (conditional on the matched set when stratified)",
    variance: "robust (sandwich) variance clustered on the patient (a patient can be a control and later treated)",
  };
}
