/** Messages between the app's UI thread and its Web Worker (structured-clone friendly). */
import type { ReadOptions } from "../../src/data/read.js";
import type { StudySpec } from "../../src/study/schema.js";
import type { EndpointFeedback, PreviewInfo, Problem, ResultsSummary, RowsWindow } from "./engine.js";

export type WorkerRequest =
  | { readonly id: number; readonly type: "load"; readonly bytes: Uint8Array; readonly fileName: string }
  | { readonly id: number; readonly type: "preview"; readonly options: ReadOptions; readonly start: number; readonly count: number }
  | { readonly id: number; readonly type: "rows"; readonly start: number; readonly count: number; readonly row?: number }
  | { readonly id: number; readonly type: "check"; readonly spec: StudySpec }
  | { readonly id: number; readonly type: "run"; readonly spec: StudySpec };

export type WorkerResponse =
  | { readonly id: number; readonly type: "loaded" }
  | { readonly id: number; readonly type: "preview"; readonly info: PreviewInfo; readonly rows: RowsWindow }
  | { readonly id: number; readonly type: "rows"; readonly rows: RowsWindow; readonly focusIndex: number }
  | { readonly id: number; readonly type: "check"; readonly feedback: readonly EndpointFeedback[]; readonly readProblem?: Problem }
  /** A step started (`done`/`total` absent), or `done` of `total` units of a long step (the bootstrap) are finished. */
  | { readonly id: number; readonly type: "progress"; readonly step: string; readonly done?: number; readonly total?: number }
  | {
      readonly id: number;
      readonly type: "result";
      /** What the results view shows (the full results are blobs["results.json"]). */
      readonly results: ResultsSummary;
      /** report.html, shown in the page (frameHtml: without the calculator's script, which the frame may not run). */
      readonly reportHtml: string;
      /** Every output (results.json, report.html, tables.docx, tables/*.csv, figures/*.svg) for download. */
      readonly blobs: Record<string, Blob>;
      readonly ms: number;
    }
  | { readonly id: number; readonly type: "error"; readonly problem: Problem };
