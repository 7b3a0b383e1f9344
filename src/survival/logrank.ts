/**
 * The log-rank family of tests for k groups (G-rho, Harrington & Fleming 1982), stratified or not,
 * the log-rank test for trend across ordered groups, and the hazard ratio "from the log-rank" as
 * papers commonly report it. Equal to R survival::survdiff (survival 3.5-3).
 *
 * Written by hand because no JavaScript library reproduces survdiff's conventions (left-continuous
 * pooled Kaplan–Meier weight, weighted "observed", chi-square from the first-group-dropped
 * variance); the algorithm tallies rows into (stratum, distinct time, group) cells without sorting
 * rows (a counting sort when the cells would outnumber the rows) and makes one pass over the
 * cells, O(n + m·k²) after finding the distinct times.
 */
import { SurvinferError, optionError } from "../errors.js";
import { chisqSf } from "../math/chisq.js";
import { normalQuantile } from "../math/normal.js";
import { tieNearlyEqualTimes } from "./tied-times.js";

/** A categorical column: code k means levels[k]; −1 is missing. */
export interface CodedFactor {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface LogrankInput {
  /** Follow-up times (≥ 0); NaN is missing. */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored, −1 = missing. */
  readonly status: Int32Array;
  readonly group: CodedFactor;
  readonly strata?: CodedFactor;
  /** Row numbers as the user sees them (header = 1), used only in error messages. */
  readonly rowNumbers?: Int32Array;
}

export interface LogrankOptions {
  /** G-rho weight exponent: weights Ŝ(t−)^rho. 0 = log-rank (default, R's rho = 0), 1 = Peto–Peto. */
  readonly rho?: number;
  /** Tie times that differ by rounding only, as R's timefix = TRUE (aeqSurv). Default true. */
  readonly timefix?: boolean;
  /** Level of the hazard-ratio confidence intervals; default 0.95. */
  readonly confLevel?: number;
}

export interface LogrankGroup {
  readonly name: string;
  /** Number of subjects (after rows with missing values are dropped), as survdiff's $n. */
  readonly n: number;
  /** Σ w(t) d_g(t): the number of events when rho = 0, weighted by Ŝ(t−)^rho otherwise (as survdiff). */
  readonly observed: number;
  /** Σ w(t) d(t) n_g(t) / n(t). */
  readonly expected: number;
}

export interface LogrankStratum {
  readonly name: string;
  readonly n: number;
  /** Observed per group (same order as `groups`) within this stratum. */
  readonly observed: number[];
  readonly expected: number[];
}

export interface HazardRatioEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Hazard ratio "from the log-rank test" of the second group versus the first (reference), two
 * groups and rho = 0 only. NOT a Cox model estimate; labelled as such in reports.
 */
export interface LogrankHazardRatio {
  /** "<group 2> vs <group 1>". */
  readonly comparison: string;
  readonly confLevel: number;
  /** (O₂/E₂)/(O₁/E₁), CI exp(log HR ± z·√(1/E₁ + 1/E₂)). */
  readonly observedExpectedRatio: HazardRatioEstimate;
  /** Peto's one-step estimate exp((O₂ − E₂)/V), CI exp((O₂ − E₂)/V ± z/√V). */
  readonly peto: HazardRatioEstimate;
}

export interface LogrankResult {
  readonly method: "log-rank" | "Peto-Peto" | "G-rho";
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
  readonly groups: LogrankGroup[];
  /** k×k variance–covariance of O − E, summed over strata (survdiff's $var). */
  readonly variance: number[][];
  /** Per-stratum breakdown; present only for a stratified test. */
  readonly strata?: LogrankStratum[];
  /** Two groups and rho = 0 only; null otherwise. */
  readonly hazardRatio: LogrankHazardRatio | null;
  readonly n: number;
  readonly nMissing: number;
  readonly options: { readonly rho: number; readonly timefix: boolean; readonly confLevel: number };
  readonly warnings: string[];
}

interface PreparedRows {
  /** Indices of the complete rows. */
  readonly rows: Int32Array;
  readonly nMissing: number;
}

function rowLabel(input: { rowNumbers?: Int32Array }, i: number): { row?: number; where: string } {
  if (input.rowNumbers) return { row: input.rowNumbers[i], where: `row ${input.rowNumbers[i]}` };
  return { where: `index ${i}` };
}

/**
 * Shared front-door checks for (time, status, group[, strata]) inputs: equal lengths, times ≥ 0,
 * status ∈ {0, 1} (−1 missing), codes in range. Returns the complete rows (as R's na.omit).
 * @internal
 */
export function completeSurvivalRows(input: LogrankInput): PreparedRows {
  const n = input.time.length;
  const check = (len: number, what: string): void => {
    if (len !== n) {
      throw new SurvinferError({
        code: "DATA_LENGTH_MISMATCH",
        message: `${what} has ${len} values but time has ${n}`,
      });
    }
  };
  check(input.status.length, "status");
  check(input.group.codes.length, "group");
  if (input.strata) check(input.strata.codes.length, "strata");
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    const s = input.status[i];
    const g = input.group.codes[i];
    const st = input.strata ? input.strata.codes[i] : 0;
    if (Number.isNaN(t) || s === -1 || g === -1 || st === -1) continue;
    if (!Number.isFinite(t) || t < 0) {
      const { row, where } = rowLabel(input, i);
      throw new SurvinferError({
        code: t < 0 ? "DATA_NEGATIVE_TIME" : "DATA_INVALID_TIME",
        message: `follow-up time at ${where} must be a finite number ≥ 0`,
        row,
        value: String(t),
        hint: "Check the time column (or the dates it was derived from)",
      });
    }
    if (s !== 0 && s !== 1) {
      const { row, where } = rowLabel(input, i);
      throw new SurvinferError({
        code: "DATA_INVALID_STATUS",
        message: `event status at ${where} must be 1 (event) or 0 (censored)`,
        row,
        value: String(s),
      });
    }
    if (g < -1 || g >= input.group.levels.length || (input.strata && (st < -1 || st >= input.strata.levels.length))) {
      const { row, where } = rowLabel(input, i);
      throw new SurvinferError({ code: "DATA_INVALID_CODE", message: `group or stratum code out of range at ${where}`, row });
    }
    keep[m++] = i;
  }
  return { rows: keep.slice(0, m), nMissing: n - m };
}

