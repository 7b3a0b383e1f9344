/** `survinfer run --language`: the report, summary.txt and the printed summary in German; a bad value is refused (exit 2). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const spec = join(root, "examples", "lms-metastasectomy", "study.yaml");
const dir = mkdtempSync(join(tmpdir(), "survinfer-language-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("survinfer run --language", () => {
  it("refuses a language it has no texts for, naming the option and the choices (OPTION_INVALID, exit 2), before any analysis", async () => {
    const out = join(dir, "out-fr");
    const r = await runCli(["run", spec, "--out", out, "--language", "fr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--language");
    expect(r.stderr).toContain("en, de, ja");
    expect(existsSync(out)).toBe(false);
  });

  it("writes the German report and summary.txt, and prints the German summary; results.json is the English run's", async () => {
    const out = join(dir, "out-de");
    const r = await runCli(["run", spec, "--out", out, "--language", "de", "--no-png"]);
    expect(r.code, r.stderr).toBe(0);
    const summary = readFileSync(join(out, "summary.txt"), "utf8");
    expect(r.stdout.startsWith(summary)).toBe(true);
    expect(summary).toContain("Ereignisse bei");
    expect(summary).toMatch(/p = 0,\d/);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<html lang="de">');
    expect(html).toContain(">Patientenfluss<");
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as { spec: Record<string, unknown> };
    // the language is a rendering choice: it is not added to the spec the results record
    expect(results.spec.language).toBeUndefined();
  }, 600_000);
});
