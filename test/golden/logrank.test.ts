/**
 * Golden tests: logrankTest / logrankTrendTest / hazard ratio against survival::survdiff
 * (fixtures written by tools/oracle/logrank.R; each fixture records its exact R call).
 * Tolerances (design): observed counts exact when rho = 0; E, V, chisq, p and derived ratios 1e-8 relative.
 */
import { describe, expect, it } from "vitest";
import { logrankTest, logrankTrendTest } from "../../src/survival/logrank.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: (number | null)[];
  status: number[];
  group: number[];
  groupLevels: string[] | string;
  strata?: number[];
  strataLevels?: string[] | string;
  rho: number;
}
interface Expected {
  n: number[] | number;
  groupNames: string[] | string;
  observed: number[];
  expected: number[];
  var: number[][];
  chisq: number;
  df: number;
  p: number | null;
  observedByStratum?: number[][];
  expectedByStratum?: number[][];
  strataNames?: string[];
  strataN?: number[];
  hazardRatio?: { observedExpectedRatio: number[]; peto: number[] };
  trend?: { scores: number[] | number; statistic: number; variance: number; chisq: number; p: number };
}

const arr = <T>(x: T[] | T): T[] => (Array.isArray(x) ? x : [x]);

function toInput(inp: Input) {
  return {
    time: Float64Array.from(inp.time, (t) => (t === null ? Number.NaN : t)),
    status: Int32Array.from(inp.status),
    group: { codes: Int32Array.from(inp.group), levels: arr(inp.groupLevels) },
    ...(inp.strata ? { strata: { codes: Int32Array.from(inp.strata), levels: arr(inp.strataLevels ?? []) } } : {}),
  };
}

const rel = { rel: 1e-10, abs: 1e-12 }; // observed ≤ 6e-14

describe("logrankTest equals survival::survdiff", () => {
  for (const name of listFixtures("logrank", 22)) {
    const fx = loadFixture<Input, Expected>("logrank", name);
    it(`${name}: ${fx.call}`, () => {
      const r = logrankTest(toInput(fx.input), { rho: fx.input.rho });
      const e = fx.expected;
      expect(r.groups.map((g) => g.name)).toEqual(arr(e.groupNames));
      expect(r.groups.map((g) => g.n)).toEqual(arr(e.n));
      if (fx.input.rho === 0) expect(r.groups.map((g) => g.observed)).toEqual(e.observed);
      else expectClose(r.groups.map((g) => g.observed), e.observed, rel, "observed");
      expectClose(r.groups.map((g) => g.expected), e.expected, rel, "expected");
      const k = e.observed.length;
      for (let g = 0; g < k; g++) expectClose(r.variance[g], e.var[g], rel, `var[${g}]`);
      expectClose(r.chisq, e.chisq, rel, "chisq");
      expect(r.df).toBe(e.df);
      expectClose(r.p, e.p, rel, "p");
      if (e.observedByStratum) {
        expect(r.strata?.map((s) => s.name)).toEqual(e.strataNames);
        expect(r.strata?.map((s) => s.n)).toEqual(e.strataN);
        e.observedByStratum.forEach((row, s) => expectClose(r.strata?.[s].observed ?? [], row, rel, `observed[stratum ${s}]`));
        e.expectedByStratum?.forEach((row, s) => expectClose(r.strata?.[s].expected ?? [], row, rel, `expected[stratum ${s}]`));
      }
      if (e.hazardRatio) {
        const hr = r.hazardRatio;
        expect(hr).not.toBeNull();
        const oe = hr?.observedExpectedRatio;
        const pe = hr?.peto;
        expectClose([oe?.estimate, oe?.lower, oe?.upper], e.hazardRatio.observedExpectedRatio, rel, "HR O/E");
        expectClose([pe?.estimate, pe?.lower, pe?.upper], e.hazardRatio.peto, rel, "HR Peto");
      }
      if (e.trend) {
        const levels = arr(fx.input.groupLevels);
        const present = arr(e.groupNames);
        const given = arr(e.trend.scores);
        // fixture scores are per present group; map them onto the declared levels
        const scores = levels.map((l) => (present.includes(l) ? given[present.indexOf(l)] : 0));
        const t = logrankTrendTest(toInput(fx.input), { rho: fx.input.rho, scores });
        expectClose(t.statistic, e.trend.statistic, rel, "trend statistic");
        expectClose(t.variance, e.trend.variance, rel, "trend variance");
        expectClose(t.chisq, e.trend.chisq, rel, "trend chisq");
        expectClose(t.p, e.trend.p, rel, "trend p");
      }
    });
  }
});
