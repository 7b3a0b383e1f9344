/**
 * Issue 16, safeguards: events per parameter (src/study/epv.ts) — the rule on hand-counted cases, then on
 * the example study (64 patients): the 3-event "other causes" models and the treatment-effect table's adjusted
 * Cox models (EPV 1.3–2.9) are refused and keep their place in the table, the multivariable Cox (24 events, 3 parameters), the cure and prediction (16 events among the operated) models are warned,
 * the PS model's figures (16 controls, 7 parameters) are returned, and analyses.safeguards changes them.
 */
import { describe, expect, it } from "vitest";
import { EPV_CODE, effectsEpvWarnings, epvRefusalError, eventsPerParameter, formatEpv, isEpvRefusal, refusalEntry, refusalsOf } from "../../src/study/epv.js";
import { ESTIMABILITY_CODES } from "../../src/study/not-estimable.js";
import { causeModelsTable } from "../../src/report/tables-long-term.js";
import { coxTable } from "../../src/report/tables.js";
import { safeguardsSchema } from "../../src/study/schema.js";
import type { StudyResults } from "../../src/study/run.js";
import { base, patched, runSpecRaw } from "./options-honoured-harness.js";

describe("eventsPerParameter: warn below epvWarn, refuse below epvFloor", () => {
  it("counts EPV = events / parameters and judges it against 10 and 5 by default", () => {
    const e = eventsPerParameter(24, 3);
    expect([e.events, e.parameters, e.epv, e.status, e.epvWarn, e.epvFloor]).toEqual([24, 3, 8, "warn", 10, 5]);
    expect(e.message).toBe("few events per parameter: 24 events for 3 parameters (EPV 8, below 10): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)");
    expect(eventsPerParameter(30, 3).status).toBe("ok");
    expect(eventsPerParameter(30, 3).message).toBeNull();
  });

  it("refuses below the floor and says so in the words the tables show", () => {
    const e = eventsPerParameter(3, 2);
    expect(e.status).toBe("refuse");
    expect(e.epv).toBe(1.5);
    expect(e.message).toBe("not estimated: 3 events for 2 parameters (EPV 1.5, floor 5; set analyses.safeguards.epvFloor to change)");
    expect(eventsPerParameter(1, 1).message).toMatch(/^not estimated: 1 event for 1 parameter \(EPV 1,/);
  });

  it("is strict at the thresholds: EPV equal to the floor is warned, equal to epvWarn is fine", () => {
    expect(eventsPerParameter(10, 2).status).toBe("warn"); // 5
    expect(eventsPerParameter(9, 2).status).toBe("refuse"); // 4.5
    expect(eventsPerParameter(20, 2).status).toBe("ok"); // 10
    expect(eventsPerParameter(19, 2).status).toBe("warn"); // 9.5
  });

  it("takes other thresholds; a floor of 0 never refuses; a model without parameters is fine", () => {
    expect(eventsPerParameter(3, 2, { epvWarn: 2, epvFloor: 1 }).status).toBe("warn");
    expect(eventsPerParameter(3, 1, { epvWarn: 2, epvFloor: 1 }).status).toBe("ok");
    expect(eventsPerParameter(0, 4, { epvWarn: 10, epvFloor: 0 }).status).toBe("warn");
    const none = eventsPerParameter(5, 0);
    expect([none.epv, none.status]).toEqual([Number.POSITIVE_INFINITY, "ok"]);
    expect(formatEpv(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatEpv(16 / 7)).toBe("2.3");
  });

  it("names what counts as an event (the PS model: patients of the smaller group)", () => {
    expect(eventsPerParameter(16, 7, undefined, "patient").message).toMatch(/^not estimated: 16 patients for 7 parameters \(EPV 2\.3, floor 5;/);
  });

  it("a refusal is an estimability failure (the study goes on) with a stable code", () => {
    expect(ESTIMABILITY_CODES.has(EPV_CODE)).toBe(true);
    const err = epvRefusalError("cure model", eventsPerParameter(4, 2));
    expect(err.code).toBe("MODEL_TOO_FEW_EVENTS");
    expect(err.message).toContain("cure model: not estimated: 4 events for 2 parameters");
    const entry = refusalEntry({ analysis: "cox.multivariable", label: "Multivariable model", epv: eventsPerParameter(4, 2) });
    expect(entry).toEqual({ analysis: "cox.multivariable", reason: "Multivariable model: not estimated: 4 events for 2 parameters (EPV 2, floor 5; set analyses.safeguards.epvFloor to change)", code: EPV_CODE });
    expect(refusalsOf({})).toEqual([]);
  });

  it("warns on the treatment-effect table's Cox models between the floor and epvWarn (treatment + adjustment columns), once per text", () => {
    const w = effectsEpvWarnings([
      { label: "Crude Cox", nEvents: 23, adjustedFor: [] },
      { label: "Adjusted", nEvents: 23, adjustedFor: ["a", "b"] },
      { label: "Adjusted", nEvents: 23, adjustedFor: ["a", "b"] },
      { label: "Big", nEvents: 23, adjustedFor: ["a", "b", "c", "d", "e", "f", "g"] },
    ]);
    // "Big" (EPV 2.9) is below the floor: not estimated (src/study/effects-epv.ts), listed under notEstimable, not warned
    expect(w).toEqual(["Adjusted: few events per parameter: 23 events for 3 parameters (EPV 7.7, below 10): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)"]);
    expect(isEpvRefusal(eventsPerParameter(23, 8).message)).toBe(true);
    expect(isEpvRefusal(`Fine–Gray, Other causes: ${eventsPerParameter(3, 2).message}`)).toBe(true);
    expect(isEpvRefusal(eventsPerParameter(23, 3).message)).toBe(false);
    expect(isEpvRefusal("not estimable: the treatment coefficient did not converge")).toBe(false);
  });

  it("the spec's safeguards are validated: the floor may not exceed the warning threshold", () => {
    expect(safeguardsSchema.parse({})).toEqual({ epvWarn: 10, epvFloor: 5, propensityBelowFloor: "warn", minEvents: 10 });
    expect(() => safeguardsSchema.parse({ epvWarn: 4, epvFloor: 5 })).toThrow(/epvFloor \(5\) must not exceed epvWarn \(4\)/);
    expect(() => safeguardsSchema.parse({ epvFloor: -1 })).toThrow();
    expect(() => safeguardsSchema.parse({ propensityBelowFloor: "firth" })).toThrow();
  });
});

describe("on the example study (64 patients; 3 deaths from other causes)", () => {
  const r: StudyResults = runSpecRaw(base());

  it("refuses the cause-specific Cox and Fine–Gray models of other causes (3 events, 2 parameters) and fits sarcoma's (23 events)", () => {
    const cr = r.analyses.competingRisks!;
    expect(cr.models.map((m) => m.label)).toEqual(["Sarcoma"]);
    expect(cr.models[0].epv).toMatchObject({ events: 23, parameters: 2, status: "ok" });
    expect(cr.refused!.map((x) => [x.model, x.label, x.epv.events, x.epv.parameters, x.epv.status])).toEqual([
      ["causeSpecific", "cause-specific Cox, Other causes", 3, 2, "refuse"],
      ["fineGray", "Fine–Gray, Other causes", 3, 2, "refuse"],
    ]);
    const ne = r.notEstimable.filter((n) => n.code === EPV_CODE && n.analysis.startsWith("competingRisks."));
    expect(ne.map((n) => n.analysis)).toEqual(["competingRisks.causeSpecific.Other causes", "competingRisks.fineGray.Other causes"]);
    expect(ne[1].reason).toBe("Fine–Gray, Other causes: not estimated: 3 events for 2 parameters (EPV 1.5, floor 5; set analyses.safeguards.epvFloor to change)");
    // no subdistribution HR of other causes anywhere in results.json (the old report showed SHR 0.84, p < 0.001)
    expect(JSON.stringify(cr.models)).not.toContain("Other causes");
  });

  it("the competing-causes table says 'not estimated' in the place of both hazard ratios", () => {
    const t = causeModelsTable(r.analyses.competingRisks!)!;
    const row = t.rows.find((x) => x[0] === "Other causes")!;
    expect(row[1]).toBe("not estimated: 3 events for 2 parameters (EPV 1.5, floor 5; set analyses.safeguards.epvFloor to change)");
    expect(row[3]).toBe(row[1]);
    expect(t.footnotes.join(" ")).toContain("fewer than 5 events per model parameter");
  });

  it("warns on the multivariable Cox (24 events, 3 parameters) in its figures, its warnings and the table's footnote", () => {
    const cox = r.analyses.cox!;
    expect(cox.multivariable!.epv).toMatchObject({ events: 24, parameters: 3, epv: 8, status: "warn" });
    expect(cox.warnings).toContain("multivariable: few events per parameter: 24 events for 3 parameters (EPV 8, below 10): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)");
    expect(cox.refused).toEqual([]);
    // univariable screens: grade has 2 parameters on its complete cases, the others 1
    const grade = cox.univariable.find((u) => u.covariate === "grade")!;
    expect(grade.epv!.parameters).toBe(2);
    expect(grade.epv!.events).toBe(grade.result.fit.nEvent);
    expect(cox.univariable.every((u) => u.epv!.status === "ok")).toBe(true);
    expect(coxTable(cox).footnotes.join(" ")).toContain("Caution — few events per parameter: 24 events for 3 parameters");
    expect(r.warnings).toContain("Cox: multivariable: few events per parameter: 24 events for 3 parameters (EPV 8, below 10): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)");
  });

  it("returns the PS model's figures (events = 16 controls, 7 coefficients) and warns without refusing by default", () => {
    const p = r.analyses.propensity!;
    expect(p.epv).toMatchObject({ events: 16, parameters: 7, status: "refuse" });
    // (the worsened-balance warning of matching, issue 19, comes first in this list)
    expect(p.analysis.warnings.find((w) => w.startsWith("propensity model:"))).toMatch(/^propensity model: 16 patients in the smaller group \(controls\) for 7 coefficients \(EPV 2\.3, below the floor of 5\): kept because analyses\.safeguards\.propensityBelowFloor is "warn"/);
    expect(p.analysis.model.method).toBe("glm");
    expect(r.analyses.effects).toBeDefined();
  });

  it("refuses the treatment-effect table's covariate-adjusted Cox models (23 events for treatment + 7 covariate columns), as the other models", () => {
    // one notEstimable entry per model (the weighted model's two variances share one fit); no warning asks the reader to disregard a printed number
    const ne = r.notEstimable.filter((n) => n.code === EPV_CODE && n.analysis.startsWith("effects."));
    expect(ne.map((n) => n.reason)).toEqual([
      "Multivariable Cox (conditional HR): not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change)",
      "PS-matched Cox adjusted for covariates (ATM, conditional HR): not estimated: 10 events for 8 parameters (EPV 1.3, floor 5; set analyses.safeguards.epvFloor to change)",
      "IPTW Cox adjusted for covariates (ATE, conditional HR): not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change)",
    ]);
    expect(r.warnings.filter((x) => x.startsWith("treatment effects: ") && x.includes("EPV"))).toEqual([]);
    expect(r.analyses.effects!.estimates.filter((e) => e.hr === null).map((e) => e.id)).toEqual(["multivariable", "matchedAdjusted", "weightedAdjusted", "weightedAdjustedMEstimation"]);
  });

  it("cure (17 deaths from sarcoma among the operated, 2 covariate columns) and prediction (16 events among the operated, 4 columns) models carry their EPV and a warning", () => {
    expect(r.analyses.cure!.epv).toMatchObject({ events: 17, parameters: 2, status: "warn" });
    expect(r.analyses.prediction!.epv).toMatchObject({ events: 16, parameters: 4, epv: 4, status: "refuse" });
    expect(r.analyses.prediction!.warnings[0]).toMatch(/^too few events per parameter: 16 events for 4 parameters \(EPV 4, below the floor of 5\)/);
  });

  it("a lower floor fits the other-cause models; a higher one refuses the multivariable Cox and shows it in the table", () => {
    const low = runSpecRaw(patched(base(), { "analyses.safeguards": { epvFloor: 1 } }));
    expect(low.analyses.competingRisks!.models.map((m) => m.label)).toEqual(["Sarcoma", "Other causes"]);
    expect(low.notEstimable.filter((n) => n.code === EPV_CODE)).toEqual([]);
    const high = runSpecRaw(patched(base(), { "analyses.safeguards": { epvWarn: 20, epvFloor: 9 } }));
    const cox = high.analyses.cox!;
    expect(cox.multivariable).toBeUndefined();
    expect(cox.refused!.map((x) => x.analysis)).toEqual(["cox.multivariable"]);
    expect(high.notEstimable.map((n) => n.analysis)).toContain("cox.multivariable");
    expect(coxTable(cox).footnotes.join(" ")).toContain("Multivariable model not estimated: 24 events for 3 parameters (EPV 8, floor 9;");
    // the cure model (EPV 8.5) is refused as a whole, the rest of the study is produced
    expect(high.analyses.cure).toBeUndefined();
    expect(high.notEstimable.find((n) => n.analysis === "cure")?.reason).toContain("cure model: not estimated: 17 events for 2 parameters (EPV 8.5, floor 9;");
    expect(high.analyses.km).toBeDefined();
    // the prediction model (EPV 4) is flagged, never refused: it is judged by its validation
    expect(high.analyses.prediction!.epv!.status).toBe("refuse");
    expect(high.analyses.prediction!.warnings[0]).toBe("too few events per parameter: 16 events for 4 parameters (EPV 4, below the floor of 9): expect a large optimism correction and poor calibration in new patients; prefer fewer covariates");
  });

  it("a univariable model refused keeps its line in the Cox table", () => {
    // 24 events: with a floor of 13 the one-parameter screens pass (EPV ≥ 22) and grade (2 parameters) does not
    const res = runSpecRaw(patched(base(), { "analyses.safeguards": { epvWarn: 13, epvFloor: 13 } }));
    const cox = res.analyses.cox!;
    const refused = cox.refused!.find((x) => x.covariate === "grade")!;
    expect(refused.label).toBe("FNCLCC grade");
    const row = coxTable(cox).rows.find((x) => x[0] === "FNCLCC grade")!;
    expect(row[1]).toMatch(/^not estimated: \d+ events for 2 parameters \(EPV \d+(\.\d)?, floor 13;/);
    expect(cox.univariable.some((u) => u.covariate === "grade")).toBe(false);
  });

  it("propensityBelowFloor: refuse leaves out the propensity analysis and the treatment-effect table, and says why", () => {
    const res = runSpecRaw(patched(base(), { "analyses.safeguards": { propensityBelowFloor: "refuse" } }));
    expect(res.analyses.propensity).toBeUndefined();
    expect(res.analyses.effects).toBeUndefined();
    const ne = res.notEstimable.find((n) => n.analysis === "propensity")!;
    expect(ne.code).toBe(EPV_CODE);
    expect(ne.reason).toContain("16 patients for 7 parameters");
    expect(res.analyses.cox).toBeDefined();
  });
});
