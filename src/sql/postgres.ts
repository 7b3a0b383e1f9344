/**
 * The PostgreSQL engine (node-postgres `pg`): the same generated SQL runs inside a hospital data warehouse
 * or an OMOP CDM database, and only the aggregated per-time sums travel to survinfer. The connection comes
 * from `--db postgres://user@host:port/db` or the standard PG* environment variables (PGHOST, PGPORT,
 * PGUSER, PGDATABASE, PGPASSWORD), as psql reads them. DOUBLE PRECISION comes back as a JavaScript number.
 */
import pg from "pg";
import { SurvinferError } from "../errors.js";
import { POSTGRES } from "./dialect.js";
import { sqlError, type SqlColumnKind, type SqlEngine, type SqlResult, type SqlValue } from "./engine.js";

/** PostgreSQL type OIDs → kind (pg_type: int2 21, int4 23, int8 20, float4 700, float8 701, numeric 1700, bool 16, text 25, varchar 1043, bpchar 1042, name 19). */
export function postgresKind(oid: number): SqlColumnKind {
  if ([20, 21, 23, 700, 701, 1700].includes(oid)) return "numeric";
  if ([25, 1043, 1042, 19].includes(oid)) return "text";
  if (oid === 16) return "boolean";
  return "other";
}

function cell(v: unknown, kind: SqlColumnKind): SqlValue {
  if (v === null || v === undefined) return null;
  if (kind === "numeric" && typeof v === "string") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Hides the password of a connection string in messages. */
export function redactConnectionString(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

class PostgresEngine implements SqlEngine {
  readonly name = "postgres" as const;
  readonly dialect = POSTGRES;
  constructor(private readonly client: pg.Client) {}

  async query(sql: string): Promise<SqlResult> {
    let res: pg.QueryResult;
    try {
      res = await this.client.query({ text: sql, rowMode: "array" });
    } catch (e) {
      throw sqlError("PostgreSQL", "running a query", e);
    }
    const kinds = res.fields.map((f) => postgresKind(f.dataTypeID));
    const rows = (res.rows as unknown[][]).map((r) => r.map((v, j) => cell(v, kinds[j])));
    // int8, int2, int4 (PostgreSQL's numeric can hold NaN, so it is not counted here)
    return { columns: res.fields.map((f) => f.name), kinds, integer: res.fields.map((f) => [20, 21, 23].includes(f.dataTypeID)), rows };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Connects to PostgreSQL (`connectionString` or the PG* environment variables). */
export async function openPostgres(connectionString?: string): Promise<SqlEngine> {
  const client = new pg.Client(connectionString === undefined ? {} : { connectionString });
  client.on("error", () => undefined); // a dropped connection surfaces as the next query's error
  try {
    await client.connect();
  } catch (e) {
    const where = connectionString === undefined ? "the server named by the PG* environment variables" : redactConnectionString(connectionString);
    throw new SurvinferError({
      code: "SQL_UNREACHABLE",
      message: `cannot connect to PostgreSQL at ${where}: ${JSON.stringify(e instanceof Error ? e.message : String(e))}`,
      hint: "check --db postgres://user@host:port/database (or PGHOST, PGPORT, PGUSER, PGDATABASE) and that the server is running",
    });
  }
  return new PostgresEngine(client);
}
