/** `npm run bench [filter]`: runs every case in bench/cases whose name contains the filter. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import type { BenchCase } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? "";
const hasR = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;

function fmt(s: number): string {
  return s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`;
}

async function timeJs(c: BenchCase, ctx: unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < (c.repeats ?? 3); r++) {
    const t0 = process.hrtime.bigint();
    await c.run(ctx);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

function timeR(c: BenchCase, dir: string): number | string {
  if (!c.r) return "no R case";
  if (!hasR) return "Rscript not found";
  const script = join(dir, "bench.R");
  writeFileSync(script, c.r(dir));
  const res = spawnSync("Rscript", [script], { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = /ELAPSED\s+([0-9.eE+-]+)/.exec(res.stdout ?? "");
  if (res.status !== 0 || !m) return `R failed: ${(res.stderr ?? "").trim().split("\n").slice(-2).join(" ")}`;
  return Number(m[1]);
}

const files = readdirSync(join(here, "cases")).filter((f) => f.endsWith(".ts")).sort();
console.log(`survinfer bench (node ${process.version}${hasR ? ", with R" : ", R not found: survinfer only"})`);
console.log(["case", "survinfer", "R", "ratio survinfer/R"].join(" | "));
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, "cases", f)).href)) as { cases: BenchCase[] };
  for (const c of mod.cases) {
    if (!c.name.includes(filter)) continue;
    const dir = mkdtempSync(join(tmpdir(), "survinfer-bench-"));
    try {
      const ctx = await c.setup(dir);
      const js = await timeJs(c, ctx);
      const r = timeR(c, dir);
      const ratio = typeof r === "number" ? (js / r).toFixed(3) : "-";
      console.log([c.name, fmt(js), typeof r === "number" ? fmt(r) : r, ratio].join(" | "));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