/**
 * Sorted distinct values of `values[rows]` and, per kept row, the index of its value among them.
 * Heavily tied data (the usual case: times in days or months) go through a hash map and sort only
 * the distinct values; otherwise one numeric sort and a binary search per row. O(n log n) at worst.
 * @internal
 */
export function distinctTimeIndex(values: Float64Array, rows: Int32Array): { times: Float64Array; index: Int32Array } {
  const len = rows.length;
  const index = new Int32Array(len);
  const limit = Math.max(1024, len >> 3);
  const ids = new Map<number, number>();
  let r = 0;
  for (; r < len; r++) {
    const v = values[rows[r]];
    let id = ids.get(v);
    if (id === undefined) {
      if (ids.size >= limit) break;
      id = ids.size;
      ids.set(v, id);
    }
    index[r] = id;
  }
  if (r === len) {
    const u = ids.size;
    const uniq = new Float64Array(u);
    for (const [v, id] of ids) uniq[id] = v;
    const byValue = Int32Array.from({ length: u }, (_, i) => i).sort((a, b) => uniq[a] - uniq[b]);
    const rank = new Int32Array(u);
    const times = new Float64Array(u);
    for (let j = 0; j < u; j++) {
      rank[byValue[j]] = j;
      times[j] = uniq[byValue[j]];
    }
    for (let q = 0; q < len; q++) index[q] = rank[index[q]];
    return { times, index };
  }
  const sorted = new Float64Array(len);
  for (let q = 0; q < len; q++) sorted[q] = values[rows[q]];
  sorted.sort();
  let m = 0;
  for (let i = 0; i < len; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const times = sorted.slice(0, m);
  for (let q = 0; q < len; q++) {
    const v = values[rows[q]];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    index[q] = lo;
  }
  return { times, index };
}

/**
 * R's timefix (aeqSurv) applied to the distinct times only: aeqSurv depends on the set of distinct
 * values, so tying them and re-indexing the rows is the same as tying every row. Rewrites `index`
 * in place and returns the distinct tied times.
 * @internal
 */
export function tieDistinctTimes(times: Float64Array, index: Int32Array): Float64Array {
  const fixed = tieNearlyEqualTimes(times);
  if (fixed === times) return times;
  const remap = new Int32Array(times.length);
  const out: number[] = [];
  for (let j = 0; j < times.length; j++) {
    if (j === 0 || fixed[j] !== fixed[j - 1]) out.push(fixed[j]);
    remap[j] = out.length - 1;
  }
  for (let q = 0; q < index.length; q++) index[q] = remap[index[q]];
  return Float64Array.from(out);
}

/**
 * Risk-set blocks: one per (stratum, distinct time) that has rows, ordered by stratum then time,
 * with per-group event counts and per-group numbers leaving the risk set (events + censorings).
 */
export interface RiskBlocks {
  readonly stratum: Int32Array;
  /** nBlocks × k, row-major. */
  readonly deaths: Float64Array;
  readonly leaving: Float64Array;
}

/**
 * Builds the risk-set blocks without sorting rows: dense accumulation over (stratum, time, group)
 * cells when s·m·k is O(n), otherwise a stable counting sort by time, then by stratum. O(n + s·m·k).
 * Preconditions: timeIndex in 0..m−1, group in 0..k−1, stratum in 0..s−1, status ∈ {0, 1}.
 * @internal
 */
export function riskBlocks(
  timeIndex: Int32Array,
  status: Int32Array,
  group: Int32Array,
  stratum: Int32Array,
  m: number,
  k: number,
  s: number,
): RiskBlocks {
  const len = timeIndex.length;
  if (s * m * k <= 4 * len + 4096) {
    const cells = s * m;
    const deaths = new Float64Array(cells * k);
    const leaving = new Float64Array(cells * k);
    const used = new Uint8Array(cells);
    for (let i = 0; i < len; i++) {
      const cell = stratum[i] * m + timeIndex[i];
      const c = cell * k + group[i];
      leaving[c]++;
      deaths[c] += status[i];
      used[cell] = 1;
    }
    let nb = 0;
    for (let c = 0; c < cells; c++) nb += used[c];
    if (nb === cells) {
      const st = new Int32Array(cells);
      for (let c = 0; c < cells; c++) st[c] = (c / m) | 0;
      return { stratum: st, deaths, leaving };
    }
    const st = new Int32Array(nb);
    const d = new Float64Array(nb * k);
    const l = new Float64Array(nb * k);
    let b = 0;
    for (let c = 0; c < cells; c++) {
      if (!used[c]) continue;
      st[b] = (c / m) | 0;
      for (let g = 0; g < k; g++) {
        d[b * k + g] = deaths[c * k + g];
        l[b * k + g] = leaving[c * k + g];
      }
      b++;
    }
    return { stratum: st, deaths: d, leaving: l };
  }
  let order = countingOrder(timeIndex, m);
  if (s > 1) order = countingOrder(stratum, s, order);
  let nb = 0;
  for (let p = 0; p < len; p++) {
    const i = order[p];
    const prev = p > 0 ? order[p - 1] : -1;
    if (p === 0 || timeIndex[i] !== timeIndex[prev] || stratum[i] !== stratum[prev]) nb++;
  }
  const st = new Int32Array(nb);
  const d = new Float64Array(nb * k);
  const l = new Float64Array(nb * k);
  let b = -1;
  for (let p = 0; p < len; p++) {
    const i = order[p];
    const prev = p > 0 ? order[p - 1] : -1;
    if (p === 0 || timeIndex[i] !== timeIndex[prev] || stratum[i] !== stratum[prev]) st[++b] = stratum[i];
    l[b * k + group[i]]++;
    d[b * k + group[i]] += status[i];
  }
  return { stratum: st, deaths: d, leaving: l };
}

/** Stable counting sort of positions 0..len−1 by `key` (values in 0..nKeys−1). @internal */
export function countingOrder(key: Int32Array, nKeys: number, within?: Int32Array): Int32Array {
  const len = key.length;
  const count = new Int32Array(nKeys + 1);
  for (let i = 0; i < len; i++) count[key[i] + 1]++;
  for (let k = 0; k < nKeys; k++) count[k + 1] += count[k];
  const out = new Int32Array(len);
  const src = within ?? null;
  for (let p = 0; p < len; p++) {
    const i = src ? src[p] : p;
    out[count[key[i]]++] = i;
  }
  return out;
}

/** Raw sums of the G-rho test, as survdiff2.c accumulates them. */
export interface LogrankSums {
  /** s × k, stratum-major: observed[st * k + g]. */
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  /** k × k, row-major. */
  readonly variance: Float64Array;
}

/**
 * Kernel over risk-set blocks (see riskBlocks; blocks ordered by stratum then time) with
 * `size[st * k + g]` subjects per stratum and group. Never throws.
 * Per stratum and distinct time t, with n(t) at risk, d(t) events (pooled over groups) and the
 * left-continuous pooled Kaplan–Meier Ŝ(t−) (unweighted, within the stratum):
 *   w = Ŝ(t−)^ρ,  O_g += w d_g,  E_g += w d n_g / n,
 *   V_gh += w² d (n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n)   (skipped when n = 1).
 */
export function logrankSums(blocks: RiskBlocks, size: Float64Array, k: number, s: number, rho: number): LogrankSums {
  const nb = blocks.stratum.length;
  const observed = new Float64Array(s * k);
  const expected = new Float64Array(s * k);
  const variance = new Float64Array(k * k);
  const atRisk = new Float64Array(k);
  let b = 0;
  while (b < nb) {
    const st = blocks.stratum[b];
    const off = st * k;
    let nRisk = 0;
    for (let g = 0; g < k; g++) {
      atRisk[g] = size[off + g];
      nRisk += atRisk[g];
    }
    let km = 1;
    for (; b < nb && blocks.stratum[b] === st; b++) {
      const bo = b * k;
      let deaths = 0;
      let left = 0;
      for (let g = 0; g < k; g++) {
        deaths += blocks.deaths[bo + g];
        left += blocks.leaving[bo + g];
      }
      if (deaths > 0) {
        const w = rho === 0 ? 1 : Math.pow(km, rho);
        for (let g = 0; g < k; g++) {
          observed[off + g] += w * blocks.deaths[bo + g];
          expected[off + g] += (w * deaths * atRisk[g]) / nRisk;
        }
        if (nRisk > 1) {
          const kt = (w * w * deaths * (nRisk - deaths)) / (nRisk - 1);
          for (let g = 0; g < k; g++) {
            if (atRisk[g] === 0) continue;
            const tmp = (kt * atRisk[g]) / nRisk;
            variance[g * k + g] += tmp;
            for (let h = 0; h < k; h++) variance[g * k + h] -= (tmp * atRisk[h]) / nRisk;
          }
        }
        km *= (nRisk - deaths) / nRisk;
      }
      for (let g = 0; g < k; g++) atRisk[g] -= blocks.leaving[bo + g];
      nRisk -= left;
    }
  }
  return { observed, expected, variance };
}

/**
 * uᵀ V⁻ u for symmetric positive semi-definite V (q × q, row-major) by an LDLᵀ factorisation that
 * zeroes pivots below `tol`·max diag (survival's cholesky2/chsolve2 generalised inverse). For a
 * non-singular V this equals uᵀ solve(V, u). Returns the quadratic form and the rank.
 * @internal
 */
export function quadraticFormGinv(v: Float64Array, u: Float64Array, q: number, tol = 1e-10): { value: number; rank: number } {
  const a = Float64Array.from(v);
  let maxDiag = 0;
  for (let i = 0; i < q; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * q + i]));
  const eps = maxDiag * tol;
  const singular = new Uint8Array(q);
  let rank = 0;
  for (let i = 0; i < q; i++) {
    const pivot = a[i * q + i];
    if (!(pivot > eps)) {
      singular[i] = 1;
      a[i * q + i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < q; j++) {
      const temp = a[j * q + i] / pivot;
      a[j * q + j] -= temp * a[j * q + i];
      for (let l = j + 1; l < q; l++) a[l * q + j] -= temp * a[l * q + i];
      a[j * q + i] = temp;
    }
  }
  // solve L y = u (unit lower L), then D z = y, value = Σ y_i² / d_i over non-singular pivots.
  const y = Float64Array.from(u);
  for (let i = 0; i < q; i++) {
    if (singular[i]) {
      y[i] = 0;
      continue;
    }
    for (let j = 0; j < i; j++) if (!singular[j]) y[i] -= a[i * q + j] * y[j];
  }
  let value = 0;
  for (let i = 0; i < q; i++) if (!singular[i]) value += (y[i] * y[i]) / a[i * q + i];
  return { value, rank };
}

