/**
 * Issue 13, item 1, "Done when": on the example and on spec variants (trim, truncate, exact matching,
 * bootstrap, no propensity analyses, no dates) the report has no number whose population differs from
 * its caption. The study is run in-process (as `survinfer run` does), the report rendered, and
 * report.html crawled together with results.json (test/report/population-crawl.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { toJson } from "../../src/cli/format.js";
import { buildReportModel } from "../../src/report/render.js";
import { reportHtml } from "../../src/report/html.js";
import { fmtRatioCi } from "../../src/report/tables.js";
import type { StudyResults } from "../../src/study/run.js";
import { crawlFigures, crawlTables, firstN, populationProblems } from "./population-crawl.js";
import { EXAMPLE_SPEC, ROOT, exampleResults, runSpecFile } from "./render-study.js";

type Spec = Record<string, unknown> & { analyses: Record<string, unknown> };

const EXAMPLE_DIR = join(ROOT, "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-population-"));

/** The example spec as an object, data path absolute, without the slow long-term analyses. */
function baseSpec(): Spec {
  const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Spec;
  (spec.data as Record<string, unknown>).file = join(EXAMPLE_DIR, "cohort.csv");
  delete spec.analyses.cure;
  delete spec.analyses.prediction;
  delete spec.analyses.recurrent;
  return spec;
}

function run(name: string, spec: Spec): StudyResults {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return runSpecFile(file);
}

/** report.html and results.json as the CLI writes them. */
function rendered(r: StudyResults): { html: string; json: ReturnType<typeof JSON.parse> } {
  return { html: reportHtml(buildReportModel(r).model), json: JSON.parse(toJson(r)) };
}

const propensityOf = (s: Spec): Record<string, unknown> => s.analyses.propensity as Record<string, unknown>;

/** "Done when" variants of the example. */
const VARIANTS: Record<string, (s: Spec) => void> = {
  trim: (s) => {
    (propensityOf(s).weighting as Record<string, unknown>).trim = 0.1;
  },
  truncate: (s) => {
    (propensityOf(s).weighting as Record<string, unknown>).truncate = 0.95;
  },
  exact: (s) => {
    (propensityOf(s).matching as Record<string, unknown>).exact = ["timing"];
  },
  bootstrap: (s) => {
    propensityOf(s).bootstrap = { replicates: 10 };
  },
  "no propensity": (s) => {
    delete s.analyses.propensity;
  },
};

/** The example without dates: ready-made time and status columns, treatment a plain yes/no column. */
function noDatesSpec(): Spec {
  const lines = readFileSync(join(EXAMPLE_DIR, "cohort.csv"), "utf8").trim().split(/\r?\n/);
  const head = lines[0].split(",");
  const at = (name: string): number => head.indexOf(name);
  const day = (s: string): number => {
    const [d, m, y] = s.split(".").map(Number);
    return Date.UTC(y, m - 1, d) / 86400000;
  };
  const keep = ["patient_id", "sex", "metastasectomy", "age_primary", "primary_size_mm", "n_lung_mets", "timing", "grade", "cause_of_death"];
  const out = [[...keep, "os_months", "os_status"].join(",")];
  for (const line of lines.slice(1)) {
    const c = line.split(",");
    const origin = day(c[at("date_lung_met")]);
    const dead = c[at("date_death")] !== "";
    const end = day(dead ? c[at("date_death")] : c[at("date_last_followup")]);
    out.push([...keep.map((k) => c[at(k)]), String((end - origin) / 30.4375), dead ? "1" : "0"].join(","));
  }
  const csv = join(dir, "no-dates.csv");
  writeFileSync(csv, out.join("\n") + "\n");
  const spec = baseSpec();
  spec.data = { file: csv, id: "patient_id" };
  spec.endpoints = { os: { label: "Overall survival", time: "os_months", status: "os_status", values: [1], causes: { column: "cause_of_death", values: { Sarcoma: "sarcoma", "Other causes": "other" } } } };
  spec.treatment = { column: "metastasectomy", treated: "yes", label: "Pulmonary metastasectomy" };
  delete spec.analyses.immortalTime;
  // without a treatment date there is no clone–censor–weight design to be the declared primary: the default rule decides
  delete spec.analyses.primary;
  return spec;
}

