/**
 * Issue 12, formula names: a data column named T or F comes before R's constants T/F (R's model.frame
 * looks in the data first), wherever a formula names a column (Surv() time and status, terms,
 * strata, cluster, interactions); TRUE/FALSE are R's reserved words, a column of that name is
 * written in backquotes. A Cox formula without covariates (`~ 1`) is refused with exit 2.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { parseFormula } from "../../src/formula/parse.js";
import { Evaluator } from "../../src/formula/evaluate.js";
import { readTable } from "../../src/data/read.js";
import { writeCsv } from "./status-helpers.js";

const rows = Array.from({ length: 20 }, (_, i) => ({ t: ((i * 7) % 19) + 1, e: i % 3 === 0 ? 0 : 1, x: ((i * 5) % 9) / 2, g: i % 2 }));
const csv = (names: [string, string, string, string]): string => `${names.join(",")}\n${rows.map((r) => `${r.t},${r.e},${r.x},${r.g}`).join("\n")}\n`;
const plain = writeCsv(csv(["time", "status", "x", "grp"]), "plain.csv");
const tf = writeCsv(csv(["T", "F", "x", "grp"]), "tf.csv");
const words = writeCsv(csv(["TRUE", "FALSE", "x", "grp"]), "words.csv");

function table(text: string) {
  return readTable(new TextEncoder().encode(text), { fileName: "t.csv" }).table;
}

async function coxJson(argv: string[]): Promise<{ nEvent: number; coef: number[]; terms: { name: string }[] }> {
  const r = await runCli([...argv, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { nEvent: number; coef: number[]; terms: { name: string }[] };
}

describe("columns named T and F shadow R's T/F", () => {
  it("cox Surv(T, F) ~ x equals Surv(time, status) ~ x on the same numbers", async () => {
    const a = await coxJson(["cox", plain, "--formula", "Surv(time, status) ~ x"]);
    const b = await coxJson(["cox", tf, "--formula", "Surv(T, F) ~ x"]);
    expect(b.nEvent).toBe(a.nEvent);
    expect(b.coef).toEqual(a.coef);
  });

  it("T and F as terms, in factor(), interactions, strata() and cluster()", async () => {
    const a = await coxJson(["cox", plain, "--formula", "Surv(time, status) ~ x * factor(grp) + strata(status)"]);
    const b = await coxJson(["cox", tf, "--formula", "Surv(T, F) ~ x * factor(grp) + strata(F)"]);
    expect(b.coef).toEqual(a.coef);
    const t = table(csv(["T", "F", "x", "grp"]));
    const mm = modelMatrix(t, "Surv(x, F) ~ T + factor(F) + cluster(grp)", { dropIntercept: true });
    expect(mm.columnNames).toEqual(["T", "factor(F)1"]);
    expect(Array.from(mm.x.slice(0, 3))).toEqual(rows.slice(0, 3).map((r) => r.t));
  });

  it("predict reads Surv(T, F) as the columns too", async () => {
    const a = await runCli(["predict", plain, "--formula", "Surv(time, status) ~ x", "--bootstrap", "0", "--json"]);
    const b = await runCli(["predict", tf, "--formula", "Surv(T, F) ~ x", "--bootstrap", "0", "--json"]);
    expect(b.code).toBe(0);
    expect((JSON.parse(b.stdout) as { harrell: unknown }).harrell).toEqual((JSON.parse(a.stdout) as { harrell: unknown }).harrell);
  });

  it("without such a column T and F are still R's TRUE and FALSE (a constant status is refused, as R's Surv() does)", () => {
    const t = table(csv(["time", "status", "x", "grp"]));
    const f = parseFormula("Surv(time, T) ~ x");
    const r = f.response;
    expect(r?.kind === "Surv" && r.status !== undefined && new Evaluator(t, f.text).evaluate(r.status)).toEqual({ type: "scalar", value: 1 });
    const tfTable = table(csv(["T", "F", "x", "grp"]));
    expect(r?.kind === "Surv" && r.status !== undefined && new Evaluator(tfTable, f.text).evaluate(r.status)).toEqual({ type: "numeric", values: Float64Array.from(rows, (x) => x.t) });
    expect(() => modelMatrix(t, "Surv(time, T) ~ x", { dropIntercept: true })).toThrow(/is a constant, not a column/);
  });
});

describe("TRUE/FALSE are reserved words, as in R: backquotes name the column", () => {
  it("cox Surv(`TRUE`, `FALSE`) ~ x reads the columns", async () => {
    const a = await coxJson(["cox", plain, "--formula", "Surv(time, status) ~ x"]);
    const b = await coxJson(["cox", words, "--formula", "Surv(`TRUE`, `FALSE`) ~ x"]);
    expect(b.coef).toEqual(a.coef);
    expect(b.nEvent).toBe(a.nEvent);
  });

  it("bare TRUE is R's constant, so Surv(`TRUE`, TRUE) stops as R's Surv() does (exit 2, with the backquote hint)", async () => {
    const r = await runCli(["cox", words, "--formula", "Surv(`TRUE`, TRUE) ~ x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a constant, not a column");
    expect(r.stderr).toContain("in backquotes");
  });

  it("T as a constant in an expression still works: Surv(time, (status == 1) == T)", async () => {
    const a = await coxJson(["cox", plain, "--formula", "Surv(time, status) ~ x"]);
    const b = await coxJson(["cox", plain, "--formula", "Surv(time, (status == 1) == T) ~ x"]);
    expect(b.coef).toEqual(a.coef);
  });
});

describe("a Cox formula needs a covariate", () => {
  for (const formula of ["Surv(time, status) ~ 1", "Surv(time, status) ~ strata(grp)", "Surv(time, status) ~ 0"]) {
    for (const command of ["cox", "predict"]) {
      it(`${command} ${formula}: exit 2 pointing to km/logrank`, async () => {
        const r = await runCli([command, plain, "--formula", formula]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain("has no covariate; a Cox model needs at least one");
        expect(r.stderr).toContain("survinfer km");
        expect(r.stderr).toContain(formula);
      });
    }
  }
});
