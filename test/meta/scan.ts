/** Reads the repository's source and test files for the meta tests (test/meta/*.test.ts). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Files under `dir` (relative to the repository) whose names end with one of `exts`, sorted, as repository paths. */
export function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && e.name !== "fixtures") walk(p);
      } else if (exts.some((x) => e.name.endsWith(x))) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

export function read(file: string): string {
  return readFileSync(join(ROOT, file), "utf8");
}

/** 1-based line number of character offset `at` in `text`. */
export function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
