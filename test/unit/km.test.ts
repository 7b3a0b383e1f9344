import { describe, expect, it } from "vitest";
import { expectClose } from "../helpers/expect-close.js";
import { kaplanMeier } from "../../src/survival/kaplan-meier.js";
import { confidenceZ, survivalLimits } from "../../src/survival/conf-int.js";
import { findQuantile } from "../../src/survival/survival-quantile.js";
import { nelsonAalen } from "../../src/survival/nelson-aalen.js";
import { medianFollowUp } from "../../src/survival/follow-up.js";
import { conditionalSurvival } from "../../src/survival/conditional.js";
import { isSurvinferError } from "../../src/errors.js";

// Six rows, unsorted, with an event and a censoring tied at t = 3:
//   t      3   5   6   9   12
//   n      6   4   3   2   1
//   d      1   1   1   0   1      c: 1 at 3, 1 at 9
//   S    5/6 5/8 5/12 5/12  0
//   Greenwood Σ d/(n(n−d)): 1/30, 1/30 + 1/12 = 7/60, 7/60 + 1/6 = 17/60, 17/60, ∞
const time = Float64Array.from([6, 3, 9, 3, 12, 5]);
const status = Int32Array.from([1, 1, 0, 0, 1, 1]);
const z = 1.959963984540054; // qnorm(0.975)

describe("kaplanMeier on a 6-row hand-computed example", () => {
  const fit = kaplanMeier({ time, status }, { times: [4, 9, 13] });
  const s = fit.strata[0];

  it("gives the product-limit table", () => {
    expect(s.time).toEqual([3, 5, 6, 9, 12]);
    expect(s.nRisk).toEqual([6, 4, 3, 2, 1]);
    expect(s.nEvent).toEqual([1, 1, 1, 0, 1]);
    expect(s.nCensor).toEqual([1, 0, 0, 1, 0]);
    expectClose(s.surv, [5 / 6, 5 / 8, 5 / 12, 5 / 12, 0], { rel: 1e-15 }, "surv");
  });

  it("uses Greenwood's variance: stdErrLogSurv = √Σ d/(n(n−d)), stdErr = Ŝ·that, ∞ and NaN once Ŝ = 0", () => {
    const g = [1 / 30, 7 / 60, 17 / 60, 17 / 60];
    expectClose(s.stdErrLogSurv.slice(0, 4), g.map(Math.sqrt), { rel: 1e-14 }, "stdErrLogSurv");
    expectClose(s.stdErr.slice(0, 4), g.map((v, j) => s.surv[j] * Math.sqrt(v)), { rel: 1e-14 }, "stdErr");
    expect(s.stdErrLogSurv[4]).toBe(Number.POSITIVE_INFINITY);
    expect(s.stdErr[4]).toBeNaN();
  });

  it("uses the log transform for CIs by default, upper clipped at 1, NA (NaN) when Ŝ = 0", () => {
    expect(fit.options.confType).toBe("log");
    expectClose(s.lower[0], (5 / 6) * Math.exp(-z * Math.sqrt(1 / 30)), { rel: 1e-14 }, "lower[0]");
    expect(s.upper[0]).toBe(1);
    expect(s.lower[4]).toBeNaN();
    expect(s.upper[4]).toBeNaN();
  });

  it("reports the median where Ŝ first drops below 0.5, limits from the band, null when not reached", () => {
    expect(s.median.estimate).toBe(6);
    // lower curve: 5/6·e^{−z√(1/30)} ≈ 0.58 at 3, 5/8·e^{−z√(7/60)} ≈ 0.32 at 5 → 5
    expect(s.median.lower).toBe(5);
    // upper curve stays at 1 until Ŝ = 0 (NA): not reached
    expect(s.median.upper).toBeNull();
  });

  it("summarises at requested times as summary(fit, times): S carried forward, n at risk at the next time", () => {
    expect(s.at.map((a) => a.time)).toEqual([4, 9, 13]);
    expect(s.at[0]).toMatchObject({ estimable: true, nRisk: 4, nEvent: 1, nCensor: 1 });
    expectClose(s.at[0].surv, 5 / 6, { rel: 1e-15 }, "at 4");
    expect(s.at[1]).toMatchObject({ estimable: true, nRisk: 2, nEvent: 2, nCensor: 1 });
    expectClose(s.at[1].surv, 5 / 12, { rel: 1e-15 }, "at 9");
    expect(s.at[2]).toMatchObject({ estimable: false, surv: null, lower: null, upper: null, nRisk: 0 });
    expect(fit.warnings.some((w) => w.includes("13"))).toBe(true);
  });
});

