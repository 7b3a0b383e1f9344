/**
 * Golden tests: penalised splines pspline() in Cox models against survival::coxph (coxpenal.fit), fixtures in
 * test/fixtures/r/pspline written by tools/oracle/pspline.R (survival 3.5-3, R 4.2.2) on lung and veteran:
 * df = 2, 3, 4, 5 (θ searched as frailty.controldf), θ given, nterm given, Efron and Breslow ties, strata, case weights,
 * other terms (numeric, factor) and missing values. Basis columns to 1e-10; coefficients, var, var2, df,
 * θ and its search path, log-likelihoods, iterations, linear / non-linear tests to 1e-8; HR curves of new
 * values (extrapolated outside the range) to 1e-8.
 */
import { describe, expect, it } from "vitest";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { coxph } from "../../src/survival/coxph.js";
import { psplineHrCurve } from "../../src/survival/cox/pspline-fit.js";
import { coxInputFromFormula } from "../../src/survival/coxph.js";
import { coxSurvival } from "../../src/survival/cox/predict.js";
import { tableFromFixture, type FixtureColumn } from "../formula/table-from-fixture.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  formula: string;
  ties: "efron" | "breslow";
  weights: string | null;
  data: { columns: FixtureColumn[] };
  newdata?: { columns: FixtureColumn[] };
  times?: number[];
}
interface Expected {
  columnNames: string[];
  x: number[];
  rows: number[];
  nRows: number;
  coef: number[];
  var: number[];
  var2: number[];
  df: number[];
  loglik: number[];
  penalty: number[];
  iter: number[];
  theta: number;
  history: { thetas: number[]; dfs: number[] } | null;
  means: number[];
  linearPredictors: number[];
  wald: number;
  concordance: number;
  n: number;
  nEvent: number;
  linear: { coef: number; se: number; se2: number; chisq: number; p: number };
  nonlinear: { chisq: number; df: number; p: number };
  boundary: number[];
  nterm: number;
  curve?: { x: number[]; reference: number; basis: number[]; logHr: number[]; se: number[] };
  curve61?: { x: number[]; reference: number; logHr: number[]; se: number[] };
  predict?: { surv: number[]; stdErrSurv: number[] };
}

const names = listFixtures("pspline", 10);
const FIT = { rel: 1e-8, abs: 1e-12 };

