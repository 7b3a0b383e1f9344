/**
 * Issue 16, the referee's first point: the events-per-parameter floor (analyses.safeguards.epvFloor, default 5)
 * applies to every treatment-effect regression, as to the study's other Cox, Fine–Gray and cure models. On the
 * example (23 events; treatment + 7 covariate columns = 8 parameters) the treatment-effect table's covariate-
 * adjusted Cox models (EPV 2.9 and, on the 22 matched patients' 10 events, 1.3), the landmark's adjusted Cox
 * (EPV 2.8) and the adjusted time-dependent Cox (EPV 2.9) are not estimated: their place says "not estimated:
 * k events for p parameters", results.notEstimable lists each model with MODEL_TOO_FEW_EVENTS, the CLI summary
 * prints the same line and the primary falls to the next candidate. With `epvFloor: 0` they are estimated again,
 * with the numbers they had before the rule (src/study/effects-epv.ts).
 */
import { describe, expect, it } from "vitest";
import { summaryText } from "../../src/cli/commands/run.js";
import { buildReportModel } from "../../src/report/render.js";
import { methodsText } from "../../src/report/methods-text.js";
import { refuseEffectModels } from "../../src/study/effects-epv.js";
import { EPV_CODE, isEpvRefusal } from "../../src/study/epv.js";
import type { StudyResults } from "../../src/study/run.js";
import { DELETE, exampleSpec, patched, runSpecRaw, type Json } from "./options-honoured-harness.js";

/** The example without the long-term analyses, multiple imputation and the clone–censor–weight bootstrap (speed). */
const fast = (): Json =>
  patched(exampleSpec(), {
    "analyses.competingRisks": DELETE,
    "analyses.cure": DELETE,
    "analyses.prediction": DELETE,
    "analyses.recurrent": DELETE,
    "analyses.sensitivity": DELETE,
    missing: DELETE,
    "analyses.immortalTime.cloneCensorWeight": false,
  });

const floorText = (k: number, p: number, epv: string): string => `not estimated: ${k} events for ${p} parameters (EPV ${epv}, floor 5; set analyses.safeguards.epvFloor to change)`;
const ADJUSTED = ["multivariable", "matchedAdjusted", "weightedAdjusted", "weightedAdjustedMEstimation"];

