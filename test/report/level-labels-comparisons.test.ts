/**
 * Referee (session 9): comparisons and group counts in report text name the groups by their level labels
 * ("Metastasectomy vs No metastasectomy", "No metastasectomy: 20"), never by the data's codes ("yes vs no", "no: 20").
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { reportHtml } from "../../src/report/html.js";
import { comparisonLabel } from "../../src/report/tables.js";
import { exampleResults } from "./render-study.js";

describe("level labels in comparisons", () => {
  it("comparisonLabel maps both sides and leaves an unknown form alone", () => {
    const labels = { yes: "Metastasectomy", no: "No metastasectomy" };
    expect(comparisonLabel("yes vs no", labels)).toBe("Metastasectomy vs No metastasectomy");
    expect(comparisonLabel("yes vs no", undefined)).toBe("yes vs no");
    expect(comparisonLabel("a vs b vs c", labels)).toBe("a vs b vs c");
  });
  it("the example report has no 'yes vs no' and no '(no: n, yes: m)'", () => {
    const text = reportHtml(buildReportModel(exampleResults()).model).replace(/<[^>]+>/g, " ");
    expect(text).not.toMatch(/\byes vs no\b|\(no: \d+, yes: \d+\)/);
    expect(text).toContain("HR Metastasectomy vs No metastasectomy");
    expect(text).toContain("Difference (Metastasectomy vs No metastasectomy)");
    expect(text).toMatch(/No metastasectomy: 16, Metastasectomy: 40/);
  });
});
