/** Hand-derived cases, edge cases and properties of src/stats (the R comparisons are in tests.golden.test.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chisqTest, fisherExact, quantileSorted, medianSorted, skewness, weightedVariance, welchTTest, wilcoxonCounts, wilcoxonRankSum } from "../../src/stats/index.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

describe("welchTTest", () => {
  it("computes t and the Welch–Satterthwaite df by hand for x = 1..4, y = 2, 4, …, 10", () => {
    // x̄ = 2.5, s²ₓ = 5/3; ȳ = 6, s²ᵧ = 10; SE² = (5/3)/4 + 10/5 = 29/12
    // ν = (29/12)² / (((5/12)²)/3 + 2²/4) = (841/144) / (25/432 + 1) = 2523/457
    const r = welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]);
    expectClose(r.statistic, -3.5 / Math.sqrt(29 / 12), { rel: 1e-14 }, "t");
    expectClose(r.df, 2523 / 457, { rel: 1e-14 }, "df");
    expectClose(r.stdErr, Math.sqrt(29 / 12), { rel: 1e-14 }, "SE");
  });

  it("returns NaN with a warning (where R stops) when a group has fewer than 2 values or the data are constant", () => {
    const one = welchTTest([1], [1, 2, 3]);
    expect(one.p).toBeNaN();
    expect(one.warnings[0]).toMatch(/not enough observations/);
    const constant = welchTTest([5, 5, 5], [5, 5]);
    expect(constant.p).toBeNaN();
    expect(constant.warnings[0]).toMatch(/essentially constant/);
  });

  it("drops NaN values", () => {
    expect(welchTTest([1, Number.NaN, 2, 3], [4, 5, Number.NaN, 7]).nX).toBe(3);
  });
});

describe("wilcoxonRankSum", () => {
  it("gives p = 2/C(7, 3) when every x lies below every y (W = 0, exact)", () => {
    const r = wilcoxonRankSum([1.1, 2.3, 3.8], [4.2, 5.0, 6.1, 7.7]);
    expect(r.statistic).toBe(0);
    expect(r.exact).toBe(true);
    expectClose(r.p, 2 / 35, { rel: 1e-14 }, "p");
  });

  it("tabulates the exact null distribution: counts are symmetric and sum to C(m + n, m)", () => {
    expect([...wilcoxonCounts(2, 2)]).toEqual([1, 1, 2, 1, 1]);
    assertProperty(
      property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (m, n) => {
        const c = wilcoxonCounts(m, n);
        expect(c.length).toBe(m * n + 1);
        let binom = 1;
        for (let k = 1; k <= m; k++) binom = (binom * (n + k)) / k;
        expectClose(c.reduce((s, v) => s + v, 0), binom, { rel: 1e-12 }, "total");
        for (let k = 0; k < c.length; k++) expect(c[k]).toBe(c[c.length - 1 - k]);
      }),
      { seed: 20261229 },
    );
  });

  it("falls back to the normal approximation with a warning when exact = true meets ties (as R)", () => {
    const r = wilcoxonRankSum([1, 2, 2, 3], [2, 4, 5], { exact: true });
    expect(r.exact).toBe(false);
    expect(r.warnings[0]).toMatch(/ties/);
  });

  it("uses the normal approximation from 50 values per group on, and p is symmetric in x and y", () => {
    const x = Array.from({ length: 50 }, (_, i) => i * 1.37);
    const y = Array.from({ length: 10 }, (_, i) => i * 2.11 + 0.5);
    const a = wilcoxonRankSum(x, y);
    const b = wilcoxonRankSum(y, x);
    expect(a.exact).toBe(false);
    expect(a.method).toBe("Wilcoxon rank sum test with continuity correction");
    expectClose(a.p, b.p, { rel: 1e-12 }, "symmetry");
  });
});

describe("chisqTest", () => {
  it("applies Yates's correction as min(0.5, |O − E|): a 2 × 2 table this close to independence gives χ² = 0", () => {
    // E₁₁ = 20·20/41 = 9.756…, |O − E| = 0.2439 < 0.5, so Y = |O − E| and every term is 0
    const r = chisqTest([[10, 10], [10, 11]]);
    expect(r.yates).toBe(true);
    expectClose(r.statistic, 0, { abs: 1e-15 }, "χ²");
    expect(r.p).toBe(1);
  });

  it("does not correct tables larger than 2 × 2 and reports the expected counts", () => {
    const r = chisqTest([[5, 1], [2, 6], [8, 3]]);
    expect(r.yates).toBe(false);
    expect(r.df).toBe(2);
    expectClose(r.expected[0][0], (6 * 15) / 25, { rel: 1e-15 }, "E₁₁");
    expect(r.warnings[0]).toMatch(/may be incorrect/);
  });

  it("gives NaN, as R, for a table with an empty row", () => {
    expect(chisqTest([[0, 0], [3, 4]]).p).toBeNaN();
  });
});

describe("fisherExact", () => {
  it("sums the hypergeometric probabilities no larger than the observed one (2 × 2 by hand: 34/70)", () => {
    // m = n = k = 4: d(x) = C(4, x)C(4, 4 − x)/70 = (1, 16, 36, 16, 1)/70; observed x = 3
    const r = fisherExact([[3, 1], [1, 3]]);
    expectClose(r.p, 34 / 70, { rel: 1e-13 }, "p");
    expectClose(r.pObserved, 16 / 70, { rel: 1e-13 }, "P(observed)");
  });

  it("gives p = 1 for a 2 × 2 table with an empty row", () => {
    expect(fisherExact([[0, 0], [3, 4]]).p).toBe(1);
  });

  it("enumerates r × c tables: the enumeration of a 2 × 2 table padded with an empty row equals the 2 × 2 formula", () => {
    assertProperty(
      property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        fc.pre(a + b > 0 && c + d > 0 && a + c > 0 && b + d > 0);
        const two = fisherExact([[a, b], [c, d]]).p;
        const padded = fisherExact([[a, b], [c, d], [0, 0]]).p;
        expectClose(padded, two, { rel: 1e-11 }, "p");
      }),
      { seed: 20261228 },
    );
  });

  it("is invariant to transposing and permuting rows of an r × c table", () => {
    const t = [[3, 0, 2], [1, 4, 2], [2, 1, 5]];
    const p = fisherExact(t).p;
    expectClose(fisherExact([t[2], t[0], t[1]]).p, p, { rel: 1e-12 }, "rows permuted");
    expectClose(fisherExact(t[0].map((_, j) => t.map((r) => r[j]))).p, p, { rel: 1e-12 }, "transposed");
  });

  it("stops at the enumeration limit with p = NaN and a warning", () => {
    const r = fisherExact([[10, 12, 8, 9], [11, 7, 13, 10], [9, 10, 8, 12]], { maxTables: 1000 });
    expect(r.p).toBeNaN();
    expect(r.warnings[0]).toMatch(/more than 1000 tables/);
  });

  it("rejects negative or fractional counts with a warning, not an exception", () => {
    expect(fisherExact([[1, -1], [2, 3]]).warnings[0]).toMatch(/invalid count/);
    expect(fisherExact([[1, 0.5], [2, 3]]).warnings[0]).toMatch(/non-integer/);
  });
});

describe("descriptive statistics", () => {
  it("quantileSorted is R's type 7 and medianSorted R's median", () => {
    const xs = [1, 2, 4, 7, 11];
    // h = 1 + 4·0.25 = 2 → x₂ = 2; h = 1 + 4·0.75 = 4 → x₄ = 7; p = 0.1: h = 1.4 → 1 + 0.4·1 = 1.4
    expect(quantileSorted(xs, 0.25)).toBe(2);
    expect(quantileSorted(xs, 0.75)).toBe(7);
    expectClose(quantileSorted(xs, 0.1), 1.4, { rel: 1e-15 }, "q0.1");
    expect(medianSorted([1, 2, 4, 7])).toBe(3);
  });

  it("skewness is the moment estimator m₃/m₂^{3/2} and NaN below 3 values", () => {
    // x = 0, 0, 3: x̄ = 1, m₂ = (1 + 1 + 4)/3 = 2, m₃ = (−1 − 1 + 8)/3 = 2 → 2/2^{3/2} = 1/√2
    expectClose(skewness([0, 0, 3]), 1 / Math.SQRT2, { rel: 1e-14 }, "g1");
    expect(skewness([1, 2])).toBeNaN();
  });

  it("weightedVariance equals the ordinary variance for equal weights", () => {
    expectClose(weightedVariance([1, 2, 4, 7], [3, 3, 3, 3]), 7, { rel: 1e-14 }, "var");
  });
});
