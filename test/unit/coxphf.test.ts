/**
 * Unit tests of the Firth-penalised Cox fitter: a case solved by hand (coxphf's help-page example of
 * monotone likelihood), the analytic modified score U* and tr(A ∂I/∂β) against central differences of ℓ* and
 * tr(A I), agreement of the kernel's ℓ, U, I with the Cox engine, and the errors of the front door.
 */
import { describe, expect, it } from "vitest";
import { SurvinferError } from "../../src/errors.js";
import { coxFirth } from "../../src/survival/cox-firth.js";
import { firthEvaluate, makeFirthWorkspace } from "../../src/survival/cox-firth/kernel.js";
import { penalisedEvaluate } from "../../src/survival/cox-firth/penalised.js";
import { firthTraces } from "../../src/survival/cox-firth/traces.js";
import { coxEvaluate, makeWorkspace } from "../../src/survival/cox/efron.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { prepareCoxData } from "../../src/survival/cox/prepare.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
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

/** Small data with integer times (many ties), 3 covariates, optional entry times and strata. */
function smallData(seed: number, n: number, opts: { counting?: boolean; strata?: boolean } = {}): CoxInput {
  const u = rng(seed);
  const p = 3;
  const x = new Float64Array(n * p);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const entry = new Float64Array(n);
  const strata = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round((u() * 4 - 2) * 100) / 100;
    x[n + i] = u() < 0.5 ? 1 : 0;
    x[2 * n + i] = Math.round(u() * 50 + 30);
    entry[i] = Math.floor(u() * 3);
    time[i] = entry[i] + 1 + Math.floor(u() * 8);
    status[i] = i === 0 || u() < 0.7 ? 1 : 0;
    strata[i] = i % 2;
  }
  return {
    time,
    status,
    x,
    p,
    columnNames: ["a", "b", "c"],
    entry: opts.counting ? entry : undefined,
    strata: opts.strata ? strata : undefined,
  };
}

describe("coxFirth on a case solved by hand", () => {
  // coxphf's help-page example: times 1, 2, 3, all events, x = 1, 1, 0 (monotone likelihood: the
  // plain MLE is +∞). Risk sets {1,1,0}, {1,0}, {0}:
  //   ℓ(β) = 2β − log(2e^β + 1) − log(e^β + 1),
  //   I(β) = π₁(1 − π₁) + π₂(1 − π₂), π₁ = 2e^β / (2e^β + 1), π₂ = e^β / (e^β + 1),
  //   ℓ*(β) = ℓ(β) + ½ log I(β).
  const ell = (b: number) => 2 * b - Math.log(2 * Math.exp(b) + 1) - Math.log(Math.exp(b) + 1);
  const info = (b: number) => {
    const p1 = (2 * Math.exp(b)) / (2 * Math.exp(b) + 1);
    const p2 = Math.exp(b) / (Math.exp(b) + 1);
    return p1 * (1 - p1) + p2 * (1 - p2);
  };
  const pll = (b: number) => ell(b) + 0.5 * Math.log(info(b));
  // dπ/dβ = π(1 − π) for both, so the modified score is
  //   U*(β) = 2 − π₁ − π₂ + ½ I'(β)/I(β),  I'(β) = Σ π(1 − π)(1 − 2π);
  // its root (ℓ*'s maximiser) by bisection
  const ustar = (b: number) => {
    const p1 = (2 * Math.exp(b)) / (2 * Math.exp(b) + 1);
    const p2 = Math.exp(b) / (Math.exp(b) + 1);
    const dI = p1 * (1 - p1) * (1 - 2 * p1) + p2 * (1 - p2) * (1 - 2 * p2);
    return 2 - p1 - p2 + (0.5 * dI) / info(b);
  };
  let lo = -5;
  let hi = 10;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (ustar(mid) > 0) lo = mid;
    else hi = mid;
  }
  const bHand = (lo + hi) / 2;
  const input: CoxInput = {
    time: Float64Array.from([1, 2, 3]),
    status: Int32Array.from([1, 1, 1]),
    x: Float64Array.from([1, 1, 0]),
    p: 1,
    columnNames: ["x"],
  };

  it("finds the maximiser of the closed-form ℓ* where plain Cox diverges", () => {
    const plain = coxFit(input, { ties: "breslow" });
    expect(plain.warnings.length).toBeGreaterThan(0); // diverging (R: ran out of iterations / may be infinite)
    expect(Math.abs(plain.coef[0] as number)).toBeGreaterThan(5);
    // at gconv 1e-12 the last steps are in ℓ*'s flat top, where round-off makes step-halving shrink
    // each step (~1/32 of the way): how many iterations that takes depends on the last bits, hence maxIter
    const fit = coxFirth(input, { epsilon: 1e-12, gconv: 1e-12, maxIter: 200 });
    expect(fit.converged).toBe(true);
    expectClose(fit.coef[0], bHand, { rel: 1e-9 }, "coef");
    expectClose(fit.penalisedLoglik[1], pll(fit.coef[0]), { rel: 1e-13 }, "ℓ*(β̂)");
    expectClose(fit.penalisedLoglik[0], pll(0), { rel: 1e-13 }, "ℓ*(0)");
    expectClose(fit.loglik[1], ell(fit.coef[0]), { rel: 1e-13 }, "ℓ(β̂)");
    expectClose(fit.terms[0].se, 1 / Math.sqrt(info(fit.coef[0])), { rel: 1e-12 }, "se");
    expectClose(fit.tests.lr.statistic, 2 * (pll(fit.coef[0]) - pll(0)), { rel: 1e-10 }, "overall penalised LR");
  });

  it("puts the profile limits where ℓ* has fallen by χ²₁(0.95)/2 (one coefficient: the profile is ℓ* itself)", () => {
    const fit = coxFirth(input);
    const t = fit.terms[0];
    const drop = 3.841458820694124 / 2;
    const top = pll(fit.coef[0]);
    expect(t.coefLower).not.toBeNull();
    expect(t.coefUpper).not.toBeNull();
    expectClose(pll(t.coefLower as number), top - drop, { rel: 1e-9 }, "ℓ* at lower");
    expectClose(pll(t.coefUpper as number), top - drop, { rel: 1e-9 }, "ℓ* at upper");
    expect(t.coefLower as number).toBeLessThan(fit.coef[0]);
    expect(t.coefUpper as number).toBeGreaterThan(fit.coef[0]);
    expectClose(t.chisq, 2 * (top - pll(0)), { rel: 1e-9 }, "penalised LR chisq");
  });
});

