/**
 * Spline terms of a formula: `rcs(x, k)` (restricted cubic spline, rms 6.5.0), `ns(x, df)` (natural
 * cubic spline, splines::ns) and `bs(x, df)` (B-spline, splines::bs). A term's basis parameters (knots,
 * boundary knots) are computed once from the model's data and kept in the model matrix (`bases`), so
 * new data are evaluated with the training knots, as R's `makepredictcall` does.
 *
 * rcs — Harrell's restricted cubic spline (Hmisc::rcspline.eval, norm = 2, inclx = TRUE):
 *   columns x and, for j = 1..k−2 with τ = (t_k − t_1)^{2/3},
 *   (x − t_j)₊³/τ³ − [(t_k − t_j)(x − t_{k−1})₊³ − (t_{k−1} − t_j)(x − t_k)₊³] / ((t_k − t_{k−1}) τ³).
 *   Default knots: quantiles (type 7) at 0.10/0.50/0.90 (k = 3), 0.05..0.95 equally spaced (k = 4..6),
 *   0.025..0.975 (k ≥ 7), with the outer knots moved to the 5th smallest/largest value when n < 100,
 *   and rcspline.eval's rule for heavily tied extremes (fractied = 0.05). Harrell 2015, Regression
 *   Modeling Strategies, §2.4.5. R: `rms::rcs(x, k)`.
 * ns — B-spline basis of order 4 on knots (boundary ×4, interior), projected onto the null space of
 *   the second derivatives at the boundary knots through Qᵀ of the QR decomposition (LINPACK dqrdc2,
 *   Householder; qr.qty) and without the intercept column; linear beyond the boundary knots. R: `splines::ns`.
 * bs — B-spline basis of degree d without the first column; Taylor extrapolation outside. R: `splines::bs`.
 */
import { SurvinferError } from "../errors.js";
import { bsplineRow } from "./bspline.js";
import { deparse, type CallExpr, type Expr } from "./expr.js";
import { formatRNumber } from "./format-number.js";
import { psplineCall, psplineCentres, psplineColumnNames, psplineColumns, psplineKnots, type PsplineCall, type PsplineSmoothing } from "./pspline.js";

export const SPLINE_FUNCTIONS = new Set(["rcs", "ns", "bs", "pspline"]);

export type SplineKind = "rcs" | "ns" | "bs" | "pspline";

/** What a pspline() term carries besides its knots: the basis size, smoothing rule and the centres of its linear test. */
export interface PsplineBasisInfo {
  readonly nterm: number;
  readonly smoothing: PsplineSmoothing;
  /** print.coxph.penal's regressor of the linear trend, one per column. */
  readonly centres: readonly number[];
}

/** The basis of one spline term, fixed by the training data (R's `predvars`). */
export interface SplineBasis {
  readonly kind: SplineKind;
  /** rcs: all knots; ns and bs: interior knots; pspline: all knots of the B-spline basis (equally spaced). */
  readonly knots: readonly number[];
  /** ns and bs: the boundary knots (training range unless given). */
  readonly boundary?: readonly [number, number];
  /** bs: polynomial degree (3 = cubic). */
  readonly degree?: number;
  /** Column-name suffixes appended to the term label (`rcs(age, 4)age'`, `ns(age, df = 3)1`). */
  readonly suffixes: readonly string[];
  /** Which columns are non-linear (rms: all but the first for rcs; all for ns/bs). */
  readonly nonlinear: readonly boolean[];
  /** Whole column names when R does not name them label + suffix (pspline: `ps(age)3`, …). */
  readonly columnNames?: readonly string[];
  /** pspline only: basis size, smoothing and the linear-test centres; the Cox fit penalises these columns. */
  readonly pspline?: PsplineBasisInfo;
  readonly warnings: readonly string[];
}

interface SplineCall {
  readonly kind: Exclude<SplineKind, "pspline">;
  readonly x: Expr;
  readonly df?: number;
  readonly nk?: number;
  readonly knots?: readonly number[];
  readonly boundary?: readonly [number, number];
  readonly degree?: number;
}

function callError(text: string, e: Expr, message: string, hint?: string): SurvinferError {
  return new SurvinferError({
    code: "FORMULA_INVALID",
    message: `${deparse(e)}: ${message}`,
    value: text,
    hint: hint ?? "Write e.g. rcs(age, 4), rcs(age, c(40, 50, 60, 70)), ns(age, df = 3), ns(age, knots = c(50, 60)) or bs(age, df = 4)",
  });
}

