/**
 * One evaluation of the Cox log partial likelihood ℓ(β), score U(β) and information I(β), split between the
 * database and JavaScript. The database computes, per (stratum, distinct time, status) over the centred and
 * scaled covariates z and η = zᵀβ, r = w·exp(η):
 *   COUNT(*), Σw, Σw·η, Σw·z (p), S0 = Σr, S1 = Σr·z (p), S2 = Σr·z zᵀ (lower triangle, p(p+1)/2)
 * — one GROUP BY, one scan, O(n p²) work inside the engine. JavaScript then walks the distinct times of each
 * stratum in descending order, accumulating the risk-set sums and adding each time's Efron (or Breslow) terms
 * exactly as the in-memory kernel does row by row (src/survival/cox/efron.ts; survival's coxfit6.c):
 * censored rows of a time join the risk set first, then the deaths, with S·ₖ = S· + fₖ S·ᴰ, fₖ = (k+1)/d.
 */
import { tieNearlyEqualTimes } from "../survival/tied-times.js";
import { closeDeathTime } from "../survival/cox/efron.js";
import { toNumber, type SqlEngine } from "./engine.js";
import type { SurvivalRelation } from "./survival-columns.js";

/** Per-(stratum, time, status) sums, ordered by stratum, time descending, status ascending (censored first). */
export interface CoxBlocks {
  readonly p: number;
  readonly stratum: Int32Array;
  readonly time: Float64Array;
  readonly status: Uint8Array;
  /** count, Σw, Σwη, S0, then Σwz (p), S1 (p), S2 (p(p+1)/2) — `width` numbers per block. */
  readonly sums: Float64Array;
  readonly width: number;
  /** The near-tie rule's map from a time as stored to its canonical time (identity when nothing was tied). */
  readonly timeOf: (t: number) => number;
}

export const blockWidth = (p: number): number => 4 + 2 * p + (p * (p + 1)) / 2;

/** A number as SQL text that reads back as the same double (String() round-trips; negatives parenthesised). */
export function sqlNumber(x: number): string {
  return x < 0 || Object.is(x, -0) ? `(${String(x)})` : String(x);
}

/** The GROUP BY of the header at `beta` (internal scale), for design columns `columns` centred by `means` and scaled by `scale`. */
export function coxSumsQuery(rel: SurvivalRelation, columns: readonly string[], means: ArrayLike<number>, scale: ArrayLike<number>, beta: ArrayLike<number>, double: string): string {
  const p = columns.length;
  const z = (j: number): string => `z${j}`;
  const zs = columns.map((c, j) => `((${c}) - ${sqlNumber(means[j])}) * ${sqlNumber(scale[j])} AS ${z(j)}`).join(", ");
  const eta = ["0", ...columns.map((_, j) => `${sqlNumber(beta[j])} * ${z(j)}`)].join(" + ");
  const zList = columns.map((_, j) => z(j)).join(", ");
  const agg: string[] = ["COUNT(*)", "SUM(w)", "SUM(w * eta)", "SUM(r)"];
  for (let j = 0; j < p; j++) agg.push(`SUM(w * ${z(j)})`);
  for (let j = 0; j < p; j++) agg.push(`SUM(r * ${z(j)})`);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) agg.push(`SUM(r * ${z(i)} * ${z(j)})`);
  return (
    `${rel.with}, dz AS (SELECT h, t, s, w, ${zs} FROM d), de AS (SELECT h, t, s, w, ${zList}, ${eta} AS eta FROM dz), ` +
    `dr AS (SELECT h, t, s, w, ${zList}, eta, w * EXP(eta) AS r FROM de) ` +
    `SELECT h, t, s, ${agg.map((a) => `CAST(${a} AS ${double})`).join(", ")} FROM dr GROUP BY h, t, s`
  );
}

