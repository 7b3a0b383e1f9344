/**
 * Referee B15: every problem the spec and the data's header show is reported before the first estimate, all at once.
 * The referee's variant of the example (no treatment.date, analyses.recurrent.population: treated) ran the whole
 * multiple imputation and the other steps before "at analyses.recurrent.population: … needs treatment.date"; now the
 * validator refuses it (src/study/spec-rules.ts), and runStudy / runStudyAsync refuse a spec object that did not come
 * through the validator before any step runs (src/study/preflight.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTableFile } from "../../src/data/read-file.js";
import { columnOverrides } from "../../src/cli/commands/run.js";
import { parseStudySpecWithLines, StudySpecError, type StudySpec } from "../../src/study/spec.js";
import { runStudy, type RunStudyInput } from "../../src/study/run.js";
import { runStudyAsync } from "../../src/study/run-async.js";
import { preflightIssues } from "../../src/study/preflight.js";
import { EXAMPLE_SPEC, ROOT } from "../report/render-study.js";
import { join } from "node:path";
import { thrownSurvinferError } from "../helpers/survinfer-error.js";

const exampleText = readFileSync(EXAMPLE_SPEC, "utf8");

/** The example's spec text without treatment.date, the immortal-time designs and their declared primary: the referee's variant. */
const noDateText = exampleText
  .replace(/^ {2}date: date_pm\n/m, "")
  .replace(/^ {2}primary: cloneCensorWeight\n/m, "")
  .replace(/^ {2}immortalTime: .*\n/m, "");

