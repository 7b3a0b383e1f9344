/**
 * analyses.cure.population: the cure model of the operated, followed from the date of surgery, is the same model as
 * one fitted to a file that holds only the operated with the date of surgery as the origin (cause-specific and
 * relative-survival: the life-table position moves on to the date of surgery, age and calendar date alike);
 * "untreated" keeps the others from the origin; the report's long-term section opens with the answer paragraph.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { expectClose } from "../helpers/expect-close.js";
import { ROOT, runSpecFile } from "../report/render-study.js";
import { isParametricCure } from "../../src/survival/cure/predict.js";
import { longTermAnswer } from "../../src/report/long-term-answer.js";
import { cureCalculatorDecision, type CureStepResult } from "../../src/study/cure-step.js";

const EXAMPLE = join(ROOT, "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-cure-population-"));
const lines = readFileSync(join(EXAMPLE, "cohort.csv"), "utf8").trimEnd().split("\n");
const header = lines[0].split(",");
const col = (name: string): number => header.indexOf(name);
const days = (d: string): number => {
  const [dd, mm, yyyy] = d.split(".").map(Number);
  return Date.UTC(yyyy, mm - 1, dd) / 86_400_000;
};
/** The operated only, with the date of surgery as the origin when it is after the date of the lung metastasis. */
const operatedRows = lines
  .slice(1)
  .map((l) => l.split(","))
  .filter((r) => r[col("metastasectomy")] === "yes")
  .map((r) => r.map((v, j) => (j === col("date_lung_met") && r[col("date_pm")] !== "" && days(r[col("date_pm")]) > days(v) ? r[col("date_pm")] : v)));
const OPERATED = join(dir, "operated.csv");
writeFileSync(OPERATED, [header, ...operatedRows].map((r) => r.join(",")).join("\n") + "\n");

const endpoint = {
  origin: "date_lung_met",
  event: "date_death",
  censor: "date_last_followup",
  unit: "months",
  causes: { column: "cause_of_death", values: { Sarcoma: "sarcoma", "Other causes": "other" } },
};
const covariates = ["n_lung_mets", { name: "timing", type: "categorical", reference: "metachronous" }, "age_primary", "sex"];
const RELATIVE = { lifeTable: join(EXAMPLE, "life-table-us.csv"), age: "age_primary", ageAt: "date_primary", sex: "sex", yearChange: "birthday" };

