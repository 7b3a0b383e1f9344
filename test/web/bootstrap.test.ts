/**
 * The bootstrap in the app's worker logic (Node): the form's "Bootstrap replicates" becomes
 * analyses.propensity.bootstrap, runAll reports the bootstrap replicate by replicate, and its
 * results.json is byte-identical to `survinfer run` on the exported study.yaml (same seed).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runAll } from "../../web/src/engine.js";
import { buildSpecInput, formSpec, type FormState } from "../../web/src/form.js";
import { StudySpecError } from "../../src/study/spec.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

const bytes = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));
const dir = mkdtempSync(join(tmpdir(), "survinfer-app-boot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withBootstrap = (text: string): FormState => {
  const f = exampleForm();
  return { ...f, analyses: { ...f.analyses, bootstrap: text } };
};

describe("the app's bootstrap option", () => {
  it("is off by default and becomes analyses.propensity.bootstrap when replicates are given", () => {
    expect(buildSpecInput(exampleForm()).analyses?.propensity?.bootstrap).toBeUndefined();
    expect(buildSpecInput(withBootstrap(" 20 ")).analyses?.propensity?.bootstrap).toEqual({ replicates: 20 });
  });

  it("lets the spec parser say what is wrong with too few replicates", () => {
    expect(() => formSpec(withBootstrap("5"))).toThrow(StudySpecError);
  });

  it("reports bootstrap progress and gives the CLI's results.json byte for byte", async () => {
    const { spec, yaml } = formSpec(withBootstrap("20"));
    const steps: string[] = [];
    const progress: [number, number][] = [];
    const out = await runAll(bytes, spec, "cohort.csv", (step, done, total) => {
      if (done === undefined || total === undefined) steps.push(step);
      else progress.push([done, total]);
    });
    expect(steps).toEqual(["reading the data", "running the analyses", "rendering the report"]);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, k) => [k + 1, 20]));
    expect(out.results.analyses.effects?.bootstrap).toMatchObject({ replicates: 20, seed: 1 });

    copyFileSync(join(EXAMPLE_DIR, "cohort.csv"), join(dir, "cohort.csv"));
    writeFileSync(join(dir, "study.yaml"), yaml);
    const r = await runCli(["run", "study.yaml", "--out", "out", "--no-png"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(out.resultsJson).toBe(readFileSync(join(dir, "out", "results.json"), "utf8"));
  });
});
