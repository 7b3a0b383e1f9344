// Golden tests: mice 3.15.0's normal-model fit (mice:::estimice / .norm.draw) and predictive mean matching
// (mice.impute.pmm, matchindex) against tools/oracle/mice.R -> test/fixtures/mi/{norm,pmm}-*.json, with R's
// random draws replayed.
import { describe, expect, it } from "vitest";
import { drawNorm, estimateNorm } from "../../src/mi/norm.js";
import { matchIndex } from "../../src/mi/match-index.js";
import { pmmWithDraws } from "../../src/mi/pmm.js";
import { withInterceptRows } from "../../src/mi/design.js";
import { expectClose } from "../helpers/expect-close.js";
import { colMajor, loadMi, mask, notMask } from "./load.js";

interface NormIn { y: number[]; ry: boolean[]; x: number[][]; seed: number }
interface NormOut { coef: (number | null)[]; v: number[][]; df: number; rss: number; draws: { chisq: number; z: number[] }; beta: number[]; sigma: number }

describe("estimateNorm / drawNorm equal mice:::estimice and .norm.draw", () => {
  for (const name of ["norm-basic", "norm-collinear"]) {
    it(`${name}: coefficients, (RᵀR)⁻¹ (with mice's ridge when aliased), df, RSS and β* given R's draws`, () => {
      const f = loadMi<NormIn, NormOut>(name);
      const { x, n, q } = colMajor(f.input.x);
      const obs = withInterceptRows(x, n, q, mask(f.input.ry));
      const yObs = Float64Array.from(f.input.y.filter((_, i) => f.input.ry[i]));
      const fit = estimateNorm(obs.x, obs.rows, q + 1, yObs);
      expectClose(Array.from(fit.coef), f.expected.coef, { rel: 1e-8, abs: 1e-12 }, "coef");
      expectClose(Array.from(fit.v), f.expected.v.flat(), { rel: 1e-8, abs: 1e-12 }, "v");
      expect(fit.df).toBe(f.expected.df);
      expectClose(fit.rss, f.expected.rss, { rel: 1e-10 }, "rss");
      expect(fit.ridge).toBe(name === "norm-collinear");
      const d = drawNorm(fit, f.expected.draws.chisq, f.expected.draws.z);
      expectClose(d.sigma, f.expected.sigma, { rel: 1e-10 }, "sigma");
      expectClose(Array.from(d.beta), f.expected.beta, { rel: 1e-8, abs: 1e-12 }, "beta");
    });
  }
});

interface PmmIn { y: number[]; ry: boolean[]; x: number[][]; seed: number; donors: number }
interface PmmOut {
  draws: { chisq: number; z: number[]; shuffle: number[]; h: number[] };
  imputed: number[];
  matchindex: { d: number[]; t: number[]; shuffle: number[]; h: number[]; idx: number[] };
}

describe("pmm equals mice.impute.pmm given R's draws", () => {
  for (const name of ["pmm-basic", "pmm-ties"]) {
    it(`${name}: matchindex picks the same donors, and pmm imputes the same values`, () => {
      const f = loadMi<PmmIn, PmmOut>(name);
      const mi = f.expected.matchindex;
      expect(Array.from(matchIndex(mi.d, mi.t, f.input.donors, mi.shuffle, mi.h))).toEqual(mi.idx);
      const { x, q } = colMajor(f.input.x);
      const out = pmmWithDraws({ y: Float64Array.from(f.input.y), ry: mask(f.input.ry), wy: notMask(f.input.ry), x, q }, f.input.donors, f.expected.draws);
      expect(Array.from(out.values)).toEqual(f.expected.imputed);
    });
  }

  it("matchIndex with k = 1 returns the nearest donor and breaks an exact tie by the shuffle", () => {
    // d = (-5, 5, 0, 10, 12); t = 4 → nearest is 5 (position 2); t = 11 is a tie 10 / 12: right side wins after the shuffle
    expect(Array.from(matchIndex([-5, 5, 0, 10, 12], [4, -6, 100], 1, [1, 2, 3, 4, 5], [1, 1, 1]))).toEqual([2, 1, 5]);
    expect(Array.from(matchIndex([-5, 5, 0, 10, 12], [11], 1, [1, 2, 3, 4, 5], [1]))).toEqual([5]);
    // the 3rd nearest of t = 1 among {-5, 0, 5, 10, 12} is -5 (distances 1, 4, 6)
    expect(Array.from(matchIndex([-5, 5, 0, 10, 12], [1], 5, [5, 4, 3, 2, 1], [3]))).toEqual([1]);
  });
});
