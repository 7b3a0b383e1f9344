/**
 * Issue 14: the study's clone–censor–weight step (src/study/immortal-time/ccw.ts) on the example gives R's
 * numbers (tools/oracle/ccw.R on the same cohort, te../fixtures/ccw/lms-example-piecewise-1.json, the default censoring model: time from
 * date_lung_met, treatment at date_pm, covariates age_primary, sex, n_lung_mets, timing, grace 6 months).
 * This checks the glue — times, treatment times, the covariates' coding — not only the engine. It is the
 * default primary analysis when treatment comes after the origin.
 */
import { groupName } from "../../src/report/sections-immortal.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exampleSpec, runSpecRaw, type Json } from "./options-honoured-harness.js";
import { buildReportModel } from "../../src/report/render.js";
import { censoringPeriodsFor } from "../../src/study/immortal-time/ccw.js";
import { seriesColor } from "../../src/report/plots/theme.js";

interface Fixture {
  readonly expected: { readonly logHR: number; readonly robustSe: number; readonly survDiff: readonly number[]; readonly rmstDiff: number; readonly treat: { readonly surv: readonly number[] } };
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/ccw/lms-example-piecewise-1.json", import.meta.url), "utf8")) as Fixture;

const close = (a: number, b: number, tol = 1e-8): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe("clone–censor–weight in the study", () => {
  const s = exampleSpec() as unknown as { analyses: Record<string, Json> };
  s.analyses = {
    km: { endpoint: "os", by: "treatment", times: [12, 36, 60] },
    rmst: { endpoint: "os", by: "treatment", tau: 60 },
    immortalTime: { covariates: ["age_primary", "sex", "n_lung_mets", "timing"], landmark: 6, cloneCensorWeight: { grace: 6, bootstrap: 0 } },
  };
  const r = runSpecRaw(s as unknown as Json);
  const cw = r.analyses.immortalTime!.cloneCensorWeight!;

  it("equals R on the example (per-protocol log HR, robust SE, survival and RMST differences)", () => {
    expect(cw.n).toBe(64);
    // 4 parameters and fewer than 80 deviations: one period (censoringPeriodsFor), as the fixture
    expect(cw.options.censoringPeriods).toBe(1);
    expect(cw.options.censoringModel).toBe("piecewise");
    close(cw.hazardRatio!.coef, fixture.expected.logHR);
    close(cw.hazardRatio!.robustSe, fixture.expected.robustSe);
    cw.survivalDifference.forEach((d, k) => close(d.estimate!, fixture.expected.survDiff[k]));
    close(cw.rmstDifference!.estimate!, fixture.expected.rmstDiff);
    expect(cw.arms[0].curve.surv).toHaveLength(fixture.expected.treat.surv.length);
    cw.arms[0].curve.surv.forEach((v, k) => close(v, fixture.expected.treat.surv[k]));
  });

  it("censoringModel: cox in the spec runs Maringe et al.'s single Cox model per strategy and equals R's fixture of it", () => {
    const old = JSON.parse(readFileSync(new URL("../fixtures/ccw/lms-example.json", import.meta.url), "utf8")) as Fixture;
    const sc = structuredClone(s) as unknown as { analyses: { immortalTime: { cloneCensorWeight: Record<string, Json> } } };
    sc.analyses.immortalTime.cloneCensorWeight.censoringModel = "cox";
    const c = runSpecRaw(sc as unknown as Json).analyses.immortalTime!.cloneCensorWeight!;
    expect(c.options.censoringModel).toBe("cox");
    expect(c.arms.map((a) => a.censoringModel?.model)).toEqual(["cox", "cox"]);
    close(c.hazardRatio!.coef, old.expected.logHR);
    close(c.hazardRatio!.robustSe, old.expected.robustSe);
    c.survivalDifference.forEach((d, k) => close(d.estimate!, old.expected.survDiff[k]));
    close(c.rmstDifference!.estimate!, old.expected.rmstDiff);
    // and differs from the default (piecewise) run of the same spec
    expect(c.hazardRatio!.coef).not.toBe(cw.hazardRatio!.coef);
  });

  it("chooses the censoring model's periods by deviations per parameter: 4 at most, 1 for a small cohort", () => {
    const grace = 6;
    const many = Float64Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? Infinity : 1 + (i % 5)));
    const long = new Float64Array(400).fill(100);
    // 320 deviations: 7 parameters → 4 periods (320 / 70 = 4.6); 20 parameters → 1 (320 / 200); 10 → 3
    expect(censoringPeriodsFor(many, long, grace, 7)).toBe(4);
    expect(censoringPeriodsFor(many, long, grace, 10)).toBe(3);
    expect(censoringPeriodsFor(many, long, grace, 20)).toBe(1);
    // treated after the grace period or after the end of follow-up are not deviations
    expect(censoringPeriodsFor(Float64Array.from([1, 7, 3]), Float64Array.from([10, 10, 2]), grace, 1)).toBe(1);
  });

