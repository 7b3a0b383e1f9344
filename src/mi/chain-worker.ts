/**
 * Worker-thread entry of the parallel imputation (chain-pool.ts): rebuilds the chains' setup from the
 * columns and options it was started with (workerData; the same validation and preparation as in the
 * main thread, so the same setup), then runs the chains it is sent. Chain k depends only on (seed, k).
 */
import { parentPort, workerData } from "node:worker_threads";
import { runChainOf, setupChains } from "./chained.js";
import type { ChainWorkerInit, ChainWorkerReply, ChainWorkerRequest } from "./chain-pool.js";

const init = workerData as ChainWorkerInit;
const port = parentPort;
if (port !== null) {
  const setup = setupChains(init.columns, init.options);
  port.on("message", (req: ChainWorkerRequest) => {
    try {
      const reply: ChainWorkerReply = { type: "result", k: req.k, chain: runChainOf(setup, req.k) };
      port.postMessage(reply);
    } catch (e) {
      const reply: ChainWorkerReply = { type: "error", message: e instanceof Error ? e.message : String(e) };
      port.postMessage(reply);
    }
  });
}
