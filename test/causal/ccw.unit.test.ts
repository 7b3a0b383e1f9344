/**
 * Clone–censor–weight: the cloning conventions on hand cases, typed input errors, the risk-sum fast path
 * against the split rows R builds (coxFit / product-limit on survSplit-like rows), invariances, warnings,
 * and the seeded bootstrap (determinism, the 10% failure rule of src/causal/bootstrap.ts).
 */
import { describe, expect, it } from "vitest";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { weightedKaplanMeier } from "../../src/causal/ccw/curve.js";
import { armRows, eventTimes } from "../../src/causal/ccw/rows.js";
import { armWeights, logWeight } from "../../src/causal/ccw/weights.js";
import { isSurvinferError } from "../../src/errors.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { expectClose } from "../helpers/expect-close.js";

const MONTH = 30.4375;

function simulated(n: number, seed: number): CcwInput {
  const c = simulateCohort({ n, seed, parameters: { missingSize: 0, missingGrade: 0 } }).columns;
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => Math.max(0.5, d - c.dateLungMet[i]) / MONTH);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  const treatmentTime = Float64Array.from(c.datePm, (d, i) => (Number.isNaN(d) ? Number.POSITIVE_INFINITY : (d - c.dateLungMet[i]) / MONTH));
  const cols = [Float64Array.from(c.agePrimary), Float64Array.from(c.male), Float64Array.from(c.nLungMets)];
  const x = new Float64Array(n * cols.length);
  cols.forEach((col, j) => x.set(col, j * n));
  return { time, status, treatmentTime, x, p: cols.length, columnNames: ["age", "male", "mets"] };
}

function permute(input: CcwInput, perm: number[]): CcwInput {
  const n = perm.length;
  const x = new Float64Array(n * input.p);
  for (let j = 0; j < input.p; j++) for (let k = 0; k < n; k++) x[j * n + k] = input.x[j * n + perm[k]];
  return {
    ...input,
    time: Float64Array.from(perm, (i) => input.time[i]),
    status: Int32Array.from(perm, (i) => input.status[i]),
    treatmentTime: Float64Array.from(perm, (i) => input.treatmentTime[i]),
    x,
  };
}

