/**
 * Issue 13, item 7: every warning an engine raised reaches the report — under "Read first" (linked to its
 * section), as text in its section and as a mark on the number concerned. The warnings are collected here
 * by an independent crawl of results.json, so a warning of a new analysis is checked without naming it.
 */
import { engineText } from "../../src/i18n/warnings.js";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/report/escape.js";
import { reportHtml } from "../../src/report/html.js";
import { crawlWarnings, readFirstItems, warningLabeller } from "../../src/report/read-first.js";
import { buildReportModel, seriousWarning } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";
import { schemeNotEstimand } from "../../src/report/sections-effects.js";

/** Every string of every `warnings` array anywhere in `value` (written here, independently of the report's crawler). */
function allWarnings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allWarnings);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    k === "warnings" && Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : allWarnings(v),
  );
}

/** The HTML of the Read-first box. */
function readFirstBox(html: string): string {
  const start = html.indexOf('<section id="read-first"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

/** Markup → text as a reader sees it. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/**
 * Whether `shown` says warning `w` (with column names as labels): its labelled text, or — when several
 * warnings were grouped into one item — each of its parts: the quoted terms and the text around them,
 * less the name of the analysis before the message ("PWP gap time: …").
 */
function says(shown: string, labelled: string): boolean {
  if (shown.includes(labelled)) return true;
  // a treatment-effect or pooled row biased by design is named by its weights or matched sample (session 12)
  const named = labelled.replace(/\(ATE, /g, "(ATE weights, ").replace(/\(ATM, /g, "(matched sample, ");
  if (named !== labelled && says(shown, named)) return true;
  // one item naming several rows ("missing data: L1; L2: not estimated …"): the row's label and the message, each said
  if (named.split(": ").every((p) => shown.includes(p))) return true;
  const quoted = [...labelled.matchAll(/"[^"]+"/g)].map((m) => m[0]);
  const rest = labelled.split(/"[^"]+"/).map((p, i) => (i === 0 ? p.replace(/^(?:[^:"]{1,60}: )+/, "") : p).trim()).filter((p) => p.length > 3);
  return [...quoted, ...rest].every((p) => shown.includes(p));
}

/** The results as results.json holds them (JSON round trip, as the CLI writes them). */
function asJson(r: StudyResults): StudyResults {
  return JSON.parse(JSON.stringify(r)) as StudyResults;
}

