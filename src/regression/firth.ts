/**
 * Firth's penalised-likelihood logistic regression (bias reduction; finite estimates under separation),
 * written from its definition: maximise l*(β) = l(β) + ½ log|I(β)|, I(β) = XᵀWX, W = diag(wᵢ πᵢ(1 − πᵢ)).
 * The modified score is U*(β)ⱼ = Σᵢ [wᵢ(yᵢ − πᵢ) + hᵢ(½ − πᵢ)] xᵢⱼ with hᵢ the diagonal of the hat matrix
 * W^½X(XᵀWX)⁻¹XᵀW^½; Newton steps δ = I⁻¹U* with step-halving on l* and at most `maxStep` per coefficient
 * (as logistf). Profile penalised-likelihood CIs and penalised LR tests as logistf's defaults.
 */
import { SurvinferError } from "../errors.js";
import { chisqQuantile, chisqSf, normalQuantile, normalTwoSidedP } from "../math/distributions.js";
import { brentRoot } from "../math/optimize.js";
import { choleskyInverse } from "./qr.js";
import { binaryDesign, type LogisticInput } from "./logistic.js";

export interface FirthControl {
  /** Convergence: max |δ| and max |U*| below this. Default 1e-10 (tighter than logistf's 1e-5). */
  readonly tolerance: number;
  readonly maxit: number;
  /** Largest change of any coefficient in one step (logistf maxstep = 5). */
  readonly maxStep: number;
  readonly maxHalving: number;
  /** Profile-likelihood CIs and penalised LR p-values (logistf pl = TRUE). Default true. */
  readonly profile: boolean;
  readonly confLevel: number;
}

export const FIRTH_CONTROL: FirthControl = Object.freeze({ tolerance: 1e-10, maxit: 100, maxStep: 5, maxHalving: 25, profile: true, confLevel: 0.95 });

export interface FirthCoefficient {
  readonly name: string;
  readonly estimate: number;
  /** Wald SE √diag(I(β̂)⁻¹). */
  readonly se: number;
  readonly z: number;
  readonly pWald: number;
  /** Penalised likelihood-ratio test of βⱼ = 0 (logistf's default p-value); null if profile = false. */
  readonly pLR: number | null;
  /** Profile penalised-likelihood limits (logistf's default CI); null if profile = false or not found. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly waldLower: number;
  readonly waldUpper: number;
}

export interface FirthResult {
  readonly method: "firth-penalised-logistic";
  readonly n: number;
  readonly columnNames: readonly string[];
  readonly coefficients: readonly FirthCoefficient[];
  readonly coef: readonly number[];
  readonly vcov: readonly (readonly number[])[];
  /** l*(β̂) = l(β̂) + ½ log|I(β̂)|. */
  readonly penalisedLogLik: number;
  /** Unpenalised l(β̂). */
  readonly logLik: number;
  readonly fittedValues: readonly number[];
  readonly linearPredictors: readonly number[];
  readonly convergence: { readonly iterations: number; readonly converged: boolean };
  readonly options: FirthControl;
  readonly warnings: readonly string[];
}

interface Problem {
  n: number;
  p: number;
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  offset: Float64Array;
}

interface Eval {
  pll: number;
  ll: number;
  score: Float64Array;
  inv: Float64Array;
  info: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  ok: boolean;
}

function evaluate(pr: Problem, beta: Float64Array): Eval {
  const { n, p, x, y, w, offset } = pr;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  let ll = 0;
  const info = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    let s = offset[i];
    for (let j = 0; j < p; j++) s += x[j * n + i] * beta[j];
    eta[i] = s;
    // exact logistic (no glm-style clamping at |η| > 30: the penalty needs πᵢ(1 − πᵢ) far in the tails)
    const m = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    mu[i] = m;
    if (w[i] > 0) {
      // log-likelihood with log(1 + e^η) computed stably
      const log1pe = s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
      ll += w[i] * (y[i] * s - log1pe);
      const wi = w[i] * m * (1 - m);
      for (let a = 0; a < p; a++) {
        const xa = x[a * n + i] * wi;
        for (let b = 0; b <= a; b++) info[a * p + b] += xa * x[b * n + i];
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) info[b * p + a] = info[a * p + b];
  const ch = choleskyInverse(info, p);
  if (ch === null) return { pll: Number.NaN, ll, score: new Float64Array(p), inv: new Float64Array(p * p), info, eta, mu, ok: false };
  const inv = ch.inverse;
  const score = new Float64Array(p);
  const xi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (!(w[i] > 0)) continue;
    for (let j = 0; j < p; j++) xi[j] = x[j * n + i];
    let q = 0;
    for (let a = 0; a < p; a++) {
      let t = 0;
      for (let b = 0; b < p; b++) t += inv[a * p + b] * xi[b];
      q += xi[a] * t;
    }
    const h = w[i] * mu[i] * (1 - mu[i]) * q;
    const r = w[i] * (y[i] - mu[i]) + h * (0.5 - mu[i]);
    for (let j = 0; j < p; j++) score[j] += r * xi[j];
  }
  return { pll: ll + 0.5 * ch.logDet, ll, score, inv, info, eta, mu, ok: true };
}

