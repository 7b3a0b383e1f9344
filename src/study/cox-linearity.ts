/**
 * Linearity check of continuous covariates in a Cox model: each one enters as a restricted cubic spline
 * with 4 knots (rms::rcs, Harrell's default quantiles), the others as usual, in one model; the Wald test of
 * a covariate's non-linear coefficients (x', x''), χ² = b_Nᵀ V_NN⁻¹ b_N on 2 df, is rms::anova's
 * "Nonlinear" row, and the joint test of all of them its "TOTAL NONLINEAR" row (Harrell 2015, Regression
 * Modeling Strategies, §2.7.2). The hazard-ratio curve against a reference value r (the median) is
 * log HR(x) = (B(x) − B(r))ᵀ β with variance dᵀ V d, d = B(x) − B(r), over the covariate's block of V;
 * pointwise CI exp(log HR ± z_{α/2} se), as rms::contrast(fit, list(x = x), list(x = r)).
 * R equivalent: `anova(cph(Surv(time, status) ~ rcs(x1, 4) + rcs(x2, 4) + z, data))`.
 */
import { chisqSf, normalQuantile } from "../math/distributions.js";
import { quadFormInverse } from "../math/linalg.js";
import { modelMatrix } from "../formula/model-matrix.js";
import { formatName } from "../formula/expr.js";
import { quantile7, splineColumns, type SplineBasis } from "../formula/splines.js";
import type { Table } from "../data/table.js";
import { coxph, type CoxphOptions, type CoxphResult } from "../survival/coxph.js";

export interface WaldTest {
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
}

export interface HazardRatioCurve {
  /** Reference value (HR = 1): the median of the covariate among the model's rows. */
  readonly reference: number;
  readonly x: readonly number[];
  readonly logHr: readonly number[];
  readonly se: readonly number[];
  readonly hr: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface LinearityTest {
  /** Covariate (column) name. */
  readonly covariate: string;
  /** Spline term of the model, e.g. `rcs(age, 4)`. */
  readonly term: string;
  readonly knots: readonly number[];
  /** Wald test of the non-linear coefficients (rms::anova "Nonlinear"). */
  readonly nonlinear: WaldTest;
  readonly curve: HazardRatioCurve;
}

export interface LinearityResult {
  /** The model with the spline terms. */
  readonly formula: string;
  readonly tests: readonly LinearityTest[];
  /** Joint test of every non-linear coefficient (rms::anova "TOTAL NONLINEAR"); null with one spline term. */
  readonly totalNonlinear: WaldTest | null;
  readonly result: CoxphResult;
}

/** Wald χ² of the coefficients `idx`: bᵀ V⁻¹ b over that block. */
export function waldTest(coef: readonly (number | null)[], v: readonly (readonly number[])[], idx: readonly number[]): WaldTest {
  const k = idx.length;
  const b = idx.map((j) => coef[j] ?? Number.NaN);
  const block = new Float64Array(k * k);
  idx.forEach((r, a) => idx.forEach((c, e) => (block[a * k + e] = v[r][c])));
  const q = quadFormInverse(block, k, b);
  return { chisq: q.value, df: q.rank, p: chisqSf(q.value, q.rank) };
}

/** Hazard ratio of a spline term against `reference` at `grid`, with pointwise CIs. */
export function hazardRatioCurve(basis: SplineBasis, columns: readonly number[], fit: CoxphResult["fit"], grid: readonly number[], reference: number, confLevel = 0.95): HazardRatioCurve {
  const at = splineColumns(basis, Float64Array.from(grid));
  const ref = splineColumns(basis, Float64Array.of(reference)).map((c) => c[0]);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const logHr: number[] = [];
  const se: number[] = [];
  grid.forEach((_, i) => {
    const d = columns.map((_, k) => at[k][i] - ref[k]);
    let lp = 0;
    let v = 0;
    columns.forEach((j, a) => {
      lp += d[a] * (fit.coef[j] ?? 0);
      columns.forEach((l, b) => (v += d[a] * d[b] * fit.var[j][l]));
    });
    logHr.push(lp);
    se.push(Math.sqrt(Math.max(v, 0)));
  });
  return {
    reference,
    x: [...grid],
    logHr,
    se,
    hr: logHr.map(Math.exp),
    lower: logHr.map((l, i) => Math.exp(l - z * se[i])),
    upper: logHr.map((l, i) => Math.exp(l + z * se[i])),
  };
}

/**
 * Fits `response ~ terms` with each covariate of `splines` as rcs(x, 4) and tests its non-linearity.
 * `terms` are formula terms (the spline covariates' own terms are replaced); grids of 61 points over the
 * range of each covariate among the model's rows.
 */
export function coxLinearity(table: Table, response: string, terms: readonly { readonly covariate: string; readonly term: string }[], splines: readonly string[], options: CoxphOptions = {}): LinearityResult {
  const splineTerm = (name: string): string => `rcs(${formatName(name)}, 4)`;
  const rhs = terms.map((t) => (splines.includes(t.covariate) ? splineTerm(t.covariate) : t.term));
  const formula = `${response}${rhs.join(" + ")}`;
  const mm = modelMatrix(table, formula, { reference: options.reference, dropIntercept: true });
  const result = coxph(table, formula, { ...options, zph: false, firth: "never" });
  const fit = result.fit;
  const nonlinearAll: number[] = [];
  const tests: LinearityTest[] = [];
  for (const name of splines) {
    const label = splineTerm(name);
    const basis = mm.bases[label];
    const term = result.terms.find((t) => t.label === label);
    if (basis === undefined || term === undefined) continue;
    const nl = term.columns.filter((_, k) => basis.nonlinear[k]);
    nonlinearAll.push(...nl);
    // the covariate's values among the model's rows: its first spline column is x itself
    const xs = Array.from(mm.x.subarray(term.columns[0] * mm.nRows, (term.columns[0] + 1) * mm.nRows)).sort((a, b) => a - b);
    const lo = xs[0];
    const hi = xs[xs.length - 1];
    const by = (hi - lo) / 60; // seq(lo, hi, length.out = 61)
    const grid = Array.from({ length: 61 }, (_, i) => (i === 60 ? hi : lo + i * by));
    tests.push({
      covariate: name,
      term: label,
      knots: basis.knots,
      nonlinear: waldTest(fit.coef, fit.var, nl),
      curve: hazardRatioCurve(basis, term.columns, fit, grid, quantile7(xs, 0.5), fit.options.confLevel),
    });
  }
  return { formula, tests, totalNonlinear: tests.length > 1 ? waldTest(fit.coef, fit.var, nonlinearAll) : null, result };
}
