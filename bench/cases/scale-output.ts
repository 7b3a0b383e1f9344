/**
 * Output at scale (docs/report.md, "Large studies"): the study's core analyses (KM, log-rank, Cox,
 * propensity matching and weighting) on a simulated cohort of 100,000 patients run untimed in setup;
 * the timed part is what `survinfer run` does after runStudy: results.json (toJson, which moves the
 * per-patient arrays to tables/*.csv above 10,000 rows) and renderReport (report.html, SVG figures
 * thinned to their pixels, CSV tables, tables.docx). Sizes are printed once from setup. No R side: R
 * has no counterpart of the report.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toJson } from "../../src/cli/format.js";
import { readTableFile } from "../../src/data/read-file.js";
import { renderReport } from "../../src/report/render.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { defineCases } from "../harness.js";

const SPEC = `title: Scale
data: { file: cohort.csv, id: patient_id, dateFormat: DD.MM.YYYY }
endpoints:
  os: { origin: date_lung_met, event: date_death, censor: date_last_followup, unit: months }
treatment: { column: metastasectomy, treated: "yes" }
covariates: [age_primary, sex, primary_size_mm, n_lung_mets]
analyses:
  km: { endpoint: os, by: treatment, times: [12, 36, 60] }
  logrank: { endpoint: os, by: treatment }
  cox: { endpoint: os, univariable: [age_primary], multivariable: [age_primary, primary_size_mm, n_lung_mets] }
  propensity: { matching: { ratio: 1, caliper: 0.2 }, weighting: { estimand: ATE, stabilize: true } }
`;

async function output(results: StudyResults): Promise<{ json: number; html: number; csv: number }> {
  const json = toJson(results);
  const files = await renderReport(results);
  const csv = Object.entries(files).filter(([k]) => k.startsWith("tables/patients")).reduce((s, [, v]) => s + v.length, 0);
  return { json: json.length, html: (files["report.html"] as string).length, csv };
}

export const cases = defineCases<StudyResults>([
  {
    name: "output: results.json + report of 100,000 patients (core analyses)",
    repeats: 2,
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), "survinfer-bench-scale-"));
      writeFileSync(join(dir, "cohort.csv"), cohortCsv(simulateCohort({ n: 100_000, seed: 1 })));
      const { spec, lineOf } = parseStudySpecWithLines(SPEC, "study.yaml");
      const read = readTableFile(join(dir, "cohort.csv"), specReadOptions(spec, "cohort.csv"));
      const results = runStudy({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.yaml", lineOf });
      const s = await output(results);
      console.log(`  sizes at 100,000: results.json ${(s.json / 1e6).toFixed(2)} MB, report.html ${(s.html / 1e6).toFixed(2)} MB, tables/patients.csv ${(s.csv / 1e6).toFixed(2)} MB`);
      return results;
    },
    run: output,
  },
]);
