/**
 * The local app in headless Chromium with a dropped Arrow IPC file (issue 18): the file input accepts
 * it, the Web Worker reads it with apache-arrow's browser build, the preview shows its rows and says it
 * is an Arrow file, the endpoint check counts as for the CSV, and no request leaves the app's origin.
 * Skips, saying why, without Chromium or playwright-core (test/helpers/chromium.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DateDay, Dictionary, Float64, Int32, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import type { Vector } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../src/cli/commands/app.js";
import { readTable } from "../../src/data/read.js";
import { EXAMPLE_DIR } from "../web/example-form.js";
import { browserSkipReason, launchChromium } from "../helpers/chromium.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
if (browserSkipReason) console.warn(`app Arrow e2e test skipped: ${browserSkipReason}`);

type BrowserContext = import("playwright-core").BrowserContext;

function exampleArrow(): Buffer {
  const { table } = readTable(readFileSync(join(ROOT, EXAMPLE_DIR, "cohort.csv")), { fileName: "cohort.csv", dateFormat: "DD.MM.YYYY" });
  const columns: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (c.kind === "numeric") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
    else if (c.kind === "date") columns[c.name] = vectorFromArray(Array.from(c.values, (v) => (Number.isNaN(v) ? null : new Date(v * 86_400_000))), new DateDay());
    else columns[c.name] = vectorFromArray(Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k])), new Dictionary(new Utf8(), new Int32()));
  }
  return Buffer.from(tableToIPC(new ArrowTable(columns), "file"));
}

describe("the local app with an Arrow file", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-app-arrow-"));
  let server: AppServer | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (browserSkipReason) return;
    const { build } = await import("vite");
    await build({ root: join(ROOT, "web"), logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
    server = await startAppServer({ dir: join(dir, "dist"), port: 0 });
    context = await launchChromium(dir, { viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("previews a dropped .arrow file and checks its endpoint, with no outside request", async () => {
    if (browserSkipReason || context === undefined || server === undefined) return;
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector("#file");
    expect(await page.getAttribute("#file", "accept")).toContain(".arrow");
    await page.setInputFiles("#file", { name: "cohort.arrow", mimeType: "application/vnd.apache.arrow.file", buffer: exampleArrow() });
    await page.waitForSelector('[data-testid="preview"] tbody tr');
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain("Arrow IPC file");
    expect(text).toContain("64");
    // the CSV-only settings are hidden for an Arrow file
    expect(await page.locator("#delimiter").count()).toBe(0);
    await page.selectOption("#f-ep0-origin", "date_lung_met");
    await page.selectOption("#f-ep0-event0", "date_death");
    await page.selectOption("#f-ep0-censor", "date_last_followup");
    await page.waitForSelector('[data-testid="endpoint-summary-0"]');
    expect((await page.textContent('[data-testid="endpoint-summary-0"]')) ?? "").toMatch(/64/);
    expect(errors).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
  }, 120_000);
});
