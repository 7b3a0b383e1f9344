/**
 * Landmark analysis with the propensity score re-estimated in the landmark cohort (Anderson, Cain &
 * Gelber 1983, doi:10.1200/JCO.1983.1.11.710, with the PS of Rosenbaum & Rubin 1983 fitted among the
 * patients alive and in follow-up at L): treatment = treated by L, time from L; then, through the same
 * engine as the study's treatment-effect table (src/causal/effect.ts), the crude and covariate-adjusted
 * Cox models (conditional HR), IPTW-weighted Cox with robust and M-estimation SEs (marginal HR among those
 * alive at L) and, when the study matches, PS-matched Cox.
 * R: glm(treated_L ~ covariates, binomial) in the landmark cohort, weights by formula (as WeightIt),
 * coxph(Surv(time - L, status) ~ treated_L, weights = w, robust = TRUE); MatchIt::matchit for matching.
 */
import { selectRows } from "../../data/table.js";
import { treatmentEffects, type HazardRatioEffect, type TreatmentEffectsResult } from "../../causal/effect.js";
import type { Estimand } from "../../causal/weight.js";
import type { StudySpec } from "../schema.js";
import type { PreparedStudy } from "../prepare.js";
import { analysisTable, covariateTerms } from "../model-terms.js";
import type { ImmortalCohort } from "./cohort.js";
import { completeCases, termsOf, type ExcludedByGroup } from "./adjusted-cox.js";
import { epvThresholds, type RefusedModel } from "../epv.js";
import { refuseEffectModels } from "../effects-epv.js";
import { atRiskBefore, dataSupport, minAtRiskOf, type DataSupport } from "../beyond-data.js";
import { propensityAnalysis } from "../../causal/propensity-analysis.js";
import type { BalanceRow } from "../../causal/balance.js";
import { balanceVerdict, type BalanceVerdict } from "../../causal/balance-verdict.js";
import { epvRefusalError, eventsPerParameter, type EventsPerParameter } from "../epv.js";
import { balanceEngineOptions, balanceRowLabeller, balanceSpecOf, propensityEpvWarning } from "../propensity-step.js";
import { covariateObject, type BalanceSpec } from "../schema.js";
import { balanceWorsenedWarning, balanceWorsening, effectFlags, flagWarnings, informativeSetEvents, minEventsOf, type BalanceWorsening, type EffectFlag, type ResidualImbalance, type RowWarning } from "../effect-flags.js";

/**
 * The landmark cohort's propensity model checked as the study's is (issue 19, referee point 3): covariate balance
 * (SMD, variance ratio, KS) before and after matching and weighting in the landmark cohort, with the study's balance
 * convention (`analyses.propensity.balance`), its verdicts, and the model's events per parameter (the smaller group
 * over its coefficients). The same PS model, matching and weights as the landmark effects (propensityScore,
 * matchPropensity, propensityWeights on the same patients, covariates and options).
 */
export interface LandmarkPsBalance {
  readonly options: BalanceSpec;
  /** The landmark cohort with complete covariates (the unadjusted sample, and the SD of every SMD's denominator). */
  readonly sample: { readonly n: number; readonly nTreated: number; readonly nControl: number };
  /** The SMD formula in words (as the study's balance table states it). */
  readonly formula: string;
  readonly before: readonly BalanceRow[];
  /** After matching (patients in the matched sample) and after weighting (patients with a weight > 0); null when not run. */
  readonly matched: { readonly n: number; readonly rows: readonly BalanceRow[] } | null;
  readonly weighted: { readonly n: number; readonly rows: readonly BalanceRow[]; readonly estimand: Estimand } | null;
  /** The balance verdicts in words (unadjusted, matched, weighted), as the study's. */
  readonly verdicts: readonly (BalanceVerdict & { readonly n: number })[];
  /** Events per parameter of the landmark PS model (events = patients in the smaller group). */
  readonly epv: EventsPerParameter;
  /** The EPV warning (same wording as the study's PS model), or null. */
  readonly epvWarning: string | null;
  /**
   * The adjusted samples less balanced than the unadjusted one (src/study/effect-flags.ts, as the study's balance);
   * empty when none. Their verdict says so too. Absent in results before the landmark flags (issue 19).
   */
  readonly worsened?: readonly BalanceWorsening[];
  /**
   * The warnings of the same PS model (its fit and overlap), matching and weighting as they raised them, by source: the
   * report marks a landmark warning on the rows it qualifies (the PS model's on every PS row, matching's on the matched
   * rows only, weighting's on the weighted rows only), as the treatment-effect table does. Absent in results before it.
   */
  readonly warningSources?: { readonly model: readonly string[]; readonly matching: readonly string[]; readonly weighting: readonly string[] };
}

