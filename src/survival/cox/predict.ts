/**
 * Baseline cumulative hazard and predicted survival curves from a Cox fit, as R survival's
 * survfit(fit, newdata) with its defaults (stype = 2: S = exp(−Λ); ctype = Efron's hazard for an
 * Efron fit, Breslow's (Nelson–Aalen type) for a Breslow fit; Tsiatis variance; conf.type "log").
 *
 * Per stratum, at every distinct time t (Breslow 1972 estimator; Efron's 1977 version for tied deaths,
 * Tsiatis 1981 doi:10.1214/aos/1176345382 variance):
 *   dΛ₀(t) = w̄ Σ_{k<d} 1/S0ₖ(t),  dV(t) = w̄ Σ_k 1/S0ₖ(t)²,  dX̄(t) = w̄ Σ_k S1ₖ(t)/S0ₖ(t)²
 *   (Breslow: dΛ₀ = Σw_D/S0, dV = Σw_D/S0², dX̄ = (S1/S0)·dΛ₀), risk scores exp(xβ + offset − x̄ᵀβ − ō).
 * For a profile z with r = exp(zβ + o − x̄ᵀβ − ō):  Λ(t|z) = r Λ₀(t),  S = exp(−Λ),
 *   se(Λ) = r √( Σ_{s≤t} dV(s) + d(t)ᵀ V d(t) ),  d(t) = Λ₀(t) z − X̄(t),  V = fit.var,
 * CI (log): S·exp(∓ z_{α/2} se), upper capped at 1. Without a profile the curve is at the means (r = 1).
 * R equivalent: `survfit(fit, newdata = data.frame(...))` / `basehaz(fit, centered = TRUE)`.
 */
import { normalQuantile } from "../../math/distributions.js";
import { optionError } from "../../errors.js";
import { tieNearlyEqualTimes } from "../tied-times.js";
import type { CoxInput, CoxResult } from "./types.js";

export type CoxConfType = "log" | "log-log" | "plain";

export interface CoxSurvivalCurve {
  /** Stratum index (0-based, sorted codes). */
  readonly stratum: number;
  /** Index of the profile in `profiles` (0 when the curve is at the covariate means). */
  readonly profile: number;
  readonly time: number[];
  readonly nRisk: number[];
  readonly nEvent: number[];
  readonly nCensor: number[];
  readonly cumhaz: number[];
  readonly surv: number[];
  /** Standard error of the cumulative hazard (= of log S), as survfit's std.err. */
  readonly stdErr: number[];
  readonly lower: number[];
  readonly upper: number[];
}

export interface CoxSurvivalResult {
  readonly curves: readonly CoxSurvivalCurve[];
  readonly options: { readonly confType: CoxConfType; readonly confLevel: number; readonly hazard: "efron" | "breslow" };
  readonly warnings: readonly string[];
}

export interface CoxSurvivalOptions {
  /** Covariate profiles, one array of p values each (original scale); default: the fit's means. */
  readonly profiles?: readonly (readonly number[])[];
  /** Offset of each profile (default 0). */
  readonly profileOffsets?: readonly number[];
  readonly confLevel?: number;
  readonly confType?: CoxConfType;
}

/** Stop (and start) times as the fit saw them: with timefix, nearly equal times tied as coxph ties them. */
export function fittedTimes(input: CoxInput, fit: { readonly options: { readonly timefix?: boolean } }): { time: Float64Array; entry: Float64Array | null } {
  const n = input.time.length;
  let time = input.time;
  let entry = input.entry ?? null;
  if (fit.options.timefix) {
    if (entry) {
      const both = new Float64Array(2 * n);
      both.set(entry, 0);
      both.set(time, n);
      const f = tieNearlyEqualTimes(both);
      entry = f.slice(0, n);
      time = f.slice(n);
    } else time = tieNearlyEqualTimes(time);
  }
  return { time, entry };
}

