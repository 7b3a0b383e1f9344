/**
 * Issue 12, reading data: a German file (`;`, `63,5`) read without `--decimal ,` used to fit `Alter`
 * as a 60-level factor. Now the decimal comma is detected from the evidence (and said in the warnings),
 * an explicit declaration wins, and a file where it cannot be told stops asking for the declaration.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "../../src/data/read.js";
import { findColumn } from "../../src/data/table.js";
import { runCli } from "../helpers/cli.js";
import { expectDataError } from "../data/errors.js";
import { cohort, expectCliRefusal, tempDir } from "./read-helpers.js";
import { assertProperty, property } from "../helpers/property.js";

const tmp = tempDir("survinfer-decimal-");
afterAll(() => tmp.cleanup());

const SEED = 20261205;
const enc = (s: string) => new TextEncoder().encode(s);
const de = (x: number) => String(x).replace(".", ",");

interface CoxJson {
  terms: { name: string; coef: number; se: number }[];
  warnings: string[];
}

/** The seeded cohort as a German export: `;`, decimal commas, German names. */
function germanCsv(n: number): string {
  const c = cohort(n);
  const rows = c.time.map((t, i) => `${de(t)};${c.status[i]};${de(c.age[i])};${c.sex[i] === "male" ? "männlich" : "weiblich"}`);
  return ["Zeit;Status;Alter;Geschlecht", ...rows].join("\n") + "\n";
}

/** The same cohort as an English CSV. */
function englishCsv(n: number): string {
  const c = cohort(n);
  const rows = c.time.map((t, i) => `${t},${c.status[i]},${c.age[i]},${c.sex[i] === "male" ? "männlich" : "weiblich"}`);
  return ["Zeit,Status,Alter,Geschlecht", ...rows].join("\n") + "\n";
}

const FORMULA = "Surv(Zeit, Status) ~ Alter + Geschlecht";

