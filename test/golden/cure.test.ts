/**
 * Golden tests of the mixture cure models against tools/oracle/cure.R (fixtures test/fixtures/r/cure/*.json):
 * the Weibull mixture cure likelihood maximised in base R with optim (BFGS, reltol 1e-14) + Newton steps,
 * and a reference EM written from the smcure paper with survival::coxph and glm.
 */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { weibullCure } from "../../src/survival/cure/weibull.js";
import { semiparametricCure } from "../../src/survival/cure/semiparametric.js";
import type { CureInput } from "../../src/survival/cure/design.js";

interface CureFixtureInput {
  time: number[];
  status: number[];
  z: number[][];
  zNames: string[];
  x: number[][];
  xNames: string[];
}
interface CureFixtureExpected {
  weibull: { theta: number[]; loglik: number; se: number[]; cureFractionMeanProfile: number };
  em: null | { b0: number[]; beta0: number[]; b: number[]; beta: number[]; s: number[]; tau: number; iterations: number; w: number[] };
}

function toInput(inp: CureFixtureInput): CureInput {
  const n = inp.time.length;
  // fixture z includes the intercept column first
  const zCols = inp.z.slice(1);
  const z = new Float64Array(n * zCols.length);
  zCols.forEach((c, j) => z.set(c, j * n));
  const x = new Float64Array(n * inp.x.length);
  inp.x.forEach((c, j) => x.set(c, j * n));
  return { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), z, zNames: inp.zNames.slice(1), x, xNames: inp.xNames };
}

describe.each(listFixtures("cure", 4))("cure fixture %s", (name) => {
  const fx = loadFixture<CureFixtureInput, CureFixtureExpected>("cure", name);
  const input = toInput(fx.input);

  // The issue asks for 1e-5 on the estimates; both sides reach the optimum to machine precision
  // (observed agreement ~1e-13), so 1e-8 is used. SEs: both from a central-difference Hessian (observed ~1e-11).
  it("weibullCure maximises the same likelihood as R's optim: estimates to 1e-8, log-likelihood to 1e-10", () => {
    const fit = weibullCure(input);
    expect(fit.convergence.converged).toBe(true);
    expectClose(fit.theta, fx.expected.weibull.theta, { rel: 1e-10, abs: 1e-10 }, "theta");
    expectClose(fit.loglik, fx.expected.weibull.loglik, { rel: 1e-10 }, "loglik");
    // both SEs come from a central-difference Hessian of the analytic gradient (h = 1e-5·max(1,|θ|))
    expectClose(fit.vcov.map((r, j) => Math.sqrt(r[j])), fx.expected.weibull.se, { rel: 1e-8 }, "se");
    expectClose(fit.cureFraction.meanProfile.estimate, fx.expected.weibull.cureFractionMeanProfile, { rel: 1e-10 }, "cure fraction at the mean profile");
  });

  // The issue asks for 1e-5; the EM paths coincide step for step (observed ~1e-15), so 1e-8 is used.
  // fixtures without an EM reference (an intercept-only parametric case) define no EM test: CI fails on skipped tests
  if (fx.expected.em !== null) {
    it("semiparametricCure follows smcure's EM: same starting values, same number of iterations, coefficients to 1e-8", () => {
      const fit = semiparametricCure(input, { bootstrap: 0 });
      if (fx.expected.em === null) throw new Error("unreachable: guarded above"); // narrows the type
      expectClose(fit.start.incidence, fx.expected.em.b0, { rel: 1e-10 }, "glm start");
      expectClose(fit.start.latency, fx.expected.em.beta0, { rel: 1e-10 }, "coxph start");
      expect(fit.convergence.iterations).toBe(fx.expected.em.iterations);
      expectClose(fit.incidence.map((c) => c.estimate), fx.expected.em.b, { rel: 1e-10, abs: 1e-10 }, "incidence b");
      expectClose(fit.latency.map((c) => c.estimate), fx.expected.em.beta, { rel: 1e-10, abs: 1e-10 }, "latency beta");
      expectClose(fit.baselineSurvivalPerPatient, fx.expected.em.s, { rel: 1e-10, abs: 1e-10 }, "baseline survival per patient");
      expectClose(fit.weights, fx.expected.em.w, { rel: 1e-10, abs: 1e-10 }, "E-step weights");
      expectClose(fit.convergence.tau, fx.expected.em.tau, { rel: 1e-8 }, "final EM change");
    });
  }
});
