/**
 * The events-per-parameter floor applied to the treatment-effect table (issue 16): a covariate-adjusted Cox
 * model of the treatment (multivariable; adjusted on the matched or weighted sample) with EPV = events /
 * (1 + covariate columns) below `analyses.safeguards.epvFloor` is not estimated, as every other Cox, Fine–Gray
 * and cure model of the study (src/study/epv.ts; Vittinghoff & McCulloch 2007, doi:10.1093/aje/kwk052). Its
 * row keeps its place and says "not estimated: k events for p parameters": no HR, CI, p, E-value or bootstrap
 * interval is kept from it. Estimates without a covariate-adjusted outcome model (crude, PS-matched, pair-
 * stratified, IPTW with either variance) are not touched: their parameter is the treatment alone. The
 * "doubly robust" option of the engine is these same adjusted models on the matched/weighted sample, so it is
 * refused with them (no fallback; the unadjusted matched/weighted rows stay next to it).
 * No R equivalent: R fits whatever it is given.
 */
import type { HazardRatioEffect, TreatmentEffectsResult } from "../causal/effect.js";
import { statisticLabel } from "../causal/bootstrap.js";
import { eventsPerParameter, type EpvThresholds, type RefusedModel } from "./epv.js";

/** The fitted model of each covariate-adjusted estimate: the two variances of the weighted model share one fit. */
const MODEL_OF: Readonly<Record<string, string>> = { weightedAdjustedMEstimation: "weightedAdjusted" };

/** "IPTW Cox adjusted for covariates (ATE, conditional HR; robust SE)" → "… (ATE, conditional HR)": the model, not its variance. */
const modelLabel = (label: string): string => label.replace(/; (robust|M-estimation) SE\)$/, ")");

/** Default order of the engine's own `primary` (src/causal/effect.ts), used when the one it chose is refused. */
const ENGINE_PRIMARY_ORDER = ["weightedMEstimation", "weighted", "matched", "multivariable", "crude"] as const;

/**
 * The treatment-effect result with every covariate-adjusted model below the floor replaced by its refusal, and
 * the refused models (one per fitted model, `analysis` = `${prefix}.${model id}`) for results.notEstimable.
 *
 * @example
 * ```ts
 * const { result, refused } = refuseEffectModels(effects, { epvWarn: 10, epvFloor: 5 }, "effects");
 * result.estimates.find((e) => e.id === "multivariable")?.notEstimable;
 * // "not estimated: 23 events for 8 parameters (EPV 2.9, floor 5; set analyses.safeguards.epvFloor to change)"
 * refused.map((r) => r.analysis); // ["effects.multivariable", "effects.matchedAdjusted", "effects.weightedAdjusted"]
 * ```
 */
export function refuseEffectModels<T extends TreatmentEffectsResult>(res: T, thresholds: EpvThresholds, prefix: string): { readonly result: T; readonly refused: readonly RefusedModel[] } {
  const refused: RefusedModel[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  const estimates = res.estimates.map((e): HazardRatioEffect => {
    if (e.adjustedFor.length === 0) return e;
    const epv = eventsPerParameter(e.nEvents, 1 + e.adjustedFor.length, thresholds);
    if (epv.status !== "refuse") return e;
    ids.add(e.id);
    labels.add(e.label);
    const analysis = `${prefix}.${MODEL_OF[e.id] ?? e.id}`;
    if (!refused.some((r) => r.analysis === analysis)) refused.push({ analysis, label: modelLabel(e.label), epv, n: e.n });
    // not estimated: nothing computed from the fit is kept (its own warnings concern a model not reported)
    return { ...e, coef: null, se: null, hr: null, lower: null, upper: null, p: null, eValue: null, bootstrap: null, notEstimable: epv.message, warnings: [] };
  });
  if (refused.length === 0) return { result: res, refused };
  // the bootstrap statistics of a refused model (logHR:<id>; the M-estimation row has none of its own) and their warnings
  const refusedStat = (name: string): boolean => ids.has(name.replace(/^logHR:/, "")) && name.startsWith("logHR:");
  const statLabels = (res.bootstrap?.names ?? []).filter(refusedStat).map((n) => `${statisticLabel(n)}: `);
  const bootstrap =
    res.bootstrap === null
      ? null
      : {
          ...res.bootstrap,
          names: res.bootstrap.names.filter((n) => !refusedStat(n)),
          intervals: res.bootstrap.intervals.filter((iv) => !refusedStat(iv.name)),
          warnings: res.bootstrap.warnings.filter((w) => !statLabels.some((l) => w.startsWith(l))),
        };
  const warnings = res.warnings.filter((w) => ![...labels].some((l) => w.startsWith(`${l}: `)));
  const estimable = (id: string): boolean => estimates.some((e) => e.id === id && !ids.has(id));
  const primary = res.primary !== null && ids.has(res.primary) ? (ENGINE_PRIMARY_ORDER.find(estimable) ?? null) : res.primary;
  return { result: { ...res, estimates, bootstrap, warnings, primary }, refused };
}
