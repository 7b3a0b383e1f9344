/**
 * Propensity-score logistic regression with the data in a database: IRLS exactly as R's glm.fit (binomial, logit
 * link; src/regression/logistic.ts) where each iteration's XᵀWX and XᵀWz — and the deviance at the current β —
 * come from one aggregate query, and the p × p solve is done in JavaScript:
 *   μ⁽⁰⁾ = (w y + ½)/(w + 1); then at η = Xβ: μ = logit⁻¹(η) (η clamped to ±30 as family.c), μ′ = dμ/dη (≥ ε),
 *   W = w μ′²/(μ(1 − μ)), z = η + (y − μ)/μ′, β ← (XᵀWX)⁻¹ XᵀWz; stop when |D − D_old|/(|D| + 0.1) < 1e-8
 *   (at most 25 iterations); Var(β̂) = (XᵀWX)⁻¹ with W of the last iteration (summary.glm, dispersion 1).
 * Reference: McCullagh & Nelder (1989), Generalized Linear Models §2.5, doi:10.1007/978-1-4899-3242-6.
 * R: `glm(treated ~ x1 + x2, family = binomial, weights = w)`. Deliberate difference from the in-memory
 * fitter: the normal equations are solved by LDLᵀ instead of R's pivoted QR (the same β to rounding for a
 * well-conditioned design; an aliased column stops with MODEL_SINGULAR instead of getting NA).
 */
import { SurvinferError } from "../errors.js";
import { normalTwoSidedP } from "../math/distributions.js";
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlInverse, ldlSolve, toRows } from "../math/linalg.js";
import { DBL_EPSILON } from "../regression/logit-link.js";
import type { LogisticCoefficient, LogisticResult } from "../regression/logistic.js";
import { toNumber, type SqlEngine } from "./engine.js";
import { sqlNumber } from "./cox-sums.js";
import { requireSqlColumn, type SqlSource } from "./source.js";

export interface SqlLogisticSpec {
  /** The 0/1 outcome (treatment) column; with `treatedValue`, any column where that value means 1. */
  readonly outcome: string;
  readonly treatedValue?: string;
  /** Numeric covariate columns (an intercept is added). */
  readonly covariates: readonly string[];
  readonly weights?: string;
}

/** The in-database fit: LogisticResult without the per-row vectors and AIC-type extras. */
export type SqlLogisticFit = Pick<LogisticResult, "method" | "n" | "columnNames" | "coefficients" | "coef" | "vcov" | "deviance" | "nullDeviance" | "dfResidual" | "dfNull" | "rank" | "convergence" | "warnings">;

const INVEPS = 1 / DBL_EPSILON;

/** SQL of μ, μ′ at η (family.c's clamps), as expressions of the column `eta`. */
function linkSql(): { mu: string; muEta: string } {
  const e = "EXP(eta)";
  return {
    mu: `CASE WHEN eta < -30 THEN ${DBL_EPSILON} / (1 + ${DBL_EPSILON}) WHEN eta > 30 THEN ${INVEPS} / (1 + ${INVEPS}) ELSE ${e} / (1 + ${e}) END`,
    muEta: `CASE WHEN eta > 30 OR eta < -30 THEN ${DBL_EPSILON} ELSE ${e} / ((1 + ${e}) * (1 + ${e})) END`,
  };
}

