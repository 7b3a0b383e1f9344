/**
 * The embedded DuckDB engine (@duckdb/node-api): in-process, reads Parquet and CSV files directly and
 * spills to disk for larger-than-memory aggregations, so the GROUP BY queries of src/sql/ run on data
 * that no JavaScript array could hold. One in-memory database per run; nothing is written anywhere.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DUCKDB } from "./dialect.js";
import { sqlError, type SqlColumnKind, type SqlEngine, type SqlResult, type SqlValue } from "./engine.js";

/** DuckDB type name → the kind survinfer uses (DECIMAL(18,3) etc. are numeric). */
/** DuckDB's integer types (and DECIMAL, which has no NaN or infinity either). */
export function duckdbInteger(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL)/.test(type.toUpperCase());
}

export function duckdbKind(type: string): SqlColumnKind {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(t)) return "numeric";
  if (t === "VARCHAR" || t.startsWith("ENUM")) return "text";
  if (t === "BOOLEAN") return "boolean";
  return "other";
}

function cell(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

class DuckDbEngine implements SqlEngine {
  readonly name = "duckdb" as const;
  readonly dialect = DUCKDB;
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async query(sql: string): Promise<SqlResult> {
    let reader;
    try {
      reader = await this.connection.runAndReadAll(sql);
    } catch (e) {
      throw sqlError("DuckDB", "running a query", e);
    }
    const columns = reader.columnNames();
    const types = reader.columnTypes().map(String);
    const kinds = types.map(duckdbKind);
    const rows = reader.getRows().map((r) => r.map(cell));
    return { columns, kinds, integer: types.map(duckdbInteger), rows };
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Opens an in-memory DuckDB database (`threads` defaults to DuckDB's choice). `cwd`: where relative file names
 * in queries are looked up (DuckDB's file_search_path), so --sql "FROM 'cohort.parquet'" means the user's folder.
 */
export async function openDuckDb(options: { threads?: number; memoryLimit?: string; cwd?: string } = {}): Promise<SqlEngine> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(":memory:", config);
  } catch (e) {
    throw sqlError("DuckDB", "starting the embedded database", e, "check the --engine duckdb installation (@duckdb/node-api)");
  }
  const engine = new DuckDbEngine(instance, await instance.connect());
  if (options.cwd !== undefined) await engine.query(`SET file_search_path = ${DUCKDB.literal(options.cwd)}`);
  return engine;
}
