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

/**
 * The rows in walk order (by stratum, then ascending η), gathered into contiguous arrays so that the walk
 * reads and writes memory in sequence: the time rank and status, weight and ω (null when all are 1), and
 * the per-row counts, scattered back to row order at the end.
 */
interface Walk {
  readonly rank: Int32Array;
  readonly dead: Uint8Array;
  readonly eta: Float64Array;
  readonly w: Float64Array | null;
  readonly om: Float64Array | null;
  readonly inf0: Float64Array;
  readonly inf1: Float64Array;
  readonly inf2: Float64Array;
  /** Running sums; c0 discordant, c1 concordant, c2 tied.x, c3 all death pairs tied in time, c4 tied.xy. */
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  /** Scratch for groups of equal η: the "before" queries. */
  beforeDead: Float64Array;
  beforeRisk: Float64Array;
}

/** Per-stratum arrays over the time ranks 0..size−1. */
interface StratumState {
  readonly size: number;
  /** Fenwick trees of the rows added so far: all rows (w), deaths (ω·w). */
  readonly fa: Float64Array;
  readonly fd: Float64Array;
  /** Points: censored w and deaths ω·w added so far at each rank; w of deaths so far (tied.y), and within the η group (tied.xy). */
  readonly pc: Float64Array;
  readonly pd: Float64Array;
  readonly dwtAt: Float64Array;
  readonly dwtGroup: Float64Array;
  /** Risk-set total of a death at τ (rows after τ and the censored at τ); ω·w of the deaths before τ and at τ. */
  readonly riskAt: Float64Array;
  readonly deadBefore: Float64Array;
  readonly deadW: Float64Array;
}

function stratumState(wk: Walk, from: number, to: number, lo: number, size: number): StratumState {
  const { rank, dead, w, om } = wk;
  const allW = new Float64Array(size);
  const censW = new Float64Array(size);
  const deadW = new Float64Array(size);
  for (let k = from; k < to; k++) {
    const tau = rank[k] - lo;
    const wk1 = w ? w[k] : 1;
    allW[tau] += wk1;
    if (dead[k] !== 0) deadW[tau] += (om ? om[k] : 1) * wk1;
    else censW[tau] += wk1;
  }
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
  return {
    size,
    fa: new Float64Array(size + 1),
    fd: new Float64Array(size + 1),
    pc: new Float64Array(size),
    pd: new Float64Array(size),
    dwtAt: new Float64Array(size),
    dwtGroup: new Float64Array(size),
    riskAt,
    deadBefore,
    deadW,
  };
}

/** One stratum, positions from..to−1 (ascending η); `rank[k] − lo` ∈ 0..size−1 is the time rank in the stratum. */
function walkStratum(wk: Walk, from: number, to: number, lo: number, size: number): void {
  const { rank, dead, eta, w, om, inf0, inf1, inf2 } = wk;
  const st = stratumState(wk, from, to, lo, size);
  const { fa, fd, pc, pd, dwtAt, riskAt, deadBefore, deadW } = st;
  let faTotal = 0;
  for (let g = from; g < to; ) {
    const e = eta[g];
    let h = g + 1;
    while (h < to && eta[h] === e) h++;
    if (h > g + 1) {
      faTotal = walkTiedGroup(wk, st, g, h, lo, faTotal);
      g = h;
      continue;
    }
    // one row with this η: nothing ties with it
    const tau = rank[g] - lo;
    const wg = w ? w[g] : 1;
    if (dead[g] !== 0) {
      const omg = om ? om[g] : 1;
      // as the member at risk: deaths before τ with lower η (discordant) and the others (concordant)
      const lessD = fenwickBelow(fd, tau);
      // as the death: its risk set's rows of lower η (concordant) and the others (discordant)
      const less = faTotal - fenwickBelow(fa, tau + 1) + pc[tau];
      const greater = riskAt[tau] - less;
      wk.c0 += wg * greater * omg;
      wk.c1 += wg * less * omg;
      inf0[g] = lessD + greater * omg;
      inf1[g] = deadBefore[tau] - lessD + less * omg;
      inf2[g] = 0;
      wk.c3 += wg * dwtAt[tau] * omg;
      dwtAt[tau] += wg;
      const ow = omg * wg;
      fenwickAdd(fd, size, tau, ow);
      pd[tau] += ow;
    } else {
      const lessD = fenwickBelow(fd, tau) + pd[tau];
      inf0[g] = lessD;
      inf1[g] = deadBefore[tau] + deadW[tau] - lessD;
      inf2[g] = 0;
      pc[tau] += wg;
    }
    fenwickAdd(fa, size, tau, wg);
    faTotal += wg;
    g++;
  }
}

