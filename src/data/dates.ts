/**
 * Calendar dates as clinicians write them, turned into whole days since 1970-01-01 (UTC).
 *
 * Formats (`DateFormat`):
 * - `"DD.MM.YYYY"` (German/European, day and month may have one digit: `1.2.2010`),
 * - `"MM/DD/YYYY"` (US) and `"DD/MM/YYYY"` (UK) — the same shape, so a column is refused as ambiguous
 *   unless some value decides it (a first part > 12 means DD/MM) or the user declares `dateFormat`,
 * - `"YYYY-MM-DD"` (ISO 8601),
 * - `"excel-serial"`: spreadsheet day numbers in the 1900 date system (serial 1 = 1900-01-01, with
 *   Excel's phantom 1900-02-29 = serial 60, which is refused), or the 1904 system when the workbook says so.
 *
 * Any format may be followed by a time of day (`2010-01-02 13:45:00`, `2010-01-02T13:45`), which is
 * ignored, as R's `as.Date()` ignores it. Every date is checked against the real calendar
 * (31.02.2010 is refused). R equivalent: `as.Date(x, format = "%d.%m.%Y")` and friends, which give
 * the same day counts (`as.numeric(as.Date("2010-01-02"))` = 14611).
 *
 * Hand-written because the formats are few and the reading path must be fast (no Date objects, no
 * allocation per cell): `daysFromCivil` is H. Hinnant's proleptic-Gregorian day count.
 */
import { SurvinferError } from "../errors.js";

export type DateFormat = "DD.MM.YYYY" | "MM/DD/YYYY" | "DD/MM/YYYY" | "YYYY-MM-DD" | "excel-serial";

export const DATE_FORMATS: readonly DateFormat[] = [
  "DD.MM.YYYY",
  "MM/DD/YYYY",
  "DD/MM/YYYY",
  "YYYY-MM-DD",
  "excel-serial",
];

/** Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m in 1..12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `daysFromCivil` (H. Hinnant's civil_from_days): [year, month 1..12, day] of a day count. */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** The ISO text `YYYY-MM-DD` of a day count. */
export function formatIsoDate(days: number): string {
  if (!Number.isFinite(days)) return "NA";
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when y-m-d exists in the Gregorian calendar. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
  return d <= max;
}

/** Days since 1970-01-01 of Excel serial day 25569 (1900 system). */
const EXCEL_1900_EPOCH = 25569;
/** 1904 system: serial 0 = 1904-01-01 = day −24107. */
const EXCEL_1904_OFFSET = 24107;

/**
 * Excel serial (possibly with a fractional time of day) → days since 1970-01-01, or NaN when the
 * serial is not a real day (≤ 0, or Excel's phantom 1900-02-29 = serial 60). Serials 1..59 are the
 * days 1900-01-01..1900-02-28 that Excel counts from a day earlier than R's `origin = "1899-12-30"`.
 */
export function excelSerialToDays(serial: number, date1904 = false): number {
  if (!Number.isFinite(serial)) return Number.NaN;
  const whole = Math.floor(serial);
  if (date1904) return whole < 0 ? Number.NaN : whole - EXCEL_1904_OFFSET;
  if (whole < 1 || whole === 60) return Number.NaN;
  return whole < 60 ? whole - EXCEL_1900_EPOCH + 1 : whole - EXCEL_1900_EPOCH;
}

/** Shape family of a text date: which separators, where the year is. */
type Family = "dot" | "slash" | "iso";

/**
 * `splitShape(s)` returns the shape family of `s` (or undefined when it is not a date shape) and
 * leaves its three integer parts in `scratch` (no allocation per cell): for dot/slash
 * [first, second, year], for iso [year, month, day].
 */
const scratch = new Int32Array(3);

function digit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Accepts an optional time-of-day tail (` 13:45`, `T13:45:00.000`, trailing spaces) after position `i`. */
function timeTailOk(s: string, i: number): boolean {
  const n = s.length;
  if (i === n) return true;
  const c = s.charCodeAt(i);
  if (c !== 32 && c !== 84) return false; // ' ' or 'T'
  let j = i + 1;
  while (j < n && s.charCodeAt(j) === 32) j++;
  if (j === n) return true;
  // H:MM or HH:MM, then anything made of digits, ':' and '.'
  let k = j;
  while (k < n && digit(s.charCodeAt(k))) k++;
  if (k - j < 1 || k - j > 2 || k >= n || s.charCodeAt(k) !== 58) return false;
  for (k = k + 1; k < n; k++) {
    const ch = s.charCodeAt(k);
    if (!digit(ch) && ch !== 58 && ch !== 46 && ch !== 90) return false; // digits, ':', '.', 'Z'
  }
  return true;
}

