/**
 * Kaplan–Meier (product-limit) survival curves by group, equal to R survival 3.5-3's
 * `survfit(Surv(time, status) ~ group, data, weights, conf.type, conf.int)`.
 *
 * Two layers (style §2): `kaplanMeier()` validates and packages; `tabulateStrata()` (shared with
 * Nelson–Aalen and reverse-KM follow-up) builds the per-group risk-set table with one native typed
 * sort per group and binary searches — no comparator sort, no per-row objects, O(n log n).
 */
import { SurvinferError, optionError } from "../errors.js";
import { tieNearlyEqualTimes } from "./tied-times.js";
import { CONF_TYPES, type ConfType, survivalLimitsCurve } from "./conf-int.js";
import { type QuantileEstimate, survivalQuantiles } from "./survival-quantile.js";

export type { ConfType } from "./conf-int.js";

/** "greenwood": Greenwood's formula; "robust": infinitesimal jackknife (R's robust = TRUE). */
export type KmVariance = "greenwood" | "robust";

export interface SurvivalInput {
  /** Follow-up (exit) time per row, ≥ 0; NaN = missing (row dropped, as R's na.omit). */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored; −1 = missing (row dropped). Any other value is an error. */
  readonly status: Int32Array;
  /** Case weights (finite, ≥ 0); NaN = missing (row dropped). */
  readonly weights?: Float64Array;
  /** Entry (left-truncation) time per row, 0 ≤ entry < time: Surv(entry, time, status). */
  readonly entry?: Float64Array;
  /** Grouping factor; code −1 = missing (row dropped). Levels keep their order; empty levels are omitted. */
  readonly group?: { readonly codes: Int32Array; readonly levels: readonly string[] };
  /** Row numbers as the user sees them (header = 1), for error messages; default i + 2. */
  readonly rowNumbers?: Int32Array;
}

export interface KaplanMeierOptions {
  /** CI transform; R's default "log". */
  readonly confType?: ConfType;
  /** Confidence level, 0 < level < 1; default 0.95. */
  readonly confLevel?: number;
  /** Times for the `at[]` table (as summary(fit, times = ...)). */
  readonly times?: readonly number[];
  /** R's timefix (aeqSurv): treat times within √ε as tied; default true. */
  readonly timefix?: boolean;
  /** Variance; default as R: "robust" when any weight is non-integer, else "greenwood". */
  readonly variance?: KmVariance;
  /** Quantile probabilities reported in `quantiles` (default [0.25, 0.5, 0.75], as quantile.survfit). */
  readonly probs?: readonly number[];
}

