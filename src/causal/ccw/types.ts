/** Input, options and result types of the clone–censor–weight engine (target-trial emulation with a grace period). */
import type { BalanceOptions, BalanceRow } from "../balance.js";
import type { BalanceStatId } from "../balance-stats.js";

/** The balance convention of the weight diagnostics (diagnostics.ts): binary terms raw or standardised, and the thresholds. */
export type CcwBalanceOptions = Pick<BalanceOptions, "binary" | "thresholds">;

/**
 * One row per patient. `x` is n × p, column-major (x[j·n + i] is patient i, covariate j), already
 * dummy-coded by the caller, without missing values.
 */
export interface CcwInput {
  /** Follow-up time T from time zero (> 0) to the event or censoring. */
  readonly time: Float64Array;
  /** 1 = event at `time`, 0 = censored. */
  readonly status: Int32Array | Uint8Array;
  /** Time of treatment A from time zero (≥ 0); Infinity (or NaN) = never treated. May exceed `time`. */
  readonly treatmentTime: Float64Array;
  /** Baseline covariates of the censoring (deviation) models, n × p column-major. */
  readonly x: Float64Array;
  readonly p: number;
  readonly columnNames: readonly string[];
}

/** Weights 1/K(t−|x) (default), or the stabilised K₀(t−)/K(t−|x) with K₀ from the model without covariates. */
export type CcwWeightType = "unstabilized" | "stabilized";

/**
 * Model of the time to deviation per arm: "piecewise" (default) = logistic regression in an arm whose
 * deviations all happen at one time (the treat arm, at G), else a Cox model with coefficients per period
 * (`censoringPeriods`); "cox" = one proportional-hazards Cox model per arm (Maringe et al. 2020).
 * src/causal/ccw/weights.ts; docs/methods.md.
 */
export type CcwCensoringModel = "piecewise" | "cox";

export interface CcwBootstrapOptions {
  /** Number of replicates (≥ 2). */
  readonly replicates: number;
  /** Integer seed; default 1. */
  readonly seed?: number;
  /** Largest share of failed replicates with which an interval is still given; default 0.1 (src/causal/bootstrap.ts). */
  readonly maxFailedShare?: number;
  /** Called after each replicate. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CcwOptions {
  /** Grace period G (> 0), in the unit of `time`: treated within the grace period means A ≤ G. */
  readonly grace: number;
  /** Times at which survival per strategy and the difference are reported (each > 0). Default none. */
  readonly times?: readonly number[];
  /** Horizon of the restricted mean survival time (> 0); default: no RMST. */
  readonly tau?: number;
  /** Confidence level; default 0.95. */
  readonly confLevel?: number;
  /** Default "piecewise". */
  readonly censoringModel?: CcwCensoringModel;
  /** Periods of the piecewise Cox model (cuts at quantiles of the deviation times); default 4. */
  readonly censoringPeriods?: number;
  /** Default "unstabilized". */
  readonly weights?: CcwWeightType;
  /** Bootstrap of the whole pipeline (resample patients, clone, refit the weights); default none. */
  readonly bootstrap?: CcwBootstrapOptions;
  /** Convention of the weight diagnostics' SMDs (diagnostics.ts): binary terms "raw" (default) or "std", and the thresholds. */
  readonly balance?: CcwBalanceOptions;
}

/** Weighted Kaplan–Meier curve of one strategy, at its event times. */
export interface CcwCurve {
  readonly time: number[];
  /** Weighted number at risk Σ w(t) over clones in follow-up at t. */
  readonly nRisk: number[];
  /** Weighted number of events Σ w(t) at t. */
  readonly nEvent: number[];
  readonly surv: number[];
  /**
   * Unweighted number of clones (one per patient) in follow-up at t, #{clones: entry < t ≤ exit}: the count that
   * figures cut curves at and print under them (a weighted 7 at risk can be two patients).
   */
  readonly nRiskUnweighted: number[];
}

/** Unweighted clones at risk of one strategy at each of its follow-up ends (CcwArm.atRisk). */
export interface CcwAtRisk {
  readonly time: number[];
  readonly n: number[];
}

