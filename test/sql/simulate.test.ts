/**
 * `survinfer simulate --format parquet`: the registry is generated inside DuckDB, reproducible from the seed
 * (same rows on every run, other rows for another seed), never replaces a file, and its known truth is
 * recovered by the in-database Cox fit.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import type { SqlEngine } from "../../src/sql/engine.js";
import { REGISTRY_TRUTH } from "../../src/sql/simulate-registry.js";

let dir: string;
let db: SqlEngine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "survinfer-sim-"));
  db = await openDuckDb({ threads: 1, cwd: dir });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const digest = async (file: string): Promise<readonly unknown[]> => (await db.query(`SELECT count(*), sum(hash(id, age, sex, stage, x1, x2, x3, x4, x5, x6, treated, time_days, status)) FROM '${file}'`)).rows[0];

describe("simulate --format parquet", () => {
  it("is reproducible from the seed and differs between seeds", async () => {
    for (const [file, seed] of [["a.parquet", "7"], ["b.parquet", "7"], ["c.parquet", "8"]]) {
      const r = await runCli(["simulate", "--format", "parquet", "--n", "3000", "--seed", seed, "--out", file], dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    const [a, b, c] = [await digest("a.parquet"), await digest("b.parquet"), await digest("c.parquet")];
    expect(a[0]).toBe(3000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("never replaces a file (OUTPUT_EXISTS) and needs --out (OPTION_MISSING)", async () => {
    const again = await runCli(["simulate", "--format", "parquet", "--n", "10", "--out", "a.parquet"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const noOut = await runCli(["simulate", "--format", "parquet", "--n", "10"], dir);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out/);
    expect(existsSync(join(dir, "a.parquet"))).toBe(true);
  });

  it("its treatment hazard ratio is recovered by the in-database Cox fit", async () => {
    const r = await runCli(["simulate", "--format", "parquet", "--n", "20000", "--seed", "3", "--out", "big.parquet"], dir);
    expect(r.code).toBe(0);
    const cox = await runCli(["cox", "big.parquet", "--formula", "Surv(time_days, status) ~ treated + age + stage + sex + x1 + x2 + x3", "--json"], dir);
    expect(cox.stderr).toBe("");
    const fit = JSON.parse(cox.stdout) as { terms: { name: string; coef: number; lower: number; upper: number }[] };
    const treated = fit.terms.find((t) => t.name === "treated")!;
    // the true HR lies in the 95% CI of this seed's fit (deterministic: same seed, same data)
    expect(treated.lower).toBeLessThan(Math.exp(REGISTRY_TRUTH.logHazardRatio.treated));
    expect(treated.upper).toBeGreaterThan(Math.exp(REGISTRY_TRUTH.logHazardRatio.treated));
    const age = fit.terms.find((t) => t.name === "age")!;
    expect(age.lower).toBeLessThan(Math.exp(REGISTRY_TRUTH.logHazardRatio.agePerYear));
    expect(age.upper).toBeGreaterThan(Math.exp(REGISTRY_TRUTH.logHazardRatio.agePerYear));
  });
});

describe("simulate --format parquet interrupted", () => {
  it("removes its temporary file on SIGTERM and ends by that signal, leaving the folder as it was", async () => {
    const here = mkdtempSync(join(tmpdir(), "survinfer-sim-stop-"));
    try {
      const root = join(__dirname, "../..");
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "simulate", "--format", "parquet", "--n", "400000000", "--out", join(here, "big.parquet")], { cwd: root, stdio: "ignore" });
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
      const deadline = Date.now() + 120_000;
      while (!readdirSync(here).some((f) => f.endsWith(".partial")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(readdirSync(here).some((f) => f.endsWith(".partial"))).toBe(true);
      child.kill("SIGTERM");
      expect(await exited).toBe("SIGTERM");
      expect(readdirSync(here)).toEqual([]);
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  }, 180_000);
});
