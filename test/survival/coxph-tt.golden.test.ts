/**
 * Golden tests: time-varying coefficients tt() against survival::coxph(..., tt = function(x, t, ...) x * g(t))
 * (fixtures in test/fixtures/splines/tt, written by tools/oracle/splines.R, survival 3.5-3, R 4.2.2):
 * veteran (the vignette's karno example) and lung, g = log, identity, sqrt, strata with Breslow ties, and
 * step functions tt(x, cut = ...) against survSplit(cut = ...) + coxph(~ x:strata(tgroup)).
 * Coefficients, variance and log-likelihood to 1e-8 relative (both fits converge to eps = 1e-9 on the same likelihood).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { coxph } from "../../src/survival/coxph.js";
import { SurvinferError } from "../../src/errors.js";
import { tableFromFixture, type FixtureColumn } from "../formula/table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "splines", "tt");

interface Fixture {
  call: string;
  input: { formula: string; ties: "efron" | "breslow"; data: { columns: FixtureColumn[] } };
  expected: { coef: number[]; var: number[]; loglik: number[]; n: number; nEvent: number; concordance?: number; wald?: number; score?: number };
}

const names = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();

describe("coxph with tt() terms agrees with survival::coxph(tt = ...)", () => {
  it("has the 6 fixture cases of tools/oracle/splines.R", () => expect(names).toHaveLength(6));
  for (const name of names) {
    it(`${name}: coefficients, variance, log-likelihood as R`, () => {
      const fx = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Fixture;
      const table = tableFromFixture(fx.input.data);
      const res = coxph(table, fx.input.formula, { ties: fx.input.ties });
      const e = fx.expected;
      expectClose(res.fit.coef.map((c) => c ?? Number.NaN), e.coef, { rel: 1e-8, abs: 1e-12 }, `${name} coef`);
      expectClose(res.fit.var.flat(), e.var, { rel: 1e-8, abs: 1e-14 }, `${name} var`);
      expectClose(res.fit.loglik, e.loglik, { rel: 1e-8 }, `${name} loglik`);
      expect(res.fit.n).toBe(e.n);
      expect(res.fit.nEvent).toBe(e.nEvent);
      if (e.concordance !== undefined) expectClose([res.fit.concordance.value], [e.concordance], { rel: 1e-8 }, `${name} concordance`);
      if (e.wald !== undefined) expectClose([res.fit.tests.wald.statistic], [e.wald], { rel: 1e-8 }, `${name} wald`);
      if (e.score !== undefined) expectClose([res.fit.tests.score.statistic], [e.score], { rel: 1e-8 }, `${name} score`);
    });
  }
  it("refuses tt() in an interaction, with start/stop data and with the PH test", () => {
    const fx = JSON.parse(readFileSync(join(dir, "veteran-log.json"), "utf8")) as Fixture;
    const table = tableFromFixture(fx.input.data);
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        if (err instanceof SurvinferError) return err.code;
        throw err;
      }
      return "none";
    };
    expect(code(() => coxph(table, "Surv(time, status) ~ tt(karno):trt"))).toBe("FORMULA_UNSUPPORTED");
    expect(code(() => coxph(table, "Surv(time, status) ~ karno + tt(karno)", { zph: "km" }))).toBe("OPTION_CONFLICT");
    expect(code(() => coxph(table, "Surv(time, status) ~ karno + tt(karno, \"cube\")"))).toBe("FORMULA_INVALID");
  });
  it("a tt() coefficient of zero leaves the model without it unchanged (loglik at β = 0 equal)", () => {
    const fx = JSON.parse(readFileSync(join(dir, "veteran-log.json"), "utf8")) as Fixture;
    const table = tableFromFixture(fx.input.data);
    const withTt = coxph(table, "Surv(time, status) ~ trt + karno + tt(karno)");
    const without = coxph(table, "Surv(time, status) ~ trt + karno");
    // the null log-likelihood is that of the patients, not of the expanded rows
    expectClose([withTt.fit.loglik[0]], [without.fit.loglik[0]], { rel: 1e-12 }, "null loglik");
    expect(withTt.fit.loglik[1]).toBeGreaterThan(without.fit.loglik[1]);
  });
});

describe("tt() outside coxph", () => {
  it("stops in any other model matrix (prediction validation, propensity, ...) instead of taking tt(x) as x", async () => {
    const { modelMatrix } = await import("../../src/formula/model-matrix.js");
    const { validatePredictionModel } = await import("../../src/survival/validation/index.js");
    const fx = JSON.parse(readFileSync(join(dir, "veteran-log.json"), "utf8")) as Fixture;
    const table = tableFromFixture(fx.input.data);
    for (const f of [() => modelMatrix(table, "~ karno + tt(karno)"), () => validatePredictionModel(table, "Surv(time, status) ~ karno + tt(karno)", { B: 0 })]) {
      expect(f).toThrow(/tt\(\) is available only in a Cox model/);
    }
  });
});
