/**
 * Golden tests: propensityWeights against WeightIt's published definitions written in base R
 * (tools/oracle/weights.R → test/fixtures/r/weights). Weights and ESS to 1e-10 relative.
 */
import { describe, expect, it } from "vitest";
import { propensityWeights, type Estimand } from "../../src/causal/weight.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface WInput {
  ps: number[];
  treatment: number[];
  estimand: Estimand;
  stabilize: boolean;
  truncate: number | null;
  trimPs: [number, number] | null;
}
interface WExpected {
  weights: number[];
  essTreated: number;
  essControl: number;
  truncationThreshold: number | null;
  nIncluded: number;
}

describe("propensityWeights equals WeightIt's definitions (base-R oracle)", () => {
  for (const name of listFixtures("weights", 12)) {
    const fx = loadFixture<WInput, WExpected>("weights", name);
    it(`${name}: ${fx.call}`, () => {
      const { input, expected } = fx;
      const r = propensityWeights(
        { ps: input.ps, treatment: input.treatment },
        { estimand: input.estimand, stabilize: input.stabilize, truncate: input.truncate ?? undefined, trimPs: input.trimPs ?? undefined },
      );
      expectClose(r.weights, expected.weights, { rel: 1e-10 }, "weights");
      expectClose(r.ess.treated, expected.essTreated, { rel: 1e-10 }, "ESS treated");
      expectClose(r.ess.control, expected.essControl, { rel: 1e-10 }, "ESS control");
      expect(r.included.filter(Boolean).length).toBe(expected.nIncluded);
      if (expected.truncationThreshold !== null) expectClose(r.truncation?.threshold, expected.truncationThreshold, { rel: 1e-12 }, "truncation threshold");
    });
  }
});
