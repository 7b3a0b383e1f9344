/**
 * `survinfer simulate [--n 64] [--seed 1] [--preset lms] [--hr 0.7] > cohort.csv`
 * Writes a synthetic cohort with a known truth (docs/simulation.md) as CSV on stdout, in chunks,
 * so that --n 1000000 streams without building one giant string.
 */
import type { Command } from "commander";
import { optionError } from "../../errors.js";
import type { CliIO } from "../io.js";
import { parseIntegerOption, parseNumberOption, parseSeedOption } from "../options.js";
import { simulateCohort, type SimulateOptions } from "../../simulate/index.js";
import { cohortCsvChunks } from "../../simulate/csv.js";
import { SurvinferError } from "../../errors.js";
import { parseChoice } from "../options.js";

export interface SimulateCliOptions {
  readonly n?: number | string;
  readonly seed?: number | string;
  readonly preset?: string;
  readonly hr?: number | string;
  readonly format?: string;
  readonly out?: string;
}

/** Most patients one simulated cohort may have (the simulator's own limit). */
const MAX_N = 20_000_000;

function toSimulateOptions(o: SimulateCliOptions): SimulateOptions {
  if (o.preset !== undefined && o.preset !== "lms") throw optionError("--preset", '"lms"', o.preset);
  const text = (v: number | string): string => (typeof v === "number" ? String(v) : v);
  return {
    preset: "lms",
    n: o.n === undefined ? undefined : parseIntegerOption("--n", text(o.n), { min: 1, max: MAX_N }),
    seed: o.seed === undefined ? undefined : parseSeedOption("--seed", text(o.seed)),
    trueHazardRatio: o.hr === undefined ? undefined : parseNumberOption("--hr", text(o.hr), { min: 0, minExclusive: true, describe: "a hazard ratio > 0" }),
  };
}

/** The simulated cohort's CSV as chunks of text (header first). Throws SurvinferError on bad options. */
export function simulateCsvChunks(options: SimulateCliOptions = {}): Generator<string, void, undefined> {
  return cohortCsvChunks(simulateCohort(toSimulateOptions(options)));
}

/** The simulated cohort's CSV as one string. */
export function simulateCsv(options: SimulateCliOptions = {}): string {
  let s = "";
  for (const chunk of simulateCsvChunks(options)) s += chunk;
  return s;
}

/** Registers the `simulate` command (for src/cli/commands/index.ts). */
export function registerSimulateCommand(program: Command, io: CliIO): void {
  program
    .command("simulate")
    .description("Write a synthetic cohort with a known true treatment effect as CSV (see docs/simulation.md)")
    .option("--n <n>", "number of patients", "64")
    .option("--seed <seed>", "random seed (integer 0..2147483647)", "1")
    .option("--preset <preset>", "cohort preset: lms (pulmonary metastasectomy for leiomyosarcoma)", "lms")
    .option("--hr <hr>", "true hazard ratio of surgery (from the date of surgery on)", "0.7")
    .option("--format <format>", "csv (the lms cohort, on stdout) or parquet (a synthetic registry of any size, streamed through DuckDB to --out)", "csv")
    .option("--out <file>", "with --format parquet: the new .parquet file to write (never an existing file)")
    .action(async (opts: SimulateCliOptions) => {
      const format = parseChoice("--format", opts.format ?? "csv", ["csv", "parquet"] as const);
      if (format === "parquet") return (await import("./simulate-parquet.js")).simulateRegistryParquet(opts, io); // DuckDB loads only here
      if (opts.out !== undefined) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--out is for --format parquet; the CSV goes to stdout", hint: "redirect it: survinfer simulate > cohort.csv" });
      for (const chunk of simulateCsvChunks(opts)) io.stdout(chunk);
    });
}
