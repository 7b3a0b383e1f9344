/**
 * The journal referee's points on the descriptive part of the example report (patient flow, Table 1, survival,
 * prognostic factors, multiple imputation, the Word document). Each test states one point and failed on the report
 * as it was: the KM annotation in German and Japanese (1), the axis titles with the origin (5), sparse factor levels
 * in the Cox table (4), the fraction of missing information of a model that imputes nothing (3), and the Word
 * document's "Read first" in the three severity tiers of report.html (6).
 */
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { reportToDocx } from "../../src/report/docx.js";
import { SPARSE_LEVEL_EVENTS, SPARSE_LEVEL_PATIENTS, SPARSE_MARK, coxTable, sparseLevel } from "../../src/report/tables.js";
import { termLevelCounts, type CoxStepResult } from "../../src/study/cox-step.js";
import { readTableFile } from "../../src/data/read-file.js";
import { coxph } from "../../src/survival/coxph.js";
import type { Table } from "../../src/data/table.js";
import { withLanguage } from "../../src/i18n/language.js";
import { messagesFor } from "../../src/i18n/messages.js";
import type { StudyResults } from "../../src/study/run.js";
import { fixtureRoot } from "../helpers/fixtures.js";
import { exampleResults } from "./render-study.js";
import { findAll, hasClass, parseXml } from "./plots/xml.js";

const LANGS = ["en", "de", "ja"] as const;
const models = new Map<string, ReturnType<typeof buildReportModel>>();
const built = (lang: (typeof LANGS)[number]): ReturnType<typeof buildReportModel> => {
  let m = models.get(lang);
  if (m === undefined) {
    m = buildReportModel(exampleResults(), lang);
    models.set(lang, m);
  }
  return m;
};
const figureOf = (lang: (typeof LANGS)[number], id: string) => {
  const f = built(lang).figures.find((x) => x.id === id);
  if (f === undefined) throw new Error(`figure ${id} not in the ${lang} report`);
  return f;
};
const annotationLines = (svg: string): string[] => findAll(parseXml(svg), (e) => hasClass(e, "annotation")).flatMap((a) => findAll(a, (e) => e.name === "text").map((t) => t.text));
const axisTitles = (svg: string): string[] => findAll(parseXml(svg), (e) => hasClass(e, "axis-title")).map((e) => e.text);

describe("referee (1): the Kaplan–Meier annotation says what each number is, in every language", () => {
  for (const lang of LANGS) {
    it(`${lang}: the log-rank line carries "n = 64" (unadjusted) and the HR line says it is the log-rank O/E ratio`, () => {
      const lines = annotationLines(figureOf(lang, "km").svg).join(" ");
      // the example's crude Cox HR is of 56 patients, so the figure of 64 shows the log-rank HR (O/E) of its own patients
      expect(lines).toContain("O/E");
      expect((lines.match(/n = 64/g) ?? []).length).toBe(2);
      const m = messagesFor(lang).report;
      expect(lines).toContain(withLanguage(lang, () => m.logrankAnnotation("p", "64")).replace(/^.*p/, ""));
    });
  }
});

describe("referee (5): time axes name the origin of the endpoint", () => {
  const expected = { en: "Months since diagnosis of lung metastases", de: "Monate seit „diagnosis of lung metastases“", ja: "diagnosis of lung metastases からの期間（か月）" } as const;
  for (const lang of LANGS) {
    it(`${lang}: the Kaplan–Meier figure's x axis reads "${expected[lang]}"`, () => {
      expect(axisTitles(figureOf(lang, "km").svg)).toContain(expected[lang]);
    });
  }

  it("the proportional-hazards check of the multivariable model keeps the scale after the origin", () => {
    const lung = readTableFile(join(fixtureRoot, "..", "data", "lung.csv")).table;
    const fit = coxph(lung, "Surv(time, status) ~ age + sex + ph.karno", { zph: "km" });
    const cox: CoxStepResult = { endpoint: "os", univariable: [], multivariable: { covariates: ["age", "sex", "ph.karno"], labels: {}, termLabels: {}, result: fit }, warnings: [] };
    const base = exampleResults();
    const r: StudyResults = { ...base, analyses: { ...base.analyses, cox } };
    const zph = buildReportModel(r).figures.find((f) => f.id.startsWith("zph-"));
    expect(zph).toBeDefined();
    expect(axisTitles(zph!.svg)).toContain("Months since diagnosis of lung metastases, Kaplan–Meier scale");
  });
});

