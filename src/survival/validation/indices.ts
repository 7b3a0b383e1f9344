/**
 * Internal to the bootstrap optimism loop (optimism.ts): Harrell's C, Uno's C up to τ and AUC(t) of many
 * linear predictors η on one sample. Everything that depends only on the sample's times is computed once
 * (`prepareIndexSample`: the near-tie rule, the time ranks, Uno's weights, the AUC's cases, controls and
 * their IPCW weights); each evaluation (`discriminationIndices`) ranks η once and shares that ranking
 * between the three indices, and one walk down the times counts Harrell's and Uno's pairs together.
 *
 * The numbers are those of the front doors, bit for bit (same counts, same order of summation; checked in
 * test/unit/validation-indices.test.ts):
 *   harrellC = concordance(time, status, η).value,
 *   unoC     = concordance(time, status, η, { timeWeight: "n/G2", tau }).value,
 *   auc      = timeAuc(time, status, η, horizon).auc,
 * i.e. C = 1 − ((discordant − concordant)/N + 1)/2, N = discordant + concordant + tied.x, with the pair rules
 * and the walk order of the shared kernel (src/survival/concordance-kernel.ts: R's order(−time, status, η),
 * tied deaths against the risk set without each other), ω ≡ 1 for Harrell and ω(t) = 1/Ĝ(t−)² (0 after τ;
 * Ĝ in survival's fastkm1 convention, `censoringSurvivalAtDeaths`) for Uno, falling back to ω ≡ 1 with
 * fewer than 2 deaths as R does; AUC(t) as time-auc.ts states it. Case weights are 1 (a bootstrap
 * sample's duplicates are separate rows) and no standard errors are computed (the loop reads only the values).
 * Preconditions: finite times, status ∈ {0, 1}, finite η (the callers check η and fall back to the front
 * doors, which report the error). Cost per evaluation: one sort of η, three counting sorts, one Fenwick walk.
 */
import { Fenwick } from "../../math/fenwick.js";
import { denseRanks, stableSortByKey } from "../cox/order.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import { censoringSurvivalAtDeaths } from "./concordance.js";
import { censoringCurve, stepAt } from "./time-auc.js";

/** AUC(t) pieces that depend only on the times: cases (Tᵢ ≤ t, Δᵢ = 1) in row order with 1/Ĝ(Tᵢ−), and the controls (Tⱼ > t). */
interface AucSample {
  readonly caseRows: Int32Array;
  readonly caseWeight: Float64Array;
  readonly isControl: Uint8Array;
  readonly nControls: number;
}

/** A sample prepared for `discriminationIndices`. */
export interface IndexSample {
  readonly n: number;
  /** 0..n−1, the starting order of the stable sorts. */
  readonly rows: Int32Array;
  readonly time: Float64Array;
  readonly status: ArrayLike<number>;
  /** Times after the near-tie rule (concordance's timefix; `time` itself when nothing ties nearly). */
  readonly timeFixed: Float64Array;
  /** Ranks of timeFixed (equal times, equal ranks; not necessarily dense) in 0..nTimes−1. */
  readonly timeRank: Int32Array;
  readonly nTimes: number;
  /** 1 for deaths, 0 for censored rows (sort key). */
  readonly statusKey: Int32Array;
  /** Uno's ω at each death row (1/Ĝ(Tᵢ−)², 0 after τ). */
  readonly unoWeight: Float64Array;
  /** Null without a horizon. */
  readonly auc: AucSample | null;
  readonly horizon: number | null;
  readonly tau: number | null;
}

/** Ranks of the risk scores η (equal scores, equal ranks) in 0..m−1, as `discriminationIndices` reads them. */
export interface ScoreRanks {
  readonly rank: Int32Array;
  readonly m: number;
}

export interface DiscriminationIndices {
  readonly harrellC: number;
  readonly unoC: number;
  /** NaN without a horizon, cases or controls. */
  readonly auc: number;
}

