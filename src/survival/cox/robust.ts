/**
 * Score residuals and the robust (sandwich) variance of a Cox fit, as R survival computes them
 * (residuals.coxph(type = "score" / "dfbeta", weighted = TRUE); coxscore2.c / agscore2.c).
 *
 * Score residual of row i for covariate j (Lin & Wei 1989, doi:10.1080/01621459.1989.10478874;
 * Therneau & Grambsch 2000, §7.2): with rᵢ = exp(ηᵢ), hazard jump dΛ(t) = w̄ᵈ/S0(t) and
 * x̄(t) = S1(t)/S0(t),
 *   Lᵢⱼ = δᵢ (xᵢⱼ − x̄ⱼ(tᵢ)) − rᵢ Σ_{death times t in (startᵢ, stopᵢ]} (xᵢⱼ − x̄ⱼ(t)) dΛ(t),
 * with Efron's fractional terms at tied death times (a death at its own time counts in the k-th
 * Efron term with weight 1 − k/d). Computed with cumulative sums over death times in O(n p log n)
 * rather than R's O(n² p) loop. dfbeta = (wᵢ Lᵢ) · I⁻¹, summed within cluster; robust var = Dᵀ D.
 */
import type { CoxData } from "./efron.js";
import { upperBound } from "./prepare.js";
import { sweepRiskSets, type RiskSetVisitor } from "./risk-sets.js";

/** Per-stratum hazard pieces at each death time (arrays in descending time, as walked). */
export interface DeathTimeSums {
  /** Death times of the stratum, ascending. */
  readonly asc: Float64Array;
  /** Cumulative Σ temp1 over ascending death times: c1[m] = sum over the first m. */
  readonly c1: Float64Array;
  /** Cumulative Σ mh1 (p per entry), same indexing as c1. */
  readonly cm: Float64Array;
  /** Per death time (descending order): Σ hazard, Σ (1−k/d)·hazard. */
  readonly t1: number[];
  readonly t2: number[];
  /** Per death time (descending), p each: Σ mean·hazard, Σ mean·(1−k/d)·hazard, mean of the Efron means. */
  readonly mh1: number[];
  readonly mh2: number[];
  readonly mh3: number[];
}

/**
 * Walks every stratum once (the kernel's sweep, risk-sets.ts) at the linear predictor `eta` (input row
 * order) and returns the hazard increments and risk-set means at each death time, Efron-adjusted.
 */
export function deathTimeSums(d: CoxData, eta: ArrayLike<number>): { sums: DeathTimeSums[]; risk: Float64Array } {
  const { n, p, xs, weights, status, bounds, rowOf, efron } = d;
  const risk = new Float64Array(n);
  for (let k = 0; k < n; k++) risk[k] = Math.exp(eta[rowOf[k]]);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const mean = new Float64Array(p);
  const sums: DeathTimeSums[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const s0 = bounds[s];
    const s1 = bounds[s + 1];
    const times: number[] = [];
    const t1: number[] = [];
    const t2: number[] = [];
    const mh1: number[] = [];
    const mh2: number[] = [];
    const mh3: number[] = [];
    let denom = 0;
    a.fill(0);
    const visit: RiskSetVisitor = {
      leave(q) {
        const rw = risk[q] * weights[q];
        denom -= rw;
        for (let j = 0; j < p; j++) a[j] -= rw * xs[q * p + j];
      },
      clear() {
        denom = 0;
        a.fill(0);
      },
      enter(k, k2, dtime) {
        let deaths = 0;
        let deadWt = 0;
        let eDenom = 0;
        a2.fill(0);
        for (let q = k; q < k2; q++) {
          const rw = risk[q] * weights[q];
          denom += rw;
          for (let j = 0; j < p; j++) a[j] += rw * xs[q * p + j];
          if (status[q] !== 0) {
            deaths++;
            deadWt += weights[q];
            eDenom += rw;
            for (let j = 0; j < p; j++) a2[j] += rw * xs[q * p + j];
          }
        }
        if (deaths === 0) return;
        const base = times.length * p;
        times.push(dtime);
        let temp1 = 0;
        let temp2 = 0;
        for (let j = 0; j < p; j++) {
          mh1.push(0);
          mh2.push(0);
          mh3.push(0);
        }
        if (!efron || deaths === 1) {
          const hazard = deadWt / denom;
          temp1 = hazard;
          temp2 = hazard;
          for (let j = 0; j < p; j++) {
            const m = a[j] / denom;
            mh1[base + j] = m * hazard;
            mh2[base + j] = m * hazard;
            mh3[base + j] = m;
          }
        } else {
          const wtave = deadWt / deaths;
          for (let dd = 0; dd < deaths; dd++) {
            const down = dd / deaths;
            const d2 = denom - down * eDenom;
            const hazard = wtave / d2;
            temp1 += hazard;
            temp2 += (1 - down) * hazard;
            for (let j = 0; j < p; j++) {
              mean[j] = (a[j] - down * a2[j]) / d2;
              mh1[base + j] += mean[j] * hazard;
              mh2[base + j] += mean[j] * (1 - down) * hazard;
              mh3[base + j] += mean[j] / deaths;
            }
          }
        }
        t1.push(temp1);
        t2.push(temp2);
      },
    };
    sweepRiskSets(d, s0, s1, visit);
    const nd = times.length;
    const asc = new Float64Array(nd);
    const c1 = new Float64Array(nd + 1);
    const cm = new Float64Array((nd + 1) * p);
    for (let m = 0; m < nd; m++) {
      const src = nd - 1 - m;
      asc[m] = times[src];
      c1[m + 1] = c1[m] + t1[src];
      for (let j = 0; j < p; j++) cm[(m + 1) * p + j] = cm[m * p + j] + mh1[src * p + j];
    }
    sums.push({ asc, c1, cm, t1, t2, mh1, mh2, mh3 });
  }
  return { sums, risk };
}