describe("the EPV floor on the treatment-effect regressions of the example (default floor 5)", () => {
  const r: StudyResults = runSpecRaw(fast());
  const eff = r.analyses.effects!;
  const est = (id: string) => eff.estimates.find((e) => e.id === id)!;

  it("the table's covariate-adjusted Cox models are not estimated: no HR, CI, p, E-value or bootstrap from them", () => {
    expect(est("multivariable").notEstimable).toBe(floorText(23, 8, "2.9"));
    expect(est("matchedAdjusted").notEstimable).toBe(floorText(10, 8, "1.3"));
    expect(est("weightedAdjusted").notEstimable).toBe(floorText(23, 8, "2.9"));
    expect(est("weightedAdjustedMEstimation").notEstimable).toBe(floorText(23, 8, "2.9"));
    for (const id of ADJUSTED) {
      const e = est(id);
      expect([e.coef, e.se, e.hr, e.lower, e.upper, e.p, e.eValue, e.bootstrap], id).toEqual([null, null, null, null, null, null, null, null]);
      // the row keeps its place, its population and its model
      expect(e.nEvents, id).toBeGreaterThan(0);
      expect(e.adjustedFor.length, id).toBe(7);
    }
    // estimates without a covariate-adjusted outcome model stay
    for (const id of ["crude", "matched", "matchedStratified", "weighted", "weightedMEstimation"]) {
      expect(est(id).hr, id).not.toBeNull();
      expect(est(id).notEstimable, id).toBeNull();
    }
    expect(eff.refused.map((m) => [m.analysis, m.label, m.epv.events, m.epv.parameters, m.n])).toEqual([
      ["effects.multivariable", "Multivariable Cox (conditional HR)", 23, 8, 56],
      ["effects.matchedAdjusted", "PS-matched Cox adjusted for covariates (ATM, conditional HR)", 10, 8, 22],
      ["effects.weightedAdjusted", "IPTW Cox adjusted for covariates (ATE, conditional HR)", 23, 8, 56],
    ]);
  });

  it("results.notEstimable lists each refused model once, with MODEL_TOO_FEW_EVENTS", () => {
    const ne = r.notEstimable.filter((n) => n.code === EPV_CODE);
    expect(ne.map((n) => n.analysis)).toEqual(["immortalTime.adjustedTimeDependent", "immortalTime.landmarkPs.multivariable", "effects.multivariable", "effects.matchedAdjusted", "effects.weightedAdjusted"]);
    expect(ne.find((n) => n.analysis === "effects.multivariable")!.reason).toBe(`Multivariable Cox (conditional HR): ${floorText(23, 8, "2.9")}`);
    // the landmark model by its landmark time and model (issue 19), not the treatment-effect row's label
    expect(ne.find((n) => n.analysis === "immortalTime.landmarkPs.multivariable")!.reason).toBe(`landmark at 6 months, Cox adjusted for the covariates (conditional HR): ${floorText(22, 8, "2.8")}`);
    expect(ne[0].reason).toBe(`Time-dependent Cox adjusted for the covariates: ${floorText(23, 8, "2.9")}`);
    expect(ne.every((n) => isEpvRefusal(n.reason))).toBe(true);
  });

  it("the adjusted time-dependent Cox and the landmark's adjusted Cox are not estimated either", () => {
    const it6 = r.analyses.immortalTime!;
    expect(it6.adjustedTimeDependent).toBeUndefined();
    expect(it6.refused.map((m) => [m.analysis, m.epv.events, m.epv.parameters])).toEqual([["immortalTime.adjustedTimeDependent", 23, 8], ["immortalTime.landmarkPs.multivariable", 22, 8]]);
    const lm = it6.landmarkPs!.effects.estimates.find((e) => e.id === "multivariable")!;
    expect([lm.hr, lm.notEstimable]).toEqual([null, floorText(22, 8, "2.8")]);
    expect(it6.landmarkPs!.effects.estimates.find((e) => e.id === "weighted")!.hr).not.toBeNull();
    // no warning about a model that was not fitted (its fit's monotone likelihood, its EPV)
    expect(it6.warnings.filter((w) => w.startsWith("adjusted time-dependent Cox"))).toEqual([]);
  });

  it("no warning flags a refused model as if it had been estimated", () => {
    expect(r.warnings.filter((w) => /do not rely on th/.test(w))).toEqual([]);
    const effectWarnings = r.warnings.filter((w) => w.startsWith("treatment effects: "));
    for (const id of ADJUSTED) expect(effectWarnings.filter((w) => w.includes(est(id).label)), id).toEqual([]);
    expect(effectWarnings.filter((w) => w.includes("may be infinite"))).toEqual([]);
  });

  it("the primary falls past the refused adjusted time-dependent Cox to the next candidate, and says why", () => {
    const td = r.primary.candidates.find((c) => c.id === "adjustedTimeDependent")!;
    expect(td.notEstimable).toBe(floorText(23, 8, "2.9"));
    // and past the landmark IPTW and matched rows, flagged since issue 19's referee review (residual imbalance, worsened
    // balance, few events: test/study/landmark-flags.test.ts): no candidate is left, and the reason names each one
    expect(r.primary.id).toBeNull();
    expect(r.primary.reason).toContain("Landmark at 6 months: IPTW Cox (ATE, marginal HR; M-estimation SE): residual imbalance after weighting");
    expect(r.primary.reason).toContain(`Time-dependent Cox adjusted for the covariates (conditional HR; robust SE): ${floorText(23, 8, "2.9")}`);
  });

  it("the report and the CLI summary say 'not estimated: k events for p parameters' in the models' places", () => {
    const model = buildReportModel(r);
    const effects = model.tables.find((t) => t.id === "effects")!.table;
    const row = effects.rows.find((x) => x[0].startsWith("Multivariable Cox (conditional HR)"))!;
    expect(row[1]).toBe(floorText(23, 8, "2.9"));
    const immortal = model.tables.find((t) => t.id === "immortal-time")!.table;
    const td = immortal.rows.find((x) => x[0].startsWith("Time-dependent Cox adjusted for the covariates"))!;
    expect(td[3]).toBe(floorText(23, 8, "2.9"));
    expect([td[1], td[5]]).toEqual(["all with complete covariates, n = 56", "23"]);
    const lm = immortal.rows.find((x) => x[0].includes("Cox adjusted for the covariates") && x[0].startsWith("Landmark"))!;
    expect(lm[3]).toBe(floorText(22, 8, "2.8"));
    const methods = methodsText(r);
    expect(methods).toContain("Covariate-adjusted models with fewer than 5 events per parameter were not estimated (Vittinghoff and McCulloch 2007): multivariable Cox, 23 events for 8 parameters; PS-matched Cox adjusted for covariates, 10 events for 8 parameters; IPTW Cox adjusted for covariates, 23 events for 8 parameters.");
    expect(methods).toMatch(/a Cox model with treatment as a time-dependent covariate adjusted for [^;]*, not estimated \(23 events for 8 parameters, fewer than 5 per parameter\)/);
    const text = summaryText(r, "en");
    // a refused row is named by its table and its model, not by the table alone (issue 19 point 1)
    expect(text).toContain(`  - Treatment effect, Multivariable Cox (conditional HR): ${floorText(23, 8, "2.9")} [MODEL_TOO_FEW_EVENTS]`);
    expect(text).toContain(`  - Treatment effect, PS-matched Cox adjusted for covariates (matched sample, conditional HR): ${floorText(10, 8, "1.3")} [MODEL_TOO_FEW_EVENTS]`);
    // a refused landmark model by its landmark time and model, not by the whole design (issue 19)
    expect(text).toContain(`  - Immortal time, landmark at 6 months, Cox adjusted for the covariates (conditional HR): ${floorText(22, 8, "2.8")} [MODEL_TOO_FEW_EVENTS]`);
    expect(text).not.toContain("Treatment-effect table: not estimable");
    expect(text).toMatch(new RegExp(`Multivariable Cox \\(conditional HR\\) \\[[^\\]]*\\]: ${floorText(23, 8, "2.9").replace(/[()]/g, "\\$&")}`));
  });

  describe("with epvFloor: 0 the models are estimated again, with the numbers they had before the rule", () => {
    const all = runSpecRaw(patched(fast(), { "analyses.safeguards": { epvFloor: 0 } }));
    const effAll = all.analyses.effects!;

    it("every row has an estimate; nothing is refused; the EPV warnings say how few events there are", () => {
      expect(effAll.estimates.every((e) => e.hr !== null && e.notEstimable === null)).toBe(true);
      expect(effAll.refused).toEqual([]);
      expect(all.notEstimable.filter((n) => n.code === EPV_CODE)).toEqual([]);
      expect(all.analyses.immortalTime!.adjustedTimeDependent).toBeDefined();
      expect(all.analyses.immortalTime!.landmarkPs!.effects.estimates.find((e) => e.id === "multivariable")!.hr).not.toBeNull();
      expect(all.warnings).toContain("treatment effects: Multivariable Cox (conditional HR): few events per parameter: 23 events for 8 parameters (EPV 2.9, below 10): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)");
      expect(all.analyses.immortalTime!.warnings).toContain("adjusted time-dependent Cox: few events per parameter: 23 events for 8 parameters (EPV 2.9): the conditional HR may be biased away from 1 and its CI too narrow (Peduzzi 1996)");
      expect(all.primary.id).toBe("adjustedTimeDependent");
    });

    it("the refusal changes only the refused rows: the rule applied to the floor-0 table gives the default table", () => {
      const again = refuseEffectModels(effAll, { epvWarn: 10, epvFloor: 5 }, "effects");
      expect(again.result.estimates).toEqual(eff.estimates);
      expect(again.refused).toEqual(eff.refused);
      for (const id of ["crude", "matched", "matchedStratified", "weighted", "weightedMEstimation"]) expect(est(id), id).toEqual(effAll.estimates.find((e) => e.id === id));
    });
  });
});