describe("Firth kernel: analytic derivatives", () => {
  const cases: { name: string; input: CoxInput; efron: boolean }[] = [
    { name: "breslow", input: smallData(1, 25), efron: false },
    { name: "efron", input: smallData(2, 25), efron: true },
    { name: "breslow, strata", input: smallData(3, 30, { strata: true }), efron: false },
    { name: "efron, (start, stop]", input: smallData(4, 30, { counting: true }), efron: true },
  ];
  for (const { name, input, efron } of cases) {
    const prep = prepareCoxData(input, efron, true);
    const d = prep.data;
    const p = d.p;
    const ws = makeFirthWorkspace(p);
    const beta = [0.3, -0.4, 0.2];

    it(`${name}: ℓ, U and I equal the Cox engine's`, () => {
      const ev = firthEvaluate(d, beta, ws);
      const ref = coxEvaluate(d, beta, makeWorkspace(p));
      expectClose(ev.loglik, ref.loglik, { rel: 1e-12 }, "loglik");
      expectClose(ev.u, ref.u, { rel: 1e-10, abs: 1e-12 }, "score");
      for (let i = 0; i < p; i++) for (let j = i; j < p; j++) expectClose(ev.imat[i * p + j], ref.imat[i * p + j], { rel: 1e-10, abs: 1e-12 }, `I[${i},${j}]`);
    });

    it(`${name}: tr(A ∂I/∂β_r) equals a central difference of tr(A I) for any symmetric A`, () => {
      // A is not I⁻¹ here: the trace pass must be linear in A and exact for every symmetric A
      const amat = new Float64Array(p * p);
      const u = rng(17);
      for (let j = 0; j < p; j++) for (let k = j; k < p; k++) amat[j * p + k] = amat[k * p + j] = u() * 2 - 1;
      const tr = firthTraces(d, firthEvaluate(d, beta, ws), amat, ws);
      const h = 1e-5;
      const trAI = (b: number[]): number => {
        const im = firthEvaluate(d, b, ws).imat;
        let s = 0;
        for (let k = 0; k < p * p; k++) s += amat[k] * im[k];
        return s;
      };
      for (let l = 0; l < p; l++) {
        const bp = [...beta];
        const bm = [...beta];
        bp[l] += h;
        bm[l] -= h;
        // tolerance: 1e-6, a central difference (h = 1e-5) of tr(A·I(β))
        expectClose(tr[l], (trAI(bp) - trAI(bm)) / (2 * h), { rel: 1e-6, abs: 1e-7 }, `tr(A dI/dβ${l})`);
      }
    });

    it(`${name}: the modified score U* equals a central difference of ℓ* = ℓ + ½ log|I|`, () => {
      const at = penalisedEvaluate(d, beta, ws);
      const h = 1e-5;
      for (let r = 0; r < p; r++) {
        const bp = [...beta];
        const bm = [...beta];
        bp[r] += h;
        bm[r] -= h;
        const num = (penalisedEvaluate(d, bp, ws).pll - penalisedEvaluate(d, bm, ws).pll) / (2 * h);
        // tolerance: 1e-6, a central difference (h = 1e-5) of ℓ*
        expectClose(at.ustar[r], num, { rel: 1e-6, abs: 1e-7 }, `U*[${r}]`);
      }
    });
  }
});

