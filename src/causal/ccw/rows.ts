/**
 * The clones' follow-up split where their weights change, as counting-process rows (entry, exit] with
 * the weight in force at the outcome event times inside the row.
 *
 * R's oracle splits every clone at every outcome event time (survSplit, as Maringe et al. do); a clone's
 * weight exp(r Λ₀(t−) − Λ_num(t−)) only matters at event times and only changes when Λ₀ or Λ_num has
 * jumped since the previous event time, so splitting only there gives the same risk sets and weights at
 * every event time (the same Kaplan–Meier and Cox estimates) with far fewer rows. Deviations all occur
 * by G, so a clone has at most (number of event times ≤ G) + 1 rows. The engine itself does not build
 * these rows (risk-sums.ts and pooled-cox.ts sum over the same runs directly); `armRows` and the
 * row-based Kaplan–Meier (curve.ts) state the split-data definition that the tests check it against,
 * and are there for callers that want the weighted long data (e.g. to export it).
 */
import type { ArmClones } from "./clone.js";
import { logWeight, logWeightIn, weightBlocks, type ArmWeights } from "./weights.js";

export interface CcwRows {
  readonly entry: Float64Array;
  readonly exit: Float64Array;
  readonly status: Int32Array;
  readonly weight: Float64Array;
  /** Patient index of the row (cluster). */
  readonly patient: Int32Array;
}

/** Distinct outcome event times over both arms (ascending). */
export function eventTimes(arms: readonly ArmClones[]): Float64Array {
  const s = new Set<number>();
  for (const a of arms) for (let i = 0; i < a.tc.length; i++) if (a.status[i] === 1) s.add(a.tc[i]);
  return Float64Array.from(s).sort();
}

/** Rows of one arm (clones with tc = 0 are never at risk and have none). */
export function armRows(arm: ArmClones, wts: ArmWeights, events: Float64Array): CcwRows {
  const { blockStart, state, width } = weightBlocks(events, wts);
  const nBlocks = blockStart.length - 1;
  // block j covers (b_{j−1}, b_j] with b_j its last event time, b_0 = 0, the last block open-ended
  const bound: number[] = [];
  for (let j = 0; j + 1 < nBlocks; j++) bound.push(events[blockStart[j + 1] - 1]);
  const entry: number[] = [];
  const exit: number[] = [];
  const status: number[] = [];
  const weight: number[] = [];
  const patient: number[] = [];
  const n = arm.tc.length;
  for (let i = 0; i < n; i++) {
    const tc = arm.tc[i];
    let start = 0;
    for (let j = 0; j < nBlocks && start < tc; j++) {
      const end = j < bound.length ? Math.min(bound[j], tc) : tc;
      entry.push(start);
      exit.push(end);
      status.push(end === tc ? arm.status[i] : 0);
      weight.push(Math.exp(logWeightIn(wts, i, state, j * width)));
      patient.push(i);
      start = end;
    }
  }
  return { entry: Float64Array.from(entry), exit: Float64Array.from(exit), status: Int32Array.from(status), weight: Float64Array.from(weight), patient: Int32Array.from(patient) };
}

/** Each clone's weight at the end of its follow-up, 1/K(tc−|x) (stabilised: K₀(tc−)/K(tc−|x)). */
export function endWeights(arm: ArmClones, wts: ArmWeights): Float64Array {
  return Float64Array.from(arm.tc, (t, i) => Math.exp(logWeight(wts, i, t)));
}
