/**
 * `--treatment-date COL [--origin COL] [--time-unit days|months|years]` of the single-analysis
 * commands: when the treatment happens after the origin (operation after diagnosis), a comparison
 * by "ever treated" from the origin is biased by design, because the treated had to survive until
 * treatment (immortal time; Suissa 2008, doi:10.1093/aje/kwm324). This module reads the time from
 * the origin to treatment (a date column minus the origin date column in the time unit, or a numeric
 * column already in the unit of --time), finds the treated group, and summarises the immortal time
 * as the study does (src/study/immortal-time-step.ts): treated patients with a date after time 0 and
 * their median wait.
 */
import type { Command } from "commander";
import { SurvinferError } from "../errors.js";
import { formatIsoDate } from "../data/dates.js";
import { DAYS_PER_UNIT, type TimeUnit } from "../data/endpoints.js";
import type { Column, Table } from "../data/table.js";
import { cellLabel, requireColumn } from "../data/validate.js";
import type { Factor } from "../data/factor.js";
import { splitAtTreatment, type TreatmentIntervals } from "../survival/tmerge.js";
import { parseChoice } from "./options.js";

/** The label every naive (ever-treated from the origin) comparison carries when immortal time is present. */
export const IMMORTAL_TIME_LABEL = "biased by design (immortal time)";

export interface TreatmentDateOptions {
  treatmentDate?: string;
  origin?: string;
  timeUnit?: string;
  timeDependent?: boolean;
}

/** Adds the options; `timeDependent` adds `--time-dependent` too (km, logrank). */
export function addTreatmentDateOptions(cmd: Command, timeDependentHelp?: string): Command {
  cmd
    .option("--treatment-date <col>", "date of treatment (empty = never treated), or a numeric time from the origin to treatment: the treatment happened after time 0 (immortal time)")
    .option("--origin <col>", "date of time 0 (with a date --treatment-date)")
    .option("--time-unit <unit>", "unit of the follow-up times: days, months (30.4375 days) or years (365.25 days); needed with dates and for same-day rules");
  if (timeDependentHelp !== undefined) cmd.option("--time-dependent", timeDependentHelp);
  return cmd;
}

/** Time from the origin to treatment per table row (NaN = no treatment date), in the unit of the follow-up times. */
export interface TreatmentTiming {
  readonly column: string;
  readonly origin?: string;
  readonly unit?: TimeUnit;
  readonly time: Float64Array;
}

function typeError(table: Table, col: Column, role: string, what: string): SurvinferError {
  let i = 0;
  while (i < table.nRows && cellLabel(col, i) === "") i++;
  return new SurvinferError({
    code: "DATA_TREATMENT_DATE_TYPE",
    file: table.source.file,
    row: i < table.nRows ? table.rowNumbers[i] : undefined,
    column: col.name,
    value: i < table.nRows ? cellLabel(col, i) : undefined,
    message: `column "${col.name}" (${role}) must hold ${what}, but it was read as text`,
    hint: "give a column of dates (check --date-format) or of numeric times since the origin, with empty cells for the never treated",
  });
}

function unitOf(opts: TreatmentDateOptions): TimeUnit | undefined {
  return opts.timeUnit === undefined ? undefined : parseChoice<TimeUnit>("--time-unit", opts.timeUnit, ["days", "months", "years"]);
}

/**
 * Reads `--treatment-date` (undefined without it). A date column needs `--origin` (a date column) and
 * `--time-unit`; a numeric column is already the time since the origin and takes no `--origin`.
 * A treatment before the origin, or a treatment date without an origin date, stops naming the row.
 */
