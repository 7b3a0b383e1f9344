/**
 * Node-only: runs bootstrap replicates on worker threads (node:worker_threads). Imported dynamically by
 * `causal/bootstrap.ts`, so the engine itself never loads Node modules (browser builds use the
 * synchronous path). Replicates are handed out in small chunks on demand (load balancing); each result
 * is stored at its replicate index, so the order of completion does not matter.
 * When running from TypeScript sources (tests, tsx), the worker is the .ts file loaded with tsx.
 */
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { EffectData, EffectSpec } from "./types.js";

export interface WorkerInit {
  readonly data: EffectData;
  readonly spec: EffectSpec;
  readonly seed: number;
  readonly stratify: boolean;
}

export type WorkerRequest = { readonly type: "run"; readonly start: number; readonly end: number };
export type WorkerReply =
  | { readonly type: "result"; readonly r: number; readonly values: number[] }
  | { readonly type: "done" }
  | { readonly type: "error"; readonly message: string };

function startWorker(init: WorkerInit): Worker {
  const fromTs = import.meta.url.endsWith(".ts");
  const url = new URL(`../bootstrap-worker.${fromTs ? "ts" : "js"}`, import.meta.url);
  if (!fromTs) return new Worker(url, { workerData: init });
  // TypeScript sources (tests, tsx): register tsx's loader in the worker, then load the .ts entry
  const pkg = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json")).href;
  const api = new URL("./dist/esm/api/index.mjs", pkg).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: init });
}

export function runOnWorkers(
  data: EffectData,
  spec: EffectSpec,
  seed: number,
  replicates: number,
  stratify: boolean,
  nWorkers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<number[][]> {
  const values: number[][] = new Array<number[]>(replicates);
  const chunk = Math.max(1, Math.min(25, Math.ceil(replicates / (nWorkers * 8))));
  let next = 0;
  let done = 0;
  const init: WorkerInit = { data, spec, seed, stratify };
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
      if (next >= replicates) return;
      const start = next;
      const end = Math.min(replicates, next + chunk);
      next = end;
      const req: WorkerRequest = { type: "run", start, end };
      w.postMessage(req);
    };
    for (let k = 0; k < nWorkers; k++) {
      const w = startWorker(init);
      workers.push(w);
      w.on("message", (msg: WorkerReply) => {
        if (finished) return;
        if (msg.type === "result") {
          values[msg.r] = msg.values;
          done++;
          onProgress?.(done, replicates);
          if (done === replicates) {
            finished = true;
            stopAll();
            resolvePromise(values);
          }
        } else if (msg.type === "done") {
          feed(w);
        } else {
          fail(new Error(`bootstrap worker failed: ${msg.message}`));
        }
      });
      w.on("error", (e) => fail(e instanceof Error ? e : new Error(String(e))));
      w.on("exit", (code) => {
        if (!finished && code !== 0) fail(new Error(`bootstrap worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
