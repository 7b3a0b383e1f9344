import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chisqSf } from "../../src/math/distributions.js";
import { logrankTest, logrankTrendTest, quadraticFormGinv } from "../../src/survival/logrank.js";
import { expectClose } from "../helpers/expect-close.js";
import { assertProperty, property } from "../helpers/property.js";

// Hand example (unsorted, one row with a missing time):
//   A: 1 (event), 3 (event), 5 (censored)      B: 2 (event), 4 (censored), 6 (event)
// Pooled in time order: 1A† 2B† 3A† 4B+ 5A+ 6B†
//   t  n  nA nB d   E_A = d nA/n   V = d (n−d)/(n−1) · nA nB / n²
//   1  6  3  3  1   3/6 = 0.5      1·5/5 · 9/36 = 0.25
//   2  5  2  3  1   2/5 = 0.4      1·4/4 · 6/25 = 0.24
//   3  4  2  2  1   2/4 = 0.5      1·3/3 · 4/16 = 0.25
//   6  1  0  1  1   0              n = 1: no variance
// O_A = 2, E_A = 1.4; O_B = 2, E_B = 2.6; V = 0.74; χ² = 0.6²/0.74.
const hand = {
  time: Float64Array.from([5, 2, 1, 6, Number.NaN, 3, 4]),
  status: Int32Array.from([0, 1, 1, 1, 1, 1, 0]),
  group: { codes: Int32Array.from([0, 1, 0, 1, 1, 0, 1]), levels: ["A", "B"] },
};

