/**
 * Level labels in tables (issue 19): the spec's `labels` (e.g. metastasectomy: { yes: "Metastasectomy" })
 * reach every table that shows a level — Table 1's group columns and categorical levels, the Cox table's
 * factor levels, the survival (all, matched, weighted), RMST, competing-risks and flow tables — and a spec
 * without labels gives the same tables as before.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { levelLabeller } from "../../src/report/level-labels.js";
import type { ReportTable } from "../../src/report/csv.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

const LABELS = {
  metastasectomy: { no: "No metastasectomy", yes: "Metastasectomy" },
  timing: { metachronous: "Metachronous (> 6 months)", synchronous: "Synchronous" },
};

function tablesOf(r: StudyResults): Map<string, ReportTable> {
  return new Map(buildReportModel(r).tables.map((t) => [t.id, t.table]));
}

const firstColumn = (t: ReportTable | undefined): string[] => (t?.rows ?? []).map((row) => row[0]);
const allText = (t: ReportTable | undefined): string => [...(t?.headers ?? []).flat().map((c) => (typeof c === "string" ? c : c.text)), ...(t?.rows ?? []).flat()].join("\n");

describe("level labels in the tables", () => {
  const r = exampleResults();
  const labelled = tablesOf({ ...r, spec: { ...r.spec, labels: LABELS } } as StudyResults);
  // the example's spec has labels of its own: "plain" is the same results rendered without them
  const { labels: _exampleLabels, ...specWithoutLabels } = r.spec;
  const plain = tablesOf({ ...r, spec: specWithoutLabels } as StudyResults);

  it("names Table 1's group columns and categorical levels by their labels", () => {
    const t1 = labelled.get("table1");
    const head = (t1?.headers[t1.headers.length - 1] ?? []).map((c) => (typeof c === "string" ? c : c.text));
    expect(head.filter((c) => c.startsWith("No metastasectomy (n = ")).length).toBeGreaterThanOrEqual(2);
    expect(head.filter((c) => c.startsWith("Metastasectomy (n = ")).length).toBeGreaterThanOrEqual(2);
    expect(head.some((c) => /^(no|yes) \(n = /.test(c))).toBe(false);
    expect(firstColumn(t1)).toContain("Synchronous");
    expect(firstColumn(t1)).toContain("Metachronous (> 6 months)");
    expect(firstColumn(t1)).not.toContain("synchronous");
    // the numbers are the same
    expect(t1?.rows.map((row) => row.slice(1))).toEqual(plain.get("table1")?.rows.map((row) => row.slice(1)));
  });

  it("names the Cox table's factor levels, the reference level included", () => {
    const cox = labelled.get("cox");
    const levels = firstColumn(cox);
    expect(levels).toContain("Synchronous");
    expect(levels).toContain("Metachronous (> 6 months)");
    const i = levels.indexOf("Metachronous (> 6 months)");
    expect(cox?.rows[i][1]).toBe("1 (reference)");
    expect(cox?.rows.map((row) => row.slice(1))).toEqual(plain.get("cox")?.rows.map((row) => row.slice(1)));
  });

  it("names the groups of the survival, RMST, competing-risks and flow tables", () => {
    for (const id of ["survival", "survival-matched", "survival-weighted"]) expect(firstColumn(labelled.get(id)), id).toEqual(["No metastasectomy", "Metastasectomy"]);
    expect(firstColumn(labelled.get("rmst")).slice(0, 2)).toEqual(["No metastasectomy", "Metastasectomy"]);
    expect(allText(labelled.get("competing-risks"))).toContain("Metastasectomy");
    expect(labelled.get("flow")?.headers[0]).toEqual(["Step", "All patients", "No metastasectomy", "Metastasectomy"]);
  });

  it("leaves every table as it was without labels (and with an empty map)", () => {
    const empty = tablesOf({ ...r, spec: { ...r.spec, labels: {} } } as StudyResults);
    expect([...empty.entries()]).toEqual([...plain.entries()]);
    expect(firstColumn(plain.get("survival"))).toEqual(["no", "yes"]);
  });

  it("looks the treatment's labels up by its column", () => {
    const label = levelLabeller({ spec: { ...r.spec, labels: LABELS } });
    expect(label("treatment", "yes")).toBe("Metastasectomy");
    expect(label("metastasectomy", "no")).toBe("No metastasectomy");
    expect(label("timing", "unknown level")).toBe("unknown level");
    expect(label(undefined, "yes")).toBe("yes");
  });
});
