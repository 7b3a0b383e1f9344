/**
 * Hand-computed Cox partial likelihoods (survival's tests/book1.R pattern): six rows, unsorted,
 * tied deaths at t = 6 and a death tied with a censoring at t = 1. With r = exp(β):
 *   rows (time, status, x): (9,1,0) (1,1,1) (1,0,1) (6,1,1) (6,1,0) (8,0,0)
 *   t=1: risk set all six, S0 = 3r + 3, one death with x = 1
 *   t=6: risk set {6,6,8,9}, S0 = r + 3, deaths x = 1 and x = 0 (death weight sum r + 1)
 *   t=9: risk set {9}, one death with x = 0 (contributes 0)
 * Breslow: ℓ = 2β − log(3r+3) − 2 log(r+3);  U = 2 − r/(r+1) − 2r/(r+3);  I = r/(r+1)² + 6r/(r+3)²
 * Efron:   ℓ = 2β − log(3r+3) − log(r+3) − log((r+5)/2);
 *          U = 2 − r/(r+1) − r/(r+3) − r/(r+5);  I = r/(r+1)² + 3r/(r+3)² + 5r/(r+5)²
 */
import { describe, expect, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { isSurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";

const tiny: CoxInput = {
  time: Float64Array.from([9, 1, 1, 6, 6, 8]),
  status: Int32Array.from([1, 1, 0, 1, 1, 0]),
  x: Float64Array.from([0, 1, 1, 1, 0, 0]),
  p: 1,
  columnNames: ["x"],
};

const breslow = {
  loglik: (b: number) => {
    const r = Math.exp(b);
    return 2 * b - Math.log(3 * r + 3) - 2 * Math.log(r + 3);
  },
  score: (b: number) => {
    const r = Math.exp(b);
    return 2 - r / (r + 1) - (2 * r) / (r + 3);
  },
  info: (b: number) => {
    const r = Math.exp(b);
    return r / (r + 1) ** 2 + (6 * r) / (r + 3) ** 2;
  },
};
const efron = {
  loglik: (b: number) => {
    const r = Math.exp(b);
    return 2 * b - Math.log(3 * r + 3) - Math.log(r + 3) - Math.log((r + 5) / 2);
  },
  score: (b: number) => {
    const r = Math.exp(b);
    return 2 - r / (r + 1) - r / (r + 3) - r / (r + 5);
  },
  info: (b: number) => {
    const r = Math.exp(b);
    return r / (r + 1) ** 2 + (3 * r) / (r + 3) ** 2 + (5 * r) / (r + 5) ** 2;
  },
};

function fails(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isSurvinferError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected an error");
}

describe("coxFit on a hand-computed data set", () => {
  for (const [ties, h] of [["breslow", breslow], ["efron", efron]] as const) {
    it(`${ties}: log-likelihood, score test and variance at a fixed beta equal the hand formulas`, () => {
      for (const b of [0, 0.5, -1.2, 2]) {
        const fit = coxFit(tiny, { ties, iterMax: 0, init: [b] });
        expectClose(fit.loglik[0], h.loglik(b), { rel: 1e-13 }, `loglik(${b})`);
        expectClose(fit.tests.score.statistic, h.score(b) ** 2 / h.info(b), { rel: 1e-12 }, `score test(${b})`);
        expectClose(fit.var[0][0], 1 / h.info(b), { rel: 1e-12 }, `var(${b})`);
      }
    });
    it(`${ties}: the fitted beta solves the hand score equation`, () => {
      const fit = coxFit(tiny, { ties });
      const b = fit.coef[0] as number;
      expect(Math.abs(h.score(b))).toBeLessThan(1e-7);
      expectClose(fit.loglik[1], h.loglik(b), { rel: 1e-12 }, "final loglik");
      // tolerance: 1e-6, β̂ itself is only fixed to ~√eps (eps = 1e-9) and 1/I(β) is evaluated there
      expectClose(fit.var[0][0], 1 / h.info(b), { rel: 1e-6 }, "var at fit");
      expect(fit.converged).toBe(true);
    });
  }

  it("uses Efron ties by default and echoes R's control defaults", () => {
    const fit = coxFit(tiny);
    expect(fit.options).toMatchObject({ ties: "efron", eps: 1e-9, iterMax: 20, robust: false, confLevel: 0.95, timefix: true });
    expectClose(fit.options.tolerChol, Math.pow(Number.EPSILON, 0.75), { rel: 1e-15 }, "tolerChol");
  });

  it("reports the hazard ratio with its Wald interval exp(b ± 1.96 se)", () => {
    const fit = coxFit(tiny);
    const t = fit.terms[0];
    const b = t.coef as number;
    const se = t.se as number;
    expectClose(t.hr, Math.exp(b), { rel: 1e-15 }, "hr");
    expectClose(t.lower, Math.exp(b - 1.959963984540054 * se), { rel: 1e-12 }, "lower");
    expectClose(t.upper, Math.exp(b + 1.959963984540054 * se), { rel: 1e-12 }, "upper");
    expectClose(fit.tests.wald.statistic, (b / se) ** 2, { rel: 1e-12 }, "wald");
  });
});

describe("coxFit edge cases", () => {
  it("throws COX_NO_EVENTS when no row has an event", () => {
    const e = fails(() => coxFit({ ...tiny, status: new Int32Array(6) }));
    expect(e.code).toBe("COX_NO_EVENTS");
  });
  it("rejects a missing covariate naming the column and row", () => {
    const x = Float64Array.from(tiny.x);
    x[3] = Number.NaN;
    const e = fails(() => coxFit({ ...tiny, x }));
    expect(e.code).toBe("DATA_INVALID");
    expect(e.message).toContain('column "x"');
    expect(e.message).toContain("row 4");
  });
  it("rejects status values other than 0/1 and start times not before stop times", () => {
    expect(fails(() => coxFit({ ...tiny, status: Int32Array.from([2, 1, 0, 1, 1, 0]) })).code).toBe("DATA_INVALID");
    expect(fails(() => coxFit({ ...tiny, entry: Float64Array.from([0, 1, 0, 0, 0, 0]) })).code).toBe("DATA_INVALID");
  });
  it("rejects an unknown ties option with OPTION_INVALID", () => {
    expect(fails(() => coxFit(tiny, { ties: "exact" as "efron" })).code).toBe("OPTION_INVALID");
  });
  it("drops a collinear covariate: coefficient null, warning naming it, the rest as without it", () => {
    const n = 6;
    const x = new Float64Array(2 * n);
    x.set(tiny.x, 0);
    for (let i = 0; i < n; i++) x[n + i] = 3 * tiny.x[i];
    const fit = coxFit({ ...tiny, x, p: 2, columnNames: ["x", "x3"] });
    const alone = coxFit(tiny);
    expect(fit.coef[1]).toBeNull();
    expect(fit.terms[1].hr).toBeNull();
    expect(fit.warnings.join(" ")).toContain('"x3"');
    expectClose(fit.coef[0], alone.coef[0], { rel: 1e-10 }, "coef");
    expect(fit.var[1]).toEqual([0, 0]);
    expect(fit.tests.lr.df).toBe(1);
  });
  it("fits a single event", () => {
    const fit = coxFit({ ...tiny, status: Int32Array.from([0, 1, 0, 0, 0, 0]), x: Float64Array.from([0, 1, 0, 1, 0, 0]) });
    expect(fit.nEvent).toBe(1);
    expect(fit.coef[0]).not.toBeNull();
  });
  it("ignores a stratum without events", () => {
    const strata = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1]);
    const fit = coxFit({
      time: Float64Array.from([...tiny.time, 2, 4]),
      status: Int32Array.from([...tiny.status, 0, 0]),
      x: Float64Array.from([...tiny.x, 1, 0]),
      p: 1,
      columnNames: ["x"],
      strata,
    });
    const alone = coxFit(tiny);
    expectClose(fit.coef[0], alone.coef[0], { rel: 1e-10 }, "coef");
    expectClose(fit.loglik, alone.loglik, { rel: 1e-12 }, "loglik");
  });
  it("flags a diverging coefficient by name with the Firth advice", () => {
    const fit = coxFit({
      time: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      status: Int32Array.from([1, 1, 1, 0, 0, 0, 0, 0]),
      x: Float64Array.from([1, 1, 1, 1, 0, 0, 0, 0]),
      p: 1,
      columnNames: ["treated"],
    });
    const w = fit.warnings.join(" ");
    expect(w).toContain('"treated"');
    expect(w).toContain("Firth");
  });
});
