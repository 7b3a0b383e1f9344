/**
 * Issue 13 ("the study tells the truth"), the whole spec: every key of the study spec schema changes
 * results.json or is refused with an error naming the key. A table of (key, alternative value) pairs run
 * on the example study (test/study/options-honoured.test.ts has the propensity section, with stronger
 * checks on the hazard ratios); the table must cover every key the zod schema has.
 * Expectations: "numbers" — some estimate, count, curve or test changes; "text a RegExp — the run
 * is refused with an error that names the key.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { propensitySchema, studySpecSchema } from "../../src/study/schema.js";
import { base, checkEntry, DELETE, EXAMPLE_DIR, schemaKeys, type Entry, type Patch } from "./options-honoured-harness.js";

const A = "analyses";
const tmp = mkdtempSync(join(tmpdir(), "survinfer-options-"));
const csv = readFileSync(join(EXAMPLE_DIR, "cohort.csv"), "utf8").trimEnd().split("\n");
const header = csv[0].split(",");
const body = csv.slice(1).map((line) => line.split(","));
/** Writes a variant of the example data (header and rows as arrays of fields) and returns its path. */
function variant(name: string, cols: string[], rows: string[][], sep = ","): string {
  const path = join(tmp, name);
  writeFileSync(path, [cols, ...rows].map((r) => r.join(sep)).join("\n") + "\n");
  return path;
}
const col = (name: string): number => header.indexOf(name);
/** Without the last patient. */
const SHORTER = variant("cohort-63.csv", header, body.slice(0, -1));
/** German style: ";" between fields, a decimal comma in the primary size (57,5). */
const GERMAN = variant("cohort-de.csv", header, body.map((r) => r.map((v, j) => (j === col("primary_size_mm") && v !== "" ? `${v},5` : v))), ";");
/** A non-ASCII level in UTF-8 ("männlich"): read as Windows-1252 it becomes "mÃ¤nnlich". */
const UMLAUT = variant("cohort-umlaut.csv", header, body.map((r) => r.map((v, j) => (j === col("sex") && v === "male" ? "männlich" : v))));
/** Thousands grouping in the primary size (57 → 1.057): 1057 with decimal ",", 1.057 with decimal ".". */
const GROUPED = variant("cohort-grouped.csv", header, body.map((r) => r.map((v, j) => (j === col("primary_size_mm") && v !== "" ? `1.${v.padStart(3, "0")}` : v))));
/** Patient ids that are not the row numbers. */
const IDS = variant("cohort-ids.csv", header, body.map((r) => r.map((v, j) => (j === col("patient_id") ? `LMS-${v}` : v))));
/** Dates with slashes (DD/MM/YYYY): the declared dateFormat decides DD/MM versus MM/DD. */
const SLASH = variant("cohort-slash.csv", header, body.map((r) => r.map((v) => (/^\d\d\.\d\d\.\d{4}$/.test(v) ? v.replace(/\./g, "/") : v))));
/** Extra columns: whole-month follow-up (tied times), two 0/1 status columns and one more covariate. */
const COLS = variant(
  "cohort-cols.csv",
  [...header, "fu_months", "dead", "dead2", "bmi"],
  body.map((r, i) => [...r, String(1 + ((i * 7) % 13)), String(i % 3 === 0 ? 1 : 0), String(i % 2), String(20 + ((i * 37) % 15))]),
);
/** Only the operated marked (metastasectomy "yes" or empty), and the same with patient 1's "yes" left empty too. */
const EMPTY_NO = variant("cohort-empty-no.csv", header, body.map((r) => r.map((v, j) => (j === col("metastasectomy") && v === "no" ? "" : v))));
const EMPTY_YES1 = variant("cohort-empty-yes1.csv", header, body.map((r, i) => r.map((v, j) => (j === col("metastasectomy") && (v === "no" || i === 0) ? "" : v))));
/** A relative-survival cure model on the bundled US life table, and that table with every rate doubled. */
const RELATIVE = { lifeTable: "life-table-us.csv", age: "age_primary", sex: "sex" };
/** The relative-survival cure model in place of the example's cause-specific one (the two are exclusive). */
const REL: Patch = { [`${A}.cure.relative`]: RELATIVE, [`${A}.cure.cause`]: DELETE };
const usTable = readFileSync(join(EXAMPLE_DIR, "life-table-us.csv"), "utf8").trimEnd().split("\n");
const DOUBLED_RATES = variant("life-table-doubled.csv", usTable[0].split(","), usTable.slice(1).map((l) => l.split(",").map((v, j) => (j === 3 ? String(2 * Number(v)) : v))));
/** An endpoint from the date of last contact and a 0/1 vital status (COLS's dead), used by the KM. */
const CONTACT_ENDPOINT: Patch = {
  "data.file": COLS,
  "endpoints.vs": { origin: "date_lung_met", lastContact: "date_last_followup", status: "dead", values: [1] },
  [`${A}.km.endpoint`]: "vs",
};
/** The treatment given by its date alone (date_pm), checked by the yes/no column. */
const DATE_TREATMENT: Patch = { "treatment.column": DELETE, "treatment.treated": DELETE, "treatment.check": { column: "metastasectomy", treated: "yes" } };
/** An endpoint from ready-made columns (time/status) on COLS, used by the KM, log-rank and Cox analyses. */
const COLUMNS_ENDPOINT: Patch = {
  "data.file": COLS,
  "endpoints.fu": { time: "fu_months", status: "dead", values: [1], unit: "months" },
  [`${A}.km.endpoint`]: "fu",
  [`${A}.cox.endpoint`]: "fu",
};

