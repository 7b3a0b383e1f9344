/**
 * One run of the clone–censor–weight pipeline on validated data: clone, fit the censoring models, weight
 * (risk sums over runs of event times with equal weights), weighted Kaplan–Meier per strategy, survival and RMST at the requested times, per-protocol
 * hazard ratio. Used for the estimate and for every bootstrap replicate.
 *
 * Per-protocol HR: weighted Cox of the strategy on the cloned rows, Efron ties, robust variance summed
 * by patient (Lin & Wei 1989, doi:10.1080/01621459.1989.10478874). R equivalent:
 * coxph(Surv(tstart, tstop, status) ~ arm, data = split, weights = w, cluster = id).
 */
import { cloneArm, type ArmClones, type Strategy } from "./clone.js";
import { kaplanMeierFromSums, restrictedMean, survivalAt } from "./curve.js";
import { armInfluences, differenceSe, rmstMultipliers, survivalMultipliers } from "./influence.js";
import { pooledCox } from "./pooled-cox.js";
import { armRiskSums } from "./risk-sums.js";
import { endWeights, eventTimes } from "./rows.js";
import type { CcwCurve, CcwCensoringFit, CcwInput } from "./types.js";
import { armWeights, type ArmWeights, type CensoringModelSpec } from "./weights.js";

export interface PipelineSettings {
  readonly grace: number;
  readonly times: readonly number[];
  readonly tau: number | null;
  readonly stabilized: boolean;
  readonly confLevel: number;
  /** Censoring (deviation) model and its periods (weights.ts). */
  readonly censoring: CensoringModelSpec;
}

export interface ArmEstimate {
  readonly strategy: Strategy;
  readonly clones: ArmClones;
  readonly censoringModel: CcwCensoringFit | null;
  /** The fitted censoring weights (the weight diagnostics read them, diagnostics.ts). */
  readonly weights: ArmWeights;
  readonly endWeights: Float64Array;
  readonly curve: CcwCurve;
  readonly survival: (number | null)[];
  readonly rmst: number | null;
  readonly maxFollowUp: number;
}

export interface HrEstimate {
  readonly coef: number;
  readonly robustSe: number;
  readonly naiveSe: number;
  readonly converged: boolean;
  /** The fit flagged the coefficient as possibly infinite. */
  readonly infinite: boolean;
  readonly warnings: readonly string[];
}

export interface PipelineEstimate {
  readonly arms: readonly [ArmEstimate, ArmEstimate];
  readonly hr: HrEstimate | null;
  /**
   * Infinitesimal-jackknife SE (weights held fixed, influence.ts) of the survival differences at the times and
   * of the RMST difference, NaN where the difference is not estimable: the scale of the bootstrap-t interval.
   */
  readonly analyticSe: number[];
  readonly warnings: string[];
}

export const ARM_LABELS: Readonly<Record<Strategy, string>> = {
  treat: "treatment within the grace period",
  control: "no treatment within the grace period",
};