describe("kaplanMeier options and validation", () => {
  it("defaults to the robust (IJ) variance only when a weight is non-integer, as survfit", () => {
    expect(kaplanMeier({ time, status, weights: Float64Array.from([1, 2, 1, 1, 3, 1]) }).options.variance).toBe("greenwood");
    expect(kaplanMeier({ time, status, weights: Float64Array.from([1, 2.5, 1, 1, 3, 1]) }).options.variance).toBe("robust");
  });

  it("names strata by level label, omits empty levels with a warning, and drops rows with missing group", () => {
    const fit = kaplanMeier({ time, status, group: { codes: Int32Array.from([0, 0, 2, 2, -1, 0]), levels: ["a", "b", "c"] } });
    expect(fit.strata.map((s) => s.name)).toEqual(["a", "c"]);
    expect(fit.strata.map((s) => s.n)).toEqual([3, 2]);
    expect(fit.warnings.join(" ")).toMatch(/"b" has no rows/);
    expect(fit.warnings.join(" ")).toMatch(/1 row\(s\) with a missing value/);
  });

  it("rejects a negative time with DATA_NEGATIVE_TIME and the row as the user sees it", () => {
    try {
      kaplanMeier({ time: Float64Array.from([1, -2]), status: Int32Array.from([1, 1]) });
      expect.fail("no error");
    } catch (e) {
      expect(isSurvinferError(e) && e.code).toBe("DATA_NEGATIVE_TIME");
      expect(isSurvinferError(e) && e.location.row).toBe(3);
    }
  });

  it("rejects status other than 0/1, negative weights, entry ≥ exit and bad options", () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isSurvinferError(e) ? e.code : "other";
      }
      return undefined;
    };
    expect(code(() => kaplanMeier({ time, status: Int32Array.from([1, 2, 0, 0, 1, 1]) }))).toBe("DATA_INVALID_STATUS");
    expect(code(() => kaplanMeier({ time, status, weights: Float64Array.from([1, -1, 1, 1, 1, 1]) }))).toBe("DATA_INVALID_WEIGHT");
    expect(code(() => kaplanMeier({ time, status, entry: Float64Array.from([0, 3, 0, 0, 0, 0]) }))).toBe("DATA_ENTRY_NOT_BEFORE_EXIT");
    expect(code(() => kaplanMeier({ time, status }, { confLevel: 95 }))).toBe("OPTION_INVALID");
    expect(code(() => kaplanMeier({ time, status }, { confType: "arcsin" as "log" }))).toBe("OPTION_INVALID");
  });
});

describe("confidence limits (survfit_confint)", () => {
  it("log-log gives NA at Ŝ = 1 and Ŝ = 0; plain clips to [0, 1]", () => {
    const zz = confidenceZ(0.95);
    expect(survivalLimits(1, 0, "log-log", zz).lower).toBeNaN();
    expect(survivalLimits(0, 0, "log-log", zz).upper).toBeNaN();
    expect(survivalLimits(0.1, 2, "plain", zz)).toEqual({ lower: 0, upper: 0.1 + 0.1 * 2 * zz });
    expect(survivalLimits(0.9, 0.5, "plain", zz).upper).toBe(1);
  });
});

describe("findQuantile (quantile.survfit rule)", () => {
  it("takes the mid-point when Ŝ equals 0.5 over an interval", () => {
    expect(findQuantile([1, 2, 3, 4], [0.75, 0.5, 0.5, 0.25], 0.5)).toBe(3); // (2 + 4) / 2
  });
  it("averages with the last time when Ŝ stays at 0.5 to the end (print(fit) would show the start)", () => {
    expect(findQuantile([1, 2, 3, 4], [0.75, 0.5, 0.5, 0.5], 0.5)).toBe(3); // (2 + 4) / 2
  });
  it("returns null when the curve never reaches the probability", () => {
    expect(findQuantile([1, 2], [0.9, 0.8], 0.5)).toBeNull();
  });
});

describe("Nelson–Aalen, follow-up and conditional survival", () => {
  it("nelsonAalen sums d/n with Aalen variance Σ d/n², and FH ties correction with ctype 2", () => {
    const na = nelsonAalen({ time, status }).strata[0];
    expectClose(na.cumhaz, [1 / 6, 1 / 6 + 1 / 4, 1 / 6 + 1 / 4 + 1 / 3, 1 / 6 + 1 / 4 + 1 / 3, 1 / 6 + 1 / 4 + 1 / 3 + 1], { rel: 1e-15 }, "H");
    expectClose(na.stdErrCumhaz[1], Math.sqrt(1 / 36 + 1 / 16), { rel: 1e-15 }, "se H");
    const fh = nelsonAalen({ time: Float64Array.from([2, 2, 3]), status: Int32Array.from([1, 1, 0]) }, { ctype: 2 }).strata[0];
    expectClose(fh.cumhaz[0], 1 / 3 + 1 / 2, { rel: 1e-15 }, "FH");
  });

  it("medianFollowUp is the median of the reverse KM (censorings as events)", () => {
    // reverse: censorings at 3 (n 6) and 9 (n 2): G = 5/6 at 3, 5/12 at 9 → median 9
    expect(medianFollowUp({ time, status }).strata[0].median.estimate).toBe(9);
  });

  it("conditionalSurvival is Ŝ(t + s)/Ŝ(t) with the Greenwood sum over (t, t + s]", () => {
    const row = conditionalSurvival({ time, status }, { given: [4], horizon: 3 }).strata[0].rows[0];
    expectClose(row.surv, 5 / 12 / (5 / 6), { rel: 1e-15 }, "CS");
    expectClose(row.stdErrLog, Math.sqrt(1 / 12 + 1 / 6), { rel: 1e-14 }, "se log CS");
  });

  it("conditionalSurvival says, as kaplanMeier does, that rows with a missing value were dropped", () => {
    const t = Float64Array.from([...time, Number.NaN]);
    const d = Int32Array.from([...status, 1]);
    const res = conditionalSurvival({ time: t, status: d }, { given: [4], horizon: 3 });
    expect(res.warnings).toEqual(kaplanMeier({ time: t, status: d }).warnings);
    expect(res.warnings.join(" ")).toMatch(/1 row\(s\) with a missing value were dropped/);
    expect(res.strata[0].rows[0].surv).toBe(conditionalSurvival({ time, status }, { given: [4], horizon: 3 }).strata[0].rows[0].surv);
  });
});
