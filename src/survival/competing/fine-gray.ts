/**
 * Fine–Gray proportional subdistribution hazards regression, equal to R cmprsk::crr (cmprsk 2.2-11)
 * with time-fixed covariates (`cov1`) and one censoring group.
 *
 * Written by hand because no JavaScript library fits this model. crr's Fortran evaluates every risk
 * set by a full pass over the data (O(n) per failure time, O(n²) and worse for the variance); here
 * the same sums come from one sort and cumulative sums, O(n·p²) per Newton step and for the
 * sandwich variance, which reaches the same numbers (the derivation is in
 * docs/methods/competing-risks.md).
 */
import { SurvinferError, optionError } from "../../errors.js";
import { normalQuantile, normalTwoSidedP, chisqSf } from "../../math/distributions.js";
import { inverseSymmetric, ldlDecompose, ldlSolve } from "../../math/linalg.js";
import { checkLength, checkTimeAndCause, sortRowsByTime } from "./prepare.js";

export interface FineGrayInput {
  /** Follow-up times (≥ 0); NaN is missing. */
  readonly time: Float64Array;
  /** Status code per row: `failcode` = the event of interest, `cencode` = censored, any other non-negative code = a competing event, −1 = missing. */
  readonly cause: Int32Array;
  /** n × p covariates, column-major (x[j·n + i] is row i, column j); NaN is missing. */
  readonly x: Float64Array;
  readonly columnNames: readonly string[];
  /** Code of the event of interest; crr's `failcode`, default 1. */
  readonly failcode?: number;
  /** Code of censoring; crr's `cencode`, default 0. */
  readonly cencode?: number;
  /** Row numbers as the user sees them (header = 1), used only in error messages. */
  readonly rowNumbers?: Int32Array;
}

export interface FineGrayControl {
  /** Convergence when max_j |U_j| · max(|β_j|, 1) < gtol · max(|ℓ|, 1); crr's `gtol`, default 1e-6. */
  readonly gtol?: number;
  /** Maximum Newton iterations; crr's `maxiter`, default 10. */
  readonly maxIter?: number;
  /** Starting values (default 0), crr's `init`. */
  readonly init?: readonly number[];
  /** Level of the subdistribution hazard ratio intervals; default 0.95 (summary.crr's conf.int). */
  readonly confLevel?: number;
}

export interface FineGrayTerm {
  readonly name: string;
  readonly coef: number;
  /** Subdistribution hazard ratio exp(coef). */
  readonly shr: number;
  /** Standard error from the sandwich variance (crr's $var). */
  readonly se: number;
  readonly z: number;
  /** Two-sided normal p, 2Φ(−|z|) (summary.crr prints it rounded to 2 digits). */
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

export interface FineGrayResult {
  readonly method: "Fine-Gray";
  readonly terms: FineGrayTerm[];
  /** p × p sandwich variance I⁻¹ Σᵢ(ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ I⁻¹ (crr's $var). */
  readonly var: number[][];
  /** Observed information (crr's $inf) at the estimate. */
  readonly information: number[][];
  /** Score of the log pseudo-likelihood at the estimate (crr's $score). */
  readonly score: number[];
  /** Log pseudo-partial-likelihood at the estimate and at β = 0 (crr's $loglik, $loglik.null). */
  readonly loglik: number;
  readonly loglikNull: number;
  /** Likelihood-ratio statistic −2(ℓ(0) − ℓ(β̂)) on p df (summary.crr's logtest) and its p-value. */
  readonly lrTest: { readonly statistic: number; readonly df: number; readonly p: number };
  /** Distinct times of failures of interest (crr's $uftime) and the jumps of the baseline cumulative subdistribution hazard there ($bfitj). */
  readonly uniqueFailureTimes: number[];
  readonly baselineJumps: number[];
  readonly n: number;
  readonly nMissing: number;
  /** Failures of interest and competing failures among the complete rows. */
  readonly nEvent: number;
  readonly nCompeting: number;
  readonly converged: boolean;
  /** Newton iterations taken (crr's loop counter at exit). */
  readonly iterations: number;
  readonly options: {
    readonly failcode: number;
    readonly cencode: number;
    readonly gtol: number;
    readonly maxIter: number;
    readonly confLevel: number;
    readonly ties: "breslow";
  };
  readonly warnings: string[];
}

/** Sorted, centred model data shared by the likelihood and variance computations. @internal */
interface FgData {
  readonly n: number;
  readonly p: number;
  /** Sorted times. */
  readonly t: Float64Array;
  /** 0 censored, 1 failure of interest, 2 competing failure. */
  readonly ici: Uint8Array;
  /** Centred covariates, row-major n × p in sorted order. */
  readonly xc: Float64Array;
  /** Column means removed from x. */
  readonly center: Float64Array;
  /** Ĝ(t_i−): Kaplan–Meier of the censoring distribution just before each row's time. */
  readonly g: Float64Array;
  /** Distinct failure-of-interest times: first sorted row of each, count d_k, and Σ x over the failures. */
  readonly fStart: Int32Array;
  readonly fTime: Float64Array;
  readonly fCount: Float64Array;
  readonly fSumX: Float64Array;
}

interface FgEval {
  /** −log pseudo-likelihood. */
  readonly f: number;
  /** Gradient and Hessian of f (row-major p × p). */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** Per failure time: S⁰ (centred) and x̄ (centred, D × p). */
  readonly s0: Float64Array;
  readonly xbar: Float64Array;
}

/** Relative risks e^{xᵢᵀβ} of the sorted rows (centred covariates). */
function relativeRisks(data: FgData, beta: ArrayLike<number>): Float64Array {
  const { n, p, xc } = data;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lp = 0;
    for (let j = 0; j < p; j++) lp += xc[i * p + j] * beta[j];
    e[i] = Math.exp(lp);
  }
  return e;
}

