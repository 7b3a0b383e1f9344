/**
 * The matching panel names what the matched sample estimates (ATM when treated patients were left
 * unmatched, as the effects table does) and the exact-matching columns in its method row and MatchIt call.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { matchingTable } from "../../src/report/tables.js";
import { EXAMPLE_SPEC, ROOT, runSpecFile } from "../report/render-study.js";

const dir = mkdtempSync(join(tmpdir(), "survinfer-matching-panel-"));

function run(exact: string[] | undefined, caliper: number | null): ReturnType<typeof runSpecFile> {
  const spec = parse(readFileSync(EXAMPLE_SPEC, "utf8")) as Record<string, Record<string, unknown>>;
  spec.data.file = join(ROOT, "examples", "lms-metastasectomy", String(spec.data.file));
  for (const k of ["competingRisks", "cure", "prediction", "recurrent"]) delete spec.analyses[k];
  const matching = (spec.analyses.propensity as Record<string, Record<string, unknown>>).matching;
  if (exact) matching.exact = exact;
  if (caliper === null) matching.caliper = null;
  if (caliper === null) matching.replace = true;
  const path = join(dir, `study-${exact ? "exact" : "plain"}-${caliper ?? "none"}.yaml`);
  writeFileSync(path, stringify(spec));
  return runSpecFile(path);
}

describe("the matching panel", () => {
  it("says the caliper-matched sample estimates the ATM, with the same counts as the effects table", () => {
    const r = run(undefined, 0.2);
    const t = matchingTable(r.analyses.propensity!)!;
    const matched = r.analyses.effects!.estimates.find((e) => e.id === "matched")!;
    expect(t.footnotes![0]).toContain(`ATM: ${matched.treatedKept} of ${matched.treatedKept! + matched.treatedDiscarded!} treated patients kept`);
    expect(t.footnotes![0]).not.toMatch(/estimand ATT/);
  });

  it("says ATT when every treated patient is matched", () => {
    const t = matchingTable(run(undefined, null).analyses.propensity!)!;
    expect(t.footnotes![0]).toContain("ATT (every treated patient matched)");
  });

  it("names exact matching in the method row and in the MatchIt call", () => {
    const t = matchingTable(run(["timing"], 0.2).analyses.propensity!)!;
    expect(t.rows.find((row) => row[0] === "Method")![1]).toContain("exactly on timing");
    expect(t.footnotes![0]).toContain("exact = ~ timing");
  });
});
