/**
 * The penalised-spline term `pspline(x, df = 4)` of a Cox formula, as R's `survival::pspline` (3.5-3):
 * a cubic B-spline basis on `nterm` equal intervals of the range of x (Eilers & Marx 1996, Flexible
 * smoothing with B-splines and penalties, Statist. Sci. 11:89–121, doi:10.1214/ss/1038425655), with the
 * second-order difference penalty; the Cox fit that penalises it is src/survival/cox/penalized.ts.
 *
 * Basis: dx = (b − a)/nterm over the boundary knots [a, b] (the range of the non-missing x unless given),
 *   knots a + dx·(−degree … nterm − 1), b + dx·(0 … degree); B_j(x) = splineDesign(knots, x, degree + 1)
 *   for the nterm + degree B-splines, first column dropped (`intercept = FALSE`): nterm + degree − 1 columns
 *   named `ps(x)3`, `ps(x)4`, … as R. Outside [a, b] (new data only) f(edge) + (x − edge)·f′(edge).
 * Penalty: λ/2 βᵀPβ with P = DᵀD, D the second differences of the identity (nterm + degree columns), the
 *   first row and column dropped; λ = θ/(1 − θ).
 * Smoothness: `theta = t` fixes θ ∈ (0, 1); `df = k` (default 4) searches θ so that the term's effective
 *   df is within `eps` (0.1) of k (survival::frailty.controldf); nterm defaults to round(2.5·df) with R's
 *   round half to even. `df = 0` (AIC choice), `method`, `intercept`, `combine` and `penalty` are not
 *   supported.
 * R: `coxph(Surv(time, status) ~ pspline(x, df = 4))`.
 */
import { SurvinferError } from "../errors.js";
import { bsplineRow } from "./bspline.js";
import { deparse, type CallExpr, type Expr } from "./expr.js";

/** How the smoothing parameter is chosen: fixed θ, or θ searched for a target df (frailty.controldf). */
export type PsplineSmoothing = { readonly method: "fixed"; readonly theta: number } | { readonly method: "df"; readonly df: number; readonly eps: number };

export interface PsplineCall {
  readonly x: Expr;
  readonly nterm: number;
  readonly degree: number;
  readonly boundary?: readonly [number, number];
  readonly smoothing: PsplineSmoothing;
}

function psError(e: Expr, message: string, hint?: string): SurvinferError {
  return new SurvinferError({
    code: "FORMULA_INVALID",
    message: `${deparse(e)}: ${message}`,
    hint: hint ?? "Write e.g. pspline(age), pspline(age, df = 3), pspline(age, theta = 0.9) or pspline(age, df = 4, nterm = 8)",
  });
}

/** R's round(x) for the nterm default: half to even (round(12.5) = 12). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const ARGUMENTS = ["df", "theta", "nterm", "degree", "eps"] as const;

function numberArg(e: CallExpr, a: Expr, name: string): number[] {
  if (a.kind === "number") return [a.value];
  if (a.kind === "unary" && a.op === "-" && a.arg.kind === "number") return [-a.arg.value];
  if (a.kind === "call" && a.fn === "c" && a.args.length > 0) return a.args.flatMap((b) => numberArg(e, b, name));
  throw psError(e, `${name} must be a number, got ${deparse(a)}`);
}

/** Reads pspline(x, df, theta, nterm, degree, eps, Boundary.knots = c(a, b)) with R's positional order and checks. */
export function psplineCall(e: CallExpr): PsplineCall {
  const names = e.argNames ?? e.args.map(() => undefined);
  if (e.args.length === 0 || names[0] !== undefined) throw psError(e, "the first argument must be the covariate");
  const given = new Map<string, number[]>();
  e.args.slice(1).forEach((a, k) => {
    const name = names[k + 1] ?? ARGUMENTS[k];
    if (name === "method" || name === "intercept" || name === "combine" || name === "penalty") {
      throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: `${deparse(e)}: the ${name} argument of pspline() is not supported`, hint: "use df, theta, nterm, degree, eps or Boundary.knots" });
    }
    if (name === undefined || !([...ARGUMENTS, "Boundary.knots"] as string[]).includes(name)) {
      throw psError(e, name === undefined ? "too many arguments to pspline()" : `unknown argument ${name} of pspline()`);
    }
    if (given.has(name)) throw psError(e, `argument ${name} given twice`);
    given.set(name, numberArg(e, a, name));
  });
  const one = (name: string): number | undefined => {
    const v = given.get(name);
    if (v === undefined) return undefined;
    if (v.length !== 1 || !Number.isFinite(v[0])) throw psError(e, `${name} must be one finite number`);
    return v[0];
  };
  const df = one("df") ?? 4;
  const theta = one("theta");
  const eps = one("eps") ?? 0.1;
  if (!(eps > 0)) throw psError(e, "eps must be positive");
  const degree = one("degree") ?? 3;
  if (!Number.isInteger(degree) || degree < 1) throw psError(e, "degree must be a whole number ≥ 1");
  let smoothing: PsplineSmoothing;
  if (theta !== undefined) {
    if (theta <= 0 || theta >= 1) throw psError(e, `theta must lie strictly between 0 and 1, got ${theta}`);
    smoothing = { method: "fixed", theta };
  } else {
    if (df === 0) {
      throw new SurvinferError({ code: "FORMULA_UNSUPPORTED", message: `${deparse(e)}: df = 0 (smoothness chosen by AIC) is not supported`, hint: "give the degrees of freedom, e.g. pspline(x, df = 4), or theta" });
    }
    if (df <= 1) throw psError(e, `too few degrees of freedom (df = ${df}); df must be greater than 1`);
    smoothing = { method: "df", df, eps };
  }
  const ntermRaw = one("nterm") ?? 2.5 * df;
  // R checks df against nterm before rounding it
  if (smoothing.method === "df" && df > ntermRaw) throw psError(e, `nterm = ${ntermRaw} is too small for df = ${df}`, "give nterm at least df");
  const nterm = roundHalfEven(ntermRaw);
  if (nterm < 3) throw psError(e, `too few basis functions (nterm = ${nterm}); nterm must be at least 3`);
  const b = given.get("Boundary.knots");
  if (b !== undefined && (b.length !== 2 || !(b[0] < b[1]) || !b.every(Number.isFinite))) throw psError(e, "Boundary.knots must be c(lower, upper) with lower < upper");
  return { x: e.args[0], nterm, degree, ...(b !== undefined ? { boundary: [b[0], b[1]] as const } : {}), smoothing };
}