export function runPipeline(input: CcwInput, s: PipelineSettings): PipelineEstimate {
  const warnings: string[] = [];
  const strategies: readonly Strategy[] = ["treat", "control"];
  const clones = strategies.map((st) => cloneArm(input.time, input.status, input.treatmentTime, s.grace, st));
  const wts = strategies.map((st, a) => armWeights(clones[a], input.x, input.p, input.columnNames, s.stabilized, ARM_LABELS[st], s.censoring));
  for (const w of wts) warnings.push(...w.warnings);
  const events = eventTimes(clones);
  const sums = strategies.map((_, a) => armRiskSums(clones[a], wts[a], events));
  const armEstimate = (a: number): ArmEstimate => {
    const strategy = strategies[a];
    const c = clones[a];
    let maxFollowUp = 0;
    for (let i = 0; i < c.tc.length; i++) maxFollowUp = Math.max(maxFollowUp, c.tc[i]);
    const curve = kaplanMeierFromSums(events, sums[a], c.tc);
    return {
      strategy,
      clones: c,
      censoringModel: wts[a].fit,
      weights: wts[a],
      endWeights: endWeights(c, wts[a]),
      curve,
      survival: s.times.map((t) => (t > maxFollowUp ? null : survivalAt(curve, t))),
      rmst: s.tau === null || s.tau > maxFollowUp ? null : restrictedMean(curve, s.tau),
      maxFollowUp,
    };
  };
  const arms: [ArmEstimate, ArmEstimate] = [armEstimate(0), armEstimate(1)];
  // the functionals whose difference is defined: survival at each time, then the RMST (one pass per arm)
  const tau = s.tau;
  const defined = [...s.times.map((_, k) => arms[0].survival[k] !== null && arms[1].survival[k] !== null), tau !== null && arms[0].rmst !== null && arms[1].rmst !== null];
  const multipliers = (a: number): Float64Array[] => [...s.times.map((t) => survivalMultipliers(events, sums[a], t)), ...(tau === null ? [] : [rmstMultipliers(events, sums[a], tau)])];
  const infl = [0, 1].map((a) => armInfluences(clones[a], wts[a], events, sums[a], multipliers(a)));
  const analyticSe = defined.map((ok, j) => (ok ? differenceSe(infl[0][j], infl[1][j]) : Number.NaN));
  const fit = pooledCox(events, [clones[0], clones[1]], [wts[0], wts[1]], [sums[0], sums[1]]);
  const hr: HrEstimate | null =
    fit === null
      ? null
      : {
          ...fit,
          warnings: [
            ...(fit.converged ? [] : ["Ran out of iterations (20) and did not converge"]),
            ...(fit.infinite ? ["the strategy coefficient may be infinite (monotone likelihood, e.g. no events in one arm)"] : []),
          ],
        };
  return { arms, hr, analyticSe, warnings };
}

/**
 * Statistic vector of a run: survival differences at the times, RMST difference, log HR (NaN when not
 * available or diverged; all NaN when a censoring model did not converge).
 */
export function pipelineStatistics(e: PipelineEstimate, s: PipelineSettings): number[] {
  const [tr, co] = e.arms;
  // a censoring model that ran out of iterations gives unreliable weights: the whole replicate fails
  if (e.arms.some((a) => a.censoringModel !== null && !a.censoringModel.converged)) return statisticNames(s).map(() => Number.NaN);
  const out = s.times.map((_, k) => {
    const a = tr.survival[k];
    const b = co.survival[k];
    return a === null || b === null ? Number.NaN : a - b;
  });
  out.push(tr.rmst === null || co.rmst === null ? Number.NaN : tr.rmst - co.rmst);
  const hr = e.hr;
  out.push(hr === null || !hr.converged || hr.infinite || Math.abs(hr.coef) > 10 ? Number.NaN : hr.coef);
  return out;
}

/**
 * Analytic SE of each statistic of pipelineStatistics, in its order: the IJ SEs of the differences, the robust SE of
 * the log HR; NaN where the statistic is NaN.
 */
export function pipelineStandardErrors(e: PipelineEstimate, s: PipelineSettings): number[] {
  const stats = pipelineStatistics(e, s);
  const se = [...e.analyticSe, e.hr === null ? Number.NaN : e.hr.robustSe];
  return se.map((v, j) => (Number.isFinite(stats[j]) && v > 0 && Number.isFinite(v) ? v : Number.NaN));
}

/**
 * Each arm's survival at each time of a run, times × [treat, control]; NaN past an arm's follow-up, and everywhere
 * when a censoring model did not converge (the replicate fails, as in pipelineStatistics).
 */
export function pipelineArmSurvival(e: PipelineEstimate, s: PipelineSettings): [number, number][] {
  const failed = e.arms.some((a) => a.censoringModel !== null && !a.censoringModel.converged);
  return s.times.map((_, k) => {
    const at = (a: ArmEstimate): number => (failed ? Number.NaN : (a.survival[k] ?? Number.NaN));
    return [at(e.arms[0]), at(e.arms[1])];
  });
}

export function statisticNames(s: PipelineSettings): string[] {
  return [...s.times.map((t) => `survDifference@${t}`), "rmstDifference", "logHR"];
}
