/**
 * The treatment-effect forest plot stands outside the report (PNG, DOCX): each row carries its own population, since
 * the matched rows stand on fewer patients than the crude and weighted ones (referee A7, session 12).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";

describe("forest plot of the treatment effects", () => {
  it("names each row's n and events, as the effects table does", () => {
    const r = exampleResults();
    const built = buildReportModel(r);
    const svg = built.figures.find((f) => f.id === "forest-effects")!.svg;
    const text = svg.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    const estimated = r.analyses.effects!.estimates.filter((e) => e.hr !== null);
    const sizes = new Set(estimated.map((e) => `n = ${e.n}, ${e.nEvents} events`));
    // the example's rows stand on two populations: 56 patients (crude, IPTW) and the 22 matched
    expect(sizes.size).toBeGreaterThan(1);
    for (const s of sizes) expect(text).toContain(s);
    for (const e of estimated) expect(e.n === 22 || e.n === 56, e.id).toBe(true);
    // German: the same with "Ereignisse"
    const de = buildReportModel(r, "de").figures.find((f) => f.id === "forest-effects")!.svg.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(de).toContain("n = 22, 10 Ereignisse");
  });
});

describe("propensity-score histograms", () => {
  it("give each panel its own n: all with a score, the matched, the weighted (referee A13, session 12)", () => {
    const r = exampleResults();
    const svg = buildReportModel(r).figures.find((f) => f.id === "ps-overlap")!.svg;
    const titles = [...svg.matchAll(/class="panel-title"[^>]*>([^<]*)</g)].map((m) => m[1]);
    const a = r.analyses.propensity!.analysis;
    const matched = a.matching!.result.steps.treatedMatched + a.matching!.result.steps.controlsMatched;
    expect(titles).toEqual([`Before adjustment (n = ${a.n})`, `PS-matched (n = ${matched})`, `IPTW (ATE) (n = ${a.weighting!.result.treated.n + a.weighting!.result.control.n})`]);
    expect(matched).toBeLessThan(a.n);
  });
});
