/**
 * The app's pure form logic: the spec built from the form state is what a user would write by hand,
 * its study.yaml parses back (with the CLI's own parser) to the same spec, and incomplete forms leave
 * parts out instead of guessing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStudySpec } from "../../src/study/spec.js";
import {
  buildSpecInput,
  cureForm,
  defaultForm,
  defaultHorizon,
  emptyCovariate,
  formSpec,
  missingTokens,
  predictionForm,
  previewReadOptions,
  specYaml,
  splitList,
  type FormState,
} from "../../web/src/form.js";
import { exampleForm } from "./example-form.js";

describe("app form → study spec", () => {
  it("builds the example study's OS analysis as the example study.yaml writes it", () => {
    const { spec } = formSpec(exampleForm());
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    // causes of death (competing risks) are not in the app's form
    const { causes: _causes, ...os } = example.endpoints.os as typeof example.endpoints.os & { causes?: unknown };
    expect(spec.endpoints.os).toEqual({ ...os, label: "Overall survival" });
    expect(spec.treatment).toEqual({ column: "metastasectomy", treated: "yes" });
    // same covariates, reference levels and cut-offs (labels aside)
    const strip = (c: (typeof example.covariates)[number]) => {
      if (typeof c === "string") return c;
      const { label: _l, cutoff, ...rest } = c;
      return cutoff ? { ...rest, cutoff: { ...("above" in cutoff && cutoff.above !== undefined ? { above: cutoff.above } : { atLeast: cutoff.atLeast }) } } : rest;
    };
    expect(spec.covariates.map(strip)).toEqual(example.covariates.map(strip).map((c) => (typeof c !== "string" && c.name === "grade" ? { ...c, reference: "1" } : c)));
    expect(spec.analyses.km).toEqual(example.analyses.km);
    expect(spec.analyses.logrank).toEqual(example.analyses.logrank);
    expect(spec.analyses.cox).toEqual(example.analyses.cox);
    expect(spec.analyses.propensity).toEqual(example.analyses.propensity);
    expect(spec.analyses.table1).toEqual(example.analyses.table1);
  });

  it("exports study.yaml that parses back to the same spec", () => {
    const input = buildSpecInput(exampleForm());
    const yaml = specYaml(input);
    expect(yaml).toContain("file: cohort.csv");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(parseStudySpec(JSON.stringify(input), "study.json"));
  });

  it("round-trips every option the form sets (composite endpoint, time/status endpoint, weighting, immortal time)", () => {
    const f = exampleForm();
    const form = {
      ...f,
      idColumn: "patient_id",
      dateFormat: "DD.MM.YYYY" as const,
      missing: 'NA, "", unknown',
      types: { grade: "categorical" as const },
      treatment: { ...f.treatment, date: "date_pm", label: "Metastasectomy" },
      endpoints: [
        ...f.endpoints,
        { ...f.endpoints[0], name: "pfs", label: "", events: ["date_progression", "date_death"] },
        { ...f.endpoints[0], name: "ts", label: "", mode: "columns" as const, time: "t", status: "d", statusValues: "1, dead" },
      ],
      analyses: { ...f.analyses, rmst: true, rmstTau: "60", immortalTime: true, landmark: "6", estimand: "ATT" as const, caliper: "", order: "random" as const },
      seed: "44",
    };
    const input = buildSpecInput(form);
    const spec = parseStudySpec(specYaml(input), "study.yaml");
    expect(spec.data).toEqual({ file: "cohort.csv", id: "patient_id", dateFormat: "DD.MM.YYYY", missing: ["NA", "", "unknown"], types: { grade: "categorical" } });
    expect(spec.endpoints.pfs).toEqual({ origin: "date_lung_met", event: ["date_progression", "date_death"], censor: "date_last_followup", unit: "months" });
    expect(spec.endpoints.ts).toEqual({ time: "t", status: "d", values: [1, "dead"], unit: "months" });
    expect(spec.treatment).toEqual({ column: "metastasectomy", treated: "yes", date: "date_pm", label: "Metastasectomy" });
    expect(spec.analyses.rmst).toEqual({ endpoint: "os", by: "treatment", tau: 60 });
    expect(spec.analyses.immortalTime).toEqual({ landmark: 6, timeDependent: true });
    expect(spec.analyses.propensity?.matching).toEqual({ ratio: 1, caliper: null, distance: "logit", replace: false, order: "random" });
    expect(spec.analyses.propensity?.weighting).toEqual({ estimand: "ATT", stabilize: true });
    expect(spec.seed).toBe(44);
  });

  it("leaves out incomplete parts, so the parser names what is missing", () => {
    const input = buildSpecInput(defaultForm());
    expect(input.endpoints).toEqual({});
    expect(input.treatment).toBeUndefined();
    expect(input.analyses).toEqual({});
    expect(() => formSpec(defaultForm())).toThrow(/define at least one endpoint/);
  });

  it("drops the treatment column from the covariates and cut-offs win over type and reference", () => {
    const f = exampleForm();
    const input = buildSpecInput({
      ...f,
      covariates: [emptyCovariate("metastasectomy"), { ...emptyCovariate("age_primary"), type: "numeric", reference: "x", cutoffKind: "above", cutoffValue: "60", cutoffLabel: "Age > 60" }, emptyCovariate("sex")],
    });
    expect(input.covariates).toEqual([{ name: "age_primary", cutoff: { above: 60, label: "Age > 60" } }, "sex"]);
  });

  it("does not stabilise overlap (ATO) weights, which the spec forbids", () => {
    const f = exampleForm();
    const { spec } = formSpec({ ...f, analyses: { ...f.analyses, estimand: "ATO", stabilize: true } });
    expect(spec.analyses.propensity?.weighting).toEqual({ estimand: "ATO", stabilize: false });
  });

  it("parses lists and missing tokens as typed", () => {
    expect(splitList(" 12, 36;60  ")).toEqual(["12", "36", "60"]);
    expect(missingTokens("")).toBeUndefined();
    expect(missingTokens('NA, "" ,.')).toEqual(["NA", "", "."]);
    expect(previewReadOptions({ ...defaultForm(), types: { a: "date" }, dateFormat: "YYYY-MM-DD" }, "x.csv")).toEqual({
      fileName: "x.csv",
      dateFormat: "YYYY-MM-DD",
      missing: undefined,
      columns: { a: { type: "date" } },
      skipAbsentColumnOverrides: true,
    });
  });
});

describe("app form → analyses.prediction (the pre-operative prediction model)", () => {
  const withPrediction = (patch: Partial<FormState["analyses"]> = {}): FormState => {
    const f = exampleForm();
    return { ...f, analyses: { ...f.analyses, prediction: true, ...patch } };
  };

  it("is off by default and in the example form", () => {
    expect(defaultForm().analyses).toMatchObject({ prediction: false, predictionExcluded: [], predictionTime: "", predictionBootstrap: "200" });
    expect(buildSpecInput(exampleForm()).analyses?.prediction).toBeUndefined();
    expect(formSpec(exampleForm()).yaml).not.toContain("prediction");
  });

  it("writes the analysed endpoint, every chosen covariate (not the treatment), 5 years in the endpoint's unit and 200 replicates", () => {
    const { spec, yaml } = formSpec(withPrediction());
    expect(spec.analyses.prediction).toEqual({
      endpoint: "os",
      covariates: ["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade"],
      time: 60,
      bootstrap: 200,
      groups: 5,
    });
    expect(yaml).toContain("prediction:\n    endpoint: os\n");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(spec);
    const f = withPrediction();
    const cov = buildSpecInput({ ...f, covariates: [emptyCovariate("metastasectomy"), ...f.covariates] }).analyses?.prediction?.covariates;
    expect(cov).not.toContain("metastasectomy");
  });

  it("defaults the horizon to 5 years in the endpoint's unit, and takes a typed horizon as it is", () => {
    expect([defaultHorizon("days"), defaultHorizon("months"), defaultHorizon("years")]).toEqual([1826, 60, 5]);
    for (const unit of ["days", "months", "years"] as const) {
      const f = withPrediction();
      const form = { ...f, endpoints: [{ ...f.endpoints[0], unit }] };
      expect(formSpec(form).spec.analyses.prediction?.time, unit).toBe(defaultHorizon(unit));
    }
    expect(formSpec(withPrediction({ predictionTime: " 36 " })).spec.analyses.prediction?.time).toBe(36);
  });

  it("leaves out the covariates unticked, allows 0 replicates, and lets the parser name bad values", () => {
    const { spec } = formSpec(withPrediction({ predictionExcluded: ["sex", "grade"], predictionBootstrap: "0" }));
    expect(spec.analyses.prediction).toMatchObject({ covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing"], bootstrap: 0 });
    expect(buildSpecInput(withPrediction({ predictionBootstrap: "" })).analyses?.prediction?.bootstrap).toBeUndefined();
    expect(formSpec(withPrediction({ predictionBootstrap: "" })).spec.analyses.prediction?.bootstrap).toBe(200);
    expect(() => formSpec(withPrediction({ predictionBootstrap: "2.5" }))).toThrow(/prediction\.bootstrap/);
    expect(() => formSpec(withPrediction({ predictionTime: "-1" }))).toThrow(/prediction\.time/);
    const f = withPrediction();
    expect(() => formSpec({ ...f, analyses: { ...f.analyses, predictionExcluded: f.covariates.map((c) => c.name) } })).toThrow(/the prediction model has no covariates/);
  });

  it("round-trips form → spec → form → spec", () => {
    const cases: Partial<FormState["analyses"]>[] = [
      {},
      { predictionExcluded: ["n_lung_mets"], predictionTime: "24", predictionBootstrap: "0" },
      { predictionExcluded: ["age_primary", "timing"], predictionTime: "12.5", predictionBootstrap: "1000" },
    ];
    for (const patch of cases) {
      const form = withPrediction(patch);
      const { spec } = formSpec(form);
      const back = predictionForm(spec);
      expect(back.prediction).toBe(true);
      expect(back.predictionExcluded).toEqual(patch.predictionExcluded ?? []);
      const again = formSpec({ ...form, analyses: { ...form.analyses, ...back } });
      expect(again.spec).toEqual(spec);
      expect(again.yaml).toBe(formSpec(form).yaml);
    }
    expect(predictionForm(formSpec(exampleForm()).spec)).toEqual({ prediction: false, predictionExcluded: [], predictionTime: "", predictionBootstrap: "200" });
    // a spec without a covariate list means all of them
    const spec = formSpec(withPrediction()).spec;
    expect(predictionForm({ ...spec, analyses: { ...spec.analyses, prediction: { ...spec.analyses.prediction!, covariates: undefined } } }).predictionExcluded).toEqual([]);
  });
});

describe("app form → analyses.cure (the mixture cure model)", () => {
  const withCure = (patch: Partial<FormState["analyses"]> = {}): FormState => {
    const f = exampleForm();
    return { ...f, analyses: { ...f.analyses, cure: true, ...patch } };
  };
  /** The example study's cure model: Weibull, incidence n_lung_mets + timing, latency age_primary. */
  const exampleCure: Partial<FormState["analyses"]> = { cureIncidence: ["n_lung_mets", "timing"], cureLatencySame: false, cureLatency: ["age_primary"] };

  it("is off by default and in the example form", () => {
    expect(defaultForm().analyses).toMatchObject({
      cure: false,
      cureModel: "weibull",
      cureByTreatment: false,
      cureIncidence: [],
      cureLatencySame: true,
      cureLatency: [],
      cureBootstrap: "100",
    });
    expect(buildSpecInput(exampleForm()).analyses?.cure).toBeUndefined();
    expect(formSpec(exampleForm()).yaml).not.toContain("cure");
  });

  it("writes the example study.yaml's cure model for the analysed endpoint", () => {
    const { spec, yaml } = formSpec(withCure(exampleCure));
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    expect(spec.analyses.cure).toEqual(example.analyses.cure);
    expect(spec.analyses.cure).toEqual({ endpoint: "os", model: "weibull", incidence: ["n_lung_mets", "timing"], latency: ["age_primary"], bootstrap: 100, confLevel: 0.95 });
    expect(yaml).toContain("cure:\n    endpoint: os\n    model: weibull\n");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(spec);
  });

  it("leaves latency out when it is the incidence model (the spec's default), and keeps an intercept-only model", () => {
    const same = buildSpecInput(withCure({ cureIncidence: ["timing", "age_primary"], cureLatency: ["sex"] })).analyses?.cure;
    expect(same).toEqual({ endpoint: "os", model: "weibull", incidence: ["timing", "age_primary"] });
    expect(formSpec(withCure()).spec.analyses.cure).toMatchObject({ incidence: [] });
    expect(formSpec(withCure()).spec.analyses.cure?.latency).toBeUndefined();
    // explicit latency, even with no covariate (Weibull latency without covariates)
    expect(buildSpecInput(withCure({ cureIncidence: ["timing"], cureLatencySame: false, cureLatency: [] })).analyses?.cure).toMatchObject({ incidence: ["timing"], latency: [] });
  });

  it("follows the analysed endpoint", () => {
    const f = withCure();
    const form = { ...f, endpoints: [...f.endpoints, { ...f.endpoints[0], name: "pfs", label: "", events: ["date_progression", "date_death"] }], analyses: { ...f.analyses, kmEndpoint: "pfs" } };
    expect(formSpec(form).spec.analyses.cure?.endpoint).toBe("pfs");
  });

  it("writes the bootstrap replicates for the PH model only, and lets the parser name bad values", () => {
    expect(buildSpecInput(withCure({ cureBootstrap: "20" })).analyses?.cure?.bootstrap).toBeUndefined();
    const ph = formSpec(withCure({ cureModel: "ph", cureBootstrap: " 20 ", cureIncidence: ["timing"] })).spec.analyses.cure;
    expect(ph).toEqual({ endpoint: "os", model: "ph", incidence: ["timing"], bootstrap: 20, confLevel: 0.95 });
    expect(buildSpecInput(withCure({ cureModel: "ph", cureBootstrap: "" })).analyses?.cure?.bootstrap).toBeUndefined();
    expect(formSpec(withCure({ cureModel: "ph", cureBootstrap: "" })).spec.analyses.cure?.bootstrap).toBe(100);
    expect(formSpec(withCure({ cureModel: "ph", cureBootstrap: "0" })).spec.analyses.cure?.bootstrap).toBe(0);
    expect(() => formSpec(withCure({ cureModel: "ph", cureBootstrap: "2.5" }))).toThrow(/cure\.bootstrap/);
    expect(() => formSpec(withCure({ cureModel: "ph", cureBootstrap: "-1" }))).toThrow(/cure\.bootstrap/);
  });

  it("groups by treatment only when there is a treatment", () => {
    expect(formSpec(withCure({ cureByTreatment: true })).spec.analyses.cure?.by).toBe("treatment");
    expect(formSpec(withCure()).spec.analyses.cure?.by).toBeUndefined();
    const f = withCure({ cureByTreatment: true });
    const untreated = { ...f, treatment: { column: "", treated: "", date: "", label: "" } };
    expect(buildSpecInput(untreated).analyses?.cure).toEqual({ endpoint: "os", model: "weibull", incidence: [] });
  });

  it("keeps only covariates still chosen, never the treatment, in the order ticked", () => {
    const f = withCure({ cureIncidence: ["metastasectomy", "timing", "ki67", "n_lung_mets", "timing"], cureLatencySame: false, cureLatency: ["ki67", "sex", "metastasectomy"] });
    const form = { ...f, covariates: [emptyCovariate("metastasectomy"), ...f.covariates] };
    expect(buildSpecInput(form).analyses?.cure).toEqual({ endpoint: "os", model: "weibull", incidence: ["timing", "n_lung_mets"], latency: ["sex"] });
  });

  it("round-trips form → spec → form → spec", () => {
    const cases: Partial<FormState["analyses"]>[] = [
      {},
      exampleCure,
      { cureModel: "ph", cureBootstrap: "0", cureByTreatment: true, cureIncidence: ["timing", "age_primary"] },
      { cureModel: "ph", cureBootstrap: "250", cureIncidence: ["sex"], cureLatencySame: false, cureLatency: ["grade", "n_lung_mets"] },
      { cureByTreatment: true, cureLatencySame: false, cureLatency: [] },
    ];
    for (const patch of cases) {
      const form = withCure(patch);
      const { spec, yaml } = formSpec(form);
      const back = cureForm(spec);
      expect(back).toMatchObject({ cure: true, cureIncidence: patch.cureIncidence ?? [], cureLatencySame: patch.cureLatencySame ?? true });
      const again = formSpec({ ...form, analyses: { ...form.analyses, ...back } });
      expect(again.spec).toEqual(spec);
      expect(again.yaml).toBe(yaml);
      // from a form that never had these options (the defaults) as well
      const fresh = exampleForm();
      expect(formSpec({ ...fresh, analyses: { ...fresh.analyses, ...back } }).yaml).toBe(yaml);
    }
    const d = defaultForm().analyses;
    expect(cureForm(formSpec(exampleForm()).spec)).toEqual({
      cure: false,
      cureModel: d.cureModel,
      cureByTreatment: d.cureByTreatment,
      cureIncidence: d.cureIncidence,
      cureLatencySame: d.cureLatencySame,
      cureLatency: d.cureLatency,
      cureBootstrap: d.cureBootstrap,
    });
    // the example study.yaml's cure model reads into the form as the e2e test ticks it
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    expect(cureForm(example)).toEqual({ cure: true, cureModel: "weibull", cureByTreatment: false, cureIncidence: ["n_lung_mets", "timing"], cureLatencySame: false, cureLatency: ["age_primary"], cureBootstrap: "100" });
  });
});