/** Adds row r's weighted moments to running sums: s1 += w xᵣ, s2 += w xᵣxᵣᵀ (upper triangle, row-major p × p). */
function addMoments(w: number, xc: Float64Array, r: number, p: number, s1: Float64Array, s2: Float64Array): void {
  for (let a = 0; a < p; a++) {
    const wa = w * xc[r * p + a];
    s1[a] += wa;
    for (let b = a; b < p; b++) s2[a * p + b] += wa * xc[r * p + b];
  }
}

/**
 * Evaluates f(β) = −ℓ(β) = Σ_k [ −Σ_{i fails at τ_k} x_iᵀβ + d_k log S⁰(τ_k) ] with Fine–Gray risk
 * weights w_j(τ) = 1 for T_j ≥ τ and Ĝ(τ−)/Ĝ(T_j−) for competing failures before τ (0 otherwise), so
 * S^r(τ) = Σ_{T_j ≥ τ} e^{x_jβ} x_j^{⊗r} + Ĝ(τ−) Σ_{ε_j = 2, T_j < τ} e^{x_jβ} x_j^{⊗r} / Ĝ(T_j−).
 * With `full`, also the gradient and Hessian (Breslow ties, as crr).
 */
function evaluate(data: FgData, beta: ArrayLike<number>, full: boolean): FgEval {
  const { n, p, ici, xc, g, fStart, fCount, fSumX } = data;
  const nf = fStart.length;
  const e = relativeRisks(data, beta);
  const p2 = p * p;
  // competing-failure sums before each failure time, ascending: B^r_k = Σ_{ε=2, T<τ_k} e x^{⊗r}/Ĝ(T−)
  const b0 = new Float64Array(nf);
  const b1 = full ? new Float64Array(nf * p) : new Float64Array(0);
  const b2 = full ? new Float64Array(nf * p2) : new Float64Array(0);
  {
    let s0 = 0;
    const s1 = new Float64Array(p);
    const s2 = new Float64Array(p2);
    let r = 0;
    for (let k = 0; k < nf; k++) {
      for (; r < fStart[k]; r++) {
        if (ici[r] !== 2) continue;
        const w = e[r] / g[r];
        s0 += w;
        if (full) addMoments(w, xc, r, p, s1, s2);
      }
      b0[k] = s0;
      if (full) {
        b1.set(s1, k * p);
        b2.set(s2, k * p2);
      }
    }
  }
  let f = 0;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p2);
  const s0Out = new Float64Array(nf);
  const xbar = new Float64Array(nf * p);
  let a0 = 0;
  const a1 = new Float64Array(p);
  const a2 = new Float64Array(p2);
  let r = n - 1;
  const s1 = new Float64Array(p);
  for (let k = nf - 1; k >= 0; k--) {
    for (; r >= fStart[k]; r--) {
      const w = e[r];
      a0 += w;
      if (full) addMoments(w, xc, r, p, a1, a2);
    }
    const gk = g[fStart[k]];
    const s0 = a0 + gk * b0[k];
    const d = fCount[k];
    s0Out[k] = s0;
    f += d * Math.log(s0);
    for (let a = 0; a < p; a++) f -= fSumX[k * p + a] * beta[a];
    if (full) {
      for (let a = 0; a < p; a++) {
        s1[a] = a1[a] + gk * b1[k * p + a];
        xbar[k * p + a] = s1[a] / s0;
        grad[a] += d * xbar[k * p + a] - fSumX[k * p + a];
      }
      for (let a = 0; a < p; a++) {
        for (let b = a; b < p; b++) {
          const s2 = a2[a * p + b] + gk * b2[k * p2 + a * p + b];
          hess[a * p + b] += d * (s2 / s0 - xbar[k * p + a] * xbar[k * p + b]);
        }
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[a * p + b] = hess[b * p + a];
  return { f, grad, hess, s0: s0Out, xbar };
}

/**
 * Sandwich middle Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ of Fine & Gray (1999, section 3), as crr's `crrvv`:
 *   ηᵢ = ∫ (xᵢ − x̄(u)) wᵢ(u) dMᵢ(u),
 *   ψᵢ = ∫ q(u)/π(u) dMᵢᶜ(u),  q(u) = Σ_{τ_k ≥ u} d_k/S⁰(τ_k) Σ_{ε_j = 2, T_j < u} w_j(τ_k) e^{x_jβ} (x_j − x̄(τ_k)),
 * with π(u) the number at risk and Mᶜ the censoring martingale, all from prefix/suffix sums.
 */
function sandwichMiddle(data: FgData, beta: ArrayLike<number>, ev: FgEval): Float64Array {
  const { n, p, t, ici, xc, g, fStart, fCount } = data;
  const nf = fStart.length;
  const e = relativeRisks(data, beta);
  // prefix C^r[K] = Σ_{k<K} d_k x̄_k^r / S⁰_k ; suffix D^r[K] = Σ_{k≥K} d_k Ĝ_k x̄_k^r / S⁰_k
  const c0 = new Float64Array(nf + 1);
  const c1 = new Float64Array((nf + 1) * p);
  for (let k = 0; k < nf; k++) {
    const w = fCount[k] / ev.s0[k];
    c0[k + 1] = c0[k] + w;
    for (let a = 0; a < p; a++) c1[(k + 1) * p + a] = c1[k * p + a] + w * ev.xbar[k * p + a];
  }
  const d0 = new Float64Array(nf + 1);
  const d1 = new Float64Array((nf + 1) * p);
  for (let k = nf - 1; k >= 0; k--) {
    const w = (fCount[k] * g[fStart[k]]) / ev.s0[k];
    d0[k] = d0[k + 1] + w;
    for (let a = 0; a < p; a++) d1[k * p + a] = d1[(k + 1) * p + a] + w * ev.xbar[k * p + a];
  }
  const middle = new Float64Array(p * p);
  const e1 = new Float64Array(p); // Σ_{ε=2, T<u} e x / Ĝ(T−)
  let e0 = 0;
  const ss2 = new Float64Array(p); // −Σ_{censorings at u ≤ t} q(u)/π(u)²
  const q = new Float64Array(p);
  const u = new Float64Array(p);
  let kLess = 0; // failure times < current time
  let lo = 0;
  while (lo < n) {
    const tu = t[lo];
    let hi = lo;
    let nCens = 0;
    while (hi < n && t[hi] === tu) {
      if (ici[hi] === 0) nCens++;
      hi++;
    }
    while (kLess < nf && data.fTime[kLess] < tu) kLess++;
    const kLe = kLess < nf && data.fTime[kLess] === tu ? kLess + 1 : kLess;
    const atRisk = n - lo;
    if (nCens > 0) {
      for (let a = 0; a < p; a++) {
        q[a] = e1[a] * d0[kLess] - e0 * d1[kLess * p + a];
        ss2[a] -= (nCens * q[a]) / (atRisk * atRisk);
      }
    }
    for (let i = lo; i < hi; i++) {
      const xi = i * p;
      for (let a = 0; a < p; a++) {
        // compensator of dNᵢ over failure times ≤ tᵢ
        let eta = -e[i] * (xc[xi + a] * c0[kLe] - c1[kLe * p + a]);
        if (ici[i] === 1) eta += xc[xi + a] - ev.xbar[(kLe - 1) * p + a];
        else if (ici[i] === 2) eta -= (e[i] / g[i]) * (xc[xi + a] * d0[kLe] - d1[kLe * p + a]);
        let psi = ss2[a];
        if (ici[i] === 0) psi += q[a] / atRisk;
        u[a] = eta + psi;
      }
      for (let a = 0; a < p; a++) for (let b = a; b < p; b++) middle[a * p + b] += u[a] * u[b];
    }
    for (let i = lo; i < hi; i++) {
      if (ici[i] !== 2) continue;
      const w = e[i] / g[i];
      e0 += w;
      for (let a = 0; a < p; a++) e1[a] += w * xc[i * p + a];
    }
    lo = hi;
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) middle[a * p + b] = middle[b * p + a];
  return middle;
}

/** Sorts, centres and tabulates the complete rows; Ĝ(t−) from the censoring Kaplan–Meier. */
function prepareData(input: FineGrayInput, failcode: number, cencode: number): { data: FgData; nMissing: number; nCompeting: number } {
  const nAll = input.time.length;
  const p = input.columnNames.length;
  checkLength(input.cause.length, nAll, "cause");
  if (input.x.length !== nAll * p) {
    throw new SurvinferError({
      code: "DATA_LENGTH_MISMATCH",
      message: `x has ${input.x.length} values but ${nAll} rows × ${p} columns need ${nAll * p}`,
    });
  }
  if (input.rowNumbers) checkLength(input.rowNumbers.length, nAll, "rowNumbers");
  const keep: number[] = [];
  for (let i = 0; i < nAll; i++) {
    if (Number.isNaN(input.time[i]) || input.cause[i] === -1) continue;
    let complete = true;
    for (let j = 0; j < p; j++) {
      const v = input.x[j * nAll + i];
      if (Number.isNaN(v)) complete = false;
      else if (!Number.isFinite(v)) {
        throw new SurvinferError({
          code: "DATA_INVALID_COVARIATE",
          message: `covariate ${input.columnNames[j]} is not finite at ${input.rowNumbers ? `row ${input.rowNumbers[i]}` : `index ${i}`}`,
          row: input.rowNumbers?.[i],
          column: input.columnNames[j],
          value: String(v),
        });
      }
    }
    if (!complete) continue;
    checkTimeAndCause(input.time[i], input.cause[i], input.rowNumbers, i);
    keep.push(i);
  }
  const order = sortRowsByTime(input.time, Int32Array.from(keep));
  const n = order.length;
  const t = new Float64Array(n);
  const ici = new Uint8Array(n);
  const xc = new Float64Array(n * p);
  const center = new Float64Array(p);
  let nCompeting = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    t[r] = input.time[i];
    const c = input.cause[i];
    ici[r] = c === failcode ? 1 : c === cencode ? 0 : 2;
    if (ici[r] === 2) nCompeting++;
    for (let j = 0; j < p; j++) {
      xc[r * p + j] = input.x[j * nAll + i];
      center[j] += xc[r * p + j];
    }
  }
  for (let j = 0; j < p; j++) center[j] = n > 0 ? center[j] / n : 0;
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) xc[r * p + j] -= center[j];
  // Ĝ(t−): censoring KM (censorings are the events) just before each time; at time 0 crr's
  // approx() lookup returns Ĝ(0) (after censorings at 0), reproduced here.
  const g = new Float64Array(n);
  const fStartList: number[] = [];
  const fTimeList: number[] = [];
  const fCountList: number[] = [];
  let gNow = 1;
  let lo = 0;
  while (lo < n) {
    let hi = lo;
    let nCens = 0;
    let nFail = 0;
    while (hi < n && t[hi] === t[lo]) {
      if (ici[hi] === 0) nCens++;
      if (ici[hi] === 1) nFail++;
      hi++;
    }
    const atRisk = n - lo;
    const gAfter = nCens > 0 ? gNow * ((atRisk - nCens) / atRisk) : gNow;
    const gHere = t[lo] === 0 ? gAfter : gNow;
    for (let r = lo; r < hi; r++) g[r] = gHere;
    if (nFail > 0) {
      fStartList.push(lo);
      fTimeList.push(t[lo]);
      fCountList.push(nFail);
    }
    gNow = gAfter;
    lo = hi;
  }
  const nf = fStartList.length;
  const fSumX = new Float64Array(nf * p);
  for (let k = 0; k < nf; k++) {
    for (let r = fStartList[k]; r < n && t[r] === fTimeList[k]; r++) {
      if (ici[r] !== 1) continue;
      for (let j = 0; j < p; j++) fSumX[k * p + j] += xc[r * p + j];
    }
  }
  return {
    data: {
      n,
      p,
      t,
      ici,
      xc,
      center,
      g,
      fStart: Int32Array.from(fStartList),
      fTime: Float64Array.from(fTimeList),
      fCount: Float64Array.from(fCountList),
      fSumX,
    },
    nMissing: nAll - n,
    nCompeting,
  };
}

