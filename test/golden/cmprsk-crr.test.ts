/**
 * Golden tests: fineGray against R cmprsk::crr + summary.crr (cmprsk 2.2-11), every fixture
 * test/fixtures/r/cmprsk/crr-*.json written by tools/oracle/cmprsk.R. Tolerances: coefficients, SEs
 * and variance 1e-10 relative: crr iterates to gtol = 1e-6, but survinfer takes the same Newton steps, so
 * the agreement is ~1e-14 (observed); log-likelihoods, information and baseline jumps 1e-10 as well.
 */
import { describe, expect, it } from "vitest";
import { fineGray } from "../../src/survival/competing/fine-gray.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface CrrInput {
  time: (number | null)[];
  cause: number[];
  x: (number | null)[];
  p: number;
  columnNames: string[];
  failcode: number;
  cencode: number;
}
interface CrrExpected {
  coef: number[];
  var: number[][];
  se: number[];
  z: number[];
  p: number[];
  lower: number[];
  upper: number[];
  logtest: number;
  loglik: number;
  loglikNull: number;
  converged: boolean;
  n: number;
  nMissing: number;
  uftime: number[];
  bfitj: number[];
  inf: number[][];
  score: number[];
}

const nan = (v: number | null): number => (v === null ? Number.NaN : v);
const cases = listFixtures("cmprsk", 6, (name) => name.startsWith("crr-"));

describe("fineGray equals cmprsk::crr", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(3));
  for (const name of cases) {
    it(`matches ${name}`, () => {
      const { input, expected } = loadFixture<CrrInput, CrrExpected>("cmprsk", name);
      const fit = fineGray({
        time: Float64Array.from(input.time, nan),
        cause: Int32Array.from(input.cause),
        x: Float64Array.from(input.x, nan),
        columnNames: input.columnNames,
        failcode: input.failcode,
        cencode: input.cencode,
      });
      expect(fit.converged).toBe(expected.converged);
      expect(fit.n).toBe(expected.n);
      expect(fit.nMissing).toBe(expected.nMissing);
      const col = (f: (t: (typeof fit.terms)[number]) => number) => fit.terms.map(f);
      expectClose(col((t) => t.coef), expected.coef, { rel: 1e-10 }, `${name} coef`);
      expectClose(col((t) => t.se), expected.se, { rel: 1e-10 }, `${name} se`);
      expectClose(col((t) => t.z), expected.z, { rel: 1e-10 }, `${name} z`);
      expectClose(col((t) => t.p), expected.p, { rel: 1e-10 }, `${name} p`);
      expectClose(col((t) => t.lower), expected.lower, { rel: 1e-10 }, `${name} lower`);
      expectClose(col((t) => t.upper), expected.upper, { rel: 1e-10 }, `${name} upper`);
      expectClose(fit.var.flat(), expected.var.flat(), { rel: 1e-10 }, `${name} var`);
      expectClose(fit.information.flat(), expected.inf.flat(), { rel: 1e-10 }, `${name} information`);
      expectClose(fit.loglik, expected.loglik, { rel: 1e-10 }, `${name} loglik`);
      expectClose(fit.loglikNull, expected.loglikNull, { rel: 1e-10 }, `${name} loglik null`);
      expectClose(fit.lrTest.statistic, expected.logtest, { rel: 1e-10 }, `${name} LR test`);
      expect(fit.uniqueFailureTimes).toEqual(expected.uftime);
      expectClose(fit.baselineJumps, expected.bfitj, { rel: 1e-10 }, `${name} baseline jumps`);
      // the score at crr's stopping point is below gtol·|loglik|: compare on that absolute scale
      // tolerance: the score at the estimate is ~0 on both sides (crr's gtol = 1e-6 on |ℓ|), so it is compared absolutely at 1e-6·|ℓ| (observed ≤ 3e-12)
      expectClose(fit.score, expected.score, { abs: 1e-6 * Math.abs(expected.loglik) }, `${name} score`);
    });
  }
});
