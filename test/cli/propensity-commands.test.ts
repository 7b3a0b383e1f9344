/**
 * survinfer match / weight end to end on MatchIt's lalonde (test/fixtures/data/lalonde.csv, written by
 * tools/oracle/datasets.R): the CLI fits the propensity model itself (glm), so equal matched sets show
 * that the model matrix, the glm fit and the matcher together reproduce R.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { fixtureRoot, loadFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

const lalonde = join(fixtureRoot, "..", "data", "lalonde.csv");
const covariates = "age,educ,race,married,nodegree,re74,re75";

interface MatchCase {
  name: string;
  options: { distance: "ps" | "logit"; ratio: number; replace: boolean; caliper?: number; stdCaliper: boolean; order: string; exact: boolean; mahalanobis: boolean };
  sets: { treated: string; controls: string[] }[];
  unmatched: { id: string }[] | string[];
  weights: number[];
}

const fx = loadFixture<{ ids: string[]; ps: number[] }, { cases: MatchCase[] }>("match", "lalonde");
const cliCases = fx.expected.cases.filter((c) => !c.options.exact && !c.options.mahalanobis && c.options.stdCaliper && c.options.order !== "random");

describe("survinfer match on lalonde equals the MatchIt 4.5.x algorithm (R fixture match/lalonde)", () => {
  for (const c of cliCases.slice(0, 12)) {
    it(c.name, async () => {
      const args = ["match", lalonde, "--id", "id", "--treatment", "treat", "--covariates", covariates, "--distance", c.options.distance, "--ratio", String(c.options.ratio), "--order", c.options.order, "--json"];
      if (c.options.replace) args.push("--replace");
      if (c.options.caliper !== undefined && c.options.caliper !== null) args.push("--caliper", String(c.options.caliper));
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(0);
      const res = JSON.parse(r.stdout) as { matched: { treated: string; controls: string[] }[]; ps: number[] };
      const norm = (sets: { treated: string; controls: string[] }[]): string[] => sets.map((s) => `${s.treated}:${[...s.controls].sort().join(",")}`).sort();
      expect(norm(res.matched)).toEqual(norm(c.sets));
      expectClose(res.ps, fx.input.ps, { rel: 1e-10 }, "ps");
    });
  }
});

describe("survinfer weight on lalonde", () => {
  it("ATE weights equal 1/e and 1/(1 − e) of R's glm propensity score; balance has the contract's fields", async () => {
    const r = await runCli(["weight", lalonde, "--id", "id", "--treatment", "treat", "--covariates", covariates, "--estimand", "ATE", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { ps: number[]; weights: number[]; ess: { treated: number; control: number }; balance: { before: { variable: string; smd: number; varianceRatio: number | null; ks: number }[]; after: unknown[] } };
    const treat = fx.input.ps.map((_, i) => i); // ids are in data order
    const expected = treat.map((i) => (i < 185 ? 1 / fx.input.ps[i] : 1 / (1 - fx.input.ps[i])));
    expectClose(res.weights, expected, { rel: 1e-10 }, "weights");
    expect(res.balance.before.map((b) => b.variable)).toContain("race_black");
    expect(Object.keys(res.balance.before[0]).sort()).toEqual(["balanced", "ks", "smd", "variable", "varianceRatio"]);
    expect(res.ess.treated).toBeGreaterThan(0);
  });

  it("stabilised overlap weights are refused as conflicting options", async () => {
    const r = await runCli(["weight", lalonde, "--treatment", "treat", "--covariates", covariates, "--estimand", "ATO", "--stabilize"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stabili/);
  });

  it("an unknown covariate is named with the nearest column", async () => {
    const r = await runCli(["weight", lalonde, "--treatment", "treat", "--covariates", "age,eduk", "--estimand", "ATE"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("eduk");
    expect(r.stderr).toContain("educ");
  });
});
