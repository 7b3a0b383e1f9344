/** Types shared by the matching front door (`causal/match.ts`) and its kernels (`causal/match/*`). */

/** Scale on which units are matched: the propensity score itself, or its logit log(e / (1 − e)). */
export type MatchDistance = "ps" | "logit";
/**
 * Order in which treated units pick their controls (MatchIt `m.order`): largest or smallest distance
 * first (ties in data order), data order, or a seeded random order.
 */
export type MatchOrder = "largest" | "smallest" | "random" | "data";
/** Why a treated unit received no control. */
export type UnmatchedReason =
  /** Its exact-matching stratum holds no control at all. */
  | "no-control-in-exact-stratum"
  /** No control (used or not) lies within the caliper. */
  | "no-control-within-caliper"
  /** Controls within reach existed but had all been taken by treated units matched earlier. */
  | "controls-exhausted";

export interface MatchInput {
  /** 1 = treated, 0 = control, one entry per unit (data-row order). */
  readonly treat: Int32Array;
  /** Propensity score per unit (probability of treatment); the distance is derived from it. */
  readonly distance: Float64Array;
  /** Unit ids as the user sees them; default "1", "2", … (1-based data row). */
  readonly ids?: readonly string[];
  /** Codes of exact-matching strata (any integers); units match only within their stratum. */
  readonly exact?: Int32Array;
  /**
   * Covariates for Mahalanobis-distance matching, row-major n × p. The caliper (if any) then applies
   * to the propensity-score distance, as MatchIt's `mahvars` does.
   */
  readonly mahalanobis?: { readonly x: Float64Array; readonly p: number };
}

export interface MatchNearestOptions {
  /** Default "ps". */
  readonly distance?: MatchDistance;
  /** Controls per treated unit, k ≥ 1; default 1. */
  readonly ratio?: number;
  /** Controls may be reused; default false. */
  readonly replace?: boolean;
  /** Caliper width; none by default. */
  readonly caliper?: number;
  /** Caliper in SD units of the distance (SD over all units, as MatchIt); default true. */
  readonly stdCaliper?: boolean;
  /** Default "largest" (MatchIt's default for a propensity-score distance and the ATT). */
  readonly order?: MatchOrder;
  /** Seed for order = "random"; default 1. */
  readonly seed?: number;
}

export interface MatchOptimalOptions {
  readonly distance?: MatchDistance;
  readonly ratio?: number;
  /**
   * Caliper: pairs farther apart are not allowed. The most pairs possible within it are matched, at the
   * least total distance (minimum-cost flow on the sparse caliper network); none by default.
   */
  readonly caliper?: number;
  /** Caliper in SD units of the distance; default true. */
  readonly stdCaliper?: boolean;
  /** Not supported: giving true is an OPTION_CONFLICT error. */
  readonly replace?: boolean;
}

/** Estimands of full matching, as MatchIt `method = "full"`. */
export type FullMatchEstimand = "ATT" | "ATC" | "ATE";

export interface MatchFullOptions {
  readonly distance?: MatchDistance;
  /** Which weights are derived from the subclasses; "ATC" also makes the controls the focal group. Default "ATT". */
  readonly estimand?: FullMatchEstimand;
  /**
   * Fewest controls per treated unit in a subclass (optmatch `min.controls`; with estimand "ATC", treated
   * per control). 0 (default) or 1/k for whole k ≥ 1: a subclass of one control holds at most k treated.
   */
  readonly minControls?: number;
  /** Most controls per treated unit in a subclass (optmatch `max.controls`): a whole number ≥ 1 or Infinity (default). */
  readonly maxControls?: number;
  /** Caliper: focal–other pairs farther apart are never in one subclass; none by default. */
  readonly caliper?: number;
  /** Caliper in SD units of the distance (SD over all units, as MatchIt); default true. */
  readonly stdCaliper?: boolean;
}

/** A subclass of full matching: one treated with ≥ 1 controls, or one control with ≥ 1 treated. */
export interface MatchSubclass {
  readonly subclass: number;
  readonly treated: readonly string[];
  readonly controls: readonly string[];
}

export interface MatchedSet {
  /** 1-based matched-set index, in data order of the treated units. */
  readonly subclass: number;
  readonly treated: string;
  /** Control ids in the order they were matched (first match first). */
  readonly controls: readonly string[];
}

