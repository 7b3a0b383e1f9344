/**
 * The command registry: one line per command; each command lives in its own file, loaded only when it
 * runs. A command module pulls in its estimators, the readers and (for km, logrank, cox) the SQL
 * engines, so loading all of them cost every run about 0.9 s CPU and 100 MiB before any work (issue 18).
 * `names` are the names the module registers (checked by test/cli/lazy-commands.test.ts).
 */
import type { Command } from "commander";
import type { CliIO } from "../io.js";

export type RegisterCommand = (program: Command, io: CliIO) => void;

export interface CommandEntry {
  /** The command names the module registers with `program.command(name)`. */
  readonly names: readonly string[];
  readonly load: () => Promise<RegisterCommand>;
}

/** Every command, in the order `survinfer --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { names: ["run"], load: async () => (await import("./run.js")).registerRun },
  { names: ["km"], load: async () => (await import("./km.js")).registerKm },
  { names: ["logrank"], load: async () => (await import("./logrank.js")).registerLogrank },
  { names: ["rmst"], load: async () => (await import("./rmst.js")).registerRmst },
  { names: ["cox"], load: async () => (await import("./cox.js")).registerCox },
  { names: ["cuminc"], load: async () => (await import("./cuminc.js")).registerCuminc },
  { names: ["cure"], load: async () => (await import("./cure.js")).registerCure },
  { names: ["predict"], load: async () => (await import("./predict.js")).registerPredict },
  { names: ["recurrent"], load: async () => (await import("./recurrent.js")).registerRecurrent },
  { names: ["match", "weight"], load: async () => (await import("./propensity.js")).registerPropensity },
  { names: ["effects"], load: async () => (await import("./effects.js")).registerEffects },
  { names: ["evalue"], load: async () => (await import("./evalue.js")).registerEValue },
  { names: ["sensitivity"], load: async () => (await import("./sensitivity.js")).registerSensitivity },
  { names: ["simulate"], load: async () => (await import("./simulate.js")).registerSimulateCommand },
  { names: ["app"], load: async () => (await import("./app.js")).registerApp },
];

/**
 * The commands `argv` needs: none for a bare `--version`; the one module whose command is the first
 * argument; every command otherwise (`--help`, `help CMD`, no command, an unknown or misspelt command,
 * whose "Did you mean" needs every name), so help, messages and exit codes stay as when all were loaded.
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return [];
  const first = argv[0];
  const entry = first === undefined ? undefined : COMMANDS.find((c) => c.names.includes(first));
  return entry === undefined ? COMMANDS : [entry];
}

/** Loads the given command modules (in parallel) and registers them in registry order. */
export async function registerCommands(program: Command, io: CliIO, entries: readonly CommandEntry[] = COMMANDS): Promise<void> {
  const registers = await Promise.all(entries.map((e) => e.load()));
  for (const register of registers) register(program, io);
}
