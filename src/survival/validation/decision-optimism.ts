/**
 * Bootstrap optimism correction of the smoothed calibration (ICI, E50, E90; Austin, Harrell & van Klaveren 2020,
 * Stat Med 39:2714–2742, doi:10.1002/sim.8570, §3.3) and of the decision curve's net benefit (Vickers, Cronin,
 * Elkin & Gonen 2008, BMC Med Inform Decis Mak 8:53, "correction for overfit") at a horizon t, with Harrell's
 * bootstrap as bootstrapOptimism (optimism.ts) runs it — the same seeded resamples for the same (seed, B):
 *   for b = 1..B: draw n rows with replacement, refit the Cox model (β_b, baseline Ŝ_0b(t) on the resample,
 *   optionally shrunk by the fixed factor s with the baseline re-estimated), predict Ŝ_b(t | x) on the resample
 *   ("training") and on the original data ("test"), and compute ICI/E50/E90 (decision.ts smoothedCalibration) and
 *   NB(p_t) (decision.ts decisionCurve) on each;  optimism O = mean_b (training − test);  corrected = apparent − O.
 * A replicate whose calibration is undefined (knots not distinct, a prediction of exactly 0 or 1) counts for the net
 * benefit only; a resample without events is skipped, as in bootstrapOptimism.
 * R: the same loop in base R + survival + rms (tools/oracle/decision-optimism.R) over resamples exported in the fixture.
 * Cost: per replicate one Cox refit, two 2-covariate Cox fits (the calibration models) and O(n) per threshold.
 */
import { optionError } from "../../errors.js";
import { coxFitWithoutConcordance } from "../cox/fit.js";
import type { CoxControl, CoxInput } from "../cox/types.js";
import { decisionCurve, shrinkCoxModel, smoothedCalibration } from "./decision.js";
import { linearPredictor, predictedSurvival, subsetCoxInput, type CoxModelFit } from "./model.js";
import { bootstrapResample, type OptimismIndex } from "./optimism.js";

export type CalibrationIndexName = "ici" | "e50" | "e90";

/** One optimism-corrected number: the validation's index record without its name. */
export type OptimismValue = Omit<OptimismIndex, "name">;

export interface DecisionOptimismOptions {
  /** Net-benefit thresholds p_t in (0, 1). */
  readonly thresholds: readonly number[];
  /** Bootstrap replicates; default 200 (as bootstrapOptimism). */
  readonly B?: number;
  /** Seed of the resamples; default 1. */
  readonly seed?: number;
  /** Explicit resamples (0-based row indices, each of length n) instead of seeded draws (checks against R). */
  readonly resamples?: readonly (readonly number[])[];
  /** Uniform shrinkage s ∈ (0, 1] applied to every refit (baseline re-estimated), as to the model put to use; default 1. */
  readonly shrinkage?: number;
  readonly control?: CoxControl;
}

export interface DecisionOptimismResult {
  readonly method: "bootstrap-optimism";
  readonly horizon: number;
  readonly B: number;
  /** ICI, E50, E90 of the smoothed calibration; null when the apparent calibration is undefined. */
  readonly calibration: Readonly<Record<CalibrationIndexName, OptimismValue>> | null;
  /** Net benefit of the model per threshold (treat all does not depend on the model: not corrected). */
  readonly netBenefit: readonly (OptimismValue & { readonly threshold: number; readonly netBenefitAll: number })[];
  readonly options: { readonly B: number; readonly seed: number | null; readonly resamples: "seeded" | "given"; readonly shrinkage: number };
  readonly warnings: readonly string[];
}

/** Ŝ(t | x) of `rows` under `fit` (fitted on `fitInput`), shrunk by s with the baseline re-estimated on `fitInput`. */
function survivalAt(rows: readonly CoxInput[], fitInput: CoxInput, fit: CoxModelFit, s: number, horizon: number): number[][] {
  const model = shrinkCoxModel(fitInput, fit, s, horizon);
  return rows.map((r) => predictedSurvival(linearPredictor(r, model.coef), model));
}

function summarise(apparent: number, train: readonly number[], test: readonly number[]): OptimismValue {
  const k = train.length;
  let a = 0;
  let b = 0;
  for (let i = 0; i < k; i++) {
    a += train[i];
    b += test[i];
  }
  const training = a / k;
  const testMean = b / k;
  return { apparent, training, test: testMean, optimism: training - testMean, corrected: apparent - (training - testMean), nReplicates: k };
}

/**
 * Optimism-corrected ICI/E50/E90 and net benefit of a Cox prediction model at `horizon`.
 *
 * @example
 * ```ts
 * const r = decisionOptimism(input, 60, { thresholds: [0.1, 0.2, 0.3], B: 200, seed: 1 });
 * r.calibration?.ici.corrected; // ICI expected in new patients like these
 * ```
 */
