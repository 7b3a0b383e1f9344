/**
 * Validation and the one sort of the Cox fitter: checks the matrix-level input, applies R's time
 * near-tie rule, centres and scales the covariates as coxph does, drops rows that are in no risk set
 * with a death, and orders the rest by (stratum, stop time descending) for the kernel in efron.ts.
 */
import { SurvinferError } from "../../errors.js";
import { TIME_TIE_TOLERANCE, tieNearlyEqualTimes } from "../tied-times.js";
import type { CoxData } from "./efron.js";
import { denseRanks, stableSortByKey } from "./order.js";
import type { CoxInput } from "./types.js";

export interface PreparedCox {
  readonly data: CoxData;
  /** Times after the near-tie rule (input row order). */
  readonly time: Float64Array;
  readonly entry: Float64Array | null;
  readonly status: Uint8Array;
  readonly weights: Float64Array;
  /** Offset after coxph's centring (offset − mean(offset) unless all zero). */
  readonly offset: Float64Array;
  /** Stratum index 0..S−1 per input row (0 when unstratified). */
  readonly stratum: Int32Array;
  readonly nStrata: number;
  /** Centring constants reported as `means` (0 for columns with values in {−1, 0, 1}). */
  readonly means: Float64Array;
  /** Internal scale factors (x − mean) · scale. */
  readonly scale: Float64Array;
  readonly nEvent: number;
}

function dataError(message: string, row?: number, column?: string, value?: unknown, hint?: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_INVALID",
    message,
    row,
    column,
    value: value === undefined ? undefined : String(value),
    hint,
  });
}