export interface CcwCensoringFit {
  /** "cox": one Cox model; "cox-by-period": coefficients per period (names suffixed with the period); "logistic": deviation at one time. */
  readonly model: "cox" | "cox-by-period" | "logistic";
  /** Periods (start, end] of "cox-by-period" (the last end is Infinity). */
  readonly periods?: readonly { readonly start: number; readonly end: number }[];
  readonly columnNames: readonly string[];
  /** Coefficients (log hazard ratios of deviating, or log odds for "logistic"); null for a covariate dropped as collinear. */
  readonly coef: readonly (number | null)[];
  readonly se: readonly (number | null)[];
  readonly converged: boolean;
  readonly iterations: number;
}

export interface CcwArm {
  readonly strategy: "treat" | "control";
  readonly label: string;
  /** Clones in this arm (= patients). */
  readonly clones: number;
  /** Clones artificially censored because they deviated from the strategy. */
  readonly deviations: number;
  /** Events counted in this arm (unweighted). */
  readonly events: number;
  /** Censoring (deviation) model; null when no clone deviated (all weights 1). */
  readonly censoringModel: CcwCensoringFit | null;
  /** Distribution of each clone's weight at the end of its follow-up, 1/K(T_c−|x) (largest weight it reaches). */
  readonly weights: { readonly min: number; readonly median: number; readonly max: number };
  readonly curve: CcwCurve;
  /**
   * Unweighted clones at risk as a step function over every end of follow-up in the arm (deaths, censorings and
   * deviations, the clones all entering at 0): `n[j]` = #{clones with follow-up end ≥ `time[j]`}, `time` ascending and
   * distinct. The number at risk at any t is `n` at the first `time` ≥ t (0 past the last): #{follow-up ≥ t}, the count
   * every Kaplan–Meier risk table prints (survminer, R's `summary(fit, times, extend = TRUE)$n.risk`). The report's
   * figure prints and cuts the curves by it, and the "beyond the data" rule reads it (issue 19). Added in issue 19
   * (absent in older results); `curve.nRiskUnweighted` is this count at the arm's event times only.
   */
  readonly atRisk: CcwAtRisk;
  /** Survival at `options.times` (null past the arm's follow-up). */
  readonly survival: readonly (number | null)[];
  /** RMST up to tau (null without tau or when tau is past the arm's follow-up). */
  readonly rmst: number | null;
}

/**
 * How `lower`/`upper` were formed: "wald-larger-se" = θ̂ ∓ z·max(bootstrap SD, IJ SE) (the survival differences;
 * interval.ts largerSeWald), "percentile" = bootstrap percentile limits (the RMST difference and the HR); null without limits.
 */
export type CcwIntervalMethod = "wald-larger-se" | "percentile";

export interface CcwInterval {
  readonly estimate: number | null;
  /** The reported limits, formed as `intervalMethod` says; null without a bootstrap or when not estimable. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly intervalMethod: CcwIntervalMethod | null;
  /** SE of the reported Wald limits (the larger of `se` and `analyticSe`); null for percentile limits. */
  readonly intervalSe: number | null;
  /** Bootstrap percentile limits: order statistics (B+1)α and (B+1)(1−α) of the finite replicates (quantile type 6; interval.ts); null without a bootstrap or when not estimable. */
  readonly percentileLower: number | null;
  readonly percentileUpper: number | null;
  /** SD of the bootstrap replicates. */
  readonly se: number | null;
  /**
   * Analytic SE of the estimate: infinitesimal-jackknife SE with the weights held fixed for the differences
   * (influence.ts; it ignores the estimation of the weights), robust SE of the log HR; null when not estimable.
   */
  readonly analyticSe: number | null;
  /** Why there is no interval, if there is none. */
  readonly note: string | null;
}

export interface CcwHazardRatio {
  /** log HR of "treat within G" vs "no treatment within G". */
  readonly coef: number;
  readonly hr: number;
  /** Robust SE clustered by patient (coxph(..., weights = w, cluster = id)). */
  readonly robustSe: number;
  /** Model-based SE of the weighted fit (not for inference). */
  readonly naiveSe: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
  /** Bootstrap percentile interval of the HR (exponentiated log-HR limits; `se` is the SD of the log HRs). */
  readonly bootstrap: CcwInterval | null;
  readonly converged: boolean;
}

