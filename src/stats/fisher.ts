/**
 * Fisher's exact test of independence for an r × c table of counts, as R's `fisher.test(table)`:
 * two-sided p-value = total probability (under the multiple hypergeometric null, margins fixed) of the
 * tables no more probable than the observed one.
 *
 * R computes 2 × 2 tables from the hypergeometric density and larger tables with FEXACT (the network
 * algorithm of Mehta & Patel, ACM TOMS 643). survinfer enumerates the tables instead (every table with
 * the observed margins, depth-first, with log-factorials), which gives the same sum for the small tables
 * of a Table 1; it stops after `FISHER_MAX_TABLES` tables and then reports p = NaN with a warning.
 */
import { margins, tableProblem } from "./contingency.js";

/** Largest number of tables enumerated for an r × c test before giving up (p = NaN, with a warning). */
export const FISHER_MAX_TABLES = 5_000_000;

/** R's fisher.test (2 × 2): tables with d ≤ d_obs·(1 + 10⁻⁷) count as "no more probable". */
const RELATIVE_TOLERANCE_2X2 = 1e-7;
/** FEXACT (r × c): log-probabilities within this of the observed one count as "no more probable" (its TOL). */
const LOG_TOLERANCE_RXC = 3.45254e-7;

export interface FisherExactResult {
  readonly method: "Fisher's Exact Test for Count Data";
  readonly p: number;
  /** Probability of the observed table under the null. */
  readonly pObserved: number;
  /** Tables (or pruned sub-trees of tables) visited; the support size for 2 × 2. */
  readonly nTables: number;
  readonly warnings: string[];
}

/** log k! for k = 0..n, by cumulative sums of log k (error ≈ n·ε in the log, i.e. ≈ 1e-13 relative for n ≈ 1000). */
export function logFactorials(n: number): Float64Array {
  const f = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) f[k] = f[k - 1] + Math.log(k);
  return f;
}

function fisher2x2(table: readonly (readonly number[])[], warnings: string[]): FisherExactResult {
  // R: m = column 1 total, n = column 2 total, k = row 1 total, x = cell [1, 1]
  const m = table[0][0] + table[1][0];
  const n = table[0][1] + table[1][1];
  const k = table[0][0] + table[0][1];
  const x = table[0][0];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const lf = logFactorials(m + n);
  // log dhyper(s; m, n, k) up to the constant log(m! n! k! (N − k)! / N!)
  const logd = new Float64Array(hi - lo + 1);
  let max = Number.NEGATIVE_INFINITY;
  for (let s = lo; s <= hi; s++) {
    const v = -lf[s] - lf[m - s] - lf[k - s] - lf[n - k + s];
    logd[s - lo] = v;
    if (v > max) max = v;
  }
  let total = 0;
  const d = new Float64Array(logd.length);
  for (let i = 0; i < d.length; i++) {
    d[i] = Math.exp(logd[i] - max);
    total += d[i];
  }
  for (let i = 0; i < d.length; i++) d[i] /= total;
  const dObs = d[x - lo];
  let p = 0;
  for (let i = 0; i < d.length; i++) if (d[i] <= dObs * (1 + RELATIVE_TOLERANCE_2X2)) p += d[i];
  return { method: "Fisher's Exact Test for Count Data", p: Math.min(1, p), pObserved: dObs, nTables: d.length, warnings };
}

export interface FisherExactOptions {
  /** Enumeration limit for r × c tables; default FISHER_MAX_TABLES. */
  readonly maxTables?: number;
}