function run(name: string, file: string, cure: Record<string, unknown>, withTreatment: boolean): CureStepResult {
  const spec = {
    title: name,
    data: { file, id: "patient_id", dateFormat: "DD.MM.YYYY" },
    endpoints: { os: endpoint },
    ...(withTreatment ? { treatment: { column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" }, labels: { metastasectomy: { no: "No metastasectomy", yes: "Metastasectomy" } } } : {}),
    covariates,
    analyses: { cure: { endpoint: "os", incidence: ["n_lung_mets", "timing"], latency: [], bandReplicates: 50, ...cure } },
    seed: 44,
  };
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify(spec));
  return runSpecFile(path).analyses.cure!;
}

function expectSameFit(a: CureStepResult, b: CureStepResult): void {
  expect(a.fit.n).toBe(b.fit.n);
  expect(a.overall.events).toBe(b.overall.events);
  if (!isParametricCure(a.fit) || !isParametricCure(b.fit)) throw new Error("expected parametric fits");
  expect(a.latencyComparison?.chosen).toBe(b.latencyComparison?.chosen);
  expectClose(a.fit.loglik, b.fit.loglik, { rel: 1e-9 }, "log-likelihood");
  expectClose(a.fit.theta, b.fit.theta, { rel: 1e-6, abs: 1e-7 }, "estimates"); // tolerance: two optimiser runs on inputs equal to ~1e-15 (times from different date differences)
  expectClose(a.overall.cureFraction.estimate, b.overall.cureFraction.estimate, { rel: 1e-6 }, "cure fraction"); // tolerance: as the estimates
  expectClose(a.overall.kmPlateau ?? Number.NaN, b.overall.kmPlateau ?? Number.NaN, { rel: 1e-12 }, "Kaplan–Meier plateau");
}

describe("analyses.cure.population", () => {
  const treated = run("treated", join(EXAMPLE, "cohort.csv"), { cause: "Sarcoma", population: "treated", model: "aic" }, true);

  it("treated: the operated followed from the date of surgery, as a file of the operated whose origin is the surgery", () => {
    const shifted = run("shifted", OPERATED, { cause: "Sarcoma", model: "aic" }, false);
    expect(treated.population).toMatchObject({ kind: "treated", fromTreatment: true, name: "Metastasectomy" });
    expect(treated.population?.description).toBe("treated patients (Metastasectomy) from the date of treatment");
    expect(treated.overall.name).toBe("Metastasectomy");
    expect(treated.fit.n).toBe(44);
    expectSameFit(treated, shifted);
    // one arm, cause-specific: a cure of the disease, and no operated patient died of another cause
    expect(treated.claims.isCureOfDisease).toBe(true);
    expect(treated.claims.otherCauseEvents).toBe(0);
  });

  it("treated with a relative-survival model: each patient enters the life table at the date of surgery (age and year moved on)", () => {
    const rel = run("treated-relative", join(EXAMPLE, "cohort.csv"), { population: "treated", model: "weibull", relative: RELATIVE }, true);
    const shifted = run("shifted-relative", OPERATED, { model: "weibull", relative: RELATIVE }, false);
    expectSameFit(rel, shifted);
    expect(rel.relative?.description).toMatch(/for the treated patients, at the date of treatment/);
    // and not the model with the life-table position left at another date (the primary's diagnosis)
    const atOrigin = run("shifted-relative-origin", OPERATED, { model: "weibull", relative: { ...RELATIVE, year: "date_primary", ageAt: undefined } }, false);
    const loglik = (c: CureStepResult): number => (isParametricCure(c.fit) ? c.fit.loglik : Number.NaN);
    expect(Math.abs(loglik(atOrigin) - loglik(rel))).toBeGreaterThan(1e-6);
  });

  it("untreated: the others from the endpoint's origin; all (default) keeps everyone", () => {
    const untreated = run("untreated", join(EXAMPLE, "cohort.csv"), { cause: "Sarcoma", population: "untreated", model: "weibull", incidence: [] }, true);
    expect(untreated.population).toMatchObject({ kind: "untreated", fromTreatment: false, name: "No metastasectomy" });
    expect(untreated.fit.n).toBe(20); // 6 deaths from sarcoma: an intercept-only model (events per parameter)
    expect(untreated.claims.otherCauseEvents).toBe(3);
    const all = run("all", join(EXAMPLE, "cohort.csv"), { cause: "Sarcoma", model: "weibull", by: "treatment" }, true);
    expect(all.population).toMatchObject({ kind: "all", fromTreatment: false, name: "All patients" });
    expect(all.fit.n).toBe(64);
  });

  it("the long-term answer states the population, n, events, the chosen model beside the plateau, and what the data cannot support", () => {
    const text = longTermAnswer(treated);
    expect(text).toMatch(/^Who is likely to be a long-term survivor or cured of sarcoma\? In the 44 treated patients \(Metastasectomy\) from the date of treatment \(17 deaths from sarcoma\), the cause-specific /);
    expect(text).toMatch(/latency chosen by the lowest AIC/);
    // follow-up is inconclusive: the model and the data disagree, and the model's cure fraction is not the finding (referee, issue 19)
    expect(text).toContain(`the Kaplan–Meier survival at the end of follow-up (${Math.round(treated.overall.kmAtEnd!.time)} months), is ${Math.round(100 * treated.overall.kmPlateau!)}%`);
    expect(text).toContain(`The model's cure fraction (${Math.round(100 * treated.overall.cureFraction.estimate)}%) is therefore not a finding of this study`);
    expect(text).not.toContain("estimates that");
    expect(text).toMatch(/What the data cannot support: that follow-up is long enough to speak of cure: 4 event\(s\) fall in the Maller–Zhou window/);
    expect(text).toMatch(/no patient of the model died of another cause/);
    expect(text).toMatch(/Criterion for the kind of model: a cause-specific model because the cause is recorded for every death/);
    // the calculator may show the probability of cure (cause-specific, one arm), as an upper bound
    const calc = cureCalculatorDecision(treated);
    expect(calc.show).toBe(true);
    expect(calc.note).toMatch(/Read it as an upper bound: whether follow-up is long enough to speak of cure is inconclusive \(4 events in the Maller–Zhou window, 3 patients beyond the last event\)\.$/);
  });
});
