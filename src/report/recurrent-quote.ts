/**
 * The one number the report, summary.txt and the methods text quote for repeated events: the Ghosh–Lin mean
 * number of events per patient with death as a terminal event (Ghosh & Lin 2000; mets::recurrentMarginal), read
 * at the last event time with at least MIN_AT_RISK patients alive and under observation, where the estimate still
 * rests on a handful of patients; the naive mean cumulative function (death as censoring) is read at the same time,
 * for comparison only. Formats nothing; computes nothing but the lookup.
 */
import type { RecurrentStepResult } from "../study/recurrent-step.js";

/** Patients at risk below which the tail of the Ghosh–Lin curve is not quoted. */
export const MIN_AT_RISK = 5;

export interface RecurrentQuote {
  /** Group name ("" or the curve's name when there is one curve). */
  readonly name: string;
  /** Time of the quoted value (the endpoint's unit). */
  readonly time: number;
  /** Ghosh–Lin mean number of events per patient by `time`, with its robust CI. */
  readonly mu: number;
  readonly lower: number;
  readonly upper: number;
  /** Patients alive and under observation at `time`. */
  readonly nRisk: number;
  /** The naive MCF (death as censoring) at `time`, for comparison; null when the group has no naive curve. */
  readonly naive: number | null;
}

/** Value of a right-continuous step function (times ascending) at t: 0 before the first step. */
function stepAt(times: readonly number[], values: readonly number[], t: number): number {
  let v = 0;
  for (let j = 0; j < times.length && times[j] <= t; j++) v = values[j];
  return v;
}

/** One quote per Ghosh–Lin curve with an event at a time with at least MIN_AT_RISK at risk (a group without one is left out). */
export function recurrentQuotes(rec: RecurrentStepResult): RecurrentQuote[] {
  const out: RecurrentQuote[] = [];
  for (const c of rec.ghoshLin.curves) {
    let k = -1;
    for (let j = 0; j < c.time.length; j++) if (c.nRisk[j] >= MIN_AT_RISK) k = j;
    if (k < 0) continue;
    const naive = rec.mcf.curves.find((m) => m.name === c.name);
    out.push({ name: c.name, time: c.time[k], mu: c.mu[k], lower: c.lower[k], upper: c.upper[k], nRisk: c.nRisk[k], naive: naive === undefined ? null : stepAt(naive.time, naive.mcf, c.time[k]) });
  }
  return out;
}
