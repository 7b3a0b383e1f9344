/**
 * The app's competing-risks and recurrent-events options through the worker's logic (Node): the form's
 * options become endpoints.os.causes, analyses.competingRisks and analyses.recurrent, runAll's
 * results.json is byte-identical to `survinfer run` on the exported study.yaml, and the live endpoint
 * feedback names the row of a patient whose cause of death has no cause (DATA_INVALID_CAUSE) with the
 * CLI's own message.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { checkEndpoints, runAll } from "../../web/src/engine.js";
import { formSpec, type FormState } from "../../web/src/form.js";
import { EXAMPLE_DIR, exampleCompeting, exampleForm, exampleRecurrent } from "./example-form.js";

const csv = readFileSync(join(EXAMPLE_DIR, "cohort.csv"), "utf8");
const bytes = new TextEncoder().encode(csv);
const dir = mkdtempSync(join(tmpdir(), "survinfer-app-cr-rec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example form with the given options and without the propensity score (not needed here). */
const withOptions = (patch: Partial<FormState["analyses"]>): FormState => {
  const f = exampleForm();
  return { ...f, analyses: { ...f.analyses, matching: false, weighting: false, ...patch } };
};

async function cli(name: string, yaml: string): Promise<{ code: number; stderr: string; resultsJson: string }> {
  const sub = join(dir, name);
  mkdirSync(sub);
  copyFileSync(join(EXAMPLE_DIR, "cohort.csv"), join(sub, "cohort.csv"));
  writeFileSync(join(sub, "study.yaml"), yaml);
  const r = await runCli(["run", "study.yaml", "--out", "out", "--no-png"], sub);
  return { code: r.code, stderr: r.stderr, resultsJson: r.code === 0 ? readFileSync(join(sub, "out", "results.json"), "utf8") : "" };
}

describe("the app's competing-risks and recurrent-events options", () => {
  it("run the example study's competing risks and recurrent events to the CLI's results.json byte for byte, with their report sections", async () => {
    // with the treatment's date, as the example study: its recurrent events follow the operated from the first operation
    const f = withOptions({ ...exampleCompeting, ...exampleRecurrent });
    const { spec, yaml } = formSpec({ ...f, treatment: { ...f.treatment, date: "date_pm" } });
    const out = await runAll(bytes, spec, "cohort.csv");
    const cr = out.results.analyses.competingRisks!;
    expect(cr).toMatchObject({ endpoint: "os", by: "treatment", causeLabels: ["Sarcoma", "Other causes"], causeColumn: "cause_of_death" });
    // other causes: 3 events for 2 parameters, below the events-per-parameter floor (src/study/epv.ts)
    expect(cr.models.map((m) => m.label)).toEqual(["Sarcoma"]);
    expect(cr.refused?.map((m) => m.label)).toEqual(["cause-specific Cox, Other causes", "Fine–Gray, Other causes"]);
    const rec = out.results.analyses.recurrent!;
    expect(rec).toMatchObject({ endpoint: "os", label: "Pulmonary metastasectomy", eventColumns: ["date_pm", "date_pm2", "date_pm3"], population: { kind: "treated", fromTreatment: true } });
    expect(rec.nPatients).toBe(44);
    expect(rec.models.map((m) => m.model)).toEqual(["ag", "pwp-total", "pwp-gap"]);
    const run = await cli("example", yaml);
    // nothing on stderr but the progress bar of the clone–censor–weight bootstrap (the treatment date turns it on)
    expect(run.stderr.replace(/\r[^\r\n]* \[[#.]+\] \d+\/\d+\n?/g, "")).toBe("");
    expect(out.resultsJson).toBe(run.resultsJson);
    const report = out.files["report.html"] as string;
    expect(report).toMatch(/<section id="competing-risks"[^>]*><h2>Competing risks</);
    expect(report).toMatch(/<section id="recurrent"[^>]*><h2>Recurrent events: Pulmonary metastasectomy</);
  });

  it("run grouped causes without groups at typed times, and one recurrent-event model by treatment, to the CLI's results.json byte for byte", async () => {
    const { spec, yaml } = formSpec(
      withOptions({
        ...exampleCompeting,
        competingCauses: [
          { value: "other", cause: "Any cause" },
          { value: "sarcoma", cause: "Any cause" },
        ],
        competingByTreatment: false,
        competingTimesSameAsKm: false,
        competingTimes: "24, 48",
        competingCovariates: [],
        ...exampleRecurrent,
        recurrentEvents: ["date_pm2", "date_pm3"],
        recurrentLabel: "Repeat metastasectomy",
        recurrentByTreatment: true,
        recurrentCovariates: ["n_lung_mets"],
        recurrentModels: ["ag"],
        recurrentPopulation: "all", // by treatment: both arms from the origin
      }),
    );
    expect(spec.endpoints.os.causes).toEqual({ column: "cause_of_death", values: { "Any cause": ["other", "sarcoma"] } });
    expect(spec.analyses.recurrent).toMatchObject({ by: "treatment", models: ["ag"] });
    const out = await runAll(bytes, spec, "cohort.csv");
    expect(out.results.analyses.competingRisks).toMatchObject({ causeLabels: ["Any cause"], models: [] });
    expect(out.results.analyses.recurrent?.models.map((m) => m.model)).toEqual(["ag"]);
    const run = await cli("variant", yaml);
    expect(run.stderr).toBe("");
    expect(out.resultsJson).toBe(run.resultsJson);
  });

  it("shows in the endpoint feedback the row whose cause has no cause name (DATA_INVALID_CAUSE), with the CLI's message", async () => {
    const form = withOptions({ ...exampleCompeting, competingCauses: [{ value: "sarcoma", cause: "Sarcoma" }, { value: "other", cause: "" }] });
    const { spec, yaml } = formSpec(form);
    const { feedback, readProblem } = checkEndpoints(bytes, spec, "cohort.csv");
    expect(readProblem).toBeUndefined();
    expect(feedback).toHaveLength(1);
    const fb = feedback[0];
    expect(fb).toMatchObject({ name: "os", ok: false, n: 64 });
    const problem = fb.problems[0];
    expect(problem).toMatchObject({ code: "DATA_INVALID_CAUSE", severity: "error", file: "cohort.csv", column: "cause_of_death", value: "other" });
    // the first patient (file row; header = 1) who died of "other"
    const lines = csv.split("\n");
    const header = lines[0].split(",");
    const firstOther = lines.findIndex((l, i) => i > 0 && l.split(",")[header.indexOf("cause_of_death")] === "other" && l.split(",")[header.indexOf("date_death")] !== "") + 1;
    expect(problem.row).toBe(firstOther);
    const run = await cli("invalid-cause", yaml);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`survinfer: ${problem.message}\n`);
    // every level named: no problem, and the feedback is the same as without causes
    const ok = checkEndpoints(bytes, formSpec(withOptions(exampleCompeting)).spec, "cohort.csv").feedback[0];
    const plain = checkEndpoints(bytes, formSpec(withOptions({})).spec, "cohort.csv").feedback[0];
    expect(ok.problems.some((p) => p.code === "DATA_INVALID_CAUSE")).toBe(false);
    expect(ok).toEqual(plain);
  });
});