/** Validated options with their defaults (rho 0, timefix true, confLevel 0.95). @internal */
export function validateOptions(options: LogrankOptions): { rho: number; timefix: boolean; confLevel: number } {
  const rho = options.rho ?? 0;
  const timefix = options.timefix ?? true;
  const confLevel = options.confLevel ?? 0.95;
  if (typeof rho !== "number" || !Number.isFinite(rho)) throw optionError("rho", "a finite number (0 = log-rank, 1 = Peto–Peto)", rho);
  if (typeof timefix !== "boolean") throw optionError("timefix", "true or false", timefix);
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number between 0 and 1", confLevel);
  return { rho, timefix, confLevel };
}

/** Sums by stratum and group for the complete rows; shared by logrankTest and logrankTrendTest. */
function computeLogrank(input: LogrankInput, rho: number, timefix: boolean): LogrankComputed {
  const { rows, nMissing } = completeSurvivalRows(input);
  const len = rows.length;
  // Groups and strata present (R drops unused factor levels), in level order.
  const presentGroup = new Int32Array(input.group.levels.length).fill(-1);
  const sLevels = input.strata?.levels ?? ["all"];
  const presentStratum = new Int32Array(sLevels.length).fill(-1);
  for (let r = 0; r < len; r++) {
    presentGroup[input.group.codes[rows[r]]] = 0;
    if (input.strata) presentStratum[input.strata.codes[rows[r]]] = 0;
    else presentStratum[0] = 0;
  }
  const groupLevels: number[] = [];
  for (let l = 0; l < presentGroup.length; l++) if (presentGroup[l] === 0) presentGroup[l] = groupLevels.push(l) - 1;
  const strataLevels: number[] = [];
  for (let l = 0; l < presentStratum.length; l++) if (presentStratum[l] === 0) presentStratum[l] = strataLevels.push(l) - 1;
  const k = groupLevels.length;
  const s = strataLevels.length;

  // aeqSurv sees only the complete rows (R's na.action runs first), as here.
  const distinct = distinctTimeIndex(input.time, rows);
  const index = distinct.index;
  const times = timefix ? tieDistinctTimes(distinct.times, index) : distinct.times;
  const status = new Int32Array(len);
  const group = new Int32Array(len);
  const stratum = new Int32Array(len);
  for (let r = 0; r < len; r++) {
    const i = rows[r];
    status[r] = input.status[i];
    group[r] = presentGroup[input.group.codes[i]];
    stratum[r] = input.strata ? presentStratum[input.strata.codes[i]] : 0;
  }
  const nByStratumGroup = new Float64Array(s * k);
  for (let r = 0; r < len; r++) nByStratumGroup[stratum[r] * k + group[r]]++;
  const sums = logrankSums(riskBlocks(index, status, group, stratum, times.length, k, s), nByStratumGroup, k, s, rho);
  return { sums, k, s, groupLevels, strataLevels, nByStratumGroup, nMissing, n: len };
}

