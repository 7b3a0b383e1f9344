/**
 * Golden tests: coxZph against cox.zph(fit, transform, terms = FALSE) (survival 3.5-3) on the fits of
 * the cox fixtures (tools/oracle/cox.R): per-covariate and global chi-square, the transformed event
 * times and the scaled Schoenfeld residuals of the plot.
 */
import { describe, expect, it } from "vitest";
import { coxFit } from "../../src/survival/cox/fit.js";
import { coxZph } from "../../src/survival/cox/zph.js";
import type { ZphTransform } from "../../src/survival/cox/zph.js";
import { expectClose } from "../helpers/expect-close.js";
import { listFixtures, loadFixture } from "../helpers/fixtures.js";
import { fixtureToInput } from "./cox-fixture.js";
import type { CoxFixtureExpected, CoxFixtureInput } from "./cox-fixture.js";

interface ZphExpected {
  chisq: number[];
  df: number[];
  p: number[];
  names: string[];
  x: number[];
  time: number[];
  y: (number | null)[][];
}

describe("coxZph matches cox.zph", () => {
  for (const name of listFixtures("cox/zph", 12)) {
    it(`${name}: chi-square tests, transformed times and scaled Schoenfeld residuals equal R's`, () => {
      const z = loadFixture<{ coxFixture: string; transform: ZphTransform }, ZphExpected>("cox/zph", name);
      const fx = loadFixture<CoxFixtureInput, CoxFixtureExpected>("cox", z.input.coxFixture);
      const input = fixtureToInput(fx.input);
      const fit = coxFit(input, { ties: fx.input.ties, robust: fx.input.robust });
      const res = coxZph(input, fit, z.input.transform);
      const e = z.expected;
      const stats = [...res.terms.map((t) => t.statistic), res.global.statistic];
      expectClose(stats, e.chisq, { rel: 1e-10 }, "chisq");
      expect([...res.terms.map((t) => t.df), res.global.df]).toEqual(e.df);
      expectClose([...res.terms.map((t) => t.p), res.global.p], e.p, { rel: 1e-10 }, "p");
      expectClose(res.time, e.time, { rel: 1e-12 }, "time");
      expectClose(res.x, e.x, { rel: 1e-10, abs: 1e-12 }, "x");
      expectClose(res.y.flat(), e.y.flat(), { rel: 1e-10, abs: 1e-9 }, "y");
    });
  }
});

describe("coxZph with column groups matches cox.zph(terms = TRUE)", () => {
  it("lung-efron-km: factor(ph.ecog)'s three dummies are tested as one 3-df term", () => {
    const z = loadFixture<{ coxFixture: string; transform: ZphTransform; groups: { name: string; columns: number | number[] }[] }, ZphExpected>("cox/zph-terms", "lung-efron-km");
    const fx = loadFixture<CoxFixtureInput, CoxFixtureExpected>("cox", z.input.coxFixture);
    const input = fixtureToInput(fx.input);
    const fit = coxFit(input, { ties: fx.input.ties });
    const groups = z.input.groups.map((g) => ({ name: g.name, columns: Array.isArray(g.columns) ? g.columns : [g.columns] }));
    const res = coxZph(input, fit, z.input.transform, groups);
    expect([...res.terms.map((t) => t.name), "GLOBAL"]).toEqual(z.expected.names);
    expectClose([...res.terms.map((t) => t.statistic), res.global.statistic], z.expected.chisq, { rel: 1e-10 }, "chisq");
    expect([...res.terms.map((t) => t.df), res.global.df]).toEqual(z.expected.df);
    expectClose([...res.terms.map((t) => t.p), res.global.p], z.expected.p, { rel: 1e-10 }, "p");
  });
});
