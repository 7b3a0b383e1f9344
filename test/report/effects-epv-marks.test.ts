/**
 * The referee's point: the sentence "N models with too few events per parameter …" named the adjusted models of the
 * treatment-effect table, but its warning mark was on none of their rows. Each row it names now carries the mark,
 * in the forest plot as in the table.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel, renderReport } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";

describe("the events-per-parameter warning of the treatment-effect table", () => {
  it("marks every row it names, and no other", async () => {
    const r = exampleResults();
    const html = String((await renderReport(r))["report.html"]);
    const text = html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");
    const item = /⚠(\d+) treatment effects: \d+ models? with too few events per parameter[^⚠]*/.exec(text);
    expect(item).not.toBeNull();
    const n = item![1];
    const named = r.analyses.effects!.estimates.filter((e) => item![0].includes(`${e.label}: `));
    expect(named.length).toBeGreaterThan(0);
    const forest = buildReportModel(r).figures.find((f) => f.id === "forest-effects")!.svg.replace(/<[^>]+>/g, " ");
    const marked = [...forest.matchAll(/⚠([\d,]+) /g)].filter((m) => m[1].split(",").includes(n));
    expect(marked.length).toBe(named.length);
  });
});
