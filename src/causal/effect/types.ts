/** Types of the treatment-effect engine (`causal/effect.ts`, `causal/effect/*`, `causal/bootstrap.ts`). */
import type { CoxTies } from "../../survival/cox/types.js";
import type { MatchDistance, MatchOrder } from "../match/types.js";
import type { MEstimand } from "../m-estimation.js";
import type { MarginalContrast } from "./marginal.js";

/**
 * The analysis data at matrix level: one row per patient (complete cases), plain typed arrays so that
 * it can be posted to a worker thread as is.
 */
export interface EffectData {
  readonly time: Float64Array;
  /** 1 = event, 0 = censored. */
  readonly status: Int32Array;
  /** 1 = treated, 0 = control. */
  readonly treat: Int32Array;
  /** Covariate design matrix n × q (no intercept), column-major; R's model.matrix with treatment contrasts. */
  readonly x: Float64Array;
  readonly q: number;
  readonly columnNames: readonly string[];
  /** Patient ids as the user sees them. */
  readonly ids: readonly string[];
  /** Exact-matching stratum per row (matching.exact), absent when none; resampled with the rows. */
  readonly exact?: Int32Array;
}

export interface EffectMatchingSpec {
  readonly method: "nearest" | "optimal" | "full";
  /** Full matching: optmatch min.controls / max.controls, and the estimand of the subclass weights (default ATT). */
  readonly minControls?: number;
  readonly maxControls?: number;
  readonly estimand?: "ATT" | "ATC" | "ATE";
  readonly distance: MatchDistance;
  readonly ratio: number;
  readonly replace: boolean;
  readonly caliper: number | null;
  readonly stdCaliper: boolean;
  readonly order: MatchOrder;
  readonly seed: number;
  /** Columns matched on exactly (MatchIt `exact`); the strata travel in EffectData.exact. Default none. */
  readonly exact?: readonly string[];
}

export interface EffectWeightingSpec {
  readonly estimand: MEstimand;
  readonly stabilize: boolean;
  /** PS trimming: units with e outside [trim, 1 − trim] get weight 0 (the PS model is not re-fitted). Default none. */
  readonly trim?: number | null;
  /** Truncate the weights at this percentile (WeightIt::trim(w, at)), e.g. 0.99. Default none. */
  readonly truncate?: number | null;
}

/** Everything that decides the numbers, as plain JSON (it travels to the bootstrap workers). */
export interface EffectSpec {
  readonly crude: boolean;
  readonly multivariable: boolean;
  readonly matching: EffectMatchingSpec | null;
  readonly weighting: EffectWeightingSpec | null;
  /**
   * Also fit the covariate-adjusted Cox model on the matched / weighted sample (a conditional HR; the name is
   * kept for compatibility of results.json's options echo, the estimate is not called doubly robust).
   */
  readonly doublyRobust: boolean;
  readonly psModel: "glm" | "firth";
  readonly times: readonly number[];
  readonly tau: number | null;
  readonly ties: CoxTies;
  readonly confLevel: number;
}

export type EstimateId =
  | "crude"
  | "multivariable"
  | "matched"
  | "matchedStratified"
  | "matchedAdjusted"
  | "weighted"
  | "weightedMEstimation"
  | "weightedAdjusted"
  | "weightedAdjustedMEstimation";

/** One Cox coefficient for the treatment, before packaging. */
export interface CoreEstimate {
  readonly id: EstimateId;
  readonly coef: number | null;
  readonly se: number | null;
  readonly n: number;
  readonly nEvents: number;
  readonly variance: string;
  readonly rCall: string;
  readonly adjustedFor: readonly string[];
  readonly warnings: readonly string[];
  /** The Cox fit diverged (non-convergence, |log HR| > 10, monotone likelihood): a failed bootstrap replicate. */
  readonly diverged: boolean;
}

export interface MatchedLogrank {
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
}

/**
 * Greedy-order check of the matched HR: greedy nearest-neighbour matching in largest- (or smallest-)
 * first order leaves a within-pair imbalance that biases the matched HR (docs/validation.md, "Greedy
 * matching order"); the same matching and Cox model in a seeded random order, side by side.
 */
export interface RandomOrderCheck {
  /** The order the study used. */
  readonly order: "largest" | "smallest";
  readonly seed: number;
  readonly treatedMatched: number;
  /** Matched HR (weighted Cox clustered on the matched set) under the random order; null when not estimable. */
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CoreResult {
  readonly estimates: readonly CoreEstimate[];
  readonly ps: readonly number[] | null;
  readonly matched: {
    readonly n: number;
    readonly nTreated: number;
    readonly nControl: number;
    readonly weights: readonly number[];
    readonly logrank: MatchedLogrank | null;
    readonly marginal: MarginalContrast;
    /** Nearest matching in largest/smallest order without replacement (not in bootstrap replicates); else null. */
    readonly randomOrder: RandomOrderCheck | null;
  } | null;
  readonly weighted: {
    readonly weights: readonly number[];
    readonly marginal: MarginalContrast;
  } | null;
  readonly warnings: readonly string[];
}