function readInt(s: string, i: number, minLen: number, maxLen: number): number {
  // returns value * 8 + length (length ≤ 4), or −1
  let v = 0;
  let k = i;
  while (k < s.length && k - i < maxLen && digit(s.charCodeAt(k))) {
    v = v * 10 + (s.charCodeAt(k) - 48);
    k++;
  }
  const len = k - i;
  if (len < minLen) return -1;
  if (k < s.length && digit(s.charCodeAt(k))) return -1; // too many digits
  return v * 8 + len;
}

function splitShape(s: string): Family | undefined {
  let i = 0;
  const a = readInt(s, i, 1, 4);
  if (a < 0) return undefined;
  const aLen = a & 7;
  i += aLen;
  if (i >= s.length) return undefined;
  const sep = s.charCodeAt(i);
  if (aLen === 4 && sep === 45) {
    // YYYY-M(M)-D(D)
    const b = readInt(s, i + 1, 1, 2);
    if (b < 0) return undefined;
    i += 1 + (b & 7);
    if (s.charCodeAt(i) !== 45) return undefined;
    const c = readInt(s, i + 1, 1, 2);
    if (c < 0) return undefined;
    i += 1 + (c & 7);
    if (!timeTailOk(s, i)) return undefined;
    scratch[0] = a >> 3;
    scratch[1] = b >> 3;
    scratch[2] = c >> 3;
    return "iso";
  }
  if (aLen > 2 || (sep !== 46 && sep !== 47)) return undefined;
  const b = readInt(s, i + 1, 1, 2);
  if (b < 0) return undefined;
  i += 1 + (b & 7);
  if (s.charCodeAt(i) !== sep) return undefined;
  const y = readInt(s, i + 1, 4, 4);
  if (y < 0) return undefined;
  i += 5;
  if (!timeTailOk(s, i)) return undefined;
  scratch[0] = a >> 3;
  scratch[1] = b >> 3;
  scratch[2] = y >> 3;
  return sep === 46 ? "dot" : "slash";
}

function familyOf(format: DateFormat): Family | undefined {
  switch (format) {
    case "DD.MM.YYYY":
      return "dot";
    case "MM/DD/YYYY":
    case "DD/MM/YYYY":
      return "slash";
    case "YYYY-MM-DD":
      return "iso";
    default:
      return undefined;
  }
}

/**
 * Outcome of parsing one text in one format: `Ok`; `WrongShape` (the text does not have the
 * format's shape); `NotACalendarDate` (right shape, but no such day: 31.02.2010, month 13).
 */
export const DateParse = { Ok: 0, WrongShape: 1, NotACalendarDate: 2 } as const;
export type DateParse = (typeof DateParse)[keyof typeof DateParse];

/** Last parsed value of `parseDateText` (kept outside the return value to avoid allocating). */
let lastDays = Number.NaN;

/**
 * Parses one (trimmed) text in `format`. Returns the status; on `Ok` the day count is `lastParsedDays()`.
 * Prefer `parseDate` unless parsing millions of cells.
 */
export function parseDateText(s: string, format: DateFormat): DateParse {
  if (format === "excel-serial") {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return DateParse.WrongShape;
    const d = excelSerialToDays(Number(s));
    if (Number.isNaN(d)) return DateParse.NotACalendarDate;
    lastDays = d;
    return DateParse.Ok;
  }
  const fam = splitShape(s);
  if (fam === undefined || fam !== familyOf(format)) return DateParse.WrongShape;
  let y: number, m: number, d: number;
  if (format === "YYYY-MM-DD") {
    y = scratch[0];
    m = scratch[1];
    d = scratch[2];
  } else if (format === "MM/DD/YYYY") {
    m = scratch[0];
    d = scratch[1];
    y = scratch[2];
  } else {
    d = scratch[0];
    m = scratch[1];
    y = scratch[2];
  }
  if (!isCalendarDate(y, m, d)) return DateParse.NotACalendarDate;
  lastDays = daysFromCivil(y, m, d);
  return DateParse.Ok;
}

export function lastParsedDays(): number {
  return lastDays;
}

/**
 * Parses one text in `format` to days since 1970-01-01; NaN when it is not a valid date in that format.
 *
 * @example
 * parseDate("02.01.2010", "DD.MM.YYYY"); // 14611, as as.numeric(as.Date("2010-01-02")) in R
 * parseDate("31.02.2010", "DD.MM.YYYY"); // NaN
 */
