/**
 * Issue 19, session 12, on the rendered example (treatment after the origin: the treatment-effect table and the pooled
 * multiple-imputation rows are biased by design, the landmark rows are not): (1) the warnings about a biased row name it
 * by its weights or matched sample, as the tables do, in Read first, the sections' warning lists and summary.txt, in
 * English, German and Japanese, while results.json keeps the engine's words and says which row each warning concerns
 * (`rowWarnings`); (2) warnings that differ only in the rows they name are one item naming every row (the landmark
 * IPTW rows' residual imbalance, as the treatment-effect rows'); (3) the primary's population note (clone–censor–weight:
 * patients left out for missing covariates) is in the primary's group. Each test fails on the report as it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { reportHtml } from "../../src/report/html.js";
import { summaryText } from "../../src/cli/commands/run.js";
import type { StudyResults } from "../../src/study/run.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleResults, runExampleVariant, withoutLongTerm } from "./render-study.js";
import { marksIn, readFirstMark } from "../helpers/report-text.js";

type Built = ReturnType<typeof buildReportModel>;
let r: StudyResults;
const built = new Map<string, Built>();
const model = (lang: "en" | "de" | "ja" = "en"): Built => {
  const hit = built.get(lang) ?? buildReportModel(r, lang);
  built.set(lang, hit);
  return hit;
};
beforeAll(() => {
  r = exampleResults();
}, 600_000);

/** The texts of Read first. */
const entries = (lang: "en" | "de" | "ja" = "en"): string[] => (model(lang).model.readFirst ?? []).map((e) => e.text);
/** The "Warnings raised by these analyses" list of a section ("⚠k text"). */
const ownList = (id: string, lang: "en" | "de" | "ja" = "en"): string[] =>
  (model(lang).model.sections.find((s) => s.id === id)?.blocks ?? []).flatMap((b) => (b.kind === "list" ? b.items : [])).filter((x) => x.startsWith("⚠"));
/** Whether a section's list holds Read first's item `k` with the same text. */
const listedIn = (id: string, k: string, lang: "en" | "de" | "ja" = "en"): boolean => {
  const e = (model(lang).model.readFirst ?? []).find((x) => x.mark === `⚠${k}`)!;
  return ownList(id, lang).includes(`⚠${k} ${e.text}`);
};

