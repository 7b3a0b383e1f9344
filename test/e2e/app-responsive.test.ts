/**
 * The local app stays responsive on 100,000 rows (issue 7), measured in headless Chromium (same launch
 * and skip rule as app.test.ts): a simulated 100,000-patient cohort (simulateCohort + cohortCsv) is
 * opened through the file input, the OS endpoint mapped, and KM, log-rank, Table 1 and Cox run in the
 * Web Worker (no propensity score, so the run stays short). Meanwhile the page records every main-thread
 * task longer than 50 ms (PerformanceObserver "longtask") and the gaps between animation frames, and a
 * click mid-run must be handled within the bound. Bound: 200 ms (a user perceives a UI as instant below
 * about 100 ms and as sluggish beyond 200–300 ms). The numbers measured are printed and kept in
 * test-artifacts/app-responsive/responsiveness.json; docs/app.md records them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../../src/cli/commands/app.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { cohortCsv } from "../../src/simulate/csv.js";
import { browserSkipReason, launchChromium } from "../helpers/chromium.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const skipReason = browserSkipReason;
if (skipReason) console.warn(`app responsiveness test skipped: ${skipReason}`);

/** Longest main-thread task allowed while the worker computes, and the longest input delay of a click. */
const BOUND_MS = 200;
/**
 * One-off transitions (opening the file, showing the results) and frame gaps get twice the bound: on a
 * shared 2-core CI machine the test suite's other files compete for the CPU, which stretches these
 * without the page itself doing more work (measured here: 50–124 ms with the machine loaded).
 */
const TRANSITION_BOUND_MS = 2 * BOUND_MS;
const N = 100_000;

type BrowserContext = import("playwright-core").BrowserContext;
type Page = import("playwright-core").Page;

interface Probe {
  longTasks: { start: number; duration: number }[];
  frames: number[];
  clicks: { delay: number; at: number }[];
}