export interface LandmarkPsResult {
  readonly time: number;
  /** Patients alive and in follow-up at the landmark with complete covariates (analysed). */
  readonly n: number;
  readonly nTreated: number;
  readonly nControl: number;
  readonly events: number;
  /** Patients who died or left follow-up by the landmark. */
  readonly beforeLandmark: number;
  /** Patients at the landmark left out for missing covariates, by group (treated by L / not). */
  readonly excluded: ExcludedByGroup;
  readonly population: string;
  /** Where the weighting options come from. */
  readonly weighting: { readonly estimand: Estimand; readonly stabilize: boolean; readonly from: string };
  readonly matching: boolean;
  readonly effects: TreatmentEffectsResult;
  /** Covariate-adjusted Cox models below analyses.safeguards.epvFloor, not estimated (src/study/effects-epv.ts). */
  readonly refused: readonly RefusedModel[];
  /**
   * Data support of the IPTW-weighted survival at `effects.weighted.survival.times` (time from the landmark): the
   * unweighted patients at risk just before each time, [treated by L, not] (src/study/beyond-data.ts); a survival or
   * difference flagged `beyondData` is not quoted. Null without weighting.
   */
  readonly weightedSupport: readonly (DataSupport & { readonly time: number })[] | null;
  /** The landmark PS model's balance and events per parameter; null without covariates or for the sensitivity landmarks. Absent in results before issue 19. */
  readonly psBalance?: LandmarkPsBalance | null;
  /**
   * Flags on the landmark hazard ratios, by the treatment-effect table's rules (src/study/effect-flags.ts): too few
   * events (analyses.safeguards.minEvents; informative events for the matched-set-stratified model), matching or
   * weighting that worsened balance, residual imbalance, from the landmark PS model's balance (`psBalance`). A flagged
   * landmark estimate is never the default primary analysis. Ids as `effects.estimates[].id`. Absent in results
   * before the landmark flags (issue 19); empty for the sensitivity landmarks.
   */
  readonly flags?: readonly EffectFlag[];
  /**
   * Which of `effects.warnings` concern one landmark hazard ratio (the flags' warnings, "IPTW Cox (…): residual
   * imbalance …"): the row's id (`effects.estimates[].id`) and the warning's text as in `effects.warnings`, so that a
   * reader of the results knows the row without reading the text. Absent in results before session 12; empty for the
   * sensitivity landmarks.
   */
  readonly rowWarnings?: readonly RowWarning[];
}

/**
 * The reader's name of a landmark model refused below the events-per-parameter floor: its landmark time and its model,
 * the covariate-adjusted Cox as the immortal-time table names it ("landmark at 6 months, Cox adjusted for the
 * covariates (conditional HR)"), the matched and weighted adjusted models by their own labels.
 */
export function landmarkModelLabel(L: number, unit: string, m: Pick<RefusedModel, "analysis" | "label">): string {
  const model = m.analysis.endsWith(".multivariable") ? "Cox adjusted for the covariates (conditional HR)" : m.label;
  return `landmark at ${L} ${unit}, ${model}`;
}

/** The short row of the landmark sensitivity table. */
export interface LandmarkRow {
  readonly time: number;
  readonly n: number;
  readonly nTreated: number;
  readonly events: number;
  readonly adjusted: Pick<HazardRatioEffect, "coef" | "se" | "hr" | "lower" | "upper" | "p" | "notEstimable"> | null;
  readonly weighted: Pick<HazardRatioEffect, "coef" | "se" | "hr" | "lower" | "upper" | "p" | "notEstimable"> | null;
}

const short = (e: HazardRatioEffect | undefined): LandmarkRow["adjusted"] =>
  e === undefined ? null : { coef: e.coef, se: e.se, hr: e.hr, lower: e.lower, upper: e.upper, p: e.p, notEstimable: e.notEstimable };

