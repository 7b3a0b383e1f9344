/**
 * Test of proportional hazards from scaled Schoenfeld residuals, as R survival's cox.zph(fit,
 * transform, terms = FALSE-per-column at matrix level, global = TRUE) (Grambsch & Therneau 1994,
 * doi:10.1093/biomet/81.3.515). For each covariate j the model is extended with xⱼ·g(t), g the
 * transformed time centred at its mean over events, and the score test of γ = 0 at (β̂, 0) is
 *   Tⱼ = u₂ⱼ² / [ (I⁻¹ of the extended information restricted to (β, γⱼ)) ]⁻¹,
 * with u₂ = Σ_deaths g(t)(wᵢxᵢ − w̄ Σₖ x̄ₖ(t)) and the information blocks Σ V(t), Σ g V(t), Σ g² V(t),
 * V(t) the (Efron) risk-set covariance at each death time; the global test uses all γ together.
 * Transforms: "km" (1 − Ŝ(t−), Kaplan–Meier of all rows), "rank", "identity", "log".
 * O(n p²) after the fit's sort. R equivalent: `cox.zph(fit, transform = "km", terms = FALSE)`.
 */
import { chisqSf } from "../../math/distributions.js";
import { solveSymmetric } from "../../math/linalg.js";
import { eventTable, orderByKey } from "../event-table.js";
import { prepareCoxData } from "./prepare.js";
import { coxResiduals } from "./residuals.js";
import type { CoxInput, CoxResult, CoxTest } from "./types.js";

export type ZphTransform = "km" | "rank" | "identity" | "log";

export interface CoxZphResult {
  readonly transform: ZphTransform;
  /** One test per covariate (estimated coefficients only), or per group when groups are given. */
  readonly terms: readonly ({ readonly name: string } & CoxTest)[];
  readonly global: CoxTest;
  /** Transformed time of each event (for the plot), ordered as `time`. */
  readonly x: readonly number[];
  /** Event times, ordered by (stratum, time). */
  readonly time: readonly number[];
  /** Scaled Schoenfeld residuals as cox.zph(terms = FALSE)'s `y` (rows = events, columns = estimated covariates; always per column). */
  readonly y: readonly (readonly (number | null)[])[];
  readonly warnings: readonly string[];
}

/**
 * A model term made of several columns (e.g. the dummies of one factor): tested jointly with
 * df = number of its estimated columns, as cox.zph(terms = TRUE). Columns index the input's x.
 */
export interface CoxZphGroup {
  readonly name: string;
  readonly columns: readonly number[];
}

