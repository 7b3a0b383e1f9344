/**
 * Parametric mixture cure models by maximum likelihood (Farewell 1982): logistic incidence and a Weibull,
 * log-normal or log-logistic latency (src/survival/cure/latency.ts).
 * Written by hand: no JS library fits cure models; the likelihood, its analytic gradient and a
 * damped Newton method are short.
 */
import { SurvinferError } from "../../errors.js";
import { logisticRegression } from "../../regression/logistic.js";
import { ldlDecompose, ldlInverse, ldlSolve } from "../../math/linalg.js";
import { normalQuantile } from "../../math/distributions.js";
import { LATENCY_FAMILIES, type LatencyDistribution, type LatencyFamily } from "./latency.js";
import { coefficientTable, cureFractionSummary, expit, validateConfLevel, validateCureInput, withIntercept, type CureCoefficient, type CureFractionSummary, type CureInput, type CureProfile } from "./design.js";

export interface ParametricCureOptions {
  /** Latency distribution of the uncured; default "weibull". */
  readonly distribution?: LatencyDistribution;
  /** Confidence level of the Wald intervals and cure-fraction CIs; default 0.95. */
  readonly confLevel?: number;
  /** Covariate profiles (incidence covariates, no intercept) at which to report the cure fraction. */
  readonly profiles?: readonly CureProfile[];
  /** Newton iterations at most; default 200. */
  readonly iterMax?: number;
  /**
   * Relative-survival (excess-hazard) cure: each patient's expected population hazard h*ᵢ at tᵢ, per unit of
   * `time` (src/survival/relative/). The model is then S(t) = S*(t)·[π + (1 − π) S_u(t)], the cure fraction
   * the fraction with no excess mortality.
   */
  readonly expectedHazard?: Float64Array;
}

export type ParametricCureMethod = `${LatencyDistribution}-mixture-cure`;

export interface ParametricCureResult {
  readonly schemaVersion: 1;
  readonly method: ParametricCureMethod;
  readonly distribution: LatencyDistribution;
  readonly n: number;
  readonly nEvent: number;
  /** Logistic model for being UNCURED: 1 − π(z) = expit(γ₀ + zᵀγ) (smcure's parametrisation). */
  readonly incidence: readonly CureCoefficient[];
  /** Latency log-rate coefficients β: S_u(t|x) = S₀(α(log λ + xᵀβ + log t)); Weibull: exp(−(λ e^{xᵀβ} t)^α). */
  readonly latency: readonly CureCoefficient[];
  /** Weibull only (else empty): latency hazard ratio per unit of each x among the uncured, e^{αβⱼ}, CI by the delta method on αβⱼ. */
  readonly latencyHazardRatio: readonly { readonly name: string; readonly hr: number; readonly lower: number; readonly upper: number }[];
  /** Every family: time ratio among the uncured e^{−βⱼ} (accelerated failure time), Wald CI on βⱼ. */
  readonly latencyTimeRatio: readonly { readonly name: string; readonly ratio: number; readonly lower: number; readonly upper: number }[];
  /** Generalised gamma only: its shape Q (Q = 1 Weibull, Q → 0 log-normal), θ's last entry. */
  readonly q?: CureCoefficient;
  /** log λ and log α with their SEs. */
  readonly logLambda: CureCoefficient;
  readonly logShape: CureCoefficient;
  readonly lambda: number;
  readonly shape: number;
  /** Parameter vector θ = (γ₀, γ, β, log λ, log α) and its covariance (inverse observed information). */
  readonly theta: readonly number[];
  readonly parameterNames: readonly string[];
  readonly vcov: readonly (readonly number[])[];
  readonly loglik: number;
  /** Number of estimated parameters k and Akaike's criterion −2ℓ + 2k. */
  readonly nParameters: number;
  readonly aic: number;
  /** Cure fraction at the mean covariate profile, averaged over patients, and at the requested profiles. */
  readonly cureFraction: CureFractionSummary;
  /** Per patient (input order): P(cured | T > tᵢ, x, z) for the censored, 0 for events. */
  readonly cureProbability: readonly number[];
  /** Per patient: the unconditional cure probability π(zᵢ). */
  readonly cureFractionPerPatient: readonly number[];
  readonly convergence: { readonly iterations: number; readonly converged: boolean; readonly maxAbsGradient: number };
  readonly options: { readonly distribution: LatencyDistribution; readonly confLevel: number; readonly iterMax: number; readonly hessian: "numerical (central differences of the analytic gradient)"; readonly link: "logit"; readonly relativeSurvival: boolean };
  readonly warnings: readonly string[];
}

