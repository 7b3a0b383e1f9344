/**
 * Cox proportional-hazards regression at matrix level, equal to R survival::coxph (3.5-3):
 * Newton–Raphson on the log partial likelihood with step-halving, R's convergence rule and
 * defaults, Efron or Breslow ties, strata, case weights, offset, (start, stop] counting-process data,
 * model-based and robust (cluster) variance, LR/Wald/score tests and Harrell's concordance.
 * Written by hand: no JavaScript library fits Cox models the way coxph does (see docs/methods/cox.md).
 */
import { optionError } from "../../errors.js";
import { chisqSf, normalQuantile, normalTwoSidedP } from "../../math/distributions.js";
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlInverse, ldlSolve, quadFormInverse, toRows } from "../../math/linalg.js";
import type { LdlFactor } from "../../math/linalg.js";
import { coxConcordance } from "./concordance.js";
import { coxEvaluate, makeWorkspace } from "./efron.js";
import type { CoxData } from "./efron.js";
import { centringAndScale, prepareCoxData, type PreparedCox } from "./prepare.js";
import { collapse, sandwich, scoreResiduals } from "./robust.js";
import type { CoxControl, CoxInput, CoxResult, CoxTerm, CoxTest, CoxTies } from "./types.js";

export type { CoxControl, CoxInput, CoxResult, CoxTerm, CoxTest, CoxTies, CoxConcordance } from "./types.js";

interface NewtonResult {
  /** Coefficients on the internal (centred, scaled) scale. */
  beta: Float64Array;
  loglik: [number, number];
  /** Score test at the initial coefficients. */
  sctest: number;
  /** Score at the final coefficients (internal scale). */
  u: Float64Array;
  /** Inverse information (internal scale), p × p row-major. */
  imatInv: Float64Array;
  rank: number;
  iterations: number;
  converged: boolean;
  /** Which quantity was not finite at the last attempted step, if any. */
  notFinite: string | null;
}

function hasNonFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return true;
  return false;
}

function symmetricUpperNonFinite(imat: Float64Array, p: number): boolean {
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) if (!Number.isFinite(imat[i * p + j])) return true;
  return false;
}

/**
 * Newton–Raphson as coxfit6.c (right-censored) / agfit4.c (counting process): start at `init`,
 * step β + I⁻¹U, halve towards the last good β while ℓ falls or anything is not finite, stop when
 * |1 − ℓ_old/ℓ_new| ≤ eps (agfit4 additionally requires that the last step was not a halving).
 */
