// Imputation chains on worker threads (src/mi/parallel.ts): each chain runs on its own seeded stream, so
// the result is identical to the sequential run for any number of workers, warnings and traces included.
import { describe, expect, it } from "vitest";
import { imputeChained, runChainOf, setupChains, type MiColumn } from "../../src/mi/chained.js";
import { imputeChainedParallel } from "../../src/mi/parallel.js";
import { chainWorkerEntry } from "../../src/mi/chain-pool.js";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { streams } from "../../src/simulate/rng.js";
import { SurvinferError } from "../../src/errors.js";

/** 300 patients, a numeric, a binary and a three-level covariate with MAR missingness, and a survival outcome. */
function cohort(): { cols: MiColumn[]; outcome: { time: number[]; status: number[] } } {
  const s = streams(515, 1)[0];
  const n = 300;
  const age: number[] = [];
  const male: number[] = [];
  const stage: number[] = [];
  const time: number[] = [];
  const status: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = 60 + 10 * s.normal();
    const m = s.uniform() < 0.5 ? 1 : 0;
    const st = s.uniform() < 0.5 ? 0 : s.uniform() < 0.6 ? 1 : 2;
    const t = -Math.log(s.uniform()) / (0.05 * Math.exp(0.03 * (a - 60) + 0.4 * st));
    const c = 5 + 30 * s.uniform();
    time.push(Math.min(t, c));
    status.push(t <= c ? 1 : 0);
    age.push(s.uniform() < (status[i] === 1 ? 0.25 : 0.1) ? Number.NaN : a);
    male.push(s.uniform() < 0.1 ? Number.NaN : m);
    stage.push(s.uniform() < (m === 1 ? 0.2 : 0.08) ? Number.NaN : st);
  }
  return {
    cols: [
      { name: "age", values: age },
      { name: "male", values: male, levels: ["0", "1"] },
      { name: "stage", values: stage, levels: ["I", "II", "III"] },
    ],
    outcome: { time, status },
  };
}

describe("imputeChainedParallel", () => {
  const { cols, outcome } = cohort();
  const options = { m: 6, iterations: 4, seed: 77, outcome };
  const sequential = imputeChained(cols, options);

  it("gives the same result as the sequential run on 2 worker threads (every imputed value, trace, warning)", async () => {
    const parallel = await imputeChainedParallel(cols, { ...options, workers: 2 });
    expect(parallel).toEqual(sequential);
    expect(sequential.variables.map((v) => v.name)).toEqual(["age", "male", "stage"]);
  }, 120_000);

  it("gives the same result with 1 worker (in this thread) and with more workers than chains", async () => {
    expect(await imputeChainedParallel(cols, { ...options, workers: 1 })).toEqual(sequential);
    const progress: number[] = [];
    const r = await imputeChainedParallel(cols, { ...options, m: 2, workers: 4, onProgress: (done) => progress.push(done) });
    expect(r).toEqual(imputeChained(cols, { ...options, m: 2 }));
    expect(progress).toEqual([1, 2]);
  }, 120_000);

  it("chain k depends only on (seed, k): run alone it equals the k-th chain of the whole run, and chains differ", () => {
    const setup = setupChains(cols, options);
    for (const k of [0, 3, 5]) {
      const alone = runChainOf(setup, k);
      sequential.variables.forEach((v, t) => expect(Array.from(alone.imputed[t])).toEqual(v.imputed[k]));
    }
    expect(sequential.variables[0].imputed[0]).not.toEqual(sequential.variables[0].imputed[1]);
  });

  it("refuses bad input in the calling thread, with imputeChained's error", async () => {
    await expect(imputeChainedParallel(cols, { ...options, workers: 0 })).rejects.toThrow(/option workers must be an integer ≥ 1/);
    const allMissing: MiColumn[] = [...cols, { name: "empty", values: new Array<number>(300).fill(Number.NaN) }];
    await expect(imputeChainedParallel(allMissing, { ...options, workers: 2 })).rejects.toThrow(SurvinferError);
    await expect(imputeChainedParallel(allMissing, { ...options, workers: 2 })).rejects.toThrow(/"empty" is missing for all 300 patients/);
  });

  it("starts the worker from the built JavaScript beside a built module (no TypeScript compiled), from the .ts source under tsx", () => {
    const built = chainWorkerEntry("file:///opt/survinfer/dist/mi/chain-pool.js");
    expect(built).toEqual({ url: new URL("file:///opt/survinfer/dist/mi/chain-worker.js"), typescript: false });
    const source = chainWorkerEntry(new URL("../../src/mi/chain-pool.ts", import.meta.url).href);
    expect(source.typescript).toBe(true);
    expect(existsSync(fileURLToPath(source.url))).toBe(true);
    expect(source.url.pathname.endsWith("/src/mi/chain-worker.ts")).toBe(true);
  });
});
