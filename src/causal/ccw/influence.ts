/**
 * Influence functions (infinitesimal jackknife) of one arm's weighted Kaplan–Meier functionals with the
 * weights held fixed, per patient (clone i = patient i). With h_k = Dw_k / W_k at the pooled event times t_k,
 * scaling patient i's clone weights by (1 + ε) moves
 *   Ŝ(t):            ∂Ŝ(t)/∂ε_i = −Ŝ(t) Σ_{t_k ≤ t} w_i(t_k) [dN_i(t_k) − Y_i(t_k) h_k] / (W_k − Dw_k)
 *   ∫₀^τ Ŝ(u) du:    −Σ_{t_k < τ} A_k w_i(t_k) [dN_i(t_k) − Y_i(t_k) h_k] / (W_k − Dw_k),  A_k = ∫_{t_k}^τ Ŝ(u) du
 * (the derivative of the product-limit, Efron & Tibshirani 1993 ch. 21 / survfit's influence.surv; the
 * clone's weight is the one of its block of event times, risk-sums.ts). The variance of a difference
 * treat − control is Σ_i (IF_treat,i − IF_control,i)²: the patient, in both arms, is the sampling unit.
 * It ignores the estimation of the weights: it is the per-replicate scale of the bootstrap-t interval
 * (interval.ts), not an interval on its own. Cost O(n · blocks) per functional.
 */
import type { ArmClones } from "./clone.js";
import { lowerBound, type ArmRiskSums } from "./risk-sums.js";
import { logWeightIn, type ArmWeights } from "./weights.js";

/** Index of the first element > v (sorted ascending). */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Ŝ just after each pooled event time (product over the arm's h_k; 1 − h_k = 1 where the arm has no event). */
export function survivalAfter(sums: ArmRiskSums): Float64Array {
  const s = new Float64Array(sums.W.length);
  let v = 1;
  for (let k = 0; k < s.length; k++) {
    if (sums.d[k] > 0) v *= 1 - sums.Dw[k] / sums.W[k];
    s[k] = v;
  }
  return s;
}

/** Multipliers a_k of Ŝ(t): Ŝ(t) for t_k ≤ t, else 0. */
export function survivalMultipliers(events: Float64Array, sums: ArmRiskSums, t: number): Float64Array {
  const s = survivalAfter(sums);
  const kmax = upperBound(events, t) - 1;
  const st = kmax < 0 ? 1 : s[kmax];
  const a = new Float64Array(events.length);
  for (let k = 0; k <= kmax; k++) a[k] = st;
  return a;
}

/** Multipliers a_k of the RMST up to tau: A_k = ∫_{t_k}^τ Ŝ(u) du for t_k < τ, else 0. */
export function rmstMultipliers(events: Float64Array, sums: ArmRiskSums, tau: number): Float64Array {
  const s = survivalAfter(sums);
  const a = new Float64Array(events.length);
  let area = 0;
  for (let k = lowerBound(events, tau) - 1; k >= 0; k--) {
    const next = k + 1 < events.length ? Math.min(events[k + 1], tau) : tau;
    area += s[k] * (next - events[k]);
    a[k] = area;
  }
  return a;
}

/** Per-patient influence −Σ_k a_k w_i(t_k)[dN_i(t_k) − Y_i(t_k) h_k]/(W_k − Dw_k) of one arm. */
export function armInfluence(arm: ArmClones, wts: ArmWeights, events: Float64Array, sums: ArmRiskSums, a: Float64Array): Float64Array {
  return armInfluences(arm, wts, events, sums, [a])[0];
}

/** The influences of several functionals (multipliers `mults`) in one pass: each clone's block weights are computed once. */
export function armInfluences(arm: ArmClones, wts: ArmWeights, events: Float64Array, sums: ArmRiskSums, mults: readonly Float64Array[]): Float64Array[] {
  const m = events.length;
  const n = arm.tc.length;
  const F = mults.length;
  const g = mults.map(() => new Float64Array(m));
  // prefix sums of g_k h_k: the at-risk part
  const P = mults.map(() => new Float64Array(m + 1));
  let last = -1;
  mults.forEach((a, f) => {
    for (let k = 0; k < m; k++) {
      const denom = sums.W[k] - sums.Dw[k];
      if (a[k] !== 0 && sums.d[k] > 0 && denom > 0) {
        g[f][k] = a[k] / denom;
        last = Math.max(last, k);
      }
      P[f][k + 1] = P[f][k] + (g[f][k] === 0 ? 0 : (g[f][k] * sums.Dw[k]) / sums.W[k]);
    }
  });
  const { blockOf, blockStart, state, width } = sums.blocks;
  const nBlocks = blockStart.length - 1;
  const out = mults.map(() => new Float64Array(n));
  if (last < 0) return out;
  for (let i = 0; i < n; i++) {
    const kmax = Math.min(upperBound(events, arm.tc[i]) - 1, last);
    for (let b = 0; b < nBlocks && blockStart[b] <= kmax; b++) {
      const k0 = blockStart[b];
      const k1 = Math.min(blockStart[b + 1], kmax + 1);
      let w = Number.NaN;
      for (let f = 0; f < F; f++) {
        const part = P[f][k1] - P[f][k0];
        if (part === 0) continue;
        if (Number.isNaN(w)) w = Math.exp(logWeightIn(wts, i, state, b * width));
        out[f][i] += w * part;
      }
    }
    if (arm.status[i] === 1) {
      const k = lowerBound(events, arm.tc[i]);
      let w = Number.NaN;
      for (let f = 0; f < F; f++) {
        if (g[f][k] === 0) continue;
        if (Number.isNaN(w)) w = Math.exp(logWeightIn(wts, i, state, blockOf[k] * width));
        out[f][i] -= w * g[f][k];
      }
    }
  }
  return out;
}

/** √Σ_i (IF_treat,i − IF_control,i)²: the IJ standard error of a difference treat − control. */
export function differenceSe(treat: Float64Array, control: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < treat.length; i++) ss += (treat[i] - control[i]) ** 2;
  return Math.sqrt(ss);
}
