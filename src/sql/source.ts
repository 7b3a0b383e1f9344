/**
 * Where the rows come from: a data file read by the engine (Parquet or CSV through DuckDB) or a query
 * (`--sql "SELECT ..."`, a spec's `data.query`). Either way the estimators see one relation, `src`, used
 * as `WITH src AS (<relation>)`; its column names and kinds are read once with `LIMIT 0`.
 */
import { extname, resolve } from "node:path";
import { SurvinferError } from "../errors.js";
import type { SqlColumnKind, SqlEngine } from "./engine.js";

export interface SqlSource {
  /** A SELECT statement producing the rows (without trailing semicolon). */
  readonly select: string;
  /** What the user named, for messages: the file name or "the query". */
  readonly label: string;
  readonly file?: string;
  readonly columns: ReadonlyMap<string, SqlColumnKind>;
  /** Columns of an integer type: never NaN or infinite, so the scans skip those checks for them. */
  readonly integerColumns?: ReadonlySet<string>;
}

/** File extensions DuckDB reads for survinfer. */
export function fileFormat(file: string): "parquet" | "csv" | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  return undefined;
}

/** The SELECT for a file (`cwd`-relative) or a query; exactly one of them. */
export function sourceSelect(engine: SqlEngine, spec: { file?: string; sql?: string; cwd: string }): { select: string; label: string; file?: string } {
  if (spec.sql !== undefined) {
    const sql = spec.sql.trim().replace(/;\s*$/, "");
    if (sql === "") throw new SurvinferError({ code: "OPTION_INVALID", message: "option --sql is empty", hint: 'give a query, e.g. --sql "SELECT * FROM cohort"' });
    return { select: sql, label: "the query" };
  }
  if (spec.file === undefined) throw new SurvinferError({ code: "OPTION_MISSING", message: "no data: give a data file or --sql", hint: 'e.g. survinfer km cohort.parquet ... or --sql "SELECT ..."' });
  const format = fileFormat(spec.file);
  if (format === undefined) {
    throw new SurvinferError({
      code: "DATA_UNSUPPORTED_FORMAT",
      message: `the ${engine.name} engine reads Parquet (.parquet) and CSV (.csv, .tsv) files`,
      file: spec.file,
      hint: "convert the file, or use --engine memory for XLSX",
    });
  }
  return { select: `SELECT * FROM ${engine.dialect.fileRelation(resolve(spec.cwd, spec.file), format)}`, label: spec.file, file: spec.file };
}

/** Opens the source: runs it with LIMIT 0 to learn its columns (a syntax error or missing file stops here). */
export async function openSource(engine: SqlEngine, spec: { file?: string; sql?: string; cwd: string }): Promise<SqlSource> {
  const { select, label, file } = sourceSelect(engine, spec);
  const res = await engine.query(`SELECT * FROM (${select}) AS src LIMIT 0`);
  const columns = new Map<string, SqlColumnKind>();
  res.columns.forEach((c, j) => columns.set(c, res.kinds[j]));
  const integerColumns = new Set(res.columns.filter((_, j) => res.integer?.[j] === true));
  return { select, label, file, columns, integerColumns };
}

/** The kind of a named column, or DATA_MISSING_COLUMN listing the columns there are. */
export function requireSqlColumn(source: SqlSource, name: string, role: string): SqlColumnKind {
  const kind = source.columns.get(name);
  if (kind !== undefined) return kind;
  const names = [...source.columns.keys()];
  throw new SurvinferError({
    code: "DATA_MISSING_COLUMN",
    message: `has no column ${JSON.stringify(name)} (${role})`,
    file: source.file ?? source.label,
    value: name,
    hint: `Its columns are ${names.map((s) => JSON.stringify(s)).join(", ")}`,
  });
}
