/**
 * Properties of Firth-penalised Cox regression on simulated data (seeded, deterministic): without
 * separation it approaches plain (Breslow) Cox as n grows — the penalty's effect on β̂ is O(1/n) —
 * and the estimate does not depend on row order and is equivariant to rescaling a covariate
 * (½ log|I| changes by a constant).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coxFirth } from "../../src/survival/cox-firth.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

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

/** Exponential times with hazard exp(0.5·x1 − 0.7·x2), x1 ~ N(0,1), x2 ~ Bernoulli(0.4), uniform censoring; times rounded (ties). */
function simulate(seed: number, n: number): CoxInput {
  const u = rng(seed);
  const x = new Float64Array(2 * n);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    const b = u() < 0.4 ? 1 : 0;
    x[i] = z;
    x[n + i] = b;
    const t = -Math.log(1 - u()) / Math.exp(0.5 * z - 0.7 * b);
    const c = 3 * u();
    time[i] = Math.ceil(Math.min(t, c) * 50) / 50;
    status[i] = t <= c ? 1 : 0;
  }
  return { time, status, x, p: 2, columnNames: ["x1", "x2"] };
}

function gap(input: CoxInput): number {
  const firth = coxFirth(input, { pl: false, epsilon: 1e-10, gconv: 1e-8 });
  const plain = coxFit(input, { ties: "breslow" });
  return Math.max(...firth.coef.map((b, j) => Math.abs(b - (plain.coef[j] as number))));
}

describe("coxFirth without separation", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`approaches plain Breslow Cox as n grows (seed ${seed}): |Δβ| small and shrinking like 1/n`, () => {
      const d100 = gap(simulate(seed, 100));
      const d400 = gap(simulate(seed, 400));
      const d1600 = gap(simulate(seed, 1600));
      expect(d100).toBeLessThan(0.1);
      expect(d1600).toBeLessThan(0.01);
      expect(d1600).toBeLessThan(d100 / 4);
      expect(d1600).toBeLessThan(d400);
    });
  }

  it("does not depend on row order", () => {
    assertProperty(
      property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (seed, permSeed) => {
        const input = simulate(seed, 40);
        const n = 40;
        const u = rng(permSeed);
        const perm = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(u() * (i + 1));
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const x = new Float64Array(2 * n);
        for (let i = 0; i < n; i++) {
          x[i] = input.x[perm[i]];
          x[n + i] = input.x[n + perm[i]];
        }
        const permuted: CoxInput = { ...input, x, time: Float64Array.from(perm, (k) => input.time[k]), status: Int32Array.from(perm, (k) => input.status[k]) };
        const a = coxFirth(input, { pl: false, epsilon: 1e-12, gconv: 1e-10 });
        const b = coxFirth(permuted, { pl: false, epsilon: 1e-12, gconv: 1e-10 });
        expectClose(b.coef, a.coef, { rel: 1e-9, abs: 1e-12 }, "coef");
        expectClose(b.penalisedLoglik, a.penalisedLoglik, { rel: 1e-12 }, "ℓ*");
      }),
      { numRuns: 15, seed: 42 },
    );
  });

  it("rescaling a covariate by c rescales its coefficient by 1/c (and its profile limits)", () => {
    assertProperty(
      property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.05, max: 20, noNaN: true }), (seed, c) => {
        const input = simulate(seed, 30);
        const x = Float64Array.from(input.x);
        for (let i = 0; i < 30; i++) x[i] *= c;
        const a = coxFirth(input, { epsilon: 1e-12, gconv: 1e-10 });
        const b = coxFirth({ ...input, x }, { epsilon: 1e-12, gconv: 1e-10 });
        expectClose(b.coef[0] * c, a.coef[0], { rel: 1e-8, abs: 1e-10 }, "coef");
        expectClose(b.coef[1], a.coef[1], { rel: 1e-8, abs: 1e-10 }, "other coef");
        // tolerance: 1e-7, the profile limits are roots found to uniroot's tolerance on each side
        expectClose((b.terms[0].coefLower as number) * c, a.terms[0].coefLower as number, { rel: 1e-7, abs: 1e-9 }, "lower");
        // tolerance: 1e-7, the profile limits are roots found to uniroot's tolerance on each side
        expectClose((b.terms[0].coefUpper as number) * c, a.terms[0].coefUpper as number, { rel: 1e-7, abs: 1e-9 }, "upper");
        // tolerance: 1e-7, the penalised LR statistic is evaluated at the two fits' estimates
        expectClose(b.terms[0].chisq, a.terms[0].chisq, { rel: 1e-7, abs: 1e-9 }, "penalised LR");
      }),
      { numRuns: 10, seed: 7 },
    );
  });
});