function rows(a: Float64Array, p: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < p; i++) out.push(Array.from(a.subarray(i * p, (i + 1) * p)));
  return out;
}

/**
 * Fine–Gray regression for the subdistribution hazard of the cause `failcode` in the presence of
 * competing causes: λ₁(t | x) = λ₁₀(t) exp(xᵀβ), estimated by maximising the weighted partial
 * likelihood
 *   ℓ(β) = Σ_k [ Σ_{i fails at τ_k} xᵢᵀβ − d_k log Σ_j w_j(τ_k) e^{x_jᵀβ} ],
 * where subjects with a competing failure before τ stay in the risk set with weight Ĝ(τ−)/Ĝ(T_j−)
 * (Ĝ: Kaplan–Meier of the censoring distribution); Breslow handling of ties. The variance is the
 * sandwich I⁻¹ Σ(ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ I⁻¹ of Fine & Gray, which accounts for the estimated weights.
 *
 * Iteration exactly as crr: Newton steps from β = 0 (or `init`), each halved (up to 20 times)
 * until f(β_new) ≤ f(β) + 10⁻⁴ · stepᵀ∇f; stop when max_j |∇f_j| · max(|β_j|, 1) < gtol · max(|f|, 1).
 *
 * Reference: Fine J.P., Gray R.J. (1999) A proportional hazards model for the subdistribution of a
 * competing risk. JASA 94:496–509, doi:10.1080/01621459.1999.10474144.
 * R equivalent: `cmprsk::crr(ftime, fstatus, cov1, failcode = 1, cencode = 0)` and
 * `summary(fit)` (cmprsk 2.2-11). Not supported: time-varying `cov2`/`tf`, several censoring
 * groups (`cengroup`). Times are compared exactly; the censoring Kaplan–Meier is not passed through
 * survival's near-tie rule (crr's survfit call applies it; it only matters for times equal to ~1e-8).
 *
 * @example
 * ```ts
 * import { fineGray } from "survinfer";
 * const fit = fineGray({
 *   time: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
 *   cause: Int32Array.from([1, 2, 1, 0, 1, 2, 0, 1]),
 *   x: Float64Array.from([0, 1, 0, 1, 1, 0, 1, 0]),
 *   columnNames: ["treated"],
 * });
 * fit.terms[0].shr; // subdistribution hazard ratio for "treated"
 * ```
 */
