/**
 * coxph(table, formula) and `survinfer cox --json` equal R's coxph on the same formula string over
 * test/fixtures/data/lung.csv (fixtures by tools/oracle/coxph-formula.R): formula parser, model matrix
 * (factor dummies, interactions, strata, cluster, status == 2) and fitter together.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTableFile } from "../../src/data/read-file.js";
import { coxph } from "../../src/survival/coxph.js";
import { expectClose } from "../helpers/expect-close.js";
import { fixtureRoot, listFixtures, loadFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

interface Input { formula: string; ties: "efron" | "breslow" }
interface Expected {
  names: string[]; coef: number[]; se: number[]; naive_se: number[] | null; loglik: number[]; wald: number; score: number; lr: number;
  n: number; nevent: number; concordance: number[]; p: number[]; zph?: { terms: string[]; chisq: number[]; df: number[]; p: number[] };
}

const lungPath = join(fixtureRoot, "..", "data", "lung.csv");
const lung = readTableFile(lungPath).table;

describe("coxph(table, formula) equals R coxph on lung", () => {
  for (const name of listFixtures("coxph-formula", 5)) {
    it(name, () => {
      const fx = loadFixture<Input, Expected>("coxph-formula", name);
      const res = coxph(lung, fx.input.formula, { ties: fx.input.ties, zph: fx.expected.zph ? "km" : false });
      const fit = res.fit;
      expect(fit.columnNames).toEqual(fx.expected.names);
      expect(fit.n).toBe(fx.expected.n);
      expect(fit.nEvent).toBe(fx.expected.nevent);
      expectClose(fit.coef, fx.expected.coef, { rel: 1e-10 }, "coef");
      expectClose(fit.terms.map((t) => t.robustSe ?? t.se), fx.expected.se, { rel: 1e-10 }, "se");
      if (fx.expected.naive_se) expectClose(fit.terms.map((t) => t.se), fx.expected.naive_se, { rel: 1e-10 }, "naive se");
      expectClose(fit.loglik, fx.expected.loglik, { rel: 1e-10 }, "loglik");
      expectClose(fit.tests.wald.statistic, fx.expected.wald, { rel: 1e-10 }, "wald");
      expectClose(fit.tests.score.statistic, fx.expected.score, { rel: 1e-10 }, "score");
      expectClose(fit.tests.lr.statistic, fx.expected.lr, { rel: 1e-10 }, "lr");
      expectClose(fit.terms.map((t) => t.p), fx.expected.p, { rel: 1e-10 }, "p");
      expectClose([fit.concordance.value, fit.concordance.se], fx.expected.concordance, { rel: 1e-10 }, "concordance");
      if (fx.expected.zph) {
        const z = res.zph!;
        expect([...z.terms.map((t) => t.name), "GLOBAL"]).toEqual(fx.expected.zph.terms);
        expectClose([...z.terms.map((t) => t.statistic), z.global.statistic], fx.expected.zph.chisq, { rel: 1e-10 }, "zph chisq");
        expectClose([...z.terms.map((t) => t.p), z.global.p], fx.expected.zph.p, { rel: 1e-10 }, "zph p");
      }
    });
  }
});

describe("survinfer cox", () => {
  it("--json follows the contract and equals R", async () => {
    const fx = loadFixture<Input, Expected>("coxph-formula", "age-sex-ecog");
    const r = await runCli(["cox", lungPath, "--formula", fx.input.formula, "--zph", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { n: number; nEvent: number; terms: { name: string; coef: number; hr: number; se: number; robustSe: number | null; z: number; p: number; lower: number; upper: number }[]; loglik: number[]; tests: { lr: unknown; wald: unknown; score: unknown }; concordance: { value: number; se: number }; var: number[][]; zph: { global: { p: number } } };
    expect(Object.keys(res.terms[0]).sort()).toEqual(["coef", "hr", "lower", "name", "p", "robustSe", "se", "upper", "z"]);
    expectClose(res.terms.map((t) => t.coef), fx.expected.coef, { rel: 1e-10 }, "coef");
    expectClose(res.zph.global.p, fx.expected.zph!.p.at(-1)!, { rel: 1e-10 }, "global PH p");
    expect(res.var.length).toBe(5);
  });

  it("prints a paper-style table with the PH test and a syntax error points at the column", async () => {
    const ok = await runCli(["cox", lungPath, "--formula", "Surv(time, status) ~ age + sex", "--zph"]);
    expect(ok.stdout).toContain("PH test p");
    const bad = await runCli(["cox", lungPath, "--formula", "Surv(time, status) ~ age + + sex)"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/column \d+/);
  });
});
