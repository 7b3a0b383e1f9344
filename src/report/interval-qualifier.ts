/**
 * The qualifier of a clone–censor–weight interval whose bootstrap replicates are not centred on the estimate
 * (|bias| > 0.25 × bootstrap SE: results.json `bootstrapOffCentre` of a survival or RMST difference and of the
 * per-protocol hazard ratio, src/study/immortal-time/ccw-checks.ts). The flag is read, never recomputed.
 *
 * What the flag means depends on how the interval was formed (`intervalMethod`, src/causal/ccw/types.ts):
 * - a percentile interval ("percentile": the RMST difference, the HR's bootstrap interval) is shifted with the
 *   replicates: "interval unreliable: bootstrap not centred";
 * - a Wald interval ("wald-larger-se": the survival differences since session 11) is centred on the estimate by
 *   construction, so "not centred" does not describe it: the bootstrap estimates a bias of the estimate itself, and
 *   the bootstrap percentile interval, printed beside it, shows where the replicates lie (referee finding A1).
 * The primary's headline (an engine text in English) carries the short form (src/study/primary.ts offCentreText).
 */
import { msg } from "../i18n/messages.js";
import type { CcwIntervalMethod } from "../causal/ccw/types.js";

/**
 * The bootstrap flag of an interval (absent on results.json written before the check existed), its lower limit (null:
 * no interval shown), how the limits were formed, the bootstrap bias and the percentile limits (absent before session 11).
 */
export interface CentreFlag {
  readonly bootstrapOffCentre?: boolean;
  readonly lower?: number | null;
  readonly intervalMethod?: CcwIntervalMethod | null;
  readonly bootstrapBias?: number | null;
  readonly percentileLower?: number | null;
  readonly percentileUpper?: number | null;
}

/** How the bias and the percentile limits are written where the number is: `num` a limit ("−38.5"), `amount` a bias with its unit ("7.4 points"). */
export interface CentreFormat {
  readonly num: (x: number) => string;
  readonly amount: (x: number) => string;
}

/**
 * `text` (a number with its interval) followed by its qualifier in the language in force when `c` is flagged not
 * centred and has an interval; `text` unchanged otherwise. A Wald interval: "; bootstrap bias 7.4 points (> ¼ SE):
 * estimate and interval may be off; bootstrap percentile interval −38.5 to 34.6" (`short`: "; bootstrap not centred:
 * may be off; percentile −38.5 to 34.6"); a percentile interval (or results without the percentile limits):
 * "; interval unreliable: bootstrap not centred".
 *
 * @example
 * ```ts
 * const f = { num: (x: number) => (100 * x).toFixed(1), amount: (x: number) => `${(100 * x).toFixed(1)} points` };
 * withCentreFlag("−14.8 (−46.6 to 17.0) points", { bootstrapOffCentre: true, lower: -0.466, intervalMethod: "wald-larger-se", bootstrapBias: 0.074, percentileLower: -0.385, percentileUpper: 0.346 }, f);
 * // "−14.8 (−46.6 to 17.0) points; bootstrap bias 7.4 points (> ¼ SE): estimate and interval may be off; bootstrap percentile interval -38.5 to 34.6"
 * withCentreFlag("−4.9 (−15.0 to 12.4) months", { bootstrapOffCentre: true, lower: -15, intervalMethod: "percentile" });
 * // "−4.9 (−15.0 to 12.4) months; interval unreliable: bootstrap not centred"
 * ```
 */
export function withCentreFlag(text: string, c: CentreFlag | null | undefined, f?: CentreFormat, short = false): string {
  if (c?.bootstrapOffCentre !== true || c.lower === null) return text;
  const { bootstrapBias: bias, percentileLower: pl, percentileUpper: pu } = c;
  if (c.intervalMethod === "wald-larger-se" && f !== undefined && pl != null && pu != null && bias != null) {
    const m = msg().immortal;
    return short ? m.waldOffCentreShort(text, f.num(pl), f.num(pu)) : m.waldOffCentre(text, f.amount(bias), f.num(pl), f.num(pu));
  }
  return msg().report.intervalUnreliable(text);
}
