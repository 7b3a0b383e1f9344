/**
 * Referee (session 9): the primary analysis's headline carries the marks of its own warnings (a clone–censor–weight
 * primary: its bootstrap, weights and censoring-model EPV), as its table in the immortal-time section does.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";

describe("primary headline marks", () => {
  it("the example's clone–censor–weight headline ends with the marks of the clone–censor–weight warnings", () => {
    const built = buildReportModel(exampleResults());
    const effects = built.model.sections.find((s) => s.id === "effects");
    const first = effects?.blocks[0];
    expect(first?.kind).toBe("text");
    const text = first?.kind === "text" ? first.text : "";
    expect(text).toMatch(/^Primary analysis/);
    expect(text).toMatch(/ ⚠[\d,]+$/);
    const ccwTable = built.tables.find((t) => t.id === "ccw")?.table.title ?? "";
    // the same warnings as the design's own table
    expect(text.slice(text.lastIndexOf(" ⚠"))).toBe(ccwTable.slice(ccwTable.lastIndexOf(" ⚠")));
  });
});

describe("Methods: clone–censor–weight's censoring models below the events-per-parameter floor", () => {
  it("says they were fitted below the floor that refused the other models, with their counts", async () => {
    const { methodsText } = await import("../../src/report/methods-text.js");
    const text = methodsText(exampleResults());
    expect(text).toContain("were not estimated (Vittinghoff and McCulloch 2007)");
    expect(text).toMatch(/The censoring models of clone–censor–weight were fitted below that floor \(treatment strategy, 16 events for 7 parameters\)/);
  });
});

describe("the prediction model below the events-per-parameter floor", () => {
  it("is said to be fitted below the floor (Methods), and results.json does not call it 'not estimated'", async () => {
    const { methodsText } = await import("../../src/report/methods-text.js");
    const r = exampleResults();
    expect(r.analyses.prediction?.epv?.status).toBe("refuse"); // the premise: 16 events for 4 parameters
    expect(r.analyses.prediction?.epv?.message ?? "").not.toMatch(/not estimated/);
    expect(methodsText(r)).toContain("The prediction model was fitted with 16 events for 4 parameters (EPV 4.0), below the floor of 5");
  });
});

describe("summary.txt heading of the treatment effect", () => {
  it("names no single measure when the primary (clone–censor–weight) leads with survival differences", async () => {
    const { summaryText } = await import("../../src/cli/commands/run.js");
    const text = summaryText(exampleResults());
    expect(text).toContain("Treatment effect on Overall survival (95% CI):");
    expect(text).not.toContain("(hazard ratio, 95% CI)");
  });
});

describe("the cure figure's uncut tail", () => {
  it("is said in its caption (the other figures cut curves below figures.minAtRisk)", () => {
    const f = buildReportModel(exampleResults()).figures.find((x) => x.id === "cure-fit");
    expect(f?.caption).toContain("the Kaplan–Meier curves run to the last follow-up, past the point where fewer than 5 patients remain at risk");
  });
});
