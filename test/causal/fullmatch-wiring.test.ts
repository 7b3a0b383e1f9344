/**
 * Full and caliper optimal matching wired into the front door (matchPropensity), the study spec
 * (analyses.propensity.matching.method) and `survinfer match --method full`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchFull, matchPropensity } from "../../src/causal/match.js";
import { weightsFromSubclass } from "../../src/causal/match/subclass-weights.js";
import { isSurvinferError } from "../../src/errors.js";
import { matchingSchema } from "../../src/study/schema.js";
import { runCli } from "../helpers/cli.js";
import { expectClose } from "../helpers/expect-close.js";
import { fixtureRoot } from "../helpers/fixtures.js";

const treat = Int32Array.from([1, 1, 0, 1, 0, 0, 1, 0]);
const ps = Float64Array.from([0.3, 0.35, 0.32, 0.7, 0.68, 0.75, 0.5, 0.45]);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isSurvinferError(e) ? e.code : "not a SurvinferError";
  }
  return undefined;
}

describe("matchPropensity dispatches on method", () => {
  it("full equals matchFull; optimal with a caliper; conflicting options are typed errors", () => {
    const a = matchPropensity({ treat, distance: ps }, { method: "full", caliper: 0.5, maxControls: 2 });
    const b = matchFull({ treat, distance: ps }, { caliper: 0.5, maxControls: 2 });
    expect(a.subclass).toEqual(b.subclass);
    expect(a.method).toBe("full");
    expect(matchPropensity({ treat, distance: ps }, { method: "optimal", caliper: 0.2 }).method).toBe("optimal");
    expect(codeOf(() => matchPropensity({ treat, distance: ps }, { method: "full", replace: true }))).toBe("OPTION_CONFLICT");
    expect(codeOf(() => matchPropensity({ treat, distance: ps }, { method: "full", ratio: 2 }))).toBe("OPTION_CONFLICT");
    expect(codeOf(() => matchPropensity({ treat, distance: ps }, { maxControls: 2 }))).toBe("OPTION_CONFLICT");
  });
});

describe("study spec: matching.method", () => {
  it("defaults to nearest, accepts full with its bounds, and rejects full-only options elsewhere", () => {
    expect(matchingSchema.parse({}).method).toBe("nearest");
    expect(matchingSchema.parse({ method: "full", minControls: 0.5, maxControls: 3, estimand: "ATE" })).toMatchObject({ method: "full", minControls: 0.5, maxControls: 3, estimand: "ATE" });
    expect(matchingSchema.safeParse({ maxControls: 3 }).success).toBe(false);
    expect(matchingSchema.safeParse({ method: "optimal", replace: true }).success).toBe(false);
    expect(matchingSchema.safeParse({ method: "full", ratio: 2 }).success).toBe(false);
  });
});

describe("survinfer match --method full", () => {
  const lalonde = join(fixtureRoot, "..", "data", "lalonde.csv");
  const covariates = "age,educ,race,married,nodegree,re74,re75";
  it("prints subclasses and MatchIt's ATT weights from them in the JSON", async () => {
    const r = await runCli(["match", lalonde, "--id", "id", "--treatment", "treat", "--covariates", covariates, "--distance", "logit", "--caliper", "0.2", "--method", "full", "--max-controls", "10", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { subclasses: { treated: string[]; controls: string[] }[]; weights: (number | null)[]; options: { method: string; maxControls: number }; objective: number };
    expect(j.options.method).toBe("full");
    expect(j.options.maxControls).toBe(10);
    expect(j.subclasses.length).toBeGreaterThan(10);
    for (const s of j.subclasses) {
      expect(s.treated.length === 1 || s.controls.length === 1).toBe(true);
      if (s.treated.length === 1) expect(s.controls.length).toBeLessThanOrEqual(10);
    }
    expect(j.objective).toBeGreaterThan(0);
    // weights in data order: recompute from the subclasses with MatchIt's rule
    const ids: string[] = [];
    const tr: number[] = [];
    const sub: (number | null)[] = [];
    j.subclasses.forEach((s, k) => {
      for (const t of s.treated) { ids.push(t); tr.push(1); sub.push(k + 1); }
      for (const c of s.controls) { ids.push(c); tr.push(0); sub.push(k + 1); }
    });
    const w = weightsFromSubclass(Int32Array.from(tr), sub, "ATT");
    const byId = new Map(ids.map((id, i) => [id, w[i]]));
    const dataIds = readFileSync(lalonde, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0].replace(/"/g, ""));
    const rows = j.weights.map((x, i) => ({ x, id: dataIds[i] }));
    let checked = 0;
    for (const { x, id } of rows) {
      if (!byId.has(id)) continue;
      expectClose(x!, byId.get(id)!, { rel: 1e-12 }, `weight of ${id}`);
      checked++;
    }
    expect(checked).toBe(ids.length);
  });
  it("refuses full-matching flags with another method (exit 2)", async () => {
    const r = await runCli(["match", lalonde, "--treatment", "treat", "--covariates", "age,educ", "--max-controls", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-controls applies to --method full only");
  });
});
