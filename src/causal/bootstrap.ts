/**
 * Seeded nonparametric bootstrap of the whole treatment-effect pipeline (PS model, matching and/or
 * weighting, Cox models, marginal survival and RMST contrasts), on worker threads or synchronously.
 *
 * Scheme (Efron & Tibshirani 1993; Austin & Small 2014, doi:10.1002/sim.6276, for resampling the whole
 * PS pipeline): replicate r draws patients with replacement — by default stratified by treatment group
 * (n₁ treated from the treated, n₀ controls from the controls, so every replicate has both groups with
 * the original sizes) — and re-runs the pipeline on the resample; a resampled patient appearing k times
 * is k distinct units (for matching and for the robust variance). Replicate r uses its own generator,
 * xoroshiro128+ (pure-rand) seeded with mix(seed, r), so replicate r is the same whatever the number of
 * workers and whichever worker runs it: results are identical for 1 and 2 workers and for the
 * synchronous fallback (no worker threads, e.g. in a browser). A replicate whose pipeline fails (e.g. a
 * covariate constant in the resample, no matched pair) gives NaN and is counted in `failed`; so does a
 * log HR whose Cox fit diverged (|log HR| > 10, no convergence, or the monotone-likelihood "may be
 * infinite" flag on the treatment). A statistic failed in more than `maxFailedShare` of the replicates
 * (default 10%) is not estimable by bootstrap: no interval, only "k of B replicates failed".
 *
 * Intervals: percentile (the ((B+1)α)-th and ((B+1)(1−α))-th order statistics of the finite replicates,
 * R's quantile type 6, the order statistics `boot::boot.ci(type = "perc")` takes; it interpolates between them
 * on the normal scale instead of linearly) and normal (estimate ± z·SD of the replicates). R's default type 7
 * would sit inside these order statistics (a 95 % interval covering about 94 % at B = 200).
 * HR intervals are the exponentiated log-HR intervals.
 * R equivalent (in spirit): `boot::boot(data, statistic, R, strata = treat)`; `boot.ci(type = c("perc", "norm"))`.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { optionError } from "../errors.js";
import { normalQuantile } from "../math/distributions.js";
import { quantile6 } from "../stats/descriptive.js";
import { runEffectPipeline, statisticNames, statisticValues } from "./effect/pipeline.js";
import type { EffectData, EffectSpec } from "./effect/types.js";

export interface BootstrapOptions {
  /** Number of replicates; default 1000. */
  readonly replicates?: number;
  /** Seed (integer); default 1. Recorded in the result. */
  readonly seed?: number;
  /** Resample within treatment groups (default true). */
  readonly stratify?: boolean;
  /** Confidence level of the intervals; default: the analysis' level (0.95). */
  readonly confLevel?: number;
  /** Worker threads (Node only); default os.availableParallelism(). 1 = synchronous, in this thread. */
  readonly workers?: number;
  /** Called after each finished replicate. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Largest share of failed or diverged replicates with which a statistic still gets an interval; above it
   * the statistic is "not estimable by bootstrap". Default 0.1 (10%).
   */
  readonly maxFailedShare?: number;
}

/** Default of `maxFailedShare`: more than 10% failed or diverged replicates and no interval is given. */
export const DEFAULT_MAX_FAILED_SHARE = 0.1;

export interface BootstrapInterval {
  readonly name: string;
  readonly estimate: number;
  /** SD of the finite replicates. */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly normalLower: number;
  readonly normalUpper: number;
  /** Replicates where the statistic could not be computed or diverged (|log HR| > 10, non-convergence, infinite coefficient). */
  readonly failed: number;
  /** failed / replicates. */
  readonly failedShare: number;
  /** False when failedShare > maxFailedShare (or fewer than 2 replicates are left): then the limits are NaN. */
  readonly estimable: boolean;
}

export interface BootstrapResult {
  readonly method: "nonparametric bootstrap of the whole pipeline";
  readonly replicates: number;
  readonly seed: number;
  readonly stratified: boolean;
  readonly confLevel: number;
  /** Share of failed or diverged replicates above which a statistic is not estimable by bootstrap. */
  readonly maxFailedShare: number;
  /** Replicates in which the pipeline failed altogether. */
  readonly failed: number;
  readonly names: readonly string[];
  readonly intervals: readonly BootstrapInterval[];
  /** Replicate values, replicates × statistics (row r = replicate r), NaN where not computed. */
  readonly values: readonly (readonly number[])[];
  readonly options: { readonly intervals: "percentile ((B+1)α order statistics) and normal"; readonly seeds: "xoroshiro128+ seeded with mix32(seed, replicate)" };
  readonly warnings: readonly string[];
}

