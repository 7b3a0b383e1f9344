/**
 * `survinfer cox` with a penalised spline: the JSON carries the fit and its `penalized` block (θ, df, tests,
 * HR curve); the human table adds the linear / non-linear rows; bad pspline() arguments exit 2.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureRoot } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";
import { expectClose } from "../helpers/expect-close.js";

const lungPath = join(fixtureRoot, "..", "data", "lung.csv");

describe("survinfer cox with pspline()", () => {
  it("--json reports the penalised fit as coxph (lung, df = 4, numeric sex as in R's lung)", async () => {
    const r = await runCli(["cox", lungPath, "--formula", "Surv(time, status) ~ pspline(age, df = 4)", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { columnNames: string[]; penalized: { df: number[]; outerIterations: number; newtonIterations: number; terms: { theta: number; df: number; curve: { x: number[] } }[] }; tests: { score: { statistic: number | null } } };
    expect(out.columnNames[0]).toBe("ps(age)3");
    expect([out.penalized.outerIterations, out.penalized.newtonIterations]).toEqual([4, 11]);
    // R: coxph(Surv(time, status) ~ pspline(age, df = 4), lung)$df (test/fixtures/r/pspline/lung-age-df4.json)
    expectClose(out.penalized.df, [4.0886417484784], { rel: 1e-10 }, "df");
    expect(out.penalized.terms[0].curve.x).toHaveLength(61);
    expect(out.tests.score.statistic).toBeNull();
  });

  it("prints the linear and non-linear tests, θ and the iterations", async () => {
    const r = await runCli(["cox", lungPath, "--formula", "Surv(time, status) ~ pspline(age, df = 4) + sex"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pspline\(age, df = 4\), linear/);
    expect(r.stdout).toMatch(/pspline\(age, df = 4\), non-linear/);
    expect(r.stdout).toMatch(/theta = 0\.798\d, df = 4\.1 \(target 4\)/);
    expect(r.stdout).toMatch(/Iterations: 4 outer, 11 Newton-Raphson/);
    expect(r.stdout).toMatch(/Score \(log-rank\) {5}= not computed for a penalised model/);
  });

  it("exits 2 on an invalid theta", async () => {
    const r = await runCli(["cox", lungPath, "--formula", "Surv(time, status) ~ pspline(age, theta = 2)"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/theta must lie strictly between 0 and 1/);
  });
});