describe("cloneArm follows the documented conventions", () => {
  // patients: treated at 1 (event 4) | never, event 2 | never, censored 5 | treated on the event day 2 |
  // treated at 0 | treated after follow-up (A 3 > T 2) | treated after G (A 4, T 6) | event exactly at G
  const T = Float64Array.from([4, 2, 5, 2, 6, 2, 6, 3]);
  const S = Int32Array.from([1, 1, 0, 1, 1, 1, 1, 1]);
  const A = Float64Array.from([1, Infinity, Infinity, 2, 0, 3, 4, Number.NaN]);
  it("treat within G: untreated clones still in follow-up after G are censored at G; events up to G count", () => {
    const c = cloneArm(T, S, A, 3, "treat");
    expect(Array.from(c.tc)).toEqual([4, 2, 3, 2, 6, 2, 3, 3]);
    expect(Array.from(c.status)).toEqual([1, 1, 0, 1, 1, 1, 0, 1]);
    expect(Array.from(c.dev)).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
  });
  it("no treatment within G: clones treated within G are censored at A (the event on the day of treatment is not counted); later treatment is allowed", () => {
    const c = cloneArm(T, S, A, 3, "control");
    expect(Array.from(c.tc)).toEqual([1, 2, 5, 2, 0, 2, 6, 3]);
    expect(Array.from(c.status)).toEqual([0, 1, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(c.dev)).toEqual([1, 0, 0, 1, 1, 0, 0, 0]);
  });
});

describe("cloneCensorWeight rejects invalid input with typed errors", () => {
  const base = simulated(40, 3);
  const cases: [string, CcwInput, Partial<{ grace: number; times: number[]; tau: number }>, string][] = [
    ["a follow-up of 0", { ...base, time: Float64Array.from(base.time, (t, i) => (i === 5 ? 0 : t)) }, {}, "CCW_INPUT_INVALID"],
    ["status 2", { ...base, status: Int32Array.from(base.status, (s, i) => (i === 7 ? 2 : s)) }, {}, "CCW_INPUT_INVALID"],
    ["a treatment before time zero", { ...base, treatmentTime: Float64Array.from(base.treatmentTime, (a, i) => (i === 2 ? -1 : a)) }, {}, "CCW_INPUT_INVALID"],
    ["a missing covariate", { ...base, x: Float64Array.from(base.x, (v, i) => (i === 41 ? Number.NaN : v)) }, {}, "CCW_INPUT_INVALID"],
    ["grace 0", base, { grace: 0 }, "OPTION_INVALID"],
    ["a negative report time", base, { times: [-1] }, "OPTION_INVALID"],
  ];
  for (const [what, input, opt, code] of cases) {
    it(`${what} → ${code}`, () => {
      let err: unknown = null;
      try {
        cloneCensorWeight(input, { grace: 6, ...opt });
      } catch (e) {
        err = e;
      }
      expect(isSurvinferError(err)).toBe(true);
      expect((err as { code: string }).code).toBe(code);
    });
  }
  it("the message names the patient and the value", () => {
    const input = { ...base, time: Float64Array.from(base.time, (t, i) => (i === 5 ? 0 : t)) };
    expect(() => cloneCensorWeight(input, { grace: 6 })).toThrow(/patient 6.*positive.*"0"/);
  });
});

describe("the risk-sum fast path equals the split rows (as survSplit builds them)", () => {
  for (const [stabilized, censoring] of [
    [false, { model: "cox", periods: 1 }],
    [true, { model: "cox", periods: 1 }],
    [false, { model: "piecewise", periods: 4 }],
    [true, { model: "piecewise", periods: 3 }],
  ] as const) {
    it(`HR, robust SE and curves equal coxFit and the product-limit on the split rows (${stabilized ? "stabilised" : "unstabilised"}, ${censoring.model} ${censoring.periods})`, () => {
      const input = simulated(300, 11);
      const res = cloneCensorWeight(input, { grace: 6, weights: stabilized ? "stabilized" : "unstabilized", censoringModel: censoring.model, censoringPeriods: censoring.periods });
      const clones = (["treat", "control"] as const).map((s) => cloneArm(input.time, input.status, input.treatmentTime, 6, s));
      const wts = clones.map((c, a) => armWeights(c, input.x, input.p, input.columnNames, stabilized, String(a), censoring));
      const ev = eventTimes(clones);
      const rows = clones.map((c, a) => armRows(c, wts[a], ev));
      rows.forEach((r, a) => {
        const km = weightedKaplanMeier(r);
        expectClose(res.arms[a].curve.time, km.time, { rel: 0 }, "time");
        expectClose(res.arms[a].curve.nRisk, km.nRisk, { rel: 1e-11 }, "nRisk");
        expectClose(res.arms[a].curve.surv, km.surv, { rel: 1e-11 }, "surv");
      });
      const m = rows[0].exit.length + rows[1].exit.length;
      const cat = (f: (r: (typeof rows)[0]) => Float64Array | Int32Array): Float64Array => Float64Array.from([...f(rows[0]), ...f(rows[1])]);
      const fit = coxFit(
        {
          time: cat((r) => r.exit),
          entry: cat((r) => r.entry),
          status: Int32Array.from(cat((r) => r.status)),
          x: Float64Array.from({ length: m }, (_, i) => (i < rows[0].exit.length ? 1 : 0)),
          p: 1,
          columnNames: ["arm"],
          weights: cat((r) => r.weight),
          cluster: Int32Array.from(cat((r) => r.patient)),
        },
        { robust: true },
      );
      expect(rows[1].exit.length).toBeGreaterThan(300); // split where weights change
      expectClose(res.hazardRatio?.coef, fit.terms[0].coef, { rel: 1e-9 }, "log HR");
      expectClose(res.hazardRatio?.robustSe, fit.terms[0].robustSe, { rel: 1e-9 }, "robust SE");
      expectClose(res.hazardRatio?.naiveSe, fit.terms[0].se, { rel: 1e-9 }, "model-based SE");
    });
  }
});

describe("cloneCensorWeight: invariances and special cases", () => {
  it("does not depend on the order of the patients", () => {
    const input = simulated(200, 5);
    const perm = Array.from({ length: 200 }, (_, i) => (i * 77) % 200);
    const a = cloneCensorWeight(input, { grace: 6, times: [12, 36], tau: 48 });
    const b = cloneCensorWeight(permute(input, perm), { grace: 6, times: [12, 36], tau: 48 });
    expectClose(b.hazardRatio?.coef, a.hazardRatio?.coef, { rel: 1e-10 }, "log HR");
    expectClose(b.hazardRatio?.robustSe, a.hazardRatio?.robustSe, { rel: 1e-10 }, "robust SE");
    expectClose(b.arms[1].curve.surv, a.arms[1].curve.surv, { rel: 1e-12 }, "control surv");
    expectClose(b.rmstDifference?.estimate, a.rmstDifference?.estimate, { rel: 1e-10 }, "RMST difference");
  });

  it("without covariates, stabilised weights are all 1 and the curves are the clones' unweighted Kaplan–Meier", () => {
    const input = { ...simulated(150, 8), x: new Float64Array(0), p: 0, columnNames: [] };
    const res = cloneCensorWeight(input, { grace: 6, weights: "stabilized" });
    for (const arm of res.arms) {
      expect(arm.weights).toEqual({ min: 1, median: 1, max: 1 });
      const c = cloneArm(input.time, input.status, input.treatmentTime, 6, arm.strategy);
      let s = 1;
      arm.curve.time.forEach((t, k) => {
        let atRisk = 0;
        let d = 0;
        for (let i = 0; i < c.tc.length; i++) {
          if (c.tc[i] >= t) atRisk++;
          if (c.tc[i] === t && c.status[i] === 1) d++;
        }
        s *= 1 - d / atRisk;
        expect(arm.curve.nRisk[k]).toBe(atRisk);
        expectClose(arm.curve.surv[k], s, { rel: 1e-13 }, `surv at ${t}`);
      });
    }
  });

  it("an arm in which no clone deviates has weights 1, no censoring model and a warning", () => {
    const input = { ...simulated(100, 2), treatmentTime: new Float64Array(100).fill(Number.POSITIVE_INFINITY) };
    const res = cloneCensorWeight(input, { grace: 6 });
    expect(res.arms[1].deviations).toBe(0);
    expect(res.arms[1].censoringModel).toBeNull();
    expect(res.arms[1].weights.max).toBe(1);
    expect(res.warnings.some((w) => w.includes("no clone deviated") && w.includes("no treatment within the grace period"))).toBe(true);
  });

  it("a report time or tau past an arm's follow-up gives null with a warning", () => {
    const input = simulated(100, 4);
    let maxT = 0;
    for (const t of input.time) maxT = Math.max(maxT, t);
    const res = cloneCensorWeight(input, { grace: 6, times: [12, maxT + 1], tau: maxT + 1 });
    expect(res.survivalDifference[1].estimate).toBeNull();
    expect(res.rmstDifference?.estimate).toBeNull();
    expect(res.warnings.some((w) => w.startsWith(`survival at ${maxT + 1} is not estimable`))).toBe(true);
    expect(res.warnings.some((w) => w.startsWith(`RMST up to ${maxT + 1} is not estimable`))).toBe(true);
    expect(JSON.parse(JSON.stringify(res)).method).toBe("clone-censor-weight");
  });
});

describe("cloneCensorWeight's bootstrap", () => {
  const input = simulated(120, 9);
  it("is deterministic given the seed and changes with it", () => {
    const o = { grace: 6, times: [12], tau: 36 };
    const a = cloneCensorWeight(input, { ...o, bootstrap: { replicates: 12, seed: 3 } });
    const b = cloneCensorWeight(input, { ...o, bootstrap: { replicates: 12, seed: 3 } });
    const c = cloneCensorWeight(input, { ...o, bootstrap: { replicates: 12, seed: 4 } });
    expect(b.bootstrap?.values).toEqual(a.bootstrap?.values);
    expect(c.bootstrap?.values).not.toEqual(a.bootstrap?.values);
    const hr = a.hazardRatio?.bootstrap;
    expect(hr?.lower).not.toBeNull();
    expect((hr?.lower as number) <= (hr?.upper as number)).toBe(true);
    expect(a.bootstrap?.names).toEqual(["survDifference@12", "rmstDifference", "logHR"]);
  });

  it("gives no interval, with the reason, when more than 10% of the replicates fail", () => {
    // tau at the longest follow-up of the control arm: every resample missing that patient cannot estimate it
    const control = cloneArm(input.time, input.status, input.treatmentTime, 6, "control");
    const treat = cloneArm(input.time, input.status, input.treatmentTime, 6, "treat");
    const tau = Math.min(Math.max(...control.tc), Math.max(...treat.tc));
    const res = cloneCensorWeight(input, { grace: 6, tau, bootstrap: { replicates: 20, seed: 1 } });
    expect(res.rmstDifference?.estimate).not.toBeNull();
    expect(res.rmstDifference?.lower).toBeNull();
    expect(res.rmstDifference?.note).toMatch(/^not estimable by bootstrap \(\d+ of 20 replicates failed\)$/);
    expect(res.warnings.some((w) => w.startsWith("RMST difference, clone–censor–weight: not estimable by bootstrap"))).toBe(true);
  });
});

describe("cloneCensorWeight on degenerate designs gives nulls with reasons, never a number without meaning", () => {
  const n = 30;
  const time = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 23));
  const status = Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const x = Float64Array.from({ length: n }, (_, i) => (i * 13) % 17);
  const run = (A: number) => cloneCensorWeight({ time, status, treatmentTime: new Float64Array(n).fill(A), x, p: 1, columnNames: ["z"] }, { grace: 3, times: [5], tau: 10 });

  for (const a of [0, 0.5]) {
  it(`everyone treated at ${a}, before any event: the control strategy is never at risk, no HR, survival not estimable`, () => {
    const res = run(a);
    expect(res.hazardRatio).toBeNull();
    expect(res.survivalDifference[0].estimate).toBeNull();
    expect(res.warnings).toContain("the per-protocol hazard ratio could not be estimated: no events, or one strategy has no clone in follow-up at any event time");
  });
  }

  it("nobody treated: both clones of each patient coincide up to G, the robust SE is 0 and the HR is not estimable", () => {
    const res = run(Number.POSITIVE_INFINITY);
    expect(res.hazardRatio).toBeNull();
    expect(res.warnings.some((w) => w.startsWith("the per-protocol hazard ratio is not estimable: its robust standard error is"))).toBe(true);
  });

  it("everyone treated at the first event time: the control strategy has no events, the HR diverges and is flagged as possibly infinite", () => {
    const res = run(1);
    expect(res.warnings.some((w) => w.startsWith("per-protocol Cox model: the strategy coefficient may be infinite"))).toBe(true);
  });
});

