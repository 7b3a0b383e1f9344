/**
 * Harrell's concordance of a Cox model's risk scores with survival, and its standard error, as
 * R survival's concordancefit(y, lp, strata, weights, cluster, reverse = TRUE, timefix = FALSE)
 * reports them in coxph's fit$concordance (Harrell et al. 1982, doi:10.1001/jama.1982.03320430047030;
 * Therneau & Atkinson, "The concordance statistic", survival vignette).
 *
 * A pair (i, j) is comparable when i has an event at tᵢ and j is at risk at tᵢ (tⱼ > tᵢ, or tⱼ = tᵢ
 * and j censored; for (start, stop] data also startⱼ < tᵢ), within a stratum. It is concordant when
 * ηᵢ > ηⱼ, discordant when ηᵢ < ηⱼ, tied.x when equal; pairs of events at the same time are tied.y
 * (tied.xy when η also ties). Weighted counts use wᵢwⱼ.
 *   C = (concordant + tied.x / 2) / (concordant + discordant + tied.x).
 * SE: survival's infinitesimal-jackknife formula. With Somers' d = (c − d)/N, N = c + d + tx, and
 * per-row pair counts cᵢ, dᵢ, txᵢ (each pair counted once for each member),
 *   dfbetaᵢ = wᵢ ((cᵢ − dᵢ)/N − d·(cᵢ + dᵢ + txᵢ)/N),  var(C) = Σ_clusters (Σ dfbetaᵢ)² / 4.
 * Counting uses two Fenwick trees over the ranked η (one for the risk set, one for processed deaths),
 * O(n log n), instead of survival's balanced binary tree (same counts).
 */
import { Fenwick } from "../../math/fenwick.js";
import { denseRanks, stableSortByKey } from "./order.js";
import type { CoxConcordance } from "./types.js";

export function coxConcordance(
  time: Float64Array,
  status: ArrayLike<number>,
  entry: Float64Array | null,
  eta: ArrayLike<number>,
  weights: Float64Array,
  stratum: Int32Array,
  nStrata: number,
  cluster?: Int32Array,
): CoxConcordance {
  const n = time.length;
  const inf0 = new Float64Array(n); // pairs where i's score is lower than the death's (pre-reverse "concordant")
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  const statusKey = new Int32Array(n);
  for (let i = 0; i < n; i++) statusKey[i] = status[i] !== 0 ? 1 : 0;
  const all0 = Int32Array.from({ length: n }, (_, i) => i);
  // one global order: stratum, stop descending, censored before events, score ascending (R's
  // order(-time, status, risk) within each stratum); LSD counting sorts, least significant key first
  const { rank, m } = denseRanks(eta, all0, n);
  const tRank = denseRanks(time, all0, n);
  let byStopAll = stableSortByKey(all0, rank, m);
  byStopAll = stableSortByKey(byStopAll, statusKey, 2);
  byStopAll = stableSortByKey(byStopAll, tRank.rank, tRank.m, true);
  if (nStrata > 1) byStopAll = stableSortByKey(byStopAll, stratum, nStrata);
  let byStartAll: Int32Array | null = null;
  if (entry) {
    const sRank = denseRanks(entry, all0, n);
    byStartAll = stableSortByKey(all0, sRank.rank, sRank.m, true);
    if (nStrata > 1) byStartAll = stableSortByKey(byStartAll, stratum, nStrata);
  }
  // Fenwick trees over the global score ranks, cleared exactly between strata
  const all = new Fenwick(m);
  const dead = new Fenwick(m);
  let from = 0;
  while (from < n) {
    let to = from;
    const st = stratum[byStopAll[from]];
    while (to < n && stratum[byStopAll[to]] === st) to++;
    const byStop = byStopAll.subarray(from, to);
    const byStart = byStartAll ? byStartAll.subarray(from, to) : null;
    from = to;
    let i2 = 0;
    // deaths-tree query for row q: below (less), equal, above (greater)
    const subtractDeaths = (q: number, sign: number): void => {
      const r = rank[q];
      const less = dead.below(r);
      const eq = dead.point[r];
      const greater = dead.total - less - eq;
      inf0[q] += sign * less;
      inf1[q] += sign * greater;
      inf2[q] += sign * eq;
    };
    for (let k = 0; k < byStop.length; ) {
      const ii = byStop[k];
      if (status[ii] === 0) {
        subtractDeaths(ii, -1);
        all.add(rank[ii], weights[ii]);
        k++;
        continue;
      }
      const t = time[ii];
      if (byStart && entry) {
        for (; i2 < byStart.length && entry[byStart[i2]] >= t; i2++) {
          const q = byStart[i2];
          subtractDeaths(q, +1);
          all.add(rank[q], -weights[q]);
        }
      }
      let kEnd = k;
      while (kEnd < byStop.length && time[byStop[kEnd]] === t) kEnd++;
      // pass 1: each death against the risk set (which excludes the tied deaths)
      let dwt = 0;
      let groupStart = k;
      let dwt2 = 0;
      for (let j = k; j < kEnd; j++) {
        const jj = byStop[j];
        const w = weights[jj];
        c3 += w * dwt;
        dwt += w;
        if (j > groupStart && eta[jj] !== eta[byStop[groupStart]]) {
          groupStart = j;
          dwt2 = 0;
        }
        c4 += w * dwt2;
        dwt2 += w;
        const r = rank[jj];
        const less = all.below(r);
        const eq = all.point[r];
        const greater = all.total - less - eq;
        c0 += w * greater;
        c1 += w * less;
        c2 += w * eq;
        inf0[jj] += greater;
        inf1[jj] += less;
        inf2[jj] += eq;
        dead.add(r, w);
      }
      // pass 2: start their own at-risk period (as survivors) and join the risk set
      for (let j = k; j < kEnd; j++) {
        const jj = byStop[j];
        subtractDeaths(jj, -1);
        all.add(rank[jj], weights[jj]);
      }
      k = kEnd;
    }
    // close the at-risk periods still open
    if (byStart) {
      for (; i2 < byStart.length; i2++) subtractDeaths(byStart[i2], +1);
    } else {
      for (const q of byStop) subtractDeaths(q, +1);
    }
    if (from < n) {
      for (const q of byStop) {
        all.clear(rank[q]);
        dead.clear(rank[q]);
      }
    }
  }
  const tiedY = c3 - c4;
  const npair = c0 + c1 + c2;
  const somer = (c0 - c1) / npair;
  const dfb = new Float64Array(n);
  for (let i = 0; i < n; i++) dfb[i] = weights[i] * ((inf0[i] - inf1[i]) / npair - (somer / npair) * (inf0[i] + inf1[i] + inf2[i]));
  let v = 0;
  if (cluster) {
    const sums = new Map<number, number>();
    for (let i = 0; i < n; i++) sums.set(cluster[i], (sums.get(cluster[i]) ?? 0) + dfb[i]);
    for (const s of sums.values()) v += s * s;
  } else {
    for (let i = 0; i < n; i++) v += dfb[i] * dfb[i];
  }
  // reverse = TRUE: a higher risk score should go with a shorter survival
  return {
    value: 1 - (somer + 1) / 2,
    se: Math.sqrt(v / 4),
    concordant: c1,
    discordant: c0,
    tiedX: c2,
    tiedY,
    tiedXY: c4,
  };
}