/**
 * Log-rank / G-rho test for k groups, optionally stratified.
 *
 * With n_g(t) at risk in group g, d(t) events at distinct time t and the pooled left-continuous
 * Kaplan–Meier Ŝ(t−) of the stratum, w(t) = Ŝ(t−)^ρ:
 *   O_g = Σ_t w d_g,   E_g = Σ_t w d n_g/n,
 *   V_gh = Σ_t w² d (n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n),
 * summed over strata. χ² = (O − E)ᵀ V⁻ (O − E) over the groups with E > 0, after dropping the
 * first of them (survdiff's solve), df = (number of groups with E > 0) − 1.
 * ρ = 0 is the log-rank (Mantel–Haenszel) test; ρ = 1 the Peto & Peto modification of the
 * Gehan–Wilcoxon test.
 *
 * Reference: Harrington DP, Fleming TR (1982). A class of rank test procedures for censored
 * survival data. Biometrika 69:553–566. doi:10.1093/biomet/69.3.553.
 * R: `survival::survdiff(Surv(time, status) ~ group + strata(s), rho = rho)` (survival 3.5-3).
 * Like survdiff, "observed" is weighted by w when ρ ≠ 0. Deliberate difference: when the reduced
 * V is singular (R stops with "system is exactly singular"), a generalised inverse is used and
 * df is its rank, with a warning.
 *
 * @example
 * ```ts
 * const r = logrankTest({
 *   time: Float64Array.from([1, 2, 3, 4, 5, 6]),
 *   status: Int32Array.from([1, 1, 0, 1, 1, 0]),
 *   group: { codes: Int32Array.from([0, 1, 0, 1, 0, 1]), levels: ["A", "B"] },
 * });
 * r.chisq; // χ² on r.df = 1 degree of freedom
 * ```
 */
