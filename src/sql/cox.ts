/**
 * Cox proportional-hazards regression with the data in a database: Newton–Raphson in JavaScript, where each
 * iteration's per-time sums of w·exp(xβ), w·x·exp(xβ), w·x·xᵀ·exp(xβ) (and the tied-death sums Efron needs)
 * come from one GROUP BY in the engine (cox-sums.ts). Everything else follows the in-memory fitter
 * (src/survival/cox/fit.ts, R survival::coxph 3.5-3) step by step: coxph's centring and scaling, β from 0,
 * step-halving while ℓ falls, convergence when |1 − ℓ_old/ℓ_new| ≤ eps (1e-9), at most 20 iterations,
 * Cholesky (LDLᵀ) with toler.chol, the "may be infinite" check, LR / Wald / score tests.
 * R: `survival::coxph(Surv(time, status) ~ x1 + factor(x2) + strata(s), data, weights = w, ties = "efron")`.
 *
 * The robust (sandwich) variance (with --robust, or R's default with non-integer weights) comes from one more
 * aggregate query at β̂ and one at β = 0 (cox-robust.ts). Deliberate differences from the in-memory result (same
 * type otherwise): no concordance and no per-row linear predictors — each needs every row back in JavaScript
 * (`concordance: null`); no cluster().
 */
import { SurvinferError } from "../errors.js";
import { chisqSf, normalQuantile, normalTwoSidedP } from "../math/distributions.js";
import { CHOLESKY_TOLERANCE, ldlDecompose, ldlInverse, ldlSolve, quadFormInverse, toRows, type LdlFactor } from "../math/linalg.js";
import type { CoxResult, CoxTerm, CoxTest, CoxTies } from "../survival/cox/types.js";
import { toNumber, type SqlEngine } from "./engine.js";
import { coxBlocks, coxEvaluateBlocks, coxSumsQuery, type CoxBlocks, type CoxEvaluation } from "./cox-sums.js";
import { coxResidualMomentsQuery, hazardPieces, scoreOuterProduct } from "./cox-robust.js";
import { coxDesign, coxFormulaColumns } from "./cox-design.js";
import type { SqlSource } from "./source.js";
import { keyLabel, survivalRelation } from "./survival-columns.js";
import type { StatusCoding } from "../formula/surv-status.js";

/** The in-database fit: CoxResult without what needs every row (see the header). */
export type SqlCoxFit = Omit<CoxResult, "concordance" | "linearPredictors"> & { readonly concordance: null; readonly engine: string };

export interface SqlCoxOptions {
  readonly ties?: CoxTies;
  readonly weights?: string;
  readonly robust?: boolean;
  readonly confLevel?: number;
  readonly eps?: number;
  readonly iterMax?: number;
  readonly timefix?: boolean;
  readonly reference?: Readonly<Record<string, string>>;
}

export interface SqlCoxResult {
  readonly formula: string;
  readonly fit: SqlCoxFit;
  readonly statusCoding: StatusCoding;
  /** Rows dropped for a missing value. */
  readonly nDropped: number;
  readonly warnings: string[];
}

function chisqTest(statistic: number, df: number): CoxTest {
  return { statistic, df, p: df > 0 ? chisqSf(statistic, df) : Number.NaN };
}

interface NewtonResult {
  beta: Float64Array;
  loglik: [number, number];
  sctest: number;
  u: Float64Array;
  imatInv: Float64Array;
  rank: number;
  iterations: number;
  converged: boolean;
  notFinite: string | null;
}

const hasNonFinite = (a: ArrayLike<number>): boolean => Array.prototype.some.call(a, (v: number) => !Number.isFinite(v));

