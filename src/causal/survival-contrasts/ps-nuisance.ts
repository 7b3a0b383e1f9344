/**
 * The propensity score as a nuisance model: glm(A ~ X, family = binomial) and its influence function
 * IF_j(α) = (ZᵀWZ)⁻¹ Z_j (A_j − e_j) (dfbeta scale, var = Σ_j IF_j²), as riskRegression's iid.glm.
 * Separation (an infinite coefficient) makes inverse-probability weights meaningless: a typed error.
 */
import { SurvinferError } from "../../errors.js";
import { logisticRegression } from "../../regression/logistic.js";

export interface PsNuisance {
  readonly n: number;
  /** Number of columns of Z = [1, X]. */
  readonly q: number;
  /** Z, n × q column-major (intercept first). */
  readonly z: Float64Array;
  /** e_i = P(A = 1 | X_i). */
  readonly ps: Float64Array;
  readonly coef: Float64Array;
  /** IF of α, n × q row-major. */
  readonly iidAlpha: Float64Array;
}

export function fitPsNuisance(treat: Uint8Array, x: Float64Array, columnNames: readonly string[]): PsNuisance {
  const n = treat.length;
  const p = columnNames.length;
  const q = p + 1;
  const z = new Float64Array(n * q);
  z.fill(1, 0, n);
  z.set(x.subarray(0, n * p), n);
  const fit = logisticRegression({ y: Int32Array.from(treat), x: z, columnNames: ["(Intercept)", ...columnNames], intercept: true });
  if (fit.separation.detected) {
    const named = fit.separation.covariates.map((c) => c.name);
    const which = named.length > 0 ? named : fit.separation.suspects;
    throw new SurvinferError({
      code: "PS_SEPARATION",
      message: `the propensity-score model separates treated from untreated patients${which.length > 0 ? ` (by ${which.map((w) => `"${w}"`).join(", ")})` : ""}: some patients have a probability of treatment of 0 or 1, so inverse-probability weights are not defined`,
      ...(which.length > 0 ? { column: which[0] } : {}),
      hint: "remove or coarsen the separating covariate, or use --estimator gformula",
    });
  }
  if (fit.aliased.length > 0) {
    throw new SurvinferError({ code: "PS_COLLINEAR", message: `the propensity-score model cannot estimate a coefficient for ${fit.aliased.map((a) => `"${a}"`).join(", ")} (collinear or constant)`, column: fit.aliased[0], hint: "drop or recode this covariate" });
  }
  const coef = Float64Array.from(fit.coef);
  const ps = Float64Array.from(fit.fittedValues);
  const iidAlpha = new Float64Array(n * q);
  for (let j = 0; j < n; j++) {
    const r = treat[j] - ps[j];
    for (let a = 0; a < q; a++) {
      let v = 0;
      for (let b = 0; b < q; b++) v += fit.vcov[a][b] * z[b * n + j] * r;
      iidAlpha[j * q + a] = v;
    }
  }
  return { n, q, z, ps, coef, iidAlpha };
}

/** ∂(1/π_a(X_i))/∂α, added with factor c into g (length q): π₁ = e, π₀ = 1 − e. */
export function addInversePsGradient(m: PsNuisance, g: Float64Array, i: number, arm: 0 | 1, c: number): void {
  if (c === 0) return;
  const e = m.ps[i];
  const d = arm === 1 ? -(1 - e) / e : e / (1 - e);
  for (let a = 0; a < m.q; a++) g[a] += c * d * m.z[a * m.n + i];
}

/** out_j += gᵀ IF_j(α). */
export function psGradientIid(m: PsNuisance, g: Float64Array, out: Float64Array): void {
  for (let j = 0; j < m.n; j++) {
    let v = 0;
    for (let a = 0; a < m.q; a++) v += g[a] * m.iidAlpha[j * m.q + a];
    out[j] += v;
  }
}