/** survfit.coxph centres the offset by its (weighted) mean; 0 without an offset. */
export function offsetMean(input: CoxInput): number {
  if (!input.offset) return 0;
  const w = input.weights;
  let m = 0;
  let sw = 0;
  for (let i = 0; i < input.offset.length; i++) {
    m += input.offset[i] * (w ? w[i] : 1);
    sw += w ? w[i] : 1;
  }
  return m / sw;
}

/**
 * Predicted survival curves for covariate profiles from `fit` (made by coxFit from `input`).
 *
 * @example
 * ```ts
 * const fit = coxFit(input);
 * const curves = coxSurvival(input, fit, { profiles: [[60, 1], [60, 0]] });
 * curves.curves[0].surv;
 * ```
 */
export function coxSurvival(input: CoxInput, fit: CoxResult, options: CoxSurvivalOptions = {}): CoxSurvivalResult {
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("confLevel", "a number in (0, 1)", confLevel);
  const confType = options.confType ?? "log";
  if (confType !== "log" && confType !== "log-log" && confType !== "plain") throw optionError("confType", '"log", "log-log" or "plain"', confType);
  const { p } = input;
  const n = input.time.length;
  const efron = fit.options.ties === "efron";
  const beta = fit.coef.map((b) => b ?? 0);
  const means = fit.means;
  const V = fit.var;
  const { time, entry } = fittedTimes(input, fit);
  const w = input.weights ?? new Float64Array(n).fill(1);
  const offMean = offsetMean(input);
  const xc = new Float64Array(n * p);
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = (input.offset ? input.offset[i] : 0) - offMean;
    for (let j = 0; j < p; j++) {
      const v = input.x[j * n + i] - means[j];
      xc[i * p + j] = v;
      eta += v * beta[j];
    }
    risk[i] = Math.exp(eta);
  }
  const profiles = options.profiles ?? [Array.from(means)];
  for (const z of profiles) if (z.length !== p) throw optionError("profiles", `arrays of ${p} covariate values`, z);
  const zq = normalQuantile(1 - (1 - confLevel) / 2);

  // strata
  const codes = input.strata ? Array.from(new Set(input.strata)).sort((a, b) => a - b) : [0];
  const curves: CoxSurvivalCurve[] = [];
  const groups = new Map<number, number[]>(codes.map((c) => [c, []]));
  for (let i = 0; i < n; i++) (groups.get(input.strata ? input.strata[i] : 0) as number[]).push(i);
  codes.forEach((code, sIdx) => {
    const rows = groups.get(code) as number[];
    const byStop = [...rows].sort((a, b) => time[b] - time[a]);
    const byStart = entry ? [...rows].sort((a, b) => (entry as Float64Array)[b] - (entry as Float64Array)[a]) : [];
    const S1 = new Float64Array(p);
    const xs2 = new Float64Array(p);
    let S0 = 0;
    let nRiskW = 0;
    let r = 0;
    const tDesc: number[] = [];
    const nRisk: number[] = [];
    const nEvent: number[] = [];
    const nCensor: number[] = [];
    const haz: number[] = [];
    const vhaz: number[] = [];
    const xbar: number[][] = [];
    for (let k = 0; k < byStop.length; ) {
      const t = time[byStop[k]];
      if (entry) {
        for (; r < byStart.length && entry[byStart[r]] >= t; r++) {
          const q = byStart[r];
          // rows whose start is at/after t leave (they were added at a later stop time)
          if (time[q] > t) {
            const wr = w[q] * risk[q];
            S0 -= wr;
            nRiskW -= w[q];
            for (let j = 0; j < p; j++) S1[j] -= wr * xc[q * p + j];
          }
        }
      }
      let ev = 0;
      let cens = 0;
      let erisk = 0;
      let d = 0;
      xs2.fill(0);
      let k2 = k;
      while (k2 < byStop.length && time[byStop[k2]] === t) {
        const q = byStop[k2];
        if (!entry || entry[q] < t) {
          const wr = w[q] * risk[q];
          S0 += wr;
          nRiskW += w[q];
          for (let j = 0; j < p; j++) S1[j] += wr * xc[q * p + j];
        }
        if (input.status[q] === 1) {
          ev += w[q];
          d++;
          erisk += w[q] * risk[q];
          for (let j = 0; j < p; j++) xs2[j] += w[q] * risk[q] * xc[q * p + j];
        } else cens += w[q];
        k2++;
      }
      let h = 0;
      let vh = 0;
      const xb = new Array<number>(p).fill(0);
      if (d > 0) {
        if (efron && d > 1) {
          let sum1 = 0;
          let sum2 = 0;
          const xsum = new Array<number>(p).fill(0);
          for (let m = 0; m < d; m++) {
            const frac = m / d;
            const tmp = 1 / (S0 - frac * erisk);
            sum1 += tmp / d;
            sum2 += (tmp * tmp) / d;
            for (let j = 0; j < p; j++) xsum[j] += ((S1[j] - frac * xs2[j]) * tmp * tmp) / d;
          }
          h = ev * sum1;
          vh = ev * sum2;
          for (let j = 0; j < p; j++) xb[j] = ev * xsum[j];
        } else {
          h = ev / S0;
          vh = ev / (S0 * S0);
          for (let j = 0; j < p; j++) xb[j] = (S1[j] / S0) * h;
        }
      }
      tDesc.push(t);
      nRisk.push(nRiskW);
      nEvent.push(ev);
      nCensor.push(cens);
      haz.push(h);
      vhaz.push(vh);
      xbar.push(xb);
      k = k2;
    }
    // ascending, cumulative
    const m = tDesc.length;
    const tAsc = tDesc.slice().reverse();
    const cumH = new Float64Array(m);
    const cumV = new Float64Array(m);
    const cumX: Float64Array[] = [];
    let H = 0;
    let VV = 0;
    const X = new Float64Array(p);
    for (let a = 0; a < m; a++) {
      const src = m - 1 - a;
      H += haz[src];
      VV += vhaz[src];
      for (let j = 0; j < p; j++) X[j] += xbar[src][j];
      cumH[a] = H;
      cumV[a] = VV;
      cumX.push(Float64Array.from(X));
    }
    profiles.forEach((z, pIdx) => {
      const zc = z.map((v, j) => v - means[j]);
      let eta = (options.profileOffsets ? options.profileOffsets[pIdx] : 0) - offMean;
      for (let j = 0; j < p; j++) eta += zc[j] * beta[j];
      const r2 = options.profiles ? Math.exp(eta) : 1;
      const cumhaz: number[] = [];
      const surv: number[] = [];
      const stdErr: number[] = [];
      const lower: number[] = [];
      const upper: number[] = [];
      for (let a = 0; a < m; a++) {
        const dvec = zc.map((v, j) => cumH[a] * v - cumX[a][j]);
        let q = 0;
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) q += dvec[i] * V[i][j] * dvec[j];
        const se = Math.sqrt(cumV[a] + q) * r2;
        const L = cumH[a] * r2;
        const s = Math.exp(-L);
        cumhaz.push(L);
        surv.push(s);
        stdErr.push(se);
        if (confType === "log") {
          lower.push(s * Math.exp(-zq * se));
          upper.push(Math.min(1, s * Math.exp(zq * se)));
        } else if (confType === "log-log") {
          // R: exp(-exp(log(-log S) ± z se / log S)); se here is that of log S
          const ll = Math.log(-Math.log(s));
          const sl = se / Math.log(s);
          lower.push(Math.exp(-Math.exp(ll - zq * sl)));
          upper.push(Math.exp(-Math.exp(ll + zq * sl)));
        } else {
          lower.push(Math.max(0, s - zq * se * s));
          upper.push(Math.min(1, s + zq * se * s));
        }
      }
      curves.push({ stratum: sIdx, profile: pIdx, time: tAsc, nRisk: nRisk.slice().reverse(), nEvent: nEvent.slice().reverse(), nCensor: nCensor.slice().reverse(), cumhaz, surv, stdErr, lower, upper });
    });
  });
  return { curves, options: { confType, confLevel, hazard: efron ? "efron" : "breslow" }, warnings: [] };
}
