/**
 * The propensity analyses of a study by multiple imputation, the "within" approach (Leyrat et al. 2019,
 * Stat Methods Med Res 28:3–19, doi:10.1177/0962280217713032): on each completed dataset the PS model is
 * fitted, patients are matched and/or weighted as the spec says, and the treatment-effect table (every
 * hazard ratio of effects-step.ts) and the standardised survival contrasts (adjusted-curves-step.ts) are
 * estimated; the m results are pooled by Rubin's rules with Barnard–Rubin df (src/mi/within.ts): log HRs,
 * survival and RMST differences on the identity scale, survival ratios on the log scale. Covariate balance
 * is the SMD of each term averaged over the imputations. R: mice + glm + coxph + pool (tools/oracle/mi-within.R).
 */
import { SurvinferError } from "../errors.js";
import { eValueHazardRatio } from "../causal/evalue.js";
import type { Estimate, TestedEstimate } from "../causal/survival-contrasts/types.js";
import { averageBalance, poolHazardRatios, poolScalarEstimate, type AveragedBalanceRow, type PooledHazardRatio, type PooledScalarEstimate } from "../mi/within.js";
import { adjustedCurvesStep, type AdjustedCurvesStepResult } from "./adjusted-curves-step.js";
import { effectsStep, type EffectsStepResult } from "./effects-step.js";
import { propensityStep, type PropensityStepResult } from "./propensity-step.js";
import type { PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";
import type { RowWarning } from "./effect-flags.js";

export interface MiWithinHazardRatio extends PooledHazardRatio {
  /** As in the complete-case table (analyses.effects.estimates[]), from the first completed dataset. */
  readonly estimand: string;
  readonly hrType: string;
  readonly variance: string;
  /** The estimand in words, as analyses.effects.estimates[].estimandLabel / estimandDescription (first completed dataset: all patients). */
  readonly estimandLabel: string;
  readonly estimandDescription: string;
  /** E-value of the pooled HR and of its confidence limit closer to 1 (VanderWeele & Ding 2017; rare outcome as the complete-case table decides on completed dataset 1); null when not estimable. */
  readonly eValue: { readonly point: number; readonly ci: number | null } | null;
}

export interface MiWithinBalance {
  readonly sample: "unadjusted" | "matched" | "weighted";
  /** Patients of the unadjusted propensity sample (the same in every completed dataset; the SMD denominators). */
  readonly n: number;
  /** Patients in this sample per completed dataset (matched: the matched patients; weighted: weight > 0): mean, min, max. */
  readonly nAnalysed: { readonly mean: number; readonly min: number; readonly max: number };
  readonly rows: readonly AveragedBalanceRow[];
  /** Largest |mean SMD| over the terms. */
  readonly maxAbsSmd: number;
}

export interface MiWithinContrastAtTime {
  readonly time: number;
  readonly survival: { readonly untreated: PooledScalarEstimate; readonly treated: PooledScalarEstimate };
  /** S₁(t) − S₀(t), pooled on the identity scale. */
  readonly difference: PooledScalarEstimate;
  /** S₁(t) / S₀(t), pooled on the log scale. */
  readonly ratio: PooledScalarEstimate;
}

export interface MiWithinContrasts {
  readonly estimator: string;
  readonly estimand: string;
  readonly at: readonly MiWithinContrastAtTime[];
  /** RMST difference up to tau (g-formula), pooled on the identity scale. */
  readonly rmst: { readonly tau: number; readonly untreated: PooledScalarEstimate; readonly treated: PooledScalarEstimate; readonly difference: PooledScalarEstimate } | null;
}

export interface MiWithinResult {
  readonly approach: "within";
  readonly reference: "Leyrat et al. 2019, doi:10.1177/0962280217713032";
  readonly endpoint: string;
  /** Time unit of the endpoint (e.g. "months"), for the times and RMST. */
  readonly unit: string;
  readonly m: number;
  /** Patients in the analysis (all patients of the endpoint with a known treatment). */
  readonly n: number;
  /** Every HR of the treatment-effect table, pooled (ids as analyses.effects.estimates[].id). */
  readonly hazardRatios: readonly MiWithinHazardRatio[];
  /** The pooled estimate of the study's primary analysis (set by the study runner): the primary itself with missing.primary "mi", else its sensitivity analysis; null when none. */
  readonly primaryId: string | null;
  readonly balance: readonly MiWithinBalance[];
  /** Standardised survival and RMST contrasts (analyses.adjustedCurves), pooled; null when not requested. */
  readonly contrasts: readonly MiWithinContrasts[] | null;
  readonly scales: { readonly hazardRatio: "log"; readonly survivalDifference: "identity"; readonly survivalRatio: "log"; readonly rmstDifference: "identity" };
  readonly warnings: readonly string[];
  /**
   * Which of `warnings` concern one pooled row: the row's id (`hazardRatios[].id`) and the warning's text as in
   * `warnings`, so that a reader of the results (the report's Read first, summary.txt) knows the row without reading
   * the text. Absent in results before session 12.
   */
  readonly rowWarnings?: readonly RowWarning[];
}

interface PerImputation {
  readonly ps: PropensityStepResult | undefined;
  readonly effects: EffectsStepResult | undefined;
  readonly curves: AdjustedCurvesStepResult | undefined;
}

/** Estimates whose Cox model has the covariates beside the treatment (mice's ν_com = events − p). */
const ADJUSTED: ReadonlySet<string> = new Set(["multivariable", "matchedAdjusted", "weightedAdjusted", "weightedAdjustedMEstimation"]);

/** E-value of a pooled HR (estimate and CI limit), as effect.ts gives each complete-case row; null when there is no finite HR. */
function pooledEValue(h: PooledHazardRatio, rare: boolean): MiWithinHazardRatio["eValue"] {
  const { hr, lower, upper } = h;
  if (hr === null || !Number.isFinite(hr) || hr <= 0) return null;
  const ci = lower !== null && upper !== null && lower > 0 && Number.isFinite(upper);
  const ev = eValueHazardRatio(ci ? { hr, lower, upper, rare } : { hr, rare });
  return { point: ev.point, ci: ev.ci };
}

function poolEstimate(name: string, values: readonly (Estimate | TestedEstimate)[], n: number, log = false): PooledScalarEstimate {
  return poolScalarEstimate(name, values.map((v) => ({ estimate: v.estimate, se: v.se })), n, log ? "log" : "identity");
}

function poolContrasts(curves: readonly AdjustedCurvesStepResult[]): MiWithinContrasts[] {
  const first = curves[0];
  const n = first.n;
  return first.estimates.map((est, e) => {
    const all = curves.map((c) => c.estimates[e]);
    const at = est.at.map((a, t): MiWithinContrastAtTime => {
      const rows = all.map((x) => x.at[t]);
      return {
        time: a.time,
        survival: { untreated: poolEstimate(`S0(${a.time})`, rows.map((r) => r.survival.untreated), n), treated: poolEstimate(`S1(${a.time})`, rows.map((r) => r.survival.treated), n) },
        difference: poolEstimate(`S1 - S0 at ${a.time}`, rows.map((r) => r.difference), n),
        ratio: poolEstimate(`S1 / S0 at ${a.time}`, rows.map((r) => r.ratio), n, true),
      };
    });
    const rm = est.rmst;
    const rmst =
      rm === undefined
        ? null
        : {
            tau: rm.tau,
            untreated: poolEstimate("RMST0", all.map((x) => x.rmst!.untreated), n),
            treated: poolEstimate("RMST1", all.map((x) => x.rmst!.treated), n),
            difference: poolEstimate("RMST1 - RMST0", all.map((x) => x.rmst!.difference), n),
          };
    return { estimator: est.estimator, estimand: est.estimand, at, rmst };
  });
}

function balanceOf(per: readonly PerImputation[]): MiWithinBalance[] {
  const out: MiWithinBalance[] = [];
  const add = (
    sample: MiWithinBalance["sample"],
    pick: (p: PropensityStepResult) => readonly { variable: string; covariate: string; level: string | null; smd: number }[] | null | undefined,
    size: (p: PropensityStepResult) => number,
  ): void => {
    const sets = per.map((p) => (p.ps ? pick(p.ps) : undefined));
    if (sets.some((s) => s === undefined || s === null)) return;
    const rows = averageBalance(sets as { variable: string; covariate: string; level: string | null; smd: number }[][]);
    const sizes = per.map((p) => (p.ps ? size(p.ps) : 0));
    const nAnalysed = { mean: sizes.reduce((a, b) => a + b, 0) / sizes.length, min: Math.min(...sizes), max: Math.max(...sizes) };
    out.push({ sample, n: per[0].ps?.analysis.n ?? 0, nAnalysed, rows, maxAbsSmd: Math.max(0, ...rows.map((r) => Math.abs(r.smd)).filter((v) => Number.isFinite(v))) });
  };
  add("unadjusted", (p) => p.analysis.balanceBefore.before, (p) => p.analysis.n);
  add("matched", (p) => p.analysis.matching?.balance.after, (p) => ((s) => (s === undefined ? 0 : s.treatedMatched + s.controlsMatched))(p.analysis.matching?.result.steps));
  add("weighted", (p) => p.analysis.weighting?.balance.after, (p) => ((w) => (w === undefined ? 0 : w.treated.n + w.control.n))(p.analysis.weighting?.result));
  return out;
}

/**
 * Runs the propensity analyses on each completed dataset (`completed(k)`, k = 0..m − 1) and pools them.
 * Returns null when the study has no treatment comparison to run.
 */
export function miWithinStep(spec: StudySpec, outcome: string, m: number, completed: (k: number) => PreparedStudy): MiWithinResult | null {
  if (spec.analyses.propensity === undefined && spec.analyses.adjustedCurves === undefined) return null;
  // the bootstrap is not repeated per imputation: Rubin's rules give the interval (Leyrat 2019),
  const p = spec.analyses.propensity;
  // nor the simultaneous bands of the adjusted curves (the pooled contrasts have pointwise intervals)
  const ac = spec.analyses.adjustedCurves;
  const perSpec: StudySpec = {
    ...spec,
    analyses: { ...spec.analyses, ...(p?.bootstrap === undefined ? {} : { propensity: { ...p, bootstrap: undefined } }), ...(ac === undefined || ac.band === 0 ? {} : { adjustedCurves: { ...ac, band: 0 } }) },
  };
  const warnings = new Set<string>();
  const rowWarnings: RowWarning[] = [];
  const per: PerImputation[] = [];
  for (let k = 0; k < m; k++) {
    const study = completed(k);
    if (study.treatment === undefined) return null;
    try {
      const ps = p === undefined ? undefined : propensityStep(study, perSpec, outcome, []);
      const effects = p === undefined ? undefined : effectsStep(study, perSpec, outcome);
      const curves = spec.analyses.adjustedCurves === undefined ? undefined : adjustedCurvesStep(study, perSpec, outcome);
      per.push({ ps, effects, curves });
    } catch (e) {
      if (!(e instanceof SurvinferError)) throw e;
      throw new SurvinferError({ code: e.code, message: `multiple imputation (within approach), completed dataset ${k + 1} of ${m}: ${e.message}` });
    }
  }
  const effects = per.map((x) => x.effects).filter((x): x is EffectsStepResult => x !== undefined);
  let hazardRatios: MiWithinHazardRatio[] = [];
  let n = 0;
  if (effects.length === m) {
    const q = Math.max(0, (per[0].ps?.analysis.model.model.coefficients.filter((c) => c.name !== "(Intercept)").length ?? 0));
    const pooled = poolHazardRatios(effects.map((e) => e.estimates), (id) => (ADJUSTED.has(id) ? 1 + q : 1));
    hazardRatios = pooled.map((h) => {
      const first = effects[0].estimates.find((e) => e.id === h.id)!;
      return { ...h, estimand: first.estimand, hrType: first.hrType, variance: first.variance, estimandLabel: first.estimandLabel, estimandDescription: first.estimandDescription, eValue: pooledEValue(h, effects[0].options.rareOutcome) };
    });
    n = effects[0].n;
    for (const h of hazardRatios) {
      if (h.notEstimable === null) continue;
      const text = `${h.label}: ${h.notEstimable}; no pooled estimate`;
      warnings.add(text);
      rowWarnings.push({ id: h.id, text });
    }
  }
  const curves = per.map((x) => x.curves).filter((x): x is AdjustedCurvesStepResult => x !== undefined);
  const contrasts = curves.length === m ? poolContrasts(curves) : null;
  if (n === 0 && curves.length > 0) n = curves[0].n;
  return {
    approach: "within",
    reference: "Leyrat et al. 2019, doi:10.1177/0962280217713032",
    endpoint: outcome,
    unit: completed(0).endpoints.get(outcome)?.unit ?? "",
    m,
    n,
    hazardRatios,
    primaryId: null,
    balance: balanceOf(per),
    contrasts,
    scales: { hazardRatio: "log", survivalDifference: "identity", survivalRatio: "log", rmstDifference: "identity" },
    warnings: Array.from(warnings),
    rowWarnings,
  };
}
