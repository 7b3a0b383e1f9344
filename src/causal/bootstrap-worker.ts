/**
 * Worker-thread entry of the bootstrap (see causal/bootstrap.ts and causal/effect/worker-pool.ts):
 * receives the data and spec once (workerData), then runs the replicate ranges it is sent, posting each
 * replicate's statistic vector. Replicate r depends only on (seed, r): see `runReplicate`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runReplicate } from "./bootstrap.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./effect/worker-pool.js";

const init = workerData as WorkerInit;
const port = parentPort;
if (port !== null) {
  port.on("message", (req: WorkerRequest) => {
    try {
      for (let r = req.start; r < req.end; r++) {
        const reply: WorkerReply = { type: "result", r, values: runReplicate(init.data, init.spec, init.seed, r, init.stratify) };
        port.postMessage(reply);
      }
      const done: WorkerReply = { type: "done" };
      port.postMessage(done);
    } catch (e) {
      const reply: WorkerReply = { type: "error", message: e instanceof Error ? e.message : String(e) };
      port.postMessage(reply);
    }
  });
}