/** One row of summary(fit, times = ...). */
export interface KaplanMeierAt {
  readonly time: number;
  /** False when the time is past the stratum's last observation (R drops it; values are null). */
  readonly estimable: boolean;
  /** Number at risk at the first observed time ≥ `time` (0 past the end), weighted. */
  readonly nRisk: number;
  /** Events in (previous requested time, time], weighted. */
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number | null;
  /** SE of Ŝ (as summary() prints it). */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface MedianEstimate {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** The event table of one stratum, shared by the Kaplan–Meier and Nelson–Aalen results. */
export interface StratumEventTable {
  /** The group's level label (R prints "group=label"); "all" without groups. */
  readonly name: string;
  /** Rows used (unweighted), R's fit$n. */
  readonly n: number;
  /** Σ events (weighted), as print(fit) shows. */
  readonly events: number;
  readonly time: number[];
  readonly nRisk: number[];
  readonly nEvent: number[];
  readonly nCensor: number[];
  /**
   * Counting-process (delayed-entry) data only: distinct entry times > 0 and the (weighted) number entering
   * at each, so that the number at risk between observed times, #{entry < t ≤ exit}, can be told.
   */
  readonly entered?: { readonly time: number[]; readonly n: number[] };
  /**
   * Weighted fits only: the unweighted number of patients (rows with weight > 0) at risk at each time,
   * #{w > 0, entry < t ≤ exit}. Figures cut curves and print numbers at risk from this count, not from the
   * weighted `nRisk` (a weighted 7 at risk may be two patients).
   */
  readonly nRiskUnweighted?: number[];
}

export interface KaplanMeierStratum extends StratumEventTable {
  readonly surv: number[];
  /** SE of Ŝ(t), as summary(fit)$std.err (Greenwood: Ŝ·√Σ d/(n(n−d)); robust: IJ SE). NaN where R gives NaN. */
  readonly stdErr: number[];
  /** SE of log Ŝ(t): R's fit$std.err for Greenwood (√Σ d/(n(n−d)), ∞ once Ŝ = 0); robust: stdErr/Ŝ. */
  readonly stdErrLogSurv: number[];
  /** Pointwise limits; NaN where R gives NA (e.g. Ŝ = 0 with log, Ŝ ∈ {0, 1} with log-log). */
  readonly lower: number[];
  readonly upper: number[];
  readonly median: MedianEstimate;
  readonly quantiles: QuantileEstimate[];
  readonly at: KaplanMeierAt[];
}

export interface KaplanMeierResult {
  readonly method: "kaplan-meier";
  readonly schemaVersion: 1;
  readonly n: number;
  readonly strata: KaplanMeierStratum[];
  readonly options: {
    readonly confType: ConfType;
    readonly confLevel: number;
    readonly variance: KmVariance;
    readonly timefix: boolean;
    readonly times: number[];
    readonly probs: number[];
    readonly medianRule: "quantile.survfit";
  };
  readonly warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Kernel: per-group risk-set tables

/** One group's table over its distinct times, plus each row's position on that grid. */
export interface StratumTable {
  readonly level: number;
  readonly name: string;
  /** Rows (indices into the input) of this group. */
  readonly rows: Int32Array;
  readonly time: Float64Array;
  readonly nRisk: Float64Array;
  readonly nEvent: Float64Array;
  readonly nCensor: Float64Array;
  /** Unweighted count of event rows at each time (R's d0). */
  readonly nEventRows: Float64Array;
  /** For rows[k]: index of its exit time on `time`. */
  readonly exitPos: Int32Array;
  /** For rows[k]: first grid index with time > entry (0 without entry). */
  readonly entryPos: Int32Array;
  /** With entry times: the distinct entry times > 0, ascending, and the (weighted) number entering at each. */
  readonly entered?: { readonly time: Float64Array; readonly n: Float64Array };
  /** Weighted fits only: the unweighted number of rows with weight > 0 at risk at each time, #{w > 0, entry < t ≤ exit}. */
  readonly nRiskRows?: Float64Array;
}

export interface TabulateResult {
  readonly strata: StratumTable[];
  /** Times after timefix (the input array itself when nothing changed). */
  readonly time: Float64Array;
  readonly entry?: Float64Array;
  readonly nUsed: number;
  readonly warnings: string[];
}

/**
 * Distinct values of a Float64 column by open addressing on the IEEE bits (no per-row objects):
 * `slot[i]` numbers the distinct values in order of first appearance, `values[slot]` holds them.
 * Used instead of sorting n values: only the m distinct values are sorted afterwards.
 */
class DistinctValues {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  values: Float64Array;
  size = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    cap = Math.min(cap, 1 << 26);
    this.keys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.values = new Float64Array(Math.max(16, Math.min(expected, 1 << 20)));
  }

  private hash(v: number): number {
    this.f64[0] = v;
    const h = Math.imul(this.u32[0] ^ Math.imul(this.u32[1], 0x9e3779b1), 0x85ebca6b);
    return (h ^ (h >>> 15)) & this.mask;
  }

  /** Id of value v (+0 and −0 are one value), adding it when new. */
  id(v: number): number {
    const x = v + 0;
    let h = this.hash(x);
    for (;;) {
      const id = this.ids[h];
      if (id === -1) break;
      if (this.keys[h] === x) return id;
      h = (h + 1) & this.mask;
    }
    const id = this.size++;
    this.keys[h] = x;
    this.ids[h] = id;
    if (id >= this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = x;
    if (this.size * 2 > this.mask + 1) this.rehash();
    return id;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const cap = (this.mask + 1) * 2;
    this.keys = new Float64Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let k = 0; k < oldIds.length; k++) {
      if (oldIds[k] === -1) continue;
      let h = this.hash(oldKeys[k]);
      while (this.ids[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = oldKeys[k];
      this.ids[h] = oldIds[k];
    }
  }
}

/** Number of grid values ≤ v (= first index with grid > v). */
function countLE(grid: Float64Array, v: number): number {
  let lo = 0;
  let hi = grid.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Kernel. Preconditions: `keep[i]` marks usable rows (time finite ≥ 0, status 0/1, weight finite ≥ 0,
 * entry < time); `codes[i]` in 0..levels.length−1 for kept rows. Never throws on data except R's
 * aeqSurv exception (an entry/exit pair that timefix makes equal).
 *
 * Steps: hash the distinct time values (and entry values) once; sort only the m distinct values;
 * apply R's near-tie rule (aeqSurv) to them; map each row to its group's grid by array look-ups.
 */
export function tabulateStrata(
  time: Float64Array,
  status: Int32Array,
  keep: Uint8Array,
  codes: Int32Array | null,
  levels: readonly string[],
  weights: Float64Array | undefined,
  entry: Float64Array | undefined,
  timefix: boolean,
): TabulateResult {
  const n = time.length;
  const warnings: string[] = [];
  // 1. distinct values of all time columns
  const dv = new DistinctValues(Math.min(n, 1 << 16));
  const slotT = new Int32Array(n);
  const slotE = entry ? new Int32Array(n) : null;
  let nUsed = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    nUsed++;
    slotT[i] = dv.id(time[i]);
    if (entry && slotE) slotE[i] = dv.id(entry[i]);
  }
  const M = dv.size;
  const sortedValues = dv.values.slice(0, M).sort();
  // rank of each slot in ascending order
  const rankOfSlot = new Int32Array(M);
  for (let k = 0; k < M; k++) rankOfSlot[k] = countLE(sortedValues, dv.values[k]) - 1;
  // 2. R's timefix on the distinct values: canonical rank per rank
  const canon = new Int32Array(M);
  let canonValues: Float64Array = sortedValues;
  for (let r = 0; r < M; r++) canon[r] = r;
  if (timefix && M > 1) {
    const fixed = tieNearlyEqualTimes(sortedValues);
    if (fixed !== sortedValues) {
      let c = 0;
      for (let r = 0; r < M; r++) {
        if (r > 0 && fixed[r] !== fixed[r - 1]) c = r;
        canon[r] = c;
      }
      canonValues = fixed;
    }
  }
  const t = new Float64Array(n);
  const e = entry ? new Float64Array(n) : undefined;
  const canonOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) {
      t[i] = time[i];
      continue;
    }
    const r = canon[rankOfSlot[slotT[i]]];
    canonOfRow[i] = r;
    t[i] = canonValues[r];
    if (e && slotE && entry) {
      e[i] = canonValues[canon[rankOfSlot[slotE[i]]]];
      if (e[i] === t[i]) {
        throw new SurvinferError({
          code: "DATA_ZERO_LENGTH_INTERVAL",
          message: `entry time ${entry[i]} and exit time ${time[i]} are equal after R's near-tie rule (timefix)`,
          hint: "use timefix = false or correct the times",
        });
      }
    }
  }
  // 3. rows by group
  const nLevels = codes ? levels.length : 1;
  const counts = new Int32Array(nLevels);
  for (let i = 0; i < n; i++) if (keep[i]) counts[codes ? codes[i] : 0]++;
  const rowsBy: Int32Array[] = [];
  for (let g = 0; g < nLevels; g++) rowsBy.push(new Int32Array(counts[g]));
  const fill = new Int32Array(nLevels);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const g = codes ? codes[i] : 0;
    rowsBy[g][fill[g]++] = i;
  }
  // 4. per group: its grid of distinct canonical exit ranks, then counts by look-up
  const local = new Int32Array(M).fill(-1);
  const strata: StratumTable[] = [];
  for (let g = 0; g < nLevels; g++) {
    const rows = rowsBy[g];
    const name = codes ? levels[g] : "all";
    if (rows.length === 0) {
      if (codes) warnings.push(`group "${name}" has no rows and is omitted (as R's survfit omits it)`);
      continue;
    }
    let used: Int32Array;
    if (nLevels * M <= 4 * n + 1024) {
      // mark and scan the global ranks in order
      for (let k = 0; k < rows.length; k++) local[canonOfRow[rows[k]]] = 0;
      let m = 0;
      for (let r = 0; r < M; r++) if (local[r] === 0) m++;
      used = new Int32Array(m);
      m = 0;
      for (let r = 0; r < M; r++) if (local[r] === 0) used[m++] = r;
    } else {
      const all = new Int32Array(rows.length);
      for (let k = 0; k < rows.length; k++) all[k] = canonOfRow[rows[k]];
      all.sort();
      let m = 0;
      for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[m++] = all[k];
      used = all.slice(0, m);
    }
    const m = used.length;
    const grid = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      grid[j] = canonValues[used[j]];
      local[used[j]] = j;
    }
    const nEvent = new Float64Array(m);
    const nCensor = new Float64Array(m);
    const nEventRows = new Float64Array(m);
    // weighted fits: rows with w > 0 leaving at (exitRows) and entering after (enteredRows) each grid time
    const exitRows = weights ? new Float64Array(m) : null;
    const enteredRows = weights && e ? new Float64Array(m + 1) : null;
    const exitPos = new Int32Array(rows.length);
    const entryPos = new Int32Array(rows.length);
    const entered = e ? new Float64Array(m + 1) : null;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      const j = local[canonOfRow[i]];
      exitPos[k] = j;
      const w = weights ? weights[i] : 1;
      if (status[i] === 1) {
        nEvent[j] += w;
        nEventRows[j] += 1;
      } else {
        nCensor[j] += w;
      }
      if (e && entered) {
        const q = countLE(grid, e[i]);
        entryPos[k] = q;
        entered[q] += w;
        if (enteredRows && w > 0) enteredRows[q] += 1;
      }
      if (exitRows && w > 0) exitRows[j] += 1;
    }
    for (let j = 0; j < m; j++) local[used[j]] = -1;
    const enteredAt = e ? enteredTimes(e, rows, weights) : undefined;
    // n(t_j) = Σ w [T ≥ t_j] − Σ w [E ≥ t_j], both by backward sums
    const nRisk = new Float64Array(m);
    let out = 0;
    let notYet = 0;
    for (let j = m - 1; j >= 0; j--) {
      out += nEvent[j] + nCensor[j];
      if (entered) notYet += entered[j + 1];
      nRisk[j] = out - notYet;
    }
    // the same backward sums over rows with w > 0, unweighted (weighted fits only)
    let nRiskRows: Float64Array | null = null;
    if (exitRows) {
      nRiskRows = new Float64Array(m);
      let outRows = 0;
      let notYetRows = 0;
      for (let j = m - 1; j >= 0; j--) {
        outRows += exitRows[j];
        if (enteredRows) notYetRows += enteredRows[j + 1];
        nRiskRows[j] = outRows - notYetRows;
      }
    }
    strata.push({ level: g, name, rows, time: grid, nRisk, nEvent, nCensor, nEventRows, exitPos, entryPos, ...(enteredAt ? { entered: enteredAt } : {}), ...(nRiskRows ? { nRiskRows } : {}) });
  }
  return { strata, time: t, entry: e, nUsed, warnings };
}

