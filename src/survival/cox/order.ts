/**
 * Fast orderings for large n without comparator sorts: dense ranks from one native typed-array sort
 * of the values, then stable counting sorts on the ranks (least significant key first, as LSD radix
 * sort). Each key costs O(n log m) for the ranks plus O(n + m) for the pass.
 */

/** Below this many rows the sort + binary search is used; above it the radix argsort (same ranks). */
const RADIX_MIN_ROWS = 1 << 16;

/** Dense ranks 0..m−1 (ascending value) of `values[rows[k]]`, indexed by row; m distinct values. */
export function denseRanks(values: ArrayLike<number>, rows: Int32Array, nAll: number): { rank: Int32Array; m: number } {
  if (rows.length >= RADIX_MIN_ROWS && LITTLE_ENDIAN) {
    const r = denseRanksRadix(values, rows, nAll);
    if (r !== null) return r;
  }
  return denseRanksSearch(values, rows, nAll);
}

const RADIX_BITS = 8;
const RADIX_BUCKETS = 1 << RADIX_BITS;
const RADIX_MASK = RADIX_BUCKETS - 1;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * denseRanks by an LSD radix argsort (eight 8-bit digits) of the order-preserving 64-bit keys of
 * the doubles (sign bit flipped for x ≥ 0, all bits flipped for x < 0): O(n) instead of one binary
 * search per row. Equal values get one rank (−0 and +0 included, as `!==` compares). Null when a
 * value is NaN (the search version's behaviour is kept for that case).
 */
export function denseRanksRadix(values: ArrayLike<number>, rows: Int32Array, nAll: number): { rank: Int32Array; m: number } | null {
  const len = rows.length;
  const v = new Float64Array(len);
  for (let k = 0; k < len; k++) {
    const x = values[rows[k]];
    if (x !== x) return null;
    v[k] = x;
  }
  const words = new Uint32Array(v.buffer);
  let lo = new Uint32Array(len);
  let hi = new Uint32Array(len);
  let idx = new Int32Array(len);
  for (let k = 0; k < len; k++) {
    const l = words[2 * k];
    const h = words[2 * k + 1];
    if (h & 0x80000000) {
      lo[k] = ~l >>> 0;
      hi[k] = ~h >>> 0;
    } else {
      lo[k] = l;
      hi[k] = (h ^ 0x80000000) >>> 0;
    }
    idx[k] = k;
  }
  let lo2 = new Uint32Array(len);
  let hi2 = new Uint32Array(len);
  let idx2 = new Int32Array(len);
  const count = new Int32Array(RADIX_BUCKETS + 1);
  for (let pass = 0; pass < 64 / RADIX_BITS; pass++) {
    const src = pass < 32 / RADIX_BITS ? lo : hi;
    const shift = (pass * RADIX_BITS) % 32;
    count.fill(0);
    for (let k = 0; k < len; k++) count[((src[k] >>> shift) & RADIX_MASK) + 1]++;
    if (count[((src[0] >>> shift) & RADIX_MASK) + 1] === len) continue; // one digit value: order unchanged
    for (let b = 0; b < RADIX_BUCKETS; b++) count[b + 1] += count[b];
    for (let k = 0; k < len; k++) {
      const t = count[(src[k] >>> shift) & RADIX_MASK]++;
      lo2[t] = lo[k];
      hi2[t] = hi[k];
      idx2[t] = idx[k];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  const rank = new Int32Array(nAll);
  let m = 0;
  for (let t = 0; t < len; t++) {
    const k = idx[t];
    if (t > 0 && v[k] !== v[idx[t - 1]]) m++;
    rank[rows[k]] = m;
  }
  return { rank, m: len > 0 ? m + 1 : 0 };
}

/** denseRanks by one native sort of the values and a binary search per row. */
export function denseRanksSearch(values: ArrayLike<number>, rows: Int32Array, nAll: number): { rank: Int32Array; m: number } {
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
