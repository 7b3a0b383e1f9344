/**
 * `survinfer recurrent --json` on bladder2 (written to a CSV from the fixture input) equals R: the
 * Andersen–Gill / PWP coefficients and robust SEs and the MCF (fixtures by tools/oracle/recurrent.R).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerRecurrent } from "../../src/cli/commands/recurrent.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

type Input = Record<string, number[]> & { covariates: string[] };
interface CoxExpected { coef: number[]; robustSe: number[] }
interface McfExpected { strata: { cumhaz: number[]; stdErr: number[]; time: number[] }[] }

const dir = mkdtempSync(join(tmpdir(), "survinfer-recurrent-"));
const fx = loadFixture<Input, CoxExpected>("recurrent", "bladder2-ag");
const names = ["id", "start", "stop", "event", ...fx.input.covariates];
const csv = [names.join(","), ...fx.input.id.map((_, i) => names.map((n) => String(fx.input[n][i])).join(","))].join("\n") + "\n";
writeFileSync(join(dir, "bladder2.csv"), csv);

async function run(args: string[]): Promise<string> {
  let out = "";
  const program = new Command("survinfer").exitOverride();
  registerRecurrent(program, { stdout: (t) => (out += t), stderr: () => undefined, cwd: dir });
  await program.parseAsync(["node", "survinfer", "recurrent", "bladder2.csv", ...args]);
  return out;
}

const base = ["--id", "id", "--start", "start", "--stop", "stop", "--event", "event", "--covariates", "rx,number,size"];

describe("survinfer recurrent", () => {
  for (const model of ["ag", "pwp-total", "pwp-gap"]) {
    it(`--model ${model} --json prints R's coefficients, robust SEs and the MCF`, async () => {
      const json = JSON.parse(await run([...base, "--model", model, "--json"])) as {
        model: { terms: { coef: number; robustSe: number }[]; model: string };
        mcf: { curves: { mcf: number[]; stdErr: number[]; time: number[] }[] };
      };
      const e = loadFixture<Input, CoxExpected>("recurrent", `bladder2-${model}`).expected;
      expect(json.model.model).toBe(model);
      json.model.terms.forEach((t, j) => {
        expectClose(t.coef, e.coef[j], { rel: 1e-10 }, "coef");
        expectClose(t.robustSe, e.robustSe[j], { rel: 1e-10 }, "robust SE");
      });
      const m = loadFixture<Input, McfExpected>("recurrent", "bladder2-mcf").expected.strata[0];
      expect(json.mcf.curves[0].time).toEqual(m.time);
      expectClose(json.mcf.curves[0].mcf, m.cumhaz, { rel: 1e-10 }, "MCF");
      expectClose(json.mcf.curves[0].stdErr, m.stdErr, { rel: 1e-10 }, "MCF SE");
    });
  }

  it("prints one MCF row per --by group and the model table in text mode", async () => {
    const text = await run([...base, "--model", "pwp-total", "--by", "rx"]);
    expect(text).toContain("rx=1");
    expect(text).toContain("rx=2");
    expect(text).toContain("Prentice–Williams–Peterson model, total time");
    expect(text).toContain("event-number strata");
  });

  it("gives only the MCF without --covariates", async () => {
    const json = JSON.parse(await run(["--id", "id", "--start", "start", "--stop", "stop", "--event", "event", "--json"])) as { model: unknown };
    expect(json.model).toBeNull();
  });

  it("needs --id", async () => {
    await expect(run(["--start", "start", "--stop", "stop", "--event", "event"])).rejects.toMatchObject({ code: "OPTION_MISSING" });
  });
});