/** Validates, applies timefix, centres/scales and sorts. Throws SurvinferError on bad input. */
export function prepareCoxData(input: CoxInput, efron: boolean, timefix: boolean): PreparedCox {
  const { p, x, columnNames } = input;
  const n = input.time.length;
  if (!Number.isInteger(p) || p < 1) throw new SurvinferError({ code: "OPTION_INVALID", message: `p must be a positive integer; got ${p}` });
  if (x.length !== n * p) throw new SurvinferError({ code: "OPTION_INVALID", message: `x has length ${x.length}, expected n × p = ${n} × ${p}` });
  if (columnNames.length !== p) throw new SurvinferError({ code: "OPTION_INVALID", message: `columnNames has ${columnNames.length} names for ${p} columns` });
  if (input.status.length !== n) throw new SurvinferError({ code: "OPTION_INVALID", message: `status has length ${input.status.length}, expected ${n}` });
  for (const [name, arr] of [["entry", input.entry], ["strata", input.strata], ["weights", input.weights], ["offset", input.offset], ["cluster", input.cluster]] as const) {
    if (arr !== undefined && arr.length !== n) throw new SurvinferError({ code: "OPTION_INVALID", message: `${name} has length ${arr.length}, expected ${n}` });
  }
  if (n === 0) throw new SurvinferError({ code: "DATA_EMPTY", message: "no rows to fit" });

  const status = new Uint8Array(n);
  let nEvent = 0;
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    if (!Number.isFinite(t)) throw dataError("time must be a finite number", i + 1, "time", t, "remove or fix rows with missing times before fitting");
    const s = input.status[i];
    if (s !== 0 && s !== 1) throw dataError("status must be 0 (censored) or 1 (event)", i + 1, "status", s);
    status[i] = s;
    nEvent += s;
    if (input.entry) {
      const e = input.entry[i];
      if (!Number.isFinite(e)) throw dataError("entry (start) time must be a finite number", i + 1, "entry", e);
      if (!(e < t)) throw dataError("the start of an interval must be before its stop time", i + 1, "entry", e, "Surv(start, stop, event) needs start < stop");
    }
    if (input.weights) {
      const w = input.weights[i];
      if (!(w > 0) || !Number.isFinite(w)) throw dataError("case weights must be finite and > 0", i + 1, "weights", w);
    }
    if (input.offset && !Number.isFinite(input.offset[i])) throw dataError("offset must be finite", i + 1, "offset", input.offset[i]);
  }
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = x[j * n + i];
      if (!Number.isFinite(v)) throw dataError(`covariate is missing or not finite`, i + 1, columnNames[j], v, "drop rows with missing covariates before fitting (coxph's na.omit)");
    }
  }
  if (nEvent === 0) {
    throw new SurvinferError({ code: "COX_NO_EVENTS", message: "the data have no events, so a Cox model cannot be fitted", hint: "check the event column and its event value" });
  }

  // times: R's aeqSurv on all times (start and stop together for counting-process data)
  let time = input.time;
  let entry: Float64Array | null = input.entry ?? null;
  if (timefix) {
    if (entry) {
      const both = new Float64Array(2 * n);
      both.set(entry, 0);
      both.set(time, n);
      const fixed = tieNearlyEqualTimes(both);
      if (fixed !== both) {
        entry = fixed.slice(0, n);
        time = fixed.slice(n);
        for (let i = 0; i < n; i++) if (!(entry[i] < time[i])) throw dataError("start and stop times are equal after the near-tie rule", i + 1, "entry", entry[i]);
      }
    } else if (hasNearTies(time)) {
      time = tieNearlyEqualTimes(time);
    }
  }

  const weights = input.weights ? input.weights : new Float64Array(n).fill(1);
  const offset = new Float64Array(n);
  if (input.offset) {
    let any = false;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (input.offset[i] !== 0) any = true;
      sum += input.offset[i];
    }
    const mean = any ? sum / n : 0;
    for (let i = 0; i < n; i++) offset[i] = input.offset[i] - mean;
  }

  // strata → 0..S−1 (sorted codes)
  const stratum = new Int32Array(n);
  let nStrata = 1;
  if (input.strata) {
    const codes = Array.from(new Set(input.strata)).sort((u, v) => u - v);
    const map = new Map<number, number>();
    codes.forEach((c, k) => map.set(c, k));
    for (let i = 0; i < n; i++) stratum[i] = map.get(input.strata[i]) as number;
    nStrata = codes.length;
  }

  const { means, scale } = centringAndScale(x, p, n, weights, entry !== null);

  // rows used: those whose risk interval contains a death time of their stratum
  const used = markUsedRows(time, entry, status, stratum, nStrata);
  let nUsed = 0;
  for (let i = 0; i < n; i++) nUsed += used[i];
  // coxfit6 walks order(strata, time) backwards: stop descending, ties by row descending
  // (agreg: ties by row ascending); LSD counting sorts on ranks, no comparator sort
  let order: Int32Array = new Int32Array(nUsed);
  for (let i = 0, k = 0; i < n; i++) if (used[i]) order[k++] = i;
  if (!entry) order.reverse();
  const stopRank = denseRanks(time, order, n);
  order = stableSortByKey(order, stopRank.rank, stopRank.m, true);
  if (nStrata > 1) order = stableSortByKey(order, stratum, nStrata);
  const m = order.length;
  const xs = gatherRows(x, p, n, order, means, scale);
  const offS = new Float64Array(m);
  const wS = new Float64Array(m);
  const stS = new Uint8Array(m);
  const stopS = new Float64Array(m);
  const startS = entry ? new Float64Array(m) : null;
  const boundsArr: number[] = [0];
  for (let k = 0; k < m; k++) {
    const i = order[k];
    if (k > 0 && stratum[i] !== stratum[order[k - 1]]) boundsArr.push(k);
    offS[k] = offset[i];
    wS[k] = weights[i];
    stS[k] = status[i];
    stopS[k] = time[i];
    if (startS && entry) startS[k] = entry[i];
  }
  boundsArr.push(m);
  let byStart: Int32Array | null = null;
  if (startS) {
    const stratOfPos = new Int32Array(m);
    for (let k = 0; k < m; k++) stratOfPos[k] = stratum[order[k]];
    byStart = Int32Array.from({ length: m }, (_, k) => k) as Int32Array;
    const startRank = denseRanks(startS, byStart, m);
    byStart = stableSortByKey(byStart, startRank.rank, startRank.m, true);
    if (nStrata > 1) byStart = stableSortByKey(byStart, stratOfPos, nStrata);
  }
  const data: CoxData = {
    n: m,
    p,
    xs,
    offset: offS,
    weights: wS,
    status: stS,
    stop: stopS,
    start: startS,
    bounds: Int32Array.from(boundsArr),
    byStart,
    rowOf: order,
    efron,
  };
  return { data, time, entry, status, weights, offset, stratum, nStrata, means, scale, nEvent };
}

/**
 * `x` (n × p column-major) centred and scaled, gathered into row-major rows in the order `order`:
 * walks the input rows sequentially and scatters each row's p values to its position, so the
 * random memory accesses are one row (p contiguous values) per row instead of one per value.
 */