/** Average ranks (R's rank(ties.method = "average")), 1-based. */
function averageRanks(v: Float64Array): Float64Array {
  const n = v.length;
  const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && v[idx[j + 1]] === v[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

/** 1 − Ŝ(t−) from the Kaplan–Meier of all rows (unweighted, unstratified), as cox.zph's "km". */
function kmTransform(time: Float64Array, entry: Float64Array | null, status: Uint8Array): Float64Array {
  const n = time.length;
  const tab = eventTable(time, status, orderByKey(time), undefined, entry ?? undefined);
  const evTimes: number[] = [];
  const surv: number[] = [];
  let s = 1;
  for (let k = 0; k < tab.time.length; k++) {
    if (tab.nEvent[k] === 0) continue;
    s *= 1 - tab.nEvent[k] / tab.nRisk[k];
    evTimes.push(tab.time[k]);
    surv.push(s);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // S at the largest event time strictly below time[i]
    let lo = 0;
    let hi = evTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (evTimes[mid] < time[i]) lo = mid + 1;
      else hi = mid;
    }
    out[i] = 1 - (lo === 0 ? 1 : surv[lo - 1]);
  }
  return out;
}

/**
 * Proportional-hazards test for a fit made by coxFit from `input`.
 *
 * @example
 * ```ts
 * const fit = coxFit(input);
 * const zph = coxZph(input, fit, "km");
 * zph.global.p;
 * ```
 */
export function coxZph(input: CoxInput, fit: CoxResult, transform: ZphTransform = "km", groups?: readonly CoxZphGroup[]): CoxZphResult {
  const prep = prepareCoxData(input, fit.options.ties === "efron", fit.options.timefix);
  const { time, entry, status, weights } = prep;
  const n = time.length;
  const keep: number[] = [];
  for (let j = 0; j < input.p; j++) if (fit.coef[j] !== null) keep.push(j);
  const p = keep.length;
  let tt: Float64Array;
  if (transform === "identity") tt = Float64Array.from(time);
  else if (transform === "log") tt = Float64Array.from(time, Math.log);
  else if (transform === "rank") tt = averageRanks(time);
  else tt = kmTransform(time, entry, status);
  let sumG = 0;
  let nEv = 0;
  for (let i = 0; i < n; i++) if (status[i] === 1) {
    sumG += tt[i];
    nEv++;
  }
  const g = Float64Array.from(tt, (v) => v - sumG / nEv);

  // covariates (kept columns) centred by their plain mean, as zph1/zph2
  const xc = new Float64Array(n * p);
  for (let a = 0; a < p; a++) {
    const j = keep[a];
    let m = 0;
    for (let i = 0; i < n; i++) m += input.x[j * n + i];
    m /= n;
    for (let i = 0; i < n; i++) xc[i * p + a] = input.x[j * n + i] - m;
  }
  const eta = fit.linearPredictors;
  const q = 2 * p;
  const u = new Float64Array(q);
  const imat = new Float64Array(q * q);
  const a1 = new Float64Array(p);
  const a2 = new Float64Array(p);
  const c1 = new Float64Array(p * p);
  const c2 = new Float64Array(p * p);
  const efron = fit.options.ties === "efron";
  // walk each stratum by stop time descending (rows of prep.data are in that order)
  const d = prep.data;
  const rowOf = d.rowOf;
  for (let s = 0; s + 1 < d.bounds.length; s++) {
    const s0 = d.bounds[s];
    const s1 = d.bounds[s + 1];
    let denom = 0;
    let nrisk = 0;
    a1.fill(0);
    c1.fill(0);
    let r = s0;
    for (let k = s0; k < s1; ) {
      const dtime = d.stop[k];
      let k2 = k;
      let hasDeath = false;
      while (k2 < s1 && d.stop[k2] === dtime) {
        if (d.status[k2] !== 0) hasDeath = true;
        k2++;
      }
      if (hasDeath && d.byStart && d.start) {
        while (r < s1) {
          const pos = d.byStart[r];
          if (d.start[pos] < dtime) break;
          r++;
          nrisk--;
          const i = rowOf[pos];
          if (nrisk === 0) {
            denom = 0;
            a1.fill(0);
            c1.fill(0);
          } else {
            const rw = Math.exp(eta[i]) * weights[i];
            denom -= rw;
            for (let x = 0; x < p; x++) {
              a1[x] -= rw * xc[i * p + x];
              for (let y = 0; y <= x; y++) c1[x * p + y] -= rw * xc[i * p + x] * xc[i * p + y];
            }
          }
        }
      }
      let ndead = 0;
      let deadWt = 0;
      let denom2 = 0;
      a2.fill(0);
      c2.fill(0);
      let gt = 0;
      for (let pos = k; pos < k2; pos++) {
        nrisk++;
        const i = rowOf[pos];
        const rw = Math.exp(eta[i]) * weights[i];
        if (status[i] === 0) {
          denom += rw;
          for (let x = 0; x < p; x++) {
            a1[x] += rw * xc[i * p + x];
            for (let y = 0; y <= x; y++) c1[x * p + y] += rw * xc[i * p + x] * xc[i * p + y];
          }
        } else {
          ndead++;
          gt = g[i];
          deadWt += weights[i];
          denom2 += rw;
          for (let x = 0; x < p; x++) {
            u[x] += weights[i] * xc[i * p + x];
            u[x + p] += g[i] * weights[i] * xc[i * p + x];
            a2[x] += rw * xc[i * p + x];
            for (let y = 0; y <= x; y++) c2[x * p + y] += rw * xc[i * p + x] * xc[i * p + y];
          }
        }
      }
      if (ndead > 0) {
        const terms = efron ? ndead : 1;
        const wt = efron ? deadWt / ndead : deadWt;
        for (let m = 0; m < terms; m++) {
          const frac = efron ? 1 / ndead : 1;
          denom += denom2 * frac;
          for (let x = 0; x < p; x++) {
            a1[x] += a2[x] * frac;
            const mean = a1[x] / denom;
            u[x] -= wt * mean;
            u[x + p] -= gt * wt * mean;
            for (let y = 0; y <= x; y++) {
              c1[x * p + y] += c2[x * p + y] * frac;
              const v = (wt * (c1[x * p + y] - mean * a1[y])) / denom;
              imat[y * q + x] += v;
              imat[y * q + x + p] += gt * v;
              imat[(y + p) * q + x + p] += gt * gt * v;
            }
          }
        }
      }
      k = k2;
    }
  }
  // symmetrise the 2p × 2p information
  for (let x = 0; x < p; x++) {
    for (let y = 0; y < x; y++) {
      imat[x * q + y] = imat[y * q + x];
      imat[x * q + y + p] = imat[y * q + x + p];
      imat[(x + p) * q + y + p] = imat[(y + p) * q + x + p];
    }
  }
  for (let x = 0; x < p; x++) for (let y = 0; y < p; y++) imat[(x + p) * q + y] = imat[y * q + x + p];

  const quad = (idx: number[], uu: number[]): number => {
    const m = idx.length;
    const sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = imat[idx[a] * q + idx[b]];
    const sol = solveSymmetric(sub, m, uu, 0);
    let t = 0;
    for (let a = 0; a < m; a++) t += sol[a] * uu[a];
    return t;
  };
  const base = Array.from({ length: p }, (_, a) => a);
  const zeros = new Array<number>(p).fill(0);
  const termGroups: { name: string; cols: number[] }[] = groups
    ? groups.map((g) => ({ name: g.name, cols: g.columns.map((j) => keep.indexOf(j)).filter((a) => a >= 0) })).filter((g) => g.cols.length > 0)
    : keep.map((j, a) => ({ name: input.columnNames[j], cols: [a] }));
  const terms = termGroups.map(({ name, cols }) => {
    const stat = quad([...base, ...cols.map((a) => a + p)], [...zeros, ...cols.map((a) => u[a + p])]);
    return { name, statistic: stat, df: cols.length, p: chisqSf(stat, cols.length) };
  });
  const gstat = quad([...base, ...base.map((a) => a + p)], [...zeros, ...Array.from(u.subarray(p))]);
  const global: CoxTest = { statistic: gstat, df: p, p: chisqSf(gstat, p) };

  // plot data: scaled Schoenfeld residuals as cox.zph (per-stratum "used" event counts)
  const sch = coxResiduals(input, fit, "schoenfeld");
  let events = sch.row.map((row, k) => ({ row, k }));
  if (entry) {
    // cox.zph (counting process) orders tied events by decreasing row
    events = events.sort((e1, e2) => prep.stratum[e1.row] - prep.stratum[e2.row] || time[e1.row] - time[e2.row] || e2.row - e1.row);
  }
  const nStrata = prep.nStrata;
  const used: number[][] = Array.from({ length: nStrata }, () => new Array<number>(p).fill(0));
  for (let s = 0; s < nStrata; s++) {
    let nd = 0;
    const first = new Array<number>(p).fill(Number.NaN);
    const varies = new Array<boolean>(p).fill(false);
    for (let i = 0; i < n; i++) {
      if (prep.stratum[i] !== s) continue;
      nd += status[i];
      for (let a = 0; a < p; a++) {
        const v = input.x[keep[a] * n + i];
        if (Number.isNaN(first[a])) first[a] = v;
        else if (v !== first[a]) varies[a] = true;
      }
    }
    for (let a = 0; a < p; a++) used[s][a] = varies[a] ? nd : 0;
  }
  const vmean = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let w = 0;
      for (let s = 0; s < nStrata; s++) w += Math.min(used[s][a], used[s][b]);
      vmean[a * p + b] = imat[a * q + b] / (w === 0 ? 1 : w);
    }
  }
  const y: (number | null)[][] = [];
  for (const e of events) {
    const s = prep.stratum[e.row];
    const ks = base.filter((a) => used[s][a] > 0);
    const resid = keep.map((j) => sch.values[e.k][j]);
    const out: (number | null)[] = new Array<number | null>(p).fill(null);
    if (ks.length > 0) {
      const m = ks.length;
      const sub = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = vmean[ks[a] * p + ks[b]];
      const sol = solveSymmetric(sub, m, ks.map((a) => resid[a]), 0);
      ks.forEach((a, idx) => (out[a] = sol[idx] + (fit.coef[keep[a]] as number)));
    }
    y.push(out);
  }
  return {
    transform,
    terms,
    global,
    x: events.map((e) => tt[e.row]),
    time: events.map((e) => time[e.row]),
    y,
    warnings: [],
  };
}