describe("coxFirth at its estimate", () => {
  it("the penalised score is ≈ 0 (within coxphf's gconv by default, ~0 with a tight epsilon)", () => {
    const input = smallData(11, 40);
    const fit = coxFirth(input, { pl: false });
    expect(fit.converged).toBe(true);
    for (const s of fit.score) expect(Math.abs(s)).toBeLessThan(1e-3);
    const tight = coxFirth(input, { pl: false, epsilon: 1e-12, gconv: 1e-12 });
    for (const s of tight.score) expect(Math.abs(s)).toBeLessThan(1e-9);
  });

  it("stays finite where the plain partial likelihood is monotone (no events in one group)", () => {
    const n = 24;
    const x = new Float64Array(n);
    const time = new Float64Array(n);
    const status = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i < 8 ? 1 : 0;
      time[i] = 1 + ((i * 7) % 13);
      status[i] = i < 8 ? 0 : i % 3 === 0 ? 0 : 1;
    }
    const input: CoxInput = { time, status, x, p: 1, columnNames: ["treated"] };
    expect(coxFit(input, { ties: "breslow" }).warnings.join(" ")).toMatch(/may be infinite/);
    const fit = coxFirth(input);
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coef[0])).toBe(true);
    expect(fit.terms[0].hr).toBeLessThan(1);
    expect(fit.terms[0].upper).not.toBeNull();
    expect(fit.terms[0].upper as number).toBeLessThan(1);
  });

  it("reports progress: the estimate, then each profile limit and penalised LR test, in order", () => {
    const calls: [number, number][] = [];
    const fit = coxFirth(smallData(7, 30), { onProgress: (done, total) => calls.push([done, total]) });
    expect(fit.terms).toHaveLength(3);
    expect(calls).toEqual(Array.from({ length: 10 }, (_, k) => [k + 1, 10]));
    const wald: [number, number][] = [];
    coxFirth(smallData(7, 30), { pl: false, onProgress: (done, total) => wald.push([done, total]) });
    expect(wald).toEqual([[1, 1]]);
    expect(Object.keys(fit.options)).not.toContain("onProgress");
  });

  it("echoes coxphf's defaults in options", () => {
    const fit = coxFirth(smallData(5, 20), { pl: false });
    expect(fit.options).toMatchObject({ ties: "breslow", maxIter: 50, maxHalving: 5, maxStep: 0.5, epsilon: 1e-6, gconv: 1e-4, pl: false, confLevel: 0.95 });
  });
});

describe("coxFirth refuses what it does not support", () => {
  const base = smallData(6, 20);
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof SurvinferError) return e.code;
      throw e;
    }
    return "no error";
  };
  it("case weights and clusters are an OPTION_CONFLICT (coxphf has neither)", () => {
    expect(code(() => coxFirth({ ...base, weights: new Float64Array(20).fill(2) }))).toBe("OPTION_CONFLICT");
    expect(code(() => coxFirth({ ...base, cluster: new Int32Array(20) }))).toBe("OPTION_CONFLICT");
  });
  it("bad options are OPTION_INVALID", () => {
    // @ts-expect-error: not a tie method
    expect(code(() => coxFirth(base, { ties: "exact" }))).toBe("OPTION_INVALID");
    expect(code(() => coxFirth(base, { maxStep: 0 }))).toBe("OPTION_INVALID");
    expect(code(() => coxFirth(base, { confLevel: 1 }))).toBe("OPTION_INVALID");
    // @ts-expect-error: not a function
    expect(code(() => coxFirth(base, { onProgress: "yes" }))).toBe("OPTION_INVALID");
  });
  it("a constant covariate is DATA_COLLINEAR, no events is COX_NO_EVENTS, a missing covariate is DATA_INVALID", () => {
    const x = Float64Array.from(base.x);
    for (let i = 0; i < 20; i++) x[20 + i] = 1;
    expect(code(() => coxFirth({ ...base, x }))).toBe("DATA_COLLINEAR");
    expect(code(() => coxFirth({ ...base, status: new Int32Array(20) }))).toBe("COX_NO_EVENTS");
    const xm = Float64Array.from(base.x);
    xm[3] = Number.NaN;
    expect(code(() => coxFirth({ ...base, x: xm }))).toBe("DATA_INVALID");
  });
});
