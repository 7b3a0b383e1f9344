/**
 * Issue 14 ("What to build" 4): when the primary analysis is one of the immortal-time designs (the example declares
 * clone–censor–weight), it is read first, with its curves: the report's "Immortal time" section comes right after
 * Table 1 and before Survival (HTML, DOCX: the same model), summary.txt's Immortal time block right after the
 * endpoints and the analyses not estimable, the app's panel shows the primary before the survival by treatment; the
 * crude comparisons that follow say they are crude and biased. A CCW interval whose bootstrap is not centred is
 * qualified wherever it is printed. A study without immortal time, or whose primary is in Treatment effect, keeps its order.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { VNode } from "preact";
import { describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { buildReportModel, primaryLeads } from "../../src/report/render.js";
import { reportHtml, type ReportBlock } from "../../src/report/html.js";
import { reportToDocx } from "../../src/report/docx.js";
import { withCentreFlag } from "../../src/report/interval-qualifier.js";
import { INTERVAL_UNRELIABLE, offCentreText } from "../../src/study/primary.js";
import type { StudyResults } from "../../src/study/run.js";
import { withLanguage } from "../../src/i18n/language.js";
import { msg } from "../../src/i18n/messages.js";
import { resultsSummary } from "../../web/src/engine.js";
import { ResultsView } from "../../web/src/results-view.js";
import { exampleResults, runExampleVariant, withoutLongTerm, type ExampleSpec } from "./render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-primary-first-"));
const QUALIFIER = "interval unreliable: bootstrap not centred";

/** The example without the long-term analyses and multiple imputation (faster), with `edit` applied. */
function variant(name: string, edit: (s: ExampleSpec) => void): StudyResults {
  return runExampleVariant(dir, name, (s) => {
    withoutLongTerm(s);
    delete (s as Record<string, unknown>).missing;
    edit(s);
  });
}

const ids = (r: StudyResults): string[] => buildReportModel(r).model.sections.map((s) => s.id);
const blockText = (b: ReportBlock | undefined): string => (b !== undefined && (b.kind === "text" || b.kind === "note") ? b.text : "");
const lines = (r: StudyResults): string[] => summaryText(r).split("\n");
const firstIndex = (xs: readonly string[], pred: (x: string) => boolean): number => xs.findIndex(pred);

