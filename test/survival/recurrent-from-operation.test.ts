/**
 * analyses.recurrent.population: "treated" follows the operated patients from the date of the index operation
 * (time 0 = the operation, events = the operations after it). It is checked two ways: against the same step
 * run with population "all" on a data file whose endpoint starts at the operation (the operated patients only,
 * origin date_pm, events date_pm2, date_pm3), which must give the same Ghosh–Lin curve, counts and models.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { buildReportModel } from "../../src/report/render.js";
import { ROOT, runExampleVariant, type ExampleSpec } from "../report/render-study.js";
import { SurvinferError } from "../../src/errors.js";
import { stringify } from "yaml";

const dir = mkdtempSync(join(tmpdir(), "survinfer-recurrent-op-"));
/** The example with only the recurrent-event analysis (faster); with `file`, that data file and no treatment (all operated). */
const only = (recurrent: Record<string, unknown>, file?: string) => (s: ExampleSpec): void => {
  s.analyses = { recurrent };
  if (file !== undefined) {
    s.data.file = file;
    delete s.treatment;
  }
};

describe("analyses.recurrent.population: treated, from the index operation", () => {
  const fromOp = runExampleVariant(dir, "treated", only({ endpoint: "os", label: "Pulmonary metastasectomy", events: ["date_pm", "date_pm2", "date_pm3"], covariates: ["n_lung_mets", "timing"], population: "treated" })).analyses.recurrent!;

  // the operated patients only, with the endpoint starting at the operation
  const csv = readFileSync(join(ROOT, "examples", "lms-metastasectomy", "cohort.csv"), "utf8").trimEnd().split("\n");
  const header = csv[0].split(",");
  const col = (n: string) => header.indexOf(n);
  const operated = csv.slice(1).filter((l) => l.split(",")[col("metastasectomy")] === "yes" && l.split(",")[col("date_pm")] !== "");
  const file = join(dir, "operated.csv");
  writeFileSync(file, [csv[0], ...operated].join("\n") + "\n");
  const shifted = runExampleVariant(dir, "operated-origin", (s) => {
    only({ endpoint: "fromop", label: "Pulmonary metastasectomy", events: ["date_pm2", "date_pm3"], covariates: ["n_lung_mets", "timing"] }, file)(s);
    s.endpoints.fromop = { origin: "date_pm", event: "date_death", censor: "date_last_followup", unit: "months", label: "Overall survival" };
  }).analyses.recurrent!;

  it("follows the operated patients only, and says so", () => {
    expect(fromOp.population.kind).toBe("treated");
    expect(fromOp.population.fromTreatment).toBe(true);
    expect(fromOp.population.description).toMatch(/^treated patients \((.* = yes|Metastasectomy)\) from the date of treatment$/); // the level label when the spec gives one
    expect(fromOp.nPatients).toBe(shifted.nPatients);
    expect(fromOp.nPatients).toBeLessThanOrEqual(44);
    expect(fromOp.nEvents).toBe(shifted.nEvents);
    expect(fromOp.eventsPerPatient).toEqual(shifted.eventsPerPatient);
  });
  it("equals the analysis whose endpoint starts at the operation: Ghosh–Lin curve, naive MCF and Andersen–Gill to 1e-10", () => {
    const a = fromOp.ghoshLin.curves[0];
    const b = shifted.ghoshLin.curves[0];
    expectClose(a.time, b.time, { rel: 1e-12, abs: 1e-12 }, "times");
    expectClose(a.mu, b.mu, { rel: 1e-10 }, "Ghosh–Lin mean");
    expectClose(a.upper, b.upper, { rel: 1e-10 }, "upper limit");
    expectClose(fromOp.mcf.curves[0].mcf, shifted.mcf.curves[0].mcf, { rel: 1e-10 }, "naive MCF");
    const ag = (r: typeof fromOp) => r.models.find((m) => m.model === "ag")!.result.fit.terms;
    expectClose(ag(fromOp).map((t) => t.coef), ag(shifted).map((t) => t.coef), { rel: 1e-10 }, "AG coefficients");
    expectClose(ag(fromOp).map((t) => t.robustSe ?? t.se), ag(shifted).map((t) => t.robustSe ?? t.se), { rel: 1e-10 }, "AG robust SEs");
  });
  it("the report states the population and time origin", () => {
    const r = runExampleVariant(dir, "treated", only({ endpoint: "os", label: "Pulmonary metastasectomy", events: ["date_pm", "date_pm2", "date_pm3"], covariates: ["n_lung_mets", "timing"], population: "treated" }));
    const section = buildReportModel(r).model.sections.find((s) => s.id === "recurrent")!;
    const text = section.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    expect(text).toMatch(/Population: treated patients .* from the date of treatment\. Time 0 is the index operation \(Pulmonary metastasectomy\)/); // the event's label, not its date column (referee B1)
  });
});

describe("analyses.recurrent.population refusals", () => {
  it("refuses counting the index operation when it is the time origin", () => {
    const spec = stringify({ title: "t", data: { file: "d.csv" }, endpoints: { os: { time: "t", status: "s" } }, analyses: { recurrent: { endpoint: "os", events: ["a"], population: "treated", countIndexOperation: true } } });
    expect(() => parseStudySpec(spec, "study.yaml")).toThrow(/the index operation is the time origin \(time 0\), so it cannot also be counted/);
  });
  it("needs treatment.date (SPEC_INVALID naming the key)", () => {
    let err: unknown;
    try {
      runExampleVariant(dir, "no-date", (s) => {
        only({ endpoint: "os", events: ["date_pm2", "date_pm3"], covariates: ["n_lung_mets"], population: "treated" })(s);
        delete (s.treatment as Record<string, unknown>).date;
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SurvinferError);
    expect((err as SurvinferError).code).toBe("SPEC_INVALID");
    expect((err as SurvinferError).message).toMatch(/at analyses\.recurrent\.population: population "treated" follows the treated from the date of treatment: it needs treatment\.date/);
  });
});
