/**
 * Kaplan–Meier and the log-rank test computed in DuckDB (src/sql/km.ts, src/sql/logrank.ts) equal the
 * in-memory engines to 1e-10 on every R fixture they apply to (test/fixtures/r/km, …/logrank: ties,
 * near-ties, groups, strata, integer and non-integer weights, rho), and hence R survival 3.5-3.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { logrankTest } from "../../src/survival/logrank.js";
import type { ConfType } from "../../src/survival/conf-int.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import type { SqlEngine } from "../../src/sql/engine.js";
import { openSource } from "../../src/sql/source.js";
import { survivalRelation } from "../../src/sql/survival-columns.js";
import { kaplanMeierSql } from "../../src/sql/km.js";
import { logrankSql } from "../../src/sql/logrank.js";
import { labels, loadTable } from "./load.js";
import { expectSameKm } from "./expect-km.js";

const arr = <T>(x: T[] | T | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const TOL = { rel: 1e-10, abs: 1e-13 };

interface KmInput {
  kind: string;
  time: number[] | number;
  status: number[] | number;
  weights?: number[] | number;
  entry?: unknown;
  group?: { codes: number[] | number; levels: string[] | string };
  options: { confType: ConfType; confLevel: number; times?: number[] | number; timefix?: boolean };
}

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openDuckDb({ threads: 1 });
});
afterAll(async () => {
  await engine.close();
});

const kmCases = listFixtures("km", 50).filter((name) => {
  const inp = loadFixture<KmInput>("km", name).input;
  return inp.kind === "km" && inp.entry === undefined;
});

describe("Kaplan–Meier in DuckDB equals the in-memory engine (R fixtures)", () => {
  it("covers the fixtures without delayed entry", () => {
    expect(kmCases.length).toBeGreaterThanOrEqual(30);
  });
  for (const name of kmCases) {
    it(name, async () => {
      const inp = loadFixture<KmInput>("km", name).input;
      const time = arr(inp.time);
      const group = inp.group && { codes: Int32Array.from(arr(inp.group.codes)), levels: arr(inp.group.levels) };
      const cols: Record<string, ArrayLike<number> | (string | null)[]> = { time, status: arr(inp.status).map((s) => (s < 0 ? Number.NaN : s)) };
      if (inp.weights !== undefined) cols.w = arr(inp.weights);
      if (group) cols.grp = labels(group.codes, group.levels);
      await loadTable(engine, "km", cols);
      const options = { confType: inp.options.confType, confLevel: inp.options.confLevel, times: arr(inp.options.times), timefix: inp.options.timefix ?? true };
      const mem = kaplanMeier(
        { time: Float64Array.from(time), status: Int32Array.from(arr(inp.status)), weights: inp.weights === undefined ? undefined : Float64Array.from(arr(inp.weights)), group },
        options,
      );
      const source = await openSource(engine, { sql: "SELECT * FROM km", cwd: "." });
      const rel = await survivalRelation(engine, source, { time: "time", event: "status", by: group ? "grp" : undefined, weights: inp.weights === undefined ? undefined : "w" });
      expectSameKm(await kaplanMeierSql(engine, rel, options), mem);
    });
  }
});

interface LogrankInput {
  time: number[];
  status: number[];
  group: number[];
  groupLevels: string[] | string;
  strata?: number[];
  strataLevels?: string[] | string;
  rho: number;
}

describe("the log-rank test in DuckDB equals the in-memory engine (R fixtures)", () => {
  for (const name of listFixtures("logrank", 22)) {
    it(name, async () => {
      const inp = loadFixture<LogrankInput>("logrank", name).input;
      const group = { codes: Int32Array.from(arr(inp.group)), levels: arr(inp.groupLevels) };
      const strata = inp.strata && { codes: Int32Array.from(arr(inp.strata)), levels: arr(inp.strataLevels) };
      const time = arr(inp.time).map((t) => (t === null ? Number.NaN : t));
      const status = arr(inp.status).map((s) => (s === null || s < 0 ? Number.NaN : s));
      const cols: Record<string, ArrayLike<number> | (string | null)[]> = { time, status, grp: labels(group.codes, group.levels) };
      if (strata) cols.st = labels(strata.codes, strata.levels);
      await loadTable(engine, "lr", cols);
      const mem = logrankTest({ time: Float64Array.from(time), status: Int32Array.from(status, (s) => (Number.isNaN(s) ? -1 : s)), group, strata }, { rho: inp.rho });
      const source = await openSource(engine, { sql: "SELECT * FROM lr", cwd: "." });
      const rel = await survivalRelation(engine, source, { time: "time", event: "status", by: "grp", strata: strata ? "st" : undefined });
      const sql = await logrankSql(engine, rel, { rho: inp.rho });
      const byName = new Map(mem.groups.map((g, k) => [g.name, k]));
      const perm = sql.groups.map((g) => byName.get(g.name)!);
      expect(sql.n).toBe(mem.n);
      expect(sql.df).toBe(mem.df);
      expect(sql.method).toBe(mem.method);
      expect(sql.groups.map((g) => g.n)).toEqual(perm.map((k) => mem.groups[k].n));
      expectClose(sql.groups.map((g) => g.observed), perm.map((k) => mem.groups[k].observed), TOL, "observed");
      expectClose(sql.groups.map((g) => g.expected), perm.map((k) => mem.groups[k].expected), TOL, "expected");
      expectClose(sql.variance.flat(), perm.flatMap((a) => perm.map((b) => mem.variance[a][b])), TOL, "variance");
      expectClose(sql.chisq, mem.chisq, TOL, "chisq");
      expectClose(sql.p, mem.p, TOL, "p");
      if (mem.hazardRatio && perm[0] === 0) expectClose(sql.hazardRatio!.peto.estimate, mem.hazardRatio.peto.estimate, TOL, "HR");
    });
  }
});

describe("the checks from counts and extremes (integer columns) agree with the full scan", () => {
  // 200 rows, integer time/status/arm; the DOUBLE copy of the same columns takes the full check scan
  const rows = Array.from({ length: 200 }, (_, i) => `(${(i * 37) % 97}, ${(i * 11) % 3 === 0 ? 0 : 1}, ${i % 2})`).join(", ");
  const ints = `SELECT * FROM (VALUES ${rows}) AS v(time, status, arm)`;
  const dbls = `SELECT CAST(time AS DOUBLE) AS time, CAST(status AS DOUBLE) AS status, CAST(arm AS DOUBLE) AS arm FROM (${ints}) AS i`;
  const relationOf = async (sql: string) => survivalRelation(engine, await openSource(engine, { sql, cwd: "/" }), { time: "time", event: "status", by: "arm" });

  it("gives the same Kaplan–Meier and log-rank, and checks integer columns without a CASE over every row", async () => {
    const seen: string[] = [];
    const spy: SqlEngine = { name: engine.name, dialect: engine.dialect, query: (sql) => (seen.push(sql), engine.query(sql)), close: async () => {} };
    await survivalRelation(spy, await openSource(spy, { sql: ints, cwd: "/" }), { time: "time", event: "status", by: "arm" });
    expect(seen.filter((sql) => /\bCASE\b/.test(sql))).toEqual([]);
    const [ri, rd] = [await relationOf(ints), await relationOf(dbls)];
    expect(ri.nUsed).toBe(200);
    expect(rd.nUsed).toBe(200);
    expect(ri.statusCoding).toBe(rd.statusCoding);
    expect(await kaplanMeierSql(engine, ri, { times: [10, 50] })).toEqual(await kaplanMeierSql(engine, rd, { times: [10, 50] }));
    expect(await logrankSql(engine, ri)).toEqual(await logrankSql(engine, rd));
  });

  it("falls back to the full scan for a NULL, a negative time and a status outside Surv()'s codings", async () => {
    const withNull = `SELECT time, status, CASE WHEN time = 0 THEN NULL ELSE arm END AS arm FROM (${ints}) AS i`;
    expect((await relationOf(withNull)).warnings[0]).toMatch(/^\d+ rows? dropped for a missing value: \d+ in arm$/);
    await expect(relationOf(`SELECT time - 1 AS time, status, arm FROM (${ints}) AS i`)).rejects.toMatchObject({ code: "DATA_NEGATIVE_TIME" });
    await expect(relationOf(`SELECT time, status * 3 AS status, arm FROM (${ints}) AS i`)).rejects.toMatchObject({ code: "DATA_INVALID_STATUS" });
    const twelve = await relationOf(`SELECT time, status + 1 AS status, arm FROM (${ints}) AS i`);
    expect(twelve.statusCoding).toBe("1/2");
  });
});
