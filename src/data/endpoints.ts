/**
 * Time-to-event endpoints from what clinicians record.
 *
 * (a) From dates — origin date O, event date(s) E₁…E_k (composite: E = min of those present, e.g.
 * progression-free survival = first of progression or death), last follow-up F, optional
 * administrative cut-off C:
 *
 *     event  (δ = 1) if E is present and E ≤ C:        T = E − O
 *     censored (δ = 0) otherwise:                      T = min(F, C) − O
 *         (an event after C means the patient was event-free at C: T = C − O)
 *
 * T is in days, or months (days / 30.4375) or years (days / 365.25) — the conventions of
 * R's `lubridate::time_length()` and of most clinical papers. R equivalent:
 * `as.numeric(difftime(pmin(E, C), O, units = "days")) / 30.4375` with the status rule above.
 *
 * (c) Last contact + status — origin date O, date of last contact F (the date of death for the dead),
 * a status column whose `values` mean the event (e.g. verstorben): T = F − O, δ = status ∈ values.
 *
 * (b) Ready-made time and status columns with an explicit coding (`values` = event codes,
 * `censored` = censoring codes), as `survival::Surv(time, status == 2)`.
 *
 * What each problem does (error = SurvinferError, exit 2 at the CLI; exclusion = row left out and
 * counted in the flow summary; warning = kept and reported) is tabulated in docs/data.md.
 */
import { SurvinferError, optionError } from "../errors.js";
import { DateParse, formatIsoDate, lastParsedDays, parseDateText } from "./dates.js";
import type { DateFormat } from "./dates.js";
import { formatNumberLikeR, parseNumber } from "./numbers.js";
import { StatusCoding } from "./status-coding.js";
import type { Column, DateColumn, NumericColumn, Table } from "./table.js";
import { requireColumn } from "./validate.js";
import type { Exclusion } from "./validate.js";

export type TimeUnit = "days" | "months" | "years";

/** Days per unit: a month is 365.25 / 12 = 30.4375 days, a year 365.25 days. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, months: 30.4375, years: 365.25 };

export interface DateEndpointSpec {
  /** Column of the origin date (time zero), e.g. diagnosis of the first lung metastasis. */
  readonly origin: string;
  /** Column(s) of event dates; several = composite endpoint (first of them). */
  readonly event: string | readonly string[];
  /** Column of the last follow-up date (censoring date when no event). */
  readonly censor: string;
  /** Administrative cut-off: ISO text "YYYY-MM-DD" (or in `dateFormat`), or days since 1970-01-01. */
  readonly cutoff?: string | number;
  /** Format of a text `cutoff` when not ISO. */
  readonly dateFormat?: DateFormat;
  /** Unit of the derived times; default "days". */
  readonly unit?: TimeUnit;
}

export interface StatusEndpointSpec {
  /** Numeric column of follow-up times (already in the analysis unit). */
  readonly time: string;
  /** Status column (numeric or text). */
  readonly status: string;
  /** Status values that mean an event, e.g. [2] for R's 1/2 coding, [1] or ["dead"]. */
  readonly values: readonly (number | string)[];
  /**
   * Values that mean censored. Default: [1] when `values` is [2] (R's 1/2 coding), [0] for other
   * numeric codings without 0; otherwise the single other value seen in the column (more than one
   * other value is an error asking to declare this).
   */
  readonly censored?: readonly (number | string)[];
  /** Unit label echoed in the result (times are not converted); default "days". */
  readonly unit?: TimeUnit;
}

export interface ContactEndpointSpec {
  /** Column of the origin date (time zero). */
  readonly origin: string;
  /** Column of the date of last contact: the date of death for the dead, else the last date known alive. */
  readonly lastContact: string;
  /** Vital-status column (text or numeric), e.g. verstorben / lebend. */
  readonly status: string;
  /** Status values that mean the event, e.g. ["verstorben", "dead"]. */
  readonly values: readonly (number | string)[];
  /** Values that mean censored (alive); default as for StatusEndpointSpec. */
  readonly censored?: readonly (number | string)[];
  /** Administrative cut-off, as in DateEndpointSpec. */
  readonly cutoff?: string | number;
  readonly dateFormat?: DateFormat;
  readonly unit?: TimeUnit;
}

