/**
 * Predictive mean matching, mice's default for numeric variables (mice 3.15.0 `mice.impute.pmm`, matchtype 1,
 * donors 5; Little 1988; van Buuren 2018, FIMD §3.4, algorithm 3.3): fit the normal linear model on the
 * observed cases, draw β* (see norm.ts), predict ŷ_obs = X_obs β̂ and ŷ_mis = X_mis β*, and give each
 * missing case the observed value of one of its `donors` nearest donors (matchIndex), chosen at random.
 */
import { countOnes, linearPredictor, withInterceptRows, type UnivariateInput } from "./design.js";
import { matchIndex } from "./match-index.js";
import { drawNorm, estimateNorm } from "./norm.js";
import type { MiRandom } from "./random.js";

export interface PmmDraws {
  readonly chisq: number;
  readonly z: ArrayLike<number>;
  /** Permutation of 1..n_obs. */
  readonly shuffle: ArrayLike<number>;
  /** One value in 1..donors per case to impute. */
  readonly h: ArrayLike<number>;
}

export interface PmmResult {
  /** Imputed values, one per `wy` row in row order. */
  readonly values: Float64Array;
  readonly ridge: boolean;
}

/** pmm with the random draws given (replays R's draws in the tests). */
export function pmmWithDraws(input: UnivariateInput, donors: number, draws: PmmDraws): PmmResult {
  const n = input.y.length;
  const p = input.q + 1;
  const obs = withInterceptRows(input.x, n, input.q, input.ry);
  const mis = withInterceptRows(input.x, n, input.q, input.wy);
  const yObs = new Float64Array(obs.rows);
  for (let i = 0, a = 0; i < n; i++) if (input.ry[i] === 1) yObs[a++] = input.y[i];
  const fit = estimateNorm(obs.x, obs.rows, p, yObs);
  const parm = drawNorm(fit, draws.chisq, draws.z);
  const yhatObs = linearPredictor(obs.x, obs.rows, p, parm.coef);
  const yhatMis = linearPredictor(mis.x, mis.rows, p, parm.beta);
  const idx = matchIndex(yhatObs, yhatMis, donors, draws.shuffle, draws.h);
  const values = new Float64Array(mis.rows);
  for (let i = 0; i < mis.rows; i++) values[i] = yObs[idx[i] - 1];
  return { values, ridge: fit.ridge };
}

/** pmm with draws from `rng`, in the order mice consumes them (χ², z, shuffle, h). */
export function pmm(input: UnivariateInput, rng: MiRandom, donors = 5): PmmResult {
  const nObs = countOnes(input.ry);
  const nMis = countOnes(input.wy);
  const p = input.q + 1;
  const chisq = rng.chisq(Math.max(nObs - p, 1));
  const z = Array.from({ length: p }, () => rng.normal());
  const shuffle = rng.permutation(nObs);
  const h = rng.integers(Math.max(1, Math.min(donors, nObs)), nMis);
  return pmmWithDraws(input, donors, { chisq, z, shuffle, h });
}
