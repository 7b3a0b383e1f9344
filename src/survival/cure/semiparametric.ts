/**
 * Semiparametric proportional-hazards mixture cure model fitted by the EM algorithm, step for step
 * as R's smcure (Cai, Zou, Peng & Zhang 2012, doi:10.1016/j.cmpb.2012.08.013), with bootstrap SEs.
 * Written by hand: smcure is an R package only; the EM reuses survinfer's Cox and logistic fitters.
 */
import { logisticRegression } from "../../regression/logistic.js";
import { coxFit } from "../cox/fit.js";
import { streams } from "../../simulate/rng.js";
import { SurvinferError } from "../../errors.js";
import { coefficientTable, cureFractionSummary, expit, validateConfLevel, validateCureInput, withIntercept, type CureCoefficient, type CureFractionSummary, type CureInput, type CureProfile } from "./design.js";

export interface SemiparametricCureOptions {
  /** Bootstrap replicates for the SEs (smcure's nboot; smcure's default is 100). 0 = no SEs. Default 100. */
  readonly bootstrap?: number;
  /** Seed of the bootstrap resampling (xoroshiro128+, pure-rand); default 1. */
  readonly seed?: number;
  /** EM convergence threshold on Σ(Δb)² + Σ(Δβ)² + Σ(ΔS₀)²; smcure's eps = 1e-7. */
  readonly eps?: number;
  /** EM iterations at most + 1, as smcure's emmax = 50 (the loop runs while i < emmax). */
  readonly emmax?: number;
  readonly confLevel?: number;
  readonly profiles?: readonly CureProfile[];
}

export interface SemiparametricCureResult {
  readonly schemaVersion: 1;
  readonly method: "ph-mixture-cure-em";
  readonly n: number;
  readonly nEvent: number;
  /** Logistic model for being UNCURED (smcure's "Cure probability model" coefficients b). SEs from the bootstrap. */
  readonly incidence: readonly CureCoefficient[];
  /** Log hazard ratios of the latency (uncured) Cox model (smcure's beta). SEs from the bootstrap. */
  readonly latency: readonly CureCoefficient[];
  /** Starting values: glm(δ ~ z, quasibinomial) and coxph on the events only (Breslow), as smcure. */
  readonly start: { readonly incidence: readonly number[]; readonly latency: readonly number[] };
  /** Baseline survival of the uncured S₀ at the distinct event times (0 after the last one). */
  readonly baseline: { readonly time: readonly number[]; readonly survival: readonly number[] };
  /** S₀(tᵢ) per patient in input order (smcure's fit$s). */
  readonly baselineSurvivalPerPatient: readonly number[];
  /** The E-step weights of the last iteration (P(uncured | data) under the previous estimates). */
  readonly weights: readonly number[];
  /** Per patient: P(cured | T > tᵢ, x, z) at the final estimates for the censored, 0 for events. */
  readonly cureProbability: readonly number[];
  readonly cureFraction: CureFractionSummary;
  readonly convergence: { readonly iterations: number; readonly tau: number; readonly converged: boolean };
  readonly bootstrap: {
    readonly replicates: number;
    readonly seed: number;
    /** Resamples discarded because their EM did not converge (smcure redraws them). */
    readonly discarded: number;
    /** Bootstrap covariance of (b, β), row-major rows. */
    readonly vcov: readonly (readonly number[])[] | null;
  };
  readonly options: { readonly eps: number; readonly emmax: number; readonly confLevel: number; readonly ties: "breslow"; readonly link: "logit"; readonly zeroTail: true };
  readonly warnings: readonly string[];
}

interface EmData {
  n: number;
  pz: number;
  px: number;
  time: Float64Array;
  d: Float64Array;
  zFull: Float64Array;
  x: Float64Array;
  /** row indices sorted by time ascending */
  order: Int32Array;
  zNames: readonly string[];
  xNames: readonly string[];
}

interface EmOut {
  b: Float64Array;
  beta: Float64Array;
  s: Float64Array;
  w: Float64Array;
  tau: number;
  iterations: number;
  warnings: string[];
}

/**
 * Breslow-type baseline survival of the uncured (smcure's smsurv): at each distinct event time t_j the
 * jump λ_j = d_j / Σ_{tᵢ ≥ t_j} wᵢ e^{xᵢᵀβ}; S₀(t) = exp(−Σ_{t_j ≤ t} λ_j), and S₀(t) = 0 for t beyond the
 * last event time (the zero-tail constraint, Taylor 1995). One pass over the sorted times.
 */
