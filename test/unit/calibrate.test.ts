/**
 * Bootstrap bias-corrected calibration at a horizon (rms::calibrate, cmethod = "KM") against R
 * (tools/oracle/calibrate.R → test/fixtures/r/calibrate/*.json):
 * - the base-R + survival restatement over the resamples stored in the fixture (coxph's convergence), to 1e-10;
 * - rms::calibrate itself on the same resamples (R drew them after set.seed, as predab.resample does), with
 *   cph's convergence (eps = 1e-4, iter.max = 10), to 1e-10;
 * - rms::calibrate with B = 200 and R's RNG against survinfer's own seeded B = 200, loosely (different draws);
 * plus hand-computed groupkm rules, edge cases (no follow-up to u, B = 1, ties in the linear predictor) and the
 * front door validatePredictionModel.
 */
import { describe, expect, it } from "vitest";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { calibrationCorrected, groupKm, quantileCuts, riskGroupCuts, type CalibrationCorrectedResult } from "../../src/survival/validation/calibrate.js";
import { calibrationAtTime } from "../../src/survival/validation/calibration.js";
import { baselineAt, linearPredictor, predictedSurvival } from "../../src/survival/validation/model.js";
import { bootstrapResample } from "../../src/survival/validation/optimism.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

type Num = number | null;

interface CalInput {
  time: number[];
  status: number[];
  columns: string[];
  x: number[][];
  u: number;
  grouping: { type: "m"; m: number } | { type: "rank"; groups: number };
  resamples: number[][];
}
interface RestatedGroup {
  n: number;
  events: number;
  predicted: Num;
  observedApparent: Num;
  training: Num;
  test: Num;
  optimism: Num;
  observedCorrected: Num;
  nReplicates: number;
}
interface Restated {
  coef: number[];
  predictedRows: number[];
  cuts: number[];
  groups: RestatedGroup[];
  nFailed: number;
  first: { training: Num[]; test: Num[] };
}
interface RmsRun {
  meanPredicted: Num[];
  KM: Num[];
  training: Num[];
  test: Num[];
  optimism: Num[];
  KMcorrected: Num[];
  n: number[];
  B: number;
  seed: number;
}
interface CalExpected {
  restatement: Restated;
  restatementCph: Restated;
  rmsSame: RmsRun | null;
  rmsLoose: RmsRun | null;
}

function coxInput(inp: CalInput): CoxInput {
  const n = inp.time.length;
  const p = inp.columns.length;
  const x = new Float64Array(n * p);
  inp.x.forEach((col, j) => col.forEach((v, i) => (x[j * n + i] = v)));
  return { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), x, p, columnNames: inp.columns };
}

/** The grouping the fixture used: rms's m, or the rank-group cuts R computed (and gave rms) for that fit. */
function grouping(inp: CalInput, r: Restated): { m: number } | { cuts: number[] } {
  return inp.grouping.type === "m" ? { m: inp.grouping.m } : { cuts: r.cuts };
}

const pick = (r: CalibrationCorrectedResult, f: keyof RestatedGroup): Num[] => r.groups.map((g) => g[f]);
// optimisms are differences of O(0.1) quantities: an absolute floor of 1e-12 is 1e-10 relative to the terms
const TIGHT = { rel: 1e-10, abs: 1e-12 };
const CPH_CONTROL = { eps: 1e-4, iterMax: 10 } as const;