function fisherRxC(table: readonly (readonly number[])[], warnings: string[], maxTables: number): FisherExactResult {
  // Orient so that the enumerated dimension (columns within a row) is the smaller one.
  let t = table.map((r) => [...r]);
  if (t[0].length > t.length) t = t[0].map((_, j) => t.map((r) => r[j]));
  // drop empty rows and columns (they carry no information, as in FEXACT)
  let mg = margins(t);
  t = t.filter((_, i) => mg.rowSums[i] > 0);
  const keepCols = mg.colSums.map((c) => c > 0);
  t = t.map((r) => r.filter((_, j) => keepCols[j]));
  mg = margins(t);
  const { nRow, nCol, rowSums, colSums, total } = mg;
  if (nRow < 2 || nCol < 2) return { method: "Fisher's Exact Test for Count Data", p: 1, pObserved: 1, nTables: 1, warnings };
  const lf = logFactorials(total);
  const logConst = rowSums.reduce((s, r) => s + lf[r], 0) + colSums.reduce((s, c) => s + lf[c], 0) - lf[total];
  let sObs = 0;
  for (const row of t) for (const v of row) sObs += lf[v];
  const logPObs = logConst - sObs;
  const threshold = logPObs + LOG_TOLERANCE_RXC;
  const colRem = Int32Array.from(colSums);
  let pSum = 0;
  let allSum = 0;
  let count = 0;
  let aborted = false;
  // Σ lf of the most even split of a into k parts: a lower bound on Σ lf(cells) of a row (or column) with total a.
  const evenSplit = (a: number, k: number): number => {
    const q = Math.floor(a / k);
    const rem = a - q * k;
    return rem * lf[q + 1] + (k - rem) * lf[q];
  };
  // Pruning (the idea of the network algorithm, with simple bounds): before row i, the completions of the
  // remaining rows have Σ lf(cells) between sLo (even splits) and sHi (each row or column in one cell, lf being
  // superadditive). When every completion is at most as probable as the observed table, or every one is more
  // probable, the whole subtree is added in closed form: Σ_T Π 1/nᵢⱼ! = N'!/(Π rᵢ'! Π cⱼ'!).
  const subtree = (i: number, s: number): boolean => {
    let nRem = 0;
    let sRows = 0;
    let sRowsMax = 0;
    for (let ii = i; ii < nRow; ii++) {
      nRem += rowSums[ii];
      sRows += evenSplit(rowSums[ii], nCol);
      sRowsMax += lf[rowSums[ii]];
    }
    let sCols = 0;
    let sColsMax = 0;
    for (let jj = 0; jj < nCol; jj++) {
      sCols += evenSplit(colRem[jj], nRow - i);
      sColsMax += lf[colRem[jj]];
    }
    const sLo = Math.max(sRows, sCols);
    const sHi = Math.min(sRowsMax, sColsMax);
    const mostProbable = logConst - s - sLo;
    const leastProbable = logConst - s - sHi;
    const inside = mostProbable <= threshold;
    const outside = leastProbable > threshold;
    if (!inside && !outside) return false;
    const logTotal = logConst - s + lf[nRem] - (sRowsMax + sColsMax);
    const total = Math.exp(logTotal);
    allSum += total;
    if (inside) pSum += total;
    count++;
    return true;
  };
  const fillRow = (i: number, j: number, rowRem: number, s: number): void => {
    if (aborted) return;
    if (i === nRow - 1) {
      // last row is determined by the remaining column totals
      let ss = s;
      for (let jj = 0; jj < nCol; jj++) ss += lf[colRem[jj]];
      count++;
      if (count > maxTables) {
        aborted = true;
        return;
      }
      const lp = logConst - ss;
      const pr = Math.exp(lp);
      allSum += pr;
      if (lp <= threshold) pSum += pr;
      return;
    }
    if (j === 0 && i > 0 && subtree(i, s)) return;
    if (j === nCol - 1) {
      // last cell of the row takes what is left of the row total
      if (rowRem > colRem[j]) return;
      colRem[j] -= rowRem;
      fillRow(i + 1, 0, rowSums[i + 1], s + lf[rowRem]);
      colRem[j] += rowRem;
      return;
    }
    let capAfter = 0;
    for (let jj = j + 1; jj < nCol; jj++) capAfter += colRem[jj];
    const from = Math.max(0, rowRem - capAfter);
    const to = Math.min(rowRem, colRem[j]);
    for (let v = from; v <= to; v++) {
      colRem[j] -= v;
      fillRow(i, j + 1, rowRem - v, s + lf[v]);
      colRem[j] += v;
      if (aborted) return;
    }
  };
  fillRow(0, 0, rowSums[0], 0);
  if (aborted) {
    warnings.push(`Fisher's exact test not computed: more than ${maxTables} tables to enumerate (survinfer enumerates; R's fisher.test uses the network algorithm)`);
    return { method: "Fisher's Exact Test for Count Data", p: Number.NaN, pObserved: Math.exp(logPObs), nTables: count, warnings };
  }
  return { method: "Fisher's Exact Test for Count Data", p: Math.min(1, pSum / allSum), pObserved: Math.exp(logPObs) / allSum, nTables: count, warnings };
}

/**
 * Fisher's exact test (two-sided) for an r × c table of non-negative integer counts.
 *
 * Under independence with fixed margins, a table has probability P = Πrᵢ! Πcⱼ! / (N! Πnᵢⱼ!)
 * (Fisher 1935; Freeman & Halton 1951, doi:10.1093/biomet/38.1-2.141); p = Σ P(T) over the tables T with
 * P(T) ≤ P(observed)·(1 + δ). δ follows R: 10⁻⁷ (relative) for 2 × 2 (`fisher.test`'s relErr), and
 * 3.45254·10⁻⁷ on the log scale for larger tables (FEXACT's TOL).
 * R: `fisher.test(x)` (stats). Deliberate difference: tables are enumerated, not searched with the network
 * algorithm; beyond `FISHER_MAX_TABLES` tables p is NaN with a warning (R: simulate.p.value = TRUE).
 *
 * @example
 * ```ts
 * fisherExact([[3, 1], [1, 3]]).p; // 0.4857…, as fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value
 * ```
 */
export function fisherExact(table: readonly (readonly number[])[], options: FisherExactOptions = {}): Readonly<FisherExactResult> {
  const maxTables = options.maxTables ?? FISHER_MAX_TABLES;
  const warnings: string[] = [];
  const problem = tableProblem(table, true);
  if (problem !== null) {
    warnings.push(`Fisher's exact test not computed: ${problem}`);
    return Object.freeze({ method: "Fisher's Exact Test for Count Data" as const, p: Number.NaN, pObserved: Number.NaN, nTables: 0, warnings });
  }
  if (margins(table).total === 0) {
    warnings.push("Fisher's exact test not computed: all counts are zero");
    return Object.freeze({ method: "Fisher's Exact Test for Count Data" as const, p: Number.NaN, pObserved: Number.NaN, nTables: 0, warnings });
  }
  const r = table.length === 2 && table[0].length === 2 ? fisher2x2(table, warnings) : fisherRxC(table, warnings, maxTables);
  return Object.freeze(r);
}