function baselineSurvival(m: EmData, beta: ArrayLike<number>, w: Float64Array): { s: Float64Array; times: number[]; surv: number[] } {
  const { n, px, time, d, x, order } = m;
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lp = 0;
    for (let j = 0; j < px; j++) lp += x[j * n + i] * beta[j];
    risk[i] = w[i] * Math.exp(lp);
  }
  // distinct times descending: accumulate risk sums; record event counts
  const times: number[] = [];
  const lambdas: number[] = [];
  let acc = 0;
  let k = n - 1;
  while (k >= 0) {
    const t = time[order[k]];
    let dj = 0;
    while (k >= 0 && time[order[k]] === t) {
      acc += risk[order[k]];
      dj += d[order[k]];
      k--;
    }
    if (dj > 0) {
      times.push(t);
      lambdas.push(dj / acc);
    }
  }
  times.reverse();
  lambdas.reverse();
  const surv: number[] = [];
  let h = 0;
  for (const l of lambdas) {
    h += l;
    surv.push(Math.exp(-h));
  }
  const tLast = times[times.length - 1];
  const s = new Float64Array(n);
  let j = -1;
  h = 0;
  for (let q = 0; q < n; q++) {
    const i = order[q];
    while (j + 1 < times.length && times[j + 1] <= time[i]) {
      j++;
      h += lambdas[j];
    }
    s[i] = time[i] > tLast ? 0 : Math.exp(-h);
  }
  return { s, times, surv };
}

function logisticStep(m: EmData, y: Float64Array): Float64Array {
  const fit = logisticRegression({ y, x: m.zFull, columnNames: ["(Intercept)", ...m.zNames] });
  return Float64Array.from(fit.coef, (c) => (Number.isFinite(c) ? c : 0));
}

function coxStep(m: EmData, w: Float64Array | null): Float64Array {
  const { n, px } = m;
  if (px === 0) return new Float64Array(0);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (w === null ? m.d[i] === 1 : w[i] !== 0) keep.push(i);
  const nk = keep.length;
  const x = new Float64Array(nk * px);
  const time = new Float64Array(nk);
  const status = new Int32Array(nk);
  const offset = new Float64Array(nk);
  keep.forEach((i, r) => {
    time[r] = m.time[i];
    status[r] = m.d[i];
    offset[r] = w === null ? 0 : Math.log(w[i]);
    for (let j = 0; j < px; j++) x[j * nk + r] = m.x[j * n + i];
  });
  const fit = coxFit({ time, status, x, p: px, columnNames: m.xNames, offset: w === null ? undefined : offset }, { ties: "breslow" });
  return Float64Array.from(fit.coef, (c) => (c === null ? 0 : c));
}

/** One EM run from (b, β) (smcure's em()). Never throws on data. */
function runEm(m: EmData, b0: Float64Array, beta0: Float64Array, eps: number, emmax: number): EmOut {
  const { n, pz, px, zFull, x, d } = m;
  let b = b0;
  let beta = beta0;
  let w = Float64Array.from(d);
  let s = baselineSurvival(m, beta, w).s;
  let tau = 1000;
  let i = 1;
  const warnings: string[] = [];
  while (tau > eps && i < emmax) {
    const wNew = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let eta = 0;
      for (let j = 0; j < pz; j++) eta += zFull[j * n + r] * b[j];
      let lp = 0;
      for (let j = 0; j < px; j++) lp += x[j * n + r] * beta[j];
      const pu = expit(eta);
      const su = Math.pow(s[r], Math.exp(lp));
      wNew[r] = d[r] + ((1 - d[r]) * pu * su) / (1 - pu + pu * su);
    }
    w = wNew;
    const bNew = logisticStep(m, w);
    const betaNew = coxStep(m, w);
    const sNew = baselineSurvival(m, beta, w).s; // as smcure: the baseline uses the previous β
    tau = 0;
    for (let j = 0; j < pz; j++) tau += (bNew[j] - b[j]) ** 2;
    for (let j = 0; j < px; j++) tau += (betaNew[j] - beta[j]) ** 2;
    for (let r = 0; r < n; r++) tau += (s[r] - sNew[r]) ** 2;
    b = bNew;
    beta = betaNew;
    s = sNew;
    i++;
    if (!Number.isFinite(tau)) {
      warnings.push("the EM produced non-finite estimates");
      break;
    }
  }
  return { b, beta, s, w, tau, iterations: i - 1, warnings };
}

