/**
 * Firth-penalised Cox regression (R coxphf): finite, bias-reduced hazard ratios for small cohorts with
 * monotone likelihood (e.g. no events in one category), with profile penalised-likelihood confidence
 * intervals and penalised likelihood-ratio tests. Written by hand on top of the Cox engine's data
 * preparation (src/survival/cox/prepare.ts): no JavaScript library fits it, and coxphf's algorithm
 * needs third derivatives of the partial likelihood, which the kernel contracts with I⁻¹ in O(n p²)
 * per evaluation (src/survival/cox-firth/kernel.ts, traces.ts; docs/methods/cox-firth.md).
 */
import { SurvinferError, optionError } from "../errors.js";
import { chisqQuantile, chisqSf, normalQuantile, normalTwoSidedP } from "../math/distributions.js";
import { toRows } from "../math/linalg.js";
import type { CoxInput, CoxTest, CoxTies } from "./cox/types.js";
import { prepareCoxData } from "./cox/prepare.js";
import { makeFirthWorkspace } from "./cox-firth/kernel.js";
import { firthNewton } from "./cox-firth/newton.js";
import { penalisedEvaluate } from "./cox-firth/penalised.js";
import type { FirthNewtonControl } from "./cox-firth/newton.js";
import { makeProfile, profileLimit } from "./cox-firth/profile.js";

export interface CoxFirthControl {
  /** Tie handling: "breslow" as coxphf (default), or "efron" (not in coxphf). */
  readonly ties?: CoxTies;
  /** Maximum Newton–Raphson iterations (coxphf maxit = 50). */
  readonly maxIter?: number;
  /** Maximum step-halvings per iteration (coxphf maxhs = 5). */
  readonly maxHalving?: number;
  /** Largest change of a standardised coefficient (β·sd(x)) in one step (coxphf maxstep = 0.5). */
  readonly maxStep?: number;
  /** Convergence: every standardised coefficient changes by ≤ epsilon (coxphf epsilon = 1e-6) ... */
  readonly epsilon?: number;
  /** ... and every standardised |U*| is ≤ gconv (coxphf gconv = 1e-4). */
  readonly gconv?: number;
  /** Profile penalised-likelihood CIs and penalised LR p-values (coxphf pl = TRUE); false: Wald. */
  readonly pl?: boolean;
  /** Confidence level (coxphf alpha = 0.05 → 0.95). */
  readonly confLevel?: number;
  /** Treat times within √ε (relative) as tied, as coxph.control(timefix = TRUE); default true. */
  readonly timefix?: boolean;
  /**
   * Called as the fit advances: after the estimate (done = 1), then after each profile limit and each
   * penalised LR test (three steps per coefficient when `pl`); total = 1 + 3p with pl, else 1.
   * Not echoed in `options` (results stay JSON-serialisable).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CoxFirthTerm {
  readonly name: string;
  readonly coef: number;
  readonly hr: number;
  /** sqrt(diag(I(β̂)⁻¹)), the unpenalised information at the penalised estimate (coxphf's var). */
  readonly se: number;
  /** Wald z = coef / se. */
  readonly z: number;
  /** p-value: penalised likelihood-ratio test of β_j = 0 when pl (coxphf's default), else Wald. */
  readonly p: number | null;
  /** Penalised LR statistic 2(ℓ*(β̂) − max ℓ*|β_j = 0) when pl, else the Wald chi-square z². */
  readonly chisq: number | null;
  /** Confidence limits for the hazard ratio (profile penalised likelihood when pl, else Wald); null when not found. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The same limits on the coefficient (log hazard ratio) scale. */
  readonly coefLower: number | null;
  readonly coefUpper: number | null;
}