export type EndpointSpec = DateEndpointSpec | StatusEndpointSpec | ContactEndpointSpec;

export interface EndpointResult {
  /** Time per included row, in `options.unit`. */
  readonly time: Float64Array;
  /** 1 = event, 0 = censored, per included row. */
  readonly status: Int32Array;
  /** Table row indices (0-based) of the included rows, ascending; parallel to time/status. */
  readonly included: Int32Array;
  readonly exclusions: readonly Exclusion[];
  readonly warnings: readonly string[];
  readonly options: {
    readonly kind: "dates" | "time-status" | "last-contact";
    readonly unit: TimeUnit;
    readonly daysPerUnit: number;
    /** Cut-off as ISO date, when given. */
    readonly cutoff?: string;
    readonly eventValues?: readonly string[];
    readonly censoredValues?: readonly string[];
  };
}

function isDateSpec(spec: EndpointSpec): spec is DateEndpointSpec {
  return "origin" in spec && "censor" in spec;
}

function isContactSpec(spec: EndpointSpec): spec is ContactEndpointSpec {
  return "lastContact" in spec;
}

/**
 * Derives (time, status) for each row from dates or from time/status columns (see the module comment).
 * Throws SurvinferError for data that must be corrected (unparseable values, event before origin,
 * negative times, status outside the coding); excludes rows that cannot be analysed (missing origin,
 * no event and no follow-up date, origin after the cut-off, missing time or status) and logs why.
 *
 * @example
 * const bytes = new TextEncoder().encode(
 *   "id,dx,death,fu\n1,2010-01-01,2010-03-02,\n2,2010-01-01,,2011-01-01\n",
 * );
 * const { table } = readTable(bytes, { fileName: "c.csv" });
 * const ep = deriveEndpoint(table, { origin: "dx", event: "death", censor: "fu", unit: "days" });
 * // ep.time = [60, 365], ep.status = [1, 0]
 */
export function deriveEndpoint(table: Table, spec: EndpointSpec): EndpointResult {
  if (isContactSpec(spec)) return fromContact(table, spec);
  return isDateSpec(spec) ? fromDates(table, spec) : fromStatus(table, spec as StatusEndpointSpec);
}

function dateColumn(table: Table, name: string, role: string): DateColumn {
  const col = requireColumn(table, name, role);
  if (col.kind === "date") return col;
  const file = table.source.file;
  if (col.kind === "numeric") {
    let i = 0;
    while (i < table.nRows && Number.isNaN(col.values[i])) i++;
    // an entirely empty column (e.g. no progression recorded yet) is a date column with every date missing
    if (i === table.nRows) return { kind: "date", name, values: col.values };
    throw new SurvinferError({
      code: "DATA_INVALID_DATE",
      message: `holds numbers, not dates (${role})`,
      file,
      row: i < table.nRows ? table.rowNumbers[i] : undefined,
      column: name,
      value: i < table.nRows ? formatNumberLikeR(col.values[i]) : undefined,
      hint: 'If these are Excel day numbers, declare the column\'s dateFormat: "excel-serial"',
    });
  }
  // Text column: name the first value that is not a date, or the first that changes format.
  const formats: DateFormat[] = ["DD.MM.YYYY", "DD/MM/YYYY", "YYYY-MM-DD"];
  let firstFmt: DateFormat | undefined;
  let firstRow = 0;
  for (let i = 0; i < table.nRows; i++) {
    const c = col.codes[i];
    if (c < 0) continue;
    const s = col.levels[c];
    const fmt = formats.find((f) => parseDateText(s, f) !== DateParse.WrongShape);
    if (fmt === undefined || (firstFmt !== undefined && fmt !== firstFmt)) {
      throw new SurvinferError({
        code: "DATA_INVALID_DATE",
        message:
          fmt === undefined
            ? `is not a date (${role}; expected DD.MM.YYYY, MM/DD/YYYY, DD/MM/YYYY or YYYY-MM-DD)`
            : `is written as ${fmt} but row ${firstRow} as ${firstFmt} (${role})`,
        file,
        row: table.rowNumbers[i],
        column: name,
        value: s,
        hint: "Correct the value or mark it missing (empty or NA)",
      });
    }
    if (firstFmt === undefined) {
      firstFmt = fmt;
      firstRow = table.rowNumbers[i];
    }
  }
  throw new SurvinferError({
    code: "DATA_INVALID_DATE",
    message: `was not read as dates (${role})`,
    file,
    column: name,
    hint: "Declare the column's type as date with its dateFormat",
  });
}

