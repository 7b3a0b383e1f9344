/**
 * Rubin's rules for m completed-data analyses (Rubin 1987, Multiple Imputation for Nonresponse in Surveys,
 * ch. 3; Barnard & Rubin 1999, Biometrika 86:948–955, doi:10.1093/biomet/86.4.948), as mice 3.15.0's
 * `pool()` (rule "rubin1987") and `pool.scalar()`:
 *   Q̄ = mean(Q_l);  Ū = mean(U_l);  B = var(Q_l) (divisor m − 1);  T = Ū + (1 + 1/m) B;
 *   riv r = (1 + 1/m) B / Ū;  λ = (1 + 1/m) B / T;
 *   ν_old = (m − 1) / λ²  (λ floored at 1e-4);  ν_obs = (ν_com + 1)/(ν_com + 3) · ν_com (1 − λ);
 *   ν = ν_old ν_obs / (ν_old + ν_obs)  (ν = ν_old when ν_com = ∞);  fmi = (r + 2/(ν + 3)) / (r + 1);
 *   t = Q̄ / √T,  p = 2 P(T_ν > |t|) (ν floored at 0.001),  CI Q̄ ± t_{ν, 1−α/2} √T.
 * ν_com (mice's dfcom): df.residual for glm; nevent − p for coxph; n − k for pool.scalar.
 * Pool on a scale where the estimate is approximately normal: log hazard ratios, survival and RMST
 * differences (White, Royston & Wood 2011, Stat Med 30:377–399, §13), then transform the pooled CI.
 */
import { tCdf, tQuantile } from "../math/distributions.js";
import { SurvinferError } from "../errors.js";

export interface PooledTerm {
  readonly term: string;
  readonly m: number;
  readonly estimate: number;
  readonly ubar: number;
  readonly b: number;
  readonly t: number;
  readonly dfcom: number;
  readonly df: number;
  readonly riv: number;
  readonly lambda: number;
  readonly fmi: number;
  readonly stdError: number;
  readonly statistic: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

export interface PooledResult {
  readonly method: "rubin1987";
  readonly m: number;
  readonly confLevel: number;
  readonly terms: readonly PooledTerm[];
}

/** mice:::barnard.rubin(m, b, t, dfcom). */
export function barnardRubinDf(m: number, b: number, t: number, dfcom: number): number {
  let lambda = ((1 + 1 / m) * b) / t;
  if (lambda < 1e-4) lambda = 1e-4;
  const dfold = (m - 1) / (lambda * lambda);
  if (!Number.isFinite(dfcom)) return dfold;
  const dfobs = ((dfcom + 1) / (dfcom + 3)) * dfcom * (1 - lambda);
  return (dfold * dfobs) / (dfold + dfobs);
}

function meanVar(v: readonly number[]): { mean: number; variance: number } {
  const m = v.length;
  let s = 0;
  for (const x of v) s += x;
  const mean = s / m;
  let ss = 0;
  for (const x of v) ss += (x - mean) * (x - mean);
  return { mean, variance: m > 1 ? ss / (m - 1) : Number.NaN };
}

function check(estimates: readonly (readonly number[])[], variances: readonly (readonly number[])[], p: number): void {
  if (estimates.length < 2 || variances.length !== estimates.length) {
    throw new SurvinferError({ code: "MI_POOL_INPUT", message: `Rubin's rules need at least 2 imputations with one estimate and one variance each; got ${estimates.length} estimate sets and ${variances.length} variance sets` });
  }
  for (let l = 0; l < estimates.length; l++) {
    if (estimates[l].length !== p || variances[l].length !== p) {
      throw new SurvinferError({ code: "MI_POOL_INPUT", message: `imputation ${l + 1} has ${estimates[l].length} estimates and ${variances[l].length} variances; expected ${p}` });
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(estimates[l][j]) || !(variances[l][j] >= 0)) {
        throw new SurvinferError({ code: "MI_POOL_INPUT", message: `imputation ${l + 1}, term ${j + 1}: estimate ${estimates[l][j]} or variance ${variances[l][j]} is not usable (the model did not fit that completed dataset)` });
      }
    }
  }
}

/**
 * Pools per-imputation estimates Q_l (m × p) and their variances U_l (squared standard errors, m × p)
 * as mice::pool + summary(conf.int = TRUE). `dfcom` = ∞ gives the large-sample ν_old.
 */
export function poolRubin(terms: readonly string[], estimates: readonly (readonly number[])[], variances: readonly (readonly number[])[], dfcom: number, confLevel = 0.95): PooledResult {
  const p = terms.length;
  check(estimates, variances, p);
  const m = estimates.length;
  const a = (1 - confLevel) / 2;
  const out: PooledTerm[] = [];
  for (let j = 0; j < p; j++) {
    const q = meanVar(estimates.map((e) => e[j]));
    const u = meanVar(variances.map((v) => v[j]));
    const qbar = q.mean;
    const ubar = u.mean;
    const b = q.variance;
    const t = ubar + (1 + 1 / m) * b;
    const df = barnardRubinDf(m, b, t, dfcom);
    const riv = ((1 + 1 / m) * b) / ubar;
    const lambda = ((1 + 1 / m) * b) / t;
    const fmi = (riv + 2 / (df + 3)) / (riv + 1);
    const se = Math.sqrt(t);
    const statistic = qbar / se;
    const dfP = Math.max(df, 0.001);
    out.push({
      term: terms[j], m, estimate: qbar, ubar, b, t, dfcom, df, riv, lambda, fmi, stdError: se, statistic,
      p: 2 * tCdf(-Math.abs(statistic), dfP),
      lower: qbar + tQuantile(a, df) * se,
      upper: qbar + tQuantile(1 - a, df) * se,
    });
  }
  return { method: "rubin1987", m, confLevel, terms: out };
}

export interface PooledScalar {
  readonly m: number;
  readonly qbar: number;
  readonly ubar: number;
  readonly b: number;
  readonly t: number;
  readonly df: number;
  /** Relative increase in variance due to nonresponse. */
  readonly r: number;
  readonly fmi: number;
}

/** mice::pool.scalar(Q, U, n, k) (rule "rubin1987"): ν_com = n − k. */
export function poolScalar(q: readonly number[], u: readonly number[], n = Infinity, k = 1): PooledScalar {
  check(q.map((v) => [v]), u.map((v) => [v]), 1);
  const m = q.length;
  const qs = meanVar(q);
  const ubar = meanVar(u).mean;
  const b = qs.variance;
  const r = ((1 + 1 / m) * b) / ubar;
  const t = ubar + ((m + 1) * b) / m;
  const df = barnardRubinDf(m, b, t, n - k);
  const fmi = (r + 2 / (df + 3)) / (r + 1);
  return { m, qbar: qs.mean, ubar, b, t, df, r, fmi };
}
