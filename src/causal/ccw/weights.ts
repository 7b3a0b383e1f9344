/**
 * Artificial-censoring weights per strategy. A clone's weight at an outcome event time t is 1/K(t− | x),
 * K the probability of not having deviated by t given baseline covariates (a deviation at t itself comes
 * after an event at t); stabilised: K₀(t−)/K(t− | x), K₀ from the model without covariates. Every model
 * below writes −log K(t | x) = Σ_c r_c(x) Λ_c(t) (components c with a clone multiplier r_c and a step
 * function Λ_c), so that log w(t) = Σ_c r_c Λ_c(t−) − Λ_num(t−) changes only where some Λ_c jumps.
 *
 * censoringModel "cox" (Maringe et al. 2020, doi:10.1093/ije/dyaa057): one Cox model of the time to
 * deviation per arm, K(t | x) = exp(−Λ₀(t) exp(lp)), lp = (x − x̄)ᵀβ̂, Λ₀ = Efron baseline hazard at the means.
 * R: fit <- coxph(Surv(tc, dev) ~ X, ties = "efron"); basehaz(fit, centered = TRUE); exp(fit$linear.predictors).
 *
 * censoringModel "piecewise" (the default; issue 14: the "cox" weights are biased when deviation is not
 * proportional-hazards in x, docs/validation.md):
 * - an arm whose deviations all happen at one time (the treat arm: at G) is a binary outcome among the clones
 *   still in follow-up then: logistic regression, K(t | x) = 1 for t ≤ G and 1 − p̂(x) after (one component
 *   with r = −log(1 − p̂) = log(1 + e^η) and Λ = 1{t > G}); stabilised numerator 1 − d/n at G.
 *   R: glm(dev ~ X, binomial, subset = tc >= G). A Cox model of a single tied time would impose the
 *   complementary log-log form exp(−Λ₀ e^lp), with Efron (not logistic) coefficients: its weights explode for
 *   clones with a large lp.
 * - otherwise a Cox model whose coefficients change between periods (cuts at the quantiles of the deviation
 *   times, `periods` of them): period k = (a_k, b_k] is fitted on the clones still in follow-up at a_k with
 *   follow-up min(tc, b_k), Λ_k its Efron baseline (0 before a_k, constant after b_k), and
 *   −log K(t | x) = Σ_k exp(lp_k) Λ_k(t). R: the same coxph and basehaz per period (tools/oracle/ccw.R).
 */
import { logisticRegression } from "../../regression/logistic.js";
import { coxFitWithoutConcordance } from "../../survival/cox/fit.js";
import { fittedTimes } from "../../survival/cox/predict.js";
import type { CoxInput } from "../../survival/cox/types.js";
import type { ArmClones } from "./clone.js";
import type { CcwCensoringFit } from "./types.js";

/** A step function given by ascending jump times and cumulative values. */
export interface StepFunction {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

const EMPTY_STEP: StepFunction = { time: new Float64Array(0), value: new Float64Array(0) };

/** Value at t− (the value at the largest jump time < t; 0 before the first), by binary search. */
export function stepLeft(f: StepFunction, t: number): number {
  let lo = 0;
  let hi = f.time.length; // first index with time ≥ t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : f.value[lo - 1];
}

/**
 * Efron cumulative hazard of deviation without covariates (unit weights): at a time with d deviations
 * and n at risk, dΛ = Σ_{k<d} 1/(n − k) (survfit(coxph(Surv(tc, dev) ~ 1))). O(n log n).
 */
export function nullHazard(arm: ArmClones): StepFunction {
  const n = arm.tc.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => arm.tc[a] - arm.tc[b]);
  const time: number[] = [];
  const value: number[] = [];
  let H = 0;
  for (let k = 0; k < n; ) {
    const t = arm.tc[order[k]];
    const atRisk = n - k;
    let d = 0;
    let k2 = k;
    for (; k2 < n && arm.tc[order[k2]] === t; k2++) d += arm.dev[order[k2]];
    if (d > 0) {
      for (let m = 0; m < d; m++) H += 1 / (atRisk - m);
      time.push(t);
      value.push(H);
    }
    k = k2;
  }
  return { time: Float64Array.from(time), value: Float64Array.from(value) };
}

