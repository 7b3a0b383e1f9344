/**
 * Issue 14, item 2: a treatment given as a yes/no column while the data hold its date is found, and the
 * study says how to declare it (treatment.date); columns that are not the treatment's date are left alone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Table } from "../../src/data/table.js";
import { studySpecSchema, type StudySpec } from "../../src/study/schema.js";
import { treatmentDateCandidates, treatmentDateWarnings } from "../../src/study/treatment-date-detect.js";
import { readFirstItems } from "../../src/report/read-first.js";
import { EXAMPLE_SPEC, ROOT, runSpecFile } from "../report/render-study.js";

const N = NaN;
/** 8 patients, 5 treated; origin day 0..; "opdate" after the origin only in the treated. */
function table(extra: { name: string; values: number[] }[] = []): Table {
  const dates = (name: string, values: number[]) => ({ kind: "date" as const, name, values: Float64Array.from(values) });
  return {
    nRows: 8,
    source: { file: "t.csv" },
    rowNumbers: Int32Array.from([2, 3, 4, 5, 6, 7, 8, 9]),
    columns: [
      dates("origin", [0, 10, 20, 30, 40, 50, 60, 70]),
      dates("death", [100, N, 200, N, 90, N, 300, N]),
      dates("last", [100, 150, 200, 250, 90, 120, 300, 400]),
      dates("opdate", [5, 12, 25, 31, 44, N, N, N]),
      dates("diagnosis", [-30, -10, 5, 20, 30, 40, 55, 60]),
      ...extra.map((e) => dates(e.name, e.values)),
    ],
  };
}
const treated = [1, 1, 1, 1, 1, 0, 0, 0];

function spec(treatment: Record<string, unknown>): StudySpec {
  return studySpecSchema.parse({
    title: "T",
    data: { file: "t.csv" },
    endpoints: { os: { origin: "origin", event: "death", censor: "last" } },
    treatment,
  });
}

describe("treatmentDateCandidates", () => {
  it("finds a date column after the origin in the treated rows only", () => {
    const c = treatmentDateCandidates(table(), spec({ column: "surgery", treated: "yes" }), treated);
    expect(c.map((x) => x.column)).toEqual(["opdate"]);
    expect(c[0]).toMatchObject({ treatedAfterOrigin: 5, treated: 5, untreatedWithDate: 0, untreated: 3, nameHint: true });
  });

  it("leaves alone the endpoint's dates, dates before the origin and dates of untreated patients too", () => {
    // diagnosis: before the origin for most treated; the endpoint columns are never candidates
    const c = treatmentDateCandidates(table([{ name: "visit", values: [3, 11, 21, 31, 41, 51, 61, 71] }]), spec({ column: "surgery", treated: "yes" }), treated);
    expect(c.map((x) => x.column)).toEqual(["opdate"]);
  });

  it("takes a date with a telling name even when a few untreated have one, but not an anonymous one", () => {
    // 3 of 5 treated have a date, no untreated: too few for an anonymous column, enough with a telling name
    const someUntreated = [5, 12, 25, N, N, N, N, N];
    const t = table([
      { name: "date_surgery", values: someUntreated },
      { name: "xyz", values: someUntreated },
    ]);
    const c = treatmentDateCandidates(t, spec({ column: "surgery", treated: "yes" }), treated).map((x) => x.column);
    expect(c).toContain("date_surgery");
    expect(c).not.toContain("xyz");
  });

  it("says nothing when the spec declares treatment.date", () => {
    expect(treatmentDateCandidates(table(), spec({ column: "surgery", treated: "yes", date: "opdate" }), treated)).toEqual([]);
  });

  it("words the warning with the spec line that declares the date", () => {
    const [w] = treatmentDateWarnings(table(), spec({ column: "surgery", treated: "yes" }), treated);
    expect(w).toContain("column opdate looks like the date of surgery");
    expect(w).toContain("5 of 5 treated patients and in 0 of 3 untreated");
    expect(w).toContain('treatment: { column: surgery, treated: "yes", date: opdate }');
    expect(w).toContain("immortal time");
  });
});

describe("the example with the treatment date left out of the spec", () => {
  it("warns that date_pm looks like the treatment's date, under Read first's survival section", () => {
    const s = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as { data: { file: string }; treatment: Record<string, unknown>; analyses: Record<string, unknown> };
    s.data.file = join(ROOT, "examples", "lms-metastasectomy", "cohort.csv");
    delete s.treatment.date;
    for (const k of ["immortalTime", "cure", "prediction", "propensity", "competingRisks", "recurrent", "primary"]) delete s.analyses[k]; // (recurrent: the example follows the operated from the date of surgery)
    const file = join(mkdtempSync(join(tmpdir(), "survinfer-tdate-")), "study.yaml");
    writeFileSync(file, stringify(s));
    const r = runSpecFile(file);
    const hits = r.warnings.filter((w) => w.startsWith("treatment: column "));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain("column date_pm looks like the date of Pulmonary metastasectomy");
    expect(hits[0]).toContain("date: date_pm");
    const item = readFirstItems(r, new Set(["survival", "notes"])).find((it) => it.text.includes("looks like the date of"));
    expect(item?.section).toBe("survival");
  });

  it("says nothing on the example as written (the date is declared)", () => {
    expect(runSpecFile(EXAMPLE_SPEC).warnings.some((w) => w.startsWith("treatment: column "))).toBe(false);
  });
});
