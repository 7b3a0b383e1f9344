/** `survinfer predict` (registered on its own program here; the lead wires it into the command registry). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerPredict } from "../../src/cli/commands/predict.js";
import { isSurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-predict-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: dir };
  const program = new Command("survinfer").exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerPredict(program, io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (isSurvinferError(e)) return { code: 2, stdout, stderr: stderr + e.message };
    throw e;
  }
}

const fx = loadFixture<{ time: number[]; status: number[]; columns: string[]; x: number[][] }, { harrell: { value: number; se: number }; uno: { value: number; se: number }; auc: number }>("validation", "lung");
const csv = join(dir, "lung.csv");
writeFileSync(csv, ["time,status,age,sex,ecog", ...fx.input.time.map((t, i) => [t, fx.input.status[i], fx.input.x[0][i], fx.input.x[1][i], fx.input.x[2][i]].join(","))].join("\n") + "\n");

describe("survinfer predict", () => {
  it("prints Harrell's C, Uno's C and AUC(t) equal to R's with --json", async () => {
    const r = await run(["predict", csv, "--formula", "Surv(time, status) ~ age + sex + ecog", "--times", "365", "--tau", "730", "--bootstrap", "5", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { harrell: { value: number; se: number }; uno: { value: number; se: number }; auc: { auc: number }; optimism: { B: number; indices: { name: string }[] }; nomogram: { columns: unknown[] } };
    expectClose(out.harrell.value, fx.expected.harrell.value, { rel: 1e-10 }, "Harrell");
    expectClose(out.harrell.se, fx.expected.harrell.se, { rel: 1e-8 }, "Harrell se");
    expectClose(out.uno.value, fx.expected.uno.value, { rel: 1e-10 }, "Uno");
    expectClose(out.auc.auc, fx.expected.auc, { rel: 1e-8 }, "AUC");
    expect(out.optimism.B).toBe(5);
    expect(out.optimism.indices.map((i) => i.name)).toEqual(["harrellC", "unoC", "auc", "slope", "intercept"]);
    expect(out.nomogram.columns).toHaveLength(3);
  });

  it("prints a human table with apparent, optimism and corrected values", async () => {
    const r = await run(["predict", csv, "--formula", "Surv(time, status) ~ age + sex + ecog", "--times", "365", "--bootstrap", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Harrell's C");
    expect(r.stdout).toContain("corrected");
    expect(r.stdout).toContain("Calibration at t = 365");
  });

  it("reads a text factor (timing) as R's treatment contrast and matches R on the example cohort", async () => {
    const c = loadFixture<{ time: number[]; status: number[]; columns: string[]; x: number[][] }, { coef: number[]; harrell: { value: number }; uno: { value: number }; auc: number; calibration: { predicted: number; observed: number | null }[] }>("validation", "lms-cohort");
    const path = join(dir, "cohort.csv");
    writeFileSync(path, ["time,status,age_primary,primary_size_mm,n_lung_mets,timing", ...c.input.time.map((t, i) => [t, c.input.status[i], c.input.x[0][i], c.input.x[1][i], c.input.x[2][i], c.input.x[3][i] === 1 ? "synchronous" : "metachronous"].join(","))].join("\n") + "\n");
    const r = await run(["predict", path, "--formula", "Surv(time, status) ~ age_primary + primary_size_mm + n_lung_mets + timing", "--times", "60", "--bootstrap", "0", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { coefficients: { name: string; coef: number }[]; harrell: { value: number }; uno: { value: number }; auc: { auc: number }; calibration: { groups: { predicted: number; observed: number | null }[] }; optimism: null; nomogram: { columns: { name: string; binary: boolean; levelLabels?: string[] }[]; time: number; baselineSurv: number; centre: number } };
    expect(out.coefficients.map((t) => t.name)).toEqual(c.input.columns);
    out.coefficients.forEach((t, j) => expectClose(t.coef, c.expected.coef[j], { rel: 1e-10 }, t.name));
    expectClose(out.harrell.value, c.expected.harrell.value, { rel: 1e-10 }, "Harrell");
    expectClose(out.uno.value, c.expected.uno.value, { rel: 1e-10 }, "Uno (tau = t)");
    expectClose(out.auc.auc, c.expected.auc, { rel: 1e-8 }, "AUC(60)");
    out.calibration.groups.forEach((g, k) => expectClose(g.predicted, c.expected.calibration[k].predicted, { rel: 1e-8 }, `group ${k + 1}`));
    expect(out.optimism).toBeNull();
    expect(out.nomogram.columns.find((col) => col.name === "timingsynchronous")).toMatchObject({ binary: true, levelLabels: ["metachronous", "synchronous"] });
  });

  it("rejects strata in a prediction model", async () => {
    const r = await run(["predict", csv, "--formula", "Surv(time, status) ~ age + strata(sex)", "--bootstrap", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/right-censored Cox model/);
  });
});
