/** Messages between the app's UI thread and its Web Worker (structured-clone friendly). */
import type { ReadOptions } from "../../src/data/read.js";
import type { StudySpec } from "../../src/study/schema.js";
import type { StudyResults } from "../../src/study/run.js";
import type { EndpointFeedback, PreviewInfo, Problem, RowsWindow } from "./engine.js";

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
  | { readonly id: number; readonly type: "progress"; readonly step: string }
  | {
      readonly id: number;
      readonly type: "result";
      readonly results: StudyResults;
      readonly resultsJson: string;
      readonly files: Record<string, string | Uint8Array>;
      readonly ms: number;
    }
  | { readonly id: number; readonly type: "error"; readonly problem: Problem };