/** Model data prepared once: zFull has the intercept; logT = log tᵢ. */
interface WbData {
  n: number;
  pz: number;
  px: number;
  zFull: Float64Array;
  x: Float64Array;
  d: Float64Array;
  logT: Float64Array;
  /** true: the plain latency model (no cure fraction; only β, log λ, log α). */
  noCure: boolean;
  fam: LatencyFamily;
  /** Expected hazard h*ᵢ at tᵢ (relative-survival cure), or null. */
  hStar: Float64Array | null;
}

/**
 * Log-likelihood and gradient at θ, with wᵢ = α(log λ + xᵢᵀβ + log tᵢ) and pᵢ = expit(z̃ᵢᵀγ). Event i:
 * log pᵢ + log α − log tᵢ + log g₀(wᵢ); censored: log(1 − pᵢ + pᵢ S₀(wᵢ)).
 * ∂w/∂β = αx, ∂w/∂log λ = α, ∂w/∂log α = w.
 */
function evaluate(m: WbData, theta: Float64Array, grad: Float64Array | null, analyticOnly = false): number {
  const { n, pz, px, zFull, x, d, logT } = m;
  // the generalised gamma's Q is θ's last entry: the family at that Q, and ∂ℓ/∂Q by central differences of ℓ
  const withShape = m.fam.withShape;
  const fam = withShape === undefined ? m.fam : withShape(theta[theta.length - 1]);
  if (withShape !== undefined && grad !== null && !analyticOnly) {
    const kq = theta.length - 1;
    const step = 1e-5;
    const tq = Float64Array.from(theta);
    tq[kq] = theta[kq] + step;
    const up = evaluate(m, tq, null);
    tq[kq] = theta[kq] - step;
    const down = evaluate(m, tq, null);
    const ll = evaluate(m, theta, grad, true);
    grad[kq] = (up - down) / (2 * step);
    return ll;
  }
  const kz = m.noCure ? 0 : pz;
  const logLambda = theta[kz + px];
  const alpha = Math.exp(theta[kz + px + 1]);
  if (grad) grad.fill(0);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let lin = logLambda + logT[i];
    for (let j = 0; j < px; j++) lin += x[j * n + i] * theta[kz + j];
    const w = alpha * lin;
    let eta = 0;
    for (let j = 0; j < kz; j++) eta += zFull[j * n + i] * theta[j];
    const p = m.noCure ? 1 : expit(eta);
    let dz: number;
    let dw: number;
    if (d[i] === 1 && m.hStar !== null && !m.noCure) {
      // excess-hazard event: log(h*·D + p·f_u), D = 1 − p + p·S_u (Lambert et al. 2007)
      const e = Math.exp(fam.logSurv(w));
      const D = 1 - p + p * e;
      const fu = Math.exp(Math.log(alpha) - logT[i] + fam.logDens(w));
      const hs = m.hStar[i];
      const A = hs * D + p * fu;
      ll += Math.log(A);
      dz = (hs * p * (1 - p) * (e - 1) + p * (1 - p) * fu) / A;
      dw = (hs * p * e * fam.dLogSurv(w) + p * fu * fam.dLogDens(w)) / A;
      if (grad) grad[kz + px + 1] += (p * fu) / A;
    } else if (d[i] === 1) {
      ll += (m.noCure ? 0 : Math.log(p)) + Math.log(alpha) - logT[i] + fam.logDens(w);
      dz = 1 - p;
      dw = fam.dLogDens(w);
      if (grad) grad[kz + px + 1] += 1;
    } else if (m.noCure) {
      ll += fam.logSurv(w);
      dz = 0;
      dw = fam.dLogSurv(w);
    } else {
      const e = Math.exp(fam.logSurv(w));
      const D = 1 - p + p * e;
      ll += Math.log(D);
      dz = (p * (1 - p) * (e - 1)) / D;
      dw = (p * e * fam.dLogSurv(w)) / D;
    }
    if (grad) {
      for (let j = 0; j < kz; j++) grad[j] += dz * zFull[j * n + i];
      for (let j = 0; j < px; j++) grad[kz + j] += alpha * dw * x[j * n + i];
      grad[kz + px] += alpha * dw;
      grad[kz + px + 1] += dw * w;
    }
  }
  return ll;
}

