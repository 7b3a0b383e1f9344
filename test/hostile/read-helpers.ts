/** Shared pieces of the hostile reading tests: a seeded small cohort, temp files and CLI error checks. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli, type CliRun } from "../helpers/cli.js";

export interface Cohort {
  readonly time: number[];
  readonly status: number[];
  readonly age: number[];
  readonly sex: string[];
}

/** A deterministic cohort (Park–Miller generator, fixed seed): times in months, ages with one decimal. */
export function cohort(n: number, seed = 20261205): Cohort {
  let s = seed % 2147483647;
  const u = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const out: Cohort = { time: [], status: [], age: [], sex: [] };
  for (let i = 0; i < n; i++) {
    out.age.push(Math.round((40 + 35 * u()) * 10) / 10);
    out.sex.push(u() < 0.5 ? "male" : "female");
    out.time.push(Math.round((1 + 80 * u()) * 10) / 10);
    out.status.push(u() < 0.6 ? 1 : 0);
  }
  return out;
}

/** A temp folder for one test file, removed by `cleanup`. */
export function tempDir(prefix: string): { path: (name: string) => string; write: (name: string, data: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    path: (name) => join(dir, name),
    write: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs the CLI and expects exit 2 with file, row, column and value named on stderr (and nothing on stdout). */
export async function expectCliRefusal(argv: readonly string[], where: { file: string; row?: number; column?: string; value?: string; text?: RegExp }): Promise<CliRun> {
  const r = await runCli(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(where.file);
  if (where.row !== undefined) expect(r.stderr).toContain(`row ${where.row}`);
  if (where.column !== undefined) expect(r.stderr).toContain(`column "${where.column}"`);
  if (where.value !== undefined) expect(r.stderr).toContain(JSON.stringify(where.value));
  if (where.text !== undefined) expect(r.stderr).toMatch(where.text);
  return r;
}
