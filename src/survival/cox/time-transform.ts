/**
 * Time-varying coefficients by risk-set expansion, as survival::coxph does for tt() terms
 * (Therneau, Crowson & Atkinson, "Using time dependent covariates and time dependent coefficients in
 * the Cox model", survival vignette 2023, §4): every risk set becomes its own stratum holding one row
 * per subject at risk at the event time t (status 1 for those who die at t), and a tt column holds
 * x·g(t). The partial likelihood of the expanded data equals that of the model with β(t) = β + γ g(t),
 * so coefficients, variance and log-likelihood are coxph's. Right-censored data only (no start times).
 *
 * g(t): "log" = log t, "identity" = t, "sqrt" = √t; a step function 1{lower < t ≤ upper} for tt(x, cut = ...),
 * the intervals of survSplit(cut = ...).
 */
import { SurvinferError } from "../../errors.js";
import type { TtFunction } from "../../formula/tt.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import type { CoxInput } from "./types.js";

/** One tt column of the design matrix and its g(t). */
export type TtColumn = { readonly column: number; readonly fn: TtFunction } | { readonly column: number; readonly lower: number; readonly upper: number };

/** Expanded rows above which the fit is refused (memory: rows × columns × 8 bytes). */
export const MAX_TT_ROWS = 20_000_000;

function gOf(c: TtColumn): (t: number) => number {
  if ("lower" in c) return (t) => (t > c.lower && t <= c.upper ? 1 : 0);
  if (c.fn === "log") return Math.log;
  if (c.fn === "sqrt") return Math.sqrt;
  return (t) => t;
}

/**
 * The risk-set expansion of `input` with the tt columns multiplied by g(t).
 * `timefix` ties nearly equal times first, as coxph's aeqSurv.
 */
export function expandRiskSets(input: CoxInput, tt: readonly TtColumn[], timefix = true): { input: CoxInput; nRiskSets: number } {
  if (input.entry !== undefined) {
    throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: "tt() terms need right-censored data, Surv(time, status); counting-process data (start, stop] are not supported with tt()", hint: "split the follow-up yourself (survSplit) and use time-dependent covariates, or drop tt()" });
  }
  const n = input.time.length;
  const p = input.p;
  const time = timefix ? tieNearlyEqualTimes(input.time) : input.time;
  const strata = input.strata ?? new Int32Array(n);
  // rows by stratum, then time descending: the risk set at t is a prefix of its stratum
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => strata[a] - strata[b] || time[b] - time[a]);
  const sets: { t: number; from: number; size: number }[] = [];
  let total = 0;
  for (let s = 0; s < n; ) {
    let e = s;
    while (e < n && strata[order[e]] === strata[order[s]]) e++;
    // event times of this stratum, each with the count at risk (rows with time ≥ t)
    for (let k = s; k < e; ) {
      const t = time[order[k]];
      let m = k;
      let dead = false;
      while (m < e && time[order[m]] === t) {
        if (input.status[order[m]] === 1) dead = true;
        m++;
      }
      if (dead) {
        sets.push({ t, from: s, size: m - s });
        total += m - s;
      }
      k = m;
    }
    s = e;
  }
  if (total > MAX_TT_ROWS) {
    throw new SurvinferError({
      code: "DATA_TOO_LARGE",
      message: `tt() needs one row per patient at risk per event time: ${total.toLocaleString("en")} rows here, more than ${MAX_TT_ROWS.toLocaleString("en")}`,
      hint: "use a step function, tt(x, cut = c(...)), on fewer patients, or a coarser time scale",
    });
  }
  const xOut = new Float64Array(total * p);
  const tOut = new Float64Array(total);
  const dOut = new Int32Array(total);
  const sOut = new Int32Array(total);
  const wOut = input.weights ? new Float64Array(total) : undefined;
  const oOut = input.offset ? new Float64Array(total) : undefined;
  const cOut = input.cluster ? new Int32Array(total) : undefined;
  const gs = tt.map(gOf);
  const isTt = new Int32Array(p).fill(-1);
  tt.forEach((c, k) => (isTt[c.column] = k));
  let r = 0;
  sets.forEach((set, k) => {
    const gt = gs.map((g) => g(set.t));
    gt.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new SurvinferError({ code: "FORMULA_INVALID", message: `tt() term of ${input.columnNames[tt[j].column]}: g(t) is not finite at the event time t = ${set.t} (log or √ of a time ≤ 0)`, hint: 'give events positive times, or use tt(x, "identity") or tt(x, cut = c(...))' });
      }
    });
    for (let q = 0; q < set.size; q++) {
      const i = order[set.from + q];
      tOut[r] = set.t;
      dOut[r] = time[i] === set.t && input.status[i] === 1 ? 1 : 0;
      sOut[r] = k;
      if (wOut) wOut[r] = (input.weights as Float64Array)[i];
      if (oOut) oOut[r] = (input.offset as Float64Array)[i];
      if (cOut) cOut[r] = (input.cluster as Int32Array)[i];
      for (let j = 0; j < p; j++) {
        const v = input.x[j * n + i];
        xOut[j * total + r] = isTt[j] >= 0 ? v * gt[isTt[j]] : v;
      }
      r++;
    }
  });
  return {
    input: { time: tOut, status: dOut, x: xOut, p, columnNames: input.columnNames, strata: sOut, weights: wOut, offset: oOut, cluster: cOut },
    nRiskSets: sets.length,
  };
}