function newton(d: CoxData, init: Float64Array, eps: number, iterMax: number, toler: number, counting: boolean): NewtonResult {
  const p = d.p;
  const ws = makeWorkspace(p);
  let beta = Float64Array.from(init);
  let ev = coxEvaluate(d, beta, ws);
  const ll0 = ev.loglik;
  let ll1 = ll0;
  let f: LdlFactor = ldlDecompose(ev.imat, p, toler);
  const rank0 = f.rank;
  const step0 = ldlSolve(f, ev.u);
  let sctest = 0;
  for (let i = 0; i < p; i++) sctest += ev.u[i] * step0[i];
  if (iterMax === 0 || !Number.isFinite(ll0)) {
    return { beta, loglik: [ll0, ll0], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: 0, converged: iterMax === 0, notFinite: Number.isFinite(ll0) ? null : "log-likelihood" };
  }
  let newbeta = new Float64Array(p);
  for (let i = 0; i < p; i++) newbeta[i] = beta[i] + step0[i];
  let halving = 0;
  let notFinite: string | null = null;

  if (!counting) {
    for (let iter = 1; iter <= iterMax; iter++) {
      ev = coxEvaluate(d, newbeta, ws);
      const newlk = ev.loglik;
      f = ldlDecompose(ev.imat, p, toler);
      notFinite = null;
      if (hasNonFinite(ev.u)) notFinite = "score";
      if (symmetricUpperNonFinite(ev.imat, p)) notFinite = "information matrix";
      if (!Number.isFinite(newlk)) notFinite = "log-likelihood";
      if (notFinite === null && Math.abs(1 - ll1 / newlk) <= eps) {
        return { beta: newbeta, loglik: [ll0, newlk], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: iter, converged: true, notFinite: null };
      }
      if (notFinite !== null || newlk < ll1) {
        halving++;
        for (let i = 0; i < p; i++) newbeta[i] = (newbeta[i] + halving * beta[i]) / (halving + 1);
      } else {
        halving = 0;
        ll1 = newlk;
        const step = ldlSolve(f, ev.u);
        beta = Float64Array.from(newbeta);
        for (let i = 0; i < p; i++) newbeta[i] = newbeta[i] + step[i];
      }
    }
    // out of iterations: information and score at the last good β
    if (iterMax > 1) {
      ev = coxEvaluate(d, beta, ws);
      ll1 = ev.loglik;
      f = ldlDecompose(ev.imat, p, toler);
    }
    return { beta, loglik: [ll0, ll1], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: iterMax, converged: false, notFinite };
  }

  // agfit4: β holds the current trial, oldbeta the last good one
  let oldbeta = beta;
  beta = newbeta;
  newbeta = new Float64Array(0);
  for (let iter = 1; iter <= iterMax; iter++) {
    ev = coxEvaluate(d, beta, ws);
    let newlk = ev.loglik;
    notFinite = null;
    for (let i = 0; i < p; i++) if (!Number.isFinite(ev.imat[i * p + i])) notFinite = "information matrix";
    f = ldlDecompose(ev.imat, p, toler);
    if (!Number.isFinite(newlk)) notFinite = "log-likelihood";
    const fail = notFinite !== null || f.rank !== rank0;
    if (!fail && halving === 0 && Math.abs(1 - ll1 / newlk) <= eps) {
      return { beta, loglik: [ll0, newlk], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: rank0, iterations: iter, converged: true, notFinite: null };
    }
    if (iter === iterMax) {
      if (iterMax > 1 && (newlk - ll1) / Math.abs(ll1) < -eps) {
        beta = oldbeta;
        ev = coxEvaluate(d, beta, ws);
        newlk = ev.loglik;
        f = ldlDecompose(ev.imat, p, toler);
      }
      return { beta, loglik: [ll0, newlk], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: rank0, iterations: iter, converged: false, notFinite };
    }
    if (fail || newlk < ll1) {
      halving++;
      const nb = new Float64Array(p);
      for (let i = 0; i < p; i++) nb[i] = (oldbeta[i] * halving + beta[i]) / (halving + 1);
      beta = nb;
    } else {
      halving = 0;
      ll1 = newlk;
      const step = ldlSolve(f, ev.u);
      oldbeta = beta;
      beta = new Float64Array(p);
      for (let i = 0; i < p; i++) beta[i] = oldbeta[i] + step[i];
    }
  }
  return { beta, loglik: [ll0, ll1], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: rank0, iterations: iterMax, converged: false, notFinite };
}

function chisqTest(statistic: number, df: number): CoxTest {
  return { statistic, df, p: df > 0 ? chisqSf(statistic, df) : Number.NaN };
}

/**
 * Fits a Cox proportional-hazards model (matrix level).
 *
 * Log partial likelihood (Cox 1972, doi:10.1111/j.2517-6161.1972.tb00899.x) with Efron's (1977,
 * doi:10.1080/01621459.1977.10480613) or Breslow's handling of tied death times, within strata:
 *   ℓ(β) = Σ_strata Σ_{death times t} [ Σ_{i∈D(t)} wᵢηᵢ − w̄ Σ_{k=0}^{d−1} log(S0(t) − (k/d) S0ᴰ(t)) ],
 *   ηᵢ = xᵢᵀβ + offsetᵢ, S0(t) = Σ_{i at risk} wᵢ exp(ηᵢ).
 * Newton–Raphson from β = 0 with step-halving; converged when |1 − ℓ_old/ℓ_new| ≤ eps.
 * Variance: I(β̂)⁻¹; robust: Dᵀ D with D the dfbeta residuals summed within cluster
 * (Lin & Wei 1989, doi:10.1080/01621459.1989.10478874).
 *
 * R equivalent: `survival::coxph(Surv(time, status) ~ x1 + x2 + strata(s) + cluster(id), ties = "efron")`
 * (or `Surv(entry, time, status)`), with coxph.control() defaults. Deliberate differences: a
 * collinear covariate's coefficient is `null` (R: NA) with a warning naming it; a coefficient that
 * diverges is named in a warning with the advice to use Firth's penalised likelihood.
 *
 * @example
 * ```ts
 * const fit = coxFit({
 *   time: Float64Array.from([5, 8, 12, 3, 9, 6]),
 *   status: Int32Array.from([1, 1, 0, 1, 1, 0]),
 *   x: Float64Array.from([1, 0, 1, 1, 0, 0]),
 *   p: 1,
 *   columnNames: ["treated"],
 * });
 * fit.terms[0].hr; // hazard ratio of "treated"
 * ```
 */
