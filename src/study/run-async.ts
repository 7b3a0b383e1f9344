/**
 * `runStudy` with the multiple imputations on worker threads (Node; `survinfer run`). The imputations the
 * study will need (missing: { method: mi }; src/study/mi-step.ts) are computed first with
 * imputeChainedParallel — each chain on its own seeded stream, so the result equals imputeChained's for any
 * number of workers (src/mi/parallel.ts) — then the synchronous runStudy runs with them. The results are
 * therefore identical to runStudy's; the browser keeps the synchronous path (runStudy itself).
 */
import type { MiResult } from "../mi/chained.js";
import { imputeChainedParallel } from "../mi/parallel.js";
import { findColumn, type Table } from "../data/table.js";
import { MAX_NUMERIC_LOOKING_LEVELS } from "../formula/model-matrix.js";
import { miImputationRequests, miOutcome, type ImputationRequest } from "./mi-step.js";
import { prepareStudy } from "./prepare.js";
import { MAX_STUDY_ROWS, runStudy, type RunStudyInput, type StudyResults } from "./run.js";
import { checkStudyBeforeRun } from "./preflight.js";

export interface RunStudyAsyncOptions {
  /** Worker threads for the imputation; default os.availableParallelism() (1 = in this thread). */
  readonly workers?: number;
}

/**
 * The imputations of the study, by key (src/study/mi-step.ts imputationKey). Any failure here (bad input,
 * a worker that cannot start) leaves the entry out: runStudy then imputes in this thread and raises the
 * same error where the synchronous path raises it (inside the study's estimability guard).
 */
export async function precomputeImputations(input: RunStudyInput, workers?: number): Promise<Map<string, MiResult>> {
  const out = new Map<string, MiResult>();
  const { spec } = input;
  if (spec.missing?.method !== "mi" || input.table.nRows > MAX_STUDY_ROWS) return out;
  // a covariate the study refuses (numeric-looking text, DATA_NUMERIC_LOOKING_FACTOR) must stop the run at once, as
  // the synchronous path does, not after imputing it as a category with dozens of levels
  if (spec.covariates.some((c) => (typeof c === "string" ? isRefusedNumericLooking(input.table, c) : c.type !== "categorical" && isRefusedNumericLooking(input.table, c.name)))) return out;
  let requests: ReturnType<typeof miImputationRequests>;
  try {
    const study = prepareStudy(spec, input.table, input.specFile, input.lineOf);
    // the treatment comparison's endpoint, as runStudy chooses it (the KM endpoint, else the first endpoint)
    const outcome = spec.analyses.km?.endpoint ?? [...study.endpoints.keys()][0];
    requests = miImputationRequests(study, spec, miOutcome(spec, outcome));
  } catch {
    return out;
  }
  if (requests === null) return out;
  const report = input.onProgress;
  const impute = async (r: ImputationRequest): Promise<MiResult | null> => {
    try {
      const mi = await imputeChainedParallel(r.columns, { ...r.options, ...(workers === undefined ? {} : { workers }), ...(report ? { onProgress: (done: number, total: number) => report("multiple imputation", done, total) } : {}) });
      out.set(r.key, mi);
      return mi;
    } catch {
      return null;
    }
  };
  const first = await impute(requests.first);
  const then = first === null ? null : requests.then(first);
  if (then !== null) await impute(then);
  return out;
}

/** True for a column the model matrix refuses as a covariate: text that looks numeric, with many levels. */
function isRefusedNumericLooking(table: Table, name: string): boolean {
  const col = findColumn(table, name);
  return col?.kind === "categorical" && col.numericLooking === true && col.levels.length > MAX_NUMERIC_LOOKING_LEVELS;
}

/**
 * Runs a study as runStudy does, with the multiple imputations on worker threads; the same results.
 *
 * @example
 * const results = await runStudyAsync({ spec, table, inference, readWarnings: [], specFile: "study.yaml" }, { workers: 2 });
 * // deepEqual(results, runStudy({ spec, table, inference, readWarnings: [], specFile: "study.yaml" }))
 */
export async function runStudyAsync(input: RunStudyInput, options: RunStudyAsyncOptions = {}): Promise<StudyResults> {
  // a spec the study would refuse stops here, before the imputations (runStudy checks the same again; study/preflight.ts)
  if (input.table.nRows <= MAX_STUDY_ROWS) checkStudyBeforeRun(input);
  const imputations = await precomputeImputations(input, options.workers);
  return runStudy(imputations.size === 0 ? input : { ...input, imputations });
}
