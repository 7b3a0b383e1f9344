/**
 * Residuals of a Cox fit, as R survival's residuals.coxph(fit, type) with its defaults
 * (Therneau, Grambsch & Fleming 1990, doi:10.1093/biomet/77.1.147; Therneau & Grambsch 2000, ch. 4–7):
 *   martingale  Mᵢ = δᵢ − Êᵢ, Êᵢ = rᵢ Σ_{t ∈ (startᵢ, stopᵢ]} dΛ̂(t) (Efron: a death at its own tied
 *               time gets the (1 − k/d)-weighted increments);            unweighted
 *   deviance    sign(Mᵢ) √(−2 (Mᵢ + δᵢ log(δᵢ − Mᵢ)));                     unweighted
 *   score       Lᵢ (see robust.ts);                                        unweighted
 *   dfbeta      wᵢ Lᵢ V (V = model-based variance);                          weighted
 *   dfbetas     wᵢ Lᵢ V diag(V)^(−1/2);                                       weighted
 *   schoenfeld  xᵢ − x̄(tᵢ) for each event, ordered by (stratum, time)
 *               (Efron: x̄ is the mean of the d Efron risk-set means);      unweighted
 *   scaledsch   nₑ · schoenfeld · V + β̂ (nₑ = number of events).
 * Computed from one sorted pass with cumulative sums: O(n p log n).
 */
import type { CoxInput, CoxResult } from "./types.js";
import { prepareCoxData } from "./prepare.js";
import { residualPieces, deathTimeSums } from "./robust.js";
import { upperBound } from "./prepare.js";

export type CoxResidualType = "martingale" | "deviance" | "score" | "dfbeta" | "dfbetas" | "schoenfeld" | "scaledsch";

export interface CoxSchoenfeld {
  /** Event time of each row of `values`, ordered by (stratum, time). */
  readonly time: number[];
  /** Stratum index (0-based, sorted codes) of each event. */
  readonly stratum: number[];
  /** Input row index of each event. */
  readonly row: number[];
  /** One row per event, p columns. */
  readonly values: number[][];
}

/** Martingale or deviance residuals, one per input row. */
export function coxResiduals(input: CoxInput, fit: CoxResult, type: "martingale" | "deviance"): number[];
/** Score, dfbeta or dfbetas residuals: one row of p values per input row. */
export function coxResiduals(input: CoxInput, fit: CoxResult, type: "score" | "dfbeta" | "dfbetas"): number[][];
/** (Scaled) Schoenfeld residuals: one row per event. */
export function coxResiduals(input: CoxInput, fit: CoxResult, type: "schoenfeld" | "scaledsch"): CoxSchoenfeld;
/**
 * Residuals of `fit` (made by coxFit from the same `input`). R equivalent:
 * `residuals(fit, type = "martingale" | "deviance" | "score" | "dfbeta" | "dfbetas" | "schoenfeld" | "scaledsch")`.
 *
 * @example
 * ```ts
 * const fit = coxFit(input);
 * const m = coxResiduals(input, fit, "martingale");
 * ```
 */
export function coxResiduals(input: CoxInput, fit: CoxResult, type: CoxResidualType): number[] | number[][] | CoxSchoenfeld {
  const prep = prepareCoxData(input, fit.options.ties === "efron", fit.options.timefix);
  const { data, scale, status } = prep;
  const p = input.p;
  const n = input.time.length;
  const lp = fit.linearPredictors;
  if (type === "martingale" || type === "deviance") {
    const { expected } = residualPieces(data, lp, n);
    const m = Array.from(expected, (e, i) => status[i] - e);
    if (type === "martingale") return m;
    return m.map((r, i) => {
      const d = status[i];
      const inner = d === 0 ? r : r + d * Math.log(d - r);
      return Math.sign(r) * Math.sqrt(-2 * inner);
    });
  }
  // model-based variance V (naive when robust)
  const V = (fit.naiveVar ?? fit.var).map((row) => [...row]);
  if (type === "score" || type === "dfbeta" || type === "dfbetas") {
    const { score } = residualPieces(data, lp, n);
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) {
      const L = new Array<number>(p);
      for (let j = 0; j < p; j++) L[j] = score[i * p + j] / scale[j];
      if (type === "score") {
        rows.push(L);
        continue;
      }
      const w = prep.weights[i];
      const out = new Array<number>(p);
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let l = 0; l < p; l++) s += L[l] * V[l][j];
        out[j] = type === "dfbeta" ? s * w : (s * w) / Math.sqrt(V[j][j]);
      }
      rows.push(out);
    }
    return rows;
  }
  // Schoenfeld: events in (stratum, time, input row) order
  const { sums } = deathTimeSums(data, lp);
  // blocks of the sorted data cover only strata with used rows: map stratum → block
  const blockOf = new Map<number, number>();
  for (let b = 0; b + 1 < data.bounds.length; b++) blockOf.set(prep.stratum[data.rowOf[data.bounds[b]]], b);
  const events: number[] = [];
  for (let i = 0; i < n; i++) if (status[i] === 1) events.push(i);
  events.sort((a, b) => prep.stratum[a] - prep.stratum[b] || prep.time[a] - prep.time[b] || a - b);
  const values: number[][] = [];
  for (const i of events) {
    const s = sums[blockOf.get(prep.stratum[i]) as number];
    const nd = s.asc.length;
    const own = nd - upperBound(s.asc, prep.time[i]);
    const row = new Array<number>(p);
    for (let j = 0; j < p; j++) {
      const xc = (input.x[j * n + i] - prep.means[j]) * scale[j];
      row[j] = (xc - s.mh3[own * p + j]) / scale[j];
    }
    values.push(row);
  }
  let outValues = values;
  if (type === "scaledsch") {
    const ne = events.length;
    const coef = fit.coef.map((b) => b ?? 0);
    outValues = values.map((r) => {
      const o = new Array<number>(p);
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let l = 0; l < p; l++) s += r[l] * V[l][j];
        o[j] = s * ne + coef[j];
      }
      return o;
    });
  }
  return {
    time: events.map((i) => prep.time[i]),
    stratum: events.map((i) => prep.stratum[i]),
    row: events,
    values: outValues,
  };
}
