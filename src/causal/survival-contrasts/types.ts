/** Input, options and result types of the standardised survival contrasts (riskRegression::ate). */

export type ContrastEstimator = "gformula" | "iptw" | "aipw";
export type ContrastEstimand = "ATE" | "ATT";

/** Matrix-level input; rows are patients, all complete. */
export interface SurvivalContrastsInput {
  readonly time: Float64Array;
  /** 1 = event, 0 = censored. */
  readonly status: Uint8Array;
  /** 1 = treated, 0 = untreated. */
  readonly treat: Uint8Array;
  /** Covariates, n × p column-major (already coded as R's model.matrix). */
  readonly x: Float64Array;
  readonly columnNames: readonly string[];
}

export interface SurvivalContrastsOptions {
  /** Times at which survival is standardised (each within follow-up). */
  readonly times: readonly number[];
  /** Restricted-mean horizon (g-formula); omitted: no RMST. */
  readonly tau?: number;
  /** Default all three. */
  readonly estimators?: readonly ContrastEstimator[];
  /** Default "ATE"; "ATT" is available for the g-formula only (as riskRegression 2022.11.28). */
  readonly estimand?: ContrastEstimand;
  /** Default 0.95. */
  readonly confLevel?: number;
  /** Simultaneous confidence bands over `times` (riskRegression's band = TRUE); default none. */
  readonly band?: false | { readonly nsim?: number; readonly seed?: number };
}

/** One number with its influence-function SE and Wald CI. */
export interface Estimate {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

export interface TestedEstimate extends Estimate {
  /** Two-sided p-value of H0: no difference (ratio 1). */
  readonly p: number;
}

export interface ContrastAtTime {
  readonly time: number;
  /** Standardised survival per arm; CI estimate ± z·SE (riskRegression's default). */
  readonly survival: { readonly untreated: Estimate; readonly treated: Estimate };
  /** Risk = 1 − survival per arm. */
  readonly risk: { readonly untreated: Estimate; readonly treated: Estimate };
  /** S₁(t) − S₀(t). */
  readonly difference: TestedEstimate;
  /** S₁(t) / S₀(t); CI on the log scale: exp(log r ± z·SE/r). */
  readonly ratio: TestedEstimate;
}

export interface RmstContrast {
  readonly tau: number;
  readonly untreated: Estimate;
  readonly treated: Estimate;
  /** RMST₁ − RMST₀ (treated minus untreated). */
  readonly difference: TestedEstimate;
  /** How the SE is obtained. */
  readonly seMethod: "influence function";
}

/** Lower and upper limit of a simultaneous band at one time. */
export interface BandLimits {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Simultaneous confidence bands over the requested times (band.ts): estimate ± quantile·SE at every time at
 * once; the quantile of the sup of the standardised influence process under `nsim` seeded Gaussian multipliers.
 */
export interface SimultaneousBand {
  readonly nsim: number;
  readonly seed: number;
  readonly confLevel: number;
  readonly quantile: { readonly untreated: number; readonly treated: number; readonly difference: number };
  /** Survival per arm and the difference S₁ − S₀, per time. */
  readonly at: readonly { readonly time: number; readonly untreated: BandLimits; readonly treated: BandLimits; readonly difference: BandLimits }[];
}

export interface EstimatorResult {
  readonly estimator: ContrastEstimator;
  readonly estimand: ContrastEstimand;
  readonly at: readonly ContrastAtTime[];
  /** With options.band: simultaneous bands of the survival per arm and of the difference. */
  readonly band?: SimultaneousBand;
  /** G-formula only, when tau was given. */
  readonly rmst?: RmstContrast;
}

/** Standardised curve (g-formula) at the outcome's event times, for figures. */
export interface AdjustedCurve {
  readonly time: readonly number[];
  readonly untreated: readonly number[];
  readonly treated: readonly number[];
}

export interface SurvivalContrastsResult {
  readonly schemaVersion: 1;
  readonly method: "standardised survival (riskRegression::ate)";
  readonly n: number;
  readonly nTreated: number;
  readonly nEvent: number;
  readonly covariates: readonly string[];
  readonly estimates: readonly EstimatorResult[];
  readonly curve?: AdjustedCurve;
  readonly options: {
    readonly times: readonly number[];
    readonly tau: number | null;
    readonly estimators: readonly ContrastEstimator[];
    readonly estimand: ContrastEstimand;
    readonly confLevel: number;
    readonly ties: "breslow";
    readonly survivalFormula: "exp(-cumulative hazard)";
    readonly psModel: "logistic";
    readonly censoringModel: "cox (treatment + covariates)";
    /** Simultaneous bands requested: multipliers and seed; null when none. */
    readonly band: { readonly nsim: number; readonly seed: number } | null;
  };
  readonly warnings: readonly string[];
}

/** Risk of one arm at the requested times with its influence functions (dfbeta scale, n per time). */
export interface ArmRisk {
  readonly risk: Float64Array;
  readonly iid: readonly Float64Array[];
}
