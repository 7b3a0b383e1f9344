/**
 * The app's cure-model option through the worker's logic (Node): the form's "Cure model (who is
 * cured?)" becomes analyses.cure, and runAll's results.json is byte-identical to `survinfer run` on
 * the exported study.yaml, for the example study's model (cause-specific, in the operated from the date of
 * surgery, latency by AIC) and the semiparametric PH model with its seeded bootstrap, by treatment.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runAll } from "../../web/src/engine.js";
import { formSpec, type FormState } from "../../web/src/form.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { EXAMPLE_DIR, exampleCure, exampleForm } from "./example-form.js";

const bytes = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));
const dir = mkdtempSync(join(tmpdir(), "survinfer-app-cure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example form with the cure model and without the propensity score (not needed here). */
const withCure = (patch: Partial<FormState["analyses"]>): FormState => {
  const f = exampleForm();
  return { ...f, analyses: { ...f.analyses, matching: false, weighting: false, cure: true, ...patch } };
};

async function cliResults(name: string, yaml: string, existing?: string): Promise<string> {
  const sub = existing ?? join(dir, name);
  if (existing === undefined) mkdirSync(sub);
  copyFileSync(join(EXAMPLE_DIR, "cohort.csv"), join(sub, "cohort.csv"));
  writeFileSync(join(sub, "study.yaml"), yaml);
  const r = await runCli(["run", "study.yaml", "--out", "out", "--no-png"], sub);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(sub, "out", "results.json"), "utf8");
}

describe("the app's cure model option", () => {
  it("runs the example's cure model (cause-specific, in the operated from surgery, latency by AIC) to the CLI's results.json byte for byte, with the report's answer", async () => {
    const f = withCure(exampleCure);
    const { spec, yaml } = formSpec({ ...f, treatment: { ...f.treatment, date: "date_pm" } });
    const out = await runAll(bytes, spec, "cohort.csv");
    const cure = out.results.analyses.cure!;
    expect(cure).toMatchObject({ endpoint: "os", model: "aic", groups: [], population: { kind: "treated", fromTreatment: true } });
    expect(cure.claims).toMatchObject({ cause: "Sarcoma", isCureOfDisease: true, otherCauseEvents: 0 });
    expect(cure.fit.n).toBe(44);
    expect(cure.fit.incidence.map((c) => c.name)).toEqual(["(Intercept)", "n_lung_mets", "timingsynchronous"]);
    expect(cure.fit.latency).toEqual([]);
    expect(cure.overall.cureFraction.estimate).toBeGreaterThan(0);
    expect(cure.overall.cureFraction.estimate).toBeLessThan(1);
    expect(out.resultsJson).toBe(await cliResults("example", yaml));
    expect(out.files["report.html"]).toContain("Long-term survival and cure");
    expect(out.files["report.html"]).toContain("Who is likely to be a long-term survivor or cured of sarcoma? In the 44 treated patients");
  });

  it("reads a life table for the relative-survival cure model as the CLI does (runAll's lifeTable), to the CLI's results.json byte for byte", async () => {
    const f = withCure({ ...exampleCure, cureCause: "" });
    const built = formSpec({ ...f, treatment: { ...f.treatment, date: "date_pm" } });
    // the form has no life-table input yet: the spec's relative block is added to the exported spec
    const relative = { lifeTable: "life-table-us.csv", age: "age_primary", ageAt: "date_primary", sex: "sex", yearChange: "birthday" as const };
    const yaml = built.yaml.replace("    model: aic\n", `    model: aic\n    relative: { lifeTable: ${relative.lifeTable}, age: ${relative.age}, ageAt: ${relative.ageAt}, sex: ${relative.sex}, yearChange: ${relative.yearChange} }\n`);
    expect(yaml).toContain("relative: { lifeTable: life-table-us.csv");
    const spec = parseStudySpec(yaml, "study.yaml");
    const table = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "life-table-us.csv")));
    await expect(runAll(bytes, spec, "cohort.csv")).rejects.toThrow(/needs its life table file/);
    const out = await runAll(bytes, spec, "cohort.csv", undefined, { bytes: table, name: "life-table-us.csv" });
    const cure = out.results.analyses.cure!;
    expect(cure.relative?.lifeTableFile).toBe("life-table-us.csv");
    expect(cure.population).toMatchObject({ kind: "treated", fromTreatment: true });
    const sub = join(dir, "relative");
    mkdirSync(sub);
    copyFileSync(join(EXAMPLE_DIR, "life-table-us.csv"), join(sub, "life-table-us.csv"));
    expect(out.resultsJson).toBe(await cliResults("relative", yaml, sub));
  });

  it("runs the semiparametric PH model by treatment, with its seeded bootstrap, to the CLI's results.json byte for byte", async () => {
    const { spec, yaml } = formSpec(withCure({ cureModel: "ph", cureBootstrap: "10", cureByTreatment: true, cureIncidence: ["n_lung_mets"] }));
    expect(spec.analyses.cure).toEqual({ endpoint: "os", model: "ph", by: "treatment", incidence: ["n_lung_mets"], bootstrap: 10, bandReplicates: 500, confLevel: 0.95 });
    const out = await runAll(bytes, spec, "cohort.csv");
    const cure = out.results.analyses.cure!;
    expect(cure.groups.map((g) => g.name)).toEqual(["no", "yes"]);
    expect(out.resultsJson).toBe(await cliResults("ph", yaml));
  });
});
