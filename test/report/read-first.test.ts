/**
 * Issue 13, item 7: every warning an engine raised reaches the report — under "Read first" (linked to its
 * section), as text in its section and as a mark on the number concerned. The warnings are collected here
 * by an independent crawl of results.json, so a warning of a new analysis is checked without naming it.
 */
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/report/escape.js";
import { reportHtml } from "../../src/report/html.js";
import { crawlWarnings, readFirstItems } from "../../src/report/read-first.js";
import { buildReportModel } from "../../src/report/render.js";
import type { StudyResults } from "../../src/study/run.js";
import { exampleResults } from "./render-study.js";

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
    // the engines' warnings that used to be lost: monotone likelihood in the adjusted effect models
    expect(results.analyses.effects?.estimates.some((e) => e.warnings.some((w) => w.includes("may be infinite")))).toBe(true);
    for (const w of warnings) expect(box, w).toContain(escapeHtml(w));
    expect(html.indexOf("<h1>")).toBeLessThan(html.indexOf('id="read-first"'));
    expect(html.indexOf('id="read-first"')).toBeLessThan(html.indexOf('<nav aria-label="Contents"'));
  });

  it("links each item to a section of the report that exists", () => {
    const hrefs = [...box.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBe([...box.matchAll(/<li /g)].length);
    for (const id of new Set(hrefs)) expect(html, id).toContain(`<section id="${id}"`);
    // the monotone-likelihood warnings of the effect models link to the treatment-effect section
    expect(box).toMatch(/may be infinite[^<]*\(<a href="#effects">/);
  });

  it("says each item once", () => {
    const items = [...box.matchAll(/<li [^>]*><strong>⚠\d+<\/strong> (.*?) \(<a href/g)].map((m) => m[1]);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items).size).toBe(items.length);
  });

  it("puts the mark on the estimate and the text in its section", () => {
    const effects = results.analyses.effects!;
    const section = html.slice(html.indexOf('<section id="effects"'), html.indexOf("</section>", html.indexOf('<section id="effects"')));
    const table = section.slice(section.indexOf("<table"), section.indexOf("</table>"));
    const rows = [...table.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td>/g)];
    for (const e of effects.estimates) {
      const row = rows.find((m) => m[1] === escapeHtml(e.label));
      expect(row, e.label).toBeDefined();
      if (e.warnings.length > 0) {
        // the mark is a link to its Read-first entry: ⚠1,2 → <a href="#read-first-1">⚠1</a>,<a href="#read-first-2">2</a>
        const mark = /⚠([\d,]+)/.exec(row![2].replace(/<[^>]+>/g, ""));
        expect(mark, `${e.label}: mark on the HR cell`).not.toBeNull();
        // each mark number is an item of the section's list and of Read first, with the estimate's warning
        for (const k of mark![1].split(",")) {
          const inBox = new RegExp(`<strong>⚠${k}</strong> ([^<]*)`).exec(box);
          expect(inBox).not.toBeNull();
          expect(e.warnings.some((w) => inBox![1].includes(escapeHtml(w)))).toBe(true);
          expect(row![2]).toContain(`href="#read-first-${k}"`);
          expect(section).toMatch(new RegExp(`<li><a href="#read-first-${k}"[^>]*>⚠${k}</a> `));
        }
      } else expect(row![2], e.label).not.toContain("⚠");
    }
  });

  it("collects the warnings of an analysis it does not know, and analyses not run", () => {
    const extra = {
      ...results,
      notRun: [{ analysis: "frailty", reason: "not implemented yet" }],
      analyses: { ...results.analyses, brandNew: { deep: [{ warnings: ["a <new> warning & more"] }] } },
    } as unknown as StudyResults;
    expect(crawlWarnings(extra).find((w) => w.text === "a <new> warning & more")?.path).toBe("analyses.brandNew.deep[0].warnings");
    const html2 = reportHtml(buildReportModel(extra).model);
    const box2 = readFirstBox(html2);
    expect(box2).toContain("a &lt;new&gt; warning &amp; more");
    expect(box2).not.toContain("a <new>");
    expect(box2).toMatch(/frailty: not run: not implemented yet \(<a href="#notes">/);
    expect(html2).toContain('<section id="notes"');
  });

  it("says so when there is nothing to read first", () => {
    const clean = JSON.parse(JSON.stringify(results, (k, v: unknown) => (k === "warnings" ? [] : v))) as StudyResults;
    expect(readFirstItems(clean, new Set(["notes"]))).toEqual([]);
    expect(readFirstBox(reportHtml(buildReportModel(clean).model))).toContain("No analysis raised a warning");
  });
});