describe.each(listFixtures("calibrate", 4))("calibrationCorrected on %s (tools/oracle/calibrate.R)", (name) => {
  const fx = loadFixture<CalInput, CalExpected>("calibrate", name);
  const input = coxInput(fx.input);
  const { u, resamples } = fx.input;
  const ex = fx.expected;

  it("equals the base-R restatement over the same resamples to 1e-10", () => {
    const r = calibrationCorrected(input, u, { resamples, ...grouping(fx.input, ex.restatement) });
    expectClose(r.options.cuts, ex.restatement.cuts, { rel: 1e-12 }, "cuts");
    expect(r.groups.map((g) => [g.n, g.events, g.nReplicates])).toEqual(ex.restatement.groups.map((g) => [g.n, g.events, g.nReplicates]));
    expect(r.nFailed).toBe(ex.restatement.nFailed);
    for (const f of ["predicted", "observedApparent", "training", "test", "optimism", "observedCorrected"] as const) {
      expectClose(pick(r, f), ex.restatement.groups.map((g) => g[f]), TIGHT, f);
    }
    expect(r.options).toMatchObject({ B: resamples.length, seed: null, resamples: "given", minEvents: 5 });
  });

  it("reproduces rms::calibrate on the same resamples with cph's convergence (eps 1e-4, iter.max 10)", () => {
    const rms = ex.rmsSame;
    expect(rms).not.toBeNull();
    if (!rms) return;
    const r = calibrationCorrected(input, u, { resamples, ...grouping(fx.input, ex.restatementCph), control: CPH_CONTROL });
    expect(r.groups.map((g) => g.nReplicates)).toEqual(rms.n);
    expectClose(pick(r, "predicted"), rms.meanPredicted, TIGHT, "mean.predicted");
    expectClose(pick(r, "observedApparent"), rms.KM, TIGHT, "KM");
    expectClose(pick(r, "training"), rms.training, TIGHT, "training");
    expectClose(pick(r, "test"), rms.test, TIGHT, "test");
    expectClose(pick(r, "optimism"), rms.optimism, TIGHT, "mean.optimism");
    expectClose(pick(r, "observedCorrected"), rms.KMcorrected, TIGHT, "KM.corrected");
  });

  it("agrees loosely with rms::calibrate (B = 200, R's RNG) from its own seeded draws", () => {
    const rms = ex.rmsLoose;
    expect(rms).not.toBeNull();
    if (!rms) return;
    const r = calibrationCorrected(input, u, { B: rms.B, seed: 1, ...grouping(fx.input, ex.restatement) });
    // different draws: the optimism's Monte Carlo SE with B = 200 is ≈ 0.01 per group (≈ 0.015 for the difference
    // tolerance: of two runs), so 0.05 is > 3 SE; the apparent values do not depend on the draws (1e-5: cph vs coxph convergence)
    expectClose(pick(r, "observedCorrected"), rms.KMcorrected, { abs: 0.05 }, "KM.corrected (loose)");
    // tolerance: 1e-5, rms's cph converges at eps = 1e-4 (iter.max 10), coxph at 1e-9
    expectClose(pick(r, "observedApparent"), rms.KM, { abs: 1e-5 }, "KM");
    expect(r.options).toMatchObject({ B: 200, seed: 1, resamples: "seeded" });
  });
});

