/**
 * Concordance of a risk score with right-censored survival: Harrell's C and Uno's IPCW C with a
 * truncation time τ, as R survival's `concordance()` (3.5-3) computes them, with its infinitesimal-
 * jackknife standard error.
 *
 * Notation: times Tᵢ, event indicators Δᵢ, risk scores ηᵢ (higher = higher risk, R's reverse = TRUE),
 * case weights wᵢ. A pair (i, j) is comparable when Δᵢ = 1 and j is still at risk at Tᵢ (Tⱼ > Tᵢ, or
 * Tⱼ = Tᵢ with Δⱼ = 0). It is concordant when ηᵢ > ηⱼ, discordant when ηᵢ < ηⱼ, tied.x when equal. Every
 * comparable pair whose death time is t gets the time weight ω(t) (and wᵢwⱼ):
 *   Harrell (timewt "n"):  ω(t) = 1,
 *   Uno     (timewt "n/G2"): ω(t) = 1 / Ĝ(t−)²,
 * with ω(t) = 0 for t > τ (R's ymax). Ĝ is the Kaplan–Meier curve of the censoring distribution in
 * survival's fastkm1 convention: at a time with both deaths and censorings the deaths leave the risk
 * set first, so Ĝ(t) = Π_{s ≤ t} (1 − c(s) / (n(s) − d(s))). Then
 *   C = (concordant + tied.x / 2) / (concordant + discordant + tied.x).
 * SE: with Somers' d = (c − d)/N and per-row ω-weighted pair counts, dfbetaᵢ = wᵢ((cᵢ − dᵢ)/N − d(cᵢ + dᵢ +
 * txᵢ)/N), var(C) = Σ dfbetaᵢ² / 4 — Ĝ is treated as known, exactly as R does.
 *
 * References: Harrell, Califf, Pryor, Lee & Rosati (1982) doi:10.1001/jama.1982.03320430047030;
 * Uno, Cai, Pencina, D'Agostino & Wei (2011) doi:10.1002/sim.4154; Therneau & Atkinson, "The concordance
 * statistic" (survival vignette).
 * R: `concordance(fit)` (Harrell) and `concordance(fit, timewt = "n/G2", ymax = tau)` (Uno), or
 * `concordance(Surv(time, status) ~ eta, reverse = TRUE, timewt = ..., ymax = ...)`.
 * Deliberate differences: none. As R, with fewer than 2 deaths the time weight falls back to "n".
 * Counting: two Fenwick trees over the ranked η (risk set and ω-weighted deaths), O(n log n).
 */
import { optionError, SurvinferError } from "../../errors.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import { Fenwick } from "../../math/fenwick.js";

export type ConcordanceTimeWeight = "n" | "n/G2";

export interface ConcordanceOptions {
  /** "n" = Harrell's C (default), "n/G2" = Uno's IPCW C. */
  readonly timeWeight?: ConcordanceTimeWeight;
  /** Truncation time τ: deaths after τ do not count (R's ymax); default none. */
  readonly tau?: number | null;
  /** Case weights (> 0). */
  readonly weights?: ArrayLike<number>;
  /** Treat times within √ε as tied (R's timefix = TRUE); default true. */
  readonly timefix?: boolean;
}

export interface ConcordanceResult {
  readonly method: "concordance";
  /** Concordance C (higher η predicts earlier death). */
  readonly value: number;
  /** Infinitesimal-jackknife standard error (R's sqrt(fit$var)). */
  readonly se: number;
  readonly concordant: number;
  readonly discordant: number;
  readonly tiedX: number;
  readonly tiedY: number;
  readonly tiedXY: number;
  readonly n: number;
  readonly options: { readonly timeWeight: ConcordanceTimeWeight; readonly tau: number | null; readonly timefix: boolean; readonly reverse: true };
  readonly warnings: string[];
}

/**
 * Censoring survival Ĝ(t−) at each distinct death time (ascending), survival's fastkm1 convention
 * (tied deaths leave before censorings). `order` is by time ascending.
 */
