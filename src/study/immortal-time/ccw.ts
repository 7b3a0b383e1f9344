/**
 * Target-trial emulation by clone–censor–weight in the study (Hernán & Robins 2016,
 * doi:10.1093/aje/kwv254; Maringe et al. 2020, doi:10.1093/ije/dyaa057): the trial "treat within the
 * grace period G" vs "do not treat within G", emulated on the immortal-time cohort. Each patient is cloned
 * into both strategies, a clone is censored when it deviates, and the artificial censoring is undone by
 * inverse-probability-of-censoring weights from a Cox model of the time to deviation on the covariates.
 * The engine is src/causal/ccw (checked against tools/oracle/ccw.R); this module builds its input from the
 * study (complete cases of the covariates, model matrix with the study's factor coding) and names the
 * population, the estimands and the variance.
 */
import { selectRows, type Column, type Table } from "../../data/table.js";
import { coxInputFromFormula } from "../../survival/coxph.js";
import { cloneCensorWeight, type CcwHazardRatio, type CcwInterval, type CcwResult } from "../../causal/ccw/index.js";
import type { StudySpec } from "../schema.js";
import type { PreparedStudy } from "../prepare.js";
import { analysisTable, covariateTerms } from "../model-terms.js";
import type { ImmortalCohort } from "./cohort.js";
import { completeCases, termsOf, type ExcludedByGroup } from "./adjusted-cox.js";
import type { CloneCensorWeightOptions } from "./options.js";
import { eventsPerParameter, epvThresholds } from "../epv.js";
import { countsText, minAtRiskOf } from "../beyond-data.js";
import { ccwChecks, type BootstrapCentre, type CheckedInterval, HEAVY_DEATH_SHARE } from "./ccw-checks.js";
import { ccwStudyDiagnostics, ccwSmallSampleWarning, type CcwStudyDiagnostics } from "./ccw-diagnostics.js";
import { balanceEngineOptions, balanceSpecOf } from "../propensity-step.js";

export interface CloneCensorWeightStudyResult extends CcwResult {
  /**
   * The engine's differences with the study's checks (immortal-time/ccw-checks.ts): `beyondData` and the unweighted
   * clones at risk per strategy at t (follow-up ≥ t; `nRiskUnweighted`, [treat, control]); the bootstrap mean, bias and SE;
   * single weighted deaths that carry more than a third of a strategy's drop by t (`heavyDeaths`).
   */
  readonly survivalDifference: readonly (CcwInterval & { readonly time: number } & CheckedInterval)[];
  readonly rmstDifference: (CcwInterval & { readonly tau: number } & CheckedInterval) | null;
  /** The per-protocol HR; its bootstrap interval carries the bootstrap centre of the log HR. */
  readonly hazardRatio: (Omit<CcwHazardRatio, "bootstrap"> & { readonly bootstrap: (CcwInterval & BootstrapCentre) | null }) | null;
  readonly covariates: readonly string[];
  /** Model-matrix columns of the censoring models, with their display labels. */
  readonly columnLabels: Readonly<Record<string, string>>;
  readonly excluded: ExcludedByGroup;
  /** Events among the analysed patients (each counts in one or both arms). */
  readonly patientEvents: number;
  readonly graceByDefault: boolean;
  readonly unit: string;
  readonly population: string;
  /** What the survival and RMST differences estimate, in words. */
  readonly estimandLabel: string;
  /** What the per-protocol HR is, in words. */
  readonly hrLabel: string;
  readonly variance: string;
  /** The strategies as the report names them: [treat within G, no treatment within G]. */
  readonly strategyLabels: readonly [string, string];
  /**
   * The weight diagnostics per strategy (src/causal/ccw/diagnostics.ts) with the terms' labels, the balance verdicts and
   * the residual-imbalance flag of the study's rule (immortal-time/ccw-diagnostics.ts). Added in issue 19 (referee A9).
   */
  readonly diagnostics: CcwStudyDiagnostics;
  /**
   * Deviations per parameter of each strategy's censoring model (src/study/epv.ts) with the study's verdict: "refuse" below
   * analyses.safeguards.epvFloor (kept: the weights cannot be formed without it), "warn" below epvWarn. The section's
   * intro names the caveat from it (issue 19, referee A9). Absent in results before.
   */
  readonly censoringEpv: readonly { readonly strategy: "treat" | "control"; readonly deviations: number; readonly parameters: number; readonly epv: number; readonly status: "ok" | "warn" | "refuse" }[];
}

