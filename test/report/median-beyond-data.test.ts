/**
 * Referee (session 9): a median reached where the figure has already ended the group's curve (fewer than
 * figures.minAtRisk unweighted patients at risk at the median) is "beyond the data", as survival at such a time.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "./render-study.js";

describe("survival tables: medians beyond the data", () => {
  const r = exampleResults();
  const km = r.analyses.propensity?.matched?.km;
  it("the example's matched Metastasectomy median (90.8 months, 3 at risk) is not printed, and the footnote says why", () => {
    const treated = km?.strata.find((s) => s.name === "yes");
    // tolerance: the premise only (a median printed to one decimal), reached past the figure's cut at 5 at risk
    expect(treated?.median.estimate).toBeCloseTo(90.8, 1);
    const tables = buildReportModel(r).tables;
    const matched = tables.find((t) => t.id === "km-matched-table" || (t.table.title ?? "").includes("matched"));
    const all = tables.map((t) => JSON.stringify(t.table)).join("\n");
    expect(all).not.toMatch(/90\.8 \(10\.3/);
    expect(all).toContain("median (90.8 months): Metastasectomy 3");
    expect(matched).toBeDefined();
  });
  it("with figures.minAtRisk 0 the median is printed", () => {
    const all = buildReportModel({ ...r, spec: { ...r.spec, figures: { ...r.spec.figures, minAtRisk: 0 } } } as typeof r).tables.map((t) => JSON.stringify(t.table)).join("\n");
    expect(all).toMatch(/90\.8 \(10\.3/);
  });
});
