/**
 * One test per error code that no other test names (test/meta/error-codes.test.ts keeps that list at zero):
 * each calls the public function that throws it with the smallest input that triggers it and checks the
 * code and, where the error carries them, the row, column and value.
 */
import { describe, expect, it } from "vitest";
import { propensityScore } from "../../src/causal/propensity.js";
import { overlapReport } from "../../src/causal/overlap.js";
import { matchOptimal, OPTIMAL_MAX_CELLS } from "../../src/causal/match.js";
import { requireCovariates } from "../../src/cli/formula-checks.js";
import { readTable } from "../../src/data/read.js";
import type { Table } from "../../src/data/table.js";
import { treatmentIndicator } from "../../src/data/treatment.js";
import { SurvinferError } from "../../src/errors.js";
import { modelMatrix } from "../../src/formula/model-matrix.js";
import { firthLogistic } from "../../src/regression/firth.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { table1 } from "../../src/report/table1.js";
import { completeCompetingRows } from "../../src/survival/competing/prepare.js";
import { fineGray } from "../../src/survival/competing/fine-gray.js";
import { coxph } from "../../src/survival/coxph.js";
import { prepareCoxData } from "../../src/survival/cox/prepare.js";
import { validateCureInput } from "../../src/survival/cure/design.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { logrankTest } from "../../src/survival/logrank.js";
import { meanCumulativeFunction } from "../../src/survival/recurrent/mcf.js";
import { readRecurrentData } from "../../src/survival/recurrent/intervals.js";
import { concordance } from "../../src/survival/validation/concordance.js";
import { validatePredictionModel } from "../../src/survival/validation/index.js";
import { expectDataError } from "../data/errors.js";

function csv(text: string, file = "cohort.csv"): Table {
  return readTable(new TextEncoder().encode(text), { fileName: file }).table;
}

function codeOf(fn: () => unknown): SurvinferError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SurvinferError);
    return e as SurvinferError;
  }
  return expect.fail("expected a SurvinferError, nothing was thrown");
}

const f64 = (xs: readonly number[]): Float64Array => Float64Array.from(xs);
const i32 = (xs: readonly number[]): Int32Array => Int32Array.from(xs);