/** Uno's ω per death row, as concordance(…, { timeWeight: "n/G2", tau }) computes it; `ascending` orders the rows by time. */
function unoWeights(timeFixed: Float64Array, status: ArrayLike<number>, ascending: Int32Array, tau: number | null): Float64Array {
  const n = timeFixed.length;
  let nDeath = 0;
  for (let i = 0; i < n; i++) nDeath += status[i];
  let gAt: Map<number, number> | null = null;
  if (nDeath >= 2) {
    const ones = new Float64Array(n).fill(1);
    const { etime, gMinus } = censoringSurvivalAtDeaths(timeFixed, status, ones, ascending);
    gAt = new Map(etime.map((e, k) => [e, gMinus[k]]));
  }
  const omega = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (status[i] === 0) continue;
    const s = timeFixed[i];
    if (tau !== null && s > tau) omega[i] = 0;
    else if (gAt === null) omega[i] = 1;
    else {
      const g = gAt.get(s) ?? 1;
      omega[i] = 1 / (g * g);
    }
  }
  return omega;
}

function aucSample(time: Float64Array, status: ArrayLike<number>, horizon: number, ascending: Int32Array | undefined): AucSample {
  const n = time.length;
  const g = censoringCurve(time, status, ascending);
  const isControl = new Uint8Array(n);
  const cases: number[] = [];
  const weights: number[] = [];
  let nControls = 0;
  for (let i = 0; i < n; i++) {
    if (time[i] > horizon) {
      isControl[i] = 1;
      nControls++;
    } else if (status[i] === 1) {
      cases.push(i);
      weights.push(1 / stepAt(g, time[i], true));
    }
  }
  return { caseRows: Int32Array.from(cases), caseWeight: Float64Array.from(weights), isControl, nControls };
}

/** The sample; `timeRanks` (ranks of the raw times) saves the sort when nothing ties nearly. */
function buildSample(time: Float64Array, status: ArrayLike<number>, rows: Int32Array, horizon: number | null, tau: number | null, timeRanks: ScoreRanks | null): IndexSample {
  const n = time.length;
  const timeFixed = tieNearlyEqualTimes(time);
  const noNearTies = timeFixed === time;
  const { rank: timeRank, m: nTimes } = noNearTies && timeRanks ? timeRanks : denseRanks(timeFixed, rows, n);
  const ascending = stableSortByKey(rows, timeRank, nTimes);
  const statusKey = new Int32Array(n);
  for (let i = 0; i < n; i++) statusKey[i] = status[i] !== 0 ? 1 : 0;
  return {
    n,
    rows,
    time,
    status,
    timeFixed,
    timeRank,
    nTimes,
    statusKey,
    unoWeight: unoWeights(timeFixed, status, ascending, tau),
    // the raw times are in `ascending` order only when the near-tie rule changed nothing
    auc: horizon === null ? null : aucSample(time, status, horizon, noNearTies ? ascending : undefined),
    horizon,
    tau,
  };
}

/** Prepares (`time`, `status`) once for many `discriminationIndices` calls; `horizon` null = no AUC, `tau` null = no truncation. */
export function prepareIndexSample(time: Float64Array, status: ArrayLike<number>, horizon: number | null, tau: number | null): IndexSample {
  const n = time.length;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return buildSample(time, status, rows, horizon, tau, null);
}

/**
 * The sample of rows `idx` of `parent` (a bootstrap draw of n rows; `time`, `status` its values), with the
 * parent's time ranks (no new sort) when neither has near-ties.
 */
