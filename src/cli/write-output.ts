/**
 * Atomic output: every file of a run is written into a temporary sibling directory which then
 * replaces DIR by rename, so an interrupted run never leaves a half-written report. Only DIR is
 * touched; input files are never written.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type OutputFiles = Readonly<Record<string, string | Uint8Array>>;

export function writeOutputDir(outDir: string, files: OutputFiles): void {
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = `${outDir}.tmp-${stamp}`;
  const old = `${outDir}.old-${stamp}`;
  mkdirSync(dirname(outDir), { recursive: true });
  try {
    mkdirSync(tmp);
    for (const [name, content] of Object.entries(files)) {
      const path = join(tmp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
