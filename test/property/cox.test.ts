/**
 * Self-consistency of the Cox fitter on random data (fast-check, fixed seeds): the score is zero at
 * the fitted β, the analytic score and information equal central differences of the log-likelihood,
 * results do not depend on row order, and doubling every case weight leaves β unchanged and halves
 * the model-based variance.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coxEvaluate, makeWorkspace } from "../../src/survival/cox/efron.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { prepareCoxData } from "../../src/survival/cox/prepare.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

const P = 2;
const rowArb = fc.record({
  time: fc.integer({ min: 1, max: 12 }),
  entry: fc.integer({ min: 0, max: 5 }),
  status: fc.integer({ min: 0, max: 1 }),
  // a grid of 401 values, not fc.double (which favours ±2 and 0 and so gives monotone likelihoods)
  x1: fc.integer({ min: -200, max: 200 }).map((v) => v / 100),
  x2: fc.integer({ min: 0, max: 1 }),
  w: fc.integer({ min: 1, max: 3 }),
  s: fc.integer({ min: 0, max: 1 }),
});
type Row = { time: number; entry: number; status: number; x1: number; x2: number; w: number; s: number };

function toInput(rows: Row[], opts: { counting: boolean; weights: boolean; strata: boolean }): CoxInput {
  const n = rows.length;
  const x = new Float64Array(n * P);
  rows.forEach((r, i) => {
    x[i] = r.x1;
    x[n + i] = r.x2;
  });
  return {
    time: Float64Array.from(rows, (r) => (opts.counting ? r.entry + r.time : r.time)),
    entry: opts.counting ? Float64Array.from(rows, (r) => r.entry) : undefined,
    status: Int32Array.from(rows, (r, i) => (i === 0 ? 1 : r.status)),
    x,
    p: P,
    columnNames: ["x1", "x2"],
    weights: opts.weights ? Float64Array.from(rows, (r) => r.w) : undefined,
    strata: opts.strata ? Int32Array.from(rows, (r) => r.s) : undefined,
  };
}

const dataArb = fc.record({
  rows: fc.array(rowArb, { minLength: 15, maxLength: 40 }),
  counting: fc.boolean(),
  weights: fc.boolean(),
  strata: fc.boolean(),
  efron: fc.boolean(),
  beta: fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
});

describe("Cox kernel and fit properties", () => {
  it("analytic score and information equal central differences of the log-likelihood", () => {
    assertProperty(
      property(dataArb, (d) => {
        const prep = prepareCoxData(toInput(d.rows, d), d.efron, true);
        const ws = makeWorkspace(P);
        const at = (b: number[]) => {
          const e = coxEvaluate(prep.data, b, ws);
          return { loglik: e.loglik, u: Array.from(e.u), imat: Array.from(e.imat) };
        };
        const b0 = [...d.beta];
        const e0 = at(b0);
        const h = 1e-5;
        for (let j = 0; j < P; j++) {
          const bp = [...b0];
          const bm = [...b0];
          bp[j] += h;
          bm[j] -= h;
          const ep = at(bp);
          const em = at(bm);
          // tolerance: 1e-5, a central difference with h = 1e-5: truncation error ~h²·ℓ''' and rounding ~ε·|ℓ|/h
          expectClose(e0.u[j], (ep.loglik - em.loglik) / (2 * h), { rel: 1e-5, abs: 1e-6 }, `score ${j}`);
          for (let k = j; k < P; k++) {
            // information = −∂U/∂β (upper triangle stored at [min, max]); tolerance: 1e-5, a central difference as for the score
            expectClose(e0.imat[j * P + k], -(ep.u[k] - em.u[k]) / (2 * h), { rel: 1e-5, abs: 1e-6 }, `info ${j},${k}`);
          }
        }
      }),
      { seed: 20240601, numRuns: 60 },
    );
  });

  it("the score test at the fitted coefficients is zero", () => {
    assertProperty(
      property(dataArb, (d) => {
        const input = toInput(d.rows, d);
        const fit = coxFit(input, { ties: d.efron ? "efron" : "breslow" });
        // a finite maximum exists (no monotone likelihood, no aliased column): else the property does not apply
        fc.pre(fit.converged && fit.warnings.length === 0 && fit.coef.every((b) => b !== null));
        const again = coxFit(input, { ties: d.efron ? "efron" : "breslow", iterMax: 0, init: fit.coef as number[] });
        expect(again.tests.score.statistic).toBeLessThan(1e-8);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("permuting the rows leaves the fit unchanged", () => {
    assertProperty(
      property(dataArb, fc.integer({ min: 1, max: 1000 }), (d, shift) => {
        const input = toInput(d.rows, d);
        const n = d.rows.length;
        const perm = Array.from({ length: n }, (_, i) => (i * 7 + shift) % n);
        fc.pre(new Set(perm).size === n); // 7 and n coprime
        const rows2 = perm.map((i) => d.rows[i]);
        // keep the forced event of row 0 with the same row
        rows2.forEach((r, k) => {
          if (perm[k] === 0) rows2[k] = { ...r, status: 1 };
        });
        const a = coxFit(input, { ties: d.efron ? "efron" : "breslow" });
        const input2 = toInput(rows2, d);
        (input2.status as Int32Array)[0] = rows2[0].status;
        const b = coxFit(input2, { ties: d.efron ? "efron" : "breslow" });
        fc.pre(a.warnings.length === 0);
        expectClose(b.loglik, a.loglik, { rel: 1e-9, abs: 1e-12 }, "loglik");
        // tolerance: 1e-6, both fits stop at eps = 1e-9 on the relative change of ℓ, which fixes β only to ~√eps
        expectClose(b.coef, a.coef, { rel: 1e-6, abs: 1e-9 }, "coef");
        expectClose(b.concordance.value, a.concordance.value, { rel: 1e-12 }, "concordance");
        expectClose(b.concordance.se, a.concordance.se, { rel: 1e-9 }, "concordance se");
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it("doubling every case weight leaves beta unchanged and halves the variance", () => {
    assertProperty(
      property(dataArb, (d) => {
        const input = toInput(d.rows, { ...d, weights: true });
        const w2 = Float64Array.from(input.weights as Float64Array, (w) => 2 * w);
        const a = coxFit(input, { ties: d.efron ? "efron" : "breslow", robust: false });
        const b = coxFit({ ...input, weights: w2 }, { ties: d.efron ? "efron" : "breslow", robust: false });
        fc.pre(a.warnings.length === 0 && a.converged);
        // tolerance: 1e-6, both fits stop at eps = 1e-9 on the relative change of ℓ, which fixes β only to ~√eps
        expectClose(b.coef, a.coef, { rel: 1e-6, abs: 1e-9 }, "coef");
        // tolerance: 1e-5, the variances are evaluated at the two β above (each ~√eps from the optimum)
        expectClose(b.var.flat(), a.var.flat().map((v) => v / 2), { rel: 1e-5, abs: 1e-12 }, "var");
        // tolerance: ℓ itself shifts by −Σ_deaths w·log 2; the likelihood-ratio statistic doubles
        expectClose(b.tests.lr.statistic, 2 * a.tests.lr.statistic, { rel: 1e-6, abs: 1e-9 }, "lr");
      }),
      { seed: 3, numRuns: 60 },
    );
  });
});