describe("calibrationCorrected: edge cases", () => {
  const lung = loadFixture<CalInput, CalExpected>("calibrate", "lung");
  const lungInput = coxInput(lung.input);

  it("with B = 1 the optimism is that one draw's training − test", () => {
    const r = calibrationCorrected(lungInput, 365, { resamples: [lung.input.resamples[0]], m: 50 });
    const { training, test } = lung.expected.restatement.first;
    expect(r.B).toBe(1);
    expectClose(pick(r, "training"), training, TIGHT, "training");
    expectClose(pick(r, "test"), test, TIGHT, "test");
    r.groups.forEach((g, k) => {
      const t0 = training[k];
      const s0 = test[k];
      if (t0 === null || s0 === null) return expect(g.nReplicates).toBe(0);
      expect(g.nReplicates).toBe(1);
      expectClose(g.optimism, t0 - s0, TIGHT, `optimism[${k}]`);
      expectClose(g.observedCorrected, (g.observedApparent ?? Number.NaN) - (t0 - s0), TIGHT, `corrected[${k}]`);
    });
  });

  it("a group whose follow-up ends before u has no apparent and no corrected value, but its optimism is kept", () => {
    const fx = loadFixture<CalInput, CalExpected>("calibrate", "no-follow-up");
    const r = calibrationCorrected(coxInput(fx.input), fx.input.u, { resamples: fx.input.resamples, m: 10 });
    expect(r.groups[0]).toMatchObject({ n: 10, observedApparent: null, observedCorrected: null });
    expect(r.groups[0].optimism).not.toBeNull();
    expect(r.groups[0].nReplicates).toBe(fx.expected.restatement.groups[0].nReplicates);
    expect(r.warnings.join("\n")).toMatch(/group 1: follow-up ends before t = 10/);
    expect(r.groups.slice(1).every((g) => g.observedCorrected !== null)).toBe(true);
  });

  it("ties in the linear predictor: tied patients on a cut all fall in the interval that starts at it", () => {
    const fx = loadFixture<CalInput, CalExpected>("calibrate", "lung-ties");
    const input = coxInput(fx.input);
    const r = calibrationCorrected(input, 365, { resamples: fx.input.resamples.slice(0, 2), m: 56 });
    const fit = coxFit(input, { robust: false });
    const S = predictedSurvival(linearPredictor(input, fit.coef), baselineAt(input, fit, 365));
    expect(new Set(S).size).toBe(7); // sex × ph.ecog (ph.ecog = 3 once)
    // the second cut is a type-7 quantile that lands on a predicted value shared by 71 patients
    const g2 = r.groups[1];
    expectClose(g2.predicted, g2.lower, { rel: 1e-14 }, "mean of the tied group");
    expect(g2.n).toBe(S.filter((s) => s === g2.lower).length);
    expect(r.groups.reduce((a, g) => a + g.n, 0)).toBe(227);
  });

  it("skips draws with fewer than 5 events, as rms does, and says so", () => {
    const n = 12;
    const input: CoxInput = {
      time: Float64Array.from({ length: n }, (_, i) => 1 + i),
      status: Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0)),
      x: Float64Array.from({ length: n }, (_, i) => (i * 5) % 7),
      p: 1,
      columnNames: ["z"],
    };
    const censoredOnly = Array.from({ length: n }, () => 1); // row 1 is censored: 0 events
    const same = Array.from({ length: n }, (_, i) => i);
    const r = calibrationCorrected(input, 6, { resamples: [censoredOnly, same], groups: 2 });
    expect(r.nFailed).toBe(1);
    expect(r.warnings.join()).toMatch(/1 of 2 bootstrap samples had fewer than 5 events/);
    // the identity draw: training = test = apparent, so no optimism
    for (const g of r.groups) if (g.optimism !== null) expect(Math.abs(g.optimism)).toBeLessThan(1e-12);
  });

  it("uses the same seeded draws as bootstrapOptimism and records the seed", () => {
    const a = calibrationCorrected(lungInput, 365, { B: 3, seed: 5, m: 50 });
    const b = calibrationCorrected(lungInput, 365, { resamples: [0, 1, 2].map((k) => Array.from(bootstrapResample(227, 5, k))), m: 50 });
    expect(a.groups).toEqual(b.groups);
    expect(a.options).toMatchObject({ B: 3, seed: 5, resamples: "seeded", grouping: "m", m: 50 });
  });

  it("rejects bad options with typed errors", () => {
    expect(() => calibrationCorrected(lungInput, 365, { m: 50, groups: 4 })).toThrow(/at most one/);
    expect(() => calibrationCorrected(lungInput, 365, { cuts: [0.5, 0.2] })).toThrow(/cuts/);
    expect(() => calibrationCorrected(lungInput, 365, { cuts: [0.2, 1.5] })).toThrow(/cuts/);
    expect(() => calibrationCorrected(lungInput, 365, { B: 0 })).toThrow(/B/);
    expect(() => calibrationCorrected(lungInput, 0)).toThrow(/time/);
    expect(() => calibrationCorrected(lungInput, 365, { resamples: [[0, 1]] })).toThrow(/resamples/);
  });
});