function parseCutoff(cutoff: string | number, fmt: DateFormat | undefined): number {
  if (typeof cutoff === "number") {
    if (!Number.isFinite(cutoff)) throw optionError("cutoff", "a date (YYYY-MM-DD) or days since 1970-01-01", cutoff);
    return Math.floor(cutoff);
  }
  const s = cutoff.trim();
  const tries: DateFormat[] = fmt !== undefined ? [fmt, "YYYY-MM-DD"] : ["YYYY-MM-DD", "DD.MM.YYYY"];
  for (const f of tries) if (parseDateText(s, f) === DateParse.Ok) return lastParsedDays();
  throw optionError("cutoff", `a date as YYYY-MM-DD${fmt ? ` or ${fmt}` : ""}`, cutoff);
}

/** Collects "n rows …(first: row r)" warnings without one string per row. */
class Tally {
  private readonly counts = new Map<string, { n: number; first: number }>();
  add(what: string, row: number): void {
    const t = this.counts.get(what);
    if (t === undefined) this.counts.set(what, { n: 1, first: row });
    else t.n++;
  }
  lines(): string[] {
    return [...this.counts].map(([what, t]) => `${t.n} row(s) ${what} (first: row ${t.first})`);
  }
}

function fromDates(table: Table, spec: DateEndpointSpec): EndpointResult {
  const unit = spec.unit ?? "days";
  if (!(unit in DAYS_PER_UNIT)) throw optionError("unit", '"days" | "months" | "years"', unit);
  const perUnit = DAYS_PER_UNIT[unit];
  const file = table.source.file;
  const eventNames = typeof spec.event === "string" ? [spec.event] : [...spec.event];
  if (eventNames.length === 0) throw optionError("event", "a column name or a list of column names", spec.event);
  const origin = dateColumn(table, spec.origin, "origin").values;
  const events = eventNames.map((e) => dateColumn(table, e, "event date").values);
  const follow = dateColumn(table, spec.censor, "last follow-up").values;
  const cutoff = spec.cutoff === undefined ? Number.POSITIVE_INFINITY : parseCutoff(spec.cutoff, spec.dateFormat);

  const n = table.nRows;
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const included = new Int32Array(n);
  const exclusions: Exclusion[] = [];
  const tally = new Tally();
  let m = 0;
  const eventLabel = eventNames.join(", ");
  for (let i = 0; i < n; i++) {
    const row = table.rowNumbers[i];
    const o = origin[i];
    if (Number.isNaN(o)) {
      exclusions.push({ row, column: spec.origin, value: "", reason: `missing origin date (${spec.origin})`, code: "DATA_MISSING_ORIGIN" });
      continue;
    }
    let e = Number.POSITIVE_INFINITY;
    for (let k = 0; k < events.length; k++) {
      const ek = events[k][i];
      if (Number.isNaN(ek)) continue;
      if (ek < o) {
        throw new SurvinferError({
          code: "DATA_EVENT_BEFORE_ORIGIN",
          message: `event date ${formatIsoDate(ek)} is before the origin ${formatIsoDate(o)} (${spec.origin})`,
          file,
          row,
          column: eventNames[k],
          value: formatIsoDate(ek),
          hint: "Correct the dates, or choose another origin",
        });
      }
      if (ek < e) e = ek;
    }
    if (o > cutoff) {
      exclusions.push({ row, column: spec.origin, value: formatIsoDate(o), reason: "origin after the cut-off", code: "DATA_ORIGIN_AFTER_CUTOFF" });
      continue;
    }
    let t: number;
    let d: number;
    if (e !== Number.POSITIVE_INFINITY && e <= cutoff) {
      t = e - o;
      d = 1;
    } else {
      const f = follow[i];
      if (e !== Number.POSITIVE_INFINITY) {
        // event after the cut-off: event-free at the cut-off
        t = cutoff - o;
        d = 0;
        tally.add("with an event after the cut-off were censored at the cut-off", row);
      } else if (Number.isNaN(f)) {
        exclusions.push({
          row,
          column: spec.censor,
          value: "",
          reason: `missing event and last follow-up dates (${eventLabel}; ${spec.censor})`,
          code: "DATA_MISSING_FOLLOWUP",
        });
        continue;
      } else {
        if (f < o) {
          throw new SurvinferError({
            code: "DATA_NEGATIVE_TIME",
            message: `last follow-up ${formatIsoDate(f)} is before the origin ${formatIsoDate(o)} (${spec.origin})`,
            file,
            row,
            column: spec.censor,
            value: formatIsoDate(f),
            hint: "Correct the dates",
          });
        }
        if (f > cutoff) {
          t = cutoff - o;
          tally.add("with follow-up after the cut-off were censored at the cut-off", row);
        } else t = f - o;
        d = 0;
      }
    }
    if (t === 0) tally.add("have a survival time of 0 (kept, as R keeps them)", row);
    time[m] = t / perUnit;
    status[m] = d;
    included[m] = i;
    m++;
  }
  const options =
    spec.cutoff === undefined
      ? { kind: "dates" as const, unit, daysPerUnit: perUnit }
      : { kind: "dates" as const, unit, daysPerUnit: perUnit, cutoff: formatIsoDate(cutoff) };
  return { time: time.slice(0, m), status: status.slice(0, m), included: included.slice(0, m), exclusions, warnings: tally.lines(), options };
}