function mix32(a: number): number {
  let h = a | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The seed of replicate r (0-based): a fixed integer hash of (seed, r). */
export function replicateSeed(seed: number, r: number): number {
  return mix32(mix32(seed) + Math.imul(r + 1, 0x9e3779b9));
}

/** Row indices of one resample: with replacement, within treatment groups when `stratify`. */
export function resampleIndices(treat: Int32Array, seed: number, stratify: boolean): Int32Array {
  const n = treat.length;
  const rng = xoroshiro128plus(seed | 0);
  const out = new Int32Array(n);
  if (!stratify) {
    for (let k = 0; k < n; k++) out[k] = uniformInt(rng, 0, n - 1);
    return out;
  }
  const groups: number[][] = [[], []];
  for (let i = 0; i < n; i++) groups[treat[i] === 1 ? 1 : 0].push(i);
  let k = 0;
  for (const g of groups) {
    for (let j = 0; j < g.length; j++) out[k++] = g[uniformInt(rng, 0, g.length - 1)];
  }
  return out;
}

/** The data of one resample (ids made unique: "<id>#<draw>"). */
export function resampleData(data: EffectData, idx: Int32Array): EffectData {
  const n0 = data.time.length;
  const n = idx.length;
  const x = new Float64Array(n * data.q);
  for (let j = 0; j < data.q; j++) for (let k = 0; k < n; k++) x[j * n + k] = data.x[j * n0 + idx[k]];
  return {
    time: Float64Array.from(idx, (i) => data.time[i]),
    status: Int32Array.from(idx, (i) => data.status[i]),
    treat: Int32Array.from(idx, (i) => data.treat[i]),
    x,
    q: data.q,
    columnNames: data.columnNames,
    ids: Array.from(idx, (i, k) => `${data.ids[i]}#${k + 1}`),
    ...(data.exact === undefined ? {} : { exact: Int32Array.from(idx, (i) => data.exact![i]) }),
  };
}

/** Statistic vector of replicate r (NaN-filled when the pipeline fails on the resample). */
export function runReplicate(data: EffectData, spec: EffectSpec, seed: number, r: number, stratify: boolean): number[] {
  const names = statisticNames(spec, data.q);
  try {
    const d = resampleData(data, resampleIndices(data.treat, replicateSeed(seed, r), stratify));
    return statisticValues(spec, data.q, runEffectPipeline(d, spec, false));
  } catch {
    return names.map(() => Number.NaN);
  }
}

interface ResolvedOptions {
  replicates: number;
  seed: number;
  stratify: boolean;
  confLevel: number;
  workers: number;
  maxFailedShare: number;
}

function resolve(options: BootstrapOptions, spec: EffectSpec, defaultWorkers: number): ResolvedOptions {
  const replicates = options.replicates ?? 1000;
  if (!Number.isInteger(replicates) || replicates < 2) throw optionError("bootstrap.replicates", "an integer ≥ 2", replicates);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw optionError("bootstrap.seed", "an integer", seed);
  const confLevel = options.confLevel ?? spec.confLevel;
  if (!(confLevel > 0 && confLevel < 1)) throw optionError("bootstrap.confLevel", "a number in (0, 1)", confLevel);
  const workers = options.workers ?? defaultWorkers;
  if (!Number.isInteger(workers) || workers < 1) throw optionError("bootstrap.workers", "an integer ≥ 1", workers);
  const maxFailedShare = options.maxFailedShare ?? DEFAULT_MAX_FAILED_SHARE;
  if (!(typeof maxFailedShare === "number" && maxFailedShare >= 0 && maxFailedShare < 1)) throw optionError("bootstrap.maxFailedShare", "a share in [0, 1), e.g. 0.1", maxFailedShare);
  return { replicates, seed, stratify: options.stratify ?? true, confLevel, workers, maxFailedShare };
}

const SAMPLE_WORDS: Readonly<Record<string, string>> = {
  crude: "crude Cox", multivariable: "multivariable Cox", matched: "PS-matched Cox", matchedStratified: "PS-matched Cox stratified on matched set",
  matchedAdjusted: "PS-matched Cox adjusted for covariates", weighted: "IPTW Cox", weightedAdjusted: "IPTW Cox adjusted for covariates",
};

/**
 * A bootstrapped statistic's name in words for messages: "logHR:matched" → "hazard ratio, PS-matched Cox",
 * "matched:survDifference@12" → "survival difference at 12, matched sample", "weighted:rmstDifference" →
 * "RMST difference, weighted sample"; unknown names are returned as they are.
 */
export function statisticLabel(name: string): string {
  const hr = /^logHR:(\w+)$/.exec(name);
  if (hr) return `hazard ratio, ${SAMPLE_WORDS[hr[1]] ?? hr[1]}`;
  const surv = /^(\w+):survDifference@(.+)$/.exec(name);
  if (surv) return `survival difference at ${surv[2]}, ${surv[1]} sample`;
  const rmst = /^(\w+):rmstDifference$/.exec(name);
  if (rmst) return `RMST difference, ${rmst[1]} sample`;
  return name;
}

/** "not estimable by bootstrap (k of B replicates failed)" or, below the share, the warning naming k. */
export function bootstrapFailureText(failed: number, replicates: number, estimable: boolean): string | null {
  if (!estimable) return `not estimable by bootstrap (${failed} of ${replicates} replicates failed)`;
  if (failed > 0) return `${failed} of ${replicates} bootstrap replicates failed or diverged and were left out of the interval`;
  return null;
}

function summarise(names: string[], estimates: number[], values: number[][], o: ResolvedOptions): BootstrapResult {
  const z = normalQuantile(1 - (1 - o.confLevel) / 2);
  const a = (1 - o.confLevel) / 2;
  const intervals: BootstrapInterval[] = names.map((name, j) => {
    const v = values.map((row) => row[j]).filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
    const failed = values.length - v.length;
    const failedShare = values.length === 0 ? 1 : failed / values.length;
    if (v.length < 2 || failedShare > o.maxFailedShare) {
      return { name, estimate: estimates[j], se: Number.NaN, lower: Number.NaN, upper: Number.NaN, normalLower: Number.NaN, normalUpper: Number.NaN, failed, failedShare, estimable: false };
    }
    let mean = 0;
    for (const x of v) mean += x;
    mean /= v.length;
    let ss = 0;
    for (const x of v) ss += (x - mean) * (x - mean);
    const se = Math.sqrt(ss / (v.length - 1));
    return {
      name,
      estimate: estimates[j],
      se,
      lower: quantile6(v, a),
      upper: quantile6(v, 1 - a),
      normalLower: estimates[j] - z * se,
      normalUpper: estimates[j] + z * se,
      failed,
      failedShare,
      estimable: true,
    };
  });
  const failed = values.filter((row) => row.every((x) => Number.isNaN(x))).length;
  const warnings: string[] = [];
  if (failed > 0) warnings.push(`${failed} of ${o.replicates} bootstrap replicates failed altogether (the pipeline could not run on the resample, e.g. a covariate constant, or every fit in it diverged) and were left out`);
  for (const iv of intervals) {
    if (iv.failed > failed || !iv.estimable) warnings.push(`${statisticLabel(iv.name)}: ${bootstrapFailureText(iv.failed, o.replicates, iv.estimable)}`);
  }
  return {
    method: "nonparametric bootstrap of the whole pipeline",
    replicates: o.replicates,
    seed: o.seed,
    stratified: o.stratify,
    confLevel: o.confLevel,
    maxFailedShare: o.maxFailedShare,
    failed,
    names,
    intervals,
    values,
    options: { intervals: "percentile ((B+1)α order statistics) and normal", seeds: "xoroshiro128+ seeded with mix32(seed, replicate)" },
    warnings,
  };
}

/**
 * Bootstrap in this thread (no workers; usable in a browser). `estimates` is the statistic vector of
 * the original data (statisticValues of the full run).
 *
 * @example
 * ```ts
 * const boot = bootstrapEffectsSync(data, spec, statisticValues(spec, data.q, runEffectPipeline(data, spec, false)), { replicates: 200, seed: 7 });
 * boot.intervals[0]; // { name: "logHR:crude", lower, upper, ... }
 * ```
 */
export function bootstrapEffectsSync(data: EffectData, spec: EffectSpec, estimates: number[], options: BootstrapOptions = {}): BootstrapResult {
  const o = resolve(options, spec, 1);
  const values: number[][] = [];
  for (let r = 0; r < o.replicates; r++) {
    values.push(runReplicate(data, spec, o.seed, r, o.stratify));
    options.onProgress?.(r + 1, o.replicates);
  }
  return summarise(statisticNames(spec, data.q), estimates, values, { ...o, workers: 1 });
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

/**
 * Bootstrap on `workers` worker threads (default: all cores, os.availableParallelism()); falls back to
 * the synchronous loop with 1 worker or outside Node. Replicates are dealt out in chunks on demand;
 * each replicate depends only on (seed, r), so the result does not depend on the number of workers.
 *
 * @example
 * ```ts
 * const boot = await bootstrapEffects(data, spec, estimates, { replicates: 1000, seed: 7, onProgress: (d, n) => bar(d / n) });
 * ```
 */
export async function bootstrapEffects(data: EffectData, spec: EffectSpec, estimates: number[], options: BootstrapOptions = {}): Promise<BootstrapResult> {
  let defaultWorkers = 1;
  if (isNode()) {
    const os = await import("node:os");
    defaultWorkers = Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
  }
  const o = resolve(options, spec, defaultWorkers);
  if (o.workers === 1 || !isNode()) return bootstrapEffectsSync(data, spec, estimates, { ...options, workers: 1 });
  const { runOnWorkers } = await import("./effect/worker-pool.js");
  const values = await runOnWorkers(data, spec, o.seed, o.replicates, o.stratify, Math.min(o.workers, o.replicates), options.onProgress);
  return summarise(statisticNames(spec, data.q), estimates, values, o);
}
