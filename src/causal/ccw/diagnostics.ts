/**
 * Diagnostics of the clone–censor–weight censoring weights per strategy (issue 19, referee A9): does weighting restore
 * the baseline population among the clones that survive the artificial censoring? (Maringe et al. 2020,
 * doi:10.1093/ije/dyaa057, check the weighted covariate distribution of the uncensored clones in the same way.)
 *
 * For one strategy with clones i = 1..n, G the grace period, U = {i: tc_i > G} the clones still in follow-up after G
 * (alive, adherent, not lost) and w_i = 1/K(G | x_i) their weight from then on (stabilised: K₀(G)/K(G | x_i); every
 * deviation happens by G, so it is the weight each carries at every later event time), and R = {i: T_i > G} the
 * reference: the patients alive and in follow-up after G by their own data, adherent or not (U ⊆ R). The weights undo
 * the artificial censoring only, so the weighted U should look like R, not like all clones at time 0: deaths before G
 * depend on the covariates too, and no censoring weight undoes them.
 * - Kish's effective sample size ESS = (Σw)²/Σw² (Kish 1965; WeightIt's ESS()) of U with the weights w_i, beside |R|
 *   (the ESS of the reference, every weight 1);
 * - for each covariate term (a model-matrix column of the censoring models: numeric columns and factor dummies), the
 *   SMD of U against R (unweighted): unweighted, (x̄_U − x̄_R)/σ (what the artificial censoring did), and weighted,
 *   (x̄_U^w − x̄_R)/σ (what is left after weighting), with the study's convention for balance tables:
 *   σ = √((s_U² + s_R²)/2) from the unweighted groups, the same before and after weighting; binary terms raw or
 *   standardised with p(1 − p) (`binary`); the variance ratio and KS as cobalt computes them (src/causal/balance.ts on
 *   the two groups U (weights w) and R (weights 1), so the numbers and verdicts read as the balance tables).
 * A stabilised weight differs from the unstabilised one by the constant K₀(G) within a strategy, so both give the same
 * ESS and SMDs. R: tools/oracle/ccw-balance.R (test/fixtures/ccw-balance/*.json).
 */
import { balanceTable } from "../balance.js";
import { kishEss } from "../ess.js";
import type { ArmWeights, StepFunction } from "./weights.js";
import type { ArmClones, Strategy } from "./clone.js";
import type { CcwArmDiagnostics, CcwBalanceOptions, CcwDiagnostics } from "./types.js";

/** Value of a step function at t (the value at the largest jump time ≤ t; 0 before the first). */
function stepAt(f: StepFunction, t: number): number {
  let lo = 0;
  let hi = f.time.length; // first index with time > t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : f.value[lo - 1];
}

/**
 * Each clone's weight just after t, exp(Σ_c r_c Λ_c(t) − Λ_num(t)) (right-continuous: a deviation at t is done).
 * At t = G it is the weight of the clones still in follow-up after the grace period.
 */
export function weightsAfter(wts: ArmWeights, n: number, t: number): Float64Array {
  const state = wts.components.map((c) => stepAt(c.baseline, t));
  const num = stepAt(wts.numerator, t);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lw = -num;
    for (let c = 0; c < state.length; c++) lw += wts.components[c].risk[i] * state[c];
    out[i] = Math.exp(lw);
  }
  return out;
}

/**
 * The weight diagnostics of one strategy: `time` the patients' own follow-up ends, `tc` the clones' follow-up ends, `w`
 * their weights after G (weightsAfter), `x` the n × p covariate matrix (column-major) with its column names. Pure;
 * O(n p log n).
 */
export function armWeightDiagnostics(strategy: Strategy, time: Float64Array, tc: Float64Array, w: Float64Array, x: Float64Array, p: number, columnNames: readonly string[], grace: number, options: CcwBalanceOptions = {}): CcwArmDiagnostics {
  const n = tc.length;
  const kept: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < n; i++) {
    if (tc[i] > grace) kept.push(i);
    if (time[i] > grace) reference.push(i);
  }
  const m = kept.length;
  const weights = Float64Array.from(kept, (i) => w[i]);
  const essUncensored = kishEss(weights);
  const base = { strategy, clones: n, reference: reference.length, uncensored: m, essUncensored, weightsUncensored: m === 0 ? null : range(weights) };
  if (m === 0 || p === 0) return { ...base, before: [], after: [], formula: null };
  // two groups: 1 = the uncensored clones (weights w after weighting), 0 = the reference, alive and in follow-up after G (weight 1)
  const rows = [...kept, ...reference];
  const covariates = columnNames.map((name, j) => ({ name, kind: "numeric" as const, values: Float64Array.from(rows, (i) => x[j * n + i]) }));
  const treatment = Int32Array.from(rows, (_, k) => (k < m ? 1 : 0));
  const bw = Float64Array.from(rows, (i, k) => (k < m ? w[i] : 1));
  const res = balanceTable({ covariates, treatment, weights: bw }, { estimand: "ATE", sdDenominator: "pooled", continuous: "std", binary: options.binary ?? "raw", ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }) });
  return { ...base, before: res.before, after: res.after ?? [], formula: res.formula };
}

function range(w: Float64Array): { readonly min: number; readonly max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of w) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

/** The diagnostics of both strategies, [treat, control], from one run's clones and weights. */
export function ccwWeightDiagnostics(
  arms: readonly { readonly strategy: Strategy; readonly clones: ArmClones; readonly weights: ArmWeights }[],
  time: Float64Array,
  x: Float64Array,
  p: number,
  columnNames: readonly string[],
  grace: number,
  options: CcwBalanceOptions = {},
): CcwDiagnostics {
  const perArm = arms.map((a) => armWeightDiagnostics(a.strategy, time, a.clones.tc, weightsAfter(a.weights, a.clones.tc.length, grace), x, p, columnNames, grace, options));
  return { grace, binary: options.binary ?? "raw", thresholds: { smd: 0.1, varianceRatio: null, ks: null, ...options.thresholds }, perArm };
}
