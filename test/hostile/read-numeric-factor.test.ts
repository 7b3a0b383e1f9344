/**
 * Issue 12, reading data: a text column whose values are mostly numbers (too many different stray
 * texts to stop the read) used to enter a Cox or propensity model as a factor with one coefficient per
 * value. Models now refuse it unless it is declared: `factor(x)` in the formula, or the column declared
 * categorical. The check is in modelMatrix, which every model goes through (CLI, study, app).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import type { CategoricalColumn } from "../../src/data/table.js";
import { findColumn } from "../../src/data/table.js";
import { MAX_NUMERIC_LOOKING_LEVELS, modelMatrix } from "../../src/formula/model-matrix.js";
import { runCli } from "../helpers/cli.js";
import { expectDataError } from "../data/errors.js";
import { cohort, expectCliRefusal, tempDir } from "./read-helpers.js";
import { assertProperty, property } from "../helpers/property.js";

const tmp = tempDir("survinfer-numfactor-");
afterAll(() => tmp.cleanup());

const SEED = 20261205;
const enc = (s: string) => new TextEncoder().encode(s);

/** 40 patients; `size` is a number except for rows 0, 5, 10, … which hold one of 5 different notes (35% text). */
function sizeCsv(): string {
  const c = cohort(40);
  const notes = ["<5", "n.d.", "approx 30", "large", "see report"];
  const rows = c.time.map((t, i) => {
    const size = i % 20 < 7 ? notes[i % 5] : String(10 + ((i * 7) % 50));
    return `${t},${c.status[i]},${size},${i % 2},${c.age[i]}`;
  });
  return ["time,status,size,arm,age", ...rows].join("\n") + "\n";
}