export function landmarkPs(study: PreparedStudy, spec: StudySpec, cohort: ImmortalCohort, covariates: readonly string[], L: number, times: readonly number[], full = true): LandmarkPsResult {
  const base = analysisTable(study, spec, cohort.ep);
  const terms = covariateTerms(spec, base);
  const complete = completeCases(base, covariates);
  const keep: number[] = [];
  let beforeLandmark = 0;
  const excluded = { treated: 0, untreated: 0 };
  for (let k = 0; k < cohort.n; k++) {
    if (!(cohort.time[k] > L)) {
      beforeLandmark++;
      continue;
    }
    const byL = cohort.treated[k] === 1 && cohort.tTreat[k] <= L;
    if (!complete[k]) {
      if (byL) excluded.treated++;
      else excluded.untreated++;
      continue;
    }
    keep.push(k);
  }
  const table = selectRows(base, Int32Array.from(keep));
  const time = Float64Array.from(keep, (k) => cohort.time[k] - L);
  const status = Int32Array.from(keep, (k) => cohort.status[k]);
  const treatment = Int32Array.from(keep, (k) => (cohort.treated[k] === 1 && cohort.tTreat[k] <= L ? 1 : 0));
  const ids = keep.map((k) => study.ids[cohort.rows[k]]);
  const p = spec.analyses.propensity;
  const w = p?.weighting;
  const weighting = w ? { estimand: w.estimand, stabilize: w.stabilize, from: "as analyses.propensity.weighting" } : { estimand: "ATE" as const, stabilize: true, from: "default: ATE, stabilised" };
  const m = full ? p?.matching : undefined;
  let nTreated = 0;
  let events = 0;
  for (let k = 0; k < keep.length; k++) {
    nTreated += treatment[k];
    events += status[k];
  }
  // the landmark PS model first (its balance and events per parameter): below analyses.safeguards.epvFloor with
  // propensityBelowFloor "refuse", the landmark PS analysis is not estimated, as the study's propensity analysis is
  // (src/study/propensity-step.ts); the guard of the immortal-time step lists it under results.notEstimable
  const refuse = spec.analyses.safeguards?.propensityBelowFloor === "refuse";
  const ps = (full || refuse) && covariates.length > 0 && nTreated > 0 && nTreated < keep.length ? landmarkPsBalance(spec, table, treatment, ids, covariates, m, weighting.estimand, weighting.stabilize, w?.trim ?? null, w?.truncate ?? null) : null;
  if (ps !== null && refuse && ps.balance.epv.status === "refuse") throw epvRefusalError(`landmark at ${L} ${cohort.ep.unit} (PS): propensity model (events = patients in the smaller group)`, ps.balance.epv);
  const fitted = treatmentEffects(
    { table, time, status, treatment, covariates: termsOf(terms, covariates), ids, reference: terms.reference },
    {
      crude: full,
      multivariable: covariates.length > 0,
      matching: m ? { distance: m.distance, ratio: m.ratio, replace: m.replace, caliper: m.caliper, order: m.order, seed: spec.seed, exact: m.exact ?? [] } : false,
      weighting: covariates.length > 0 ? { estimand: w?.estimand ?? "ATE", stabilize: weighting.stabilize, trim: w?.trim ?? null, truncate: w?.truncate ?? null } : false,
      times: full ? times.filter((t) => t > 0) : [],
    },
  );
  // the events-per-parameter floor of the study's other models: the adjusted landmark Cox below it is not estimated
  const { result: effects, refused: refusedRows } = refuseEffectModels(fitted, epvThresholds(spec), full ? "immortalTime.landmarkPs" : `immortalTime.landmarks.${L}`);
  // each refused model named by its landmark time and model, as the immortal-time table names its row, not by the
  // whole design (issue 19): "landmark at 6 months, Cox adjusted for the covariates (conditional HR)"
  const refused = refusedRows.map((m): RefusedModel => ({ ...m, label: landmarkModelLabel(L, cohort.ep.unit, m) }));
  // the figures' truncation rule, on the unweighted landmark cohort per group (every patient has a weight > 0)
  const ws = effects.weighted?.survival;
  const byArm = (a: number): Float64Array => Float64Array.from(time.filter((_, k) => treatment[k] === a));
  const arms = [byArm(1), byArm(0)];
  const weightedSupport = ws === undefined ? null : ws.times.map((t) => ({ time: t, ...dataSupport(arms.map((x) => atRiskBefore(x, t)), minAtRiskOf(spec)) }));
  const psBalance = full && ps !== null ? ps.balance : null;
  // the treatment-effect table's flags on the landmark hazard ratios (issue 19): few events, worsened balance, residual imbalance
  const flagged = full && ps !== null ? landmarkFlags(spec, effects, ps, time, status, treatment, ids) : null;
  return {
    time: L,
    n: keep.length,
    nTreated,
    nControl: keep.length - nTreated,
    events,
    beforeLandmark,
    excluded,
    // "with complete covariates": the crude landmark analysis has every patient alive at L, this one only the complete cases (referee A8, session 12)
    population: `alive and in follow-up at ${L} ${cohort.ep.unit} with complete covariates, n = ${keep.length} (${nTreated} treated by then)`,
    weighting: { estimand: weighting.estimand, stabilize: weighting.stabilize, from: weighting.from },
    matching: m !== undefined,
    effects: flagged === null ? effects : flagged.effects,
    refused,
    weightedSupport,
    psBalance,
    flags: flagged === null ? [] : flagged.flags,
    rowWarnings: flagged === null ? [] : flagged.rowWarnings,
  };
}

