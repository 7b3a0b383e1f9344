/**
 * Rosenbaum bounds against tools/oracle/sensitivity.R (rbounds::psens / binarysens restated in base R;
 * censored-pairs scorings from their definitions) and closed forms.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectClose } from "../helpers/expect-close.js";
import { averageRanks, gammaAtAlpha, gammaChangeFields, rosenbaumMcNemar, rosenbaumSignedRank, rosenbaumSignedScores } from "../../src/sensitivity/rosenbaum.js";
import { binomialUpperTail } from "../../src/sensitivity/binomial.js";
import { censoredPairOrder, prenticeWilcoxonScores, rosenbaumCensoredPairs, rosenbaumPairOrder, rosenbaumStatusAt, type CensoredPairs, type SurvivalDirection } from "../../src/sensitivity/censored-pairs.js";
import { SurvinferError } from "../../src/errors.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "sensitivity");
function fixture<T>(name: string): { input: Record<string, unknown>; expected: T } {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as { input: Record<string, unknown>; expected: T };
}

interface BoundsExpected {
  statistic: number;
  nInformative: number;
  pUpper: number[];
  pLower: number[];
  gammaChange: number | null;
}

// p-values near 1e-21 carry ~1e-16 absolute error from 1 − pnorm in R: absolute floor 1e-15
const TOL = { rel: 1e-10, abs: 1e-15 };

describe("rosenbaumSignedRank (rbounds::psens)", () => {
  for (const zeros of ["keep", "drop"] as const) {
    it(`matches psens on the lead example with zero differences ${zeros === "keep" ? "kept (psens)" : "dropped"}`, () => {
      const f = fixture<BoundsExpected>(`psens-lead-${zeros}`);
      const r = rosenbaumSignedRank(f.input.treated as number[], f.input.control as number[], { gammas: f.input.gammas as number[], zeros });
      expect(r.statistic).toBe(f.expected.statistic);
      expect(r.nInformative).toBe(f.expected.nInformative);
      expectClose(r.rows.map((x) => x.pUpper), f.expected.pUpper, TOL, "pUpper");
      expectClose(r.rows.map((x) => x.pLower), f.expected.pLower, TOL, "pLower");
      expectClose(r.gammaChange, f.expected.gammaChange, { rel: 1e-8 }, "gammaChange");
    });
  }

  it("gives T = 527 on the lead data, as Rosenbaum (2002) §4.3.3 reports", () => {
    const f = fixture<BoundsExpected>("psens-lead-keep");
    expect(rosenbaumSignedRank(f.input.treated as number[], f.input.control as number[]).statistic).toBe(527);
  });

  it("has equal upper and lower bounds at Γ = 1 and the bounds spread apart as Γ grows", () => {
    const r = rosenbaumSignedRank([5, 3, 8, 1, 9, 4, 7], [1, 2, 3, 2, 4, 1, 2], { gammas: [1, 2, 3] });
    expect(r.rows[0].pUpper).toBe(r.rows[0].pLower);
    expect(r.rows[1].pUpper).toBeGreaterThan(r.rows[0].pUpper);
    expect(r.rows[2].pLower).toBeLessThan(r.rows[1].pLower);
  });

  it("uses the textbook variance S(S+1)(2S+1)/6 without ties (not psens's no-tie typo)", () => {
    const d = [1, -2, 3, 4, 5];
    const res = rosenbaumSignedRank(d, [0, 0, 0, 0, 0], { gammas: [2] });
    const S = 5;
    const p = 2 / 3;
    const T = 1 + 3 + 4 + 5;
    const z = (T - (p * S * (S + 1)) / 2) / Math.sqrt((p * (1 - p) * S * (S + 1) * (2 * S + 1)) / 6);
    expectClose(res.rows[0].pUpper, 0.5 * erfc(z / Math.SQRT2), { rel: 1e-12 });
  });

  it("tests the other direction with alternative 'less' as the same test on −d", () => {
    const a = rosenbaumSignedRank([1, 2, 3, 0], [4, 6, 2, 5], { alternative: "less", gammas: [1.5] });
    const b = rosenbaumSignedRank([4, 6, 2, 5], [1, 2, 3, 0], { gammas: [1.5] });
    expect(a.rows).toEqual(b.rows);
    expect(a.direction).toBe("treated lower than control");
  });

  it("refuses unpaired or missing outcomes and Γ below 1 with a typed error", () => {
    expect(() => rosenbaumSignedRank([1, 2], [1])).toThrow(SurvinferError);
    expect(() => rosenbaumSignedRank([1, Number.NaN], [1, 2])).toThrow(/pair 2/);
    expect(() => rosenbaumSignedRank([1, 2], [0, 1], { gammas: [0.5] })).toThrow(/≥ 1/);
  });
});

describe("rosenbaumMcNemar (rbounds::binarysens)", () => {
  it("matches binarysens(12, 110) on the smoking example", () => {
    const f = fixture<BoundsExpected>("binarysens-smoking");
    const r = rosenbaumMcNemar(110, 12, { gammas: f.input.gammas as number[] });
    expectClose(r.rows.map((x) => x.pUpper), f.expected.pUpper, TOL, "pUpper");
    expectClose(r.rows.map((x) => x.pLower), f.expected.pLower, { rel: 1e-10, abs: 1e-300 }, "pLower");
    expectClose(r.gammaChange, f.expected.gammaChange, { rel: 1e-8 }, "gammaChange");
  });

  it("binomialUpperTail equals the closed form on small cases", () => {
    // P(Bin(4, 0.5) ≥ 3) = 5/16; P(Bin(3, 1/3) ≥ 1) = 1 − (2/3)³
    expectClose(binomialUpperTail(3, 4, 0.5), 5 / 16, { rel: 1e-14 });
    expectClose(binomialUpperTail(1, 3, 1 / 3), 1 - 8 / 27, { rel: 1e-14 });
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0);
  });

  it("says the bounds are undefined without discordant pairs and gives no Γ", () => {
    const r = rosenbaumMcNemar(0, 0);
    expect(r.gammaChange).toBeNull();
    expect(r.gammaChangeStatus).toBe("undefined");
    expect(r.warnings.join(" ")).toMatch(/no discordant pair/);
  });
});

describe("gammaChangeStatus", () => {
  it("tells 'not significant at Γ = 1' from 'significant beyond the search' without Infinity (JSON-safe)", () => {
    const notSig = rosenbaumMcNemar(3, 2);
    expect(notSig.gammaChangeStatus).toBe("not significant");
    expect(notSig.gammaChange).toBeNull();
    // 40,000 pairs all pointing one way stay significant at Γ = 10⁴ (normal approximation: z ≈ 0.01·√n)
    const n = 40000;
    const strong = rosenbaumSignedScores(new Float64Array(n).fill(1), new Array<boolean>(n).fill(true), { gammas: [1], test: "signed-rank", direction: "up" });
    expect(strong.gammaChangeStatus).toBe("beyond search");
    expect(JSON.parse(JSON.stringify(strong)).gammaChangeStatus).toBe("beyond search");
    expect(gammaChangeFields(Number.POSITIVE_INFINITY, true)).toEqual({ gammaChange: null, gammaChangeStatus: "beyond search" });
    const found = rosenbaumMcNemar(110, 12);
    expect(found.gammaChangeStatus).toBe("found");
    expect(found.gammaChange).toBeGreaterThan(1);
  });
});

describe("gammaAtAlpha", () => {
  it("is null when the test is not significant at Γ = 1 and Infinity when no Γ reaches alpha", () => {
    expect(gammaAtAlpha(() => 0.2, 0.05)).toBeNull();
    expect(gammaAtAlpha(() => 0.001, 0.05)).toBe(Number.POSITIVE_INFINITY);
    expectClose(gammaAtAlpha((g) => 0.01 * g, 0.05), 5, { rel: 1e-9 });
  });
});

interface CensoredExpected {
  scores: number[];
  ppw: BoundsExpected;
  order: { treatedLonger: number; controlLonger: number; pUpper: number[]; pLower: number[]; gammaChange: number | null };
  statusAt: { time: number; onlyControlDied: number; onlyTreatedDied: number; unknown: number; pUpper: number[]; pLower: number[]; gammaChange: number | null };
}

describe("censored matched pairs", () => {
  for (const direction of ["treated-longer", "treated-shorter"] as const) {
    it(`paired Prentice–Wilcoxon, pair order and status at t match the base-R definitions (${direction})`, () => {
      const f = fixture<CensoredExpected>(`censored-pairs-${direction}`);
      const pairs = f.input as unknown as CensoredPairs;
      const gammas = f.input.gammas as number[];
      const opts = { gammas, direction: f.input.direction as SurvivalDirection };
      const n = pairs.treatedTime.length;
      const scores = prenticeWilcoxonScores([...Array.from(pairs.treatedTime), ...Array.from(pairs.controlTime)], [...Array.from(pairs.treatedStatus), ...Array.from(pairs.controlStatus)]);
      expectClose(scores, f.expected.scores, { rel: 1e-12, abs: 1e-14 }, "scores");
      expect(scores.length).toBe(2 * n);
      const ppw = rosenbaumCensoredPairs(pairs, opts);
      expectClose(ppw.statistic, f.expected.ppw.statistic, { rel: 1e-12 }, "T");
      expectClose(ppw.rows.map((r) => r.pUpper), f.expected.ppw.pUpper, TOL, "ppw pUpper");
      expectClose(ppw.rows.map((r) => r.pLower), f.expected.ppw.pLower, TOL, "ppw pLower");
      expectClose(ppw.gammaChange, f.expected.ppw.gammaChange, { rel: 1e-8 }, "ppw gammaChange");
      const order = rosenbaumPairOrder(pairs, opts);
      expect(order.counts.treatedLonger).toBe(f.expected.order.treatedLonger);
      expect(order.counts.controlLonger).toBe(f.expected.order.controlLonger);
      expectClose(order.rows.map((r) => r.pUpper), f.expected.order.pUpper, TOL, "order pUpper");
      expectClose(order.rows.map((r) => r.pLower), f.expected.order.pLower, { rel: 1e-10, abs: 1e-300 }, "order pLower");
      expectClose(order.gammaChange, f.expected.order.gammaChange, { rel: 1e-8 }, "order gammaChange");
      const st = rosenbaumStatusAt(pairs, f.expected.statusAt.time, opts);
      expect([st.counts.onlyControlDied, st.counts.onlyTreatedDied, st.counts.unknown]).toEqual([f.expected.statusAt.onlyControlDied, f.expected.statusAt.onlyTreatedDied, f.expected.statusAt.unknown]);
      expectClose(st.rows.map((r) => r.pUpper), f.expected.statusAt.pUpper, TOL, "status pUpper");
      expectClose(st.gammaChange, f.expected.statusAt.gammaChange, { rel: 1e-8 }, "status gammaChange");
    });
  }

  it("Prentice–Wilcoxon scores sum to zero without tied deaths and rise with survival", () => {
    const w = prenticeWilcoxonScores([5, 1, 3, 8, 2, 6], [1, 1, 0, 1, 1, 0]);
    expectClose(w.reduce((a, b) => a + b, 0), 0, { abs: 1e-14 });
    expect(w[1]).toBeLessThan(w[4]); // death at 1 scores below death at 2
    expect(w[4]).toBeLessThan(w[0]);
  });

  it("Gehan order: a censoring at a death time outlives the death; two censorings are undetermined", () => {
    const c = censoredPairOrder({ treatedTime: [5, 5, 3, 4], treatedStatus: [0, 1, 0, 1], controlTime: [5, 7, 9, 4], controlStatus: [1, 0, 0, 1] });
    expect(c).toEqual({ treatedLonger: 1, controlLonger: 1, undetermined: 2 });
  });

  it("refuses a status other than 0/1", () => {
    expect(() => censoredPairOrder({ treatedTime: [1], treatedStatus: [2], controlTime: [1], controlStatus: [0] })).toThrow(SurvinferError);
  });
});

describe("averageRanks", () => {
  it("averages tied ranks as R's rank()", () => {
    expect(Array.from(averageRanks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
});

/** erfc for the closed-form check (Abramowitz–Stegun 7.1.26 is too rough; use the normal CDF identity). */
function erfc(x: number): number {
  // erfc(x) = 2·Φ(−x√2); Φ by a 1e-15-accurate continued fraction is overkill: use the series for moderate x
  let sum = x;
  let term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}