export function resampleIndexSample(parent: IndexSample, idx: ArrayLike<number>, time: Float64Array, status: ArrayLike<number>): IndexSample {
  const n = idx.length;
  const rows = n === parent.n ? parent.rows : Int32Array.from({ length: n }, (_, i) => i);
  let ranks: ScoreRanks | null = null;
  if (parent.timeFixed === parent.time) {
    const rank = new Int32Array(n);
    for (let k = 0; k < n; k++) rank[k] = parent.timeRank[idx[k]];
    ranks = { rank, m: parent.nTimes };
  }
  return buildSample(time, status, rows, parent.horizon, parent.tau, ranks);
}

/** Dense ranks of risk scores on a sample. */
export function rankScores(sample: IndexSample, eta: ArrayLike<number>): ScoreRanks {
  return denseRanks(eta, sample.rows, sample.n);
}

/** (concordant + tied.x / 2) / N written as survival's concordancefit (and the kernel) computes it. */
function concordanceValue(concordant: number, discordant: number, tiedX: number): number {
  const npair = discordant + concordant + tiedX;
  if (!(npair > 0)) return Number.NaN;
  const somer = (discordant - concordant) / npair;
  return 1 - (somer + 1) / 2;
}

/** AUC(t) from the dense ranks of η: controls below and tied with each case, as timeAuc counts them. */
function aucOf(a: AucSample, rank: Int32Array, m: number): number {
  if (a.caseRows.length === 0 || a.nControls === 0) return Number.NaN;
  const count = new Int32Array(m);
  for (let i = 0; i < rank.length; i++) if (a.isControl[i] === 1) count[rank[i]]++;
  const below = new Int32Array(m); // controls with a lower η rank
  for (let r = 1; r < m; r++) below[r] = below[r - 1] + count[r - 1];
  let num = 0;
  let den = 0;
  for (let c = 0; c < a.caseRows.length; c++) {
    const r = rank[a.caseRows[c]];
    const w = a.caseWeight[c];
    num += w * (below[r] + 0.5 * count[r]);
    den += w;
  }
  return num / (den * a.nControls);
}

/**
 * Harrell's C, Uno's C (τ) and AUC(t) of risk scores η (higher = earlier death) on a prepared sample, from
 * the ranks of η (`rankScores`; any ranks with the order and ties of η give the same numbers).
 */
export function discriminationIndices(sample: IndexSample, scores: ScoreRanks): DiscriminationIndices {
  const { n, rows, status, timeFixed, timeRank, nTimes, statusKey, unoWeight } = sample;
  const { rank, m } = scores;
  // the kernel's walk order: time descending, censored before deaths at a time, then η ascending
  let order = stableSortByKey(rows, rank, m);
  order = stableSortByKey(order, statusKey, 2);
  order = stableSortByKey(order, timeRank, nTimes, true);
  const risk = new Fenwick(m);
  // pair counts: Harrell (ω ≡ 1) and Uno (ω = unoWeight)
  let hC = 0;
  let hD = 0;
  let hT = 0;
  let uC = 0;
  let uD = 0;
  let uT = 0;
  for (let k = 0; k < n; ) {
    const ii = order[k];
    if (status[ii] === 0) {
      risk.add(rank[ii], 1);
      k++;
      continue;
    }
    const t = timeFixed[ii];
    let kEnd = k;
    while (kEnd < n && timeFixed[order[kEnd]] === t) kEnd++;
    // each death against the risk set, which excludes the deaths tied with it
    for (let j = k; j < kEnd; j++) {
      const jj = order[j];
      const r = rank[jj];
      const less = risk.below(r);
      const eq = risk.point[r];
      const greater = risk.total - less - eq;
      const om = unoWeight[jj];
      hD += greater;
      hC += less;
      hT += eq;
      uD += greater * om;
      uC += less * om;
      uT += eq * om;
    }
    for (let j = k; j < kEnd; j++) risk.add(rank[order[j]], 1);
    k = kEnd;
  }
  return {
    harrellC: concordanceValue(hC, hD, hT),
    unoC: concordanceValue(uC, uD, uT),
    auc: sample.auc === null ? Number.NaN : aucOf(sample.auc, rank, m),
  };
}