/**
 * Efron baseline cumulative hazard at the covariate means of a right-censored, unit-weight Cox fit
 * (survfit.coxph's default for an Efron fit; src/survival/cox/predict.ts computes the same with its
 * variance): at a time with d deviations, risk-set total S0 = Σ_{tc ≥ t} rᵢ and deaths' total S0ᴰ,
 *   dΛ₀ = Σ_{k<d} 1/(S0 − (k/d) S0ᴰ). Jumps only (times with d > 0). O(n log n).
 */
export function efronBaseline(time: Float64Array, dev: Int32Array, risk: Float64Array): StepFunction {
  const n = time.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => time[b] - time[a]);
  const tDesc: number[] = [];
  const hDesc: number[] = [];
  let S0 = 0;
  for (let k = 0; k < n; ) {
    const t = time[order[k]];
    let d = 0;
    let S0D = 0;
    let k2 = k;
    for (; k2 < n && time[order[k2]] === t; k2++) {
      const i = order[k2];
      S0 += risk[i];
      if (dev[i] === 1) {
        d++;
        S0D += risk[i];
      }
    }
    if (d > 0) {
      let h = 0;
      for (let m = 0; m < d; m++) h += 1 / (S0 - (m / d) * S0D);
      tDesc.push(t);
      hDesc.push(h);
    }
    k = k2;
  }
  const m = tDesc.length;
  const out = new Float64Array(m);
  const times = new Float64Array(m);
  let H = 0;
  for (let a = 0; a < m; a++) {
    H += hDesc[m - 1 - a];
    out[a] = H;
    times[a] = tDesc[m - 1 - a];
  }
  return { time: times, value: out };
}

/** One term r_c(x) Λ_c(t) of −log K(t | x). */
export interface WeightComponent {
  /** Multiplier per clone (exp(lp), or −log(1 − p̂)). */
  readonly risk: Float64Array;
  /** Step function (cumulative, right-continuous). */
  readonly baseline: StepFunction;
}

export interface ArmWeights {
  readonly fit: CcwCensoringFit | null;
  /** −log K(t | x) = Σ_c risk_c Λ_c(t); empty when no clone deviated (all weights 1). */
  readonly components: readonly WeightComponent[];
  /** Numerator hazard of the stabilised weights (empty when unstabilised). */
  readonly numerator: StepFunction;
  readonly warnings: string[];
}

/** Values (Λ_1(t−), …, Λ_C(t−), Λ_num(t−)) that fix every clone's weight at t. */
export function weightState(wts: ArmWeights, t: number): number[] {
  return [...wts.components.map((c) => stepLeft(c.baseline, t)), stepLeft(wts.numerator, t)];
}

/** log weight of clone i in a state from weightState (state laid out at `offset` in `state`). */
export function logWeightIn(wts: ArmWeights, i: number, state: ArrayLike<number>, offset = 0): number {
  const C = wts.components.length;
  let lw = -state[offset + C];
  for (let c = 0; c < C; c++) lw += wts.components[c].risk[i] * state[offset + c];
  return lw;
}

/** log w_i(t) = Σ_c r_c,i Λ_c(t−) − Λ_num(t−). */
export function logWeight(wts: ArmWeights, i: number, t: number): number {
  return logWeightIn(wts, i, weightState(wts, t));
}

/**
 * Runs of event times with one weight state: `blockOf[k]` for event k, `blockStart` (length B + 1) and the
 * states, B × (C + 1) row-major.
 */
export interface WeightBlocks {
  readonly blockOf: Int32Array;
  readonly blockStart: Int32Array;
  readonly state: Float64Array;
  /** Length of one state row (C + 1). */
  readonly width: number;
}

