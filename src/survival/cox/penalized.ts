/**
 * Penalised Cox regression with dense quadratic penalties (penalised splines), equal to R's
 * survival::coxpenal.fit (3.5-3) with the C routine coxfit5 and coxpenal.df, for right-censored data.
 *
 * For penalty terms k with columns c_k, matrix P_k and λ_k = θ_k/(1 − θ_k), maximise
 *   ℓ_p(β) = ℓ(β) − Σ_k λ_k/2 · β_{c_k}ᵀ P_k β_{c_k}
 * (ℓ the log partial likelihood, Efron or Breslow ties, strata, weights, offset) by Newton–Raphson
 * from β = 0 (coxfit5_b): step H⁻¹U with H = I(β) + λP; when ℓ_p falls, β moves half way back to the
 * last good β; converged when |1 − ℓ_p,old/ℓ_p,new| ≤ eps (1e-9) after a full step; at most 20 steps.
 * Covariates are centred by their unweighted mean (not scaled), except columns with values in {−1, 0, 1}.
 * Variance (Gray 1992, doi:10.1080/01621459.1992.10475277; Therneau & Grambsch 2000, §5.5):
 *   var = H⁻¹ (R's fit$var), var2 = H⁻¹ I H⁻¹ (fit$var2), I = H − λP the unpenalised information;
 *   effective df of a term with columns j: trace[(H⁻¹)_jj⁻¹ (var2)_jj] (trace(I H⁻¹) for a one-term model).
 * Outer loop (at most 10): a term with `df = k` refits with the next θ of the df search
 * (penalized-search.ts) until its df is within eps of k, each fit starting from the earlier fit whose θ
 * was closest; a term with a fixed θ needs one fit.
 * Reported log-likelihood: ℓ at β = 0 and the unpenalised ℓ(β̂) (R's fit$loglik); penalty λ/2 β̂ᵀPβ̂.
 * Tests: LR 2(ℓ(β̂) − ℓ(0)) and Wald β̂ᵀ var⁻¹ β̂, both on Σ df (summary.coxph.penal). No score test (R
 * computes none for penalised fits: `tests.score` is NaN).
 * Written by hand: no JavaScript library fits penalised Cox models.
 */
import { optionError, SurvinferError } from "../../errors.js";
import { chisqSf, normalQuantile, normalTwoSidedP } from "../../math/distributions.js";
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlSolve, quadFormInverse, toRows, type LdlFactor } from "../../math/linalg.js";
import { coxConcordance } from "./concordance.js";
import { coxEvaluate, makeWorkspace, type CoxData } from "./efron.js";
import { dfSearchNext, dfSearchStart, type DfSearchState } from "./penalized-search.js";
import { block, linearNonlinear, penalizedDf } from "./penalized-variance.js";
import { prepareCoxData } from "./prepare.js";
import type { CoxControl, CoxInput, CoxPenalizedResult, CoxPenalizedTermResult, CoxResult, CoxTerm, CoxTest } from "./types.js";

/** One penalised term: its columns in x, its penalty matrix and how θ is chosen. */
export interface CoxPenaltySpec {
  readonly label: string;
  /** 0-based column indices into the input's x. */
  readonly columns: readonly number[];
  /** Penalty matrix, row-major columns.length². */
  readonly pmat: Float64Array;
  readonly smoothing: { readonly method: "fixed"; readonly theta: number } | { readonly method: "df"; readonly df: number; readonly eps: number };
  /** Starting df of an unpenalised fit for the df search (pspline: nterm). */
  readonly nterm: number;
  /** Regressor of the linear trend test (print.coxph.penal's cbase), one per column. */
  readonly centres: readonly number[];
}

export interface CoxPenalizedControl extends CoxControl {
  /** Maximum outer iterations of the θ search; R's coxph.control(outer.max = 10). */
  readonly outerMax?: number;
}

interface InnerFit {
  beta: Float64Array;
  /** Penalised log-likelihood at beta. */
  plik: number;
  /** Penalty Σ λ/2 βᵀPβ at beta. */
  penalty: number;
  /** Full symmetric penalised information H at beta, row-major. */
  hmat: Float64Array;
  /** Full penalty matrix (λP blocks) at the last evaluation. */
  pen: Float64Array;
  factor: LdlFactor;
  iterations: number;
  converged: boolean;
}

function lambdaOf(theta: number): number {
  return theta <= 0 ? 0 : theta / (1 - theta);
}

