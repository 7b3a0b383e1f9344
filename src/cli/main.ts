/**
 * survinfer command line. Exit codes (design contract): 0 success, 2 bad input (message on
 * stderr), 1 internal error. With --json a command prints exactly one JSON object on stdout.
 */
import { Command, CommanderError } from "commander";
import { isSurvinferError } from "../errors.js";
import { commandsFor, registerCommands } from "./commands/index.js";
import { processIO, terminalSafeIO, type CliIO } from "./io.js";
import { VERSION } from "../version.js";

/** The program with the commands `argv` needs (only the named command's module is loaded; see commands/index.ts). */
export async function createProgram(io: CliIO, argv: readonly string[]): Promise<Command> {
  const program = new Command("survinfer")
    .description("Survival analysis and causal inference for observational clinical studies, with the same numbers as R.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run survinfer --help for usage)");
  await registerCommands(program, io, commandsFor(argv));
  return program;
}

export async function main(argv: readonly string[], rawIO: CliIO = processIO): Promise<number> {
  // The output boundary: no command can print a raw terminal control character (see io.ts).
  const io = terminalSafeIO(rawIO);
  try {
    const program = await createProgram(io, argv);
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isSurvinferError(e)) {
      io.stderr(`survinfer: ${e.message}\n`);
      return 2;
    }
    const err = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`survinfer: internal error (please report it with the command you ran):\n${err}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
