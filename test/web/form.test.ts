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
  causeRows,
  causeValues,
  competingForm,
  cureForm,
  defaultForm,
  defaultCauses,
  defaultHorizon,
  emptyCovariate,
  formSpec,
  missingTokens,
  predictionForm,
  previewReadOptions,
  recurrentForm,
  specYaml,
  splitList,
  unmappedLevels,
  type FormState,
} from "../../web/src/form.js";
import { exampleCompeting, exampleCure, exampleForm, exampleRecurrent } from "./example-form.js";

/**
 * The options read back from a form's spec (`back`) rebuild the same spec and YAML, both on that form and
 * on the example form that never had them (`keep`: analyses settings the options rely on, e.g. the KM times).
 */
function expectRoundTrip(form: FormState, back: Partial<FormState["analyses"]>, keep: Partial<FormState["analyses"]> = {}, fresh: FormState = exampleForm()): void {
  const { spec, yaml } = formSpec(form);
  const again = formSpec({ ...form, analyses: { ...form.analyses, ...back } });
  expect(again.spec).toEqual(spec);
  expect(again.yaml).toBe(yaml);
  expect(formSpec({ ...fresh, analyses: { ...fresh.analyses, ...keep, ...back } }).yaml).toBe(yaml);
}

describe("app form → study spec", () => {
  it("builds the example study's OS analysis as the example study.yaml writes it", () => {
    const { spec } = formSpec(exampleForm());
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    // causes of death are written only with the competing-risks option (below); the form has no field for the
    // origin's words (originLabel) yet, so the app's figures name the origin column
    const { causes: _causes, originLabel: _originLabel, ...os } = example.endpoints.os as typeof example.endpoints.os & { causes?: unknown; originLabel?: string };
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
    // the app's form does not offer the spline linearity check yet (the example asks for it)
    expect(spec.analyses.cox).toEqual({ ...example.analyses.cox, linearity: undefined });
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
    expect(spec.analyses.immortalTime).toEqual({ landmark: 6, timeDependent: true, sequentialMatching: false, cloneCensorWeight: true });
    expect(spec.analyses.propensity?.matching).toEqual({ method: "nearest", ratio: 1, caliper: null, distance: "logit", replace: false, order: "random" });
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

  it("carries the data step's reading controls (decimal mark, delimiter, encoding, sheet) to the preview and the spec", () => {
    const f: FormState = { ...defaultForm(), fileName: "kohorte.csv", decimal: ",", delimiter: "tab", encoding: "windows-1252" };
    expect(previewReadOptions(f, "kohorte.csv")).toMatchObject({ decimal: ",", delimiter: "\t", encoding: "windows-1252" });
    expect(buildSpecInput(f).data).toMatchObject({ decimal: ",", delimiter: "tab", encoding: "windows-1252" });
    // "detect" leaves them out of both
    const d = previewReadOptions(defaultForm(), "x.csv");
    expect("decimal" in d || "delimiter" in d || "encoding" in d || "sheet" in d).toBe(false);
    expect(buildSpecInput({ ...defaultForm(), sheet: "Patienten" }).data.sheet).toBe("Patienten");
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
      shrinkage: "bootstrap",
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
  /** The causes of death the example's cause-specific cure model needs (named as for competing risks). */
  const causes: Partial<FormState["analyses"]> = { competingCauseColumn: exampleCure.competingCauseColumn, competingCauses: exampleCure.competingCauses };

  it("is off by default and in the example form", () => {
    expect(defaultForm().analyses).toMatchObject({
      cure: false,
      cureModel: "weibull",
      cureByTreatment: false,
      cureIncidence: [],
      cureLatencySame: true,
      cureLatency: [],
      cureBootstrap: "100",
      curePopulation: "all",
      cureCause: "",
    });
    expect(buildSpecInput(exampleForm()).analyses?.cure).toBeUndefined();
    expect(formSpec(exampleForm()).yaml).not.toContain("cure");
  });

  it("writes the example study.yaml's cure model for the analysed endpoint", () => {
    const { spec, yaml } = formSpec(withCure(exampleCure));
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    expect(spec.analyses.cure).toEqual(example.analyses.cure);
    expect(spec.analyses.cure).toEqual({ endpoint: "os", model: "aic", cause: "Sarcoma", population: "treated", incidence: ["n_lung_mets", "timing"], latency: [], bandReplicates: 500, confLevel: 0.95 });
    // the cause-specific model writes the endpoint's causes even without the competing-risks analysis
    expect(spec.analyses.competingRisks).toBeUndefined();
    expect(spec.endpoints.os).toMatchObject({ causes: example.endpoints.os.causes });
    expect(yaml).toContain("cure:\n    endpoint: os\n    model: aic\n    cause: Sarcoma\n    population: treated\n");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(spec);
  });

  it("fits one arm without grouping by it, and any cause unless one is chosen", () => {
    // by: treatment with one arm is refused by the spec: the form leaves it out
    expect(buildSpecInput(withCure({ curePopulation: "untreated", cureByTreatment: true })).analyses?.cure).toEqual({ endpoint: "os", model: "weibull", population: "untreated", incidence: [] });
    // without a treatment the population is all patients
    const noTreatment = { ...withCure({ curePopulation: "treated" }), treatment: { column: "", treated: "", date: "", label: "" } };
    expect(buildSpecInput(noTreatment).analyses?.cure).toEqual({ endpoint: "os", model: "weibull", incidence: [] });
    expect(buildSpecInput(withCure()).analyses?.cure?.cause).toBeUndefined();
    expect(buildSpecInput(withCure()).endpoints?.os).not.toHaveProperty("causes");
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
    expect(ph).toEqual({ endpoint: "os", model: "ph", incidence: ["timing"], bootstrap: 20, bandReplicates: 500, confLevel: 0.95 });
    expect(buildSpecInput(withCure({ cureModel: "ph", cureBootstrap: "" })).analyses?.cure?.bootstrap).toBeUndefined();
    expect(formSpec(withCure({ cureModel: "ph", cureBootstrap: "" })).spec.analyses.cure?.bootstrap).toBeUndefined(); // the ph model then uses 100 (src/study/cure-step.ts)
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
      { curePopulation: "untreated", cureModel: "lognormal", cureIncidence: ["sex"] },
    ];
    for (const patch of cases) {
      const form = withCure(patch);
      const { spec } = formSpec(form);
      const back = cureForm(spec);
      expect(back).toMatchObject({ cure: true, cureIncidence: patch.cureIncidence ?? [], cureLatencySame: patch.cureLatencySame ?? true });
      // the causes belong to the competing-risks part of the form (competingForm reads them back)
      expectRoundTrip(form, back, patch.cureCause ? causes : {});
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
      curePopulation: d.curePopulation,
      cureCause: d.cureCause,
    });
    // the example study.yaml's cure model reads into the form as exampleCure sets it
    const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");
    const { competingCauseColumn: _column, competingCauses: _causes, ...cureOnly } = exampleCure;
    expect(cureForm(example)).toEqual({ ...cureOnly, cureByTreatment: false, cureBootstrap: "100" });
  });
});

describe("app form → endpoints.<ep>.causes and analyses.competingRisks (competing risks)", () => {
  const withCompeting = (patch: Partial<FormState["analyses"]> = {}): FormState => {
    const f = exampleForm();
    return { ...f, analyses: { ...f.analyses, ...exampleCompeting, ...patch } };
  };
  const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");

  it("is off by default and in the example form, and then writes no causes", () => {
    expect(defaultForm().analyses).toMatchObject({
      competingRisks: false,
      competingCauseColumn: "",
      competingCauses: [],
      competingByTreatment: true,
      competingTimesSameAsKm: true,
      competingTimes: "",
      competingCovariates: [],
    });
    const { spec, yaml } = formSpec(exampleForm());
    expect(spec.analyses.competingRisks).toBeUndefined();
    expect(spec.endpoints.os.causes).toBeUndefined();
    expect(yaml).not.toMatch(/causes|competingRisks/);
    // a cause column chosen while the option is off stays out too
    const f = exampleForm();
    expect(buildSpecInput({ ...f, analyses: { ...f.analyses, ...exampleCompeting, competingRisks: false } }).endpoints?.os).not.toHaveProperty("causes");
  });

  it("writes exactly the example study.yaml's causes and competingRisks, in its order (cause 1 = Sarcoma)", () => {
    const { spec, yaml } = formSpec(withCompeting());
    expect(spec.endpoints.os.causes).toEqual(example.endpoints.os.causes);
    expect(spec.analyses.competingRisks).toEqual(example.analyses.competingRisks);
    // toEqual ignores key order; the causes' numbering does not
    expect(Object.keys(spec.endpoints.os.causes!.values)).toEqual(["Sarcoma", "Other causes"]);
    expect(JSON.stringify(spec.analyses.competingRisks)).toBe(JSON.stringify(example.analyses.competingRisks));
    expect(yaml).toContain("    causes:\n      column: cause_of_death\n      values:\n        Sarcoma: sarcoma\n        Other causes: other\n");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(spec);
  });

  it("maps one cause per level by default, groups levels given one name, and leaves out levels without a name", () => {
    expect(defaultCauses(["other", "sarcoma"])).toEqual([
      { value: "other", cause: "other" },
      { value: "sarcoma", cause: "sarcoma" },
    ]);
    const entries = [
      { value: "sarcoma", cause: " Sarcoma " },
      { value: "cardiac", cause: "Other causes" },
      { value: "alive", cause: "" },
      { value: "other", cause: "Other causes" },
      { value: "infection", cause: "  " },
    ];
    expect(causeValues(entries)).toEqual({ Sarcoma: "sarcoma", "Other causes": ["cardiac", "other"] });
    expect(Object.keys(causeValues([{ value: "b", cause: "B" }, { value: "a", cause: "A" }, { value: "c", cause: "B" }]))).toEqual(["B", "A"]);
    const { spec } = formSpec(withCompeting({ competingCauses: entries }));
    expect(spec.endpoints.os.causes).toEqual({ column: "cause_of_death", values: { Sarcoma: "sarcoma", "Other causes": ["cardiac", "other"] } });
  });

  it("lists the data's levels without a cause (which would stop the run), after the mapping's own entries", () => {
    const entries = [
      { value: "sarcoma", cause: "Sarcoma" },
      { value: "old", cause: "Other" },
      { value: "other", cause: "" },
    ];
    expect(causeRows(entries, ["other", "sarcoma", "unknown"])).toEqual([...entries, { value: "unknown", cause: "" }]);
    expect(unmappedLevels(entries, ["other", "sarcoma", "unknown"])).toEqual(["other", "unknown"]);
    expect(unmappedLevels(defaultCauses(["other", "sarcoma"]), ["other", "sarcoma"])).toEqual([]);
    // no data read yet: nothing to warn about
    expect(unmappedLevels([], [])).toEqual([]);
  });

  it("lets the parser name what is missing: no cause column, or no cause named", () => {
    expect(() => formSpec(withCompeting({ competingCauseColumn: "", competingCauses: [] }))).toThrow(/has no causes/);
    expect(() => formSpec(withCompeting({ competingCauses: [{ value: "sarcoma", cause: "" }] }))).toThrow(/name at least one cause/);
    expect(() => formSpec(withCompeting({ competingTimesSameAsKm: false, competingTimes: "12, -3" }))).toThrow(/competingRisks\.times/);
  });

  it("reports at the Kaplan–Meier times by default, or at the times typed; groups by treatment only with a treatment", () => {
    const f = withCompeting({ competingTimesSameAsKm: true, competingTimes: "99" });
    expect(formSpec({ ...f, analyses: { ...f.analyses, kmTimes: "6; 24" } }).spec.analyses.competingRisks?.times).toEqual([6, 24]);
    expect(formSpec(withCompeting({ competingTimesSameAsKm: false, competingTimes: " 1, 2.5 " })).spec.analyses.competingRisks?.times).toEqual([1, 2.5]);
    expect(formSpec(withCompeting({ competingTimesSameAsKm: false, competingTimes: "" })).spec.analyses.competingRisks?.times).toEqual([]);
    expect(formSpec(withCompeting({ competingByTreatment: false })).spec.analyses.competingRisks?.by).toBeUndefined();
    const g = withCompeting();
    const untreated = { ...g, treatment: { column: "", treated: "", date: "", label: "" } };
    expect(buildSpecInput(untreated).analyses?.competingRisks).toEqual({ endpoint: "os", times: [12, 36, 60], covariates: ["age_primary", "n_lung_mets"] });
  });

  it("follows the analysed endpoint (its causes and the analysis) and keeps only covariates still chosen, never the treatment", () => {
    const f = withCompeting({ kmEndpoint: "pfs", competingCovariates: ["metastasectomy", "timing", "ki67", "sex", "timing"] });
    const form = { ...f, covariates: [emptyCovariate("metastasectomy"), ...f.covariates], endpoints: [...f.endpoints, { ...f.endpoints[0], name: "pfs", label: "", events: ["date_progression", "date_death"] }] };
    const input = buildSpecInput(form);
    expect(input.endpoints?.os).not.toHaveProperty("causes");
    expect(input.endpoints?.pfs).toHaveProperty("causes");
    expect(input.analyses?.competingRisks).toMatchObject({ endpoint: "pfs", covariates: ["timing", "sex"] });
  });

  it("round-trips form → spec → form → spec", () => {
    const cases: Partial<FormState["analyses"]>[] = [
      {},
      { competingCauses: [{ value: "sarcoma", cause: "Sarcoma" }, { value: "cardiac", cause: "Other" }, { value: "other", cause: "Other" }], competingByTreatment: false },
      { competingTimesSameAsKm: false, competingTimes: "6, 18", competingCovariates: [] },
      { competingTimesSameAsKm: false, competingTimes: "" },
      { km: false, competingCovariates: ["timing"] },
    ];
    for (const patch of cases) {
      const form = withCompeting(patch);
      const { spec } = formSpec(form);
      const back = competingForm(spec);
      expect(back).toMatchObject({ competingRisks: true, competingCauseColumn: "cause_of_death" });
      expectRoundTrip(form, back, { km: form.analyses.km });
    }
    const d = defaultForm().analyses;
    expect(competingForm(formSpec(exampleForm()).spec)).toEqual({
      competingRisks: false,
      competingCauseColumn: d.competingCauseColumn,
      competingCauses: d.competingCauses,
      competingByTreatment: d.competingByTreatment,
      competingTimesSameAsKm: d.competingTimesSameAsKm,
      competingTimes: d.competingTimes,
      competingCovariates: d.competingCovariates,
    });
    // the example study.yaml reads into the form as the e2e test sets it
    expect(competingForm(example)).toEqual({ ...exampleCompeting, competingTimes: "" });
    // values that are numbers or booleans in a hand-written spec come back as the text the engine reads
    const spec = formSpec(withCompeting()).spec;
    const numeric = { ...spec, endpoints: { os: { ...spec.endpoints.os, causes: { column: "cause", values: { A: 1, B: [2, true] } } } } };
    expect(competingForm(numeric).competingCauses).toEqual([
      { value: "1", cause: "A" },
      { value: "2", cause: "B" },
      { value: "TRUE", cause: "B" },
    ]);
  });
});

describe("app form → analyses.recurrent (recurrent events)", () => {
  // the operated followed from their first operation (population treated) need the treatment's date, as the example
  // study has it: without it the spec is refused when parsed (src/study/spec-rules.ts, session 12)
  const withRecurrent = (patch: Partial<FormState["analyses"]> = {}): FormState => {
    const f = exampleForm();
    return { ...f, treatment: { ...f.treatment, date: "date_pm" }, analyses: { ...f.analyses, ...exampleRecurrent, ...patch } };
  };
  const example = parseStudySpec(readFileSync("examples/lms-metastasectomy/study.yaml", "utf8"), "study.yaml");

  it("is off by default and in the example form", () => {
    expect(defaultForm().analyses).toMatchObject({
      recurrent: false,
      recurrentEvents: [""],
      recurrentLabel: "Recurrent event",
      recurrentByTreatment: false,
      recurrentCovariates: [],
      recurrentModels: ["ag", "pwp-total", "pwp-gap"],
    });
    expect(buildSpecInput(exampleForm()).analyses?.recurrent).toBeUndefined();
    expect(formSpec(exampleForm()).yaml).not.toContain("recurrent");
  });

  it("writes exactly the example study.yaml's recurrent events (all three models: left to the spec's default)", () => {
    const { spec, yaml } = formSpec(withRecurrent());
    expect(spec.analyses.recurrent).toEqual(example.analyses.recurrent);
    expect(spec.analyses.recurrent).toEqual({ endpoint: "os", events: ["date_pm", "date_pm2", "date_pm3"], label: "Pulmonary metastasectomy", covariates: ["n_lung_mets", "timing"], models: ["ag", "pwp-total", "pwp-gap"], countIndexOperation: false, population: "treated" });
    expect(yaml).toContain("  recurrent:\n    endpoint: os\n    events:\n      - date_pm\n      - date_pm2\n      - date_pm3\n    label: Pulmonary metastasectomy\n");
    expect(yaml).not.toContain("models");
    expect(parseStudySpec(yaml, "study.yaml")).toEqual(spec);
  });

  it("with both options, the example form gives the example study's causes, competingRisks and recurrent entries", () => {
    const f = exampleForm();
    const { spec } = formSpec({ ...f, treatment: { ...f.treatment, date: "date_pm" }, analyses: { ...f.analyses, ...exampleCompeting, ...exampleRecurrent } });
    expect({ causes: spec.endpoints.os.causes, competingRisks: spec.analyses.competingRisks, recurrent: spec.analyses.recurrent }).toEqual({
      causes: example.endpoints.os.causes,
      competingRisks: example.analyses.competingRisks,
      recurrent: example.analyses.recurrent,
    });
  });

  it("writes the default label, the columns in their order without blanks, by treatment, and the models ticked in the spec's order", () => {
    const d = defaultForm().analyses;
    const input = buildSpecInput(withRecurrent({ recurrentLabel: d.recurrentLabel, recurrentEvents: ["date_pm3", "", "date_pm"], recurrentByTreatment: true, recurrentModels: ["pwp-gap", "ag"], recurrentPopulation: "all" }));
    expect(input.analyses?.recurrent).toEqual({ endpoint: "os", events: ["date_pm3", "date_pm"], label: "Recurrent event", by: "treatment", covariates: ["n_lung_mets", "timing"], models: ["ag", "pwp-gap"] });
    expect(buildSpecInput(withRecurrent({ recurrentLabel: "  " })).analyses?.recurrent).not.toHaveProperty("label");
    const f = withRecurrent({ recurrentByTreatment: true, recurrentCovariates: ["metastasectomy", "ki67", "sex"] });
    const untreated = { ...f, treatment: { column: "", treated: "", date: "", label: "" }, covariates: [emptyCovariate("metastasectomy"), ...f.covariates] };
    expect(buildSpecInput(untreated).analyses?.recurrent).toMatchObject({ covariates: ["metastasectomy", "sex"] });
    expect(buildSpecInput(untreated).analyses?.recurrent).not.toHaveProperty("by");
    expect(buildSpecInput(withRecurrent({ recurrentCovariates: ["metastasectomy", "sex"] })).analyses?.recurrent?.covariates).toEqual(["sex"]);
  });

  it("lets the parser name what is missing: no event column, no model", () => {
    expect(() => formSpec(withRecurrent({ recurrentEvents: [""] }))).toThrow(/recurrent\.events/);
    expect(() => formSpec(withRecurrent({ recurrentModels: [] }))).toThrow(/recurrent\.models/);
  });

  it("round-trips form → spec → form → spec", () => {
    const cases: Partial<FormState["analyses"]>[] = [
      {},
      { recurrentLabel: "", recurrentByTreatment: true, recurrentCovariates: [] },
      { recurrentEvents: ["date_pm2"], recurrentModels: ["pwp-total"], recurrentCovariates: ["sex", "age_primary"] },
    ];
    for (const patch of cases) {
      const form = withRecurrent(patch);
      const { spec } = formSpec(form);
      const back = recurrentForm(spec);
      expect(back).toMatchObject({ recurrent: true, recurrentEvents: patch.recurrentEvents ?? exampleRecurrent.recurrentEvents, recurrentLabel: patch.recurrentLabel ?? "Pulmonary metastasectomy" });
      expectRoundTrip(form, back, {}, { ...exampleForm(), treatment: { ...exampleForm().treatment, date: "date_pm" } });
    }
    const d = defaultForm().analyses;
    expect(recurrentForm(formSpec(exampleForm()).spec)).toEqual({
      recurrent: false,
      recurrentEvents: d.recurrentEvents,
      recurrentLabel: d.recurrentLabel,
      recurrentByTreatment: d.recurrentByTreatment,
      recurrentCovariates: d.recurrentCovariates,
      recurrentModels: d.recurrentModels,
      recurrentPopulation: d.recurrentPopulation,
    });
    expect(recurrentForm(example)).toEqual({ ...exampleRecurrent, recurrentByTreatment: false, recurrentModels: ["ag", "pwp-total", "pwp-gap"] });
  });
});