/**
 * Semiparametric PH mixture cure model (Peng & Dear 2000, doi:10.1111/j.0006-341X.2000.00237.x;
 * Sy & Taylor 2000, doi:10.1111/j.0006-341X.2000.00227.x), fitted as R's
 * `smcure::smcure(Surv(t, d) ~ x, cureform = ~ z, model = "ph", link = "logit", Var = TRUE, nboot = 100)`.
 *
 * S(t | x, z) = π(z) + (1 − π(z)) S₀(t)^{exp(xᵀβ)}, 1 − π(z) = expit(z̃ᵀb).
 * EM: E-step wᵢ = δᵢ + (1 − δᵢ) pᵢ Sᵤᵢ / (1 − pᵢ + pᵢ Sᵤᵢ), pᵢ = expit(z̃ᵢᵀb), Sᵤᵢ = S₀(tᵢ)^{exp(xᵢᵀβ)};
 * M-step b = glm(w ~ z, quasibinomial), β = coxph(Surv(t, d) ~ x + offset(log w), subset = w ≠ 0,
 * ties = "breslow"), S₀ = the Breslow-type estimate with weights w (computed, as smcure does, with the
 * β of the previous iteration), S₀ = 0 after the last event time. Stop when
 * Σ(Δb)² + Σ(Δβ)² + Σᵢ(ΔS₀(tᵢ))² ≤ eps (1e-7) or after emmax − 1 = 49 iterations.
 * Start: b from glm(δ ~ z), β from coxph on the events only.
 * Variance: bootstrap as smcure — resample events and censored patients separately (stratified by δ),
 * refit by EM from the full-data estimates, keep a replicate only if its EM converged; SE = sample SD.
 * Deliberate differences: the resampling uses survinfer's seeded generator (not R's), so bootstrap SEs
 * agree with smcure's in distribution, not digit for digit; cure fractions get delta-method CIs
 * from the bootstrap covariance of b (smcure reports none).
 *
 * @example
 * ```ts
 * const fit = semiparametricCure({
 *   time: Float64Array.from([2, 5, 9, 12, 30, 30, 31, 4, 7, 28]),
 *   status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1, 1, 0]),
 *   z: new Float64Array(0), zNames: [],
 *   x: Float64Array.from([1, 0, 1, 0, 1, 0, 1, 1, 0, 0]), xNames: ["treated"],
 * }, { bootstrap: 20, seed: 1 });
 * fit.latency[0].estimate; // log hazard ratio among the uncured
 * ```
 */
