/**
 * The mixture cure model with a generalised gamma latency (Prentice's parameterisation, as flexsurv's
 * gengamma: Q = 1 Weibull, Q → 0 log-normal) maximises the likelihood that tools/oracle/cure-gengamma.R
 * states in base R (dgengamma/pgengamma written out), on the inputs of the cure fixtures, and joins the AIC
 * comparison of the latencies.
 */
import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { parametricCure, parametricCureLogLik } from "../../src/survival/cure/parametric.js";
import { compareLatencies } from "../../src/survival/cure/compare.js";
import { generalisedGamma, LATENCY_FAMILIES } from "../../src/survival/cure/latency.js";
import type { CureInput } from "../../src/survival/cure/design.js";

interface In { time: number[]; status: number[]; z: number[][]; zNames: string[]; x: number[][]; xNames: string[] }
interface Fit { theta: number[]; loglik: number; se: number[]; aic: number; cureFractionMeanProfile: number }

function toInput(inp: In): CureInput {
  const n = inp.time.length;
  const zCols = inp.z.slice(1);
  const z = new Float64Array(n * zCols.length);
  zCols.forEach((c, j) => z.set(c, j * n));
  const x = new Float64Array(n * inp.x.length);
  inp.x.forEach((c, j) => x.set(c, j * n));
  return { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), z, zNames: inp.zNames.slice(1), x, xNames: inp.xNames };
}

describe.each(listFixtures("cure-gengamma", 4))("generalised gamma cure, fixture %s", (name) => {
  const expected = loadFixture<{ cureFixture: string }, Fit>("cure-gengamma", name).expected;
  const input = toInput(loadFixture<In, Record<string, Fit>>("cure", name).input);
  const fit = parametricCure(input, { distribution: "gengamma" });

  it("estimates (with Q) to 1e-6, log-likelihood and AIC to 1e-9, SEs to 1e-3", () => {
    expect(fit.convergence.converged).toBe(true);
    expect(fit.parameterNames[fit.parameterNames.length - 1]).toBe("Q");
    expect(fit.nParameters).toBe(expected.theta.length);
    // tolerance: 1e-6, ∂ℓ/∂Q is a central difference of ℓ in both implementations (observed ~1e-9)
    expectClose(fit.theta, expected.theta, { rel: 1e-6, abs: 1e-6 }, "theta");
    // tolerance: 1e-9, the maximised log-likelihood is flat in θ: errors in θ of 1e-9 move it by ~1e-18
    expectClose(fit.loglik, expected.loglik, { rel: 1e-9 }, "loglik");
    // tolerance: 1e-9, as the log-likelihood
    expectClose(fit.aic, expected.aic, { rel: 1e-9 }, "AIC");
    // tolerance: 1e-3, SEs from a Hessian whose Q entries are differences of a numerical ∂ℓ/∂Q and second differences of ℓ (observed 6e-5)
    expectClose(fit.vcov.map((r, j) => Math.sqrt(r[j])), expected.se, { rel: 1e-3 }, "se");
    expectClose(fit.q!.estimate, expected.theta[expected.theta.length - 1], { rel: 1e-6, abs: 1e-6 }, "Q"); // tolerance: 1e-6, as theta
    // tolerance: 1e-6, a function of the incidence estimates
    expectClose(fit.cureFraction.meanProfile.estimate, expected.cureFractionMeanProfile, { rel: 1e-6 }, "cure fraction");
  });

  it("nests the Weibull and the log-normal: its log-likelihood is at least theirs", () => {
    const wb = parametricCure(input, { distribution: "weibull" });
    const ln = parametricCure(input, { distribution: "lognormal" });
    expect(fit.loglik).toBeGreaterThanOrEqual(Math.max(wb.loglik, ln.loglik) - 1e-9);
  });
});

