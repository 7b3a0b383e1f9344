/**
 * Property tests go through test/helpers/property.ts (docs/validation.md, "Test policy"): `assertProperty`
 * requires a seed and fails a property that asserts on fewer than 80% of its generated inputs. This test
 * finds property tests that bypass it: a direct `fc.assert(` in any test file.
 */
import { describe, expect, it } from "vitest";
import { filesUnder, lineAt, read } from "./scan.js";

describe("property tests", () => {
  const files = filesUnder("test", [".ts"]).filter((f) => f !== "test/helpers/property.ts" && !f.startsWith("test/meta/"));

  it("every property runs through assertProperty / assertAsyncProperty (seeded, asserting share checked)", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = read(file);
      for (const m of text.matchAll(/\bfc\.(assert|check)\(/g)) {
        offenders.push(
          `${file}:${lineAt(text, m.index)}: fc.${m[1]}( runs a property without a seed check or an asserting-run count; ` +
            `write assertProperty(property(arbitraries..., predicate), { seed: <n>, numRuns: <n> }) from test/helpers/property.ts (fc.pre instead of early returns)`,
        );
      }
    }
    expect(offenders).toEqual([]);
  });

  it("finds the property tests (the scan itself works)", () => {
    const n = files.map(read).reduce((k, t) => k + (t.match(/\bassert(Async)?Property\(/g)?.length ?? 0), 0);
    expect(n).toBeGreaterThanOrEqual(50);
  });
});
