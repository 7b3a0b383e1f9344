/**
 * Median follow-up by the reverse Kaplan–Meier method from the event cells, as src/survival/follow-up.ts
 * computes it in memory (unweighted, status flipped: censorings are the "events"; Schemper & Smith 1996,
 * doi:10.1016/0197-2456(96)00075-X). R: `quantile(survfit(Surv(time, 1 - status) ~ group), probs = 0.5)`.
 */
import type { FollowUpResult } from "../survival/follow-up.js";
import type { EventCells } from "./event-cells.js";
import { kaplanMeierFromCells } from "./km.js";

/** The reverse-KM median per group from cells (rows counted, weights ignored, as the CLI's in-memory call). */
export function followUpFromCells(c: EventCells, levels: readonly string[]): FollowUpResult {
  const m = c.time.length;
  const nRisk = new Float64Array(m);
  for (let j = m - 1; j >= 0; j--) nRisk[j] = c.nRows[j] + (j + 1 < m && c.group[j + 1] === c.group[j] ? nRisk[j + 1] : 0);
  const censored = Float64Array.from(c.nRows, (n, j) => n - c.nEventRows[j]);
  const flipped: EventCells = { ...c, nRisk, nEvent: censored, nEventRows: censored, nCensor: Float64Array.from(c.nEventRows), w2Censor: Float64Array.from(c.nEventRows), w2Event: censored };
  const fit = kaplanMeierFromCells(flipped, levels, false, { probs: [0.5] });
  return {
    method: "reverse-kaplan-meier",
    schemaVersion: 1,
    strata: fit.strata.map((s) => ({ name: s.name, n: s.n, censored: s.events, median: s.median })),
    options: { confType: fit.options.confType, confLevel: fit.options.confLevel, timefix: fit.options.timefix },
    warnings: fit.warnings,
  };
}