/**
 * Hessian by central differences of the analytic gradient, h = 1e-5·max(1, |θⱼ|), symmetrised. The
 * generalised gamma's Q row is taken from the Q column (differences of the analytic components) and its
 * diagonal from second differences of ℓ (h = 1e-4), not from its numerical ∂ℓ/∂Q.
 */
function numericalHessian(m: WbData, theta: Float64Array): Float64Array {
  const k = theta.length;
  const h = new Float64Array(k * k);
  const gp = new Float64Array(k);
  const gm = new Float64Array(k);
  const tp = Float64Array.from(theta);
  for (let j = 0; j < k; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(theta[j]));
    tp[j] = theta[j] + step;
    evaluate(m, tp, gp);
    tp[j] = theta[j] - step;
    evaluate(m, tp, gm);
    tp[j] = theta[j];
    for (let a = 0; a < k; a++) h[a * k + j] = (gp[a] - gm[a]) / (2 * step);
  }
  if (m.fam.withShape !== undefined) {
    const q = k - 1;
    for (let j = 0; j < q; j++) h[q * k + j] = h[j * k + q];
    const step = 1e-4;
    tp[q] = theta[q] + step;
    const up = evaluate(m, tp, null);
    tp[q] = theta[q] - step;
    const down = evaluate(m, tp, null);
    tp[q] = theta[q];
    h[q * k + q] = (up - 2 * evaluate(m, theta, null) + down) / (step * step);
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const s = (h[a * k + b] + h[b * k + a]) / 2;
      h[a * k + b] = s;
      h[b * k + a] = s;
    }
  }
  return h;
}

/**
 * Maximises the log-likelihood by Newton's method on the numerical Hessian, damped (Levenberg: −H + μI
 * until positive definite) and with step-halving when the log-likelihood falls. Converged when the
 * change of ℓ is below 1e-13·(1 + |ℓ|) and max |∂ℓ/∂θ| ≤ 1e-7·(1 + |ℓ|). Never throws.
 */
