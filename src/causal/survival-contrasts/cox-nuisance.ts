/**
 * A Cox model used as a nuisance model of a standardised survival estimator: Breslow ties and Breslow
 * baseline hazard, predictions on the exponential scale S(t | x) = exp(−Λ₀(t) e^{xβ}), and the influence
 * functions of β and of Λ₀(t) (riskRegression::iidCox, Ozenne et al. 2017, R Journal 9(2):440,
 * doi:10.32614/RJ-2017-062):
 *   IF_j(β)      = I⁻¹ U_j                         (U_j the Breslow score residual, R residuals(fit, "score"))
 *   IF_j(dΛ₀(t_k)) = [dN_j(t_k) − Y_j(t_k) r_j dΛ₀(t_k)] / S⁰(t_k) − E(t_k)ᵀ IF_j(β) dΛ₀(t_k)
 * on the scale where var = Σ_j IF_j² (dfbeta scale). Covariates are centred (predictions are invariant).
 * Estimators state their derivative with respect to the individual cumulative hazards H_i(s) = Λ₀(s) r_i as a
 * `HazardGradient`; `hazardGradientIid` turns it into IF_j in O(n + K) (reverse/forward cumulative sums).
 * Written by hand: no JS library gives Cox influence functions; the fit itself is survinfer's coxFit.
 */
import { SurvinferError } from "../../errors.js";
import { coxFitWithoutConcordance } from "../../survival/cox/fit.js";

export interface CoxNuisance {
  readonly n: number;
  readonly p: number;
  /** Centred design, n × p column-major. */
  readonly xc: Float64Array;
  readonly means: Float64Array;
  readonly beta: Float64Array;
  /** exp(xc_i · β) for the observed rows. */
  readonly risk: Float64Array;
  /** Unique event times t_k (ascending), the Breslow increments dΛ₀, cumulative Λ₀, S⁰ and E = S¹/S⁰ (K × p). */
  readonly jumpTime: Float64Array;
  readonly dLambda: Float64Array;
  readonly cumHaz: Float64Array;
  readonly s0: Float64Array;
  readonly eBar: Float64Array;
  /** IF of β, n × p row-major. */
  readonly iidBeta: Float64Array;
  readonly time: Float64Array;
  readonly event: Uint8Array;
  readonly columnNames: readonly string[];
}

/** d ∂φ/∂H: `w[k]` collects ∂/∂Λ₀(t_k) (times r_i), `b` the part through β (∂/∂β of H_i = H_i · xc_i). */
export interface HazardGradient {
  readonly w: Float64Array;
  readonly b: Float64Array;
}

export function emptyGradient(m: CoxNuisance): HazardGradient {
  return { w: new Float64Array(m.jumpTime.length), b: new Float64Array(m.p) };
}

