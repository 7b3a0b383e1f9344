/**
 * Per-protocol hazard ratio: weighted Cox model of the strategy (z = 1 treat, 0 control) on the cloned
 * data with time-varying weights, from the per-arm risk sums (risk-sums.ts), equal to
 *   coxph(Surv(tstart, tstop, status) ~ arm, data = split, weights = w, cluster = id, ties = "efron")
 * on the split rows. With one binary covariate, S0 = e^β W₁ + W₀, S1 = S2 = e^β W₁ at each event time,
 * so the Efron log partial likelihood, score and information are sums over event times:
 *   ℓ(β) = Σ_t [β Dw₁ − w̄ Σ_{k<d} log(S0 − (k/d) S0ᴰ)],  S0ᴰ = e^β Dw₁ + Dw₀,  w̄ = (Dw₁ + Dw₀)/d.
 * Newton–Raphson as agfit4.c (β₀ = 0, step-halving, |1 − ℓ_old/ℓ_new| ≤ 1e-9, 20 iterations).
 * Robust variance (Lin & Wei 1989, doi:10.1080/01621459.1989.10478874): score residuals as agscore2.c
 * (Efron terms; src/survival/cox/robust.ts), weighted by each row's weight, summed by patient over both
 * clones and all rows: V = I⁻¹ (Σ_c D_c²) I⁻¹. O(events + Σ rows) without building the rows.
 */
import type { ArmClones } from "./clone.js";
import { lowerBound, type ArmRiskSums } from "./risk-sums.js";
import { logWeightIn, type ArmWeights } from "./weights.js";

export interface PooledCoxFit {
  readonly coef: number;
  readonly naiveSe: number;
  readonly robustSe: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** The coefficient looks infinite (monotone likelihood), as coxph's "may be infinite" check. */
  readonly infinite: boolean;
}

interface Eval {
  loglik: number;
  u: number;
  imat: number;
}

function evaluate(beta: number, s1: ArmRiskSums, s0: ArmRiskSums): Eval {
  const eb = Math.exp(beta);
  let loglik = 0;
  let u = 0;
  let imat = 0;
  const m = s1.W.length;
  for (let k = 0; k < m; k++) {
    const d = s1.d[k] + s0.d[k];
    if (d === 0) continue;
    const deadWt = s1.Dw[k] + s0.Dw[k];
    const wtave = deadWt / d;
    const a = eb * s1.W[k];
    const denom = a + s0.W[k];
    const a2 = eb * s1.Dw[k];
    const eDenom = a2 + s0.Dw[k];
    loglik += beta * s1.Dw[k];
    u += s1.Dw[k];
    for (let dd = 0; dd < d; dd++) {
      const down = dd / d;
      const d2 = denom - down * eDenom;
      const mean = (a - down * a2) / d2;
      loglik -= wtave * Math.log(d2);
      u -= wtave * mean;
      imat += wtave * (mean - mean * mean);
    }
  }
  return { loglik, u, imat };
}

/** agfit4.c's Newton–Raphson for one coefficient. */
function newton(s1: ArmRiskSums, s0: ArmRiskSums, eps = 1e-9, iterMax = 20): { beta: number; ev: Eval; converged: boolean; iterations: number } {
  let ev = evaluate(0, s1, s0);
  let ll1 = ev.loglik;
  let oldbeta = 0;
  let beta = ev.imat > 0 ? ev.u / ev.imat : 0;
  let halving = 0;
  for (let iter = 1; iter <= iterMax; iter++) {
    ev = evaluate(beta, s1, s0);
    const newlk = ev.loglik;
    const fail = !Number.isFinite(newlk) || !(ev.imat > 0);
    if (!fail && halving === 0 && Math.abs(1 - ll1 / newlk) <= eps) return { beta, ev, converged: true, iterations: iter };
    if (iter === iterMax) {
      if ((newlk - ll1) / Math.abs(ll1) < -eps) {
        beta = oldbeta;
        ev = evaluate(beta, s1, s0);
      }
      return { beta, ev, converged: false, iterations: iter };
    }
    if (fail || newlk < ll1) {
      halving++;
      beta = (oldbeta * halving + beta) / (halving + 1);
    } else {
      halving = 0;
      ll1 = newlk;
      oldbeta = beta;
      beta = oldbeta + ev.u / ev.imat;
    }
  }
  return { beta, ev, converged: false, iterations: iterMax };
}

