/**
 * Bootstrap optimism correction of a Cox prediction model's performance (Harrell, Lee & Mark 1996,
 * doi:10.1002/(SICI)1097-0258(19960229)15:4<361::AID-SIM168>3.0.CO;2-4; Efron 1983, doi:10.1080/01621459.1983.10477973),
 * as R `rms::validate(cph(..., x = TRUE, y = TRUE, surv = TRUE), method = "boot", B)` does it:
 *   for b = 1..B: draw n rows with replacement, refit the Cox model (β_b), and compute each index on
 *   the bootstrap sample with η = Xβ_b ("training", I_b^train) and on the original data with η = Xβ_b
 *   ("test", I_b^test);  optimism O = mean_b (I_b^train − I_b^test);  corrected = apparent − O.
 * Indices: Harrell's C, Uno's C (τ), AUC(t) (when a horizon is given), the calibration slope γ
 * (training slope ≡ 1, as rms sets it; test slope = coef of coxph(Surv ~ Xβ_b) on the original data) and
 * the calibration intercept log(O/E) (calibration-in-the-large with the bootstrap model's baseline hazard;
 * a Cox model has no intercept of its own and rms::validate.cph reports none).
 * R check: the same loop in base R (tools/oracle/validation.R) over resample indices exported in the
 * fixture; rms::validate itself draws with R's RNG, so it is compared only loosely.
 * Seeding: replicate b draws its n indices with xoroshiro128+ (pure-rand) seeded with
 * replicateSeed(seed, b) (src/causal/bootstrap.ts), so results depend only on (seed, B).
 * Deliberate differences: rms reports Dxy = 2(C − ½) from Hmisc's rcorr.cens; survinfer reports C as
 * survival::concordance counts it (ties in η count ½).
 * Cost: O(B · (Cox fit + n log n)). The apparent indices go through the front doors; each replicate gets the
 * same numbers bit for bit with the work shared (test/unit/validation-fast-path.test.ts): the refits skip
 * coxph's concordance, the original data's time order, Uno and AUC weights and the slope fit's sorted rows
 * are prepared once, η = Xβ_b is ranked once for both samples (indices.ts), Λ̂₀ of the refit once (model.ts).
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { optionError } from "../../errors.js";
import { replicateSeed } from "../../causal/bootstrap.js";
import { coxFitWithoutConcordance, type CoxRows } from "../cox/fit.js";
import type { CoxControl, CoxInput } from "../cox/types.js";
import { concordance } from "./concordance.js";
import { discriminationIndices, prepareIndexSample, rankScores, resampleIndexSample, type IndexSample } from "./indices.js";
import { baselineHazard, calibrationIntercept, calibrationSlope, centreOf, expectedEvents, expectedEventsFrom, linearPredictor, prepareSlopeRows, slopeOnRows, subsetCoxInput, type CoxModelFit } from "./model.js";
import { timeAuc } from "./time-auc.js";

export type ValidationIndexName = "harrellC" | "unoC" | "auc" | "slope" | "intercept";

export interface OptimismIndex {
  readonly name: ValidationIndexName;
  readonly apparent: number;
  /** Mean over replicates of the index on the bootstrap sample. */
  readonly training: number;
  /** Mean over replicates of the index on the original data. */
  readonly test: number;
  readonly optimism: number;
  readonly corrected: number;
  /** Replicates where the index was defined (finite in both samples). */
  readonly nReplicates: number;
}

export interface OptimismOptions {
  /** Number of bootstrap replicates; default 200. */
  readonly B?: number;
  /** Seed of the resamples; default 1. */
  readonly seed?: number;
  /** Explicit resamples (0-based row indices, each of length n) instead of seeded draws (for checks against R). */
  readonly resamples?: readonly (readonly number[])[];
  /** Horizon t of AUC(t); no AUC without it. */
  readonly time?: number | null;
  /** Truncation τ of Uno's C; default none. */
  readonly tau?: number | null;
  readonly control?: CoxControl;
}

export interface OptimismResult {
  readonly method: "bootstrap-optimism";
  readonly B: number;
  readonly indices: OptimismIndex[];
  /** Replicates whose refit did not converge (kept, as rms keeps them unless the fit fails). */
  readonly nNotConverged: number;
  readonly options: { readonly B: number; readonly seed: number | null; readonly resamples: "seeded" | "given"; readonly time: number | null; readonly tau: number | null; readonly generator: "xoroshiro128+ seeded with mix32(seed, replicate)" };
  readonly warnings: string[];
}

type IndexValues = Record<ValidationIndexName, number>;

/**
 * Indices of the model (`fitInput`, `fit`) evaluated on `rows` (training: rows = fitInput, slope ≡ 1) through
 * the front doors; the apparent indices, and the reference the loop's fast path (`replicateIndices`) equals.
 */