describe("the example: the clone–censor–weight primary is read first", () => {
  const r = exampleResults();

  it("the report places Immortal time right after Table 1, before Survival and every comparison by treatment", () => {
    expect(primaryLeads(r)).toBe(true);
    const order = ids(r);
    expect(order.slice(0, 5)).toEqual(["flow", "not-estimable", "table1", "immortal-time", "survival"]);
    // the rest keeps its order
    expect(order.slice(5, 9)).toEqual(["competing-risks", "cox", "propensity", "effects"]);
  });

  it("report.html: the headings in that order, and every Read-first link to Immortal time finds its section", () => {
    const html = reportHtml(buildReportModel(r).model);
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)</g)].map((m) => m[1]);
    const t1 = h2.indexOf("Baseline characteristics (Table 1)");
    expect(t1).toBeGreaterThan(0);
    expect(h2.slice(t1 + 1, t1 + 3)).toEqual(["Immortal time", "Survival"]);
    expect(html).toContain('href="#immortal-time"');
    expect(html).toMatch(/<section[^>]* id="immortal-time"|<h2[^>]* id="immortal-time"/);
  });

  it("report.docx: the same order of Heading 1", async () => {
    const bytes = await reportToDocx(buildReportModel(r).model, { title: r.title });
    const xml = strFromU8(unzipSync(bytes)["word/document.xml"]);
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
    const t1 = headings.indexOf("Baseline characteristics (Table 1)");
    expect(t1).toBeGreaterThan(0);
    expect(headings.slice(t1 + 1, t1 + 3)).toEqual(["Immortal time", "Survival"]);
  });

  it("the Immortal time section: the primary's statement, its absolute-effects table and curves come before the crude rows", () => {
    const sec = buildReportModel(r).model.sections.find((s) => s.id === "immortal-time")!;
    const at = (pred: (b: ReportBlock) => boolean): number => sec.blocks.findIndex(pred);
    const statement = at((b) => blockText(b).startsWith("Primary analysis of the study: Clone–censor–weight"));
    const table = at((b) => b.kind === "table" && b.id === "ccw");
    const curves = at((b) => b.kind === "figure" && b.figure.id === "ccw");
    const crude = at((b) => b.kind === "table" && b.id === "immortal-time");
    expect(statement).toBeGreaterThanOrEqual(0);
    expect([statement, table, curves, crude]).toEqual([...[statement, table, curves, crude]].sort((a, b) => a - b));
    expect(crude).toBeGreaterThan(curves);
  });

  it("the Survival section that follows opens by saying its comparisons by treatment are crude and biased, in en, de and ja", () => {
    const first = (lang: "en" | "de" | "ja"): string => blockText(buildReportModel(r, lang).model.sections.find((s) => s.id === "survival")!.blocks[0]);
    expect(first("en")).toMatch(/^The comparisons by treatment in this section are crude and biased by design \(immortal time\)/);
    expect(first("en")).toContain("The primary analysis, Clone–censor–weight, target-trial emulation (grace period 6 months), handles immortal time");
    expect(first("de")).toMatch(/^Die Vergleiche nach Behandlung in diesem Abschnitt sind roh und durch das Design verzerrt \(Immortal-Time-Bias\)/);
    expect(first("ja")).toMatch(/^この項の治療別の比較は粗解析であり、デザインによるバイアスを含む/);
    for (const lang of ["de", "ja"] as const) expect(first(lang)).not.toMatch(/crude|biased|handles/);
  });

  it("summary.txt: the Immortal time block with the primary's line comes before the first Kaplan–Meier line, the primary said once", () => {
    const s = lines(r);
    const heading = firstIndex(s, (x) => x.startsWith("Immortal time: "));
    const primary = firstIndex(s, (x) => x.startsWith("  primary analysis (declared in the spec): Clone–censor–weight") && x.includes("per-protocol HR"));
    const km = firstIndex(s, (x) => x.startsWith("Kaplan–Meier"));
    const notEstimable = firstIndex(s, (x) => x.startsWith("Not estimable on these data"));
    expect(notEstimable).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(notEstimable);
    expect(primary).toBe(heading + 1);
    expect(km).toBeGreaterThan(primary);
    // its numbers once: the treatment-effect block points to them instead of repeating them
    expect(s.filter((x) => x.includes("survival difference (treated within 6 months minus not)"))).toHaveLength(1);
    expect(s).toContain("  primary analysis (declared in the spec): Clone–censor–weight, target-trial emulation (grace period 6 months): its estimates are above, under Immortal time; the rows here are sensitivity analyses");
    expect(summaryText(r)).not.toContain("Immortal time below");
  });

  it("summary.txt: the treatment-effect caveat names the primary design, not the crude time-dependent and landmark analyses", () => {
    const caveat = lines(r).find((x) => x.startsWith("  caveat: "))!;
    expect(caveat).toBe("  caveat: Treatment happened after the origin, so these comparisons by treatment received carry immortal time (patients had to survive until treatment); the primary analysis, Clone–censor–weight, target-trial emulation (grace period 6 months), handles immortal time and is shown first.");
    expect(caveat).not.toContain("see the time-dependent and landmark analyses");
  });

  it("the app shows the primary with its absolute effects before the survival by treatment, which is labelled biased", () => {
    const view = ResultsView({ results: resultsSummary(r), reportHtml: "", downloads: [], ms: 1, language: "en" }) as VNode;
    const order: string[] = [];
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === "string") texts.push(v);
      else if (v !== null && typeof v === "object" && "props" in v) {
        const props = (v as { props: Record<string, unknown> }).props;
        if (typeof props["data-testid"] === "string") order.push(props["data-testid"]);
        walk(props.children);
      }
    };
    walk(view);
    expect(order.indexOf("primary-first")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("primary-first")).toBeLessThan(order.indexOf("survival-table"));
    expect(texts.find((x) => x.startsWith("Primary analysis (declared in the spec): Clone–censor–weight, target-trial emulation (grace period 6 months): survival difference"))).toContain(`; ${QUALIFIER})`);
    expect(texts).toContain("; biased by design (immortal time)");
    // the caveat under the app's effects table names the primary too
    expect(texts.find((x) => x.startsWith("Treatment happened after the origin"))).toContain("the primary analysis, Clone–censor–weight");
  });
});

