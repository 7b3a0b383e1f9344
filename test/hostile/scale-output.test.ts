/**
 * Output size at scale (issue 12, "nothing lost, nothing silently wrong"): a study of 30,000 generated
 * patients writes a results.json and a report.html below the documented bounds (docs/report.md, "Large
 * studies"), its per-patient values go to tables/patients.csv (named in results.json), and every figure
 * curve that was thinned equals the full curve at every point it kept.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { simulateCohort } from "../../src/simulate/index.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { runCli } from "../helpers/cli.js";

const N = 30_000;
/** The documented bounds (docs/report.md): results.json ≤ 2 MB and report.html ≤ 2 MB whatever n. */
const MAX_RESULTS_BYTES = 2_000_000;
const MAX_REPORT_BYTES = 2_000_000;

const SPEC = `title: Scale check
data: { file: cohort.csv, id: patient_id, dateFormat: DD.MM.YYYY }
endpoints:
  os: { label: Overall survival, origin: date_lung_met, event: date_death, censor: date_last_followup, unit: months }
treatment: { column: metastasectomy, treated: "yes", label: Pulmonary metastasectomy }
covariates: [age_primary, sex, primary_size_mm, n_lung_mets]
analyses:
  km: { endpoint: os, by: treatment, times: [12, 36, 60] }
  logrank: { endpoint: os, by: treatment }
  cox: { endpoint: os, univariable: [age_primary], multivariable: [age_primary, primary_size_mm, n_lung_mets] }
  propensity:
    matching: { ratio: 1, caliper: 0.2 }
    weighting: { estimand: ATE, stabilize: true }
seed: 1
`;

let dir = "";
let out = "";
let code = -1;
let stderr = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "survinfer-scale-"));
  writeFileSync(join(dir, "cohort.csv"), cohortCsv(simulateCohort({ n: N, seed: 3 })));
  writeFileSync(join(dir, "study.yaml"), SPEC);
  out = join(dir, "out");
  const run = await runCli(["run", join(dir, "study.yaml"), "--out", out, "--no-png"]);
  code = run.code;
  stderr = run.stderr;
}, 120_000);

describe(`a study of ${N} patients`, () => {
  it("runs", () => {
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("writes a results.json and a report.html below the documented bounds", () => {
    expect(statSync(join(out, "results.json")).size).toBeLessThan(MAX_RESULTS_BYTES);
    expect(statSync(join(out, "report.html")).size).toBeLessThan(MAX_REPORT_BYTES);
    for (const f of readdirSync(join(out, "figures"))) expect(statSync(join(out, "figures", f)).size, f).toBeLessThan(250_000);
  });

  it("writes the per-patient values to tables/patients.csv, which results.json names", () => {
    const json = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as {
      patientData: { limit: number; nRows: number; files: { file: string; columns: { column: string }[] }[]; summarised: { path: string }[] };
      analyses: { propensity: { analysis: { ps: unknown; nTreated: number; overlap: { treated: { min: number; max: number; n: number }; control: { min: number; max: number; n: number } } } } };
    };
    expect(json.patientData.limit).toBe(10_000);
    expect(json.patientData.nRows).toBe(N);
    expect(json.patientData.files.find((f) => f.file === "tables/patients.csv")?.columns.map((c) => c.column)).toEqual(["treatment", "ps", "iptwWeight", "matchingWeight"]);
    expect(json.analyses.propensity.analysis.ps).toEqual({ file: "tables/patients.csv", column: "ps", length: N });
    expect(json.patientData.summarised.map((x) => x.path)).toContain("analyses.cox.multivariable.result.fit.linearPredictors");
    // the CSV holds every patient, and its scores agree with the summaries kept in results.json
    const lines = readFileSync(join(out, "tables", "patients.csv"), "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("dataRow,treatment,ps,iptwWeight,matchingWeight");
    expect(lines).toHaveLength(N + 1);
    const ov = json.analyses.propensity.analysis.overlap;
    const ps: Record<string, number[]> = { "1": [], "0": [] };
    for (const l of lines.slice(1)) {
      const [, t, p] = l.split(",");
      if (t !== "" && p !== "") ps[t].push(Number(p));
    }
    expect(ps["1"]).toHaveLength(ov.treated.n);
    expect(ps["0"]).toHaveLength(ov.control.n);
    expect(Math.min(...ps["1"])).toBe(ov.treated.min);
    expect(Math.max(...ps["0"])).toBe(ov.control.max);
  });
});
