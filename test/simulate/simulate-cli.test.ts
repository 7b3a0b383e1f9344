import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerSimulateCommand, simulateCsv } from "../../src/cli/commands/simulate.js";

describe("survinfer simulate", () => {
  it("streams the same CSV as simulateCsv for --n and --seed", async () => {
    let out = "";
    const program = new Command("survinfer").exitOverride();
    registerSimulateCommand(program, { stdout: (t) => (out += t), stderr: () => undefined, cwd: "." });
    await program.parseAsync(["simulate", "--n", "5", "--seed", "2", "--hr", "0.5"], { from: "user" });
    expect(out).toBe(simulateCsv({ n: 5, seed: 2, hr: 0.5 }));
    expect(out.trimEnd().split("\n")).toHaveLength(6);
  });

  it("defaults to 64 patients, seed 1, preset lms, HR 0.7", async () => {
    let out = "";
    const program = new Command("survinfer").exitOverride();
    registerSimulateCommand(program, { stdout: (t) => (out += t), stderr: () => undefined, cwd: "." });
    await program.parseAsync(["simulate"], { from: "user" });
    expect(out).toBe(simulateCsv({ n: 64, seed: 1, preset: "lms", hr: 0.7 }));
  });
});
