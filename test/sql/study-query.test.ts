/**
 * A study's data from a database (spec `data: { query, engine }`, a Parquet file): src/study/data-source.ts
 * decides the source, src/sql/study-data.ts loads the rows (counted first, at most MAX_STUDY_ROWS) as CSV for
 * the same reader. A query returning a file's rows gives the same table and the same study as the file.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import { loadStudyRows } from "../../src/sql/study-data.js";
import { dataSource } from "../../src/study/data-source.js";
import { parseStudySpecWithLines } from "../../src/study/spec.js";
import { runCli } from "../helpers/cli.js";
import { EXAMPLE_DIR } from "../study/options-honoured-harness.js";

const COHORT = readFileSync(join(EXAMPLE_DIR, "cohort.csv"));

/** A folder holding the example cohort and a small study on it with `data` as given (YAML flow map). */
function study(data: string): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-study-query-"));
  copyFileSync(join(EXAMPLE_DIR, "cohort.csv"), join(dir, "cohort.csv"));
  const spec = join(dir, "study.yaml");
  writeFileSync(
    spec,
    `title: query test
data: ${data}
endpoints:
  os: { origin: date_lung_met, event: date_death, censor: date_last_followup, unit: months }
treatment: { column: metastasectomy, treated: "yes" }
covariates: [age_primary, sex, primary_size_mm]
analyses:
  km: { endpoint: os, by: treatment, times: [12, 36] }
  logrank: { endpoint: os, by: treatment }
  cox: { endpoint: os, multivariable: [age_primary, primary_size_mm] }
`,
  );
  return { dir, spec };
}

interface RunJson {
  readonly data: { readonly file: string; readonly nRows: number; readonly sha256?: string };
  readonly analyses: Record<string, unknown>;
}

async function run(data: string): Promise<{ code: number; stderr: string; json?: RunJson }> {
  const { dir, spec } = study(data);
  const r = await runCli(["run", spec, "--out", join(dir, "out"), "--json", "--no-png"], dir);
  return { code: r.code, stderr: r.stderr, ...(r.code === 0 ? { json: JSON.parse(r.stdout) as RunJson } : {}) };
}

function specOf(data: string): ReturnType<typeof parseStudySpecWithLines> {
  return parseStudySpecWithLines(readFileSync(study(data).spec, "utf8"), "study.yaml");
}

