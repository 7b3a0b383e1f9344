/**
 * Adjusted (standardised) survival curves and absolute contrasts of a study (`analyses.adjustedCurves`):
 * survivalContrasts (src/causal/survival-contrasts/, riskRegression::ate) on the outcome endpoint, the spec's
 * treatment and covariates (the propensity covariates when given), at the Kaplan–Meier times and up to the RMST
 * tau unless the spec names others. When treatment happened after the origin the comparison carries immortal
 * time: the result says so (`biasedByDesign`), as the treatment-effect table does.
 */
import { survivalContrasts, type SurvivalContrastsResult } from "../causal/survival-contrasts/index.js";
import { contrastsInputFromTable } from "../causal/survival-contrasts/table-input.js";
import { covariateObject, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";
import { atRiskBefore, dataSupport, minAtRiskOf, type DataSupport } from "./beyond-data.js";

export interface AdjustedCurvesStepResult extends SurvivalContrastsResult {
  readonly endpoint: string;
  readonly groups: { readonly untreated: string; readonly treated: string };
  readonly biasedByDesign: "immortal time" | null;
  /**
   * Data support at each of `options.times` and at tau (src/study/beyond-data.ts): unweighted patients at risk just
   * before t, [untreated, treated]; `beyondData` when a group has fewer than figures.minAtRisk (the report shows "–").
   */
  readonly support: { readonly at: readonly (DataSupport & { readonly time: number })[]; readonly tau: DataSupport | null };
}

export function adjustedCurvesStep(study: PreparedStudy, spec: StudySpec, outcome: string): AdjustedCurvesStepResult | undefined {
  const opts = spec.analyses.adjustedCurves;
  const t = study.treatment;
  if (opts === undefined || t === undefined || spec.covariates.length === 0) return undefined;
  const endpoint = opts.endpoint ?? outcome;
  const ep = study.endpoints.get(endpoint)!;
  const n = study.table.nRows;
  const time = new Float64Array(n).fill(Number.NaN);
  const status = new Int32Array(n).fill(-1);
  ep.derived.included.forEach((i, k) => {
    time[i] = ep.derived.time[k];
    status[i] = ep.derived.status[k];
  });
  const covs = spec.covariates.map(covariateObject);
  const reference: Record<string, string> = {};
  for (const cov of covs) if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  const covariates = spec.analyses.propensity?.covariates ?? covs.map((c) => c.name);
  const prepared = contrastsInputFromTable({ table: study.table, time, status, treatment: t.codes, covariates, ids: study.ids, reference }, t.levels);
  const times = opts.times ?? spec.analyses.km?.times ?? [];
  const tau = opts.tau ?? spec.analyses.rmst?.tau;
  // the ATT is a g-formula estimand here (IPTW and AIPW give the ATE): the others are left out, and said so
  const att = opts.estimand === "ATT";
  const dropped = att ? opts.estimators.filter((e) => e !== "gformula") : [];
  const res = survivalContrasts(prepared.input, { times, tau, estimators: att ? ["gformula"] : opts.estimators, estimand: opts.estimand, band: opts.band > 0 ? { nsim: opts.band, seed: spec.seed } : false });
  const attNote = dropped.length > 0 ? [`estimand ATT: ${dropped.join(" and ")} left out (the ATT is computed by the g-formula only)`] : [];
  // numbers beyond the data: the figures' truncation threshold on the unweighted analysed patients per group
  const arm = (a: number): Float64Array => prepared.input.time.filter((_, i) => prepared.input.treat[i] === a);
  const arms = [arm(0), arm(1)];
  const sup = (x: number): DataSupport => dataSupport(arms.map((y) => atRiskBefore(y, x)), minAtRiskOf(spec));
  const support = { at: times.map((x) => ({ time: x, ...sup(x) })), tau: tau === undefined ? null : sup(tau) };
  return {
    ...res,
    support,
    warnings: [...prepared.warnings, ...attNote, ...res.warnings],
    endpoint,
    groups: { untreated: t.levels[0], treated: t.levels[1] },
    biasedByDesign: spec.treatment?.date !== undefined ? "immortal time" : null,
  };
}