describe("data errors of the engines", () => {
  it("DATA_BAD_STATUS: a cure model with status 2 names the value; DATA_MISSING: a missing covariate; DATA_NONPOSITIVE_TIME: time 0 in the Weibull model; DATA_DIMENSION: a short status", () => {
    const base = { time: f64([1, 2, 3]), status: i32([1, 0, 1]), z: f64([0.1, 0.2, 0.3]), zNames: ["z"], x: f64([]), xNames: [] };
    expect(codeOf(() => validateCureInput({ ...base, status: i32([1, 2, 0]) }, true))).toMatchObject({ code: "DATA_BAD_STATUS", location: { value: "2" } });
    expect(codeOf(() => validateCureInput({ ...base, z: f64([0.1, Number.NaN, 0.3]) }, true)).code).toBe("DATA_MISSING");
    expect(codeOf(() => validateCureInput({ ...base, time: f64([1, 0, 3]) }, true))).toMatchObject({ code: "DATA_NONPOSITIVE_TIME", location: { value: "0" } });
    expect(codeOf(() => validateCureInput({ ...base, status: i32([0, 0, 0]) }, false)).code).toBe("DATA_NO_EVENTS");
    expect(codeOf(() => validateCureInput({ ...base, status: i32([1, 0]) }, true)).code).toBe("DATA_DIMENSION");
  });

  it("DATA_BAD_STATUS and DATA_BAD_WEIGHT: concordance names the row and value", () => {
    const t = f64([1, 2, 3, 4]);
    expect(codeOf(() => concordance(t, [1, 0, 3, 1], [0.1, 0.2, 0.3, 0.4]))).toMatchObject({ code: "DATA_BAD_STATUS", location: { row: 3, value: "3" } });
    expect(codeOf(() => concordance(t, [1, 0, 1, 1], [0.1, 0.2, 0.3, 0.4], { weights: [1, 1, 1, 0] }))).toMatchObject({ code: "DATA_BAD_WEIGHT", location: { row: 4, value: "0" } });
  });

  it("DATA_BAD_WEIGHT: coxph with a negative case weight names file, row, column and value", () => {
    const table = csv("time,status,x,w\n1,1,0.5,1\n2,0,1.5,1\n3,1,2.5,-2\n4,1,0.1,1\n5,0,0.7,1\n");
    expectDataError(() => coxph(table, "Surv(time, status) ~ x", { weights: "w" }), "DATA_BAD_WEIGHT", { row: 4, column: "w", value: "-2" });
  });

  it("DATA_EMPTY: a Cox fit without rows", () => {
    expect(codeOf(() => prepareCoxData({ time: f64([]), status: i32([]), x: f64([]), p: 1, columnNames: ["x"] }, true, true)).code).toBe("DATA_EMPTY");
  });

  it("DATA_CONSTANT_COVARIATE and DATA_INVALID_TREATMENT: the propensity model names the column or the row", () => {
    expect(codeOf(() => propensityScore({ treatment: [0, 1, 0, 1], x: f64([2, 2, 2, 2]), columnNames: ["age"] }))).toMatchObject({ code: "DATA_CONSTANT_COVARIATE", location: { column: "age" } });
    expect(codeOf(() => propensityScore({ treatment: [0, 1, 2, 1], x: f64([1, 2, 3, 4]), columnNames: ["age"] }))).toMatchObject({ code: "DATA_INVALID_TREATMENT", location: { row: 3, value: "2" } });
    expect(codeOf(() => overlapReport({ ps: [0.1, 0.4, 0.6], treatment: [0, 1, 5], ids: ["a", "b", "c"] }))).toMatchObject({ code: "DATA_INVALID_TREATMENT", location: { row: 3, value: "5" } });
  });

  it("DATA_INVALID_OUTCOME: logistic regression with y = 2 names the row; MODEL_SINGULAR: Firth with a duplicated column", () => {
    expect(codeOf(() => logisticRegression({ y: f64([0, 1, 2, 1]), x: f64([1, 2, 3, 4]), columnNames: ["x"], addIntercept: true }))).toMatchObject({ code: "DATA_INVALID_OUTCOME", location: { row: 3, value: "2" } });
    const x = [0.3, 1.2, 2.5, 0.1, 1.7, 2.2];
    expect(codeOf(() => firthLogistic({ y: f64([0, 1, 1, 0, 1, 0]), x: f64([...x, ...x]), columnNames: ["a", "b"], addIntercept: true })).code).toBe("MODEL_SINGULAR");
  });

  it("DATA_INVALID_TIME and DATA_INVALID_CODE: log-rank and competing risks name the row of an infinite time or an out-of-range group", () => {
    const rowNumbers = i32([2, 3, 4]);
    const group = { codes: i32([0, 1, 0]), levels: ["a", "b"] };
    expect(codeOf(() => logrankTest({ time: f64([1, Infinity, 3]), status: i32([1, 0, 1]), group, rowNumbers }))).toMatchObject({ code: "DATA_INVALID_TIME", location: { row: 3, value: "Infinity" } });
    expect(codeOf(() => logrankTest({ time: f64([1, 2, 3]), status: i32([1, 0, 1]), group: { codes: i32([0, 1, 2]), levels: ["a", "b"] }, rowNumbers }))).toMatchObject({ code: "DATA_INVALID_CODE", location: { row: 4 } });
    expect(codeOf(() => completeCompetingRows({ time: f64([1, Infinity, 3]), cause: i32([1, 0, 2]), rowNumbers }))).toMatchObject({ code: "DATA_INVALID_TIME", location: { row: 3 } });
    expect(codeOf(() => completeCompetingRows({ time: f64([1, 2, 3]), cause: i32([1, 0, 2]), group: { codes: i32([0, 3, 0]), levels: ["a", "b"] }, rowNumbers }))).toMatchObject({ code: "DATA_INVALID_CODE", location: { row: 3 } });
  });

  it("DATA_INVALID_COVARIATE: Fine–Gray with an infinite covariate names row, column and value", () => {
    const e = codeOf(() => fineGray({ time: f64([1, 2, 3, 4]), cause: i32([1, 2, 0, 1]), x: f64([0.5, Infinity, 1, 2]), columnNames: ["age"], failcode: 1, cencode: 0, rowNumbers: i32([2, 3, 4, 5]) }));
    expect(e).toMatchObject({ code: "DATA_INVALID_COVARIATE", location: { row: 3, column: "age", value: "Infinity" } });
  });

  it("DATA_ZERO_LENGTH_INTERVAL: an entry time equal to the exit time after R's near-tie rule", () => {
    const e = codeOf(() => kaplanMeier({ time: f64([1 + 1e-12, 2, 3]), entry: f64([1, 0, 0]), status: i32([1, 1, 0]) }));
    expect(e.code).toBe("DATA_ZERO_LENGTH_INTERVAL");
    expect(e.message).toMatch(/timefix/);
  });

  it("DATA_TOO_FEW_CONTROLS and DATA_TOO_LARGE: optimal matching says why it cannot match", () => {
    expect(codeOf(() => matchOptimal({ treat: i32([1, 1, 0, 0, 0]), distance: f64([0.6, 0.7, 0.2, 0.3, 0.4]) }, { ratio: 2 })).code).toBe("DATA_TOO_FEW_CONTROLS");
    // √(cells) treated and controls each: one past the limit, refused before any cost matrix is built
    const k = Math.ceil(Math.sqrt(OPTIMAL_MAX_CELLS)) + 1;
    const treat = Array.from({ length: 2 * k }, (_, i) => (i < k ? 1 : 0));
    const distance = treat.map((_, i) => (i + 0.5) / (2 * k));
    expect(codeOf(() => matchOptimal({ treat: i32(treat), distance: f64(distance) })).code).toBe("DATA_TOO_LARGE");
  });

  it("DATA_DIMENSION and DATA_INVALID_TREATMENT: table1 with a short grouping or a group code 2", () => {
    const table = csv("age\n50\n60\n70\n");
    const variables = [{ name: "age", kind: "continuous" as const }];
    expect(codeOf(() => table1({ table, by: { codes: i32([0, 1]), levels: ["A", "B"] }, variables })).code).toBe("DATA_DIMENSION");
    expect(codeOf(() => table1({ table, by: { codes: i32([0, 1, 2]), levels: ["A", "B"] }, variables }))).toMatchObject({ code: "DATA_INVALID_TREATMENT", location: { row: 4, value: "2" } });
  });

  it("DATA_TREATMENT_VALUE: a treatment column with three values and no treated value names the file and column", () => {
    const table = csv("arm\nsurgery\nradiation\nnone\n");
    expectDataError(() => treatmentIndicator(table, "arm"), "DATA_TREATMENT_VALUE", { column: "arm", text: /"surgery", "radiation", "none"/ });
  });
});

