// md.pattern as mice 3.15.0 computes it on the example cohort (tools/oracle/mice.R -> test/fixtures/mi/md-pattern-example.json),
// and the STROBE missing-data table by group (by hand).
import { describe, expect, it } from "vitest";
import { missingByGroup, missingPattern } from "../../src/mi/pattern.js";
import { loadMi } from "./load.js";

describe("missingPattern equals mice::md.pattern", () => {
  it("example cohort: column order, patterns, counts and margins", () => {
    const f = loadMi<{ columns: string[]; data: Record<string, (number | null)[]> }, { pattern: number[][]; rowCounts: number[]; columns: string[] }>("md-pattern-example");
    const miss = f.input.columns.map((c) => f.input.data[c].map((v) => v === null));
    const out = missingPattern(f.input.columns, miss);
    const e = f.expected;
    expect(out.columns).toEqual(e.columns.slice(0, -1));
    expect(out.counts).toEqual(e.rowCounts);
    const body = e.pattern.slice(0, -1);
    expect(out.patterns).toEqual(body.map((r) => r.slice(0, -1)));
    expect(out.missingPerPattern).toEqual(body.map((r) => r[r.length - 1]));
    const last = e.pattern[e.pattern.length - 1];
    expect(out.missingPerColumn).toEqual(last.slice(0, -1));
    expect(out.totalMissing).toBe(last[last.length - 1]);
  });
});

describe("missingByGroup", () => {
  it("counts missing values per variable and group, and names a variable missing for a whole group", () => {
    const t = missingByGroup(["size", "grade"], [[true, false, false, true], [false, false, true, true]], [0, 0, 1, 1], ["no", "yes"]);
    expect(t.rows[0].overall).toEqual({ missing: 2, n: 4, percent: 50 });
    expect(t.rows[0].groups.map((g) => g.missing)).toEqual([1, 1]);
    expect(t.rows[1].groups[1]).toEqual({ missing: 2, n: 2, percent: 100 });
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toMatch(/"grade" is missing for all 2 patients in group "yes"/);
  });
});