export function logrankTest(input: LogrankInput, options: LogrankOptions = {}): Readonly<LogrankResult> {
  const opts = validateOptions(options);
  return logrankResult(input, opts, computeLogrank(input, opts.rho, opts.timefix));
}

/** The sums of one log-rank computation with the groups and strata present (level indices) and row counts. */
export interface LogrankComputed {
  readonly sums: LogrankSums;
  readonly k: number;
  readonly s: number;
  readonly groupLevels: readonly number[];
  readonly strataLevels: readonly number[];
  readonly nByStratumGroup: Float64Array;
  readonly nMissing: number;
  readonly n: number;
}

/**
 * The test, tables and hazard ratio from computed sums: logrankTest's second half, shared with the
 * in-database log-rank (src/sql/logrank.ts), whose sums come from SQL counts. @internal
 */
export function logrankResult(
  input: { readonly group: { readonly levels: readonly string[] }; readonly strata?: { readonly levels: readonly string[] } },
  opts: { readonly rho: number; readonly timefix: boolean; readonly confLevel: number },
  computed: LogrankComputed,
): Readonly<LogrankResult> {
  const { sums, k, s, groupLevels, strataLevels, nByStratumGroup, nMissing, n } = computed;
  const warnings: string[] = [];
  if (nMissing > 0) warnings.push(`${nMissing} row(s) with a missing time, status, group or stratum were omitted`);
  const dropped = input.group.levels.length - k;
  if (dropped > 0) warnings.push(`${dropped} group level(s) with no rows were dropped`);

  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const groupN = new Float64Array(k);
  for (let st = 0; st < s; st++) {
    for (let g = 0; g < k; g++) {
      observed[g] += sums.observed[st * k + g];
      expected[g] += sums.expected[st * k + g];
      groupN[g] += nByStratumGroup[st * k + g];
    }
  }
  // survdiff: keep groups with E > 0, drop the first of them, solve.
  const kept: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g] > 0) kept.push(g);
  let chisq = 0;
  let df = kept.length - 1;
  let p: number;
  if (kept.length >= 2) {
    const q = kept.length - 1;
    const vv = new Float64Array(q * q);
    const u = new Float64Array(q);
    for (let a = 0; a < q; a++) {
      u[a] = observed[kept[a + 1]] - expected[kept[a + 1]];
      for (let b = 0; b < q; b++) vv[a * q + b] = sums.variance[kept[a + 1] * k + kept[b + 1]];
    }
    const qf = quadraticFormGinv(vv, u, q);
    chisq = qf.value;
    if (qf.rank < q) {
      warnings.push(`the variance matrix of O − E is singular (rank ${qf.rank} of ${q}); a generalised inverse was used and df = ${qf.rank} (R's survdiff stops here)`);
      df = qf.rank;
    }
    p = df > 0 ? chisqSf(chisq, df) : 1;
  } else if (kept.length === 1) {
    warnings.push("only one group has subjects at risk at the event times: no test (chisq = 0, df = 0, as survdiff)");
    p = 1;
  } else {
    warnings.push("there are no events: the test is not defined");
    df = 0;
    p = Number.NaN;
  }

  const variance: number[][] = [];
  for (let g = 0; g < k; g++) variance.push(Array.from(sums.variance.subarray(g * k, (g + 1) * k)));
  const groups: LogrankGroup[] = [];
  for (let g = 0; g < k; g++) {
    groups.push({ name: input.group.levels[groupLevels[g]], n: groupN[g], observed: observed[g], expected: expected[g] });
  }

  let strata: LogrankStratum[] | undefined;
  if (input.strata) {
    strata = [];
    for (let st = 0; st < s; st++) {
      let nS = 0;
      for (let g = 0; g < k; g++) nS += nByStratumGroup[st * k + g];
      let events = 0;
      for (let g = 0; g < k; g++) events += sums.expected[st * k + g];
      if (events === 0) warnings.push(`stratum "${input.strata.levels[strataLevels[st]]}" has no events and does not contribute`);
      strata.push({
        name: input.strata.levels[strataLevels[st]],
        n: nS,
        observed: Array.from(sums.observed.subarray(st * k, (st + 1) * k)),
        expected: Array.from(sums.expected.subarray(st * k, (st + 1) * k)),
      });
    }
  }

  let hazardRatio: LogrankHazardRatio | null = null;
  if (k === 2 && opts.rho === 0 && expected[0] > 0 && expected[1] > 0) {
    hazardRatio = logrankHazardRatio(groups, sums.variance[3], opts.confLevel);
    if (observed[0] === 0 || observed[1] === 0) warnings.push("a group has no events: the O/E hazard ratio is 0 or infinite");
  }

  const method = opts.rho === 0 ? "log-rank" : opts.rho === 1 ? "Peto-Peto" : "G-rho";
  return {
    method,
    chisq,
    df,
    p,
    groups,
    variance,
    ...(strata ? { strata } : {}),
    hazardRatio,
    n,
    nMissing,
    options: opts,
    warnings,
  };
}

