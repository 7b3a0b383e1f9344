/**
 * Issue 14, item 2 (the non-effects part): when treatment starts after the origin, every all-patients
 * comparison by treatment received — the KM figure and table, the log-rank line, the RMST table, the
 * treatment's row of the prognostic Cox table — and summary.txt's matching lines say "biased by design
 * (immortal time)"; without a treatment date, nothing does.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { summaryText } from "../../src/cli/commands/run.js";
import { IMMORTAL_BIAS_LABEL, buildReportModel } from "../../src/report/render.js";
import type { ReportBlock } from "../../src/report/html.js";
import type { StudyResults } from "../../src/study/run.js";
import { EXAMPLE_SPEC, ROOT, dropOrphanPrimary, exampleResults, runSpecFile, type ExampleSpec } from "./render-study.js";

type Spec = Record<string, unknown> & { data: Record<string, unknown>; treatment: Record<string, unknown>; analyses: Record<string, unknown>; covariates: unknown[] };

function variant(change: (s: Spec) => void): StudyResults {
  const s = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Spec;
  s.data.file = join(ROOT, "examples", "lms-metastasectomy", "cohort.csv");
  for (const k of ["cure", "prediction", "recurrent", "competingRisks"]) delete s.analyses[k];
  const declared = s.analyses.primary;
  change(s);
  dropOrphanPrimary(s as unknown as ExampleSpec, declared);
  const file = join(mkdtempSync(join(tmpdir(), "survinfer-immortal-")), "study.yaml");
  writeFileSync(file, stringify(s));
  return runSpecFile(file);
}

function survivalSection(r: StudyResults): { texts: string[]; titles: Record<string, string> } {
  const built = buildReportModel(r);
  const blocks: readonly ReportBlock[] = built.model.sections.find((s) => s.id === "survival")!.blocks;
  const titles: Record<string, string> = {};
  for (const b of blocks) {
    if (b.kind === "table") titles[b.id] = b.table.title;
    if (b.kind === "figure") titles[b.figure.id] = b.figure.title;
  }
  return { texts: blocks.flatMap((b) => (b.kind === "text" ? [b.text] : [])), titles };
}

describe("immortal-time labels", () => {
  it("mark the all-patients KM figure and table, the log-rank line and the RMST table of the example", () => {
    const r = exampleResults();
    expect(r.analyses.immortalTime!.medianWait).toBeGreaterThan(0);
    const { texts, titles } = survivalSection(r);
    for (const id of ["km", "survival", "rmst"]) expect(titles[id], id).toContain(IMMORTAL_BIAS_LABEL);
    expect(texts.find((t) => t.startsWith("Log-rank test"))).toContain(IMMORTAL_BIAS_LABEL);
  });

  it("mark the same lines of summary.txt", () => {
    const lines = summaryText(exampleResults()).split("\n");
    for (const start of ["Kaplan–Meier, ", "Log-rank test, ", "Restricted mean survival time up to"]) {
      expect(lines.find((l) => l.startsWith(start)), start).toContain(IMMORTAL_BIAS_LABEL);
    }
  });

  it("mark the treatment's row of the prognostic Cox table and its multivariable term in summary.txt", () => {
    const r = variant((s) => {
      delete s.analyses.propensity;
      delete s.analyses.immortalTime;
      s.covariates.push({ name: "metastasectomy", label: "Metastasectomy (as a prognostic factor)" });
      s.analyses.cox = { endpoint: "os", univariable: ["metastasectomy", "age_primary"], multivariable: ["metastasectomy", "age_primary"] };
    });
    const cox = buildReportModel(r).model.sections.find((s) => s.id === "cox")!;
    const table = cox.blocks.find((b) => b.kind === "table" && b.id === "cox") as Extract<ReportBlock, { kind: "table" }>;
    const labelled = table.table.rows.filter((row) => row[0].includes(IMMORTAL_BIAS_LABEL)).map((row) => row[0]);
    expect(labelled).toHaveLength(1);
    expect(labelled[0]).toContain("Metastasectomy (as a prognostic factor)");
    expect(table.table.rows.some((row) => row[0].startsWith("Age at diagnosis") && row[0].includes(IMMORTAL_BIAS_LABEL))).toBe(false);
    // the Cox model's treatment term (the immortal-time block's own naive line, on by default, is not this)
    const mv = summaryText(r).split("\n").filter((l) => l.includes(IMMORTAL_BIAS_LABEL) && l.includes("HR") && !l.startsWith("  naive"));
    expect(mv).toHaveLength(1);
  });

  it("are absent when the treatment has no date", () => {
    const r = variant((s) => {
      delete s.treatment.date;
      delete s.analyses.immortalTime;
      delete s.analyses.propensity;
    });
    const { texts, titles } = survivalSection(r);
    expect(Object.values(titles).join(" ")).not.toContain(IMMORTAL_BIAS_LABEL);
    expect(texts.join(" ")).not.toContain(IMMORTAL_BIAS_LABEL);
    expect(summaryText(r)).not.toContain(IMMORTAL_BIAS_LABEL);
  });
});