describe("generalised gamma latency", () => {
  it("at Q = 1 is the Weibull, and tends to the log-normal as Q → 0 (through the interpolated band |Q| < 1e-3)", () => {
    const wb = LATENCY_FAMILIES.weibull;
    const ln = LATENCY_FAMILIES.lognormal;
    for (const w of [-2, -0.3, 0.4, 1.5]) {
      expectClose(generalisedGamma(1).logDens(w), wb.logDens(w), { rel: 1e-13, abs: 1e-13 }, `Q = 1 density at ${w}`);
      expectClose(generalisedGamma(1).logSurv(w), wb.logSurv(w), { rel: 1e-12, abs: 1e-13 }, `Q = 1 survival at ${w}`);
      expectClose(generalisedGamma(0).logDens(w), ln.logDens(w), { rel: 1e-15, abs: 1e-15 }, `Q = 0 density at ${w}`);
      expectClose(generalisedGamma(0).logSurv(w), ln.logSurv(w), { rel: 1e-15, abs: 1e-15 }, `Q = 0 survival at ${w}`);
      for (const q of [-0.002, -0.0005, 0.0005, 0.002]) {
        // tolerance: the log-normal limit is approached at rate O(Q): |Δ| ≤ 2|Q|(1 + |w|³)
        expect(Math.abs(generalisedGamma(q).logDens(w) - ln.logDens(w))).toBeLessThan(2 * Math.abs(q) * (1 + Math.abs(w) ** 3));
      }
      // continuous across the edge of the interpolated band
      // tolerance: 1e-9, the quadratic interpolation's error at |Q| = 1e-3 is O(δ³)
      expectClose(generalisedGamma(0.001 - 1e-12).logSurv(w), generalisedGamma(0.001 + 1e-12).logSurv(w), { rel: 1e-9, abs: 1e-9 }, `continuity at ${w}`);
    }
  });
  it("−dS₀/dw = g₀ for Q < 0, 0 < Q < 1 and Q > 1", () => {
    for (const q of [-0.7, 0.3, 1.6]) {
      const f = generalisedGamma(q);
      for (const w of [-1.5, 0, 0.8]) {
        const h = 1e-5;
        const dS = (Math.exp(f.logSurv(w + h)) - Math.exp(f.logSurv(w - h))) / (2 * h);
        // tolerance: 1e-8, central difference with h = 1e-5 of an incidence-gamma value accurate to ~1e-15
        expectClose(-dS, Math.exp(f.logDens(w)), { rel: 1e-8 }, `Q = ${q} density at ${w}`);
      }
    }
  });
  it("the gradient (analytic, and ∂ℓ/∂Q by differences) equals central differences of ℓ", () => {
    const input = toInput(loadFixture<In, Record<string, Fit>>("cure", "sim-ties-n150").input);
    const theta = [0.1, 0.5, 0.3, -0.2, -2.2, 0.15, 0.6];
    const g = parametricCureLogLik(input, theta, "gengamma").gradient;
    theta.forEach((_, j) => {
      const h = 1e-6;
      const up = [...theta];
      const dn = [...theta];
      up[j] += h;
      dn[j] -= h;
      const num = (parametricCureLogLik(input, up, "gengamma").loglik - parametricCureLogLik(input, dn, "gengamma").loglik) / (2 * h);
      // tolerance: 1e-6, central differences of a sum over 150 patients
      expectClose(g[j], num, { rel: 1e-6, abs: 1e-6 }, `gradient ${j}`);
    });
  });
  it("joins the AIC comparison with its extra parameter counted", () => {
    const input = toInput(loadFixture<In, Record<string, Fit>>("cure", "sim-n300").input);
    const cmp = compareLatencies(input);
    const gg = cmp.rows.find((r) => r.distribution === "gengamma")!;
    const wb = cmp.rows.find((r) => r.distribution === "weibull")!;
    expect(gg.label).toBe("generalised gamma");
    expect(gg.nParameters).toBe(wb.nParameters + 1);
    expect(cmp.chosen).toBe("weibull"); // the simulated latency is Weibull: Q̂ = 1.35 does not pay for its parameter
    expectClose(gg.aic, loadFixture<{ cureFixture: string }, Fit>("cure-gengamma", "sim-n300").expected.aic, { rel: 1e-9 }, "AIC"); // tolerance: 1e-9, as above
  });
});
