/**
 * Two generic rules that decide what the report may claim from a mixture cure model (docs/methods.md, "What the
 * cure section claims"):
 *
 * 1. **Model against data.** The model's cure fraction is stated as a finding only when the data agree with it: it
 *    lies inside the pointwise CI of the Kaplan–Meier estimate at the end of follow-up (survfit's default log
 *    transform) and the follow-up check says that follow-up is long enough for a plateau (verdict "sufficient",
 *    src/survival/cure/follow-up-check.ts). Otherwise `modelVsData` says which rule failed and the report headlines
 *    the disagreement instead of the number. Not judged for relative survival (its cure fraction is of net survival,
 *    which the all-cause Kaplan–Meier does not estimate).
 * 2. **Covariate effects.** An incidence covariate's effect on cure is described only when the CI of its odds ratio
 *    of cure, for the contrast the report names (between a factor's levels; lower against upper quartile of a
 *    number), spans at most MAX_CI_FOLD-fold (upper/lower); a wider one is "no usable estimate".
 */
import { kaplanMeier } from "../survival/kaplan-meier.js";
import type { FollowUpCheckResult } from "../survival/cure/follow-up-check.js";
import type { CureProfile } from "../survival/cure/design.js";
import { incidenceVcov, type CureFit } from "../survival/cure/predict.js";
import { normalQuantile } from "../math/distributions.js";

/** Widest CI (upper/lower of the odds ratio) of a covariate effect the report describes as an effect. */
export const MAX_CI_FOLD = 10;

/** The Kaplan–Meier estimate at the last follow-up time, with its pointwise CI. */
export interface KmAtEnd {
  readonly time: number;
  readonly surv: number;
  readonly lower: number;
  readonly upper: number;
}

export type ModelVsData = "agree" | "outside-km-ci" | "plateau-not-reached";

/** The KM of (time, status) at its last time (NaN limits where survfit has none, e.g. S = 0). */
export function kmAtEnd(time: Float64Array, status: Int32Array, confLevel: number): KmAtEnd | null {
  if (time.length === 0) return null;
  const s = kaplanMeier({ time, status }, { confLevel }).strata[0];
  const k = s.time.length - 1;
  if (k < 0) return null;
  return { time: s.time[k], surv: s.surv[k], lower: s.lower[k] ?? Number.NaN, upper: s.upper[k] ?? Number.NaN };
}

/** Rule 1: whether the model's cure fraction and the data agree, or which check fails first. */
export function modelVsData(cureFraction: number, km: KmAtEnd | null, followUp: FollowUpCheckResult | null): ModelVsData {
  if (km !== null && Number.isFinite(km.lower) && Number.isFinite(km.upper) && (cureFraction < km.lower || cureFraction > km.upper)) return "outside-km-ci";
  if (followUp === null || followUp.verdict !== "sufficient") return "plateau-not-reached";
  return "agree";
}

/** One incidence covariate's effect on cure, for the contrast between its lowest and highest profile. */
export interface CureCovariateEffect {
  readonly covariate: string;
  /** Profile names (src/study/cure-step.ts covariateProfiles) of the contrast: odds of cure at `to` over `from`. */
  readonly from: string;
  readonly to: string;
  readonly oddsRatio: number;
  readonly lower: number;
  readonly upper: number;
  /** upper / lower. */
  readonly ciFold: number;
  /** ciFold ≤ MAX_CI_FOLD: the report may describe it as an effect. */
  readonly usable: boolean;
}

/**
 * Rule 2: per covariate (its profiles), the odds ratio of cure between its lowest- and highest-cure profiles with a
 * Wald CI from the incidence covariance: log OR = −γ'(z_to − z_from) (the incidence model is of being uncured),
 * var = d'V d. No effects without a covariance (e.g. a semiparametric fit without bootstrap).
 */
export function cureCovariateEffects(fit: CureFit, groups: readonly { readonly covariate: string; readonly profiles: readonly CureProfile[] }[], estimates: readonly { readonly name: string; readonly estimate: number }[], confLevel: number): CureCovariateEffect[] {
  const v = incidenceVcov(fit);
  if (v === null) return [];
  const k = fit.incidence.length;
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const out: CureCovariateEffect[] = [];
  for (const grp of groups) {
    if (grp.profiles.length < 2) continue;
    const est = (p: CureProfile): number => estimates.find((e) => e.name === p.name)?.estimate ?? Number.NaN;
    let lo = grp.profiles[0];
    let hi = grp.profiles[0];
    for (const p of grp.profiles) {
      if (est(p) < est(lo)) lo = p;
      if (est(p) > est(hi)) hi = p;
    }
    if (lo === hi) continue;
    const d = hi.z.map((x, j) => x - lo.z[j]);
    let logOr = 0;
    let variance = 0;
    for (let a = 1; a < k; a++) {
      logOr -= fit.incidence[a].estimate * d[a - 1];
      for (let b = 1; b < k; b++) variance += d[a - 1] * v[a * k + b] * d[b - 1];
    }
    const se = Math.sqrt(variance);
    const lower = Math.exp(logOr - z * se);
    const upper = Math.exp(logOr + z * se);
    const ciFold = upper / lower;
    out.push({ covariate: grp.covariate, from: lo.name, to: hi.name, oddsRatio: Math.exp(logOr), lower, upper, ciFold, usable: Number.isFinite(ciFold) && ciFold <= MAX_CI_FOLD });
  }
  return out;
}
