/**
 * The concordance kernel's counts for right-censored data (no entry times), walking the rows in
 * ascending risk score η instead of back in time: the same pairs, counts and per-row counts as the
 * time walk (src/survival/concordance-kernel.ts states the definitions), with the Fenwick trees over
 * the ranks of the *times* of one stratum. Registries and trials record times in days, so a stratum has
 * a few thousand distinct times at most, and those trees stay in the processor's cache, where trees
 * over 10⁶ distinct η were read at random.
 *
 * With the rows of η below the current one already added (weights wⱼ, deaths also ω·wⱼ), for row i at
 * time rank τᵢ:
 *   as a death:       less = Σ w over rows with τ > τᵢ, or τ = τᵢ and censored (its risk set, ηⱼ < ηᵢ):
 *                     concordant += ω wᵢ · less, discordant += ω wᵢ · (risk-set total − less − tied);
 *   as a row at risk: the deaths whose risk set holds i (τ < τᵢ, or τ = τᵢ when i is censored) with
 *                     η below ηᵢ are its discordant pairs, those above its concordant ones.
 * Rows of equal η are queried before and after the whole group is added: the difference is the tied.x
 * count. Risk-set and death totals per time rank come from one pass over the stratum. The sums are
 * added in another order than the time walk's, so this walk is used only when every sum is an integer
 * below 2⁵³ (integer weights and time weights, e.g. Harrell's C of a Cox fit without weights): then both
 * walks give the same counts and per-row counts exactly, and so the same C and SE bit for bit.
 * Reference: the counting is Knight's (1966) idea for Kendall's τ (doi:10.1080/01621459.1966.10480879),
 * sort by one coordinate and count dominance in the other, with survival's comparability rule.
 */
import type { ConcordanceKernelInput, ConcordancePairs } from "./concordance-kernel.js";
import { denseRanks, radixArgsort, stableSortByKey } from "./cox/order.js";

/**
 * Dense ranks of (stratum, time) in lexicographic order (strata ascending, then time ascending), so the
 * ranks of one stratum are one contiguous range.
 */
export function stratumTimeRanks(time: Float64Array, stratum: Int32Array | null, nStrata: number): Int32Array {
  const n = time.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const t = denseRanks(time, all, n);
  if (!stratum || nStrata <= 1) return t.rank;
  let order = stableSortByKey(all, t.rank, t.m);
  order = stableSortByKey(order, stratum, nStrata);
  const rank = new Int32Array(n);
  let m = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const prev = k > 0 ? order[k - 1] : -1;
    if (prev < 0 || stratum[i] !== stratum[prev] || t.rank[i] !== t.rank[prev]) m++;
    rank[i] = m;
  }
  return rank;
}

/** Fenwick update: adds w at rank τ (0-based) of the tree over ranks 0..K−1 stored in tree[1..K]. */
function fenwickAdd(tree: Float64Array, size: number, tau: number, w: number): void {
  for (let i = tau + 1; i <= size; i += i & -i) tree[i] += w;
}

/** Fenwick query: the sum over ranks below τ. */
function fenwickBelow(tree: Float64Array, tau: number): number {
  let s = 0;
  for (let i = tau; i > 0; i -= i & -i) s += tree[i];
  return s;
}

/** Running sums shared by the strata; c0 discordant, c1 concordant, c2 tied.x, c3 all death pairs tied in time, c4 tied.xy. */
interface Sums {
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  readonly inf0: Float64Array;
  readonly inf1: Float64Array;
  readonly inf2: Float64Array;
  /** Scratch for groups of equal η: the "before" queries. */
  beforeDead: Float64Array;
  beforeRisk: Float64Array;
}

/**
 * One stratum: `order` holds its rows by ascending η; `rank[i] − lo` ∈ 0..size−1 is row i's time rank
 * in the stratum.
 */
