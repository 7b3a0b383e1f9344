/**
 * Pearson's chi-squared test of independence for an r × c table, as R's `chisq.test(table)`
 * (correct = TRUE: Yates's continuity correction for 2 × 2 tables).
 */
import { chisqSf } from "../math/distributions.js";
import { margins, tableProblem } from "./contingency.js";

export interface ChisqTestOptions {
  /** Yates's continuity correction for 2 × 2 tables; default true (R's correct = TRUE). */
  readonly correct?: boolean;
}

export interface ChisqTestResult {
  readonly method: "Pearson's Chi-squared test" | "Pearson's Chi-squared test with Yates' continuity correction";
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  /** Expected counts Eᵢⱼ = rᵢcⱼ/N, same shape as the table. */
  readonly expected: number[][];
  /** Smallest expected count. */
  readonly minExpected: number;
  /** Whether Yates's correction was applied (2 × 2 with correct = true). */
  readonly yates: boolean;
  readonly options: { readonly correct: boolean };
  readonly warnings: string[];
}

/**
 * χ² = Σᵢⱼ (|Oᵢⱼ − Eᵢⱼ| − Y)²/Eᵢⱼ with Eᵢⱼ = rᵢcⱼ/N, df = (r − 1)(c − 1), p = P(χ²_df > χ²);
 * Y = min(½, minᵢⱼ |Oᵢⱼ − Eᵢⱼ|) for a 2 × 2 table when `correct` (Yates 1934, doi:10.2307/2983604), else 0.
 * R: `chisq.test(x, correct = TRUE)` (stats): the same Y rule, the warning "Chi-squared approximation may be
 * incorrect" when any Eᵢⱼ < 5. A row or column of zeros gives Eᵢⱼ = 0 and, as in R, a NaN statistic;
 * callers should drop empty levels first (R: `droplevels`).
 *
 * @example
 * ```ts
 * const r = chisqTest([[12, 5], [7, 9]]);
 * r.yates; // true
 * r.p; // chisq.test(matrix(c(12, 7, 5, 9), 2))$p.value
 * ```
 */
export function chisqTest(table: readonly (readonly number[])[], options: ChisqTestOptions = {}): Readonly<ChisqTestResult> {
  const correct = options.correct ?? true;
  const warnings: string[] = [];
  const problem = tableProblem(table, false);
  if (problem !== null) {
    warnings.push(`chi-squared test not computed: ${problem}`);
    return Object.freeze({ method: "Pearson's Chi-squared test" as const, statistic: Number.NaN, df: Number.NaN, p: Number.NaN, expected: [], minExpected: Number.NaN, yates: false, options: { correct }, warnings });
  }
  const { nRow, nCol, rowSums, colSums, total } = margins(table);
  const expected = rowSums.map((r) => colSums.map((c) => (r * c) / total));
  const yates = correct && nRow === 2 && nCol === 2;
  let y = 0;
  if (yates) {
    y = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) y = Math.min(y, Math.abs(table[i][j] - expected[i][j]));
  }
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  for (let i = 0; i < nRow; i++) {
    for (let j = 0; j < nCol; j++) {
      const e = expected[i][j];
      const d = Math.abs(table[i][j] - e) - y;
      statistic += (d * d) / e;
      minExpected = Math.min(minExpected, e);
    }
  }
  const df = (nRow - 1) * (nCol - 1);
  if (minExpected < 5) warnings.push("Chi-squared approximation may be incorrect (an expected count is below 5)");
  return Object.freeze({
    method: yates ? ("Pearson's Chi-squared test with Yates' continuity correction" as const) : ("Pearson's Chi-squared test" as const),
    statistic,
    df,
    p: chisqSf(statistic, df),
    expected,
    minExpected,
    yates,
    options: { correct },
    warnings,
  });
}
