/**
 * The propensity part of a study: PS model on the spec's covariates, matching and/or weighting with
 * balance (propensityAnalysis), then the outcome in the adjusted samples — Kaplan–Meier per arm on
 * the matched sample (matching weights) and weighted (adjusted) Kaplan–Meier curves for IPTW, and the
 * log-rank test on the matched sample. Hazard ratios from Cox models join when the Cox step runs.
 */
import { propensityAnalysis, type PropensityAnalysisResult } from "../causal/propensity-analysis.js";
import { kaplanMeier, type KaplanMeierResult } from "../survival/kaplan-meier.js";
import { logrankTest, type LogrankResult } from "../survival/logrank.js";
import type { Estimand } from "../causal/weight/estimands.js";
import type { BalanceOptions, BalanceRow } from "../causal/balance.js";
import { balanceVerdict, type BalanceVerdict } from "../causal/balance-verdict.js";
import { balanceWorsenedWarning, balanceWorsening, type BalanceWorsening } from "./effect-flags.js";
import { balanceSchema, covariateObject, type BalanceSpec, type StudySpec } from "./schema.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";
import { epvRefusalError, epvThresholds, eventsPerParameter, formatEpv, type EventsPerParameter } from "./epv.js";
import { designProposal, type DesignProposal, type FullMatchingKeeps } from "./design-proposal.js";
import { matchFull } from "../causal/match.js";

export interface PropensityStepResult {
  readonly endpoint: string;
  readonly analysis: PropensityAnalysisResult;
  readonly matched?: { readonly km: KaplanMeierResult; readonly logrank: LogrankResult };
  readonly weighted?: { readonly km: KaplanMeierResult; readonly estimand: Estimand };
  /** One balance convention for every table and figure of the comparison, and its verdicts. */
  readonly balance: StudyBalance;
  /** Events per parameter of the PS model: events = the smaller treatment group (src/study/epv.ts). */
  readonly epv?: EventsPerParameter;
  /** Matching requested with fewer controls than it needs: MatchIt's warning and the designs that fit. */
  readonly designProposal?: DesignProposal;
}

export interface StudyBalance {
  /** The spec's `analyses.propensity.balance`, defaults filled in. */
  readonly options: BalanceSpec;
  /** The unadjusted sample every SMD denominator comes from: complete cases of the propensity covariates. */
  readonly sample: { readonly n: number; readonly nTreated: number; readonly nControl: number };
  /** The SMD formula and denominator in words, generated from the options. */
  readonly formula: string;
  /** Unadjusted, then matched and/or weighted: which covariate terms fail the thresholds, in words too. */
  readonly verdicts: readonly (BalanceVerdict & { readonly n: number })[];
  /** The adjusted samples less balanced than the unadjusted one (src/study/effect-flags.ts); empty when none. */
  readonly worsened?: readonly BalanceWorsening[];
}

/** The spec's balance options (defaults when the propensity section or its balance key is absent). */
export function balanceSpecOf(spec: StudySpec): BalanceSpec {
  return spec.analyses.propensity?.balance ?? balanceSchema.parse({});
}

/** The balance engine's options for a balance spec: one denominator and binary rule for every sample. */
export function balanceEngineOptions(b: BalanceSpec): Omit<BalanceOptions, "estimand"> {
  return { sdDenominator: b.denominator, binary: b.binary === "standardized" ? "std" : "raw", continuous: "std", thresholds: { ...b.thresholds } };
}

/** Display label of a balance row: the covariate's label, and ": level" for a level of a factor. */
export function balanceRowLabeller(spec: StudySpec): (row: Pick<BalanceRow, "covariate" | "level">) => string {
  const labels = new Map<string, string>();
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    labels.set(cov.name, cov.label ?? cov.name);
  }
  return (row) => {
    const l = labels.get(row.covariate) ?? row.covariate;
    return row.level === null ? l : `${l}: ${row.level}`;
  };
}

