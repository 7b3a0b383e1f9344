/**
 * Upper tail of the binomial distribution, P(X ≥ k) for X ~ Bin(n, p); R: pbinom(k - 1, n, p,
 * lower.tail = FALSE), or sum(dbinom(k:n, n, p)) as rbounds::binarysens writes it. Sums the
 * probability mass from k to n with log C(n, j) built up term by term (no log-gamma library needed);
 * relative accuracy about n·ε, ample for the discordant-pair counts of a matched study (n ≤ 10⁵).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1)) return Number.NaN;
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  // log C(n, k) = Σ_{j=1..k} log((n − k + j) / j)
  let logC = 0;
  for (let j = 1; j <= k; j++) logC += Math.log((n - k + j) / j);
  let sum = 0;
  for (let j = k; j <= n; j++) {
    sum += Math.exp(logC + j * lp + (n - j) * lq);
    // C(n, j + 1) = C(n, j)·(n − j)/(j + 1)
    logC += Math.log((n - j) / (j + 1));
  }
  return Math.min(1, sum);
}
