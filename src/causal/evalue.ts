/**
 * E-value for a hazard ratio and its confidence limit (VanderWeele & Ding 2017, Ann Intern Med
 * 167:268, doi:10.7326/M16-2607): the minimum strength of association, on the risk-ratio scale,
 * that an unmeasured confounder would need with both treatment and outcome to explain the estimate
 * away. For RR ≥ 1, E = RR + √(RR·(RR − 1)); an RR < 1 is inverted first.
 * A hazard ratio approximates a risk ratio only when the outcome is rare (< 15% by the end of
 * follow-up); otherwise the common-outcome transformation RR ≈ (1 − 0.5^√HR) / (1 − 0.5^√(1/HR))
 * is applied first (VanderWeele 2020, Epidemiology 31:e8; the EValue package's `rare = FALSE`).
 * For the confidence interval the E-value is that of the limit closer to 1, and 1 when the
 * interval contains 1. R equivalent: EValue::evalues.HR(est, lo, hi, rare) (not in Debian;
 * its definition is restated in base R in tools/oracle/evalue.R).
 *
 * @example
 * eValueHazardRatio({ hr: 0.62, lower: 0.41, upper: 0.94, rare: false }).point // ≈ 2.13 (RR ≈ 0.72 after the common-outcome transformation)
 */
import { SurvinferError } from "../errors.js";

export interface EValueInput {
  readonly hr: number;
  readonly lower?: number;
  readonly upper?: number;
  /** Outcome rare (< 15%) at the end of follow-up: use HR as RR without transformation. */
  readonly rare: boolean;
}

export interface EValueResult {
  readonly method: "E-value (VanderWeele & Ding 2017)";
  /** Risk ratios the E-values were computed from (after the common-outcome transformation). */
  readonly rr: { readonly estimate: number; readonly lower: number | null; readonly upper: number | null };
  /** E-value of the point estimate. */
  readonly point: number;
  /** E-value of the confidence limit closer to the null (1 when the interval contains 1); null without limits. */
  readonly ci: number | null;
  readonly options: { readonly rare: boolean };
  readonly warnings: string[];
}

/** HR → RR: identity for a rare outcome, else (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)). */
export function hazardRatioToRiskRatio(hr: number, rare: boolean): number {
  if (rare) return hr;
  return (1 - Math.pow(0.5, Math.sqrt(hr))) / (1 - Math.pow(0.5, Math.sqrt(1 / hr)));
}

/** E-value of a risk ratio: RR* + √(RR*·(RR* − 1)) with RR* = max(RR, 1/RR). */
export function eValueRiskRatio(rr: number): number {
  const r = rr < 1 ? 1 / rr : rr;
  return r + Math.sqrt(r * (r - 1));
}

function checkPositive(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
    throw new SurvinferError({
      code: "OPTION_INVALID",
      message: `${name} must be a positive finite hazard ratio`,
      value: String(v),
      hint: "give the hazard ratio itself, not its logarithm",
    });
  }
}

export function eValueHazardRatio(input: EValueInput): EValueResult {
  const { hr, lower, upper, rare } = input;
  checkPositive("hr", hr);
  checkPositive("lower", lower);
  checkPositive("upper", upper);
  if ((lower === undefined) !== (upper === undefined)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "give both confidence limits (lower and upper) or neither" });
  }
  if (lower !== undefined && upper !== undefined && !(lower <= hr && hr <= upper)) {
    throw new SurvinferError({
      code: "OPTION_INVALID",
      message: `the confidence interval [${lower}, ${upper}] does not contain the estimate ${hr}`,
      hint: "check the order of --lower and --upper",
    });
  }
  const rrEst = hazardRatioToRiskRatio(hr, rare);
  const rrLo = lower === undefined ? null : hazardRatioToRiskRatio(lower, rare);
  const rrHi = upper === undefined ? null : hazardRatioToRiskRatio(upper, rare);
  let ci: number | null = null;
  if (rrLo !== null && rrHi !== null) {
    if (rrLo <= 1 && rrHi >= 1) ci = 1;
    else ci = eValueRiskRatio(rrEst < 1 ? rrHi : rrLo);
  }
  const warnings: string[] = [];
  if (hr === 1) warnings.push("the hazard ratio is 1: no association to explain away, E-value = 1");
  return {
    method: "E-value (VanderWeele & Ding 2017)",
    rr: { estimate: rrEst, lower: rrLo, upper: rrHi },
    point: eValueRiskRatio(rrEst),
    ci,
    options: { rare },
    warnings,
  };
}

/** The outcome counts as rare below this cumulative risk at the end of follow-up (VanderWeele 2017, 2020). */
export const RARE_OUTCOME_RISK = 0.15;

export interface EValueFromSurvivalInput {
  readonly hr: number;
  readonly lower?: number;
  readonly upper?: number;
  /**
   * Kaplan–Meier survival of the whole analysed cohort at the end of follow-up (its last time): the
   * cumulative risk 1 − S decides the rare-outcome rule.
   */
  readonly survivalAtEnd: number;
}

/** The E-value with the rare-outcome rule stated: the risk it was decided on and the rule in words. */
export interface EValueFromSurvivalResult extends EValueResult {
  /** 1 − S(end of follow-up), from Kaplan–Meier. */
  readonly outcomeRisk: number;
  /** e.g. "outcome common (1 − KM = 62% ≥ 15% at the end of follow-up): HR converted to RR by (1 − 0.5^√HR)/(1 − 0.5^√(1/HR))". */
  readonly rareRule: string;
}

/**
 * E-value of a hazard ratio with the rare-outcome rule taken from 1 − KM at the end of follow-up
 * (VanderWeele 2020, Epidemiology 31:e8, doi:10.1097/EDE.0000000000001105): below 15% the HR is used as an
 * RR, otherwise it is converted first. A deliberate difference from the treatment-effect table, whose
 * E-values decide rarity from the crude share events/n (src/causal/effect.ts): 1 − KM counts the censored
 * patients' risk too, as the rule intends.
 *
 * @example
 * eValueFromSurvival({ hr: 0.62, lower: 0.41, upper: 0.94, survivalAtEnd: 0.3 }).options.rare // false (risk 70%)
 */
export function eValueFromSurvival(input: EValueFromSurvivalInput): EValueFromSurvivalResult {
  const s = input.survivalAtEnd;
  if (!(Number.isFinite(s) && s >= 0 && s <= 1)) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "survival at the end of follow-up must be a probability in [0, 1]", value: String(s) });
  }
  const risk = 1 - s;
  const rare = risk < RARE_OUTCOME_RISK;
  const res = eValueHazardRatio({ hr: input.hr, lower: input.lower, upper: input.upper, rare });
  const pct = `${(100 * risk).toFixed(0)}%`;
  const rareRule = rare
    ? `outcome rare (1 − KM = ${pct} < 15% at the end of follow-up): HR used as a risk ratio`
    : `outcome common (1 − KM = ${pct} ≥ 15% at the end of follow-up): HR converted to a risk ratio by (1 − 0.5^√HR)/(1 − 0.5^√(1/HR))`;
  return { ...res, outcomeRisk: risk, rareRule };
}