export function weightBlocks(events: Float64Array, wts: ArmWeights): WeightBlocks {
  const m = events.length;
  const width = wts.components.length + 1;
  const blockOf = new Int32Array(m);
  const starts: number[] = [];
  const states: number[] = [];
  let prev: number[] | null = null;
  for (let k = 0; k < m; k++) {
    const st = weightState(wts, events[k]);
    if (prev === null || st.some((v, c) => v !== prev![c])) {
      starts.push(k);
      states.push(...st);
      prev = st;
    }
    blockOf[k] = starts.length - 1;
  }
  if (starts.length === 0) states.push(...new Array<number>(width).fill(0));
  starts.push(m);
  return { blockOf, blockStart: Int32Array.from(starts), state: Float64Array.from(states), width };
}

/** Model of the time to deviation (types.ts CcwCensoringModel) and its number of periods. */
export interface CensoringModelSpec {
  readonly model: "cox" | "piecewise";
  /** Periods of the piecewise Cox model (≥ 1). */
  readonly periods: number;
}

export const DEFAULT_CENSORING: CensoringModelSpec = { model: "piecewise", periods: 4 };

/** Fits one arm's censoring model; `label` names the arm in warnings. */
export function armWeights(
  arm: ArmClones,
  x: Float64Array,
  p: number,
  columnNames: readonly string[],
  stabilized: boolean,
  label: string,
  spec: CensoringModelSpec = { model: "cox", periods: 1 },
): ArmWeights {
  const n = arm.tc.length;
  let deviations = 0;
  const devTimes = new Set<number>();
  for (let i = 0; i < n; i++) {
    deviations += arm.dev[i];
    if (arm.dev[i] === 1) devTimes.add(arm.tc[i]);
  }
  if (deviations === 0) return { fit: null, components: [], numerator: EMPTY_STEP, warnings: [] };
  if (spec.model === "piecewise" && devTimes.size === 1) return logisticAtOneTime(arm, x, p, columnNames, stabilized, label, [...devTimes][0]);
  const numerator = stabilized ? nullHazard(arm) : EMPTY_STEP;
  if (p === 0) {
    const fit: CcwCensoringFit = { model: "cox", columnNames: [], coef: [], se: [], converged: true, iterations: 0 };
    return { fit, components: [{ risk: new Float64Array(n).fill(1), baseline: nullHazard(arm) }], numerator, warnings: [] };
  }
  const cuts = spec.model === "piecewise" ? periodCuts(arm, spec.periods) : [];
  const bounds = [0, ...cuts, Number.POSITIVE_INFINITY];
  const components: WeightComponent[] = [];
  const warnings: string[] = [];
  const names: string[] = [];
  const coef: (number | null)[] = [];
  const se: (number | null)[] = [];
  let converged = true;
  let iterations = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k];
    const b = bounds[k + 1];
    // clones still in follow-up at a, followed up to min(tc, b): no deviation time is ≤ a, so the
    // right-censored fit equals the left-truncated one (entry a)
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (k === 0 || arm.tc[i] > a) rows.push(i);
    const m = rows.length;
    const xs = new Float64Array(m * p);
    for (let j = 0; j < p; j++) for (let r = 0; r < m; r++) xs[j * m + r] = x[j * n + rows[r]];
    const time = Float64Array.from(rows, (i) => Math.min(arm.tc[i], b));
    const status = Int32Array.from(rows, (i) => (arm.dev[i] === 1 && arm.tc[i] <= b ? 1 : 0));
    const input: CoxInput = { time, status, x: xs, p, columnNames };
    const cox = coxFitWithoutConcordance(input, { ties: "efron" });
    const tag = bounds.length > 2 ? ` (period ${k + 1}: ${fmt(a)} to ${Number.isFinite(b) ? fmt(b) : "end"})` : "";
    warnings.push(...cox.warnings.map((w) => `censoring model (${label})${tag}: ${w}`));
    const rr = Float64Array.from(cox.linearPredictors, (v) => Math.exp(v));
    const baseline = efronBaseline(fittedTimes(input, cox).time, status, rr);
    // every clone's exp(lp) in the fit's own centring: lp = xβ − (x_r β − lp_r) for a row r of the fit
    const beta = cox.terms.map((t) => t.coef ?? 0);
    const xb = (src: Float64Array, nn: number, i: number): number => {
      let v = 0;
      for (let j = 0; j < p; j++) v += beta[j] * src[j * nn + i];
      return v;
    };
    let risk = rr; // the first period holds every clone
    if (m < n) {
      const shift = m > 0 ? xb(xs, m, 0) - cox.linearPredictors[0] : 0;
      risk = new Float64Array(n);
      for (let i = 0; i < n; i++) risk[i] = Math.exp(xb(x, n, i) - shift);
    }
    components.push({ risk, baseline });
    names.push(...columnNames.map((c) => `${c}${tag}`));
    coef.push(...cox.terms.map((t) => t.coef));
    se.push(...cox.terms.map((t) => t.se));
    converged &&= cox.converged;
    iterations = Math.max(iterations, cox.iterations);
  }
  const fit: CcwCensoringFit = {
    model: bounds.length > 2 ? "cox-by-period" : "cox",
    columnNames: names,
    coef,
    se,
    converged,
    iterations,
    ...(bounds.length > 2 ? { periods: bounds.slice(0, -1).map((a, k) => ({ start: a, end: bounds[k + 1] })) } : {}),
  };
  return { fit, components, numerator, warnings };
}