export interface UnmatchedUnit {
  readonly id: string;
  readonly reason: UnmatchedReason;
}

/** Counts at each step of the matching. */
export interface MatchSteps {
  readonly treated: number;
  readonly controls: number;
  /** Treated units with at least one control. */
  readonly treatedMatched: number;
  /** Treated units with at least one but fewer than `ratio` controls. */
  readonly treatedWithFewerThanRatio: number;
  readonly treatedUnmatched: number;
  readonly unmatchedByReason: Readonly<Record<UnmatchedReason, number>>;
  /** Distinct controls used at least once. */
  readonly controlsMatched: number;
  readonly controlsUnused: number;
}

export type MatchMethod = "nearest" | "optimal" | "full";

export interface MatchResultOptions {
  readonly method: MatchMethod;
  readonly distance: MatchDistance;
  readonly metric: "distance" | "mahalanobis";
  readonly ratio: number;
  readonly replace: boolean;
  readonly caliper: number | null;
  readonly stdCaliper: boolean;
  /** The caliper on the distance scale actually used (caliper × SD when stdCaliper). */
  readonly caliperWidth: number | null;
  /** SD of the distance over all units (n − 1 denominator). */
  readonly distanceSd: number;
  readonly order: MatchOrder;
  readonly seed: number | null;
  readonly exact: boolean;
  /** ATT for nearest and optimal pair matching; full matching: the estimand of its weights. */
  readonly estimand: FullMatchEstimand;
  /** Full matching: optmatch min.controls / max.controls (null for the other methods; Infinity is null). */
  readonly minControls: number | null;
  readonly maxControls: number | null;
  readonly ties: string;
}

export interface MatchResult {
  readonly method: MatchMethod;
  readonly options: MatchResultOptions;
  /**
   * Matched sets, one per treated unit that received at least one control, in data order. Full matching:
   * one entry per matched treated unit with the controls of its subclass (a control then appears under
   * every treated unit of its subclass); the subclasses themselves are in `subclasses`.
   */
  readonly matched: readonly MatchedSet[];
  /** Full matching only: the subclasses, numbered in data order of their first unit. */
  readonly subclasses?: readonly MatchSubclass[];
  /**
   * Matching weights in data-row order, as MatchIt computes them (ATT): a matched treated unit gets 1;
   * a control gets Σ over its sets of 1 / (controls in that set), then all control weights are scaled
   * so that they sum to the number of distinct matched controls. Unmatched units get 0.
   */
  readonly weights: readonly number[];
  /** Matched-set index per unit (data order), null when unmatched or when matching with replacement. */
  readonly subclass: readonly (number | null)[];
  readonly unmatched: readonly UnmatchedUnit[];
  readonly steps: MatchSteps;
  /**
   * Optimal and full matching: the minimised total |distance difference| over all matched pairs (full
   * matching: over all treated–control pairs within a subclass).
   */
  readonly objective?: number;
  /**
   * Nearest-neighbour matching without replacement in "largest" or "smallest" order: the greedy-order
   * diagnostic (see orderDiagnostic in causal/match.ts).
   */
  readonly orderDiagnostic?: OrderDiagnostic;
  /** Optimal matching with a caliper and full matching: size of the sparse flow network solved. */
  readonly network?: { readonly edges: number; readonly augmentations: number };
  readonly warnings: readonly string[];
}

/**
 * Greedy-order diagnostic: the mean within-pair difference of the distance, treated minus control, in SD
 * of the distance, under the order used and under a seeded random order. Largest-first greedy matching
 * gives the early (high-score) treated units the nearest controls and leaves the later ones controls on
 * the low side, so the mean difference is positive and grows with the share of treated: a residual
 * imbalance in the score (and in prognosis) that a random order or full matching does not carry.
 */
export interface OrderDiagnostic {
  readonly order: MatchOrder;
  readonly meanPairDifferenceSd: number;
  readonly randomOrderMeanPairDifferenceSd: number;
  readonly randomOrderSeed: number;
  /** Pairs matched under the random order (compare with steps.treatedMatched). */
  readonly randomOrderTreatedMatched: number;
  /** |difference| ≥ 0.05 SD and at least twice the random order's. */
  readonly material: boolean;
}