/**
 * Hazard ratio of group 2 versus group 1 from the log-rank sums (rho = 0), two ways:
 * - O/E ratio: HR = (O₂/E₂)/(O₁/E₁), CI exp(log HR ± z·√(1/E₁ + 1/E₂));
 * - Peto: HR = exp((O₂ − E₂)/V), CI exp((O₂ − E₂)/V ± z/√V), V = V₂₂ the log-rank variance.
 * Reference: Machin D, Cheung YB, Parmar M (2006). Survival Analysis: A Practical Approach, 2nd ed.,
 * §3.4 (Wiley, doi:10.1002/0470034572); Peto R et al. (1977) Br J Cancer 35:1–39, doi:10.1038/bjc.1977.1.
 * R: computed in base R from survdiff's $obs, $exp and $var (see tools/oracle/logrank.R).
 */
export function logrankHazardRatio(
  groups: readonly LogrankGroup[],
  v22: number,
  confLevel = 0.95,
): LogrankHazardRatio {
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const [g1, g2] = groups;
  const logOe = Math.log(g2.observed / g2.expected) - Math.log(g1.observed / g1.expected);
  const seOe = Math.sqrt(1 / g1.expected + 1 / g2.expected);
  const logPeto = (g2.observed - g2.expected) / v22;
  const sePeto = 1 / Math.sqrt(v22);
  return {
    comparison: `${g2.name} vs ${g1.name}`,
    confLevel,
    observedExpectedRatio: { estimate: Math.exp(logOe), lower: Math.exp(logOe - z * seOe), upper: Math.exp(logOe + z * seOe) },
    peto: { estimate: Math.exp(logPeto), lower: Math.exp(logPeto - z * sePeto), upper: Math.exp(logPeto + z * sePeto) },
  };
}