/** coxfit6.c's Newton–Raphson (the right-censored branch of src/survival/cox/fit.ts), with an asynchronous ℓ, U, I. */
async function newton(evaluate: (beta: Float64Array) => Promise<CoxEvaluation>, p: number, eps: number, iterMax: number, toler: number): Promise<NewtonResult> {
  let beta = new Float64Array(p);
  let ev = await evaluate(beta);
  const ll0 = ev.loglik;
  let ll1 = ll0;
  let f: LdlFactor = ldlDecompose(Float64Array.from(ev.imat), p, toler);
  const step0 = ldlSolve(f, ev.u);
  let sctest = 0;
  for (let i = 0; i < p; i++) sctest += ev.u[i] * step0[i];
  if (iterMax === 0 || !Number.isFinite(ll0)) {
    return { beta, loglik: [ll0, ll0], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: 0, converged: iterMax === 0, notFinite: Number.isFinite(ll0) ? null : "log-likelihood" };
  }
  const newbeta = new Float64Array(p);
  for (let i = 0; i < p; i++) newbeta[i] = beta[i] + step0[i];
  let halving = 0;
  let notFinite: string | null = null;
  for (let iter = 1; iter <= iterMax; iter++) {
    ev = await evaluate(newbeta);
    const newlk = ev.loglik;
    f = ldlDecompose(Float64Array.from(ev.imat), p, toler);
    notFinite = null;
    if (hasNonFinite(ev.u)) notFinite = "score";
    let upperBad = false;
    for (let i = 0; i < p; i++) for (let j = i; j < p; j++) if (!Number.isFinite(ev.imat[i * p + j])) upperBad = true;
    if (upperBad) notFinite = "information matrix";
    if (!Number.isFinite(newlk)) notFinite = "log-likelihood";
    if (notFinite === null && Math.abs(1 - ll1 / newlk) <= eps) {
      return { beta: newbeta, loglik: [ll0, newlk], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: iter, converged: true, notFinite: null };
    }
    if (notFinite !== null || newlk < ll1) {
      halving++;
      for (let i = 0; i < p; i++) newbeta[i] = (newbeta[i] + halving * beta[i]) / (halving + 1);
    } else {
      halving = 0;
      ll1 = newlk;
      const step = ldlSolve(f, ev.u);
      beta = Float64Array.from(newbeta);
      for (let i = 0; i < p; i++) newbeta[i] = newbeta[i] + step[i];
    }
  }
  if (iterMax > 1) {
    ev = await evaluate(beta);
    ll1 = ev.loglik;
    f = ldlDecompose(Float64Array.from(ev.imat), p, toler);
  }
  return { beta, loglik: [ll0, ll1], sctest, u: Float64Array.from(ev.u), imatInv: ldlInverse(f), rank: f.rank, iterations: iterMax, converged: false, notFinite };
}