/** The sensitivity analyses on, with death from other causes as the negative-control outcome. */
const SENS: Patch = { [`${A}.sensitivity`]: { negativeControl: { cause: "Other causes" } } };
// Rosenbaum bounds need matched pairs not biased by design (issue 19): the example without its treatment date
// (and without the analyses that need one)
const SENS_PAIRS: Patch = { ...SENS, "treatment.date": DELETE, [`${A}.immortalTime`]: DELETE, [`${A}.recurrent`]: DELETE, [`${A}.cure`]: DELETE, [`${A}.prediction`]: DELETE };

const SPEC_ENTRIES: readonly Entry[] = [
  { key: "$schema", set: { $schema: "https://example.org/other.schema.json" }, expect: "inert" },
  { key: "title", set: { title: "Another title" }, expect: { report: "Another title" } },
  // figures, level labels and output: rendering only (results unchanged), seen in the figures, captions or the spec echo
  { key: "figures", set: { figures: { ciBands: true } }, expect: { report: "Shaded: pointwise 95% confidence bands." } },
  { key: "figures.ciBands", set: { "figures.ciBands": true }, expect: { report: "Shaded: pointwise 95% confidence bands." } },
  { key: "figures.minAtRisk", set: { "figures.minAtRisk": 20 }, expect: { report: "Curves end where fewer than 20 patients remain at risk." } },
  { key: "figures.xMax", set: { "figures.xMax": 61 }, expect: { report: "xMax: 61" } },
  { key: "figures.breakBy", set: { "figures.breakBy": 7 }, expect: { report: "breakBy: 7" } },
  { key: "figures.legendTitle", set: { "figures.legendTitle": "Lung surgery performed" }, expect: { report: ">Lung surgery performed<" } },
  { key: "figures.cumulativeEvents", set: { "figures.cumulativeEvents": true }, expect: { report: ">Cumulative number of events<" } },
  // file options: the files themselves are checked in test/report/figure-files.test.ts (TIFF header, PNG resolution); here the spec echo
  // the all-patients KM figure one column (85 mm) wide
  // (its height follows the annotation lines, which wrap at this width: only the width is the option's)
  { key: "figures.size", set: { "figures.size": "single" }, expect: { report: /viewBox=\\"0 0 321\.26 [\d.]+\\" class=\\"survinfer-figure survinfer-km\\"/ } },
  { key: "figures.dpi", set: { "figures.dpi": 600 }, expect: { report: "dpi: 600" } },
  { key: "figures.format", set: { "figures.format": ["svg", "tiff"] }, expect: { report: "- tiff" } },
  { key: "labels", set: { labels: { metastasectomy: { no: "Without lung surgery" } } }, expect: { report: ">Without lung surgery<" } },
  { key: "output", set: { output: { excel: true } }, expect: { report: "excel: true" } },
  { key: "output.excel", set: { "output.excel": true }, expect: { report: "excel: true" } },
  { key: "output.bom", set: { "output.bom": false }, expect: { report: "bom: false" } },
  { key: "language", set: { language: "de" }, expect: { report: "Patientenfluss" } },
  { key: "seed", with: { [`${A}.propensity.matching.order`]: "random" }, set: { seed: 7 }, expect: "numbers" },
  // missing covariates by multiple imputation (src/study/mi-step.ts); MI with 2 imputations × 1 iteration keeps these fast
  { key: "missing", set: { missing: { method: "mi", m: 2, iterations: 1 } }, expect: "numbers" },
  { key: "missing.method", with: { missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.method": "complete-case" }, expect: "numbers" },
  { key: "missing.m", with: { missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.m": 3 }, expect: "numbers" },
  { key: "missing.iterations", with: { missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.iterations": 2 }, expect: "numbers" },
  { key: "missing.seed", with: { missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.seed": 5 }, expect: "numbers" },
  // timing is a propensity covariate, imputed anyway (the within approach): the auxiliary column is one outside the models
  { key: "missing.auxiliary", with: { "data.file": COLS, missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.auxiliary": ["bmi"] }, expect: "numbers" },
  { key: "missing.primary", with: { missing: { method: "mi", m: 2, iterations: 1 } }, set: { "missing.primary": "mi" }, expect: "json" },

  { key: "data", set: { data: DELETE }, expect: /data/ },
  { key: "data.file", set: { "data.file": SHORTER }, expect: "numbers" },
  // a query's rows are loaded asynchronously by `survinfer run`; test/sql/study-query.test.ts checks that they change the results
  { key: "data.query", set: { "data.query": "SELECT * FROM read_csv('cohort.csv')" }, expect: /data\.query/ },
  { key: "data.engine", set: { "data.engine": "postgres" }, expect: /data\.engine/ },
  { key: "data.id", with: { "data.file": IDS }, set: { "data.id": DELETE }, expect: "json" },
  { key: "data.dateFormat", set: { "data.dateFormat": "MM/DD/YYYY" }, expect: "json" },
  { key: "data.dateFormat", with: { "data.file": SLASH, "data.dateFormat": "DD/MM/YYYY" }, set: { "data.dateFormat": "MM/DD/YYYY" }, expect: /MM\/DD\/YYYY|dateFormat/ },
  { key: "data.sheet", set: { "data.sheet": "Sheet2" }, expect: /sheet/ },
  { key: "data.decimal", with: { "data.file": GROUPED, "data.decimal": "," }, set: { "data.decimal": "." }, expect: "numbers" },
  // a "." declared on a decimal-comma file is refused naming the column (left out, the comma is detected: see test/hostile/read-decimal)
  { key: "data.decimal", with: { "data.file": GERMAN, "data.decimal": "," }, set: { "data.decimal": "." }, expect: /primary_size_mm/ },
  { key: "data.missing", set: { "data.missing": ["", "NA", "80"] }, expect: "numbers" },
  // a "," delimiter declared on the ";" file reads one column, so the spec's columns are not found
  { key: "data.delimiter", with: { "data.file": GERMAN, "data.decimal": ",", "data.delimiter": ";" }, set: { "data.delimiter": "," }, expect: /patient_id|column/ },
  { key: "data.encoding", with: { "data.file": UMLAUT }, set: { "data.encoding": "windows-1252" }, expect: "json" },
  { key: "data.types", set: { "data.types": { n_lung_mets: "categorical" } }, expect: /data\.types/ },

  { key: "endpoints", set: { endpoints: {} }, expect: /endpoint/ },
  { key: "endpoints.*.label", set: { "endpoints.os.label": "Survival after lung metastases" }, expect: { report: "Survival after lung metastases" } },
  { key: "endpoints.*.origin", set: { "endpoints.os.origin": "date_primary" }, expect: "numbers" },
  { key: "endpoints.*.originLabel", set: { "endpoints.os.originLabel": "first lung metastasis" }, expect: { report: "Months since first lung metastasis" } },
  { key: "endpoints.*.eventLabel", set: { "endpoints.pfs.eventLabel": "relapse or death" }, expect: { report: "relapse or death, whichever came first" } },
  { key: "endpoints.*.event", with: { [`${A}.km.endpoint`]: "pfs" }, set: { "endpoints.pfs.event": "date_death" }, expect: "numbers" },
  { key: "endpoints.*.censor", set: { "endpoints.pfs.censor": "date_death" }, with: { [`${A}.km.endpoint`]: "pfs" }, expect: "numbers" },
  { key: "endpoints.*.cutoff", set: { "endpoints.os.cutoff": "2012-01-01" }, expect: "numbers" },
  { key: "endpoints.*.unit", set: { "endpoints.os.unit": "days" }, expect: "numbers" },
  { key: "endpoints.*.causes", set: { "endpoints.os.causes": DELETE }, expect: /causes/ },
  { key: "endpoints.*.causes.column", set: { "endpoints.os.causes.column": "grade" }, expect: /cause/ },
  // (the example's negative control names "Other causes", which this grouping removes: the sensitivity block goes too)
  { key: "endpoints.*.causes.values", set: { "endpoints.os.causes.values": { Sarcoma: ["sarcoma", "other"] }, [`${A}.sensitivity`]: DELETE }, expect: "numbers" },
  { key: "endpoints.*.time", with: COLUMNS_ENDPOINT, set: { "endpoints.fu.time": "bmi" }, expect: "numbers" },
  { key: "endpoints.*.status", with: COLUMNS_ENDPOINT, set: { "endpoints.fu.status": "dead2" }, expect: "numbers" },
  { key: "endpoints.*.values", with: COLUMNS_ENDPOINT, set: { "endpoints.fu.values": [0] }, expect: "numbers" },
  { key: "endpoints.*.lastContact", with: CONTACT_ENDPOINT, set: { "endpoints.vs.lastContact": "date_progression" }, expect: "numbers" },
  { key: "endpoints.*.censored", with: { ...CONTACT_ENDPOINT, "endpoints.vs.censored": [0] }, set: { "endpoints.vs.censored": [2] }, expect: /censored: 2/ },

  { key: "treatment", set: { treatment: DELETE }, expect: /needs a treatment/ },
  { key: "treatment.column", with: { "data.file": COLS, "treatment.column": "dead2", "treatment.treated": 1, "treatment.date": DELETE, [`${A}.immortalTime`]: DELETE, [`${A}.recurrent.population`]: DELETE }, set: { "treatment.column": "bmi", "treatment.treated": 25 }, expect: "numbers" },
  // (the recurrent events follow the operated from surgery in the example: with "no" treated there are none, so all patients)
  { key: "treatment.treated", with: { [`${A}.recurrent.population`]: DELETE }, set: { "treatment.treated": "no" }, expect: "numbers" },
  { key: "treatment.date", set: { "treatment.date": DELETE }, expect: /treatment\.date/ },
  { key: "treatment.label", set: { "treatment.label": "Lung surgery" }, expect: { report: "lung surgery" } },
  { key: "treatment.empty", with: { "data.file": EMPTY_NO, "treatment.empty": "untreated" }, set: { "treatment.empty": DELETE }, expect: /every patient has metastasectomy/ },
  { key: "treatment.check", with: DATE_TREATMENT, set: { "treatment.check": { column: "sex", treated: "male" } }, expect: /sex = "(fe)?male" says/ },
  { key: "treatment.check.column", with: DATE_TREATMENT, set: { "treatment.check.column": "timing" }, expect: /timing = / },
  { key: "treatment.check.treated", with: DATE_TREATMENT, set: { "treatment.check.treated": "no" }, expect: /metastasectomy = "(yes|no)" says/ },
  { key: "treatment.check.empty", with: { ...DATE_TREATMENT, "data.file": EMPTY_YES1 }, set: { "treatment.check.empty": "untreated" }, expect: /metastasectomy = "" says untreated/ },

  { key: "covariates", set: { covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing"] }, expect: "numbers" },
  { key: "covariates[].name", with: { "data.file": COLS }, set: { "covariates.1": { name: "bmi" } }, expect: "numbers" },
  { key: "covariates[].type", set: { "covariates.5.type": "numeric", "covariates.5.reference": DELETE }, expect: "numbers" },
  { key: "covariates[].reference", set: { "covariates.1.reference": "male" }, expect: "numbers" },
  { key: "covariates[].label", set: { "covariates.1.label": "Gender" }, expect: { report: "Gender" } },
  { key: "covariates[].cutoff", set: { "covariates.0.cutoff": DELETE }, expect: "numbers" },
  { key: "covariates[].cutoff.above", set: { "covariates.0.cutoff.above": 50 }, expect: "numbers" },
  { key: "covariates[].cutoff.atLeast", set: { "covariates.3.cutoff.atLeast": 3 }, expect: "numbers" },
  { key: "covariates[].cutoff.label", set: { "covariates.0.cutoff.label": "Older than 60" }, expect: { report: "Older than 60" } },

  { key: A, set: { [A]: DELETE }, expect: "numbers" },
  // the declared primary analysis changes results.primary (and the report's order); an id the study does not run is refused
  { key: `${A}.primary`, set: { [`${A}.primary`]: "matched" }, expect: "json" },
  { key: `${A}.primary`, set: { [`${A}.primary`]: "weigthed" }, expect: /analyses\.primary.*valid ids: cloneCensorWeight, .*crude, multivariable/ },
  { key: `${A}.table1`, set: { [`${A}.table1`]: DELETE }, expect: "numbers" },
  { key: `${A}.table1.by`, set: { [`${A}.table1.by`]: "sex" }, expect: /analyses\.table1\.by.*not supported/ },
  { key: `${A}.table1.smd`, set: { [`${A}.table1.smd`]: false }, expect: "numbers" },
  { key: `${A}.table1.overall`, set: { [`${A}.table1.overall`]: true }, expect: { report: "Overall (n = " } },
  // with p-values on, the summary also picks the test (Welch's t vs Wilcoxon); the numbers shown change either way
  { key: `${A}.table1.continuous`, set: { [`${A}.table1.continuous`]: "mean" }, with: { [`${A}.table1.pValues`]: true }, expect: "numbers" },
  { key: `${A}.table1.pValues`, set: { [`${A}.table1.pValues`]: true }, expect: "numbers" },
  { key: `${A}.km`, set: { [`${A}.km`]: DELETE }, expect: "numbers" },
  { key: `${A}.km.endpoint`, set: { [`${A}.km.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.km.by`, set: { [`${A}.km.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.km.times`, set: { [`${A}.km.times`]: [24] }, expect: "numbers" },
  { key: `${A}.km.confType`, set: { [`${A}.km.confType`]: "plain" }, expect: "numbers" },
  { key: `${A}.km.confLevel`, set: { [`${A}.km.confLevel`]: 0.9 }, expect: "numbers" },
  { key: `${A}.logrank`, set: { [`${A}.logrank`]: DELETE }, expect: "numbers" },
  { key: `${A}.logrank.endpoint`, set: { [`${A}.logrank.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.logrank.by`, set: { [`${A}.logrank.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.logrank.rho`, set: { [`${A}.logrank.rho`]: 1 }, expect: "numbers" },
  { key: `${A}.rmst`, set: { [`${A}.rmst`]: DELETE }, expect: "numbers" },
  { key: `${A}.rmst.endpoint`, set: { [`${A}.rmst.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.rmst.by`, set: { [`${A}.rmst.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.rmst.tau`, set: { [`${A}.rmst.tau`]: 36 }, expect: "numbers" },
  { key: `${A}.cox`, set: { [`${A}.cox`]: DELETE }, expect: "numbers" },
  { key: `${A}.cox.endpoint`, set: { [`${A}.cox.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.cox.univariable`, set: { [`${A}.cox.univariable`]: ["sex"] }, expect: "numbers" },
  { key: `${A}.cox.multivariable`, set: { [`${A}.cox.multivariable`]: ["age_primary"] }, expect: "numbers" },
  { key: `${A}.cox.ties`, with: COLUMNS_ENDPOINT, set: { [`${A}.cox.ties`]: "breslow" }, expect: "numbers" },
  { key: `${A}.cox.robust`, set: { [`${A}.cox.robust`]: true }, expect: "numbers" },
  { key: `${A}.cox.zph`, set: { [`${A}.cox.zph`]: false }, expect: "numbers" },
  { key: `${A}.cox.multivariableCutoffs`, set: { [`${A}.cox.multivariableCutoffs`]: true }, expect: "numbers" },
  { key: `${A}.cox.linearity`, set: { [`${A}.cox.linearity`]: false }, expect: "numbers" },
  // on by default with treatment dates after the origin: false switches it off
  { key: `${A}.immortalTime`, set: { [`${A}.immortalTime`]: false }, expect: "numbers" },
  { key: `${A}.immortalTime.covariates`, set: { [`${A}.immortalTime.covariates`]: ["age_primary", "n_lung_mets"] }, expect: "numbers" },
  { key: `${A}.immortalTime.landmark`, set: { [`${A}.immortalTime.landmark`]: 12 }, expect: "numbers" },
  { key: `${A}.immortalTime.landmarks`, set: { [`${A}.immortalTime.landmarks`]: [3, 12] }, expect: "numbers" },
  { key: `${A}.immortalTime.timeDependent`, set: { [`${A}.immortalTime.timeDependent`]: false }, expect: "numbers" },
  { key: `${A}.immortalTime.sequentialMatching`, set: { [`${A}.immortalTime.sequentialMatching`]: true }, expect: "numbers" },
  { key: `${A}.immortalTime.sequentialMatching.ratio`, with: { [`${A}.immortalTime.sequentialMatching`]: { ratio: 1 } }, set: { [`${A}.immortalTime.sequentialMatching.ratio`]: 2 }, expect: "numbers" },
  { key: `${A}.immortalTime.sequentialMatching.caliper`, with: { [`${A}.immortalTime.sequentialMatching`]: { caliper: 0.2 } }, set: { [`${A}.immortalTime.sequentialMatching.caliper`]: null }, expect: "numbers" },
  { key: `${A}.immortalTime.cloneCensorWeight`, set: { [`${A}.immortalTime.cloneCensorWeight`]: false }, expect: "numbers" },
  { key: `${A}.immortalTime.cloneCensorWeight.grace`, with: { [`${A}.immortalTime.cloneCensorWeight`]: { grace: 6, bootstrap: 0 } }, set: { [`${A}.immortalTime.cloneCensorWeight.grace`]: 9 }, expect: "numbers" },
  { key: `${A}.immortalTime.cloneCensorWeight.weights`, with: { [`${A}.immortalTime.cloneCensorWeight`]: { weights: "unstabilized", bootstrap: 0 } }, set: { [`${A}.immortalTime.cloneCensorWeight.weights`]: "stabilized" }, expect: "numbers" },
  { key: `${A}.immortalTime.cloneCensorWeight.censoringModel`, with: { [`${A}.immortalTime.cloneCensorWeight`]: { censoringModel: "piecewise", bootstrap: 0 } }, set: { [`${A}.immortalTime.cloneCensorWeight.censoringModel`]: "cox" }, expect: "numbers" },
  { key: `${A}.immortalTime.cloneCensorWeight.bootstrap`, with: { [`${A}.immortalTime.cloneCensorWeight`]: { bootstrap: 0 } }, set: { [`${A}.immortalTime.cloneCensorWeight.bootstrap`]: 20 }, expect: "numbers" },
  { key: `${A}.competingRisks`, set: { [`${A}.competingRisks`]: DELETE }, expect: "numbers" },
  { key: `${A}.competingRisks.endpoint`, set: { [`${A}.competingRisks.endpoint`]: "pfs" }, expect: /causes/ },
  { key: `${A}.competingRisks.by`, set: { [`${A}.competingRisks.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.competingRisks.times`, set: { [`${A}.competingRisks.times`]: [24] }, expect: "numbers" },
  { key: `${A}.competingRisks.covariates`, set: { [`${A}.competingRisks.covariates`]: ["age_primary"] }, expect: "numbers" },
  { key: `${A}.cure`, set: { [`${A}.cure`]: DELETE }, expect: "numbers" },
  // the example's cure model is cause-specific (Sarcoma), in the operated from the date of surgery (population: treated)
  { key: `${A}.cure.endpoint`, set: { [`${A}.cure.endpoint`]: "pfs", [`${A}.cure.cause`]: DELETE }, expect: "numbers" },
  { key: `${A}.cure.model`, set: { [`${A}.cure.model`]: "ph", [`${A}.cure.bootstrap`]: 10 }, expect: "numbers" },
  { key: `${A}.cure.by`, set: { [`${A}.cure.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.cure.incidence`, set: { [`${A}.cure.incidence`]: ["n_lung_mets"] }, expect: "numbers" },
  { key: `${A}.cure.latency`, set: { [`${A}.cure.latency`]: ["n_lung_mets"] }, expect: "numbers" },
  { key: `${A}.cure.bootstrap`, with: { [`${A}.cure.model`]: "ph", [`${A}.cure.bootstrap`]: 10 }, set: { [`${A}.cure.bootstrap`]: 12 }, expect: "numbers" },
  { key: `${A}.cure.confLevel`, set: { [`${A}.cure.confLevel`]: 0.9 }, expect: "numbers" },
  // in the operated every death is from sarcoma: the cause matters among all patients (3 deaths from other causes)
  { key: `${A}.cure.cause`, with: { [`${A}.cure.population`]: DELETE }, set: { [`${A}.cure.cause`]: DELETE }, expect: "numbers" },
  { key: `${A}.cure.population`, set: { [`${A}.cure.population`]: DELETE }, expect: "numbers" },
  { key: `${A}.cure.bandReplicates`, set: { [`${A}.cure.bandReplicates`]: 100 }, expect: "numbers" },
  { key: `${A}.cure.relative`, set: REL, expect: "numbers" },
  { key: `${A}.cure.relative.lifeTable`, with: REL, set: { [`${A}.cure.relative.lifeTable`]: DOUBLED_RATES }, expect: "numbers" },
  { key: `${A}.cure.relative.age`, with: REL, set: { [`${A}.cure.relative.age`]: "n_lung_mets" }, expect: "numbers" },
  { key: `${A}.cure.relative.ageAt`, with: REL, set: { [`${A}.cure.relative.ageAt`]: "date_primary" }, expect: "numbers" },
  { key: `${A}.cure.relative.sex`, with: REL, set: { [`${A}.cure.relative.sex`]: "timing" }, expect: /column "timing": sex "(a)?synchronous" is not in the life table/ },
  { key: `${A}.cure.relative.year`, with: REL, set: { [`${A}.cure.relative.year`]: "date_primary" }, expect: "numbers" },
  { key: `${A}.cure.relative.daysPerYear`, with: REL, set: { [`${A}.cure.relative.daysPerYear`]: 365.241 }, expect: "numbers" },
  { key: `${A}.cure.relative.yearChange`, with: REL, set: { [`${A}.cure.relative.yearChange`]: "birthday" }, expect: "numbers" },
  { key: `${A}.prediction`, set: { [`${A}.prediction`]: DELETE }, expect: "numbers" },
  { key: `${A}.prediction.endpoint`, set: { [`${A}.prediction.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.prediction.covariates`, set: { [`${A}.prediction.covariates`]: ["age_primary", "n_lung_mets"] }, expect: "numbers" },
  { key: `${A}.prediction.time`, set: { [`${A}.prediction.time`]: 36 }, expect: "numbers" },
  { key: `${A}.prediction.bootstrap`, set: { [`${A}.prediction.bootstrap`]: 5 }, expect: "numbers" },
  { key: `${A}.prediction.groups`, set: { [`${A}.prediction.groups`]: 4 }, expect: "numbers" },
  { key: `${A}.prediction.population`, set: { [`${A}.prediction.population`]: "all" }, expect: "numbers" },
  { key: `${A}.prediction.shrinkage`, set: { [`${A}.prediction.shrinkage`]: 0.8 }, expect: "numbers" },
  // the example's model fails the sample size and the C check; at 0.5 it fails the sample size only (calculatorUse.failed)
  { key: `${A}.prediction.minimumCStatistic`, set: { [`${A}.prediction.minimumCStatistic`]: 0.5 }, expect: "json" },
  { key: `${A}.recurrent`, set: { [`${A}.recurrent`]: DELETE }, expect: "numbers" },
  { key: `${A}.recurrent.endpoint`, with: { "endpoints.days": { origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "days" } }, set: { [`${A}.recurrent.endpoint`]: "days" }, expect: "numbers" },
  { key: `${A}.recurrent.events`, set: { [`${A}.recurrent.events`]: ["date_pm", "date_pm2"] }, expect: "numbers" },
  { key: `${A}.recurrent.label`, set: { [`${A}.recurrent.label`]: "Repeat lung surgery" }, expect: { report: "Repeat lung surgery" } },
  { key: `${A}.recurrent.by`, set: { [`${A}.recurrent.by`]: "sex" }, expect: "numbers" },
  { key: `${A}.recurrent.covariates`, set: { [`${A}.recurrent.covariates`]: ["timing"] }, expect: "numbers" },
  { key: `${A}.recurrent.models`, set: { [`${A}.recurrent.models`]: ["ag"] }, expect: "numbers" },
  // analyses.sensitivity (issue 16): on top of the example with the negative control named (SENS)
  { key: `${A}.sensitivity`, with: SENS, set: { [`${A}.sensitivity`]: DELETE }, expect: "numbers" },
  { key: `${A}.sensitivity.eValue`, with: SENS, set: { [`${A}.sensitivity.eValue`]: false }, expect: "numbers" },
  { key: `${A}.sensitivity.rosenbaum`, with: SENS_PAIRS, set: { [`${A}.sensitivity.rosenbaum`]: false }, expect: "numbers" },
  { key: `${A}.sensitivity.rosenbaum.gammas`, with: SENS_PAIRS, set: { [`${A}.sensitivity.rosenbaum`]: { gammas: [1, 2] } }, expect: "numbers" },
  // the example's pairs are not significant at 0.05 (no Γ either way); at 0.6 a Γ is found
  { key: `${A}.sensitivity.rosenbaum.alpha`, with: SENS_PAIRS, set: { [`${A}.sensitivity.rosenbaum`]: { alpha: 0.6 } }, expect: "numbers" },
  { key: `${A}.sensitivity.rosenbaum.time`, with: SENS_PAIRS, set: { [`${A}.sensitivity.rosenbaum`]: { time: 24 } }, expect: "numbers" },
  { key: `${A}.sensitivity.biasAnalysis`, with: SENS, set: { [`${A}.sensitivity.biasAnalysis`]: false }, expect: "numbers" },
  { key: `${A}.sensitivity.biasAnalysis.gammas`, with: SENS, set: { [`${A}.sensitivity.biasAnalysis`]: { gammas: [2] } }, expect: "numbers" },
  { key: `${A}.sensitivity.biasAnalysis.p1`, with: SENS, set: { [`${A}.sensitivity.biasAnalysis`]: { p1: [0, 0.5, 1] } }, expect: "numbers" },
  { key: `${A}.sensitivity.biasAnalysis.p0`, with: SENS, set: { [`${A}.sensitivity.biasAnalysis`]: { p0: [0.5] } }, expect: "numbers" },
  { key: `${A}.sensitivity.negativeControl`, with: SENS, set: { [`${A}.sensitivity.negativeControl`]: DELETE }, expect: "numbers" },
  { key: `${A}.sensitivity.negativeControl.endpoint`, with: SENS, set: { [`${A}.sensitivity.negativeControl.endpoint`]: "pfs" }, expect: /causes/ },
  { key: `${A}.sensitivity.negativeControl.cause`, with: SENS, set: { [`${A}.sensitivity.negativeControl.cause`]: "Sarcoma" }, expect: "numbers" },
  { key: `${A}.sensitivity.sampleSize`, with: SENS, set: { [`${A}.sensitivity.sampleSize`]: false }, expect: "numbers" },
  { key: `${A}.sensitivity.sampleSize.shrinkage`, with: SENS, set: { [`${A}.sensitivity.sampleSize`]: { shrinkage: 0.8 } }, expect: "numbers" },
  { key: `${A}.sensitivity.sampleSize.horizon`, with: SENS, set: { [`${A}.sensitivity.sampleSize`]: { horizon: 36 } }, expect: "numbers" },
  { key: `${A}.adjustedCurves`, set: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, expect: "numbers" },
  { key: `${A}.adjustedCurves.endpoint`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.endpoint`]: "pfs" }, expect: "numbers" },
  { key: `${A}.adjustedCurves.times`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.times`]: [24] }, expect: "numbers" },
  { key: `${A}.adjustedCurves.tau`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.tau`]: 36 }, expect: "numbers" },
  { key: `${A}.adjustedCurves.estimators`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.estimators`]: ["gformula", "iptw"] }, expect: "numbers" },
  { key: `${A}.adjustedCurves.estimand`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.estimand`]: "ATT" }, expect: "numbers" },
  { key: `${A}.adjustedCurves.band`, with: { [`${A}.adjustedCurves`]: { estimators: ["gformula"] } }, set: { [`${A}.adjustedCurves.band`]: 200 }, expect: "numbers" },
  { key: `${A}.recurrent.countIndexOperation`, with: { [`${A}.recurrent.population`]: DELETE }, set: { [`${A}.recurrent.countIndexOperation`]: true }, expect: "numbers" },
  { key: `${A}.recurrent.population`, set: { [`${A}.recurrent.population`]: DELETE }, expect: "numbers" },
  // the example's other-cause models (3 events, 2 parameters) are refused at the default floor of 5
  { key: `${A}.safeguards`, set: { [`${A}.safeguards`]: { epvFloor: 1 } }, expect: "numbers" },
  { key: `${A}.safeguards.epvWarn`, set: { [`${A}.safeguards.epvWarn`]: 20 }, expect: { report: "23 events for 2 parameters (EPV 11.5, below 20)" } },
  { key: `${A}.safeguards.epvFloor`, set: { [`${A}.safeguards.epvFloor`]: 1 }, expect: "numbers" },
  { key: `${A}.safeguards.propensityBelowFloor`, set: { [`${A}.safeguards.propensityBelowFloor`]: "refuse" }, expect: "numbers" },
  // the IPTW Cox rows rest on 23 events: below a minimum of 30 they carry the flag
  { key: `${A}.safeguards.minEvents`, set: { [`${A}.safeguards.minEvents`]: 30 }, expect: { report: "only 23 events: imprecise" } },
];

describe("every key of the study spec changes results.json or is refused", () => {
  it("the table (with the propensity section's) covers every key the schema has (a new key without an entry fails here)", () => {
    const propensity = new Set([`${A}.propensity`, ...schemaKeys(propensitySchema, `${A}.propensity`)]);
    const expected = schemaKeys(studySpecSchema).filter((k) => !propensity.has(k));
    expect([...new Set(SPEC_ENTRIES.map((e) => e.key))].sort()).toEqual(expected);
  });

  for (const e of SPEC_ENTRIES) {
    it(`${e.key}: ${JSON.stringify(e.set, (_k, v: unknown) => (v === DELETE ? "(removed)" : v))}${e.with ? ` with ${JSON.stringify(e.with)}` : ""}`, () => {
      checkEntry(e, base());
    });
  }
});
