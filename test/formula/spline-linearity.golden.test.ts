/**
 * Golden tests: the Cox linearity check (src/study/cox-linearity.ts) against rms 6.5.0
 * (fixtures in test/fixtures/splines/linearity, written by tools/oracle/splines.R):
 * anova(cph(...)) "Nonlinear" and "TOTAL NONLINEAR" rows, knots, and the hazard-ratio curve
 * (log HR and SE against the median) of rms::contrast; tests, curve and coefficients to 1e-8 relative
 * (cph run with eps = 1e-9, as coxph).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { coxLinearity } from "../../src/study/cox-linearity.js";
import { tableFromFixture, type FixtureColumn } from "./table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "splines", "linearity");

interface Test { covariate: string; chisq: number; df: number; p: number; knots: number[]; reference: number; x: number[]; logHr: number[]; se: number[] }
interface Fixture {
  input: { formula: string; vars: string[]; data: { columns: FixtureColumn[] } };
  expected: { tests: Test[]; totalNonlinear: { chisq: number; df: number; p: number }; coef: number[]; loglik: number[] };
}

const names = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();

describe("coxLinearity agrees with rms::anova(cph(...)) and rms::contrast", () => {
  it("has the 3 fixture cases", () => expect(names).toHaveLength(3));
  for (const name of names) {
    it(`${name}: non-linearity Wald tests, knots and HR curve as rms`, () => {
      const fx = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Fixture;
      const table = tableFromFixture(fx.input.data);
      const rhs = fx.input.formula.split("~")[1].split("+").map((s) => s.trim());
      const terms = rhs.map((t) => {
        const m = /^rcs\(([^,]+), 4\)$/.exec(t);
        return { covariate: m ? m[1] : t, term: m ? m[1] : t };
      });
      const r = coxLinearity(table, "Surv(time, status) ~ ", terms, fx.input.vars);
      expect(r.formula).toBe(fx.input.formula);
      expectClose(r.result.fit.coef.map((c) => c ?? Number.NaN), fx.expected.coef, { rel: 1e-8 }, "coef");
      expectClose(r.result.fit.loglik, fx.expected.loglik, { rel: 1e-8 }, "loglik");
      expect(r.tests.map((t) => t.covariate)).toEqual(fx.expected.tests.map((t) => t.covariate));
      r.tests.forEach((t, k) => {
        const e = fx.expected.tests[k];
        expectClose(t.knots, e.knots, { rel: 1e-12 }, `${e.covariate} knots`);
        expect(t.nonlinear.df).toBe(e.df);
        expectClose([t.nonlinear.chisq, t.nonlinear.p], [e.chisq, e.p], { rel: 1e-8 }, `${e.covariate} nonlinear`);
        expect(t.curve.reference).toBe(e.reference);
        expectClose(t.curve.x, e.x, { rel: 1e-13 }, `${e.covariate} grid`);
        expectClose(t.curve.logHr, e.logHr, { rel: 1e-8, abs: 1e-12 }, `${e.covariate} log HR`);
        expectClose(t.curve.se, e.se, { rel: 1e-8, abs: 1e-12 }, `${e.covariate} se`);
        // HR = 1 at the reference value
        expect(t.curve.hr.every((h) => h > 0)).toBe(true);
      });
      if (fx.expected.tests.length > 1) expectClose([r.totalNonlinear?.chisq ?? Number.NaN, r.totalNonlinear?.df ?? Number.NaN], [fx.expected.totalNonlinear.chisq, fx.expected.totalNonlinear.df], { rel: 1e-8 }, "total nonlinear");
      else expect(r.totalNonlinear).toBeNull();
    });
  }
});