describe("the treat arm's censoring model (issue 14: all its deviations happen at G)", () => {
  // 60 patients, a binary covariate (saturated model), everyone in follow-up past G = 6: in group x = 0, 20 of 30
  // treated within G; in group x = 1, 6 of 30. Correct weights make the treated represent their whole group after G:
  // Σ w over the treated of a group = the group's size (30), i.e. w = 30/20 and 30/6 (the inverse share treated).
  const n = 60;
  const x = Float64Array.from({ length: n }, (_, i) => (i < 30 ? 0 : 1));
  const treated = (i: number): boolean => (i < 30 ? i < 20 : i < 36);
  const input: CcwInput = {
    time: Float64Array.from({ length: n }, (_, i) => 8 + (i % 7) + (i % 3) / 10),
    status: Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)),
    treatmentTime: Float64Array.from({ length: n }, (_, i) => (treated(i) ? 1 + (i % 5) : Number.POSITIVE_INFINITY)),
    x,
    p: 1,
    columnNames: ["x"],
  };
  const clones = cloneArm(input.time, input.status, input.treatmentTime, 6, "treat");
  const weightAfterG = (model: "cox" | "piecewise"): Float64Array => {
    const w = armWeights(clones, input.x, 1, ["x"], false, "treat", { model, periods: 4 });
    return Float64Array.from({ length: n }, (_, i) => Math.exp(logWeight(w, i, 7)));
  };

  it("piecewise (the default): logistic regression at G, so the treated carry exactly 1 / share treated of their group", () => {
    const w = weightAfterG("piecewise");
    for (let i = 0; i < n; i++) if (treated(i)) expectClose(w[i], i < 30 ? 30 / 20 : 30 / 6, { rel: 1e-9 }, `weight of patient ${i + 1}`);
    // and 1 up to G: no treat-arm clone deviates before G
    const w0 = armWeights(clones, input.x, 1, ["x"], false, "treat", { model: "piecewise", periods: 4 });
    for (let i = 0; i < n; i++) expect(logWeight(w0, i, 6)).toBe(0);
    expect(w0.fit?.model).toBe("logistic");
  });

  it("a single Cox model of the one tied deviation time does not (complementary log-log form with Efron coefficients)", () => {
    const w = weightAfterG("cox");
    // the group with few treated does not get back its size (26.8 instead of 30 here): the weights are biased
    let sum1 = 0;
    for (let i = 30; i < 36; i++) sum1 += w[i];
    expect(Math.abs(sum1 - 30)).toBeGreaterThan(1.5);
  });

  it("the default result says which model ran", () => {
    const res = cloneCensorWeight(input, { grace: 6 });
    expect(res.options.censoringModel).toBe("piecewise");
    expect(res.options.censoringPeriods).toBe(4);
    expect(res.arms[0].censoringModel?.model).toBe("logistic");
    expect(cloneCensorWeight(input, { grace: 6, censoringModel: "cox" }).options.censoringPeriods).toBe(1);
  });

  it("refuses a censoring model or a number of periods it does not know", () => {
    expect(() => cloneCensorWeight(input, { grace: 6, censoringModel: "spline" as "cox" })).toThrow(/censoringModel/);
    expect(() => cloneCensorWeight(input, { grace: 6, censoringPeriods: 0 })).toThrow(/censoringPeriods/);
  });
});
