/**
 * Issue 16, matching designs for few controls: before matching, the group sizes are compared and, when the
 * controls are too few for the requested design, MatchIt's warning and the designs that fit (ATC matching,
 * full matching, weighting) with what each keeps are in results.json (analyses.propensity.designProposal)
 * and reach "Read first" through the warnings.
 */
import { describe, expect, it } from "vitest";
import { designProposal } from "../../src/study/design-proposal.js";
import { readFirstItems } from "../../src/report/read-first.js";
import { base, patched, runSpecRaw } from "./options-honoured-harness.js";

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

  it("no proposal without matching, or when matching with replacement", () => {
    expect(runSpecRaw(patched(base(), { "analyses.propensity.matching.replace": true })).analyses.propensity!.designProposal).toBeUndefined();
  });
});
