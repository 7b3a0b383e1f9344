/**
 * `survinfer cure ... --json` end to end against the R fixture lms-cohort (tools/oracle/cure.R):
 * a CSV is rebuilt from the fixture input and the command is registered on a bare commander program
 * (the lead wires it into the CLI registry).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerCure } from "../../src/cli/commands/cure.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-cure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: dir };
  const program = new Command("survinfer").exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCure(program, io);
  await program.parseAsync(argv, { from: "user" });
  return { stdout, stderr };
}

interface Fx {
  time: number[];
  status: number[];
  z: number[][];
  x: number[][];
}

describe("survinfer cure --json", () => {
  const fx = loadFixture<Fx, { weibull: { theta: number[] }; em: { b: number[]; beta: number[]; iterations: number } }>("cure", "lms-cohort");
  const lines = ["time,status,n_lung_mets,timing,age_primary"];
  fx.input.time.forEach((t, i) => lines.push(`${t},${fx.input.status[i]},${fx.input.z[1][i]},${fx.input.z[2][i] === 1 ? "synchronous" : "metachronous"},${fx.input.x[0][i]}`));
  writeFileSync(join(dir, "cohort.csv"), lines.join("\n") + "\n");
  const base = ["cure", "cohort.csv", "--time", "time", "--event", "status", "--incidence", "n_lung_mets,timing", "--latency", "age_primary", "--json"];

  it("fits the Weibull cure model as R's optim on the same likelihood, with a categorical incidence covariate dummy-coded as R", async () => {
    const r = await run(base);
    const res = JSON.parse(r.stdout) as { incidence: { name: string; estimate: number }[]; latency: { estimate: number }[]; logLambda: { estimate: number }; logShape: { estimate: number }; cureFraction: { groups: { name: string }[] }; patients: { id: string; cureProbability: number }[]; followUp: { plateauLength: number } };
    expect(res.incidence.map((c) => c.name)).toEqual(["(Intercept)", "n_lung_mets", "timingsynchronous"]);
    const theta = [...res.incidence.map((c) => c.estimate), ...res.latency.map((c) => c.estimate), res.logLambda.estimate, res.logShape.estimate];
    expectClose(theta, fx.expected.weibull.theta, { rel: 1e-10, abs: 1e-12 }, "theta");
    expect(res.cureFraction.groups.map((g) => g.name)).toEqual(["timing=metachronous", "timing=synchronous"]);
    expect(res.patients).toHaveLength(64);
    res.patients.forEach((p, i) => {
      if (fx.input.status[i] === 1) expect(p.cureProbability).toBe(0);
      else expect(p.cureProbability).toBeGreaterThan(0);
    });
  });

  it("fits the semiparametric model with --model ph and a seeded bootstrap that repeats exactly", async () => {
    const a = JSON.parse((await run([...base, "--model", "ph", "--bootstrap", "20", "--seed", "7"])).stdout) as { incidence: { estimate: number; se: number }[]; latency: { estimate: number }[]; convergence: { iterations: number } };
    const b = JSON.parse((await run([...base, "--model", "ph", "--bootstrap", "20", "--seed", "7"])).stdout) as typeof a;
    expectClose(a.incidence.map((c) => c.estimate), fx.expected.em.b, { rel: 1e-10, abs: 1e-12 }, "b");
    expectClose(a.latency.map((c) => c.estimate), fx.expected.em.beta, { rel: 1e-10, abs: 1e-12 }, "beta");
    expect(a.convergence.iterations).toBe(fx.expected.em.iterations);
    expect(a.incidence.map((c) => c.se)).toEqual(b.incidence.map((c) => c.se));
    expect(a.incidence.every((c) => c.se > 0)).toBe(true);
  });

  it("stops with OPTION_INVALID on an unknown --model", async () => {
    await expect(run([...base, "--model", "cox"])).rejects.toMatchObject({ code: "OPTION_INVALID" });
  });

  it("prints a human table with the follow-up check without --json", async () => {
    const r = await run(base.slice(0, -1));
    expect(r.stdout).toContain("Weibull mixture cure model");
    expect(r.stdout).toContain("Maller–Zhou");
  });
});