  it("says when a censoring model has fewer deviations per parameter than the study's floor, and why it is still fitted", () => {
    const few = cw.warnings.filter((w) => w.includes("censoring model of"));
    expect(few.length).toBeGreaterThan(0);
    for (const w of few) {
      const m = /(\d+) deviations for (\d+) parameters \(EPV ([\d.]+)/.exec(w);
      expect(m).not.toBeNull();
      const epv = Number(m![1]) / Number(m![2]);
      // tolerance: 0.05, the warning prints the EPV with one decimal
      expect(Number(m![3])).toBeCloseTo(epv, 1);
      if (epv < 5) expect(w).toContain("below the floor of 5 at which the study's other models are not fitted; kept because the weights cannot be formed without it");
      else expect(w).toContain("below 10");
    }
  });

  it("is skipped by the default rule when its weights leave residual imbalance (referee s12 A9), with its population and estimand named", () => {
    // the weights leave covariate terms imbalanced among the clones uncensored after the grace period: flagged as the
    // landmark IPTW rows are, so the default rule takes the next design (the adjusted time-dependent Cox)
    const c = r.primary.candidates.find((x) => x.id === "cloneCensorWeight")!;
    // 4 covariate terms in each strategy
    expect(c.flag).toMatch(/^residual imbalance after weighting: [1-8] of 8 covariate terms imbalanced$/);
    expect(c.flag).toBe(cw.diagnostics.flag!.text);
    expect(r.primary).toMatchObject({ id: "adjustedTimeDependent", section: "immortal-time", declared: false });
    expect(r.primary.reason).toContain(`${c.label}: ${c.flag}`);
    expect(cw.population).toBe("all 64 patients with complete covariates, each cloned into both strategies");
    expect(cw.estimandLabel).toMatch(/^difference in survival \(and RMST\) had all patients been treated within 6 months versus not treated within 6 months/);
    expect(cw.bootstrap).toBeNull();
    expect(cw.variance).toMatch(/no bootstrap/);
  });

  it("is switched off by cloneCensorWeight: false, and then the adjusted time-dependent Cox is primary", () => {
    const off = exampleSpec() as unknown as { analyses: Record<string, Json> };
    off.analyses = { km: s.analyses.km, immortalTime: { covariates: ["age_primary", "n_lung_mets"], landmark: 6, cloneCensorWeight: false } };
    const r2 = runSpecRaw(off as unknown as Json);
    expect(r2.analyses.immortalTime!.cloneCensorWeight).toBeUndefined();
    expect(r2.primary.id).toBe("adjustedTimeDependent");
  });

  it("draws the no-treatment strategy in the untreated group's colour and the treat strategy in the treated group's, as every KM figure", () => {
    const fig = buildReportModel(r).figures.find((f) => f.id === "ccw")!;
    const [treat, control] = cw.strategyLabels;
    // the legend (in curve order): control first in series 0's colour, solid; treat second in series 1's colour, dashed
    const items = [...fig.svg.matchAll(/<g class="legend-item"><line [^>]*stroke="([^"]+)"[^>]*\/><text [^>]*>([^<]+)<\/text>/g)].map((m) => [m[1], m[2]]);
    // the names as the report shows them (sentence case: "No … within 6 months"; src/report/sections-immortal.ts groupName)
    expect(items).toEqual([
      [seriesColor(0), groupName(control)],
      [seriesColor(1), groupName(treat)],
    ]);
    expect(groupName(control)).toMatch(/^No /);
  });
});