/** Fits the per-protocol Cox model; null when the data hold no information on it (no events, or an arm never at risk at an event time). */
export function pooledCox(events: Float64Array, clones: readonly [ArmClones, ArmClones], wts: readonly [ArmWeights, ArmWeights], sums: readonly [ArmRiskSums, ArmRiskSums]): PooledCoxFit | null {
  const [s1, s0] = sums;
  const m = events.length;
  if (m === 0) return null;
  // no information about the contrast (no events, or one strategy with no clone at risk at any event time)
  if (!(evaluate(0, s1, s0).imat > 0)) return null;
  const nr = newton(s1, s0);
  const beta = nr.beta;
  const v = 1 / nr.ev.imat;
  // Efron hazard pieces per event time (agscore2.c): t1 = Σ hazard, t2 = Σ (1−k/d) hazard,
  // mh1 = Σ mean·hazard, mh2 = Σ mean·(1−k/d)·hazard, mh3 = mean of the Efron means
  const eb = Math.exp(beta);
  const C1 = new Float64Array(m + 1);
  const CM = new Float64Array(m + 1);
  const t1 = new Float64Array(m);
  const t2 = new Float64Array(m);
  const mh1 = new Float64Array(m);
  const mh2 = new Float64Array(m);
  const mh3 = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const d = s1.d[k] + s0.d[k];
    if (d > 0) {
      const wtave = (s1.Dw[k] + s0.Dw[k]) / d;
      const a = eb * s1.W[k];
      const denom = a + s0.W[k];
      const a2 = eb * s1.Dw[k];
      const eDenom = a2 + s0.Dw[k];
      for (let dd = 0; dd < d; dd++) {
        const down = dd / d;
        const d2 = denom - down * eDenom;
        const hazard = wtave / d2;
        const mean = (a - down * a2) / d2;
        t1[k] += hazard;
        t2[k] += (1 - down) * hazard;
        mh1[k] += mean * hazard;
        mh2[k] += mean * (1 - down) * hazard;
        mh3[k] += mean / d;
      }
    }
    C1[k + 1] = C1[k] + t1[k];
    CM[k + 1] = CM[k] + mh1[k];
  }
  // D_c = Σ over the patient's rows of w_row · L_row
  const n = clones[0].tc.length;
  const D = new Float64Array(n);
  for (let a = 0; a < 2; a++) {
    const arm = clones[a];
    const s = sums[a];
    const z = a === 0 ? 1 : 0;
    const r = z === 1 ? eb : 1;
    const { blockOf, blockStart, state, width } = s.blocks;
    const nBlocks = blockStart.length - 1;
    for (let i = 0; i < n; i++) {
      const tc = arm.tc[i];
      const lb = lowerBound(events, tc);
      const hi = lb < m && events[lb] === tc ? lb + 1 : lb; // event times ≤ tc
      let acc = 0;
      for (let b = 0; b < nBlocks; b++) {
        const lo = blockStart[b];
        if (lo >= hi) break;
        const up = Math.min(blockStart[b + 1], hi);
        const w = Math.exp(logWeightIn(wts[a], i, state, b * width));
        acc += w * -r * (z * (C1[up] - C1[lo]) - (CM[up] - CM[lo]));
      }
      if (arm.status[i] === 1) {
        const k = hi - 1;
        const b = blockOf[k];
        const w = Math.exp(logWeightIn(wts[a], i, state, b * width));
        acc += w * (z - mh3[k] - r * (z * (t2[k] - t1[k]) - (mh2[k] - mh1[k])));
      }
      D[i] += acc;
    }
  }
  let dd = 0;
  for (let i = 0; i < n; i++) dd += D[i] * D[i];
  const robustVar = v * dd * v;
  // coxph's check (agreg.fit): |U·V| > toler.inf·(1 + |β|) at convergence flags an infinite coefficient
  const infs = Math.abs(nr.ev.u * v);
  const infinite = nr.converged && (!Number.isFinite(nr.ev.u) || infs > Math.sqrt(1e-9) * (1 + Math.abs(beta)));
  return { coef: beta, naiveSe: Math.sqrt(v), robustSe: Math.sqrt(robustVar), converged: nr.converged, iterations: nr.iterations, infinite };
}