describe("referee (4): a factor level with few patients or events is flagged in the Cox table", () => {
  it(`sparse means fewer than ${SPARSE_LEVEL_PATIENTS} patients or fewer than ${SPARSE_LEVEL_EVENTS} events`, () => {
    expect(sparseLevel({ n: 9, events: 5 })).toBe(true);
    expect(sparseLevel({ n: 40, events: 2 })).toBe(true);
    expect(sparseLevel({ n: 10, events: 3 })).toBe(false);
  });

  it("termLevelCounts counts patients and events per level among the model's complete cases, reference first", () => {
    const t: Table = {
      nRows: 8,
      source: { file: "test" },
      rowNumbers: Int32Array.from({ length: 8 }, (_, i) => i + 2),
      columns: [
        { name: ".time", kind: "numeric", values: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
        { name: ".status", kind: "numeric", values: Float64Array.of(1, 0, 1, 1, 0, 1, 1, NaN) },
        { name: "g", kind: "categorical", levels: ["a", "b", "c"], codes: Int32Array.of(0, 1, 1, 2, 2, 2, 0, 2) },
        { name: "x", kind: "numeric", values: Float64Array.of(0.5, 1.5, 2, 3, 1, 2, 5, 1) },
      ],
    };
    const counts = termLevelCounts(t, "Surv(.time, .status) ~ g + x", {});
    // the 8th row has no status: out of the model
    expect(counts[0]).toEqual({ reference: { n: 2, events: 2 }, columns: [{ n: 2, events: 1 }, { n: 3, events: 2 }] });
    expect(counts[1]).toBeNull(); // a continuous covariate has no levels
  });

  it("the example: FNCLCC grade 1, the reference, has 3 patients and no event: its row is flagged and the note says why", () => {
    const r = exampleResults();
    const t = coxTable(r.analyses.cox!, { levelsOf: (v) => (v === "grade" ? ["1", "2", "3"] : undefined) });
    const gradeAt = t.rows.findIndex((row) => row[0] === "FNCLCC grade");
    expect(t.rows[gradeAt + 1]).toEqual(["1", `1 (reference)${SPARSE_MARK}`, "", "", "", "", ""]);
    // the levels with enough patients and events carry no flag
    expect(t.rows.filter((row) => row.some((c) => c.includes(SPARSE_MARK)))).toHaveLength(1);
    const note = t.footnotes.find((f) => f.startsWith(SPARSE_MARK));
    expect(note).toContain("FNCLCC grade 1: 3 patients, 0 events");
    expect(note).toMatch(/fewer than 10 patients or fewer than 3 events/);
    expect(note).toMatch(/unstable/);
    // in the report too, in every language
    for (const lang of LANGS) {
      const cox = built(lang).model.sections.find((s) => s.id === "cox")!;
      const tb = cox.blocks.find((b) => b.kind === "table");
      expect(tb?.kind === "table" && tb.table.footnotes.some((f) => f.startsWith(SPARSE_MARK) && f.includes("3"))).toBe(true);
    }
  });
});

describe("referee (3): multiple imputation — a model that imputes nothing shows mice's fraction of missing information", () => {
  it("the crude Cox row shows the FMI of results.json (2/(ν + 3), as mice::pool with B = 0) and the footnote explains the t quantile", () => {
    const r = exampleResults();
    const crude = r.analyses.missing!.within!.hazardRatios.find((h) => h.id === "crude")!;
    expect(crude.pooled!.b).toBeLessThan(1e-20 * crude.pooled!.ubar); // B = 0 up to rounding
    // mice::pool: fmi = (riv + 2/(df + 3))/(riv + 1), riv = 0 here (checked against mice 3.15.0)
    expect(crude.pooled!.fmi).toBeCloseTo(2 / (crude.pooled!.df + 3), 12);
    const section = built("en").model.sections.find((s) => s.id === "missing-data")!;
    const within = section.blocks.find((b) => b.kind === "table" && b.table.title.startsWith("Treatment effect by multiple imputation"));
    if (within?.kind !== "table") throw new Error("no within table");
    const row = within.table.rows.find((x) => x[0].startsWith("Crude Cox"))!;
    expect(row[3]).toBe(crude.pooled!.fmi.toFixed(2));
    const note = within.table.footnotes.find((f) => f.includes("2/(ν + 3)"));
    expect(note).toMatch(/Crude Cox \(unadjusted HR\) \(complete-data df 25, ν = [\d.]+, FMI 0\.08\)/);
    expect(note).toMatch(/t quantile/);
  });
});

describe("referee (6): the Word document's Read first has the three severity tiers of report.html", () => {
  for (const lang of LANGS) {
    it(`${lang}: one Heading 2 per tier present, in the order primary, serious, minor`, async () => {
      const { model } = built(lang);
      const entries = (model.readFirst ?? []).filter((e) => e.serious !== false);
      const m = messagesFor(lang).html;
      const titles = [
        ["primary", m.tierPrimary],
        ["serious", m.tierSerious],
        ["notEstimated", m.tierNotEstimated],
        ["minor", m.tierMinor],
      ].filter(([tier]) => entries.some((e) => e.tier === tier)).map(([, t]) => t);
      expect(titles.length).toBeGreaterThan(1);
      const xml = strFromU8(unzipSync(await reportToDocx(model, { language: lang }))["word/document.xml"]);
      const heading2 = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*?<w:t[^>]*>([^<]*)<\/w:t>/gs)].map((x) => x[1]);
      expect(heading2.slice(0, titles.length)).toEqual(titles);
    });
  }
});