function numbersOf(text: string, call: Expr, e: Expr): number[] {
  if (e.kind === "number") return [e.value];
  if (e.kind === "unary" && e.op === "-" && e.arg.kind === "number") return [-e.arg.value];
  if (e.kind === "call" && e.fn === "c" && e.args.length > 0) return e.args.flatMap((a) => numbersOf(text, call, a));
  throw callError(text, call, `${deparse(e)} is not a number or c(...) of numbers`);
}

/** Reads the arguments of rcs()/ns()/bs() (positional as R: rcs(x, parms); ns(x, df); bs(x, df)) or pspline(). */
export function splineCall(e: CallExpr, text: string): SplineCall | (PsplineCall & { readonly kind: "pspline" }) {
  if (e.fn === "pspline") return { kind: "pspline", ...psplineCall(e) };
  const kind = e.fn as Exclude<SplineKind, "pspline">;
  const names = e.argNames ?? e.args.map(() => undefined);
  if (e.args.length === 0 || names[0] !== undefined) throw callError(text, e, "the first argument must be the covariate");
  const allowed: Record<Exclude<SplineKind, "pspline">, string[]> = { rcs: ["parms"], ns: ["df", "knots", "Boundary.knots"], bs: ["df", "knots", "degree", "Boundary.knots"] };
  const args = new Map<string, Expr>();
  e.args.slice(1).forEach((a, k) => {
    const name = names[k + 1] ?? allowed[kind][k];
    if (name === undefined || !allowed[kind].includes(name)) {
      throw callError(text, e, names[k + 1] === undefined ? `too many arguments to ${kind}()` : `unknown argument ${names[k + 1]} of ${kind}()`, `${kind}() takes: x, ${allowed[kind].join(", ")}`);
    }
    if (args.has(name)) throw callError(text, e, `argument ${name} given twice`);
    args.set(name, a);
  });
  const x = e.args[0];
  const num = (name: string): number[] | undefined => {
    const a = args.get(name);
    return a === undefined ? undefined : numbersOf(text, e, a);
  };
  const whole = (name: string, v: number[] | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    if (v.length !== 1 || !Number.isInteger(v[0]) || v[0] < min) throw callError(text, e, `${name} must be a whole number ≥ ${min}`);
    return v[0];
  };
  const finite = (v: number[] | undefined): number[] | undefined => {
    if (v !== undefined && v.some((k) => !Number.isFinite(k))) throw callError(text, e, "knots must be finite numbers");
    return v;
  };
  if (kind === "rcs") {
    const p = finite(num("parms"));
    if (p === undefined) return { kind, x, nk: 5 };
    if (p.length === 1) return { kind, x, nk: whole("the number of knots", p, 3) };
    return { kind, x, knots: p };
  }
  const boundary = finite(num("Boundary.knots"));
  if (boundary !== undefined && (boundary.length !== 2 || !(boundary[0] < boundary[1]))) throw callError(text, e, "Boundary.knots must be c(lower, upper) with lower < upper");
  const degree = kind === "bs" ? (whole("degree", num("degree"), 1) ?? 3) : undefined;
  const knots = finite(num("knots"));
  const df = whole("df", num("df"), 1);
  return {
    kind,
    x,
    ...(df !== undefined ? { df } : {}),
    ...(knots !== undefined ? { knots } : {}),
    ...(boundary !== undefined ? { boundary: [boundary[0], boundary[1]] as const } : {}),
    ...(degree !== undefined ? { degree } : {}),
  };
}

/** R's quantile(x, probs, type = 7) of sorted values. */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  const qs = sorted[lo];
  return index > lo && sorted[hi] !== qs ? (1 - h) * qs + h * sorted[hi] : qs;
}

/** R's seq(from, to, length.out = n): from + i·by, the last value exactly `to`. */
function seqLength(from: number, to: number, n: number): number[] {
  if (n === 1) return [from];
  const by = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + i * by));
}

function sortedNonMissing(x: Float64Array): Float64Array {
  const v: number[] = [];
  for (const a of x) if (!Number.isNaN(a)) v.push(a);
  return Float64Array.from(v).sort();
}

