/** Shared steps of the hostile-input tests: temp files, hashes, and the CLI run of `km` on a file. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import type { CliRun } from "../helpers/cli.js";

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `survinfer-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function writeBytes(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** `survinfer km FILE --time time --event status --json`, run in `cwd`, with its duration in ms. */
export async function km(file: string, cwd: string): Promise<CliRun & { ms: number }> {
  const t0 = performance.now();
  const run = await runCli(["km", file, "--time", "time", "--event", "status", "--json"], cwd);
  return { ...run, ms: performance.now() - t0 };
}