export interface CoxFirthResult {
  readonly schemaVersion: 1;
  readonly method: "coxphf";
  readonly n: number;
  readonly nEvent: number;
  readonly columnNames: readonly string[];
  readonly terms: readonly CoxFirthTerm[];
  readonly coef: readonly number[];
  /** I(β̂)⁻¹ on the covariate scale. */
  readonly var: readonly (readonly number[])[];
  /** Penalised log partial likelihood ℓ*(β) = ℓ(β) + ½ log|I(β)| at β = 0 and β̂ (covariate scale). */
  readonly penalisedLoglik: readonly [number, number];
  /** Unpenalised log partial likelihood at β = 0 and β̂. */
  readonly loglik: readonly [number, number];
  /** Modified score U*(β̂) on the covariate scale (≈ 0 at convergence). */
  readonly score: readonly number[];
  readonly tests: {
    /** Penalised LR test 2(ℓ*(β̂) − ℓ*(0)) on p df (coxphf: 2 diff(fit$loglik)). */
    readonly lr: CoxTest;
  };
  readonly iterations: number;
  readonly converged: boolean;
  /** Newton iterations summed over the profile fits per term: [lower, upper, p-value] (coxphf iter.ci); null without pl. */
  readonly profileIterations: readonly (readonly [number, number, number])[] | null;
  /** Column means; linear predictors are (x − means)·β̂ (coxphf's means and linear.predictors). */
  readonly means: readonly number[];
  readonly linearPredictors: readonly number[];
  readonly options: {
    readonly ties: CoxTies;
    readonly maxIter: number;
    readonly maxHalving: number;
    readonly maxStep: number;
    readonly epsilon: number;
    readonly gconv: number;
    readonly pl: boolean;
    readonly confLevel: number;
    readonly timefix: boolean;
    readonly counting: boolean;
    readonly stratified: boolean;
  };
  readonly warnings: readonly string[];
}

function conflict(message: string, hint?: string): SurvinferError {
  return new SurvinferError({ code: "OPTION_CONFLICT", message, hint });
}

/**
 * Fits a Cox model by Firth's penalised partial likelihood (matrix level).
 *
 * Heinze & Schemper (2001), A solution to the problem of monotone likelihood in Cox regression,
 * Biometrics 57:114–119, doi:10.1111/j.0006-341X.2001.00114.x; Firth (1993), Biometrika 80:27–38,
 * doi:10.1093/biomet/80.1.27. Maximises
 *   ℓ*(β) = ℓ(β) + ½ log|I(β)|,
 * ℓ the Breslow log partial likelihood, I = −∂²ℓ/∂β∂βᵀ, by Newton–Raphson on the modified score
 *   U*(β)_r = U(β)_r + ½ tr(I(β)⁻¹ ∂I(β)/∂β_r),
 * with ∂I_jk/∂β_r = Σ_deaths third central moments of x over the risk set weighted by exp(xβ).
 * Steps I⁻¹U*, each standardised coefficient (β·sd(x)) moving at most `maxStep`, with up to
 * `maxHalving` step-halvings while ℓ* does not increase, as coxphf's FIRTHCOX. SEs from I(β̂)⁻¹;
 * profile limits solve ℓ*_prof(b) = ℓ*(β̂) − ½χ²₁(confLevel); p-values from the penalised LR
 * statistic 2(ℓ*(β̂) − ℓ*_prof(0)); overall test 2(ℓ*(β̂) − ℓ*(0)) on p df.
 *
 * R equivalent: `coxphf::coxphf(Surv(time, status) ~ x1 + x2, data, firth = TRUE, pl = TRUE)`
 * (Surv(start, stop, status) for counting-process data). Deliberate differences: times are tied by
 * survival's √ε rule (coxphf: |Δt| < 1e-4 or exact equality); `penalisedLoglik` is on the covariate
 * scale (coxphf's loglik is on its sd-standardised scale: larger by Σ log sd(x_j)); strata and Efron
 * ties are available (coxphf has neither); case weights and clusters are refused (OPTION_CONFLICT).
 *
 * @example
 * ```ts
 * // no events in the treated group: plain Cox diverges, Firth gives a finite hazard ratio
 * const fit = coxFirth({
 *   time: Float64Array.from([2, 4, 5, 7, 8, 10, 3, 6, 9, 12]),
 *   status: Int32Array.from([1, 1, 1, 0, 1, 1, 0, 0, 0, 0]),
 *   x: Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]),
 *   p: 1,
 *   columnNames: ["treated"],
 * });
 * fit.terms[0].hr; // finite, < 1
 * fit.terms[0].upper; // profile-likelihood upper limit
 * ```
 */
