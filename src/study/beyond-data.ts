/**
 * "Beyond the data": one rule for every survival probability, survival difference or RMST quoted at a time t.
 * Such a number is not shown (the report prints "–" with the reason; results.json keeps it, flagged) when any
 * group it uses has fewer than `minAtRisk` UNWEIGHTED patients at risk at t as the figures count them: the same
 * threshold (spec `figures.minAtRisk`, default 5) and the same count with which the report's figures cut a curve
 * (src/report/plots/km.ts): the unweighted number at risk at the first listed time ≥ t of a table that lists every
 * time (events and censorings, as survfit), n(t−) = #{entry < t ≤ exit}. The clone–censor–weight curves are listed
 * at their event times only, so their count is read from the arm's step function over every follow-up end
 * (`arms[k].atRisk`, src/causal/ccw; issue 19: before, the risk set of the next death). A weighted risk set of 7 can
 * be two patients; a number the figure no longer draws is not printed in a table either.
 */
import type { StudySpec } from "./schema.js";

/** Default of `figures.minAtRisk` (src/study/schema.ts; the figures' DEFAULT_MIN_AT_RISK in src/report/report-context.ts). */
export const MIN_AT_RISK_DEFAULT = 5;

/** The study's truncation threshold: `figures.minAtRisk`, else 5 (0 = never cut, never hidden). */
export function minAtRiskOf(spec: Pick<StudySpec, "figures">): number {
  return spec.figures?.minAtRisk ?? MIN_AT_RISK_DEFAULT;
}

/** How well the data support a number at time t: the unweighted patients at risk just before t in each group it uses. */
export interface DataSupport {
  /** True when any group has fewer than `minAtRisk` patients at risk just before t: the number is not shown. */
  readonly beyondData: boolean;
  /**
   * Unweighted patients at risk at t, one per group (in the order of the groups of the number), as the figures count
   * them: n(t−) = #{entry < t ≤ exit} (for the clone–censor–weight strategies, the clones with follow-up ≥ t).
   */
  readonly nRiskUnweighted: readonly number[];
  /** The threshold applied (figures.minAtRisk). */
  readonly minAtRisk: number;
}

/** Patients at risk just before t: #{i: entry_i < t ≤ exit_i} (entry 0 when absent). O(n). */
export function atRiskBefore(exit: ArrayLike<number>, t: number, entry?: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < exit.length; i++) if (exit[i] >= t && (entry === undefined || entry[i] < t)) k++;
  return k;
}

/** The rule: `beyondData` when any group's count is below the threshold (never with minAtRisk 0). */
export function dataSupport(nRiskUnweighted: readonly number[], minAtRisk: number): DataSupport {
  return { beyondData: minAtRisk > 0 && nRiskUnweighted.some((n) => n < minAtRisk), nRiskUnweighted: [...nRiskUnweighted], minAtRisk };
}

/** "12 and 3" */
export function countsText(k: readonly number[]): string {
  return k.length === 1 ? String(k[0]) : `${k.slice(0, -1).join(", ")} and ${k[k.length - 1]}`;
}

/** "not estimable at 60 months: 12 and 3 patients at risk (fewer than 5, where the figures end the curves)": printed in place of the number. */
export function beyondDataText(s: DataSupport, time: string): string {
  return `not estimable at ${time}: ${countsText(s.nRiskUnweighted)} patients at risk (fewer than ${s.minAtRisk}, where the figures end the curves)`;
}

/**
 * Unweighted patients at risk [treated, control] of a two-group Kaplan–Meier (strata [control, treated], as the study's
 * KM by treatment) at each of `times`, as the figures count them: the support of a survival contrast on that sample.
 */
export function contrastSupport(km: { readonly strata: readonly { readonly time: ArrayLike<number>; readonly nRisk: ArrayLike<number>; readonly nRiskUnweighted?: ArrayLike<number> }[] }, times: readonly number[]): [number, number][] | null {
  if (km.strata.length !== 2) return null;
  const count = (g: number, t: number): number => atRiskAsDrawn(km.strata[g].time, km.strata[g].nRiskUnweighted ?? km.strata[g].nRisk, t);
  return times.map((t) => [count(1, t), count(0, t)]);
}

/**
 * Patients at risk at t as the figures count them, from a curve's times and unweighted numbers at risk: at its first
 * listed time ≥ t; past the last listed time, `after` (n(t−) from the data for a curve listed at event times only;
 * 0 for a table that lists every time).
 */
export function atRiskAsDrawn(time: ArrayLike<number>, nRiskUnweighted: ArrayLike<number>, t: number, after = 0): number {
  for (let j = 0; j < time.length; j++) if (time[j] >= t) return nRiskUnweighted[j];
  return after;
}
