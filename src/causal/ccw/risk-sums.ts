/**
 * Weighted risk-set and event sums of the cloned data at every outcome event time, without
 * materialising the split rows: a clone's weight exp(r Λ₀(t−) − Λ_num(t−)) is constant over runs
 * ("blocks") of event times with the same (Λ₀(t−), Λ_num(t−)), and deviations all occur by the grace
 * period, so the blocks are few. Per arm and event time t_k:
 *   W[k] = Σ_{clones with tc ≥ t_k} w(t_k),  Dw[k] = Σ_{events at t_k} w(t_k),  d[k] = #events at t_k.
 * Cost: O(n log n + Σ_blocks #clones still in follow-up), the same sums R's survSplit + survfit/coxph
 * form over the split rows (rows.ts materialises those rows; tests check both agree).
 */
import type { ArmClones } from "./clone.js";
import { stepLeft, type ArmWeights } from "./weights.js";

export interface ArmRiskSums {
  /** Weighted number at risk at each pooled event time. */
  readonly W: Float64Array;
  /** Weighted events of the arm at each pooled event time. */
  readonly Dw: Float64Array;
  /** Events (count) of the arm at each pooled event time. */
  readonly d: Int32Array;
  /** Block of each pooled event time. */
  readonly blockOf: Int32Array;
  /** First pooled event index of each block (blockStart[B] = number of event times). */
  readonly blockStart: Int32Array;
  /** Λ₀(t−) and Λ_num(t−) of each block. */
  readonly lam: Float64Array;
  readonly num: Float64Array;
}

/** Index of the first element ≥ v (sorted ascending). */
export function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function armRiskSums(arm: ArmClones, wts: ArmWeights, events: Float64Array): ArmRiskSums {
  const m = events.length;
  const n = arm.tc.length;
  // blocks
  const blockOf = new Int32Array(m);
  const starts: number[] = [];
  const lams: number[] = [];
  const nums: number[] = [];
  for (let k = 0; k < m; k++) {
    const l = stepLeft(wts.baseline, events[k]);
    const u = stepLeft(wts.numerator, events[k]);
    if (lams.length === 0 || l !== lams[lams.length - 1] || u !== nums[nums.length - 1]) {
      starts.push(k);
      lams.push(l);
      nums.push(u);
    }
    blockOf[k] = lams.length - 1;
  }
  starts.push(m);
  const blockStart = Int32Array.from(starts);
  const lam = Float64Array.from(lams);
  const num = Float64Array.from(nums);
  // clones by follow-up end, ascending
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => arm.tc[a] - arm.tc[b]);
  const tcSorted = Float64Array.from(order, (i) => arm.tc[i]);
  const W = new Float64Array(m);
  for (let b = 0; b < lam.length; b++) {
    const k0 = blockStart[b];
    const k1 = blockStart[b + 1];
    if (k0 >= k1) continue;
    const pos = lowerBound(tcSorted, events[k0]);
    // walk clones from the longest follow-up down, assigning W[k] for k = k1−1 … k0
    let sum = 0;
    let q = n - 1;
    for (let k = k1 - 1; k >= k0; k--) {
      const t = events[k];
      for (; q >= pos && tcSorted[q] >= t; q--) {
        const i = order[q];
        sum += Math.exp(wts.risk[i] * lam[b] - num[b]);
      }
      W[k] = sum;
    }
  }
  const Dw = new Float64Array(m);
  const d = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    if (arm.status[i] !== 1) continue;
    const k = lowerBound(events, arm.tc[i]);
    const b = blockOf[k];
    Dw[k] += Math.exp(wts.risk[i] * lam[b] - num[b]);
    d[k]++;
  }
  return { W, Dw, d, blockOf, blockStart, lam, num };
}