/**
 * The published examples with the published code (tools/oracle/rosenbaum-published.R sources DOS2 0.5.2,
 * P. R. Rosenbaum's own code, and rbounds 2.2, L. Keele's, from CRAN source checkouts: neither is in Debian).
 */
describe("Rosenbaum bounds on the published examples", () => {
  interface Published {
    input: { treated: number[]; control: number[]; gammas: number[] };
    expected: { pUpper?: number[]; psensLower?: number[]; psensUpper?: number[]; senWilcoxUpper?: number[] };
  }
  const pub = (name: string): Published => fixture<Published["expected"]>(name) as unknown as Published;

  it("welders (Werfel et al. 1998; Design of Observational Studies §3.5): DOS2::senWilcox to 1e-10", () => {
    const f = pub("published-werfel-senwilcox");
    const r = rosenbaumSignedRank(f.input.treated, f.input.control, { gammas: f.input.gammas });
    expectClose(r.rows.map((x) => x.pUpper), f.expected.pUpper!, TOL, "pUpper");
  });

  it("lead (Rosenbaum 2002 §4.3): zeros 'pratt' equals DOS2::senWilcox, the book's table (0.0018, 0.0136, 0.0388 at Γ = 2, 3, 4)", () => {
    const f = pub("published-lead-psens");
    const r = rosenbaumSignedRank(f.input.treated, f.input.control, { gammas: f.input.gammas, zeros: "pratt" });
    expectClose(r.rows.map((x) => x.pUpper), f.expected.senWilcoxUpper!, TOL, "pUpper");
    expect(r.statistic).toBe(527);
    expect(r.rows.slice(1, 4).map((x) => Number(x.pUpper.toFixed(4)))).toEqual([0.0018, 0.0136, 0.0388]);
  });

  it("lead: zeros 'drop' equals rbounds 2.2's own psens (which rounds to 4 digits)", () => {
    const f = pub("published-lead-psens");
    const r = rosenbaumSignedRank(f.input.treated, f.input.control, { gammas: f.input.gammas, zeros: "drop" });
    // tolerance: psens prints p-values rounded to 4 decimals, so agreement is to half a unit in the 4th
    expectClose(r.rows.map((x) => x.pUpper), f.expected.psensUpper!, { abs: 5e-5 }, "pUpper");
    expectClose(r.rows.map((x) => x.pLower), f.expected.psensLower!, { abs: 5e-5 }, "pLower"); // tolerance: psens's 4-decimal rounding
  });

  it("smoking (Hammond 1964; Rosenbaum 2002 p. 112): rbounds 2.2's binarysens is P(T > t), one pair off P(T ≥ t)", () => {
    const f = JSON.parse(readFileSync(join(dir, "published-smoking-binarysens.json"), "utf8")) as { input: { tested: number; other: number; gammas: number[] }; expected: { upper: number[]; lower: number[] } };
    // binarysens 2.2 computes 1 − pbinom(D, D + d, p) = P(T ≥ D + 1): the same as our bound with one more pair in the tested direction
    const shifted = rosenbaumMcNemar(f.input.tested + 1, f.input.other - 1, { gammas: f.input.gammas });
    // tolerance: binarysens rounds its bounds to 5 decimals
    expectClose(shifted.rows.map((x) => x.pUpper), f.expected.upper, { abs: 5e-6 }, "upper");
    expectClose(shifted.rows.map((x) => x.pLower), f.expected.lower, { abs: 5e-6 }, "lower"); // tolerance: binarysens's 5-decimal rounding
    // our bound P(T ≥ t) is larger (more conservative) at every Γ
    const ours = rosenbaumMcNemar(f.input.tested, f.input.other, { gammas: f.input.gammas });
    ours.rows.forEach((x, k) => expect(x.pUpper).toBeGreaterThanOrEqual(f.expected.upper[k]));
  });
});
