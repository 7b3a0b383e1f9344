/** The property helper counts asserting runs and fails a property that checks too few of its inputs. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertAsyncProperty, assertProperty, property, asyncProperty, seedFor } from "../helpers/property.js";

describe("test/helpers/property.ts", () => {
  it("counts a run as asserting when it calls expect or returns a boolean, and as discarded on fc.pre", () => {
    const p = property(fc.integer({ min: 0, max: 99 }), (n) => {
      fc.pre(n % 10 !== 0);
      if (n % 2 === 0) return n % 2 === 0;
      expect(n % 2).toBe(1);
    });
    assertProperty(p, { seed: 11, numRuns: 200 }, 0.5);
    expect(p.counts.generated).toBe(p.counts.asserting + p.counts.discarded);
    expect(p.counts.asserting).toBe(200);
    expect(p.counts.discarded).toBeGreaterThan(0);
  });

  it("fails a property whose early returns leave most runs without an assertion", () => {
    const p = property(fc.integer({ min: 0, max: 99 }), (n) => {
      if (n >= 30) return;
      expect(n).toBeLessThan(30);
    });
    expect(() => assertProperty(p, { seed: 5, numRuns: 100 })).toThrow(/asserted on \d+ of 100 generated inputs .*below 80%/);
  });

  it("fails a property that discards most inputs with fc.pre", () => {
    const p = property(fc.integer({ min: 0, max: 99 }), (n) => {
      fc.pre(n < 50);
      expect(n).toBeLessThan(50);
    });
    expect(() => assertProperty(p, { seed: 5, numRuns: 100 })).toThrow(/below 80%/);
  });

  it("async properties are counted the same way", async () => {
    const p = asyncProperty(fc.integer({ min: 1, max: 9 }), async (n) => {
      await Promise.resolve();
      expect(n).toBeGreaterThan(0);
    });
    await assertAsyncProperty(p, { seed: 3, numRuns: 20 });
    expect(p.counts).toEqual({ generated: 20, asserting: 20, discarded: 0 });
  });

  it("PROPERTY_SEED overrides the seed; anything but an integer is refused", () => {
    expect(seedFor(7, {})).toBe(7);
    expect(seedFor(7, { PROPERTY_SEED: "123" })).toBe(123);
    expect(() => seedFor(7, { PROPERTY_SEED: "x" })).toThrow(/PROPERTY_SEED must be an integer/);
  });
});
