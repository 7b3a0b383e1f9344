/**
 * Issue 19, the referee's reading of the treatment-effect and sensitivity sections of the example report:
 * (1) the warnings of the propensity model and of the matching reach the matched and weighted rows they qualify, in
 * the table, the absolute-effect table and the forest plot (with the rows' flags); (2) the matched log-rank p of the
 * matched Kaplan–Meier figure is in the section's text with its n and flags; (3) rows biased by design name the
 * weighting scheme or the matched sample, never an estimand read as causal; (4) the E-value text leads with the
 * interval, and the effects table has no empty E-value column. Each test fails on the report as it was.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { effectRows } from "../../src/report/sections-effects.js";
import { sensitivitySection, sensitivitySummaryLines } from "../../src/report/sections-sensitivity.js";
import type { ReportBlock } from "../../src/report/html.js";
import type { ReportTable } from "../../src/report/csv.js";
import type { SensitivityStepResult } from "../../src/study/sensitivity-step.js";
import { withLanguage } from "../../src/i18n/language.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleResults, lenientBalance, runExampleVariant, withoutLongTerm } from "./render-study.js";
import { marksIn, readFirstMark } from "../helpers/report-text.js";

const built = (() => {
  const cache = new Map<string, ReturnType<typeof buildReportModel>>();
  return (lang: "en" | "de" | "ja" = "en") => {
    const hit = cache.get(lang) ?? buildReportModel(exampleResults(), lang);
    cache.set(lang, hit);
    return hit;
  };
})();
const tableOf = (id: string, lang: "en" | "de" | "ja" = "en"): ReportTable => {
  const t = built(lang).tables.find((x) => x.id === id)?.table;
  if (t === undefined) throw new Error(`table ${id} not in the report`);
  return t;
};
/** The mark number of the one "Read first" entry whose text matches. */
const markOf = (re: RegExp): string => readFirstMark(built().model, re);
const forestLabels = (): string[] => {
  const svg = built().figures.find((f) => f.id === "forest-effects")!.svg;
  return [...svg.matchAll(/<text[^>]*class="row-label"[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, "").replace(/&amp;/g, "&"));
};
const ctx = { table: (id: string, table: ReportTable): ReportBlock => ({ kind: "table", id, table }), figure: (figure: Parameters<Parameters<typeof sensitivitySection>[1]["figure"]>[0]): ReportBlock => ({ kind: "figure", figure }), timeUnit: () => undefined, byLabel: (b: string | undefined) => b };
const sectionTexts = (id: string, lang: "en" | "de" | "ja" = "en"): string[] =>
  (built(lang).model.sections.find((s) => s.id === id)?.blocks ?? []).flatMap((b: ReportBlock) => (b.kind === "text" || b.kind === "note" ? [b.text] : []));

describe("issue 19 (1): the propensity model's and the matching's warnings on the rows they qualify", () => {
  const psModel = () => [markOf(/^propensity: propensity model: .*below the floor/), markOf(/outside the other group's propensity-score range/)];
  // the landmark cohort's own propensity model (same words, another model) is not the treatment-effect rows' one
  const landmarkPs = () => markOf(/^immortal time: landmark at .*propensity model: .*below the floor/);
  const matching = () => [markOf(/fewer control units than treated units/), markOf(/^(propensity: )?29 of 40 treated units were not matched/), markOf(/^(propensity: )?greedy largest-first matching left/), markOf(/^(propensity: )?matching worsened covariate balance/)];

  it("every estimated matched row carries both, every estimated weighted row the propensity model's only (table)", () => {
    const r = exampleResults();
    const t = tableOf("effects");
    const rowOf = (label: string) => t.rows.find((row) => row[0].startsWith(label.replace(/\(ATM|\(ATE/, (m) => (m === "(ATM" ? "(matched sample" : "(ATE weights"))));
    const estimated = r.analyses.effects!.estimates.filter((e) => e.hr !== null);
    const matched = estimated.filter((e) => e.id.startsWith("matched"));
    const weighted = estimated.filter((e) => e.id.startsWith("weighted"));
    expect(matched.length).toBeGreaterThan(0);
    expect(weighted.length).toBeGreaterThan(0);
    for (const e of matched) {
      const row = rowOf(e.label);
      expect(row, e.label).toBeDefined();
      expect(marksIn(row![1]), e.label).toEqual(expect.arrayContaining([...psModel(), ...matching()]));
      expect(marksIn(row![1]), e.label).not.toContain(landmarkPs());
    }
    for (const e of weighted) {
      const marks = marksIn(rowOf(e.label)![1]);
      expect(marks, e.label).toEqual(expect.arrayContaining(psModel()));
      for (const k of matching()) expect(marks, e.label).not.toContain(k);
    }
    // the crude row (no propensity score) carries none of them
    const crude = t.rows.find((row) => row[0].startsWith("Crude Cox"))!;
    for (const k of [...psModel(), ...matching()]) expect(marksIn(crude[1])).not.toContain(k);
    // the warnings now on rows are no longer on the table's title
    for (const k of matching()) expect(marksIn(t.title)).not.toContain(k);
  });

  it("the forest plot's matched rows carry their marks and flags, as the IPTW rows do", () => {
    const labels = forestLabels();
    const matched = labels.filter((l) => /PS-matched Cox/.test(l) && !/adjusted for covariates/.test(l));
    expect(matched).toHaveLength(2);
    for (const l of matched) {
      expect(marksIn(l)).toEqual(expect.arrayContaining([...psModel(), ...matching()]));
      expect(l).toContain("matching worsened balance");
    }
    expect(matched.find((l) => /stratified/.test(l))).toContain("imprecise");
    const iptw = labels.filter((l) => /IPTW Cox \(/.test(l));
    for (const l of iptw) expect(marksIn(l)).toEqual(expect.arrayContaining(psModel()));
  });

  it("the absolute-effect rows of the matched and weighted samples carry the same marks", () => {
    const t = tableOf("effects-absolute");
    const matched = t.rows.find((row) => row[0].startsWith("PS-matched"))!;
    const weighted = t.rows.find((row) => row[0].startsWith("IPTW"))!;
    expect(marksIn(matched[0])).toEqual(expect.arrayContaining([...psModel(), ...matching()]));
    expect(marksIn(weighted[0])).toEqual(expect.arrayContaining(psModel()));
  });
});

describe("issue 19 (2): the matched log-rank p is in the treatment-effect section's text", () => {
  it("with its test, population, n, events, flags and marks, the same p as on the matched Kaplan–Meier figure", () => {
    const lr = exampleResults().analyses.effects!.matched!.logrank!;
    const text = sectionTexts("effects").find((x) => /^Log-rank test/.test(x));
    expect(text).toBeDefined();
    expect(text).toContain("PS-matched sample (11 of 40 treated patients kept; n = 22, 10 events): p = 0.75");
    expect(lr.p.toFixed(2)).toBe("0.75");
    expect(text).toContain("matching worsened balance: not confounding-adjusted");
    expect(text).toContain("biased by design (immortal time)");
    expect(marksIn(text!)).toContain(markOf(/^(propensity: )?matching worsened covariate balance/));
    expect(sectionTexts("effects", "de").some((x) => x.startsWith("Log-Rank-Test (unstratifiziert) in der PS-gematchten Stichprobe"))).toBe(true);
    expect(sectionTexts("effects", "ja").some((x) => x.startsWith("PSマッチング後の標本におけるログランク検定"))).toBe(true);
  });
});

describe("issue 19 (3): rows biased by design name their method, not a causal estimand", () => {
  it("the label and estimand cell say 'ATE weights' / 'matched sample' and 'not a causal effect here'", () => {
    const t = tableOf("effects");
    const body = t.rows.filter((row) => /Cox/.test(row[0]));
    const estimandCol = t.headers[0].indexOf("Estimand");
    for (const row of body) {
      expect(row[0]).not.toMatch(/\((ATE|ATM|ATT),/);
      expect(row[estimandCol]).not.toMatch(/^(ATE|ATM|ATT)[;:]/);
    }
    expect(body.filter((row) => /^IPTW Cox.*\(ATE weights, /.test(row[0]))).toHaveLength(4);
    expect(body.filter((row) => /^PS-matched Cox.*\(matched sample, /.test(row[0]))).toHaveLength(3);
    expect(body.find((row) => row[0].startsWith("IPTW Cox (ATE weights, marginal HR; robust SE)"))![estimandCol]).toBe("ATE weights; marginal HR; not a causal effect here (immortal time)");
    expect(body.find((row) => row[0].startsWith("PS-matched Cox (matched sample, marginal HR)"))![estimandCol]).toBe("matched sample: 11 of 40 treated patients kept; marginal HR; not a causal effect here (immortal time)");
    // the crude and multivariable rows name no estimand and are unchanged
    expect(body.find((row) => row[0].startsWith("Crude Cox"))![estimandCol]).toBe("none (unadjusted association)");
    expect(forestLabels().some((l) => /\((ATE|ATM),/.test(l))).toBe(false);
  });

  it("in German and Japanese too", () => {
    const de = tableOf("effects", "de");
    expect(de.rows.some((row) => /^IPTW-Cox-Modell \(ATE-Gewichte, marginale HR; robuster SE\)/.test(row[0]) && row.includes("ATE-Gewichte; marginale HR; hier kein kausaler Effekt (Immortal-Time-Bias)"))).toBe(true);
    expect(de.rows.some((row) => /\((ATE|ATM),/.test(row[0]))).toBe(false);
    const ja = tableOf("effects", "ja");
    expect(ja.rows.some((row) => /^IPTW Coxモデル（ATE重み、周辺HR；ロバストSE）/.test(row[0]) && row.some((c) => c.endsWith("ここでは因果効果ではない（イモータルタイム）")))).toBe(true);
    expect(ja.rows.some((row) => /（(ATE|ATM)、/.test(row[0]))).toBe(false);
  });

  it("the negative control is not estimated on a comparison biased by design: it names the primary's design it was run by (referee s12 A1)", () => {
    const r = exampleResults();
    const s = r.analyses.sensitivity!;
    expect(s.negativeControl?.estimateId).toBe("cloneCensorWeight");
    const nc = withLanguage("en", () => sensitivitySection(s, ctx, "months", r.analyses.effects)).blocks.find((b) => b.kind === "table" && b.id === "sensitivity-negative-control");
    const table = nc?.kind === "table" ? nc.table : undefined;
    expect(table?.rows[0][0]).toBe("Clone–censor–weight, target-trial emulation (grace period 6 months)");
    expect(table?.footnotes?.join(" ")).toContain(": the same analysis as the primary");
    expect(table?.footnotes?.join(" ")).not.toContain("IPTW");
    expect(withLanguage("en", () => sensitivitySummaryLines(s, r.analyses.effects)).join("\n")).toContain("negative control, other causes (n = 56, 3 events; Clone–censor–weight, target-trial emulation (grace period 6 months))");
  });

  it("a study without a design bias keeps its estimands (ATE, ATM)", () => {
    const r = exampleResults();
    const rows = withLanguage("en", () => effectRows({ ...r.analyses.effects!, biasedByDesign: null }));
    expect(rows.find((x) => x.analysis === "IPTW Cox (ATE, marginal HR; robust SE)")?.estimand).toBe("ATE; marginal HR");
    expect(rows.find((x) => x.analysis === "PS-matched Cox (ATM, marginal HR)")?.estimand).toBe("ATM: 11 of 40 treated patients kept; marginal HR");
  });
});

describe("issue 19 (4): E-values", () => {
  it("the effects table has no E-value column when no row has an E-value, and says why", () => {
    const t = tableOf("effects");
    expect(t.headers[0].some((h) => /E-value/.test(typeof h === "string" ? h : h.text))).toBe(false);
    expect(t.headers[0].length).toBe(t.rows[1].length);
    expect(t.footnotes?.some((f) => /^No E-value for rows biased by design \(immortal time\).*no E-value column\.$/.test(f))).toBe(true);
  });

  const eValueSentence = (s: SensitivityStepResult, lang: "en" | "de" | "ja" = "en"): string =>
    withLanguage(lang, () => {
      const b = sensitivitySection(s, ctx).blocks[0];
      return b.kind === "text" ? b.text : "";
    });

  it("for a CI that contains 1: the interval first (E-value 1, compatible with no effect), then what would move the point estimate, with its direction; never 'explain away'", () => {
    const s = exampleResults().analyses.sensitivity!;
    expect(s.eValue!.ci).toBe(1);
    const text = eValueSentence(s);
    expect(text).not.toMatch(/explain.*away/);
    expect(text).toMatch(/^E-value: the confidence interval of .*, 1\.86 \(0\.70–4\.96\), already contains 1, so the E-value of the interval is 1: the data are compatible with no effect/);
    // the primary is clone–censor–weight: a contrast of strategies, not of treated and untreated patients (third referee read A7)
    expect(s.primary?.id).toBe("cloneCensorWeight");
    expect(text).toContain("The point estimate (an apparent harm of the treatment strategy: a higher hazard under the strategy of treatment than under the strategy of no treatment) would be moved to 1 by an unmeasured confounder");
    expect(text).not.toContain("among the treated");
    expect(text).toContain("at least 2.44 each");
    expect(eValueSentence(s, "de")).toMatch(/^E-Wert: Das Konfidenzintervall für .* enthält bereits die 1; der E-Wert des Intervalls ist daher 1/);
    expect(eValueSentence(s, "de")).not.toMatch(/zu erklären/);
    expect(eValueSentence(s, "ja")).toMatch(/の信頼区間はすでに1を含むため、区間のE値は1である/);
    expect(eValueSentence(s, "ja")).not.toMatch(/説明し尽くす/);
  });

  it("for a CI that excludes 1: what would explain away the apparent effect (its direction), then the interval's E-value", () => {
    const s = exampleResults().analyses.sensitivity!;
    const benefit: SensitivityStepResult = { ...s, primary: { ...s.primary!, hr: 0.5, lower: 0.3, upper: 0.8 }, eValue: { ...s.eValue!, point: 3.41, ci: 1.81 } };
    const text = eValueSentence(benefit);
    // the example's primary is a contrast of strategies (clone–censor–weight)
    expect(text).toMatch(/^E-value: to explain away .*, 0\.50 \(0\.30–0\.80\) \(an apparent benefit of the treatment strategy: a lower hazard under the strategy of treatment than under the strategy of no treatment\)/);
    // a treatment-effect row as primary keeps the wording of treated and untreated patients
    const row: SensitivityStepResult = { ...benefit, primary: { ...benefit.primary!, id: "weighted" } };
    expect(eValueSentence(row)).toContain("(an apparent benefit of treatment: a lower hazard among the treated)");
    expect(text).toContain("risk ratios of 1.81 each would do (the E-value of the interval)");
  });
});

describe("a study without immortal time (no treatment date): estimands, E-values and the primary's marks", () => {
  const r = runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-effects-marks-")), "no-date", (spec) => {
    withoutLongTerm(spec);
    delete spec.analyses.immortalTime;
    delete spec.analyses.sensitivity;
    delete (spec as Record<string, unknown>).missing;
    delete (spec.treatment as Record<string, unknown>).date;
    lenientBalance(spec);
  });
  const b = buildReportModel(r);
  const t = b.tables.find((x) => x.id === "effects")!.table;

  it("keeps the estimands, fills the E-value column where defined, and marks the primary's headline like its row", () => {
    expect(r.analyses.effects!.biasedByDesign).toBeNull();
    const header = t.headers[0].map((h) => (typeof h === "string" ? h : h.text));
    const ev = header.indexOf("E-value (CI limit)");
    expect(ev).toBeGreaterThan(0);
    const iptw = t.rows.find((row) => row[0].startsWith("IPTW Cox (ATE, marginal HR; M-estimation SE)"))!;
    expect(iptw[header.indexOf("Estimand")]).toBe("ATE; marginal HR");
    expect(iptw[ev]).toMatch(/^\d+\.\d{2} \((\d+\.\d{2}|1\.00)\)$/);
    // the primary (default rule: the IPTW M-estimation row) carries its propensity model's marks in its headline too
    const headline = b.model.sections.find((s) => s.id === "effects")!.blocks[0];
    const rowMarks = marksIn(iptw[1]);
    expect(rowMarks.length).toBeGreaterThan(0);
    expect(headline.kind === "text" ? marksIn(headline.text) : []).toEqual(rowMarks);
  });
});