/** The example's data as the CLI reads it, and a run input for `spec`; progress reports go to `calls`. */
function runInput(spec: StudySpec, calls: string[]): RunStudyInput {
  const { spec: example, lineOf } = parseStudySpecWithLines(exampleText, EXAMPLE_SPEC);
  const read = readTableFile(join(ROOT, "examples", "lms-metastasectomy", "cohort.csv"), {
    fileName: "cohort.csv",
    dateFormat: example.data.dateFormat,
    idColumn: example.data.id,
    columns: columnOverrides(example),
    skipAbsentColumnOverrides: true,
  });
  return { spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.yaml", lineOf, onProgress: (step) => calls.push(step) };
}

/** The example parsed, then edited as a library user might (a spec object that never met the validator). */
function editedExample(edit: (spec: { -readonly [K in keyof StudySpec]: StudySpec[K] }) => void): StudySpec {
  const spec = structuredClone(parseStudySpecWithLines(exampleText, EXAMPLE_SPEC).spec) as { -readonly [K in keyof StudySpec]: StudySpec[K] };
  edit(spec);
  return spec;
}

function thrown(run: () => unknown): StudySpecError {
  const e = thrownSurvinferError(run);
  expect(e).toBeInstanceOf(StudySpecError);
  return e as StudySpecError;
}

const RECURRENT_RULE = /at analyses\.recurrent\.population: population "treated" follows the treated from the date of treatment: it needs treatment\.date/;

describe("spec problems are found before any computation", () => {
  it("the validator refuses the referee's variant (no treatment.date, recurrent population: treated), naming the key and its line", () => {
    const e = thrown(() => parseStudySpecWithLines(noDateText, "study.yaml"));
    expect(e.code).toBe("SPEC_INVALID");
    expect(e.message).toMatch(RECURRENT_RULE);
    expect(e.issues.map((i) => i.path)).toEqual(["analyses.recurrent.population"]);
    const lines = noDateText.split("\n");
    const recurrent = lines.indexOf("  recurrent:");
    expect(e.location.line).toBe(lines.findIndex((l, k) => k > recurrent && /^ {4}population: treated/.test(l)) + 1);
  });

  it("runStudy refuses the same spec object before any step runs (no progress reported, well under a second)", () => {
    const calls: string[] = [];
    const spec = editedExample((s) => {
      s.treatment = { ...s.treatment!, date: undefined };
      s.analyses = { ...s.analyses, primary: undefined, immortalTime: undefined };
    });
    const input = runInput(spec, calls);
    const start = performance.now();
    const e = thrown(() => runStudy(input));
    const ms = performance.now() - start;
    expect(e.code).toBe("SPEC_INVALID");
    expect(e.message).toMatch(RECURRENT_RULE);
    expect(calls).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  it("runStudyAsync refuses it before the multiple imputation (no imputation progress)", async () => {
    const calls: string[] = [];
    const spec = editedExample((s) => {
      s.treatment = { ...s.treatment!, date: undefined };
      s.analyses = { ...s.analyses, primary: undefined, immortalTime: undefined };
    });
    expect(spec.missing?.method).toBe("mi");
    const start = performance.now();
    await expect(runStudyAsync(runInput(spec, calls), { workers: 1 })).rejects.toThrow(RECURRENT_RULE);
    expect(calls).toEqual([]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("reports two cross-field mistakes of the spec together, each with its path and line", () => {
    const text = noDateText.replace("negativeControl: { endpoint: os, cause: Other causes }", "negativeControl: { endpoint: os, cause: Cardiac }");
    const e = thrown(() => parseStudySpecWithLines(text, "study.yaml"));
    expect(e.issues.map((i) => i.path)).toEqual(["analyses.recurrent.population", "analyses.sensitivity.negativeControl.cause"]);
    expect(e.issues.every((i) => i.line !== undefined)).toBe(true);
    expect(e.message).toMatch(RECURRENT_RULE);
    expect(e.message).toMatch(/1 more problem:\n {2}- line \d+, at analyses\.sensitivity\.negativeControl\.cause: cause "Cardiac" is not listed under endpoints\.os\.causes\.values/);
  });

  it("the cure model's cause and the negative control's causes are checked by the validator too", () => {
    const text = exampleText.replace("cause: Sarcoma, population: treated", "cause: Cardiac, population: treated");
    const e = thrown(() => parseStudySpecWithLines(text, "study.yaml"));
    expect(e.issues.map((i) => [i.path, i.message])).toEqual([["analyses.cure.cause", 'cause "Cardiac" is not named under endpoints.os.causes.values']]);
  });

  it("runStudy lists every problem the spec and the data's header show at once: a cross-field rule, an unknown primary and unknown columns", () => {
    const calls: string[] = [];
    const spec = editedExample((s) => {
      s.treatment = { ...s.treatment!, date: undefined };
      s.analyses = { ...s.analyses, primary: "cloneCensorWeigh", immortalTime: undefined };
      s.missing = { ...s.missing!, auxiliary: ["smoker"] };
    });
    const e = thrown(() => runStudy(runInput(spec, calls)));
    expect(calls).toEqual([]);
    // in the order of the spec file; the error's code and path are the first problem's
    expect(e.issues.map((i) => [i.path, i.code ?? "SPEC_INVALID"])).toEqual([
      ["analyses.primary", "SPEC_PRIMARY_UNKNOWN"],
      ["analyses.recurrent.population", "SPEC_INVALID"],
      ["missing.auxiliary[0]", "SPEC_UNKNOWN_COLUMN"],
    ]);
    expect(e.code).toBe("SPEC_PRIMARY_UNKNOWN");
    expect(e.message).toMatch(/at analyses\.primary: is not a treatment-effect analysis of this study.*\(value: "cloneCensorWeigh"\).*2 more problems:/s);
    expect(e.message).toMatch(/at missing\.auxiliary\[0\]: the data file cohort\.csv has no column "smoker".*\[SPEC_UNKNOWN_COLUMN\]/);
  });

  it("finds nothing to refuse in the example", () => {
    const spec = parseStudySpecWithLines(exampleText, EXAMPLE_SPEC).spec;
    expect(preflightIssues({ ...runInput(spec, []), lifeTable: undefined })).toEqual([]);
  });

  it("a relative-survival cure model without its life table is refused before any step", () => {
    const calls: string[] = [];
    const spec = editedExample((s) => {
      s.analyses = { ...s.analyses, cure: { ...s.analyses.cure!, cause: undefined, model: "aic", relative: { lifeTable: "life-table-us.csv", age: "age_primary", sex: "sex", daysPerYear: 365.25, yearChange: "calendar" } } as NonNullable<StudySpec["analyses"]["cure"]> };
    });
    const e = thrown(() => runStudy(runInput(spec, calls)));
    expect(calls).toEqual([]);
    expect(e.issues.map((i) => i.path)).toEqual(["analyses.cure.relative.lifeTable"]);
    expect(e.message).toMatch(/needs its life table file, which was not read/);
  });
});