export function coxFit(input: CoxInput, control: CoxControl = {}): CoxResult {
  return fitCox(input, control, true);
}

/**
 * Internal (not exported from the package): everything coxFit reports except fit$concordance, for
 * loops that refit many models and never read it (prediction-model validation's bootstrap and
 * calibration slope). Same numbers as coxFit; only the O(n log n) concordance count is skipped.
 */
export type CoxFitWithoutConcordance = Omit<CoxResult, "concordance">;

/** coxFit without fit$concordance (see CoxFitWithoutConcordance); internal. */
export function coxFitWithoutConcordance(input: CoxInput, control: CoxControl = {}): CoxFitWithoutConcordance {
  return fitCox(input, control, false);
}

/** Validated control settings with coxph.control()'s defaults. */
export interface ResolvedControl {
  readonly ties: CoxTies;
  readonly eps: number;
  readonly iterMax: number;
  readonly tolerChol: number;
  readonly tolerInf: number;
  readonly confLevel: number;
  readonly timefix: boolean;
}

function resolveControl(control: CoxControl, p: number): ResolvedControl {
  const ties: CoxTies = control.ties ?? "efron";
  if (ties !== "efron" && ties !== "breslow") throw optionError("ties", '"efron" or "breslow"', ties);
  const eps = control.eps ?? 1e-9;
  if (!(eps > 0)) throw optionError("eps", "a positive number", eps);
  const iterMax = control.iterMax ?? 20;
  if (!Number.isInteger(iterMax) || iterMax < 0) throw optionError("iterMax", "a non-negative integer", iterMax);
  const tolerChol = control.tolerChol ?? CHOLESKY_TOLERANCE;
  if (!(tolerChol > 0)) throw optionError("tolerChol", "a positive number", tolerChol);
  const tolerInf = control.tolerInf ?? Math.sqrt(eps);
  const confLevel = control.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  const timefix = control.timefix ?? true;
  if (control.init !== undefined && control.init.length !== p) throw optionError("init", `an array of ${p} numbers`, control.init);
  return { ties, eps, iterMax, tolerChol, tolerInf, confLevel, timefix };
}

/**
 * Internal: one Cox model's rows (times, status, strata, weights, offset) validated and sorted once, for
 * fitting many covariate matrices to them (`coxFitOnRows`) — the calibration slope coxph(Surv ~ η_b) of
 * every bootstrap replicate on the original data.
 */
export interface CoxRows {
  readonly input: CoxInput;
  readonly control: CoxControl;
  readonly resolved: ResolvedControl;
  readonly prep: PreparedCox;
}

/** Prepares the rows of `input` (its covariates are only validated here) for `coxFitOnRows`. */
export function prepareCoxRows(input: CoxInput, control: CoxControl = {}): CoxRows {
  const resolved = resolveControl(control, input.p);
  return { input, control, resolved, prep: prepareCoxData(input, resolved.ties === "efron", resolved.timefix) };
}

/**
 * coxFitWithoutConcordance({ ...rows.input, x }, rows.control) — the same numbers — with the validation,
 * near-tie rule and sort of the rows reused; only the centring and scaling of the new covariates
 * (prepareCoxData's rule) is redone. `x`: n × p column-major, p as the prepared input's.
 */
