/**
 * tables.docx lists the tables in report.docx's order, with the same numbers (referee A2, session 11): both come
 * from the ordered report model (src/report/render.ts buildReportModel; src/report/docx.ts tablesInReportOrder), so an
 * immortal-time primary placed right after Table 1 is "Table 3" in both Word files, and a study without immortal time
 * keeps the order in which its tables are built.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import { primaryLeads } from "../../src/report/primary-headline.js";
import { exampleResults, runExampleVariant, withoutLongTerm } from "./render-study.js";
import type { StudyResults } from "../../src/study/run.js";

/** The table captions of a .docx ("Table 3. Primary analysis: …"), in document order. */
function tableCaptions(bytes: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]);
  const paragraphs = xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
  return paragraphs
    .filter((p) => p.includes('<w:pStyle w:val="Caption"/>') && p.includes("SEQ Table"))
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
}

async function captions(r: StudyResults): Promise<{ tables: string[]; report: string[] }> {
  const files = await renderReport(r);
  const tables = tableCaptions(files["tables.docx"] as Uint8Array);
  // report.docx ends with the reporting checklists (STROBE, TRIPOD), which tables.docx does not hold
  const report = tableCaptions(files["report.docx"] as Uint8Array).slice(0, tables.length);
  return { tables, report };
}

describe("tables.docx follows report.docx's order and numbers", () => {
  it("on the example, the immortal-time primary (clone–censor–weight) right after Table 1, as in report.docx", async () => {
    const r = exampleResults();
    expect(primaryLeads(r)).toBe(true);
    const { tables, report } = await captions(r);
    expect(tables.length).toBeGreaterThan(10);
    expect(tables).toEqual(report);
    const at = (re: RegExp): number => tables.findIndex((t) => re.test(t));
    const table1 = at(/^Table \d+\. Baseline characteristics/);
    const ccw = at(/^Table \d+\. Primary analysis: clone–censor–weight/);
    const crudeKm = at(/^Table \d+\. Overall survival: survival estimates/);
    expect(table1).toBeGreaterThanOrEqual(0);
    expect(ccw).toBe(table1 + 1);
    expect(crudeKm).toBeGreaterThan(ccw);
    expect(tables[ccw]).toMatch(new RegExp(`^Table ${ccw + 1}\\. `));
  }, 120_000);

  it("without immortal time, in the order the tables are built (unchanged)", async () => {
    const r = runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-tables-docx-")), "no-immortal", (s) => {
      delete s.analyses.immortalTime;
      delete (s.treatment as Record<string, unknown>).date;
      withoutLongTerm(s);
    });
    expect(primaryLeads(r)).toBe(false);
    const { tables: built } = buildReportModel(r);
    const { tables, report } = await captions(r);
    expect(tables).toEqual(report);
    // the patient-flow table comes before Table 1 without a number (referee B16, session 12); the rest as built
    expect(built[0].id).toBe("flow");
    expect(tables.map((t) => t.replace(/^Table \d+\. /, ""))).toEqual(built.slice(1).map((t) => t.table.title.replace(/^Table \d+[.:]\s*/, "")));
    expect(tables[0]).toMatch(/^Table 1\. Baseline characteristics/);
  }, 120_000);
});
