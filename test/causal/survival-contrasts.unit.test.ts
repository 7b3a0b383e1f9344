/**
 * Unit checks of the standardised survival contrasts that need no R: influence functions sum to zero,
 * relabelling the arms swaps them, IPTW without censoring is the Horvitz–Thompson mean computed by hand from the
 * logistic PS, and the documented errors and warnings.
 */
import { describe, expect, it } from "vitest";
import { fitCoxNuisance } from "../../src/causal/survival-contrasts/cox-nuisance.js";
import { gformulaRisk, populationWeights } from "../../src/causal/survival-contrasts/gformula.js";
import { survivalContrasts, type SurvivalContrastsInput } from "../../src/causal/survival-contrasts/index.js";
import { treatmentDesign } from "../../src/causal/survival-contrasts/outcome-design.js";
import { contrastsInputFromTable } from "../../src/causal/survival-contrasts/table-input.js";
import type { Table } from "../../src/data/table.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: number[];
  status: number[];
  treat: number[];
  x: number[][];
  covariates: string[];
}

function lms(): SurvivalContrastsInput {
  const inp = loadFixture<Input>("ate", "lms").input;
  const n = inp.time.length;
  const x = new Float64Array(n * inp.covariates.length);
  inp.x.forEach((c, l) => x.set(c, l * n));
  return { time: Float64Array.from(inp.time), status: Uint8Array.from(inp.status), treat: Uint8Array.from(inp.treat), x, columnNames: inp.covariates };
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof SurvinferError) return e.code;
    throw e;
  }
  return undefined;
}

describe("survivalContrasts: properties", () => {
  const input = lms();

  it("the g-formula influence functions sum to zero (centred; Cox score and martingale terms sum to 0)", () => {
    const d = treatmentDesign(input.treat, input.x, input.columnNames);
    const mo = fitCoxNuisance(input.time, input.status, d.x, d.columnNames, "outcome");
    for (const estimand of ["ATE", "ATT"] as const) {
      const r = gformulaRisk(mo, populationWeights(input.treat, estimand), 1, [12, 36]);
      for (const iid of r.iid) expectClose(iid.reduce((a, b) => a + b, 0), 0, { abs: 1e-12 }, `${estimand} Σ IF`);
    }
  });

  it("relabelling treated and untreated swaps the arms for every estimator", () => {
    const a = survivalContrasts(input, { times: [12, 36], tau: 36 });
    const b = survivalContrasts({ ...input, treat: Uint8Array.from(input.treat, (t) => 1 - t) }, { times: [12, 36], tau: 36 });
    a.estimates.forEach((e, k) => {
      const f = b.estimates[k];
      expectClose(e.at.map((x) => x.survival.treated.estimate), f.at.map((x) => x.survival.untreated.estimate), { rel: 1e-9 }, `${e.estimator} S1`);
      // tolerance: refitting with the arms relabelled iterates Cox and glm again (convergence ~1e-9)
      expectClose(e.at.map((x) => x.survival.treated.se), f.at.map((x) => x.survival.untreated.se), { rel: 1e-7 }, `${e.estimator} se1`);
      // tolerance: refitting with the arms relabelled iterates Cox and glm again (convergence ~1e-9)
      expectClose(e.at.map((x) => x.difference.se), f.at.map((x) => x.difference.se), { rel: 1e-7 }, `${e.estimator} diff se`);
    });
    expectClose(a.estimates[0].rmst!.difference.estimate, -b.estimates[0].rmst!.difference.estimate, { rel: 1e-9 }, "rmst");
  });

  it("without censoring, IPTW is the Horvitz–Thompson mean (1/n) Σ 1{A=a} 1{T ≤ t} / π_a", () => {
    const all = { ...input, status: new Uint8Array(input.time.length).fill(1) };
    const res = survivalContrasts(all, { times: [12, 36], estimators: ["iptw"] });
    const n = all.time.length;
    const z = new Float64Array(n * (1 + input.columnNames.length)).fill(1, 0, n);
    z.set(input.x, n);
    const e = logisticRegression({ y: Int32Array.from(input.treat), x: z, columnNames: ["(Intercept)", ...input.columnNames] }).fittedValues;
    for (const [k, t] of [12, 36].entries()) {
      let f1 = 0;
      let f0 = 0;
      for (let i = 0; i < n; i++) {
        if (all.time[i] > t) continue;
        if (input.treat[i] === 1) f1 += 1 / e[i] / n;
        else f0 += 1 / (1 - e[i]) / n;
      }
      expectClose(res.estimates[0].at[k].risk.treated.estimate, f1, { rel: 1e-12 }, "HT treated");
      expectClose(res.estimates[0].at[k].risk.untreated.estimate, f0, { rel: 1e-12 }, "HT untreated");
      expect(res.estimates[0].at[k].risk.treated.se).toBeGreaterThan(0);
    }
  });

  it("the adjusted curve starts at 1, is non-increasing, and meets the g-formula estimates at the requested times", () => {
    const res = survivalContrasts(input, { times: [12, 36], estimators: ["gformula"] });
    const c = res.curve!;
    expect(c.untreated[0]).toBe(1);
    for (let k = 1; k < c.time.length; k++) expect(c.treated[k]).toBeLessThanOrEqual(c.treated[k - 1]);
    for (const a of res.estimates[0].at) {
      let k = 0;
      while (k + 1 < c.time.length && c.time[k + 1] <= a.time) k++;
      expectClose(c.treated[k], a.survival.treated.estimate, { rel: 1e-12 }, "curve at t");
    }
  });
});

