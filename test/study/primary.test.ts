/**
 * analyses.primary: the declared primary analysis or the default rule (IPTW with M-estimation SE, IPTW
 * robust, matched, multivariable, crude; never one biased by design), the refusal of an unknown id, and
 * the results fields (`primary`, `analyses.effects.primary`).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { isSurvinferError } from "../../src/errors.js";
import { checkDeclaredPrimary, plannedPrimaryIds, resolvePrimary } from "../../src/study/primary.js";
import { parseStudySpec } from "../../src/study/spec.js";
import type { StudyResults } from "../../src/study/run.js";
import { EXAMPLE_SPEC, lenientBalance, runExampleVariant, undeclared, withoutLongTerm, type ExampleSpec } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-primary-"));
type Spec = ExampleSpec;

/** The example without the long-term analyses and without its declared primary and grace period (the default rule decides), with `edit` applied. */
function variant(name: string, edit: (spec: Spec) => void): StudyResults {
  return runExampleVariant(dir, name, (s) => {
    undeclared(s);
    withoutLongTerm(s);
    edit(s);
  });
}

const noDate = (s: Spec): void => {
  delete s.analyses.immortalTime;
  delete (s.treatment as Record<string, unknown>).date;
};

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

/** No treatment date, and balance thresholds under which the weighted sample is balanced (no residual-imbalance flag). */
const noDateBalanced = (s: Spec): void => {
  noDate(s);
  lenientBalance(s);
};

describe("the default primary analysis", () => {
  it("without a treatment date: the IPTW marginal HR with M-estimation SE, in results.primary and analyses.effects.primary", () => {
    const r = variant("default", noDateBalanced);
    expect(r.analyses.effects!.flags!.filter((f) => f.kind === "residualImbalance")).toEqual([]);
    expect(r.primary).toMatchObject({ id: "weightedMEstimation", section: "effects", declared: false, biasedByDesign: null });
    expect(r.primary.label).toBe(r.analyses.effects!.estimates.find((e) => e.id === "weightedMEstimation")!.label);
    expect(r.primary.reason).toMatch(/^Default rule/);
    expect(r.analyses.effects!.primary).toBe("weightedMEstimation");
    expect(r.analyses.effects!.biasedByDesign).toBeNull();
    // the default-rule candidates first, in their order
    expect(r.primary.candidates.slice(0, 5).map((c) => c.id)).toEqual(["weightedMEstimation", "weighted", "matched", "multivariable", "crude"]);
  });

  it("matching only: the PS-matched marginal HR, unless it is flagged (then the next of the rule, and the reason says why)", () => {
    const r = variant("matching-only", (s) => {
      noDate(s);
      delete (s.analyses.propensity as Record<string, unknown>).weighting;
    });
    const flag = r.primary.candidates.find((c) => c.id === "matched")?.flag ?? null;
    // on the example, 1:1 matching made balance worse (issue 19 point 3): the matched HR is flagged and skipped
    if (flag === null) expect(r.primary.id).toBe("matched");
    else {
      expect(flag).toContain("matching worsened balance");
      expect(r.primary.id).not.toBe("matched");
      expect(r.primary.reason).toContain(`: ${flag}`);
    }
  });

  it("never chooses an IPTW estimate flagged for residual imbalance, nor the crude Cox model in place of flagged adjusted ones", () => {
    // the example's own thresholds (|SMD| ≥ 0.1 or variance ratio outside 0.5–2): weighting leaves 4 of 8 terms
    // imbalanced, matching worsens balance, the multivariable Cox is below the events-per-parameter floor
    const r = variant("default-strict", noDate);
    const flagOf = (id: string): string | null => r.primary.candidates.find((c) => c.id === id)?.flag ?? null;
    expect(flagOf("weightedMEstimation")).toMatch(/^residual imbalance after weighting: \d+ of \d+ covariate terms imbalanced$/);
    expect(flagOf("weighted")).toBe(flagOf("weightedMEstimation"));
    expect(flagOf("matched")).toContain("matching worsened balance");
    expect(r.primary.id).toBeNull();
    expect(r.primary.reason).toMatch(/^No primary analysis: every confounding-adjusted analysis of the default rule is flagged or not estimable \(.*residual imbalance after weighting.*\), and the crude Cox model, not adjusted for confounding, is not chosen in their place/);
    expect(r.primary.reason).toContain(`: ${flagOf("weightedMEstimation")}`);
    expect(r.analyses.effects!.primary).toBeNull();
    // the flag names the imbalanced terms for the table's footnote (the balance verdict of the weighted sample)
    const f = r.analyses.effects!.flags!.find((x) => x.id === "weighted" && x.kind === "residualImbalance")!;
    expect(f.detail).toBe(r.analyses.propensity!.balance.verdicts.find((v) => v.sample === "weighted")!.text);
    // a covariate-adjusted estimate on the weighted sample models the residual differences: not flagged for them
    expect(r.analyses.effects!.flags!.some((x) => x.id.startsWith("weightedAdjusted") && x.kind === "residualImbalance")).toBe(false);
  });

  it("skips a candidate that is not estimable, and says so", () => {
    const r = variant("default", noDateBalanced);
    const eff = r.analyses.effects!;
    const broken = { ...r.analyses, effects: { ...eff, estimates: eff.estimates.map((e) => (e.id === "weightedMEstimation" ? { ...e, hr: null, notEstimable: "not estimable: diverged" } : e)) } };
    const p = resolvePrimary(broken, r.spec);
    expect(p.id).toBe("weighted");
    expect(p.reason).toContain(`${eff.estimates.find((e) => e.id === "weightedMEstimation")!.label}: not estimable`);
  });

  it("with a treatment date after the origin: clone–censor–weight ranks first but is skipped for its residual imbalance (referee s12 A9), every effects row biased by design (immortal time)", () => {
    const r = variant("dated", () => undefined);
    // its weights leave terms imbalanced after the grace period, the landmark IPTW rows are flagged too, the adjusted
    // time-dependent Cox is below the EPV floor: no primary by default, each skipped candidate said with its flag
    const ccw = r.primary.candidates.find((x) => x.id === "cloneCensorWeight")!;
    expect(r.primary.candidates[0].id).toBe("cloneCensorWeight");
    expect(ccw.flag).toMatch(/^residual imbalance after weighting: \d+ of \d+ covariate terms imbalanced$/);
    expect(r.primary).toMatchObject({ id: null, declared: false, biasedByDesign: null });
    expect(r.primary.reason).toContain(`${ccw.label}: ${ccw.flag}`);
    expect(r.primary.candidates.filter((c) => c.section === "effects").every((c) => c.biasedByDesign === "immortal time")).toBe(true);
    expect(r.primary.candidates.filter((c) => c.section === "immortal-time").every((c) => c.biasedByDesign === null)).toBe(true);
    // the primary's sentence outside its section has its own estimate and population
    const c = r.primary.candidates.find((x) => x.id === "cloneCensorWeight")!;
    expect(c.estimate!.hr).toBe(r.analyses.immortalTime!.cloneCensorWeight!.hazardRatio!.hr);
    expect(c.estimate!.n).toBe(r.analyses.immortalTime!.cloneCensorWeight!.n);
    expect(r.analyses.effects!.primary).toBeNull();
    expect(r.analyses.effects!.biasedByDesign).toBe("immortal time");
  });

  it("without clone–censor–weight the adjusted time-dependent Cox is the primary; with immortal time switched off, none qualifies", () => {
    // epvFloor 0: on the example the adjusted time-dependent Cox has 23 events for 8 parameters, below the default
    // floor of 5, and is then not estimated (the primary falls to the landmark IPTW: test/study/effects-epv.test.ts)
    const r = variant("dated-no-ccw", (s) => {
      s.analyses.immortalTime = { cloneCensorWeight: false };
      s.analyses.safeguards = { epvFloor: 0 };
    });
    expect(r.primary.id).toBe("adjustedTimeDependent");
    const off = variant("dated-off", (s) => {
      s.analyses.immortalTime = false;
    });
    expect(off.primary.id).toBeNull();
    expect(off.primary.reason).toMatch(/No primary analysis: .* biased by design \(immortal time\)/);
    expect(off.primary.candidates.every((c) => c.biasedByDesign === "immortal time")).toBe(true);
  });
});

