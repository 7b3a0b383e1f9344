/**
 * Median follow-up by the reverse Kaplan–Meier method: the censoring times are the "events" and the
 * deaths are censored, so the median of that curve estimates the potential follow-up had nobody
 * died (Schemper & Smith 1996, Control Clin Trials 17:343–346, DOI 10.1016/0197-2456(96)00075-X).
 *
 * R: `quantile(survival::survfit(Surv(time, 1 - status) ~ group), probs = 0.5)` — the status is
 * flipped before fitting (prodlim's `reverse = TRUE` treats ties differently; survival's flip is used).
 * Limits use the same `confType` (default "log") as the Kaplan–Meier curves.
 *
 * @example
 * ```ts
 * const fu = medianFollowUp({ time: Float64Array.from([5, 8, 12, 20]), status: Int32Array.from([1, 0, 1, 0]) });
 * fu.strata[0].median.estimate; // 20 (censorings at 8 and 20: 1 − Ĝ reaches 0.5 at 20)
 * ```
 */
import { type ConfType, type MedianEstimate, type SurvivalInput, kaplanMeier } from "./kaplan-meier.js";

export interface FollowUpOptions {
  readonly confType?: ConfType;
  readonly confLevel?: number;
  readonly timefix?: boolean;
}

export interface FollowUpStratum {
  readonly name: string;
  readonly n: number;
  /** Number of censored rows (the "events" of the reverse curve). */
  readonly censored: number;
  readonly median: MedianEstimate;
}

export interface FollowUpResult {
  readonly method: "reverse-kaplan-meier";
  readonly schemaVersion: 1;
  readonly strata: FollowUpStratum[];
  readonly options: { readonly confType: ConfType; readonly confLevel: number; readonly timefix: boolean };
  readonly warnings: string[];
}

export function medianFollowUp(input: SurvivalInput, options: FollowUpOptions = {}): Readonly<FollowUpResult> {
  const flipped = new Int32Array(input.status.length);
  for (let i = 0; i < flipped.length; i++) {
    const s = input.status[i];
    flipped[i] = s === 0 ? 1 : s === 1 ? 0 : s;
  }
  const fit = kaplanMeier({ ...input, status: flipped }, { ...options, probs: [0.5] });
  return {
    method: "reverse-kaplan-meier",
    schemaVersion: 1,
    strata: fit.strata.map((s) => ({ name: s.name, n: s.n, censored: s.events, median: s.median })),
    options: { confType: fit.options.confType, confLevel: fit.options.confLevel, timefix: fit.options.timefix },
    warnings: fit.warnings,
  };
}
