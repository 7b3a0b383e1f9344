/**
 * `survinfer effects`: the JSON contract (docs/cli.md, "effects") against riskRegression::ate on the tie-free
 * veteran fixture written as a CSV with a text treatment column, and bad input exiting 2 with a message that
 * names the problem (time beyond follow-up, a covariate missing for a whole group, separation in the PS model,
 * ATT with a weighting estimator).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: number[];
  status: number[];
  treat: number[];
  x: number[][];
}
interface Per {
  risk0: number[];
  risk1: number[];
  se0: number[];
  diff_se: number[];
  surv_ratio: number[];
}
const fx = loadFixture<Input, { gformula: Per; iptw: Per; aipw: Per; rmst: { diff: number; diff_se: number } }>("ate", "veteran");
const dir = mkdtempSync(join(tmpdir(), "survinfer-effects-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, edit: (row: string[], i: number) => string[] = (r) => r): string {
  const inp = fx.input;
  const lines = ["time,status,chemo,karno,age,prior"];
  for (let i = 0; i < inp.time.length; i++) {
    lines.push(edit([String(inp.time[i]), String(inp.status[i]), inp.treat[i] === 1 ? "test" : "standard", String(inp.x[0][i]), String(inp.x[1][i]), String(inp.x[2][i])], i).join(","));
  }
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const base = (file: string): string[] => ["effects", file, "--time", "time", "--event", "status", "--treatment", "chemo", "--treated-value", "test", "--covariates", "karno,age,prior"];

interface Json {
  n: number;
  groups: { untreated: string; treated: string };
  estimates: { estimator: string; estimand: string; at: { time: number; survival: { untreated: { estimate: number; se: number } }; difference: { estimate: number; se: number }; ratio: { estimate: number; lower: number; upper: number } }[]; rmst?: { difference: { estimate: number; se: number } } }[];
  options: { estimators: string[] };
}

describe("survinfer effects", () => {
  const file = csv("veteran.csv");

  it("--json: per estimator and time, survival per arm, difference and ratio agree with riskRegression::ate", async () => {
    const r = await runCli([...base(file), "--times", "30,90,180", "--tau", "180", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout) as Json;
    expect(obj.n).toBe(137);
    expect(obj.groups).toEqual({ untreated: "standard", treated: "test" });
    expect(obj.estimates.map((e) => e.estimator)).toEqual(["gformula", "iptw", "aipw"]);
    for (const e of obj.estimates) {
      const ex = fx.expected[e.estimator as "gformula" | "iptw" | "aipw"];
      // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
      expectClose(e.at.map((a) => a.survival.untreated.estimate), ex.risk0.map((f) => 1 - f), { rel: 1e-7 }, `${e.estimator} S0`);
      // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
      expectClose(e.at.map((a) => a.survival.untreated.se), ex.se0, { rel: 1e-6 }, `${e.estimator} se0`);
      // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
      expectClose(e.at.map((a) => a.difference.estimate), ex.risk0.map((f0, k) => f0 - ex.risk1[k]), { rel: 1e-7 }, `${e.estimator} difference`);
      // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
      expectClose(e.at.map((a) => a.difference.se), ex.diff_se, { rel: 1e-6 }, `${e.estimator} difference se`);
      // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
      expectClose(e.at.map((a) => a.ratio.estimate), ex.surv_ratio, { rel: 1e-7 }, `${e.estimator} ratio`);
      for (const a of e.at) expect(a.ratio.lower).toBeLessThan(a.ratio.upper);
    }
    // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
    expectClose(obj.estimates[0].rmst!.difference.estimate, fx.expected.rmst.diff, { rel: 1e-7 }, "rmst diff");
    // tolerance: against riskRegression: Cox/glm iterate (estimates 1e-7, SEs 1e-6)
    expectClose(obj.estimates[0].rmst!.difference.se, fx.expected.rmst.diff_se, { rel: 1e-6 }, "rmst diff se");
  });

  it("human output names the arms, the estimators and the RMST", async () => {
    const r = await runCli([...base(file), "--times", "90", "--tau", "180", "--estimator", "gformula"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("chemo = test (treated) vs standard (untreated)");
    expect(r.stdout).toContain("g-formula");
    expect(r.stdout).toContain("RMST up to 180");
    expect(r.stdout).not.toContain("AIPW");
  });

  it("a time beyond follow-up exits 2 naming the time and the group", async () => {
    const r = await runCli([...base(file), "--times", "30,2000"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("time 2000 is beyond the follow-up");
    expect(r.stdout).toBe("");
  });

  it("a covariate missing for a whole treatment group exits 2 naming it", async () => {
    const f = csv("missing-age.csv", (row) => (row[2] === "test" ? [row[0], row[1], row[2], row[3], "", row[5]] : row));
    const r = await runCli(["effects", f, "--time", "time", "--event", "status", "--treatment", "chemo", "--treated-value", "test", "--covariates", "karno,age", "--times", "90"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('covariate "age" is missing for every patient of the treated group');
  });

  it("separation in the propensity-score model exits 2 for IPTW, while the g-formula still runs", async () => {
    // prior := karno + 100 for the treated, karno for the untreated: every treated value is above every untreated one
    const f = csv("separated.csv", (row) => [...row.slice(0, 5), String(Number(row[3]) + (row[2] === "test" ? 100 : 0))]);
    const args = ["effects", f, "--time", "time", "--event", "status", "--treatment", "chemo", "--treated-value", "test", "--covariates", "age,prior", "--times", "90"];
    const r = await runCli([...args, "--estimator", "iptw"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("separates treated from untreated");
    expect(r.stderr).toContain('"prior"');
    const g = await runCli([...args, "--estimator", "gformula"]);
    expect(g.code).toBe(0);
  });

  it("--estimand ATT with --estimator aipw exits 2; with the g-formula it gives the ATT", async () => {
    const bad = await runCli([...base(file), "--times", "90", "--estimand", "ATT", "--estimator", "aipw"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("g-formula only");
    const ok = await runCli([...base(file), "--times", "90", "--estimand", "ATT", "--json"]);
    expect(ok.code).toBe(0);
    const obj = JSON.parse(ok.stdout) as Json;
    expect(obj.estimates.map((e) => [e.estimator, e.estimand])).toEqual([["gformula", "ATT"]]);
  });

  it("--band NSIM: simultaneous bands over the times, seeded by --seed, as the engine's (and the study's analyses.adjustedCurves.band)", async () => {
    const args = [...base(file), "--times", "30,90,180", "--estimator", "gformula"];
    const r = await runCli([...args, "--band", "2000", "--seed", "7", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    type Band = { nsim: number; seed: number; confLevel: number; quantile: { untreated: number; treated: number; difference: number }; at: { time: number; difference: { lower: number; upper: number } }[] };
    const obj = JSON.parse(r.stdout) as { options: { band: { nsim: number; seed: number } | null }; estimates: { band?: Band; at: { difference: { estimate: number; se: number; lower: number; upper: number } }[] }[] };
    expect(obj.options.band).toEqual({ nsim: 2000, seed: 7 });
    const g = obj.estimates[0];
    const b = g.band!;
    expect(b).toMatchObject({ nsim: 2000, seed: 7, confLevel: 0.95 });
    expect(b.at.map((a) => a.time)).toEqual([30, 90, 180]);
    // a band over 3 times is wider than the pointwise interval, and narrower than Bonferroni's over 3 times
    expect(b.quantile.difference).toBeGreaterThan(1.959963984540054);
    expect(b.quantile.difference).toBeLessThan(2.3939797998185104);
    g.at.forEach((a, t) => {
      expectClose(b.at[t].difference.lower, a.difference.estimate - b.quantile.difference * a.difference.se, { rel: 1e-12 }, "band lower");
      expect(b.at[t].difference.lower).toBeLessThan(a.difference.lower);
      expect(b.at[t].difference.upper).toBeGreaterThan(a.difference.upper);
    });
    // the seed decides the multipliers: the same seed gives the same band, another seed another quantile
    const again = JSON.parse((await runCli([...args, "--band", "2000", "--seed", "7", "--json"])).stdout) as typeof obj;
    expect(again.estimates[0].band).toEqual(b);
    const other = JSON.parse((await runCli([...args, "--band", "2000", "--seed", "8", "--json"])).stdout) as typeof obj;
    expect(other.estimates[0].band!.quantile.difference).not.toBe(b.quantile.difference);
    // without --band: no band
    const none = JSON.parse((await runCli([...args, "--json"])).stdout) as typeof obj;
    expect(none.options.band).toBeNull();
    expect(none.estimates[0].band).toBeUndefined();
  });

  it("--band in the human output, and a bad --band or --seed exits 2 naming the option", async () => {
    const r = await runCli([...base(file), "--times", "30,90", "--estimator", "gformula", "--band", "500"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Simultaneous 95% band over the times \(500 multiplier simulations, seed 1; quantile untreated [\d.]+, treated [\d.]+, difference [\d.]+\)/);
    expect(r.stdout).toContain("difference band");
    for (const bad of [["--band", "0"], ["--band", "1.5"], ["--band", "1000", "--seed", "-1"]]) {
      const e = await runCli([...base(file), "--times", "90", ...bad]);
      expect(e.code).toBe(2);
      expect(e.stderr).toContain(bad[bad.length - 2]);
    }
  });
});
