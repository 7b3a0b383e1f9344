/**
 * Issue 12, reading data: one stray token (`n/a`, `NaN`, `Inf`, `?`, …) in a numeric column used to
 * turn it into a factor with dozens of levels (exit 0, absurd hazard ratios). Now the read stops with
 * file, row, column and value, unless the token is declared missing or the column categorical.
 */
import { readFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import type { CategoricalColumn } from "../../src/data/table.js";
import { findColumn } from "../../src/data/table.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { specReadOptions } from "../../src/study/read-options.js";
import { STRAY_MAX_TOKENS } from "../../src/data/infer.js";
import { runCli } from "../helpers/cli.js";
import { expectDataError } from "../data/errors.js";
import { cohort, expectCliRefusal, tempDir } from "./read-helpers.js";
import { assertProperty, property } from "../helpers/property.js";

const tmp = tempDir("survinfer-stray-");
afterAll(() => tmp.cleanup());

const SEED = 20261205;
const enc = (s: string) => new TextEncoder().encode(s);

/** time,status,age,sex rows of the seeded cohort, with `age` of row index `at` (0-based) replaced. */
function cohortCsv(n: number, at?: number, ageText?: string): string {
  const c = cohort(n);
  const rows = c.time.map((t, i) => `${t},${c.status[i]},${i === at ? ageText : c.age[i]},${c.sex[i]}`);
  return ["time,status,age,sex", ...rows].join("\n") + "\n";
}

const TOKENS = ["n/a", "NaN", "Inf", "-Inf", "NULL", "null", "?", "missing", "unknown", "k.A.", "nd", "<5", ">90", "--", "#N/A", "99+"];

describe("a stray token in a numeric column stops the read (CLI exit 2)", () => {
  for (const token of TOKENS) {
    it(`survinfer cox refuses age = ${JSON.stringify(token)}, naming file, row, column and value`, async () => {
      const file = tmp.write(`stray-${TOKENS.indexOf(token)}.csv`, cohortCsv(40, 16, token));
      await expectCliRefusal(["cox", file, "--formula", "Surv(time, status) ~ age + sex", "--json"], {
        file,
        row: 18,
        column: "age",
        value: token,
        text: /declare it missing|decimal mark/,
      });
    });
  }

  it("reads the token as missing once declared with --missing, exactly as an empty cell", async () => {
    const stray = tmp.write("declared.csv", cohortCsv(40, 16, "n/a"));
    const empty = tmp.write("empty.csv", cohortCsv(40, 16, ""));
    const a = await runCli(["cox", stray, "--formula", "Surv(time, status) ~ age + sex", "--missing", ",NA,N/A,.,-,n/a", "--json"]);
    const b = await runCli(["cox", empty, "--formula", "Surv(time, status) ~ age + sex", "--json"]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ja = JSON.parse(a.stdout) as { terms: { name: string; coef: number }[]; n: number };
    const jb = JSON.parse(b.stdout) as { terms: { name: string; coef: number }[]; n: number };
    expect(ja.terms.map((t) => t.name)).toEqual(["age", "sexmale"]);
    expect(ja.terms).toEqual(jb.terms);
    expect(ja.n).toBe(39);
  });

  it("keeps the default missing tokens (empty, NA, N/A, '.', '-') as missing, as before", async () => {
    const base = JSON.parse((await runCli(["cox", tmp.write("base.csv", cohortCsv(40, 16, "")), "--formula", "Surv(time, status) ~ age", "--json"])).stdout) as { terms: unknown };
    for (const [k, token] of ["NA", "N/A", ".", "-", "  NA "].entries()) {
      const r = await runCli(["cox", tmp.write(`default-${k}.csv`, cohortCsv(40, 16, token)), "--formula", "Surv(time, status) ~ age", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { terms: unknown }).terms).toEqual(base.terms);
    }
  });

  it("stops `survinfer run` on the example study when age_primary has a stray 'n/a', and reads it once data.missing declares it", async () => {
    const rows = readFileSync("examples/lms-metastasectomy/cohort.csv", "utf8").split("\n");
    const header = rows[0].split(",");
    const j = header.indexOf("age_primary");
    const cells = rows[7].split(",");
    cells[j] = "n/a";
    rows[7] = cells.join(",");
    const csv = tmp.write("cohort.csv", rows.join("\n"));
    const specText = readFileSync("examples/lms-metastasectomy/study.yaml", "utf8");
    const study = tmp.write("study.yaml", specText);
    await expectCliRefusal(["run", study, "--out", tmp.path("out")], { file: "cohort.csv", row: 8, column: "age_primary", value: "n/a" });

    const declared = specText.replace("  dateFormat: DD.MM.YYYY", '  dateFormat: DD.MM.YYYY\n  missing: ["", "NA", "n/a"]');
    expect(declared).not.toBe(specText);
    const spec = parseStudySpec(declared, "study.yaml");
    const r = readTable(new Uint8Array(readFileSync(csv)), specReadOptions(spec, "cohort.csv"));
    const age = findColumn(r.table, "age_primary");
    expect(age?.kind).toBe("numeric");
    expect(age?.kind === "numeric" && Number.isNaN(age.values[6])).toBe(true);
  });
});

describe("readTable: the rule for 'numbers with stray values' (documented in docs/data.md)", () => {
  const number = fc.oneof(fc.integer({ min: -999, max: 9999 }).map(String), fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((x) => x.toFixed(2)));
  // tokens that are not numbers and not default missing tokens: a fixed list plus random words
  const token = fc.oneof(fc.constantFrom(...TOKENS), fc.stringMatching(/^[a-z?<>][a-z?<>/]{0,6}$/));

  it("any column of numbers with up to STRAY_MAX_TOKENS distinct stray values stops at the first, naming its row and value", () => {
    const arb = fc
      .record({ nums: fc.array(number, { minLength: STRAY_MAX_TOKENS, maxLength: 60 }), tokens: fc.uniqueArray(token, { minLength: 1, maxLength: STRAY_MAX_TOKENS }) })
      .chain(({ nums, tokens }) =>
        fc.record({
          nums: fc.constant(nums),
          tokens: fc.constant(tokens),
          at: fc.uniqueArray(fc.integer({ min: 0, max: nums.length + tokens.length - 1 }), { minLength: tokens.length, maxLength: tokens.length }),
        }),
      );
    assertProperty(
      property(arb, ({ nums, tokens, at }) => {
        const cells: string[] = [];
        const byPos = new Map(at.map((p, k) => [p, tokens[k]]));
        let next = 0;
        for (let p = 0; p < nums.length + tokens.length; p++) cells.push(byPos.get(p) ?? nums[next++]);
        const first = Math.min(...at);
        const text = "id,x\n" + cells.map((c, i) => `${i + 1},${c}`).join("\n") + "\n";
        expectDataError(() => readTable(enc(text), { fileName: "h.csv" }), "DATA_INVALID_NUMBER", { row: first + 2, column: "x", value: byPos.get(first) as string });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("with at least 80% numbers it stops whatever the number of distinct stray values", () => {
    const cells = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "a", "b", "c", "d"];
    expectDataError(() => readTable(enc("x\n" + cells.join("\n") + "\n"), { fileName: "h.csv" }), "DATA_INVALID_NUMBER", { row: 18, column: "x", value: "a", text: /"b" \(row 19\)/ });
  });

  it("between 50% and 80% numbers with more distinct stray values it is text, flagged numeric-looking; below 50% plain text", () => {
    const mixed = readTable(enc("x\n1\n2\n3\n4\n5\n6\na\nb\nc\nd\n"), { fileName: "h.csv" });
    const x = findColumn(mixed.table, "x") as CategoricalColumn;
    expect(x.kind).toBe("categorical");
    expect(x.numericLooking).toBe(true);
    expect(mixed.inference[0].reason).toMatch(/6 of 10 values are numbers, but row 8 has "a"/);
    const text = readTable(enc("x\n1\n2\na\nb\nc\n"), { fileName: "h.csv" });
    expect((findColumn(text.table, "x") as CategoricalColumn).numericLooking).toBeUndefined();
  });

  it("does not stop when the column is declared categorical, nor for the id column", () => {
    const r = readTable(enc("pid,x\n1,1\nx7,2\n3,?\n"), { fileName: "h.csv", idColumn: "pid", columns: { x: { type: "categorical" } } });
    const x = findColumn(r.table, "x") as CategoricalColumn;
    expect(x.levels).toEqual(["?", "1", "2"]);
    expect(x.numericLooking).toBeUndefined();
  });

  it("suggests the decimal mark when the stray value is a grouped number", () => {
    expectDataError(() => readTable(enc('x\n1\n"12,500.5"\n3\n'), { fileName: "h.csv" }), "DATA_INVALID_NUMBER", { row: 3, column: "x", value: "12,500.5", text: /decimal: "\."/ });
  });
});

describe("workbooks follow the same rules (the reader's inference is shared)", () => {
  const book = (rows: (string | number | null)[][]): Uint8Array => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Patients");
    return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
  };

  it("a text cell 'n/a' among number cells stops, naming the sheet's row", () => {
    const rows: (string | number | null)[][] = [["id", "age"], ...Array.from({ length: 20 }, (_, i) => [i + 1, 40 + i])];
    rows[9][1] = "n/a";
    expectDataError(() => readTable(book(rows), { fileName: "c.xlsx" }), "DATA_INVALID_NUMBER", { row: 10, column: "age", value: "n/a" });
    const declared = readTable(book(rows), { fileName: "c.xlsx", missing: ["", "NA", "n/a"] });
    const age = findColumn(declared.table, "age");
    expect(age?.kind === "numeric" && Number.isNaN(age.values[8])).toBe(true);
  });

  it("text cells with a decimal comma are detected as in a ';' file", () => {
    const rows: (string | number | null)[][] = [["id", "Alter"], [1, "63,5"], [2, "70,25"], [3, 58]];
    const r = readTable(book(rows), { fileName: "c.xlsx" });
    const alter = findColumn(r.table, "Alter");
    expect(alter?.kind === "numeric" && Array.from(alter.values)).toEqual([63.5, 70.25, 58]);
    expect(r.warnings.join("\n")).toMatch(/decimal mark "," \(detected\)/);
  });
});
