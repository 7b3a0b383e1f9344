/**
 * Golden tests: the clone–censor–weight weight diagnostics (src/causal/ccw/diagnostics.ts) against the same quantities
 * stated in base R on the oracle's own clones and censoring weights (tools/oracle/ccw-balance.R →
 * test/fixtures/ccw-balance/*.json): per strategy, the clones still in follow-up after the grace period, their weights
 * after G, Kish's ESS, and per covariate column the unweighted and weighted SMD against all clones at time 0 and the
 * variance ratio, to 1e-10 relative. Plus hand-checkable properties of the definitions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { armWeights } from "../../src/causal/ccw/weights.js";
import { armWeightDiagnostics, weightsAfter } from "../../src/causal/ccw/diagnostics.js";
import { endWeights } from "../../src/causal/ccw/rows.js";
import { expectClose } from "../helpers/expect-close.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ccw-balance");

type Num = number | null;
const arr = (v: Num | Num[]): Num[] => (Array.isArray(v) ? v : [v]);

interface RTerm {
  term: string;
  binary: boolean;
  meanReference: number;
  meanUncensored: number;
  meanWeighted: number;
  unweighted: number;
  weighted: number;
  varianceRatioUnweighted: Num;
  varianceRatioWeighted: Num;
}
interface RArm {
  clones: number;
  reference: number;
  uncensored: number;
  essUncensored: number;
  weights: Num | Num[];
  terms: RTerm[];
}
interface Fixture {
  input: { time: number[]; status: number[]; treatmentTime: Num[]; x: number[][]; columnNames: string[]; grace: number; stabilized: boolean; censoringModel: "cox" | "piecewise"; censoringPeriods: number; binary: "raw" | "std" };
  expected: { treat: RArm; control: RArm };
}

function toInput(fx: Fixture): CcwInput {
  const n = fx.input.time.length;
  const p = fx.input.columnNames.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[j * n + i] = fx.input.x[i][j];
  return {
    time: Float64Array.from(fx.input.time),
    status: Int32Array.from(fx.input.status),
    treatmentTime: Float64Array.from(fx.input.treatmentTime, (a) => (a === null ? Number.POSITIVE_INFINITY : a)),
    x,
    p,
    columnNames: fx.input.columnNames,
  };
}

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("the clone–censor–weight weight diagnostics equal their definition stated in R (tools/oracle/ccw-balance.R)", () => {
  it("holds the 3 fixtures of tools/oracle/ccw-balance.R", () => {
    expect(files).toEqual(["edge-ties-piecewise-std.json", "lms-example-cox-stabilized-raw.json", "lms-example-piecewise-1-std.json"]);
  });
  for (const f of files) {
    const fx = JSON.parse(readFileSync(join(dir, f), "utf8")) as Fixture;
    const input = toInput(fx);
    const res = cloneCensorWeight(input, {
      grace: fx.input.grace,
      weights: fx.input.stabilized ? "stabilized" : "unstabilized",
      censoringModel: fx.input.censoringModel,
      censoringPeriods: fx.input.censoringPeriods,
      balance: { binary: fx.input.binary },
    });
    (["treat", "control"] as const).forEach((strategy, a) => {
      const r = fx.expected[strategy];
      const d = res.diagnostics.perArm[a];
      it(`${f}, ${strategy}: uncensored clones, their weights after G and Kish's ESS match R to 1e-10`, () => {
        expect(d.strategy).toBe(strategy);
        expect(d.clones).toBe(r.clones);
        expect(d.uncensored).toBe(r.uncensored);
        expect(d.reference).toBe(r.reference);
        expectClose(d.essUncensored, r.essUncensored, { rel: 1e-10 }, "ESS of the uncensored clones");
        const clones = cloneArm(input.time, input.status, input.treatmentTime, fx.input.grace, strategy);
        const wts = armWeights(clones, input.x, input.p, input.columnNames, fx.input.stabilized, strategy, { model: fx.input.censoringModel, periods: fx.input.censoringPeriods });
        const w = weightsAfter(wts, clones.tc.length, fx.input.grace);
        const kept = Array.from(clones.tc, (t, i) => (t > fx.input.grace ? i : -1)).filter((i) => i >= 0);
        expectClose(kept.map((i) => w[i]), arr(r.weights), { rel: 1e-10 }, "weights after G");
        // every deviation happens by G: the weight after G is the one each uncensored clone carries to its end
        const end = endWeights(clones, wts);
        expectClose(kept.map((i) => w[i]), kept.map((i) => end[i]), { rel: 1e-12 }, "weight after G = weight at the end of follow-up");
        expect(d.weightsUncensored?.max).toBe(Math.max(...kept.map((i) => w[i])));
      });
      it(`${f}, ${strategy}: unweighted and weighted SMDs and variance ratios against all clones at time 0 match R to 1e-10`, () => {
        expect(d.after.map((x) => x.variable)).toEqual(r.terms.map((t) => t.term));
        expect(d.after.map((x) => x.type === "binary")).toEqual(r.terms.map((t) => t.binary));
        expectClose(d.before.map((x) => x.meanTreated), r.terms.map((t) => t.meanUncensored), { rel: 1e-10 }, "mean of the uncensored clones");
        expectClose(d.after.map((x) => x.meanTreated), r.terms.map((t) => t.meanWeighted), { rel: 1e-10 }, "weighted mean of the uncensored clones");
        expectClose(d.after.map((x) => x.meanControl), r.terms.map((t) => t.meanReference), { rel: 1e-10 }, "mean of the reference (alive and in follow-up after G)");
        expectClose(d.before.map((x) => x.smd), r.terms.map((t) => t.unweighted), { rel: 1e-10, abs: 1e-15 }, "unweighted SMD");
        expectClose(d.after.map((x) => x.smd), r.terms.map((t) => t.weighted), { rel: 1e-10, abs: 1e-15 }, "weighted SMD");
        expectClose(d.before.map((x) => x.varianceRatio), r.terms.map((t) => t.varianceRatioUnweighted), { rel: 1e-10 }, "unweighted variance ratio");
        expectClose(d.after.map((x) => x.varianceRatio), r.terms.map((t) => t.varianceRatioWeighted), { rel: 1e-10 }, "weighted variance ratio");
      });
    });
  }
});

describe("ccw weight diagnostics: the definitions", () => {
  it("ESS of equal weights is the number of uncensored clones; a clone whose follow-up ends at G is not uncensored", () => {
    // patients' own follow-up: the first died before G (not in the reference), the second and third are alive after G
    // but their clones deviated by G (censored artificially), the others are adherent and in follow-up after G
    const time = Float64Array.of(1, 9, 7, 5, 8, 9);
    const tc = Float64Array.of(1, 3, 3, 5, 8, 9);
    const x = Float64Array.of(50, 60, 70, 40, 55, 65);
    const d = armWeightDiagnostics("treat", time, tc, new Float64Array(6).fill(2), x, 1, ["age"], 3);
    expect(d.uncensored).toBe(3);
    expect(d.reference).toBe(5);
    expect(d.essUncensored).toBeCloseTo(3, 12);
    // uncensored ages 40, 55, 65 (mean 53.33) against the reference 60, 70, 40, 55, 65 (mean 58): the death before G
    // (age 50) is not in it; pooled SD of the two unweighted groups
    const ref = [60, 70, 40, 55, 65];
    const sd = Math.sqrt((((40 - 160 / 3) ** 2 + (55 - 160 / 3) ** 2 + (65 - 160 / 3) ** 2) / 2 + ref.reduce((s, v) => s + (v - 58) ** 2, 0) / 4) / 2);
    expectClose(d.before[0].smd, (160 / 3 - 58) / sd, { rel: 1e-12 }, "hand SMD");
    // equal weights: the weighted SMD is the unweighted one
    expectClose(d.after[0].smd, d.before[0].smd, { rel: 1e-12 }, "equal weights");
  });
  it("weights that restore the baseline mean give a weighted SMD of 0; unequal weights lower the ESS", () => {
    const time = Float64Array.of(10, 10, 10, 10); // everyone alive after G; two clones deviated before it
    const tc = Float64Array.of(10, 10, 1, 1);
    const x = Float64Array.of(0, 3, 1, 2); // mean of the reference = 1.5; uncensored 0 and 3 weighted 1:1 → 1.5
    const d = armWeightDiagnostics("control", time, tc, Float64Array.of(1, 1, 9, 9), x, 1, ["score"], 5);
    expect(Math.abs(d.after[0].smd)).toBeLessThan(1e-12);
    const e = armWeightDiagnostics("control", time, tc, Float64Array.of(1, 3, 9, 9), x, 1, ["score"], 5);
    expectClose(e.essUncensored, 16 / 10, { rel: 1e-12 }, "(1 + 3)² / (1 + 9)");
    expect(e.after[0].smd).toBeGreaterThan(0);
  });
  it("no clone left after G: ESS 0 and no balance rows", () => {
    const d = armWeightDiagnostics("treat", Float64Array.of(1, 2), Float64Array.of(1, 2), Float64Array.of(1, 1), Float64Array.of(1, 2), 1, ["a"], 6);
    expect(d.uncensored).toBe(0);
    expect(d.essUncensored).toBe(0);
    expect(d.after).toEqual([]);
    expect(d.weightsUncensored).toBeNull();
  });
});
