/**
 * Issue 19 (journal-ready output) on the example study: Table 1's options (Overall column, absolute or
 * signed SMDs), labels instead of internal names, the CSV byte-order mark.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

function withTable1(r: StudyResults, options: Record<string, unknown>): StudyResults {
  const t1 = r.spec.analyses.table1!;
  return { ...r, spec: { ...r.spec, analyses: { ...r.spec.analyses, table1: { ...t1, ...options } } } } as StudyResults;
}

function table(r: StudyResults, id: string) {
  const t = buildReportModel(r).tables.find((x) => x.id === id);
  if (t === undefined) throw new Error(`no table ${id}`);
  return t.table;
}

describe("Table 1 for a journal", () => {
  const r = exampleResults();

  it("prints absolute SMDs by default (as R's tableone), signed ones with a true minus when asked", () => {
    const absolute = table(r, "table1");
    const smdHeader = absolute.headers[absolute.headers.length - 1];
    expect(smdHeader).toContain("|SMD|");
    const smdCols = smdHeader.flatMap((c, j) => (c === "|SMD|" ? [j] : []));
    const absCells = absolute.rows.flatMap((row) => smdCols.map((j) => row[j])).filter((c) => c !== "");
    expect(absCells.length).toBeGreaterThan(5);
    // two decimals; more only for an |SMD| just below 0.1 that would print "0.10" (issue 19: smdDecimals, e.g. "0.0998")
    for (const c of absCells) expect(c).toMatch(/^\d+\.\d{2}$|^0\.09\d{2,4}$/);
    expect(absCells).toContain("0.0998");

    const signed = table(withTable1(r, { smd: "signed" }), "table1");
    const headSigned = signed.headers[signed.headers.length - 1];
    expect(headSigned).not.toContain("|SMD|");
    const signedCells = signed.rows.flatMap((row) => smdCols.map((j) => row[j])).filter((c) => c !== "");
    expect(signedCells.some((c) => c.startsWith("\u2212"))).toBe(true);
    expect(signedCells.some((c) => c.startsWith("-"))).toBe(false);
    // the same magnitudes
    expect(signedCells.map((c) => c.replace("\u2212", ""))).toEqual(absCells);
  });

  it("adds an Overall column to the first panel with table1.overall", () => {
    const t = table(withTable1(r, { overall: true }), "table1");
    const head = t.headers[t.headers.length - 1] as readonly string[];
    expect(head.filter((c) => typeof c === "string" && c.startsWith("Overall (n = ")).length).toBe(1);
    expect(table(r, "table1").headers.flat().some((c) => typeof c === "string" && c.startsWith("Overall"))).toBe(false);
  });

  it("prints counts as integers in every panel (matched and weighted counts too)", () => {
    const t = table(r, "table1");
    const levelCells = t.rows.flatMap((row, i) => (t.indented?.[i] === true && row[0] !== "missing" ? row.slice(1).filter((c) => c.includes("(")) : []));
    expect(levelCells.length).toBeGreaterThan(10);
    for (const c of levelCells) expect(c).toMatch(/^\d+ \(\d+\.\d\)$/);
  });

  it("names covariates by their labels in the flow table and Table 1's notes, never by column names", () => {
    for (const id of ["flow", "table1"]) {
      const t = table(r, id);
      const text = [...t.rows.flat(), ...t.footnotes].join("\n");
      expect(text).not.toMatch(/primary_size_mm|n_lung_mets|age_primary/);
    }
  });
});

describe("CSV tables for spreadsheets", () => {
  it("start with a UTF-8 byte-order mark; output.bom: false leaves it out", async () => {
    const r = exampleResults();
    const files = await renderReport(r);
    const csvs = Object.keys(files).filter((f) => /^tables\/[^/]+\.csv$/.test(f) && !/patients|matched-sets/.test(f));
    expect(csvs.length).toBeGreaterThan(5);
    for (const f of csvs) expect((files[f] as string).startsWith("\uFEFF")).toBe(true);
    const plain = await renderReport({ ...r, spec: { ...r.spec, output: { excel: false, bom: false } } });
    expect((plain["tables/table1.csv"] as string).startsWith("\uFEFF")).toBe(false);
    const excel = await renderReport({ ...r, spec: { ...r.spec, output: { excel: true, bom: true } } });
    expect((excel["tables/table1.csv"] as string).split("\r\n")[1]).toContain(";");
  });
});

describe("figure options of the spec", () => {
  const r = exampleResults();
  const withFigures = (figures: Record<string, unknown>, labels?: Record<string, Record<string, string>>): StudyResults =>
    ({ ...r, spec: { ...r.spec, figures: { ciBands: false, minAtRisk: 5, ...figures }, ...(labels ? { labels } : {}) } }) as StudyResults;
  const fig = (res: StudyResults, id: string) => buildReportModel(res).figures.find((f) => f.id === id)!;

  it("ends the curves where fewer than 5 remain at risk by default and says so in the caption, before any warning mark", () => {
    const km = fig(r, "km");
    expect(km.caption).toContain("Curves end where fewer than 5 patients remain at risk.");
    for (const f of buildReportModel(r).figures.filter((x) => (x.caption ?? "").includes("Curves end where"))) expect(f.caption ?? "").not.toMatch(/⚠[\d,]+ Curves end/);
    expect(fig(withFigures({ minAtRisk: 0 }), "km").caption).not.toContain("Curves end where");
  });

  it("relabels the treatment's levels, titles the legend and shades CI bands on request", () => {
    const column = r.spec.treatment!.column;
    const res = withFigures({ ciBands: true, legendTitle: "Pulmonary metastasectomy" }, { [column]: { no: "No metastasectomy", yes: "Metastasectomy" } });
    const svg = fig(res, "km").svg;
    expect(svg).toContain(">No metastasectomy<");
    expect(svg).toContain(">Metastasectomy<");
    expect(svg).toContain('class="legend-title"');
    expect(svg).toContain('class="km-band"');
    expect(fig(res, "km").caption).toContain("Shaded: pointwise 95% confidence bands.");
    expect(fig(res, "km-matched").svg).toContain(">No metastasectomy<");
    expect(fig(r, "km").svg).not.toContain('class="km-band"');
  });

  it("titles the landmark figure's time axis as time since the landmark", () => {
    const lm = buildReportModel(r).figures.find((f) => f.id === "km-landmark");
    expect(lm).toBeDefined();
    expect(lm!.svg).toContain("Months since the landmark");
    expect(lm!.svg).not.toContain(">Time (months)<");
  });
});
