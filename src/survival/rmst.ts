/**
 * Restricted mean survival time (RMST) up to tau, per group, and its two-group contrasts
 * (difference, ratio, ratio of restricted mean time lost), as survRM2::rmst2 (1.0-4) computes them
 * without covariates. survRM2 is written in R only; this is a re-implementation of its published
 * method (Uno et al. 2014), checked against it in base R (tools/oracle/rmst.R) and against
 * survival's `summary(survfit(...), rmean = tau)`.
 */
import { SurvinferError, optionError } from "../errors.js";
import { normalQuantile, normalTwoSidedP } from "../math/distributions.js";
import { eventTable, orderByKey } from "./event-table.js";
import { completeSurvivalRows } from "./logrank.js";
import type { CodedFactor } from "./logrank.js";
import { tieNearlyEqualTimes } from "./tied-times.js";

export interface RmstInput {
  /** Follow-up times (≥ 0); NaN is missing. */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored, −1 = missing. */
  readonly status: Int32Array;
  /** Groups; the first level present is the reference (survRM2's arm = 0). */
  readonly group: CodedFactor;
  /** Row numbers as the user sees them, for error messages only. */
  readonly rowNumbers?: Int32Array;
}

export interface RmstOptions {
  /** Truncation time; default: the largest tau every group's curve supports (survRM2's rule). */
  readonly tau?: number;
  /** Confidence level (survRM2: 1 − alpha); default 0.95. */
  readonly confLevel?: number;
  /** Tie times equal up to rounding within each group, as survfit's timefix = TRUE. Default true. */
  readonly timefix?: boolean;
}

export interface RmstGroup {
  readonly name: string;
  readonly n: number;
  readonly events: number;
  /** ∫₀^τ Ŝ(t) dt. */
  readonly rmst: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** Restricted mean time lost τ − RMST (same SE); limits τ − upper, τ − lower. */
  readonly rmtl: number;
  readonly rmtlLower: number;
  readonly rmtlUpper: number;
}

export interface RmstEstimate {
  readonly estimate: number;
  /** SE of the estimate (difference) or of its logarithm (ratios). */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
}

export interface RmstContrast {
  /** "<group> vs <reference>". */
  readonly comparison: string;
  /** RMST_g − RMST_ref. */
  readonly difference: RmstEstimate;
  /** RMST_g / RMST_ref (delta method on the log scale). */
  readonly ratio: RmstEstimate;
  /** RMTL_g / RMTL_ref (delta method on the log scale). */
  readonly rmtlRatio: RmstEstimate;
}

export interface RmstResult {
  readonly method: "restricted mean survival time (survRM2)";
  readonly tau: number;
  /** The largest tau the data allow (survRM2's rule); tau was defaulted to it when not given. */
  readonly tauLimit: number;
  readonly tauDefaulted: boolean;
  readonly groups: RmstGroup[];
  /** Each non-reference group versus the first group. */
  readonly contrasts: RmstContrast[];
  /** With exactly two groups: the second versus the first (survRM2's arm 1 vs arm 0); else null. */
  readonly difference: RmstEstimate | null;
  readonly ratio: RmstEstimate | null;
  readonly rmtlRatio: RmstEstimate | null;
  readonly n: number;
  readonly nMissing: number;
  readonly options: { readonly confLevel: number; readonly timefix: boolean; readonly varianceMethod: "greenwood-plugin" };
  readonly warnings: string[];
}

/**
 * Kernel: RMST and its variance for one group from its Kaplan–Meier event table (times ascending,
 * nRisk Y_j, nEvent d_j). Pieces: [0, t₁) with Ŝ = 1, then [t_j, t_{j+1}) with Ŝ(t_j), last piece up
 * to τ; var = Σ_{t_j ≤ τ} A_j² d_j / (Y_j (Y_j − d_j)), A_j = ∫_{t_j}^τ Ŝ, the term 0 when Y_j = d_j.
 * Never throws.
 */