describe("logrankTest (hand-computed)", () => {
  it("gives O, E, V and chi-square of the worked two-group example", () => {
    const r = logrankTest(hand);
    expect(r.groups.map((g) => [g.name, g.n, g.observed])).toEqual([["A", 3, 2], ["B", 3, 2]]);
    expectClose(r.groups.map((g) => g.expected), [1.4, 2.6], { rel: 1e-14 }, "E");
    expectClose(r.variance[0], [0.74, -0.74], { rel: 1e-14 }, "V row A");
    expectClose(r.chisq, 0.36 / 0.74, { rel: 1e-14 }, "chisq");
    expect(r.df).toBe(1);
    expectClose(r.p, chisqSf(0.36 / 0.74, 1), { rel: 1e-14 }, "p");
    expect(r.nMissing).toBe(1);
    expect(r.warnings.join(" ")).toMatch(/1 row\(s\) with a missing/);
    expect(r.method).toBe("log-rank");
    expect(r.options).toEqual({ rho: 0, timefix: true, confLevel: 0.95 });
  });

  it("Peto–Peto (rho = 1) weights by the pooled left-continuous Kaplan–Meier and weights 'observed' too", () => {
    // Ŝ(t−) at the event times 1, 2, 3, 6: 1, 5/6, 2/3, 1/2.
    // O_A = 1 + 2/3 = 5/3; E_A = 0.5 + (5/6)(0.4) + (2/3)(0.5) = 7/6
    // O_B = 5/6 + 1/2 = 4/3; E_B = 0.5 + (5/6)(0.6) + (2/3)(0.5) + (1/2)(1) = 11/6
    // V = 0.25 + (25/36)(0.24) + (4/9)(0.25) = 19/36; χ² = (1/2)² / (19/36) = 9/19
    const r = logrankTest(hand, { rho: 1 });
    expectClose(r.groups.map((g) => g.observed), [5 / 3, 4 / 3], { rel: 1e-14 }, "O");
    expectClose(r.groups.map((g) => g.expected), [7 / 6, 11 / 6], { rel: 1e-14 }, "E");
    expectClose(r.variance[1][1], 19 / 36, { rel: 1e-14 }, "V");
    expectClose(r.chisq, 9 / 19, { rel: 1e-13 }, "chisq");
    expect(r.method).toBe("Peto-Peto");
    expect(r.hazardRatio).toBeNull();
  });

  it("reports the log-rank hazard ratio two ways, clearly labelled", () => {
    const hr = logrankTest(hand).hazardRatio;
    expect(hr?.comparison).toBe("B vs A");
    // (O_B/E_B)/(O_A/E_A) = (2/2.6)/(2/1.4) = 7/13; Peto exp((O_B − E_B)/V) = exp(−0.6/0.74)
    expectClose(hr?.observedExpectedRatio.estimate, 7 / 13, { rel: 1e-14 }, "O/E HR");
    const z = 1.959963984540054;
    expectClose(hr?.observedExpectedRatio.upper, (7 / 13) * Math.exp(z * Math.sqrt(1 / 1.4 + 1 / 2.6)), { rel: 1e-12 }, "O/E upper");
    expectClose(hr?.peto.estimate, Math.exp(-0.6 / 0.74), { rel: 1e-14 }, "Peto HR");
    expectClose(hr?.peto.lower, Math.exp(-0.6 / 0.74 - z / Math.sqrt(0.74)), { rel: 1e-12 }, "Peto lower");
  });

  it("a stratified test sums O, E and V over strata", () => {
    const twice = {
      time: Float64Array.from([...hand.time, ...hand.time]),
      status: Int32Array.from([...hand.status, ...hand.status]),
      group: { codes: Int32Array.from([...hand.group.codes, ...hand.group.codes]), levels: ["A", "B"] },
      strata: { codes: Int32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]), levels: ["s1", "s2"] },
    };
    const r = logrankTest(twice);
    expectClose(r.groups.map((g) => g.expected), [2.8, 5.2], { rel: 1e-14 }, "E");
    expectClose(r.variance[0][0], 1.48, { rel: 1e-14 }, "V");
    expectClose(r.chisq, 1.2 ** 2 / 1.48, { rel: 1e-13 }, "chisq");
    expect(r.strata?.map((s) => [s.name, s.n])).toEqual([["s1", 6], ["s2", 6]]);
  });

  it("all censored: chisq 0, p NaN and a warning (survdiff gives NaN too)", () => {
    const r = logrankTest({ ...hand, status: new Int32Array(7) });
    expect(r.chisq).toBe(0);
    expect(Number.isNaN(r.p)).toBe(true);
    expect(r.warnings.join(" ")).toMatch(/no events/);
  });

  it("drops group levels without rows, as R's factor handling does", () => {
    const r = logrankTest({ ...hand, group: { codes: hand.group.codes, levels: ["A", "B", "C"] } });
    expect(r.groups.map((g) => g.name)).toEqual(["A", "B"]);
    expect(r.warnings.join(" ")).toMatch(/1 group level/);
  });

  it("rejects negative times, bad status and bad options with stable codes", () => {
    expect(() => logrankTest({ ...hand, time: Float64Array.from([5, -2, 1, 6, 1, 3, 4]) })).toThrowError(
      expect.objectContaining({ code: "DATA_NEGATIVE_TIME" }),
    );
    expect(() => logrankTest({ ...hand, status: Int32Array.from([0, 2, 1, 1, 1, 1, 0]) })).toThrowError(
      expect.objectContaining({ code: "DATA_INVALID_STATUS" }),
    );
    expect(() => logrankTest(hand, { rho: Number.NaN })).toThrowError(expect.objectContaining({ code: "OPTION_INVALID" }));
    expect(() => logrankTest({ ...hand, status: Int32Array.from([0, 1]) })).toThrowError(expect.objectContaining({ code: "DATA_LENGTH_MISMATCH" }));
  });

  it("a singular variance matrix (all subjects die at one time) gives a warning instead of R's solve() error", () => {
    // survdiff stops: "Lapack routine dgesv: system is exactly singular". Here V = 0: rank 0, df 0, χ² 0.
    const r = logrankTest({
      time: Float64Array.from([5, 5, 5, 5]),
      status: Int32Array.from([1, 1, 1, 1]),
      group: { codes: Int32Array.from([0, 0, 1, 2]), levels: ["A", "B", "C"] },
    });
    expect([r.chisq, r.df]).toEqual([0, 0]);
    expectClose(r.groups.map((g) => g.expected), [2, 1, 1], { rel: 1e-15 }, "E");
    expect(r.warnings.join(" ")).toMatch(/singular \(rank 0 of 2\)/);
  });

  it("the generalised inverse equals solve() for a non-singular matrix and reports rank when singular", () => {
    const v = Float64Array.from([4, 2, 2, 3]);
    const u = Float64Array.from([1, 2]);
    // solve: V⁻¹ = [3 −2; −2 4]/8 → uᵀV⁻¹u = (3 − 8 + 16)/8 = 11/8
    expectClose(quadraticFormGinv(v, u, 2).value, 11 / 8, { rel: 1e-14 }, "uᵀV⁻¹u");
    expect(quadraticFormGinv(Float64Array.from([1, 1, 1, 1]), u, 2).rank).toBe(1);
  });
});

