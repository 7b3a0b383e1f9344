/**
 * The propensity-score "within" approach to multiple imputation (Leyrat, Seaman, White et al. 2019, Stat
 * Methods Med Res 28:3–19, doi:10.1177/0962280217713032): on each of the m completed datasets the PS is
 * estimated, patients are matched or weighted and the outcome model is fitted; the m treatment effects are
 * then combined by Rubin's rules (pool.ts). This module does the combining — it never fits anything:
 *   - hazard ratios on the log scale, ν_com = max(events − p, 1) as mice::pool on coxph fits (p = the
 *     model's coefficients: 1 for a marginal or stratified HR, 1 + covariate columns for an adjusted one);
 *   - survival and RMST differences on the identity scale, survival ratios on the log scale, with ν_com =
 *     n − 1 as mice::pool.scalar(Q, U, n, k = 1) (White, Royston & Wood 2011, Stat Med 30:377–399, §13);
 *   - covariate balance: the SMD of each covariate term averaged over the imputations (Leyrat 2019 §2.4),
 *     with its range.
 * R: pool(as.mira(fits)) and pool.scalar() on the same completed datasets (tools/oracle/mi-within.R).
 */
import { SurvinferError } from "../errors.js";
import { poolRubin, type PooledTerm } from "./pool.js";

/** One treatment hazard ratio from one completed dataset (a HazardRatioEffect of causal/effect.ts fits). */
export interface WithinHrInput {
  readonly id: string;
  readonly label: string;
  readonly coef: number | null;
  readonly se: number | null;
  readonly n: number;
  readonly nEvents: number;
  readonly notEstimable: string | null;
}