export function fineGray(input: FineGrayInput, control: FineGrayControl = {}): Readonly<FineGrayResult> {
  const failcode = input.failcode ?? 1;
  const cencode = input.cencode ?? 0;
  if (!Number.isInteger(failcode) || failcode < 0) throw optionError("failcode", "a non-negative integer", failcode);
  if (!Number.isInteger(cencode) || cencode < 0 || cencode === failcode) {
    throw optionError("cencode", "a non-negative integer different from failcode", cencode);
  }
  const gtol = control.gtol ?? 1e-6;
  if (!(gtol > 0)) throw optionError("gtol", "a positive number", gtol);
  const maxIter = control.maxIter ?? 10;
  if (!Number.isInteger(maxIter) || maxIter < 0) throw optionError("maxIter", "a non-negative integer", maxIter);
  const confLevel = control.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number between 0 and 1", confLevel);
  const p = input.columnNames.length;
  if (p < 1) throw optionError("columnNames", "at least one covariate", input.columnNames);
  if (control.init && control.init.length !== p) throw optionError("init", `${p} starting values`, control.init);

  const { data, nMissing, nCompeting } = prepareData(input, failcode, cencode);
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} row(s) with missing values were omitted`);
  const nf = data.fStart.length;
  if (nf === 0) {
    throw new SurvinferError({
      code: "DATA_NO_EVENTS",
      message: `no failures with code ${failcode} among the ${data.n} complete rows: the Fine–Gray model cannot be fitted`,
    });
  }
  let nEvent = 0;
  for (let k = 0; k < nf; k++) nEvent += data.fCount[k];

  // β on the original scale; the centred fit has the same β (centring shifts only the intercept-free sums)
  let beta = Float64Array.from(control.init ?? new Array<number>(p).fill(0));
  let converged = false;
  let iterations = 0;
  let ev = evaluate(data, beta, true);
  for (let ll = 0; ll <= maxIter; ll++) {
    iterations = ll;
    let gmax = 0;
    for (let a = 0; a < p; a++) gmax = Math.max(gmax, Math.abs(ev.grad[a]) * Math.max(Math.abs(beta[a]), 1));
    if (gmax < Math.max(Math.abs(ev.f), 1) * gtol) {
      converged = true;
      break;
    }
    if (ll === maxIter) break;
    const factor = ldlDecompose(ev.hess, p);
    if (factor.rank < p) {
      warnings.push("the information matrix is singular (collinear covariates?): crr stops with an error here");
      break;
    }
    const step = ldlSolve(factor, ev.grad);
    for (let a = 0; a < p; a++) step[a] = -step[a];
    let slope = 0;
    for (let a = 0; a < p; a++) slope += step[a] * ev.grad[a];
    const trial = new Float64Array(p);
    const tryStep = (): number => {
      for (let a = 0; a < p; a++) trial[a] = beta[a] + step[a];
      return evaluate(data, trial, false).f;
    };
    let fNew = tryStep();
    let halvings = 0;
    let failed = false;
    while (Number.isNaN(fNew) || fNew > ev.f + 1e-4 * slope) {
      halvings++;
      for (let a = 0; a < p; a++) step[a] *= 0.5;
      slope *= 0.5;
      fNew = tryStep();
      if (halvings > 20) {
        failed = true;
        break;
      }
    }
    if (failed) {
      warnings.push("step-halving failed to decrease the objective after 20 halvings");
      break;
    }
    beta = Float64Array.from(trial);
    ev = evaluate(data, beta, true);
  }
  if (!converged) warnings.push(`crr-type iteration did not converge in ${iterations} iterations (gtol = ${gtol})`);

  const hInv = inverseSymmetric(ev.hess, p);
  const middle = sandwichMiddle(data, beta, ev);
  const v = new Float64Array(p * p);
  {
    const tmp = new Float64Array(p * p);
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let c = 0; c < p; c++) s += hInv[a * p + c] * middle[c * p + b];
        tmp[a * p + b] = s;
      }
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let c = 0; c < p; c++) s += tmp[a * p + c] * hInv[b * p + c];
        v[a * p + b] = s;
      }
  }
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const terms: FineGrayTerm[] = [];
  for (let a = 0; a < p; a++) {
    const coef = beta[a];
    const se = Math.sqrt(v[a * p + a]);
    const z = coef / se;
    terms.push({
      name: input.columnNames[a],
      coef,
      shr: Math.exp(coef),
      se,
      z,
      p: normalTwoSidedP(z),
      lower: Math.exp(coef - zq * se),
      upper: Math.exp(coef + zq * se),
    });
  }
  const f0 = evaluate(data, new Float64Array(p), false).f;
  let cb = 0;
  for (let a = 0; a < p; a++) cb += data.center[a] * beta[a];
  const scale = Math.exp(cb);
  const lr = -2 * (-f0 + ev.f);
  return {
    method: "Fine-Gray",
    terms,
    var: rows(v, p),
    information: rows(ev.hess, p),
    score: Array.from(ev.grad, (s) => -s),
    loglik: -ev.f,
    loglikNull: -f0,
    lrTest: { statistic: lr, df: p, p: chisqSf(lr, p) },
    uniqueFailureTimes: Array.from(data.fTime),
    baselineJumps: Array.from(data.fCount, (d, k) => d / (ev.s0[k] * scale)),
    n: data.n,
    nMissing,
    nEvent,
    nCompeting,
    converged,
    iterations,
    options: { failcode, cencode, gtol, maxIter, confLevel, ties: "breslow" },
    warnings,
  };
}
