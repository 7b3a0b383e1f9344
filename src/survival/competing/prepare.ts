/**
 * Shared front-door checks for competing-risks data (time, cause[, group, strata]) as R cmprsk
 * reads them: rows with any missing value are dropped (na.omit), times must be finite and ≥ 0,
 * cause codes are non-negative integers (−1 marks a missing cause), and one code means censored
 * (cmprsk's `cencode`, default 0). Kernels in this folder then work on the kept rows sorted once by
 * time (stable, as R's order()).
 * @internal
 */
import { SurvinferError } from "../../errors.js";

/** A categorical column: code k means levels[k]; −1 is missing. */
export interface CodedFactor {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface CompetingRisksInput {
  /** Follow-up times (≥ 0); NaN is missing. */
  readonly time: Float64Array;
  /** Cause of failure: `censorCode` (default 0) = censored, other non-negative codes = causes, −1 = missing. */
  readonly cause: Int32Array;
  /** Groups whose curves are estimated separately and compared by Gray's test (cuminc's `group`). */
  readonly group?: CodedFactor;
  /** Strata for Gray's test only (cuminc's `strata`). */
  readonly strata?: CodedFactor;
  /** Row numbers as the user sees them (header = 1), used only in error messages. */
  readonly rowNumbers?: Int32Array;
}

function where(rowNumbers: Int32Array | undefined, i: number): { row?: number; text: string } {
  return rowNumbers ? { row: rowNumbers[i], text: `row ${rowNumbers[i]}` } : { text: `index ${i}` };
}

/** Throws DATA_LENGTH_MISMATCH unless `len` equals the number of times. */
export function checkLength(len: number, n: number, what: string): void {
  if (len !== n) {
    throw new SurvinferError({ code: "DATA_LENGTH_MISMATCH", message: `${what} has ${len} values but time has ${n}` });
  }
}

/**
 * Validates one row's time and cause (already known non-missing); throws a SurvinferError that
 * names the row and the value.
 */
export function checkTimeAndCause(time: number, cause: number, rowNumbers: Int32Array | undefined, i: number): void {
  if (!Number.isFinite(time) || time < 0) {
    const w = where(rowNumbers, i);
    throw new SurvinferError({
      code: time < 0 ? "DATA_NEGATIVE_TIME" : "DATA_INVALID_TIME",
      message: `follow-up time at ${w.text} must be a finite number ≥ 0`,
      row: w.row,
      value: String(time),
      hint: "Check the time column (or the dates it was derived from)",
    });
  }
  if (!Number.isInteger(cause) || cause < 0) {
    const w = where(rowNumbers, i);
    throw new SurvinferError({
      code: "DATA_INVALID_CAUSE",
      message: `cause code at ${w.text} must be a non-negative integer (the censoring code or a cause); −1 marks missing`,
      row: w.row,
      value: String(cause),
    });
  }
}

/**
 * Complete rows of a competing-risks input (time, cause, group and strata all present), validated.
 * Returns the kept row indices in their original order and the number dropped.
 */
export function completeCompetingRows(input: CompetingRisksInput): { rows: Int32Array; nMissing: number } {
  const n = input.time.length;
  checkLength(input.cause.length, n, "cause");
  if (input.group) checkLength(input.group.codes.length, n, "group");
  if (input.strata) checkLength(input.strata.codes.length, n, "strata");
  if (input.rowNumbers) checkLength(input.rowNumbers.length, n, "rowNumbers");
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const t = input.time[i];
    const c = input.cause[i];
    const g = input.group ? input.group.codes[i] : 0;
    const s = input.strata ? input.strata.codes[i] : 0;
    if (Number.isNaN(t) || c === -1 || g === -1 || s === -1) continue;
    checkTimeAndCause(t, c, input.rowNumbers, i);
    if (
      (input.group && (g < 0 || g >= input.group.levels.length)) ||
      (input.strata && (s < 0 || s >= input.strata.levels.length))
    ) {
      const w = where(input.rowNumbers, i);
      throw new SurvinferError({ code: "DATA_INVALID_CODE", message: `group or stratum code out of range at ${w.text}`, row: w.row });
    }
    keep[m++] = i;
  }
  return { rows: keep.slice(0, m), nMissing: n - m };
}

/** `rows` sorted by ascending time, ties in their original order (R's order() is stable). */
export function sortRowsByTime(time: Float64Array, rows: Int32Array): Int32Array {
  return Int32Array.from(rows).sort((a, b) => time[a] - time[b] || a - b);
}
