/**
 * Cox regression in DuckDB (src/sql/cox.ts: per-time sums by GROUP BY, Newton in JavaScript) equals the
 * in-memory fitter (src/survival/cox/fit.ts) to 1e-10 on every R fixture it applies to (test/fixtures/r/cox
 * without delayed entry, offset or cluster: Efron and Breslow, ties, strata, integer and non-integer weights,
 * the robust variance, a collinear column, a diverging coefficient), and R's coxph coefficients to the design's
 * iterative tier.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxTies } from "../../src/survival/cox/types.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import type { SqlEngine } from "../../src/sql/engine.js";
import { openSource } from "../../src/sql/source.js";
import { coxphSql } from "../../src/sql/cox.js";
import { loadTable } from "./load.js";

const arr = <T>(x: T[] | T | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const TOL = { rel: 1e-10, abs: 1e-12 };

interface CoxFixtureInput {
  columnNames: string[] | string;
  x: (number[] | number)[];
  time: number[];
  status: number[];
  ties: CoxTies;
  strata?: number[];
  weights?: number[];
  entry?: number[];
  offset?: number[];
  cluster?: number[];
  robust?: boolean;
}

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openDuckDb({ threads: 1 });
});
afterAll(async () => {
  await engine.close();
});

const applicable = (inp: CoxFixtureInput): boolean => inp.entry === undefined && inp.offset === undefined && inp.cluster === undefined;
const cases = listFixtures("cox", 25).filter((name) => applicable(loadFixture<CoxFixtureInput>("cox", name).input));

describe("Cox regression in DuckDB equals the in-memory fitter (R fixtures)", () => {
  it("covers the right-censored fixtures, robust variance included", () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });
  for (const name of cases) {
    it(name, async () => {
      const fx = loadFixture<CoxFixtureInput, { coef: (number | null)[] | number | null; loglik: number[] }>("cox", name);
      const inp = fx.input;
      const xs = inp.x.map((c) => arr(c));
      const p = xs.length;
      const n = arr(inp.time).length;
      const cols: Record<string, ArrayLike<number>> = { time: arr(inp.time), status: arr(inp.status) };
      xs.forEach((c, j) => (cols[`x${j}`] = c));
      if (inp.weights) cols.w = arr(inp.weights);
      if (inp.strata) cols.st = arr(inp.strata);
      await loadTable(engine, "cx", cols);
      const mem = coxFit({
        time: Float64Array.from(arr(inp.time)),
        status: Int32Array.from(arr(inp.status)),
        x: Float64Array.from(xs.flat()),
        p,
        columnNames: xs.map((_, j) => `x${j}`),
        strata: inp.strata ? Int32Array.from(arr(inp.strata)) : undefined,
        weights: inp.weights ? Float64Array.from(arr(inp.weights)) : undefined,
      }, { ties: inp.ties, robust: inp.robust });
      const formula = `Surv(time, status) ~ ${xs.map((_, j) => `x${j}`).join(" + ")}${inp.strata ? " + strata(st)" : ""}`;
      const source = await openSource(engine, { sql: "SELECT * FROM cx", cwd: "." });
      const sql = (await coxphSql(engine, source, formula, { ties: inp.ties, weights: inp.weights ? "w" : undefined, robust: inp.robust })).fit;
      expect(sql.n).toBe(n);
      expect(sql.nEvent).toBe(mem.nEvent);
      expect(sql.iterations).toBe(mem.iterations);
      expect(sql.converged).toBe(mem.converged);
      expect(sql.warnings).toEqual(mem.warnings);
      // tolerance: in "diverging" a coefficient runs off to infinity (monotone likelihood): where Newton stops depends on
      // the last digits of ℓ, so β and its variance agree to 1e-6 only; ℓ itself still agrees to 1e-10
      // tolerance: a diverging coefficient's stopping point is set by rounding (see above)
      const coefTol = name.startsWith("diverging") ? { rel: 1e-6 } : TOL;
      expectClose(sql.coef, mem.coef, coefTol, "coef");
      expectClose(sql.var.flat(), mem.var.flat(), coefTol, "var");
      expect(sql.options.robust).toBe(mem.options.robust);
      if (mem.naiveVar) expectClose(sql.naiveVar!.flat(), mem.naiveVar.flat(), coefTol, "naive var");
      if (mem.tests.robustScore) expectClose(sql.tests.robustScore!.statistic, mem.tests.robustScore.statistic, TOL, "robust score");
      expectClose(sql.loglik, mem.loglik, TOL, "loglik");
      expectClose(sql.means, mem.means, TOL, "means");
      for (const t of ["lr", "score"] as const) expectClose(sql.tests[t].statistic, mem.tests[t].statistic, TOL, t);
      expectClose(sql.tests.wald.statistic, mem.tests.wald.statistic, coefTol, "wald");
      expectClose(sql.terms.map((t) => t.lower), mem.terms.map((t) => t.lower), coefTol, "lower");
      // and R's coxph (loglik to 1e-8; coefficients 1e-6 — tolerance: R iterates to eps = 1e-9, the design's tier for Cox at convergence)
      expectClose(sql.loglik, arr(fx.expected.loglik), { rel: 1e-8 }, "R loglik");
      // tolerance: R iterates (coxph eps = 1e-9): the design's 1e-6 tier for Cox coefficients at convergence
      if (!name.startsWith("diverging")) expectClose(sql.coef, arr(fx.expected.coef), { rel: 1e-6, abs: 1e-9 }, "R coef");
    });
  }
});