/**
 * The flags of the landmark hazard ratios (src/study/effect-flags.ts, the rules of the treatment-effect table) from the
 * landmark PS model's balance and matched sets, and the effects with their warnings: one per flagged estimate (too few
 * events, residual imbalance) and one per sample whose balance matching or weighting worsened.
 */
function landmarkFlags(
  spec: StudySpec,
  effects: TreatmentEffectsResult,
  ps: LandmarkPsFit,
  time: Float64Array,
  status: Int32Array,
  treatment: Int32Array,
  ids: readonly string[],
): { readonly flags: readonly EffectFlag[]; readonly effects: TreatmentEffectsResult; readonly rowWarnings: readonly RowWarning[] } {
  const b = ps.balance;
  const residual: ResidualImbalance[] = b.verdicts.flatMap((v) => (v.sample === "unadjusted" ? [] : [{ sample: v.sample, nImbalanced: v.nImbalanced, nTerms: v.nTerms, verdict: v.text }]));
  // informative events of the matched-set-stratified model, from the balance's matched sets (the same matching of the
  // same patients); null when they hold another number of patients than the model
  const est = effects.estimates.find((e) => e.id === "matchedStratified");
  const rowOf = new Map(ids.map((id, k) => [id, k]));
  const sets = ps.matchedSets.map((set) => set.map((id) => rowOf.get(id) ?? -1));
  const sameSample = est !== undefined && sets.every((set) => set.every((k) => k >= 0)) && sets.reduce((k, set) => k + set.length, 0) === est.n;
  const informativeEvents = sameSample ? informativeSetEvents(sets, time, status, treatment) : null;
  const minEvents = minEventsOf(spec);
  const flags = effectFlags(effects.estimates, { minEvents, informativeEvents, worsened: b.worsened ?? [], residual });
  // each flag's warning names its row first; the row's id is kept beside the text (rowWarnings)
  const rowWarnings: RowWarning[] = effects.estimates.flatMap((e) => flagWarnings(e, flags, residual, minEvents, "the landmark balance table").map((x) => ({ id: e.id, text: `${e.label}: ${x}` })));
  const warnings = [...(b.worsened ?? []).map((x) => balanceWorsenedWarning(x, b.options.thresholds.smd ?? null)), ...rowWarnings.map((w) => w.text)];
  return { flags, effects: warnings.length === 0 ? effects : { ...effects, warnings: [...effects.warnings, ...warnings] }, rowWarnings };
}

type MatchingSpec = NonNullable<NonNullable<StudySpec["analyses"]["propensity"]>["matching"]>;

/** The landmark PS model's balance (with its EPV) and matched sets (ids of each set, the treated first). */
interface LandmarkPsFit {
  readonly balance: LandmarkPsBalance;
  readonly matchedSets: readonly (readonly string[])[];
}

