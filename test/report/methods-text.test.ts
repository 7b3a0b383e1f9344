import { describe, expect, it } from "vitest";
import { methodsParagraphs, methodsText } from "../../src/report/methods-text.js";
import type { StudyResults } from "../../src/study/run.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleResults, runExampleVariant, undeclared, withoutLongTerm } from "./render-study.js";

describe("methodsText", () => {
  const r = exampleResults();
  const text = methodsText(r);

  it("describes every analysis of the example with the options that were used", () => {
    expect(text).toContain("Survival was estimated by the Kaplan–Meier method with 95% confidence intervals (log transform, Greenwood variance) and compared between groups with the log-rank test.");
    expect(text).toContain("matched 1:1 to untreated patients by nearest neighbour without replacement within a caliper of 0.20 SD of the logit of the propensity score");
    expect(text).toContain("Propensity scores");
    expect(text).toContain("logistic regression on age at diagnosis of the primary (years), sex,");
    expect(text).toContain("Inverse probability of treatment weights for the average treatment effect (ATE)");
    expect(text).toContain("stabilised");
    expect(text).toContain("Efron method for ties");
    expect(text).toContain("dichotomised at pre-specified cut-offs (Age > 60 years, Primary > 70 mm and >= 5 lung metastases)");
    expect(text).toContain("restricted mean survival time up to 60 months");
    expect(text).toContain("reverse Kaplan–Meier");
    expect(methodsParagraphs(r).at(-1)).toBe(`All analyses used survinfer ${r.software.version}.`);
  });

  it("has sentences only for the analyses that ran", () => {
    const onlyKm: StudyResults = { ...r, analyses: { km: r.analyses.km }, notRun: [] };
    const t = methodsText(onlyKm);
    expect(t).toContain("Kaplan–Meier method");
    expect(t).not.toContain("log-rank");
    expect(t).not.toMatch(/propensity/i);
    expect(t).not.toContain("Cox");
    expect(t).not.toContain("Baseline characteristics");
    expect(t).not.toContain("restricted mean");
    const nothing: StudyResults = { ...r, analyses: {}, notRun: [] };
    expect(methodsText(nothing)).not.toContain("Kaplan–Meier method with");
  });

  it("names the random order and its seed only when matching used it", () => {
    expect(text).toContain("largest propensity score first");
    expect(text).not.toContain("seed");
  });

  it("derives the estimand sentences from the results' estimand fields (ATM vs ATT, marginal vs conditional)", () => {
    const eff = r.analyses.effects!;
    expect(text).toContain("Matching discarded 29 of 40 treated patients without an acceptable match, so the matched analyses estimate the effect in the matched treated patients (ATM: 11 of 40 treated patients kept)");
    expect(text).toContain("(PS-matched Cox and IPTW Cox) estimate marginal (population-averaged) hazard ratios");
    expect(text).toContain("(multivariable Cox, PS-matched Cox stratified on matched set, PS-matched Cox adjusted for covariates and IPTW Cox adjusted for covariates) estimate conditional hazard ratios");
    expect(text).toContain("non-collapsible (Hernán 2010)");
    expect(text).not.toMatch(/doubly robust|had they (not )?been treated/i);
    // the same results with every treated patient kept read as ATT, from the fields alone
    const att: StudyResults = {
      ...r,
      analyses: { ...r.analyses, effects: { ...eff, estimates: eff.estimates.map((e) => (e.treatedKept === null ? e : { ...e, estimand: "ATT" as const, treatedKept: 40, treatedDiscarded: 0 })) } },
    };
    const ta = methodsText(att);
    expect(ta).toContain("Matching kept all 40 treated patients, so the matched analyses estimate the effect in the treated (ATT).");
    expect(ta).not.toMatch(/ATM|Matching discarded/);
  });

  it("names each treatment-effect design once, in prose, with its variance (no list of labels)", () => {
    expect(text).toContain("The effect of pulmonary metastasectomy on overall survival was estimated as hazard ratios from Cox models: without adjustment (crude) and adjusted for the propensity-model covariates (multivariable), with the model-based variance;");
    expect(text).toContain("in the matched sample, of the treatment alone with a robust variance clustered on matched set (Austin 2013), stratified on matched set and adjusted for the covariates");
    expect(text).toContain("each with a robust sandwich variance that treats the weights as known and an M-estimation variance that also accounts for the estimation of the propensity score (Shu et al. 2021)");
    expect(text).not.toMatch(/PS-matched Cox, PS-matched Cox/);
    expect(text).toContain("E-value");
    // without the treatment-effect table (and without the sensitivity section, which has its own E-value) no E-value is named
    expect(methodsText({ ...r, analyses: { ...r.analyses, effects: undefined, sensitivity: undefined } })).not.toContain("E-value");
  });

  it("names the primary analysis (clone–censor–weight) and the designs that handle immortal time and confounding together", () => {
    expect(text).toContain("The primary analysis was Clone–censor–weight, target-trial emulation (grace period 6 months), as declared in the study specification;");
    expect(text).not.toContain("default rule");
    // undeclared, the default rule picks the same design and the text says how it chose
    const byDefault = methodsText(runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-methods-text-")), "undeclared", (s) => {
      undeclared(s);
      withoutLongTerm(s);
      // thresholds under which the clone–censor–weight's weights pass its balance check: a flagged one is never the
      // default primary (referee s12 A9; test/study/ccw-diagnostics.test.ts)
      (s.analyses.propensity as Record<string, unknown>).balance = { thresholds: { smd: 0.35, varianceRatio: null } };
    }));
    expect(byDefault).toContain("The primary analysis was Clone–censor–weight, target-trial emulation (grace period 6 months), chosen by survinfer's default rule");
    expect(byDefault).toContain("never a design biased by immortal time");
    expect(text).toMatch(/Immortal time and measured confounding were addressed together by \(a\) emulation of a target trial of treatment within 6 months/);
    expect(text).toContain("confidence intervals from 200 nonparametric bootstrap replicates");
    expect(text).toMatch(/\(b\) a Cox model with treatment as a time-dependent covariate adjusted for/);
    expect(text).toContain("Without adjustment for confounding (crude), treatment was also analysed");
  });

  it("describes population, missing data, the endpoints' unit once and the Firth fallback", () => {
    expect(text).toContain("The data set held 64 patients.");
    expect(text).toContain("8 patients (missing: size of the primary tumour (mm) in 5 and FNCLCC grade in 4) from the propensity-score and treatment-effect analyses (56 analysed)");
    expect(text.match(/Time is in /g)).toHaveLength(1);
    expect(text).toContain("Firth's penalised partial likelihood was fitted instead");
  });

  it("describes stabilised weights as computed (the factors), not as the unstabilised formula alone", () => {
    expect(text).toMatch(/then stabilised: multiplied by the proportion of patients in the patient's own group \(0\.714 for treated, 0\.286 for untreated patients\)/);
  });

  // referee A6, A8, A16 (session 11): the Methods say what the rows of this study show, biased by design as they are
  it("names the E-value of each hazard ratio only when a row of the effects table shows one (none biased by design)", () => {
    const eff = r.analyses.effects!;
    expect(eff.biasedByDesign).toBe("immortal time");
    expect(text).not.toContain("robustness of each hazard ratio");
    // the primary estimate's own E-value is still described (sensitivity section)
    // (of the per-protocol HR of the primary clone–censor–weight design, a secondary number; referee s12 A6)
    expect(text).toContain("Sensitivity to unmeasured confounding was assessed for the per-protocol hazard ratio of the primary design (a secondary number: the design's primary contrast is the survival difference, for which no E-value is computed here). Its E-value");
    const unbiased: StudyResults = { ...r, analyses: { ...r.analyses, effects: { ...eff, biasedByDesign: null, estimates: eff.estimates.map((e) => ({ ...e, eValue: e.hr === null ? null : { point: 2, ci: 1 } })) } } };
    expect(methodsText(unbiased)).toContain("The robustness of each hazard ratio to unmeasured confounding is given by its E-value (VanderWeele and Ding 2017).");
  });

  it("says that the ATE weights' comparison, biased by design, does not estimate the ATE", () => {
    expect(text).toContain("The weights target the average treatment effect (ATE), but the weighted comparison is by treatment ever received, counted from the origin, and is biased by design (immortal time), so it does not estimate it.");
    const unbiased: StudyResults = { ...r, analyses: { ...r.analyses, effects: { ...r.analyses.effects!, biasedByDesign: null } } };
    expect(methodsText(unbiased)).not.toContain("The weights target");
  });

  it("says how many censoring-model periods clone–censor–weight used and that its HR has a bootstrap percentile interval", () => {
    expect(r.analyses.immortalTime!.cloneCensorWeight!.options.censoringPeriods).toBe(1);
    expect(text).toContain("a Cox model of the time to treatment with one period (constant coefficients); periods are used only");
    expect(text).toContain("a weighted Cox model on the clones gave a per-protocol hazard ratio with a robust variance clustered on the patient, and a bootstrap percentile interval from the same replicates;");
  });

  it("says that the landmark covariate adjustment was not estimated and that the landmark PS estimates are flagged", () => {
    expect(text).toContain("with inverse-probability-of-treatment weighting (ATE, stabilised), propensity-score matching and covariate adjustment (not estimated: 22 events for 8 parameters, fewer than 5 per parameter).");
    expect(text).toContain("Estimates of the landmark analysis at 6 months are flagged in the report where matching worsened covariate balance (not confounding-adjusted), covariate imbalance remained after weighting or too few events made them imprecise.");
  });
});
