/**
 * Nearest-neighbour matching on a one-dimensional distance (propensity score or its logit), the
 * algorithm of MatchIt 4.5.x `nn_matchC_vec` with a correct |·| (Debian's 4.5.1 binary uses integer
 * abs(); see docs/methods/matching.md):
 *
 *   for r = 1..k (every treated unit gets its r-th control before anyone gets an (r+1)-th):
 *     for each treated unit i in visiting order:
 *       L = nearest eligible control sorted before i, R = nearest eligible control sorted after i
 *           (eligible: not used up — without replacement — and not already matched to i);
 *       a side with its nearest eligible control farther than the caliper has no candidate;
 *       take L when |d_L − d_i| ≤ |d_R − d_i|, else R.
 *
 * "Sorted" is the stable ascending order by (stratum, distance, data index) of `sortUnits`, so ties in
 * the distance are resolved as MatchIt does: towards the lower sorted position.
 *
 * Not quadratic: without replacement, the available controls are kept as two union–find "next
 * available to the left/right" pointer arrays over the sorted controls (path halving), so every
 * search costs O(α(n)) amortised; with replacement, only the ≤ k − 1 controls already in the row are
 * skipped. Total O(n log n) for the sort plus O(n₁ k²).
 *
 * Kernel: never throws; returns the match matrix (row = treated rank in data order, k columns,
 * control unit index or −1).
 */
import type { SortedUnits } from "./sorted-units.js";

export function nearestVectorKernel(
  s: SortedUnits,
  d: Float64Array,
  visit: Int32Array,
  ratio: number,
  replace: boolean,
  caliperWidth: number,
): Int32Array {
  const n1 = s.treated.length;
  const n0 = s.ctl.length;
  const mm = new Int32Array(n1 * ratio).fill(-1);
  // union–find over control positions, shifted by one: slot j + 1 ↔ position j, sentinels 0 and n0 + 1
  const right = new Int32Array(n0 + 2);
  const left = new Int32Array(n0 + 2);
  for (let j = 0; j < n0 + 2; j++) {
    right[j] = j;
    left[j] = j;
  }
  const findRight = (slot: number): number => {
    while (right[slot] !== slot) {
      right[slot] = right[right[slot]];
      slot = right[slot];
    }
    return slot;
  };
  const findLeft = (slot: number): number => {
    while (left[slot] !== slot) {
      left[slot] = left[left[slot]];
      slot = left[slot];
    }
    return slot;
  };
  const inRow = (row: number, r: number, pos: number): boolean => {
    const u = s.ctl[pos];
    for (let q = 0; q < r; q++) if (mm[row * ratio + q] === u) return true;
    return false;
  };
  for (let r = 0; r < ratio; r++) {
    for (let v = 0; v < visit.length; v++) {
      const unit = visit[v];
      const row = s.treatedRank[unit];
      if (r > 0 && mm[row * ratio + r - 1] === -1) continue; // found nobody in an earlier round
      const dt = d[unit];
      const lo = s.lo[row];
      const hi = s.hi[row];
      const start = s.before[row];
      // left candidate: largest available position < start, ≥ lo, not in the row
      let kl = -1;
      let pos = start - 1;
      while (pos >= lo) {
        pos = findLeft(pos + 1) - 1;
        if (pos < lo) break;
        if (r > 0 && replace && inRow(row, r, pos)) {
          pos--;
          continue;
        }
        if (Math.abs(dt - s.ctlD[pos]) <= caliperWidth) kl = pos;
        break;
      }
      let kr = -1;
      pos = start;
      while (pos < hi) {
        pos = findRight(pos + 1) - 1;
        if (pos >= hi) break;
        if (r > 0 && replace && inRow(row, r, pos)) {
          pos++;
          continue;
        }
        if (Math.abs(dt - s.ctlD[pos]) <= caliperWidth) kr = pos;
        break;
      }
      let k: number;
      if (kl >= 0 && kr >= 0) k = Math.abs(s.ctlD[kl] - dt) <= Math.abs(s.ctlD[kr] - dt) ? kl : kr;
      else if (kl >= 0) k = kl;
      else if (kr >= 0) k = kr;
      else continue;
      mm[row * ratio + r] = s.ctl[k];
      if (!replace) {
        right[k + 1] = k + 2;
        left[k + 1] = k;
      }
    }
  }
  return mm;
}
