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