export function cloneCensorWeightStep(
  study: PreparedStudy,
  spec: StudySpec,
  cohort: ImmortalCohort,
  covariates: readonly string[],
  o: CloneCensorWeightOptions,
  times: readonly number[],
  tau: number | undefined,
  onProgress?: (done: number, total: number) => void,
): CloneCensorWeightStudyResult {
  const base = analysisTable(study, spec, cohort.ep);
  const terms = covariateTerms(spec, base);
  const complete = completeCases(base, covariates);
  const pick: number[] = [];
  const excluded = { treated: 0, untreated: 0 };
  for (let k = 0; k < cohort.n; k++) {
    if (complete[k]) pick.push(k);
    else if (cohort.treated[k] === 1) excluded.treated++;
    else excluded.untreated++;
  }
  const n = pick.length;
  const time = Float64Array.from(pick, (k) => cohort.time[k]);
  const status = Int32Array.from(pick, (k) => cohort.status[k]);
  const treatmentTime = Float64Array.from(pick, (k) => (cohort.treated[k] === 1 ? cohort.tTreat[k] : Number.POSITIVE_INFINITY));
  // the model matrix of the covariates with the study's coding (factors, reference levels), on the complete cases
  let x = new Float64Array(0);
  let columnNames: readonly string[] = [];
  const columnLabels: Record<string, string> = {};
  if (covariates.length > 0) {
    const rows = selectRows(base, Int32Array.from(pick));
    const extra: Column[] = [
      { kind: "numeric", name: ".ccw_time", values: time },
      { kind: "numeric", name: ".ccw_status", values: Float64Array.from(status) },
    ];
    const table: Table = { ...rows, columns: [...rows.columns, ...extra] };
    const mm = coxInputFromFormula(table, `Surv(.ccw_time, .ccw_status) ~ ${termsOf(terms, covariates).join(" + ")}`, { reference: terms.reference });
    x = Float64Array.from(mm.input.x);
    columnNames = mm.input.columnNames;
    Object.assign(columnLabels, terms.coefficientLabels(columnNames, mm.terms));
  }
  const G = o.grace;
  const u = cohort.ep.unit;
  const periods = censoringPeriodsFor(treatmentTime, time, G, columnNames.length);
  // the weight diagnostics' SMDs in the convention of the study's balance tables (binary rule, thresholds)
  const balance = balanceEngineOptions(balanceSpecOf(spec));
  const res = cloneCensorWeight(
    { time, status, treatmentTime, x, p: columnNames.length, columnNames },
    {
      grace: G,
      times: times.filter((t) => t > 0),
      ...(tau !== undefined ? { tau } : {}),
      weights: o.weights,
      censoringModel: o.censoringModel,
      censoringPeriods: periods,
      balance: { binary: balance.binary, ...(balance.thresholds === undefined ? {} : { thresholds: balance.thresholds }) },
      ...(o.bootstrap > 0 ? { bootstrap: { replicates: o.bootstrap, seed: spec.seed, ...(onProgress ? { onProgress } : {}) } } : {}),
    },
  );
  // one sentence for replicates that failed altogether, not one more per statistic with the same count
  const whole = /^(\d+) of (\d+) bootstrap replicates failed altogether/.exec(res.warnings.find((w) => w.includes("failed altogether")) ?? "");
  const same = (w: string): boolean => whole !== null && w.endsWith(`${whole[1]} of ${whole[2]} bootstrap replicates failed or diverged and were left out of the interval`);
  // every warning names its analysis (Read first lists them out of context)
  const warnings = res.warnings.filter((w) => !same(w)).map((w) => `clone–censor–weight: ${w}`);
  // few deviations per parameter make the censoring model, and so the weights, unstable (docs/methods.md, small-sample safeguards)
  const censoringEpv: CloneCensorWeightStudyResult["censoringEpv"][number][] = [];
  for (const arm of res.arms) {
    const e = eventsPerParameter(arm.deviations, columnNames.length, epvThresholds(spec), "deviation");
    if (columnNames.length > 0 && arm.censoringModel !== null) censoringEpv.push({ strategy: arm.strategy, deviations: arm.deviations, parameters: columnNames.length, epv: e.epv, status: e.status });
    if (columnNames.length > 0 && e.status !== "ok") warnings.push(`clone–censor–weight, censoring model of "${arm.label}": ${arm.deviations} deviations for ${columnNames.length} parameters (EPV ${e.epv.toFixed(1)}${e.status === "refuse" ? `, below the floor of ${e.epvFloor} at which the study's other models are not fitted; kept because the weights cannot be formed without it` : `, below ${e.epvWarn}`}): the weights (max ${arm.weights.max.toFixed(2)}) may be unstable; read the intervals with caution or use fewer covariates`);
  }
  const label = spec.treatment?.label ?? "treatment";
  const strategyLabels: [string, string] = [`${label} within ${G} ${u}`, `no ${label.toLowerCase()} within ${G} ${u}`];
  const checks = ccwChecks(res, time, status, treatmentTime, minAtRiskOf(spec));
  const survivalDifference = res.survivalDifference.map((d, k) => ({ ...d, ...checks.survivalDifference[k] }));
  const rmstDifference = res.rmstDifference === null || checks.rmstDifference === null ? null : { ...res.rmstDifference, ...checks.rmstDifference };
  const hr = res.hazardRatio;
  const hazardRatio = hr === null ? null : { ...hr, bootstrap: hr.bootstrap === null ? null : { ...hr.bootstrap, ...(checks.hazardRatio ?? { bootstrapMean: null, bootstrapBias: null, bootstrapSe: hr.bootstrap.se, bootstrapOffCentre: false }) } };
  warnings.push(...checkWarnings(survivalDifference, rmstDifference, hazardRatio, u));
  const diagnostics = ccwStudyDiagnostics(res.diagnostics, columnLabels, strategyLabels);
  if (diagnostics.flag !== null) warnings.push(diagnostics.flag.warning);
  // the coverage of the survival differences' interval was checked in simulation for 300 to 2,000 patients only (referee A2)
  const small = ccwSmallSampleWarning(n, o.bootstrap > 0);
  if (small !== null) warnings.push(`clone–censor–weight: ${small}`);
  return {
    ...res,
    survivalDifference,
    rmstDifference,
    hazardRatio,
    warnings,
    covariates,
    columnLabels,
    excluded,
    patientEvents: status.reduce((k, v) => k + v, 0),
    graceByDefault: o.graceByDefault,
    unit: u,
    population: `all ${n} patients with complete covariates, each cloned into both strategies`,
    estimandLabel: `difference in survival (and RMST) had all patients been treated within ${G} ${u} versus not treated within ${G} ${u} (per-protocol effect of the emulated trial; a causal contrast under no unmeasured confounding of treatment timing)`,
    hrLabel: "per-protocol hazard ratio of the emulated trial (weighted Cox on the clones; a summary of the curves, not a causal hazard contrast)",
    variance:
      o.bootstrap > 0
        ? `Nonparametric bootstrap of the whole pipeline, ${o.bootstrap} replicates (survival differences: Wald intervals with the larger of the bootstrap and infinitesimal-jackknife SEs; RMST difference: percentile intervals); the HR also has a robust SE clustered on the patient`
        : "Robust SE clustered on the patient for the HR; no bootstrap (set immortalTime.cloneCensorWeight.bootstrap for CIs of the survival differences)",
    strategyLabels,
    diagnostics,
    censoringEpv,
  };
}

/** Deviations per parameter wanted in each period of the no-treatment strategy's censoring model. */
export const EVENTS_PER_PERIOD_PARAMETER = 10;

/**
 * Periods of the no-treatment strategy's piecewise censoring model: the most of 4 (the default validated in
 * docs/validation.md, issue 14) that leave at least 10 deviations (treatments within the grace period) per parameter
 * in each period, at least 1. Small cohorts get one Cox model (64 patients, 39 deviations, 7 parameters: 1 period),
 * whose coefficients would otherwise diverge period by period and fail most bootstrap replicates.
 */
export function censoringPeriodsFor(treatmentTime: Float64Array, time: Float64Array, grace: number, parameters: number): number {
  let deviations = 0;
  for (let i = 0; i < time.length; i++) if (treatmentTime[i] <= grace && treatmentTime[i] <= time[i]) deviations++;
  const k = Math.floor(deviations / (Math.max(1, parameters) * EVENTS_PER_PERIOD_PARAMETER));
  return Math.max(1, Math.min(4, k));
}

const f1 = (x: number): string => `${x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;

/** The checks' warnings (immortal-time/ccw-checks.ts): numbers beyond the data, an off-centre bootstrap (a heavy death is a footnote of the table). */
function checkWarnings(
  sd: CloneCensorWeightStudyResult["survivalDifference"],
  rd: CloneCensorWeightStudyResult["rmstDifference"],
  hr: CloneCensorWeightStudyResult["hazardRatio"],
  u: string,
): string[] {
  const out: string[] = [];
  const quoted: { what: string; at: string; d: CheckedInterval & CcwInterval; scale: number; unit: string }[] = [
    ...sd.map((d) => ({ what: "survival difference", at: `at ${d.time} ${u}`, d, scale: 100, unit: " points" })),
    ...(rd === null ? [] : [{ what: "RMST difference", at: `up to ${rd.tau} ${u}`, d: rd, scale: 1, unit: ` ${u}` }]),
  ];
  for (const q of quoted) {
    if (q.d.estimate !== null && q.d.beyondData) out.push(`clone–censor–weight: ${q.what} ${q.at} not shown, not estimable: beyond the data, where the figure ends a curve (${countsText(q.d.nRiskUnweighted)} patients at risk (in follow-up) in the two strategies, fewer than ${q.d.minAtRisk}); results.json keeps the number, flagged beyondData`);
  }
  const offCentre = (what: string, c: BootstrapCentre & { readonly estimate: number | null }, scale: (x: number) => string, unit: string): void => {
    if (!c.bootstrapOffCentre || c.bootstrapMean === null || c.bootstrapBias === null || c.bootstrapSe === null || c.estimate === null) return;
    out.push(`clone–censor–weight: the bootstrap distribution of the ${what} is not centred on the estimate (mean of the replicates ${scale(c.bootstrapMean)}${unit}, estimate ${scale(c.estimate)}${unit}: bias ${scale(c.bootstrapBias)}${unit}, more than a quarter of the bootstrap SE of ${scale(c.bootstrapSe)}${unit}): ${what.startsWith("survival difference") ? "the estimate and its interval may be off (do not rely on them)" : "its interval is unreliable (do not rely on it)"}`);
  };
  for (const q of quoted) if (!q.d.beyondData) offCentre(`${q.what} ${q.at}`, q.d, (x) => f1(q.scale * x), q.unit);
  // a shown survival difference that rests largely on one weighted death (more than a third of it): a warning, so it
  // reaches Read first, summary.txt and the app, not only the table's footnote (third referee read A1)
  for (const d of sd) {
    if (d.beyondData || d.estimate === null) continue;
    for (const h of d.heavyDeaths) {
      if (h.shareOfDifference === null || h.shareOfDifference <= HEAVY_DEATH_SHARE) continue;
      out.push(`clone–censor–weight: the survival difference at ${d.time} ${u} rests largely on one death: at ${f1(h.time)} ${u}, with weight ${h.weight.toFixed(2)}, it carries ${Math.round(100 * h.shareOfDifference)}% of the difference (read the estimate with caution)`);
    }
  }
  const b = hr?.bootstrap;
  if (hr !== null && b !== null && b !== undefined) offCentre("per-protocol log hazard ratio", { ...b, estimate: hr.coef }, (x) => x.toFixed(2), "");
  return out;
}
