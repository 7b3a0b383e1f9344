/**
 * The example study's report, tables, figures and summary.txt in German and Japanese (spec `language`,
 * `survinfer run --language`): the headings are translated, every number is the English report's number
 * (German with the decimal comma), and the English report does not change with the catalogue in between.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import { summaryText } from "../../src/cli/commands/run.js";
import type { ReportTable } from "../../src/report/csv.js";
import { exampleResults } from "../report/render-study.js";

type Lang = "en" | "de" | "ja";

function tablesOf(lang: Lang): Map<string, ReportTable> {
  return new Map(buildReportModel(exampleResults(), lang).tables.map((t) => [t.id, t.table]));
}

/** An English cell as the German report writes it: decimal comma, "bis" between negative limits, "n. err." for NR. */
function germanCell(cell: string): string {
  return cell.replace(/(\d)\.(\d)/g, "$1,$2").replace(/ to (?=[−\d])/g, " bis ").replace(/\bNR\b/g, "n. err.").replace(/^1 \(reference\)/, "1 (Referenz)").replace(/^(\S+ \[[\d,]+), /, "$1; ");
}

describe("the example report in German and Japanese", () => {
  it("headings: German and Japanese section titles, English unchanged by default", () => {
    const titles = (lang?: Lang): string[] => (lang === undefined ? buildReportModel(exampleResults()) : buildReportModel(exampleResults(), lang)).model.sections.map((s) => s.title);
    const en = titles();
    expect(titles("en")).toEqual(en);
    expect(en).toEqual(expect.arrayContaining(["Patient flow", "Baseline characteristics (Table 1)", "Survival", "Prognostic factors", "Propensity-score analyses", "Statistical methods"]));
    expect(titles("de")).toEqual(expect.arrayContaining(["Patientenfluss", "Ausgangsmerkmale (Tabelle 1)", "Überleben", "Prognosefaktoren", "Propensity-Score-Analysen", "Statistische Methoden"]));
    expect(titles("ja")).toEqual(expect.arrayContaining(["患者フロー", "患者背景（表1）", "生存率", "予後因子", "傾向スコア解析", "統計手法"]));
    expect(titles("de")).toHaveLength(en.length);
  });

  it("German tables: the English numbers with decimal commas (survival, Table 1, Cox, balance, weighting)", () => {
    const en = tablesOf("en");
    const de = tablesOf("de");
    let compared = 0;
    for (const id of ["survival", "table1", "cox", "balance", "weighting", "flow"]) {
      const e = en.get(id);
      const d = de.get(id);
      expect(e, id).toBeDefined();
      expect(d, id).toBeDefined();
      if (e === undefined || d === undefined) continue;
      expect(d.rows.length, id).toBe(e.rows.length);
      e.rows.forEach((row, i) =>
        row.forEach((cell, j) => {
          // the first column holds labels (translated), and the balance table's last one the names of the samples; the others numbers
          if (j === 0 || (id === "balance" && j === row.length - 1)) return;
          expect(d.rows[i][j], `${id} row ${i} column ${j}`).toBe(germanCell(cell));
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(100);
    // some cells did have a decimal point to turn into a comma, and no German number cell keeps one
    const cells = [...de.values()].flatMap((t) => t.rows.flatMap((r) => r.slice(1)));
    expect(cells.some((c) => /\d,\d/.test(c))).toBe(true);
    expect(["survival", "table1", "cox"].flatMap((id) => de.get(id)?.rows.flatMap((r) => r.slice(1)) ?? []).filter((c) => /\d\.\d/.test(c))).toEqual([]);
  });

  it("German and Japanese headers use the journals' terms", () => {
    const de = tablesOf("de");
    const ja = tablesOf("ja");
    const head = (t: ReportTable | undefined): string => JSON.stringify(t?.headers ?? []);
    expect(head(de.get("cox"))).toContain("HR (95%-KI)");
    expect(head(de.get("survival"))).toContain("Überleben nach 12 Monaten, % (95%-KI)");
    expect(head(de.get("table1"))).toContain("Merkmal");
    expect(head(ja.get("cox"))).toContain("ハザード比（95%信頼区間）");
    expect(head(ja.get("survival"))).toContain("12か月生存率、%（95%信頼区間）");
    expect(head(ja.get("survival"))).toContain("生存期間中央値");
  });

  it("Japanese tables keep the English numbers (decimal point)", () => {
    const en = tablesOf("en");
    const ja = tablesOf("ja");
    for (const id of ["survival", "cox"]) {
      const e = en.get(id)!;
      const j = ja.get(id)!;
      e.rows.forEach((row, i) => row.forEach((cell, k) => k > 0 && expect(j.rows[i][k], `${id} ${i},${k}`).toBe(cell.replace(/\bNR\b/g, "未到達").replace(/^1 \(reference\)/, "1（基準）"))));
    }
  });

  it("report.html: lang attribute, translated chrome, figures with translated axes and decimal commas; CJK font for Japanese", async () => {
    const r = exampleResults();
    const de = await renderReport(r, { language: "de" });
    const ja = await renderReport(r, { language: "ja" });
    const en = await renderReport(r);
    const deHtml = de["report.html"] as string;
    const jaHtml = ja["report.html"] as string;
    expect(en["report.html"]).toContain('<html lang="en">');
    expect(deHtml).toContain('<html lang="de">');
    expect(jaHtml).toContain('<html lang="ja">');
    expect(deHtml).toContain(">Zuerst lesen<");
    expect(jaHtml).toContain(">最初にお読みください<");
    const km = de["figures/km.svg"] as string;
    expect(km).toContain("Anzahl unter Risiko");
    expect(km).toContain("Überlebenswahrscheinlichkeit");
    expect(km).toMatch(/>0,2</);
    expect(km).toContain("Monate seit „diagnosis of lung metastases“"); // the x axis names the endpoint's origin (originLabel)
    const jaKm = ja["figures/km.svg"] as string;
    expect(jaKm).toContain("リスク集合の人数");
    expect(jaKm).toContain("Noto Sans CJK JP");
    expect(jaHtml).toContain('"Noto Sans CJK JP"');
    expect(en["figures/km.svg"] as string).not.toContain("Noto Sans CJK JP");
    // the same figures and tables in every language
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it("the spec's language is the default of renderReport and summaryText", async () => {
    const r = exampleResults();
    const de = { ...r, spec: { ...r.spec, language: "de" as const } };
    expect((await renderReport(de))["report.html"]).toContain('<html lang="de">');
    expect(summaryText(de)).toBe(summaryText(r, "de"));
  });

  it("summary.txt: German headings and decimal commas, Japanese headings; English unchanged", () => {
    const r = exampleResults();
    const en = summaryText(r);
    expect(summaryText(r, "en")).toBe(en);
    expect(en).toContain("events among");
    const de = summaryText(r, "de");
    expect(de).toContain("Ereignisse bei");
    expect(de).toContain("mediane Überlebenszeit");
    expect(de).toMatch(/p = 0,\d/);
    const kmEn = en.split("\n").find((l) => l.startsWith("Kaplan–Meier, "));
    expect(kmEn).toBeDefined();
    expect(de).toContain("Kaplan-Meier-Schätzer, ");
    const ja = summaryText(r, "ja");
    expect(ja).toContain("生存期間中央値");
    expect(ja).toContain("カプラン・マイヤー法");
    expect(en.split("\n")).toHaveLength(de.split("\n").length);
  });
});