export function censoringSurvivalAtDeaths(time: Float64Array, status: ArrayLike<number>, weights: Float64Array, order: Int32Array): { etime: number[]; gMinus: number[] } {
  const n = time.length;
  let atRisk = 0;
  for (let i = 0; i < n; i++) atRisk += weights[i];
  const etime: number[] = [];
  const gMinus: number[] = [];
  let g = 1;
  for (let k = 0; k < n; ) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    let e = k;
    for (; e < n && time[order[e]] === t; e++) {
      const i = order[e];
      if (status[i] !== 0) d += weights[i];
      else c += weights[i];
    }
    if (d > 0) {
      etime.push(t);
      gMinus.push(g);
    }
    if (c > 0) g *= (atRisk - d - c) / (atRisk - d);
    atRisk -= d + c;
    k = e;
  }
  return { etime, gMinus };
}

/**
 * Kernel: time-weighted concordance counts and influence. Preconditions: equal lengths, finite times,
 * status ∈ {0, 1}, finite η, weights > 0; `timeWeightOf(t)` gives ω at each distinct death time t.
 */
export function concordanceCounts(time: Float64Array, status: ArrayLike<number>, eta: ArrayLike<number>, weights: Float64Array, timeWeightOf: (t: number, k: number) => number): Omit<ConcordanceResult, "method" | "options" | "warnings" | "n"> {
  const n = time.length;
  // dense ranks of η
  const byEta = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => eta[a] - eta[b]);
  const rank = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && eta[byEta[k]] !== eta[byEta[k - 1]]) m++;
    rank[byEta[k]] = m;
  }
  m = n === 0 ? 0 : m + 1;
  // R's order(-time, status, eta)
  const ord = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b] - time[a] || (status[a] !== 0 ? 1 : 0) - (status[b] !== 0 ? 1 : 0) || eta[a] - eta[b] || a - b);
  // ω per distinct death time, ascending index k
  const deathTimes: number[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const i = ord[k];
    if (status[i] !== 0 && (deathTimes.length === 0 || deathTimes[deathTimes.length - 1] !== time[i])) deathTimes.push(time[i]);
  }
  const omega = new Map<number, number>();
  deathTimes.forEach((t, k) => omega.set(t, timeWeightOf(t, k)));
  const inf0 = new Float64Array(n);
  const inf1 = new Float64Array(n);
  const inf2 = new Float64Array(n);
  const risk = new Fenwick(m);
  const dead = new Fenwick(m);
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  const deadQuery = (q: number, sign: number): void => {
    const r = rank[q];
    const less = dead.below(r);
    const eq = dead.point[r];
    inf0[q] += sign * less;
    inf1[q] += sign * (dead.total - less - eq);
    inf2[q] += sign * eq;
  };
  for (let k = 0; k < n; ) {
    const ii = ord[k];
    if (status[ii] === 0) {
      deadQuery(ii, -1);
      risk.add(rank[ii], weights[ii]);
      k++;
      continue;
    }
    const t = time[ii];
    const om = omega.get(t) ?? 0;
    let kEnd = k;
    while (kEnd < n && time[ord[kEnd]] === t) kEnd++;
    let dwt = 0;
    let dwt2 = 0;
    let groupStart = k;
    for (let j = k; j < kEnd; j++) {
      const jj = ord[j];
      const w = weights[jj];
      c3 += w * dwt * om;
      dwt += w;
      if (j > groupStart && eta[jj] !== eta[ord[groupStart]]) {
        groupStart = j;
        dwt2 = 0;
      }
      c4 += w * dwt2 * om;
      dwt2 += w;
      const r = rank[jj];
      const less = risk.below(r);
      const eq = risk.point[r];
      const greater = risk.total - less - eq;
      c0 += w * greater * om;
      c1 += w * less * om;
      c2 += w * eq * om;
      inf0[jj] += greater * om;
      inf1[jj] += less * om;
      inf2[jj] += eq * om;
      dead.add(r, om * w);
    }
    for (let j = k; j < kEnd; j++) {
      const jj = ord[j];
      deadQuery(jj, -1);
      risk.add(rank[jj], weights[jj]);
    }
    k = kEnd;
  }
  for (let k = 0; k < n; k++) deadQuery(ord[k], +1);
  const npair = c0 + c1 + c2;
  const somer = npair > 0 ? (c0 - c1) / npair : 0;
  let v = 0;
  if (npair > 0) {
    for (let i = 0; i < n; i++) {
      const d = weights[i] * ((inf0[i] - inf1[i]) / npair - (somer / npair) * (inf0[i] + inf1[i] + inf2[i]));
      v += d * d;
    }
  }
  return {
    value: npair > 0 ? 1 - (somer + 1) / 2 : Number.NaN,
    se: npair > 0 ? Math.sqrt(v / 4) : Number.NaN,
    concordant: c1,
    discordant: c0,
    tiedX: c2,
    tiedY: c3 - c4,
    tiedXY: c4,
  };
}

