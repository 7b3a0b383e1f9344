/**
 * Golden tests: cloneCensorWeight against the published clone–censor–weight algorithm written with
 * data.table + survival (tools/oracle/ccw.R → test/fixtures/ccw/*.json): clone counts, censoring-model
 * coefficients, each clone's weight, the weighted Kaplan–Meier curves, survival and RMST differences,
 * the per-protocol log HR with its robust (cluster) and model-based SE, to 1e-8 relative; and the
 * statistics of 20 bootstrap replicates, replayed on R's resampled patient indices, to 1e-8.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ccwStandardErrors, ccwStatistics, cloneCensorWeight, resampleCcwInput, type CcwArm, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { endWeights } from "../../src/causal/ccw/rows.js";
import { largerSeWald, studentizedColumn, summariseColumn } from "../../src/causal/ccw/interval.js";
import { armWeights } from "../../src/causal/ccw/weights.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ccw");

type Num = number | null;
/** jsonlite writes length-1 vectors as scalars. */
const arr = (v: Num | Num[] | undefined): Num[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface RArm {
  time: Num | Num[];
  nRisk: Num | Num[];
  nEvent: Num | Num[];
  surv: Num | Num[];
  at: Num | Num[];
  rmst: Num;
  clones: number;
  deviations: number;
  events: number;
  censoringCoef: Num | Num[] | null;
  wEnd: Num[];
}
interface Fixture {
  call: string;
  input: { time: number[]; status: number[]; treatmentTime: Num[]; x: number[][]; columnNames: string | string[]; grace: number; times: number | number[]; tau: number; stabilized: boolean; censoringModel?: "cox" | "piecewise"; censoringPeriods?: number };
  expected: {
    treat: RArm;
    control: RArm;
    survDiff: Num | Num[];
    rmstDiff: Num;
    logHR: number;
    robustSe: number;
    naiveSe: number;
    /** IJ SEs (weights held fixed) of the survival differences and the RMST difference. */
    analyticSe: Num | Num[];
    bootstrap: { indices: number[][]; values: Num[][]; standardErrors: Num[][]; studentized: Num[][]; waldLargerSe: Num[][] };
  };
}

function toInput(fx: Fixture): CcwInput {
  const n = fx.input.time.length;
  const names = Array.isArray(fx.input.columnNames) ? fx.input.columnNames : [fx.input.columnNames];
  const p = names.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[j * n + i] = fx.input.x[i][j];
  return {
    time: Float64Array.from(fx.input.time),
    status: Int32Array.from(fx.input.status),
    treatmentTime: Float64Array.from(fx.input.treatmentTime, (a) => (a === null ? Number.POSITIVE_INFINITY : a)),
    x,
    p,
    columnNames: names,
  };
}

function compareArm(label: string, js: CcwArm, r: RArm): void {
  expect(js.clones).toBe(r.clones);
  expect(js.deviations).toBe(r.deviations);
  expect(js.events).toBe(r.events);
  expectClose(js.curve.time, arr(r.time), { rel: 1e-12 }, `${label} time`);
  expectClose(js.curve.nRisk, arr(r.nRisk), { rel: 1e-8 }, `${label} nRisk`);
  expectClose(js.curve.nEvent, arr(r.nEvent), { rel: 1e-8 }, `${label} nEvent`);
  expectClose(js.curve.surv, arr(r.surv), { rel: 1e-8, abs: 1e-14 }, `${label} surv`);
  expectClose(js.survival, arr(r.at), { rel: 1e-8, abs: 1e-14 }, `${label} survival at times`);
  expectClose(js.rmst, r.rmst, { rel: 1e-8 }, `${label} rmst`);
  if (r.censoringCoef === null) expect(js.censoringModel).toBeNull();
  else expectClose(js.censoringModel?.coef ?? [], arr(r.censoringCoef), { rel: 1e-8 }, `${label} censoring coef`);
}

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
// the number of cases, as listFixtures states it (4 datasets × models, and the example with the study's 1 period:
// tools/oracle/ccw.R); a missing fixture fails here
const FIXTURE_COUNT = 9;

describe("cloneCensorWeight equals the clone–censor–weight algorithm in R (tools/oracle/ccw.R)", () => {
  it(`holds the ${FIXTURE_COUNT} fixtures of tools/oracle/ccw.R, 5 of them with the default (piecewise) censoring model`, () => {
    expect(files).toHaveLength(FIXTURE_COUNT);
    expect(files.filter((f) => f.includes("-piecewise"))).toHaveLength(5);
  });
  for (const f of files) {
    const fx = JSON.parse(readFileSync(join(dir, f), "utf8")) as Fixture;
    const input = toInput(fx);
    // fixtures without a censoring model predate the piecewise default: the single Cox model
    const censoring = { model: fx.input.censoringModel ?? ("cox" as const), periods: fx.input.censoringPeriods ?? 1 };
    const options = {
      grace: fx.input.grace,
      times: arr(fx.input.times) as number[],
      tau: fx.input.tau,
      weights: fx.input.stabilized ? ("stabilized" as const) : ("unstabilized" as const),
      censoringModel: censoring.model,
      censoringPeriods: censoring.periods,
    };

    it(`${f}: curves, differences, weights and the per-protocol HR match R to 1e-8`, () => {
      const res = cloneCensorWeight(input, options);
      compareArm("treat", res.arms[0], fx.expected.treat);
      compareArm("control", res.arms[1], fx.expected.control);
      expectClose(res.survivalDifference.map((d) => d.estimate), arr(fx.expected.survDiff), { rel: 1e-8, abs: 1e-14 }, "survival difference");
      expectClose(res.rmstDifference?.estimate, fx.expected.rmstDiff, { rel: 1e-8 }, "RMST difference");
      expectClose(res.hazardRatio?.coef, fx.expected.logHR, { rel: 1e-8 }, "log HR");
      expectClose(res.hazardRatio?.robustSe, fx.expected.robustSe, { rel: 1e-8 }, "robust SE");
      expectClose(res.hazardRatio?.naiveSe, fx.expected.naiveSe, { rel: 1e-8 }, "model-based SE");
    });

    it(`${f}: each clone's weight at the end of its follow-up matches R to 1e-8`, () => {
      (["treat", "control"] as const).forEach((strategy) => {
        const clones = cloneArm(input.time, input.status, input.treatmentTime, fx.input.grace, strategy);
        const w = armWeights(clones, input.x, input.p, input.columnNames, fx.input.stabilized, strategy, censoring);
        expectClose(endWeights(clones, w), fx.expected[strategy].wEnd, { rel: 1e-8 }, `${strategy} weights`);
      });
    });

    it(`${f}: 20 bootstrap replicates replayed on R's resampled patients match R to 1e-8`, () => {
      const { indices, values } = fx.expected.bootstrap;
      indices.forEach((idx, b) => {
        const resampled = resampleCcwInput(input, Int32Array.from(idx));
        const js = ccwStatistics(resampled, options);
        const r = values[b];
        if (js.every((v) => Number.isNaN(v))) {
          // the failure rule: a censoring model that did not converge (e.g. a separated logistic fit on a
          // resample of 20 patients) fails the replicate; R's glm only warns, so its values are not compared
          expect(cloneCensorWeight(resampled, options).arms.some((a) => a.censoringModel !== null && !a.censoringModel.converged)).toBe(true);
          return;
        }
        // a log HR that R reports but that diverged is NaN in JS (the bootstrap's failure rule)
        const keep = js.map((v, k) => (Number.isNaN(v) && k === js.length - 1 ? Number.NaN : r[k]));
        expectClose(js, keep, { rel: 1e-8, abs: 1e-13 }, `replicate ${b + 1}`);
        // each replicate's analytic SEs (the scale of the bootstrap-t), where the statistic is defined
        const jsSe = ccwStandardErrors(resampled, options);
        const rSe = fx.expected.bootstrap.standardErrors[b].map((v, k) => (Number.isNaN(js[k]) || v === null || !(v > 1e-12) ? Number.NaN : v));
        expectClose(jsSe.map((v, k) => (Number.isNaN(rSe[k]) ? Number.NaN : v)), rSe, { rel: 1e-8, abs: 1e-15 }, `replicate ${b + 1} analytic SEs`);
      });
    });

    it(`${f}: the IJ SEs of the differences and the bootstrap-t limits of R's replicates match R to 1e-8`, () => {
      const res = cloneCensorWeight(input, options);
      const se = [...res.survivalDifference.map((d) => d.analyticSe), res.rmstDifference?.analyticSe ?? null];
      expectClose(se, arr(fx.expected.analyticSe), { rel: 1e-8 }, "analytic SE");
      const { values, standardErrors, studentized } = fx.expected.bootstrap;
      const num = (rows: Num[][]): number[][] => rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
      const est = [...arr(fx.expected.survDiff), fx.expected.rmstDiff, fx.expected.logHR];
      const estSe = [...arr(fx.expected.analyticSe), fx.expected.robustSe];
      studentized.forEach((lim, j) => {
        const e = est[j];
        if (e === null || estSe[j] === null || lim[0] === null) return;
        // R uses every finite replicate (no failure share): maxFailedShare just below 1
        const js = studentizedColumn(num(values), num(standardErrors), j, e, estSe[j] as number, 0.95, 0.999);
        expectClose([js.lower, js.upper], lim, { rel: 1e-8 }, `bootstrap-t limits of statistic ${j + 1}`);
      });
    });

    it(`${f}: the survival differences' reported limits (Wald, larger of the bootstrap SD and the IJ SE) from R's replicates match R to 1e-8`, () => {
      const { values, waldLargerSe } = fx.expected.bootstrap;
      const num = (rows: Num[][]): number[][] => rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
      const ase = arr(fx.expected.analyticSe);
      let compared = 0;
      waldLargerSe.forEach((lim, j) => {
        const e = arr(fx.expected.survDiff)[j];
        if (e === null || lim[0] === null) return;
        const boot = summariseColumn(num(values), j, 0.95, 0.999);
        const js = largerSeWald(e, boot.se, ase[j], 1.959963984540054);
        expectClose([js.lower, js.upper], lim, { rel: 1e-8 }, `limits of survival difference ${j + 1}`);
        compared++;
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});