/** Index of the last jump time ≤ s (strict: < s), −1 if none. */
export function jumpIndex(m: CoxNuisance, s: number, strict = false): number {
  const t = m.jumpTime;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? t[mid] < s : t[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Cumulative baseline hazard at jump index k (0 before the first jump). */
export function cumHazAt(m: CoxNuisance, k: number): number {
  return k < 0 ? 0 : m.cumHaz[k];
}

/**
 * Adds c · ∂H/∂Λ₀ for H = Λ₀(t_k) · risk to the gradient and returns the β scalar c · H, which the caller
 * multiplies by the row's centred covariates (`addBeta`), once per row.
 */
export function addHazard(g: HazardGradient, m: CoxNuisance, k: number, risk: number, c: number): number {
  if (k < 0 || c === 0) return 0;
  g.w[k] += c * risk;
  return c * m.cumHaz[k] * risk;
}

/** b += scalar · row, `row` a centred covariate row (length p). */
export function addBeta(g: HazardGradient, row: ArrayLike<number>, scalar: number): void {
  if (scalar === 0) return;
  for (let l = 0; l < g.b.length; l++) g.b[l] += scalar * row[l];
}

/** The centred covariate row i (observed). */
export function rowOf(m: CoxNuisance, i: number, out: Float64Array = new Float64Array(m.p)): Float64Array {
  for (let l = 0; l < m.p; l++) out[l] = m.xc[l * m.n + i];
  return out;
}

/** IF_j of Σ_k w_k Λ₀(t_k) + bᵀβ-part, for every observed row j (dfbeta scale); adds into `out`. */
export function hazardGradientIid(m: CoxNuisance, g: HazardGradient, out: Float64Array): void {
  const K = m.jumpTime.length;
  const p = m.p;
  const W = new Float64Array(K);
  let acc = 0;
  for (let k = K - 1; k >= 0; k--) {
    acc += g.w[k];
    W[k] = acc;
  }
  const prefix = new Float64Array(K);
  const bEff = Float64Array.from(g.b);
  acc = 0;
  for (let k = 0; k < K; k++) {
    acc += (W[k] * m.dLambda[k]) / m.s0[k];
    prefix[k] = acc;
    for (let l = 0; l < p; l++) bEff[l] -= W[k] * m.eBar[k * p + l] * m.dLambda[k];
  }
  for (let j = 0; j < m.n; j++) {
    const kT = jumpIndex(m, m.time[j]);
    let v = 0;
    if (m.event[j] === 1 && kT >= 0) v += W[kT] / m.s0[kT];
    if (kT >= 0) v -= m.risk[j] * prefix[kT];
    for (let l = 0; l < p; l++) v += bEff[l] * m.iidBeta[j * p + l];
    out[j] += v;
  }
}

/**
 * Fits coxph(Surv(time, event) ~ x, ties = "breslow") and prepares predictions and influence functions.
 * `what` names the model in errors ("outcome" or "censoring").
 */
export function fitCoxNuisance(time: Float64Array, event: Uint8Array, x: Float64Array, columnNames: readonly string[], what: string): CoxNuisance {
  const n = time.length;
  const p = columnNames.length;
  let nEvent = 0;
  for (let i = 0; i < n; i++) nEvent += event[i];
  if (nEvent === 0) {
    throw new SurvinferError({ code: "COX_NO_EVENTS", message: `the ${what} Cox model has no events`, hint: what === "censoring" ? "without censoring use --estimator gformula" : "check the event column" });
  }
  const fit = coxFitWithoutConcordance({ time, status: event, x, p, columnNames }, { ties: "breslow", robust: false });
  const beta = new Float64Array(p);
  for (let l = 0; l < p; l++) {
    const b = fit.coef[l];
    if (b === null || !Number.isFinite(b)) {
      throw new SurvinferError({ code: "COX_COLLINEAR", message: `the ${what} Cox model cannot estimate a coefficient for "${columnNames[l]}" (collinear or constant)`, column: columnNames[l], hint: "drop or recode this covariate" });
    }
    beta[l] = b;
  }
  const means = new Float64Array(p);
  for (let l = 0; l < p; l++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[l * n + i];
    means[l] = s / n;
  }
  const xc = new Float64Array(n * p);
  for (let l = 0; l < p; l++) for (let i = 0; i < n; i++) xc[l * n + i] = x[l * n + i] - means[l];
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let l = 0; l < p; l++) eta += xc[l * n + i] * beta[l];
    risk[i] = Math.exp(eta);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  // suffix sums of r and r·x over the time-sorted rows: S⁰ and S¹ at each distinct time
  const times: number[] = [];
  const dCount: number[] = [];
  const s0: number[] = [];
  const s1: number[] = [];
  let sumR = 0;
  const sumRX = new Float64Array(p);
  let pos = n - 1;
  const revTimes: number[] = [];
  const revD: number[] = [];
  const revS0: number[] = [];
  const revS1: number[][] = [];
  while (pos >= 0) {
    const t = time[order[pos]];
    let d = 0;
    while (pos >= 0 && time[order[pos]] === t) {
      const i = order[pos];
      sumR += risk[i];
      for (let l = 0; l < p; l++) sumRX[l] += risk[i] * xc[l * n + i];
      d += event[i];
      pos--;
    }
    if (d > 0) {
      revTimes.push(t);
      revD.push(d);
      revS0.push(sumR);
      revS1.push(Array.from(sumRX));
    }
  }
  for (let k = revTimes.length - 1; k >= 0; k--) {
    times.push(revTimes[k]);
    dCount.push(revD[k]);
    s0.push(revS0[k]);
    s1.push(...revS1[k]);
  }
  const K = times.length;
  const jumpTime = Float64Array.from(times);
  const dLambda = new Float64Array(K);
  const cumHaz = new Float64Array(K);
  const eBar = new Float64Array(K * p);
  const cumE = new Float64Array(K * p); // Σ_{l ≤ k} E(t_l) dΛ₀(t_l)
  let acc = 0;
  for (let k = 0; k < K; k++) {
    dLambda[k] = dCount[k] / s0[k];
    acc += dLambda[k];
    cumHaz[k] = acc;
    for (let l = 0; l < p; l++) {
      eBar[k * p + l] = s1[k * p + l] / s0[k];
      cumE[k * p + l] = (k > 0 ? cumE[(k - 1) * p + l] : 0) + eBar[k * p + l] * dLambda[k];
    }
  }
  const m0: CoxNuisance = { n, p, xc, means, beta, risk, jumpTime, dLambda, cumHaz, s0: Float64Array.from(s0), eBar, iidBeta: new Float64Array(0), time, event, columnNames };
  // Breslow score residuals U_j = δ_j (x_j − E(T_j)) − r_j Σ_{t_k ≤ T_j} (x_j − E(t_k)) dΛ₀(t_k), IF(β) = U_j I⁻¹
  const iidBeta = new Float64Array(n * p);
  const u = new Float64Array(p);
  const V = fit.naiveVar ?? fit.var;
  for (let j = 0; j < n; j++) {
    const kT = jumpIndex(m0, time[j]);
    for (let l = 0; l < p; l++) {
      const xl = xc[l * n + j];
      let v = 0;
      if (event[j] === 1 && kT >= 0) v += xl - eBar[kT * p + l];
      if (kT >= 0) v -= risk[j] * (xl * cumHaz[kT] - cumE[kT * p + l]);
      u[l] = v;
    }
    for (let l = 0; l < p; l++) {
      let v = 0;
      for (let r = 0; r < p; r++) v += V[l][r] * u[r];
      iidBeta[j * p + l] = v;
    }
  }
  return { ...m0, iidBeta };
}