/** Default knots of rms::rcs (Hmisc::rcspline.eval with fractied = 0.05). */
export function rcsDefaultKnots(x: Float64Array, nk: number, label: string): { knots: number[]; warnings: string[] } {
  const warnings: string[] = [];
  let xx = sortedNonMissing(x);
  const n = xx.length;
  if (n < 6) throw new SurvinferError({ code: "FORMULA_INVALID", message: `rcs(${label}): fewer than 6 non-missing values; knots cannot be placed`, hint: "give the knots, e.g. rcs(x, c(1, 2, 3)), or model the covariate linearly" });
  const xu: number[] = [];
  const freq: number[] = [];
  for (const a of xx) {
    if (xu.length > 0 && xu[xu.length - 1] === a) freq[freq.length - 1]++;
    else {
      xu.push(a);
      freq.push(1);
    }
  }
  const nxu = xu.length;
  let knots: number[];
  if (nxu - 2 <= nk) {
    warnings.push(`rcs(${label}): ${nk} knots requested with ${nxu} distinct values; knots set to the ${nxu - 2} interior values`);
    knots = xu.slice(1, -1);
  } else {
    const outer = nk > 6 ? 0.025 : nk > 3 ? 0.05 : 0.1;
    let nke = nk;
    let overrideFirst = false;
    let overrideLast = false;
    const firstknot: number[] = [];
    const lastknot: number[] = [];
    const f = freq.map((c) => c / n);
    if (Math.max(...f.slice(1, -1)) < 0.05) {
      if (f[0] >= 0.05) {
        firstknot.push(xu[1]);
        xx = xx.filter((a) => a > xu[1]);
        nke--;
        overrideFirst = true;
      }
      if (f[f.length - 1] >= 0.05) {
        // max(xx[xx < max(xx)]) over the (possibly trimmed) values
        const m = xx[xx.length - 1];
        let below = Number.NEGATIVE_INFINITY;
        for (const a of xx) if (a < m) below = a;
        lastknot.push(below);
        xx = xx.filter((a) => a < below);
        nke--;
        overrideLast = true;
      }
    }
    if (nke === 1) knots = [quantile7(xx, 0.5)];
    else if (nxu <= nke) knots = [...xu];
    else {
      const p = nke === 2 ? seqLength(0.5, 1 - outer, nke) : seqLength(outer, 1 - outer, nke);
      knots = p.map((q) => quantile7(xx, q));
      if (new Set(knots).size < Math.min(nke, 3)) {
        throw new SurvinferError({
          code: "FORMULA_INVALID",
          message: `rcs(${label}): the default quantiles give fewer than 3 distinct knots (${knots.map(formatRNumber).join(", ")}); the covariate has too many tied values`,
          hint: `give the knots, e.g. rcs(${label}, c(a, b, c)), or use fewer knots`,
        });
      }
      if (xx.length < 100) {
        if (!overrideFirst) knots[0] = xx[4];
        if (!overrideLast) knots[nke - 1] = xx[xx.length - 5];
      }
    }
    knots = [...firstknot, ...knots, ...lastknot];
  }
  return { knots, warnings };
}

/** rcspline.eval's basis (norm = 2, inclx = TRUE) for knots t (sorted, distinct). */
export function rcsColumns(x: Float64Array, knots: readonly number[]): Float64Array[] {
  const k = knots.length;
  const t1 = knots[0];
  const tk = knots[k - 1];
  const tk1 = knots[k - 2];
  const kd = (tk - t1) ** (2 / 3);
  const cube = (a: number): number => (a > 0 ? a ** 3 : 0);
  const cols = [Float64Array.from(x)];
  for (let j = 0; j < k - 2; j++) {
    const tj = knots[j];
    const c = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      c[i] = cube((v - tj) / kd) + ((tk1 - tj) * cube((v - tk) / kd) - (tk - tj) * cube((v - tk1) / kd)) / (tk - tk1);
    }
    cols.push(c);
  }
  return cols;
}

