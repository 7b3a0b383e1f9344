/**
 * Hostile data for the O(n p²) Firth kernel, whose trace pass works with raw (uncentred) risk-set sums
 * and with differences of running sums (cox-firth/traces.ts): a covariate that drifts with time, so
 * late risk sets sit far from the global mean; a huge offset on it; monotone likelihood in a second
 * covariate; many tied times with Efron. Nothing may come back silently wrong: the modified score must
 * still equal the derivative of ℓ* and the fit must be invariant to the shift, as the model is.
 */
import { describe, expect, it } from "vitest";
import { coxFirth } from "../../src/survival/cox-firth.js";
import { makeFirthWorkspace } from "../../src/survival/cox-firth/kernel.js";
import { penalisedEvaluate } from "../../src/survival/cox-firth/penalised.js";
import { prepareCoxData } from "../../src/survival/cox/prepare.js";
import type { CoxInput, CoxTies } from "../../src/survival/cox/types.js";
import { expectClose } from "../helpers/expect-close.js";

/** Deterministic uniform(0,1) stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** x1 = 1000·time + noise + shift (drifts with time), x2 binary with no events (monotone), x3 noise. */
function drifting(n: number, shift: number, seed: number): CoxInput {
  const u = rng(seed);
  const x = new Float64Array(n * 3);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = 1 + Math.floor(u() * 25);
    const x2 = u() < 0.15 ? 1 : 0;
    x[i] = shift + 1000 * time[i] + Math.round(u() * 4000);
    x[n + i] = x2;
    x[2 * n + i] = Math.round((u() * 2 - 1) * 100) / 100;
    status[i] = x2 === 0 && u() < 0.75 ? 1 : 0;
  }
  return { time, status, x, p: 3, columnNames: ["drift", "separated", "noise"] };
}

describe("Firth kernel on a covariate that drifts with time (far from the mean in late risk sets)", () => {
  for (const ties of ["breslow", "efron"] as CoxTies[]) {
    it(`${ties}: U* equals the central difference of ℓ* at and away from the estimate`, () => {
      const input = drifting(150, 0, 3);
      const fit = coxFirth(input, { ties, pl: false });
      expect(fit.converged).toBe(true);
      const prep = prepareCoxData(input, ties === "efron", true);
      const ws = makeFirthWorkspace(3);
      const internal = fit.coef.map((b, j) => b / prep.scale[j]);
      for (const beta of [internal, internal.map((b, j) => b + 0.2 * (j - 1))]) {
        const at = penalisedEvaluate(prep.data, beta, ws);
        const h = 1e-5;
        for (let r = 0; r < 3; r++) {
          const bp = [...beta];
          const bm = [...beta];
          bp[r] += h;
          bm[r] -= h;
          const num = (penalisedEvaluate(prep.data, bp, ws).pll - penalisedEvaluate(prep.data, bm, ws).pll) / (2 * h);
          // tolerance: 1e-6, a central difference with h = 1e-5 of a log-likelihood of size ~1e2 carries a rounding error ~1e-9 and a truncation error ~h²
          expectClose(at.ustar[r], num, { rel: 1e-6, abs: 1e-6 }, `${ties} U*[${r}]`);
        }
      }
    });

    it(`${ties}: shifting the drifting covariate by 1e7 changes nothing but its mean`, () => {
      const a = coxFirth(drifting(150, 0, 3), { ties });
      const b = coxFirth(drifting(150, 1e7, 3), { ties });
      expect(a.converged && b.converged).toBe(true);
      expect(a.warnings).toEqual(b.warnings);
      // tolerance: both sides stop by coxphf's rule (|Δβ·sd| ≤ 1e-6), so agreement is to that accuracy, not to round-off
      expectClose(b.coef, a.coef, { rel: 1e-6, abs: 1e-9 }, "coef");
      // tolerance: 1e-6, as the coefficients above (coxphf's convergence rule)
      expectClose(b.terms.map((t) => t.se), a.terms.map((t) => t.se), { rel: 1e-6 }, "se");
      // tolerance: 1e-6, as the coefficients above (coxphf's convergence rule)
      expectClose(b.terms.map((t) => t.coefLower), a.terms.map((t) => t.coefLower), { rel: 1e-6, abs: 1e-9 }, "lower");
      // tolerance: 1e-6, as the coefficients above (coxphf's convergence rule)
      expectClose(b.terms.map((t) => t.coefUpper), a.terms.map((t) => t.coefUpper), { rel: 1e-6, abs: 1e-9 }, "upper");
      // tolerance: 1e-6, as the coefficients above (coxphf's convergence rule)
      expectClose(b.terms.map((t) => t.chisq), a.terms.map((t) => t.chisq), { rel: 1e-6, abs: 1e-9 }, "penalised LR");
      expect(b.terms[1].hr).toBeLessThan(1);
      expect(Number.isFinite(b.terms[1].coef)).toBe(true);
    });
  }
});