export interface LogrankTrendOptions extends LogrankOptions {
  /** One score per level of `group.levels` (levels with no rows are ignored); default 1, 2, …, k. */
  readonly scores?: readonly number[];
}

export interface LogrankTrendResult {
  readonly method: "log-rank test for trend";
  /** (Σ s_g (O_g − E_g))² / (sᵀ V s), 1 df. */
  readonly chisq: number;
  readonly df: 1;
  readonly p: number;
  /** Σ s_g (O_g − E_g). */
  readonly statistic: number;
  /** sᵀ V s. */
  readonly variance: number;
  readonly groups: { readonly name: string; readonly score: number; readonly observed: number; readonly expected: number }[];
  readonly options: { readonly rho: number; readonly timefix: boolean };
  readonly warnings: string[];
}

/**
 * Log-rank test for trend across ordered groups: with scores s_g and the (stratified) O, E, V of
 * the G-rho test, χ²_trend = (Σ_g s_g (O_g − E_g))² / (sᵀ V s) on 1 df.
 * Reference: Collett D (2015). Modelling Survival Data in Medical Research, 3rd ed., §2.6.4
 * (CRC, doi:10.1201/b18041).
 * R: from `survdiff(...)`: `u <- sum(s * (fit$obs - fit$exp)); u^2 / drop(t(s) %*% fit$var %*% s)`
 * (stratified: obs and exp summed over strata).
 *
 * @example
 * ```ts
 * const r = logrankTrendTest({
 *   time: Float64Array.from([1, 2, 3, 4, 5, 6]),
 *   status: Int32Array.from([1, 1, 1, 1, 1, 0]),
 *   group: { codes: Int32Array.from([2, 2, 1, 1, 0, 0]), levels: ["low", "mid", "high"] },
 * });
 * r.p; // p-value of the trend on 1 df
 * ```
 */
