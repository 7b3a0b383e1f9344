/**
 * The spec's bootstrap option (analyses.propensity.bootstrap): validated by the parser, seeded from the
 * spec's top-level seed, run synchronously by runStudy with progress reported replicate by replicate.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTableFile } from "../../src/data/read-file.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { parseStudySpec, StudySpecError } from "../../src/study/spec.js";
import type { StudySpec } from "../../src/study/schema.js";

const root = new URL("../../", import.meta.url);
const exampleYaml = readFileSync(new URL("examples/lms-metastasectomy/study.yaml", root), "utf8");
const dataPath = new URL("examples/lms-metastasectomy/cohort.csv", root).pathname;

/** The example spec with `bootstrap` added under analyses.propensity (and the given seed). */
function exampleWith(bootstrap: string, seed = 44): string {
  return exampleYaml
    .replace("    weighting: { estimand: ATE, stabilize: true }\n", `    weighting: { estimand: ATE, stabilize: true }\n    bootstrap: ${bootstrap}\n`)
    .replace(/^seed: 44$/m, `seed: ${seed}`);
}

function run(spec: StudySpec, onProgress?: (step: string, done: number, total: number) => void): StudyResults {
  const read = readTableFile(dataPath, specReadOptions(spec, "cohort.csv"));
  return runStudy({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.yaml", onProgress });
}

function issuesOf(text: string): string[] {
  try {
    parseStudySpec(text, "study.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(StudySpecError);
    return (e as StudySpecError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected parseStudySpec to throw");
}

describe("analyses.propensity.bootstrap in the study spec", () => {
  it("is absent by default, so a study runs no bootstrap unless asked", () => {
    const spec = parseStudySpec(exampleYaml, "study.yaml");
    expect(spec.analyses.propensity?.bootstrap).toBeUndefined();
  });

  it("accepts an integer number of replicates ≥ 10", () => {
    expect(parseStudySpec(exampleWith("{ replicates: 10 }"), "study.yaml").analyses.propensity?.bootstrap).toEqual({ replicates: 10, maxFailedShare: 0.1 });
  });

  it("rejects fewer than 10 replicates, fractions and unknown keys, naming the path", () => {
    expect(issuesOf(exampleWith("{ replicates: 5 }")).join("\n")).toMatch(/analyses\.propensity\.bootstrap\.replicates/);
    expect(issuesOf(exampleWith("{ replicates: 20.5 }")).join("\n")).toMatch(/analyses\.propensity\.bootstrap\.replicates/);
    expect(issuesOf(exampleWith("{ replicates: 20, seed: 3 }")).join("\n")).toMatch(/analyses\.propensity\.bootstrap/);
  });
});

describe("runStudy with a bootstrap", () => {
  const spec = parseStudySpec(exampleWith("{ replicates: 12 }"), "study.yaml");
  const calls: [string, number, number][] = [];
  const res = run(spec, (step, done, total) => calls.push([step, done, total]));

  it("reports progress after every replicate, as (\"bootstrap\", done, total)", () => {
    expect(calls.filter((c) => c[0] === "bootstrap")).toEqual(Array.from({ length: 12 }, (_, k) => ["bootstrap", k + 1, 12]));
    // the example's clone–censor–weight bootstrap (200 replicates by default) reports under its own name
    expect(calls.filter((c) => c[0] !== "bootstrap")).toEqual(Array.from({ length: 200 }, (_, k) => ["clone–censor–weight bootstrap", k + 1, 200]));
  });

  it("seeds the bootstrap with the spec's seed and records it, with percentile CIs per hazard ratio", () => {
    const boot = res.analyses.effects!.bootstrap!;
    expect(boot).toMatchObject({ replicates: 12, seed: 44, stratified: true });
    expect(boot).not.toHaveProperty("workers");
    const matched = res.analyses.effects!.estimates.find((e) => e.id === "matched")!;
    expect(matched.bootstrap).not.toBeNull();
    // the caliper keeps 11 of 40 treated, so some replicates' matched Cox fits diverge: with more than
    // 10% of them failed the HR is not estimable by bootstrap (no absurd interval), else an interval
    const b = matched.bootstrap!;
    if (b.estimable) expect(b.lower!).toBeLessThan(b.upper!);
    else expect([b.lower, b.upper, b.note]).toEqual([null, null, `not estimable by bootstrap (${b.failed} of 12 replicates failed)`]);
    const crude = res.analyses.effects!.estimates.find((e) => e.id === "crude")!;
    expect(crude.bootstrap!.lower!).toBeLessThan(crude.bootstrap!.upper!);
  });

  it("leaves the point estimates as they are without the bootstrap", () => {
    const plain = run(parseStudySpec(exampleYaml, "study.yaml"));
    expect(plain.analyses.effects!.bootstrap).toBeNull();
    expect(res.analyses.effects!.estimates.map((e) => [e.id, e.hr, e.lower, e.upper])).toEqual(plain.analyses.effects!.estimates.map((e) => [e.id, e.hr, e.lower, e.upper]));
  });

  it("gives identical intervals for the same seed and different ones for another seed", () => {
    const again = run(spec);
    expect(again.analyses.effects!.bootstrap).toEqual(res.analyses.effects!.bootstrap);
    const other = run(parseStudySpec(exampleWith("{ replicates: 12 }", 45), "study.yaml"));
    expect(other.analyses.effects!.bootstrap!.intervals).not.toEqual(res.analyses.effects!.bootstrap!.intervals);
  });
});
