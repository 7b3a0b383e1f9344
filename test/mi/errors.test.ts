// Every typed error of src/mi/ and src/study/mi-step.ts, triggered and checked by code (test/meta/error-codes.test.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imputeChained, type MiColumn, type MiOptions } from "../../src/mi/chained.js";
import { fitLogreg } from "../../src/mi/logreg.js";
import { poolCox } from "../../src/mi/pool-models.js";
import { poolScalar } from "../../src/mi/pool.js";
import { isSurvinferError } from "../../src/errors.js";
import type { CoxResult } from "../../src/survival/cox/types.js";
import { runExampleVariant, withoutLongTerm } from "../report/render-study.js";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isSurvinferError(e)) return e.code;
    throw e;
  }
  return "no error";
}

const impute = (cols: MiColumn[], options: MiOptions = { m: 2, iterations: 1 }) => () => imputeChained(cols, options);

describe("typed errors of multiple imputation", () => {
  it("MI_NO_VARIABLES, MI_DUPLICATE_VARIABLE, MI_LENGTH_MISMATCH", () => {
    expect(codeOf(impute([]))).toBe("MI_NO_VARIABLES");
    expect(codeOf(impute([{ name: "a", values: [1, Number.NaN] }, { name: "a", values: [1, 2] }]))).toBe("MI_DUPLICATE_VARIABLE");
    expect(codeOf(impute([{ name: "a", values: [1, Number.NaN, 3] }, { name: "b", values: [1, 2] }]))).toBe("MI_LENGTH_MISMATCH");
  });

  it("MI_VALUE_INVALID names the variable and row (infinite value; category code out of range)", () => {
    expect(codeOf(impute([{ name: "a", values: [1, Infinity, Number.NaN] }]))).toBe("MI_VALUE_INVALID");
    expect(codeOf(impute([{ name: "g", values: [0, 3, Number.NaN], levels: ["x", "y"] }]))).toBe("MI_VALUE_INVALID");
  });

  it("MI_ALL_MISSING, MI_OUTCOME_MISSING, MI_PREDICTOR_INCOMPLETE", () => {
    expect(codeOf(impute([{ name: "a", values: [Number.NaN, Number.NaN] }]))).toBe("MI_ALL_MISSING");
    expect(codeOf(impute([{ name: "a", values: [1, Number.NaN, 2] }], { m: 2, outcome: { time: [1, 2, 3], status: [1, 2, 0] } }))).toBe("MI_OUTCOME_MISSING");
    expect(codeOf(impute([{ name: "a", values: [1, Number.NaN, 2] }, { name: "b", values: [1, Number.NaN, 2], method: "none" }]))).toBe("MI_PREDICTOR_INCOMPLETE");
  });

  it("MODEL_SINGULAR when a logistic imputation model has a predictor aliased with the intercept (the driver screens such predictors out first)", () => {
    // duplicated predictors are not singular after mice's augmentation (its pseudo-rows vary one predictor at a time);
    // a constant predictor stays constant (the pseudo-rows are clamped to its range) and is aliased with the intercept
    const n = 12;
    const x = new Float64Array(n).fill(5);
    const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const ry = Uint8Array.from({ length: n }, (_, i) => (i < 9 ? 1 : 0));
    const wy = Uint8Array.from(ry, (v) => 1 - v);
    expect(codeOf(() => fitLogreg({ y, ry, wy, x, q: 1 }, "z"))).toBe("MODEL_SINGULAR");
  });

  it("MI_POOL_INPUT when fits disagree on their terms or a pooled value is not usable", () => {
    const fit = (names: string[]): CoxResult => ({ columnNames: names, coef: names.map(() => 0.1), var: names.map((_, i) => names.map((__, j) => (i === j ? 0.01 : 0))), nEvent: 10 }) as unknown as CoxResult;
    expect(codeOf(() => poolCox([fit(["a"]), fit(["b"])]))).toBe("MI_POOL_INPUT");
    expect(codeOf(() => poolScalar([0.1, 0.2], [0.01, -1]))).toBe("MI_POOL_INPUT");
  });

  it("in a study, an MI model with too few events per parameter is listed as not estimable (MODEL_TOO_FEW_EVENTS), the rest runs", () => {
    const res = runExampleVariant(mkdtempSync(join(tmpdir(), "survinfer-mi-epv-")), "epv", (spec) => {
      withoutLongTerm(spec);
      for (const k of ["propensity", "table1"]) delete spec.analyses[k];
      spec.analyses.immortalTime = false as unknown as Record<string, unknown>;
      spec.analyses.cox = { endpoint: "os", univariable: [], multivariable: ["age_primary", "primary_size_mm", "n_lung_mets", "grade"] };
      (spec as Record<string, unknown>).missing = { method: "mi", m: 2, iterations: 1 };
      spec.analyses.safeguards = { epvFloor: 8 };
    });
    expect(res.analyses.missing).toBeUndefined();
    expect(res.notEstimable.find((n) => n.analysis === "missing")?.code).toBe("MODEL_TOO_FEW_EVENTS");
    expect(res.analyses.km).toBeDefined();
  });
});
