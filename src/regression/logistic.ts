/**
 * Logistic regression by iteratively reweighted least squares, step for step as R's
 * `glm.fit(family = binomial())` (R 4.2, `stats/R/glm.R`): written by hand because no JS library
 * reproduces glm's starting values, convergence rule, QR pivoting and final-iteration SEs.
 */
import { SurvinferError } from "../errors.js";
import { normalTwoSidedP } from "../math/distributions.js";
import { binomialDevResid, DBL_EPSILON, logDbinom, logitLink, logitLinkinv, logitMuEta } from "./logit-link.js";
import { qrDecompose, qrSolve, qrUnscaledCovariance } from "./qr.js";
import { separatingColumns, separationMessage, type SeparationReport } from "./separation.js";

export interface LogisticInput {
  /** Outcome: 0/1, or proportions in [0, 1] (then `weights` are the binomial totals, as in R). */
  readonly y: Int32Array | Float64Array | readonly number[];
  /** Design matrix, n × p, column-major. Include the intercept column, or set `addIntercept`. */
  readonly x: Float64Array;
  readonly columnNames: readonly string[];
  /** Prepend a column of ones named "(Intercept)". Default false. */
  readonly addIntercept?: boolean;
  /** Whether the model has an intercept (for the null deviance). Default: `addIntercept`, or a column of ones exists. */
  readonly intercept?: boolean;
  /** Prior weights (R's `weights =`), ≥ 0. */
  readonly weights?: Float64Array | readonly number[];
  readonly offset?: Float64Array | readonly number[];
}

/** R's `glm.control()`: epsilon = 1e-8, maxit = 25. */
export interface LogisticControl {
  readonly epsilon: number;
  readonly maxit: number;
}

export const GLM_CONTROL: LogisticControl = Object.freeze({ epsilon: 1e-8, maxit: 25 });

export interface LogisticCoefficient {
  readonly name: string;
  /** null when the column is aliased (R's NA). */
  readonly estimate: number | null;
  readonly se: number | null;
  readonly z: number | null;
  readonly p: number | null;
  readonly aliased: boolean;
}

export interface LogisticResult {
  readonly method: "glm-binomial-logit";
  readonly n: number;
  readonly columnNames: readonly string[];
  readonly coefficients: readonly LogisticCoefficient[];
  /** Coefficient vector in column order; NaN where aliased. */
  readonly coef: readonly number[];
  /** Unscaled covariance (dispersion 1), p × p in column order; NaN rows/columns where aliased. */
  readonly vcov: readonly (readonly number[])[];
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  /** R's logLik(fit) = rank − AIC/2 (binomial: the log-likelihood with the rounded-weight binomial terms). */
  readonly logLik: number;
  readonly dfResidual: number;
  readonly dfNull: number;
  readonly rank: number;
  readonly aliased: readonly string[];
  readonly fittedValues: readonly number[];
  readonly linearPredictors: readonly number[];
  /** Working weights of the last iteration (R's `fit$weights`). */
  readonly workingWeights: readonly number[];
  readonly convergence: { readonly iterations: number; readonly converged: boolean; readonly boundary: boolean };
  readonly separation: SeparationReport;
  readonly options: { readonly epsilon: number; readonly maxit: number; readonly qrTolerance: number; readonly link: "logit" };
  readonly warnings: readonly string[];
}

interface IrlsOut {
  coef: Float64Array; // column order, 0 where aliased
  aliasedMask: Uint8Array;
  eta: Float64Array;
  mu: Float64Array;
  dev: number;
  iter: number;
  conv: boolean;
  rank: number;
  cov: Float64Array; // p × p column order (NaN where aliased)
  wt: Float64Array;
}

