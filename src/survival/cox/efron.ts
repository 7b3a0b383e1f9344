/**
 * Kernel of the Cox fitter: log partial likelihood ℓ(β), score U(β) and information I(β) for
 * right-censored or counting-process data, Efron or Breslow ties, strata, case weights and offset,
 * in one pass over rows sorted once by (stratum, stop time descending). Risk-set sums
 * S0 = Σ wᵢ rᵢ, S1 = Σ wᵢ rᵢ xᵢ, S2 = Σ wᵢ rᵢ xᵢxᵢᵀ (rᵢ = exp(ηᵢ)) are cumulative: rows are added as
 * the walk reaches their stop time and, for (start, stop] data, removed once a death time is at or
 * before their start (a second order, by start time descending; the sweep is in risk-sets.ts). Each
 * evaluation is O(n p²).
 *
 * At a death time with d deaths (weights wₖ, mean death weight w̄ = Σwₖ/d) Efron's approximation
 * uses, for k = 0..d−1, S0ₖ = S0 − (k/d)·S0ᵈ (and likewise S1, S2), with ℓ += Σ wₖηₖ − w̄ Σₖ log S0ₖ,
 * U += Σ wₖxₖ − w̄ Σₖ S1ₖ/S0ₖ, I += w̄ Σₖ (S2ₖ/S0ₖ − S1ₖS1ₖᵀ/S0ₖ²); Breslow is d = 1 with the
 * full death weight (the Efron sums over k are taken in closed form, O(p² + d) per death time).
 * This is survival's coxfit6.c / agfit4.c algorithm (Efron 1977,
 * doi:10.1080/01621459.1977.10480613; Therneau & Grambsch 2000, doi:10.1007/978-1-4757-3294-8).
 *
 * Preconditions (established by prepareCoxData): rows with no death time in their risk interval
 * are removed; covariates are centred and scaled.
 */

import { sweepRiskSets, type RiskSetVisitor } from "./risk-sets.js";

export interface CoxData {
  /** Number of rows used (in processing order). */
  readonly n: number;
  readonly p: number;
  /** Covariates, row-major n × p, processing order, centred and scaled. */
  readonly xs: Float64Array;
  readonly offset: Float64Array;
  readonly weights: Float64Array;
  readonly status: Uint8Array;
  readonly stop: Float64Array;
  /** Start times (counting process) or null. */
  readonly start: Float64Array | null;
  /** Stratum boundaries: stratum s covers positions [bounds[s], bounds[s+1]). */
  readonly bounds: Int32Array;
  /** Positions (into processing order) sorted by stratum, then start descending; counting process only. */
  readonly byStart: Int32Array | null;
  /** Original row index of each processing position. */
  readonly rowOf: Int32Array;
  readonly efron: boolean;
}

export interface CoxEvaluation {
  loglik: number;
  /** Score vector (length p). */
  u: Float64Array;
  /** Information matrix, p × p row-major, upper triangle filled (lower undefined). */
  imat: Float64Array;
}

/** Allocates the work space once for repeated evaluations. */
export function makeWorkspace(p: number): { eta: Float64Array; a: Float64Array; a2: Float64Array; cmat: Float64Array; cmat2: Float64Array; u: Float64Array; imat: Float64Array } {
  return {
    eta: new Float64Array(0),
    a: new Float64Array(p),
    a2: new Float64Array(p),
    cmat: new Float64Array(p * p),
    cmat2: new Float64Array(p * p),
    u: new Float64Array(p),
    imat: new Float64Array(p * p),
  };
}

/**
 * ℓ(β), U(β), I(β) at `beta` (on the centred/scaled covariate scale). Never throws; non-finite values
 * propagate to the caller, which reports them.
 */
