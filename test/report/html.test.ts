import { describe, expect, it } from "vitest";
import { CALCULATOR_SCRIPT } from "../../src/report/calculator-script.js";
import { REPORT_CSP, reportHtml, tableHtml, type ReportModel } from "../../src/report/html.js";
import { buildReportModel } from "../../src/report/render.js";
import { parseXml } from "./plots/xml.js";
import { HOSTILE, exampleResults, hostileResults } from "./render-study.js";

const EXTERNAL = /https?:|\/\/|url\(/i;

function inlineSvgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

/** The same report without its per-patient calculators: such a report must hold no script at all. */
function withoutCalculators(model: ReportModel): ReportModel {
  return { ...model, sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.kind !== "calculator") })) };
}

/** Script elements other than the calculator's JSON data blocks and its one hashed script (test/report/calculator.test.ts). */
function otherScripts(html: string): string[] {
  return (html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []).filter((s) => !s.startsWith('<script type="application/json" id="calc-') && s !== `<script>${CALCULATOR_SCRIPT}</script>`);
}

describe("report.html", () => {
  const html = reportHtml(buildReportModel(exampleResults()).model);
  const noCalculator = reportHtml(withoutCalculators(buildReportModel(exampleResults()).model));

  it("is one document with the CSP meta tag that forbids every request (no calculator: no script-src)", () => {
    expect(noCalculator.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(noCalculator).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, "&#39;")}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  });

  it("contains no script without a calculator, and none but the calculator's with one", () => {
    expect(noCalculator).not.toMatch(/<script/i);
    expect(noCalculator).not.toMatch(/script-src/);
    expect(otherScripts(html)).toEqual([]);
  });

  it("contains no external URL and no link or image from elsewhere", () => {
    expect(html).not.toMatch(EXTERNAL);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("inlines every figure as well-formed SVG", () => {
    const svgs = inlineSvgs(html);
    expect(svgs.length).toBe(buildReportModel(exampleResults()).figures.length);
    expect(svgs.length).toBeGreaterThanOrEqual(6);
    for (const s of svgs) expect(() => parseXml(s)).not.toThrow();
  });

  it("has the sections of a publication report, with print page breaks", () => {
    for (const id of ["flow", "table1", "survival", "cox", "propensity", "methods", "notes", "software"]) expect(html).toContain(`<section id="${id}"`);
    expect(html).toContain("@page { size: A4");
    expect(html).toContain("break-before: page");
    expect(html).toContain("table-layout: fixed");
  });

  it("lists the analyses that were not run, honestly, and only those", () => {
    const r = exampleResults();
    const withNotRun = reportHtml(buildReportModel({ ...r, notRun: [{ analysis: "immortalTime", reason: "not yet available" }] }).model);
    expect(withNotRun).toContain("Analyses requested in the spec but not run:");
    expect(withNotRun).toContain("immortalTime: not yet available");
    expect(reportHtml(buildReportModel({ ...r, notRun: [] }).model)).not.toContain("but not run");
  });

  it("labels the log-rank HR as not a Cox model when no Cox HR is in the results", () => {
    expect(html).toContain("HR from the log-rank (O/E ratio), not a Cox model");
  });
});

describe("escaping", () => {
  it("prints a hostile column name, level, id and title as text", () => {
    const model = buildReportModel(hostileResults()).model;
    const html = reportHtml(model);
    expect(reportHtml(withoutCalculators(model))).not.toMatch(/<script/i);
    expect(otherScripts(html)).toEqual([]);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(EXTERNAL);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; study</title>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    for (const s of inlineSvgs(html)) expect(() => parseXml(s)).not.toThrow();
    expect(HOSTILE).toBe("<script>alert(1)</script>");
  });

  it("tableHtml escapes titles, headers, cells and footnotes", () => {
    const t = tableHtml({ title: "<b>", headers: [["<i>", { text: "&", span: 2 }]], rows: [["<u>", "\"", "'"]], footnotes: ["<s>"] }).html;
    expect(t).not.toMatch(/<(b|i|u|s)>/);
    expect(t).toContain("&lt;b&gt;");
    expect(t).toContain('colspan="2">&amp;</th>');
    expect(t).toContain("&quot;");
    expect(t).toContain("&#39;");
  });
});
