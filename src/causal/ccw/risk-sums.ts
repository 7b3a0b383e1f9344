/**
 * Weighted risk-set and event sums of the cloned data at every outcome event time, without
 * materialising the split rows: a clone's weight exp(Σ_c r_c Λ_c(t−) − Λ_num(t−)) is constant over runs
 * ("blocks") of event times with the same (Λ_1(t−), …, Λ_C(t−), Λ_num(t−)), and deviations all occur by the grace
 * period, so the blocks are few. Per arm and event time t_k:
 *   W[k] = Σ_{clones with tc ≥ t_k} w(t_k),  Dw[k] = Σ_{events at t_k} w(t_k),  d[k] = #events at t_k.
 * Cost: O(n log n + Σ_blocks #clones still in follow-up), the same sums R's survSplit + survfit/coxph
 * form over the split rows (rows.ts materialises those rows; tests check both agree).
 */
import type { ArmClones } from "./clone.js";
import { logWeightIn, weightBlocks, type ArmWeights, type WeightBlocks } from "./weights.js";

export interface ArmRiskSums {
  /** Weighted number at risk at each pooled event time. */
  readonly W: Float64Array;
  /** Weighted events of the arm at each pooled event time. */
  readonly Dw: Float64Array;
  /** Events (count) of the arm at each pooled event time. */
  readonly d: Int32Array;
  /** Runs of event times with one weight state (weights.ts weightBlocks). */
  readonly blocks: WeightBlocks;
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
  const blocks = weightBlocks(events, wts);
  const { blockOf, blockStart, state, width } = blocks;
  const nBlocks = blockStart.length - 1;
  // clones by follow-up end, ascending
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => arm.tc[a] - arm.tc[b]);
  const tcSorted = Float64Array.from(order, (i) => arm.tc[i]);
  const W = new Float64Array(m);
  for (let b = 0; b < nBlocks; b++) {
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
        sum += Math.exp(logWeightIn(wts, i, state, b * width));
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
    Dw[k] += Math.exp(logWeightIn(wts, i, state, b * width));
    d[k]++;
  }
  return { W, Dw, d, blocks };
}
