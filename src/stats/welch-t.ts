/**
 * Welch's two-sample t-test (unequal variances), as R's `t.test(x, y, var.equal = FALSE)`.
 */
import { tCdf, tQuantile } from "../math/distributions.js";
import { mean, variance } from "./descriptive.js";

export interface WelchTTestOptions {
  /** Confidence level of the interval for the difference in means; default 0.95 (R's conf.level). */
  readonly confLevel?: number;
}

export interface WelchTTestResult {
  readonly method: "Welch Two Sample t-test";
  /** t = (x̄ − ȳ)/SE. */
  readonly statistic: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value 2·P(T_df > |t|). */
  readonly p: number;
  readonly meanX: number;
  readonly meanY: number;
  /** SE = √(s²ₓ/nₓ + s²ᵧ/nᵧ). */
  readonly stdErr: number;
  /** Confidence interval for x̄ − ȳ. */
  readonly lower: number;
  readonly upper: number;
  readonly nX: number;
  readonly nY: number;
  readonly options: { readonly confLevel: number; readonly alternative: "two.sided"; readonly varEqual: false };
  readonly warnings: string[];
}

/**
 * Welch's t-test for a difference in means between x and y (missing values, NaN, are dropped).
 *
 * t = (x̄ − ȳ)/SE, SE² = s²ₓ/nₓ + s²ᵧ/nᵧ, and the Welch–Satterthwaite degrees of freedom
 * ν = SE⁴ / ((s²ₓ/nₓ)²/(nₓ − 1) + (s²ᵧ/nᵧ)²/(nᵧ − 1)); p = 2·P(T_ν ≤ −|t|); CI x̄ − ȳ ± t_{ν,1−α/2}·SE.
 * Reference: Welch BL. Biometrika 1947;34:28–35 (doi:10.1093/biomet/34.1-2.28).
 * R: `t.test(x, y, var.equal = FALSE)` (stats). Where R stops ("not enough observations": a group
 * with fewer than 2 values; "data are essentially constant": SE < 10ε·max(|x̄|, |ȳ|)) this returns
 * NaN statistics and a warning instead.
 *
 * @example
 * ```ts
 * const r = welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]);
 * r.df; // 2523/457 = 5.52…; r.p as t.test(c(1, 2, 3, 4), c(2, 4, 6, 8, 10))$p.value
 * ```
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: WelchTTestOptions = {}): Readonly<WelchTTestResult> {
  const confLevel = options.confLevel ?? 0.95;
  const xs = Array.from(x).filter((v) => !Number.isNaN(v));
  const ys = Array.from(y).filter((v) => !Number.isNaN(v));
  const nX = xs.length;
  const nY = ys.length;
  const warnings: string[] = [];
  const meanX = mean(xs);
  const meanY = mean(ys);
  let statistic = Number.NaN;
  let df = Number.NaN;
  let p = Number.NaN;
  let stdErr = Number.NaN;
  let lower = Number.NaN;
  let upper = Number.NaN;
  if (nX < 2 || nY < 2) {
    warnings.push(`t-test not computed: not enough observations (${nX} and ${nY}; each group needs at least 2)`);
  } else {
    const vx = variance(xs) / nX;
    const vy = variance(ys) / nY;
    stdErr = Math.sqrt(vx + vy);
    if (stdErr < 10 * 2.220446049250313e-16 * Math.max(Math.abs(meanX), Math.abs(meanY))) {
      warnings.push("t-test not computed: data are essentially constant");
      stdErr = Number.NaN;
    } else {
      df = (stdErr * stdErr * stdErr * stdErr) / ((vx * vx) / (nX - 1) + (vy * vy) / (nY - 1));
      statistic = (meanX - meanY) / stdErr;
      p = 2 * tCdf(-Math.abs(statistic), df);
      const q = tQuantile(1 - (1 - confLevel) / 2, df);
      lower = meanX - meanY - q * stdErr;
      upper = meanX - meanY + q * stdErr;
    }
  }
  return Object.freeze({
    method: "Welch Two Sample t-test" as const,
    statistic,
    df,
    p,
    meanX,
    meanY,
    stdErr,
    lower,
    upper,
    nX,
    nY,
    options: { confLevel, alternative: "two.sided" as const, varEqual: false as const },
    warnings,
  });
}
