/** Fixture-driven loops state their number of cases (test/helpers/fixtures.ts listFixtures). */
import { describe, expect, it } from "vitest";
import { listFixtures } from "../helpers/fixtures.js";

describe("listFixtures", () => {
  it("returns the sorted cases when the count matches", () => {
    const all = listFixtures("evalue", 5);
    expect(all).toEqual([...all].sort());
    expect(listFixtures("glm", 3, (n) => n.startsWith("firth-")).every((n) => n.startsWith("firth-"))).toBe(true);
  });

  it("fails, saying what to check, when a folder holds another number of cases", () => {
    expect(() => listFixtures("evalue", 6)).toThrow(/test\/fixtures\/r\/evalue: found 5 fixture cases, the test expects 6\. A fixture was added, removed or renamed/);
    expect(() => listFixtures("no-such-estimator", 1)).toThrow(/ENOENT/);
  });
});