export function semiparametricCure(input: CureInput, options: SemiparametricCureOptions = {}): Readonly<SemiparametricCureResult> {
  validateCureInput(input, false);
  const nboot = options.bootstrap ?? 100;
  if (!Number.isInteger(nboot) || nboot < 0) throw new SurvinferError({ code: "OPTION_INVALID", message: `option bootstrap must be a non-negative integer; got ${nboot}` });
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) throw new SurvinferError({ code: "OPTION_INVALID", message: `option seed must be an integer in [0, 2^31); got ${seed}` });
  const eps = options.eps ?? 1e-7;
  const emmax = options.emmax ?? 50;
  if (!(eps > 0)) throw new SurvinferError({ code: "OPTION_INVALID", message: `option eps must be > 0; got ${eps}` });
  if (!Number.isInteger(emmax) || emmax < 2) throw new SurvinferError({ code: "OPTION_INVALID", message: `option emmax must be an integer ≥ 2; got ${emmax}` });
  const confLevel = options.confLevel ?? 0.95;
  validateConfLevel(confLevel);

  const m = makeData(input);
  const { n, pz, px } = m;
  const warnings: string[] = [];
  const b0 = logisticStep(m, m.d);
  const beta0 = coxStep(m, null);
  const em = runEm(m, b0, beta0, eps, emmax);
  warnings.push(...em.warnings);
  const converged = em.tau <= eps;
  if (!converged) warnings.push(`the EM did not converge in ${emmax - 1} iterations (change ${em.tau.toPrecision(3)} > eps ${eps})`);

  // bootstrap (smcure: stratified by status, from the full-data estimates, only converged replicates kept)
  const k = pz + px;
  const reps: Float64Array[] = [];
  let discarded = 0;
  if (nboot > 0) {
    const rng = streams(seed, 1)[0];
    const ev: number[] = [];
    const ce: number[] = [];
    for (let i = 0; i < n; i++) (m.d[i] === 1 ? ev : ce).push(i);
    const maxAttempts = 10 * nboot;
    for (let attempt = 0; attempt < maxAttempts && reps.length < nboot; attempt++) {
      const rows = new Int32Array(n);
      let r = 0;
      for (let q = 0; q < ev.length; q++) rows[r++] = ev[Math.floor(rng.uniform() * ev.length)];
      for (let q = 0; q < ce.length; q++) rows[r++] = ce[Math.floor(rng.uniform() * ce.length)];
      const bm = makeData(subsetInput(input, rows));
      const out = runEm(bm, em.b, em.beta, eps, emmax);
      if (out.tau < eps) reps.push(Float64Array.from([...out.b, ...out.beta]));
      else discarded++;
    }
    if (reps.length < nboot) warnings.push(`only ${reps.length} of ${nboot} bootstrap replicates converged after ${maxAttempts} resamples`);
  }
  let vcov: Float64Array | null = null;
  const se = new Float64Array(k).fill(Number.NaN);
  if (reps.length >= 2) {
    vcov = new Float64Array(k * k);
    const mean = new Float64Array(k);
    for (const r of reps) for (let j = 0; j < k; j++) mean[j] += r[j] / reps.length;
    for (const r of reps) for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) vcov[a * k + c] += ((r[a] - mean[a]) * (r[c] - mean[c])) / (reps.length - 1);
    for (let j = 0; j < k; j++) se[j] = Math.sqrt(vcov[j * k + j]);
  }
  if (m.d.every((v) => v === 1)) {
    warnings.push("every patient had the event: no one can be estimated as cured (cure fraction 0) and the incidence coefficients diverge; their SEs are not reported");
    for (let j = 0; j < pz; j++) se[j] = Number.NaN;
  }
  const est = Float64Array.from([...em.b, ...em.beta]);
  const table = coefficientTable([...["(Intercept)", ...input.zNames], ...input.xNames], est, se, confLevel);

  const vGamma = new Float64Array(pz * pz).fill(Number.NaN);
  if (vcov) for (let a = 0; a < pz; a++) for (let c = 0; c < pz; c++) vGamma[a * pz + c] = vcov[a * k + c];
  const base = baselineSurvival(m, em.beta, em.w);
  const cureProbability: number[] = [];
  for (let i = 0; i < n; i++) {
    if (m.d[i] === 1) {
      cureProbability.push(0);
      continue;
    }
    let eta = 0;
    for (let j = 0; j < pz; j++) eta += m.zFull[j * n + i] * em.b[j];
    let lp = 0;
    for (let j = 0; j < px; j++) lp += m.x[j * n + i] * em.beta[j];
    const pu = expit(eta);
    const su = Math.pow(em.s[i], Math.exp(lp));
    cureProbability.push((1 - pu) / (1 - pu + pu * su));
  }

  return Object.freeze({
    schemaVersion: 1 as const,
    method: "ph-mixture-cure-em" as const,
    n,
    nEvent: m.d.reduce((a, v) => a + v, 0),
    incidence: table.slice(0, pz),
    latency: table.slice(pz),
    start: { incidence: Array.from(b0), latency: Array.from(beta0) },
    baseline: { time: base.times, survival: base.surv },
    baselineSurvivalPerPatient: Array.from(em.s),
    weights: Array.from(em.w),
    cureProbability,
    cureFraction: cureFractionSummary(input, m.zFull, em.b, vGamma, options.profiles ?? [], confLevel),
    convergence: { iterations: em.iterations, tau: em.tau, converged },
    bootstrap: { replicates: reps.length, seed, discarded, vcov: vcov ? Array.from({ length: k }, (_, a) => Array.from(vcov.subarray(a * k, a * k + k))) : null },
    options: { eps, emmax, confLevel, ties: "breslow" as const, link: "logit" as const, zeroTail: true as const },
    warnings,
  });
}

function makeData(input: CureInput): EmData {
  const n = input.time.length;
  const pz = input.zNames.length + 1;
  const px = input.xNames.length;
  const time = Float64Array.from(input.time);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  // row indices by time (ties by row), sorted once per fit: O(n log n)
  order.sort((a, b) => time[a] - time[b] || a - b);
  return { n, pz, px, time, d: Float64Array.from(input.status), zFull: withIntercept(input.z, n, pz - 1), x: input.x, order, zNames: input.zNames, xNames: input.xNames };
}

function subsetInput(input: CureInput, rows: Int32Array): CureInput {
  const n = input.time.length;
  const m = rows.length;
  const pick = (a: Float64Array, p: number): Float64Array => {
    const out = new Float64Array(m * p);
    for (let j = 0; j < p; j++) for (let r = 0; r < m; r++) out[j * m + r] = a[j * n + rows[r]];
    return out;
  };
  return {
    time: Float64Array.from(rows, (i) => input.time[i]),
    status: Int32Array.from(rows, (i) => input.status[i]),
    z: pick(input.z, input.zNames.length),
    zNames: input.zNames,
    x: pick(input.x, input.xNames.length),
    xNames: input.xNames,
  };
}