describe("recurrent-event data", () => {
  it("DATA_NOT_NUMERIC: a text stop column; DATA_MISSING_VALUE: a missing start or id names row and column", () => {
    const cols = { id: "id", start: "start", stop: "stop", event: "event" };
    expectDataError(() => readRecurrentData(csv("id,start,stop,event\n1,0,five,1\n"), cols), "DATA_NOT_NUMERIC", { column: "stop" });
    expectDataError(() => readRecurrentData(csv("id,start,stop,event\n1,0,5,1\n1,,8,0\n"), cols), "DATA_MISSING_VALUE", { row: 3, column: "start" });
    expectDataError(() => readRecurrentData(csv("id,start,stop,event,x\n1,0,5,1,a\n,5,8,0,b\n"), cols), "DATA_MISSING_VALUE", { row: 3, column: "id" });
    expectDataError(() => meanCumulativeFunction(csv("id,start,stop,event,g\n1,0,5,1,a\n2,0,8,0,\n"), { ...cols, by: "g" }), "DATA_MISSING_VALUE", { row: 3, column: "g" });
  });
});

describe("formulas and models", () => {
  it("FORMULA_NO_COVARIATES: a Cox formula with ~ 1 names the command and the formula", () => {
    expect(codeOf(() => requireCovariates("Surv(time, status) ~ 1", "cox"))).toMatchObject({ code: "FORMULA_NO_COVARIATES", location: { value: "Surv(time, status) ~ 1" } });
  });

  it("FORMULA_INVALID: a constant where a column is needed", () => {
    const table = csv("time,status,x\n1,1,2\n2,0,3\n3,1,4\n");
    expect(codeOf(() => modelMatrix(table, "Surv(time, TRUE) ~ x")).code).toBe("FORMULA_INVALID");
    expect(codeOf(() => modelMatrix(table, "Surv(time, status) ~ x + I(3)"))).toMatchObject({ code: "FORMULA_INVALID", message: expect.stringMatching(/I\(3\) is a constant, not a column/) });
    expect(codeOf(() => modelMatrix(table, "Surv(time, status) ~ x + nope(x)"))).toMatchObject({ code: "FORMULA_INVALID", message: expect.stringMatching(/unknown function nope\(\)/) });
  });

  it("MODEL_COLLINEAR: a prediction model with a duplicated covariate", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 13) + 1 + i / 50},${i % 3 === 0 ? 0 : 1},${(i * 7) % 11},${(i * 7) % 11}`);
    const table = csv(["time,status,a,b", ...rows].join("\n") + "\n");
    expect(codeOf(() => validatePredictionModel(table, "Surv(time, status) ~ a + b", { B: 0 })).code).toBe("MODEL_COLLINEAR");
  });
});
