/**
 * The one counting kernel behind Harrell's and Uno's concordance: coxph's fit$concordance
 * (`coxConcordance`, src/survival/cox/concordance.ts) and prediction-model validation
 * (`concordance`, src/survival/validation/concordance.ts) both call it.
 *
 * Notation: stop times Tᵢ, event indicators Δᵢ, risk scores ηᵢ, case weights wᵢ, optional entry times
 * sᵢ ((start, stop] data) and strata. A pair (i, j) is comparable when Δᵢ = 1 and j is at risk at Tᵢ
 * in i's stratum: Tⱼ > Tᵢ, or Tⱼ = Tᵢ with Δⱼ = 0, and sⱼ < Tᵢ. With the time weight ω(Tᵢ) of the
 * death (ω ≡ 1 for Harrell's C, 1/Ĝ(Tᵢ−)² for Uno's, 0 after the truncation time τ) the pair adds
 * ω(Tᵢ)·wᵢwⱼ to concordant when ηᵢ > ηⱼ, to discordant when ηᵢ < ηⱼ, to tied.x when equal; pairs of
 * deaths at one time add to tied.y (tied.xy when η also ties). Then (R's reverse = TRUE)
 *   C = (concordant + tied.x / 2) / N,  N = concordant + discordant + tied.x,
 * and the infinitesimal-jackknife SE: with Somers' d = (discordant − concordant)/N on the unreversed
 * scale and per-row pair counts cᵢ, dᵢ, txᵢ (each pair counted once for each member),
 *   dfbetaᵢ = wᵢ((dᵢ − cᵢ)/N − d·(cᵢ + dᵢ + txᵢ)/N),  var(C) = Σ_clusters (Σ_{i ∈ cluster} dfbetaᵢ)² / 4,
 * C = 1 − (d + 1)/2. Ĝ (and so ω) is treated as known, as R does.
 *
 * R equivalents (survival 3.5-3): `concordancefit(y, lp, strata, weights, cluster, reverse = TRUE,
 * timefix = FALSE)` as coxph reports it in fit$concordance, and `concordance(Surv(time, status) ~ eta,
 * reverse = TRUE, timewt = "n" | "n/G2", ymax = tau)`; the counts are those of its C routines
 * concordance3 (right-censored) and concordance5 ((start, stop]).
 * References: Harrell, Califf, Pryor, Lee & Rosati (1982) doi:10.1001/jama.1982.03320430047030;
 * Uno, Cai, Pencina, D'Agostino & Wei (2011) doi:10.1002/sim.4154; Therneau & Atkinson, "The
 * concordance statistic" (survival vignette).
 * Counting: R walks a balanced binary tree. Here, for (start, stop] data, a walk back in time with two
 * Fenwick trees over the ranked η (the risk set, and the ω-weighted deaths already passed, for the
 * per-row counts) gives the same counts in O(n log n); for right-censored data a walk in ascending η
 * with the trees over the (few) distinct times (src/survival/concordance-by-score.ts) gives them too,
 * with its memory in cache, used when all its sums are exact integers (integer weights and ω, as for
 * an unweighted Cox fit), so that both walks give the same numbers bit for bit. The time walk does the
 * rest: (start, stop] data, non-integer weights or ω (Uno's C), an η that is NaN.
 * Written by hand because no maintained JavaScript library computes weighted, stratified concordance
 * with its influence.
 */
import { Fenwick } from "../math/fenwick.js";
import { concordancePairsByScore, countsAreExactIntegers } from "./concordance-by-score.js";
import { denseRanks, stableSortByKey } from "./cox/order.js";

/** Weighted pair counts on R's reverse = TRUE scale (higher η should go with earlier death). */
export interface ConcordanceCounts {
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedX: number;
  readonly tiedY: number;
  readonly tiedXY: number;
}

/** C, its infinitesimal-jackknife SE and the counts, in the order the front doors report them. */
export interface ConcordanceEstimate extends ConcordanceCounts {
  /** (concordant + tiedX / 2) / (concordant + discordant + tiedX); NaN without comparable pairs. */
  readonly value: number;
  /** Infinitesimal-jackknife standard error (summed by cluster when given); NaN without comparable pairs. */
  readonly se: number;
}

/**
 * Kernel input. Preconditions: equal lengths, finite times with sᵢ < Tᵢ, status ∈ {0, 1}, weights > 0;
 * `stratum[i]` ∈ 0..nStrata−1; `timeWeight[i]` = ω(Tᵢ) is read at rows with Δᵢ = 1 and is equal for deaths
 * at one time in one stratum. Omitted: no entry times, one stratum, ω ≡ 1 (Harrell).
 */