describe("a declared primary refused below the floor falls to the default rule, and says so", () => {
  it("analyses.primary: multivariable (EPV 2.9) without a treatment date → the IPTW marginal HR", () => {
    // balance judged at |SMD| < 0.2 and variance ratio within 1/3–3: the weighted sample is balanced, so its IPTW HR carries no residual-imbalance flag
    const r = runSpecRaw(patched(fast(), { "treatment.date": DELETE, "analyses.immortalTime": DELETE, "analyses.primary": "multivariable", "analyses.propensity.balance": { thresholds: { smd: 0.2, varianceRatio: 3 } } }));
    expect(r.primary).toMatchObject({ id: "weightedMEstimation", section: "effects", declared: false });
    expect(r.primary.reason).toMatch(/^The declared primary analysis \(analyses\.primary: multivariable, Multivariable Cox \(conditional HR\)\) was not estimated: 23 events for 8 parameters \(EPV 2\.9, floor 5; [^)]*\); the primary falls to the next by the default rule\. Default rule: /);
    expect(r.analyses.effects!.primary).toBe("weightedMEstimation");
  });
});

describe("the bootstrap keeps no interval of a refused model", () => {
  it("no logHR interval, name or warning of the refused models; the others keep theirs", () => {
    const r = runSpecRaw(patched(fast(), { "treatment.date": DELETE, "analyses.immortalTime": DELETE, "analyses.propensity.bootstrap": { replicates: 10 } }));
    const b = r.analyses.effects!.bootstrap!;
    for (const id of ["multivariable", "matchedAdjusted", "weightedAdjusted"]) {
      expect(b.names, id).not.toContain(`logHR:${id}`);
      expect(b.intervals.map((iv) => iv.name), id).not.toContain(`logHR:${id}`);
    }
    expect(b.intervals.map((iv) => iv.name)).toContain("logHR:weighted");
    expect(b.intervals.length).toBe(b.names.length);
    expect(r.analyses.effects!.estimates.find((e) => e.id === "weighted")!.bootstrap).not.toBeNull();
  });
});