function indicesOf(rows: CoxInput, fitInput: CoxInput, fit: CoxModelFit, time: number | null, tau: number | null, training: boolean): IndexValues {
  const lp = linearPredictor(rows, fit.coef);
  return {
    harrellC: concordance(rows.time, rows.status, lp).value,
    unoC: concordance(rows.time, rows.status, lp, { timeWeight: "n/G2", tau }).value,
    auc: time === null ? Number.NaN : timeAuc(rows.time, rows.status, lp, time).auc,
    slope: training ? 1 : calibrationSlope(rows.time, rows.status, lp).slope,
    intercept: calibrationIntercept(rows.status, expectedEvents(rows, fitInput, fit)).intercept,
  };
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/**
 * Training (bootstrap sample `boot` = rows `idx`) and test (original data) indices of the refit `fitB`: the
 * numbers of indicesOf(boot, boot, fitB, …, true) and indicesOf(input, boot, fitB, …, false), with the work
 * shared — the original data's times prepared once (`original`, and `slopeRows` for the slope's Cox fit), one ranking of η = Xβ_b for both samples
 * (a bootstrap row's η is its original row's η, bit for bit), one baseline hazard Λ̂₀ of the refit.
 */
function replicateIndices(input: CoxInput, original: IndexSample, slopeRows: CoxRows, boot: CoxInput, idx: ArrayLike<number>, fitB: CoxModelFit, time: number | null, tau: number | null): { train: IndexValues; test: IndexValues } {
  const lp = linearPredictor(input, fitB.coef);
  // non-finite η: the front doors report it exactly as before
  if (!allFinite(lp)) return { train: indicesOf(boot, boot, fitB, time, tau, true), test: indicesOf(input, boot, fitB, time, tau, false) };
  const n = idx.length;
  const lpBoot = new Float64Array(n);
  const ranks = rankScores(original, lp);
  const rankBoot = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    lpBoot[k] = lp[idx[k]];
    rankBoot[k] = ranks.rank[idx[k]];
  }
  const hazard = baselineHazard(boot, fitB);
  const centre = centreOf(fitB);
  const dTrain = discriminationIndices(resampleIndexSample(original, idx, boot.time, boot.status), { rank: rankBoot, m: ranks.m });
  const dTest = discriminationIndices(original, ranks);
  return {
    train: { ...dTrain, slope: 1, intercept: calibrationIntercept(boot.status, expectedEventsFrom(hazard, boot.time, lpBoot, centre)).intercept },
    test: { ...dTest, slope: slopeOnRows(slopeRows, lp).slope, intercept: calibrationIntercept(input.status, expectedEventsFrom(hazard, input.time, lp, centre)).intercept },
  };
}

/** The n row indices of bootstrap replicate b (0-based). */
export function bootstrapResample(n: number, seed: number, b: number): Int32Array {
  const rng = xoroshiro128plus(replicateSeed(seed, b));
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = uniformInt(rng, 0, n - 1);
  return out;
}

/**
 * Harrell's bootstrap optimism correction of C (Harrell, Uno), AUC(t) and the calibration slope.
 *
 * @example
 * ```ts
 * const r = bootstrapOptimism(input, { B: 200, seed: 1, time: 60 });
 * r.indices.find((i) => i.name === "harrellC")!.corrected;
 * ```
 */
export function bootstrapOptimism(input: CoxInput, options: OptimismOptions = {}): Readonly<OptimismResult> {
  const n = input.time.length;
  const given = options.resamples;
  const B = given ? given.length : options.B ?? 200;
  if (!Number.isInteger(B) || B < 1 || B > 100000) throw optionError("B", "an integer from 1 to 100000", options.B);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw optionError("seed", "an integer", options.seed);
  if (given && given.some((r) => r.length !== n || r.some((i) => !Number.isInteger(i) || i < 0 || i >= n))) {
    throw optionError("resamples", `arrays of ${n} row indices in [0, ${n - 1}]`, "(invalid resample)");
  }
  const time = options.time ?? null;
  const tau = options.tau ?? null;
  const control = options.control ?? {};
  const fit = coxFitWithoutConcordance(input, { ...control, robust: false });
  const apparent = indicesOf(input, input, fit, time, tau, true);
  const names: ValidationIndexName[] = time === null ? ["harrellC", "unoC", "slope", "intercept"] : ["harrellC", "unoC", "auc", "slope", "intercept"];
  const zero = (): IndexValues => ({ harrellC: 0, unoC: 0, auc: 0, slope: 0, intercept: 0 });
  const sumTrain = zero();
  const sumTest = zero();
  const count = zero();
  let nNotConverged = 0;
  const warnings: string[] = [];
  // the original data's times are the same in every replicate: their sort, Uno weights and AUC weights once
  const original = prepareIndexSample(input.time, input.status, time, tau);
  const slopeRows = prepareSlopeRows(input.time, input.status);
  for (let b = 0; b < B; b++) {
    const idx = given ? given[b] : bootstrapResample(n, seed, b);
    const boot = subsetCoxInput(input, idx);
    let nEv = 0;
    for (let k = 0; k < n; k++) nEv += boot.status[k];
    if (nEv === 0) continue;
    const fitB = coxFitWithoutConcordance(boot, { ...control, robust: false });
    if (!fitB.converged) nNotConverged++;
    const { train, test } = replicateIndices(input, original, slopeRows, boot, idx, fitB, time, tau);
    for (const k of names) {
      if (Number.isFinite(train[k]) && Number.isFinite(test[k])) {
        sumTrain[k] += train[k];
        sumTest[k] += test[k];
        count[k]++;
      }
    }
  }
  if (nNotConverged > 0) warnings.push(`${nNotConverged} of ${B} bootstrap refits did not converge`);
  const indices = names.map((k): OptimismIndex => {
    const training = sumTrain[k] / count[k];
    const test = sumTest[k] / count[k];
    const optimism = training - test;
    return { name: k, apparent: apparent[k], training, test, optimism, corrected: apparent[k] - optimism, nReplicates: count[k] };
  });
  return {
    method: "bootstrap-optimism",
    B,
    indices,
    nNotConverged,
    options: { B, seed: given ? null : seed, resamples: given ? "given" : "seeded", time, tau, generator: "xoroshiro128+ seeded with mix32(seed, replicate)" },
    warnings,
  };
}
