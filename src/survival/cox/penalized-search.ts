/**
 * The search for the smoothing parameter θ of a penalised term that gives a target number of degrees of
 * freedom, as R's survival::frailty.controldf (3.5-3) — replicated step by step, because the fitted
 * coefficients depend on the path (each outer fit starts from the earlier fit whose θ was closest).
 *
 * History starts with (θ, df) = (1, 1) and (0, nterm); the first guess is θ = 1 − df/nterm. After each
 * fit (θ, df(θ)) joins the history. With the points sorted by θ and df made increasing (negated when it
 * falls with θ), the three points that bracket the target best are fitted by a power curve
 * dy = a·dxᵖ anchored at the leftmost one, and the next θ solves it for the target. When the last
 * step did poorly (|df_new − target| > 0.6 |df_old − target|) the bracket is bisected instead, at most twice
 * in a row. Done when |df − target| < eps (0.1 by default) from the second fit on.
 */

export interface DfSearchState {
  /** θ values tried so far, with the df each gave (the first two are the starting points). */
  readonly thetas: readonly number[];
  readonly dfs: readonly number[];
  /** θ of the fit now running. */
  readonly theta: number;
  /** Number of bisections in a row (R's `half`). */
  readonly half: number;
}

export interface DfSearchStep {
  readonly state: DfSearchState;
  readonly done: boolean;
}

/** frailty.controldf(iter = 0): the starting history and the first guess 1 − df/nterm. */
export function dfSearchStart(targetDf: number, nterm: number): DfSearchState {
  return { thetas: [1, 0], dfs: [1, nterm], theta: 1 - targetDf / nterm, half: 0 };
}

/** frailty.controldf(iter ≥ 1): records the df of the fit at `state.theta` and proposes the next θ. */
export function dfSearchNext(state: DfSearchState, df: number, targetDf: number, eps: number, iter: number): DfSearchStep {
  const thetas = [...state.thetas, state.theta];
  const dfs = [...state.dfs, df];
  const nx = thetas.length;
  if (nx === 2) {
    // linear guess from the first two points (not reached with pspline's two starting points)
    let theta = thetas[0] + ((thetas[1] - thetas[0]) * (targetDf - dfs[0])) / (dfs[1] - dfs[0]);
    if (targetDf > df) theta *= 1.5;
    return { state: { thetas, dfs, theta, half: 0 }, done: false };
  }
  const done = iter > 1 && Math.abs(dfs[nx - 1] - targetDf) < eps;
  const doingWell = !(Math.abs((dfs[nx - 1] - targetDf) / (dfs[nx - 2] - targetDf)) > 0.6);
  // sort by θ (R's order(): stable)
  const ord = thetas.map((_, i) => i).sort((a, b) => thetas[a] - thetas[b] || a - b);
  const x = ord.map((i) => thetas[i]);
  let y: number[];
  let target = targetDf;
  if ((thetas[0] - thetas[1]) * (dfs[0] - dfs[1]) > 0) y = ord.map((i) => dfs[i]);
  else {
    y = ord.map((i) => -dfs[i]);
    target = -target;
  }
  let b1: number; // 0-based index of the leftmost of the three points
  if (y.every((v) => v > target)) b1 = 0;
  else if (y.every((v) => v < target)) b1 = nx - 3;
  else {
    b1 = -1;
    for (let i = 0; i < nx; i++) if (y[i] <= target) b1 = i;
    if (!doingWell && state.half < 2) {
      return { state: { thetas, dfs, theta: (x[b1] + x[b1 + 1]) / 2, half: Math.max(state.half, 0) + 1 }, done };
    }
    if (b1 + 2 === nx || (b1 > 0 && target - y[b1] < y[b1 + 1] - target)) b1 -= 1;
  }
  const xx = [Math.log(x[b1 + 1] - x[b1]), Math.log(x[b1 + 2] - x[b1])];
  const yy = [Math.log(y[b1 + 1] - y[b1]), Math.log(y[b1 + 2] - y[b1])];
  const power = (yy[1] - yy[0]) / (xx[1] - xx[0]);
  const a = yy[0] - power * xx[0];
  const newx = (Math.log(target - y[b1]) - a) / power;
  return { state: { thetas, dfs, theta: x[b1] + Math.exp(newx), half: 0 }, done };
}
