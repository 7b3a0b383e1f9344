/**
 * The sorted layout that every matcher shares: units sorted once by (exact stratum, distance, data
 * index) — the stable ascending order of base::sort.list that MatchIt's nn_matchC_vec uses, taken
 * within each exact stratum — and, from it, the controls in that order with, for each treated unit,
 * its position among the controls and the range of controls of its stratum.
 *
 * Preconditions: `treat` ∈ {0, 1}; `d` finite; `strata` (if given) any integers. O(n): an LSD radix
 * argsort on the IEEE-754 bit patterns (stable, so equal distances keep data order), then a stable
 * counting sort by stratum.
 */
export interface SortedUnits {
  /** Control unit indices in sorted order. */
  readonly ctl: Int32Array;
  /** Their distances (same order). */
  readonly ctlD: Float64Array;
  /** Treated unit indices in data order. */
  readonly treated: Int32Array;
  /** Rank of each unit among the treated (data order), −1 for controls. */
  readonly treatedRank: Int32Array;
  /** Per treated rank: number of controls sorted before it (its insertion point in `ctl`). */
  readonly before: Int32Array;
  /** Per treated rank: first control position of its stratum. */
  readonly lo: Int32Array;
  /** Per treated rank: one past the last control position of its stratum. */
  readonly hi: Int32Array;
}

export function sortUnits(treat: Int32Array, d: Float64Array, strata: Int32Array | null): SortedUnits {
  const n = treat.length;
  let order = stableArgsort(d);
  if (strata !== null) order = stableByStratum(order, strata);
  let n1 = 0;
  for (let i = 0; i < n; i++) if (treat[i] === 1) n1++;
  const n0 = n - n1;
  const treated = new Int32Array(n1);
  const treatedRank = new Int32Array(n).fill(-1);
  for (let i = 0, r = 0; i < n; i++) {
    if (treat[i] === 1) {
      treated[r] = i;
      treatedRank[i] = r++;
    }
  }
  const ctl = new Int32Array(n0);
  const ctlD = new Float64Array(n0);
  const before = new Int32Array(n1);
  const lo = new Int32Array(n1);
  const hi = new Int32Array(n1);
  // pass 1: controls in order, insertion points, stratum starts
  let c = 0;
  let stratumStartCtl = 0;
  let runStart = 0; // position in `order` where the current stratum starts
  const flush = (endPos: number): void => {
    for (let q = runStart; q < endPos; q++) {
      const u = order[q];
      if (treat[u] === 1) {
        const r = treatedRank[u];
        lo[r] = stratumStartCtl;
        hi[r] = c;
      }
    }
  };
  for (let q = 0; q < n; q++) {
    const u = order[q];
    if (strata !== null && q > 0 && strata[u] !== strata[order[q - 1]]) {
      flush(q);
      runStart = q;
      stratumStartCtl = c;
    }
    if (treat[u] === 1) {
      before[treatedRank[u]] = c;
    } else {
      ctl[c] = u;
      ctlD[c] = d[u];
      c++;
    }
  }
  flush(n);
  return { ctl, ctlD, treated, treatedRank, before, lo, hi };
}

/**
 * Treated units in visiting order (MatchIt m.order): "largest"/"smallest" distance first with ties in
 * data order (R's stable order(…, decreasing)), "data", or a permutation supplied by the caller.
 */
export function visitOrder(treated: Int32Array, d: Float64Array, order: "largest" | "smallest" | "data"): Int32Array {
  if (order === "data") return Int32Array.from(treated);
  const sign = order === "largest" ? -1 : 1;
  const key = new Float64Array(treated.length);
  for (let r = 0; r < treated.length; r++) key[r] = sign * d[treated[r]];
  const perm = stableArgsort(key);
  const out = new Int32Array(treated.length);
  for (let r = 0; r < treated.length; r++) out[r] = treated[perm[r]];
  return out;
}

/** First control position in [lo, hi) whose distance is ≥ x (binary search on sorted `ctlD`). */
export function lowerBound(ctlD: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ctlD[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Stable ascending argsort of finite doubles: LSD radix sort, four 16-bit digits of the order-preserving
 * unsigned image of the bit pattern (negative: all bits flipped; otherwise the sign bit set; −0 is
 * mapped to +0 first). Equal values keep index order, as R's sort.list/order.
 */
export function stableArgsort(d: Float64Array): Int32Array {
  const n = d.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = d[i] + 0; // −0 → +0
  const w = new Uint32Array(f.buffer);
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const hiOff = littleEndian ? 1 : 0;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = w[2 * i + hiOff];
    let l = w[2 * i + 1 - hiOff];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  let src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Int32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[src[i]] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const u = src[i];
      dst[count[(key[u] >>> shift) & 0xffff]++] = u;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** Stable reordering of `order` by ascending stratum code (counting sort over the distinct codes). */
function stableByStratum(order: Int32Array, strata: Int32Array): Int32Array {
  const codes = Array.from(new Set(strata)).sort((a, b) => a - b);
  const rank = new Map<number, number>(codes.map((c, i) => [c, i]));
  const start = new Int32Array(codes.length + 1);
  for (let i = 0; i < strata.length; i++) start[(rank.get(strata[i]) as number) + 1]++;
  for (let b = 0; b < codes.length; b++) start[b + 1] += start[b];
  const out = new Int32Array(order.length);
  for (let q = 0; q < order.length; q++) {
    const u = order[q];
    out[start[rank.get(strata[u]) as number]++] = u;
  }
  return out;
}
