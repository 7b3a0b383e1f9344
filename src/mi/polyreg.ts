/**
 * Polytomous (multinomial logit) imputation of an unordered categorical variable, mice's default for
 * factors with more than two levels (mice 3.15.0 `mice.impute.polyreg`; van Buuren 2018, FIMD §3.6):
 * augment the data (augment.ts), fit the weighted multinomial model (multinom.ts) on the rows with ry,
 * and draw each missing category from the fitted probabilities with one u ~ U(0, 1): the category is
 * 1 + #{c : u > P_1 + … + P_c}. As in mice, β is not drawn from its posterior (this model is "improper"
 * in Rubin's sense; the between-imputation variability comes from the other variables' draws).
 * As in mice, the model's category order is the alphabetical order of the labels present
 * (as.factor on the labels), which only matters for replaying R's uniform draws.
 */
import { SurvinferError } from "../errors.js";
import { augment } from "./augment.js";
import { countOnes, withInterceptRows, type UnivariateInput } from "./design.js";
import { fitMultinom, multinomProbs } from "./multinom.js";
import type { MiRandom } from "./random.js";

export interface PolyregResult {
  /** Imputed codes (indices into `levels`), one per `wy` row in row order. */
  readonly values: Float64Array;
  /** Fitted probabilities of the rows to impute (rows × model levels, row-major) and the model's level order. */
  readonly probs: Float64Array;
  readonly modelLevels: readonly string[];
  /** (K − 1) × (q + 1) coefficients, row-major, categories 2..K of `modelLevels`. */
  readonly coef: Float64Array;
  readonly warnings: readonly string[];
}

/** `input.y` holds codes 0..levels.length−1 (NaN where missing); `u` has one uniform per `wy` row. */
export function polyregWithDraws(input: UnivariateInput, levels: readonly string[], u: ArrayLike<number>, variable = "y"): PolyregResult {
  const aug = augment(input.y, input.ry, input.x, input.q, input.wy);
  const n = aug.y.length;
  const present = new Set<number>();
  for (let i = 0; i < n; i++) if (!Number.isNaN(aug.y[i])) present.add(aug.y[i]);
  const modelLevels = Array.from(present, (c) => levels[c]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const k = modelLevels.length;
  const codeOf = new Map(modelLevels.map((l, i) => [l, i]));
  const obs = withInterceptRows(aug.x, n, aug.q, aug.ry);
  const mis = withInterceptRows(aug.x, n, aug.q, aug.wy);
  const y = new Int32Array(obs.rows);
  const w = new Float64Array(obs.rows);
  for (let i = 0, a = 0; i < n; i++) {
    if (aug.ry[i] !== 1) continue;
    y[a] = codeOf.get(levels[aug.y[i]]) ?? 0;
    w[a++] = aug.w[i];
  }
  const warnings: string[] = [];
  const values = new Float64Array(mis.rows);
  // a single category among the fitting rows: every imputation is that category (as mice)
  if (k === 1) {
    values.fill(levels.indexOf(modelLevels[0]));
    warnings.push(`"${variable}": only one category ("${modelLevels[0]}") is observed; every imputed value is that category`);
    return { values, probs: new Float64Array(mis.rows).fill(1), modelLevels, coef: new Float64Array(0), warnings };
  }
  const p = aug.q + 1;
  const fit = fitMultinom(obs.x, obs.rows, p, y, w, k);
  if (!fit.coef.every(Number.isFinite)) {
    throw new SurvinferError({ code: "MODEL_SINGULAR", message: `the multinomial imputation model for "${variable}" could not be estimated` });
  }
  if (!fit.converged) warnings.push(`"${variable}": the multinomial imputation model did not converge in ${fit.iterations} iterations`);
  const probs = multinomProbs(mis.x, mis.rows, p, fit.coef, k);
  for (let i = 0; i < mis.rows; i++) {
    let cum = 0;
    let idx = 0;
    for (let c = 0; c < k; c++) {
      cum += probs[i * k + c];
      if (u[i] > cum) idx++;
    }
    values[i] = levels.indexOf(modelLevels[Math.min(idx, k - 1)]);
  }
  return { values, probs, modelLevels, coef: fit.coef, warnings };
}

export function polyreg(input: UnivariateInput, levels: readonly string[], rng: MiRandom, variable = "y"): PolyregResult {
  const u = Array.from({ length: countOnes(input.wy) }, () => rng.uniform());
  return polyregWithDraws(input, levels, u, variable);
}