function gatherRows(x: Float64Array, p: number, n: number, order: Int32Array, means: Float64Array, scale: Float64Array): Float64Array {
  const m = order.length;
  const xs = new Float64Array(m * p);
  const posOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) posOf[order[k]] = k;
  for (let i = 0; i < n; i++) {
    const k = posOf[i];
    if (k < 0) continue;
    const base = k * p;
    for (let j = 0; j < p; j++) xs[base + j] = (x[j * n + i] - means[j]) * scale[j];
  }
  return xs;
}

/** Rows whose interval (entry, time] (or (−∞, time]) contains a death time of the same stratum. */
function markUsedRows(time: Float64Array, entry: Float64Array | null, status: Uint8Array, stratum: Int32Array, nStrata: number): Uint8Array {
  const n = time.length;
  const used = new Uint8Array(n);
  if (!entry) {
    // (−∞, time] holds a death time iff time ≥ the stratum's first death time
    const first = new Float64Array(nStrata).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) if (status[i] === 1 && time[i] < first[stratum[i]]) first[stratum[i]] = time[i];
    for (let i = 0; i < n; i++) if (time[i] >= first[stratum[i]]) used[i] = 1;
    return used;
  }
  const deathTimes: number[][] = Array.from({ length: nStrata }, () => []);
  for (let i = 0; i < n; i++) if (status[i] === 1) deathTimes[stratum[i]].push(time[i]);
  const sorted = deathTimes.map((d) => distinctSorted(Float64Array.from(d).sort()));
  for (let i = 0; i < n; i++) {
    const d = sorted[stratum[i]];
    if (d.length === 0) continue;
    // number of distinct death times ≤ time[i] minus number ≤ entry[i]
    if (upperBound(d, time[i]) > upperBound(d, entry[i])) used[i] = 1;
  }
  return used;
}

/** The distinct values of an ascending array (a view of it, compacted in place). */
function distinctSorted(a: Float64Array): Float64Array {
  let m = 0;
  for (let k = 0; k < a.length; k++) if (k === 0 || a[k] !== a[m - 1]) a[m++] = a[k];
  return a.subarray(0, m);
}

/** Number of elements of the ascending array `a` that are ≤ v. */
export function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Fast pre-check for tieNearlyEqualTimes (same rule: consecutive distinct times with
 * dy ≤ tol or dy / mean|y| ≤ tol): one native sort, so large data without near-ties skip the
 * general routine.
 */
function hasNearTies(time: Float64Array): boolean {
  const y = Float64Array.from(time).sort();
  let m = 0;
  let sumAbs = 0;
  for (let k = 0; k < y.length; k++) {
    if (k === 0 || y[k] !== y[k - 1]) {
      y[m++] = y[k];
      sumAbs += Math.abs(y[k]);
    }
  }
  const meanAbs = sumAbs / m;
  for (let k = 1; k < m; k++) {
    const dy = y[k] - y[k - 1];
    if (dy <= TIME_TIE_TOLERANCE || dy / meanAbs <= TIME_TIE_TOLERANCE) return true;
  }
  return false;
}

/**
 * coxph's centring and scaling of the covariates: x̄ⱼ = the weighted mean (colMeans for counting-process
 * data), scale Σw / Σw|x − x̄|; neither for a column whose values are all in {−1, 0, 1} (coxph's nocenter).
 */
export function centringAndScale(x: Float64Array, p: number, n: number, weights: Float64Array, countingProcess: boolean): { means: Float64Array; scale: Float64Array } {
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += weights[i];
  for (let j = 0; j < p; j++) {
    let zeroOne = true;
    for (let i = 0; i < n && zeroOne; i++) {
      const v = x[j * n + i];
      if (v !== 0 && v !== 1 && v !== -1) zeroOne = false;
    }
    if (zeroOne) continue;
    let s = 0;
    if (countingProcess) {
      for (let i = 0; i < n; i++) s += x[j * n + i];
      means[j] = s / n;
    } else {
      for (let i = 0; i < n; i++) s += weights[i] * x[j * n + i];
      means[j] = s / totalW;
    }
    let sa = 0;
    for (let i = 0; i < n; i++) sa += weights[i] * Math.abs(x[j * n + i] - means[j]);
    scale[j] = sa > 0 ? totalW / sa : 1;
  }
  return { means, scale };
}
