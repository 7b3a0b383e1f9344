/**
 * `--treatment-date` for km, logrank and rmst: the `--by` column is the yes/no treatment; the
 * immortal-time summary (for the output), and on request the counting-process intervals of the
 * analysed patients (Simon–Makuch curves, Mantel–Byar test). Without `--treatment-date`, a hint when
 * a date column looks like the date of the `--by` treatment (src/cli/treatment-date-hint.ts).
 */
import { SurvinferError } from "../../errors.js";
import { columnFactor } from "../../data/factor.js";
import { requireColumn } from "../../data/validate.js";
import type { TreatmentIntervals } from "../../survival/tmerge.js";
import { rowIds, tableFactor } from "../data-args.js";
import { treatmentDateHint } from "../treatment-date-hint.js";
import { checkAgainstFollowUp, splitForCli, treatedGroup, treatmentTiming, type ImmortalTimeSummary, type TreatedGroup, type TreatmentDateOptions } from "../treatment-date.js";
import type { SurvivalData, SurvivalDataOptions } from "./survival-data.js";

export interface SurvivalTreatmentDate {
  readonly group: TreatedGroup;
  readonly summary: ImmortalTimeSummary;
  /** Counting-process intervals (only with `--time-dependent`), interval `patient` = index into the analysed rows. */
  readonly intervals?: TreatmentIntervals;
  /** Row number (file) per interval. */
  readonly intervalRowNumbers?: Int32Array;
  /** Per interval: its stratum code (when `strata` was given). */
  readonly intervalStrata?: Int32Array;
  readonly warnings: readonly string[];
}

/** Table row index of each analysed row (SurvivalData keeps file row numbers only). */
function tableRows(d: SurvivalData): Int32Array {
  const index = new Map<number, number>();
  for (let i = 0; i < d.table.nRows; i++) index.set(d.table.rowNumbers[i], i);
  return Int32Array.from(d.rowNumbers, (r) => index.get(r)!);
}

/** undefined without `--treatment-date`; `hint` is then the warning of the heuristic, if any. */
export async function survivalTreatmentDate(d: SurvivalData, opts: SurvivalDataOptions & TreatmentDateOptions): Promise<{ result?: SurvivalTreatmentDate; hint?: string }> {
  const timing = treatmentTiming(d.table, opts);
  if (timing === undefined) {
    if (opts.by === undefined) return {};
    const factor = tableFactor(requireColumn(d.table, opts.by, "--by"));
    return { hint: treatmentDateHint(await d.hintTable([{ column: opts.by, factor }]), opts.by, factor) };
  }
  if (opts.by === undefined) {
    throw new SurvinferError({ code: "OPTION_MISSING", message: "option --treatment-date needs --by COL, the yes/no treatment column", hint: "e.g. --by operated --treatment-date date_operation" });
  }
  const rows = tableRows(d);
  const factor = columnFactor(requireColumn(d.table, opts.by, "--by"));
  const group = treatedGroup(d.table, opts.by, factor, timing, opts.timeDependent ? "time-dependent" : "naive", rows);
  const position = new Map<number, number>();
  rows.forEach((i, k) => position.set(i, k));
  const warnings = [...group.warnings, ...checkAgainstFollowUp(d.table, group, timing, (i) => d.time[position.get(i)!], rows)];
  if (!opts.timeDependent) return { result: { group, summary: group.summary, warnings } };
  const treatmentTime = Float64Array.from(rows, (i) => group.time[i]);
  const split = splitForCli(d.table, timing, { time: d.time, status: d.status, treatmentTime, rows, ids: rowIds(d.table, opts.id) });
  const iv = split.intervals;
  return {
    result: {
      group,
      summary: group.summary,
      intervals: iv,
      intervalRowNumbers: Int32Array.from(iv.patient, (k) => d.rowNumbers[k]),
      intervalStrata: d.strata && Int32Array.from(iv.patient, (k) => d.strata!.codes[k]),
      warnings: [...warnings, ...split.warnings],
    },
  };
}

/** Group labels of the time-dependent comparison: [untreated / not yet treated, treated from treatment]. */
export function timeDependentLevels(g: TreatedGroup): [string, string] {
  return [`${g.column}=${g.levels[0]} / not yet ${g.levels[1]}`, `${g.column}=${g.levels[1]} (from treatment)`];
}
