/** Loads the multiple-imputation fixtures written by tools/oracle/mice.R into test/fixtures/mi/<case>.json. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface MiFixture<I, E> {
  readonly call: string;
  readonly r_version: string;
  readonly packages: Record<string, string>;
  readonly input: I;
  readonly expected: E;
  readonly note?: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "mi");

export function loadMi<I, E>(name: string): MiFixture<I, E> {
  return JSON.parse(readFileSync(join(root, `${name}.json`), "utf8")) as MiFixture<I, E>;
}

/** Column-major Float64Array from R's row-major matrix (rows of a JSON array). */
export function colMajor(rows: readonly (readonly number[])[]): { x: Float64Array; n: number; q: number } {
  const n = rows.length;
  const q = n === 0 ? 0 : rows[0].length;
  const x = new Float64Array(n * q);
  for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) x[j * n + i] = rows[i][j];
  return { x, n, q };
}

export function mask(b: readonly boolean[]): Uint8Array {
  return Uint8Array.from(b, (v) => (v ? 1 : 0));
}

export function notMask(b: readonly boolean[]): Uint8Array {
  return Uint8Array.from(b, (v) => (v ? 0 : 1));
}
