/**
 * The clone–censor–weight bootstrap's per-arm survival (`bootstrap.armSurvival`) and the MOVER interval on the
 * complementary log-log scale built from it (src/causal/ccw/mover.ts; Zou & Donner 2008, doi:10.1002/sim.3125):
 * the limits equal tools/oracle/ccw-mover.R, which reads the replicates the engine wrote (bench/coverage/ccw-mover-fixture.ts).
 */
import { describe, expect, it } from "vitest";
import { ccwResampleIndices, cloneCensorWeight, resampleCcwInput, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloglogLimits, moverCloglogColumn, moverDifference } from "../../src/causal/ccw/mover.js";
import { normalQuantile } from "../../src/math/distributions.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Case {
  name: string;
  grace: number;
  times: number[];
  censoringPeriods: number;
  replicates: number;
  bootSeed: number;
  confLevel: number;
  maxFailedShare: number;
}
interface Input {
  case: Case;
  data: { time: number[]; status: number[]; treatmentTime: (number | null)[]; x: number[]; p: number; columnNames: string[] };
  confLevel: number;
  maxFailedShare: number;
  times: number[];
  estimates: [number, number][];
  armSurvival: (number | null)[][][];
}
interface Expected {
  time: number;
  lower: number | null;
  upper: number | null;
  cloglogSe: [number | null, number | null];
  correlation: number | null;
  armLimits?: [[number, number], [number, number]];
}

function cohort(d: Input["data"]): CcwInput {
  return {
    time: Float64Array.from(d.time),
    status: Int32Array.from(d.status),
    treatmentTime: Float64Array.from(d.treatmentTime, (v) => v ?? Number.POSITIVE_INFINITY),
    x: Float64Array.from(d.x),
    p: d.p,
    columnNames: d.columnNames,
  };
}

function run(fx: Input, bootstrap: boolean): ReturnType<typeof cloneCensorWeight> {
  const c = fx.case;
  return cloneCensorWeight(cohort(fx.data), {
    grace: c.grace,
    times: c.times,
    confLevel: c.confLevel,
    censoringModel: "piecewise",
    censoringPeriods: c.censoringPeriods,
    ...(bootstrap ? { bootstrap: { replicates: c.replicates, seed: c.bootSeed, maxFailedShare: c.maxFailedShare } } : {}),
  });
}

const toNaN = (v: number | null): number => v ?? Number.NaN;

describe("MOVER complementary log-log interval with bootstrap SEs equals tools/oracle/ccw-mover.R", () => {
  for (const name of listFixtures("ccw-mover", 2)) {
    const fx = loadFixture<Input, Expected[]>("ccw-mover", name);
    const inp = fx.input;
    const replicates = inp.armSurvival.map((row) => row.map((v) => [toNaN(v[0]), toNaN(v[1])] as const));
    it(`${name}: limits, per-arm SEs and correlation`, () => {
      const z = normalQuantile(1 - (1 - inp.confLevel) / 2);
      let withLimits = 0;
      inp.times.forEach((t, k) => {
        const e = fx.expected[k];
        const m = moverCloglogColumn(replicates, k, inp.estimates[k], z, inp.maxFailedShare);
        expect(m.lower === null, `t = ${t}: limits present as in R`).toBe(e.lower === null);
        if (e.lower === null) {
          expect(m.upper).toBeNull();
          expect(m.note).toMatch(/not estimable by bootstrap/);
          return;
        }
        withLimits++;
        expectClose(m.lower, e.lower, { rel: 1e-10 }, `t = ${t} lower`);
        expectClose(m.upper, e.upper, { rel: 1e-10 }, `t = ${t} upper`);
        expectClose(m.cloglogSe[0], e.cloglogSe[0], { rel: 1e-10 }, `t = ${t} SE treat`);
        expectClose(m.cloglogSe[1], e.cloglogSe[1], { rel: 1e-10 }, `t = ${t} SE control`);
        expectClose(m.correlation, e.correlation, { rel: 1e-10 }, `t = ${t} r`);
        // the interval holds the estimate, with a positive length on each side
        const d = inp.estimates[k][0] - inp.estimates[k][1];
        expect(m.lower!).toBeLessThan(d);
        expect(m.upper!).toBeGreaterThan(d);
      });
      expect(withLimits).toBeGreaterThanOrEqual(3);
    });

    it(`${name}: the engine still records these replicates (bootstrap.armSurvival) and estimates`, () => {
      const res = run(inp, true);
      const b = res.bootstrap!;
      expect(b.armSurvival).toHaveLength(inp.case.replicates);
      inp.times.forEach((t, k) => {
        expectClose(res.arms[0].survival[k], inp.estimates[k][0], { rel: 1e-10 }, `t = ${t} treat`);
        expectClose(res.arms[1].survival[k], inp.estimates[k][1], { rel: 1e-10 }, `t = ${t} control`);
        b.armSurvival.forEach((row, r) => {
          expectClose(row[k][0], replicates[r][k][0], { rel: 1e-10 }, `replicate ${r}, t = ${t}, treat`);
          expectClose(row[k][1], replicates[r][k][1], { rel: 1e-10 }, `replicate ${r}, t = ${t}, control`);
        });
      });
    });
  }

  it("a case with an arm survival of 1 at a time in some replicates (θ* = −∞ left out) and a time with too many failed replicates is covered", () => {
    const inp = loadFixture<Input, Expected[]>("ccw-mover", "lms-n150-late").input;
    const ones = inp.armSurvival.filter((row) => row[0].some((v) => v === 1)).length;
    const nan = inp.armSurvival.filter((row) => row[3].some((v) => v === null)).length;
    expect(ones).toBeGreaterThan(0);
    expect(nan / inp.armSurvival.length).toBeGreaterThan(inp.maxFailedShare);
  });
});

