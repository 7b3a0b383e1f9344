/**
 * Donor selection of predictive mean matching, as mice 3.15.0's `matchindex(d, t, k)` (C++; mice issue
 * #236): the donors' predicted means `d` are shuffled (to break ties at random) and sorted stably; for
 * each target value t_i, the h_i-th nearest donor is found by walking outwards from t_i's insertion point,
 * taking the left neighbour when t − d_left < d_right − t and the right one otherwise.
 * With the shuffle and h given, the result is deterministic: that is what the tests compare with R.
 */

/**
 * @param d donors' predicted means; @param t targets' predicted means; @param k donors (clamped to 1..length(d));
 * @param shuffle a permutation of 1..length(d) (R's sample(length(d))); @param h values in 1..k, one per target.
 * @returns 1-based positions in `d` of the chosen donors.
 */
export function matchIndex(d: ArrayLike<number>, t: ArrayLike<number>, k: number, shuffle: ArrayLike<number>, h: ArrayLike<number>): Int32Array {
  const n1 = d.length;
  const order = Array.from({ length: n1 }, (_, i) => i);
  const yshuf = Array.from({ length: n1 }, (_, i) => d[shuffle[i] - 1]);
  order.sort((a, b) => yshuf[a] - yshuf[b] || a - b); // stable sort on the shuffled values
  const id = new Int32Array(n1);
  const ysort = new Float64Array(n1);
  for (let i = 0; i < n1; i++) {
    id[i] = shuffle[order[i]] - 1;
    ysort[i] = d[id[i]];
  }
  const kk = Math.max(1, Math.min(k, n1));
  const out = new Int32Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const val = t[i];
    const hi = Math.min(h[i], kk);
    let r = lowerBound(ysort, val);
    let l = r - 1;
    let count = 0;
    let chosen = -1;
    while (count < hi && l >= 0 && r < n1) {
      chosen = val - ysort[l] < ysort[r] - val ? id[l--] : id[r++];
      count++;
    }
    while (count < hi && l >= 0) {
      chosen = id[l--];
      count++;
    }
    while (count < hi && r < n1) {
      chosen = id[r++];
      count++;
    }
    out[i] = chosen + 1;
  }
  return out;
}

/** First index with a[index] >= v (std::lower_bound). */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
