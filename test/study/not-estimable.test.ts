/**
 * Issue 13, item 8: one analysis that cannot be estimated never stops the study. Each situation found in
 * simulated replicates of the example design is built from a small change of the example, run through
 * `survinfer run` in-process: exit 0, the other analyses produced, the not-estimable entry with its reason
 * in results.json, summary.txt and report.html. Bad input (the data or the spec itself) still exits 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { SurvinferError } from "../../src/errors.js";
import { ESTIMABILITY_CODES, estimabilityGuard, type NotEstimable } from "../../src/study/not-estimable.js";

const example = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "lms-metastasectomy");
const dir = mkdtempSync(join(tmpdir(), "survinfer-not-estimable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  analyses: Record<string, unknown> & { table1?: { unadjusted?: unknown; matched?: unknown; weighted?: unknown } };
  notEstimable: NotEstimable[];
  notRun: { analysis: string; reason: string }[];
}

const spec = readFileSync(join(example, "study.yaml"), "utf8");
const cohort = readFileSync(join(example, "cohort.csv"), "utf8");

/** A study folder with the example spec and cohort, each changed by `edit` (which must change something). */
function study(name: string, editSpec: (s: string) => string, editCohort: (c: string) => string = (c) => c): string {
  const s = editSpec(spec);
  const c = editCohort(cohort);
  expect(s !== spec || c !== cohort, "the variant changes the example").toBe(true);
  writeFileSync(join(dir, `${name}-cohort.csv`), c);
  writeFileSync(join(dir, `${name}.yaml`), s.replace("file: cohort.csv", `file: ${name}-cohort.csv`));
  return join(dir, `${name}.yaml`);
}

/** The cohort with `set` applied to the cells of every data row matching `when`. */
function editRows(csv: string, when: (cells: string[], header: string[]) => boolean, set: (cells: string[], header: string[]) => void): string {
  const lines = csv.split("\n");
  const header = lines[0].split(",");
  return lines
    .map((l, i) => {
      if (i === 0 || l === "") return l;
      const cells = l.split(",");
      if (when(cells, header)) set(cells, header);
      return cells.join(",");
    })
    .join("\n");
}