/** ℓ_p, U_p and H at β: coxEvaluate plus the penalties (coxfit5_b with cox_callback). */
function evaluatePenalized(d: CoxData, beta: Float64Array, ws: ReturnType<typeof makeWorkspace>, specs: readonly CoxPenaltySpec[], lambdas: readonly number[]): { plik: number; penalty: number; u: Float64Array; hmat: Float64Array; pen: Float64Array } {
  const p = d.p;
  const ev = coxEvaluate(d, beta, ws);
  const u = Float64Array.from(ev.u);
  const hmat = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      hmat[i * p + j] = ev.imat[i * p + j];
      hmat[j * p + i] = ev.imat[i * p + j];
    }
  }
  const pen = new Float64Array(p * p);
  let penalty = 0;
  specs.forEach((s, k) => {
    const lam = lambdas[k];
    const c = s.columns;
    const m = c.length;
    let q = 0;
    for (let a = 0; a < m; a++) {
      let first = 0;
      for (let b = 0; b < m; b++) {
        const v = s.pmat[a * m + b];
        first += v * beta[c[b]];
        pen[c[a] * p + c[b]] = v * lam;
        hmat[c[a] * p + c[b]] += v * lam;
      }
      q += beta[c[a]] * first;
      u[c[a]] -= first * lam;
    }
    penalty += (q * lam) / 2;
  });
  return { plik: ev.loglik - penalty, penalty, u, hmat, pen };
}

/** Newton–Raphson on ℓ_p from `init` as coxfit5_b: step-halving half way back to the last good β. */
function innerNewton(d: CoxData, init: Float64Array, specs: readonly CoxPenaltySpec[], lambdas: readonly number[], eps: number, iterMax: number, toler: number): InnerFit {
  const p = d.p;
  const ws = makeWorkspace(p);
  let beta = Float64Array.from(init);
  let oldbeta = Float64Array.from(init);
  let loglik = 0;
  let halving = false;
  for (let iter = 0; ; iter++) {
    const ev = evaluatePenalized(d, beta, ws, specs, lambdas);
    const newlk = ev.plik;
    const factor = ldlDecompose(ev.hmat, p, toler);
    const fit = { beta, plik: newlk, penalty: ev.penalty, hmat: ev.hmat, pen: ev.pen, factor, iterations: iter };
    if (Math.abs(newlk) < eps || (Math.abs(1 - loglik / newlk) <= eps && !halving)) return { ...fit, converged: true };
    if (iter === iterMax) return { ...fit, converged: false };
    if (iter > 0 && newlk < loglik) {
      halving = true;
      const nb = new Float64Array(p);
      for (let i = 0; i < p; i++) nb[i] = (oldbeta[i] + beta[i]) / 2;
      beta = nb;
    } else {
      halving = false;
      loglik = newlk;
      const step = ldlSolve(factor, ev.u);
      oldbeta = beta;
      beta = new Float64Array(p);
      for (let i = 0; i < p; i++) beta[i] = oldbeta[i] + step[i];
    }
  }
}

function chisqTest(statistic: number, df: number): CoxTest {
  return { statistic, df, p: df > 0 && Number.isFinite(statistic) ? chisqSf(statistic, df) : Number.NaN };
}

/**
 * Fits a Cox model in which some terms are penalised (see the module comment); `terms` are the model's
 * terms (column indices each), penalised ones included, for the per-term df.
 *
 * R equivalent: `coxph(Surv(time, status) ~ pspline(age, df = 4) + sex, ties = "efron")` (coxpenal.fit).
 *
 * @example
 * ```ts
 * const fit = coxPenalizedFit(input, [{ label: "pspline(age)", columns: [0, 1, 2], pmat, smoothing: { method: "fixed", theta: 0.5 }, nterm: 2, centres: [1, 2, 3] }], [{ label: "pspline(age)", columns: [0, 1, 2] }]);
 * fit.penalized?.terms[0].df; // effective degrees of freedom
 * ```
 */