export interface ConcordanceKernelInput {
  readonly time: Float64Array;
  readonly status: ArrayLike<number>;
  readonly eta: ArrayLike<number>;
  readonly weights: Float64Array;
  readonly entry?: Float64Array | null;
  readonly stratum?: Int32Array | null;
  readonly nStrata?: number;
  readonly timeWeight?: Float64Array | null;
  /**
   * Optional, right-censored data only: dense ranks of (stratum, time) in lexicographic order (strata
   * ascending, then time), −1 for rows that are in no comparable pair (a censored row before the first
   * death of its stratum). The Cox fit passes them from its own sort; otherwise they are computed.
   */
  readonly timeRank?: Int32Array | null;
}

/** Counts plus the per-row ω-weighted counts of the comparable pairs each row belongs to. */
export interface ConcordancePairs extends ConcordanceCounts {
  readonly concordantByRow: Float64Array;
  readonly discordantByRow: Float64Array;
  readonly tiedXByRow: Float64Array;
}

/** Running sums; c0 = discordant, c1 = concordant, c2 = tied.x, c3 = all death pairs tied in time, c4 = tied.xy. */
interface Tally {
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  readonly inf0: Float64Array;
  readonly inf1: Float64Array;
  readonly inf2: Float64Array;
}

/** R's order(strata, -time, status, eta), stable in row index; counting sorts, least significant key first. */
function stopOrder(time: Float64Array, status: ArrayLike<number>, rank: Int32Array, m: number, stratum: Int32Array | null, nStrata: number, all: Int32Array): Int32Array {
  const n = time.length;
  const statusKey = new Int32Array(n);
  for (let i = 0; i < n; i++) statusKey[i] = status[i] !== 0 ? 1 : 0;
  const tRank = denseRanks(time, all, n);
  let order = stableSortByKey(all, rank, m);
  order = stableSortByKey(order, statusKey, 2);
  order = stableSortByKey(order, tRank.rank, tRank.m, true);
  return stratum && nStrata > 1 ? stableSortByKey(order, stratum, nStrata) : order;
}

/** Rows by stratum, then entry time descending. */
function entryOrder(entry: Float64Array, stratum: Int32Array | null, nStrata: number, all: Int32Array): Int32Array {
  const sRank = denseRanks(entry, all, entry.length);
  const order = stableSortByKey(all, sRank.rank, sRank.m, true);
  return stratum && nStrata > 1 ? stableSortByKey(order, stratum, nStrata) : order;
}

/**
 * One stratum, walking `byStop` back in time (censored before deaths at one time). The risk-set tree
 * holds wⱼ of the rows at risk; the deaths tree holds ω·wᵢ of the deaths passed so far, so the pairs in
 * which row j is the one at risk are (deaths tree as the walk passes sⱼ) − (deaths tree as it passes Tⱼ).
 */
function countStratum(tally: Tally, input: ConcordanceKernelInput, rank: Int32Array, byStop: Int32Array, byStart: Int32Array | null, risk: Fenwick, dead: Fenwick): void {
  const { time, status, eta, weights, entry } = input;
  const omega = input.timeWeight ?? null;
  const { inf0, inf1, inf2 } = tally;
  // deaths-tree query for row q: deaths with η below, equal and above q's
  const deadQuery = (q: number, sign: number): void => {
    const r = rank[q];
    const less = dead.below(r);
    const eq = dead.point[r];
    inf0[q] += sign * less;
    inf1[q] += sign * (dead.total - less - eq);
    inf2[q] += sign * eq;
  };
  let i2 = 0;
  for (let k = 0; k < byStop.length; ) {
    const ii = byStop[k];
    if (status[ii] === 0) {
      deadQuery(ii, -1);
      risk.add(rank[ii], weights[ii]);
      k++;
      continue;
    }
    const t = time[ii];
    const om = omega ? omega[ii] : 1;
    if (byStart && entry) {
      // rows entering at or after t leave the risk set (walking back in time)
      for (; i2 < byStart.length && entry[byStart[i2]] >= t; i2++) {
        const q = byStart[i2];
        deadQuery(q, +1);
        risk.add(rank[q], -weights[q]);
      }
    }
    let kEnd = k;
    while (kEnd < byStop.length && time[byStop[kEnd]] === t) kEnd++;
    // pass 1: each death against the risk set (which excludes the tied deaths)
    let dwt = 0;
    let dwt2 = 0;
    let groupStart = k;
    for (let j = k; j < kEnd; j++) {
      const jj = byStop[j];
      const w = weights[jj];
      tally.c3 += w * dwt * om;
      dwt += w;
      if (j > groupStart && eta[jj] !== eta[byStop[groupStart]]) {
        groupStart = j;
        dwt2 = 0;
      }
      tally.c4 += w * dwt2 * om;
      dwt2 += w;
      const r = rank[jj];
      const less = risk.below(r);
      const eq = risk.point[r];
      const greater = risk.total - less - eq;
      tally.c0 += w * greater * om;
      tally.c1 += w * less * om;
      tally.c2 += w * eq * om;
      inf0[jj] += greater * om;
      inf1[jj] += less * om;
      inf2[jj] += eq * om;
      dead.add(r, om * w);
    }
    // pass 2: the deaths start their own at-risk period (as survivors) and join the risk set
    for (let j = k; j < kEnd; j++) {
      const jj = byStop[j];
      deadQuery(jj, -1);
      risk.add(rank[jj], weights[jj]);
    }
    k = kEnd;
  }
  // close the at-risk periods still open
  if (byStart) {
    for (; i2 < byStart.length; i2++) deadQuery(byStart[i2], +1);
  } else {
    for (let k = 0; k < byStop.length; k++) deadQuery(byStop[k], +1);
  }
}

