/**
 * A synthetic registry of any size, generated inside DuckDB and streamed to a Parquet file by one
 * `COPY (SELECT … FROM range(n)) TO 'file' (FORMAT parquet)`: no row is ever held in JavaScript, DuckDB writes
 * row groups as it goes (memory stays flat at 10^8 rows), and every value is a pure function of (seed, row):
 * the same seed gives the same rows on any machine and thread count (in id order: DuckDB keeps range()'s order
 * when writing, preserve_insertion_order, so no sort is needed and memory stays flat).
 *
 * Random numbers: a counter-based generator in 31-bit integer arithmetic that fits BIGINT without overflow —
 * x₀ = (row·2654435761 + seed·40503 + stream·9973 + 1) mod 2³¹, then three rounds of
 * y ← (x·1103515245 + 12345) mod 2³¹, x ← y xor (y >> 13); u = (x + 0.5)/2³¹ ∈ (0, 1). Normals by Box–Muller.
 *
 * Model (the truth, docs/scale.md): age ~ U(40, 85) (0.1 years), sex male with p = 0.5, stage 1–4 uniform,
 * x1…x6 ~ N(0, 1) (3 decimals), treatment with logit P = −0.5 − 0.02(age − 60) − 0.3(stage − 2) + 0.3·male;
 * death time exponential with hazard λ·exp(η), λ = 0.01/month, η = log(0.7)·treated + 0.03(age − 60) + 0.3(stage − 1)
 * + 0.2·male + 0.1·x1 − 0.1·x2 + 0.05·x3; censoring uniform on (0, 120) months; time in whole days (≥ 1).
 */
import { DUCKDB } from "./dialect.js";
import type { SqlEngine } from "./engine.js";

export const REGISTRY_TRUTH = {
  baselineHazardPerMonth: 0.01,
  logHazardRatio: { treated: Math.log(0.7), agePerYear: 0.03, stagePerLevel: 0.3, male: 0.2, x1: 0.1, x2: -0.1, x3: 0.05, x4: 0, x5: 0, x6: 0 },
  censoringMonths: 120,
} as const;

/** The streams used: 1 age, 2 sex, 3 stage, 4 treatment, 5 death, 6 censoring, 12…23 the normals x1…x6. */
const STREAMS = [1, 2, 3, 4, 5, 6, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];

/**
 * CTEs that give each row its uniforms u{k} (see the header), one mixing step per CTE level so that the
 * expression stays linear in size: state x{k}, then three rounds of y = (x·1103515245 + 12345) mod 2³¹,
 * x = y xor (y >> 13).
 */
export function uniformsCtes(n: number, seed: number): { ctes: string; last: string } {
  const parts: string[] = [];
  parts.push(`r0 AS (SELECT i, ${STREAMS.map((k) => `((i * 2654435761 + ${seed * 40503 + k * 9973 + 1}) % 2147483648) AS x${k}`).join(", ")} FROM range(${n}) AS r(i))`);
  let prev = "r0";
  for (let round = 1; round <= 3; round++) {
    parts.push(`y${round} AS (SELECT i, ${STREAMS.map((k) => `((x${k} * 1103515245 + 12345) % 2147483648) AS x${k}`).join(", ")} FROM ${prev})`);
    parts.push(`r${round} AS (SELECT i, ${STREAMS.map((k) => `xor(x${k}, x${k} >> 13) AS x${k}`).join(", ")} FROM y${round})`);
    prev = `r${round}`;
  }
  parts.push(`u AS (SELECT i, ${STREAMS.map((k) => `(CAST(x${k} AS DOUBLE) + 0.5) / 2147483648.0 AS u${k}`).join(", ")} FROM ${prev})`);
  return { ctes: parts.join(", "), last: "u" };
}

/** SQL for a standard normal from uniforms u{k} and u{k+1} (Box–Muller). */
function normalSql(k: number): string {
  return `(sqrt(-2 * ln(u${k})) * cos(2 * pi() * u${k + 1}))`;
}

/** The SELECT that generates the registry's n rows (columns id, age, sex, stage, x1…x6, treated, time_days, status). */
export function registrySelect(n: number, seed: number): string {
  const t = REGISTRY_TRUTH;
  const b = t.logHazardRatio;
  const { ctes } = uniformsCtes(n, seed);
  const base =
    `SELECT i + 1 AS id, round(40 + 45 * u1, 1) AS age, CASE WHEN u2 < 0.5 THEN 'male' ELSE 'female' END AS sex, ` +
    `CAST(1 + floor(4 * u3) AS INTEGER) AS stage, ` +
    [1, 2, 3, 4, 5, 6].map((j) => `round(${normalSql(10 + 2 * j)}, 3) AS x${j}`).join(", ") +
    `, u4 AS u_treat, u5 AS u_death, u6 AS u_cens FROM u`;
  const treated = `CASE WHEN u_treat < 1 / (1 + exp(-(-0.5 - 0.02 * (age - 60) - 0.3 * (stage - 2) + 0.3 * CAST(sex = 'male' AS INTEGER)))) THEN 1 ELSE 0 END`;
  const eta = `${b.treated} * treated + ${b.agePerYear} * (age - 60) + ${b.stagePerLevel} * (stage - 1) + ${b.male} * CAST(sex = 'male' AS INTEGER) + ${b.x1} * x1 + (${b.x2}) * x2 + ${b.x3} * x3`;
  return (
    `WITH ${ctes}, b AS (${base}), c AS (SELECT *, ${treated} AS treated FROM b), e AS (SELECT *, -ln(u_death) / (${t.baselineHazardPerMonth} * exp(${eta})) AS t_death, ${t.censoringMonths} * u_cens AS t_cens FROM c) ` +
    `SELECT id, age, sex, stage, x1, x2, x3, x4, x5, x6, treated, CAST(greatest(1, ceil(least(t_death, t_cens) * 30.4375)) AS INTEGER) AS time_days, ` +
    `CASE WHEN t_death <= t_cens THEN 1 ELSE 0 END AS status FROM e`
  );
}

/** Streams the registry to `path` (Parquet, zstd row groups) inside `engine` (DuckDB). */
export async function writeRegistryParquet(engine: SqlEngine, path: string, n: number, seed: number): Promise<void> {
  await engine.query(`COPY (${registrySelect(n, seed)}) TO ${DUCKDB.literal(path)} (FORMAT parquet, COMPRESSION zstd)`);
}
