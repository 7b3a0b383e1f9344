/** The command registry: one line per command; each command lives in its own file. */
import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { registerEValue } from "./evalue.js";

export function registerCommands(program: Command, io: CliIO): void {
  registerEValue(program, io);
}