describe.skipIf(skipReason !== "")("the local app on 100,000 rows in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-app-big-"));
  const artifacts = join(ROOT, "test-artifacts", "app-responsive"); // not app/: app.test.ts empties that one
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(dir, "cohort-100k.csv"), cohortCsv(simulateCohort({ n: N, seed: 2026 })));
    const { build } = await import("vite");
    await build({ root: join(ROOT, "web"), logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
    server = await startAppServer({ dir: join(dir, "dist"), port: 0 });
    context = await launchChromium(dir, { viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every main-thread task under ${BOUND_MS} ms while the worker analyses ${N} rows, and answers a click mid-run`, { timeout: 180_000, retry: 1 }, async () => {
    await page.goto(server.url);
    await page.waitForSelector("#file");
    // the probe: long tasks, animation frames, and the input delay of every click (event.timeStamp → handler)
    await page.evaluate(() => {
      const probe: Probe = { longTasks: [], frames: [], clicks: [] };
      (window as unknown as { probe: Probe }).probe = probe;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
      const frame = (t: number): void => {
        probe.frames.push(t);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      document.addEventListener("click", (e) => probe.clicks.push({ delay: performance.now() - e.timeStamp, at: performance.now() }), true);
    });
    const probe = async (): Promise<Probe> => page.evaluate(() => (window as unknown as { probe: Probe }).probe);
    const mark = async (name: string): Promise<number> => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? Number.NaN, name);

    // open the 100,000-row file: read and parsed in the worker
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles("#file", join(dir, "cohort-100k.csv"));
    await page.waitForSelector('[data-testid="preview"] tbody tr', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="preview"] caption')).toContain(`of ${N}`);
    const tPreview = await page.evaluate(() => performance.now());

    // the endpoint and the analyses: KM, log-rank, Table 1, Cox; no propensity score
    await page.selectOption("#f-ep0-origin", "date_lung_met");
    await page.selectOption("#f-ep0-event0", "date_death");
    await page.selectOption("#f-ep0-censor", "date_last_followup");
    await page.waitForSelector('[data-testid="endpoint-summary-0"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="endpoint-summary-0"]')).toMatch(new RegExp(`n = ${N}, events = \\d+`));
    const tEndpoint = await page.evaluate(() => performance.now());
    await page.selectOption("#treatment-column", "metastasectomy");
    await page.selectOption("#treatment-treated", "yes");
    for (const c of ["age_primary", "sex", "primary_size_mm", "n_lung_mets"]) await page.check(`#f-use-${c}`);
    await page.check("#f-mv-age_primary");
    await page.check("#f-mv-primary_size_mm");
    await page.uncheck("#an-matching");
    await page.uncheck("#an-weighting");

    // run; mid-run, open the study.yaml details (a click the UI must handle at once)
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-testid="status"][data-state="running"]');
    await page.waitForTimeout(1500);
    expect(await page.getAttribute('[data-testid="status"]', "data-state")).toBe("running");
    const before = Date.now();
    await page.click("details > summary");
    const clickRoundTrip = Date.now() - before;
    expect(await page.evaluate(() => document.querySelector("details")?.open)).toBe(true);
    expect(await page.getAttribute('[data-testid="status"]', "data-state")).toBe("running");
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid="results"]');
    await page.waitForTimeout(1000); // let the results (and the report frame) render, to measure that too
    await page.screenshot({ path: join(artifacts, "responsive-100k.png") });
    await page.locator(".km-figure").screenshot({ path: join(artifacts, "km-100k.png") });

    const p = await probe();
    const runMark = await mark("survinfer:run");
    const resultMark = await mark("survinfer:result");
    const during = p.longTasks.filter((t) => t.start >= runMark && t.start + t.duration <= resultMark);
    const after = p.longTasks.filter((t) => t.start + t.duration > resultMark);
    const loading = p.longTasks.filter((t) => t.start < runMark && t.start >= t0);
    const gaps = (from: number, to: number): number => {
      const f = p.frames.filter((t) => t >= from && t <= to);
      let max = 0;
      for (let k = 1; k < f.length; k++) max = Math.max(max, f[k] - f[k - 1]);
      return max;
    };
    const midRunClick = p.clicks.find((c) => c.at > runMark && c.at < resultMark);
    const report = {
      rows: N,
      boundMs: BOUND_MS,
      openToPreviewMs: Math.round(tPreview - t0),
      endpointFeedbackMs: Math.round(tEndpoint - tPreview),
      workerRunMs: Math.round(resultMark - runMark),
      duringRun: { longTasks: during.length, longestTaskMs: Math.round(Math.max(0, ...during.map((t) => t.duration))), longestFrameGapMs: Math.round(gaps(runMark, resultMark)) },
      midRunClick: { inputDelayMs: midRunClick ? Math.round(midRunClick.delay * 10) / 10 : null, playwrightRoundTripMs: clickRoundTrip },
      loadingAndMapping: { longTasks: loading.length, longestTaskMs: Math.round(Math.max(0, ...loading.map((t) => t.duration))) },
      showingResults: { longTasks: after.length, longestTaskMs: Math.round(Math.max(0, ...after.map((t) => t.duration))) },
    };
    writeFileSync(join(artifacts, "responsiveness.json"), JSON.stringify(report, null, 2) + "\n");
    console.log(`app responsiveness on ${N} rows: ${JSON.stringify(report)}`);

    expect(Number.isFinite(runMark) && Number.isFinite(resultMark)).toBe(true);
    expect(report.duringRun.longestTaskMs).toBeLessThan(BOUND_MS);
    expect(report.duringRun.longestFrameGapMs).toBeLessThan(TRANSITION_BOUND_MS);
    expect(midRunClick, "the mid-run click reached the page").toBeDefined();
    expect(midRunClick!.delay).toBeLessThan(BOUND_MS);
    expect(report.loadingAndMapping.longestTaskMs).toBeLessThan(TRANSITION_BOUND_MS);
    expect(report.showingResults.longestTaskMs).toBeLessThan(TRANSITION_BOUND_MS);
    expect(consoleErrors).toEqual([]);
    // a timing test on a shared machine: one retry absorbs a scheduling hiccup, not a regression (which fails twice)
  });
});