export function treatmentTiming(table: Table, opts: TreatmentDateOptions): TreatmentTiming | undefined {
  const unit = unitOf(opts);
  if (opts.treatmentDate === undefined) {
    const lone = opts.origin !== undefined ? "--origin" : opts.timeUnit !== undefined ? "--time-unit" : opts.timeDependent ? "--time-dependent" : undefined;
    if (lone !== undefined) {
      throw new SurvinferError({ code: "OPTION_MISSING", message: `option ${lone} needs --treatment-date COL`, hint: "name the column with the date (or time from the origin) of treatment" });
    }
    return undefined;
  }
  const col = requireColumn(table, opts.treatmentDate, "--treatment-date");
  const time = new Float64Array(table.nRows);
  if (col.kind === "categorical") throw typeError(table, col, "--treatment-date", "dates or numeric times since the origin");
  if (col.kind === "numeric") {
    if (opts.origin !== undefined) {
      throw new SurvinferError({ code: "OPTION_CONFLICT", file: table.source.file, column: col.name, message: `column "${col.name}" (--treatment-date) is numeric, i.e. already a time since the origin: --origin is for a column of dates`, hint: "drop --origin, or give a column of treatment dates" });
    }
    for (let i = 0; i < table.nRows; i++) {
      const t = col.values[i];
      if (t < 0) throw beforeOrigin(table, col, i, String(t));
      time[i] = t;
    }
    return { column: col.name, unit, time };
  }
  if (opts.origin === undefined || unit === undefined) {
    throw new SurvinferError({
      code: "OPTION_MISSING",
      file: table.source.file,
      column: col.name,
      message: `column "${col.name}" (--treatment-date) holds dates: the time to treatment needs ${opts.origin === undefined ? "--origin COL (the date of time 0)" : ""}${opts.origin === undefined && unit === undefined ? " and " : ""}${unit === undefined ? "--time-unit days|months|years (the unit of the follow-up times)" : ""}`,
      hint: "e.g. --origin date_diagnosis --time-unit months",
    });
  }
  const origin = requireColumn(table, opts.origin, "--origin");
  if (origin.kind !== "date") throw typeError(table, origin, "--origin", "dates");
  const perUnit = DAYS_PER_UNIT[unit];
  for (let i = 0; i < table.nRows; i++) {
    const d = col.values[i];
    if (Number.isNaN(d)) {
      time[i] = Number.NaN;
      continue;
    }
    if (Number.isNaN(origin.values[i])) {
      throw new SurvinferError({ code: "DATA_MISSING_ORIGIN", file: table.source.file, row: table.rowNumbers[i], column: origin.name, message: `the patient has a treatment date (${formatIsoDate(d)}) but no date in the origin column`, hint: "fill in the origin date of this patient" });
    }
    if (d < origin.values[i]) throw beforeOrigin(table, col, i, formatIsoDate(d), `${origin.name} = ${formatIsoDate(origin.values[i])}`);
    time[i] = (d - origin.values[i]) / perUnit;
  }
  return { column: col.name, origin: origin.name, unit, time };
}

function beforeOrigin(table: Table, col: Column, i: number, value: string, originText?: string): SurvinferError {
  return new SurvinferError({
    code: "DATA_TREATMENT_BEFORE_ORIGIN",
    file: table.source.file,
    row: table.rowNumbers[i],
    column: col.name,
    value,
    message: `treatment before the origin${originText === undefined ? " (negative time)" : ` (${originText})`}`,
    hint: "a treatment must be at or after time 0: correct the date, or start follow-up at the treatment",
  });
}

/** The yes/no treatment: the level (of a two-level factor) whose patients have the treatment dates. */
export interface TreatedGroup {
  readonly column: string;
  readonly levels: readonly [string, string];
  /** Code of the treated level in the factor. */
  readonly treatedCode: number;
  /** Per table row: treatment time (0 for treated patients without a date), NaN for the untreated or missing. */
  readonly time: Float64Array;
  readonly summary: ImmortalTimeSummary;
  readonly warnings: readonly string[];
}

export interface ImmortalTimeSummary {
  readonly treatmentDate: string;
  readonly origin: string | null;
  readonly unit: string | null;
  readonly treatment: { readonly column: string; readonly treated: string };
  readonly nTreated: number;
  /** Treated patients whose treatment time is after 0 (their time from the origin to treatment is immortal). */
  readonly nTreatedAfterOrigin: number;
  readonly nTreatedWithoutDate: number;
  /** Median time from the origin to treatment among the treated with a date (as the study), in the time unit. */
  readonly medianWait: number | null;
  /** IMMORTAL_TIME_LABEL when some patients were treated after time 0, else null. */
  readonly naiveComparison: string | null;
  readonly design: "naive" | "time-dependent";
  readonly note: string;
}

function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * The treated level of a two-level `factor` (per table row) read from `column`: the level in which the
 * treatment dates are. Dates in both levels stop (the row of the rarer one named); treated patients
 * without a date count as treated from the origin, as the study does, with a warning.
 */