describe("study data from a database (data.query, data.engine)", () => {
  it("a DuckDB query returning the cohort's rows gives the table of the file itself", async () => {
    const db = await openDuckDb({ cwd: EXAMPLE_DIR });
    try {
      const rows = await loadStudyRows(db, { query: "SELECT * FROM read_csv('cohort.csv', all_varchar = true)", cwd: EXAMPLE_DIR });
      expect(rows.nRows).toBe(64);
      expect(rows.label).toBe("data.query");
      const options = { idColumn: "patient_id", dateFormat: "DD.MM.YYYY" as const };
      const viaQuery = readTable(rows.csv, { fileName: "q", ...options, delimiter: ",", decimal: "." });
      const viaFile = readTable(COHORT, { fileName: "q", ...options });
      expect(viaQuery.table.columns).toEqual(viaFile.table.columns);
      expect(viaQuery.table.rowNumbers).toEqual(viaFile.table.rowNumbers);
    } finally {
      await db.close();
    }
  });

  it("typed rows (numbers, dates, booleans, NULL, text with commas and quotes) are written so the reader types them back", async () => {
    const db = await openDuckDb();
    try {
      const q = `SELECT * FROM (VALUES (1, 2.5, DATE '2020-01-31', TRUE, 'a, "b"'), (2, NULL, NULL, FALSE, ' c'), (3, -0.125, DATE '2021-12-01', NULL, 'd')) AS t(id, x, d, flag, txt)`;
      const rows = await loadStudyRows(db, { query: q, cwd: "/" });
      const { table } = readTable(rows.csv, { fileName: "q", delimiter: ",", decimal: "." });
      const col = (name: string) => table.columns.find((c) => c.name === name)!;
      expect(col("x")).toMatchObject({ kind: "numeric" });
      expect(Array.from((col("x") as { values: Float64Array }).values)).toEqual([2.5, Number.NaN, -0.125]);
      expect(col("d").kind).toBe("date");
      expect(col("flag").kind).toBe("categorical");
      expect((col("txt") as { levels: readonly string[] }).levels).toContain('a, "b"');
    } finally {
      await db.close();
    }
  });

  it("more rows than the limit stop with DATA_QUERY_TOO_LARGE before any row is fetched; no rows with DATA_NO_ROWS", async () => {
    const db = await openDuckDb();
    try {
      await expect(loadStudyRows(db, { query: "SELECT range AS x FROM range(11)", cwd: "/" }, 10)).rejects.toMatchObject({ code: "DATA_QUERY_TOO_LARGE", message: expect.stringMatching(/11 rows.*at most 10 rows/) });
      await expect(loadStudyRows(db, { query: "SELECT 1 AS x WHERE FALSE", cwd: "/" })).rejects.toMatchObject({ code: "DATA_NO_ROWS" });
    } finally {
      await db.close();
    }
  });

  it("survinfer run with data.query gives the file's results; a WHERE clause changes them", async () => {
    const file = await run("{ file: cohort.csv, id: patient_id, dateFormat: DD.MM.YYYY }");
    const query = await run(`{ query: "SELECT * FROM read_csv('cohort.csv', all_varchar = true)", engine: duckdb, id: patient_id, dateFormat: DD.MM.YYYY }`);
    expect(file.code, file.stderr).toBe(0);
    expect(query.code, query.stderr).toBe(0);
    expect(query.json!.data.file).toBe("data.query");
    expect(query.json!.data.nRows).toBe(64);
    expect(query.json!.analyses).toEqual(file.json!.analyses);
    const older = await run(`{ query: "SELECT * FROM read_csv('cohort.csv', all_varchar = true) WHERE CAST(age_primary AS INTEGER) >= 50", id: patient_id, dateFormat: DD.MM.YYYY }`);
    expect(older.code, older.stderr).toBe(0);
    expect(older.json!.data.nRows).toBeLessThan(64);
    expect(older.json!.analyses).not.toEqual(file.json!.analyses);
  });

  it("a Parquet file is read through DuckDB; the database's error is quoted with exit 2", async () => {
    const { dir } = study("{ file: cohort.csv }");
    const db = await openDuckDb({ cwd: dir });
    try {
      await db.query(`COPY (SELECT * FROM read_csv('cohort.csv', all_varchar = true)) TO '${join(dir, "cohort.parquet")}' (FORMAT parquet)`);
    } finally {
      await db.close();
    }
    const spec = join(dir, "parquet.yaml");
    writeFileSync(spec, readFileSync(join(dir, "study.yaml"), "utf8").replace("data: { file: cohort.csv }", "data: { file: cohort.parquet, id: patient_id, dateFormat: DD.MM.YYYY }"));
    const r = await runCli(["run", spec, "--out", join(dir, "out-parquet"), "--json", "--no-png"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as RunJson).data).toMatchObject({ file: "cohort.parquet", nRows: 64 });
    const bad = await run(`{ query: "SELECT * FROM no_such_table" }`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/SQL_ERROR|DuckDB failed/);
    expect(bad.stderr).toContain("no_such_table");
  });

  it("combinations that cannot work stop with SPEC_DATA_SOURCE naming the key", () => {
    const cases: [string, RegExp][] = [
      ["{ file: cohort.csv, query: 'SELECT 1' }", /at data\.query: data\.file and data\.query are both given/],
      ["{ id: patient_id }", /at data\.file: data names neither a file nor a query/],
      ["{ query: 'SELECT 1', engine: memory }", /at data\.engine: data\.engine memory cannot run data\.query/],
      ["{ file: cohort.parquet, engine: memory }", /at data\.engine: a Parquet file is read through DuckDB/],
      ["{ file: cohort.csv, engine: postgres }", /at data\.engine: data\.engine postgres reads a table through data\.query/],
      ["{ file: cohort.xlsx, engine: duckdb }", /at data\.engine: data\.engine duckdb reads Parquet/],
      ["{ query: 'SELECT 1', decimal: ',' }", /at data\.decimal: data\.decimal is for the in-memory file reader/],
      ["{ query: ' ; ' }", /at data\.query: data\.query is empty/],
    ];
    for (const [data, message] of cases) {
      const { spec, lineOf } = specOf(data);
      let caught: unknown;
      try {
        dataSource(spec, "study.yaml", lineOf);
      } catch (e) {
        caught = e;
      }
      expect(caught, data).toMatchObject({ code: "SPEC_DATA_SOURCE", message: expect.stringMatching(message) });
      expect((caught as { message: string }).message, data).toMatch(/^study\.yaml, line 2, /);
    }
    expect(dataSource(specOf("{ file: cohort.csv }").spec, "s")).toEqual({ kind: "file", file: "cohort.csv", engine: "memory" });
    expect(dataSource(specOf("{ file: x.parquet }").spec, "s")).toEqual({ kind: "database", engine: "duckdb", file: "x.parquet" });
    expect(dataSource(specOf("{ query: 'SELECT 1', engine: postgres }").spec, "s")).toEqual({ kind: "database", engine: "postgres", query: "SELECT 1" });
  });
});
