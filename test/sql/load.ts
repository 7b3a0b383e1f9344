/**
 * Test helper: puts JavaScript columns into a database table (DOUBLE PRECISION for numbers, VARCHAR for text;
 * NaN, null and undefined become NULL), so that one dataset can be analysed in memory and in SQL.
 */
import type { SqlEngine } from "../../src/sql/engine.js";

export type TestColumn = ArrayLike<number> | readonly (string | null)[];

export async function loadTable(engine: SqlEngine, name: string, columns: Record<string, TestColumn>): Promise<void> {
  const names = Object.keys(columns);
  const text = names.map((n) => typeof columns[n][0] === "string" || columns[n][0] === null);
  const defs = names.map((n, j) => `"${n}" ${text[j] ? "VARCHAR" : "DOUBLE PRECISION"}`).join(", ");
  await engine.query(`DROP TABLE IF EXISTS "${name}"`);
  await engine.query(`CREATE TABLE "${name}" (${defs})`);
  const n = columns[names[0]].length;
  const cell = (v: number | string | null | undefined): string =>
    v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "NULL" : typeof v === "number" ? (Number.isFinite(v) ? String(v) : `CAST('${v > 0 ? "Infinity" : "-Infinity"}' AS DOUBLE PRECISION)`) : `'${v.replace(/'/g, "''")}'`;
  for (let from = 0; from < n; from += 500) {
    const rows: string[] = [];
    for (let i = from; i < Math.min(n, from + 500); i++) rows.push(`(${names.map((c) => cell(columns[c][i] as number | string | null)).join(", ")})`);
    await engine.query(`INSERT INTO "${name}" VALUES ${rows.join(", ")}`);
  }
}

/** Level labels for codes (−1 → null). */
export function labels(codes: ArrayLike<number>, levels: readonly string[]): (string | null)[] {
  return Array.from(codes, (c) => (c < 0 ? null : levels[c]));
}