/**
 * Harrell's (timeWeight "n") or Uno's (timeWeight "n/G2") concordance of risk scores `eta` with
 * survival (`time`, `status`), optionally truncated at τ.
 *
 * @example
 * ```ts
 * const time = Float64Array.from([5, 8, 12, 20]);
 * const c = concordance(time, [1, 1, 0, 1], [2.1, 0.3, 0.5, -1], { timeWeight: "n/G2", tau: 15 });
 * c.value; // Uno's C up to 15
 * ```
 */
export function concordance(time: Float64Array, status: ArrayLike<number>, eta: ArrayLike<number>, options: ConcordanceOptions = {}): Readonly<ConcordanceResult> {
  const n = time.length;
  const timeWeight = options.timeWeight ?? "n";
  if (timeWeight !== "n" && timeWeight !== "n/G2") throw optionError("timeWeight", '"n" (Harrell) or "n/G2" (Uno)', timeWeight);
  const tau = options.tau ?? null;
  if (tau !== null && !Number.isFinite(tau)) throw optionError("tau", "a finite time or null", tau);
  const timefix = options.timefix ?? true;
  if (status.length !== n || eta.length !== n || (options.weights && options.weights.length !== n)) {
    throw new SurvinferError({ code: "INPUT_INVALID", message: "time, status, eta (and weights) must have the same length" });
  }
  const weights = Float64Array.from({ length: n }, (_, i) => (options.weights ? options.weights[i] : 1));
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) throw new SurvinferError({ code: "DATA_MISSING_VALUE", row: i + 1, message: "concordance needs finite times", value: String(time[i]) });
    if (status[i] !== 0 && status[i] !== 1) throw new SurvinferError({ code: "DATA_BAD_STATUS", row: i + 1, message: "status must be 0 or 1", value: String(status[i]) });
    if (!Number.isFinite(eta[i])) throw new SurvinferError({ code: "DATA_MISSING_VALUE", row: i + 1, message: "concordance needs a finite risk score per row", value: String(eta[i]) });
    if (!(weights[i] > 0) || !Number.isFinite(weights[i])) throw new SurvinferError({ code: "DATA_BAD_WEIGHT", row: i + 1, message: "weights must be positive and finite", value: String(weights[i]) });
  }
  const t = timefix ? tieNearlyEqualTimes(time) : time;
  let nDeath = 0;
  for (let i = 0; i < n; i++) nDeath += status[i];
  const warnings: string[] = [];
  let effective: ConcordanceTimeWeight = timeWeight;
  if (timeWeight === "n/G2" && nDeath < 2) {
    effective = "n";
    warnings.push("fewer than 2 events: Uno's weights fall back to Harrell's (as R)");
  }
  let gAt: Map<number, number> | null = null;
  if (effective === "n/G2") {
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a] - t[b]);
    const { etime, gMinus } = censoringSurvivalAtDeaths(t, status, weights, order);
    gAt = new Map(etime.map((e, k) => [e, gMinus[k]]));
  }
  const counts = concordanceCounts(t, status, eta, weights, (s) => {
    if (tau !== null && s > tau) return 0;
    if (gAt === null) return 1;
    const g = gAt.get(s) ?? 1;
    return 1 / (g * g);
  });
  if (!(counts.concordant + counts.discordant + counts.tiedX > 0)) warnings.push("no comparable pairs: concordance undefined");
  return { method: "concordance", ...counts, n, options: { timeWeight, tau, timefix, reverse: true }, warnings };
}