describe("a declared primary analysis", () => {
  it("is used, and a biased one is labelled as such", () => {
    const r = variant("declared-matched", (s) => {
      s.analyses.primary = "matched";
    });
    expect(r.primary).toMatchObject({ id: "matched", declared: true, biasedByDesign: "immortal time" });
    expect(r.primary.reason).toContain("analyses.primary: matched");
    expect(r.analyses.effects!.primary).toBe("matched");
  });

  it("an unknown id is refused before any analysis, naming the key, the valid ids and the nearest one", () => {
    const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Spec;
    spec.analyses.primary = "weigthed";
    const parsed = parseStudySpec(stringify(spec), "study.yaml");
    const e = thrown(() => checkDeclaredPrimary(parsed, "study.yaml"));
    expect(isSurvinferError(e) && e.code).toBe("SPEC_PRIMARY_UNKNOWN");
    const msg = (e as Error).message;
    expect(msg).toContain("analyses.primary");
    expect(msg).toContain("study.yaml");
    for (const id of plannedPrimaryIds(parsed)) expect(msg).toContain(id);
    expect(msg).toContain('Did you mean "weighted"?');
  });

  it("the whole run stops with SPEC_PRIMARY_UNKNOWN for an id of an analysis the spec does not run", () => {
    const e = thrown(() =>
      variant("declared-weighted-without-weighting", (s) => {
        delete (s.analyses.propensity as Record<string, unknown>).weighting;
        s.analyses.primary = "weighted";
      }),
    );
    expect(isSurvinferError(e) && e.code).toBe("SPEC_PRIMARY_UNKNOWN");
    expect((e as Error).message).not.toContain("weightedMEstimation");
  });

  it("is refused when the study estimates no treatment effect", () => {
    const e = thrown(() =>
      variant("declared-no-propensity", (s) => {
        delete s.analyses.propensity;
        s.analyses.immortalTime = false;
        s.analyses.primary = "crude";
      }),
    );
    expect(isSurvinferError(e) && e.code).toBe("SPEC_PRIMARY_UNKNOWN");
    expect((e as Error).message).toContain("estimates no treatment effect");
  });

  it("a study without treatment effects has no primary and says why", () => {
    const r = variant("no-propensity", (s) => {
      delete s.analyses.propensity;
      s.analyses.immortalTime = false;
    });
    expect(r.primary).toMatchObject({ id: null, declared: false, candidates: [] });
    expect(r.primary.reason).toBe("No treatment-effect analysis ran.");
  });
});
