/**
 * report.html in a real browser: headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * opens the example report from a file: URL, as A4 print media (794 px wide) and as a 1200 px screen;
 * no table, figure or code block may be wider than the page body, and the page may make no request
 * other than its own file: URL and data: URIs. Screenshots go to test-artifacts/ (gitignored).
 * Skips, saying why, when Chromium or playwright-core is not installed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALCULATOR_SCRIPT } from "../../src/report/calculator-script.js";
import { renderReport } from "../../src/report/render.js";
import { ROOT, exampleResults, hostileResults } from "../report/render-study.js";
import { browserSkipReason, launchChromium } from "../helpers/chromium.js";

const skipReason = browserSkipReason;
if (skipReason) console.warn(`report-browser test skipped: ${skipReason}`);

interface Overflow {
  tag: string;
  id: string;
  width: number;
  scrollWidth: number;
  body: number;
}

type BrowserContext = import("playwright-core").BrowserContext;

describe.skipIf(skipReason !== "")("report.html in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "survinfer-report-browser-"));
  const artifacts = join(ROOT, "test-artifacts");
  let browser: BrowserContext;
  let file: string;
  let hostileFile: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    file = join(dir, "report.html");
    writeFileSync(file, (await renderReport(exampleResults()))["report.html"] as string);
    hostileFile = join(dir, "hostile.html");
    writeFileSync(hostileFile, (await renderReport(hostileResults()))["report.html"] as string);
    browser = await launchChromium(dir);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string, width: number, media: "print" | "screen") {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 1123 });
    const context = { close: () => page.close() };
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on("request", (req) => requests.push(req.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.emulateMedia({ media });
    await page.goto(`file://${path}`, { waitUntil: "load" });
    return { context, page, requests, dialogs };
  }

  for (const [width, media] of [[794, "print"], [1200, "screen"]] as const) {
    it(`fits every table and figure into the page width (${width} px, ${media})`, async () => {
      const { context, page, requests } = await open(file, width, media);
      const overflow = await page.evaluate(() => {
        const body = document.body.getBoundingClientRect();
        const content = body.width;
        const out: { tag: string; id: string; width: number; scrollWidth: number; body: number }[] = [];
        for (const el of Array.from(document.querySelectorAll("table, figure, svg, pre, .table-wrap"))) {
          const r = el.getBoundingClientRect();
          const right = r.right - body.left;
          // a wide table may be wider than the column on screen: its .table-wrap scrolls it sideways (overflow-x: auto)
          // and must itself fit; its cells then do not wrap into a narrow column (issue 19)
          const scrolls = (e: Element | null): boolean => e !== null && e.classList.contains("table-wrap") && getComputedStyle(e).overflowX === "auto";
          if (el.tagName === "TABLE" && scrolls(el.parentElement)) continue;
          const innerScroll = scrolls(el) ? 0 : el.scrollWidth;
          if (r.width > content + 0.5 || right > content + 0.5 || innerScroll > Math.ceil(content) + 1) out.push({ tag: el.tagName, id: el.id || (el.parentElement?.id ?? ""), width: r.width, scrollWidth: el.scrollWidth, body: content });
        }
        return { out, pageScroll: document.documentElement.scrollWidth, viewport: window.innerWidth, tables: document.querySelectorAll("table").length, svgs: document.querySelectorAll("svg").length };
      });
      await page.screenshot({ path: join(artifacts, `report-${width}-${media}.png`), fullPage: true });
      await context.close();
      expect(overflow.tables).toBeGreaterThanOrEqual(8);
      expect(overflow.svgs).toBeGreaterThanOrEqual(6);
      expect(overflow.out as Overflow[]).toEqual([]);
      expect(overflow.pageScroll).toBeLessThanOrEqual(overflow.viewport);
      expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    });
  }

  it("makes no request and runs no script with hostile names in the data (but the calculator's own)", async () => {
    const { context, page, requests, dialogs } = await open(hostileFile, 794, "screen");
    const embedded = await page.evaluate(() => document.querySelectorAll("img, iframe, object, embed").length);
    // scripts other than the calculator's JSON data blocks and its one hashed script (src/report/calculator-script.ts)
    const scripts = await page.evaluate(
      (calculator) => Array.from(document.querySelectorAll("script")).filter((s) => s.type !== "application/json" && s.textContent !== calculator).length,
      CALCULATOR_SCRIPT,
    );
    const text = await page.evaluate(() => document.body.innerText);
    await context.close();
    expect(embedded).toBe(0);
    expect(scripts).toBe(0);
    expect(dialogs).toEqual([]);
    expect(text).toContain("<script>alert(1)</script>");
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
  });
});