export function decisionOptimism(input: CoxInput, horizon: number, options: DecisionOptimismOptions): Readonly<DecisionOptimismResult> {
  const n = input.time.length;
  const given = options.resamples;
  const B = given ? given.length : options.B ?? 200;
  if (!Number.isInteger(B) || B < 1 || B > 100000) throw optionError("B", "an integer from 1 to 100000", options.B);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw optionError("seed", "an integer", options.seed);
  if (given && given.some((r) => r.length !== n || r.some((i) => !Number.isInteger(i) || i < 0 || i >= n))) {
    throw optionError("resamples", `arrays of ${n} row indices in [0, ${n - 1}]`, "(invalid resample)");
  }
  const s = options.shrinkage ?? 1;
  if (!(s > 0 && s <= 1)) throw optionError("shrinkage", "a number in (0, 1]", s);
  if (!(horizon > 0) || !Number.isFinite(horizon)) throw optionError("horizon", "a positive number", horizon);
  const thresholds = options.thresholds;
  const control = { ...(options.control ?? {}), robust: false };
  const fit = coxFitWithoutConcordance(input, control);
  const [apparentSurv] = survivalAt([input], input, fit, s, horizon);
  const apparentCal = smoothedCalibration(input.time, input.status, apparentSurv, horizon);
  const apparentDc = decisionCurve(input.time, input.status, apparentSurv.map((v) => 1 - v), horizon, thresholds);
  const names: CalibrationIndexName[] = ["ici", "e50", "e90"];
  const calTrain: Record<CalibrationIndexName, number[]> = { ici: [], e50: [], e90: [] };
  const calTest: Record<CalibrationIndexName, number[]> = { ici: [], e50: [], e90: [] };
  const nbTrain: number[][] = thresholds.map(() => []);
  const nbTest: number[][] = thresholds.map(() => []);
  let nNotConverged = 0;
  let nSkipped = 0;
  for (let b = 0; b < B; b++) {
    const idx = given ? given[b] : bootstrapResample(n, seed, b);
    const boot = subsetCoxInput(input, idx);
    let nEv = 0;
    for (let k = 0; k < n; k++) nEv += boot.status[k];
    if (nEv === 0) {
      nSkipped++;
      continue;
    }
    const fitB = coxFitWithoutConcordance(boot, control);
    if (!fitB.converged) nNotConverged++;
    const [sTrain, sTest] = survivalAt([boot, input], boot, fitB, s, horizon);
    const dTrain = decisionCurve(boot.time, boot.status, sTrain.map((v) => 1 - v), horizon, thresholds);
    const dTest = decisionCurve(input.time, input.status, sTest.map((v) => 1 - v), horizon, thresholds);
    thresholds.forEach((_, k) => {
      nbTrain[k].push(dTrain.points[k].netBenefitModel);
      nbTest[k].push(dTest.points[k].netBenefitModel);
    });
    if (apparentCal === null) continue;
    const cTrain = smoothedCalibration(boot.time, boot.status, sTrain, horizon);
    const cTest = smoothedCalibration(input.time, input.status, sTest, horizon);
    if (cTrain === null || cTest === null) continue;
    for (const k of names) {
      calTrain[k].push(cTrain[k]);
      calTest[k].push(cTest[k]);
    }
  }
  const warnings: string[] = [];
  if (nNotConverged > 0) warnings.push(`${nNotConverged} of ${B} bootstrap refits did not converge`);
  if (nSkipped > 0) warnings.push(`${nSkipped} of ${B} bootstrap samples had no event and were skipped`);
  if (apparentCal === null) warnings.push("the smoothed calibration is undefined for these predictions (too few distinct predicted risks, or a risk of exactly 0 or 1)");
  else if (calTrain.ici.length < B - nSkipped) warnings.push(`the smoothed calibration was undefined in ${B - nSkipped - calTrain.ici.length} bootstrap samples, left out of its correction`);
  const calibration = apparentCal === null || calTrain.ici.length === 0 ? null : { ici: summarise(apparentCal.ici, calTrain.ici, calTest.ici), e50: summarise(apparentCal.e50, calTrain.e50, calTest.e50), e90: summarise(apparentCal.e90, calTrain.e90, calTest.e90) };
  const netBenefit = apparentDc.points.map((p, k) => ({ threshold: p.threshold, netBenefitAll: p.netBenefitAll, ...summarise(p.netBenefitModel, nbTrain[k], nbTest[k]) }));
  return {
    method: "bootstrap-optimism",
    horizon,
    B,
    calibration,
    netBenefit,
    options: { B, seed: given ? null : seed, resamples: given ? "given" : "seeded", shrinkage: s },
    warnings,
  };
}
