/**
 * Plain numbers straight from bytes, without making a string: the grammar of `numbers.ts`'s PLAIN
 * (`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`, or DE_PLAIN with "," as the point) and the value
 * `Number()` gives for it. The value is computed exactly only on Clinger's fast path (W. D. Clinger,
 * "How to read floating point numbers accurately", PLDI 1990, doi:10.1145/93542.93557): at most 15
 * digits (an integer below 2^53) times or divided by 10^k with |k| ≤ 22 (an exact double) is one
 * correctly rounded operation, so it equals `Number(text)`. A cell of the same grammar with more digits
 * or an exponent beyond ±22 (e.g. the 17 significant digits R's `write.csv(digits = 17)` or JavaScript's
 * `String(x)` print) is handed to `Number()` on its own bytes (with "." as the point): the correctly rounded
 * value, as `parseNumber` gives for a plain number, without decoding, trimming and matching the cell again.
 * Anything else (exponents of 6 or more digits, grouped numbers, non-ASCII bytes) answers `BYTES_SLOW`, and
 * the caller decodes the cell and calls `parseNumber` itself, so every value is the one the text reader gives.
 */

/** Outcome of `parseNumberBytes` beside the value: a number, certainly not a plain number, or "ask the text parser". */
export const BYTES_NUMBER = 0;
export const BYTES_SLOW = 1;

/** Exact powers of ten 1e0 … 1e22 (all exactly representable as doubles). */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

let status = BYTES_NUMBER;

/** Status of the last `parseNumberBytes` call (`BYTES_NUMBER` or `BYTES_SLOW`). */
export function lastBytesStatus(): number {
  return status;
}

/**
 * Parses b[s, e) (already trimmed, non-empty) as a plain number with `point` (0x2e "." or 0x2c ",")
 * as decimal mark. Returns the value with status `BYTES_NUMBER`, or NaN with status `BYTES_SLOW`
 * when the bytes are not on the fast path (see the module comment).
 */
export function parseNumberBytes(b: Uint8Array, s: number, e: number, point: number): number {
  let i = s;
  let negative = false;
  let c = b[i];
  if (c === 0x2b || c === 0x2d) {
    negative = c === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  while (i < e && (c = b[i]) >= 0x30 && c <= 0x39) {
    mantissa = mantissa * 10 + (c - 0x30);
    intDigits++;
    i++;
  }
  digits = intDigits;
  let fracDigits = 0;
  if (i < e && b[i] === point) {
    i++;
    while (i < e && (c = b[i]) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      fracDigits++;
      i++;
    }
    digits += fracDigits;
  }
  // \d+\.?\d* needs an integer digit; \.\d+ needs a fraction digit
  if (intDigits === 0 && fracDigits === 0) {
    status = BYTES_SLOW;
    return Number.NaN;
  }
  let exp = 0;
  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < e && (b[i] === 0x2b || b[i] === 0x2d)) {
      expNegative = b[i] === 0x2d;
      i++;
    }
    let expDigits = 0;
    while (i < e && (c = b[i]) >= 0x30 && c <= 0x39) {
      if (expDigits < 6) exp = exp * 10 + (c - 0x30);
      expDigits++;
      i++;
    }
    if (expDigits === 0 || expDigits >= 6) {
      status = BYTES_SLOW;
      return Number.NaN;
    }
    if (expNegative) exp = -exp;
  }
  if (i !== e) {
    status = BYTES_SLOW;
    return Number.NaN;
  }
  status = BYTES_NUMBER;
  const k = exp - fracDigits;
  if (digits > 15 || k > 22 || k < -22) return plainNumberText(b, s, e, point);
  const v = k === 0 ? mantissa : k > 0 ? mantissa * POW10[k] : mantissa / POW10[-k];
  return negative ? -v : v;
}

/** `Number()` of b[s, e), a plain number of the grammar above (ASCII), with `point` read as ".". */
function plainNumberText(b: Uint8Array, s: number, e: number, point: number): number {
  let text = "";
  for (let i = s; i < e; i++) text += String.fromCharCode(b[i] === point ? 0x2e : b[i]);
  return Number(text);
}