/** Endpoint rows that have a weight > 0, as engine input with that weight. */
function weightedRows(study: PreparedStudy, ep: PreparedEndpoint, weights: readonly (number | null)[]) {
  const t = study.treatment!;
  const keep: number[] = [];
  for (let k = 0; k < ep.derived.included.length; k++) {
    const i = ep.derived.included[k];
    const w = weights[i];
    if (w !== null && w > 0 && t.codes[i] >= 0) keep.push(k);
  }
  const rows = Int32Array.from(keep, (k) => ep.derived.included[k]);
  return {
    time: Float64Array.from(keep, (k) => ep.derived.time[k]),
    status: Int32Array.from(keep, (k) => ep.derived.status[k]),
    weights: Float64Array.from(rows, (i) => weights[i] as number),
    group: { codes: Int32Array.from(rows, (i) => t.codes[i]), levels: t.levels },
    rowNumbers: Int32Array.from(rows, (i) => study.table.rowNumbers[i]),
  };
}

export function propensityStep(study: PreparedStudy, spec: StudySpec, endpoint: string, times: readonly number[]): PropensityStepResult | undefined {
  const p = spec.analyses.propensity;
  const t = study.treatment;
  if (p === undefined || t === undefined) return undefined;
  const ep = study.endpoints.get(endpoint)!;
  const covariates = p.covariates ?? spec.covariates.map((c) => covariateObject(c).name);
  const reference: Record<string, string> = {};
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  }
  const m = p.matching;
  const balanceSpec = balanceSpecOf(spec);
  const analysis = propensityAnalysis(
    { table: study.table, treatment: t.codes, covariates, ids: study.ids, reference },
    {
      // glm, refitted by Firth's penalised likelihood when separation or sparse cells show (causal/propensity.ts)
      model: "auto",
      matching: m && (m.method === "nearest"
        ? { ratio: m.ratio, caliper: m.caliper ?? undefined, distance: m.distance, replace: m.replace, order: m.order, seed: m.order === "random" ? spec.seed : undefined, exact: m.exact ?? [] }
        : { method: m.method, ratio: m.ratio, caliper: m.caliper ?? undefined, distance: m.distance, minControls: m.minControls, maxControls: m.maxControls, estimand: m.estimand, exact: m.exact ?? [] }),
      weighting: p.weighting && { estimand: p.weighting.estimand, stabilize: p.weighting.stabilize, trimPs: p.weighting.trim, truncate: p.weighting.truncate },
      balance: balanceEngineOptions(balanceSpec),
    },
  );
  // events per parameter of the PS model: the smaller group's size over the estimated coefficients (Peduzzi 1996; Austin 2017)
  const coefs = analysis.model.model.coefficients;
  const parameters = coefs.filter((c) => c.name !== "(Intercept)" && Number.isFinite(c.estimate ?? Number.NaN)).length;
  const epv = eventsPerParameter(Math.min(analysis.nTreated, analysis.nControl), parameters, epvThresholds(spec), "patient");
  const below = epv.status === "refuse";
  if (below && spec.analyses.safeguards?.propensityBelowFloor === "refuse") throw epvRefusalError("propensity model (events = patients in the smaller group)", epv);
  const extra: string[] = [];
  const epvWarning = propensityEpvWarning(epv, analysis.nTreated, analysis.nControl);
  if (epvWarning !== null) extra.push(epvWarning);
  const proposal = m ? designProposal(analysis.nTreated, analysis.nControl, m.ratio, m.replace, m.method, m.method === "full" ? undefined : fullMatchingKeeps(analysis, m)) : null;
  if (proposal) extra.push(...proposal.warnings);
  let analysisOut: PropensityAnalysisResult = extra.length > 0 ? { ...analysis, warnings: [...extra, ...analysis.warnings] } : analysis;
  const label = balanceRowLabeller(spec);
  const positive = (w: readonly (number | null)[]): number => w.reduce<number>((k, x) => k + (x !== null && x > 0 ? 1 : 0), 0);
  const verdicts: (BalanceVerdict & { n: number })[] = [{ ...balanceVerdict(analysis.balanceBefore, "unadjusted", label, analysis.n), n: analysis.n }];
  // an adjusted sample less balanced than no adjustment: its verdict says so plainly, and a warning (src/study/effect-flags.ts)
  const worsened: BalanceWorsening[] = [];
  const adjustedVerdict = (sample: "matched" | "weighted", adj: NonNullable<PropensityAnalysisResult["matching"]>["balance"], n: number): void => {
    const v = balanceVerdict(adj, sample, label, n);
    const w = balanceWorsening(sample, analysis.balanceBefore.before, adj.after ?? [], balanceSpec.thresholds.smd ?? null, label);
    if (w !== null) worsened.push(w);
    verdicts.push({ ...v, text: w === null ? v.text : `${v.text} ${w.text}`, n });
  };
  if (analysis.matching) adjustedVerdict("matched", analysis.matching.balance, positive(analysis.matching.weights));
  if (analysis.weighting) adjustedVerdict("weighted", analysis.weighting.balance, positive(analysis.weighting.weights));
  const balance: StudyBalance = {
    options: balanceSpec,
    sample: { n: analysis.n, nTreated: analysis.nTreated, nControl: analysis.nControl },
    formula: analysis.balanceBefore.formula,
    verdicts,
    worsened,
  };
  if (worsened.length > 0) {
    const warned = worsened.map((w) => balanceWorsenedWarning(w, balanceSpec.thresholds.smd ?? null));
    analysisOut = { ...analysisOut, warnings: [...warned, ...analysisOut.warnings] };
  }
  // the study's Kaplan–Meier interval (km.confType, km.confLevel) on every KM table, not only the crude one (referee s12 A10)
  const kmOptions = { times, ...(spec.analyses.km ? { confType: spec.analyses.km.confType, confLevel: spec.analyses.km.confLevel } : {}) };
  let matched: PropensityStepResult["matched"];
  if (analysis.matching) {
    const input = weightedRows(study, ep, analysis.matching.weights);
    // 1:k matching weights are integers without replacement; R's survfit then uses Greenwood
    const km = kaplanMeier(input, kmOptions);
    const logrank = logrankTest({ time: input.time, status: input.status, group: input.group, rowNumbers: input.rowNumbers });
    matched = { km, logrank };
  }
  let weighted: PropensityStepResult["weighted"];
  if (analysis.weighting) {
    const km = kaplanMeier(weightedRows(study, ep, analysis.weighting.weights), kmOptions);
    weighted = { km, estimand: analysis.weighting.result.estimand };
  }
  return { endpoint, analysis: analysisOut, matched, weighted, balance, epv, ...(proposal ? { designProposal: proposal } : {}) };
}

