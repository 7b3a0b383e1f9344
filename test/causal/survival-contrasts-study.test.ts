/**
 * `analyses.adjustedCurves` in a study: the step runs survivalContrasts on the example cohort (same numbers as
 * the engine on the same complete cases), and the report's treatment-effect section starts with the adjusted
 * curves figure and the contrasts table; without a propensity analysis they form their own section.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { methodsText } from "../../src/report/methods-text.js";
import { buildReportModel } from "../../src/report/render.js";
import { runExampleVariant, withoutLongTerm } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-adjusted-curves-"));

describe("study: analyses.adjustedCurves", () => {
  const r = runExampleVariant(dir, "adjusted", (s) => {
    withoutLongTerm(s);
    s.analyses.adjustedCurves = { estimators: ["gformula", "aipw"] };
  });

  it("computes g-formula and AIPW contrasts at the Kaplan–Meier times with the g-formula RMST", () => {
    const a = r.analyses.adjustedCurves!;
    expect(a).toBeDefined();
    expect(a.estimates.map((e) => e.estimator)).toEqual(["gformula", "aipw"]);
    expect(a.options.times).toEqual([12, 36, 60]);
    expect(a.estimates[0].rmst?.tau).toBe(60);
    expect(a.groups.treated).not.toBe(a.groups.untreated);
    for (const e of a.estimates) for (const x of e.at) expect(x.survival.treated.se).toBeGreaterThan(0);
    expect(r.notEstimable.filter((n) => n.analysis === "adjustedCurves")).toEqual([]);
    expect(methodsText(r)).toMatch(/Adjusted survival curves and absolute treatment effects .* by the g-formula .* and augmented inverse probability weighting/);
  });

  it("leads the treatment-effect section with the adjusted curves figure and the contrasts table", () => {
    const built = buildReportModel(r);
    const section = built.model.sections.find((s) => s.id === "effects")!;
    expect(section.blocks[0].kind).toBe("figure");
    const first = section.blocks[0] as { kind: "figure"; figure: { id: string; svg: string } };
    expect(first.figure.id).toBe("adjusted-curves");
    expect(first.figure.svg).toContain("<svg");
    const t = built.tables.find((x) => x.id === "adjusted-contrasts")!.table;
    expect(t.rows.length).toBe(3 + 1 + 3); // g-formula at 3 times + RMST, AIPW at 3 times
    expect(t.rows[0][0]).toContain("G-formula");
  });

  it("without a propensity analysis the curves form their own section", () => {
    const r2 = runExampleVariant(dir, "adjusted-alone", (s) => {
      withoutLongTerm(s);
      delete s.analyses.propensity;
      s.analyses.adjustedCurves = { estimators: ["gformula"], times: [24] };
    });
    const built = buildReportModel(r2);
    expect(built.model.sections.some((s) => s.id === "adjusted-curves")).toBe(true);
    expect(r2.analyses.adjustedCurves!.options.times).toEqual([24]);
  });

  it("estimand ATT keeps the g-formula and says that AIPW was left out", () => {
    const r3 = runExampleVariant(dir, "adjusted-att", (s) => {
      withoutLongTerm(s);
      s.analyses.adjustedCurves = { estimand: "ATT" };
    });
    const a = r3.analyses.adjustedCurves!;
    expect(a.estimates.map((e) => [e.estimator, e.estimand])).toEqual([["gformula", "ATT"]]);
    expect(a.warnings.join(" ")).toContain("aipw left out");
  });
});

describe("study: analyses.adjustedCurves.band", () => {
  const r = runExampleVariant(dir, "adjusted-band", (s) => {
    withoutLongTerm(s);
    delete (s as Record<string, unknown>).missing;
    s.analyses.adjustedCurves = { estimators: ["gformula"], band: 500 };
  });

  it("adds simultaneous bands (estimate ± q·SE) seeded by the spec's seed, and the report says so", () => {
    const a = r.analyses.adjustedCurves!;
    const e = a.estimates[0];
    expect(a.options.band).toEqual({ nsim: 500, seed: r.seed });
    expect(e.band?.at.map((b) => b.time)).toEqual([12, 36, 60]);
    // the quantile is a Monte-Carlo estimate: about 1.96 when the three times are nearly collinear, at most Bonferroni's
    const q = e.band!.quantile.difference;
    expect(q).toBeGreaterThan(1.8);
    expect(q).toBeLessThan(2.4);
    e.at.forEach((x, t) => expect(e.band!.at[t].difference.upper - x.difference.estimate).toBeCloseTo(q * x.difference.se, 12));
    const t = buildReportModel(r).tables.find((x) => x.id === "adjusted-contrasts")!.table;
    expect(t.footnotes?.join(" ")).toMatch(/G-formula \(Cox standardisation\): simultaneous 95% bands over the 3 times .* 500 seeded Gaussian multiplier simulations .* seed 44/);
  });
});
