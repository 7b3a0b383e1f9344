/**
 * A study's data from a database (`data: { query, engine }` or a Parquet file, src/study/data-source.ts):
 * the rows are counted in the database, refused above `MAX_STUDY_ROWS`, then fetched and written as one
 * CSV text, which the study reads with the same reader, type inference, date formats, missing tokens,
 * declared types and id checks as a CSV file (src/data/read.ts). So a query returning the rows of a file
 * gives the study of that file. The whole study runs in memory (Table 1, propensity scores, matching,
 * bootstrap, ...); analyses on more rows run inside the database with `survinfer km|logrank|cox --engine`.
 */
import { SurvinferError } from "../errors.js";
import { toNumber, type SqlEngine, type SqlValue } from "./engine.js";
import { openSource } from "./source.js";

/** Most rows a study loads from a database into memory. */
export const MAX_STUDY_ROWS = 1_000_000;

export interface StudyRows {
  /** The rows as CSV (UTF-8, "," between fields, "." as decimal mark, a header line). */
  readonly csv: Uint8Array;
  readonly nRows: number;
  /** How messages and results name the data: the file, or "data.query". */
  readonly label: string;
}

/** A CSV field: quoted when it holds a delimiter, a quote, a line end or surrounding blanks (RFC 4180). */
function field(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell as CSV text. Numbers by `String` (which reads back to the same double); NULL and NaN as an
 * empty (missing) cell; booleans as TRUE/FALSE (R's logical, as a status column may be coded);
 * dates as the engine prints them (DuckDB and PostgreSQL DATE: YYYY-MM-DD).
 */
function cellText(v: SqlValue): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isNaN(v) ? "" : String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return field(v);
}

/**
 * Counts the rows of the file or query on `engine`, refuses more than `maxRows` (DATA_QUERY_TOO_LARGE,
 * before any row is fetched), and returns them as CSV. `cwd`: where relative file names are looked up.
 */
export async function loadStudyRows(engine: SqlEngine, spec: { file?: string; query?: string; cwd: string }, maxRows: number = MAX_STUDY_ROWS): Promise<StudyRows> {
  const source = await openSource(engine, { file: spec.file, sql: spec.query, cwd: spec.cwd });
  const count = await engine.query(`SELECT COUNT(*) AS n FROM (${source.select}) AS src`);
  const n = toNumber(count.rows[0]?.[0] ?? null) ?? 0;
  if (n > maxRows) {
    throw new SurvinferError({
      code: "DATA_QUERY_TOO_LARGE",
      file: source.file,
      message: `${source.label} has ${n.toLocaleString("en")} rows; a study loads at most ${maxRows.toLocaleString("en")} rows into memory`,
      hint: "select the patients the study needs in the query (WHERE ...), or run km, logrank and cox inside the database: survinfer km --engine duckdb --sql \"SELECT ...\" (docs/scale.md)",
    });
  }
  if (n === 0) {
    throw new SurvinferError({ code: "DATA_NO_ROWS", file: source.file, message: `${source.label} returned no rows: nothing to analyse`, hint: "check the query's WHERE clause and the table it reads" });
  }
  const res = await engine.query(`SELECT * FROM (${source.select}) AS src`);
  const lines: string[] = [res.columns.map(field).join(",")];
  for (const row of res.rows) lines.push(row.map(cellText).join(","));
  return { csv: new TextEncoder().encode(lines.join("\n") + "\n"), nRows: res.rows.length, label: source.file ?? "data.query" };
}