export function coxEvaluate(d: CoxData, beta: ArrayLike<number>, ws: ReturnType<typeof makeWorkspace>): CoxEvaluation {
  const { n, p, xs, offset, weights, status, bounds, efron } = d;
  if (ws.eta.length !== n) ws.eta = new Float64Array(n);
  const { eta, a, a2, cmat, cmat2, u, imat } = ws;
  for (let k = 0; k < n; k++) {
    let z = offset[k];
    const base = k * p;
    for (let j = 0; j < p; j++) z += beta[j] * xs[base + j];
    eta[k] = z;
  }
  u.fill(0);
  imat.fill(0);
  if (d.start === null) return { loglik: evaluateRightCensored(d, ws), u, imat };
  let loglik = 0;
  let denom = 0;
  const visit: RiskSetVisitor = {
    leave(q) {
      const risk = Math.exp(eta[q]) * weights[q];
      denom -= risk;
      const base = q * p;
      for (let i = 0; i < p; i++) {
        const xi = xs[base + i];
        a[i] -= risk * xi;
        const rx = risk * xi;
        const row = i * p;
        for (let j = 0; j <= i; j++) cmat[row + j] -= rx * xs[base + j];
      }
    },
    clear() {
      denom = 0;
      a.fill(0);
      cmat.fill(0);
    },
    enter(k, k2, _time, hasDeath) {
      let deaths = 0;
      let deadWt = 0;
      let denom2 = 0;
      if (hasDeath) {
        a2.fill(0);
        cmat2.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = Math.exp(eta[q]) * weights[q];
        const base = q * p;
        if (status[q] === 0) {
          denom += risk;
          for (let i = 0; i < p; i++) {
            const rx = risk * xs[base + i];
            a[i] += rx;
            const row = i * p;
            for (let j = 0; j <= i; j++) cmat[row + j] += rx * xs[base + j];
          }
        } else {
          deaths++;
          const w = weights[q];
          deadWt += w;
          denom2 += risk;
          loglik += w * eta[q];
          for (let i = 0; i < p; i++) {
            const xi = xs[base + i];
            u[i] += w * xi;
            const rx = risk * xi;
            a2[i] += rx;
            const row = i * p;
            for (let j = 0; j <= i; j++) cmat2[row + j] += rx * xs[base + j];
          }
        }
      }
      if (deaths === 0) return;
      loglik = closeDeathTime(ws, p, efron, deaths, deadWt, denom, denom2, loglik);
      denom += denom2;
    },
  };
  for (let s = 0; s + 1 < bounds.length; s++) {
    visit.clear();
    sweepRiskSets(d, bounds[s], bounds[s + 1], visit);
  }
  return { loglik, u, imat };
}

/** The running sums a death time updates: S1, S2 of the risk set (a, cmat), those of its deaths (a2, cmat2), U, I. */
export interface DeathTimeSums {
  readonly a: Float64Array;
  readonly a2: Float64Array;
  readonly cmat: Float64Array;
  readonly cmat2: Float64Array;
  readonly u: Float64Array;
  readonly imat: Float64Array;
}

/**
 * The terms of one death time into U, I and ℓ (returned), then the block's sums a2, cmat2 folded into a, cmat.
 * `denom` is the risk sum before the block's deaths, `denom2` theirs; the caller adds denom2 to its denom after.
 * Breslow (or a single death): one term at denom + denom2. Efron: the k-th term (k = 0..d−1) uses
 * S·ₖ = S· + fₖ S·ᴰ, fₖ = (k+1)/d, summed in closed form so each death time costs O(p² + d) instead of O(d p²):
 *   Σₖ S1ₖ/S0ₖ = S1 Σ1/S0ₖ + S1ᴰ Σfₖ/S0ₖ,
 *   Σₖ [S2ₖ/S0ₖ − S1ₖS1ₖᵀ/S0ₖ²] = S2 Σ1/S0ₖ + S2ᴰ Σfₖ/S0ₖ
 *        − (S1S1ᵀ Σ1/S0ₖ² + (S1S1ᴰᵀ + S1ᴰS1ᵀ) Σfₖ/S0ₖ² + S1ᴰS1ᴰᵀ Σfₖ²/S0ₖ²)
 */