const fmt = (v: number): string => String(Number(v.toPrecision(4)));

/**
 * Period boundaries of the piecewise model: the deviation times at the quantiles k/K (type 1, the
 * ⌈kD/K⌉-th smallest of the D deviation times), distinct and below the last deviation time.
 */
export function periodCuts(arm: ArmClones, periods: number): number[] {
  const t: number[] = [];
  for (let i = 0; i < arm.tc.length; i++) if (arm.dev[i] === 1) t.push(arm.tc[i]);
  t.sort((a, b) => a - b);
  const D = t.length;
  const cuts: number[] = [];
  for (let k = 1; k < periods; k++) {
    const c = t[Math.max(0, Math.ceil((k * D) / periods) - 1)];
    if (c < t[D - 1] && (cuts.length === 0 || c > cuts[cuts.length - 1])) cuts.push(c);
  }
  return cuts;
}

/** Logistic model of a deviation that can only happen at time g, among the clones still in follow-up at g. */
function logisticAtOneTime(arm: ArmClones, x: Float64Array, p: number, columnNames: readonly string[], stabilized: boolean, label: string, g: number): ArmWeights {
  const n = arm.tc.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (arm.tc[i] >= g) rows.push(i);
  const m = rows.length;
  let d = 0;
  for (const i of rows) d += arm.dev[i];
  const xs = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let r = 0; r < m; r++) xs[j * m + r] = x[j * n + rows[r]];
  // without covariates the fit is closed-form: p̂ = d/m (the stabilised weights are then exactly 1)
  const fitL = p === 0 ? null : logisticRegression({ y: Int32Array.from(rows, (i) => arm.dev[i]), x: xs, columnNames, addIntercept: true });
  const beta = fitL === null ? [Math.log(d / (m - d))] : fitL.coefficients.map((c) => c.estimate ?? 0);
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = beta[0];
    for (let j = 0; j < p; j++) eta += beta[j + 1] * x[j * n + i];
    // −log(1 − expit(η)) = log(1 + e^η), computed without overflow
    risk[i] = fitL === null ? -Math.log1p(-d / m) : eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
  }
  const step: StepFunction = { time: Float64Array.of(g), value: Float64Array.of(1) };
  const numerator: StepFunction = stabilized ? { time: Float64Array.of(g), value: Float64Array.of(-Math.log1p(-d / m)) } : EMPTY_STEP;
  const fit: CcwCensoringFit =
    fitL === null
      ? { model: "logistic", columnNames: ["(Intercept)"], coef: beta, se: [Math.sqrt(1 / d + 1 / (m - d))], converged: true, iterations: 0 }
      : {
          model: "logistic",
          columnNames: fitL.coefficients.map((c) => c.name),
          coef: fitL.coefficients.map((c) => c.estimate),
          se: fitL.coefficients.map((c) => c.se),
          converged: fitL.convergence.converged,
          iterations: fitL.convergence.iterations,
        };
  return { fit, components: [{ risk, baseline: step }], numerator, warnings: (fitL?.warnings ?? []).map((w) => `censoring model (${label}): ${w}`) };
}
