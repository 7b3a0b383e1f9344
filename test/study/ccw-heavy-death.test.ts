/**
 * The single-heavy-death check of clone–censor–weight (src/study/immortal-time/ccw-checks.ts) names a weighted death
 * that carries more than a third of its strategy's drop OR of the survival difference it widens (session 12, second
 * referee read A2: on the example, one death of weight 5.6 at 53 months carries about 12 of the 15-point difference at
 * 60 months, but only 28 % of its strategy's drop, which the first criterion alone missed).
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/render.js";
import { exampleResults } from "../report/render-study.js";

describe("clone–censor–weight: single heavy deaths", () => {
  it("names the death that carries most of the 60-month difference, with both shares, in the report", () => {
    const r = exampleResults();
    const cw = r.analyses.immortalTime!.cloneCensorWeight!;
    const at60 = cw.survivalDifference.find((d) => d.time === 60)!;
    expect(at60.estimate).toBeLessThan(0);
    const heavy = at60.heavyDeaths.filter((h) => h.shareOfDifference !== null && h.shareOfDifference > 1 / 3);
    expect(heavy).toHaveLength(1);
    const h = heavy[0];
    // a death in the treat strategy (arm 0) lowers its curve: it widens the negative difference
    expect(h.arm).toBe(0);
    expect(h.share).toBeLessThanOrEqual(1 / 3);
    expect(h.weight).toBeGreaterThan(4);
    expect(h.time).toBeGreaterThan(50);
    expect(h.time).toBeLessThan(60);
    // the same jump over the difference as over its strategy's drop: the difference is the smaller of the two
    expect(h.shareOfDifference!).toBeGreaterThan(h.share);
    const ccw = buildReportModel(r).tables.find((t) => t.id === "ccw")!.table;
    const note = ccw.footnotes.find((f) => f.startsWith("Single heavy deaths"))!;
    expect(note).toContain(`by 60 months, one death in "Pulmonary metastasectomy within 6 months" (at ${h.time.toFixed(1)} months, weight ${h.weight.toFixed(2)}) carries ${Math.round(100 * h.share)}% of that strategy's drop in survival and ${Math.round(100 * h.shareOfDifference!)}% of the difference between the strategies`);
    // and a warning (third referee read A1): in results.json, in the primary's Read-first group and in summary.txt's notes
    const warning = `clone–censor–weight: the survival difference at 60 months rests largely on one death: at ${h.time.toFixed(1)} months, with weight ${h.weight.toFixed(2)}, it carries ${Math.round(100 * h.shareOfDifference!)}% of the difference (read the estimate with caution)`;
    expect(cw.warnings).toContain(warning);
    const item = (buildReportModel(r).model.readFirst ?? []).find((e) => e.text.endsWith(warning));
    expect(item?.tier).toBe("primary");
  });
});

describe("a flagged declared primary is read with its flag (third referee read A3)", () => {
  it("the Treatment-effect sentence and the design table's footnote do not call it unflagged", () => {
    const r = exampleResults();
    const flag = r.primary.candidates.find((c) => c.id === r.primary.id)?.flag;
    expect(flag).toMatch(/^residual imbalance after weighting/);
    const { model } = buildReportModel(r);
    const text = JSON.stringify(model);
    expect(text).toContain(`It is designed to handle immortal time and confounding together; here it is flagged: ${flag}`);
    expect(text).not.toContain("It handles immortal time and confounding together");
    expect(text).toContain("is a sensitivity analysis only, unless the study specification declares it the primary analysis (then it is read with its flag)");
  });
});