function maximise(m: WbData, start: Float64Array, iterMax: number): { theta: Float64Array; ll: number; iterations: number; converged: boolean; maxGrad: number } {
  const k = start.length;
  let theta = Float64Array.from(start);
  const g = new Float64Array(k);
  let ll = evaluate(m, theta, g);
  let iterations = 0;
  let converged = false;
  for (iterations = 1; iterations <= iterMax; iterations++) {
    const h = numericalHessian(m, theta);
    let step: Float64Array | null = null;
    let mu = 0;
    for (let attempt = 0; attempt < 60 && step === null; attempt++) {
      const a = new Float64Array(k * k);
      for (let q = 0; q < k * k; q++) a[q] = -h[q];
      for (let q = 0; q < k; q++) a[q * k + q] += mu;
      const f = ldlDecompose(a, k);
      let pd = f.rank === k;
      if (pd) for (let q = 0; q < k; q++) if (!(f.ld[q * k + q] > 0)) pd = false;
      if (pd) step = ldlSolve(f, g);
      else mu = mu === 0 ? 1e-6 * (1 + maxAbsDiag(h, k)) : mu * 10;
    }
    if (step === null) break;
    let scale = 1;
    let next = new Float64Array(k);
    let llNext = -Infinity;
    const gNext = new Float64Array(k);
    for (let half = 0; half < 40; half++) {
      for (let q = 0; q < k; q++) next[q] = theta[q] + scale * step[q];
      llNext = evaluate(m, next, gNext);
      if (Number.isFinite(llNext) && llNext >= ll - 1e-12 * Math.abs(ll)) break;
      scale /= 2;
    }
    if (!Number.isFinite(llNext)) break;
    const change = Math.abs(llNext - ll);
    theta = next;
    next = new Float64Array(k);
    ll = llNext;
    g.set(gNext);
    if (change <= 1e-13 * (1 + Math.abs(ll)) && maxAbs(g) <= 1e-7 * (1 + Math.abs(ll))) {
      converged = true;
      break;
    }
  }
  return { theta, ll, iterations: Math.min(iterations, iterMax), converged, maxGrad: maxAbs(g) };
}

/**
 * The generalised gamma cure fit: maximised from the Weibull fit with Q = 1 and from the log-normal fit with
 * Q = ±0.05 (the families it nests), keeping the highest log-likelihood.
 */
function gengammaFit(model: WbData, input: CureInput, options: ParametricCureOptions, iterMax: number): ReturnType<typeof maximise> {
  const sub = { expectedHazard: options.expectedHazard, iterMax };
  const wb = parametricCure(input, { ...sub, distribution: "weibull" }).theta;
  const ln = parametricCure(input, { ...sub, distribution: "lognormal" }).theta;
  let best: ReturnType<typeof maximise> | null = null;
  for (const start of [[...wb, 1], [...ln, 0.05], [...ln, -0.05]]) {
    const f = maximise(model, Float64Array.from(start), iterMax);
    if (best === null || (Number.isFinite(f.ll) && (f.ll > best.ll || !Number.isFinite(best.ll)))) best = f;
  }
  return best!;
}