async function run(specFile: string, out: string): Promise<{ code: number; stderr: string; results: Results; summary: string; html: string }> {
  const r = await runCli(["run", specFile, "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  return {
    code: r.code,
    stderr: r.stderr,
    results: JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as Results,
    summary: readFileSync(join(out, "summary.txt"), "utf8"),
    html: readFileSync(join(out, "report.html"), "utf8"),
  };
}

/** Entries other than the example's other-cause models, refused for 3 events on 2 parameters (test/study/epv.test.ts). */
function withoutEpv(r: Results): NotEstimable[] {
  return r.notEstimable.filter((n) => n.code !== "MODEL_TOO_FEW_EVENTS");
}

const OTHERS = ["km", "logrank", "propensity", "table1", "cox", "immortalTime", "effects", "competingRisks", "cure", "prediction", "recurrent"];

describe("an analysis that cannot be estimated is reported, the study goes on (exit 0)", () => {
  it("RMST with tau past one group's follow-up", async () => {
    const file = study("rmst-tau", (s) => s.replace("tau: 60", "tau: 250"));
    const { results, summary, html } = await run(file, join(dir, "out-rmst"));
    expect(results.analyses.rmst).toBeUndefined();
    for (const k of OTHERS) expect(results.analyses[k], k).toBeDefined();
    expect(withoutEpv(results)).toHaveLength(1);
    const ne = withoutEpv(results)[0];
    expect(ne.analysis).toBe("rmst");
    expect(ne.code).toBe("OPTION_TAU_TOO_LARGE");
    expect(ne.reason).toMatch(/tau = 250 is past the follow-up of at least one group/);
    expect(summary).toMatch(/Not estimable on these data[^\n]*\n {2}- Restricted mean survival time \(RMST\): not estimable — tau = 250 is past the follow-up/);
    expect(summary).toMatch(/Log-rank test, [^\n]* \(n = 64\)[^:]*: χ² = /);
    expect(html).toContain("Analyses not estimable");
    expect(html).toMatch(/Restricted mean survival time \(RMST\): not estimable — tau = 250 is past the follow-up/);
    // and it is listed under "Read first", linked to its own section
    const readFirst = html.slice(html.indexOf('<section id="read-first"'), html.indexOf("</section>", html.indexOf('<section id="read-first"')));
    expect(readFirst).toMatch(/<li[^>]*>(?:(?!<\/li>).)*not estimable: tau = 250 is past the follow-up(?:(?!<\/li>).)*href="#not-estimable"/s);
    // the adjusted RMST differences of the effects step are not computed past follow-up either
    const effects = results.analyses.effects as { options: { tau: number | null }; warnings: string[] };
    expect(effects.options.tau).toBeNull();
    expect(effects.warnings.some((w) => w.startsWith("adjusted RMST differences not estimated: tau = 250"))).toBe(true);
  });

  it("a matched Table 1 with no matched control: the unadjusted and weighted panels are kept", async () => {
    const file = study("no-match", (s) => s.replace("caliper: 0.2", "caliper: 0.00001"));
    const { results, summary, html } = await run(file, join(dir, "out-match"));
    for (const k of [...OTHERS, "rmst"]) expect(results.analyses[k], k).toBeDefined();
    const t1 = results.analyses.table1!;
    expect(t1.unadjusted).toBeDefined();
    expect(t1.weighted).toBeDefined();
    expect(t1.matched).toBeUndefined();
    expect(withoutEpv(results)).toEqual([{ analysis: "table1.matched", code: "DATA_EMPTY_GROUP", reason: expect.stringMatching(/has no patients with weight > 0/) as unknown as string }]);
    expect(summary).toMatch(/- Table 1, PS-matched panel: not estimable — the group "no" has no patients with weight > 0/);
    expect(html).toMatch(/Table 1, PS-matched panel: not estimable — the group (&quot;|")no(&quot;|") has no patients with weight &gt; 0/);
  });

  it("a reference level with patients in the data but none in the propensity complete cases does not stop the study", async () => {
    // grade 1 (the declared reference) only in rows with a missing primary size: absent from the propensity sample
    const file = study("ref-subset", (s) => s, (c) =>
      editRows(c, (cells, h) => cells[h.indexOf("grade")] === "1", (cells, h) => { cells[h.indexOf("primary_size_mm")] = ""; }));
    const { results } = await run(file, join(dir, "out-ref"));
    for (const k of [...OTHERS, "rmst"]) expect(results.analyses[k], k).toBeDefined();
  });
});

describe("a model that cannot be fitted is not estimable on its own", () => {
  it("a covariate with one level among the rows: its univariable Cox model, the propensity and effect analyses; the other Cox models stay", async () => {
    const file = study("one-level", (s) => s, (c) => editRows(c, () => true, (cells, h) => { cells[h.indexOf("sex")] = "female"; }));
    const { results, summary, html } = await run(file, join(dir, "out-one-level"));
    expect(withoutEpv(results).map((n) => [n.analysis, n.code])).toEqual([
      ["propensity", "FORMULA_ONE_LEVEL"],
      ["cox.univariable.sex", "FORMULA_ONE_LEVEL"],
      // the propensity analyses within each imputation (missing.method: mi in the example) use sex too
      ["missing", "FORMULA_ONE_LEVEL"],
      // the adjusted immortal-time designs (on by default: treatment dates after the origin) use sex too
      ["immortalTime.adjustedTimeDependent", "FORMULA_ONE_LEVEL"],
      ["immortalTime.landmarkPs", "FORMULA_ONE_LEVEL"],
      ["immortalTime.cloneCensorWeight", "FORMULA_ONE_LEVEL"],
      ["effects", "FORMULA_ONE_LEVEL"],
    ]);
    const cox = results.analyses.cox as { univariable: { covariate: string }[]; multivariable?: unknown };
    expect(cox.univariable.map((u) => u.covariate)).not.toContain("sex");
    expect(cox.univariable.map((u) => u.covariate)).toContain("grade");
    expect(cox.multivariable).toBeDefined();
    for (const k of ["km", "logrank", "rmst", "table1", "immortalTime", "competingRisks", "cure", "prediction", "recurrent"]) expect(results.analyses[k], k).toBeDefined();
    expect(summary).toMatch(/- Cox model, univariable: sex: not estimable — column "sex": sex has only one level/);
    expect(html).toContain("Cox model, univariable: sex: not estimable");
  });
});

describe("bad input still stops the run (exit 2, nothing written)", () => {
  it("an unknown column in the spec", async () => {
    const file = study("bad-column", (s) => s.replace("multivariable: [age_primary,", "multivariable: [age_primry,"));
    const out = join(dir, "out-bad-column");
    const r = await runCli(["run", file, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("age_primry");
    expect(existsSync(join(out, "results.json"))).toBe(false);
  });

  // a level written as the column's numbers are but held by no patient ("1" among "2", "3") is kept empty and
  // its models are not estimable (test/study/empty-reference-level.test.ts); one written unlike them is a typo
  it("a declared reference level that cannot be one of the column's values (indistinguishable from a typo)", async () => {
    const file = study("ref-absent", (s) => s.replace("    reference: 1\n", '    reference: "1.0"\n'));
    const out = join(dir, "out-ref-absent");
    const r = await runCli(["run", file, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/column "grade": reference level "1.0" does not occur in the column/);
    expect(existsSync(join(out, "results.json"))).toBe(false);
  });

  it("an invalid data value", async () => {
    const file = study("bad-value", (s) => s, (c) => editRows(c, (cells) => cells[0] === "2", (cells, h) => { cells[h.indexOf("age_primary")] = "fifty"; }));
    const r = await runCli(["run", file, "--out", join(dir, "out-bad-value")]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("fifty");
  });
});

describe("the guard: only the listed estimability codes are caught", () => {
  it("records an estimability failure and returns undefined", () => {
    const out: NotEstimable[] = [];
    const guard = estimabilityGuard(out);
    expect(guard("rmst", () => { throw new SurvinferError({ code: "OPTION_TAU_TOO_LARGE", message: "tau too large" }); })).toBeUndefined();
    expect(guard("km", () => 3)).toBe(3);
    expect(out).toEqual([{ analysis: "rmst", reason: "tau too large", code: "OPTION_TAU_TOO_LARGE" }]);
  });

  it("rethrows bad-input codes and internal errors", () => {
    const out: NotEstimable[] = [];
    const guard = estimabilityGuard(out);
    for (const code of ["SPEC_UNKNOWN_COLUMN", "DATA_INVALID_NUMBER", "OPTION_INVALID", "OPTION_UNKNOWN_LEVEL"]) {
      expect(ESTIMABILITY_CODES.has(code)).toBe(false);
      expect(() => guard("cox", () => { throw new SurvinferError({ code, message: "bad" }); })).toThrow(SurvinferError);
    }
    expect(() => guard("cox", () => { throw new TypeError("bug"); })).toThrow(TypeError);
    expect(out).toEqual([]);
  });
});