/** The IRLS kernel (glm.fit). Preconditions: y, w, offset have length n; x is n × p column-major. Never throws. */
function irls(
  y: Float64Array,
  x: Float64Array,
  n: number,
  p: number,
  w: Float64Array,
  offset: Float64Array,
  control: LogisticControl,
  mustart: Float64Array,
): IrlsOut {
  const tol = Math.min(1e-7, control.epsilon / 1000);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = logitLink(mustart[i]);
    mu[i] = logitLinkinv(eta[i]);
  }
  let devold = 0;
  for (let i = 0; i < n; i++) devold += binomialDevResid(y[i], mu[i], w[i]);
  const good: number[] = [];
  for (let i = 0; i < n; i++) if (w[i] > 0) good.push(i);
  const ng = good.length;
  const xw = new Float64Array(ng * p);
  const zw = new Float64Array(ng);
  const wt = new Float64Array(n);
  let coef = new Float64Array(p);
  let conv = false;
  let iter = 0;
  let dev = devold;
  let lastQr = qrDecompose(new Float64Array(0), 0, p, tol);
  for (iter = 1; iter <= control.maxit; iter++) {
    for (let g = 0; g < ng; g++) {
      const i = good[g];
      const me = logitMuEta(eta[i]);
      const varmu = mu[i] * (1 - mu[i]);
      const z = eta[i] - offset[i] + (y[i] - mu[i]) / me;
      const wi = Math.sqrt((w[i] * me * me) / varmu);
      wt[i] = wi * wi;
      zw[g] = z * wi;
      for (let j = 0; j < p; j++) xw[j * ng + g] = x[j * n + i] * wi;
    }
    lastQr = qrDecompose(xw, ng, p, tol);
    const sol = qrSolve(lastQr, zw);
    const start = new Float64Array(p);
    for (let j = 0; j < p; j++) start[lastQr.pivot[j]] = sol.coef[j];
    for (let i = 0; i < n; i++) {
      let s = offset[i];
      for (let j = 0; j < p; j++) s += x[j * n + i] * start[j];
      eta[i] = s;
      mu[i] = logitLinkinv(s);
    }
    dev = 0;
    for (let i = 0; i < n; i++) dev += binomialDevResid(y[i], mu[i], w[i]);
    coef = start;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < control.epsilon) {
      conv = true;
      break;
    }
    devold = dev;
  }
  if (iter > control.maxit) iter = control.maxit;
  const rank = lastQr.rank;
  const aliasedMask = new Uint8Array(p);
  for (let j = rank; j < p; j++) aliasedMask[lastQr.pivot[j]] = 1;
  const covPiv = rank > 0 ? qrUnscaledCovariance(lastQr) : new Float64Array(0);
  const cov = new Float64Array(p * p).fill(Number.NaN);
  for (let a = 0; a < rank; a++) {
    for (let b = 0; b < rank; b++) cov[lastQr.pivot[a] * p + lastQr.pivot[b]] = covPiv[a * rank + b];
  }
  return { coef, aliasedMask, eta, mu, dev, iter, conv, rank, cov, wt };
}

function toF64(v: ArrayLike<number> | undefined, n: number, fill: number): Float64Array {
  if (v === undefined) return new Float64Array(n).fill(fill);
  return Float64Array.from(v as ArrayLike<number>);
}

/** The validated design of a binary-outcome regression: column-major x (with the intercept column when asked), fresh y, w, offset. */
export interface BinaryDesign {
  readonly n: number;
  readonly p: number;
  readonly names: readonly string[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly offset: Float64Array;
}

/**
 * Builds and validates the design shared by `logisticRegression` and `firthLogistic`: prepends the
 * "(Intercept)" column of ones when `addIntercept`, copies y, weights (default 1) and offset (default 0),
 * and checks y ∈ [0, 1], finite w ≥ 0 and finite covariates (SurvinferError naming the row and column).
 */
export function binaryDesign(input: LogisticInput): BinaryDesign {
  const n = input.y.length;
  const addIntercept = input.addIntercept === true;
  const p0 = input.columnNames.length;
  if (input.x.length !== n * p0) {
    throw new SurvinferError({ code: "DATA_DIMENSION", message: `design matrix has ${input.x.length} values; expected n × p = ${n} × ${p0}` });
  }
  const names = addIntercept ? ["(Intercept)", ...input.columnNames] : [...input.columnNames];
  const p = names.length;
  let x: Float64Array;
  if (addIntercept) {
    x = new Float64Array(n * p);
    x.fill(1, 0, n);
    x.set(input.x, n);
  } else x = input.x;
  const y = Float64Array.from(input.y as ArrayLike<number>);
  const w = toF64(input.weights, n, 1);
  const offset = toF64(input.offset, n, 0);
  if (w.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `weights has length ${w.length}; expected ${n}` });
  if (offset.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `offset has length ${offset.length}; expected ${n}` });
  for (let i = 0; i < n; i++) {
    if (!(y[i] >= 0 && y[i] <= 1)) {
      throw new SurvinferError({ code: "DATA_INVALID_OUTCOME", message: `outcome must be 0/1 (or a proportion in [0, 1]) and not missing`, row: i + 1, value: String(y[i]) });
    }
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
      throw new SurvinferError({ code: "DATA_INVALID_WEIGHT", message: `weights must be finite and ≥ 0`, row: i + 1, value: String(w[i]) });
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(x[j * n + i])) {
        throw new SurvinferError({ code: "DATA_MISSING_COVARIATE", message: `covariate "${names[j]}" is missing or not finite`, row: i + 1, column: names[j], hint: "remove or impute missing covariate values before fitting" });
      }
    }
  }
  return { n, p, names, x, y, w, offset };
}

