/**
 * The R and package versions the report names for its reference checks (src/report/r-reference.ts) are those the
 * committed fixtures record: every version in the table occurs in a fixture, and no fixture records another
 * version of a listed package (or of R).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { R_PACKAGES, R_VERSION, rReference } from "../../src/report/r-reference.js";
import { ROOT } from "./render-study.js";

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith(".json") ? [p] : [];
  });
}

describe("rReference", () => {
  const seen = new Map<string, Set<string>>();
  const rVersions = new Set<string>();
  for (const f of jsonFiles(join(ROOT, "test", "fixtures"))) {
    const text = readFileSync(f, "utf8").slice(0, 200_000);
    for (const m of text.matchAll(/"packages":\{([^}]*)\}/g)) {
      for (const kv of m[1].matchAll(/"([A-Za-z.]+)":"([^"]+)"/g)) {
        const s = seen.get(kv[1]) ?? new Set<string>();
        s.add(kv[2]);
        seen.set(kv[1], s);
      }
    }
    for (const m of text.matchAll(/"r_version":"R version ([\d.]+)/g)) rVersions.add(m[1]);
  }

  it("names the R version of the fixtures", () => {
    expect([...rVersions]).toEqual([R_VERSION]);
  });

  for (const [pkg, version] of Object.entries(R_PACKAGES)) {
    it(`${pkg} ${version} is the version the fixtures record`, () => {
      expect([...(seen.get(pkg) ?? [])]).toEqual([version]);
    });
  }

  it("reads as a list", () => {
    expect(rReference("mice")).toBe(`R ${R_VERSION}, mice ${R_PACKAGES.mice}`);
  });
});
