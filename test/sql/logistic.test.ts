/**
 * The propensity-score logistic regression in DuckDB (src/sql/logistic.ts: XᵀWX and XᵀWz per IRLS iteration from
 * one aggregate query) equals the in-memory glm fitter (src/regression/logistic.ts, R's glm.fit) on confounded
 * simulated data with and without weights.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import type { SqlEngine } from "../../src/sql/engine.js";
import { openSource } from "../../src/sql/source.js";
import { logisticSql } from "../../src/sql/logistic.js";
import { loadTable } from "./load.js";

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openDuckDb({ threads: 1 });
});
afterAll(async () => {
  await engine.close();
});

/** Deterministic data: age, stage, a 0/1 marker and a treatment that depends on them. */
function data(n: number): { age: number[]; stage: number[]; marker: number[]; treated: number[]; w: number[] } {
  let s = 12345;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const out = { age: [] as number[], stage: [] as number[], marker: [] as number[], treated: [] as number[], w: [] as number[] };
  for (let i = 0; i < n; i++) {
    const age = Math.round(400 + 450 * u()) / 10;
    const stage = 1 + Math.floor(4 * u());
    const marker = u() < 0.4 ? 1 : 0;
    const lp = 1.5 - 0.03 * age - 0.4 * (stage - 2) + 0.8 * marker;
    out.age.push(age);
    out.stage.push(stage);
    out.marker.push(marker);
    out.treated.push(u() < 1 / (1 + Math.exp(-lp)) ? 1 : 0);
    out.w.push(1 + (i % 3));
  }
  return out;
}

describe("propensity logistic regression in DuckDB equals the in-memory glm", () => {
  for (const weighted of [false, true]) {
    it(weighted ? "with weights" : "without weights", async () => {
      const d = data(800);
      await loadTable(engine, "ps", d);
      const source = await openSource(engine, { sql: "SELECT * FROM ps", cwd: "." });
      const sql = await logisticSql(engine, source, { outcome: "treated", covariates: ["age", "stage", "marker"], weights: weighted ? "w" : undefined });
      const mem = logisticRegression({ y: d.treated, x: Float64Array.from([...d.age, ...d.stage, ...d.marker]), columnNames: ["age", "stage", "marker"], addIntercept: true, weights: weighted ? d.w : undefined });
      expect(sql.convergence.iterations).toBe(mem.convergence.iterations);
      expect(sql.convergence.converged).toBe(true);
      expect(sql.columnNames).toEqual(mem.columnNames);
      expectClose(sql.coef, mem.coef, { rel: 1e-10 }, "coef");
      expectClose(sql.vcov.flat(), mem.vcov.flat(), { rel: 1e-10 }, "vcov");
      expectClose(sql.deviance, mem.deviance, { rel: 1e-10 }, "deviance");
      expectClose(sql.nullDeviance, mem.nullDeviance, { rel: 1e-10 }, "null deviance");
    });
  }

  it("a collinear design stops with MODEL_SINGULAR", async () => {
    await loadTable(engine, "ps2", { treated: [0, 1, 0, 1, 1, 0], a: [1, 2, 3, 4, 5, 6], b: [2, 4, 6, 8, 10, 12] });
    const source = await openSource(engine, { sql: "SELECT * FROM ps2", cwd: "." });
    await expect(logisticSql(engine, source, { outcome: "treated", covariates: ["a", "b"] })).rejects.toMatchObject({ code: "MODEL_SINGULAR" });
  });
});
