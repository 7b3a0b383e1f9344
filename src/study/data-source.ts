/**
 * Where a study's data come from (`data.file`, `data.query`, `data.engine`): a file read in memory (CSV,
 * TSV, XLSX, Arrow IPC), or rows loaded through a database engine — a Parquet or CSV file read by DuckDB, or an SQL
 * query run by DuckDB or PostgreSQL. Pure (no I/O): the CLI (`survinfer run`) loads the rows
 * (src/sql/study-data.ts); a combination that cannot work stops here with SPEC_DATA_SOURCE at the key's line.
 * docs/spec.md ("data") and docs/scale.md ("A study from a query") say the same.
 */
import { SurvinferError } from "../errors.js";
import type { StudySpec } from "./schema.js";
import { ARROW_EXT } from "../data/arrow-kind.js";
import type { SpecPath } from "./spec-source.js";

export type DataSource =
  | { readonly kind: "file"; readonly file: string; readonly engine: "memory" }
  | { readonly kind: "database"; readonly engine: "duckdb" | "postgres"; readonly file?: string; readonly query?: string };

type LineOf = (path: SpecPath, opts?: { key?: boolean }) => number | undefined;

/** The spec keys that only the in-memory file reader understands (a database hands over typed rows). */
const FILE_READER_KEYS = ["sheet", "decimal", "delimiter", "encoding"] as const;

/** The file formats DuckDB reads for survinfer, by extension (as `fileFormat` in src/sql/source.ts, without node:path). */
function fileFormat(file: string): "parquet" | "csv" | "arrow" | undefined {
  if (/\.(parquet|pq)$/i.test(file)) return "parquet";
  if (ARROW_EXT.test(file)) return "arrow";
  if (/\.(csv|tsv|txt)$/i.test(file)) return "csv";
  return undefined;
}

/**
 * The data source a spec names: `file` alone reads it in memory (a `.parquet` file through DuckDB);
 * `query` alone runs it on `engine` (default DuckDB; PostgreSQL from the PG* environment variables);
 * `engine: duckdb` with a CSV file reads the file through DuckDB.
 *
 * @example
 * dataSource({ ...spec, data: { query: "SELECT * FROM 'cohort.parquet'" } }, "study.yaml"); // { kind: "database", engine: "duckdb", query: ... }
 */
export function dataSource(spec: StudySpec, specFile: string, lineOf?: LineOf): DataSource {
  const d = spec.data;
  const fail = (key: string, message: string, hint: string): SurvinferError =>
    new SurvinferError({ code: "SPEC_DATA_SOURCE", file: specFile, line: lineOf?.(["data", key], { key: true }), path: `data.${key}`, message, hint });
  if (d.file !== undefined && d.query !== undefined) {
    throw fail("query", "data.file and data.query are both given: the data come from one of them", "drop data.file; a DuckDB query reads a file itself, e.g. SELECT * FROM read_csv('cohort.csv') WHERE age >= 18");
  }
  if (d.file === undefined && d.query === undefined) {
    throw fail("file", "data names neither a file nor a query", "give data.file (CSV, TSV, XLSX, Arrow or Parquet) or data.query with data.engine");
  }
  if (d.query !== undefined && d.query.trim().replace(/;\s*$/, "") === "") throw fail("query", "data.query is empty", "give a SELECT statement");
  const format = d.file === undefined ? undefined : fileFormat(d.file);
  const engine = d.engine ?? (d.query !== undefined || format === "parquet" ? "duckdb" : "memory");
  if (engine === "memory") {
    if (d.query !== undefined) throw fail("engine", "data.engine memory cannot run data.query", "use data.engine duckdb or postgres with a query");
    if (format === "parquet") throw fail("engine", "a Parquet file is read through DuckDB, not the in-memory reader", "drop data.engine (or set it to duckdb)");
    if (format === "arrow") {
      for (const key of FILE_READER_KEYS) {
        if (d[key] !== undefined) throw fail(key, `data.${key} is for CSV/TSV and workbook files; an Arrow IPC file carries its own column types`, `drop data.${key}`);
      }
    }
    return { kind: "file", file: d.file as string, engine: "memory" };
  }
  if (engine === "postgres" && d.file !== undefined) throw fail("engine", "data.engine postgres reads a table through data.query, not a file", "give data.query (e.g. SELECT * FROM cohort), or use data.engine duckdb for a file");
  if (format === "arrow") {
    throw fail(
      "engine",
      `data.engine ${engine} cannot read an Arrow IPC file (DuckDB's core reads Arrow files only through a downloaded extension)`,
      "drop data.engine: the in-memory reader reads Arrow files; for larger-than-memory data export Parquet and use data.engine duckdb",
    );
  }
  if (d.file !== undefined && format === undefined) throw fail("engine", `data.engine ${engine} reads Parquet (.parquet) and CSV (.csv, .tsv) files`, "drop data.engine to read an XLSX file in memory");
  for (const key of FILE_READER_KEYS) {
    if (d[key] !== undefined) throw fail(key, `data.${key} is for the in-memory file reader; the ${engine} engine hands over typed rows`, `drop data.${key} (or read the file in memory: data.engine memory)`);
  }
  return { kind: "database", engine, ...(d.file !== undefined ? { file: d.file } : { query: d.query as string }) };
}
