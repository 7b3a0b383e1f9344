/**
 * Golden tests: rmst() against survRM2::rmst2's method written in base R (tools/oracle/rmst.R; survRM2
 * is not packaged for Debian) and against survival's summary(survfit(...), rmean = tau)$table.
 * Tolerance 1e-10 relative for RMST, SE, limits, contrasts and p (observed ≤ 8e-14); the default tau exactly.
 */
import { describe, expect, it } from "vitest";
import { rmst } from "../../src/survival/rmst.js";
import type { RmstEstimate } from "../../src/survival/rmst.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: number[];
  status: number[];
  group: number[];
  groupLevels: string[];
  tau: number | null | Record<string, never>;
  confLevel: number;
}
interface Expected {
  tau: number;
  tauLimit: number;
  groupNames: string[];
  rmst: number[];
  se: number[];
  lower: number[];
  upper: number[];
  rmtl: number[];
  rmtlLower: number[];
  rmtlUpper: number[];
  n: number[];
  events: number[];
  survivalRmean: number[];
  survivalSeRmean: number[];
  difference?: number[];
  ratio?: number[];
  rmtlRatio?: number[];
}

const tol = { rel: 1e-10, abs: 1e-12 }; // the policy's tier for closed forms (observed ≤ 8e-14)
const row = (e: RmstEstimate | null) => [e?.estimate, e?.lower, e?.upper, e?.p];

describe("rmst equals survRM2::rmst2 (method in base R) and survival's rmean", () => {
  for (const name of listFixtures("rmst", 15)) {
    const fx = loadFixture<Input, Expected>("rmst", name);
    it(`${name}: ${fx.call}`, () => {
      const inp = fx.input;
      const tau = typeof inp.tau === "number" ? inp.tau : undefined;
      const r = rmst(
        {
          time: Float64Array.from(inp.time),
          status: Int32Array.from(inp.status),
          group: { codes: Int32Array.from(inp.group), levels: inp.groupLevels },
        },
        { tau, confLevel: inp.confLevel },
      );
      const e = fx.expected;
      expect(r.tau).toBe(e.tau);
      expect(r.tauLimit).toBe(e.tauLimit);
      expect(r.tauDefaulted).toBe(tau === undefined);
      expect(r.groups.map((g) => g.name)).toEqual(e.groupNames);
      expect(r.groups.map((g) => g.n)).toEqual(e.n);
      expect(r.groups.map((g) => g.events)).toEqual(e.events);
      expectClose(r.groups.map((g) => g.rmst), e.rmst, tol, "rmst");
      expectClose(r.groups.map((g) => g.rmst), e.survivalRmean, tol, "rmst vs survival rmean");
      expectClose(r.groups.map((g) => g.se), e.se, tol, "se");
      expectClose(r.groups.map((g) => g.se), e.survivalSeRmean, tol, "se vs survival se(rmean)");
      expectClose(r.groups.map((g) => g.lower), e.lower, tol, "lower");
      expectClose(r.groups.map((g) => g.upper), e.upper, tol, "upper");
      expectClose(r.groups.map((g) => g.rmtl), e.rmtl, tol, "rmtl");
      expectClose(r.groups.map((g) => g.rmtlLower), e.rmtlLower, tol, "rmtlLower");
      expectClose(r.groups.map((g) => g.rmtlUpper), e.rmtlUpper, tol, "rmtlUpper");
      if (e.difference && e.ratio && e.rmtlRatio) {
        expectClose(row(r.difference), e.difference, tol, "difference");
        expectClose(row(r.ratio), e.ratio, tol, "ratio");
        expectClose(row(r.rmtlRatio), e.rmtlRatio, tol, "rmtlRatio");
      } else {
        expect(r.difference).toBeNull();
        expect(r.contrasts).toHaveLength(e.rmst.length - 1);
      }
    });
  }

  it("refuses a tau past the limit with OPTION_TAU_TOO_LARGE naming the limit", () => {
    const fx = loadFixture<Input, Expected>("rmst", "lung-sex-tau-default");
    const inp = fx.input;
    const call = () =>
      rmst(
        { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), group: { codes: Int32Array.from(inp.group), levels: inp.groupLevels } },
        { tau: fx.expected.tauLimit + 1 },
      );
    expect(call).toThrowError(expect.objectContaining({ code: "OPTION_TAU_TOO_LARGE", message: expect.stringContaining(`≤ ${fx.expected.tauLimit}`) }));
  });
});