/** Newton–Raphson with step-halving on l*, the coefficients in `fixed` held at their given values. */
function maximise(pr: Problem, start: Float64Array, fixed: Map<number, number>, ctl: FirthControl): { beta: Float64Array; ev: Eval; iter: number; converged: boolean } {
  const p = pr.p;
  const free: number[] = [];
  for (let j = 0; j < p; j++) if (!fixed.has(j)) free.push(j);
  const beta = Float64Array.from(start);
  for (const [j, v] of fixed) beta[j] = v;
  let ev = evaluate(pr, beta);
  let iter = 0;
  let converged = false;
  const k = free.length;
  for (iter = 1; iter <= ctl.maxit; iter++) {
    if (!ev.ok) break;
    // Newton step on the free coordinates uses the free block of I(β) (Fisher information as Hessian, as logistf)
    const infoFree = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) infoFree[a * k + b] = ev.info[free[a] * p + free[b]];
    const chf = choleskyInverse(infoFree, k);
    if (chf === null) break;
    const delta = new Float64Array(p);
    let maxDelta = 0;
    let maxScore = 0;
    for (let a = 0; a < k; a++) {
      let t = 0;
      for (let b = 0; b < k; b++) t += chf.inverse[a * k + b] * ev.score[free[b]];
      delta[free[a]] = t;
      maxDelta = Math.max(maxDelta, Math.abs(t));
      maxScore = Math.max(maxScore, Math.abs(ev.score[free[a]]));
    }
    if (maxDelta < ctl.tolerance && maxScore < ctl.tolerance) {
      converged = true;
      break;
    }
    if (maxDelta > ctl.maxStep) {
      const s = ctl.maxStep / maxDelta;
      for (let j = 0; j < p; j++) delta[j] *= s;
    }
    let stepScale = 1;
    let next = ev;
    const trial = new Float64Array(p);
    for (let h = 0; h <= ctl.maxHalving; h++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] + stepScale * delta[j];
      next = evaluate(pr, trial);
      if (next.ok && next.pll >= ev.pll - 1e-12 * Math.abs(ev.pll)) break;
      stepScale /= 2;
    }
    beta.set(trial);
    ev = next;
    if (maxDelta * stepScale < ctl.tolerance * 1e-3 && maxScore < Math.sqrt(ctl.tolerance)) {
      converged = true;
      break;
    }
  }
  if (iter > ctl.maxit) iter = ctl.maxit;
  return { beta, ev, iter, converged };
}

/** Finds b on one side of β̂ⱼ where 2(l*(β̂) − l*ₚ(b)) = q, by bracketing then Brent's root finder. */
function profileLimit(pr: Problem, best: Float64Array, pllMax: number, j: number, q: number, se: number, side: 1 | -1, ctl: FirthControl): number | null {
  // The constrained l* can have several local maxima far from β̂ (near separation): start from both β̂ and the
  // previous profile point and keep the higher maximum.
  const f = (b: number, warm: Float64Array): { v: number; beta: Float64Array } => {
    const c = { ...ctl, tolerance: Math.max(ctl.tolerance, 1e-9) };
    let m = maximise(pr, best, new Map([[j, b]]), c);
    if (warm !== best) {
      const m2 = maximise(pr, warm, new Map([[j, b]]), c);
      if (m2.ev.pll > m.ev.pll) m = m2;
    }
    return { v: 2 * (pllMax - m.ev.pll) - q, beta: m.beta };
  };
  let lo = best[j];
  let loV = -q;
  let warm = best;
  let step = Math.max(se, 1e-3);
  let hi = lo + side * step;
  let r = f(hi, warm);
  let k = 0;
  while (r.v < 0 && k < 60) {
    lo = hi;
    loV = r.v;
    warm = r.beta;
    step *= 2;
    hi = lo + side * step;
    r = f(hi, warm);
    k++;
  }
  if (r.v < 0 || !Number.isFinite(r.v)) return null;
  // Brent's method (zeroin) on [lo, hi], where f(lo) < 0 < f(hi); points below the cut-off warm-start the next fit
  const g = (b: number): number => {
    const m = f(b, warm);
    if (m.v < 0) warm = m.beta;
    return m.v;
  };
  return brentRoot(g, lo, hi, loV, r.v, 1e-10, 100);
}

