/** Input, control and result types of the Cox proportional-hazards fitter (R survival::coxph). */

export type CoxTies = "efron" | "breslow";

/**
 * The model at matrix level: n rows, p covariates. `x` is column-major (x[j·n + i] is row i, column j).
 * `time` is the event/censoring time, or the stop time of a (start, stop] interval when `entry` is given.
 */
export interface CoxInput {
  readonly time: Float64Array;
  /** 1 = event, 0 = censored. */
  readonly status: Int32Array | Uint8Array;
  /** Counting-process start (left truncation / time-dependent covariates): at risk on (entry, time]. */
  readonly entry?: Float64Array;
  /** n × p covariates, column-major. */
  readonly x: Float64Array;
  readonly p: number;
  readonly columnNames: readonly string[];
  /** Stratum code per row (any integers); baseline hazards differ between strata. */
  readonly strata?: Int32Array;
  /** Case weights (> 0). */
  readonly weights?: Float64Array;
  /** Offset added to the linear predictor (coefficient fixed at 1). */
  readonly offset?: Float64Array;
  /** Cluster code per row: robust variance summed within clusters (R: cluster(id)). */
  readonly cluster?: Int32Array;
}

export interface CoxControl {
  /** Tie handling; R's default "efron". */
  readonly ties?: CoxTies;
  /** Convergence: |1 − ℓ_old/ℓ_new| ≤ eps; R's coxph.control(eps = 1e-9). */
  readonly eps?: number;
  /** Maximum Newton–Raphson iterations; R's iter.max = 20. */
  readonly iterMax?: number;
  /** Singularity tolerance of the Cholesky factorisation; R's toler.chol = .Machine$double.eps^0.75. */
  readonly tolerChol?: number;
  /** Threshold for the "coefficient may be infinite" check; R's toler.inf = sqrt(eps). */
  readonly tolerInf?: number;
  /** Robust (sandwich) variance. Default as coxph: true when `cluster` is given or any weight is non-integer. */
  readonly robust?: boolean;
  /** Initial coefficients (default 0). */
  readonly init?: readonly number[];
  /** Confidence level of the hazard-ratio intervals; default 0.95. */
  readonly confLevel?: number;
  /** Treat times within √ε (relative) as tied, as coxph.control(timefix = TRUE); default true. */
  readonly timefix?: boolean;
}