describe("coxph with pspline() agrees with survival::coxph (coxpenal.fit)", () => {
  for (const name of names) {
    it(`${name}: basis, coefficients, var, var2, df, θ, log-likelihood and tests as R`, () => {
      const fx = loadFixture<Input, Expected>("pspline", name);
      const e = fx.expected;
      const table = tableFromFixture(fx.input.data);
      const mm = modelMatrix(table, fx.input.formula, { dropIntercept: true, penalized: true });
      expect(mm.columnNames).toEqual(e.columnNames);
      expect(Array.from(mm.rows, (r) => r + 1)).toEqual(e.rows);
      expectClose(mm.x, e.x, { rel: 1e-10, abs: 1e-13 }, `${name} basis`);

      const res = coxph(table, fx.input.formula, { ties: fx.input.ties, ...(fx.input.weights !== null ? { weights: fx.input.weights } : {}) });
      const fit = res.fit;
      const pen = fit.penalized;
      expect(pen).toBeDefined();
      if (pen === undefined) return;
      expect(fit.columnNames).toEqual(e.columnNames);
      expect(fit.n).toBe(e.n);
      expect(fit.nEvent).toBe(e.nEvent);
      expect([pen.outerIterations, pen.newtonIterations]).toEqual(e.iter);
      const t = pen.terms[0];
      expectClose(t.theta, e.theta, FIT, `${name} theta`);
      if (e.history !== null) {
        expectClose(t.search.map((s) => s.theta), e.history.thetas.slice(2), FIT, `${name} search theta`);
        expectClose(t.search.map((s) => s.df), e.history.dfs.slice(2), FIT, `${name} search df`);
      } else expect(t.search).toEqual([]);
      expectClose(fit.coef.map((c) => c ?? Number.NaN), e.coef, FIT, `${name} coef`);
      expectClose(fit.var.flat(), e.var, { rel: 1e-8, abs: 1e-14 }, `${name} var`);
      expectClose(pen.var2.flat(), e.var2, { rel: 1e-8, abs: 1e-14 }, `${name} var2`);
      expectClose(pen.df, e.df, FIT, `${name} df`);
      expectClose(fit.loglik, e.loglik, FIT, `${name} loglik`);
      expectClose(pen.penalty, e.penalty, FIT, `${name} penalty`);
      expectClose(fit.means, e.means, { rel: 1e-12, abs: 1e-15 }, `${name} means`);
      expectClose(fit.linearPredictors, e.linearPredictors, { rel: 1e-8, abs: 1e-10 }, `${name} linear predictors`);
      expectClose(fit.tests.wald.statistic, e.wald, FIT, `${name} wald`);
      expectClose(fit.concordance.value, e.concordance, { rel: 1e-12 }, `${name} concordance`);
      expectClose([t.linear.coef, t.linear.se, t.linear.se2, t.linear.chisq, t.linear.p], [e.linear.coef, e.linear.se, e.linear.se2, e.linear.chisq, e.linear.p], FIT, `${name} linear`);
      expectClose([t.nonlinear.chisq, t.nonlinear.df, t.nonlinear.p], [e.nonlinear.chisq, e.nonlinear.df, e.nonlinear.p], { rel: 1e-8, abs: 1e-10 }, `${name} nonlinear`);

      const basis = Object.values(mm.bases).find((b) => b.kind === "pspline");
      expect(basis?.boundary).toEqual(e.boundary);
      expect(basis?.pspline?.nterm).toBe(e.nterm);
      if (e.curve !== undefined && basis !== undefined) {
        const c = psplineHrCurve(fit, basis, t.columns, e.curve.x, e.curve.reference);
        const nb = t.columns.length;
        const newBasis = modelMatrix(tableFromFixture({ columns: [{ name: fx.input.formula.match(/pspline\((\w[\w.]*)/)?.[1] ?? "", kind: "numeric", values: e.curve.x }] }), `~ ${res.terms.find((r) => r.label.startsWith("pspline"))?.label ?? ""}`, { dropIntercept: true, bases: mm.bases });
        expect(newBasis.nCols).toBe(nb);
        expectClose(newBasis.x, e.curve.basis, { rel: 1e-10, abs: 1e-13 }, `${name} new basis`);
        expectClose(c.logHr, e.curve.logHr, { rel: 1e-8, abs: 1e-10 }, `${name} log HR`);
        expectClose(c.se, e.curve.se, { rel: 1e-8, abs: 1e-12 }, `${name} se log HR`);
      }
      if (e.predict !== undefined && fx.input.newdata !== undefined && fx.input.times !== undefined) {
        // survfit(fit, newdata): the new patients' basis with the training knots, coxSurvival on the penalised fit
        const { input } = coxInputFromFormula(table, fx.input.formula, {}, false, true);
        const rhs = fx.input.formula.slice(fx.input.formula.indexOf("~"));
        const nd = modelMatrix(tableFromFixture(fx.input.newdata), rhs, { dropIntercept: true, bases: mm.bases });
        const profiles = Array.from({ length: nd.nRows }, (_, i) => Array.from({ length: nd.nCols }, (_, j) => nd.x[j * nd.nRows + i]));
        const s = coxSurvival(input, fit, { profiles });
        const surv: number[] = [];
        const se: number[] = [];
        for (const c of s.curves) {
          for (const t of fx.input.times) {
            let k = -1;
            c.time.forEach((u, i) => {
              if (u <= t) k = i;
            });
            surv.push(c.surv[k]);
            se.push(c.surv[k] * c.stdErr[k]); // summary.survfit's std.err is that of S
          }
        }
        expectClose(surv, e.predict.surv, { rel: 1e-8 }, `${name} predicted survival`);
        expectClose(se, e.predict.stdErrSurv, { rel: 1e-8 }, `${name} predicted survival se`);
      }
      if (e.curve61 !== undefined) {
        const c = t.curve;
        expect(c).toBeDefined();
        expectClose(c?.x ?? [], e.curve61.x, { rel: 1e-14 }, `${name} curve grid`);
        expectClose(c?.reference ?? Number.NaN, e.curve61.reference, { rel: 1e-15 }, `${name} curve reference`);
        expectClose(c?.logHr ?? [], e.curve61.logHr, { rel: 1e-8, abs: 1e-10 }, `${name} curve log HR`);
        expectClose(c?.se ?? [], e.curve61.se, { rel: 1e-8, abs: 1e-12 }, `${name} curve se`);
      }
    });
  }
});
