/**
 * Issue 19 (journal referee, point 4): German typesetting (Duden, DIN 5008, Dtsch Arztebl) writes a no-break space
 * (U+00A0) between a number and its % sign — "84,1 %" — while compounds keep their form ("95%-KI"). English and
 * Japanese write "84.1%". src/i18n/language.ts localizePercent, applied by localizeProse (report prose, summary.txt)
 * and by the report's number pass (table cells, figure SVG text; src/report/number-format.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { formatCalculatorPercent } from "../../src/report/html.js";
import { buildReportModel } from "../../src/report/render.js";
import { localizePercent, localizeProse, withLanguage } from "../../src/i18n/language.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

const NBSP = "\u00a0";

describe("localizePercent", () => {
  it("puts a no-break space before % in German only, and keeps compounds and % before a letter", () => {
    const s = "survival 84.1% at 5 years; 100%; 95%-KI; 95%-Konfidenzintervall; 50%ige; 12%, 3%)";
    expect(withLanguage("de", () => localizePercent(s))).toBe(`survival 84.1${NBSP}% at 5 years; 100${NBSP}%; 95%-KI; 95%-Konfidenzintervall; 50%ige; 12${NBSP}%, 3${NBSP}%)`);
    expect(withLanguage("en", () => localizePercent(s))).toBe(s);
    expect(withLanguage("ja", () => localizePercent(s))).toBe(s);
    // no number, no change; a percent sign already spaced stays as it is
    expect(withLanguage("de", () => localizePercent(`width 100${NBSP}% and % alone`))).toBe(`width 100${NBSP}% and % alone`);
  });

  it("localizeProse gives German prose its decimal comma and its spaced percent together", () => {
    expect(withLanguage("de", () => localizeProse("Überleben 84.1% (95%-KI 70.2–93.0%)"))).toBe(`Überleben 84,1${NBSP}% (95%-KI 70,2–93,0${NBSP}%)`);
  });

  it("the calculator's printed percentage follows the rule", () => {
    expect(withLanguage("de", () => formatCalculatorPercent(0.8412))).toBe(`84,1${NBSP}%`);
    expect(withLanguage("en", () => formatCalculatorPercent(0.8412))).toBe("84.1%");
  });
});

describe("the example in German", () => {
  let r: StudyResults;
  beforeAll(() => {
    r = exampleResults();
  }, 600_000);
  /** A number directly followed by % that does not open a compound ("95%-KI"). */
  const UNSPACED = /\d%(?![-\p{L}])/u;

  it("summary.txt writes every percentage with a no-break space; English and Japanese keep theirs", () => {
    const de = summaryText(r, "de");
    expect(de).toContain(`78,5${NBSP}% (61,8–99,7)`);
    expect(de.split("\n").filter((l) => UNSPACED.test(l))).toEqual([]);
    expect(de).toContain("95%-KI");
    const en = summaryText(r, "en");
    expect(en).toContain("78.5% (61.8–99.7)");
    expect(en).not.toContain(`${NBSP}%`);
    expect(summaryText(r, "ja")).not.toContain(`${NBSP}%`);
  });

  it("the report's prose, tables and figures have no unspaced percentage in German", () => {
    const built = buildReportModel(r, "de");
    const texts: string[] = [];
    for (const s of built.model.sections) for (const b of s.blocks) texts.push(JSON.stringify(b.kind === "figure" ? { ...b.figure, svg: "" } : b));
    for (const e of built.model.readFirst ?? []) texts.push(e.text);
    for (const t of built.tables) texts.push(JSON.stringify(t.table));
    const bad = texts.flatMap((t) => t.match(/.{0,30}\d%(?![-\p{L}]).{0,10}/gu) ?? []);
    expect(bad).toEqual([]);
    expect(texts.join(" ")).toContain(`${NBSP}%`);
    // the figures' text (axis ticks "0 %", "100 %"), never their attributes
    const svgText = built.figures.map((f) => f.svg.replace(/<[^>]*>/g, " ")).join(" ");
    expect(svgText).not.toMatch(UNSPACED);
    expect(svgText).toContain(`100${NBSP}%`);
    // the same figures in English keep "100%"
    const en = buildReportModel(r, "en").figures.map((f) => f.svg.replace(/<[^>]*>/g, " ")).join(" ");
    expect(en).toContain("100%");
    expect(en).not.toContain(`${NBSP}%`);
  });
});
