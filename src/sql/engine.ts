/**
 * The one interface every SQL back end implements (DuckDB embedded, PostgreSQL): run a query, get its rows
 * as plain arrays, close. The estimators in src/sql/ build SQL through a `Dialect` (dialect.ts) and run it
 * here; nothing else in survinfer talks to a database. Errors of the engine become a SurvinferError
 * (code SQL_ERROR) quoting the engine's own message, so the CLI exits 2 with it.
 */
import { SurvinferError } from "../errors.js";
import type { Dialect } from "./dialect.js";

/** The value kinds survinfer distinguishes in a result column. */
export type SqlColumnKind = "numeric" | "text" | "boolean" | "other";

export interface SqlResult {
  readonly columns: readonly string[];
  readonly kinds: readonly SqlColumnKind[];
  /** Per column: an integer type (never NaN or infinite, so checks for those can be left out of a scan). */
  readonly integer?: readonly boolean[];
  /** Row-major values: number for DOUBLE PRECISION, string for text, boolean, null for NULL (bigint as number when safe). */
  readonly rows: readonly (readonly SqlValue[])[];
}

export type SqlValue = number | string | boolean | null;

export interface SqlEngine {
  readonly name: "duckdb" | "postgres";
  readonly dialect: Dialect;
  /** Runs one statement; rejects with a SurvinferError (SQL_ERROR) quoting the engine's message. */
  query(sql: string): Promise<SqlResult>;
  close(): Promise<void>;
}

/** The engine's error as a SurvinferError that quotes it (exit 2). `what` says what survinfer was doing. */
export function sqlError(engine: string, what: string, e: unknown, hint?: string): SurvinferError {
  const message = e instanceof Error ? e.message : String(e);
  return new SurvinferError({
    code: "SQL_ERROR",
    message: `${engine} failed while ${what}: ${JSON.stringify(message.trim())}`,
    hint: hint ?? "check the query (--sql) and the column names; the message above is the database's own",
  });
}

/** A number from a result cell (bigint and numeric strings included); null stays null. */
export function toNumber(v: SqlValue | bigint | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  const x = Number(v);
  return Number.isNaN(x) && v.trim().toLowerCase() !== "nan" ? null : x;
}
