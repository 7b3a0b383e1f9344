/**
 * The app's Web Worker: holds the file's bytes and the last table read, and runs every computation
 * (reading, endpoint checks, the study, the report) off the UI thread. See engine.ts for the logic.
 */
import type { Table } from "../../src/data/table.js";
import { checkEndpoints, frameHtml, outputBlobs, problemOf, readPreview, resultsSummary, rowIndex, rowsWindow, runAll } from "./engine.js";
import type { WorkerRequest, WorkerResponse } from "./protocol.js";

let bytes: Uint8Array | undefined;
let fileName = "";
let table: Table | undefined;

const post = (msg: WorkerResponse, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(msg, transfer);

function noFile(id: number): WorkerResponse {
  return { id, type: "error", problem: { code: "APP_NO_FILE", message: "open a data file first", severity: "error" } };
}

async function handle(req: WorkerRequest): Promise<void> {
  const { id } = req;
  try {
    switch (req.type) {
      case "load":
        bytes = req.bytes;
        fileName = req.fileName;
        table = undefined;
        post({ id, type: "loaded" });
        return;
      case "preview": {
        if (bytes === undefined) return post(noFile(id));
        const { read, info } = readPreview(bytes, { ...req.options, fileName });
        table = read.table;
        post({ id, type: "preview", info, rows: rowsWindow(table, req.start, req.count) });
        return;
      }
      case "rows": {
        if (table === undefined) return post(noFile(id));
        const focus = req.row === undefined ? -1 : rowIndex(table, req.row);
        const start = focus >= 0 ? Math.max(0, focus - 3) : req.start;
        post({ id, type: "rows", rows: rowsWindow(table, start, req.count), focusIndex: focus });
        return;
      }
      case "check": {
        if (bytes === undefined) return post(noFile(id));
        const { feedback, readProblem } = checkEndpoints(bytes, req.spec, fileName);
        post({ id, type: "check", feedback, readProblem });
        return;
      }
      case "run": {
        if (bytes === undefined) return post(noFile(id));
        const t0 = performance.now();
        let last = 0;
        const out = await runAll(bytes, req.spec, fileName, (step, done, total) => {
          if (done === undefined || total === undefined) return post({ id, type: "progress", step });
          // at most ~20 progress messages a second (and always the first and the last)
          const now = performance.now();
          if (done !== 1 && done !== total && now - last < 50) return;
          last = now;
          post({ id, type: "progress", step, done, total });
        });
        post({ id, type: "result", results: resultsSummary(out.results), reportHtml: frameHtml(out.files["report.html"] as string), blobs: outputBlobs(out), ms: performance.now() - t0 });
        return;
      }
    }
  } catch (e) {
    post({ id, type: "error", problem: problemOf(e) });
  }
}

self.addEventListener("message", (ev: MessageEvent<WorkerRequest>) => {
  void handle(ev.data);
});
