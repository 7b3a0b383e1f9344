/**
 * The same generated SQL on PostgreSQL: Kaplan–Meier, log-rank and Cox computed inside a PostgreSQL server equal
 * the in-memory engines to 1e-10 on R fixtures. Runs when SURVINFER_TEST_PG names a reachable server
 * (.ci/run starts a throwaway one with .ci/postgres.sh); without it each test returns at once (a plain `if`,
 * as the test policy asks, not a skip). The unreachable-server error is tested without a server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { logrankTest } from "../../src/survival/logrank.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { openPostgres, redactConnectionString } from "../../src/sql/postgres.js";
import type { SqlEngine } from "../../src/sql/engine.js";
import { openSource } from "../../src/sql/source.js";
import { survivalRelation } from "../../src/sql/survival-columns.js";
import { kaplanMeierSql } from "../../src/sql/km.js";
import { logrankSql } from "../../src/sql/logrank.js";
import { coxphSql } from "../../src/sql/cox.js";
import { runCli } from "../helpers/cli.js";
import { labels, loadTable } from "./load.js";
import { expectSameKm } from "./expect-km.js";

const URL = process.env.SURVINFER_TEST_PG;
const TOL = { rel: 1e-10, abs: 1e-12 };
const arr = <T>(x: T[] | T | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

let engine: SqlEngine | undefined;
beforeAll(async () => {
  if (URL) engine = await openPostgres(URL);
});
afterAll(async () => {
  if (engine) {
    for (const t of ["si_km", "si_lr", "si_cox"]) await engine.query(`DROP TABLE IF EXISTS ${t}`);
    await engine.close();
  }
});

describe("PostgreSQL engine", () => {
  it("an unreachable server is SQL_UNREACHABLE (exit 2) with the password hidden", async () => {
    const r = await runCli(["km", "--sql", "SELECT 1", "--engine", "postgres", "--db", "postgres://me:secret@127.0.0.1:1/none", "--time", "t", "--event", "s"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot connect to PostgreSQL/);
    expect(r.stderr).not.toMatch(/secret/);
    expect(r.stdout).toBe("");
    expect(redactConnectionString("postgres://me:secret@h/db")).toBe("postgres://me:***@h/db");
  });

  it("Kaplan–Meier by group with weights equals the in-memory engine", async () => {
    if (!engine) return;
    const inp = loadFixture<{ time: number[]; status: number[]; weights: number[]; group: { codes: number[]; levels: string[] } }>("km", "weights-noninteger-robust-by-group").input;
    const group = { codes: Int32Array.from(inp.group.codes), levels: inp.group.levels };
    await loadTable(engine, "si_km", { time: inp.time, status: inp.status, w: inp.weights, grp: labels(group.codes, group.levels) });
    const source = await openSource(engine, { sql: "SELECT * FROM si_km", cwd: "." });
    const rel = await survivalRelation(engine, source, { time: "time", event: "status", by: "grp", weights: "w" });
    const options = { times: [3, 6, 9] };
    const mem = kaplanMeier({ time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), weights: Float64Array.from(inp.weights), group }, options);
    expectSameKm(await kaplanMeierSql(engine, rel, options), mem);
  });

  it("the stratified log-rank test equals the in-memory engine", async () => {
    if (!engine) return;
    const inp = loadFixture<{ time: number[]; status: number[]; group: number[]; groupLevels: string[]; strata: number[]; strataLevels: string[] }>("logrank", "lung-sex-strata-ecog").input;
    const group = { codes: Int32Array.from(inp.group), levels: inp.groupLevels };
    const strata = { codes: Int32Array.from(inp.strata), levels: inp.strataLevels };
    await loadTable(engine, "si_lr", { time: inp.time, status: inp.status, grp: labels(group.codes, group.levels), st: labels(strata.codes, strata.levels) });
    const source = await openSource(engine, { sql: "SELECT * FROM si_lr", cwd: "." });
    const rel = await survivalRelation(engine, source, { time: "time", event: "status", by: "grp", strata: "st" });
    const sql = await logrankSql(engine, rel);
    const mem = logrankTest({ time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), group, strata });
    expectClose(sql.chisq, mem.chisq, TOL, "chisq");
    expectClose(sql.groups.map((g) => g.expected), mem.groups.map((g) => g.expected), TOL, "expected");
    expect(sql.n).toBe(mem.n);
  });

  it("Cox (Efron, strata) equals the in-memory fitter", async () => {
    if (!engine) return;
    const inp = loadFixture<{ x: number[][]; time: number[]; status: number[]; strata: number[] }>("cox", "lung-strata-inst").input;
    const xs = inp.x.map((c) => arr(c));
    const cols: Record<string, ArrayLike<number>> = { time: inp.time, status: inp.status, st: inp.strata };
    xs.forEach((c, j) => (cols[`x${j}`] = c));
    await loadTable(engine, "si_cox", cols);
    const source = await openSource(engine, { sql: "SELECT * FROM si_cox", cwd: "." });
    const sql = (await coxphSql(engine, source, `Surv(time, status) ~ ${xs.map((_, j) => `x${j}`).join(" + ")} + strata(st)`)).fit;
    const mem = coxFit({ time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), x: Float64Array.from(xs.flat()), p: xs.length, columnNames: xs.map((_, j) => `x${j}`), strata: Int32Array.from(inp.strata) });
    expectClose(sql.coef, mem.coef, TOL, "coef");
    expectClose(sql.var.flat(), mem.var.flat(), TOL, "var");
    expectClose(sql.loglik, mem.loglik, TOL, "loglik");
    expect(sql.iterations).toBe(mem.iterations);
  });

  it("the CLI runs a query on the server (--engine postgres --db)", async () => {
    if (!engine || !URL) return;
    const r = await runCli(["cox", "--sql", "SELECT * FROM si_cox", "--engine", "postgres", "--db", URL, "--formula", "Surv(time, status) ~ x0 + strata(st)", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { engine: string; terms: { name: string }[]; concordance: null };
    expect(out.engine).toBe("postgres");
    expect(out.terms.map((t) => t.name)).toEqual(["x0"]);
    expect(out.concordance).toBeNull();
  });
});
