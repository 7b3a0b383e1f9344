/**
 * The German and Japanese example report read as a clinician writes for Dtsch Arztebl / Der Chirurg or a
 * Japanese clinical journal (issue 19, language review): the grammar fixes of the review stay fixed, one
 * term per concept, and one minus sign for the numbers of a paragraph.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import type { ReportModel } from "../../src/report/html.js";
import { blockTexts } from "../helpers/report-text.js";
import { withLanguage } from "../../src/i18n/language.js";
import { engineText } from "../../src/i18n/warnings.js";
import { summaryText } from "../../src/cli/commands/run.js";
import { exampleResults } from "../report/render-study.js";

const r = exampleResults();
const built = { de: buildReportModel(r, "de"), ja: buildReportModel(r, "ja") } as const;
const summary = { de: summaryText(r, "de"), ja: summaryText(r, "ja") } as const;


function prose(model: ReportModel): string[] {
  return [...(model.readFirst ?? []).map((e) => e.text), ...model.sections.flatMap((s) => s.blocks.flatMap(blockTexts))].filter((t) => t !== "");
}

const text = { de: prose(built.de.model), ja: prose(built.ja.model) } as const;

/** The signs in front of the numbers of a text: U+2212 or the ASCII hyphen-minus. */
function minusSigns(s: string): string[] {
  return [...s.matchAll(/(?:^|[\s(（:：=～/、\u3040-\u30ff\u4e00-\u9fff])([−-])\d/g)].map((m) => m[1]);
}

describe("German: the grammar of the review stays fixed", () => {
  it("'bis 12 Monate' (accusative), never 'bis 12 Monaten'; heavily weighted deaths are 'Todesfälle mit hohem Gewicht'", () => {
    const all = [...text.de, summary.de].join("\n");
    // "von 88,4 bis 203 Monaten" is the dative of "von … bis"; "bis" alone takes the accusative
    expect(all).not.toMatch(/(?<!von [\d,]+ )\bbis \d+(?:,\d+)? (?:Monaten|Tagen|Jahren)\b/);
    expect(all).not.toContain("schwere Todesfälle");
    // the example has one such death: the sentence is there, in its corrected form
    expect(all).toContain("Einzelne Todesfälle mit hohem Gewicht");
    expect(all).toMatch(/bis 12 Monate trägt ein Todesfall/);
  });

  it("plurals agree with their count and cases with their article", () => {
    const all = [...text.de, summary.de].join("\n");
    for (const bad of ["Ereignis(se)", "Patient(en)", "Risikogruppe(n)", "Kontrolle(n)", "bei den behandelte ", "der behandelte Patienten", "in die gesamte Studienpopulation", "mit keine Kovariable", "eine Baseline-Hazard", "die ursachenspezifische Hazard "]) expect(all, bad).not.toContain(bad);
    expect(all).toContain("in der gesamten Studienpopulation");
    expect(all).toContain("bei den behandelten Patienten (Metastasectomy)");
  });

  it("labels the engines lower-cased keep their capital (German nouns)", () => {
    const all = [...text.de, summary.de].join("\n");
    expect(all).toContain("„Keine Pulmonary metastasectomy innerhalb von 6 Monaten“");
    // the negative control now runs on the primary's clone–censor–weight design (referee s12 A1), uninformative on 3
    // deaths (second read A1): its sentence keeps the capital too
    expect(all).toContain("Nicht aussagekräftig: 3 Todesfälle durch Other causes");
    expect(all).toContain("mit Daten zu „Overall survival“");
    expect(all).not.toMatch(/mit Daten zu: /);
  });
});

describe("German: one term per concept, no English word left", () => {
  it("uses one German term where the report had two, and no English phrase of the engines", () => {
    const all = [...text.de, summary.de].join("\n");
    const avoided = [
      "Primäre Analyse", // → Primäranalyse
      "primäre Analyse",
      "Complete-Case", // → vollständige Fälle
      "Restricted Mean Survival Time", // → restriktive mittlere Überlebenszeit
      "E-Value", // → E-Wert
      "Clone–Censor–Weight", // → Klonen-Zensieren-Gewichten
      "Klonen–Zensieren–Gewichten", // a German compound takes hyphens (referee B16)
      "nicht adjustiert", // → unadjustiert, one form (B17)
      "Nicht adjustiert",
      "Die Studie vergleicht", // → Die emulierte Studie vergleicht (B19)
      "verzerrt (Immortal Time)", // → (Immortal-Time-Bias) (B20)
      "Wo beide abweichen", // → Wo beide voneinander abweichen (B21)
      "n. e.", // → n. err. (nicht erreicht), B22
      "Differenz im Überleben (und in der RMST), wären", // the estimand sentence (B25)
      "Ghosh–Lin", // legends too (B16)
      "seit diagnosis", // a spec label in running text is quoted (B24)
      "Overall survival wurde ab",
      "Subdistribution-", // → Subdistributions-
      "Zahl unter Risiko", // → Anzahl unter Risiko
      "Mischungs-Heilungsmodell", // → Mixture-Cure-Modell
      "Mischheilungsmodell", // → Mixture-Cure-Modell (the term of German-language journals)
      "Übergangsfrist", // → Karenzzeit (grace period)
      "Matching-Gruppe", // → Matching-Set (matched set)
      "gematchte Set", // → Matching-Set
      "gematchten Sets",
      "gematchtem Set",
      "C-Index nach Harrell", // → Harrells C
      "C nach Harrell",
      "scheinbar", // means "only seemingly": "apparent" (in-sample) performance is "unkorrigiert"
      "Scheinbar",
      "PWP Gesamtzeit", // → PWP-Modell (Gesamtzeit)
      "PWP Lückenzeit",
      "Kaplan–Meier", // the English en dash; German compounds take the hyphen: Kaplan-Meier-Schätzer
      "Diskriminierung", // → Diskrimination
      "Kalibrierungsplot", // → Kalibrierungsdiagramm
      "Wiederholte Ereignisse", // → Wiederkehrende Ereignisse
      "Shrinkage", // → Schrumpfung
      "Negativkontroll-Outcome", // → Negativkontroll-Endpunkt
      "gemessene Confounder", // → Störgrößen (the catalogue's term)
      "binnen", // → innerhalb von
      "Log-Normal", // → Lognormalverteilung
      "95-%-", // → 95%-
      "missing data", // → Fehlende Daten
      "Treatment effect", // → Behandlungseffekt
      "PWP total time", // → PWP-Modell (Gesamtzeit)
      "PWP gap time", // → PWP-Modell (Lückenzeit)
      "(immortal time)", // → (Immortal-Time-Bias)
      "patients read", // → Patienten eingelesen
      "(multivariable ", // → (multivariabel …)
    ];
    expect(avoided.filter((term) => all.includes(term))).toEqual([]);
    // one spelling of the percent sign: "35%", as the tables and figures print it
    expect(all.match(/\d %/g) ?? []).toEqual([]);
    for (const term of ["Primäranalyse", "restriktive mittlere Überlebenszeit", "E-Wert", "Subdistributions-HR", "Anzahl unter Risiko", "PWP-Modell (Gesamtzeit)", "Lognormalverteilung"]) expect(all, term).toContain(term);
  });

  it("a number a figure passes with a decimal point reads with the decimal comma (spline knots, bias contour)", () => {
    const all = text.de.join("\n") + built.de.figures.map((f) => f.svg).join("\n");
    expect(all).toContain("Knoten bei 38; 46,05; 56; 68");
    expect(all).toMatch(/beobachtete HR 1,86, 0,7–4,96/);
  });
});

describe("German catalogues: the terminology of docs/report.md (Terminology (de)) in every text, shown or not", () => {
  it("no German catalogue source holds an avoided form (the example report does not show every text)", () => {
    const dir = fileURLToPath(new URL("../../src/i18n/", import.meta.url));
    const files = readdirSync(dir).filter((f) => f === "de.ts" || f.endsWith("-de.ts"));
    expect(files.length).toBeGreaterThan(5);
    const avoided = ["Mischheilungsmodell", "Mischungs-Heilungsmodell", "Übergangsfrist", "Matching-Gruppe", "gematchte Set", "gematchten Set", "gematchtem Set", "C-Index nach Harrell", "C nach Harrell", "C nach Uno", "scheinbar", "Scheinbar", "PWP Gesamtzeit", "PWP Lückenzeit", "Kaplan–Meier", "Sie berücksichtigt", "Klonen–Zensieren–Gewichten", "nicht adjustiert", "Nicht adjustiert", "Ghosh–Lin", "n. e.", "Die Studie vergleicht"];
    const found = files.flatMap((f) => {
      const text = readFileSync(`${dir}${f}`, "utf8");
      return avoided.filter((term) => text.includes(term)).map((term) => `${f}: ${term}`);
    });
    expect(found).toEqual([]);
  });
});

describe("one minus sign for the numbers of a paragraph", () => {
  for (const lang of ["de", "ja"] as const) {
    it(`${lang}: the primary-analysis paragraph (summary.txt and report) writes every negative number with U+2212`, () => {
      const lead = lang === "de" ? "Primäranalyse" : "主解析";
      const summaryLine = summary[lang].split("\n").find((l) => l.trimStart().startsWith(lead) && l.includes("12"));
      const reportParagraph = text[lang].find((t) => t.startsWith(lead) && /[−-]\d/.test(t));
      expect(summaryLine).toBeDefined();
      expect(reportParagraph).toBeDefined();
      for (const p of [summaryLine!, reportParagraph!]) {
        const signs = minusSigns(p);
        expect(signs.length, p.slice(0, 120)).toBeGreaterThan(0); // the example's differences are negative
        expect(new Set(signs), p.slice(0, 200)).toEqual(new Set(["−"]));
      }
    });

    it(`${lang}: no prose of the report or of summary.txt mixes the two minus signs`, () => {
      const mixed = [...text[lang], ...summary[lang].split("\n")].filter((t) => new Set(minusSigns(t)).size > 1);
      expect(mixed).toEqual([]);
      expect(text[lang].some((t) => minusSigns(t).includes("−"))).toBe(true);
    });
  }

  it("an engine text printed with toFixed ('-0.020') gets the true minus in every language, English otherwise as the engine wrote it", () => {
    const warning =
      "greedy largest-first matching left a within-pair imbalance in the logit propensity score: treated minus control 0.105 SD on average, against -0.020 SD in a seeded random order (9 treated matched); the matched effect may carry it (a biased HR with under-covering CI): prefer order \"random\", a tighter caliper, or full matching";
    const de = withLanguage("de", () => engineText(warning));
    const ja = withLanguage("ja", () => engineText(warning));
    // English: the engine's words, with a true minus (referee B6, session 12: "bias -0.14" beside "−0.14" elsewhere)
    expect(withLanguage("en", () => engineText(warning))).toBe(warning.replace("-0.020", "\u22120.020"));
    expect(de).toContain("−0,020 SD");
    expect(de).not.toMatch(/-\d/);
    expect(ja).not.toMatch(/-\d/);
    expect(ja).toContain("−0.020");
  });
});

describe("Japanese: one term per concept", () => {
  it("uses the journals' term for each concept, and one width of brackets inside an effect label", () => {
    const all = [...text.ja, summary.ja].join("\n");
    const avoided = ["immortal time", "Immortal time", "感度分析", "反復イベント", "リスク集団", "ターゲット・トライアル・エミュレーション", "計画書", "missing data", "単純比較", "較正スロープ", "キャリブレーション", "complete case", "観察期間中央値", "人中", "patients read", "PWP total time", "(ATM, ", "(ATE, ", "マッチしたセット", "マッチングセット", "Harrell の C", "HarrellのC "];
    expect(avoided.filter((term) => all.includes(term))).toEqual([]);
    for (const term of ["イモータルタイム", "感度解析", "再発イベント", "リスク集合", "ターゲットトライアルエミュレーション", "研究仕様", "欠測データ", "追跡期間中央値", "カプラン・マイヤー法", "PWP総時間", "（ATM、条件付きHR）"]) expect(all, term).toContain(term);
  });

  it("joins the items of a Japanese sentence with full-width punctuation", () => {
    const lines = summary.ja.split("\n");
    const km = lines.find((l) => l.includes("生存率 12 か月時点"));
    expect(km).toBeDefined();
    expect(km).not.toContain("; ");
    const latency = lines.find((l) => l.includes("潜時分布がデータから決まらない"));
    expect(latency).toContain("対数正規（AIC +0.0）、対数ロジスティック（AIC +0.4）");
  });
});

describe("German: the terms of the session-11 referee reading (B16–B25)", () => {
  const all = (): string => [...text.de, summary.de].join("\n");
  const svg = (id: string): string => built.de.figures.find((f) => f.id === id)?.svg ?? "";

  it("clone–censor–weight is a hyphenated compound, the emulated trial is 'die emulierte Studie', the estimand reads as a contrast of two strategies", () => {
    expect(all()).toContain("Target-Trial-Emulation durch Klonen-Zensieren-Gewichten");
    expect(all()).toContain("Die emulierte Studie vergleicht „Pulmonary metastasectomy innerhalb von 6 Monaten“");
    expect(all()).toContain("Differenz im Überleben (und in der RMST) zwischen einer Behandlung aller Patienten innerhalb von 6 Monaten und keiner Behandlung innerhalb von 6 Monaten");
  });

  it("one form for unadjusted, 'n. err.' for not reached, 'vs.' in contrasts, '(Immortal-Time-Bias)' in summary.txt's naive line", () => {
    expect(all()).toContain("unadjustiert");
    expect(all()).toContain("n. err., nicht erreicht");
    const cells = built.de.model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? b.table.rows.flat().map(String) : [])));
    expect(cells).toContain("Differenz (Metastasectomy vs. No metastasectomy)");
    expect(summary.de).toContain("naiv (durch das Design verzerrt (Immortal-Time-Bias), Behandlung zum Ausgangszeitpunkt festgelegt");
  });

  it("'Karenzzeit (Grace Period)' is glossed at its first use in the Immortal-time section, the line naming the primary analysis", () => {
    const section = built.de.model.sections.find((s) => s.id === "immortal-time");
    expect(section).toBeDefined();
    const texts = section!.blocks.flatMap(blockTexts).filter((t) => t.includes("Karenzzeit"));
    expect(texts[0]).toMatch(/^Primäranalyse der Studie: .*\(Karenzzeit \(Grace Period\) 6 Monate\)/);
    expect(texts.filter((t) => t.includes("Grace Period"))).toHaveLength(1);
  });

  it("figure legends write Kaplan-Meier and Ghosh-Lin with the hyphen", () => {
    expect(svg("cure-fit")).toContain(">Kaplan-Meier<");
    expect(svg("mcf")).toContain(">Ghosh-Lin<");
    for (const f of built.de.figures) expect(f.svg, f.id).not.toMatch(/Kaplan–Meier|Ghosh–Lin|Klonen–/);
  });

  it("an English spec label inside a German sentence is quoted (the time axis, the methods' endpoint sentence, the immortal-time intro)", () => {
    expect(svg("km")).toContain("Monate seit „diagnosis of lung metastases“");
    expect(all()).toContain("Der Endpunkt „Overall survival“ wurde ab „diagnosis of lung metastases“");
    expect(all()).toContain("nach dem Ausgangszeitpunkt von „Overall survival“");
    expect(all()).toContain("Da die Behandlung („Pulmonary metastasectomy“) nach dem Ausgangszeitpunkt von „Overall survival“ stattfand");
    expect(all()).toContain("endete mit dem Ereignis des Endpunkts „Overall survival“ oder der Zensierung");
    // the pronoun of the unused endpoint's sentence ("Seine Ereignisse") has its noun
    expect(all()).toContain("Der Endpunkt „Progression-free survival“ (pfs) wurde in der Studienspezifikation definiert, aber von keiner Analyse verwendet: Seine Ereignisse");
  });
});

describe("labels, not column names, in reader-facing text (referee B1)", () => {
  const en = buildReportModel(r, "en");
  const all = [...prose(en.model), summaryText(r, "en")].join("\n");

  it("the treatment, the endpoint, the causes of death and the recurrent events are named by their labels", () => {
    expect(all).toContain("Treatment (Pulmonary metastasectomy) happened after the origin of Overall survival");
    expect(all).toContain("each competing cause (Sarcoma, Other causes) of the event of Overall survival");
    expect(all).toContain("Time 0 is the index operation (Pulmonary metastasectomy)");
    expect(all).toContain("Events: every recorded date of Pulmonary metastasectomy after the first (the index operation, not counted).");
    for (const raw of ["Treatment (metastasectomy)", "cause of os", "column cause_of_death", "index operation (date_pm)", "From columns date_pm"]) expect(all, raw).not.toContain(raw);
  });
});
