/**
 * The treatment-effect table of a study: crude, multivariable-adjusted, PS-matched and IPTW hazard
 * ratios (with robust and M-estimation variances), survival and RMST differences and E-values, from
 * src/causal/effect.ts on the outcome endpoint and the spec's covariates and propensity options.
 * When the treatment happened after the origin, every baseline comparison by treatment received carries
 * immortal time: the result says so (the immortal-time section has the unbiased analyses).
 */
import { treatmentEffects, type TreatmentEffectsResult } from "../causal/effect.js";
import { covariateObject, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";
import { epvThresholds, type RefusedModel } from "./epv.js";
import { refuseEffectModels } from "./effects-epv.js";
import { effectFlags, flagWarnings, informativeSetEvents, minEventsOf, type EffectFlag, type ResidualImbalance, type RowWarning } from "./effect-flags.js";
import type { PropensityStepResult } from "./propensity-step.js";

export interface EffectsStepResult extends TreatmentEffectsResult {
  readonly endpoint: string;
  /** Set when the treatment date lies after the origin: the caveat in words. */
  readonly immortalTimeCaveat: string | null;
  /**
   * "immortal time" when the treatment date lies after the origin: every row (and the adjusted survival
   * contrasts) compares patients by treatment ever received, counted from the origin, so each is biased by
   * design and none is the default primary analysis (study/primary.ts); null otherwise.
   */
  readonly biasedByDesign: "immortal time" | null;
  /**
   * Covariate-adjusted Cox models below analyses.safeguards.epvFloor (src/study/effects-epv.ts): their rows say
   * "not estimated: k events for p parameters"; one entry per model, collected into results.notEstimable.
   */
  readonly refused: readonly RefusedModel[];
  /**
   * Rows kept but flagged (src/study/effect-flags.ts): an HR from fewer than analyses.safeguards.minEvents events
   * (informative events for the matched-set-stratified model), or from a sample whose balance matching or
   * weighting worsened. A flagged row is never the default primary analysis. Absent in results from before flags.
   */
  readonly flags?: readonly EffectFlag[];
  /**
   * The study-level warnings (results.warnings, "treatment effects: …") that concern one row: its events per parameter
   * between the floor and epvWarn (src/study/epv.ts effectsEpvRowWarnings), with the row's id and the text as in
   * results.warnings without its "treatment effects: " prefix. Set by the study runner; absent in results before
   * session 12.
   */
  readonly rowWarnings?: readonly RowWarning[];
}

/**
 * @param onProgress called after each bootstrap replicate (when `analyses.propensity.bootstrap` is set).
 */
/**
 * `rmstNotEstimable`: why the study's RMST analysis was not estimable (e.g. tau past a group's follow-up);
 * then the adjusted RMST differences are not computed either, and a warning says why.
 */
export function effectsStep(study: PreparedStudy, spec: StudySpec, endpoint: string, onProgress?: (done: number, total: number) => void, rmstNotEstimable?: string, propensity?: PropensityStepResult): EffectsStepResult | undefined {
  const t = study.treatment;
  if (t === undefined || spec.covariates.length === 0) return undefined;
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
  const p = spec.analyses.propensity;
  const m = p?.matching;
  const w = p?.weighting;
  const b = p?.bootstrap;
  const res = treatmentEffects(
    { table: study.table, time, status, treatment: t.codes, covariates: p?.covariates ?? covs.map((c) => c.name), ids: study.ids, reference },
    {
      // every matching and weighting option of the spec, as the propensity step uses them (same samples)
      matching: m ? { method: m.method, distance: m.distance, ratio: m.ratio, replace: m.replace, caliper: m.caliper, order: m.order, seed: spec.seed, exact: m.exact ?? [], minControls: m.minControls, maxControls: m.maxControls, estimand: m.estimand } : false,
      weighting: w ? { estimand: w.estimand, stabilize: w.stabilize, trim: w.trim ?? null, truncate: w.truncate ?? null } : false,
      // also the covariate-adjusted matched/weighted Cox models (conditional HRs; see causal/effect/estimand.ts)
      doublyRobust: true,
      times: spec.analyses.km?.times ?? [],
      tau: rmstNotEstimable === undefined ? spec.analyses.rmst?.tau : undefined,
      // synchronous (this thread; no worker threads in a browser): replicate r depends only on (seed, r),
      // so the CLI and the app give identical intervals
      bootstrap: b ? { replicates: b.replicates, seed: spec.seed, workers: 1, onProgress, maxFailedShare: b.maxFailedShare } : false,
    },
  );
  const caveat =
    spec.treatment?.date !== undefined
      ? "Treatment happened after the origin, so these comparisons by treatment received carry immortal time (patients had to survive until treatment); see the time-dependent and landmark analyses."
      : null;
  const tauNote = rmstNotEstimable === undefined ? [] : [`adjusted RMST differences not estimated: ${rmstNotEstimable}`];
  // the events-per-parameter floor, as for the study's other models: adjusted Cox models below it are not estimated
  const { result, refused } = refuseEffectModels(res, epvThresholds(spec), "effects");
  // rows kept but flagged: too few (informative) events, a sample less balanced than no adjustment (src/study/effect-flags.ts)
  const minEvents = minEventsOf(spec);
  // the balance verdicts of the matched and weighted samples (the propensity step's, same samples): terms left imbalanced
  const residual: ResidualImbalance[] = (propensity?.balance.verdicts ?? []).flatMap((v) => (v.sample === "unadjusted" ? [] : [{ sample: v.sample, nImbalanced: v.nImbalanced, nTerms: v.nTerms, verdict: v.text }]));
  const flags = effectFlags(result.estimates, { minEvents, informativeEvents: matchedInformativeEvents(study, time, status, result, propensity), worsened: propensity?.balance.worsened ?? [], residual });
  const estimates = result.estimates.map((e) => {
    const extra = flagWarnings(e, flags, residual, minEvents);
    return extra.length === 0 ? e : { ...e, warnings: [...e.warnings, ...extra] };
  });
  return { ...result, estimates, warnings: [...result.warnings, ...tauNote], endpoint, immortalTimeCaveat: caveat, biasedByDesign: caveat === null ? null : "immortal time", refused, flags };
}

/**
 * Informative events of the matched-set-stratified Cox model (src/study/effect-flags.ts), from the propensity
 * step's matched sets (the same matching options and sample); null when they are not known or hold another
 * number of patients than the model.
 */
function matchedInformativeEvents(study: PreparedStudy, time: Float64Array, status: Int32Array, res: TreatmentEffectsResult, propensity: PropensityStepResult | undefined): number | null {
  const m = propensity?.analysis.matching;
  const est = res.estimates.find((e) => e.id === "matchedStratified");
  if (m === undefined || est === undefined) return null;
  const rowOfId = new Map<string, number>();
  study.ids.forEach((id, i) => rowOfId.set(id, i));
  const sets = m.result.matched.map((set) => [set.treated, ...set.controls].map((id) => rowOfId.get(id) ?? -1));
  if (sets.some((set) => set.some((i) => i < 0)) || sets.reduce((k, set) => k + set.length, 0) !== est.n) return null;
  const treated = Float64Array.from(propensity!.analysis.treatment, (t) => (t === 1 ? 1 : 0));
  return informativeSetEvents(sets, time, status, treated);
}
