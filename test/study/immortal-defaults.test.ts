/**
 * Issue 14, item 2: the immortal-time analyses run by default when the treatment has a date after the
 * origin, with the time-dependent and adjusted designs on; `immortalTime: false` switches them off and
 * the study then says the comparisons by treatment received are biased; the covariates default to the
 * propensity model's, else all covariates; `covariates: []` leaves the crude designs only.
 */
import { describe, expect, it } from "vitest";
import { exampleSpec, runSpecRaw, type Json } from "./options-honoured-harness.js";

type Spec = { treatment: Record<string, Json>; analyses: Record<string, Json> };

function spec(analyses: (a: Record<string, Json>) => Record<string, Json>, edit?: (s: Spec) => void): Json {
  const s = exampleSpec() as unknown as Spec;
  s.analyses = analyses(s.analyses);
  edit?.(s);
  return s as unknown as Json;
}

describe("immortal-time defaults", () => {
  it("run without analyses.immortalTime when treatment dates fall after the origin, landmark = median wait rounded", () => {
    const r = runSpecRaw(spec((a) => ({ km: a.km })));
    const it6 = r.analyses.immortalTime!;
    expect(it6.options.byDefault).toBe(true);
    expect(it6.options.timeDependent).toBe(true);
    expect(it6.timeDependent).toBeDefined();
    expect(it6.options.landmark).toBe(Math.max(1, Math.round(it6.medianWait!)));
    expect(it6.options.landmarkByDefault).toBe(true);
    expect(it6.options.covariates).toEqual(["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade"]);
    expect(it6.options.covariatesFrom).toBe("all covariates");
    // 23 events for treatment + 7 covariate columns (EPV 2.9): below the events-per-parameter floor, not estimated
    expect(it6.adjustedTimeDependent).toBeUndefined();
    expect(r.notEstimable.find((n) => n.analysis === "immortalTime.adjustedTimeDependent")?.code).toBe("MODEL_TOO_FEW_EVENTS");
    expect(it6.landmarkPs?.time).toBe(it6.options.landmark);
    expect(it6.explanation).toContain("ran by default");
    expect(it6.warnings.some((w) => w.includes("the default, the median time from origin to treatment rounded"))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith("immortal time: "))).toBe(true);
  });

  it("immortalTime: false switches them off, and the study says the comparisons are biased", () => {
    const r = runSpecRaw(spec((a) => ({ km: a.km, immortalTime: false })));
    expect(r.analyses.immortalTime).toBeUndefined();
    expect(r.notRun.some((n) => n.analysis === "immortalTime")).toBe(false);
    expect(r.warnings.some((w) => w.includes("switched off") && w.includes("biased by design (immortal time)"))).toBe(true);
  });

  it("no treatment date: no immortal-time analyses by default", () => {
    const r = runSpecRaw(spec((a) => ({ km: a.km }), (s) => delete s.treatment.date));
    expect(r.analyses.immortalTime).toBeUndefined();
  });

  it("covariates default to the propensity model's; [] gives the crude designs only", () => {
    const withPs = runSpecRaw(spec((a) => ({ km: a.km, propensity: { covariates: ["age_primary", "n_lung_mets"], weighting: { estimand: "ATE", stabilize: true } } })));
    const o = withPs.analyses.immortalTime!.options;
    expect(o.covariates).toEqual(["age_primary", "n_lung_mets"]);
    expect(o.covariatesFrom).toBe("propensity.covariates");
    expect(withPs.analyses.immortalTime!.adjustedTimeDependent!.result.fit.columnNames).toEqual([".treated_td", "age_primary", "n_lung_mets"]);
    const crude = runSpecRaw(spec((a) => ({ km: a.km, immortalTime: { covariates: [] } }))).analyses.immortalTime!;
    expect(crude.adjustedTimeDependent).toBeUndefined();
    expect(crude.landmarkPs).toBeUndefined();
    expect(crude.timeDependent).toBeDefined();
    expect(crude.explanation).toContain("only crude designs");
  });

  it("an explicit landmark and landmarks: the sensitivity table has the primary first", () => {
    const it6 = runSpecRaw(spec((a) => ({ km: a.km, immortalTime: { landmark: 6, landmarks: [12, 3, 6] } }))).analyses.immortalTime!;
    expect(it6.options.landmarkByDefault).toBe(false);
    expect(it6.landmarks!.map((r) => r.time)).toEqual([6, 12, 3]);
  });
});

describe("immortalTime.covariates are checked like every model's covariates", () => {
  it("an undeclared covariate or the treatment itself is refused, naming the key", () => {
    expect(() => runSpecRaw(spec((a) => ({ km: a.km, immortalTime: { covariates: ["bmi"] } })))).toThrow(/analyses\.immortalTime\.covariates[\s\S]*not a declared covariate|not a declared covariate[\s\S]*immortalTime/);
    expect(() => runSpecRaw(spec((a) => ({ km: a.km, immortalTime: { covariates: ["age_primary", "treatment"] } })))).toThrow(/treatment cannot be one of the confounders/);
  });
});
