// survinfer run imputes on worker threads (runStudyAsync, src/study/run-async.ts): the imputations are
// computed first with imputeChainedParallel and the synchronous runStudy (the browser's path) uses them.
// The results must be identical to runStudy's; here on the example with m = 4 and 2 workers.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readTableFile } from "../../src/data/read-file.js";
import { columnOverrides } from "../../src/cli/commands/run.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { runStudy, type RunStudyInput } from "../../src/study/run.js";
import { precomputeImputations, runStudyAsync } from "../../src/study/run-async.js";
import { imputationKey } from "../../src/study/mi-step.js";
import { EXAMPLE_SPEC, ROOT, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";

function exampleInput(edit: (spec: ExampleSpec) => void): RunStudyInput {
  const raw = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as ExampleSpec;
  raw.data.file = join(ROOT, "examples", "lms-metastasectomy", String(raw.data.file));
  edit(raw);
  const specFile = join(ROOT, "examples", "lms-metastasectomy", "async-test.yaml");
  const { spec, lineOf } = parseStudySpecWithLines(stringify(raw), specFile);
  const read = readTableFile(resolve(dirname(specFile), String(spec.data.file)), {
    fileName: String(spec.data.file),
    dateFormat: spec.data.dateFormat,
    idColumn: spec.data.id,
    columns: columnOverrides(spec),
    skipAbsentColumnOverrides: true,
  });
  return { spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile, lineOf };
}

describe("runStudyAsync: the study's imputations on worker threads", () => {
  const input = exampleInput((spec) => {
    withoutLongTerm(spec);
    for (const k of ["sensitivity", "table1"]) delete spec.analyses[k];
    spec.analyses.immortalTime = false as unknown as Record<string, unknown>;
    delete spec.analyses.primary; // the example's declared primary (clone–censor–weight) is an immortal-time design
    (spec as Record<string, unknown>).missing = { method: "mi", m: 4, iterations: 3, seed: 11 };
  });

  it("computes the study's imputation on 2 workers, equal to the one runStudy computes in one thread", async () => {
    const sync = runStudy(input);
    const pre = await precomputeImputations(input, 2);
    const mi = sync.analyses.missing!;
    // one imputation serves the Cox model and the within approach (one endpoint)
    expect([...pre.keys()]).toEqual([imputationKey(mi.endpoint, mi.variables)]);
    expect(pre.get(imputationKey(mi.endpoint, mi.variables))).toEqual(mi.imputation);
    expect(mi.imputation.m).toBe(4);
  });

  it("gives results identical to runStudy (m = 4)", async () => {
    const sync = runStudy(input);
    const parallel = await runStudyAsync(input, { workers: 2 });
    expect(parallel).toEqual(sync);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(sync));
  });

  it("without missing: { method: mi } there is nothing to precompute", async () => {
    const none = exampleInput((spec) => {
      withoutLongTerm(spec);
      delete (spec as Record<string, unknown>).missing;
    });
    expect((await precomputeImputations(none, 2)).size).toBe(0);
  });
});