export interface CcwBootstrapSummary {
  readonly replicates: number;
  readonly seed: number;
  readonly maxFailedShare: number;
  /** Replicates in which the pipeline failed altogether. */
  readonly failed: number;
  /** Statistic names: "survDifference@t", "rmstDifference", "logHR". */
  readonly names: readonly string[];
  /** Replicate values, replicates × statistics, NaN where not computed. */
  readonly values: readonly (readonly number[])[];
  /**
   * Each replicate's analytic SE of each statistic (replicates × statistics, NaN where not computed): the
   * infinitesimal-jackknife SE with the weights held fixed for the differences (influence.ts), the robust SE for the log HR.
   */
  readonly standardErrors: readonly (readonly number[])[];
  /**
   * Each replicate's survival per arm at each of `options.times`, replicates × times × [treat, control]; NaN where
   * not computed (the replicate failed, or the time is past the arm's follow-up). The per-arm SEs and correlation
   * of the MOVER interval come from these.
   */
  readonly armSurvival: readonly (readonly (readonly [number, number])[])[];
}

/**
 * Diagnostics of one strategy's censoring weights among the clones still in follow-up after the grace period
 * (diagnostics.ts; issue 19, referee A9).
 */
export interface CcwArmDiagnostics {
  readonly strategy: "treat" | "control";
  /** Clones of the strategy (= patients). */
  readonly clones: number;
  /**
   * The reference population: patients alive and in follow-up after the grace period by their own data (follow-up
   * end > G), adherent or not, each with weight 1 — whom the weighted uncensored clones stand for. Not all clones at
   * time 0: deaths before G depend on the covariates too, and no censoring weight undoes them.
   */
  readonly reference: number;
  /** Clones still in follow-up after the grace period (follow-up end > G: alive, adherent, not lost); a subset of the reference. */
  readonly uncensored: number;
  /** Kish's ESS of the uncensored clones with their weights after G. */
  readonly essUncensored: number;
  /** Smallest and largest weight after G among the uncensored clones; null when none is left. */
  readonly weightsUncensored: { readonly min: number; readonly max: number } | null;
  /**
   * Balance rows (src/causal/balance.ts) of the uncensored clones (group "treated") against the reference (group
   * "control", unweighted): `before` with the uncensored clones unweighted, `after` weighted by their weights after G.
   * Empty without covariates or without uncensored clones.
   */
  readonly before: readonly BalanceRow[];
  readonly after: readonly BalanceRow[];
  /** The SMD formula in words (balance.ts); null when there are no rows. */
  readonly formula: string | null;
}

export interface CcwDiagnostics {
  readonly grace: number;
  /** Binary terms: "raw" difference in proportions or "std" (standardised with p(1 − p)). */
  readonly binary: "raw" | "std";
  /** Balance thresholds of the rows' `balanced` (default |SMD| < 0.1). */
  readonly thresholds: Readonly<Record<BalanceStatId, number | null>>;
  /** [treat, control]. */
  readonly perArm: readonly CcwArmDiagnostics[];
}

export interface CcwResult {
  readonly schemaVersion: 1;
  readonly method: "clone-censor-weight";
  readonly n: number;
  readonly options: {
    readonly grace: number;
    readonly times: readonly number[];
    readonly tau: number | null;
    readonly confLevel: number;
    readonly censoringModel: CcwCensoringModel;
    /** Periods of the piecewise Cox model (1 for "cox"). */
    readonly censoringPeriods: number;
    readonly weights: CcwWeightType;
    readonly ties: "efron";
    readonly conventions: string;
  };
  /** [treat within G, no treatment within G]. */
  readonly arms: readonly [CcwArm, CcwArm];
  /** Survival difference treat − control at each of `options.times`. */
  readonly survivalDifference: readonly (CcwInterval & { readonly time: number })[];
  /** RMST difference treat − control up to tau; null without tau. */
  readonly rmstDifference: (CcwInterval & { readonly tau: number }) | null;
  /** Per-protocol hazard ratio (weighted Cox of strategy on the cloned data); null when it cannot be fitted. */
  readonly hazardRatio: CcwHazardRatio | null;
  readonly bootstrap: CcwBootstrapSummary | null;
  /** Weight diagnostics per strategy: ESS and covariate balance after the grace period (diagnostics.ts). Added in issue 19. */
  readonly diagnostics: CcwDiagnostics;
  readonly warnings: readonly string[];
}
