/**
 * Lazy command loading (src/cli/commands/index.ts, issue 18): `survinfer CMD` loads only CMD's module, yet
 * help, messages and exit codes are exactly those of a program with every command registered.
 */
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandsFor, registerCommands } from "../../src/cli/commands/index.js";
import { createProgram } from "../../src/cli/main.js";
import { VERSION } from "../../src/version.js";
import { runCli, type CliRun } from "../helpers/cli.js";

/** What the CLI printed before lazy loading: every command registered, then `argv` parsed. */
async function eager(argv: readonly string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: process.cwd() };
  const program = await createProgram(io, ["--help"]);
  expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.flatMap((c) => c.names));
  let code = 0;
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  }
  return { code, stdout, stderr };
}

const ALL_NAMES = COMMANDS.flatMap((c) => c.names);

describe("lazy command registry", () => {
  it("each entry's names are exactly the commands its module registers", async () => {
    for (const entry of COMMANDS) {
      const program = new Command("survinfer");
      await registerCommands(program, { stdout: () => undefined, stderr: () => undefined, cwd: process.cwd() }, [entry]);
      expect(program.commands.map((c) => c.name())).toEqual(entry.names);
    }
    expect(new Set(ALL_NAMES).size).toBe(ALL_NAMES.length);
  });

  it("a command loads only its own module; help, no command and unknown commands load all; a bare --version none", () => {
    expect(commandsFor(["km", "data.csv", "--time", "t"]).map((c) => c.names)).toEqual([["km"]]);
    expect(commandsFor(["weight", "--help"]).map((c) => c.names)).toEqual([["match", "weight"]]);
    for (const argv of [[], ["--help"], ["-h"], ["help", "km"], ["kn"], ["--version", "km"]]) expect(commandsFor(argv)).toBe(COMMANDS);
    expect(commandsFor(["--version"])).toEqual([]);
    expect(commandsFor(["-V"])).toEqual([]);
  });

  it("--help lists every command, exit 0, as with every module loaded", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of ALL_NAMES) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    expect(r).toEqual(await eager(["--help"]));
  });

  it("each command's --help, `help CMD` and a bare `survinfer` print what they printed with every module loaded", async () => {
    for (const name of ALL_NAMES) {
      const r = await runCli([name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: survinfer ${name} `);
      expect(r).toEqual(await eager([name, "--help"]));
    }
    expect(await runCli(["help", "cox"])).toEqual(await eager(["help", "cox"]));
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare).toEqual(await eager([]));
  });

  it("an unknown or misspelt command exits 2 with commander's message and suggestion", async () => {
    const unknown = await runCli(["foo"]);
    expect(unknown).toEqual({ code: 2, stdout: "", stderr: "error: unknown command 'foo'\n(run survinfer --help for usage)\n" });
    const typo = await runCli(["kn", "data.csv"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("(Did you mean km?)");
    expect(typo).toEqual(await eager(["kn", "data.csv"]));
  });

  it("an unknown option of a lazily loaded command still exits 2 naming the option", async () => {
    const r = await runCli(["km", "data.csv", "--time", "t", "--event", "e", "--tiems", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--tiems'");
    expect(r).toEqual(await eager(["km", "data.csv", "--time", "t", "--event", "e", "--tiems", "1"]));
  });

  it("--version prints the version without loading any command", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    expect(await runCli(["-V"])).toEqual(await eager(["-V"]));
  });
});
