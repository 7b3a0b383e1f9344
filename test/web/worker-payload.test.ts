/**
 * What the worker sends to the UI thread after a run: a summary for the results view (not the full
 * results, which are tens of megabytes for 100,000 patients) and every output as a Blob.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frameHtml, outputBlobs, predictionSummary, resultsSummary, runAll, withheldReasons } from "../../web/src/engine.js";
import { buildReportModel } from "../../src/report/render.js";
import { LANGUAGES } from "../../src/i18n/language.js";
import { CALCULATOR_SCRIPT } from "../../src/report/calculator-script.js";
import { formSpec } from "../../web/src/form.js";
import { predictPatient } from "../../src/study/calculator.js";
import { EXAMPLE_DIR, exampleForm } from "./example-form.js";

const bytes = new Uint8Array(readFileSync(join(EXAMPLE_DIR, "cohort.csv")));

describe("the worker's result message", () => {
  it("summarises the results for the view: the KM and effects results as they are, no Cox residuals", async () => {
    const out = await runAll(bytes, formSpec(exampleForm()).spec, "cohort.csv");
    const s = resultsSummary(out.results);
    expect(Object.keys(s.analyses).sort()).toEqual(["effects", "km"]);
    expect(s.analyses.km).toEqual(out.results.analyses.km);
    expect(s.analyses.effects).toEqual(out.results.analyses.effects);
    expect(s.endpoints.map((e) => [e.name, e.n, e.events, e.flow.text])).toEqual(out.results.endpoints.map((e) => [e.name, e.n, e.events, e.flow.text]));
    expect(s.data).toEqual({ file: "cohort.csv", nRows: 64 });
    expect(s.warnings).toEqual(out.results.warnings);
  });

  it("carries the prediction model's calculator and C indices when the spec asks for it, not its fit", async () => {
    const f = exampleForm();
    const form = { ...f, analyses: { ...f.analyses, matching: false, weighting: false, prediction: true, predictionExcluded: ["grade"], predictionBootstrap: "5" } };
    const out = await runAll(bytes, formSpec(form).spec, "cohort.csv");
    const p = out.results.analyses.prediction!;
    const s = resultsSummary(out.results);
    expect(Object.keys(s.analyses).sort()).toEqual(["effects", "km", "prediction"]);
    expect(s.analyses.prediction).toEqual(predictionSummary(p));
    expect(s.analyses.prediction).toEqual({
      endpoint: "os",
      calculator: p.calculator,
      harrell: { value: p.validation.harrell.value, se: p.validation.harrell.se },
      optimism: { B: 5, indices: p.validation.optimism!.indices },
      calculatorUse: p.calculatorUse,
      withheld: withheldReasons(p, p.calculatorUse!),
    });
    // the reason the app shows is, in each language, the note of the report's prediction section in that language
    for (const l of LANGUAGES) {
      const section = buildReportModel(out.results, l).model.sections.find((x) => x.id === "prediction")!;
      expect(section.blocks.filter((b) => b.kind === "note").map((b) => (b.kind === "note" ? b.text : ""))).toContain(s.analyses.prediction!.withheld![l]);
    }
    expect(s.analyses.prediction!.calculator.inputs.map((i) => i.name)).toEqual(["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing"]);
    // a few kB whatever the number of patients (the fit, calibration and risk groups stay in results.json; the
    // withheld calculator's reason in three languages adds about 1.5 kB)
    expect(JSON.stringify(s.analyses.prediction).length).toBeLessThan(5000);
    // the calculator reaches the page as results.json has it
    const fromJson = (JSON.parse(out.resultsJson) as typeof out.results).analyses.prediction!.calculator;
    const values = { age_primary: 67, sex: "male", primary_size_mm: 120, n_lung_mets: 3, timing: "synchronous" };
    expect(predictPatient(s.analyses.prediction!.calculator, values)).toEqual(predictPatient(fromJson, values));
    // the example's model fails the checks for use on new patients (Riley's minimum sample size, corrected C/AUC):
    // the report withholds the calculator, so report.html has no executable script and the frame shows it as it is
    const report = out.files["report.html"] as string;
    const framed = frameHtml(report);
    expect(p.calculatorUse?.offered).toBe(false);
    expect(report).not.toContain(`<script>${CALCULATOR_SCRIPT}</script>`);
    expect(framed).toBe(report);
    for (const tag of framed.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/^<script type="application\/json"[^>]*>$/);
    expect(await outputBlobs(out)["report.html"].text()).toBe(report);
    // no prediction model asked: no prediction key
    const plainOut = await runAll(bytes, formSpec(exampleForm()).spec, "cohort.csv");
    expect("prediction" in resultsSummary(plainOut.results).analyses).toBe(false);
    expect(frameHtml(plainOut.files["report.html"] as string)).toBe(plainOut.files["report.html"]);
  });

  it("gives every output as a Blob with its MIME type, results.json byte for byte", async () => {
    const out = await runAll(bytes, formSpec(exampleForm()).spec, "cohort.csv");
    const blobs = outputBlobs(out);
    expect(await blobs["results.json"].text()).toBe(out.resultsJson);
    expect(blobs["results.json"].type).toBe("application/json");
    expect(await blobs["report.html"].text()).toBe(out.files["report.html"]);
    expect(blobs["report.html"].type).toBe("text/html");
    expect(new Uint8Array(await blobs["tables.docx"].arrayBuffer())).toEqual(out.files["tables.docx"]);
    expect(Object.keys(blobs).sort()).toEqual(["results.json", ...Object.keys(out.files)].sort());
    for (const [name, b] of Object.entries(blobs)) if (name.endsWith(".svg")) expect(b.type).toBe("image/svg+xml");
  });
});