function numericTime(table: Table, col: Column): NumericColumn {
  if (col.kind === "numeric") return col;
  const file = table.source.file;
  if (col.kind === "date") {
    throw new SurvinferError({
      code: "DATA_INVALID_NUMBER",
      message: "holds dates, not follow-up times",
      file,
      column: col.name,
      hint: "Give origin, event and censor date columns instead of a time column",
    });
  }
  for (let i = 0; i < table.nRows; i++) {
    const c = col.codes[i];
    if (c >= 0 && Number.isNaN(parseNumber(col.levels[c], undefined))) {
      throw new SurvinferError({
        code: "DATA_INVALID_NUMBER",
        message: "is not a number (follow-up time)",
        file,
        row: table.rowNumbers[i],
        column: col.name,
        value: col.levels[c],
        hint: 'Correct the value or mark it missing; declare decimal: "," for decimal commas',
      });
    }
  }
  throw new SurvinferError({ code: "DATA_INVALID_NUMBER", message: "was not read as numbers", file, column: col.name });
}

function fromStatus(table: Table, spec: StatusEndpointSpec): EndpointResult {
  const file = table.source.file;
  const unit = spec.unit ?? "days";
  if (!(unit in DAYS_PER_UNIT)) throw optionError("unit", '"days" | "months" | "years"', unit);
  const timeCol = numericTime(table, requireColumn(table, spec.time, "time"));
  const coding = new StatusCoding(table, requireColumn(table, spec.status, "status"), spec.values, spec.censored);

  const n = table.nRows;
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const included = new Int32Array(n);
  const exclusions: Exclusion[] = [];
  const tally = new Tally();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const row = table.rowNumbers[i];
    const t = timeCol.values[i];
    if (Number.isNaN(t)) {
      exclusions.push({ row, column: spec.time, value: "", reason: `missing time (${spec.time})`, code: "DATA_MISSING_TIME" });
      continue;
    }
    const d = coding.classify(i);
    if (d === -1) {
      exclusions.push({ row, column: spec.status, value: "", reason: `missing status (${spec.status})`, code: "DATA_MISSING_STATUS" });
      continue;
    }
    if (t < 0) {
      throw new SurvinferError({
        code: "DATA_NEGATIVE_TIME",
        message: "follow-up time is negative",
        file,
        row,
        column: spec.time,
        value: formatNumberLikeR(t),
        hint: "Correct the time",
      });
    }
    if (t === 0) tally.add("have a survival time of 0 (kept, as R keeps them)", row);
    time[m] = t;
    status[m] = d;
    included[m] = i;
    m++;
  }
  return {
    time: time.slice(0, m),
    status: status.slice(0, m),
    included: included.slice(0, m),
    exclusions,
    warnings: tally.lines(),
    options: { kind: "time-status", unit, daysPerUnit: DAYS_PER_UNIT[unit], eventValues: coding.eventValues(), censoredValues: coding.censoredValues() },
  };
}

