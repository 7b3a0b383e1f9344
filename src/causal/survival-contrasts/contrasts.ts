/**
 * Survival-scale summaries from the risks and influence functions of the two arms (SE = sqrt(Σ_j IF_j²),
 * riskRegression's se): survival S = 1 − F per arm, difference S₁ − S₀, ratio S₁/S₀ with
 * IF_ratio = IF_S₁/S₀ − S₁ IF_S₀/S₀². Per-arm and difference CIs are Wald (estimate ± z·SE, as ate); the
 * ratio's CI is Wald on the log scale, exp(log r ± z·SE/r) (ate reports r ± z·SE: a deliberate difference
 * so that the interval stays positive). p-values: two-sided Wald (difference / SE; log r / (SE/r)).
 */
import { normalQuantile, normalTwoSidedP } from "../../math/distributions.js";
import type { ArmRisk, ContrastAtTime, Estimate, TestedEstimate } from "./types.js";

export function sumSquaresSe(iid: Float64Array): number {
  let s = 0;
  for (const v of iid) s += v * v;
  return Math.sqrt(s);
}

export function waldEstimate(estimate: number, se: number, z: number): Estimate {
  return { estimate, se, lower: estimate - z * se, upper: estimate + z * se };
}

export function testedDifference(estimate: number, se: number, z: number): TestedEstimate {
  return { ...waldEstimate(estimate, se, z), p: se > 0 ? normalTwoSidedP(estimate / se) : Number.NaN };
}

function ratioEstimate(r: number, se: number, z: number): TestedEstimate {
  const seLog = se / r;
  const ok = r > 0 && Number.isFinite(seLog);
  return {
    estimate: r,
    se,
    lower: ok ? Math.exp(Math.log(r) - z * seLog) : Number.NaN,
    upper: ok ? Math.exp(Math.log(r) + z * seLog) : Number.NaN,
    p: ok && seLog > 0 ? normalTwoSidedP(Math.log(r) / seLog) : Number.NaN,
  };
}

export function contrastsAtTimes(times: readonly number[], untreated: ArmRisk, treated: ArmRisk, confLevel: number): ContrastAtTime[] {
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return times.map((time, t) => {
    const f0 = untreated.risk[t];
    const f1 = treated.risk[t];
    const i0 = untreated.iid[t];
    const i1 = treated.iid[t];
    const se0 = sumSquaresSe(i0);
    const se1 = sumSquaresSe(i1);
    const s0 = 1 - f0;
    const s1 = 1 - f1;
    const dIid = Float64Array.from(i1, (v, j) => i0[j] - v); // IF of S₁ − S₀ = −IF_F₁ + IF_F₀
    const rIid = Float64Array.from(i1, (v, j) => -v / s0 + (s1 * i0[j]) / (s0 * s0));
    return {
      time,
      survival: { untreated: waldEstimate(s0, se0, z), treated: waldEstimate(s1, se1, z) },
      risk: { untreated: waldEstimate(f0, se0, z), treated: waldEstimate(f1, se1, z) },
      difference: testedDifference(s1 - s0, sumSquaresSe(dIid), z),
      ratio: ratioEstimate(s1 / s0, sumSquaresSe(rIid), z),
    };
  });
}
