import { describe, expect, it } from "vitest";
import { rmst, rmstKernel } from "../../src/survival/rmst.js";
import { expectClose } from "../helpers/expect-close.js";

// Hand example, one group: 2 (event), 3 (event), 5 (censored), 7 (event); tau = 6.
//   KM: Ŝ = 1 on [0,2), 3/4 on [2,3), 1/2 on [3,6]
//   RMST = 2·1 + 1·3/4 + 2·1/2 + 1·1/2 = 4.25
//   Var = A(2)² · 1/(4·3) + A(3)² · 1/(3·2),  A(2) = 0.75 + 1 + 0.5 = 2.25,  A(3) = 1.5
//       = 5.0625/12 + 2.25/6 = 0.796875
describe("rmst (hand-computed)", () => {
  it("kernel: area under the KM step function and survRM2's Greenwood plug-in variance", () => {
    const k = rmstKernel(Float64Array.from([2, 3, 5, 7]), Float64Array.from([4, 3, 2, 1]), Float64Array.from([1, 1, 0, 1]), 6);
    expectClose(k.rmst, 4.25, { rel: 1e-15 }, "rmst");
    expectClose(k.variance, 0.796875, { rel: 1e-15 }, "var");
  });

  it("tau before the first time gives RMST = tau with SE 0", () => {
    const k = rmstKernel(Float64Array.from([2, 3]), Float64Array.from([2, 1]), Float64Array.from([1, 1]), 1.5);
    expect(k).toEqual({ rmst: 1.5, variance: 0 });
  });

  it("difference and ratio of two groups follow the delta method (survRM2's arm 1 vs arm 0)", () => {
    // group B duplicates group A shifted by +1: 3, 4, 6 (censored), 8; tau = 6 → KM 1 on [0,3), 3/4 on [3,4), 1/2 on [4,6]
    // RMST_B = 3 + 0.75 + 1 = 4.75; Var_B = (0.75 + 1)² /12 + 1² /6 = 3.0625/12 + 1/6
    const r = rmst(
      {
        time: Float64Array.from([7, 2, 5, 3, 4, 8, 6, 3]),
        status: Int32Array.from([1, 1, 0, 1, 1, 1, 0, 1]),
        group: { codes: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), levels: ["A", "B"] },
      },
      { tau: 6 },
    );
    const vA = 0.796875;
    const vB = 3.0625 / 12 + 1 / 6;
    expectClose(r.groups.map((g) => g.rmst), [4.25, 4.75], { rel: 1e-14 }, "rmst");
    expectClose(r.difference?.estimate, 0.5, { rel: 1e-13 }, "difference");
    expectClose(r.difference?.se, Math.sqrt(vA + vB), { rel: 1e-14 }, "difference se");
    expectClose(r.ratio?.estimate, 4.75 / 4.25, { rel: 1e-14 }, "ratio");
    expectClose(r.ratio?.se, Math.sqrt(vA / 4.25 ** 2 + vB / 4.75 ** 2), { rel: 1e-14 }, "log ratio se");
    expectClose(r.rmtlRatio?.estimate, 1.25 / 1.75, { rel: 1e-13 }, "rmtl ratio");
    expect(r.contrasts[0].comparison).toBe("B vs A");
  });

  it("defaults tau by survRM2's rule and refuses a larger tau", () => {
    // A ends censored at 5, B ends with an event at 8 → limit is min over censored-ending groups = 5
    const input = {
      time: Float64Array.from([2, 3, 5, 4, 8]),
      status: Int32Array.from([1, 1, 0, 1, 1]),
      group: { codes: Int32Array.from([0, 0, 0, 1, 1]), levels: ["A", "B"] },
    };
    const r = rmst(input);
    expect([r.tau, r.tauLimit, r.tauDefaulted]).toEqual([5, 5, true]);
    expect(() => rmst(input, { tau: 5.5 })).toThrowError(expect.objectContaining({ code: "OPTION_TAU_TOO_LARGE" }));
    // when the shorter group ends with an event (its KM reaches 0) the larger maximum is allowed
    const r2 = rmst({ ...input, time: Float64Array.from([2, 3, 9, 4, 8]) });
    expect(r2.tauLimit).toBe(9);
  });

  it("rejects a non-positive tau", () => {
    const input = { time: Float64Array.from([1, 2]), status: Int32Array.from([1, 1]), group: { codes: Int32Array.from([0, 0]), levels: ["A"] } };
    expect(() => rmst(input, { tau: 0 })).toThrowError(expect.objectContaining({ code: "OPTION_INVALID" }));
  });
});