export function coxPenalizedFit(input: CoxInput, specs: readonly CoxPenaltySpec[], terms: readonly { readonly label: string; readonly columns: readonly number[] }[], control: CoxPenalizedControl = {}): CoxResult {
  const ties = control.ties ?? "efron";
  if (ties !== "efron" && ties !== "breslow") throw optionError("ties", '"efron" or "breslow"', ties);
  const eps = control.eps ?? 1e-9;
  if (!(eps > 0)) throw optionError("eps", "a positive number", eps);
  const iterMax = control.iterMax ?? 20;
  if (!Number.isInteger(iterMax) || iterMax < 0) throw optionError("iterMax", "a non-negative integer", iterMax);
  const outerMax = control.outerMax ?? 10;
  if (!Number.isInteger(outerMax) || outerMax < 1) throw optionError("outerMax", "a positive integer", outerMax);
  const tolerChol = control.tolerChol ?? CHOLESKY_TOLERANCE;
  if (!(tolerChol > 0)) throw optionError("tolerChol", "a positive number", tolerChol);
  const confLevel = control.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  if (control.init !== undefined && control.init.length !== input.p) throw optionError("init", `an array of ${input.p} numbers`, control.init);
  const timefix = control.timefix ?? true;
  if (input.entry !== undefined) {
    throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: "a penalised spline pspline() is not available with Surv(start, stop, event) data", hint: "use rcs(x, 4) or ns(x, df = 3) for counting-process data" });
  }
  if (control.robust === true || input.cluster !== undefined) {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "a robust variance (or cluster()) is not defined for a penalised Cox model (survival ignores it with a warning)", hint: "drop --robust and cluster(), or use rcs()/ns() instead of pspline()" });
  }
  const p = input.p;
  const n = input.time.length;
  const prep = prepareCoxData(input, ties === "efron", timefix);
  // coxfit5: unweighted column means, no scaling; {−1, 0, 1} columns not centred
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let zeroOne = true;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = input.x[j * n + i];
      if (v !== 0 && v !== 1 && v !== -1) zeroOne = false;
      s += v;
    }
    means[j] = zeroOne ? 0 : s / n;
  }
  const { rowOf } = prep.data;
  const xs = new Float64Array(rowOf.length * p);
  for (let k = 0; k < rowOf.length; k++) for (let j = 0; j < p; j++) xs[k * p + j] = input.x[j * n + rowOf[k]] - means[j];
  const data: CoxData = { ...prep.data, xs };

  const init = new Float64Array(p);
  if (control.init) for (let j = 0; j < p; j++) init[j] = control.init[j];
  // iteration 0 of each term's control function
  const search: (DfSearchState | null)[] = specs.map((s) => (s.smoothing.method === "df" ? dfSearchStart(s.smoothing.df, s.nterm) : null));
  let thetas = specs.map((s, k) => (s.smoothing.method === "fixed" ? s.smoothing.theta : (search[k] as DfSearchState).theta));
  const ll0fit = evaluatePenalized(data, init, makeWorkspace(p), specs, thetas.map(lambdaOf));
  const loglik0 = ll0fit.plik;

  const termColumns = terms.map((t) => t.columns);
  const penalizedTermIndex = specs.map((s) => terms.findIndex((t) => t.columns.length === s.columns.length && t.columns.every((c, i) => c === s.columns[i])));
  const thetaSave: number[][] = [thetas];
  const coefSave: Float64Array[] = [];
  let start = init;
  let newtonTotal = 0;
  const innerFailed: number[] = [];
  let fit: InnerFit | undefined;
  let dfs: ReturnType<typeof penalizedDf> | undefined;
  let penalty0 = 0;
  let usedThetas = thetas;
  let outer = 0;
  let searchDone = false;
  for (outer = 1; outer <= outerMax; outer++) {
    const bad = thetas.findIndex((t) => !(t < 1));
    if (bad >= 0) {
      // R's pspline penalty then forces the term's coefficients to 0 (flag = TRUE); not reproduced here
      throw new SurvinferError({
        code: "FORMULA_UNSUPPORTED",
        message: `${specs[bad].label}: the search for the smoothing parameter reached θ = ${thetas[bad]} (outside (0, 1)), where survival would set the term to zero`,
        hint: "give a larger df, or theta = a value below 1, or model the covariate linearly",
      });
    }
    usedThetas = thetas;
    fit = innerNewton(data, start, specs, thetas.map(lambdaOf), eps, iterMax, tolerChol);
    newtonTotal += fit.iterations;
    if (fit.iterations >= iterMax) innerFailed.push(outer);
    dfs = penalizedDf(fit, p, termColumns, tolerChol);
    if (outer === 1) penalty0 = fit.penalty;
    let done = true;
    const next = specs.map((s, k) => {
      const st = search[k];
      if (s.smoothing.method === "fixed" || st === null) return s.smoothing.method === "fixed" ? s.smoothing.theta : thetas[k];
      const step = dfSearchNext(st, dfs?.df[penalizedTermIndex[k]] ?? Number.NaN, s.smoothing.df, s.smoothing.eps, outer);
      search[k] = step.state;
      done = done && step.done;
      return step.state.theta;
    });
    if (done) {
      searchDone = true;
      break;
    }
    thetas = next;
    // start the next fit from the earlier fit whose θ was closest (the first of equals)
    coefSave.push(fit.beta);
    let which = 0;
    let best = Number.POSITIVE_INFINITY;
    thetaSave.forEach((ts, w) => {
      const dist = ts.reduce((acc, t, k) => acc + (t - thetas[k]) ** 2, 0);
      if (dist < best) {
        best = dist;
        which = w;
      }
    });
    start = Float64Array.from(coefSave[which]);
    thetaSave.push(thetas);
  }
  // outerMax ≥ 1: the loop ran at least once
  if (fit === undefined || dfs === undefined) throw optionError("outerMax", "a positive integer", outerMax);
  const outerIterations = Math.min(outer, outerMax);

  const warnings: string[] = [];
  if (innerFailed.length > 0 && iterMax > 1) warnings.push(`the Newton–Raphson iterations did not converge in outer iteration(s) ${innerFailed.join(", ")}`);
  specs.forEach((s, k) => {
    if (s.smoothing.method === "df" && !searchDone) {
      warnings.push(`${s.label}: the search for the smoothing parameter stopped after ${outerMax} outer iterations at df = ${(dfs?.df[penalizedTermIndex[k]] ?? Number.NaN).toFixed(2)} (target ${s.smoothing.df}); R reports this fit without a warning`);
    }
  });

  const beta = fit.beta;
  const v = dfs.var;
  const v2 = dfs.var2;
  const loglik1 = fit.plik + fit.penalty;
  const sumDf = dfs.df.reduce((a, b) => a + b, 0);
  // linear predictors: offset + xβ − Σ β·means (input order, offset uncentred as coxpenal.fit)
  let shift = 0;
  for (let j = 0; j < p; j++) shift += beta[j] * means[j];
  const lp = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = (input.offset?.[i] ?? 0) - shift;
    for (let j = 0; j < p; j++) s += input.x[j * n + i] * beta[j];
    lp[i] = s;
  }
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const singular = Array.from({ length: p }, (_, j) => fit?.factor.rank !== p && v[j * p + j] === 0);
  const termRows: CoxTerm[] = [];
  for (let j = 0; j < p; j++) {
    const name = input.columnNames[j];
    if (singular[j]) {
      termRows.push({ name, coef: null, hr: null, se: null, robustSe: null, z: null, p: null, lower: null, upper: null });
      warnings.push(`covariate "${name}" is collinear with the others and was dropped (coefficient NA in R)`);
      continue;
    }
    const b = beta[j];
    const se = Math.sqrt(v[j * p + j]);
    const z = b / se;
    termRows.push({ name, coef: b, hr: Math.exp(b), se, robustSe: null, z, p: normalTwoSidedP(z), lower: Math.exp(b - zq * se), upper: Math.exp(b + zq * se) });
  }
  const keep = termRows.map((_, j) => j).filter((j) => !singular[j]);
  const wald = keep.length === 0 ? chisqTest(Number.NaN, 0) : chisqTest(quadFormInverse(block(v, p, keep), keep.length, keep.map((j) => beta[j] - (control.init?.[j] ?? 0)), tolerChol).value, sumDf);

  const penalizedTerms: CoxPenalizedTermResult[] = specs.map((s, k) => {
    const cols = s.columns;
    const coef = Float64Array.from(cols, (c) => beta[c]);
    const df = dfs?.df[penalizedTermIndex[k]] ?? Number.NaN;
    const st = search[k];
    return {
      label: s.label,
      columns: [...cols],
      method: s.smoothing.method,
      theta: usedThetas[k],
      targetDf: s.smoothing.method === "df" ? s.smoothing.df : null,
      df,
      search: st === null ? [] : st.thetas.slice(2).map((t, i) => ({ theta: t, df: st.dfs[i + 2] })),
      ...linearNonlinear(coef, block(v, p, cols), block(v2, p, cols), s.centres, df),
    };
  });
  const penalized: CoxPenalizedResult = {
    var2: toRows(v2, p),
    termLabels: terms.map((t) => t.label),
    df: dfs.df,
    penalty: [penalty0, fit.penalty],
    outerIterations,
    newtonIterations: newtonTotal,
    terms: penalizedTerms,
  };
  const concordance = coxConcordance(prep.time, prep.status, null, lp, prep.weights, prep.stratum, prep.nStrata);
  return {
    schemaVersion: 1,
    method: "coxph",
    n,
    nEvent: prep.nEvent,
    columnNames: [...input.columnNames],
    terms: termRows,
    coef: termRows.map((t) => t.coef),
    var: toRows(v, p),
    naiveVar: null,
    loglik: [loglik0, loglik1],
    tests: { lr: chisqTest(2 * (loglik1 - loglik0), sumDf), wald, score: chisqTest(Number.NaN, sumDf), robustScore: null },
    concordance,
    iterations: newtonTotal,
    converged: innerFailed.length === 0 && (searchDone || specs.every((s) => s.smoothing.method === "fixed")),
    means: Array.from(means),
    linearPredictors: lp,
    options: { ties, eps, iterMax, tolerChol, tolerInf: control.tolerInf ?? Math.sqrt(eps), robust: false, confLevel, timefix, counting: false },
    penalized,
    warnings,
  };
}