export function rmstKernel(
  time: Float64Array,
  nRisk: Float64Array,
  nEvent: Float64Array,
  tau: number,
): { rmst: number; variance: number } {
  let m = 0;
  while (m < time.length && time[m] <= tau) m++;
  const pieces = new Float64Array(m + 1);
  const surv = new Float64Array(m);
  let s = 1;
  for (let j = 0; j < m; j++) {
    s *= 1 - nEvent[j] / nRisk[j];
    surv[j] = s;
  }
  pieces[0] = m > 0 ? time[0] : tau;
  for (let j = 0; j < m; j++) pieces[j + 1] = ((j + 1 < m ? time[j + 1] : tau) - time[j]) * surv[j];
  let rmst = 0;
  for (let j = 0; j <= m; j++) rmst += pieces[j];
  let variance = 0;
  let areaAfter = 0;
  for (let j = m - 1; j >= 0; j--) {
    areaAfter += pieces[j + 1];
    const free = nRisk[j] - nEvent[j];
    if (free !== 0 && nEvent[j] > 0) variance += (areaAfter * areaAfter * nEvent[j]) / (nRisk[j] * free);
  }
  return { rmst, variance };
}

function normalEstimate(est: number, se: number, z: number, logScale: boolean): RmstEstimate {
  const lo = est - z * se;
  const hi = est + z * se;
  const p = normalTwoSidedP(est / se);
  return logScale
    ? { estimate: Math.exp(est), se, lower: Math.exp(lo), upper: Math.exp(hi), p }
    : { estimate: est, se, lower: lo, upper: hi, p };
}

/**
 * Restricted mean survival time per group and its contrasts versus the first group.
 *
 * RMST(τ) = ∫₀^τ Ŝ(t) dt with Ŝ the Kaplan–Meier estimate;
 * Var = Σ_{t_j ≤ τ} [∫_{t_j}^τ Ŝ(u) du]² · d_j / (Y_j (Y_j − d_j))  (Greenwood plug-in; 0 when Y_j = d_j).
 * Difference RMST₁ − RMST₀ with SE √(V₁ + V₀); ratio and RMTL ratio on the log scale with
 * SE √(V₁/μ₁² + V₀/μ₀²); CIs estimate ± z SE (exponentiated for ratios); p = 2Φ(−|est/SE|).
 * Default τ (survRM2): with x_g the largest observed time of group g, τ = min(max_g x_g,
 * min{x_g : group g's last observation is not all events}); a larger τ is refused.
 *
 * Reference: Uno H, Claggett B, Tian L, et al. (2014). Moving beyond the hazard ratio in
 * quantifying the between-group difference in survival analysis. J Clin Oncol 32:2380–2385.
 * doi:10.1200/JCO.2014.55.2208. Royston P, Parmar MKB (2013) BMC Med Res Methodol 13:152,
 * doi:10.1186/1471-2288-13-152.
 * R: `survRM2::rmst2(time, status, arm, tau)` (1.0-4, two groups); per group also
 * `summary(survfit(Surv(time, status) ~ group), rmean = tau)$table[, c("rmean", "se(rmean)")]`.
 * Extension: more than two groups give per-group values and contrasts of each group versus the first.
 *
 * @example
 * ```ts
 * const r = rmst({
 *   time: Float64Array.from([2, 3, 5, 7, 4, 6, 8, 9]),
 *   status: Int32Array.from([1, 1, 0, 1, 1, 0, 1, 0]),
 *   group: { codes: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), levels: ["control", "treated"] },
 * }, { tau: 6 });
 * r.difference?.estimate; // RMST(treated) − RMST(control) up to 6
 * ```
 */