describe("logrankTrendTest", () => {
  it("with two groups equals the log-rank chi-square", () => {
    const t = logrankTrendTest(hand);
    expectClose(t.chisq, 0.36 / 0.74, { rel: 1e-13 }, "trend chisq");
    expect(t.df).toBe(1);
    expect(t.groups.map((g) => g.score)).toEqual([1, 2]);
  });

  it("rejects scores of the wrong length", () => {
    expect(() => logrankTrendTest(hand, { scores: [1, 2, 3] })).toThrowError(expect.objectContaining({ code: "OPTION_INVALID" }));
  });
});

describe("logrankTest properties", () => {
  it("a stratified test equals the sum of per-stratum tests (large, continuous times: sorted code paths)", () => {
    // 3000 rows, 5 strata, 3 groups, distinct times: the stratified call takes the counting-sort and
    // binary-search paths, each per-stratum call the dense and hash-map paths.
    let seed = 12345;
    const unif = () => ((seed = (seed * 16807) % 2147483647) - 0.5) / 2147483647;
    const n = 3000;
    const time = Float64Array.from({ length: n }, () => -Math.log(unif()) * 10);
    const status = Int32Array.from({ length: n }, () => (unif() < 0.7 ? 1 : 0));
    const g = Int32Array.from({ length: n }, () => Math.floor(unif() * 3));
    const st = Int32Array.from({ length: n }, (_, i) => i % 5);
    const levels = ["a", "b", "c"];
    const all = logrankTest({ time, status, group: { codes: g, levels }, strata: { codes: st, levels: ["1", "2", "3", "4", "5"] } });
    const e = [0, 0, 0];
    const v = [0, 0, 0];
    for (let s = 0; s < 5; s++) {
      const rows = Array.from({ length: n / 5 }, (_, j) => j * 5 + s);
      const one = logrankTest({
        time: Float64Array.from(rows, (i) => time[i]),
        status: Int32Array.from(rows, (i) => status[i]),
        group: { codes: Int32Array.from(rows, (i) => g[i]), levels },
      });
      one.groups.forEach((x, j) => (e[j] += x.expected));
      one.variance.forEach((row, j) => (v[j] += row[j]));
      expectClose(all.strata?.[s].expected ?? [], one.groups.map((x) => x.expected), { rel: 1e-12 }, `E stratum ${s}`);
    }
    expectClose(all.groups.map((x) => x.expected), e, { rel: 1e-12 }, "E");
    expectClose(all.variance.map((row, j) => row[j]), v, { rel: 1e-12 }, "diag V");
  });


  const data = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 })), { minLength: 3, maxLength: 40 })
    .filter((rows) => new Set(rows.map((r) => r[2])).size >= 2 && rows.some((r) => r[1] === 1));
  it("does not depend on row order; E sums to the number of events; V rows sum to 0", () => {
    assertProperty(
      property(data, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const mk = (rs: typeof rows) => ({
          time: Float64Array.from(rs, (r) => r[0]),
          status: Int32Array.from(rs, (r) => r[1]),
          group: { codes: Int32Array.from(rs, (r) => r[2]), levels: ["a", "b", "c"] },
        });
        const perm = rows.map((r, i) => ({ r, key: (i * 7919 + seed) % 1009 })).sort((x, y) => x.key - y.key).map((x) => x.r);
        const a = logrankTest(mk(rows));
        const b = logrankTest(mk(perm));
        expectClose(b.chisq, a.chisq, { rel: 1e-10, abs: 1e-12 }, "chisq permuted");
        const events = rows.reduce((s, r) => s + r[1], 0);
        expectClose(a.groups.reduce((s, g) => s + g.expected, 0), events, { rel: 1e-12 }, "ΣE");
        for (const row of a.variance) expectClose(row.reduce((s, x) => s + x, 0), 0, { abs: 1e-10 }, "V row sum");
      }),
      { seed: 20261230, numRuns: 200 },
    );
  });
});
