/**
 * `--engine memory|duckdb|postgres`, `--sql "SELECT ..."` and `--db postgres://...` for km, logrank and cox:
 * which engine computes (memory: the file is read into JavaScript; duckdb / postgres: the heavy part runs as
 * SQL, src/sql/). A Parquet file, or --sql without --engine, selects DuckDB. Options that only the in-memory
 * reader understands stop with OPTION_CONFLICT instead of being ignored.
 */
import type { Command } from "commander";
import { SurvinferError } from "../errors.js";
import type { SqlEngine } from "../sql/engine.js";
import { fileFormat, openSource, type SqlSource } from "../sql/source.js";
import type { CliIO } from "./io.js";
import { ARROW_EXT } from "../data/arrow-kind.js";
import { parseChoice } from "./options.js";

export interface EngineOptions {
  engine?: string;
  sql?: string;
  db?: string;
}

export type EngineName = "memory" | "duckdb" | "postgres";

export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option("--engine <engine>", "memory (default for CSV/XLSX/Arrow), duckdb (default for Parquet and --sql) or postgres: where the counts and sums are computed")
    .option("--sql <query>", 'the data as a query instead of a file, e.g. "SELECT * FROM read_parquet(\'cohort.parquet\') WHERE age >= 18" (duckdb) or a table query (postgres)')
    .option("--db <url>", "PostgreSQL connection string postgres://user@host:port/database (default: the PG* environment variables)");
}

/** The engine a command uses, from --engine, --sql, --db and the file's extension. */
export function chosenEngine(file: string | undefined, opts: EngineOptions): EngineName {
  if (opts.engine !== undefined) {
    const e = parseChoice("--engine", opts.engine, ["memory", "duckdb", "postgres"] as const);
    if (e === "memory" && opts.sql !== undefined) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--sql needs a database engine", hint: "use --engine duckdb or --engine postgres with --sql" });
    if (e === "memory" && file !== undefined && fileFormat(file) === "parquet") throw new SurvinferError({ code: "OPTION_CONFLICT", message: "Parquet files are read through DuckDB", file, hint: "drop --engine memory (or use --engine duckdb)" });
    if (e !== "memory" && file !== undefined && ARROW_EXT.test(file)) {
      throw new SurvinferError({
        code: "OPTION_CONFLICT",
        message: `Arrow IPC files are read in memory: --engine ${e} cannot read them (DuckDB's core reads Arrow files only through a downloaded extension)`,
        file,
        hint: "drop --engine (the default in-memory reader reads Arrow files), or export Parquet for --engine duckdb",
      });
    }
    if (e !== "postgres" && opts.db !== undefined) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "--db is the PostgreSQL connection", hint: "add --engine postgres" });
    return e;
  }
  if (opts.db !== undefined) return "postgres";
  if (opts.sql !== undefined || (file !== undefined && fileFormat(file) === "parquet")) return "duckdb";
  return "memory";
}

/** The options of the in-memory reader that a database engine cannot honour (set ones stop the run). */
export function rejectMemoryOnlyOptions(engine: EngineName, opts: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const v = opts[name];
    if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
    const flag = "--" + name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
    throw new SurvinferError({ code: "OPTION_CONFLICT", message: `${flag} is not available with --engine ${engine}`, hint: `drop ${flag}, or use --engine memory` });
  }
}

/** The options of the data reader and of --treatment-date, none of which the SQL engines take. */
export const MEMORY_ONLY_OPTIONS = ["id", "sheet", "delimiter", "decimal", "dateFormat", "missing", "treatmentDate", "origin", "timeUnit", "timeDependent"] as const;

/** Opens the engine and the source (file or --sql), runs `fn`, and always closes the engine. */
export async function withSqlSource<T>(engine: "duckdb" | "postgres", file: string | undefined, opts: EngineOptions, io: CliIO, fn: (db: SqlEngine, source: SqlSource) => Promise<T>): Promise<T> {
  if (file !== undefined && opts.sql !== undefined) throw new SurvinferError({ code: "OPTION_CONFLICT", message: "give either a data file or --sql, not both", hint: "a query can read the file itself, e.g. FROM read_parquet('cohort.parquet')" });
  // The database clients (DuckDB's native addon, pg) load only when a database engine runs.
  const db = engine === "duckdb" ? await (await import("../sql/duckdb.js")).openDuckDb({ cwd: io.cwd }) : await (await import("../sql/postgres.js")).openPostgres(opts.db);
  try {
    const source = await openSource(db, { file, sql: opts.sql, cwd: io.cwd });
    return await fn(db, source);
  } finally {
    await db.close();
  }
}
