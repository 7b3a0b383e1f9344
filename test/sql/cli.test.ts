/**
 * The CLI with a database engine: a Parquet file gives the numbers the CSV gives in memory; bad input stops with
 * exit 2, the error code's message on stderr (the database's own message quoted) and nothing on stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectClose } from "../helpers/expect-close.js";
import { openDuckDb } from "../../src/sql/duckdb.js";

let dir: string;
const csv = [
  "time,status,arm,age,grade,w,txt,flag",
  ...Array.from({ length: 60 }, (_, i) => {
    const time = 1 + ((i * 7) % 23) + (i % 3 === 0 ? 0.5 : 0);
    const status = i % 4 === 0 ? 0 : 1;
    return `${time},${status},${i % 2 === 0 ? "control" : "treated"},${40 + ((i * 13) % 37)},${1 + (i % 3)},${1 + (i % 2)},t${i},${i % 5 === 0 ? "" : "x"}`;
  }),
].join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "survinfer-sql-cli-"));
  writeFileSync(join(dir, "d.csv"), csv + "\n");
  const db = await openDuckDb({ threads: 1 });
  await db.query(`COPY (SELECT * FROM read_csv('${join(dir, "d.csv")}', header = true, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR'])) TO '${join(dir, "d.parquet")}' (FORMAT parquet)`);
  await db.query(`COPY (SELECT time, 0 AS status, arm, age FROM read_csv('${join(dir, "d.csv")}', header = true)) TO '${join(dir, "censored.parquet")}' (FORMAT parquet)`);
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]): ReturnType<typeof runCli> => runCli(args, dir);

describe("km | logrank | cox with --engine duckdb", () => {
  it("a Parquet file gives the in-memory numbers of the same CSV (km, logrank, cox)", async () => {
    for (const [cmd, extra] of [
      ["km", ["--time", "time", "--event", "status", "--by", "arm", "--times", "5,10"]],
      ["logrank", ["--time", "time", "--event", "status", "--by", "arm"]],
      ["cox", ["--formula", "Surv(time, status) ~ age + factor(grade) + strata(arm)"]],
    ] as const) {
      const mem = await run(cmd, "d.csv", ...extra, "--json");
      const pq = await run(cmd, "d.parquet", ...extra, "--json");
      expect(pq.stderr).toBe("");
      expect(mem.code).toBe(0);
      expect(pq.code).toBe(0);
      const a = JSON.parse(mem.stdout) as Record<string, unknown>;
      const b = JSON.parse(pq.stdout) as Record<string, unknown>;
      expect(b.engine).toBe("duckdb");
      if (cmd === "km") {
        const sa = a.strata as { name: string; surv: number[]; upper: number[] }[];
        const sb = b.strata as { name: string; surv: number[]; upper: number[] }[];
        expect(sb.map((s) => s.name)).toEqual(sa.map((s) => s.name));
        sa.forEach((s, k) => expectClose(sb[k].upper, s.upper, { rel: 1e-10 }, "upper"));
        expect(b.followUp).toEqual(a.followUp);
      } else if (cmd === "logrank") {
        expectClose(b.chisq as number, a.chisq as number, { rel: 1e-10 }, "chisq");
      } else {
        expectClose(b.coef as number[], a.coef as number[], { rel: 1e-10 }, "coef");
        expect(b.concordance).toBeNull();
      }
    }
  });

  it("cox --robust gives the in-memory sandwich variance", async () => {
    const args = ["--formula", "Surv(time, status) ~ age + factor(grade)", "--weights", "w", "--robust", "--json"];
    const mem = JSON.parse((await run("cox", "d.csv", ...args)).stdout) as { var: number[][]; tests: { robustScore: { statistic: number } } };
    const pq = JSON.parse((await run("cox", "d.parquet", ...args)).stdout) as { var: number[][]; tests: { robustScore: { statistic: number } } };
    expectClose(pq.var.flat(), mem.var.flat(), { rel: 1e-10 }, "robust var");
    expectClose(pq.tests.robustScore.statistic, mem.tests.robustScore.statistic, { rel: 1e-10 }, "robust score");
  });

  it("--sql reads a query (and the CSV through DuckDB) with the same numbers", async () => {
    const mem = await run("logrank", "d.csv", "--time", "time", "--event", "status", "--by", "arm", "--json");
    const q = await run("logrank", "--sql", `SELECT * FROM read_parquet('d.parquet') WHERE time > 0`, "--time", "time", "--event", "status", "--by", "arm", "--json");
    expect(q.code).toBe(0);
    expectClose((JSON.parse(q.stdout) as { chisq: number }).chisq, (JSON.parse(mem.stdout) as { chisq: number }).chisq, { rel: 1e-10 }, "chisq");
    const viaCsv = await run("km", "d.csv", "--engine", "duckdb", "--time", "time", "--event", "status");
    expect(viaCsv.code).toBe(0);
    expect(viaCsv.stdout).toMatch(/computed by duckdb/);
  });

  const bad: [string, string[], RegExp][] = [
    ["a SQL syntax error (SQL_ERROR) quotes DuckDB", ["km", "--sql", "SELEC * FROM x", "--time", "time", "--event", "status"], /DuckDB failed while running a query: .*syntax error/],
    ["a text time column (DATA_NOT_NUMERIC)", ["km", "d.parquet", "--time", "txt", "--event", "status"], /must be numeric/],
    ["a missing column (DATA_MISSING_COLUMN)", ["km", "d.parquet", "--time", "tme", "--event", "status"], /has no column "tme"/],
    ["a negative time (DATA_NEGATIVE_TIME)", ["km", "--sql", "SELECT time - 10 AS time, status FROM 'd.parquet'", "--time", "time", "--event", "status"], /must be finite and ≥ 0/],
    ["a status 0/1/2 (DATA_INVALID_STATUS)", ["km", "--sql", "SELECT time, grade - 1 AS status FROM 'd.parquet'", "--time", "time", "--event", "status"], /event status must be 0\/1/],
    ["a text status (DATA_BAD_STATUS)", ["km", "d.parquet", "--time", "time", "--event", "arm"], /is text with levels/],
    ["a negative weight (DATA_BAD_WEIGHT)", ["km", "--sql", "SELECT time, status, -w AS w FROM 'd.parquet'", "--time", "time", "--event", "status", "--weights", "w"], /weights must be finite and not negative/],
    ["no rows (DATA_NO_ROWS)", ["km", "--sql", "SELECT * FROM 'd.parquet' WHERE time < 0", "--time", "time", "--event", "status"], /no data rows/],
    ["no events for Cox (COX_NO_EVENTS)", ["cox", "censored.parquet", "--formula", "Surv(time, status) ~ age"], /no events among the 60 rows/],
    ["an XLSX file (DATA_UNSUPPORTED_FORMAT)", ["km", "d.xlsx", "--engine", "duckdb", "--time", "time", "--event", "status"], /reads Parquet/],
    ["--sql with --engine memory (OPTION_CONFLICT)", ["km", "--sql", "SELECT 1", "--engine", "memory", "--time", "time", "--event", "status"], /--sql needs a database engine/],
    ["a reader option (OPTION_CONFLICT)", ["km", "d.parquet", "--delimiter", ";", "--time", "time", "--event", "status"], /--delimiter is not available with --engine duckdb/],
    ["no data at all (OPTION_MISSING)", ["km", "--time", "time", "--event", "status"], /no data file given/],
    ["cox --zph (OPTION_CONFLICT)", ["cox", "d.parquet", "--formula", "Surv(time, status) ~ age", "--zph"], /--zph is not available with --engine duckdb/],
    ["an interaction (FORMULA_UNSUPPORTED)", ["cox", "d.parquet", "--formula", "Surv(time, status) ~ age * grade"], /interaction/],
    ["a factor with one level (FORMULA_ONE_LEVEL)", ["cox", "--sql", "SELECT * FROM 'd.parquet' WHERE grade = 1", "--formula", "Surv(time, status) ~ factor(grade)"], /only one level/],
    ["an unknown --event-value (OPTION_INVALID)", ["km", "d.parquet", "--time", "time", "--event", "arm", "--event-value", "dead"], /--event-value must be one of the values/],
  ];
  for (const [what, args, message] of bad) {
    it(`stops on ${what} with exit 2 and no output`, async () => {
      const r = await run(...args);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    });
  }

  it("rows with a missing value are dropped and counted as the in-memory reader counts them", async () => {
    const r = await run("km", "--sql", "SELECT time, status, CASE WHEN flag IS NULL THEN NULL ELSE arm END AS arm FROM 'd.parquet'", "--time", "time", "--event", "status", "--by", "arm", "--json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings).toContain("12 rows dropped for a missing value: 12 in arm");
  });
});