/**
 * The warning on a propensity model's events per parameter (events = patients in the smaller group; Peduzzi 1996,
 * Austin 2017), or null when it has enough: below the floor (kept because propensityBelowFloor is "warn") or below
 * the warning level. Shared by the study's propensity model and the landmark cohort's (src/study/immortal-time/landmark-ps.ts).
 */
export function propensityEpvWarning(epv: EventsPerParameter, nTreated: number, nControl: number): string | null {
  if (epv.message === null) return null;
  const smaller = `${epv.events} patients in the smaller group (${nControl <= nTreated ? "controls" : "treated"}) for ${epv.parameters} coefficients (EPV ${formatEpv(epv.epv)}`;
  return epv.status === "refuse"
    ? `propensity model: ${smaller}, below the floor of ${epv.epvFloor}): kept because analyses.safeguards.propensityBelowFloor is "warn"; its coefficients are not interpreted, so judge it by the balance after matching and weighting, and prefer fewer covariates`
    : `propensity model: ${smaller}, below ${epv.epvWarn}): the propensity scores may be overfitted; judge them by the balance after matching and weighting`;
}

/**
 * What optimal full matching with the spec's caliper would keep on the same propensity scores (the proposal's count,
 * src/study/design-proposal.ts): every patient with a partner within the caliper. Undefined without a caliper (full
 * matching then keeps everyone) or with exact matching (strata not counted here).
 */
function fullMatchingKeeps(analysis: PropensityAnalysisResult, m: { readonly caliper?: number | null; readonly distance: "ps" | "logit"; readonly exact?: readonly string[] }): FullMatchingKeeps | undefined {
  if (m.caliper === undefined || m.caliper === null || (m.exact ?? []).length > 0) return undefined;
  const rows: number[] = [];
  analysis.ps.forEach((v, i) => {
    if (v !== null && analysis.treatment[i] !== null) rows.push(i);
  });
  const res = matchFull({ treat: Int32Array.from(rows, (i) => analysis.treatment[i]!), distance: Float64Array.from(rows, (i) => analysis.ps[i]!) }, { distance: m.distance, caliper: m.caliper });
  let treated = 0;
  let control = 0;
  rows.forEach((i, k) => {
    if (res.weights[k] > 0) {
      if (analysis.treatment[i] === 1) treated++;
      else control++;
    }
  });
  return { treated, control, caliper: `${m.caliper} SD of the ${m.distance === "logit" ? "logit PS" : "PS"}` };
}