/** The landmark PS model's balance and EPV: the same covariates, matching and weighting options as the landmark effects. */
function landmarkPsBalance(
  spec: StudySpec,
  table: ReturnType<typeof selectRows>,
  treatment: Int32Array,
  ids: readonly string[],
  covariates: readonly string[],
  m: MatchingSpec | undefined,
  estimand: Estimand,
  stabilize: boolean,
  trim: number | null,
  truncate: number | null,
): LandmarkPsFit {
  const reference: Record<string, string> = {};
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.reference !== undefined) reference[cov.name] = String(cov.reference);
  }
  const options = balanceSpecOf(spec);
  const a = propensityAnalysis(
    { table, treatment, covariates, ids, reference },
    {
      // glm, as the landmark effects' PS model (src/causal/effect/pipeline.ts)
      model: "glm",
      matching: m ? { ratio: m.ratio, caliper: m.caliper ?? undefined, distance: m.distance, replace: m.replace, order: m.order, seed: m.order === "random" ? spec.seed : undefined, exact: m.exact ?? [] } : undefined,
      weighting: { estimand, stabilize, trimPs: trim ?? undefined, truncate: truncate ?? undefined },
      balance: balanceEngineOptions(options),
    },
  );
  const positive = (w: readonly (number | null)[]): number => w.reduce<number>((k, x) => k + (x !== null && x > 0 ? 1 : 0), 0);
  const label = balanceRowLabeller(spec);
  const matched = a.matching ? { n: positive(a.matching.weights), rows: a.matching.balance.after ?? [] } : null;
  const weighted = a.weighting ? { n: positive(a.weighting.weights), rows: a.weighting.balance.after ?? [], estimand: a.weighting.result.estimand } : null;
  // an adjusted sample less balanced than no adjustment: its verdict says so plainly, as the study's (src/study/propensity-step.ts)
  const worsened: BalanceWorsening[] = [];
  const adjustedVerdict = (sample: "matched" | "weighted", adj: NonNullable<typeof a.matching>["balance"], n: number): BalanceVerdict & { readonly n: number } => {
    const v = balanceVerdict(adj, sample, label, n);
    const worse = balanceWorsening(sample, a.balanceBefore.before, adj.after ?? [], options.thresholds.smd ?? null, label);
    if (worse !== null) worsened.push(worse);
    return { ...v, text: worse === null ? v.text : `${v.text} ${worse.text}`, n };
  };
  const verdicts = [
    { ...balanceVerdict(a.balanceBefore, "unadjusted", label, a.n), n: a.n },
    ...(a.matching && matched ? [adjustedVerdict("matched", a.matching.balance, matched.n)] : []),
    ...(a.weighting && weighted ? [adjustedVerdict("weighted", a.weighting.balance, weighted.n)] : []),
  ];
  // events per parameter of the PS model: the smaller group's size over the estimated coefficients (as the study's)
  const parameters = a.model.model.coefficients.filter((c) => c.name !== "(Intercept)" && Number.isFinite(c.estimate ?? Number.NaN)).length;
  const epv = eventsPerParameter(Math.min(a.nTreated, a.nControl), parameters, epvThresholds(spec), "patient");
  const balance: LandmarkPsBalance = {
    options,
    sample: { n: a.n, nTreated: a.nTreated, nControl: a.nControl },
    formula: a.balanceBefore.formula,
    before: a.balanceBefore.before,
    matched,
    weighted,
    verdicts,
    epv,
    epvWarning: propensityEpvWarning(epv, a.nTreated, a.nControl),
    worsened,
    warningSources: { model: [...a.model.warnings, ...a.overlap.warnings], matching: a.matching?.result.warnings ?? [], weighting: a.weighting?.result.warnings ?? [] },
  };
  return { balance, matchedSets: (a.matching?.result.matched ?? []).map((set) => [set.treated, ...set.controls]) };
}

/** The sensitivity row of one landmark: the covariate-adjusted and IPTW HRs (robust SE). */
export function landmarkRow(r: LandmarkPsResult): LandmarkRow {
  const by = (id: string): HazardRatioEffect | undefined => r.effects.estimates.find((e) => e.id === id);
  return { time: r.time, n: r.n, nTreated: r.nTreated, events: r.events, adjusted: short(by("multivariable")), weighted: short(by("weighted")) };
}
