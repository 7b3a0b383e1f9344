/**
 * Issue 16, matching designs for few controls: before matching, the group sizes are compared and, when the
 * controls are too few for the requested design, MatchIt's warning and the designs that fit (ATC matching,
 * full matching, weighting) with what each keeps are in results.json (analyses.propensity.designProposal)
 * and reach "Read first" through the warnings.
 */
import { describe, expect, it } from "vitest";
import { designProposal } from "../../src/study/design-proposal.js";
import { readFirstItems } from "../../src/report/read-first.js";
import { buildReportModel } from "../../src/report/render.js";
import { DELETE, base, patched, runSpecRaw, type Patch } from "./options-honoured-harness.js";

describe("designProposal(nTreated, nControl, ratio, replace)", () => {
  it("is null when every treated patient can get its controls, or with replacement", () => {
    expect(designProposal(20, 20, 1, false)).toBeNull();
    expect(designProposal(20, 40, 2, false)).toBeNull();
    expect(designProposal(40, 16, 1, true)).toBeNull();
    // full matching fits any group sizes
    expect(designProposal(40, 16, 1, false, "full")).toBeNull();
    expect(designProposal(40, 16, 1, false, "optimal")).not.toBeNull();
  });

  it("says how many treated can be matched and what each alternative keeps", () => {
    const p = designProposal(40, 16, 1, false)!;
    expect(p.maxMatchedTreated).toBe(16);
    expect(p.options.map((o) => [o.design, o.estimand, o.keeps.treated, o.keeps.control])).toEqual([
      ["atc-matching", "ATC", 16, 16],
      ["full-matching", "ATT or ATE", 40, 16],
      ["weighting", "ATE or ATO", 40, 16],
    ]);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/^fewer control units than treated units \(16 controls, 40 treated, 1:1 matching without replacement\); not all treated units will get a match: at most 16 of 40 treated/);
    expect(p.warnings[0]).toContain("keeps all 56 patients");
  });

  it("with a caliper, full matching keeps the patients with a partner within it, and says how many", () => {
    const p = designProposal(40, 16, 1, false, "nearest", { treated: 31, control: 13, caliper: "0.2 SD of the logit PS" })!;
    expect(p.options[1].keeps).toEqual({ treated: 31, control: 13 });
    expect(p.options[1].text).toContain("keeps 44 of 56 patients with the caliper of 0.2 SD of the logit PS (31 of 40 treated, 13 of 16 controls: those with a partner within it), all 56 without a caliper (matching.caliper: null)");
    // everyone within the caliper: said as before
    expect(designProposal(40, 16, 1, false, "nearest", { treated: 40, control: 16, caliper: "0.2 SD of the PS" })!.options[1].text).toContain("keeps all 56 patients, ATT or ATE");
  });

  it("counts the ratio: 1:2 matching of 30 treated needs 60 controls", () => {
    const p = designProposal(30, 45, 2, false)!;
    expect(p.maxMatchedTreated).toBe(22);
    expect(p.warnings[0]).toContain("2:1 matching");
    expect(p.options[0].keeps).toEqual({ treated: 30, control: 30 });
    expect(p.options[0].text).toContain("keeps 30 of 45 controls and 30 of 30 treated");
  });
});

describe("on the example study (40 treated, 16 controls among the complete cases, 1:1 matching)", () => {
  const r = runSpecRaw(base());

  it("results.json carries the proposal next to the matching, and its warning is a propensity warning", () => {
    const p = r.analyses.propensity!;
    expect(p.designProposal).toMatchObject({ nTreated: 40, nControl: 16, ratio: 1, maxMatchedTreated: 16 });
    expect(p.analysis.warnings).toContain(p.designProposal!.warnings[0]);
    expect(r.warnings).toContain(`propensity: ${p.designProposal!.warnings[0]}`);
  });

  it("Read first lists it once, linked to the propensity section", () => {
    const items = readFirstItems(r, new Set(["propensity", "cox", "competing-risks", "not-estimable"]));
    const hits = items.filter((i) => i.text.includes("fewer control units than treated units"));
    expect(hits).toHaveLength(1);
    expect(hits[0].section).toBe("propensity");
  });

  it("what the proposal says full matching keeps is what the study's full matching keeps (0.2 SD caliper: 44 of 56; none: all 56)", () => {
    const keeps = r.analyses.propensity!.designProposal!.options.find((o) => o.design === "full-matching")!.keeps;
    const fast: Patch = { "analyses.competingRisks": DELETE, "analyses.cure": DELETE, "analyses.prediction": DELETE, "analyses.recurrent": DELETE, "analyses.sensitivity": DELETE, missing: DELETE, "analyses.immortalTime": false };
    const full = runSpecRaw(patched(base(), { ...fast, "analyses.propensity.matching": { method: "full", caliper: 0.2, distance: "logit" } }));
    expect(keeps).toEqual({ treated: full.analyses.effects!.matched!.nTreated, control: full.analyses.effects!.matched!.nControl });
    expect(keeps).toEqual({ treated: 31, control: 13 });
    const none = runSpecRaw(patched(base(), { ...fast, "analyses.propensity.matching": { method: "full", caliper: null, distance: "logit" } }));
    expect(none.analyses.effects!.matched).toMatchObject({ n: 56, nTreated: 40, nControl: 16, estimand: "ATT" });
  });

  it("the report's propensity section says the design proposal before any matched result", () => {
    const section = buildReportModel(r).model.sections.find((x) => x.id === "propensity")!;
    const blocks = section.blocks.map((b) => JSON.stringify(b));
    const note = blocks.findIndex((b) => b.includes("Design before matching: 16 controls for 40 treated, 1:1 matching without replacement can match at most 16 of 40 treated."));
    expect(note).toBeGreaterThan(-1);
    expect(blocks[note]).toContain("ATC matching (ATC) keeps 16 treated and 16 controls; full matching (ATT or ATE) keeps 31 treated and 13 controls");
    const firstMatched = blocks.findIndex((b) => /"(ps-overlap|love|matching)"/.test(b));
    expect(firstMatched).toBeGreaterThan(note);
  });

  it("no proposal without matching, or when matching with replacement", () => {
    expect(runSpecRaw(patched(base(), { "analyses.propensity.matching.replace": true })).analyses.propensity!.designProposal).toBeUndefined();
  });
});