describe("population crawl of the example report", () => {
  const r = exampleResults();
  const { html, json } = rendered(r);

  it("finds every table and figure of the example with the n of its own analysis population", () => {
    expect(populationProblems(html, json, fmtRatioCi)).toEqual([]);
  });

  it("crawls what it claims to: the tables and figures whose population it checks are in the report", () => {
    const tables = crawlTables(html).map((t) => t.id);
    const figures = crawlFigures(html).map((f) => f.id);
    for (const id of ["table1", "survival", "rmst", "competing-risks", "cox", "ps-model", "balance", "survival-matched", "survival-weighted", "cure-fraction", "prediction-model", "recurrent-models", "effects"]) expect(tables).toContain(id);
    for (const id of ["km", "km-matched", "km-weighted", "love", "cif", "forest-cox", "cure-fit", "calibration", "mcf"]) expect(figures).toContain(id);
    const t1 = crawlTables(html).find((t) => t.id === "table1")!;
    expect(t1.headers[0].slice(1).map(firstN)).toEqual([64, 56, 22, 56]);
  });

  it("fails on the bug of the issue: the crude Cox HR (n = 56) annotating the Kaplan–Meier figure of 64 patients", () => {
    const crude = r.analyses.effects!.estimates.find((e) => e.id === "crude")!;
    expect(crude.n).not.toBe(r.analyses.km!.n);
    const hr = fmtRatioCi(crude.hr, crude.lower, crude.upper);
    const bad = html.replace(/(<figure id="fig-km">[\s\S]*?<g class="annotation">)/, `$1<text>Cox HR ${hr}</text>`);
    expect(bad).not.toBe(html);
    expect(populationProblems(bad, json, fmtRatioCi).join("\n")).toMatch(/figure km \(n = 64\): annotated with Crude Cox.* computed on n = 56/);
  });

  it("fails when Table 1's unadjusted panel is on all patients while the adjusted panels are on the propensity sample", () => {
    const t1 = r.analyses.table1!;
    const bad = rendered({ ...r, analyses: { ...r.analyses, table1: { ...t1, unadjusted: t1.allPatients!, allPatients: undefined } } } as StudyResults);
    expect(populationProblems(bad.html, bad.json, fmtRatioCi).join("\n")).toMatch(/Table 1 panel "Unadjusted.*n = 64, its population has n = 56/);
  });

  it("fails when a table's caption names another population's n", () => {
    // (the title carries the sample's flag before its population since session 11, referee A9)
    const bad = html.replace("matching worsened balance: not confounding-adjusted (matched patients, n = 22)", "matching worsened balance: not confounding-adjusted (matched patients, n = 56)");
    expect(bad).not.toBe(html);
    expect(populationProblems(bad, json, fmtRatioCi).join("\n")).toMatch(/table survival-matched: caption n = 56, its analysis has n = 22/);
  });
});

describe("population crawl of spec variants", () => {
  for (const [name, change] of Object.entries(VARIANTS)) {
    it(`${name}: every n shown is its own analysis population's`, () => {
      const spec = baseSpec();
      change(spec);
      const { html, json } = rendered(run(name.replace(/ /g, "-"), spec));
      expect(populationProblems(html, json, fmtRatioCi)).toEqual([]);
    });
  }

  it("no dates (time and status columns, treatment without a date): every n shown is its own analysis population's", () => {
    const r = run("no-dates", noDatesSpec());
    const { html, json } = rendered(r);
    expect(r.analyses.km!.n).toBe(64);
    expect(populationProblems(html, json, fmtRatioCi)).toEqual([]);
  });
});