/**
 * Score residuals (n × p, row-major, input row order; rows in no risk set are 0), unweighted, on the
 * covariate scale of `d.xs` (centred and scaled), and the expected event counts
 * Eᵢ = rᵢ Σ_t dΛᵢ(t) (martingale residual = δᵢ − Eᵢ; 0 for rows in no risk set).
 * `eta` is the linear predictor in input row order.
 */
export function scoreResiduals(d: CoxData, eta: ArrayLike<number>, nRows: number): Float64Array {
  return residualPieces(d, eta, nRows).score;
}

export function residualPieces(d: CoxData, eta: ArrayLike<number>, nRows: number): { score: Float64Array; expected: Float64Array } {
  const { p, xs, status, stop, start, bounds, rowOf } = d;
  const res = new Float64Array(nRows * p);
  const expected = new Float64Array(nRows);
  const { sums, risk } = deathTimeSums(d, eta);
  for (let s = 0; s + 1 < bounds.length; s++) {
    const { asc, c1, cm, t1, t2, mh1, mh2, mh3 } = sums[s];
    const nd = asc.length;
    for (let q = bounds[s]; q < bounds[s + 1]; q++) {
      const hi = upperBound(asc, stop[q]);
      const lo = start ? upperBound(asc, start[q]) : 0;
      let h = c1[hi] - c1[lo];
      const row = rowOf[q];
      const rq = risk[q];
      const own = status[q] !== 0 ? nd - hi : -1; // index (descending arrays) of its own death time
      if (own >= 0) h += t2[own] - t1[own];
      expected[row] = rq * h;
      for (let j = 0; j < p; j++) {
        const xj = xs[q * p + j];
        let g = cm[hi * p + j] - cm[lo * p + j];
        let v = 0;
        if (own >= 0) {
          g += mh2[own * p + j] - mh1[own * p + j];
          v = xj - mh3[own * p + j];
        }
        res[row * p + j] = v - rq * (xj * h - g);
      }
    }
  }
  return { score: res, expected };
}

/**
 * Robust variance Dᵀ D from weighted score residuals (n × p) and the model-based variance `v`
 * (p × p row-major, covariate scale of the residuals), dfbeta rows summed within `cluster` when
 * given. Returns the p × p row-major matrix.
 */
export function sandwich(resid: Float64Array, weights: Float64Array, v: Float64Array, p: number, cluster?: Int32Array): Float64Array {
  const nRows = weights.length;
  const D = collapse(resid, weights, p, cluster);
  const nc = D.length / p;
  // dfbeta = D · v
  const out = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let c = 0; c < nc; c++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < p; l++) s += D[c * p + l] * v[l * p + j];
      row[j] = s;
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] += row[i] * row[j];
  }
  void nRows;
  return out;
}

/** Weighted residual rows wᵢ·Lᵢ summed within cluster (or per row when no cluster): ncluster × p. */
export function collapse(resid: Float64Array, weights: Float64Array, p: number, cluster?: Int32Array): Float64Array {
  const n = weights.length;
  if (!cluster) {
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[i * p + j] = resid[i * p + j] * weights[i];
    return out;
  }
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!ids.has(cluster[i])) ids.set(cluster[i], ids.size);
  const out = new Float64Array(ids.size * p);
  for (let i = 0; i < n; i++) {
    const c = ids.get(cluster[i]) as number;
    for (let j = 0; j < p; j++) out[c * p + j] += resid[i * p + j] * weights[i];
  }
  return out;
}
