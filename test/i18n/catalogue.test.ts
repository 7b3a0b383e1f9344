/**
 * The message catalogues (src/i18n): German and Japanese have every key of the English one (the compiler
 * checks that too: `const de: Messages`), no text is empty, no English is left in them except the terms
 * listed below, which the journals of that language use as they are; and the number formats follow the
 * language in force (decimal comma in German), restored after the call.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { de } from "../../src/i18n/de.js";
import { ja } from "../../src/i18n/ja.js";
import { currentLanguage, localizeDecimal, withLanguage } from "../../src/i18n/language.js";
import { formatFixed, formatPValue, formatTime, pPhrase, withInterval } from "../../src/report/number-format.js";
import { formatRatio, tickFormatter } from "../../src/report/plots/format.js";

type Leaf = string | ((...args: never[]) => string);

/** Every text of a catalogue by its dotted key; a sentence function called with sample arguments. */
function leaves(cat: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cat) as [string, Leaf | object][]) {
    const key = prefix === "" ? k : `${prefix}.${k}`;
    if (typeof v === "string") out.set(key, v);
    else if (typeof v === "function") {
      // sample arguments: numbers where a count is expected, a marker string otherwise (the texts must differ by language)
      const args = Array.from({ length: v.length }, (_, i) => (key.endsWith("furtherNotes") ? 3 : `X${i}`));
      out.set(key, (v as (...a: unknown[]) => string)(...args));
    } else for (const [k2, v2] of leaves(v, key)) out.set(k2, v2);
  }
  return out;
}

