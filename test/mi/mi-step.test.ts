// The study hook: spec key `missing: { method: "mi" }` on the example study adds the multivariable Cox
// model by multiple imputation beside the complete-case model (src/study/mi-step.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExampleVariant, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";
import { missingDataSection } from "../../src/report/sections-missing.js";
import type { SectionContext } from "../../src/report/sections-long-term.js";

function lean(spec: ExampleSpec): void {
  withoutLongTerm(spec);
  for (const k of ["propensity", "immortalTime", "table1"]) delete spec.analyses[k];
  spec.analyses.immortalTime = false as unknown as Record<string, unknown>;
}

describe("missing: { method: mi } in a study", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-mi-"));
  const res = runExampleVariant(dir, "mi", (spec) => {
    lean(spec);
    spec.analyses.cox = { endpoint: "os", univariable: [], multivariable: ["age_primary", "primary_size_mm", "grade"] };
    (spec as Record<string, unknown>).missing = { method: "mi", m: 5, iterations: 5, seed: 3 };
  });
  const mi = res.analyses.missing;

  it("pools the multivariable Cox model over 5 imputations of size and grade, with the outcome in the imputation models", () => {
    expect(mi).toBeDefined();
    if (mi === undefined) return;
    expect(mi.n).toBe(64);
    expect(mi.nComplete).toBe(56);
    expect(mi.imputation.variables.map((v) => [v.name, v.method, v.rows.length])).toEqual([["primary_size_mm", "pmm", 5], ["grade", "polyreg", 4]]);
    expect(mi.imputation.outcomeInModels).toBe(true);
    const cc = res.analyses.cox?.multivariable?.result.fit;
    expect(cc?.n).toBe(56);
    expect(mi.cox?.terms.map((t) => t.term)).toEqual(cc?.columnNames);
    for (const t of mi.cox?.terms ?? []) {
      expect(Number.isFinite(t.estimate) && Number.isFinite(t.stdError) && Number.isFinite(t.df)).toBe(true);
      expect(t.hrLower).toBeLessThan(t.hr);
      expect(t.hrUpper).toBeGreaterThan(t.hr);
      expect(t.m).toBe(5);
    }
    expect(mi.cox?.dfcom).toBe(res.endpoints[0].events - (cc?.columnNames.length ?? 0));
  });

  it("reports the missing-data pattern and the table by treatment group", () => {
    if (mi === undefined) return;
    expect(mi.pattern.counts).toEqual([56, 4, 3, 1]);
    expect(mi.byGroup.groups).toEqual(["no", "yes"]);
    const size = mi.byGroup.rows.find((r) => r.variable === "primary_size_mm");
    expect(size?.overall.missing).toBe(5);
  });

  it("is reproducible for the seed", () => {
    const again = runExampleVariant(dir, "mi2", (spec) => {
      lean(spec);
      spec.analyses.cox = { endpoint: "os", univariable: [], multivariable: ["age_primary", "primary_size_mm", "grade"] };
      (spec as Record<string, unknown>).missing = { method: "mi", m: 5, iterations: 5, seed: 3 };
    });
    expect(again.analyses.missing?.cox).toEqual(mi?.cox);
  });

  it("the report's Missing data section shows the table by group, the pattern and the pooled model", () => {
    if (mi === undefined) throw new Error("no MI result");
    const ctx: SectionContext = { table: (id, table) => ({ kind: "table", id, table }), figure: (figure) => ({ kind: "figure", figure }), timeUnit: () => undefined, byLabel: (b) => b };
    const sec = missingDataSection(mi, ctx);
    expect(sec.id).toBe("missing-data");
    expect(sec.blocks[0]).toEqual(expect.objectContaining({ text: expect.stringContaining("8 of 64 patients") }));
    const tables = sec.blocks.flatMap((b) => (b.kind === "table" ? [b] : []));
    expect(tables.map((t) => t.id)).toEqual(["missing-by-group", "missing-pattern", "cox-mi"]);
    expect(tables[2].table.rows).toHaveLength(mi.cox?.terms.length ?? -1);
    expect(tables[1].table.rows[0][0]).toBe("56");
  });
});
