/**
 * Fast orderings for large n without comparator sorts: dense ranks from one native typed-array sort
 * of the values, then stable counting sorts on the ranks (least significant key first, as LSD radix
 * sort). Each key costs O(n log m) for the ranks plus O(n + m) for the pass.
 */

/** Dense ranks 0..m−1 (ascending value) of `values[rows[k]]`, indexed by row; m distinct values. */
export function denseRanks(values: ArrayLike<number>, rows: Int32Array, nAll: number): { rank: Int32Array; m: number } {
  const v = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) v[k] = values[rows[k]];
  v.sort();
  let m = 0;
  for (let k = 0; k < v.length; k++) if (k === 0 || v[k] !== v[k - 1]) v[m++] = v[k];
  const uniq = v.subarray(0, m);
  const rank = new Int32Array(nAll);
  for (let k = 0; k < rows.length; k++) {
    const x = values[rows[k]];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    rank[rows[k]] = lo;
  }
  return { rank, m };
}

/** Stable counting sort of `order` by `key[row]` ∈ 0..m−1, ascending or descending. Returns a new array. */
export function stableSortByKey(order: Int32Array, key: Int32Array, m: number, descending = false): Int32Array {
  const count = new Int32Array(m + 1);
  for (let k = 0; k < order.length; k++) {
    const b = descending ? m - 1 - key[order[k]] : key[order[k]];
    count[b + 1]++;
  }
  for (let b = 0; b < m; b++) count[b + 1] += count[b];
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    const b = descending ? m - 1 - key[r] : key[r];
    out[count[b]++] = r;
  }
  return out;
}