/**
 * Firth's penalised-likelihood logistic regression.
 *
 * β̂ maximises l*(β) = l(β) + ½ log|I(β)| (Firth D. Biometrika 1993;80:27–38, doi:10.1093/biomet/80.1.27;
 * Heinze G, Schemper M. Stat Med 2002;21:2409–2419, doi:10.1002/sim.1047). SE = √diag(I(β̂)⁻¹); CIs and
 * p-values by profile penalised likelihood: {b : 2(l*(β̂) − max l*(β | βⱼ = b)) ≤ χ²₁,₁₋α}.
 * R equivalent: `logistf::logistf(y ~ x, data, firth = TRUE, pl = TRUE)` (logistf is not in Debian; the
 * oracle maximises the same l* in base R). Deliberate difference: convergence to 1e-10 instead of 1e-5.
 *
 * @example
 * ```ts
 * // complete separation: glm diverges, Firth is finite
 * const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
 * const fit = firthLogistic({ y: Int32Array.from([0, 0, 0, 1, 1, 1]), x, columnNames: ["x"], addIntercept: true });
 * fit.coefficients[1].estimate; // finite slope
 * ```
 */
export function firthLogistic(input: LogisticInput, control: Partial<FirthControl> = {}): Readonly<FirthResult> {
  const ctl: FirthControl = { ...FIRTH_CONTROL, ...control };
  const { n, p, names, x, y, w, offset } = binaryDesign(input);
  const pr: Problem = { n, p, x, y, w, offset };
  const warnings: string[] = [];
  const fit = maximise(pr, new Float64Array(p), new Map(), ctl);
  if (!fit.ev.ok) {
    throw new SurvinferError({ code: "MODEL_SINGULAR", message: "the information matrix XᵀWX is singular: a column is constant or collinear with others", hint: "remove the aliased column (see logisticRegression's aliased list)" });
  }
  if (!fit.converged) warnings.push(`Firth fit did not converge in ${ctl.maxit} iterations`);
  const beta = fit.beta;
  const inv = fit.ev.inv;
  const zq = normalQuantile(1 - (1 - ctl.confLevel) / 2);
  const q = chisqQuantile(ctl.confLevel, 1);
  const coefficients: FirthCoefficient[] = names.map((name, j) => {
    const se = Math.sqrt(inv[j * p + j]);
    const z = beta[j] / se;
    let pLR: number | null = null;
    let lower: number | null = null;
    let upper: number | null = null;
    if (ctl.profile) {
      const c = maximise(pr, beta, new Map([[j, 0]]), ctl);
      const stat = Math.max(0, 2 * (fit.ev.pll - c.ev.pll));
      pLR = chisqSf(stat, 1);
      lower = profileLimit(pr, beta, fit.ev.pll, j, q, se, -1, ctl);
      upper = profileLimit(pr, beta, fit.ev.pll, j, q, se, 1, ctl);
      if (lower === null || upper === null) warnings.push(`profile-likelihood limit for "${name}" not found`);
    }
    return { name, estimate: beta[j], se, z, pWald: normalTwoSidedP(z), pLR, lower, upper, waldLower: beta[j] - zq * se, waldUpper: beta[j] + zq * se };
  });
  const vcov: number[][] = [];
  for (let a = 0; a < p; a++) vcov.push(Array.from(inv.subarray(a * p, a * p + p)));
  return Object.freeze({
    method: "firth-penalised-logistic" as const,
    n,
    columnNames: names,
    coefficients,
    coef: Array.from(beta),
    vcov,
    penalisedLogLik: fit.ev.pll,
    logLik: fit.ev.ll,
    fittedValues: Array.from(fit.ev.mu),
    linearPredictors: Array.from(fit.ev.eta),
    convergence: { iterations: fit.iter, converged: fit.converged },
    options: ctl,
    warnings,
  });
}