/** Positions g..h−1 share one η: query, add them all, query again; the differences are the ties. Returns the new Σw added. */
function walkTiedGroup(wk: Walk, st: StratumState, g: number, h: number, lo: number, faTotalBefore: number): number {
  const { rank, dead, w, om, inf0, inf1, inf2 } = wk;
  const { size, fa, fd, pc, pd, dwtAt, dwtGroup, riskAt, deadBefore, deadW } = st;
  if (wk.beforeDead.length < h - g) {
    wk.beforeDead = new Float64Array(Math.max(h - g, 2 * wk.beforeDead.length));
    wk.beforeRisk = new Float64Array(wk.beforeDead.length);
  }
  const { beforeDead, beforeRisk } = wk;
  for (let k = g; k < h; k++) {
    const tau = rank[k] - lo;
    const isDead = dead[k] !== 0;
    beforeDead[k - g] = fenwickBelow(fd, tau) + (isDead ? 0 : pd[tau]);
    if (isDead) beforeRisk[k - g] = faTotalBefore - fenwickBelow(fa, tau + 1) + pc[tau];
  }
  let faTotal = faTotalBefore;
  for (let k = g; k < h; k++) {
    const tau = rank[k] - lo;
    const wg = w ? w[k] : 1;
    if (dead[k] !== 0) {
      const omg = om ? om[k] : 1;
      wk.c3 += wg * dwtAt[tau] * omg;
      dwtAt[tau] += wg;
      wk.c4 += wg * dwtGroup[tau] * omg;
      dwtGroup[tau] += wg;
      const ow = omg * wg;
      fenwickAdd(fd, size, tau, ow);
      pd[tau] += ow;
    } else {
      pc[tau] += wg;
    }
    fenwickAdd(fa, size, tau, wg);
    faTotal += wg;
  }
  for (let k = g; k < h; k++) {
    const tau = rank[k] - lo;
    const isDead = dead[k] !== 0;
    dwtGroup[tau] = 0;
    const bD = beforeDead[k - g];
    const aD = fenwickBelow(fd, tau) + (isDead ? 0 : pd[tau]);
    const totD = deadBefore[tau] + (isDead ? 0 : deadW[tau]);
    let i0 = bD;
    let i1 = totD - aD;
    let i2 = aD - bD;
    if (isDead) {
      const wg = w ? w[k] : 1;
      const omg = om ? om[k] : 1;
      const less = beforeRisk[k - g];
      const lessEq = faTotal - fenwickBelow(fa, tau + 1) + pc[tau];
      const eq = lessEq - less;
      const greater = riskAt[tau] - lessEq;
      wk.c0 += wg * greater * omg;
      wk.c1 += wg * less * omg;
      wk.c2 += wg * eq * omg;
      i0 += greater * omg;
      i1 += less * omg;
      i2 += eq * omg;
    }
    inf0[k] = i0;
    inf1[k] = i1;
    inf2[k] = i2;
  }
  return faTotal;
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
  const { eta, weights, status } = input;
  const omega = input.timeWeight ?? null;
  const stratum = input.stratum ?? null;
  const nStrata = stratum ? (input.nStrata ?? stratum.reduce((a, b) => Math.max(a, b + 1), 1)) : 1;
  const rank = input.timeRank ?? stratumTimeRanks(input.time, stratum, nStrata);
  // rows in comparable pairs, by ascending η (stable in row index), then by stratum
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
  const byStratum = stratum !== null && nStrata > 1;
  const etaW = new Float64Array(nIn);
  if (!byStratum) for (let t = 0; t < nIn; t++) etaW[t] = v[idx[t]];
  // positions to rows, in place
  if (nIn < n) for (let t = 0; t < nIn; t++) idx[t] = rows[idx[t]];
  const order = byStratum ? stableSortByKey(idx, stratum, nStrata) : idx;
  if (byStratum) for (let t = 0; t < nIn; t++) etaW[t] = eta[order[t]];
  let unitWeights = true;
  for (let i = 0; i < n && unitWeights; i++) if (weights[i] !== 1) unitWeights = false;
  let unitOmega = true;
  if (omega) for (let i = 0; i < n && unitOmega; i++) if (status[i] !== 0 && omega[i] !== 1) unitOmega = false;
  // gather in walk order (independent loads in one tight loop each)
  const rankW = new Int32Array(nIn);
  const deadW = new Uint8Array(nIn);
  for (let t = 0; t < nIn; t++) {
    const r = order[t];
    rankW[t] = rank[r];
    deadW[t] = status[r] !== 0 ? 1 : 0;
  }
  const wW = unitWeights ? null : Float64Array.from(order, (r) => weights[r]);
  const omW = unitOmega || !omega ? null : Float64Array.from(order, (r) => omega[r]);
  const wk: Walk = {
    rank: rankW,
    dead: deadW,
    eta: etaW,
    w: wW,
    om: omW,
    inf0: new Float64Array(nIn),
    inf1: new Float64Array(nIn),
    inf2: new Float64Array(nIn),
    c0: 0,
    c1: 0,
    c2: 0,
    c3: 0,
    c4: 0,
    beforeDead: new Float64Array(0),
    beforeRisk: new Float64Array(0),
  };
  for (let from = 0; from < nIn; ) {
    let to = from + 1;
    let lo = rankW[from];
    let hi = lo;
    const s = stratum ? stratum[order[from]] : 0;
    for (; to < nIn && (!stratum || stratum[order[to]] === s); to++) {
      const r = rankW[to];
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
    walkStratum(wk, from, to, lo, hi - lo + 1);
    from = to;
  }
  // per-row counts back to row order (rows in no pair keep 0)
  const inf0 = new Float64Array(n);
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  for (let t = 0; t < nIn; t++) {
    const r = order[t];
    inf0[r] = wk.inf0[t];
    inf1[r] = wk.inf1[t];
    inf2[r] = wk.inf2[t];
  }
  return {
    concordant: wk.c1,
    discordant: wk.c0,
    tiedX: wk.c2,
    tiedY: wk.c3 - wk.c4,
    tiedXY: wk.c4,
    concordantByRow: inf1,
    discordantByRow: inf0,
    tiedXByRow: inf2,
  };
}
