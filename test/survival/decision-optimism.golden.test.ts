/**
 * Bootstrap optimism correction of the smoothed calibration (ICI, E50, E90) and of the net benefit against the same
 * loop in base R + survival + rms (tools/oracle/decision-optimism.R) over the resamples exported in the fixtures:
 * survival::lung (no shrinkage) and the example cohort (shrinkage 0.9). Apparent, training, test and corrected values
 * to 1e-8.
 */
import { describe, expect, it } from "vitest";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { decisionOptimism } from "../../src/survival/validation/decision-optimism.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";

interface Input {
  time: number[];
  status: number[];
  x: number[][];
  columns: string[];
  horizon: number;
  shrinkage: number;
  thresholds: number[];
  resamples: number[][];
}
interface Values {
  ici: number;
  e50: number;
  e90: number;
  netBenefit: number[];
}
interface Expected {
  apparent: Values;
  training: Values;
  test: Values;
  corrected: Values;
  nCalibration: number;
  nNetBenefit: number;
}

describe.each(listFixtures("decision-optimism", 2))("optimism-corrected calibration and decision curve: %s", (name) => {
  const { input: inp, expected: ex } = loadFixture<Input, Expected>("decision-optimism", name);
  const input: CoxInput = { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), x: Float64Array.from(inp.x.flat()), p: inp.columns.length, columnNames: inp.columns };
  const r = decisionOptimism(input, inp.horizon, { thresholds: inp.thresholds, resamples: inp.resamples, shrinkage: inp.shrinkage });

  it("uses every resample, as R", () => {
    expect(r.B).toBe(inp.resamples.length);
    expect(r.calibration?.ici.nReplicates).toBe(ex.nCalibration);
    expect(r.netBenefit.map((p) => p.nReplicates)).toEqual(inp.thresholds.map(() => ex.nNetBenefit));
    expect(r.options).toEqual({ B: inp.resamples.length, seed: null, resamples: "given", shrinkage: inp.shrinkage });
  });

  it("ICI, E50 and E90: apparent, training, test and corrected as R", () => {
    const cal = r.calibration;
    expect(cal).not.toBeNull();
    for (const k of ["ici", "e50", "e90"] as const) {
      expectClose([cal?.[k].apparent, cal?.[k].training, cal?.[k].test, cal?.[k].corrected], [ex.apparent[k], ex.training[k], ex.test[k], ex.corrected[k]], { rel: 1e-8, abs: 1e-12 }, `${name} ${k}`);
    }
    // overfitting: calibration is worse in the original data than in the resamples that fitted the model
    expect(cal?.ici.corrected).toBeGreaterThan(cal?.ici.apparent ?? Number.POSITIVE_INFINITY);
  });

  it("net benefit per threshold: apparent, training, test and corrected as R", () => {
    expectClose(r.netBenefit.map((p) => p.apparent), ex.apparent.netBenefit, { rel: 1e-8, abs: 1e-12 }, `${name} apparent NB`);
    expectClose(r.netBenefit.map((p) => p.training), ex.training.netBenefit, { rel: 1e-8, abs: 1e-12 }, `${name} training NB`);
    expectClose(r.netBenefit.map((p) => p.test), ex.test.netBenefit, { rel: 1e-8, abs: 1e-12 }, `${name} test NB`);
    expectClose(r.netBenefit.map((p) => p.corrected), ex.corrected.netBenefit, { rel: 1e-8, abs: 1e-12 }, `${name} corrected NB`);
  });
});

describe("decisionOptimism with seeded resamples", () => {
  it("draws the resamples of bootstrapOptimism for the same seed and refuses a bad shrinkage", () => {
    const { input: inp } = loadFixture<Input, Expected>("decision-optimism", "lung-age-sex-ecog");
    const input: CoxInput = { time: Float64Array.from(inp.time), status: Int32Array.from(inp.status), x: Float64Array.from(inp.x.flat()), p: inp.columns.length, columnNames: inp.columns };
    const a = decisionOptimism(input, inp.horizon, { thresholds: [0.2, 0.5], B: 5, seed: 7 });
    const b = decisionOptimism(input, inp.horizon, { thresholds: [0.2, 0.5], B: 5, seed: 7 });
    expect(a).toEqual(b);
    expect(a.options.seed).toBe(7);
    expect(() => decisionOptimism(input, inp.horizon, { thresholds: [0.2], B: 5, shrinkage: 1.5 })).toThrow(/shrinkage/);
  });
});
