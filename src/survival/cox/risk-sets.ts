/**
 * The risk-set sweep of survival's coxfit6.c / agfit4.c, shared by the Cox kernel (efron.ts), the
 * score residuals (robust.ts) and the Firth-penalised Cox kernel (cox-firth/kernel.ts), so that all see
 * exactly the same risk sets R(t) = {i : startᵢ < t ≤ stopᵢ}.
 *
 * Within one stratum, positions [lo, hi) are in stop-time descending order (as prepareCoxData sorts
 * them). The sweep visits each block of tied stop times once. Before a block that holds a death, rows
 * whose start is at or after that death time leave the risk set, in start-descending order (`byStart`,
 * counting-process data only); when the last row leaves, the caller zeroes its running sums instead of
 * subtracting (no round-off residue, as agfit4.c). Then the rows of the block enter.
 */
import type { CoxData } from "./efron.js";

/** What the sweep reads: the processing order of prepareCoxData. */
export type RiskSetOrder = Pick<CoxData, "stop" | "status" | "start" | "byStart">;

/** The caller's running risk-set sums S0 = Σ wᵢrᵢ, S1, S2, … as the sweep adds and removes rows. */
export interface RiskSetVisitor {
  /** Row q leaves the risk set and other rows remain: subtract its contribution. */
  leave(q: number): void;
  /** The risk set became empty: set the running sums to 0. */
  clear(): void;
  /** Rows [k, k2) with stop time `time` enter the risk set; `hasDeath` when any of them has status ≠ 0. */
  enter(k: number, k2: number, time: number, hasDeath: boolean): void;
}

/** Walks one stratum, positions [lo, hi), calling `visit` in the order above. O(hi − lo). */
export function sweepRiskSets(d: RiskSetOrder, lo: number, hi: number, visit: RiskSetVisitor): void {
  const { stop, status, start, byStart } = d;
  let nRisk = 0;
  let r = lo; // pointer into byStart for removals
  let k = lo;
  while (k < hi) {
    const time = stop[k];
    let k2 = k;
    let hasDeath = false;
    while (k2 < hi && stop[k2] === time) {
      if (status[k2] !== 0) hasDeath = true;
      k2++;
    }
    if (hasDeath && byStart !== null && start !== null) {
      // remove rows whose start is at or after this death time
      while (r < hi) {
        const q = byStart[r];
        if (start[q] < time) break;
        r++;
        nRisk--;
        if (nRisk === 0) visit.clear();
        else visit.leave(q);
      }
    }
    visit.enter(k, k2, time, hasDeath);
    nRisk += k2 - k;
    k = k2;
  }
}
