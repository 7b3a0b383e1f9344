/**
 * The robust (sandwich) variance of an in-database Cox fit, without bringing rows back: Σᵢ wᵢ² Lᵢ Lᵢᵀ with Lᵢ the
 * score residual (src/survival/cox/robust.ts; Lin & Wei 1989, doi:10.1080/01621459.1989.10478874). For a
 * right-censored row at time t with status δ and risk r = exp(η), Lᵢ = x·(δ − r h) + (r g − δ m), where h, g
 * (cumulative hazard and hazard-weighted means up to t, Efron-adjusted at the row's own death time) and m (the
 * Efron mean at its death time) depend only on (stratum, t, δ). So per (stratum, time, status) cell the database
 * returns Σw², Σw²r, Σw²r², Σw²x, Σw²rx, Σw²r²x, Σw²xxᵀ, Σw²rxxᵀ, Σw²r²xxᵀ at β̂, and
 *   Σ w² L Lᵀ = δM₀ − 2δhM₁ + h²M₂ + [(δP₁ − hP₂)gᵀ + δ(hP₁ − P₀)mᵀ + transpose] + Q₂ggᵀ − δQ₁(gmᵀ + mgᵀ) + δQ₀mmᵀ.
 * The hazard pieces come from the sums query's cells (S0, S1 of all rows and of the deaths), walked as
 * deathTimeSums walks rows. Robust variance = V S⁻¹ (Σ w² L Lᵀ) S⁻¹ V (S: coxph's scale factors), as sandwich().
 * No cluster(): one cluster per row, as coxph(robust = TRUE).
 */
import { toNumber, type SqlEngine } from "./engine.js";
import { sqlNumber, type CoxBlocks } from "./cox-sums.js";
import type { SurvivalRelation } from "./survival-columns.js";

/** Per (stratum, time, status) residual-moment sums at β (row-major blocks in the order of `keys`). */
export function coxResidualMomentsQuery(rel: SurvivalRelation, columns: readonly string[], means: ArrayLike<number>, scale: ArrayLike<number>, beta: ArrayLike<number>, double: string): string {
  const p = columns.length;
  const zs = columns.map((c, j) => `((${c}) - ${sqlNumber(means[j])}) * ${sqlNumber(scale[j])} AS z${j}`).join(", ");
  const zList = columns.map((_, j) => `z${j}`).join(", ");
  const eta = ["0", ...columns.map((_, j) => `${sqlNumber(beta[j])} * z${j}`)].join(" + ");
  const agg: string[] = [];
  for (const f of ["w * w", "w * w * r", "w * w * r * r"]) {
    agg.push(`SUM(${f})`);
    for (let j = 0; j < p; j++) agg.push(`SUM(${f} * z${j})`);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) agg.push(`SUM(${f} * z${i} * z${j})`);
  }
  return (
    `${rel.with}, dz AS (SELECT h, t, s, w, ${zs} FROM d), de AS (SELECT h, t, s, w, ${zList}, EXP(${eta}) AS r FROM dz) ` +
    `SELECT h, t, s, ${agg.map((a) => `CAST(${a} AS ${double})`).join(", ")} FROM de GROUP BY h, t, s`
  );
}

interface HazardAt {
  /** h, g (p), m (p) for a censored row and for a death at this (stratum, time). */
  readonly hC: number;
  readonly gC: Float64Array;
  readonly hD: number;
  readonly gD: Float64Array;
  readonly m: Float64Array;
}