export function logrankTrendTest(input: LogrankInput, options: LogrankTrendOptions = {}): Readonly<LogrankTrendResult> {
  const opts = validateOptions(options);
  const nLevels = input.group.levels.length;
  const allScores = options.scores ?? Array.from({ length: nLevels }, (_, i) => i + 1);
  if (allScores.length !== nLevels || allScores.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
    throw optionError("scores", `${nLevels} finite numbers, one per group level`, options.scores);
  }
  const { sums, k, s, groupLevels } = computeLogrank(input, opts.rho, opts.timefix);
  const warnings: string[] = [];
  const scores = groupLevels.map((l) => allScores[l]);
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  for (let st = 0; st < s; st++) {
    for (let g = 0; g < k; g++) {
      observed[g] += sums.observed[st * k + g];
      expected[g] += sums.expected[st * k + g];
    }
  }
  let statistic = 0;
  for (let g = 0; g < k; g++) statistic += scores[g] * (observed[g] - expected[g]);
  let variance = 0;
  for (let g = 0; g < k; g++) for (let h = 0; h < k; h++) variance += scores[g] * sums.variance[g * k + h] * scores[h];
  let chisq = Number.NaN;
  let p = Number.NaN;
  if (variance > 0) {
    chisq = (statistic * statistic) / variance;
    p = chisqSf(chisq, 1);
  } else {
    warnings.push("the variance of the trend statistic is 0 (no events, or equal scores): the test is not defined");
  }
  return {
    method: "log-rank test for trend",
    chisq,
    df: 1,
    p,
    statistic,
    variance,
    groups: groupLevels.map((l, g) => ({ name: input.group.levels[l], score: scores[g], observed: observed[g], expected: expected[g] })),
    options: { rho: opts.rho, timefix: opts.timefix },
    warnings,
  };
}
