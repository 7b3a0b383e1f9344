/**
 * The one rule that turns an event-status column into 0 = censored / 1 = event, shared by every
 * command (km, logrank, rmst, cure, match/weight `--event`, and `Surv()` in cox/predict formulas).
 *
 * R's `survival::Surv()` (survival 3.5-3, R/Surv.R):
 *   logical status -> as.numeric (FALSE = 0, TRUE = 1);
 *   numeric status -> if max(status[!is.na(status)]) == 2 then status - 1 (the 1/2 coding) else status;
 *   then any value other than 0/1 is invalid (R: NA with a warning; survinfer: an error naming the row).
 * So a 0/1 column whose values are all 1 is "all events" (max is 1), and 0/1/2 is invalid (max is 2,
 * so 0 would become -1). A text column whose values are all TRUE/FALSE spellings is logical, as
 * R's `read.csv` (`type.convert`) reads it. With an explicit event value (`--event-value`) the
 * coding is "event-value": a row is an event when its value equals it.
 */
import { SurvinferError } from "../errors.js";
import { formatRNumber } from "./format-number.js";

/** How the status was read; echoed in results as `statusCoding`. */
export type StatusCoding = "0/1" | "1/2" | "TRUE/FALSE" | "event-value";

/** The spellings R's `type.convert` reads as logical. */
const TRUE_TEXT = new Set(["TRUE", "true", "True", "T"]);
const FALSE_TEXT = new Set(["FALSE", "false", "False", "F"]);

/** True when every level is a TRUE/FALSE spelling (a text column R would read as logical). */
export function isLogicalLevels(levels: readonly string[]): boolean {
  return levels.length > 0 && levels.every((l) => TRUE_TEXT.has(l) || FALSE_TEXT.has(l));
}

/** Per level: 1 for a TRUE spelling, 0 for a FALSE spelling. Call only when `isLogicalLevels`. */
export function logicalLevelValues(levels: readonly string[]): number[] {
  return levels.map((l) => (TRUE_TEXT.has(l) ? 1 : 0));
}

/** Where the status comes from, for error messages. */
export interface StatusSource {
  /** What the user wrote: a column name or a formula expression. */
  readonly label: string;
  readonly file?: string;
  /** The column, when the status is one column. */
  readonly column?: string;
  /** Row numbers as the user sees them (header = row 1), per value. */
  readonly rowNumbers: ArrayLike<number>;
  /** The whole formula, when the status is part of one. */
  readonly formula?: string;
}

export interface DecodedStatus {
  /** 0 = censored, 1 = event, NaN = missing. */
  readonly status: Float64Array;
  readonly coding: StatusCoding;
}

/**
 * Applies Surv()'s rule to numeric (or logical, `logical = true`) status values; NaN is missing.
 * Throws `DATA_INVALID_STATUS` naming the first row with a value that is not allowed.
 */
export function decodeStatus(values: ArrayLike<number>, source: StatusSource, logical = false): DecodedStatus {
  const n = values.length;
  const status = new Float64Array(n);
  if (logical) {
    for (let i = 0; i < n; i++) status[i] = values[i];
    return { status, coding: "TRUE/FALSE" };
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]) && values[i] > max) max = values[i];
  // R: if (max(status[who2]) == 2) status - 1
  const shift = max === 2 ? 1 : 0;
  const present = new Set<number>();
  let firstBad = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      status[i] = Number.NaN;
      continue;
    }
    present.add(v);
    const s = v - shift;
    if (s !== 0 && s !== 1 && firstBad < 0) firstBad = i;
    status[i] = s;
  }
  if (firstBad >= 0) throw invalidStatus(values, firstBad, shift, [...present].sort((a, b) => a - b), source);
  return { status, coding: shift === 1 ? "1/2" : "0/1" };
}

function invalidStatus(values: ArrayLike<number>, i: number, shift: number, present: readonly number[], source: StatusSource): SurvinferError {
  const list = (xs: readonly number[]): string => xs.slice(0, 8).map(formatRNumber).join(", ") + (xs.length > 8 ? ", ..." : "");
  const bad = present.filter((x) => x - shift !== 0 && x - shift !== 1);
  const where = source.formula === undefined ? `event status column "${source.label}"` : `Surv() status ${source.label}`;
  const rule =
    shift === 1
      ? `its largest value is 2, so it is read as R's 1/2 coding (1 = censored, 2 = event), where ${list(bad)} ${bad.length === 1 ? "is" : "are"} not allowed`
      : "an event status must be 0/1 (0 = censored, 1 = event), 1/2 (2 = event) or TRUE/FALSE";
  const hint =
    source.formula === undefined
      ? "Recode the column, or name the value that means an event with --event-value"
      : `Recode the column, or name the event value, e.g. Surv(time, ${source.label} == ${formatRNumber(present[present.length - 1])})`;
  return new SurvinferError({
    code: "DATA_INVALID_STATUS",
    message: `the ${where} has the values ${list(present)}; found ${list(bad)}: ${rule}`,
    file: source.file,
    row: source.rowNumbers[i],
    column: source.column,
    value: formatRNumber(values[i]),
    hint,
  });
}
