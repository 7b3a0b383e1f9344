/**
 * Issue 12: every documented command must give exactly what it promises when copied as printed.
 * `npm run survinfer -- simulate > cohort.csv` used to put npm's banner ("> survinfer@0.1.0 …") into
 * the CSV and into `--json` output. This test reads the code blocks of README.md and docs/cli.md, checks
 * that every line that redirects to a file or uses --json calls survinfer in a form that prints nothing
 * else, and runs the documented simulate and --json lines for real, as child processes from the repo root.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { simulateCsv } from "../../src/cli/commands/simulate.js";
import { runCli } from "../helpers/cli.js";

const repo = resolve(import.meta.dirname, "..", "..");
const out = mkdtempSync(join(tmpdir(), "survinfer-docs-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The lines of the fenced code blocks of a Markdown file (without the fences). */
function codeLines(file: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of readFileSync(join(repo, file), "utf8").split("\n")) {
    if (/^\s*```/.test(line)) inside = !inside;
    else if (inside) lines.push(line.trim());
  }
  return lines;
}

/** `> file` outside quotes (a redirect of stdout). */
function redirectTarget(line: string): string | null {
  const unquoted = line.replace(/"[^"]*"|'[^']*'/g, '""');
  const m = /(?:^|\s)>\s*([^\s>|&;]+)\s*$/.exec(unquoted);
  return m ? m[1] : null;
}

const promising = ["README.md", "docs/cli.md"].flatMap((file) =>
  codeLines(file)
    .filter((l) => redirectTarget(l) !== null || /(^|\s)--json(\s|$)/.test(l))
    .map((line) => ({ file, line })),
);

/** Invocations that print only the CLI's own output. */
const CLEAN = /^(npm run (--silent|-s) survinfer -- |npx survinfer |survinfer )/;
const NPM = "npm run --silent survinfer -- ";

function sh(line: string, timeout = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile("sh", ["-c", line], { cwd: repo, timeout, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      ok({ code, stdout, stderr });
    });
  });
}

/** The documented line with its redirect target moved into a temporary folder (nothing is written in the repo). */
function intoTemp(line: string, target: string): { line: string; path: string } {
  const path = join(out, target.replace(/[^\w.-]/g, "_"));
  return { line: line.slice(0, line.lastIndexOf(target)) + JSON.stringify(path), path };
}

/** argv of a documented `npm run --silent survinfer -- …` line without a redirect (no shell quoting in these lines). */
function argvOf(line: string): string[] {
  const target = redirectTarget(line);
  const body = target === null ? line : line.slice(0, line.lastIndexOf(">"));
  return body.slice(NPM.length).trim().split(/\s+/);
}

describe("documented commands that promise a file or JSON", () => {
  it("are found in README.md and docs/cli.md (simulate to a file, and --json)", () => {
    expect(promising.some((p) => p.file === "README.md" && /\bsimulate\b/.test(p.line) && redirectTarget(p.line) === "cohort.csv")).toBe(true);
    expect(promising.some((p) => p.file === "README.md" && /--json/.test(p.line))).toBe(true);
    expect(promising.some((p) => p.file === "docs/cli.md")).toBe(true);
  });

  it("each call survinfer in a form that prints nothing but its output (never plain `npm run survinfer`)", () => {
    for (const { file, line } of promising) expect(line, `${file}: ${line}`).toMatch(CLEAN);
    for (const file of ["README.md", "docs/cli.md"]) {
      const text = readFileSync(join(repo, file), "utf8");
      expect(text, file).not.toMatch(/npm run survinfer\b/);
    }
  });

  it("README's simulate line, run as printed from the repo root, writes exactly the CSV", async () => {
    const doc = promising.find((p) => p.file === "README.md" && p.line.startsWith(NPM) && /\bsimulate\b/.test(p.line));
    expect(doc, "a README line `npm run --silent survinfer -- simulate … > FILE`").toBeDefined();
    const target = redirectTarget(doc!.line)!;
    const { line, path } = intoTemp(doc!.line, target);
    const r = await sh(line);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const csv = readFileSync(path, "utf8");
    const argv = argvOf(doc!.line);
    const opt = (name: string): string | undefined => {
      const i = argv.indexOf(name);
      return i < 0 ? undefined : argv[i + 1];
    };
    // exactly what the command writes in-process: no banner line before it, nothing after it
    expect(csv).toBe(simulateCsv({ n: opt("--n"), seed: opt("--seed"), hr: opt("--hr") }));
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^patient_id,/);
    expect(lines.length).toBe(Number(opt("--n")) + 1);
    const width = lines[0].split(",").length;
    expect(lines.every((l) => l.split(",").length === width)).toBe(true);
  });

  it("README's --json lines (without input files), run as printed, give exactly one JSON object", async () => {
    const docs = promising.filter((p) => p.file === "README.md" && p.line.startsWith(NPM) && /--json/.test(p.line) && !/\.(csv|tsv|xlsx|yaml)\b/.test(p.line));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const target = redirectTarget(doc.line);
      const run = target === null ? { line: doc.line, path: null } : intoTemp(doc.line, target);
      const r = await sh(run.line);
      expect(r.code, r.stderr).toBe(0);
      const text = run.path === null ? r.stdout : readFileSync(run.path, "utf8");
      expect(text.endsWith("}\n")).toBe(true);
      expect(text.startsWith("{")).toBe(true);
      const value: unknown = JSON.parse(text);
      expect(typeof value === "object" && value !== null && !Array.isArray(value)).toBe(true);
      const inProcess = await runCli(argvOf(doc.line));
      expect(text).toBe(inProcess.stdout);
    }
  });
});

describe("a reader that stops early", () => {
  it("`simulate | head`: the command ends quietly, exit 0, no EPIPE stack trace", async () => {
    const child = spawn("sh", ["-c", `${NPM}simulate --n 200000 --seed 7`], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    let first = "";
    await new Promise<void>((ok) => {
      child.stdout.once("data", (c: Buffer) => {
        first = c.toString("utf8");
        child.stdout.destroy();
        ok();
      });
    });
    const code = await new Promise<number | null>((ok) => child.on("close", (c) => ok(c)));
    expect(first).toMatch(/^patient_id,/);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