export function rmst(input: RmstInput, options: RmstOptions = {}): Readonly<RmstResult> {
  const confLevel = options.confLevel ?? 0.95;
  const timefix = options.timefix ?? true;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number between 0 and 1", confLevel);
  if (typeof timefix !== "boolean") throw optionError("timefix", "true or false", timefix);
  if (options.tau !== undefined && (typeof options.tau !== "number" || !Number.isFinite(options.tau) || !(options.tau > 0))) {
    throw optionError("tau", "a positive finite time", options.tau);
  }
  const { rows, nMissing } = completeSurvivalRows(input);
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} row(s) with a missing time, status or group were omitted`);

  const nLevels = input.group.levels.length;
  const rowsByLevel: number[][] = Array.from({ length: nLevels }, () => []);
  for (let r = 0; r < rows.length; r++) rowsByLevel[input.group.codes[rows[r]]].push(rows[r]);
  const levels: number[] = [];
  for (let l = 0; l < nLevels; l++) if (rowsByLevel[l].length > 0) levels.push(l);
  if (levels.length < nLevels) warnings.push(`${nLevels - levels.length} group level(s) with no rows were dropped`);
  if (levels.length === 0) {
    throw new SurvinferError({ code: "DATA_NO_ROWS", message: "no complete rows (time, status and group) to compute the RMST from" });
  }

  // survRM2's tau rule, on the raw times.
  let maxAll = Number.NEGATIVE_INFINITY;
  let minCensoredMax = Number.POSITIVE_INFINITY;
  for (const l of levels) {
    let mx = Number.NEGATIVE_INFINITY;
    for (const i of rowsByLevel[l]) mx = Math.max(mx, input.time[i]);
    let allEvents = true;
    for (const i of rowsByLevel[l]) if (input.time[i] === mx && input.status[i] === 0) allEvents = false;
    maxAll = Math.max(maxAll, mx);
    if (!allEvents) minCensoredMax = Math.min(minCensoredMax, mx);
  }
  const tauLimit = Math.min(maxAll, minCensoredMax);
  const tauDefaulted = options.tau === undefined;
  const tau = options.tau ?? tauLimit;
  if (tau > tauLimit) {
    throw new SurvinferError({
      code: "OPTION_TAU_TOO_LARGE",
      message: `tau = ${tau} is past the follow-up of at least one group; it must be ≤ ${tauLimit}`,
      value: String(tau),
      hint: `Choose tau ≤ ${tauLimit} (the smallest largest observed time among groups whose last observation is censored, as survRM2 requires), or omit it to use ${tauLimit}`,
    });
  }

  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const groups: RmstGroup[] = [];
  const variances: number[] = [];
  for (const l of levels) {
    const idx = Int32Array.from(rowsByLevel[l]);
    // survRM2 calls survfit per arm, so near-ties are resolved within each group.
    const gTime = new Float64Array(idx.length);
    const gStatus = new Int32Array(idx.length);
    for (let r = 0; r < idx.length; r++) {
      gTime[r] = input.time[idx[r]];
      gStatus[r] = input.status[idx[r]];
    }
    const t = timefix ? tieNearlyEqualTimes(gTime) : gTime;
    const tab = eventTable(t, gStatus, orderByKey(t));
    const { rmst: est, variance } = rmstKernel(tab.time, tab.nRisk, tab.nEvent, tau);
    const se = Math.sqrt(variance);
    let events = 0;
    for (let r = 0; r < idx.length; r++) events += gStatus[r];
    variances.push(variance);
    groups.push({
      name: input.group.levels[l],
      n: idx.length,
      events,
      rmst: est,
      se,
      lower: est - z * se,
      upper: est + z * se,
      rmtl: tau - est,
      rmtlLower: tau - (est + z * se),
      rmtlUpper: tau - (est - z * se),
    });
  }

  const contrasts: RmstContrast[] = [];
  const g0 = groups[0];
  for (let g = 1; g < groups.length; g++) {
    const g1 = groups[g];
    const v1 = variances[g];
    const v0 = variances[0];
    contrasts.push({
      comparison: `${g1.name} vs ${g0.name}`,
      difference: normalEstimate(g1.rmst - g0.rmst, Math.sqrt(v1 + v0), z, false),
      ratio: normalEstimate(Math.log(g1.rmst) - Math.log(g0.rmst), Math.sqrt(v1 / (g1.rmst * g1.rmst) + v0 / (g0.rmst * g0.rmst)), z, true),
      rmtlRatio: normalEstimate(Math.log(g1.rmtl) - Math.log(g0.rmtl), Math.sqrt(v1 / (g1.rmtl * g1.rmtl) + v0 / (g0.rmtl * g0.rmtl)), z, true),
    });
  }
  const two = contrasts.length === 1 ? contrasts[0] : null;
  return {
    method: "restricted mean survival time (survRM2)",
    tau,
    tauLimit,
    tauDefaulted,
    groups,
    contrasts,
    difference: two ? two.difference : null,
    ratio: two ? two.ratio : null,
    rmtlRatio: two ? two.rmtlRatio : null,
    n: rows.length,
    nMissing,
    options: { confLevel, timefix, varianceMethod: "greenwood-plugin" },
    warnings,
  };
}
