import { describe, expect, it } from "vitest";
import { eValueHazardRatio } from "../../src/causal/evalue.js";
import { SurvinferError } from "../../src/errors.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input { hr: number; lower: number; upper: number; rare: boolean }
interface Expected { rr: number; rr_lower: number; rr_upper: number; point: number; ci: number }

describe("eValueHazardRatio equals EValue::evalues.HR (restated in tools/oracle/evalue.R)", () => {
  for (const name of listFixtures("evalue", 5)) {
    it(name, () => {
      const fx = loadFixture<Input, Expected>("evalue", name);
      const res = eValueHazardRatio(fx.input);
      expectClose(res.rr.estimate, fx.expected.rr, { rel: 1e-12 }, "rr");
      expectClose(res.rr.lower, fx.expected.rr_lower, { rel: 1e-12 }, "rr lower");
      expectClose(res.rr.upper, fx.expected.rr_upper, { rel: 1e-12 }, "rr upper");
      expectClose(res.point, fx.expected.point, { rel: 1e-12 }, "E-value");
      expectClose(res.ci, fx.expected.ci, { rel: 1e-12 }, "E-value of CI");
    });
  }

  it("a confidence interval that does not contain the estimate is refused", () => {
    expect(() => eValueHazardRatio({ hr: 0.6, lower: 0.7, upper: 0.9, rare: true })).toThrow(SurvinferError);
  });

  it("E-value of HR 1 is 1 (hand: 1 + √0)", () => {
    expect(eValueHazardRatio({ hr: 1, rare: true }).point).toBe(1);
  });
});