/**
 * Weighted (ω·wᵢwⱼ) comparable-pair counts and per-row counts, stratum by stratum, in O(n log n):
 * the walk in η for right-censored data, the walk back in time for (start, stop] data.
 */
export function concordancePairs(input: ConcordanceKernelInput): ConcordancePairs {
  if (!input.entry && countsAreExactIntegers(input)) {
    const byScore = concordancePairsByScore(input);
    if (byScore) return byScore;
  }
  return concordancePairsByTime(input);
}

/** concordancePairs by the walk back in time (Fenwick trees over the η ranks); any data. */
export function concordancePairsByTime(input: ConcordanceKernelInput): ConcordancePairs {
  const n = input.time.length;
  const stratum = input.stratum ?? null;
  const nStrata = stratum ? (input.nStrata ?? stratum.reduce((a, b) => Math.max(a, b + 1), 1)) : 1;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const { rank, m } = denseRanks(input.eta, all, n);
  const byStopAll = stopOrder(input.time, input.status, rank, m, stratum, nStrata, all);
  const byStartAll = input.entry ? entryOrder(input.entry, stratum, nStrata, all) : null;
  const tally: Tally = { c0: 0, c1: 0, c2: 0, c3: 0, c4: 0, inf0: new Float64Array(n), inf1: new Float64Array(n), inf2: new Float64Array(n) };
  // Fenwick trees over the global η ranks, cleared exactly between strata
  const risk = new Fenwick(m);
  const dead = new Fenwick(m);
  for (let from = 0; from < n; ) {
    let to = from + 1;
    if (stratum) while (to < n && stratum[byStopAll[to]] === stratum[byStopAll[from]]) to++;
    else to = n;
    const byStop = byStopAll.subarray(from, to);
    countStratum(tally, input, rank, byStop, byStartAll ? byStartAll.subarray(from, to) : null, risk, dead);
    from = to;
    if (from < n) {
      for (let k = 0; k < byStop.length; k++) {
        risk.clear(rank[byStop[k]]);
        dead.clear(rank[byStop[k]]);
      }
    }
  }
  return {
    concordant: tally.c1,
    discordant: tally.c0,
    tiedX: tally.c2,
    tiedY: tally.c3 - tally.c4,
    tiedXY: tally.c4,
    concordantByRow: tally.inf1,
    discordantByRow: tally.inf0,
    tiedXByRow: tally.inf2,
  };
}

/**
 * C and its infinitesimal-jackknife SE from the pair counts (formula in the module comment); with
 * `cluster`, the dfbetas are summed within clusters first (R's concordancefit(cluster =)).
 */
export function concordanceEstimate(pairs: ConcordancePairs, weights: Float64Array, cluster?: Int32Array): ConcordanceEstimate {
  const { concordant, discordant, tiedX, tiedY, tiedXY } = pairs;
  const npair = discordant + concordant + tiedX;
  if (!(npair > 0)) return { value: Number.NaN, se: Number.NaN, concordant, discordant, tiedX, tiedY, tiedXY };
  const somer = (discordant - concordant) / npair;
  const { concordantByRow: inf1, discordantByRow: inf0, tiedXByRow: inf2 } = pairs;
  const n = weights.length;
  const dfbeta = (i: number): number => weights[i] * ((inf0[i] - inf1[i]) / npair - (somer / npair) * (inf0[i] + inf1[i] + inf2[i]));
  let v = 0;
  if (cluster) {
    const sums = new Map<number, number>();
    for (let i = 0; i < n; i++) sums.set(cluster[i], (sums.get(cluster[i]) ?? 0) + dfbeta(i));
    for (const s of sums.values()) v += s * s;
  } else {
    for (let i = 0; i < n; i++) {
      const d = dfbeta(i);
      v += d * d;
    }
  }
  // reverse = TRUE: a higher risk score should go with a shorter survival
  return { value: 1 - (somer + 1) / 2, se: Math.sqrt(v / 4), concordant, discordant, tiedX, tiedY, tiedXY };
}
