/** The command registry: one line per command; each command lives in its own file. */
import type { Command } from "commander";
import type { CliIO } from "../io.js";

export function registerCommands(_program: Command, _io: CliIO): void {
  // commands are added here as their engines land
}
