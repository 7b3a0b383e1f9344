/**
 * The clone–censor–weight weight diagnostics in the study (issue 19, referee A9 and A2): the engine's per-strategy ESS and
 * balance of the clones still in follow-up after the grace period (src/causal/ccw/diagnostics.ts) with the terms'
 * labels, the balance verdict of each strategy (src/causal/balance-verdict.ts, the study's thresholds), and the flag of
 * the treatment-effect table's rule (src/study/effect-flags.ts residualImbalanceText): weighting that left covariate
 * terms beyond the thresholds among the uncensored clones is "residual imbalance after weighting: k of m covariate
 * terms imbalanced", k and m counted over both strategies. The primary's rule (src/study/primary.ts) reads the flag as
 * it reads the landmark rows' flags. And the warning on a cohort below the sizes at which the coverage of the survival
 * differences' interval was checked in simulation (docs/validation.md: 300 to 2,000 patients).
 */
import { balanceVerdict } from "../../causal/balance-verdict.js";
import type { CcwArmDiagnostics, CcwDiagnostics } from "../../causal/ccw/types.js";
import { residualImbalanceText } from "../effect-flags.js";
import { TERM_VERSUS } from "../model-terms.js";

/**
 * One covariate term's SMDs (and variance ratios) of the clones uncensored after the grace period against the reference,
 * the patients alive and in follow-up after it (results.json `smd[]`).
 */
export interface CcwTermSmd {
  /** The model-matrix column, e.g. "timingsynchronous". */
  readonly term: string;
  /**
   * Its display label as the study's other balance tables write a factor's level, e.g. "Timing of lung metastases:
   * synchronous" (not the coefficient's "synchronous vs metachronous": the SMD is of the proportion at that level).
   */
  readonly label: string;
  readonly unweighted: number;
  readonly weighted: number;
  /** Variance ratio unweighted and weighted (continuous terms; null for binary terms, as cobalt). Added in session 12. */
  readonly varianceRatioUnweighted: number | null;
  readonly varianceRatioWeighted: number | null;
  /** Beyond the thresholds after weighting (counted in `nImbalanced`). Added in session 12 (referee s12 A4). */
  readonly imbalanced: boolean;
  /**
   * The statistics by which weighting left the term beyond its threshold and further from the reference than the
   * unweighted clones (|SMD| larger; variance ratio further from 1 on the log scale): "made worse by weighting" in the
   * report. Added in session 12 (referee s12 A4).
   */
  readonly worsenedBy: readonly ("smd" | "varianceRatio")[];
}

/** A coefficient's label as a balance table's term: "Sex: male vs female" → "Sex: male" (src/study/model-terms.ts TERM_VERSUS). */
export function balanceTermLabel(label: string): string {
  const colon = label.indexOf(": ");
  const at = label.lastIndexOf(TERM_VERSUS);
  return colon < 0 || at < colon ? label : label.slice(0, at);
}

export interface CcwArmStudyDiagnostics extends CcwArmDiagnostics {
  /** The strategy as the report names it, e.g. "Pulmonary metastasectomy within 6 months". */
  readonly arm: string;
  readonly smd: readonly CcwTermSmd[];
  /** Terms beyond the thresholds after weighting, of `nTerms`. */
  readonly nImbalanced: number;
  readonly nTerms: number;
  /** The balance verdict after weighting in words ("After weighting (n = 20), 2 of 7 covariate terms remain imbalanced …"). */
  readonly verdict: string;
}

export interface CcwStudyDiagnostics extends CcwDiagnostics {
  readonly perArm: readonly CcwArmStudyDiagnostics[];
  /** Terms beyond the thresholds after weighting over both strategies, of all terms of both. */
  readonly imbalanced: { readonly count: number; readonly total: number };
  /** The residual-imbalance flag (effect-flags.ts), or null when every term is balanced after weighting. */
  readonly flag: { readonly text: string; readonly warning: string } | null;
}

/**
 * The study's diagnostics from the engine's: `columnLabels` names the model-matrix columns, `strategyLabels` the
 * strategies [treat, control] as the report names them.
 */
export function ccwStudyDiagnostics(d: CcwDiagnostics, columnLabels: Readonly<Record<string, string>>, strategyLabels: readonly [string, string]): CcwStudyDiagnostics {
  const labelOf = (row: { readonly variable: string }): string => balanceTermLabel(columnLabels[row.variable] ?? row.variable);
  // the rows' convention (src/causal/ccw/diagnostics.ts): pooled SD of the unweighted groups, the study's binary rule
  const options = { estimand: "ATE", convention: "cobalt", sdDenominator: "pooled", binary: d.binary, continuous: "std", thresholds: d.thresholds } as const;
  const perArm = d.perArm.map((a, k): CcwArmStudyDiagnostics => {
    const v = balanceVerdict({ before: a.before, after: a.after, options }, "weighted", labelOf, a.uncensored);
    return {
      ...a,
      arm: strategyLabels[k],
      smd: a.after.map((row, j) => {
        const failed = v.imbalanced.find((x) => x.variable === row.variable)?.failed ?? [];
        const u = a.before[j];
        const worsenedBy = [
          ...(failed.includes("smd") && Math.abs(row.smd) > Math.abs(u.smd) ? ["smd" as const] : []),
          ...(failed.includes("varianceRatio") && row.varianceRatio !== null && u.varianceRatio !== null && Math.abs(Math.log(row.varianceRatio)) > Math.abs(Math.log(u.varianceRatio)) ? ["varianceRatio" as const] : []),
        ];
        return { term: row.variable, label: labelOf(row), unweighted: u.smd, weighted: row.smd, varianceRatioUnweighted: u.varianceRatio, varianceRatioWeighted: row.varianceRatio, imbalanced: failed.length > 0, worsenedBy };
      }),
      nImbalanced: v.nImbalanced,
      nTerms: v.nTerms,
      verdict: v.text,
    };
  });
  const count = perArm.reduce((s, a) => s + a.nImbalanced, 0);
  const total = perArm.reduce((s, a) => s + a.nTerms, 0);
  const text = residualImbalanceText({ sample: "weighted", nImbalanced: count, nTerms: total });
  const flag = count === 0 ? null : { text, warning: `clone–censor–weight: ${text}: the weighted survival curves rest partly on the covariate differences left among the clones still in follow-up after the grace period (named under the clone–censor–weight balance table)` };
  return { ...d, perArm, imbalanced: { count, total }, flag };
}

/** Smallest and largest cohort at which the coverage of the survival differences' interval was checked (docs/validation.md). */
export const CCW_VALIDATED_N = { min: 300, max: 2000 } as const;

/**
 * The warning on a cohort smaller than the simulations that checked the coverage of the survival differences' interval
 * (referee A2), or null (n ≥ 300, or no bootstrap: then there is no such interval). Without the analysis's name: the
 * study's warning prefixes "clone–censor–weight: ", summary.txt's primary line appends it as it is.
 */
export function ccwSmallSampleWarning(n: number, bootstrap: boolean): string | null {
  if (!bootstrap || n >= CCW_VALIDATED_N.min) return null;
  return `the coverage of the survival differences' confidence intervals was checked in simulation for ${CCW_VALIDATED_N.min}–2,000 patients (docs/validation.md); with ${n} patients it is unknown`;
}
