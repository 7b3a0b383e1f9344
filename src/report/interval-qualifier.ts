/**
 * The qualifier of a bootstrap interval whose replicates are not centred on the estimate (|bias| > 0.25 × bootstrap SE:
 * results.json `bootstrapOffCentre` of a clone–censor–weight survival or RMST difference and of its per-protocol hazard
 * ratio, src/study/immortal-time/ccw-checks.ts): every place that prints such an interval says it is unreliable. The
 * flag is read, never recomputed. The primary's headline (an engine text) carries the same words (src/study/primary.ts
 * INTERVAL_UNRELIABLE).
 */
import { msg } from "../i18n/messages.js";

/** The bootstrap flag of an interval (absent on results.json written before the check existed) and its lower limit (null: no interval shown). */
export interface CentreFlag {
  readonly bootstrapOffCentre?: boolean;
  readonly lower?: number | null;
}

/**
 * `text` (a number with its bootstrap interval) followed by "; interval unreliable: bootstrap not centred" in the
 * language in force when `c` is flagged not centred and has an interval; `text` unchanged otherwise.
 *
 * @example
 * ```ts
 * withCentreFlag("−7.8 (−27.7 to 19.8) points", { bootstrapOffCentre: true, lower: -0.277 });
 * // "−7.8 (−27.7 to 19.8) points; interval unreliable: bootstrap not centred"
 * ```
 */
export function withCentreFlag(text: string, c: CentreFlag | null | undefined): string {
  return c?.bootstrapOffCentre === true && c.lower !== null ? msg().report.intervalUnreliable(text) : text;
}