/** Keys whose German text is the English one on purpose (same term in German journals, or only symbols). */
const SAME_IN_DE = new Set([
  "immortal.ccwBalanceItem", // "<term label> (<statistics>)": a data label and statistics translated elsewhere
  "immortal.ccwBalanceSmd", // "SMD 0.10": the abbreviation and a number
  "immortal.commaSep", // ", " between a flag and its warning mark, a term's statistics (Japanese uses "、")
  "app.listSeparator", // "; " between items of a list, as in English
  "effects.sumRow", // "  X0X1 [X2]: X3; X4": punctuation around texts translated elsewhere
  "effects.hrP", // "HR 0,62 (95%-KI 0,41–0,94), p = 0,024": the numbers carry the language
  "effects.iptwRow", // "IPTW (ATE)"
  "effects.markedNote", // "† <translated note>."
  "effects.sumTip", // "γ = 2,00: p1 = 86%"
  "effects.sumPart", // a part id the catalogue does not name, as it is
  "longTerm.ctPlateau", // "Plateau (X0)": the same word in German
  "longTerm.cmPerUnit", // a lookup by unit id: an unknown id (the sample X0) unchanged
  "longTerm.population", // "… Population: …", as the other figure captions of the German catalogue
  "unit", // the spec's unit word when it is none of days/weeks/months/years (X0 in, X0 out)
  "report.panelIptw", // "IPTW (ATE) (n = 44)"
  "report.logrankHrAnnotation", // differs only in "Log-Rank"
  "report.specAsRun",
  "table.nPercent", // ", n (%)"
  "table.term", // "Term" (German "Term" too)
  "plot.propensityScore", // "Propensity Score" (German journals use the English term)
  "plot.hrShort", // "HR 1,23 (0,39–3,89), n = 22": the same words in German
  "plot.grayShort", // "Sarcoma: Gray p = 0,65": a name and a p
  "plot.smdShort",
  "app.estimand", // "Estimand" (German statistics uses the English word)
  "table.caliper", // "Caliper" (German matching literature uses the English word)
  "plot.absoluteSmdShort",
  // the methods catalogue: separators and symbols the same in German, names (Greenwood), and lookups by an
  // id (test, estimator, weights, unit) that return an unknown id, as the sample "X0", unchanged
  "methods.listSep",
  "methods.designSep",
  "methods.sentenceEnd",
  "methods.excludedReason", // "reason: count"
  "methods.designItem", // "(a) text"
  "methods.joinSentences", // "a b"
  "methods.quantity", // "6 months"
  "methods.greenwood",
  "methods.unit",
  "methods.testLabel",
  "methods.adjustedEstimator",
  "methods.weightsKind",
  "docx.furtherNotesEnd", // "." ends the list of further notes
  "missing.variable", // "Variable" in German too
  "missing.hrText", // "HR ci, p"
  "missing.sample", // a lookup by the sample id (unknown sample "X0" back as it is)
  "descriptive.populationSubsetWords", // a lookup of the subset's words (unknown sample "X0" back as it is)
  // summary.txt line templates of punctuation only, around texts translated elsewhere ("X0 (X1)", "X0, X1 (n = X2)")
  "descriptive.summary.flowReason",
  "descriptive.flowDiagram.nIs", // "n = X0"
  "descriptive.flowDiagram.reasonCount", // "X0: X1"
  "descriptive.summary.testHeading",
  "descriptive.summary.coxTerm",
  "descriptive.summary.immortalLandmarkPsRow", // "    <translated label> (n = 53): <translated value>"
  "descriptive.summary.immortalHeading",
  "descriptive.summary.recurrentModel",
  "descriptive.summary.notRun",
  // the Immortal time section: "6 X1" of an unknown unit, "X0 (X1)", the list separator "; ", a setting after "; ",
  // and the headers German journals write as English does (Design, Population, p, Term, Landmark)
  "immortal.amount",
  "immortal.diffNoCi",
  "immortal.sep",
  "immortal.setting",
  "immortal.byDesignHeaders.0",
  "immortal.byDesignHeaders.1",
  "immortal.byDesignHeaders.4",
  "immortal.adjustedHeaders.0",
  "immortal.adjustedHeaders.2",
  "immortal.landmarksHeaders.0",
  // the propensity section: lookups by an id or a renderer's phrase (unknown "X0" back as it is), symbols
  "causal.psBiasSuffix",
  "causal.designName",
  "causal.unmatchedReason",
  "causal.weightGroup",
  "causal.iptwLabel", // "IPTW (ATE)"
  "causal.hrDetail", // "(ATE, marginale HR; …)": only the sample "X1" would differ
  "causal.weightSeparator",
  "causal.figureVariance",
  "longTerm.whySep", // "; " between the reasons a calculator is withheld
  "descriptive.summary.miCountSep", // "; " between the missing-value counts of the models
  // the app's problems: separators of the place ("file, row 7: …") and the spec issue's "path: message (hint)"
  "problems.sep",
  "problems.colon",
  "problems.spec.issue",
  "problems.spec.hint",
  "app.calcListSep", // ", " between the calculator's covariates
]);
/** Keys whose Japanese text may hold no Japanese character (symbols or abbreviations only). */
const LATIN_IN_JA = new Set([
  "immortal.ccwBalanceSmd", // "SMD 0.10": the abbreviation and a number
  "immortal.commaSep", // "、" between a flag and its warning mark, a term's statistics
  "table.quartiles", // "[69.5, 145.2]": brackets and numbers only (German uses ";")
  "descriptive.splines.knotSep", // ", " between spline knots (German uses ";")
  "plot.hrShort", // "HR 1.23 (0.39–3.89)、n = 22"
  "problems.sep", // "、" between the parts of a problem's place
  "app.calcListSep", // "、" between the calculator's covariates
  "effects.hrP", // "HR 0.62 (95%信頼区間 0.41–0.94)、p = 0.024"
  "effects.markedNote", // "† <translated note>。"
  "effects.causeInText", // the cause's label from the data, as it is
  "methods.eventNamed", // an endpoint's eventLabel from the spec, as it is
  "effects.sumPart", // a part id the catalogue does not name, as it is
  "longTerm.cmPerUnit", // a lookup by unit id: an unknown id (the sample X0) unchanged
  "unit",
  "descriptive.lowerFirst", // Japanese has no capitals: the text as it is
  "descriptive.flowDiagram.nIs", // "n = X0"
  "descriptive.populationSubsetWords", // a lookup of the subset's words (unknown sample "X0" back as it is)
  "descriptive.summary.versus", // "X0 vs X1", as Japanese journals write it
  "plot.smdShort",
  "plot.absoluteSmdShort",
  // the methods catalogue: Japanese punctuation ("、", "。" lie outside the tested kana/kanji ranges), a name
  // (Greenwood) and lookups by an id that return an unknown id, as the sample "X0", unchanged
  "methods.listSep",
  "methods.numberSep",
  "methods.sentenceEnd",
  "methods.greenwood",
  "methods.unit",
  "methods.testLabel",
  "methods.adjustedEstimator",
  "methods.weightsKind",
  "methods.joinSentences", // sentences joined without a space
  "methods.quantity", // "6か月" of the sample "X0X1"
  "docx.furtherNotesEnd", // "。"
  "missing.sample", // a lookup by the sample id (unknown sample "X0" back as it is)
  "immortal.amount", // "X0X1" ("6か月" of the sample)
  "immortal.byDesignHeaders.4", // "p"
  "immortal.adjustedHeaders.2", // "p"
  // the propensity section: lookups by an id or a renderer's phrase (unknown "X0" back as it is)
  "causal.psBiasSuffix",
  "causal.designName",
  "causal.unmatchedReason",
  "causal.weightGroup",
  "causal.figureVariance",
]);

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe("message catalogues", () => {
  const E = leaves(en);
  for (const [name, cat] of [["de", de], ["ja", ja]] as const) {
    const C = leaves(cat);
    it(`${name} has exactly the keys of the English catalogue`, () => {
      expect([...C.keys()].sort()).toEqual([...E.keys()].sort());
    });
    it(`${name} has no empty text`, () => {
      const empty = [...C].filter(([, v]) => v.trim() === "").map(([k]) => k);
      expect(empty).toEqual([]);
    });
    it(`${name} leaves no English text untranslated (except the listed terms)`, () => {
      const same = [...C].filter(([k, v]) => v === E.get(k) && !(name === "de" ? SAME_IN_DE : LATIN_IN_JA).has(k)).map(([k]) => k);
      expect(same).toEqual([]);
    });
  }
  it("ja: every text holds Japanese (except the listed abbreviations)", () => {
    const latin = [...leaves(ja)].filter(([k, v]) => !CJK.test(v) && !LATIN_IN_JA.has(k)).map(([k]) => k);
    expect(latin).toEqual([]);
  });
  it("the listed exceptions are still needed (an entry that no longer matches fails here)", () => {
    const D = leaves(de);
    for (const k of SAME_IN_DE) if (k !== "unit") expect(D.has(k), k).toBe(true);
    const J = leaves(ja);
    for (const k of LATIN_IN_JA) if (k !== "unit") expect(CJK.test(J.get(k) ?? "x"), k).toBe(false);
  });
  it("uses the journals' terms", () => {
    expect(de.table.hrCi("95%")).toBe("HR (95%-KI)");
    expect(de.table.coxAbbreviations).toContain("Hazard Ratio; KI, Konfidenzintervall");
    expect(de.section.survival).toBe("Überleben");
    expect(de.plot.kmTitle).toContain("Kaplan-Meier");
    expect(de.summary.kmStratum("a", "1", "2", "3")).toContain("mediane Überlebenszeit");
    expect(de.plot.propensityScore).toBe("Propensity Score");
    expect(de.plot.smd).toBe("Standardisierte Mittelwertdifferenz");
    expect(ja.table.hrCi("95%")).toBe("ハザード比（95%信頼区間）");
    expect(ja.table.survivalAtCi("12", "months", "95%")).toBe("12か月生存率、%（95%信頼区間）");
    expect(ja.table.medianCi("months", "95%")).toContain("生存期間中央値");
    expect(ja.plot.propensityScore).toBe("傾向スコア");
    expect(ja.plot.smd).toBe("標準化平均差");
    expect(ja.plot.kmTitle).toContain("カプラン・マイヤー");
  });
  it("German units decline after 'nach': 12 Monaten, 1 Monat", () => {
    expect(de.table.survivalAtCi("12", "months", "95%")).toBe("Überleben nach 12 Monaten, % (95%-KI)");
    expect(de.table.survivalAtCi("1", "years", "95%")).toBe("Überleben nach 1 Jahr, % (95%-KI)");
    expect(de.table.survivalAtCi("30", "visits", "95%")).toBe("Überleben nach 30 visits, % (95%-KI)");
  });
});

