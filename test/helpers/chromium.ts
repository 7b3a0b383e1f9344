/**
 * Debian's Chromium for the browser tests (never a downloaded browser): its path, the reason a browser test
 * must skip on this machine ("" when it can run), and the launch flags that keep headless Chromium off the
 * network (no background networking, component updates or sync).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

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
