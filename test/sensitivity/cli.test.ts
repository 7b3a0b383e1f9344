/** `survinfer sensitivity`: the three modes, their JSON, and bad input (exit 2). */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { rileySampleSize } from "../../src/sensitivity/sample-size.js";

describe("survinfer sensitivity", () => {
  it("--hr with --survival-at-end gives the E-value with the 1 − KM rule and the bias analysis", async () => {
    const r = await runCli(["sensitivity", "--hr", "0.62", "--lower", "0.41", "--upper", "0.94", "--survival-at-end", "0.9", "--gammas", "2,3", "--json"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { eValue: { options: { rare: boolean }; outcomeRisk: number }; biasAnalysis: { panels: { gamma: number }[] } };
    expect(o.eValue.options.rare).toBe(true);
    expect(o.biasAnalysis.panels.map((p) => p.gamma)).toEqual([2, 3]);
    const text = await runCli(["sensitivity", "--hr", "0.62", "--lower", "0.41", "--upper", "0.94"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/E-value: /);
  });

  it("--discordant gives the McNemar-type bounds and the Γ at which the conclusion changes", async () => {
    const r = await runCli(["sensitivity", "--discordant", "110,12", "--json"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { gammaChangeStatus: string; rows: unknown[] };
    expect(o.gammaChangeStatus).toBe("found");
    expect(o.rows.length).toBe(10);
  });

  it("--sample-size reproduces pmsampsize's published case 3.1 (4286 patients)", async () => {
    const r = await runCli(["sensitivity", "--sample-size", "--rsquared", "0.051", "--parameters", "25", "--rate", "0.065", "--horizon", "2", "--mean-follow-up", "2.07", "--json"]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as { n: number };
    expect(o.n).toBe(4286);
    expect(o.n).toBe(rileySampleSize({ rsquared: 0.051, parameters: 25, rate: 0.065, timepoint: 2, meanFollowUp: 2.07 }).n);
  });

  it("exits 2 on two modes at once, a missing limit, or a bad value, naming the option", async () => {
    const both = await runCli(["sensitivity", "--hr", "0.6", "--sample-size"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one/);
    const missing = await runCli(["sensitivity", "--hr", "0.6", "--upper", "0.9"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--lower");
    const bad = await runCli(["sensitivity", "--discordant", "3,x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--discordant");
  });
});
