/**
 * The "Immortal time" section and the immortal-time primary sentence in German and Japanese (issue 19):
 * the journals' terms, the figures' group names and axis titles translated, and English unchanged.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import type { ReportModel } from "../../src/report/html.js";
import { withLanguage } from "../../src/i18n/language.js";
import { groupName } from "../../src/report/sections-immortal.js";
import { exampleResults } from "../report/render-study.js";

const r = exampleResults();

function sectionText(model: ReportModel, id: string): string {
  const s = model.sections.find((x) => x.id === id);
  if (s === undefined) return "";
  return s.blocks
    .flatMap((b) => (b.kind === "text" || b.kind === "note" ? [b.text] : b.kind === "table" ? [b.table.title, ...b.table.footnotes, ...b.table.rows.flat(), ...b.table.headers.flat().map((h) => (typeof h === "string" ? h : h.text))] : b.kind === "figure" ? [b.figure.title, b.figure.caption ?? ""] : []))
    .join("\n");
}

const svgTexts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe("the Immortal time section in German and Japanese", () => {
  const de = buildReportModel(r, "de");
  const ja = buildReportModel(r, "ja");

  it("de: the journals' terms (Immortal-Time-Bias, Karenzzeit (Grace Period), zeitabhängiges Cox-Modell, Landmark-Analyse, Target-Trial-Emulation)", () => {
    const t = sectionText(de.model, "immortal-time");
    for (const term of ["Immortal-Time-Bias", "Karenzzeit (Grace Period)", "Zeitabhängiges Cox-Modell", "Landmark-Analyse", "Target-Trial-Emulation durch Klonen-Zensieren-Gewichten", "Prozentpunkte"]) expect(t, term).toContain(term);
    expect(t).not.toMatch(/\bgrace period\b|\bbeyond the data\b|\bpatients at risk\b/);
  });

  it("ja: the journals' terms (イモータルタイムバイアス, 猶予期間, 時間依存性Cox回帰, ランドマーク解析, ターゲットトライアルエミュレーション)", () => {
    const t = sectionText(ja.model, "immortal-time");
    for (const term of ["イモータルタイムバイアス", "猶予期間", "時間依存性Cox回帰", "ランドマーク解析", "ターゲットトライアルエミュレーション"]) expect(t, term).toContain(term);
  });

  it("the figures' group names, annotations and the landmark axis title are translated", () => {
    const lm = de.figures.find((f) => f.id === "km-landmark");
    const sm = ja.figures.find((f) => f.id === "simon-makuch");
    const ccw = de.figures.find((f) => f.id === "ccw");
    expect(lm && sm && ccw).toBeTruthy();
    expect(svgTexts(lm!.svg)).toContain("Monate seit dem Landmark");
    expect(svgTexts(lm!.svg).some((x) => x.startsWith("Landmark-Log-Rank-Test p = 0,"))).toBe(true);
    expect(svgTexts(sm!.svg).some((x) => x.endsWith("後"))).toBe(true);
    expect(svgTexts(ccw!.svg).join(" ")).not.toMatch(/\bwithin\b|\bsecondary\b|\bpoints\b/);
  });

  it("the treatment-effect section's primary sentence names the immortal-time design in the language", () => {
    const first = (m: ReportModel): string => {
      const b = m.sections.find((s) => s.id === "effects")?.blocks[0];
      return b !== undefined && b.kind === "text" ? b.text : "";
    };
    // the example declares its primary (the default rule's wording: test/report/primary-report.test.ts, on an undeclared variant)
    expect(first(de.model)).toMatch(/^Primäranalyse \(in der Studienspezifikation festgelegt\).*im Abschnitt „Immortal Time“/);
    expect(first(de.model)).toContain("HR 1,86 (95%-KI 0,70–4,96)");
    expect(first(ja.model)).toMatch(/^主解析（研究仕様で宣言）.*（「イモータルタイム」の項）/);
  });

  it("group names: the engine's English names in sentence case in English, translated around the data's name in German and Japanese", () => {
    // sentence case, as every group name of the report's tables and legends (second referee read of session 12, B7)
    const en: Record<string, string> = {
      "no pulmonary metastasectomy within 6 months": "No pulmonary metastasectomy within 6 months",
      "Surgery within 2.5 weeks": "Surgery within 2.5 weeks",
      "no surgery (yet)": "No surgery (yet)",
      "after surgery": "After surgery",
      "no surgery by 6 months": "No surgery by 6 months",
      "surgery by 6 months": "Surgery by 6 months",
      "Group A": "Group A",
    };
    for (const [s, shown] of Object.entries(en)) expect(groupName(s)).toBe(shown);
    expect(withLanguage("de", () => groupName("Surgery within 2.5 weeks"))).toBe("Surgery innerhalb von 2,5 Wochen");
    expect(withLanguage("de", () => groupName("no surgery by 1 months"))).toBe("Keine Surgery bis 1 Monat"); // German capitalises the noun the engine lower-cased
    expect(withLanguage("ja", () => groupName("no surgery (yet)"))).toBe("surgery前（未施行）");
    expect(withLanguage("ja", () => groupName("Group A"))).toBe("Group A");
  });
});