describe("bootstrap.armSurvival: each replicate's per-arm survival", () => {
  const fx = loadFixture<Input, Expected[]>("ccw-mover", "lms-n150-late").input;
  const res = run(fx, true);
  const b = res.bootstrap!;

  it("equals the arms' survival of the pipeline run on that replicate's resample, NaN past an arm's follow-up", () => {
    const input = cohort(fx.data);
    let nan = 0;
    for (const r of [0, 1, 5, 17, 39]) {
      const one = cloneCensorWeight(resampleCcwInput(input, ccwResampleIndices(input.time.length, fx.case.bootSeed, r)), {
        grace: fx.case.grace,
        times: fx.case.times,
        censoringModel: "piecewise",
        censoringPeriods: fx.case.censoringPeriods,
      });
      fx.case.times.forEach((_, k) => {
        for (const a of [0, 1]) {
          const s = one.arms[a].survival[k];
          if (s === null) nan++;
          expect(b.armSurvival[r][k][a]).toBe(s ?? Number.NaN);
        }
      });
    }
    expect(nan).toBeGreaterThan(0);
  });

  it("the difference of a replicate's arms is that replicate's survival difference (bootstrap.values)", () => {
    fx.case.times.forEach((_, k) => {
      b.armSurvival.forEach((row, r) => {
        const d = row[k][0] - row[k][1];
        const v = b.values[r][k];
        expect(Number.isNaN(v)).toBe(Number.isNaN(d));
        if (!Number.isNaN(v)) expect(v).toBe(d);
      });
    });
  });
});

describe("MOVER arithmetic", () => {
  it("per-arm limits are z·SE from the estimate on the complementary log-log scale, lower below upper", () => {
    const z = 1.959963984540054;
    const [l, u] = cloglogLimits(0.7, 0.2, z);
    const th = (s: number): number => Math.log(-Math.log(s));
    expectClose(th(l) - th(0.7), z * 0.2, { rel: 1e-12 }, "lower");
    expectClose(th(0.7) - th(u), z * 0.2, { rel: 1e-12 }, "upper");
    expect(l).toBeLessThan(0.7);
    expect(u).toBeGreaterThan(0.7);
  });

  it("hand cases: independent arms add the squared distances; r = 1 with equal distances gives D", () => {
    // (0.8 − 0.7)² + (0.65 − 0.6)² = 0.0125; (0.88 − 0.8)² + (0.6 − 0.52)² = 0.0128
    const [L, U] = moverDifference(0.8, 0.7, 0.88, 0.6, 0.52, 0.65, 0);
    expectClose(L, 0.2 - Math.sqrt(0.0125), { rel: 1e-12 }, "L");
    expectClose(U, 0.2 + Math.sqrt(0.0128), { rel: 1e-12 }, "U");
    const [L1, U1] = moverDifference(0.8, 0.7, 0.9, 0.6, 0.5, 0.7, 1);
    expectClose(L1, 0.2, { abs: 1e-12 }, "L, r = 1");
    expectClose(U1, 0.2, { abs: 1e-12 }, "U, r = 1");
  });

  it("no interval when an arm's estimate is 0 or 1", () => {
    const reps = [[[0.9, 0.8] as const], [[0.95, 0.85] as const], [[0.92, 0.83] as const]];
    const m = moverCloglogColumn(reps, 0, [1, 0.8], 1.96, 0.1);
    expect(m.lower).toBeNull();
    expect(m.note).toMatch(/0 or 1/);
  });
});