/** Hazard pieces per (stratum, time) from the sums blocks (deathTimeSums of src/survival/cox/robust.ts on cells). */
export function hazardPieces(bk: CoxBlocks, efron: boolean): Map<string, HazardAt> {
  const { p, width, sums } = bk;
  const out = new Map<string, HazardAt>();
  const nb = bk.time.length;
  // per stratum: walk times descending, record per death time t1, t2, mh1, mh2, mh3; then cumulate ascending
  for (let b = 0; b < nb; ) {
    const st = bk.stratum[b];
    const times: number[] = [];
    const t1: number[] = [];
    const t2: number[] = [];
    const mh1: Float64Array[] = [];
    const mh2: Float64Array[] = [];
    const mh3: Float64Array[] = [];
    const allTimes: number[] = [];
    let denom = 0;
    const a = new Float64Array(p);
    for (; b < nb && bk.stratum[b] === st; ) {
      const t = bk.time[b];
      allTimes.push(t);
      let deaths = 0;
      let deadWt = 0;
      let eDenom = 0;
      const a2 = new Float64Array(p);
      for (; b < nb && bk.stratum[b] === st && bk.time[b] === t; b++) {
        const o = b * width;
        denom += sums[o + 3];
        for (let j = 0; j < p; j++) a[j] += sums[o + 4 + p + j];
        if (bk.status[b] === 1) {
          deaths = sums[o];
          deadWt = sums[o + 1];
          eDenom = sums[o + 3];
          for (let j = 0; j < p; j++) a2[j] = sums[o + 4 + p + j];
        }
      }
      if (deaths === 0) continue;
      times.push(t);
      const m1 = new Float64Array(p);
      const m2 = new Float64Array(p);
      const m3 = new Float64Array(p);
      let temp1 = 0;
      let temp2 = 0;
      if (!efron || deaths === 1) {
        const hazard = deadWt / denom;
        temp1 = hazard;
        temp2 = hazard;
        for (let j = 0; j < p; j++) {
          const m = a[j] / denom;
          m1[j] = m * hazard;
          m2[j] = m * hazard;
          m3[j] = m;
        }
      } else {
        const wtave = deadWt / deaths;
        for (let dd = 0; dd < deaths; dd++) {
          const down = dd / deaths;
          const d2 = denom - down * eDenom;
          const hazard = wtave / d2;
          temp1 += hazard;
          temp2 += (1 - down) * hazard;
          for (let j = 0; j < p; j++) {
            const mean = (a[j] - down * a2[j]) / d2;
            m1[j] += mean * hazard;
            m2[j] += mean * (1 - down) * hazard;
            m3[j] += mean / deaths;
          }
        }
      }
      t1.push(temp1);
      t2.push(temp2);
      mh1.push(m1);
      mh2.push(m2);
      mh3.push(m3);
    }
    // ascending cumulative sums over death times, then the pieces at every time of the stratum
    const nd = times.length;
    const c1 = new Float64Array(nd + 1);
    const cm = new Float64Array((nd + 1) * p);
    const ascTimes = new Float64Array(nd);
    for (let k = 0; k < nd; k++) {
      const src = nd - 1 - k;
      ascTimes[k] = times[src];
      c1[k + 1] = c1[k] + t1[src];
      for (let j = 0; j < p; j++) cm[(k + 1) * p + j] = cm[k * p + j] + mh1[src][j];
    }
    for (const t of allTimes) {
      let hi = 0;
      while (hi < nd && ascTimes[hi] <= t) hi++;
      const gC = cm.slice(hi * p, hi * p + p);
      const own = hi > 0 && ascTimes[hi - 1] === t ? nd - hi : -1;
      const gD = Float64Array.from(gC);
      let hD = c1[hi];
      const m = new Float64Array(p);
      if (own >= 0) {
        hD += t2[own] - t1[own];
        for (let j = 0; j < p; j++) {
          gD[j] += mh2[own][j] - mh1[own][j];
          m[j] = mh3[own][j];
        }
      }
      out.set(`${st}|${t}`, { hC: c1[hi], gC, hD, gD, m });
    }
  }
  return out;
}

/** Σ w² L Lᵀ (p × p, the z scale) from the residual-moment rows and the hazard pieces (see the header). */
export async function scoreOuterProduct(engine: SqlEngine, query: string, p: number, pieces: Map<string, HazardAt>, strataIndex: (key: unknown) => number, timeOf: (t: number) => number): Promise<Float64Array> {
  const res = await engine.query(query);
  const tri = (p * (p + 1)) / 2;
  const per = 1 + p + tri;
  const out = new Float64Array(p * p);
  const full = (row: number[], off: number): Float64Array => {
    const m = new Float64Array(p * p);
    let k = off;
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) m[i * p + j] = m[j * p + i] = row[k++];
    return m;
  };
  for (const r of res.rows) {
    const row = r.map((v) => toNumber(v) ?? 0);
    const st = strataIndex(r[0]);
    const t = timeOf(row[1]);
    const delta = row[2];
    const piece = pieces.get(`${st}|${t}`)!;
    const h = delta === 1 ? piece.hD : piece.hC;
    const g = delta === 1 ? piece.gD : piece.gC;
    const m = piece.m;
    const Q = [row[3], row[3 + per], row[3 + 2 * per]];
    const P = [0, 1, 2].map((f) => row.slice(3 + f * per + 1, 3 + f * per + 1 + p));
    const M = [0, 1, 2].map((f) => full(row, 3 + f * per + 1 + p));
    const c = new Float64Array(p); // δP₁ − hP₂
    const e = new Float64Array(p); // δ(hP₁ − P₀)
    for (let j = 0; j < p; j++) {
      c[j] = delta * P[1][j] - h * P[2][j];
      e[j] = delta * (h * P[1][j] - P[0][j]);
    }
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let v = delta * M[0][i * p + j] - 2 * delta * h * M[1][i * p + j] + h * h * M[2][i * p + j];
        v += c[i] * g[j] + e[i] * m[j] + c[j] * g[i] + e[j] * m[i];
        v += Q[2] * g[i] * g[j] - delta * Q[1] * (g[i] * m[j] + m[i] * g[j]) + delta * Q[0] * m[i] * m[j];
        out[i * p + j] += v;
      }
    }
  }
  return out;
}