describe("a CCW interval whose bootstrap is not centred says what that means for it, wherever it is printed", () => {
  const r = exampleResults();
  const cw = r.analyses.immortalTime!.cloneCensorWeight!;
  const shown = cw.survivalDifference.filter((d) => d.estimate !== null && !d.beyondData && d.lower !== null);
  const flagged = shown.filter((d) => d.bootstrapOffCentre);
  const centred = shown.filter((d) => !d.bootstrapOffCentre);
  /** A difference in points as the report and the headline write it: "−38.5". */
  const pts = (x: number): string => `${x < 0 && Number(Math.abs(100 * x).toFixed(1)) !== 0 ? "−" : ""}${Math.abs(100 * x).toFixed(1)}`;
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  /** The short qualifier of a flagged Wald interval, with the percentile limits of results.json. */
  const shortOf = (d: (typeof shown)[number]): string => `bootstrap not centred: may be off; percentile ${pts(d.percentileLower!)} to ${pts(d.percentileUpper!)}`;

  it("the example has both (12 and 60 months flagged, 36 months centred), the survival differences Wald with their percentile limits kept, the RMST percentile", () => {
    expect(flagged.map((d) => d.time)).toEqual([12, 60]);
    expect(centred.map((d) => d.time)).toEqual([36]);
    for (const d of shown) {
      expect(d.intervalMethod).toBe("wald-larger-se");
      expect(d.percentileLower).not.toBeNull();
      expect(d.percentileLower).not.toBe(d.lower);
    }
    expect(cw.rmstDifference!.intervalMethod).toBe("percentile");
    expect(cw.hazardRatio!.bootstrap!.bootstrapOffCentre).toBe(true);
  });

  it("summary.txt: a flagged survival difference carries its bootstrap percentile interval beside the Wald one, the flagged RMST the percentile wording, the centred one none; the interval methods are named once", () => {
    const s = summaryText(r);
    for (const d of flagged) expect(s).toMatch(new RegExp(`(at |, )${d.time} months: −?[\\d.]+ points \\(${esc(pts(d.lower!))} to ${esc(pts(d.upper!))}; ${esc(shortOf(d))}\\)`));
    for (const d of centred) expect(s).toMatch(new RegExp(`, ${d.time} months: −?[\\d.]+ points \\([^;()]+\\)[,;]`));
    expect(s).toMatch(new RegExp(`RMST difference up to 60 months: −?[\\d.]+ months \\([^;()]+; ${QUALIFIER}\\)`));
    // the Wald intervals are never called "not centred" intervals
    expect(s.split(QUALIFIER)).toHaveLength(2);
    const line = lines(r).find((x) => x.includes("primary analysis (declared in the spec): Clone–censor–weight") && x.includes("per-protocol HR"))!;
    // then the design's own caveats (referee s12 A9, A2: test/study/ccw-diagnostics.test.ts)
    expect(line).toMatch(/; intervals: survival differences Wald with the larger of the bootstrap and IJ SEs, RMST bootstrap percentile, HR robust SE; residual imbalance after weighting: [^;]+; the coverage of [^;]+; with 56 patients it is unknown$/);
    expect(s.split("intervals: survival differences Wald")).toHaveLength(2);
  });

  it("the report: each flagged cell names the bias and the percentile interval; the footnotes name the SE each Wald interval used and what the HR's flag means for both of its intervals", () => {
    const built = buildReportModel(r);
    const t = built.tables.find((x) => x.id === "ccw")!.table;
    cw.options.times.forEach((time, k) => {
      const d = cw.survivalDifference[k];
      if (d.beyondData) return;
      const cell = t.rows[k][3];
      if (d.bootstrapOffCentre)
        expect(cell).toBe(`${pts(d.estimate!)} (${pts(d.lower!)} to ${pts(d.upper!)}) points; bootstrap bias ${pts(d.bootstrapBias!)} points (> ¼ SE): estimate and interval may be off; bootstrap percentile interval ${pts(d.percentileLower!)} to ${pts(d.percentileUpper!)}`);
      else expect(cell).toBe(`${pts(d.estimate!)} (${pts(d.lower!)} to ${pts(d.upper!)}) points`);
    });
    expect(t.rows[cw.options.times.length][3]).toMatch(new RegExp(`^−?[\\d.]+ \\(.+\\) months; ${QUALIFIER}$`));
    // A14: said once at the HR, for both intervals
    const hb = cw.hazardRatio!.bootstrap!;
    expect(t.footnotes[0]).toContain(`; bootstrap (${hb.lower!.toFixed(2)}–${hb.upper!.toFixed(2)}): its replicates are not centred on the estimate (bias −${Math.abs(hb.bootstrapBias!).toFixed(2)} on the log scale`);
    expect(t.footnotes[0]).toMatch(/so this percentile interval is unreliable; the robust interval does not use the bootstrap, but the bias means the hazard ratio itself may be off, so read the robust interval with the same caution\.$/);
    // the SE of each Wald interval: here the bootstrap SE was the larger at every time (results.json intervalSe = se)
    const seNote = t.footnotes.find((f) => f.startsWith("SE of each survival difference's interval"))!;
    for (const d of shown) expect(d.intervalSe).toBe(Math.max(d.se!, d.analyticSe!));
    expect(seNote).toBe(`SE of each survival difference's interval (the larger of the bootstrap SE and the infinitesimal-jackknife (IJ) SE): ${shown.map((d) => `${d.time} months: ${d.intervalSe === d.se ? "bootstrap" : "IJ"} SE ${pts(d.intervalSe!)} points`).join("; ")}.`);
    // where the IJ SE is the larger, the note says so
    const ij = { ...r, analyses: { ...r.analyses, immortalTime: { ...r.analyses.immortalTime!, cloneCensorWeight: { ...cw, survivalDifference: cw.survivalDifference.map((d, k) => (k === 0 ? { ...d, analyticSe: 2 * d.se!, intervalSe: 2 * d.se! } : d)) } } } };
    const ijNote = buildReportModel(ij).tables.find((x) => x.id === "ccw")!.table.footnotes.find((f) => f.startsWith("SE of each survival difference's interval"))!;
    expect(ijNote).toContain(`12 months: IJ SE ${pts(2 * cw.survivalDifference[0].se!)} points;`);
    const headline = blockText(built.model.sections.find((s) => s.id === "effects")!.blocks[0]);
    expect(headline).toContain(`12 months: ${pts(flagged[0].estimate!)} points (${pts(flagged[0].lower!)} to ${pts(flagged[0].upper!)}; ${shortOf(flagged[0])})`);
  });

  it("German and Japanese say it in their words", () => {
    const de = summaryText(r, "de");
    const ja = summaryText(r, "ja");
    expect(de).toContain("; Bootstrap nicht zentriert: möglicherweise verzerrt; Perzentilintervall ");
    expect(de).toContain("; Intervall unzuverlässig: Bootstrap-Verteilung nicht zentriert)");
    expect(de).toContain("; Intervalle: Überlebensdifferenzen nach Wald mit dem größeren SE aus Bootstrap und IJ, RMST Bootstrap-Perzentilintervall, Hazard Ratio robuster SE");
    expect(ja).toContain("；ブートストラップ分布が中心から外れている：ずれの可能性；パーセンタイル区間 ");
    expect(ja).toContain("；区間は信頼できない：ブートストラップ分布が中心から外れている）");
    expect(ja).toContain("区間：生存率の差はWald法（ブートストラップSEとIJ SEの大きい方）、RMSTはブートストラップ・パーセンタイル法、ハザード比はロバストSE");
    for (const s of [de, ja]) for (const en of [QUALIFIER, "may be off", "percentile", "intervals:"]) expect(s).not.toContain(en);
    const t = buildReportModel(r, "de").tables.find((x) => x.id === "ccw")!.table;
    expect(t.rows[0][3]).toMatch(/ Prozentpunkte; Bootstrap-Verzerrung [\d,]+ Prozentpunkte \(> ¼ SE\): Schätzwert und Intervall möglicherweise verzerrt; Bootstrap-Perzentilintervall −?[\d,]+ bis −?[\d,]+$/);
    expect(t.rows[cw.options.times.length][3]).toMatch(/; Intervall unzuverlässig: Bootstrap-Verteilung nicht zentriert$/);
  });

  it("the CCW figure's difference annotation carries the short form when the difference it quotes is flagged", () => {
    const svgText = (res: StudyResults): string => buildReportModel(res).figures.find((f) => f.id === "ccw")!.svg.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    // the figure quotes the latest difference within the data: qualified exactly when that one is flagged
    const last = cw.survivalDifference.map((d) => d.estimate !== null && !d.beyondData).lastIndexOf(true);
    const withFlag = (flag: boolean): StudyResults => ({
      ...r,
      analyses: { ...r.analyses, immortalTime: { ...r.analyses.immortalTime!, cloneCensorWeight: { ...cw, survivalDifference: cw.survivalDifference.map((d, k) => (k === last ? { ...d, bootstrapOffCentre: flag } : d)) } } },
    });
    const d = cw.survivalDifference[last];
    expect(svgText(withFlag(false))).not.toContain("bootstrap not centred");
    expect(svgText(withFlag(true))).toMatch(new RegExp(`bootstrap not\\s?centred: may be\\s?off;\\s?percentile\\s?${esc(pts(d.percentileLower!))} to ${esc(pts(d.percentileUpper!))}`));
    expect(svgText(r)).not.toContain("interval unreliable");
  });

  it("one qualifier function: a flagged Wald interval gets the bias and percentile limits (short or full), a percentile interval or old results the percentile wording, an interval not shown nothing", () => {
    const f = { num: (x: number) => pts(x), amount: (x: number) => `${pts(x)} points` };
    const wald = { bootstrapOffCentre: true, lower: -0.466, intervalMethod: "wald-larger-se" as const, bootstrapBias: 0.074, percentileLower: -0.385, percentileUpper: 0.346 };
    expect(withCentreFlag("−14.8 (−46.6 to 17.0) points", wald, f)).toBe("−14.8 (−46.6 to 17.0) points; bootstrap bias 7.4 points (> ¼ SE): estimate and interval may be off; bootstrap percentile interval −38.5 to 34.6");
    expect(withCentreFlag("x", wald, f, true)).toBe(`x; ${offCentreText("−38.5", "34.6")}`);
    expect(withLanguage("en", () => msg().report.intervalUnreliable("x"))).toBe(`x; ${INTERVAL_UNRELIABLE}`);
    expect(withCentreFlag("−4.9 (−15.0 to 12.4) months", { bootstrapOffCentre: true, lower: -15, intervalMethod: "percentile" }, f)).toBe(`−4.9 (−15.0 to 12.4) months; ${QUALIFIER}`);
    expect(withCentreFlag("−7.8 (−27.7 to 19.8) points", { bootstrapOffCentre: true, lower: -0.28 })).toBe(`−7.8 (−27.7 to 19.8) points; ${QUALIFIER}`);
    expect(withCentreFlag("−7.8; no bootstrap CI", { ...wald, lower: null }, f)).toBe("−7.8; no bootstrap CI");
    expect(withCentreFlag("−7.6 (−33.8 to 26.9) points", { ...wald, bootstrapOffCentre: false }, f)).toBe("−7.6 (−33.8 to 26.9) points");
    expect(withCentreFlag("1.86 (0.51–4.97)", undefined)).toBe("1.86 (0.51–4.97)");
  });
});

