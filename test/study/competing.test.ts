/**
 * analyses.competingRisks in a study: causes of death given as text in a column of the data, the
 * endpoint derived from dates, cumulative incidence by group with Gray's test (checked against
 * cumulativeIncidence called directly on hand-derived times and codes), the report's section and
 * CIF figure, and errors that name the row of an event whose cause is missing or unknown.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SurvinferError } from "../../src/errors.js";
import { buildReportModel } from "../../src/report/render.js";
import { cumulativeIncidence } from "../../src/survival/competing/cuminc.js";
import { parseStudySpec, parseStudySpecWithLines, specColumnReferences } from "../../src/study/spec.js";
import { expectClose } from "../helpers/expect-close.js";
import { findAll, hasClass, parseXml } from "../report/plots/xml.js";
import { runSpecFile } from "../report/render-study.js";

// id, arm, origin, death date ("" = alive), last follow-up, cause of death
const PATIENTS: readonly (readonly [number, string, string, string, string, string])[] = [
  [1, "A", "2015-01-10", "2016-03-01", "2016-03-01", "sarcoma"],
  [2, "A", "2015-02-01", "", "2019-05-01", ""],
  [3, "A", "2015-03-15", "2015-11-20", "2015-11-20", "Other"],
  [4, "A", "2015-05-01", "2018-01-04", "2018-01-04", "sarcoma"],
  [5, "A", "2015-06-20", "", "2017-02-11", ""],
  [6, "A", "2015-08-09", "2017-07-30", "2017-07-30", "cardiac"],
  [7, "A", "2016-01-05", "2016-09-17", "2016-09-17", "sarcoma"],
  [8, "A", "2016-03-02", "", "2020-01-15", ""],
  [9, "B", "2015-01-20", "2015-09-01", "2015-09-01", "sarcoma"],
  [10, "B", "2015-02-14", "2016-01-10", "2016-01-10", "sarcoma"],
  [11, "B", "2015-04-04", "", "2016-10-10", ""],
  [12, "B", "2015-06-30", "2017-03-03", "2017-03-03", "Other"],
  [13, "B", "2015-09-09", "2016-02-02", "2016-02-02", "sarcoma"],
  [14, "B", "2016-02-01", "", "2019-12-31", ""],
  [15, "B", "2016-04-18", "2017-10-10", "2017-10-10", "sarcoma"],
  [16, "B", "2016-06-06", "2018-08-08", "2018-08-08", "cardiac"],
];

function csvOf(rows: readonly (readonly (string | number)[])[]): string {
  return ["id,arm,diagnosis,death,last_fu,cause_of_death", ...rows.map((r) => r.join(","))].join("\n") + "\n";
}

function specText(extra = ""): string {
  return `title: Competing risks test
data: { file: cohort.csv, id: id, dateFormat: YYYY-MM-DD }
endpoints:
  os:
    label: Overall survival
    origin: diagnosis
    event: death
    censor: last_fu
    causes:
      column: cause_of_death
      values: { Sarcoma: sarcoma, "Other causes": [Other, cardiac] }
analyses:
  competingRisks: { endpoint: os, by: arm, times: [6, 12, 24] }
${extra}`;
}

function writeStudy(rows: readonly (readonly (string | number)[])[], spec = specText()): string {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-cr-"));
  writeFileSync(join(dir, "cohort.csv"), csvOf(rows));
  writeFileSync(join(dir, "study.yaml"), spec);
  return join(dir, "study.yaml");
}

const DAY = 86_400_000;
const days = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;

describe("competing risks in the study spec", () => {
  it("parses causes on a date endpoint and the competingRisks analysis with its default times", () => {
    const spec = parseStudySpec(specText().replace(", times: [6, 12, 24]", ""), "s.yaml");
    const ep = spec.endpoints.os;
    expect("causes" in ep && ep.causes).toEqual({ column: "cause_of_death", values: { Sarcoma: "sarcoma", "Other causes": ["Other", "cardiac"] } });
    expect(spec.analyses.competingRisks).toEqual({ endpoint: "os", by: "arm", times: [], covariates: [] });
  });
});

describe("runStudy with analyses.competingRisks", () => {
  const res = runSpecFile(writeStudy(PATIENTS));
  const cr = res.analyses.competingRisks!;

  it("equals cumulativeIncidence on times in months and cause codes 1 = sarcoma, 2 = other causes", () => {
    // hand derivation: months = days / 30.4375; code 0 = alive, 1 = sarcoma, 2 = Other or cardiac
    const time = Float64Array.from(PATIENTS, (p) => days(p[2], p[3] === "" ? p[4] : p[3]) / 30.4375);
    const cause = Int32Array.from(PATIENTS, (p) => (p[5] === "" ? 0 : p[5] === "sarcoma" ? 1 : 2));
    const group = { codes: Int32Array.from(PATIENTS, (p) => (p[1] === "A" ? 0 : 1)), levels: ["A", "B"] };
    const direct = cumulativeIncidence({ time, cause, group }, { times: [6, 12, 24] });
    expect(cr.causes).toEqual([1, 2]);
    expect(cr.causeLabels).toEqual(["Sarcoma", "Other causes"]);
    expect(cr.groups).toEqual(["A", "B"]);
    expect(cr.curves.map((c) => [c.group, c.cause, c.n, c.events])).toEqual([["A", 1, 8, 3], ["B", 1, 8, 4], ["A", 2, 8, 2], ["B", 2, 8, 2]]);
    cr.curves.forEach((c, i) => {
      const d = direct.curves[i];
      expectClose(c.time, d.time, { rel: 1e-12 }, `time ${c.name}`);
      expectClose(c.est, d.est, { rel: 1e-12, abs: 1e-15 }, `est ${c.name}`);
      expectClose(c.var, d.var, { rel: 1e-12, abs: 1e-15 }, `var ${c.name}`);
      expectClose(c.at!.est, d.at!.est, { rel: 1e-12, abs: 1e-15 }, `at ${c.name}`);
    });
    expect(cr.tests!.map((t) => t.cause)).toEqual([1, 2]);
    cr.tests!.forEach((t, i) => expectClose(t.p, direct.tests![i].p, { rel: 1e-12 }, `Gray p cause ${t.cause}`));
    expect(cr.options.times).toEqual([6, 12, 24]);
  });

  it("adds a Competing risks section with the table, Gray's p per cause and a well-formed CIF figure", () => {
    const built = buildReportModel(res);
    const section = built.model.sections.find((s) => s.id === "competing-risks")!;
    expect(section.title).toBe("Competing risks");
    const t = built.tables.find((x) => x.id === "competing-risks")!.table;
    expect(t.headers[0]).toEqual(["Cause", "Group", "n", "Events", "6 months, % (SE)", "12 months, % (SE)", "24 months, % (SE)", "Gray's p"]);
    expect(t.rows.map((r) => r.slice(0, 4))).toEqual([["Sarcoma", "A", "8", "3"], ["", "B", "8", "4"], ["Other causes", "A", "8", "2"], ["", "B", "8", "2"]]);
    const c0 = cr.curves[0].at!;
    expect(t.rows[0][4]).toBe(`${(100 * c0.est[0]).toFixed(1)} (${(100 * Math.sqrt(c0.var[0])).toFixed(1)})`);
    expect(t.rows[0][7]).not.toBe("");
    expect(t.rows[1][7]).toBe("");
    const fig = built.figures.find((f) => f.id === "cif")!;
    const root = parseXml(fig.svg);
    expect(findAll(root, (e) => hasClass(e, "cif-curve"))).toHaveLength(4);
    expect(findAll(root, (e) => hasClass(e, "annotation"))[0].text).toMatch(/^Gray's test, Sarcoma \(n = \d+\): p = 0\.\d{2,3}Gray's test, Other causes \(n = \d+\): p [=>] /);
    const methods = built.model.sections.find((s) => s.id === "methods")!;
    expect(JSON.stringify(methods.blocks)).toMatch(/Aalen–Johansen method with Gray's variance/);
  });
});

describe("competing-risks errors", () => {
  it("names the row and column of an event whose cause is not listed", () => {
    const rows = PATIENTS.map((p) => (p[0] === 6 ? [...p.slice(0, 5), "stroke"] : p));
    try {
      runSpecFile(writeStudy(rows));
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(SurvinferError);
      const err = e as SurvinferError;
      expect(err.code).toBe("DATA_INVALID_CAUSE");
      expect(err.location.row).toBe(7);
      expect(err.location.column).toBe("cause_of_death");
      expect(err.message).toMatch(/row 7.*"stroke"/);
    }
  });

  it("names the row of an event whose cause is missing", () => {
    const rows = PATIENTS.map((p) => (p[0] === 10 ? [...p.slice(0, 5), ""] : p));
    expect(() => runSpecFile(writeStudy(rows))).toThrow(/row 11: the cause is missing/);
  });

  it("asks for causes when the endpoint has none (already when the spec is parsed)", () => {
    const spec = specText().replace(/ {4}causes:\n.*\n.*\n/, "");
    expect(() => runSpecFile(writeStudy(PATIENTS, spec))).toThrow(/endpoint "os" has no causes/);
  });
});

describe("the cause column of a spec is checked against the data with the spec's line", () => {
  it("a misspelt causes.column is located at its line", () => {
    const text = "title: T\ndata: { file: d.csv }\nendpoints:\n  os:\n    origin: a\n    event: b\n    censor: c\n    causes:\n      column: cause_of_deth\n      values: { Sarcoma: sarcoma }\n";
    const { spec, lineOf } = parseStudySpecWithLines(text, "s.yaml");
    const ref = specColumnReferences(spec, lineOf).find((r) => r.role === "cause");
    expect(ref?.column).toBe("cause_of_deth");
    expect(ref?.line).toBe(9);
  });
});

describe("a competingRisks analysis on an endpoint without causes", () => {
  it("is refused when the spec is parsed, at the analysis' line", () => {
    const text = "title: T\ndata: { file: d.csv }\nendpoints:\n  os: { origin: a, event: b, censor: c }\nanalyses:\n  competingRisks:\n    endpoint: os\n";
    expect(() => parseStudySpec(text, "s.yaml")).toThrow(/line 7.*has no causes/s);
  });
});