describe("number formats by language", () => {
  it("German writes the decimal comma; English and Japanese the point", () => {
    expect(formatFixed(-5.25, 2)).toBe("\u22125.25");
    expect(withLanguage("de", () => formatFixed(-5.25, 2))).toBe("\u22125,25");
    expect(withLanguage("ja", () => formatFixed(-5.25, 2))).toBe("\u22125.25");
    expect(withLanguage("de", () => formatPValue(0.044))).toBe("0,044");
    expect(withLanguage("de", () => formatPValue(0.0004))).toBe("< 0,001");
    expect(withLanguage("de", () => pPhrase(0.995))).toBe("p > 0,99");
    expect(withLanguage("de", () => formatRatio(0.624))).toBe("0,62");
    expect(withLanguage("de", () => formatRatio(0.0123))).toBe("0,012");
    expect(withLanguage("de", () => tickFormatter([0, 0.2, 0.4])(0.2))).toBe("0,2");
    expect(withLanguage("de", () => tickFormatter([0, 1000, 2000])(2000))).toBe("2.000");
    expect(tickFormatter([0, 1000, 2000])(2000)).toBe("2,000");
  });
  it("writes a range between negative limits with the language's word", () => {
    expect(withInterval("6.8", "\u22125.3", "18.9")).toBe("6.8 (\u22125.3 to 18.9)");
    expect(withLanguage("de", () => withInterval("6,8", "\u22125,3", "18,9"))).toBe("6,8 (\u22125,3 bis 18,9)");
    expect(withLanguage("ja", () => withInterval("6.8", "\u22125.3", "18.9"))).toBe("6.8 (\u22125.3～18.9)");
    expect(withLanguage("de", () => withInterval("0,62", "0,41", "0,93"))).toBe("0,62 (0,41–0,93)");
  });
  it("says 'not reached' in the language", () => {
    expect(formatTime(null)).toBe("not reached");
    expect(withLanguage("de", () => formatTime(null))).toBe("nicht erreicht");
    expect(withLanguage("ja", () => formatTime(null))).toBe("未到達");
  });
  it("localizes only a point between digits (ids, sentences and file names keep theirs)", () => {
    expect(withLanguage("de", () => localizeDecimal("n = 12. Median 3.5 (report.html)"))).toBe("n = 12. Median 3,5 (report.html)");
  });
  it("restores the previous language after the call, also when it throws, and refuses an async callback", () => {
    expect(() =>
      withLanguage("de", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(currentLanguage()).toBe("en");
    expect(withLanguage("de", () => withLanguage("ja", () => currentLanguage()) + currentLanguage())).toBe("jade");
    expect(() => withLanguage("de", () => Promise.resolve(1))).toThrow("synchronous");
    expect(currentLanguage()).toBe("en");
  });
});
