/**
 * The χ² upper tail, from stdlib-js, computed directly (the regularised upper
 * incomplete gamma), not as 1 - cdf, so small p-values keep their digits as R's
 * pchisq(lower.tail = FALSE) does. Its own module so that the log-rank test loads only this
 * package (distributions.ts gathers every distribution; issue 18).
 */
import gammainc from "@stdlib/math-base-special-gammainc";

/** Upper tail of χ²(df): P(X > x) = Q(df/2, x/2); R: pchisq(x, df, lower.tail = FALSE). */
export function chisqSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

