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
  let nTreated = 0;
  let events = 0;
  for (let k = 0; k < keep.length; k++) {
    nTreated += treatment[k];
    events += status[k];
  }
  // the figures' truncation rule, on the unweighted landmark cohort per group (every patient has a weight > 0)
  const ws = effects.weighted?.survival;
  const byArm = (a: number): Float64Array => Float64Array.from(time.filter((_, k) => treatment[k] === a));
  const arms = [byArm(1), byArm(0)];
  const weightedSupport = ws === undefined ? null : ws.times.map((t) => ({ time: t, ...dataSupport(arms.map((x) => atRiskBefore(x, t)), minAtRiskOf(spec)) }));
  return {
    time: L,
    n: keep.length,
    nTreated,
    nControl: keep.length - nTreated,
    events,
    beforeLandmark,
    excluded,
    population: `alive and in follow-up at ${L} ${cohort.ep.unit}, n = ${keep.length} (${nTreated} treated by then)`,
    weighting: { estimand: weighting.estimand, stabilize: weighting.stabilize, from: weighting.from },
    matching: m !== undefined,
    effects,
    refused,
    weightedSupport,
  };
}

/** The sensitivity row of one landmark: the covariate-adjusted and IPTW HRs (robust SE). */
export function landmarkRow(r: LandmarkPsResult): LandmarkRow {
  const by = (id: string): HazardRatioEffect | undefined => r.effects.estimates.find((e) => e.id === id);
  return { time: r.time, n: r.n, nTreated: r.nTreated, events: r.events, adjusted: short(by("multivariable")), weighted: short(by("weighted")) };
}