export function coxFirth(input: CoxInput, control: CoxFirthControl = {}): CoxFirthResult {
  const ties: CoxTies = control.ties ?? "breslow";
  if (ties !== "efron" && ties !== "breslow") throw optionError("ties", '"breslow" or "efron"', ties);
  const maxIter = control.maxIter ?? 50;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw optionError("maxIter", "a positive integer", maxIter);
  const maxHalving = control.maxHalving ?? 5;
  if (!Number.isInteger(maxHalving) || maxHalving < 0) throw optionError("maxHalving", "a non-negative integer", maxHalving);
  const maxStep = control.maxStep ?? 0.5;
  if (!(maxStep > 0)) throw optionError("maxStep", "a positive number", maxStep);
  const epsilon = control.epsilon ?? 1e-6;
  if (!(epsilon > 0)) throw optionError("epsilon", "a positive number", epsilon);
  const gconv = control.gconv ?? 1e-4;
  if (!(gconv > 0)) throw optionError("gconv", "a positive number", gconv);
  const pl = control.pl ?? true;
  if (typeof pl !== "boolean") throw optionError("pl", "true or false", pl);
  const confLevel = control.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  const timefix = control.timefix ?? true;
  const onProgress = control.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") throw optionError("onProgress", "a function (done, total) => void", onProgress);
  if (input.weights !== undefined) {
    throw conflict("Firth-penalised Cox regression does not take case weights (coxphf has none)", "fit without weights, or use coxph with weights and a robust variance");
  }
  if (input.cluster !== undefined) {
    throw conflict("Firth-penalised Cox regression has no robust (cluster) variance (coxphf has none)", "drop the cluster term, or use coxph with cluster()");
  }

  const prep = prepareCoxData(input, ties === "efron", timefix);
  const { data, scale } = prep;
  const p = input.p;
  const n = input.time.length;

  // coxphf's standardisation: sd of each column over all rows (n − 1 denominator)
  const sd = new Float64Array(p);
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += input.x[j * n + i];
    const m = s / n;
    means[j] = m;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (input.x[j * n + i] - m) ** 2;
    sd[j] = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  }
  // internal β (centred, scaled x) → standardised β·sd: multiply by scale·sd
  const stdScale = new Float64Array(p);
  for (let j = 0; j < p; j++) stdScale[j] = scale[j] * (sd[j] > 0 ? sd[j] : 1);

  const ws = makeFirthWorkspace(p);
  const at0 = penalisedEvaluate(data, new Float64Array(p), ws);
  if (at0.rank < p) {
    const names: string[] = [];
    for (let j = 0; j < p; j++) if (at0.ev.imat[j * p + j] <= 0 || sd[j] === 0) names.push(input.columnNames[j]);
    throw new SurvinferError({
      code: "DATA_COLLINEAR",
      message: `the information matrix is singular${names.length > 0 ? ` (${names.map((s) => `"${s}"`).join(", ")} constant among the rows at risk)` : ""}: covariates are collinear, so Firth's penalty ½ log|I(β)| is undefined`,
      hint: "drop redundant or constant covariates",
    });
  }
  const nc: FirthNewtonControl = { maxIter, maxHalving, maxStep, epsilon, gconv };
  const allFree: boolean[] = new Array<boolean>(p).fill(true);
  const fit = firthNewton(data, new Float64Array(p), allFree, stdScale, nc, ws);
  const totalSteps = 1 + (pl ? 3 * p : 0);
  let doneSteps = 0;
  const step = (): void => {
    doneSteps++;
    onProgress?.(doneSteps, totalSteps);
  };
  step();
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`Firth's penalised likelihood did not converge in ${maxIter} iterations; consider a smaller maxStep or a larger maxIter (as coxphf advises)`);

  // penalised log-likelihood on the covariate scale: log|I_x| = log|I_internal| − 2 Σ log scale_j
  let logScale = 0;
  for (let j = 0; j < p; j++) logScale += Math.log(scale[j]);
  const toX = (pllInternal: number): number => pllInternal - logScale;
  const betaHat = fit.beta;
  const beta = new Array<number>(p);
  const score = new Array<number>(p);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    beta[i] = betaHat[i] * scale[i];
    score[i] = fit.at.ustar[i] / scale[i];
    for (let j = 0; j < p; j++) v[i * p + j] = fit.at.inv[i * p + j] * scale[i] * scale[j];
  }
  const seInternal = new Float64Array(p);
  for (let j = 0; j < p; j++) seInternal[j] = Math.sqrt(fit.at.inv[j * p + j]);

  const crit = chisqQuantile(confLevel, 1);
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const terms: CoxFirthTerm[] = [];
  const profileIterations: [number, number, number][] = [];
  const target = fit.at.pll - crit / 2;
  for (let j = 0; j < p; j++) {
    const b = beta[j];
    const se = Math.sqrt(v[j * p + j]);
    const z = b / se;
    let coefLower: number | null;
    let coefUpper: number | null;
    let chisq: number | null;
    let pValue: number | null;
    if (pl) {
      const prof = makeProfile(data, j, betaHat, stdScale, nc);
      const tol = 1e-10 * Math.max(1, Math.abs(betaHat[j]));
      const lo = profileLimit(prof, betaHat[j], seInternal[j], -1, target, tol);
      step();
      const hi = profileLimit(prof, betaHat[j], seInternal[j], 1, target, tol);
      step();
      coefLower = lo.value === null ? null : lo.value * scale[j];
      coefUpper = hi.value === null ? null : hi.value * scale[j];
      if (lo.reason !== null) warnings.push(`lower profile limit for "${input.columnNames[j]}": ${lo.reason}`);
      if (hi.reason !== null) warnings.push(`upper profile limit for "${input.columnNames[j]}": ${hi.reason}`);
      const prof0 = makeProfile(data, j, betaHat, stdScale, nc)(0);
      step();
      if (prof0.converged && Number.isFinite(prof0.pll)) {
        chisq = Math.max(0, 2 * (fit.at.pll - prof0.pll));
        pValue = chisqSf(chisq, 1);
      } else {
        chisq = null;
        pValue = null;
        warnings.push(`penalised likelihood-ratio test for "${input.columnNames[j]}": the fit with this coefficient fixed at 0 did not converge`);
      }
      profileIterations.push([lo.iterations, hi.iterations, prof0.iterations]);
    } else {
      coefLower = b - zq * se;
      coefUpper = b + zq * se;
      chisq = z * z;
      pValue = normalTwoSidedP(z);
    }
    terms.push({
      name: input.columnNames[j],
      coef: b,
      hr: Math.exp(b),
      se,
      z,
      p: pValue,
      chisq,
      lower: coefLower === null ? null : Math.exp(coefLower),
      upper: coefUpper === null ? null : Math.exp(coefUpper),
      coefLower,
      coefUpper,
    });
  }

  const lrStat = 2 * (fit.at.pll - at0.pll);
  const lp = new Array<number>(n).fill(0);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) lp[i] += (input.x[j * n + i] - means[j]) * beta[j];

  return {
    schemaVersion: 1,
    method: "coxphf",
    n,
    nEvent: prep.nEvent,
    columnNames: [...input.columnNames],
    terms,
    coef: beta,
    var: toRows(v, p),
    penalisedLoglik: [toX(at0.pll), toX(fit.at.pll)],
    loglik: [at0.ev.loglik, fit.at.ev.loglik],
    score,
    tests: { lr: { statistic: lrStat, df: p, p: chisqSf(lrStat, p) } },
    iterations: fit.iterations,
    converged: fit.converged,
    profileIterations: pl ? profileIterations : null,
    means: Array.from(means),
    linearPredictors: lp,
    options: { ties, maxIter, maxHalving, maxStep, epsilon, gconv, pl, confLevel, timefix, counting: prep.entry !== null, stratified: prep.nStrata > 1 },
    warnings,
  };
}