/** All knots of the P-spline basis: a + dx·(−degree … nterm − 1), b + dx·(0 … degree). */
export function psplineKnots(boundary: readonly [number, number], nterm: number, degree: number): number[] {
  const [a, b] = boundary;
  const dx = (b - a) / nterm;
  const knots: number[] = [];
  for (let k = -degree; k <= nterm - 1; k++) knots.push(a + dx * k);
  for (let k = 0; k <= degree; k++) knots.push(b + dx * k);
  return knots;
}

/**
 * The P-spline basis columns at x (NaN where x is missing), the first B-spline dropped; linear
 * extrapolation f(edge) + (x − edge) f′(edge) outside the boundary knots, as pspline().
 */
export function psplineColumns(x: Float64Array, knots: readonly number[], boundary: readonly [number, number], degree: number): Float64Array[] {
  const ord = degree + 1;
  const nb = knots.length - ord;
  const cols = Array.from({ length: nb - 1 }, () => new Float64Array(x.length));
  const edge = (b: number): [Float64Array, Float64Array] => [bsplineRow(knots, ord, b, 0), bsplineRow(knots, ord, b, 1)];
  const lo = edge(boundary[0]);
  const hi = edge(boundary[1]);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    let row: Float64Array;
    if (Number.isNaN(v)) row = new Float64Array(nb).fill(Number.NaN);
    else if (v < boundary[0] || v > boundary[1]) {
      const [f, d] = v < boundary[0] ? lo : hi;
      const h = v - (v < boundary[0] ? boundary[0] : boundary[1]);
      row = f.map((fj, j) => fj + h * d[j]);
    } else row = bsplineRow(knots, ord, v);
    for (let j = 1; j < nb; j++) cols[j - 1][i] = row[j];
  }
  return cols;
}

/** R's column names of a pspline term: ps(x)3, ps(x)4, … (1 + 2:nvar). */
export function psplineColumnNames(xName: string, nCols: number): string[] {
  return Array.from({ length: nCols }, (_, j) => `ps(${xName})${j + 3}`);
}

/**
 * The penalty matrix P = DᵀD of a pspline term with `nCols` columns (after the first was dropped):
 * D the second differences of the identity of order nCols + 1; row-major nCols × nCols.
 */
export function psplinePenaltyMatrix(nCols: number): Float64Array {
  const m = nCols + 1;
  const full = new Float64Array(m * m);
  for (let r = 0; r + 2 < m; r++) {
    // row r of D: e_r − 2 e_{r+1} + e_{r+2}
    const d: [number, number][] = [
      [r, 1],
      [r + 1, -2],
      [r + 2, 1],
    ];
    for (const [i, a] of d) for (const [j, b] of d) full[i * m + j] += a * b;
  }
  const out = new Float64Array(nCols * nCols);
  for (let i = 0; i < nCols; i++) for (let j = 0; j < nCols; j++) out[i * nCols + j] = full[(i + 1) * m + (j + 1)];
  return out;
}

/**
 * print.coxph.penal's regressor of the linear trend: the centres cbase_j = knots[j + 1] + (a − knots[1])
 * (R's 1-based knots[2:nvar]), one per column.
 */
export function psplineCentres(knots: readonly number[], boundary: readonly [number, number], nCols: number): number[] {
  return Array.from({ length: nCols }, (_, j) => knots[j + 1] + (boundary[0] - knots[0]));
}
