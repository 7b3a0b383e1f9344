/**
 * Debian's Chromium for the browser tests (never a downloaded browser): its path, the reason a browser test
 * must skip on this machine ("" when it can run), and the launch flags that keep headless Chromium off the
 * network (no background networking, component updates or sync).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ROOT = resolve(import.meta.dirname, "..", "..");

/** Why a browser test cannot run here, or "" when Chromium and playwright-core are both present. */
export const browserSkipReason: string = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not found (apt-get install -y chromium)`
  : !existsSync(join(ROOT, "node_modules", "playwright-core"))
    ? "playwright-core not installed"
    : "";

/**
 * Debian's Chromium, headless, with a fresh profile under `dir` (playwright takes it as the persistent
 * context's --user-data-dir) and the flags above; `options` adds e.g. viewport or acceptDownloads.
 */
export async function launchChromium(dir: string, options: { readonly viewport?: { width: number; height: number }; readonly acceptDownloads?: boolean } = {}): Promise<import("playwright-core").BrowserContext> {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, headless: true, ...options, args: ["--headless", ...CHROMIUM_ARGS] });
}

/**
 * Scrolls `selector` into view and moves the mouse onto it until the element itself is hovered, before a
 * pointer action that follows a look at the results. The report frame is sandboxed (opaque origin), so Chromium
 * runs it in a process of its own (IsolateSandboxedIframes), and the browser routes a mouse event to a frame by
 * the hit-test data of the last painted frame. A click that Playwright sends right after its own scroll therefore
 * goes to the report frame when that frame was under the click point before the scroll: seen in the app's e2e step
 * 5e once the withheld calculator made the results shorter (page.check "did not change its state", and the page
 * received no pointer event at all; with --disable-features=IsolateSandboxedIframes it passes). A user clicks what
 * is painted, so the app itself is not affected. Hovering until `:hover` matches waits for the browser to route the
 * pointer to the page again, whatever the machine's load.
 */
export async function inView(page: Page, selector: string): Promise<void> {
  const el = page.locator(selector);
  await el.scrollIntoViewIfNeeded();
  // the pointer reaches the element itself (not the report frame) before the action
  await expect.poll(async () => {
    await el.hover();
    return el.evaluate((e) => e.matches(":hover"));
  }).toBe(true);
}
