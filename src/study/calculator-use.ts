/**
 * Whether the report offers the prediction model for use on new patients (the per-patient calculator and the
 * nomogram), by two checks of the fitted model, each documented in docs/methods.md ("When the calculator is offered"):
 *
 * 1. the minimum sample size for a prediction model by Riley et al. (BMJ 2020;368:m441; pmsampsize), with the
 *    anticipated R²_CS from the model's own likelihood-ratio statistic shrunk by van Houwelingen's S_VH
 *    (src/sensitivity/sample-size.ts `rileySampleSizeForModel`): fewer patients than the minimum fails; a model whose
 *    LR statistic does not exceed its parameters (S_VH ≤ 0: it explains no more than chance) fails too;
 * 2. discrimination in new patients: the optimism-corrected Harrell's C and the optimism-corrected AUC at the horizon
 *    (the apparent ones without a bootstrap) must both reach `minimumC` (spec analyses.prediction.minimumCStatistic,
 *    default 0.6: below it a model ranks patients little better than chance, 0.5).
 *
 * A model that fails either stays in the report as a development result (its table, performance, calibration), but
 * no calculator or nomogram invites its use; the report says which check failed, with the numbers.
 */
import { SurvinferError } from "../errors.js";
import { rileySampleSizeForModel } from "../sensitivity/sample-size.js";
import type { PredictionValidationResult } from "../survival/validation/index.js";

/** Default of analyses.prediction.minimumCStatistic. */
export const DEFAULT_MINIMUM_C = 0.6;

export type CalculatorCheck = "sample-size" | "no-signal" | "c-statistic";

export interface CalculatorUse {
  /** Whether the report offers the calculator and the nomogram. */
  readonly offered: boolean;
  /** The checks the model failed (empty when offered). */
  readonly failed: readonly CalculatorCheck[];
  /** Riley minimum (patients, events) for this model beside the patients and events it was fitted on; null without a signal. */
  readonly sampleSize: { readonly n: number; readonly events: number; readonly available: number; readonly availableEvents: number } | null;
  /** Harrell's C and AUC at the horizon, optimism-corrected when `corrected` (else apparent). */
  readonly discrimination: { readonly harrellC: number; readonly auc: number | null; readonly corrected: boolean };
  /** The threshold both must reach. */
  readonly minimumC: number;
}

/**
 * The two checks on a fitted prediction model. `time`, `status`: the model's patients (complete cases, the
 * endpoint's unit); `horizon`: the prediction time; `parameters`: the model's coefficients.
 */
export function calculatorUse(v: Pick<PredictionValidationResult, "fit" | "harrell" | "auc" | "optimism">, time: ArrayLike<number>, status: ArrayLike<number>, horizon: number, parameters: number, minimumC: number = DEFAULT_MINIMUM_C): CalculatorUse {
  const failed: CalculatorCheck[] = [];
  let personTime = 0;
  let events = 0;
  for (let i = 0; i < time.length; i++) {
    personTime += time[i];
    if (status[i] > 0) events++;
  }
  let sampleSize: CalculatorUse["sampleSize"] = null;
  const lr = 2 * (v.fit.loglik[1] - v.fit.loglik[0]);
  try {
    const s = rileySampleSizeForModel({ n: time.length, events, personTime, parameters, lrStatistic: lr, horizon });
    sampleSize = { n: s.n, events: Math.round(s.events), available: time.length, availableEvents: events };
    if (!s.available.enough) failed.push("sample-size");
  } catch (e) {
    // no signal (LR ≤ p, or no LR at all): the model explains no more than chance
    if (!(e instanceof SurvinferError)) throw e;
    failed.push("no-signal");
  }
  const corrected = (name: string): number | undefined => v.optimism?.indices.find((i) => i.name === name)?.corrected;
  const hasBootstrap = v.optimism !== null;
  const harrellC = corrected("harrellC") ?? v.harrell.value;
  const aucCorrected = corrected("auc");
  const auc = aucCorrected !== undefined && Number.isFinite(aucCorrected) ? aucCorrected : v.auc !== null && Number.isFinite(v.auc.auc) ? v.auc.auc : null;
  if (!(harrellC >= minimumC) || (auc !== null && !(auc >= minimumC))) failed.push("c-statistic");
  return { offered: failed.length === 0, failed, sampleSize, discrimination: { harrellC, auc, corrected: hasBootstrap }, minimumC };
}