/** Knots and column names of a spline term from the training values (all rows with x present, as R's model.frame). */
export function fitSplineBasis(spec: SplineCall | (PsplineCall & { readonly kind: "pspline" }), x: Float64Array, label: string, text: string, call: Expr): SplineBasis {
  const name = deparse(spec.x);
  if (spec.kind === "pspline") return fitPsplineBasis(spec, x, name, text, call);
  if (spec.kind === "rcs") {
    let knots: number[];
    let warnings: string[] = [];
    if (spec.knots !== undefined) knots = [...new Set(spec.knots)].sort((a, b) => a - b);
    else ({ knots, warnings } = rcsDefaultKnots(x, spec.nk ?? 5, name));
    if (knots.length < 3) throw callError(text, call, `a restricted cubic spline needs at least 3 distinct knots, got ${knots.length}`);
    const primes = (m: number): string => "'".repeat(m);
    const suffixes = [name, ...knots.slice(2).map((_, j) => name + primes(j + 1))];
    return { kind: "rcs", knots, suffixes, nonlinear: suffixes.map((_, j) => j > 0), warnings };
  }
  const sorted = sortedNonMissing(x);
  if (sorted.length === 0) throw callError(text, call, `no non-missing values of ${name}`);
  const boundary: [number, number] = spec.boundary !== undefined ? [spec.boundary[0], spec.boundary[1]] : [sorted[0], sorted[sorted.length - 1]];
  const ord = spec.kind === "ns" ? 4 : (spec.degree ?? 3) + 1;
  const warnings: string[] = [];
  let knots: number[];
  if (spec.knots !== undefined) knots = [...spec.knots].sort((a, b) => a - b);
  else if (spec.df !== undefined) {
    // ns: df − 1 interior knots; bs: df − degree (no intercept)
    let nIknots = spec.kind === "ns" ? spec.df - 1 : spec.df - ord + 1;
    if (nIknots < 0) {
      warnings.push(`${label}: df was too small; have used ${spec.kind === "ns" ? 1 : ord - 1}`);
      nIknots = 0;
    }
    const inside = spec.boundary === undefined ? sorted : sorted.filter((v) => v >= boundary[0] && v <= boundary[1]);
    knots = seqLength(0, 1, nIknots + 2)
      .slice(1, -1)
      .map((p) => quantile7(inside, p));
  } else knots = [];
  if (knots.some((k) => k <= boundary[0] || k >= boundary[1])) {
    throw callError(text, call, `interior knots ${knots.map(formatRNumber).join(", ")} must lie strictly inside the boundary knots ${formatRNumber(boundary[0])} and ${formatRNumber(boundary[1])}`);
  }
  const ncol = spec.kind === "ns" ? knots.length + 1 : knots.length + ord - 1;
  const suffixes = Array.from({ length: ncol }, (_, j) => String(j + 1));
  return { kind: spec.kind, knots, boundary, ...(spec.kind === "bs" ? { degree: ord - 1 } : {}), suffixes, nonlinear: suffixes.map(() => true), warnings };
}

/** pspline(): the range of the non-missing x (unless given), the equally spaced knots and R's column names. */
function fitPsplineBasis(spec: PsplineCall, x: Float64Array, name: string, text: string, call: Expr): SplineBasis {
  const sorted = sortedNonMissing(x);
  if (sorted.length === 0) throw callError(text, call, `no non-missing values of ${name}`);
  const boundary: [number, number] = spec.boundary !== undefined ? [spec.boundary[0], spec.boundary[1]] : [sorted[0], sorted[sorted.length - 1]];
  if (!(boundary[0] < boundary[1])) throw callError(text, call, `${name} takes a single value (${formatRNumber(boundary[0])}); a spline needs a range`, "drop the term or model the covariate as a factor");
  const knots = psplineKnots(boundary, spec.nterm, spec.degree);
  const ncol = spec.nterm + spec.degree - 1;
  const warnings = spec.boundary !== undefined && (sorted[0] < boundary[0] || sorted[sorted.length - 1] > boundary[1]) ? [`pspline(${name}): values outside Boundary.knots are extrapolated linearly`] : [];
  return {
    kind: "pspline",
    knots,
    boundary,
    degree: spec.degree,
    suffixes: Array.from({ length: ncol }, (_, j) => String(j + 3)),
    nonlinear: Array.from({ length: ncol }, () => true),
    columnNames: psplineColumnNames(name, ncol),
    pspline: { nterm: spec.nterm, smoothing: spec.smoothing, centres: psplineCentres(knots, boundary, ncol) },
    warnings,
  };
}

/** All knots of the B-spline basis (boundary knots repeated `ord` times). */
function allKnots(b: SplineBasis, ord: number): number[] {
  const [lo, hi] = b.boundary as readonly [number, number];
  return [...Array<number>(ord).fill(lo), ...b.knots, ...Array<number>(ord).fill(hi)];
}