function walkStratum(sums: Sums, input: ConcordanceKernelInput, unitWeights: boolean, rank: Int32Array, lo: number, size: number, order: Int32Array): void {
  const { status, eta, weights } = input;
  const omega = input.timeWeight ?? null;
  const { inf0, inf1 } = sums;
  const allW = new Float64Array(size);
  const censW = new Float64Array(size);
  const deadW = new Float64Array(size);
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    const tau = rank[r] - lo;
    const w = unitWeights ? 1 : weights[r];
    allW[tau] += w;
    if (status[r] !== 0) deadW[tau] += (omega ? omega[r] : 1) * w;
    else censW[tau] += w;
  }
  // risk-set total of a death at τ: rows after τ plus the censored at τ; deaths before τ
  const riskAt = new Float64Array(size);
  const deadBefore = new Float64Array(size);
  for (let tau = size - 1, acc = 0; tau >= 0; tau--) {
    riskAt[tau] = acc + censW[tau];
    acc += allW[tau];
  }
  for (let tau = 0, acc = 0; tau < size; tau++) {
    deadBefore[tau] = acc;
    acc += deadW[tau];
  }
  // rows of lower η added so far: Fenwick trees (all rows; deaths ω·w) and per-rank points
  const fa = new Float64Array(size + 1);
  const fd = new Float64Array(size + 1);
  const pc = new Float64Array(size);
  const pd = new Float64Array(size);
  const dwtAt = new Float64Array(size);
  const dwtGroup = new Float64Array(size);
  let faTotal = 0;
  const len = order.length;
  for (let g = 0; g < len; ) {
    const e = eta[order[g]];
    let h = g + 1;
    while (h < len && eta[order[h]] === e) h++;
    if (h === g + 1) {
      // one row with this η: nothing ties with it
      const r = order[g];
      const tau = rank[r] - lo;
      const w = unitWeights ? 1 : weights[r];
      const dead = status[r] !== 0;
      let lessD = fenwickBelow(fd, tau);
      let totD = deadBefore[tau];
      if (!dead) {
        lessD += pd[tau];
        totD += deadW[tau];
      }
      inf0[r] += lessD;
      inf1[r] += totD - lessD;
      if (dead) {
        const om = omega ? omega[r] : 1;
        const less = faTotal - fenwickBelow(fa, tau + 1) + pc[tau];
        const greater = riskAt[tau] - less;
        sums.c0 += w * greater * om;
        sums.c1 += w * less * om;
        inf0[r] += greater * om;
        inf1[r] += less * om;
        sums.c3 += w * dwtAt[tau] * om;
        dwtAt[tau] += w;
        const ow = om * w;
        fenwickAdd(fd, size, tau, ow);
        pd[tau] += ow;
      } else {
        pc[tau] += w;
      }
      fenwickAdd(fa, size, tau, w);
      faTotal += w;
      g = h;
      continue;
    }
    walkTiedGroup(sums, input, unitWeights, rank, lo, size, order, g, h, { fa, fd, pc, pd, dwtAt, dwtGroup, riskAt, deadBefore, deadW }, faTotal);
    for (let u = g; u < h; u++) faTotal += unitWeights ? 1 : weights[order[u]];
    g = h;
  }
}

/** The per-stratum arrays walkTiedGroup reads and updates. */
interface StratumState {
  readonly fa: Float64Array;
  readonly fd: Float64Array;
  readonly pc: Float64Array;
  readonly pd: Float64Array;
  readonly dwtAt: Float64Array;
  readonly dwtGroup: Float64Array;
  readonly riskAt: Float64Array;
  readonly deadBefore: Float64Array;
  readonly deadW: Float64Array;
}

/** Rows order[g..h) share one η: query, add them all, query again; the differences are the ties. */
function walkTiedGroup(sums: Sums, input: ConcordanceKernelInput, unitWeights: boolean, rank: Int32Array, lo: number, size: number, order: Int32Array, g: number, h: number, st: StratumState, faTotalBefore: number): void {
  const { status, weights } = input;
  const omega = input.timeWeight ?? null;
  const { inf0, inf1, inf2 } = sums;
  const { fa, fd, pc, pd, dwtAt, dwtGroup, riskAt, deadBefore, deadW } = st;
  if (sums.beforeDead.length < h - g) {
    sums.beforeDead = new Float64Array(Math.max(h - g, 2 * sums.beforeDead.length));
    sums.beforeRisk = new Float64Array(sums.beforeDead.length);
  }
  const { beforeDead, beforeRisk } = sums;
  for (let u = g; u < h; u++) {
    const r = order[u];
    const tau = rank[r] - lo;
    const dead = status[r] !== 0;
    beforeDead[u - g] = fenwickBelow(fd, tau) + (dead ? 0 : pd[tau]);
    if (dead) beforeRisk[u - g] = faTotalBefore - fenwickBelow(fa, tau + 1) + pc[tau];
  }
  let faTotal = faTotalBefore;
  for (let u = g; u < h; u++) {
    const r = order[u];
    const tau = rank[r] - lo;
    const w = unitWeights ? 1 : weights[r];
    if (status[r] !== 0) {
      const om = omega ? omega[r] : 1;
      sums.c3 += w * dwtAt[tau] * om;
      dwtAt[tau] += w;
      sums.c4 += w * dwtGroup[tau] * om;
      dwtGroup[tau] += w;
      const ow = om * w;
      fenwickAdd(fd, size, tau, ow);
      pd[tau] += ow;
    } else {
      pc[tau] += w;
    }
    fenwickAdd(fa, size, tau, w);
    faTotal += w;
  }
  for (let u = g; u < h; u++) {
    const r = order[u];
    const tau = rank[r] - lo;
    const dead = status[r] !== 0;
    dwtGroup[tau] = 0;
    const bD = beforeDead[u - g];
    const aD = fenwickBelow(fd, tau) + (dead ? 0 : pd[tau]);
    const totD = deadBefore[tau] + (dead ? 0 : deadW[tau]);
    inf0[r] += bD;
    inf2[r] += aD - bD;
    inf1[r] += totD - aD;
    if (dead) {
      const w = unitWeights ? 1 : weights[r];
      const om = omega ? omega[r] : 1;
      const less = beforeRisk[u - g];
      const lessEq = faTotal - fenwickBelow(fa, tau + 1) + pc[tau];
      const eq = lessEq - less;
      const greater = riskAt[tau] - lessEq;
      sums.c0 += w * greater * om;
      sums.c1 += w * less * om;
      sums.c2 += w * eq * om;
      inf0[r] += greater * om;
      inf1[r] += less * om;
      inf2[r] += eq * om;
    }
  }
}

