// Simultaneous confidence bands of the standardised survival curves (riskRegression::ate(band = TRUE)):
// tools/oracle/ate-band.R -> test/fixtures/r/ate-band/*.json. The band quantile is checked exactly (1e-8)
// against a base-R statement with the same deterministic multipliers on R's influence functions, and the
// seeded Monte-Carlo quantile of the engine against mvtnorm's exact quantile and riskRegression's simulated one.
import { describe, expect, it } from "vitest";
import { survivalContrasts, type SurvivalContrastsInput } from "../../src/causal/survival-contrasts/index.js";
import { bandQuantile, bandQuantileWithDraws } from "../../src/causal/survival-contrasts/band.js";
import { normalQuantile } from "../../src/math/distributions.js";
import { SurvinferError } from "../../src/errors.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { expectClose } from "../helpers/expect-close.js";

type Arms = { untreated: number; treated: number; difference: number };
interface Est { risk0: number[]; risk1: number[]; se0: number[]; se1: number[]; seDiff: number[]; iid0: number[][]; iid1: number[][]; quantileR: Arms; quantileBase: Arms; quantileExact: Arms }
interface In { time: number[]; status: number[]; treat: number[]; x1: number[]; x2: number[]; times: number[]; nsimDeterministic: number; nsimR: number }

/** Columns of R's n × T matrix (rows of JSON) as one Float64Array per time. */
function byTime(rows: number[][]): Float64Array[] {
  return rows[0].map((_, t) => Float64Array.from(rows, (r) => r[t]));
}
/** The fixture's multipliers: G[b, i] = qnorm(frac(sin(k) · 43758.5453)), k = b n + i + 1. */
function hashDraw(n: number): (b: number, i: number) => number {
  return (b, i) => {
    const x = Math.sin(b * n + i + 1) * 43758.5453;
    return normalQuantile(x - Math.floor(x));
  };
}
const ESTIMATOR = { GFORMULA: "gformula", AIPTW: "aipw" } as const;

for (const name of listFixtures("ate-band", 1)) {
  describe(`simultaneous bands on ${name}`, () => {
    const fx = loadFixture<In, Record<"GFORMULA" | "AIPTW", Est>>("ate-band", name);
    const inp = fx.input;
    const n = inp.time.length;
    const input: SurvivalContrastsInput = {
      time: Float64Array.from(inp.time), status: Uint8Array.from(inp.status), treat: Uint8Array.from(inp.treat),
      x: Float64Array.from([...inp.x1, ...inp.x2]), columnNames: ["x1", "x2"],
    };
    const res = survivalContrasts(input, { times: inp.times, estimators: ["gformula", "aipw"], band: { nsim: inp.nsimR, seed: 11 } });

    for (const key of ["GFORMULA", "AIPTW"] as const) {
      const e = fx.expected[key];
      it(`${key}: the band quantile equals the base-R statement with the same multipliers (1e-8)`, () => {
        const iid0 = byTime(e.iid0);
        const iid1 = byTime(e.iid1);
        const diff = iid0.map((f, t) => Float64Array.from(iid1[t], (v, i) => v - f[i]));
        const draw = hashDraw(n);
        const nsim = inp.nsimDeterministic;
        expectClose(bandQuantileWithDraws(iid0, e.se0, nsim, draw), e.quantileBase.untreated, { rel: 1e-8 }, "untreated");
        expectClose(bandQuantileWithDraws(iid1, e.se1, nsim, draw), e.quantileBase.treated, { rel: 1e-8 }, "treated");
        expectClose(bandQuantileWithDraws(diff, e.seDiff, nsim, draw), e.quantileBase.difference, { rel: 1e-8 }, "difference");
      });

      it(`${key}: the engine's seeded quantile (10,000 multipliers) agrees with mvtnorm's exact one and riskRegression's within Monte-Carlo error`, () => {
        const r = res.estimates.find((x) => x.estimator === ESTIMATOR[key])!;
        const band = r.band!;
        expect(band.nsim).toBe(inp.nsimR);
        for (const arm of ["untreated", "treated", "difference"] as const) {
          // tolerance: Monte-Carlo, SD of a 95% quantile of the sup from 10,000 draws ≈ 0.02 (observed ≤ 0.05)
          expectClose(band.quantile[arm], e.quantileExact[arm], { abs: 0.08 }, `${arm} vs exact`);
          // tolerance: Monte-Carlo on both sides (R's own multipliers)
          expectClose(band.quantile[arm], e.quantileR[arm], { abs: 0.1 }, `${arm} vs riskRegression`);
          // a band over 3 times is wider than the pointwise interval and narrower than Bonferroni's
          expect(band.quantile[arm]).toBeGreaterThan(normalQuantile(0.975));
          expect(band.quantile[arm]).toBeLessThan(normalQuantile(1 - 0.05 / 6));
        }
        r.at.forEach((a, t) => {
          const b = band.at[t];
          expectClose(b.untreated.lower, a.survival.untreated.estimate - band.quantile.untreated * a.survival.untreated.se, { rel: 1e-14 }, "lower band");
          expectClose(b.difference.upper, a.difference.estimate + band.quantile.difference * a.difference.se, { rel: 1e-14 }, "upper band");
          // tolerance: 1e-6, the outcome Cox model iterates (SEs as in survival-contrasts.golden.test.ts)
          expectClose(a.survival.untreated.se, e.se0[t], { rel: 1e-6 }, "SE untreated");
          expect(b.treated.lower).toBeLessThan(a.survival.treated.lower);
          expect(b.treated.upper).toBeGreaterThan(a.survival.treated.upper);
        });
      });
    }

    it("is reproducible for the seed, and the seed is echoed", () => {
      const again = survivalContrasts(input, { times: inp.times, estimators: ["gformula"], band: { nsim: 500, seed: 3 } });
      const same = survivalContrasts(input, { times: inp.times, estimators: ["gformula"], band: { nsim: 500, seed: 3 } });
      const other = survivalContrasts(input, { times: inp.times, estimators: ["gformula"], band: { nsim: 500, seed: 4 } });
      expect(again.estimates[0].band).toEqual(same.estimates[0].band);
      expect(again.estimates[0].band?.quantile).not.toEqual(other.estimates[0].band?.quantile);
      expect(again.options.band).toEqual({ nsim: 500, seed: 3 });
      expect(survivalContrasts(input, { times: inp.times, estimators: ["gformula"] }).estimates[0].band).toBeUndefined();
    });
  });
}

describe("bandQuantile", () => {
  it("one time: the quantile of |Z| (two-sided normal), within Monte-Carlo error", () => {
    const iid = [Float64Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : -1) / Math.sqrt(50))];
    // tolerance: Monte-Carlo with 20,000 draws (SD ≈ 0.015)
    expectClose(bandQuantile(iid, [1], 20_000, 7), normalQuantile(0.975), { abs: 0.05 }, "q");
  });

  it("refuses a bad nsim or seed (OPTION_INVALID), and leaves out times with SE 0", () => {
    const iid = [new Float64Array(3), Float64Array.from([1, -1, 0.5])];
    expect(() => bandQuantile(iid, [0, 1.5], 0, 1)).toThrow(SurvinferError);
    expect(() => bandQuantile(iid, [0, 1.5], 10, -1)).toThrow(/option band.seed/);
    expect(Number.isFinite(bandQuantile(iid, [0, 1.5], 10, 1))).toBe(true);
    expect(Number.isNaN(bandQuantile([new Float64Array(3)], [0], 10, 1))).toBe(true);
  });
});
