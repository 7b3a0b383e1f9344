/**
 * `survinfer cox` fits the model asked for but states the study's events-per-parameter rule (src/study/epv.ts):
 * a note below 10 events per parameter, a stronger one below the floor of 5 at which `survinfer run` refuses.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { epvNote } from "../../src/cli/commands/cox.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cox-epv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 40 patients, 10 events, five covariates from a fixed sequence
const path = join(dir, "cohort.csv");
const rows = Array.from({ length: 40 }, (_, i) => {
  const x = (k: number) => (Math.sin(i * 1.7 + k * 2.3) * 1.5).toFixed(3);
  return `${(5 + ((i * 37) % 53)).toFixed(1)},${i % 4 === 0 ? 1 : 0},${x(1)},${x(2)},${x(3)},${x(4)},${x(5)}`;
});
writeFileSync(path, ["time,status,a,b,c,d,e", ...rows].join("\n") + "\n");

describe("survinfer cox: events per parameter", () => {
  it("says when the model has fewer than 5 events per parameter (survinfer run would not fit it), in text and JSON", async () => {
    const r = await runCli(["cox", path, "--formula", "Surv(time, status) ~ a + b + c + d + e"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("note: too few events per parameter: 10 events for 5 parameters (EPV 2.0, below the floor of 5 at which survinfer run does not fit a model)");
    const j = await runCli(["cox", path, "--formula", "Surv(time, status) ~ a + b + c + d + e", "--json"]);
    expect((JSON.parse(j.stdout) as { warnings: string[] }).warnings.some((w) => w.startsWith("too few events per parameter: 10 events for 5 parameters"))).toBe(true);
  });

  it("a softer note between 5 and 10, none from 10 up", async () => {
    const r = await runCli(["cox", path, "--formula", "Surv(time, status) ~ a + b"]);
    expect(r.stdout).toContain("note: few events per parameter: 10 events for 2 parameters (EPV 5, below 10)");
    const one = await runCli(["cox", path, "--formula", "Surv(time, status) ~ a"]);
    expect(one.stdout).not.toContain("events per parameter");
    expect(epvNote(30, 3)).toEqual([]);
  });
});