/** Fits `formula` to `source` inside `engine` (see the header). */
export async function coxphSql(engine: SqlEngine, source: SqlSource, formula: string, options: SqlCoxOptions = {}): Promise<SqlCoxResult> {
  const ties: CoxTies = options.ties ?? "efron";
  const eps = options.eps ?? 1e-9;
  const iterMax = options.iterMax ?? 20;
  const tolerChol = CHOLESKY_TOLERANCE;
  const tolerInf = Math.sqrt(eps);
  const confLevel = options.confLevel ?? 0.95;
  const timefix = options.timefix ?? true;
  const cols = coxFormulaColumns(formula);
  const rel = await survivalRelation(engine, source, { time: cols.time, event: cols.status, strata: cols.strata, weights: options.weights, covariates: cols.terms.map((t) => t.column), reference: options.reference });
  const robust = options.robust ?? rel.nonIntegerWeights;
  const design = await coxDesign(engine, source, rel, cols, options.reference);
  const p = design.columns.length;
  const dbl = engine.dialect.double;
  const where = source.file ?? source.label;

  // coxph's centring and scaling (src/survival/cox/prepare.ts centringAndScale): weighted mean, Σw / Σw|x − x̄|,
  // neither for a column whose values are all in {−1, 0, 1}
  const s1 = ["COUNT(*)", "SUM(w)", "SUM(s)", "MIN(w)"];
  for (const c of design.columns) s1.push(`SUM(w * (${c}))`, `MIN(CASE WHEN (${c}) IN (-1, 0, 1) THEN 1 ELSE 0 END)`, `SUM(CASE WHEN ${engine.dialect.isInfinite(`(${c})`)} THEN 1 ELSE 0 END)`);
  const st = (await engine.query(`${rel.with} SELECT ${s1.map((x) => `CAST(${x} AS ${dbl})`).join(", ")} FROM d`)).rows[0].map((v) => toNumber(v) ?? Number.NaN);
  const [n, totalW, nEvent, minW] = st;
  if (!(minW > 0)) {
    throw new SurvinferError({ code: "DATA_BAD_WEIGHT", file: where, column: options.weights, value: String(minW), message: "case weights must be positive and finite", hint: "drop the rows or fix their weights" });
  }
  if (nEvent === 0) throw new SurvinferError({ code: "COX_NO_EVENTS", file: where, message: `no events among the ${n} rows of the model`, hint: "a Cox model needs at least one event; check the status column and the query" });
  const means = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  const center: boolean[] = [];
  for (let j = 0; j < p; j++) {
    if (st[4 + 3 * j + 2] > 0) throw new SurvinferError({ code: "DATA_INVALID", file: where, column: design.columnNames[j], message: "covariate is not finite", hint: "drop rows with infinite covariates" });
    center.push(st[4 + 3 * j + 1] !== 1);
    if (center[j]) means[j] = st[4 + 3 * j] / totalW;
  }
  if (center.some((c) => c)) {
    const s2 = design.columns.map((c, j) => (center[j] ? `CAST(SUM(w * ABS((${c}) - ${means[j] < 0 ? `(${means[j]})` : means[j]})) AS ${dbl})` : `CAST(0 AS ${dbl})`));
    const abs = (await engine.query(`${rel.with} SELECT ${s2.join(", ")} FROM d`)).rows[0].map((v) => toNumber(v) ?? 0);
    for (let j = 0; j < p; j++) if (center[j]) scale[j] = abs[j] > 0 ? totalW / abs[j] : 1;
  }

  const strataIndex = (key: unknown): number => (rel.strata === undefined ? 0 : (rel.strata.index.get(keyLabel(key as string | number)) ?? 0));
  const blocksAt = (beta: ArrayLike<number>): Promise<CoxBlocks> => coxBlocks(engine, coxSumsQuery(rel, design.columns, means, scale, beta, dbl), p, strataIndex, timefix);
  const evaluate = async (beta: Float64Array): Promise<CoxEvaluation> => coxEvaluateBlocks(await blocksAt(beta), ties === "efron");
  /** Σ w² L Lᵀ on the covariate (x) scale at internal β (cox-robust.ts). */
  const outerAt = async (betaInternal: ArrayLike<number>): Promise<{ dd: Float64Array; blocks: CoxBlocks }> => {
    const blocks = await blocksAt(betaInternal);
    const pieces = hazardPieces(blocks, ties === "efron");
    const ddz = await scoreOuterProduct(engine, coxResidualMomentsQuery(rel, design.columns, means, scale, betaInternal, dbl), p, pieces, strataIndex, blocks.timeOf);
    const dd = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) dd[i * p + j] = ddz[i * p + j] / (scale[i] * scale[j]);
    return { dd, blocks };
  };
  const nr = await newton(evaluate, p, eps, iterMax, tolerChol);

  // back to the covariate scale; then as fitPrepared (src/survival/cox/fit.ts) without the row-level parts
  const beta = new Float64Array(p);
  const u = new Float64Array(p);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    beta[i] = nr.beta[i] * scale[i];
    u[i] = nr.u[i] / scale[i];
    for (let j = 0; j < p; j++) v[i * p + j] = nr.imatInv[i * p + j] * scale[i] * scale[j];
  }
  const singular: boolean[] = [];
  for (let j = 0; j < p; j++) singular.push(nr.rank < p && v[j * p + j] === 0);
  const warnings: string[] = [];
  if (nr.notFinite !== null && !nr.converged) warnings.push(`the ${nr.notFinite} was not finite during the iterations`);
  if (iterMax > 1) {
    if (!nr.converged) warnings.push(`Ran out of iterations (${iterMax}) and did not converge`);
    else {
      for (let j = 0; j < p; j++) {
        if (singular[j]) continue;
        let infs = 0;
        for (let l = 0; l < p; l++) infs += u[l] * v[l * p + j];
        infs = Math.abs(infs);
        if (!Number.isFinite(u[j]) || (infs > eps && infs > tolerInf * Math.abs(beta[j]))) {
          warnings.push(
            `coefficient for "${design.columnNames[j]}" may be infinite: the partial likelihood converged before this coefficient did (monotone likelihood, e.g. no events in one group); consider Firth's penalised likelihood (R: coxphf)`,
          );
        }
      }
    }
  }
  for (let j = 0; j < p; j++) if (singular[j]) warnings.push(`covariate "${design.columnNames[j]}" is collinear with the others and was dropped (coefficient NA in R)`);

  // robust variance V (Σ w² L Lᵀ) V and the robust score test at β = 0, as fitPrepared/sandwich do
  let varUsed: Float64Array = v;
  let naiveVar: Float64Array | null = null;
  let robustScore: CoxTest | null = null;
  const nCoef = singular.filter((x) => !x).length;
  if (robust && nCoef > 0) {
    naiveVar = v;
    const { dd } = await outerAt(nr.beta);
    varUsed = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let sum = 0;
        for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) sum += v[a * p + i] * dd[a * p + b] * v[b * p + j];
        varUsed[i * p + j] = sum;
      }
    }
    const zero = await outerAt(new Float64Array(p));
    const u0z = coxEvaluateBlocks(zero.blocks, ties === "efron").u;
    const u0 = Float64Array.from(u0z, (x, j) => x / scale[j]);
    robustScore = chisqTest(quadFormInverse(zero.dd, p, u0, tolerChol).value, nCoef);
  }
  const keep: number[] = [];
  for (let j = 0; j < p; j++) if (!singular[j]) keep.push(j);
  const k = keep.length;
  const vk = new Float64Array(k * k);
  const bk = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    bk[a] = beta[keep[a]];
    for (let b = 0; b < k; b++) vk[a * k + b] = varUsed[keep[a] * p + keep[b]];
  }
  const wald = k === 0 ? chisqTest(Number.NaN, 0) : hasNonFinite(bk) || hasNonFinite(vk) ? chisqTest(Number.NaN, k) : chisqTest(quadFormInverse(vk, k, bk, tolerChol).value, k);
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const terms: CoxTerm[] = [];
  const coef: (number | null)[] = [];
  for (let j = 0; j < p; j++) {
    const name = design.columnNames[j];
    if (singular[j]) {
      coef.push(null);
      terms.push({ name, coef: null, hr: null, se: null, robustSe: null, z: null, p: null, lower: null, upper: null });
      continue;
    }
    const b = beta[j];
    const se = Math.sqrt(v[j * p + j]);
    const robustSe = naiveVar ? Math.sqrt(varUsed[j * p + j]) : null;
    const seUsed = robustSe ?? se;
    const z = b / seUsed;
    coef.push(b);
    terms.push({ name, coef: b, hr: Math.exp(b), se, robustSe, z, p: normalTwoSidedP(z), lower: Math.exp(b - zq * seUsed), upper: Math.exp(b + zq * seUsed) });
  }
  const fit: SqlCoxFit = {
    schemaVersion: 1,
    method: "coxph",
    n,
    nEvent,
    columnNames: [...design.columnNames],
    terms,
    coef,
    var: toRows(varUsed, p),
    naiveVar: naiveVar ? toRows(naiveVar, p) : null,
    loglik: nr.loglik,
    tests: { lr: chisqTest(2 * (nr.loglik[1] - nr.loglik[0]), k), wald, score: chisqTest(nr.sctest, k), robustScore },
    concordance: null,
    iterations: nr.iterations,
    converged: nr.converged,
    means: Array.from(means),
    options: { ties, eps, iterMax, tolerChol, tolerInf, robust, confLevel, timefix, counting: false },
    warnings,
    engine: engine.name,
  };
  return { formula, fit, statusCoding: rel.statusCoding, nDropped: rel.nRows - rel.nUsed, warnings: [...rel.warnings, ...warnings] };
}
