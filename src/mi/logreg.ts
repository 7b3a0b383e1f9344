/**
 * Logistic-regression imputation of a binary variable, mice's default for two-level factors (mice 3.15.0
 * `mice.impute.logreg`; Rubin 1987, p. 169–170; van Buuren 2018, FIMD §3.6, algorithm 3.4): augment the
 * data (augment.ts), fit the weighted logistic model glm.fit(quasibinomial) on the rows with ry, draw
 * β* = β̂ + L z with L Lᵀ = the unscaled covariance and z ~ N(0, I), and impute 1 when u ≤ plogis(x β*),
 * u ~ U(0, 1). y is coded 0/1 (1 = the second level).
 */
import { SurvinferError } from "../errors.js";
import { logisticRegression } from "../regression/logistic.js";
import { augment } from "./augment.js";
import { choleskyLower, countOnes, linearPredictor, withInterceptRows, type UnivariateInput } from "./design.js";
import type { MiRandom } from "./random.js";

export interface LogregFit {
  readonly coef: Float64Array;
  /** Unscaled covariance, p × p row-major. */
  readonly covUnscaled: Float64Array;
  readonly p: number;
  readonly warnings: readonly string[];
}

export interface LogregDraws {
  /** z ~ N(0, I_{q+1}). */
  readonly z: ArrayLike<number>;
  /** u ~ U(0, 1), one per case to impute. */
  readonly u: ArrayLike<number>;
}

/** The deterministic part: the augmented weighted fit (`variable` names the variable in errors). */
export function fitLogreg(input: UnivariateInput, variable = "y"): LogregFit & { readonly xMis: Float64Array; readonly nMis: number } {
  const aug = augment(input.y, input.ry, input.x, input.q, input.wy);
  const n = aug.y.length;
  const p = aug.q + 1;
  const obs = withInterceptRows(aug.x, n, aug.q, aug.ry);
  const mis = withInterceptRows(aug.x, n, aug.q, aug.wy);
  const y = new Float64Array(obs.rows);
  const w = new Float64Array(obs.rows);
  for (let i = 0, a = 0; i < n; i++) {
    if (aug.ry[i] !== 1) continue;
    y[a] = aug.y[i];
    w[a++] = aug.w[i];
  }
  const names = Array.from({ length: p }, (_, j) => (j === 0 ? "(Intercept)" : `x${j}`));
  const fit = logisticRegression({ y, x: obs.x, columnNames: names, weights: w, intercept: true });
  const coef = Float64Array.from(fit.coef);
  const cov = Float64Array.from(fit.vcov.flat());
  if (coef.some((c) => !Number.isFinite(c)) || cov.some((c) => !Number.isFinite(c))) {
    throw new SurvinferError({
      code: "MODEL_SINGULAR",
      message: `the logistic imputation model for "${variable}" could not be estimated (aliased predictors: ${fit.aliased.join(", ") || "none"})`,
      hint: "remove predictors that duplicate each other from the imputation model",
    });
  }
  const warnings = fit.warnings.filter((wn) => !wn.startsWith("non-integer"));
  return { coef, covUnscaled: cov, p, warnings, xMis: mis.x, nMis: mis.rows };
}

/** logreg with the random draws given. Returns 0/1 per `wy` row in row order. */
export function logregWithDraws(input: UnivariateInput, draws: LogregDraws, variable = "y"): { values: Float64Array; warnings: readonly string[] } {
  const fit = fitLogreg(input, variable);
  const l = choleskyLower(fit.covUnscaled, fit.p);
  if (l === null) {
    throw new SurvinferError({ code: "MODEL_SINGULAR", message: `the logistic imputation model for "${variable}" has a covariance that is not positive definite` });
  }
  const beta = new Float64Array(fit.p);
  for (let i = 0; i < fit.p; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * fit.p + k] * draws.z[k];
    beta[i] = fit.coef[i] + s;
  }
  const eta = linearPredictor(fit.xMis, fit.nMis, fit.p, beta);
  const values = new Float64Array(fit.nMis);
  for (let i = 0; i < fit.nMis; i++) values[i] = draws.u[i] <= 1 / (1 + Math.exp(-eta[i])) ? 1 : 0;
  return { values, warnings: fit.warnings };
}

export function logreg(input: UnivariateInput, rng: MiRandom, variable = "y"): { values: Float64Array; warnings: readonly string[] } {
  const z = Array.from({ length: input.q + 1 }, () => rng.normal());
  const u = Array.from({ length: countOnes(input.wy) }, () => rng.uniform());
  return logregWithDraws(input, { z, u }, variable);
}