/** Runs the sums query and orders (and, with `timeMap`, near-tie-merges) the blocks. */
export async function coxBlocks(engine: SqlEngine, query: string, p: number, strataIndex: (key: unknown) => number, timefix: boolean): Promise<CoxBlocks> {
  const res = await engine.query(query);
  const width = blockWidth(p);
  const m = res.rows.length;
  const rawT = new Float64Array(m);
  res.rows.forEach((r, k) => (rawT[k] = toNumber(r[1]) ?? Number.NaN));
  let time = rawT;
  let timeOf = (t: number): number => t;
  if (timefix && m > 1) {
    const distinct = Float64Array.from(new Set(rawT)).sort();
    const fixed = tieNearlyEqualTimes(distinct);
    if (fixed !== distinct) {
      const map = new Map<number, number>();
      distinct.forEach((v, j) => map.set(v, fixed[j]));
      time = Float64Array.from(rawT, (v) => map.get(v)!);
      timeOf = (t: number): number => map.get(t) ?? t;
    }
  }
  const st = Int32Array.from(res.rows, (r) => strataIndex(r[0]));
  const status = Uint8Array.from(res.rows, (r) => toNumber(r[2]) ?? 0);
  const order = Int32Array.from({ length: m }, (_, k) => k).sort((a, b) => st[a] - st[b] || time[b] - time[a] || status[a] - status[b] || rawT[b] - rawT[a]);
  const out = { stratum: new Int32Array(m), time: new Float64Array(m), status: new Uint8Array(m), sums: new Float64Array(m * width) };
  let b = -1;
  for (const k of order) {
    if (!(b >= 0 && out.stratum[b] === st[k] && out.time[b] === time[k] && out.status[b] === status[k])) {
      b++;
      out.stratum[b] = st[k];
      out.time[b] = time[k];
      out.status[b] = status[k];
    }
    const row = res.rows[k];
    for (let c = 0; c < width; c++) out.sums[b * width + c] += toNumber(row[3 + c]) ?? 0;
  }
  const nb = b + 1;
  return { p, stratum: out.stratum.slice(0, nb), time: out.time.slice(0, nb), status: out.status.slice(0, nb), sums: out.sums.slice(0, nb * width), width, timeOf };
}

export interface CoxEvaluation {
  readonly loglik: number;
  readonly u: Float64Array;
  /** p × p row-major, upper triangle filled (as the in-memory kernel). */
  readonly imat: Float64Array;
}

/** ℓ, U, I from the blocks: the risk-set walk of the header (Efron when `efron`, else Breslow). */
export function coxEvaluateBlocks(bk: CoxBlocks, efron: boolean): CoxEvaluation {
  const { p, width, sums } = bk;
  const oW = 1;
  const oWEta = 2;
  const oS0 = 3;
  const oWz = 4;
  const oS1 = 4 + p;
  const oS2 = 4 + 2 * p;
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const cmat = new Float64Array(p * p);
  const cmat2 = new Float64Array(p * p);
  const u = new Float64Array(p);
  const imat = new Float64Array(p * p);
  const ws = { a, a2, cmat, cmat2, u, imat };
  let loglik = 0;
  let denom = 0;
  const nb = bk.time.length;
  for (let b = 0; b < nb; ) {
    if (b === 0 || bk.stratum[b] !== bk.stratum[b - 1]) {
      denom = 0;
      a.fill(0);
      cmat.fill(0);
    }
    // one distinct time: an optional censored block, then an optional death block
    let cens = -1;
    let dead = -1;
    const t = bk.time[b];
    const s = bk.stratum[b];
    for (; b < nb && bk.time[b] === t && bk.stratum[b] === s; b++) {
      if (bk.status[b] === 0) cens = b;
      else dead = b;
    }
    if (cens >= 0) {
      const o = cens * width;
      denom += sums[o + oS0];
      let q = 0;
      for (let i = 0; i < p; i++) {
        a[i] += sums[o + oS1 + i];
        for (let j = 0; j <= i; j++) cmat[i * p + j] += sums[o + oS2 + q++];
      }
    }
    if (dead < 0) continue;
    const o = dead * width;
    const deaths = sums[o];
    const deadWt = sums[o + oW];
    const denom2 = sums[o + oS0];
    loglik += sums[o + oWEta];
    let q = 0;
    for (let i = 0; i < p; i++) {
      u[i] += sums[o + oWz + i];
      a2[i] = sums[o + oS1 + i];
      for (let j = 0; j <= i; j++) cmat2[i * p + j] = sums[o + oS2 + q++];
    }
    // the same Breslow/Efron terms as the in-memory fit (src/survival/cox/efron.ts)
    loglik = closeDeathTime(ws, p, efron, deaths, deadWt, denom, denom2, loglik);
    denom += denom2;
  }
  return { loglik, u, imat };
}
