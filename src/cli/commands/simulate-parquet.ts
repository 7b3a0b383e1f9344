/**
 * `survinfer simulate --format parquet --n 100000000 --seed 1 --out registry.parquet`: the synthetic registry of
 * src/sql/simulate-registry.ts, generated and written by DuckDB (streamed: no row in JavaScript). The file is
 * written under a temporary name next to --out and renamed when complete, so an interrupted run leaves no half
 * file; an existing --out is never replaced.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { SurvinferError, optionError } from "../../errors.js";
import type { CliIO } from "../io.js";
import { parseIntegerOption, parseSeedOption } from "../options.js";
import { openDuckDb } from "../../sql/duckdb.js";
import { writeRegistryParquet } from "../../sql/simulate-registry.js";
import { processSignals, type SignalHooks, type StopSignal } from "../write-output.js";

/** Most rows one registry may have: row · 2654435761 must stay below 2⁶³ in the generator's BIGINT arithmetic. */
const MAX_ROWS = 3_000_000_000;

export async function simulateRegistryParquet(opts: { n?: number | string; seed?: number | string; preset?: string; hr?: number | string; out?: string }, io: CliIO, signals: SignalHooks = processSignals): Promise<void> {
  if (opts.preset !== undefined && opts.preset !== "lms" && opts.preset !== "registry") throw optionError("--preset", '"registry" with --format parquet', opts.preset);
  if (opts.hr !== undefined && String(opts.hr) !== "0.7") {
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--hr is the lms preset's; the Parquet registry has its fixed truth (docs/scale.md)", hint: "drop --hr with --format parquet" });
  }
  if (opts.out === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "--format parquet needs --out FILE.parquet", hint: "e.g. survinfer simulate --format parquet --n 1000000 --out registry.parquet" });
  const n = parseIntegerOption("--n", String(opts.n ?? "64"), { min: 1, max: MAX_ROWS });
  const seed = parseSeedOption("--seed", String(opts.seed ?? "1"));
  const out = resolve(io.cwd, opts.out);
  if (!out.toLowerCase().endsWith(".parquet")) throw optionError("--out", "a file name ending in .parquet", opts.out);
  if (existsSync(out)) throw new SurvinferError({ code: "OUTPUT_EXISTS", file: opts.out, message: "already exists; survinfer does not replace files", hint: "give --out a new file name" });
  if (!existsSync(dirname(out))) throw new SurvinferError({ code: "OUTPUT_WRITE_FAILED", file: opts.out, message: "its folder does not exist", hint: "create the folder first" });
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.partial`);
  // An interruption (SIGINT/SIGTERM) while DuckDB writes removes the temporary file, then ends the process by the
  // same signal: nothing of this run is left next to --out.
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal: StopSignal) => {
    const handler = (): void => {
      rmSync(tmp, { force: true });
      for (const [s, h] of handlers) signals.off(s, h);
      signals.reraise(signal);
    };
    signals.on(signal, handler);
    return [signal, handler] as const;
  });
  const db = await openDuckDb();
  try {
    await writeRegistryParquet(db, tmp, n, seed);
    renameSync(tmp, out);
  } finally {
    for (const [s, h] of handlers) signals.off(s, h);
    await db.close();
    rmSync(tmp, { force: true });
  }
  io.stdout(`wrote ${n} rows (seed ${seed}) to ${opts.out}\n`);
}