export function closeDeathTime(ws: DeathTimeSums, p: number, efron: boolean, deaths: number, deadWt: number, denom: number, denom2: number, loglik: number): number {
  const { a, a2, cmat, cmat2, u, imat } = ws;
  if (!efron || deaths === 1) {
    const total = denom + denom2;
    loglik -= deadWt * Math.log(total);
    for (let i = 0; i < p; i++) {
      a[i] += a2[i];
      const mean = a[i] / total;
      u[i] -= deadWt * mean;
      const row = i * p;
      for (let j = 0; j <= i; j++) {
        cmat[row + j] += cmat2[row + j];
        imat[j * p + i] += (deadWt * (cmat[row + j] - mean * a[j])) / total;
      }
    }
    return loglik;
  }
  const wtave = deadWt / deaths;
  let s1 = 0;
  let sf1 = 0;
  let s2 = 0;
  let sf2 = 0;
  let sff2 = 0;
  for (let m = 0; m < deaths; m++) {
    const f = (m + 1) / deaths;
    const dk = denom + f * denom2;
    loglik -= wtave * Math.log(dk);
    const inv = 1 / dk;
    s1 += inv;
    sf1 += f * inv;
    s2 += inv * inv;
    sf2 += f * inv * inv;
    sff2 += f * f * inv * inv;
  }
  for (let i = 0; i < p; i++) {
    u[i] -= wtave * (a[i] * s1 + a2[i] * sf1);
    const row = i * p;
    for (let j = 0; j <= i; j++) {
      const c = cmat[row + j] * s1 + cmat2[row + j] * sf1;
      const aa = a[i] * a[j] * s2 + (a[i] * a2[j] + a2[i] * a[j]) * sf2 + a2[i] * a2[j] * sff2;
      imat[j * p + i] += wtave * (c - aa);
    }
  }
  for (let i = 0; i < p; i++) {
    a[i] += a2[i];
    const row = i * p;
    for (let j = 0; j <= i; j++) cmat[row + j] += cmat2[row + j];
  }
  return loglik;
}

/**
 * coxEvaluate for right-censored data (no row ever leaves a risk set): the same sweep and the same
 * arithmetic, in the same order, as the visitor above, written as one loop over the tied-time blocks
 * with the running sums in locals (the hot path of large fits). Adds into ws.u and ws.imat (zeroed
 * by the caller) and returns ℓ.
 */
function evaluateRightCensored(d: CoxData, ws: ReturnType<typeof makeWorkspace>): number {
  const { p, xs, weights, status, stop, bounds, efron } = d;
  const { eta, a, a2, cmat, cmat2, u } = ws;
  let loglik = 0;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const hi = bounds[s + 1];
    let denom = 0;
    a.fill(0);
    cmat.fill(0);
    let k = bounds[s];
    while (k < hi) {
      const time = stop[k];
      let k2 = k;
      let hasDeath = false;
      while (k2 < hi && stop[k2] === time) {
        if (status[k2] !== 0) hasDeath = true;
        k2++;
      }
      let deaths = 0;
      let deadWt = 0;
      let denom2 = 0;
      if (hasDeath) {
        a2.fill(0);
        cmat2.fill(0);
      }
      for (let q = k; q < k2; q++) {
        const risk = Math.exp(eta[q]) * weights[q];
        const base = q * p;
        if (status[q] === 0) {
          denom += risk;
          for (let i = 0; i < p; i++) {
            const rx = risk * xs[base + i];
            a[i] += rx;
            const row = i * p;
            for (let j = 0; j <= i; j++) cmat[row + j] += rx * xs[base + j];
          }
        } else {
          deaths++;
          const w = weights[q];
          deadWt += w;
          denom2 += risk;
          loglik += w * eta[q];
          for (let i = 0; i < p; i++) {
            const xi = xs[base + i];
            u[i] += w * xi;
            const rx = risk * xi;
            a2[i] += rx;
            const row = i * p;
            for (let j = 0; j <= i; j++) cmat2[row + j] += rx * xs[base + j];
          }
        }
      }
      k = k2;
      if (deaths === 0) continue;
      loglik = closeDeathTime(ws, p, efron, deaths, deadWt, denom, denom2, loglik);
      denom += denom2;
    }
  }
  return loglik;
}