describe("rms's grouping pieces", () => {
  it("quantileCuts is unique(quantile(c(0, 1, S), seq(0, 1, length = g + 1))) (type 7)", () => {
    // R: quantile(c(0, 1, .2, .4, .6, .8), c(0, 1/3, 2/3, 1)) = 0, 0.3333333, 0.6666667, 1
    expectClose(quantileCuts([0.2, 0.4, 0.6, 0.8], 3), [0, 1 / 3, 2 / 3, 1], { rel: 1e-14 }, "cuts");
    expect(quantileCuts([0.2, 0.4, 0.6, 0.8], 2)).toEqual([0, 0.5, 1]);
    // ties collapse cuts: quantile(c(0, 1, .5, .5, .5, .5), c(0, .25, .5, .75, 1)) = 0, .5, .5, .5, 1
    expect(quantileCuts([0.5, 0.5, 0.5, 0.5], 4)).toEqual([0, 0.5, 1]);
    expect(quantileCuts([0.3, 0.7], 1)).toEqual([0, 1]);
  });

  it("groupKm: [c_k, c_k+1) intervals (last closed), KM at u + 1e-6, NA with < 2 patients or no follow-up unless KM = 0", () => {
    const predicted = [0.1, 0.2, 0.35, 0.45, 0.5, 0.6, 0.7, 0.85, 0.88, 1];
    const time = Float64Array.from([1, 3, 1, 5 - 5e-7, 2, 4, 5 + 5e-7, 1, 2, 9]);
    const status = [1, 0, 1, 0, 1, 0, 1, 1, 1, 0];
    const gk = groupKm(time, status, predicted, [0, 0.3, 0.5, 0.8, 0.9, 1], 5);
    expect(Array.from(gk.n)).toEqual([2, 2, 3, 2, 1]);
    expect(Array.from(gk.events)).toEqual([1, 1, 2, 2, 0]);
    expectClose(gk.predicted, [0.15, 0.4, 0.6, 0.865, 1], { rel: 1e-14 }, "mean predicted");
    // 1: ends at 3 < u with KM 0.5 → NA; 2: ends at u − 5e-7, within 1e-6 → 0.5; 3: the death at u + 5e-7
    // counts (≤ u + 1e-6) → 0; 4: reaches 0 at 2, so 0 at u though its follow-up ends before u; 5: one patient → NA
    // (rms::groupkm(p, Surv(t, s), u = 5, cuts = ...) gives KM NA, 0.5, 0, 0, NA on these rows)
    expectClose(gk.observed, [Number.NaN, 0.5, 0, 0, Number.NaN], { rel: 1e-14 }, "KM at u");
  });

  it("riskGroupCuts reproduce calibrationAtTime's risk groups (lms cohort, the front door's grouping)", () => {
    const fx = loadFixture<CalInput, CalExpected>("calibrate", "lms-cohort");
    const input = coxInput(fx.input);
    const fit = coxFit(input, { robust: false });
    const lp = linearPredictor(input, fit.coef);
    const S = predictedSurvival(lp, baselineAt(input, fit, 60));
    const cuts = riskGroupCuts(lp, S, 5);
    expectClose(cuts, fx.expected.restatement.cuts, { rel: 1e-12 }, "rank cuts");
    const apparent = calibrationAtTime(input.time, input.status, lp, S, 60, { groups: 5 });
    const gk = groupKm(input.time, input.status, S, cuts, 60);
    // interval 1 = highest risk = calibrationAtTime's last group
    const rev = [...apparent.groups].reverse();
    expect(Array.from(gk.n)).toEqual(rev.map((g) => g.n));
    expectClose(gk.predicted, rev.map((g) => g.predicted), { rel: 1e-14 }, "predicted");
    expectClose(gk.observed, rev.map((g) => g.observed), { rel: 1e-12 }, "observed");
  });
});

describe("validatePredictionModel → calibrationCorrected", () => {
  const rows = ["time,status,age,group"];
  for (let i = 0; i < 60; i++) rows.push(`${1 + ((i * 37) % 53) + (i % 3)},${i % 5 === 4 ? 0 : 1},${40 + ((i * 11) % 30)},${i % 2 === 0 ? "b" : "a"}`);
  const csv = new TextEncoder().encode(rows.join("\n") + "\n");
  const formula = "Surv(time, status) ~ age + group";

  it("is rms::calibrate over the optimism's draws with cuts of the calibration table's risk groups", async () => {
    const { readTable } = await import("../../src/data/read.js");
    const { coxInputFromFormula } = await import("../../src/survival/coxph.js");
    const { validatePredictionModel } = await import("../../src/survival/validation/index.js");
    const { table } = readTable(csv, { fileName: "toy.csv" });
    const v = validatePredictionModel(table, formula, { time: 20, B: 6, seed: 4, groups: 4 });
    const cc = v.calibrationCorrected;
    expect(cc).not.toBeNull();
    if (!cc || !v.calibration) return;
    const { input } = coxInputFromFormula(table, formula);
    const lp = linearPredictor(input, v.fit.coef);
    const S = predictedSurvival(lp, baselineAt(input, v.fit, 20));
    const direct = calibrationCorrected(input, 20, { B: 6, seed: 4, cuts: riskGroupCuts(lp, S, 4) });
    expect(cc).toEqual(direct);
    const rev = [...v.calibration.groups].reverse();
    expect(cc.groups.map((g) => g.n)).toEqual(rev.map((g) => g.n));
    expectClose(cc.groups.map((g) => g.observedApparent), rev.map((g) => g.observed), { rel: 1e-12 }, "observed");
    expect(cc.options).toMatchObject({ B: 6, seed: 4, grouping: "cuts" });
  });

  it("is null without a horizon or with B = 0", async () => {
    const { readTable } = await import("../../src/data/read.js");
    const { validatePredictionModel } = await import("../../src/survival/validation/index.js");
    const { table } = readTable(csv, { fileName: "toy.csv" });
    expect(validatePredictionModel(table, formula, { time: 20, B: 0 }).calibrationCorrected).toBeNull();
    expect(validatePredictionModel(table, formula, { B: 2 }).calibrationCorrected).toBeNull();
  });
});
