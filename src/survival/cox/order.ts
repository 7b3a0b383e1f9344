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
const RADIX_PASSES = 64 / RADIX_BITS;
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
  const idx = radixArgsort(v);
  const rank = new Int32Array(nAll);
  let m = 0;
  for (let t = 0; t < len; t++) {
    const k = idx[t];
    if (t > 0 && v[k] !== v[idx[t - 1]]) m++;
    rank[rows[k]] = m;
  }
  return { rank, m: len > 0 ? m + 1 : 0 };
}

/**
 * Stable ascending argsort of doubles without NaN (positions 0..len−1) by an LSD radix sort, eight
 * 8-bit digits, of the order-preserving 64-bit keys (sign bit flipped for x ≥ 0, all bits flipped for
 * x < 0; −0 sorts just before +0). Digits with one value over all keys are skipped.
 */
export function radixArgsort(v: Float64Array): Int32Array {
  const len = v.length;
  const words = new Uint32Array(v.buffer, v.byteOffset, 2 * len);
  let lo = new Uint32Array(len);
  let hi = new Uint32Array(len);
  let idx = new Int32Array(len);
  // the digit histograms do not depend on the order: all eight from one pass over the keys
  const hist = new Int32Array(RADIX_PASSES * RADIX_BUCKETS);
  for (let k = 0; k < len; k++) {
    const l = words[2 * k];
    const h = words[2 * k + 1];
    let kl: number;
    let kh: number;
    if (h & 0x80000000) {
      kl = ~l >>> 0;
      kh = ~h >>> 0;
    } else {
      kl = l;
      kh = (h ^ 0x80000000) >>> 0;
    }
    lo[k] = kl;
    hi[k] = kh;
    idx[k] = k;
    hist[kl & RADIX_MASK]++;
    hist[RADIX_BUCKETS + ((kl >>> 8) & RADIX_MASK)]++;
    hist[2 * RADIX_BUCKETS + ((kl >>> 16) & RADIX_MASK)]++;
    hist[3 * RADIX_BUCKETS + (kl >>> 24)]++;
    hist[4 * RADIX_BUCKETS + (kh & RADIX_MASK)]++;
    hist[5 * RADIX_BUCKETS + ((kh >>> 8) & RADIX_MASK)]++;
    hist[6 * RADIX_BUCKETS + ((kh >>> 16) & RADIX_MASK)]++;
    hist[7 * RADIX_BUCKETS + (kh >>> 24)]++;
  }
  let lo2 = new Uint32Array(len);
  let hi2 = new Uint32Array(len);
  let idx2 = new Int32Array(len);
  const start = new Int32Array(RADIX_BUCKETS);
  for (let pass = 0; pass < RADIX_PASSES; pass++) {
    const src = pass < RADIX_PASSES / 2 ? lo : hi;
    const shift = (pass * RADIX_BITS) % 32;
    const base = pass * RADIX_BUCKETS;
    let skip = false;
    for (let b = 0, acc = 0; b < RADIX_BUCKETS; b++) {
      const c = hist[base + b];
      if (c === len) skip = true; // one digit value: order unchanged
      start[b] = acc;
      acc += c;
    }
    if (skip || len === 0) continue;
    if (pass < RADIX_PASSES / 2 - 1) {
      for (let k = 0; k < len; k++) {
        const t = start[(src[k] >>> shift) & RADIX_MASK]++;
        lo2[t] = lo[k];
        hi2[t] = hi[k];
        idx2[t] = idx[k];
      }
      [lo, lo2] = [lo2, lo];
    } else {
      // the low words are not read again
      for (let k = 0; k < len; k++) {
        const t = start[(src[k] >>> shift) & RADIX_MASK]++;
        hi2[t] = hi[k];
        idx2[t] = idx[k];
      }
    }
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  return idx;
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