describe("the order does not change without an immortal-time primary", () => {
  it("no treatment date (no immortal time): Survival right after Table 1, no crude intro, Kaplan–Meier first in summary.txt", () => {
    const r = variant("no-date", (s) => {
      delete s.analyses.immortalTime;
      delete s.analyses.primary;
      delete (s.treatment as Record<string, unknown>).date;
    });
    expect(r.analyses.immortalTime).toBeUndefined();
    expect(primaryLeads(r)).toBe(false);
    const order = ids(r);
    expect(order).not.toContain("immortal-time");
    expect(order.indexOf("survival")).toBe(order.indexOf("table1") + 1);
    expect(blockText(buildReportModel(r).model.sections.find((s) => s.id === "survival")!.blocks[0])).not.toContain("crude");
    expect(summaryText(r)).not.toContain("its estimates are above");
  });

  it("immortal time present but the primary declared in Treatment effect: Immortal time stays after the propensity analyses", () => {
    const r = variant("primary-effects", (s) => {
      s.analyses.primary = "weightedMEstimation";
    });
    expect(r.primary).toMatchObject({ id: "weightedMEstimation", section: "effects" });
    expect(primaryLeads(r)).toBe(false);
    const order = ids(r);
    expect(order.indexOf("survival")).toBe(order.indexOf("table1") + 1);
    expect(order.indexOf("immortal-time")).toBe(order.indexOf("propensity") + 1);
    expect(order.indexOf("effects")).toBe(order.indexOf("immortal-time") + 1);
    const survival = buildReportModel(r).model.sections.find((s) => s.id === "survival")!;
    expect(survival.blocks.map(blockText).join(" ")).not.toContain("in this section are crude");
    const s = lines(r);
    expect(firstIndex(s, (x) => x.startsWith("Kaplan–Meier"))).toBeLessThan(firstIndex(s, (x) => x.startsWith("Immortal time: ")));
    expect(s.find((x) => x.startsWith("  caveat: "))).toContain("see the time-dependent and landmark analyses");
  });
});
