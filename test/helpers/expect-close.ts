/**
 * One tolerance helper for every numeric comparison (style guide §7): relative tolerance `rel`
 * and absolute floor `abs`; |actual − expected| ≤ max(abs, rel·|expected|). NaN matches NaN,
 * ±Infinity matches itself, and `null` in an R fixture (NA) matches NaN. On failure the message
 * shows the label, index, actual, expected, Δ and the tolerance used.
 */
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

export function expectClose(actual: NumLike | Numbers, expected: NumLike | Numbers, tol: Tolerance = { rel: 1e-8 }, label = "value"): void {
  if (typeof expected === "number" || expected === null || expected === undefined) {
    const a = toNumber(actual as NumLike);
    const e = toNumber(expected);
    const { ok, limit } = check(a, e, tol);
    if (!ok) {
      expect.fail(`${label}: actual ${a}, expected ${e}, Δ ${Math.abs(a - e)}, tolerance ${limit}`);
    }
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
      expect.fail(`${label}[${i}]: actual ${a}, expected ${e}, Δ ${Math.abs(a - e)}, tolerance ${limit}`);
    }
  }
}