export function treatedGroup(table: Table, column: string, factor: Factor, timing: TreatmentTiming, design: ImmortalTimeSummary["design"], rows?: Int32Array): TreatedGroup {
  if (factor.levels.length !== 2) {
    throw new SurvinferError({
      code: "OPTION_CONFLICT",
      file: table.source.file,
      column,
      message: `--treatment-date needs the treatment column "${column}" to be yes/no (two values); it has ${factor.levels.length} (${factor.levels.slice(0, 6).map((l) => JSON.stringify(l)).join(", ")})`,
      hint: "group by the yes/no treatment column",
    });
  }
  const use = rows ?? Int32Array.from({ length: table.nRows }, (_, i) => i);
  const withDate = [0, 0];
  const firstRow = [-1, -1];
  for (const i of use) {
    const c = factor.codes[i];
    if (c < 0 || Number.isNaN(timing.time[i])) continue;
    withDate[c]++;
    if (firstRow[c] < 0) firstRow[c] = i;
  }
  if (withDate[0] === 0 && withDate[1] === 0) {
    throw new SurvinferError({ code: "DATA_NO_TREATMENT_DATES", file: table.source.file, column: timing.column, message: `no analysed patient has a treatment date in column "${timing.column}"`, hint: "check the column, or leave out --treatment-date" });
  }
  if (withDate[0] > 0 && withDate[1] > 0) {
    const rare = withDate[0] <= withDate[1] ? 0 : 1;
    const i = firstRow[rare];
    throw new SurvinferError({
      code: "DATA_INVALID_TREATMENT",
      file: table.source.file,
      row: table.rowNumbers[i],
      column: timing.column,
      value: dateText(table, timing.column, i),
      message: `the patient has a treatment date but ${column} = ${JSON.stringify(factor.levels[rare])}, while ${withDate[1 - rare]} other patients with a date have ${column} = ${JSON.stringify(factor.levels[1 - rare])}`,
      hint: `the treatment date must be empty for the untreated: correct "${column}" or "${timing.column}" for this patient`,
    });
  }
  const treatedCode = withDate[1] > 0 ? 1 : 0;
  const time = new Float64Array(table.nRows).fill(Number.NaN);
  const waits: number[] = [];
  const noDate: number[] = [];
  let nTreated = 0;
  let after = 0;
  for (const i of use) {
    if (factor.codes[i] !== treatedCode) continue;
    nTreated++;
    const t = timing.time[i];
    if (Number.isNaN(t)) {
      noDate.push(table.rowNumbers[i]);
      time[i] = 0;
      continue;
    }
    time[i] = t;
    waits.push(t);
    if (t > 0) after++;
  }
  const warnings: string[] = [];
  if (noDate.length > 0) {
    warnings.push(`${noDate.length} treated patient(s) (${column} = ${factor.levels[treatedCode]}) have no date in "${timing.column}": counted as treated from the origin (rows ${listed(noDate.map(String))})`);
  }
  const levels: [string, string] = [factor.levels[1 - treatedCode], factor.levels[treatedCode]];
  const medianWait = median(waits);
  const unit = timing.unit ?? "time units";
  const note =
    after > 0
      ? `${after} of ${nTreated} treated patients (${column} = ${levels[1]}) were treated after time 0 (median wait ${medianWait === null ? "NA" : round(medianWait)} ${unit}): a patient had to survive until treatment to be counted as treated, so a comparison by treatment received from the origin is ${IMMORTAL_TIME_LABEL}`
      : `every treated patient (${column} = ${levels[1]}) was treated at time 0: no immortal time`;
  const summary: ImmortalTimeSummary = {
    treatmentDate: timing.column,
    origin: timing.origin ?? null,
    unit: timing.unit ?? null,
    treatment: { column, treated: levels[1] },
    nTreated,
    nTreatedAfterOrigin: after,
    nTreatedWithoutDate: noDate.length,
    medianWait,
    naiveComparison: after > 0 ? IMMORTAL_TIME_LABEL : null,
    design,
    note,
  };
  return { column, levels, treatedCode, time, summary, warnings };
}