/** The expected hazards: one finite value ≥ 0 per patient. */
function validExpectedHazard(h: Float64Array, n: number): Float64Array {
  if (h.length !== n) throw new SurvinferError({ code: "DATA_DIMENSION", message: `expectedHazard has ${h.length} values; time has ${n}` });
  const bad = h.findIndex((v) => !(v >= 0 && Number.isFinite(v)));
  if (bad >= 0) throw new SurvinferError({ code: "DATA_LIFE_TABLE_VALUE", row: bad + 1, value: String(h[bad]), message: `the expected hazard of data row ${bad + 1} is not a finite number ≥ 0`, hint: "check the life table's rates" });
  return h;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

function maxAbsDiag(h: Float64Array, k: number): number {
  let m = 0;
  for (let q = 0; q < k; q++) m = Math.max(m, Math.abs(h[q * k + q]));
  return m;
}

/**
 * The parametric mixture cure log-likelihood ℓ(θ) and its analytic gradient at θ = (γ₀, γ, β, log λ, log α)
 * (same order as `ParametricCureResult.theta`); for checks and profile likelihoods. Validates its input.
 */
export function parametricCureLogLik(input: CureInput, theta: readonly number[], distribution: LatencyDistribution = "weibull", expectedHazard?: Float64Array): { loglik: number; gradient: number[] } {
  validateCureInput(input, true);
  const n = input.time.length;
  const pz = input.zNames.length + 1;
  const px = input.xNames.length;
  const extra = distribution === "gengamma" ? 1 : 0;
  if (theta.length !== pz + px + 2 + extra) throw new SurvinferError({ code: "OPTION_INVALID", message: `theta must have ${pz + px + 2 + extra} values; got ${theta.length}` });
  const m: WbData = { n, pz, px, zFull: withIntercept(input.z, n, pz - 1), x: input.x, d: Float64Array.from(input.status), logT: Float64Array.from(input.time, Math.log), noCure: false, fam: LATENCY_FAMILIES[distribution], hStar: expectedHazard === undefined ? null : validExpectedHazard(expectedHazard, n) };
  const g = new Float64Array(theta.length);
  const loglik = evaluate(m, Float64Array.from(theta), g);
  return { loglik, gradient: Array.from(g) };
}

/**
 * Parametric mixture cure model.
 *
 * S(t | x, z) = π(z) + (1 − π(z)) S_u(t | x), with
 *   1 − π(z) = expit(γ₀ + zᵀγ)            (probability of being uncured, as smcure parametrises it),
 *   S_u(t | x) = S₀(α(log λ + xᵀβ + log t)) (latency; β are log-rate coefficients), S₀ per family:
 *     Weibull exp(−e^w) = exp(−(λ e^{xᵀβ} t)^α); log-normal Φ(−w); log-logistic 1/(1 + e^w).
 * Log-likelihood (Farewell 1982, doi:10.2307/2529885):
 *   ℓ(θ) = Σ δᵢ [log pᵢ + log f_u(tᵢ|xᵢ)] + (1 − δᵢ) log(1 − pᵢ + pᵢ S_u(tᵢ|xᵢ)),  pᵢ = 1 − π(zᵢ).
 * Weibull: the latency hazard is α λ^α e^{αxᵀβ} t^{α−1}, so the latency hazard ratio per unit of x is e^{αβ};
 * every family: the uncured's times scale by e^{−xᵀβ} (time ratio e^{−β}).
 *
 * Estimation: start from glm(δ ~ z, binomial) for γ and a plain latency fit (no cure) for (β, log λ, log α);
 * maximise by damped Newton with the analytic gradient and a numerical Hessian (central differences
 * of the gradient). Variance: inverse of the observed information at θ̂ (that numerical Hessian).
 * Cure fractions: delta method on the logit scale. Cure probability of patient i:
 * P(cured | T > tᵢ) = π / (π + (1 − π) S_u(tᵢ)) if censored, 0 after an event.
 *
 * R equivalent: `flexsurvcure::flexsurvcure(Surv(t, d) ~ z, anc = list(scale = ~ x), dist = "weibull",
 * mixture = TRUE)` (dist "lnorm" with meanlog = −log λ − xᵀβ, sdlog = 1/α; "llogis" with shape α,
 * scale 1/(λ e^{xᵀβ})) (not packaged for Debian; the golden fixtures maximise the same likelihood with
 * `optim`, tools/oracle/cure.R). Weibull conversion: flexsurv's shape = α, scale = 1/(λ e^{xᵀβ}) (so its scale
 * coefficients are −β and its log scale is −log λ); its `theta` is the CURE probability, so its logit
 * coefficients are −γ. See also Sy & Taylor 2000, doi:10.1111/j.0006-341X.2000.00227.x.
 *
 * @example
 * ```ts
 * const fit = parametricCure({
 *   time: Float64Array.from([2, 5, 9, 12, 30, 30, 30, 4]),
 *   status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1]),
 *   z: new Float64Array(0), zNames: [], x: new Float64Array(0), xNames: [],
 * }, { distribution: "lognormal" });
 * fit.cureFraction.meanProfile.estimate; // estimated cured fraction
 * fit.aic; // −2ℓ + 2k, to compare latencies
 * ```
 */
export function parametricCure(input: CureInput, options: ParametricCureOptions = {}): Readonly<ParametricCureResult> {
  validateCureInput(input, true);
  const distribution = options.distribution ?? "weibull";
  const fam = LATENCY_FAMILIES[distribution];
  if (fam === undefined) throw new SurvinferError({ code: "OPTION_INVALID", message: `latency distribution must be one of ${Object.keys(LATENCY_FAMILIES).join(", ")}; got ${String(distribution)}` });
  const confLevel = options.confLevel ?? 0.95;
  validateConfLevel(confLevel);
  const iterMax = options.iterMax ?? 200;
  const n = input.time.length;
  const pz = input.zNames.length + 1;
  const px = input.xNames.length;
  const zFull = withIntercept(input.z, n, pz - 1);
  const d = new Float64Array(n);
  const logT = new Float64Array(n);
  let nEvent = 0;
  let sumT = 0;
  for (let i = 0; i < n; i++) {
    d[i] = input.status[i];
    nEvent += input.status[i];
    logT[i] = Math.log(input.time[i]);
    sumT += input.time[i];
  }
  const warnings: string[] = [];

  // starting values: logistic on the event indicator; a plain latency fit from the exponential rate
  const glm = logisticRegression({ y: d, x: zFull, columnNames: ["(Intercept)", ...input.zNames] });
  const hStar = options.expectedHazard === undefined ? null : validExpectedHazard(options.expectedHazard, n);
  // (the generalised gamma starts from its nested fits instead: gengammaFit)
  const plain: WbData = { n, pz, px, zFull, x: input.x, d, logT, noCure: true, fam: fam.withShape === undefined ? fam : LATENCY_FAMILIES.weibull, hStar: null };
  const start0 = new Float64Array(px + 2);
  start0[px] = Math.log(nEvent / sumT);
  const wb0 = distribution === "gengamma" ? { theta: start0, converged: false } : maximise(plain, start0, iterMax);
  const start = new Float64Array(pz + px + 2);
  for (let j = 0; j < pz; j++) start[j] = Number.isFinite(glm.coef[j]) ? glm.coef[j] : 0;
  start.set(wb0.converged ? wb0.theta : start0, pz);

  // relative survival: start from the all-cause cure fit (same parameters), then maximise the excess-hazard likelihood
  const allCause: WbData = { ...plain, noCure: false, fam };
  const model: WbData = { ...allCause, hStar };
  // generalised gamma: from the Weibull (Q = 1) and the log-normal (Q = ±0.05) fits of the same model, the best of the three
  const fit =
    distribution === "gengamma"
      ? gengammaFit(model, input, options, iterMax)
      : maximise(model, hStar === null ? start : maximise(allCause, start, iterMax).theta, iterMax);
  if (!fit.converged) warnings.push(`the ${fam.label} cure likelihood did not converge in ${iterMax} iterations (max |gradient| ${fit.maxGrad.toPrecision(3)}); estimates are unreliable`);
  const k = fit.theta.length;
  const h = numericalHessian(model, fit.theta);
  const info = new Float64Array(k * k);
  for (let q = 0; q < k * k; q++) info[q] = -h[q];
  const f = ldlDecompose(info, k);
  const vcov = ldlInverse(f);
  if (f.rank < k) warnings.push("the observed information is singular: some parameters are not identified (e.g. no censored patients, or a covariate constant within the events); their SEs are not reported (null)");
  // a parameter dropped by the factorisation (zero row/column of the inverse) has no SE: NaN (null in JSON)
  const se = new Float64Array(k);
  for (let j = 0; j < k; j++) se[j] = f.ld[j * k + j] === 0 ? Number.NaN : Math.sqrt(Math.max(vcov[j * k + j], 0));
  if (nEvent === n) warnings.push("every patient had the event: no one can be estimated as cured (cure fraction 0) and the incidence coefficients diverge");

  const names = [...["(Intercept)", ...input.zNames].map((s) => `incidence:${s}`), ...input.xNames.map((s) => `latency:${s}`), "log(lambda)", "log(shape)", ...(distribution === "gengamma" ? ["Q"] : [])];
  const table = coefficientTable(names, fit.theta, se, confLevel);
  const gamma = fit.theta.subarray(0, pz);
  const vGamma = new Float64Array(pz * pz);
  for (let a = 0; a < pz; a++) for (let b = 0; b < pz; b++) vGamma[a * pz + b] = vcov[a * k + b];


  // per-patient cure probabilities
  const famAt = fam.withShape === undefined ? fam : fam.withShape(fit.theta[k - 1]);
  const alpha = Math.exp(fit.theta[pz + px + 1]);
  const cureProbability: number[] = [];
  const piPatient: number[] = [];
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < pz; j++) eta += zFull[j * n + i] * gamma[j];
    const pi = expit(-eta);
    piPatient.push(pi);
    if (d[i] === 1) {
      cureProbability.push(0);
      continue;
    }
    let lin = fit.theta[pz + px] + logT[i];
    for (let j = 0; j < px; j++) lin += input.x[j * n + i] * fit.theta[pz + j];
    const su = Math.exp(famAt.logSurv(alpha * lin));
    cureProbability.push(pi / (pi + (1 - pi) * su));
  }

  const strip = (c: CureCoefficient, name: string): CureCoefficient => ({ ...c, name });
  // hazard ratio e^{αβ}: ∂(αβ)/∂β = α, ∂(αβ)/∂log α = αβ
  const qz = normalQuantile(1 - (1 - confLevel) / 2);
  const ia = pz + px + 1;
  const latencyHazardRatio = distribution !== "weibull" ? [] : input.xNames.map((name, j) => {
    const ib = pz + j;
    const bj = fit.theta[ib];
    const v = alpha * alpha * (vcov[ib * k + ib] + 2 * bj * vcov[ib * k + ia] + bj * bj * vcov[ia * k + ia]);
    const se = Math.sqrt(Math.max(v, 0));
    return { name, hr: Math.exp(alpha * bj), lower: Math.exp(alpha * bj - qz * se), upper: Math.exp(alpha * bj + qz * se) };
  });
  // time ratio e^{−β}: Wald limits on β, swapped
  const latencyTimeRatio = input.xNames.map((name, j) => {
    const c = table[pz + j];
    return { name, ratio: Math.exp(-c.estimate), lower: Math.exp(-c.upper), upper: Math.exp(-c.lower) };
  });
  return Object.freeze({
    schemaVersion: 1 as const,
    method: `${distribution}-mixture-cure` as const,
    distribution,
    n,
    nEvent,
    incidence: table.slice(0, pz).map((c, j) => strip(c, j === 0 ? "(Intercept)" : input.zNames[j - 1])),
    latency: table.slice(pz, pz + px).map((c, j) => strip(c, input.xNames[j])),
    latencyHazardRatio,
    latencyTimeRatio,
    logLambda: strip(table[pz + px], "log(lambda)"),
    logShape: strip(table[pz + px + 1], "log(shape)"),
    ...(distribution === "gengamma" ? { q: strip(table[pz + px + 2], "Q") } : {}),
    lambda: Math.exp(fit.theta[pz + px]),
    shape: alpha,
    theta: Array.from(fit.theta),
    parameterNames: names,
    vcov: Array.from({ length: k }, (_, a) => Array.from(vcov.subarray(a * k, a * k + k))),
    loglik: fit.ll,
    nParameters: k,
    aic: -2 * fit.ll + 2 * k,
    cureFraction: cureFractionSummary(input, zFull, gamma, vGamma, options.profiles ?? [], confLevel),
    cureProbability,
    cureFractionPerPatient: piPatient,
    convergence: { iterations: fit.iterations, converged: fit.converged, maxAbsGradient: fit.maxGrad },
    options: { distribution, confLevel, iterMax, hessian: "numerical (central differences of the analytic gradient)" as const, link: "logit" as const, relativeSurvival: hStar !== null },
    warnings,
  });
}
