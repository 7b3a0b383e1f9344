/**
 * One tolerance helper for every numeric comparison (style guide §7): relative tolerance `rel`
 * and absolute floor `abs`; |actual − expected| ≤ max(abs, rel·|expected|). NaN matches NaN,
 * ±Infinity matches itself, and `null` in an R fixture (NA) matches NaN. On failure the message
 * shows the label, index, actual, expected, Δ and the tolerance used.
 *
 * SURVINFER_TOL_REPORT=<file> appends one JSON line per call: the calling line, the tolerance and the
 * largest relative and absolute differences seen, to measure observed agreement before choosing a
 * tolerance (docs/validation.md, "Tolerance policy").
 */
import { appendFileSync } from "node:fs";
import { expect } from "vitest";

export interface Tolerance {
  readonly rel?: number;
  readonly abs?: number;
}

type NumLike = number | null | undefined;
type Numbers = ArrayLike<NumLike>;

function toNumber(v: NumLike): number {
  return v === null || v === undefined ? Number.NaN : v;
}

function check(actual: number, expected: number, tol: Tolerance): { ok: boolean; limit: number } {
  if (Number.isNaN(expected)) return { ok: Number.isNaN(actual), limit: 0 };
  if (!Number.isFinite(expected)) return { ok: actual === expected, limit: 0 };
  const limit = Math.max(tol.abs ?? 0, (tol.rel ?? 0) * Math.abs(expected));
  return { ok: Math.abs(actual - expected) <= limit, limit };
}

const REPORT = process.env.SURVINFER_TOL_REPORT;

function callSite(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const own = frames.find((f) => !f.includes("expect-close.ts"));
  return (own ?? "").trim().replace(/^at\s+/, "").replace(/^.*\((.*)\)$/, "$1");
}

function report(actual: Numbers | NumLike, expected: Numbers | NumLike, tol: Tolerance, label: string): void {
  if (REPORT === undefined || REPORT === "") return;
  const act = typeof expected === "object" && expected !== null ? (actual as Numbers) : [actual as NumLike];
  const exp = typeof expected === "object" && expected !== null ? expected : [expected];
  let maxRel = 0;
  let maxAbs = 0;
  for (let i = 0; i < exp.length && act !== null && act !== undefined && i < act.length; i++) {
    const a = toNumber(act[i]);
    const e = toNumber(exp[i]);
    if (!Number.isFinite(a) || !Number.isFinite(e)) continue;
    const d = Math.abs(a - e);
    maxAbs = Math.max(maxAbs, d);
    if (e !== 0) maxRel = Math.max(maxRel, d / Math.abs(e));
    else if (d > 0) maxRel = Infinity;
  }
  appendFileSync(REPORT, JSON.stringify({ site: callSite(), label, rel: tol.rel ?? 0, abs: tol.abs ?? 0, maxRel, maxAbs }) + "\n");
}

/** One real assertion per call (property tests count `expect` calls: test/helpers/property.ts); `failure` is the message. */
function verdict(failure: string | undefined): void {
  expect(failure, failure).toBeUndefined();
}

export function expectClose(actual: NumLike | Numbers, expected: NumLike | Numbers, tol: Tolerance = { rel: 1e-8 }, label = "value"): void {
  report(actual, expected, tol, label);
  if (typeof expected === "number" || expected === null || expected === undefined) {
    const a = toNumber(actual as NumLike);
    const e = toNumber(expected);
    const { ok, limit } = check(a, e, tol);
    verdict(ok ? undefined : `${label}: actual ${a}, expected ${e}, Δ ${Math.abs(a - e)}, tolerance ${limit}`);
    return;
  }
  const act = actual as Numbers;
  if (act === null || act === undefined || typeof act !== "object") {
    expect.fail(`${label}: expected an array of length ${expected.length}, got ${String(actual)}`);
  }
  if (act.length !== expected.length) {
    expect.fail(`${label}: length ${act.length}, expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const a = toNumber(act[i]);
    const e = toNumber(expected[i]);
    const { ok, limit } = check(a, e, tol);
    if (!ok) {
      verdict(`${label}[${i}]: actual ${a}, expected ${e}, Δ ${Math.abs(a - e)}, tolerance ${limit}`);
      return;
    }
  }
  verdict(undefined);
}
