/**
 * Node-only: runs the imputation chains on worker threads (node:worker_threads), one chain per request,
 * handed out on demand; each result is stored at its chain index, so the order of completion does not
 * matter. Imported dynamically by `imputeChainedParallel` (parallel.ts), so the engine never loads Node
 * modules in a browser. From TypeScript sources (tests, tsx) the worker is the .ts file loaded with tsx,
 * as causal/effect/worker-pool.ts does.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { ChainResult, MiColumn, MiOptions } from "./chained.js";

export interface ChainWorkerInit {
  readonly columns: readonly MiColumn[];
  readonly options: MiOptions;
}

export type ChainWorkerRequest = { readonly type: "run"; readonly k: number };
export type ChainWorkerReply = { readonly type: "result"; readonly k: number; readonly chain: ChainResult } | { readonly type: "error"; readonly message: string };

/**
 * The worker's entry beside this module: dist/mi/chain-worker.js when running built code (bin/survinfer.js
 * runs dist/), started directly with no compilation; src/mi/chain-worker.ts under tsx (tests, `npm start`),
 * loaded through tsx's loader.
 */
export function chainWorkerEntry(moduleUrl: string): { readonly url: URL; readonly typescript: boolean } {
  const typescript = moduleUrl.endsWith(".ts");
  return { url: new URL(`./chain-worker.${typescript ? "ts" : "js"}`, moduleUrl), typescript };
}

function startWorker(init: ChainWorkerInit): Worker {
  const { url, typescript } = chainWorkerEntry(import.meta.url);
  if (!typescript) return new Worker(url, { workerData: init });
  const pkg = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json")).href;
  const api = new URL("./dist/esm/api/index.mjs", pkg).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: init });
}

/** Runs chains 0..m − 1 on `nWorkers` threads; resolves with the chain results in chain order. */
export function runChainsOnWorkers(init: ChainWorkerInit, m: number, nWorkers: number, onProgress?: (done: number, total: number) => void): Promise<ChainResult[]> {
  const results = new Array<ChainResult>(m);
  let next = 0;
  let done = 0;
  return new Promise((resolvePromise, reject) => {
    const workers: Worker[] = [];
    let finished = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (err: Error): void => {
      if (finished) return;
      finished = true;
      stopAll();
      reject(err);
    };
    const feed = (w: Worker): void => {
      if (next >= m) return;
      const req: ChainWorkerRequest = { type: "run", k: next++ };
      w.postMessage(req);
    };
    for (let j = 0; j < nWorkers; j++) {
      const w = startWorker(init);
      workers.push(w);
      w.on("message", (msg: ChainWorkerReply) => {
        if (finished) return;
        if (msg.type === "error") return fail(new Error(`imputation worker failed: ${msg.message}`));
        results[msg.k] = msg.chain;
        done++;
        onProgress?.(done, m);
        if (done === m) {
          finished = true;
          stopAll();
          resolvePromise(results);
        } else feed(w);
      });
      w.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
      w.on("exit", (code) => {
        if (!finished && code !== 0) fail(new Error(`imputation worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