/** Distinct entry times > 0 of the rows (ascending) with the (weighted) number entering at each. */
function enteredTimes(entry: Float64Array, rows: Int32Array, weights: Float64Array | undefined): { time: Float64Array; n: Float64Array } {
  const pairs: [number, number][] = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    if (entry[i] > 0) pairs.push([entry[i], weights ? weights[i] : 1]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const time: number[] = [];
  const n: number[] = [];
  for (const [t, w] of pairs) {
    if (time.length > 0 && time[time.length - 1] === t) n[n.length - 1] += w;
    else {
      time.push(t);
      n.push(w);
    }
  }
  return { time: Float64Array.from(time), n: Float64Array.from(n) };
}

/**
 * Product-limit estimate and Greenwood sum for one table:
 * Ŝ(t) = Π_{t_j ≤ t} (n_j − d_j)/n_j, V(t) = Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)), over times with at
 * least one event row of positive weight (as survfitkm.c).
 */
export function productLimit(tab: StratumTable): { surv: Float64Array; greenwood: Float64Array } {
  const m = tab.time.length;
  const surv = new Float64Array(m);
  const greenwood = new Float64Array(m);
  let km = 1;
  let v = 0;
  for (let j = 0; j < m; j++) {
    const d = tab.nEvent[j];
    const nr = tab.nRisk[j];
    if (tab.nEventRows[j] > 0 && d > 0) {
      km *= (nr - d) / nr;
      v += d / (nr * (nr - d));
    }
    surv[j] = km;
    greenwood[j] = v;
  }
  return { surv, greenwood };
}

/**
 * Infinitesimal-jackknife SE of Ŝ(t_j) (R survfit robust = TRUE, one cluster per row):
 * with C(t) = Σ_{t_i ≤ t} d_i/(n_i(n_i − d_i)), row k's influence is
 * w_k·Ŝ(t)·[C(min(T_k, t)) − C(E_k) − δ_k[T_k ≤ t]/(n(T_k) − d(T_k))], and var = Σ_k influence².
 * Computed in O(n + m) with difference arrays over the grid; 0 once Ŝ reaches 0 (as R's recursion).
 */
export function robustSeSurvival(
  tab: StratumTable,
  surv: Float64Array,
  cum: Float64Array,
  status: Int32Array,
  weights: Float64Array | undefined,
): Float64Array {
  const m = tab.time.length;
  const finished = new Float64Array(m); // Σ w² B² of rows whose exit is t_j
  const dW2 = new Float64Array(m + 1); // active Σ w², Σ w² C(E), Σ w² C(E)² as difference arrays
  const dA = new Float64Array(m + 1);
  const dB = new Float64Array(m + 1);
  for (let k = 0; k < tab.rows.length; k++) {
    const i = tab.rows[k];
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const w2 = w * w;
    const jT = tab.exitPos[k];
    const jE = tab.entryPos[k];
    const cE = jE > 0 ? cum[jE - 1] : 0;
    let b = cum[jT] - cE;
    if (status[i] === 1 && tab.nEvent[jT] > 0) b -= 1 / (tab.nRisk[jT] - tab.nEvent[jT]);
    finished[jT] += w2 * b * b;
    if (jE < jT) {
      dW2[jE] += w2;
      dW2[jT] -= w2;
      dA[jE] += w2 * cE;
      dA[jT] -= w2 * cE;
      dB[jE] += w2 * cE * cE;
      dB[jT] -= w2 * cE * cE;
    }
  }
  const se = new Float64Array(m);
  let fin = 0;
  let w2s = 0;
  let a = 0;
  let bb = 0;
  for (let j = 0; j < m; j++) {
    fin += finished[j];
    w2s += dW2[j];
    a += dA[j];
    bb += dB[j];
    if (surv[j] === 0) {
      se[j] = 0;
      continue;
    }
    const c = cum[j];
    const v = fin + c * c * w2s - 2 * c * a + bb;
    se[j] = surv[j] * Math.sqrt(Math.max(v, 0));
  }
  return se;
}

// ---------------------------------------------------------------------------------------------
// Front door

interface CleanInput {
  keep: Uint8Array;
  codes: Int32Array | null;
  levels: readonly string[];
  weights: Float64Array | undefined;
  entry: Float64Array | undefined;
  dropped: number;
  nonIntegerWeights: boolean;
}

/** Validates survival input once (shared by the KM-family front doors). */
export function validateSurvivalInput(input: SurvivalInput): CleanInput {
  const { time, status, weights, entry, group, rowNumbers } = input;
  const n = time.length;
  const row = (i: number): number => (rowNumbers ? rowNumbers[i] : i + 2);
  const sameLength = (name: string, len: number | undefined): void => {
    if (len !== undefined && len !== n) throw optionError(name, `an array of length ${n} (as time)`, `length ${len}`);
  };
  sameLength("status", status.length);
  sameLength("weights", weights?.length);
  sameLength("entry", entry?.length);
  sameLength("group.codes", group?.codes.length);
  const keep = new Uint8Array(n);
  let dropped = 0;
  let nonIntegerWeights = false;
  for (let i = 0; i < n; i++) {
    const ti = time[i];
    const si = status[i];
    const wi = weights ? weights[i] : 1;
    const ei = entry ? entry[i] : 0;
    const gi = group ? group.codes[i] : 0;
    if (Number.isNaN(ti) || si === -1 || Number.isNaN(wi) || Number.isNaN(ei) || gi === -1) {
      dropped++;
      continue;
    }
    if (!(ti >= 0) || ti === Number.POSITIVE_INFINITY) {
      throw new SurvinferError({
        code: "DATA_NEGATIVE_TIME",
        message: "follow-up time must be finite and ≥ 0",
        row: row(i),
        value: String(ti),
        hint: "check the time column (dates in the wrong order?)",
      });
    }
    if (si !== 0 && si !== 1) {
      throw new SurvinferError({ code: "DATA_INVALID_STATUS", message: "event status must be 0 (censored) or 1 (event)", row: row(i), value: String(si) });
    }
    if (!Number.isFinite(wi) || wi < 0) {
      throw new SurvinferError({ code: "DATA_INVALID_WEIGHT", message: "weights must be finite and ≥ 0", row: row(i), value: String(wi) });
    }
    if (entry && (!(ei >= 0) || !(ei < ti))) {
      throw new SurvinferError({
        code: "DATA_ENTRY_NOT_BEFORE_EXIT",
        message: `entry time must be ≥ 0 and before the exit time ${ti}`,
        row: row(i),
        value: String(ei),
      });
    }
    if (group && (gi < 0 || gi >= group.levels.length || !Number.isInteger(gi))) {
      throw optionError("group.codes", `integers in 0..${group.levels.length - 1} or −1`, gi);
    }
    if (wi !== Math.floor(wi)) nonIntegerWeights = true;
    keep[i] = 1;
  }
  return { keep, codes: group ? group.codes : null, levels: group ? group.levels : ["all"], weights, entry, dropped, nonIntegerWeights };
}

export interface CommonOptions {
  confType: ConfType;
  confLevel: number;
  timefix: boolean;
}

export function validateCommonOptions(options: { confType?: unknown; confLevel?: unknown; timefix?: unknown }): CommonOptions {
  const confType = (options.confType ?? "log") as ConfType;
  if (!CONF_TYPES.includes(confType)) throw optionError("confType", `one of ${CONF_TYPES.join(", ")}`, options.confType);
  const confLevel = options.confLevel ?? 0.95;
  if (typeof confLevel !== "number" || !(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number between 0 and 1", options.confLevel);
  const timefix = options.timefix ?? true;
  if (typeof timefix !== "boolean") throw optionError("timefix", "true or false", options.timefix);
  return { confType, confLevel, timefix };
}

/** The `times` option of the KM-family front doors (as summary(fit, times = ...)): finite numbers, default none. */
export function validateTimesOption(times: unknown): readonly number[] {
  const t = times ?? [];
  if (!Array.isArray(t) || t.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
    throw optionError("times", "an array of finite numbers", times);
  }
  return t as readonly number[];
}

/** Validates the input and tabulates it by stratum (the KM-family front doors), with the warnings about dropped rows. */
export function tabulateSurvivalInput(input: SurvivalInput, timefix: boolean): { clean: CleanInput; tab: TabulateResult; warnings: string[] } {
  const clean = validateSurvivalInput(input);
  const tab = tabulateStrata(input.time, input.status, clean.keep, clean.codes, clean.levels, clean.weights, clean.entry, timefix);
  const warnings = [...tab.warnings];
  if (clean.dropped > 0) warnings.push(`${clean.dropped} row(s) with a missing value were dropped`);
  return { clean, tab, warnings };
}

/** The event-table part of a result stratum: name, rows used, Σ events (weighted) and the table as plain arrays. */
export function stratumEventTable(st: StratumTable): StratumEventTable {
  let events = 0;
  for (let j = 0; j < st.time.length; j++) events += st.nEvent[j];
  return {
    name: st.name,
    n: st.rows.length,
    events,
    time: Array.from(st.time),
    nRisk: Array.from(st.nRisk),
    nEvent: Array.from(st.nEvent),
    nCensor: Array.from(st.nCensor),
    ...(st.entered ? { entered: { time: Array.from(st.entered.time), n: Array.from(st.entered.n) } } : {}),
    ...(st.nRiskRows ? { nRiskUnweighted: Array.from(st.nRiskRows) } : {}),
  };
}

/** summary(fit, times = ...) for one curve (R's findrow on survfit0(fit)). */
export function summaryAtTimes(
  curve: { time: ArrayLike<number>; nRisk: ArrayLike<number>; nEvent: ArrayLike<number>; nCensor: ArrayLike<number>; surv: ArrayLike<number>; stdErr: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> },
  times: readonly number[],
): KaplanMeierAt[] {
  const m = curve.time.length;
  // survfit0: prepend (0, S = 1, SE = 0, limits 1, n.risk = n.risk[1]) unless the first time is 0
  const start = Math.min(0, m > 0 ? curve.time[0] : 0);
  const pre = m > 0 && curve.time[0] === start ? 0 : 1;
  const M = m + pre;
  const T = (r: number): number => (r < pre ? start : curve.time[r - pre]);
  const val = (arr: ArrayLike<number>, r: number, first: number): number => (r < pre ? first : arr[r - pre]);
  const cumEv = new Float64Array(M + 1);
  const cumCe = new Float64Array(M + 1);
  for (let r = 0; r < M; r++) {
    cumEv[r + 1] = cumEv[r] + val(curve.nEvent, r, 0);
    cumCe[r + 1] = cumCe[r] + val(curve.nCensor, r, 0);
  }
  const maxTime = T(M - 1);
  const sorted = times.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const out: KaplanMeierAt[] = [];
  let prevIdx = 0;
  const firstRisk = m > 0 ? curve.nRisk[0] : 0;
  for (const tau of sorted) {
    // index1 = #(T ≤ tau); index2 = 1 + #(T < tau)  (1-based as R)
    let index1 = 0;
    let below = 0;
    for (let lo = 0, hi = M; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (T(mid) <= tau) lo = index1 = mid + 1;
      else hi = mid;
    }
    for (let lo = 0, hi = M; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (T(mid) < tau) lo = below = mid + 1;
      else hi = mid;
    }
    const nRisk = below < M ? val(curve.nRisk, below, firstRisk) : 0;
    const nEvent = cumEv[index1] - cumEv[prevIdx];
    const nCensor = cumCe[index1] - cumCe[prevIdx];
    prevIdx = index1;
    if (tau > maxTime) {
      out.push({ time: tau, estimable: false, nRisk: 0, nEvent, nCensor, surv: null, stdErr: null, lower: null, upper: null });
      continue;
    }
    const r = Math.max(1, index1) - 1;
    const num = (x: number): number | null => (Number.isNaN(x) ? null : x);
    out.push({
      time: tau,
      estimable: true,
      nRisk,
      nEvent,
      nCensor,
      surv: num(val(curve.surv, r, 1)),
      stdErr: num(val(curve.stdErr, r, 0)),
      lower: num(val(curve.lower, r, 1)),
      upper: num(val(curve.upper, r, 1)),
    });
  }
  return out;
}

/**
 * Kaplan–Meier estimate by group.
 *
 * Ŝ(t) = Π_{t_j ≤ t} (1 − d_j / n_j), with n_j the (weighted) number at risk just before t_j and d_j
 * the (weighted) events at t_j. Greenwood: Var(log Ŝ(t)) = Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)).
 * Robust (infinitesimal jackknife, Efron 1982): Var(Ŝ(t)) = Σ_k (w_k ∂Ŝ(t)/∂w_k)².
 * Limits by `confType` (see conf-int.ts); median and quantiles by R's quantile.survfit rule.
 *
 * `stdErr` is the SE of Ŝ (what `summary(fit)` prints); `stdErrLogSurv` is the SE of log Ŝ (R's
 * `fit$std.err` under Greenwood). With entry times, n_j = Σ w [entry < t_j ≤ exit].
 *
 * References: Kaplan & Meier (1958), JASA 53:457–481, DOI 10.1080/01621459.1958.10501452;
 * Greenwood (1926); Therneau, survival package methods vignette "survfitkm" (IJ variance).
 * R: `survival::survfit(Surv(time, status) ~ group, data, weights = w, conf.type = "log",
 * conf.int = 0.95)`; `summary(fit, times = ...)`; `quantile(fit, probs)`.
 * R's default `robust` (TRUE when any weight is non-integer) is mirrored by `variance`.
 * Deliberate differences: strata are named by the level label ("male", not "sex=male");
 * requested times past the last observation are kept as `estimable: false` rows with null values
 * and a warning (R drops them); a negative time, status other than 0/1, or entry ≥ exit is an error
 * (R turns entry ≥ exit into NA and drops the row).
 *
 * @example
 * ```ts
 * const fit = kaplanMeier({ time: Float64Array.from([1, 2, 2, 3]), status: Int32Array.from([1, 1, 0, 1]) });
 * fit.strata[0].surv;            // [0.75, 0.5, 0]
 * fit.strata[0].median.estimate; // 2.5 (Ŝ = 0.5 on [2, 3): mid-point rule)
 * ```
 */
export function kaplanMeier(input: SurvivalInput, options: KaplanMeierOptions = {}): Readonly<KaplanMeierResult> {
  const common = validateCommonOptions(options);
  const times = validateTimesOption(options.times);
  const probs = options.probs ?? [0.25, 0.5, 0.75];
  if (!Array.isArray(probs) || probs.some((p) => typeof p !== "number" || !(p >= 0 && p <= 1))) {
    throw optionError("probs", "an array of probabilities in [0, 1]", options.probs);
  }
  if (options.variance !== undefined && options.variance !== "greenwood" && options.variance !== "robust") {
    throw optionError("variance", `"greenwood" or "robust"`, options.variance);
  }
  const { clean, tab, warnings } = tabulateSurvivalInput(input, common.timefix);
  const variance: KmVariance = options.variance ?? (clean.nonIntegerWeights ? "robust" : "greenwood");
  const strata = tab.strata.map((st) => buildStratum(st, input.status, clean.weights, variance, common, times, probs, warnings));
  return {
    method: "kaplan-meier",
    schemaVersion: 1,
    n: tab.nUsed,
    strata,
    options: { ...common, variance, times: [...times], probs: [...probs], medianRule: "quantile.survfit" },
    warnings,
  };
}

function buildStratum(
  st: StratumTable,
  status: Int32Array,
  weights: Float64Array | undefined,
  variance: KmVariance,
  common: CommonOptions,
  times: readonly number[],
  probs: readonly number[],
  warnings: string[],
): KaplanMeierStratum {
  const { surv, greenwood } = productLimit(st);
  const m = st.time.length;
  const stdErr = new Array<number>(m);
  const stdErrLogSurv = new Array<number>(m);
  let lower: number[];
  let upper: number[];
  if (variance === "greenwood") {
    for (let j = 0; j < m; j++) {
      stdErrLogSurv[j] = Math.sqrt(greenwood[j]);
      stdErr[j] = surv[j] * stdErrLogSurv[j];
    }
    ({ lower, upper } = survivalLimitsCurve(surv, stdErrLogSurv, common.confType, common.confLevel, true));
  } else {
    const se = robustSeSurvival(st, surv, greenwood, status, weights);
    for (let j = 0; j < m; j++) {
      stdErr[j] = se[j];
      stdErrLogSurv[j] = se[j] === 0 ? 0 : se[j] / surv[j];
    }
    ({ lower, upper } = survivalLimitsCurve(surv, se, common.confType, common.confLevel, false));
  }
  const survArr = Array.from(surv);
  const quantiles = survivalQuantiles(st.time, survArr, lower, upper, probs);
  const med = survivalQuantiles(st.time, survArr, lower, upper, [0.5])[0];
  const at = summaryAtTimes({ ...st, surv: survArr, stdErr, lower, upper }, times);
  const past = at.filter((a) => !a.estimable).map((a) => a.time);
  if (past.length > 0) {
    warnings.push(`group "${st.name}": no estimate at time(s) ${past.join(", ")} past the last observation (${st.time[m - 1]}); no extrapolation`);
  }
  return {
    ...stratumEventTable(st),
    surv: survArr,
    stdErr,
    stdErrLogSurv,
    lower,
    upper,
    median: { estimate: med.estimate, lower: med.lower, upper: med.upper },
    quantiles,
    at,
  };
}