describe("(1) the warnings about rows biased by design name the rows by their scheme", () => {
  it("the treatment-effect rows' own warnings, in Read first and in the section's list", () => {
    expect(r.analyses.effects!.biasedByDesign).toBe("immortal time");
    const few = readFirstMark(model().model, /^PS-matched Cox stratified on matched set \(matched sample, conditional HR\): only 5 events in informative matched sets: imprecise/);
    const residual = readFirstMark(model().model, /^IPTW Cox \(ATE weights, marginal HR; robust SE\); IPTW Cox \(ATE weights, marginal HR; M-estimation SE\): residual imbalance after weighting/);
    expect(listedIn("effects", few)).toBe(true);
    expect(listedIn("effects", residual)).toBe(true);
  });

  it("the pooled multiple-imputation rows' warnings, in Read first and under Missing data", () => {
    const matched = readFirstMark(model().model, /^missing data: PS-matched Cox adjusted for covariates \(matched sample, conditional HR\): not estimable in any of the 20 completed datasets/);
    // the three rows not estimated for the same reason: one item naming each (the crude multivariable Cox has no estimand)
    const same = readFirstMark(
      model().model,
      /^missing data: Multivariable Cox \(conditional HR\); IPTW Cox adjusted for covariates \(ATE weights, conditional HR; robust SE\); IPTW Cox adjusted for covariates \(ATE weights, conditional HR; M-estimation SE\): not estimated: 26 events for 8 parameters/,
    );
    expect(listedIn("missing-data", matched)).toBe(true);
    expect(listedIn("missing-data", same)).toBe(true);
    // each pooled row carries the mark of its item
    const t = model().tables.find((x) => x.id === "effects-mi")!.table;
    const row = (id: string): string => t.rows[r.analyses.missing!.within!.hazardRatios.findIndex((h) => h.id === id)][0];
    expect(marksIn(row("matchedAdjusted"))).toEqual([matched]);
    for (const id of ["multivariable", "weightedAdjusted", "weightedAdjustedMEstimation"]) expect(marksIn(row(id)), id).toEqual([same]);
  });

  it("no Read-first item or section list names a row by ATE or ATM unless it is a landmark row (not biased by design)", () => {
    const lists = model().model.sections.flatMap((s) => ownList(s.id));
    for (const t of [...entries(), ...lists]) if (/\((ATM|ATE),/.test(t)) expect(t, t).toContain("landmark at 6 months (PS): ");
    // the landmark rows keep their estimand
    expect(entries().some((t) => t.includes("landmark at 6 months (PS): PS-matched Cox (ATM, marginal HR): only 6 events"))).toBe(true);
  });

  it("summary.txt's notes name the pooled rows by their scheme and keep the landmark rows' estimand", () => {
    const notes = summaryText(r).split("\nNotes:\n")[1];
    expect(notes).toContain("  - missing data: PS-matched Cox adjusted for covariates (matched sample, conditional HR): not estimable in any of the 20 completed datasets");
    expect(notes).toContain("  - missing data: IPTW Cox adjusted for covariates (ATE weights, conditional HR; robust SE): not estimated: 26 events");
    expect(notes).toContain("  - missing data: IPTW Cox adjusted for covariates (ATE weights, conditional HR; M-estimation SE): not estimated: 26 events");
    expect(notes).not.toMatch(/missing data: [^\n]*\((ATM|ATE),/);
    expect(notes).toContain("  - immortal time: landmark at 6 months (PS): IPTW Cox (ATE, marginal HR; robust SE): residual imbalance after weighting");
  });

  it("in German and Japanese too (Read first, the section lists, summary.txt)", () => {
    const de = entries("de");
    expect(de.some((t) => t.startsWith("IPTW-Cox-Modell (ATE-Gewichte, marginale HR; robuster SE); IPTW-Cox-Modell (ATE-Gewichte, marginale HR; SE nach M-Schätzung): Restungleichgewicht nach Gewichtung"))).toBe(true);
    expect(de.some((t) => t.startsWith("Fehlende Daten: PS-gematchtes Cox-Modell, adjustiert für Kovariablen (gematchte Stichprobe, bedingte HR): in keinem der 20"))).toBe(true);
    expect(de.some((t) => t.startsWith("PS-gematchtes Cox-Modell, stratifiziert nach Matching-Set (gematchte Stichprobe, bedingte HR): nur 5 Ereignisse"))).toBe(true);
    const ja = entries("ja");
    expect(ja.some((t) => t.startsWith("IPTW Coxモデル（ATE重み、周辺HR；ロバストSE）; IPTW Coxモデル（ATE重み、周辺HR；M推定SE）：重み付け後の残存する不均衡"))).toBe(true);
    expect(ja.some((t) => t.startsWith("欠測データ：PSマッチングCoxモデル（共変量調整）（マッチング後の標本、条件付きHR）："))).toBe(true);
    for (const [lang, landmark] of [
      ["de", "Landmark nach 6 Monaten (PS): "],
      ["ja", "6か月時点のランドマーク（PS）："],
    ] as const) {
      const lists = model(lang).model.sections.flatMap((s) => ownList(s.id, lang));
      for (const t of [...entries(lang), ...lists]) if (/[(（](ATM|ATE)[,、]/.test(t)) expect(t, t).toContain(landmark);
      const notes = summaryText(r, lang).split("\n").filter((l) => l.startsWith("  - "));
      for (const l of notes) if (/[(（](ATM|ATE)[,、]/.test(l)) expect(l, l).toContain(landmark);
    }
    expect(summaryText(r, "de")).toContain("  - Fehlende Daten: IPTW-Cox-Modell, adjustiert für Kovariablen (ATE-Gewichte, bedingte HR; robuster SE): nicht geschätzt");
    expect(summaryText(r, "ja")).toContain("  - 欠測データ：IPTW Coxモデル（共変量調整）（ATE重み、条件付きHR；ロバストSE）：推定せず");
  });

  it("results.json keeps the engine's words and says which row each warning concerns", () => {
    const w = r.analyses.missing!.within!;
    expect(w.warnings.some((x) => x.startsWith("PS-matched Cox adjusted for covariates (ATM, conditional HR): not estimable"))).toBe(true);
    const refused = w.hazardRatios.filter((h) => h.notEstimable !== null).map((h) => h.id);
    expect(w.rowWarnings!.map((x) => x.id)).toEqual(refused);
    for (const x of w.rowWarnings!) expect(w.warnings).toContain(x.text);
    const lp = r.analyses.immortalTime!.landmarkPs!;
    expect(lp.rowWarnings!.map((x) => x.id)).toEqual(["matched", "matchedStratified", "weighted", "weightedMEstimation"]);
    for (const x of lp.rowWarnings!) expect(lp.effects.warnings).toContain(x.text);
    expect(lp.rowWarnings!.find((x) => x.id === "weighted")!.text).toMatch(/^IPTW Cox \(ATE, marginal HR; robust SE\): residual imbalance after weighting/);
  });

  it("results.json from before rowWarnings: the pooled rows are still marked (by their text), as before", () => {
    const old = JSON.parse(JSON.stringify(r)) as { analyses: { missing: { within: { rowWarnings?: unknown } }; immortalTime: { landmarkPs: { rowWarnings?: unknown } } } };
    delete old.analyses.missing.within.rowWarnings;
    delete old.analyses.immortalTime.landmarkPs.rowWarnings;
    const b = buildReportModel(old as unknown as StudyResults);
    const t = b.tables.find((x) => x.id === "effects-mi")!.table;
    const k = r.analyses.missing!.within!.hazardRatios.findIndex((h) => h.id === "matchedAdjusted");
    expect(marksIn(t.rows[k][0])).toHaveLength(1);
  });
});

describe("(1) the study-level events-per-parameter warnings of the treatment-effect rows", () => {
  it("name a biased row by its scheme in Read first and summary.txt, from results' effects.rowWarnings", () => {
    // the covariate-adjusted effect models estimated (floor 1) but below epvWarn (EPV 1.3–2.9 < 10): a study-level warning per model
    const v = runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-rf-")), "epv-floor-1", (spec) => {
      withoutLongTerm(spec);
      delete (spec as Record<string, unknown>).missing;
      spec.analyses.safeguards = { epvFloor: 1 };
    });
    const rows = v.analyses.effects!.rowWarnings!;
    expect(rows.map((x) => x.id)).toEqual(expect.arrayContaining(["multivariable", "matchedAdjusted", "weightedAdjusted", "weightedAdjustedMEstimation"]));
    for (const x of rows) expect(v.warnings).toContain(`treatment effects: ${x.text}`);
    // results.json keeps the engine's words
    expect(v.warnings.some((w) => w.startsWith("treatment effects: IPTW Cox adjusted for covariates (ATE, conditional HR; robust SE): few events per parameter"))).toBe(true);
    const b = buildReportModel(v);
    const texts = (b.model.readFirst ?? []).map((e) => e.text);
    // each row named by the grouped item carries its mark in the treatment-effect table
    const k = readFirstMark(b.model, /^treatment effects: Multivariable Cox \(conditional HR\); IPTW Cox adjusted for covariates/);
    const t = b.tables.find((x) => x.id === "effects")!.table;
    for (const id of ["multivariable", "weightedAdjusted", "weightedAdjustedMEstimation"]) {
      const e = v.analyses.effects!.estimates.find((x) => x.id === id)!;
      const row = t.rows.find((x) => x[0].startsWith(e.label.replace(/\((ATE|ATM), /, (_m, est: string) => (est === "ATE" ? "(ATE weights, " : "(matched sample, "))))!;
      expect(marksIn(row.join(" ")), id).toContain(k);
    }
    // (the models with the same message are one item naming each: "treatment effects: Multivariable Cox (…); IPTW Cox …")
    expect(texts.some((t) => t.startsWith("treatment effects: ") && t.includes("IPTW Cox adjusted for covariates (ATE weights, conditional HR; robust SE); IPTW Cox adjusted for covariates (ATE weights, conditional HR; M-estimation SE): few events per parameter: 23 events"))).toBe(true);
    expect(texts.some((t) => t.startsWith("treatment effects: PS-matched Cox adjusted for covariates (matched sample, conditional HR): few events per parameter"))).toBe(true);
    for (const t of texts) if (/\((ATM|ATE),/.test(t)) expect(t, t).toContain("landmark at 6 months (PS): ");
    const notes = summaryText(v).split("\nNotes:\n")[1];
    expect(notes).toContain("  - treatment effects: IPTW Cox adjusted for covariates (ATE weights, conditional HR; M-estimation SE): few events per parameter");
    expect(notes).not.toMatch(/treatment effects: [^\n]*\((ATM|ATE),/);
  }, 600_000);
});

describe("(2) warnings that differ only in the rows they name are one item", () => {
  it("the landmark IPTW rows' residual imbalance: one item naming both rows, marked on both", () => {
    const k = readFirstMark(model().model, /^immortal time: landmark at 6 months \(PS\): IPTW Cox \(ATE, marginal HR; robust SE\); IPTW Cox \(ATE, marginal HR; M-estimation SE\): residual imbalance after weighting: \d of 8 covariate terms imbalanced/);
    expect(entries().filter((t) => t.includes("(named under the landmark balance table)"))).toHaveLength(1);
    expect(listedIn("immortal-time", k)).toBe(true);
    const t = model().tables.find((x) => x.id === "immortal-time")!.table;
    const iptw = t.rows.filter((row) => row[0].startsWith("Landmark at 6 months, PS re-estimated, IPTW"));
    expect(iptw).toHaveLength(2);
    for (const row of iptw) expect(marksIn(row[0]), row[0]).toContain(k);
    // not on the matched rows
    for (const row of t.rows.filter((x) => x[0].startsWith("Landmark at 6 months, PS re-estimated, PS-matched"))) expect(marksIn(row[0])).not.toContain(k);
  });
});

describe("(3) the primary's population note is in the primary's group", () => {
  it("clone–censor–weight's patients left out for missing covariates: listed in full under the primary, marked on its table", () => {
    const rf = model().model.readFirst ?? [];
    const k = readFirstMark(model().model, /^immortal time: clone–censor–weight: 8 patient\(s\) left out for missing covariates/);
    const e = rf.find((x) => x.mark === `⚠${k}`)!;
    expect(e.tier).toBe("primary");
    expect(e.serious).toBe(true);
    // in the HTML box: under the primary's heading, not among the further notes' marks
    const html = reportHtml(model().model);
    const box = html.slice(html.indexOf('<section id="read-first"'), html.indexOf("</section>", html.indexOf('<section id="read-first"')));
    const primaryGroup = box.slice(box.indexOf("read-first-primary"), box.indexOf("read-first-serious"));
    expect(primaryGroup).toContain(`<li id="read-first-${k}"><strong>⚠${k}</strong> immortal time: clone–censor–weight: 8 patient(s) left out`);
    expect(box.slice(box.indexOf('<p class="note">'))).not.toContain(`>⚠${k} `);
    const ccw = model().tables.find((x) => x.id === "ccw")!.table;
    expect(marksIn(ccw.title)).toContain(k);
  });
});