describe("a numeric-looking text column in a model", () => {
  const file = tmp.write("size.csv", sizeCsv());

  it("is read (too many different texts to be stray values) as text flagged numeric-looking", () => {
    const r = readTable(enc(sizeCsv()), { fileName: "size.csv" });
    const size = findColumn(r.table, "size") as CategoricalColumn;
    expect(size.kind).toBe("categorical");
    expect(size.numericLooking).toBe(true);
    expect(size.levels.length).toBeGreaterThan(MAX_NUMERIC_LOOKING_LEVELS);
    expect(r.inference.find((e) => e.column === "size")?.reason).toMatch(/models refuse it as a covariate with many levels unless declared/);
  });

  it("survinfer cox refuses it, naming file, column, a value and row, and how to declare it", async () => {
    const r = await expectCliRefusal(["cox", file, "--formula", "Surv(time, status) ~ size + age", "--json"], {
      file: "size.csv",
      column: "size",
      value: "<5",
      row: 2,
      text: /looks numeric.*factor\(size\)/s,
    });
    expect(r.stderr).toMatch(/coefficients, one per value/);
  });

  it("survinfer match refuses it in the propensity model", async () => {
    await expectCliRefusal(["match", file, "--treatment", "arm", "--covariates", "size,age", "--json"], { file: "size.csv", column: "size", text: /looks numeric/ });
  });

  it("is accepted when wrapped in factor(), one coefficient per level as asked", async () => {
    const r = await runCli(["cox", file, "--formula", "Surv(time, status) ~ factor(size) + age", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { terms: { name: string }[] };
    const levels = (findColumn(readTable(enc(sizeCsv()), { fileName: "s.csv" }).table, "size") as CategoricalColumn).levels;
    expect(j.terms.length).toBe(levels.length - 1 + 1);
  });

  it("is accepted when the column is declared categorical (as a study's data.types or covariate type does)", () => {
    const r = readTable(enc(sizeCsv()), { fileName: "size.csv", columns: { size: { type: "categorical" } } });
    expect((findColumn(r.table, "size") as CategoricalColumn).numericLooking).toBeUndefined();
    const mm = modelMatrix(r.table, "Surv(time, status) ~ size", { dropIntercept: true });
    expect(mm.nCols).toBe((findColumn(r.table, "size") as CategoricalColumn).levels.length - 1);
  });

  it("is accepted as strata (a grouping, not coefficients)", () => {
    const r = readTable(enc(sizeCsv()), { fileName: "size.csv" });
    expect(() => modelMatrix(r.table, "Surv(time, status) ~ age + strata(size)", { dropIntercept: true })).not.toThrow();
  });
});

describe("in a study", () => {
  it("survinfer run stops (exit 2) when a covariate of the example is numeric-looking text, naming it", async () => {
    const notes = ["<5", "n.d.", "approx 30", "large", "see report"];
    const rows = readFileSync("examples/lms-metastasectomy/cohort.csv", "utf8").trimEnd().split("\n");
    const j = rows[0].split(",").indexOf("primary_size_mm");
    for (let i = 1; i < rows.length; i += 3) {
      const cells = rows[i].split(",");
      cells[j] = notes[i % 5];
      rows[i] = cells.join(",");
    }
    tmp.write("cohort.csv", rows.join("\n") + "\n");
    // without its cut-off (a cut-off needs numbers and is checked by the study itself) it is a plain covariate
    const specText = readFileSync("examples/lms-metastasectomy/study.yaml", "utf8");
    const noCutoff = specText.replace("    cutoff: { above: 70, label: Primary > 70 mm }\n", "");
    expect(noCutoff).not.toBe(specText);
    const study = tmp.write("study.yaml", noCutoff);
    await expectCliRefusal(["run", study, "--out", tmp.path("out")], { file: "cohort.csv", column: "primary_size_mm", text: /looks numeric/ });
  }, 300_000);
});

describe("the level threshold (MAX_NUMERIC_LOOKING_LEVELS)", () => {
  // k numbers (from a pool of 1 to 11 values, so levels may be few) and k distinct notes (k > STRAY_MAX_TOKENS):
  // 50% numbers, read as flagged text
  const column = fc.record({ k: fc.integer({ min: 4, max: 10 }), pool: fc.integer({ min: 0, max: 10 }) }).chain(({ k, pool }) =>
    fc.record({
      nums: fc.array(fc.integer({ min: 0, max: pool }), { minLength: k, maxLength: k }),
      notes: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z ]{0,5}[a-z]$/), { minLength: k, maxLength: k }),
    }),
  );

  it("property: a bare numeric-looking column is refused exactly when it has more than MAX_NUMERIC_LOOKING_LEVELS levels; factor() always passes", () => {
    let refused = 0;
    assertProperty(
      property(column, ({ nums, notes }) => {
        const cells = [...nums.map(String), ...notes];
        const text = "y,x\n" + cells.map((c, i) => `${i % 2},${c}`).join("\n") + "\n";
        const t = readTable(enc(text), { fileName: "p.csv" }).table;
        const x = findColumn(t, "x") as CategoricalColumn;
        expect(x.numericLooking).toBe(true);
        const nLevels = x.levels.length;
        if (nLevels > MAX_NUMERIC_LOOKING_LEVELS) {
          refused++;
          expectDataError(() => modelMatrix(t, "y ~ x"), "DATA_NUMERIC_LOOKING_FACTOR", { column: "x" });
        } else {
          expect(modelMatrix(t, "y ~ x").nCols).toBe(nLevels);
        }
        expect(modelMatrix(t, "y ~ factor(x)").nCols).toBe(nLevels);
      }),
      { seed: SEED, numRuns: 150 },
    );
    // the fixed seed exercises both sides of the threshold
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(150);
  });
});

describe("measurements written with units or signs", () => {
  it('a column of "63 years" / "<5"-like texts is numeric-looking, and refused bare in a model', () => {
    const c = cohort(30);
    const rows = c.age.map((a, i) => `${c.time[i]},${c.status[i]},${i % 10 === 0 ? "<40" : `${a} years`}`);
    const r = readTable(enc(["time,status,age", ...rows].join("\n") + "\n"), { fileName: "u.csv" });
    const age = findColumn(r.table, "age") as CategoricalColumn;
    expect(age.numericLooking).toBe(true);
    expect(r.inference[2].reason).toMatch(/30 of 30 values are numbers or begin with one \(row 2 has "<40"\)/);
    expectDataError(() => modelMatrix(r.table, "Surv(time, status) ~ age"), "DATA_NUMERIC_LOOKING_FACTOR", {
      column: "age",
      text: /begin with one.*units, signs, notes/s,
    });
  });

  it("a text column of words is not numeric-looking, whatever its number of levels", () => {
    const words = ["lung", "liver", "bone", "brain", "skin", "adrenal", "kidney"];
    const r = readTable(enc("y,site\n" + words.map((w, i) => `${i % 2},${w}`).join("\n") + "\n"), { fileName: "w.csv" });
    expect((findColumn(r.table, "site") as CategoricalColumn).numericLooking).toBeUndefined();
    expect(modelMatrix(r.table, "y ~ site").nCols).toBe(words.length);
  });
});