/**
 * Logistic regression (binomial GLM, logit link) fitted by IRLS exactly as R's `glm`:
 *
 * - start: μ⁽⁰⁾ = (w y + ½)/(w + 1), η⁽⁰⁾ = logit μ⁽⁰⁾;
 * - iterate: z = η − offset + (y − μ)/μ′(η), W = w μ′(η)²/(μ(1−μ)); β = least squares of √W z on √W X by
 *   Householder QR with R's limited pivoting (tolerance min(1e-7, ε/1000)); an aliased column gets β = NA;
 * - stop when |D − D_old|/(|D| + 0.1) < ε (ε = 1e-8, at most 25 iterations);
 * - SE(β̂) = √diag((XᵀWX)⁻¹) with W from the last iteration (as `summary.glm`, dispersion 1);
 *   z = β̂/SE, p = 2Φ(−|z|); AIC = −2 Σ log dbinom(round(w y), round(w), μ) + 2·rank.
 *
 * Reference: McCullagh P, Nelder JA. Generalized Linear Models, 2nd ed. Chapman & Hall 1989
 * (doi:10.1007/978-1-4899-3242-6), §2.5. R equivalent: `glm(y ~ ..., family = binomial, weights = w)`.
 * Beyond R: a separation report naming the covariate that separates y (see `separation.ts`).
 *
 * @example
 * ```ts
 * import { logisticRegression } from "./logistic.js";
 * const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
 * const fit = logisticRegression({ y: Int32Array.from([0, 0, 1, 0, 1, 1]), x, columnNames: ["dose"], addIntercept: true });
 * fit.coefficients[1].estimate; // slope on the log-odds scale, as coef(glm(y ~ dose, binomial))[2]
 * ```
 */
