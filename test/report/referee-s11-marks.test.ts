/**
 * Session 11 referee, findings A6 (MI part), A8 (MI table), A10 and A9 (CSV part): on the rendered example, the
 * warnings of the multiple-imputation and sensitivity analyses are listed in their own sections with marks on the
 * numbers they qualify; the pooled effects table of a study biased by design names schemes, not estimands, and has no
 * E-value column; every exported CSV keeps its table's title with its qualifiers. Each test fails on the report as
 * it was (warnings under "All warnings and notes", "(ATM, …)" rows, an all-"–" E-value column, CSV without title).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { reportTableToCsvRows, stripWarningMarks, toCsv } from "../../src/report/csv.js";
import { exampleResults } from "./render-study.js";
import { schemeNotEstimand } from "../../src/report/sections-effects.js";

const built = (() => {
  let b: ReturnType<typeof buildReportModel> | undefined;
  return () => (b ??= buildReportModel(exampleResults()));
})();
const section = (id: string) => {
  const s = built().model.sections.find((x) => x.id === id);
  if (s === undefined) throw new Error(`section ${id} not in the report`);
  return s;
};
const texts = (id: string): string[] => section(id).blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
/** The section's "Warnings raised by these analyses" list. */
const ownList = (id: string): string[] => section(id).blocks.flatMap((b) => (b.kind === "list" ? b.items : [])).filter((x) => x.startsWith("⚠"));
const marksOf = (text: string): string[] => ((m) => (m === null ? [] : m[1].split(",").map((k) => `⚠${k}`)))(/⚠([\d,]+)\s*$/.exec(text));

describe("referee A10: the warnings of the multiple-imputation and sensitivity analyses reach their sections", () => {
  it("lists the MI step's warnings under Missing data, not under All warnings and notes", () => {
    const rf = built().model.readFirst ?? [];
    const mi = rf.filter((e) => e.text.startsWith("missing data: "));
    // one item per message: the pooled rows not estimated for the same reason are one item naming each row (session 12)
    const refused = exampleResults().analyses.missing!.within!.hazardRatios.filter((h) => h.notEstimable !== null);
    expect(exampleResults().analyses.missing!.warnings.length).toBe(refused.length);
    expect(mi.length).toBe(new Set(refused.map((h) => h.notEstimable)).size);
    for (const e of mi) expect(e.section).toBe("missing-data");
    const own = ownList("missing-data");
    for (const e of mi) expect(own.some((x) => x.startsWith(`${e.mark} `))).toBe(true);
    // the Notes section lists results.warnings in full, but no "Read first" item points there for these any more
    expect(rf.filter((e) => e.section === "notes" && /^(missing data|sensitivity): /.test(e.text))).toEqual([]);
  });

  it("marks each pooled row not estimated with the warning its analysis raised", () => {
    const rf = built().model.readFirst ?? [];
    const t = built().tables.find((x) => x.id === "effects-mi")!.table;
    const w = exampleResults().analyses.missing!.within!;
    const refused = w.hazardRatios.filter((h) => h.notEstimable !== null);
    expect(refused.length).toBeGreaterThan(0);
    for (const h of refused) {
      const k = w.hazardRatios.indexOf(h);
      const marks = marksOf(t.rows[k][0]);
      expect(marks.length).toBe(1);
      const item = rf.find((e) => e.mark === marks[0])!;
      // the row named as the pooled table names it (biased by design: its weights or matched sample), then the reason
      expect(item.text).toContain(exampleResults().analyses.effects!.biasedByDesign === null ? h.label : schemeNotEstimand(h.label, h));
      expect(item.text).toContain(`: ${h.notEstimable}`);
    }
    // a row whose analysis raised nothing carries no mark
    const crude = w.hazardRatios.findIndex((h) => h.id === "crude");
    expect(marksOf(t.rows[crude][0])).toEqual([]);
  });

  it("lists the bias-analysis and negative-control warnings under Sensitivity, marked on their paragraphs", () => {
    const rf = built().model.readFirst ?? [];
    const s = exampleResults().analyses.sensitivity!;
    const parts = [
      ["bias analysis", s.biasAnalysis],
      ["negative control", s.negativeControl],
    ] as const;
    const own = ownList("sensitivity");
    for (const [part, result] of parts) {
      expect(result).not.toBeNull();
      const items = rf.filter((e) => e.text.startsWith(`sensitivity: ${part}: `));
      expect(items.length).toBeGreaterThan(0);
      for (const e of items) {
        expect(e.section).toBe("sensitivity");
        expect(own.some((x) => x.startsWith(`${e.mark} `))).toBe(true);
      }
      // the paragraph of that part ends with exactly these marks
      const paragraph = texts("sensitivity").find((x) => items.every((e) => marksOf(x).includes(e.mark)));
      expect(paragraph, part).toBeDefined();
      expect(marksOf(paragraph!)).toEqual(items.map((e) => e.mark));
    }
    // the Riley sample-size warning stays in the prediction section
    const riley = rf.filter((e) => e.text.startsWith("sensitivity: sample size: ") || e.text.startsWith("sample size: "));
    for (const e of riley) expect(e.section).toBe("prediction");
  });
});

describe("referee A6, A8: the pooled effects table of a study biased by design", () => {
  const table = () => built().tables.find((x) => x.id === "effects-mi")!.table;
  it("has no E-value column and no E-value footnote, only the reason (as the complete-case table)", () => {
    expect(exampleResults().analyses.effects!.biasedByDesign).toBe("immortal time");
    const t = table();
    expect(t.headers[0]).not.toContain("E-value (CI)");
    expect(t.rows.every((row) => row.length === t.headers[0].length)).toBe(true);
    const notes = t.footnotes.join(" ");
    expect(notes).toContain("No E-value for rows biased by design (immortal time)");
    expect(notes).toContain("The table therefore has no E-value column.");
    expect(notes).not.toContain("E-value of the pooled hazard ratio");
  });

  it("names the weights or the matched sample in each row, not the ATE or ATM", () => {
    const labels = table().rows.map((row) => row[0]);
    expect(labels).toContain("PS-matched Cox (matched sample, marginal HR) — biased by design (immortal time)");
    expect(labels).toContain("IPTW Cox (ATE weights, marginal HR; robust SE) — biased by design (immortal time)");
    expect(labels.join(" ")).not.toMatch(/\((ATE|ATM|ATT),/);
    // the footnotes of the rows not estimated too
    expect(table().footnotes.join(" ")).not.toMatch(/\((ATE|ATM|ATT),/);
  });
});

describe("referee A9: every exported table keeps its title and qualifiers", () => {
  it("writes each table's title (without marks) on the CSV's first line", () => {
    const tables = built().tables;
    expect(tables.length).toBeGreaterThan(20);
    for (const { id, table } of tables) {
      const csv = toCsv(reportTableToCsvRows(table));
      const first = reportTableToCsvRows(table)[0];
      expect(first, id).toEqual([stripWarningMarks(table.title)]);
      expect(csv).not.toContain("⚠");
    }
    const byId = (id: string): string => toCsv(reportTableToCsvRows(tables.find((t) => t.id === id)!.table)).split("\r\n")[0];
    for (const id of ["survival", "rmst", "survival-matched", "survival-weighted", "competing-risks"]) expect(byId(id), id).toContain("biased by design (immortal time)");
    expect(byId("survival-matched")).toContain("matching worsened balance: not confounding-adjusted");
    expect(byId("survival-weighted")).toContain("residual imbalance after weighting");
  });
});
