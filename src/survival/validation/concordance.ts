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
 * Counting and SE: the shared kernel (src/survival/concordance-kernel.ts, O(n log n)), the one
 * coxph's fit$concordance uses too; this front door validates, applies timefix and computes ω.
 */
import { optionError, SurvinferError } from "../../errors.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import { denseRanks, stableSortByKey } from "../cox/order.js";
import { concordanceEstimate, concordancePairs, type ConcordanceEstimate } from "../concordance-kernel.js";

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

/** Concordance C (higher η predicts earlier death), its infinitesimal-jackknife SE (R's sqrt(fit$var)), the pair counts, and provenance. */
export interface ConcordanceResult extends ConcordanceEstimate {
  readonly method: "concordance";
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

/** ω per row (read at deaths) from ω(t, k) at the distinct death times t, k = 0, 1, … ascending. */
function timeWeightByRow(time: Float64Array, status: ArrayLike<number>, timeWeightOf: (t: number, k: number) => number): Float64Array {
  const n = time.length;
  const deathRows: number[] = [];
  for (let i = 0; i < n; i++) if (status[i] !== 0) deathRows.push(i);
  const { rank, m } = denseRanks(time, Int32Array.from(deathRows), n);
  const deathTime = new Float64Array(m);
  for (const i of deathRows) deathTime[rank[i]] = time[i];
  const omegaK = deathTime.map((t, k) => timeWeightOf(t, k));
  const omega = new Float64Array(n);
  for (const i of deathRows) omega[i] = omegaK[rank[i]];
  return omega;
}

/**
 * Time-weighted concordance counts, C and SE through the shared kernel. Preconditions: equal lengths,
 * finite times, status ∈ {0, 1}, finite η, weights > 0; `timeWeightOf(t, k)` gives ω at the k-th
 * distinct death time t (ascending).
 */
export function concordanceCounts(time: Float64Array, status: ArrayLike<number>, eta: ArrayLike<number>, weights: Float64Array, timeWeightOf: (t: number, k: number) => number): ConcordanceEstimate {
  const pairs = concordancePairs({ time, status, eta, weights, timeWeight: timeWeightByRow(time, status, timeWeightOf) });
  return concordanceEstimate(pairs, weights);
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
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const tRank = denseRanks(t, all, n);
    const order = stableSortByKey(all, tRank.rank, tRank.m);
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
