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
import { logWeight, stepLeft, type ArmWeights } from "./weights.js";

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

/**
 * Block boundaries of one arm: the last event time of each run of event times with the same
 * (Λ₀(t−), Λ_num(t−)); block j covers (b_{j−1}, b_j] with b_0 = 0 and the last block open-ended.
 */
function blocks(events: Float64Array, wts: ArmWeights): { bound: number[]; lam: number[]; num: number[] } {
  const bound: number[] = [];
  const lam: number[] = [];
  const num: number[] = [];
  for (let k = 0; k < events.length; k++) {
    const l = stepLeft(wts.baseline, events[k]);
    const m = stepLeft(wts.numerator, events[k]);
    if (lam.length === 0 || l !== lam[lam.length - 1] || m !== num[num.length - 1]) {
      if (lam.length > 0) bound.push(events[k - 1]);
      lam.push(l);
      num.push(m);
    }
  }
  if (lam.length === 0) {
    lam.push(0);
    num.push(0);
  }
  return { bound, lam, num };
}

/** Rows of one arm (clones with tc = 0 are never at risk and have none). */
export function armRows(arm: ArmClones, wts: ArmWeights, events: Float64Array): CcwRows {
  const { bound, lam, num } = blocks(events, wts);
  const entry: number[] = [];
  const exit: number[] = [];
  const status: number[] = [];
  const weight: number[] = [];
  const patient: number[] = [];
  const n = arm.tc.length;
  for (let i = 0; i < n; i++) {
    const tc = arm.tc[i];
    let start = 0;
    for (let j = 0; j < lam.length && start < tc; j++) {
      const end = j < bound.length ? Math.min(bound[j], tc) : tc;
      entry.push(start);
      exit.push(end);
      status.push(end === tc ? arm.status[i] : 0);
      weight.push(Math.exp(wts.risk[i] * lam[j] - num[j]));
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