export interface CoxTest {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** One row of the coefficient table; `coef` is null for a covariate dropped as collinear (R: NA). */
export interface CoxTerm {
  readonly name: string;
  readonly coef: number | null;
  readonly hr: number | null;
  /** Model-based standard error sqrt(diag(I⁻¹)). */
  readonly se: number | null;
  /** Robust standard error (when the robust variance is used), else null. */
  readonly robustSe: number | null;
  /** z, p and the CI use the robust SE when robust, as summary.coxph does. */
  readonly z: number | null;
  readonly p: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CoxConcordance {
  /** Harrell's C: (concordant + tiedX / 2) / (concordant + discordant + tiedX). */
  readonly value: number;
  /** Its standard error as coxph's fit$concordance["std"] (infinitesimal jackknife, by cluster). */
  readonly se: number;
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedX: number;
  readonly tiedY: number;
  readonly tiedXY: number;
}

/** One penalised term (pspline) of a penalised Cox fit (src/survival/cox/penalized.ts). */
export interface CoxPenalizedTermResult {
  /** The formula term, e.g. `pspline(age, df = 4)`. */
  readonly label: string;
  /** 0-based indices of its columns among the coefficients. */
  readonly columns: readonly number[];
  /** "df": θ searched for `targetDf`; "fixed": θ given. */
  readonly method: "df" | "fixed";
  /** Smoothing parameter θ ∈ (0, 1) of the reported fit (penalty weight λ = θ/(1 − θ)). */
  readonly theta: number;
  readonly targetDf: number | null;
  /** Effective degrees of freedom of the term (R's fit$df). */
  readonly df: number;
  /** The θ search (frailty.controldf): each θ fitted and the df it gave, in order. */
  readonly search: readonly { readonly theta: number; readonly df: number }[];
  /** print.coxph.penal's "linear" row: GLS slope of the coefficients on the basis centres, its SE (var and var2), Wald χ² on 1 df. */
  readonly linear: { readonly coef: number; readonly se: number; readonly se2: number; readonly chisq: number; readonly df: number; readonly p: number };
  /** print.coxph.penal's "nonlin" row: total Wald χ² of the term minus the linear one, on df − 1. */
  readonly nonlinear: { readonly chisq: number; readonly df: number; readonly p: number };
  /** Hazard ratio against the median of x on 61 points over its range (formula-level fits only). */
  readonly curve?: PenalizedHrCurve;
}

/** log HR(x) = (B(x) − B(r))ᵀβ with se² = dᵀVd (V = var) and the pointwise CI, at the values x against r. */
export interface PenalizedHrCurve {
  readonly x: readonly number[];
  readonly reference: number;
  readonly logHr: readonly number[];
  readonly se: readonly number[];
  readonly hr: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** What a penalised Cox fit adds to a Cox result (R's coxph.penal fields). */
export interface CoxPenalizedResult {
  /** H⁻¹ I H⁻¹ (R's fit$var2); `var` of the result is H⁻¹ (R's fit$var). */
  readonly var2: readonly (readonly number[])[];
  /** Model term labels, in order, with `df` per term (R's fit$df). */
  readonly termLabels: readonly string[];
  readonly df: readonly number[];
  /** Penalty λ/2 βᵀPβ after the first and the last outer iteration (R's fit$penalty). */
  readonly penalty: readonly [number, number];
  /** R's fit$iter: outer iterations and Newton–Raphson steps in all. */
  readonly outerIterations: number;
  readonly newtonIterations: number;
  readonly terms: readonly CoxPenalizedTermResult[];
}

export interface CoxResult {
  readonly schemaVersion: 1;
  readonly method: "coxph";
  readonly n: number;
  readonly nEvent: number;
  readonly columnNames: readonly string[];
  readonly terms: readonly CoxTerm[];
  readonly coef: readonly (number | null)[];
  /** Variance used for inference: robust when `options.robust`, else the inverse information. Zero rows/columns for dropped covariates. */
  readonly var: readonly (readonly number[])[];
  /** Inverse information (model-based variance) when the robust variance is used, else null. */
  readonly naiveVar: readonly (readonly number[])[] | null;
  /** Log partial likelihood at the initial and the final coefficients. */
  readonly loglik: readonly [number, number];
  readonly tests: {
    readonly lr: CoxTest;
    /** Wald test from the full variance matrix (R's fit$wald.test, not summary's rounded one). */
    readonly wald: CoxTest;
    /** Score (log-rank) test at the initial coefficients. */
    readonly score: CoxTest;
    /** Robust score test (R: fit$rscore) when the robust variance is used. */
    readonly robustScore: CoxTest | null;
  };
  readonly concordance: CoxConcordance;
  readonly iterations: number;
  readonly converged: boolean;
  /** Centring constants used for the linear predictor (R: fit$means). */
  readonly means: readonly number[];
  /** x·β + offset − Σ β·means, in input row order (R: fit$linear.predictors). */
  readonly linearPredictors: readonly number[];
  readonly options: {
    readonly ties: CoxTies;
    readonly eps: number;
    readonly iterMax: number;
    readonly tolerChol: number;
    readonly tolerInf: number;
    readonly robust: boolean;
    readonly confLevel: number;
    readonly timefix: boolean;
    readonly counting: boolean;
  };
  /** Penalised fits only (pspline terms): var2, df per term, θ and the linear / non-linear tests. */
  readonly penalized?: CoxPenalizedResult;
  readonly warnings: readonly string[];
}