export function coxFitOnRows(rows: CoxRows, x: Float64Array): CoxFitWithoutConcordance {
  const input: CoxInput = { ...rows.input, x };
  if (x.length !== rows.input.x.length || !allFinite(x)) return fitCox(input, rows.control, false); // reports the error as coxFit does
  return fitPrepared(input, rows.control, rows.resolved, withCovariates(rows.prep, input), false);
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/** `prep` with the covariates of `input` (same rows): prepareCoxData's centring and scaling, in the prepared row order. */
function withCovariates(prep: PreparedCox, input: CoxInput): PreparedCox {
  const { p, x } = input;
  const n = input.time.length;
  const { means, scale } = centringAndScale(x, p, n, prep.weights, prep.entry !== null);
  const { rowOf } = prep.data;
  const m = rowOf.length;
  const xs = new Float64Array(m * p);
  for (let k = 0; k < m; k++) {
    const i = rowOf[k];
    for (let j = 0; j < p; j++) xs[k * p + j] = (x[j * n + i] - means[j]) * scale[j];
  }
  return { ...prep, data: { ...prep.data, xs }, means, scale };
}

function fitCox(input: CoxInput, control: CoxControl, withConcordance: true): CoxResult;
function fitCox(input: CoxInput, control: CoxControl, withConcordance: false): CoxFitWithoutConcordance;
function fitCox(input: CoxInput, control: CoxControl, withConcordance: boolean): CoxResult | CoxFitWithoutConcordance {
  const resolved = resolveControl(control, input.p);
  const prep = prepareCoxData(input, resolved.ties === "efron", resolved.timefix);
  return withConcordance ? fitPrepared(input, control, resolved, prep, true) : fitPrepared(input, control, resolved, prep, false);
}

/** Newton–Raphson on prepared data, then the variance, tests, table and (optionally) concordance. */
function fitPrepared(input: CoxInput, control: CoxControl, resolved: ResolvedControl, prep: PreparedCox, withConcordance: true): CoxResult;
function fitPrepared(input: CoxInput, control: CoxControl, resolved: ResolvedControl, prep: PreparedCox, withConcordance: false): CoxFitWithoutConcordance;
function fitPrepared(input: CoxInput, control: CoxControl, resolved: ResolvedControl, prep: PreparedCox, withConcordance: boolean): CoxResult | CoxFitWithoutConcordance {
  const { ties, eps, iterMax, tolerChol, tolerInf, confLevel, timefix } = resolved;
  const p = input.p;
  const { data, means, scale, weights } = prep;
  const counting = prep.entry !== null;
  const n = input.time.length;
  let nonInteger = false;
  if (input.weights) for (let i = 0; i < n && !nonInteger; i++) if (input.weights[i] !== Math.floor(input.weights[i])) nonInteger = true;
  const robust = control.robust ?? (input.cluster !== undefined || nonInteger);
  const warnings: string[] = [];
  if (input.cluster && control.robust === false) warnings.push("cluster was given with robust = false: the cluster is ignored (as coxph does)");

  const init = new Float64Array(p);
  if (control.init) for (let j = 0; j < p; j++) init[j] = control.init[j] / scale[j];
  const nr = newton(data, init, eps, iterMax, tolerChol, counting);

  // back to the covariate scale
  const beta = new Float64Array(p);
  const u = new Float64Array(p);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    beta[i] = nr.beta[i] * scale[i];
    u[i] = nr.u[i] / scale[i];
    for (let j = 0; j < p; j++) v[i * p + j] = nr.imatInv[i * p + j] * scale[i] * scale[j];
  }
  const singular: boolean[] = [];
  for (let j = 0; j < p; j++) singular.push(nr.rank < p && v[j * p + j] === 0);

  // warnings as coxph.fit / agreg.fit give them, but naming the covariate
  if (nr.notFinite !== null && !nr.converged) warnings.push(`the ${nr.notFinite} was not finite during the iterations`);
  if (iterMax > 1) {
    if (!nr.converged) {
      warnings.push(`Ran out of iterations (${iterMax}) and did not converge`);
    } else {
      for (let j = 0; j < p; j++) {
        if (singular[j]) continue;
        let infs = 0;
        for (let l = 0; l < p; l++) infs += u[l] * v[l * p + j];
        infs = Math.abs(infs);
        const flagged = counting ? !Number.isFinite(u[j]) || infs > tolerInf * (1 + Math.abs(beta[j])) : !Number.isFinite(u[j]) || (infs > eps && infs > tolerInf * Math.abs(beta[j]));
        if (flagged) {
          warnings.push(
            `coefficient for "${input.columnNames[j]}" may be infinite: the partial likelihood converged before this coefficient did (monotone likelihood, e.g. no events in one group); consider Firth's penalised likelihood (R: coxphf)`,
          );
        }
      }
    }
  }
  for (let j = 0; j < p; j++) {
    if (singular[j]) warnings.push(`covariate "${input.columnNames[j]}" is collinear with the others and was dropped (coefficient NA in R)`);
  }

  // linear predictors in input order: x·β + offset − Σ β·means
  let shift = 0;
  for (let j = 0; j < p; j++) shift += beta[j] * means[j];
  const xb = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const bj = beta[j];
    const off = j * n;
    for (let i = 0; i < n; i++) xb[i] += input.x[off + i] * bj;
  }
  const lp = new Array<number>(n);
  for (let i = 0; i < n; i++) lp[i] = xb[i] + prep.offset[i] - shift;

  // robust variance
  let varUsed: Float64Array = v;
  let naiveVar: Float64Array | null = null;
  let robustScore: CoxTest | null = null;
  const nCoef = singular.filter((s) => !s).length;
  if (robust && nCoef > 0) {
    naiveVar = v;
    const etaInternal = new Float64Array(n);
    for (let i = 0; i < n; i++) etaInternal[i] = lp[i];
    const res = scoreResiduals(data, etaInternal, n);
    // residuals are on the scaled covariate scale: divide by scale to return to x's scale
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) res[i * p + j] /= scale[j];
    varUsed = sandwich(res, weights, v, p, robust ? input.cluster : undefined);
    // robust score test at the initial coefficients (R: fit$rscore)
    const eta0 = new Float64Array(n);
    if (control.init && input.cluster) for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) eta0[i] += input.x[j * n + i] * control.init[j];
    const res0 = scoreResiduals(data, eta0, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) res0[i * p + j] /= scale[j];
    const D0 = collapse(res0, weights, p, input.cluster);
    const nc = D0.length / p;
    const u0 = new Float64Array(p);
    const dd = new Float64Array(p * p);
    for (let c = 0; c < nc; c++) {
      for (let i = 0; i < p; i++) {
        u0[i] += D0[c * p + i];
        for (let j = 0; j < p; j++) dd[i * p + j] += D0[c * p + i] * D0[c * p + j];
      }
    }
    const rs = quadFormInverse(dd, p, u0, tolerChol);
    robustScore = chisqTest(rs.value, nCoef);
  }

  // Wald test from the variance used (robust when robust), over the estimated coefficients
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (!singular[j]) keep.push(j);
  const k = keep.length;
  const vk = new Float64Array(k * k);
  const bk = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    bk[a] = beta[keep[a]] - (control.init ? control.init[keep[a]] : 0);
    for (let b = 0; b < k; b++) vk[a * k + b] = varUsed[keep[a] * p + keep[b]];
  }
  let wald: CoxTest;
  if (k === 0) wald = chisqTest(Number.NaN, 0);
  else if (hasNonFinite(bk) || hasNonFinite(vk)) wald = chisqTest(Number.NaN, k);
  else wald = chisqTest(quadFormInverse(vk, k, bk, tolerChol).value, k);

  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const terms: CoxTerm[] = [];
  const coef: (number | null)[] = [];
  for (let j = 0; j < p; j++) {
    if (singular[j]) {
      coef.push(null);
      terms.push({ name: input.columnNames[j], coef: null, hr: null, se: null, robustSe: null, z: null, p: null, lower: null, upper: null });
      continue;
    }
    const b = beta[j];
    const se = Math.sqrt(v[j * p + j]);
    const robustSe = naiveVar ? Math.sqrt(varUsed[j * p + j]) : null;
    const seUsed = robustSe ?? se;
    const z = b / seUsed;
    coef.push(b);
    terms.push({
      name: input.columnNames[j],
      coef: b,
      hr: Math.exp(b),
      se,
      robustSe,
      z,
      p: normalTwoSidedP(z),
      lower: Math.exp(b - zq * seUsed),
      upper: Math.exp(b + zq * seUsed),
    });
  }

  const head = {
    schemaVersion: 1 as const,
    method: "coxph" as const,
    n,
    nEvent: prep.nEvent,
    columnNames: [...input.columnNames],
    terms,
    coef,
    var: toRows(varUsed, p),
    naiveVar: naiveVar ? toRows(naiveVar, p) : null,
    loglik: nr.loglik,
    tests: {
      lr: chisqTest(2 * (nr.loglik[1] - nr.loglik[0]), k),
      wald,
      score: chisqTest(nr.sctest, k),
      robustScore,
    },
  };
  const tail = {
    iterations: nr.iterations,
    converged: nr.converged,
    means: Array.from(means),
    linearPredictors: lp,
    options: { ties, eps, iterMax, tolerChol, tolerInf, robust, confLevel, timefix, counting },
    warnings,
  };
  if (!withConcordance) return { ...head, ...tail };
  const concordance = coxConcordance(prep.time, prep.status, prep.entry, lp, weights, prep.stratum, prep.nStrata, robust ? input.cluster : undefined, prep.data);
  // key order as before: …, tests, concordance, iterations, …
  return { ...head, concordance, ...tail };
}
