/**
 * Riley et al. minimum sample size (survival) against tools/oracle/pmsampsize.R (pmsampsize type "s"
 * restated in base R) and the expected values of the package's own tests.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectClose } from "../helpers/expect-close.js";
import { rileySampleSize, rileySampleSizeForModel, roundR } from "../../src/sensitivity/sample-size.js";
import { SurvinferError } from "../../src/errors.js";

interface Case {
  input: { rsquared: number; parameters: number; rate: number; timepoint: number; meanfup: number };
  published: { n: number[]; epp: number[] };
  expected: { n: number[]; shrinkage: number[]; events: number[]; epp: number[]; maxRsquared: number; risk: { estimate: number; lower: number; upper: number; marginOfError: number } };
}
const file = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "sensitivity", "pmsampsize.json");
const cases = (JSON.parse(readFileSync(file, "utf8")) as { cases: Case[] }).cases;

describe("rileySampleSize (pmsampsize type \"s\")", () => {
  it("has the nine cases of the package's tests", () => expect(cases.length).toBe(9));
  cases.forEach((c, k) => {
    it(`case ${k + 1}: matches the base-R restatement to 1e-10 and the package's published sample sizes and EPP`, () => {
      const r = rileySampleSize({ rsquared: c.input.rsquared, parameters: c.input.parameters, rate: c.input.rate, timepoint: c.input.timepoint, meanFollowUp: c.input.meanfup });
      const ns = [...r.criteria.map((x) => x.n), r.n];
      expect(ns).toEqual(c.expected.n);
      expect(ns).toEqual(c.published.n);
      expectClose([...r.criteria.map((x) => x.epp), r.epp], c.expected.epp, { rel: 1e-10 }, "epp");
      expect([...r.criteria.map((x) => roundR(x.epp, 2)), roundR(r.epp, 2)]).toEqual(c.published.epp);
      expectClose([...r.criteria.map((x) => x.shrinkage), r.shrinkage], c.expected.shrinkage, { rel: 1e-12 }, "shrinkage");
      expectClose([...r.criteria.map((x) => x.events), r.events], c.expected.events, { rel: 1e-10 }, "events");
      expect(r.maxRsquared).toBe(c.expected.maxRsquared);
      expectClose([r.risk.estimate, r.risk.lower, r.risk.upper], [c.expected.risk.estimate, c.expected.risk.lower, c.expected.risk.upper], { rel: 1e-12 }, "risk");
      expectClose(r.risk.marginOfError, c.expected.risk.marginOfError, { rel: 1e-10 }, "margin");
    });
  });

  it("criterion 1 is the closed form ⌈p / ((S − 1)·ln(1 − R²/S))⌉", () => {
    const r = rileySampleSize({ rsquared: 0.2, parameters: 10, rate: 0.1, timepoint: 5, meanFollowUp: 4 });
    expect(r.criteria[0].n).toBe(Math.ceil(10 / (-0.1 * Math.log(1 - 0.2 / 0.9))));
  });

  it("refuses an R² above the maximum possible for the event rate", () => {
    expect(() => rileySampleSize({ rsquared: 0.5, parameters: 5, rate: 0.01, timepoint: 1, meanFollowUp: 1 })).toThrow(/largest possible/);
  });

  it("roundR rounds as R's round(): nearest, exact decimal ties to even", () => {
    expect(roundR(0.125, 2)).toBe(0.12);
    expect(roundR(0.135, 2)).toBe(0.14); // 0.135 is stored above .135
    expect(roundR(2.5, 0)).toBe(2);
    expect(roundR(0.6504, 3)).toBe(0.65);
  });
});

describe("rileySampleSizeForModel", () => {
  it("anticipates R²_CS from the LR statistic shrunk by S_VH = 1 − p/LR and compares with the n at hand", () => {
    const r = rileySampleSizeForModel({ n: 64, events: 40, personTime: 2400, parameters: 6, lrStatistic: 18, horizon: 60 });
    const app = 1 - Math.exp(-18 / 64);
    expectClose(r.anticipated.rsquaredApparent, app, { rel: 1e-14 });
    expectClose(r.anticipated.shrinkageVH, 1 - 6 / 18, { rel: 1e-14 });
    expectClose(r.anticipated.rsquaredAdjusted, (1 - 6 / 18) * app, { rel: 1e-14 });
    const direct = rileySampleSize({ rsquared: (1 - 6 / 18) * app, parameters: 6, rate: 40 / 2400, timepoint: 60, meanFollowUp: 2400 / 64 });
    expect(r.n).toBe(direct.n);
    expect(r.available).toEqual({ n: 64, events: 40, enough: 64 >= direct.n });
    if (!r.available.enough) expect(r.warnings.join(" ")).toMatch(/expect overfitting/);
  });

  it("refuses a model whose LR statistic does not exceed its parameters (no shrunken R²)", () => {
    let err: unknown;
    try {
      rileySampleSizeForModel({ n: 50, events: 20, personTime: 1000, parameters: 6, lrStatistic: 5, horizon: 12 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SurvinferError);
    expect((err as SurvinferError).code).toBe("SAMPLE_SIZE_NO_SIGNAL");
  });
});