describe("Read first", () => {
  const results = asJson(exampleResults());
  const html = reportHtml(buildReportModel(results).model);
  const box = readFirstBox(html);

  it("lists every warning string of results.json (escaped), after the title and before the contents", () => {
    const warnings = [...new Set(allWarnings(results))];
    expect(warnings.length).toBeGreaterThan(10);
    // the engines' warnings that used to be lost: monotone likelihood (now of the univariable Cox of grade; the adjusted
    // effect models that had it are below the events-per-parameter floor and not estimated, src/study/effects-epv.ts)
    expect(warnings.some((w) => w.includes("may be infinite"))).toBe(true);
    // column names shown as the spec's labels: no raw model column ("grade2") or column name with "_" is left
    // a serious warning is said in full in the box; the others in their section, their mark in the box's last line
    const label = warningLabeller(results);
    // as the report prints them: a negative number with a true minus ("−0.020", engineText)
    const shown = (w: string): string => engineText(label(w));
    for (const w of warnings) expect(says(textOf(box), shown(w)) || (!seriousWarning(w) && says(textOf(html), shown(w))), `${w} → ${shown(w)}`).toBe(true);
    expect(box).toMatch(/further notes \(missing values, exclusions and similar\), each listed with its text under its section: <a id="read-first-\d+" href="#[a-z-]+">⚠\d+/);
    expect(textOf(box)).not.toMatch(/"grade\d"|primary_size_mm|n_lung_mets/);
    expect(html.indexOf("<h1>")).toBeLessThan(html.indexOf('id="read-first"'));
    expect(html.indexOf('id="read-first"')).toBeLessThan(html.indexOf('<nav aria-label="Contents"'));
  });

  it("links each item to a section of the report that exists", () => {
    const hrefs = [...box.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBe([...box.matchAll(/<li /g)].length + [...box.matchAll(/<a id="read-first-/g)].length);
    for (const id of new Set(hrefs)) expect(html, id).toContain(`<section id="${id}"`);
    // the monotone-likelihood warnings of the univariable Cox link to the Cox section
    expect(box).toMatch(/may be infinite[^<]*\(<a href="#cox">/);
  });

  it("groups repeated warnings: one item per message, naming every model, term and section it concerns", () => {
    const items = [...box.matchAll(/<li [^>]*><strong>⚠\d+<\/strong> (.*?) \(<a href/g)].map((m) => textOf(m[1]));
    // 21 distinct messages on the example: 7 models not estimated for too few events per parameter (one each), the
    // 4 pooled MI hazard ratios of those models, the prediction model among the operated (EPV 4), …; since issue 14's
    // review 5 more of the primary analysis (clone–censor–weight): the primary and grace period chosen by default, the
    // 60-month survival and RMST differences beyond the data, two bootstrap distributions not centred on the estimate;
    // (+2 since issue 19: the pair-stratified matched HR from too few informative events, matching that worsened balance)
    // (+5 since session 11: the 60-month survival and RMST differences now shown (at-risk counted at the tick), each
    // with its off-centre bootstrap; the landmark PS rows' own flags: worsened matched balance, two imprecise matched
    // HRs, residual imbalance of its IPTW rows)
    // (−2 in session 12: warnings that differ only in the hazard-ratio rows they name are one item, as the effects rows'
    // are: the landmark IPTW rows' residual imbalance; the three pooled MI rows not estimated for 26 events / 8 parameters)
    // (+1 in session 12: the negative control, now by the primary's clone–censor–weight design, has only 3 other-cause deaths)
    // (+2 in session 12: the clone–censor–weight's residual imbalance after weighting, and the coverage of its
    // intervals unknown below 300 patients; referee A9, A2)
    // (+3 in session 12, third referee read A1: the primary's survival differences at 12, 36 and 60 months each rest
    // largely on one weighted death, 65–84 % of the difference; a warning each, in the primary's group)
    expect(items.length).toBeLessThanOrEqual(37);
    // the monotone likelihood of grade 2 and 3 (univariable Cox): one item naming both terms
    const infinite = items.filter((t) => t.includes("may be infinite"));
    expect(infinite).toHaveLength(1);
    expect(infinite[0]).toContain('"FNCLCC grade: 2" and "FNCLCC grade: 3"');
    // the same message of the propensity and treatment-effect steps: once (a note, so under its section), saying both sections
    expect(items.filter((t) => t.includes("treated units were not matched"))).toHaveLength(0);
    const mark = /⚠(\d+) 29 of 40 treated units were not matched/.exec(textOf(html));
    expect(mark).not.toBeNull();
    // one mark for both steps, named once under Read first
    expect([...box.matchAll(new RegExp(`id="read-first-${mark![1]}"`, "g"))]).toHaveLength(1);
  });

  it("says each item once", () => {
    const items = [...box.matchAll(/<li [^>]*><strong>⚠\d+<\/strong> (.*?) \(<a href/g)].map((m) => m[1]);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items).size).toBe(items.length);
  });

  it("puts the mark on the estimate and the text in its section", () => {
    const effects = results.analyses.effects!;
    const section = html.slice(html.indexOf('<section id="effects"'), html.indexOf("</section>", html.indexOf('<section id="effects"')));
    // the hazard-ratio table (the absolute-effects table comes first)
    const start = section.indexOf('<table id="tab-effects">');
    const table = section.slice(start, section.indexOf("</table>", start));
    // rows under the "Primary analysis" / "Sensitivity analyses" headings are indented; a label may carry " — biased by design (…)"
    const rows = [...table.matchAll(/<tr><td[^>]*>(.*?)<\/td><td>(.*?)<\/td>/g)];
    for (const e of effects.estimates) {
      // (biased by design, a row names its weights or matched sample, not the estimand: schemeNotEstimand)
      const label = escapeHtml(effects.biasedByDesign ? schemeNotEstimand(e.label, e) : e.label);
      const row = rows.find((m) => m[1] === label || m[1].startsWith(`${label} — `));
      expect(row, e.label).toBeDefined();
      // the study-level sentence on too few events per parameter is also marked on each row it names
      const epvItem = new RegExp(`<strong>⚠\\d+</strong> ([^<]*too few events per parameter[^<]*)`).exec(box);
      const namedByEpv = epvItem !== null && textOf(epvItem[1]).includes(`${e.label}: `);
      // an estimate on the matched or weighted sample also carries the marks of its propensity model's and its matching's
      // or weighting's warnings (issue 19, session 11), whose text is in the propensity section (and Read first)
      const propensity = html.slice(html.indexOf('<section id="propensity"'), html.indexOf("</section>", html.indexOf('<section id="propensity"')));
      const onSample = e.hr !== null && /^(matched|weighted)/.test(e.id);
      if (e.warnings.length > 0 || namedByEpv || onSample) {
        // the mark is a link to its Read-first entry: ⚠1,2 → <a href="#read-first-1">⚠1</a>,<a href="#read-first-2">2</a>
        const mark = /⚠([\d,]+)/.exec(row![2].replace(/<[^>]+>/g, ""));
        expect(mark, `${e.label}: mark on the HR cell`).not.toBeNull();
        // each mark number is an item of the section's list and of Read first, with the estimate's warning
        for (const k of mark![1].split(",")) {
          const ofSample = onSample && new RegExp(`<li><a href="#read-first-${k}"[^>]*>⚠${k}</a> `).test(propensity);
          // (a routine note of the propensity section is in Read first's one-line list of marks, its text in that section)
          const inBox = new RegExp(`<strong>⚠${k}</strong> ([^<]*)`).exec(box);
          if (!ofSample) expect(inBox).not.toBeNull();
          const own = inBox !== null && e.warnings.some((w) => says(textOf(inBox[1]), warningLabeller(results)(w)));
          const epv = inBox !== null && /too few events per parameter/.test(inBox[1]) && textOf(inBox[1]).includes(`${e.label}: `);
          expect(own || epv || ofSample, `${e.label}: ⚠${k}`).toBe(true);
          expect(row![2]).toContain(`href="#read-first-${k}"`);
          expect(ofSample ? propensity : section).toMatch(new RegExp(`<li><a href="#read-first-${k}"[^>]*>⚠${k}</a> `));
        }
      } else expect(row![2], e.label).not.toContain("⚠");
    }
  });

  it("collects the warnings of an analysis it does not know, and analyses not run", () => {
    const extra = {
      ...results,
      notRun: [{ analysis: "frailty", reason: "not implemented yet" }],
      analyses: { ...results.analyses, brandNew: { deep: [{ warnings: ["a <new> warning & more: the fit failed"] }] } },
    } as unknown as StudyResults;
    expect(crawlWarnings(extra).find((w) => w.text === "a <new> warning & more: the fit failed")?.path).toBe("analyses.brandNew.deep[0].warnings");
    const html2 = reportHtml(buildReportModel(extra).model);
    const box2 = readFirstBox(html2);
    expect(box2).toContain("a &lt;new&gt; warning &amp; more: the fit failed");
    expect(box2).not.toContain("a <new>");
    expect(box2).toMatch(/frailty: not run: not implemented yet \(<a href="#notes">/);
    expect(html2).toContain('<section id="notes"');
  });

  it("says so when there is nothing to read first", () => {
    // without warnings and without the example's not-estimable entries (its other-cause models are refused for too few events per parameter)
    const clean = JSON.parse(JSON.stringify(results, (k, v: unknown) => (k === "warnings" || (k === "notEstimable" && Array.isArray(v)) ? [] : v))) as StudyResults;
    expect(readFirstItems(clean, new Set(["notes"]))).toEqual([]);
    expect(readFirstBox(reportHtml(buildReportModel(clean).model))).toContain("No analysis raised a warning");
  });
});
