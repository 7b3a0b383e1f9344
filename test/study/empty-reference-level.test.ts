/**
 * Issue 13, item 8 (leftover): a declared reference level written as the column's levels are written
 * (`reference: 1` for a numeric grade) but held by no patient does not stop the study: it is kept as an
 * empty level with a warning, and the models that need it are "not estimable" (their coefficients would
 * compare with nobody); a level that cannot be one of the column's values stays an error (bad input).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { isSurvinferError } from "../../src/errors.js";
import { buildReportModel } from "../../src/report/render.js";
import { EXAMPLE_SPEC, ROOT, runSpecFile } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-empty-level-"));

/** The example with no patient of grade 1 (recoded to 2), and the spec's `reference` for grade set to `ref`. */
function run(ref: string | number) {
  const lines = readFileSync(join(ROOT, "examples", "lms-metastasectomy", "cohort.csv"), "utf8").trim().split(/\r?\n/);
  const g = lines[0].split(",").indexOf("grade");
  const csv = [lines[0], ...lines.slice(1).map((l) => l.split(",").map((x, j) => (j === g && x === "1" ? "2" : x)).join(","))].join("\n") + "\n";
  const data = join(dir, "cohort.csv");
  writeFileSync(data, csv);
  const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as { data: { file: string }; covariates: (string | { name: string; reference?: unknown })[]; analyses: Record<string, unknown> };
  spec.data.file = data;
  for (const k of ["cure", "prediction", "recurrent"]) delete spec.analyses[k];
  const grade = spec.covariates.find((c) => typeof c !== "string" && c.name === "grade") as { reference?: unknown };
  grade.reference = ref;
  const file = join(dir, `study-${String(ref)}.yaml`);
  writeFileSync(file, stringify(spec));
  return runSpecFile(file);
}

describe("a reference level with no patients", () => {
  const r = run(1);

  it("runs the study: the models with the covariate are not estimable, with the reason, and nothing else is lost", () => {
    const entry = r.notEstimable.find((n) => n.analysis === "cox.univariable.grade");
    expect(entry?.code).toBe("DATA_EMPTY_REFERENCE_LEVEL");
    expect(entry?.reason).toContain('the reference level "1" of FNCLCC grade has no patients');
    expect(entry?.reason).toContain('"2", "3"');
    expect(r.analyses.cox!.univariable.some((u) => u.covariate === "grade")).toBe(false);
    for (const k of ["km", "logrank", "rmst", "table1", "propensity", "effects"] as const) expect(r.analyses[k], k).toBeDefined();
  });

  it("says so among the warnings and under Read first", () => {
    const w = r.warnings.find((x) => x.startsWith("covariates: FNCLCC grade: the reference level"));
    expect(w).toContain("kept as an empty level");
    const readFirst = buildReportModel(r).model.readFirst ?? [];
    expect(readFirst.some((e) => e.text.includes("not estimable") && e.text.includes("FNCLCC grade"))).toBe(true);
  });

  it("never prints a hazard ratio against the empty level", () => {
    const cox = buildReportModel(r).model.sections.find((s) => s.id === "cox")!;
    const rows = cox.blocks.flatMap((b) => (b.kind === "table" ? b.table.rows : []));
    expect(rows.some((row) => /vs 1\b/.test(row.join(" ")) || (row[0] === "2" && /\d/.test(row[1] ?? "")))).toBe(false);
  });
});

describe("a reference level that cannot be one of the column's values", () => {
  it("stays an error naming the column, the value and the levels (OPTION_UNKNOWN_LEVEL)", () => {
    let err: unknown;
    try {
      run("1.0");
    } catch (e) {
      err = e;
    }
    expect(isSurvinferError(err)).toBe(true);
    expect((err as { code: string }).code).toBe("OPTION_UNKNOWN_LEVEL");
    expect((err as { message: string; hint?: string }).hint).toContain('"2", "3"');
  });
});