/**
 * True when every weight and every time weight read (at deaths) is an integer and the largest possible
 * sum, max ω · (Σw)², is below 2⁵³: then all of the walk's sums are exact integers.
 */
export function countsAreExactIntegers(input: ConcordanceKernelInput): boolean {
  const { weights, status } = input;
  const omega = input.timeWeight ?? null;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!Number.isInteger(w)) return false;
    total += w;
  }
  let omegaMax = 1;
  if (omega) {
    for (let i = 0; i < omega.length; i++) {
      if (status[i] === 0) continue;
      const om = omega[i];
      if (!Number.isInteger(om) || om < 0) return false;
      if (om > omegaMax) omegaMax = om;
    }
  }
  return omegaMax * total * total < 2 ** 53;
}

/**
 * The kernel's pairs for right-censored data by the walk in η (module comment). `input.entry` must be
 * null; `input.timeRank`, when given, holds the dense (stratum, time) ranks with −1 for rows in no
 * comparable pair (see ConcordanceKernelInput). Null when an η is NaN (the caller then uses the time walk).
 */
export function concordancePairsByScore(input: ConcordanceKernelInput): ConcordancePairs | null {
  const n = input.time.length;
  const { eta, weights } = input;
  const stratum = input.stratum ?? null;
  const nStrata = stratum ? (input.nStrata ?? stratum.reduce((a, b) => Math.max(a, b + 1), 1)) : 1;
  const rank = input.timeRank ?? stratumTimeRanks(input.time, stratum, nStrata);
  // rows in comparable pairs, by ascending η (stable in row index)
  let nIn = 0;
  for (let i = 0; i < n; i++) if (rank[i] >= 0) nIn++;
  const rows = new Int32Array(nIn);
  const v = new Float64Array(nIn);
  for (let i = 0, k = 0; i < n; i++) {
    if (rank[i] < 0) continue;
    const x = eta[i];
    if (x !== x) return null;
    rows[k] = i;
    v[k++] = x;
  }
  const idx = radixArgsort(v);
  let order: Int32Array = new Int32Array(nIn);
  for (let t = 0; t < nIn; t++) order[t] = rows[idx[t]];
  if (stratum && nStrata > 1) order = stableSortByKey(order, stratum, nStrata);
  let unitWeights = true;
  for (let i = 0; i < n && unitWeights; i++) if (weights[i] !== 1) unitWeights = false;
  const sums: Sums = {
    c0: 0,
    c1: 0,
    c2: 0,
    c3: 0,
    c4: 0,
    inf0: new Float64Array(n),
    inf1: new Float64Array(n),
    inf2: new Float64Array(n),
    beforeDead: new Float64Array(0),
    beforeRisk: new Float64Array(0),
  };
  for (let from = 0; from < nIn; ) {
    let to = from + 1;
    let lo = rank[order[from]];
    let hi = lo;
    const s = stratum ? stratum[order[from]] : 0;
    for (; to < nIn && (!stratum || stratum[order[to]] === s); to++) {
      const r = rank[order[to]];
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
    walkStratum(sums, input, unitWeights, rank, lo, hi - lo + 1, order.subarray(from, to));
    from = to;
  }
  return {
    concordant: sums.c1,
    discordant: sums.c0,
    tiedX: sums.c2,
    tiedY: sums.c3 - sums.c4,
    tiedXY: sums.c4,
    concordantByRow: sums.inf1,
    discordantByRow: sums.inf0,
    tiedXByRow: sums.inf2,
  };
}
