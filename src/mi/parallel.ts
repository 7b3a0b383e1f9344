/**
 * Multiple imputation with the chains on worker threads (Node; default all cores, os.availableParallelism()).
 * Each chain runs on its own seeded stream (the k-th jump of the seed's xoroshiro128+ generator) and the
 * results are assembled in chain order, so the result is identical to `imputeChained` for any number of
 * workers; with 1 worker, or outside Node (a browser), it is `imputeChained` itself.
 */
import { assembleChains, imputeChained, setupChains, type MiColumn, type MiOptions, type MiResult } from "./chained.js";
import { optionError } from "../errors.js";

export interface MiParallelOptions extends MiOptions {
  /** Worker threads; default os.availableParallelism(). 1 = in this thread. */
  readonly workers?: number;
  /** Called after each finished chain. */
  readonly onProgress?: (done: number, total: number) => void;
}

function isNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions === "object" && typeof process.versions.node === "string";
}

/**
 * @example
 * const mi = await imputeChainedParallel(columns, { m: 20, seed: 7, workers: 2 });
 * // deepEqual(mi, imputeChained(columns, { m: 20, seed: 7 }))
 */
export async function imputeChainedParallel(columns: readonly MiColumn[], options: MiParallelOptions = {}): Promise<MiResult> {
  const { workers: requested, onProgress, ...miOptions } = options;
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1)) throw optionError("workers", "an integer ≥ 1", requested);
  // validates and prepares in this thread first: bad input fails here, with the same error as imputeChained
  const setup = setupChains(columns, miOptions);
  let workers = requested ?? 1;
  if (requested === undefined && isNode()) {
    const os = await import("node:os");
    workers = Math.max(1, typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
  }
  workers = Math.min(workers, setup.m);
  if (workers <= 1 || !isNode()) return imputeChained(columns, miOptions);
  const { runChainsOnWorkers } = await import("./chain-pool.js");
  const chains = await runChainsOnWorkers({ columns, options: miOptions }, setup.m, workers, onProgress);
  return assembleChains(setup, chains, miOptions);
}