/** A cell of a date or numeric column as the user wrote it (dates as YYYY-MM-DD). */
function dateText(table: Table, column: string, i: number): string {
  const col = requireColumn(table, column);
  return col.kind === "date" ? formatIsoDate(col.values[i]) : cellLabel(col, i);
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/**
 * Treatment times against follow-up: when (nearly) every treated patient was treated after the end of
 * their follow-up, the origin or the time unit is not that of the follow-up times (e.g. a birth date as
 * origin, or days against months); all of them (≥ 3) stops, more than half warns.
 */
export function checkAgainstFollowUp(table: Table, g: TreatedGroup, timing: TreatmentTiming, followUp: (i: number) => number, rows: Int32Array): string[] {
  let dated = 0;
  let after = 0;
  let first = -1;
  for (const i of rows) {
    const t = g.time[i];
    if (Number.isNaN(t) || t === 0 || Number.isNaN(timing.time[i])) continue;
    dated++;
    if (t > followUp(i) * (1 + 1e-8)) {
      after++;
      if (first < 0) first = i;
    }
  }
  if (after === 0 || 2 * after <= dated) return [];
  const what = `${after} of ${dated} treated patients with a treatment after time 0 were treated after the end of their follow-up`;
  const check = `check that ${timing.origin === undefined ? `"${timing.column}" is in the unit of the follow-up times` : `--origin ${timing.origin} is time 0 of the follow-up times and --time-unit ${timing.unit ?? ""} their unit`}`;
  if (after === dated && dated >= 3) {
    throw new SurvinferError({ code: "DATA_TREATMENT_AFTER_FOLLOWUP", file: table.source.file, row: table.rowNumbers[first], column: timing.column, value: dateText(table, timing.column, first), message: what, hint: check });
  }
  return [`${what}: ${check}`];
}

/** "a, b, c" or the first 10 "and k more". */
export function listed(xs: readonly string[]): string {
  return xs.length <= 10 ? xs.join(", ") : `${xs.slice(0, 10).join(", ")} and ${xs.length - 10} more`;
}

/**
 * The counting-process intervals of the analysed patients (survival::heart same-day rules, see
 * src/survival/tmerge.ts), with the warnings naming moved patients (id and row). Half a day needs the
 * time unit: when a same-day rule applies and `--time-unit` was not given, stop and ask for it.
 */
export function splitForCli(
  table: Table,
  timing: TreatmentTiming,
  data: { readonly time: Float64Array; readonly status: Int32Array | Uint8Array; readonly treatmentTime: Float64Array; readonly rows: Int32Array; readonly ids: readonly string[] },
): { intervals: TreatmentIntervals; warnings: string[] } {
  const halfDay = timing.unit === undefined ? Number.NaN : 0.5 / DAYS_PER_UNIT[timing.unit];
  const intervals = splitAtTreatment({ time: data.time, status: data.status, treatmentTime: data.treatmentTime, halfDay });
  const who = (k: number): string => `patient ${data.ids[data.rows[k]]} (row ${table.rowNumbers[data.rows[k]]})`;
  if (Number.isNaN(halfDay) && (intervals.movedToHalfDay.length > 0 || intervals.treatmentMovedEarlier.length > 0)) {
    const k = intervals.movedToHalfDay[0] ?? intervals.treatmentMovedEarlier[0];
    throw new SurvinferError({
      code: "OPTION_MISSING",
      file: table.source.file,
      row: table.rowNumbers[data.rows[k]],
      message: `${who(k)} ${intervals.movedToHalfDay.length > 0 ? "ended follow-up at time 0" : "was treated on the day follow-up ended"}: the same-day rule of R's survival::heart moves it by half a day, which needs the unit of the times`,
      hint: "give --time-unit days|months|years",
    });
  }
  const warnings: string[] = [];
  const z = intervals.movedToHalfDay;
  if (z.length > 0) warnings.push(`${z.length} patient(s) ended follow-up at time 0 (the day of the origin): counted as half a day, as R's survival::heart: ${listed(z.map(who))}`);
  const s = intervals.treatmentMovedEarlier;
  if (s.length > 0) warnings.push(`${s.length} patient(s) were treated on the day their follow-up ended: treatment counted half a day earlier, as R's survival::heart: ${listed(s.map(who))}`);
  const a = intervals.treatedAfterEnd;
  if (a.length > 0) warnings.push(`${a.length} patient(s) have a treatment time after the end of their follow-up: untreated throughout in the time-dependent analysis: ${listed(a.map(who))}`);
  return { intervals, warnings };
}

/** The immortal-time lines of the human output. */
export function immortalTimeText(s: ImmortalTimeSummary): string {
  let out = `\nImmortal time (--treatment-date ${s.treatmentDate}${s.origin === null ? "" : `, origin ${s.origin}`}): ${s.note}.\n`;
  if (s.naiveComparison !== null) {
    out +=
      s.design === "time-dependent"
        ? "The analysis above treats the treatment as time-dependent (untreated until the treatment time, treated after), which avoids it.\n"
        : `The comparison above is by treatment received from the origin: ${IMMORTAL_TIME_LABEL}.\n`;
  }
  return out;
}
