/**
 * Issue 13 ("the study tells the truth"): every key of the study spec's propensity section is honoured.
 * A table of (key, alternative value) pairs; for each, the example study is run as `survinfer run` runs it
 * with and without the change, and the change must either change the numbers of results.json (estimates,
 * counts, weights, curves — not the echo of the spec or of the options) or be refused with an error that
 * names the key. The table must cover every key the zod schema has, so a new key without an entry fails.
 */
import { describe, expect, it } from "vitest";
import { propensitySchema } from "../../src/study/schema.js";
import { buildReportModel } from "../../src/report/render.js";
import { base, checkEntry, DELETE, patched, runSpecObject, runSpecRaw, schemaKeys, type Entry, type Patch } from "./options-honoured-harness.js";

const P = "analyses.propensity";
const BOOT: Patch = { [`${P}.bootstrap`]: { replicates: 10 } };
const FULL: Patch = { [`${P}.matching.method`]: "full" };

/** (key, alternative) for every key of analyses.propensity; the example has matching 1:1, caliper 0.2 SD of the logit, ATE stabilised weights. */
const PROPENSITY_ENTRIES: readonly Entry[] = [
  { key: P, set: { [P]: DELETE }, expect: "numbers" },
  { key: `${P}.covariates`, set: { [`${P}.covariates`]: ["age_primary", "primary_size_mm", "n_lung_mets"] }, expect: "numbers" },
  { key: `${P}.matching`, set: { [`${P}.matching`]: DELETE }, expect: "numbers" },
  { key: `${P}.matching.ratio`, estimates: "matched", set: { [`${P}.matching.ratio`]: 2 }, expect: "numbers" },
  { key: `${P}.matching.caliper`, estimates: "matched", set: { [`${P}.matching.caliper`]: 0.05 }, expect: "numbers" },
  { key: `${P}.matching.distance`, estimates: "matched", set: { [`${P}.matching.distance`]: "ps" }, expect: "numbers" },
  { key: `${P}.matching.replace`, estimates: "matched", set: { [`${P}.matching.replace`]: true }, expect: "numbers" },
  { key: `${P}.matching.order`, estimates: "matched", set: { [`${P}.matching.order`]: "smallest" }, expect: "numbers" },
  { key: `${P}.matching.exact`, estimates: "matched", set: { [`${P}.matching.exact`]: ["timing"] }, expect: "numbers" },
  { key: `${P}.matching.method`, estimates: "matched", set: { [`${P}.matching.method`]: "full" }, expect: "numbers" },
  { key: `${P}.matching.minControls`, estimates: "matched", with: FULL, set: { [`${P}.matching.minControls`]: 0.5 }, expect: "numbers" },
  { key: `${P}.matching.maxControls`, estimates: "matched", with: FULL, set: { [`${P}.matching.maxControls`]: 1 }, expect: "numbers" },
  { key: `${P}.matching.estimand`, estimates: "matched", with: FULL, set: { [`${P}.matching.estimand`]: "ATE" }, expect: "numbers" },
  { key: `${P}.weighting`, set: { [`${P}.weighting`]: DELETE }, expect: "numbers" },
  { key: `${P}.weighting.estimand`, estimates: "weighted", set: { [`${P}.weighting.estimand`]: "ATT" }, expect: "numbers" },
  { key: `${P}.weighting.stabilize`, estimates: "weighted", set: { [`${P}.weighting.stabilize`]: false }, expect: "numbers" },
  { key: `${P}.weighting.trim`, estimates: "weighted", set: { [`${P}.weighting.trim`]: 0.1 }, expect: "numbers" },
  { key: `${P}.weighting.truncate`, estimates: "weighted", set: { [`${P}.weighting.truncate`]: 0.95 }, expect: "numbers" },
  { key: `${P}.balance`, set: { [`${P}.balance`]: { binary: "raw" } }, expect: "numbers" },
  { key: `${P}.balance.binary`, set: { [`${P}.balance.binary`]: "raw" }, expect: "numbers" },
  { key: `${P}.balance.denominator`, set: { [`${P}.balance.denominator`]: "treated" }, expect: "numbers" },
  { key: `${P}.balance.thresholds`, set: { [`${P}.balance.thresholds`]: { smd: 0.25 } }, expect: "numbers" },
  { key: `${P}.balance.thresholds.smd`, set: { [`${P}.balance.thresholds.smd`]: 0.25 }, expect: "numbers" },
  { key: `${P}.balance.thresholds.varianceRatio`, set: { [`${P}.balance.thresholds.varianceRatio`]: null }, expect: "numbers" },
  { key: `${P}.balance.thresholds.ks`, set: { [`${P}.balance.thresholds.ks`]: 0.2 }, expect: "numbers" },
  { key: `${P}.bootstrap`, set: BOOT, expect: "numbers" },
  { key: `${P}.bootstrap.replicates`, with: BOOT, set: { [`${P}.bootstrap.replicates`]: 12 }, expect: "numbers" },
  // the matched sample keeps 11 of 40 treated: many replicates' stratified fits diverge, so the share decides whether an interval is given
  { key: `${P}.bootstrap.maxFailedShare`, with: BOOT, set: { [`${P}.bootstrap.maxFailedShare`]: 0.6 }, expect: "numbers" },
];

describe("every key of analyses.propensity changes results.json or is refused", () => {
  it("the table covers every key the schema has (a new key without an entry fails here)", () => {
    const keys = [P, ...schemaKeys(propensitySchema, P)];
    expect(PROPENSITY_ENTRIES.map((e) => e.key).sort()).toEqual([...new Set(keys)].sort());
  });

  for (const e of PROPENSITY_ENTRIES) {
    it(`${e.key} → ${JSON.stringify(Object.values(e.set)[0] === DELETE ? "(removed)" : Object.values(e.set)[0])}`, () => {
      checkEntry(e, base());
    });
  }

  it("the effects table uses the same trimming, truncation and exact matching as the propensity section", () => {
    const spec = patched(base(), { [`${P}.weighting.trim`]: 0.1, [`${P}.weighting.truncate`]: 0.95, [`${P}.matching.exact`]: ["timing"] });
    const res = runSpecObject(spec) as { analyses: { propensity: { analysis: { weighting: { weights: (number | null)[] }; matching: { weights: (number | null)[] } } }; effects: { estimates: { id: string; n: number; method: string; variance: string }[] } } };
    const pw = res.analyses.propensity.analysis.weighting.weights.filter((w) => w !== null && w > 0).length;
    const pm = res.analyses.propensity.analysis.matching.weights.filter((w) => w !== null && w > 0).length;
    const est = new Map(res.analyses.effects.estimates.map((e) => [e.id, e]));
    // same samples (every patient of the example has the outcome, so the two steps see the same rows)
    expect(est.get("weighted")!.n).toBe(pw);
    expect(est.get("matched")!.n).toBe(pm);
    expect(est.get("weighted")!.method).toContain("PS trimmed to [0.1, 0.9]");
    expect(est.get("weighted")!.method).toContain("truncated at the 95th percentile");
    expect(est.get("weightedMEstimation")!.variance).toContain("trimming set and truncation threshold held fixed");
    expect(est.get("matched")!.method).toContain("exact on timing");
    // and the report's methods text says so
    const methods = JSON.stringify(buildReportModel(runSpecRaw(spec)));
    expect(methods.includes("exactly on timing of lung metastases"), "methods text names the exact-matching variable").toBe(true);
    expect(methods.includes("after trimming propensity scores outside ["), "methods text names the trimming").toBe(true);
  });
});