/**
 * Last contact + status (the layout most clinical spreadsheets keep): T = last contact − origin,
 * δ = 1 when the status is one of `values` (e.g. verstorben), 0 when censored (e.g. lebend). With a
 * cut-off C: a last contact after C gives T = C − origin and δ = 0 (alive at C: the date of death
 * is unknown, so only "after C" is known). R: `time <- as.numeric(pmin(last, C) - origin);
 * status <- (vital %in% values) & last <= C`.
 */
function fromContact(table: Table, spec: ContactEndpointSpec): EndpointResult {
  const unit = spec.unit ?? "days";
  if (!(unit in DAYS_PER_UNIT)) throw optionError("unit", '"days" | "months" | "years"', unit);
  const perUnit = DAYS_PER_UNIT[unit];
  const file = table.source.file;
  const origin = dateColumn(table, spec.origin, "origin").values;
  const last = dateColumn(table, spec.lastContact, "last contact").values;
  const coding = new StatusCoding(table, requireColumn(table, spec.status, "status"), spec.values, spec.censored);
  const cutoff = spec.cutoff === undefined ? Number.POSITIVE_INFINITY : parseCutoff(spec.cutoff, spec.dateFormat);

  const n = table.nRows;
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const included = new Int32Array(n);
  const exclusions: Exclusion[] = [];
  const tally = new Tally();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const row = table.rowNumbers[i];
    const o = origin[i];
    if (Number.isNaN(o)) {
      exclusions.push({ row, column: spec.origin, value: "", reason: `missing origin date (${spec.origin})`, code: "DATA_MISSING_ORIGIN" });
      continue;
    }
    const d = coding.classify(i);
    const f = last[i];
    if (Number.isNaN(f)) {
      exclusions.push({ row, column: spec.lastContact, value: "", reason: `missing date of last contact (${spec.lastContact})`, code: "DATA_MISSING_FOLLOWUP" });
      continue;
    }
    if (d === -1) {
      exclusions.push({ row, column: spec.status, value: "", reason: `missing status (${spec.status})`, code: "DATA_MISSING_STATUS" });
      continue;
    }
    if (f < o) {
      throw new SurvinferError({
        code: d === 1 ? "DATA_EVENT_BEFORE_ORIGIN" : "DATA_NEGATIVE_TIME",
        message: `last contact ${formatIsoDate(f)} is before the origin ${formatIsoDate(o)} (${spec.origin})`,
        file,
        row,
        column: spec.lastContact,
        value: formatIsoDate(f),
        hint: "Correct the dates, or choose another origin",
      });
    }
    if (o > cutoff) {
      exclusions.push({ row, column: spec.origin, value: formatIsoDate(o), reason: "origin after the cut-off", code: "DATA_ORIGIN_AFTER_CUTOFF" });
      continue;
    }
    let t = f - o;
    let e: number = d;
    if (f > cutoff) {
      t = cutoff - o;
      e = 0;
      tally.add(d === 1 ? "with an event after the cut-off were censored at the cut-off" : "with follow-up after the cut-off were censored at the cut-off", row);
    }
    if (t === 0) tally.add("have a survival time of 0 (kept, as R keeps them)", row);
    time[m] = t / perUnit;
    status[m] = e;
    included[m] = i;
    m++;
  }
  const base = { kind: "last-contact" as const, unit, daysPerUnit: perUnit, eventValues: coding.eventValues(), censoredValues: coding.censoredValues() };
  const options = spec.cutoff === undefined ? base : { ...base, cutoff: formatIsoDate(cutoff) };
  return { time: time.slice(0, m), status: status.slice(0, m), included: included.slice(0, m), exclusions, warnings: tally.lines(), options };
}
