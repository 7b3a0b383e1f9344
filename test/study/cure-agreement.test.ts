/** What the cure section may claim (src/study/cure-agreement.ts): model against data, and covariate effects with usable CIs. */
import { describe, expect, it } from "vitest";
import { cureCovariateEffects, kmAtEnd, MAX_CI_FOLD, modelVsData } from "../../src/study/cure-agreement.js";
import type { FollowUpCheckResult } from "../../src/survival/cure/follow-up-check.js";
import type { CureFit } from "../../src/survival/cure/predict.js";

const sufficient = { verdict: "sufficient" } as unknown as FollowUpCheckResult;
const inconclusive = { verdict: "inconclusive" } as unknown as FollowUpCheckResult;

describe("modelVsData", () => {
  const km = { time: 100, surv: 0.3, lower: 0.2, upper: 0.45 };
  it("agrees only inside the Kaplan–Meier CI at the end of follow-up and with a sufficient follow-up check", () => {
    expect(modelVsData(0.35, km, sufficient)).toBe("agree");
    expect(modelVsData(0.5, km, sufficient)).toBe("outside-km-ci");
    expect(modelVsData(0.1, km, sufficient)).toBe("outside-km-ci");
    expect(modelVsData(0.35, km, inconclusive)).toBe("plateau-not-reached");
    expect(modelVsData(0.35, km, null)).toBe("plateau-not-reached");
    // outside the CI is said first
    expect(modelVsData(0.5, km, inconclusive)).toBe("outside-km-ci");
  });

  it("reads the KM at the last time with survfit's log-transformed CI (hand-computed: S = 0.8 · 0.75 = 0.6 after two deaths)", () => {
    // times 1..5, deaths at 1 and 3: S(5) = (4/5)(2/3) = 0.5333; Greenwood var/S² = 1/(5·4) + 1/(3·2)
    const r = kmAtEnd(Float64Array.from([1, 2, 3, 4, 5]), Int32Array.from([1, 0, 1, 0, 0]), 0.95)!;
    const s = (4 / 5) * (2 / 3);
    const se = Math.sqrt(1 / 20 + 1 / 6);
    expect(r.time).toBe(5);
    expect(r.surv).toBeCloseTo(s, 12);
    expect(r.lower).toBeCloseTo(s * Math.exp(-1.959963984540054 * se), 9);
    expect(Math.min(1, s * Math.exp(1.959963984540054 * se))).toBeCloseTo(r.upper, 9);
  });
});

describe("cureCovariateEffects", () => {
  // incidence logit(uncured) = γ0 + γ1·z: a factor with levels a (z = 0) and b (z = 1)
  const fit = (se: number): CureFit =>
    ({ incidence: [{ name: "(Intercept)", estimate: 0.2 }, { name: "xb", estimate: -1 }], vcov: [[0.1, 0], [0, se * se]], parameterNames: ["incidence:(Intercept)", "incidence:xb"] }) as unknown as CureFit;
  const groups = [{ covariate: "x", profiles: [{ name: "x: a", z: [0] }, { name: "x: b", z: [1] }] }];
  const estimates = [{ name: "x: a", estimate: 0.45 }, { name: "x: b", estimate: 0.69 }];

  it("gives the odds ratio of cure from the lowest to the highest profile, exp(−γ1), with a Wald CI", () => {
    const [e] = cureCovariateEffects(fit(0.5), groups, estimates, 0.95);
    expect(e).toMatchObject({ covariate: "x", from: "x: a", to: "x: b" });
    expect(e.oddsRatio).toBeCloseTo(Math.E, 12);
    expect(e.lower).toBeCloseTo(Math.exp(1 - 1.959963984540054 * 0.5), 9);
    expect(e.ciFold).toBeCloseTo(Math.exp(2 * 1.959963984540054 * 0.5), 9);
    expect(e.usable).toBe(true);
  });

  it("calls an effect whose CI spans more than MAX_CI_FOLD-fold not usable", () => {
    // fold = exp(2·1.96·se) > 10 when se > log(10)/3.92 ≈ 0.587
    expect(MAX_CI_FOLD).toBe(10);
    expect(cureCovariateEffects(fit(0.6), groups, estimates, 0.95)[0].usable).toBe(false);
    expect(cureCovariateEffects(fit(0.58), groups, estimates, 0.95)[0].usable).toBe(true);
  });
});