describe("survivalContrasts: errors and warnings", () => {
  const input = lms();
  it("a time beyond the follow-up of either arm stops with EFFECTS_TIME_BEYOND_FOLLOW_UP", () => {
    expect(errorCode(() => survivalContrasts(input, { times: [12, 10000] }))).toBe("EFFECTS_TIME_BEYOND_FOLLOW_UP");
    expect(errorCode(() => survivalContrasts(input, { times: [12], tau: 10000 }))).toBe("EFFECTS_TIME_BEYOND_FOLLOW_UP");
  });
  it("ATT with an explicitly requested weighting estimator stops; with all estimators it falls back to the g-formula with a warning", () => {
    expect(errorCode(() => survivalContrasts(input, { times: [12], estimand: "ATT", estimators: ["iptw"] }))).toBe("OPTION_CONFLICT");
    const res = survivalContrasts(input, { times: [12], estimand: "ATT" });
    expect(res.estimates.map((e) => e.estimator)).toEqual(["gformula"]);
    expect(res.warnings.join(" ")).toContain("g-formula only");
  });
  it("one treatment group only, or no time, stops with a typed error", () => {
    expect(errorCode(() => survivalContrasts({ ...input, treat: new Uint8Array(input.time.length) }, { times: [12] }))).toBe("DATA_ONE_GROUP");
    expect(errorCode(() => survivalContrasts(input, { times: [] }))).toBe("OPTION_MISSING");
  });
});

describe("survivalContrasts: typed errors of the nuisance models and the table input", () => {
  const input = lms();
  const n = input.time.length;
  const withColumn = (values: Float64Array, name: string): SurvivalContrastsInput => {
    const x = new Float64Array(n * (input.columnNames.length + 1));
    x.set(input.x);
    x.set(values, input.x.length);
    return { ...input, x, columnNames: [...input.columnNames, name] };
  };
  it("a duplicated covariate: COX_COLLINEAR (g-formula) and PS_COLLINEAR (weighting)", () => {
    const dup = withColumn(input.x.slice(0, n), "age copy");
    expect(errorCode(() => survivalContrasts(dup, { times: [12], estimators: ["gformula"] }))).toBe("COX_COLLINEAR");
    expect(errorCode(() => survivalContrasts(dup, { times: [12], estimators: ["iptw"] }))).toBe("PS_COLLINEAR");
  });
  it("a covariate that separates treated from untreated: PS_SEPARATION for IPTW", () => {
    const sep = withColumn(Float64Array.from(input.treat, (a, i) => a * 1000 + input.x[i]), "separating");
    expect(errorCode(() => survivalContrasts(sep, { times: [12], estimators: ["iptw"] }))).toBe("PS_SEPARATION");
  });
  it("a covariate missing for a whole group: EFFECTS_COVARIATE_MISSING_IN_GROUP", () => {
    const age = Float64Array.from(input.x.slice(0, n), (v, i) => (input.treat[i] === 1 ? Number.NaN : v));
    const table: Table = { nRows: n, columns: [{ kind: "numeric", name: "age", values: age }], source: { file: "cohort.csv" }, rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 1) };
    const tin = { table, time: input.time, status: Int32Array.from(input.status), treatment: Int32Array.from(input.treat), covariates: ["age"] };
    expect(errorCode(() => contrastsInputFromTable(tin, ["no", "yes"]))).toBe("EFFECTS_COVARIATE_MISSING_IN_GROUP");
  });
});
