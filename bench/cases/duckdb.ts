/**
 * Out-of-core analysis through DuckDB (src/sql/): the seeded synthetic registry (src/sql/simulate-registry.ts)
 * written to Parquet (untimed), then timed: Kaplan–Meier + log-rank by treatment, and Cox with 10 covariates,
 * each computed by GROUP BY queries over the Parquet file with the small algebra in JavaScript.
 * Sizes: SURVINFER_BENCH_DUCKDB_N rows for KM/log-rank (default 10^7; the target is 10^8 in < 60 s and
 * < 2 GB RSS), SURVINFER_BENCH_DUCKDB_COX_N rows for Cox (default 10^6; target 10^7 in < 5 min).
 * No R side: R reads Parquet only with the arrow package, which is not installed here (docs/validation.md).
 */
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { openDuckDb } from "../../src/sql/duckdb.js";
import { openSource } from "../../src/sql/source.js";
import { survivalRelation } from "../../src/sql/survival-columns.js";
import { kaplanMeierSqlCells } from "../../src/sql/km.js";
import { logrankFromCells } from "../../src/sql/logrank.js";
import { coxphSql } from "../../src/sql/cox.js";
import { writeRegistryParquet } from "../../src/sql/simulate-registry.js";

const N = Number(process.env.SURVINFER_BENCH_DUCKDB_N ?? 10_000_000);
const COX_N = Number(process.env.SURVINFER_BENCH_DUCKDB_COX_N ?? 1_000_000);

async function registry(dir: string, n: number, name: string): Promise<string> {
  const file = join(dir, name);
  const db = await openDuckDb();
  await writeRegistryParquet(db, file, n, 1);
  await db.close();
  return file;
}

export const cases = defineCases([
  {
    name: `duckdb-km-logrank-parquet-${N.toExponential(0)}`,
    repeats: 1,
    async setup(dir: string) {
      return registry(dir, N, "registry.parquet");
    },
    async run(file: string) {
      const db = await openDuckDb();
      try {
        const source = await openSource(db, { file, cwd: "/" });
        const rel = await survivalRelation(db, source, { time: "time_days", event: "status", by: "treated" });
        // one GROUP BY gives the cells both are functions of (as the study computes them)
        const { result: km, cells } = await kaplanMeierSqlCells(db, rel, { times: [365, 1825] });
        const lr = logrankFromCells(cells, rel.group!.levels, undefined);
        return { km: km.strata.map((s) => s.median.estimate), chisq: lr.chisq };
      } finally {
        await db.close();
      }
    },
  },
  {
    name: `duckdb-cox-10-covariates-${COX_N.toExponential(0)}`,
    repeats: 1,
    async setup(dir: string) {
      return registry(dir, COX_N, "registry-cox.parquet");
    },
    async run(file: string) {
      const db = await openDuckDb();
      try {
        const source = await openSource(db, { file, cwd: "/" });
        const res = await coxphSql(db, source, "Surv(time_days, status) ~ treated + age + stage + sex + x1 + x2 + x3 + x4 + x5 + x6", { ties: "efron" });
        return res.fit.coef;
      } finally {
        await db.close();
      }
    },
  },
]);