export interface PooledRange {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export interface PooledHazardRatio {
  readonly id: string;
  readonly label: string;
  /** Rubin's rules on the log HR; null when the estimate is missing or not estimable in some completed dataset. */
  readonly pooled: PooledTerm | null;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
  /** Patients and events in the analysed (e.g. matched) sample, over the imputations. */
  readonly n: PooledRange;
  readonly nEvents: PooledRange;
  /** Why there is no pooled estimate (the completed datasets where the fit failed); null when pooled. */
  readonly notEstimable: string | null;
  /** log HR and its SE in each completed dataset (null where not estimable), for transparency. */
  readonly perImputation: readonly { readonly coef: number | null; readonly se: number | null }[];
}

function range(values: readonly number[]): PooledRange {
  let s = 0;
  for (const v of values) s += v;
  return { mean: s / values.length, min: Math.min(...values), max: Math.max(...values) };
}

function checkM(m: number, what: string): void {
  if (m < 2) throw new SurvinferError({ code: "MI_POOL_INPUT", message: `Rubin's rules need at least 2 completed datasets; ${what} has ${m}` });
}

/**
 * Pools the treatment HRs of m completed-data analyses by estimate id (ids in the first dataset's order).
 * `parameters(id)`: coefficients of that estimate's Cox model (mice's ν_com = events − p).
 */
export function poolHazardRatios(perImputation: readonly (readonly WithinHrInput[])[], parameters: (id: string) => number, confLevel = 0.95): PooledHazardRatio[] {
  checkM(perImputation.length, "the hazard-ratio table");
  return perImputation[0].map((first) => {
    const rows = perImputation.map((set) => set.find((e) => e.id === first.id));
    const failed: number[] = [];
    rows.forEach((r, k) => {
      if (r === undefined || r.coef === null || r.se === null || r.notEstimable !== null || !Number.isFinite(r.coef) || !Number.isFinite(r.se)) failed.push(k + 1);
    });
    const present = rows.filter((r): r is WithinHrInput => r !== undefined);
    const n = range(present.map((r) => r.n));
    const perImp = rows.map((r) => ({ coef: r?.coef ?? null, se: r?.se ?? null }));
    const nEvents = range(present.map((r) => r.nEvents));
    if (failed.length > 0) {
      const reason = rows.find((r) => r?.notEstimable)?.notEstimable;
      // the same reason in every dataset (e.g. too few events per parameter: the outcome is never imputed) is said once
      const everywhere = failed.length === perImputation.length && rows.every((r) => r?.notEstimable === reason);
      return {
        id: first.id, label: first.label, pooled: null, hr: null, lower: null, upper: null, p: null, n, nEvents, perImputation: perImp,
        notEstimable:
          everywhere && reason
            ? `${reason} (in all ${perImputation.length} completed datasets)`
            : failed.length === perImputation.length && perImputation.length > 2
              ? `not estimable in any of the ${perImputation.length} completed datasets${reason ? ` (dataset ${rows.findIndex((r) => r?.notEstimable === reason) + 1}: ${reason})` : ""}`
              : `not estimable in completed dataset${failed.length > 1 ? "s" : ""} ${failed.join(", ")} of ${perImputation.length}${reason ? ` (${reason})` : ""}`,
      };
    }
    const est = present.map((r) => [r.coef as number]);
    const vars = present.map((r) => [(r.se as number) ** 2]);
    const dfcom = Math.max(present[0].nEvents - parameters(first.id), 1);
    const pooled = poolRubin([first.id], est, vars, dfcom, confLevel).terms[0];
    return { id: first.id, label: first.label, pooled, hr: Math.exp(pooled.estimate), lower: Math.exp(pooled.lower), upper: Math.exp(pooled.upper), p: pooled.p, n, nEvents, notEstimable: null, perImputation: perImp };
  });
}

/** One scalar with its standard error from one completed dataset. */
export interface ScalarEstimate {
  readonly estimate: number;
  readonly se: number;
}

export type PoolScale = "identity" | "log";

/** A pooled scalar on its reporting scale: estimate and CI back-transformed from `scale`. */
export interface PooledScalarEstimate {
  readonly scale: PoolScale;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
  /** Rubin's rules on the pooling scale (log r for a ratio). */
  readonly pooled: PooledTerm;
}

/**
 * Pools one scalar over the completed datasets on `scale` (identity: differences; log: ratios, U = (SE/r)²
 * by the delta method), ν_com = n − 1 (mice::pool.scalar(Q, U, n, k = 1)).
 */
export function poolScalarEstimate(name: string, values: readonly ScalarEstimate[], n: number, scale: PoolScale, confLevel = 0.95): PooledScalarEstimate {
  checkM(values.length, name);
  const q = values.map((v) => [scale === "log" ? Math.log(v.estimate) : v.estimate]);
  const u = values.map((v) => [scale === "log" ? (v.se / v.estimate) ** 2 : v.se ** 2]);
  const pooled = poolRubin([name], q, u, Math.max(n - 1, 1), confLevel).terms[0];
  const back = scale === "log" ? Math.exp : (x: number): number => x;
  return { scale, estimate: back(pooled.estimate), lower: back(pooled.lower), upper: back(pooled.upper), p: pooled.p, pooled };
}

/** One SMD row from one completed dataset (a BalanceRow of causal/balance.ts). */
export interface WithinBalanceInput {
  readonly variable: string;
  readonly covariate: string;
  readonly level: string | null;
  readonly smd: number;
}

export interface AveragedBalanceRow {
  readonly variable: string;
  readonly covariate: string;
  readonly level: string | null;
  /** Mean SMD over the imputations where the term exists, and its range. */
  readonly smd: number;
  readonly smdMin: number;
  readonly smdMax: number;
  /** Imputations in which the term exists (a level can be absent from a completed dataset). */
  readonly m: number;
}

/** Averages each balance row's SMD over the completed datasets (rows in order of first appearance). */
export function averageBalance(perImputation: readonly (readonly WithinBalanceInput[])[]): AveragedBalanceRow[] {
  const order: string[] = [];
  const byKey = new Map<string, { row: WithinBalanceInput; smd: number[] }>();
  for (const rows of perImputation) {
    for (const r of rows) {
      let e = byKey.get(r.variable);
      if (e === undefined) {
        e = { row: r, smd: [] };
        byKey.set(r.variable, e);
        order.push(r.variable);
      }
      e.smd.push(r.smd);
    }
  }
  return order.map((key) => {
    const e = byKey.get(key)!;
    const finite = e.smd.filter((v) => Number.isFinite(v));
    const r = finite.length > 0 ? range(finite) : { mean: Number.NaN, min: Number.NaN, max: Number.NaN };
    return { variable: e.row.variable, covariate: e.row.covariate, level: e.row.level, smd: r.mean, smdMin: r.min, smdMax: r.max, m: e.smd.length };
  });
}