export function logisticRegression(input: LogisticInput, control: Partial<LogisticControl> = {}): Readonly<LogisticResult> {
  const ctl: LogisticControl = { ...GLM_CONTROL, ...control };
  if (!(ctl.epsilon > 0)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option epsilon must be > 0; got ${ctl.epsilon}` });
  if (!(Number.isInteger(ctl.maxit) && ctl.maxit >= 1)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option maxit must be an integer ≥ 1; got ${ctl.maxit}` });
  const { n, p, names, x, y, w, offset } = binaryDesign(input);
  const hasOffset = input.offset !== undefined;
  let intercept = input.intercept;
  if (intercept === undefined) {
    intercept = input.addIntercept === true;
    for (let j = 0; j < p && !intercept; j++) {
      let allOne = true;
      for (let i = 0; i < n && allOne; i++) if (x[j * n + i] !== 1) allOne = false;
      if (allOne && n > 0) intercept = true;
    }
  }
  const warnings: string[] = [];
  // binomial()$initialize: y[weights == 0] <- 0; mustart <- (weights * y + 0.5)/(weights + 1)
  let nonInteger = false;
  const mustart = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) y[i] = 0;
    const m = w[i] * y[i];
    if (Math.abs(m - Math.round(m)) > 1e-3) nonInteger = true;
    mustart[i] = (w[i] * y[i] + 0.5) / (w[i] + 1);
  }
  if (nonInteger) warnings.push("non-integer #successes in a binomial glm! (as R warns for non-integer weights × y; estimates are still the weighted-likelihood ones)");
  const fit = irls(y, x, n, p, w, offset, ctl, mustart);
  if (!fit.conv) warnings.push(`glm.fit: algorithm did not converge in ${ctl.maxit} iterations`);
  const eps10 = 10 * DBL_EPSILON;
  let zeroOne = 0;
  for (let i = 0; i < n; i++) if (fit.mu[i] > 1 - eps10 || fit.mu[i] < eps10) zeroOne++;
  if (zeroOne > 0) warnings.push("glm.fit: fitted probabilities numerically 0 or 1 occurred");
  const aliased: string[] = [];
  for (let j = 0; j < p; j++) if (fit.aliasedMask[j] === 1) aliased.push(names[j]);
  if (aliased.length > 0) {
    warnings.push(`coefficients not defined because of singularities (aliased with other columns): ${aliased.map((a) => `"${a}"`).join(", ")}`);
  }
  // null deviance
  let sw = 0;
  let swy = 0;
  let nOk = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    swy += w[i] * y[i];
    if (w[i] !== 0) nOk++;
  }
  let nullDeviance = 0;
  if (hasOffset && intercept) {
    const ones = new Float64Array(n).fill(1);
    const fit2 = irls(y, ones, n, 1, w, offset, ctl, fit.mu);
    nullDeviance = fit2.dev;
  } else {
    for (let i = 0; i < n; i++) {
      const wtdmu = intercept ? swy / sw : logitLinkinv(offset[i]);
      nullDeviance += binomialDevResid(y[i], wtdmu, w[i]);
    }
  }
  // AIC (binomial()$aic with m = weights since all n = 1)
  let aicTerm = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] > 0) aicTerm += logDbinom(Math.round(w[i] * y[i]), Math.round(w[i]), fit.mu[i]);
  }
  const aic = -2 * aicTerm + 2 * fit.rank;
  // coefficients
  const coefficients: LogisticCoefficient[] = [];
  const coef: number[] = [];
  for (let j = 0; j < p; j++) {
    if (fit.aliasedMask[j] === 1) {
      coefficients.push({ name: names[j], estimate: null, se: null, z: null, p: null, aliased: true });
      coef.push(Number.NaN);
      continue;
    }
    const est = fit.coef[j];
    const se = Math.sqrt(fit.cov[j * p + j]);
    const z = est / se;
    coefficients.push({ name: names[j], estimate: est, se, z, p: normalTwoSidedP(z), aliased: false });
    coef.push(est);
  }
  const vcov: number[][] = [];
  for (let a = 0; a < p; a++) vcov.push(Array.from(fit.cov.subarray(a * p, a * p + p)));
  // separation diagnostics
  const sepCols = separatingColumns(y, x, n, names, w);
  const suspects: string[] = [];
  if (zeroOne > 0 && sepCols.length === 0) {
    const scored: { name: string; s: number }[] = [];
    for (let j = 0; j < p; j++) {
      if (fit.aliasedMask[j] === 1) continue;
      let m = 0;
      for (let i = 0; i < n; i++) m += x[j * n + i];
      m /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (x[j * n + i] - m) ** 2;
      const sd = Math.sqrt(v / Math.max(n - 1, 1));
      if (sd > 0) scored.push({ name: names[j], s: Math.abs(fit.coef[j]) * sd });
    }
    scored.sort((a, b) => b.s - a.s);
    for (const s of scored.slice(0, 3)) suspects.push(s.name);
  }
  const message = separationMessage(sepCols, zeroOne, suspects);
  if (message !== null) warnings.push(message);
  const separation: SeparationReport = { detected: sepCols.length > 0 || zeroOne > 0, covariates: sepCols, fittedZeroOne: zeroOne, suspects, message };
  return Object.freeze({
    method: "glm-binomial-logit",
    n,
    columnNames: names,
    coefficients,
    coef,
    vcov,
    deviance: fit.dev,
    nullDeviance,
    aic,
    logLik: fit.rank - aic / 2,
    dfResidual: nOk - fit.rank,
    dfNull: nOk - (intercept ? 1 : 0),
    rank: fit.rank,
    aliased,
    fittedValues: Array.from(fit.mu),
    linearPredictors: Array.from(fit.eta),
    workingWeights: Array.from(fit.wt),
    convergence: { iterations: fit.iter, converged: fit.conv, boundary: false },
    separation,
    options: { epsilon: ctl.epsilon, maxit: ctl.maxit, qrTolerance: Math.min(1e-7, ctl.epsilon / 1000), link: "logit" as const },
    warnings,
  });
}