/** One row of splineDesign, with R's linear (ns) or Taylor (bs) extrapolation outside the boundary knots. */
function bsplineRowExtrapolated(aknots: readonly number[], ord: number, x: number, boundary: readonly [number, number], maxDeriv: number): Float64Array {
  if (x >= boundary[0] && x <= boundary[1]) return bsplineRow(aknots, ord, x);
  const pivot = x < boundary[0] ? boundary[0] : boundary[1];
  const out = new Float64Array(aknots.length - ord);
  let fact = 1;
  for (let d = 0; d <= maxDeriv; d++) {
    if (d > 0) fact *= d;
    const row = bsplineRow(aknots, ord, pivot, d);
    const w = (x - pivot) ** d / fact;
    for (let j = 0; j < out.length; j++) out[j] += w * row[j];
  }
  return out;
}

/** Householder QR of an m × 2 matrix as LINPACK dqrdc2 (no pivoting needed): the vectors and qraux. */
function householder2(a: Float64Array[], m: number): { v: Float64Array[]; qraux: number[] } {
  const cols = a.map((c) => Float64Array.from(c));
  const qraux: number[] = [];
  for (let l = 0; l < 2; l++) {
    const c = cols[l];
    let nrm = 0;
    for (let i = l; i < m; i++) nrm += c[i] * c[i];
    nrm = Math.sqrt(nrm);
    if (nrm === 0) {
      qraux.push(0);
      continue;
    }
    if (c[l] !== 0) nrm = c[l] < 0 ? -Math.abs(nrm) : Math.abs(nrm);
    for (let i = l; i < m; i++) c[i] /= nrm;
    c[l] += 1;
    for (let j = l + 1; j < 2; j++) {
      let t = 0;
      for (let i = l; i < m; i++) t -= c[i] * cols[j][i];
      t /= c[l];
      for (let i = l; i < m; i++) cols[j][i] += t * c[i];
    }
    qraux.push(c[l]);
  }
  return { v: cols, qraux };
}

/** qr.qty: y ← Qᵀ y = H₂ H₁ y (in place), as LINPACK dqrsl. */
function applyQt(h: { v: Float64Array[]; qraux: number[] }, y: Float64Array): void {
  const m = y.length;
  for (let j = 0; j < 2; j++) {
    if (h.qraux[j] === 0) continue;
    const v = h.v[j];
    let t = 0;
    for (let i = j; i < m; i++) t -= (i === j ? h.qraux[j] : v[i]) * y[i];
    t /= h.qraux[j];
    for (let i = j; i < m; i++) y[i] += t * (i === j ? h.qraux[j] : v[i]);
  }
}

/** The basis columns of a spline term at x (NaN where x is missing). */
export function splineColumns(b: SplineBasis, x: Float64Array): Float64Array[] {
  if (b.kind === "rcs") return rcsColumns(x, b.knots);
  if (b.kind === "pspline") return psplineColumns(x, b.knots, b.boundary as readonly [number, number], b.degree ?? 3);
  const n = x.length;
  const ord = b.kind === "ns" ? 4 : (b.degree ?? 3) + 1;
  const aknots = allKnots(b, ord);
  const boundary = b.boundary as readonly [number, number];
  const ncol = b.suffixes.length;
  const cols = Array.from({ length: ncol }, () => new Float64Array(n));
  if (b.kind === "bs") {
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(x[i])) {
        for (const c of cols) c[i] = Number.NaN;
        continue;
      }
      const row = bsplineRowExtrapolated(aknots, ord, x[i], boundary, ord - 1);
      for (let j = 0; j < ncol; j++) cols[j][i] = row[j + 1];
    }
    return cols;
  }
  // ns: constraint matrix = second derivatives at both boundary knots, without the first basis column
  const nb = aknots.length - ord - 1;
  const c0 = bsplineRow(aknots, ord, boundary[0], 2).subarray(1);
  const c1 = bsplineRow(aknots, ord, boundary[1], 2).subarray(1);
  const h = householder2([Float64Array.from(c0), Float64Array.from(c1)], nb);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i])) {
      for (const c of cols) c[i] = Number.NaN;
      continue;
    }
    const y = Float64Array.from(bsplineRowExtrapolated(aknots, ord, x[i], boundary, 1).subarray(1));
    applyQt(h, y);
    for (let j = 0; j < ncol; j++) cols[j][i] = y[j + 2];
  }
  return cols;
}
