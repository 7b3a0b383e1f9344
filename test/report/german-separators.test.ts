/**
 * Issue 19 (referee s12 B1, B8): with a decimal comma, "," cannot also separate numbers. German tables write a median's
 * quartiles "[69,5; 145,2]" and a covariate's spline knots "38; 46,05; 56; 68"; English and Japanese keep ", ". Knots
 * print without trailing zeros ("38", not "38.0000").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

type Built = ReturnType<typeof buildReportModel>;
const table = (b: Built, id: string) => {
  const t = b.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t.table;
};

describe("number separators by language", () => {
  let r: StudyResults;
  let en: Built;
  let de: Built;
  let ja: Built;
  beforeAll(() => {
    r = exampleResults();
    en = buildReportModel(r, "en");
    de = buildReportModel(r, "de");
    ja = buildReportModel(r, "ja");
  }, 600_000);

  it("Table 1's quartiles: '[a; b]' in German, '[a, b]' in English and Japanese", () => {
    const cells = (b: Built) => table(b, "table1").rows.flat().filter((c) => /^\S+ \[.*\]$/.test(c));
    expect(cells(en).length).toBeGreaterThan(0);
    for (const c of cells(en)) expect(c).toMatch(/^\d+(\.\d+)? \[\d+(\.\d+)?, \d+(\.\d+)?\]$/);
    for (const c of cells(ja)) expect(c).toMatch(/^\d+(\.\d+)? \[\d+(\.\d+)?, \d+(\.\d+)?\]$/);
    expect(cells(de).length).toBe(cells(en).length);
    for (const c of cells(de)) expect(c).toMatch(/^\d+(,\d+)? \[\d+(,\d+)?; \d+(,\d+)?\]$/);
    // the row label names the separator it uses
    expect(table(de, "table1").rows.map((row) => row[0]).some((l) => l.endsWith("Median [Q1; Q3]"))).toBe(true);
  });

  it("spline knots without trailing zeros, ';' between them in German", () => {
    const knots = (b: Built) => table(b, "cox-linearity").rows.map((row) => row[1]);
    const knotsEn = knots(en);
    expect(knotsEn.length).toBeGreaterThan(0);
    const fromResults = r.analyses.cox?.linearity?.tests.map((t) => t.knots) ?? [];
    expect(knotsEn).toEqual(fromResults.map((ks) => ks.map((k) => String(Number(k.toFixed(4)))).join(", ")));
    for (const c of knotsEn) expect(c).not.toMatch(/\.\d*0(,|$)/);
    expect(knots(de)).toEqual(knotsEn.map((c) => c.replace(/\./g, ",").replace(/, /g, "; ")));
    expect(knots(ja)).toEqual(knotsEn);
  });
});