export function parseDate(text: string, format: DateFormat): number {
  return parseDateText(text.trim(), format) === DateParse.Ok ? lastDays : Number.NaN;
}

export interface DetectContext {
  readonly file?: string;
  readonly column?: string;
  /** Row numbers as the user sees them, parallel to `values`, for messages. */
  readonly rows?: ArrayLike<number>;
  /** A declared format: used when it fits the values' shape (it settles DD/MM vs MM/DD). */
  readonly dateFormat?: DateFormat;
}

/**
 * The one text date format in which every value has a date's shape, or undefined when the values
 * are not all dates of one shape (they are then not a date column). Undefined entries (missing
 * values) are skipped; `ctx.rows[i]` is the row number of `values[i]`. Throws `DATA_AMBIGUOUS_DATE_FORMAT` when the values read equally well as DD/MM/YYYY and
 * MM/DD/YYYY (e.g. only 01/02/2010 and 03/04/2011) and no `dateFormat` was declared, or when they mix
 * the two; calendar validity of each value is checked when parsing, not here.
 *
 * @example
 * detectDateFormat(["12/31/2010", "01/02/2011"]); // "MM/DD/YYYY"
 * detectDateFormat(["01/02/2010"], { dateFormat: "DD/MM/YYYY" }); // "DD/MM/YYYY"
 * detectDateFormat(["01/02/2010", "03/04/2011"]); // throws DATA_AMBIGUOUS_DATE_FORMAT
 */
export function detectDateFormat(values: ArrayLike<string | undefined>, ctx: DetectContext = {}): DateFormat | undefined {
  let family: Family | undefined;
  // For slashes: can the values be DD/MM (first ≤ 31, second ≤ 12) and/or MM/DD?
  let dmOk = true;
  let mdOk = true;
  let differ = false; // some value has first ≠ second (otherwise both readings agree)
  let dmOnly = -1; // index of a value that only DD/MM can read
  let mdOnly = -1;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    if (first < 0) first = i;
    const f = splitShape(v.trim());
    if (f === undefined) return undefined;
    if (family === undefined) family = f;
    else if (f !== family) return undefined;
    if (f === "slash") {
      const a = scratch[0];
      const b = scratch[1];
      if (a !== b) differ = true;
      const dm = a >= 1 && a <= 31 && b >= 1 && b <= 12;
      const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
      if (!dm) dmOk = false;
      if (!md) mdOk = false;
      if (dm && !md && dmOnly < 0) dmOnly = i;
      if (md && !dm && mdOnly < 0) mdOnly = i;
    }
  }
  if (family === undefined) return undefined;
  if (family === "dot") return "DD.MM.YYYY";
  if (family === "iso") return "YYYY-MM-DD";
  // slashes
  const declared = ctx.dateFormat;
  if (declared === "DD/MM/YYYY" || declared === "MM/DD/YYYY") return declared;
  const rowOf = (i: number): number | undefined => (ctx.rows ? ctx.rows[i] : undefined);
  if (dmOk && mdOk) {
    if (!differ) return "DD/MM/YYYY"; // every value reads the same either way
    throw new SurvinferError({
      code: "DATA_AMBIGUOUS_DATE_FORMAT",
      message: `dates like ${JSON.stringify(String(values[first]).trim())} could be DD/MM/YYYY or MM/DD/YYYY and no value decides which`,
      file: ctx.file,
      column: ctx.column,
      hint: 'Declare the format, e.g. dateFormat: "DD/MM/YYYY" (or "MM/DD/YYYY") for this column or the whole file',
    });
  }
  if (dmOk) return "DD/MM/YYYY";
  if (mdOk) return "MM/DD/YYYY";
  if (dmOnly >= 0 && mdOnly >= 0) {
    throw new SurvinferError({
      code: "DATA_AMBIGUOUS_DATE_FORMAT",
      message:
        `dates mix DD/MM/YYYY (row ${rowOf(dmOnly) ?? dmOnly + 1}: ${JSON.stringify(String(values[dmOnly]).trim())}) and ` +
        `MM/DD/YYYY (row ${rowOf(mdOnly) ?? mdOnly + 1}: ${JSON.stringify(String(values[mdOnly]).trim())})`,
      file: ctx.file,
      column: ctx.column,
      hint: "Use one date format in the column, or declare dateFormat and correct the other values",
    });
  }
  // Some value fits neither reading (e.g. 13/13/2010): keep the reading most values allow, and let the parse name the bad value.
  return dmOnly >= 0 ? "DD/MM/YYYY" : "MM/DD/YYYY";
}

/** Human description of a day-count date, for messages. */
export function describeDays(days: number): string {
  return formatIsoDate(days);
}