describe("a German decimal-comma file without --decimal", () => {
  it("is read with the decimal comma detected: Alter is one covariate, with the same fit as the English file", async () => {
    const g = await runCli(["cox", tmp.write("de.csv", germanCsv(60)), "--formula", FORMULA, "--json"]);
    const e = await runCli(["cox", tmp.write("en.csv", englishCsv(60)), "--formula", FORMULA, "--json"]);
    expect(g.code, g.stderr).toBe(0);
    expect(e.code, e.stderr).toBe(0);
    const jg = JSON.parse(g.stdout) as CoxJson;
    const je = JSON.parse(e.stdout) as CoxJson;
    expect(jg.terms.map((t) => t.name)).toEqual(["Alter", "Geschlechtweiblich"]);
    expect(jg.terms).toEqual(je.terms);
    expect(jg.warnings.join("\n")).toMatch(/decimal mark "," \(detected\).*"\d+,\d" \(column "Zeit", row 2\)/);
    expect(je.warnings.join("\n")).not.toMatch(/decimal mark/);
  });

  it("an explicit --decimal wins: '.' on a decimal-comma file stops naming row, column and value", async () => {
    const file = tmp.write("de-declared.csv", germanCsv(30));
    const ok = await runCli(["cox", file, "--formula", FORMULA, "--decimal", ",", "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as CoxJson).warnings.join("\n")).not.toMatch(/detected/);
    const c = cohort(30);
    await expectCliRefusal(["cox", file, "--formula", FORMULA, "--decimal", ".", "--json"], {
      file,
      row: 2,
      column: "Zeit",
      value: de(c.time[0]),
      text: /in force is "\." \(declared\)/,
    });
  });

  it("reads German grouping (1.234,5) with the detected comma", () => {
    const r = readTable(enc("id;x\n1;1.234,5\n2;0,25\n3;7\n"), { fileName: "g.csv" });
    const x = findColumn(r.table, "x");
    expect(x?.kind === "numeric" && Array.from(x.values)).toEqual([1234.5, 0.25, 7]);
  });
});

describe("files where the decimal mark cannot be told stop and ask for the declaration", () => {
  it("only values like 1,234 (thousands or decimal?) in a ';' file", async () => {
    const file = tmp.write("amb.csv", "id;dose\n1;1,250\n2;2,500\n3;12,000\n");
    await expectCliRefusal(["km", file, "--time", "dose", "--event", "id"], { file, row: 2, column: "dose", value: "1,250", text: /thousands separator/ });
    const comma = readTable(enc("id;dose\n1;1,250\n2;2,500\n3;12,000\n"), { fileName: "amb.csv", decimal: "," });
    const dot = readTable(enc("id;dose\n1;1,250\n2;2,500\n3;12,000\n"), { fileName: "amb.csv", decimal: "." });
    const v = (t: typeof comma) => {
      const c = findColumn(t.table, "dose");
      return c?.kind === "numeric" ? Array.from(c.values) : undefined;
    };
    expect(v(comma)).toEqual([1.25, 2.5, 12]);
    expect(v(dot)).toEqual([1250, 2500, 12000]);
  });

  it("a ';' file mixing 63,5 in one column and 12.5 in another", () => {
    expectDataError(() => readTable(enc("a;b\n63,5;12.5\n70,1;3.25\n"), { fileName: "mix.csv" }), "DATA_UNDECLARED_DECIMAL_MARK", {
      row: 2,
      column: "a",
      value: "63,5",
      text: /"12\.5" \(column "b", row 2\)/,
    });
  });

  it('a comma-delimited file with quoted "63,5"', () => {
    expectDataError(() => readTable(enc('id,age\n1,"63,5"\n2,"70,1"\n3,58\n'), { fileName: "q.csv" }), "DATA_UNDECLARED_DECIMAL_MARK", {
      row: 2,
      column: "age",
      value: "63,5",
      text: /comma-delimited/,
    });
  });

  it('a ","-declared file whose column uses "." decimals', () => {
    expectDataError(() => readTable(enc("a;b\n63,5;12.5\n70,1;3.75\n"), { fileName: "d.csv", decimal: "," }), "DATA_UNDECLARED_DECIMAL_MARK", {
      row: 2,
      column: "b",
      value: "12.5",
      text: /"," \(declared\)/,
    });
  });
});

describe("detection is exact on random numbers (seeded property)", () => {
  const value = fc.integer({ min: -99999, max: 999999 }).map((k) => k / 10); // one decimal: never thousands-like
  const column = fc.array(value, { minLength: 1, maxLength: 40 });

  it("decimal-comma numbers in ';', tab or '|' files read as the same numbers as '.' in a ',' file", () => {
    assertProperty(
      property(column, column, fc.constantFrom(";", "\t", "|"), (a, b, delim) => {
        const n = Math.min(a.length, b.length);
        const rowsDe = Array.from({ length: n }, (_, i) => `${de(a[i])}${delim}${de(b[i])}`);
        const rowsEn = Array.from({ length: n }, (_, i) => `${a[i]},${b[i]}`);
        const rde = readTable(enc(`a${delim}b\n${rowsDe.join("\n")}\n`), { fileName: "p.csv" });
        const ren = readTable(enc(`a,b\n${rowsEn.join("\n")}\n`), { fileName: "p.csv" });
        for (const name of ["a", "b"]) {
          const x = findColumn(rde.table, name);
          const y = findColumn(ren.table, name);
          expect(x?.kind).toBe("numeric");
          expect(x?.kind === "numeric" && Array.from(x.values)).toEqual(y?.kind === "numeric" && Array.from(y.values));
        }
        const anyComma = rowsDe.some((r) => r.includes(","));
        expect(rde.warnings.some((w) => /decimal mark "," \(detected\)/.test(w))).toBe(anyComma);
        expect(ren.warnings.some((w) => /decimal mark/.test(w))).toBe(false);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});

describe("the app's file preview shows what the reader detected", () => {
  it("readPreview (web/src/engine.ts) lists the decimal-mark note among the warnings and types Alter numeric", async () => {
    const { readPreview } = await import("../../web/src/engine.js");
    const { info } = readPreview(enc(germanCsv(20)), { fileName: "de.csv" });
    expect(info.warnings.join("\n")).toMatch(/decimal mark "," \(detected\)/);
    expect(info.columns.find((c) => c.column === "Alter")?.kind).toBe("numeric");
  });
});
