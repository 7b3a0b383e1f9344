/** Request/response over the app's Web Worker, with progress messages along the way. */
import type { WorkerRequest, WorkerResponse } from "./protocol.js";

/** Progress of a request: the step running and, for long steps, `done` of `total` units. */
export type ProgressListener = (step: string, done?: number, total?: number) => void;
type Pending = { resolve: (r: WorkerResponse) => void; onProgress?: ProgressListener };
type Distribute<T> = T extends unknown ? Omit<T, "id"> : never;
export type RequestBody = Distribute<WorkerRequest>;

export class EngineClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "survinfer-engine" });
    this.worker.addEventListener("message", (ev: MessageEvent<WorkerResponse>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (p === undefined) return;
      if (msg.type === "progress") {
        p.onProgress?.(msg.step, msg.done, msg.total);
        return;
      }
      this.pending.delete(msg.id);
      p.resolve(msg);
    });
  }

  request(body: RequestBody, onProgress?: ProgressListener): Promise<WorkerResponse> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }
}
