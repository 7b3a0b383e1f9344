/**
 * The clone–censor–weight bootstrap reports its progress through runStudy's onProgress (as the
 * treatment-effect bootstrap does), so a study with many replicates is not silent for minutes.
 */
import { describe, expect, it } from "vitest";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";
import { runStudy } from "../../src/study/run.js";
import { studySpecSchema } from "../../src/study/schema.js";

const spec = (bootstrap: number) =>
  studySpecSchema.parse({
    title: "ccw progress",
    data: { file: "simulated", id: "patient_id" },
    endpoints: { os: { label: "Overall survival", origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" } },
    treatment: { column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" },
    covariates: ["age_primary", "n_lung_mets"],
    analyses: { km: { endpoint: "os", by: "treatment", times: [12, 36] }, immortalTime: { landmark: 6, cloneCensorWeight: { grace: 12, bootstrap } } },
    seed: 3,
  });

describe("clone–censor–weight bootstrap progress in the study", () => {
  const table = cohortToTable(simulateCohort({ n: 150, seed: 5 }));

  it("calls onProgress once per replicate with the step name and the total", () => {
    const calls: [string, number, number][] = [];
    const r = runStudy({ spec: spec(4), table, inference: [], readWarnings: [], specFile: "x.yaml", onProgress: (step, done, total) => calls.push([step, done, total]) });
    expect(r.analyses.immortalTime?.cloneCensorWeight?.bootstrap?.replicates).toBe(4);
    expect(calls.filter((c) => c[0] === "clone–censor–weight bootstrap")).toEqual([1, 2, 3, 4].map((d) => ["clone–censor–weight bootstrap", d, 4]));
  });

  it("does not call it without a bootstrap, and the results do not depend on it", () => {
    const calls: string[] = [];
    const withProgress = runStudy({ spec: spec(0), table, inference: [], readWarnings: [], specFile: "x.yaml", onProgress: (step) => calls.push(step) });
    const without = runStudy({ spec: spec(0), table, inference: [], readWarnings: [], specFile: "x.yaml" });
    expect(calls.filter((c) => c.startsWith("clone"))).toEqual([]);
    expect(withProgress.analyses.immortalTime?.cloneCensorWeight?.survivalDifference).toEqual(without.analyses.immortalTime?.cloneCensorWeight?.survivalDifference);
  });
});