/** Fits the model inside `engine`; columns must be numeric (0/1 dummies for categories). */
export async function logisticSql(engine: SqlEngine, source: SqlSource, spec: SqlLogisticSpec, control: { epsilon?: number; maxit?: number } = {}): Promise<SqlLogisticFit> {
  const q = engine.dialect;
  const dbl = q.double;
  const epsilon = control.epsilon ?? 1e-8;
  const maxit = control.maxit ?? 25;
  const where = source.file ?? source.label;
  const yKind = requireSqlColumn(source, spec.outcome, "the treatment");
  for (const c of spec.covariates) {
    const k = requireSqlColumn(source, c, "a covariate");
    if (k !== "numeric") throw new SurvinferError({ code: "DATA_NOT_NUMERIC", file: where, column: c, message: `covariate "${c}" must be numeric in the database engines`, hint: "code categories as 0/1 columns in the query (CASE WHEN ... THEN 1 ELSE 0 END)" });
  }
  const Y = q.ident(spec.outcome);
  const y =
    spec.treatedValue !== undefined
      ? `CASE WHEN CAST(${Y} AS ${q.text}) = ${q.literal(spec.treatedValue)} THEN 1 ELSE 0 END`
      : yKind === "numeric"
        ? `CAST(${Y} AS ${dbl})`
        : (() => {
            throw new SurvinferError({ code: "DATA_BAD_STATUS", file: where, column: spec.outcome, message: `the treatment column "${spec.outcome}" is text`, hint: "say which value means treated (treatedValue)" });
          })();
  const cols = [spec.outcome, ...spec.covariates, ...(spec.weights ? [spec.weights] : [])];
  const complete = cols.map((c) => `${q.ident(c)} IS NOT NULL`).join(" AND ");
  const x = ["1", ...spec.covariates.map((c) => `CAST(${q.ident(c)} AS ${dbl})`)];
  const names = ["(Intercept)", ...spec.covariates];
  const p = x.length;
  const W = spec.weights ? `CAST(${q.ident(spec.weights)} AS ${dbl})` : `CAST(1 AS ${dbl})`;
  const withD = `WITH src AS (${source.select}), d AS (SELECT ${y} AS y, ${W} AS w, ${x.map((e, j) => `${e} AS x${j}`).join(", ")} FROM src WHERE ${complete})`;

  const stats = (await engine.query(`${withD} SELECT CAST(COUNT(*) AS ${dbl}), CAST(SUM(w) AS ${dbl}), CAST(SUM(w * y) AS ${dbl}), MIN(y), MAX(y), MIN(w) FROM d`)).rows[0].map((v) => toNumber(v) ?? Number.NaN);
  const [n, sw, swy, minY, maxY, minW] = stats;
  if (!(n > 0)) throw new SurvinferError({ code: "DATA_NO_ROWS", file: where, message: "no complete rows for the propensity model" });
  if (minY < 0 || maxY > 1) throw new SurvinferError({ code: "DATA_INVALID_STATUS", file: where, column: spec.outcome, value: String(minY < 0 ? minY : maxY), message: "the treatment must be 0/1" });
  if (!(minW >= 0)) throw new SurvinferError({ code: "DATA_BAD_WEIGHT", file: where, column: spec.weights, value: String(minW), message: "weights must be finite and ≥ 0" });

  const { mu, muEta } = linkSql();
  const pass = async (beta: Float64Array | null): Promise<{ dev: number; xwx: Float64Array; xwz: Float64Array }> => {
    const eta = beta === null ? `LN(((w * y + 0.5) / (w + 1)) / (1 - (w * y + 0.5) / (w + 1)))` : x.map((_, j) => `${sqlNumber(beta[j])} * x${j}`).join(" + ");
    const agg: string[] = ["SUM(2 * w * (CASE WHEN y <> 0 THEN y * LN(y / mu) ELSE 0 END + CASE WHEN 1 - y <> 0 THEN (1 - y) * LN((1 - y) / (1 - mu)) ELSE 0 END))"];
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) agg.push(`SUM(wt * x${i} * x${j})`);
    for (let i = 0; i < p; i++) agg.push(`SUM(wt * x${i} * z)`);
    const sql =
      `${withD}, e AS (SELECT y, w, ${x.map((_, j) => `x${j}`).join(", ")}, ${eta} AS eta FROM d), ` +
      `m AS (SELECT *, ${mu} AS mu, ${muEta} AS me FROM e), ` +
      `r AS (SELECT *, CASE WHEN w > 0 THEN w * me * me / (mu * (1 - mu)) ELSE 0 END AS wt, eta + (y - mu) / me AS z FROM m) ` +
      `SELECT ${agg.map((a) => `CAST(${a} AS ${dbl})`).join(", ")} FROM r`;
    const row = (await engine.query(sql)).rows[0].map((v) => toNumber(v) ?? Number.NaN);
    const xwx = new Float64Array(p * p);
    let k = 1;
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) xwx[i * p + j] = xwx[j * p + i] = row[k++];
    return { dev: row[0], xwx, xwz: Float64Array.from(row.slice(k, k + p)) };
  };

  let cur = await pass(null);
  let devold = cur.dev;
  let beta: Float64Array = new Float64Array(p);
  let used = cur.xwx;
  let conv = false;
  let iter = 0;
  let dev = devold;
  for (iter = 1; iter <= maxit; iter++) {
    const f = ldlDecompose(Float64Array.from(cur.xwx), p, CHOLESKY_TOLERANCE);
    if (f.rank < p) throw new SurvinferError({ code: "MODEL_SINGULAR", file: where, message: `the propensity-model covariates are collinear (rank ${f.rank} of ${p})`, hint: "drop a covariate that is a combination of the others" });
    beta = ldlSolve(f, cur.xwz);
    used = cur.xwx;
    cur = await pass(beta);
    dev = cur.dev;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      conv = true;
      break;
    }
    devold = dev;
  }
  if (iter > maxit) iter = maxit;
  const cov = ldlInverse(ldlDecompose(Float64Array.from(used), p, CHOLESKY_TOLERANCE));
  const warnings: string[] = conv ? [] : [`glm.fit: algorithm did not converge in ${maxit} iterations`];
  const coefficients: LogisticCoefficient[] = names.map((name, j) => {
    const se = Math.sqrt(cov[j * p + j]);
    const z = beta[j] / se;
    return { name, estimate: beta[j], se, z, p: normalTwoSidedP(z), aliased: false };
  });
  const m = swy / sw;
  const swn = sw - swy;
  const nullDeviance = 2 * (swy > 0 ? swy * Math.log(1 / m) : 0) + 2 * (swn > 0 ? swn * Math.log(1 / (1 - m)) : 0);
  return {
    method: "glm-binomial-logit",
    n,
    columnNames: names,
    coefficients,
    coef: Array.from(beta),
    vcov: toRows(cov, p),
    deviance: dev,
    nullDeviance,
    dfResidual: n - p,
    dfNull: n - 1,
    rank: p,
    convergence: { iterations: iter, converged: conv, boundary: false },
    warnings,
  };
}
