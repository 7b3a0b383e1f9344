/**
 * Plain numbers straight from bytes, without making a string: the grammar of `numbers.ts`'s PLAIN
 * (`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`, or DE_PLAIN with "," as the point) and the value
 * `Number()` gives for it, bit for bit. The significant digits w (leading zeros skipped) and the decimal
 * exponent q give the value w × 10^q, computed exactly:
 * - w < 2^53 and |q| ≤ 22: Clinger's fast path (W. D. Clinger, "How to read floating point numbers
 *   accurately", PLDI 1990, doi:10.1145/93542.93557): an exact integer times or divided by an exact power
 *   of ten is one correctly rounded operation;
 * - otherwise up to 19 significant digits (w < 2^64; the 16–17 digits of R's `write.csv(digits = 17)`,
 *   of `toPrecision(17)` and of JavaScript's `String(x)`): Eisel–Lemire (eisel-lemire.ts);
 * - more than 19 digits, and the few cases Eisel–Lemire leaves undecided (subnormals, overflow, its
 *   documented fallback): `Number()` on the cell's own bytes (with "." as the point), as `parseNumber`
 *   gives for a plain number.
 * Anything else (exponents of 6 or more digits, grouped numbers, non-ASCII bytes) answers `BYTES_SLOW`, and
 * the caller decodes the cell and calls `parseNumber` itself, so every value is the one the text reader gives.
 */
import { eiselLemireInto } from "./eisel-lemire.js";

/** Outcome of `parseNumberBytes` beside the value: a number, certainly not a plain number, or "ask the text parser". */
export const BYTES_NUMBER = 0;
export const BYTES_SLOW = 1;

/** Exact powers of ten 1e0 … 1e22 (all exactly representable as doubles). */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A byte's digit value, 255 for a byte that is not a digit (so an OR of four above 15 means a non-digit among them). */
const DIGIT = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : 255));

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
  if (scanNumber(b, s, e, point) === e) {
    status = BYTES_NUMBER;
    return NUMBER[0];
  }
  status = BYTES_SLOW;
  return Number.NaN;
}

/** The value of the last successful `scanNumber` (a typed slot: no boxed number per cell). */
export const NUMBER = new Float64Array(1);

/**
 * Reads the plain number that starts at b[s] and ends before e or at the first byte that cannot
 * continue it (a CSV reader then checks that a delimiter or line end follows): returns where it ends,
 * with its value in `NUMBER[0]` (a typed slot: no boxed number per cell in a hot loop), or −1 when what
 * starts there is not on the fast path (no digit; an exponent without digits or of 6 or more digits).
 */
export function scanNumber(b: Uint8Array, s: number, e: number, point: number): number {
  let i = s;
  let negative = false;
  let c = b[i];
  if (c === 0x2b || c === 0x2d) {
    negative = c === 0x2d;
    i++;
  }
  // significant digits (leading zeros skipped): the first 15 in m, the next up to 4 in t
  let m = 0;
  let t = 0;
  let nSig = 0;
  let intDigits = 0;
  while (i < e && b[i] === 0x30) {
    intDigits++;
    i++;
  }
  // four digits at a time while they fit in m (a shorter chain of dependent multiplications), then one by one
  while (nSig <= 11 && i + 4 <= e) {
    const d1 = DIGIT[b[i]];
    const d2 = DIGIT[b[i + 1]];
    const d3 = DIGIT[b[i + 2]];
    const d4 = DIGIT[b[i + 3]];
    if ((d1 | d2 | d3 | d4) > 15) break;
    m = m * 10000 + (d1 * 1000 + d2 * 100 + d3 * 10 + d4);
    nSig += 4;
    intDigits += 4;
    i += 4;
  }
  for (; i < e; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) break;
    if (nSig < 15) m = m * 10 + d;
    else if (nSig < 19) t = t * 10 + d;
    nSig++;
    intDigits++;
  }
  let fracDigits = 0;
  if (i < e && b[i] === point) {
    i++;
    if (nSig === 0) {
      while (i < e && b[i] === 0x30) {
        fracDigits++;
        i++;
      }
    }
    while (nSig <= 11 && i + 4 <= e) {
      const d1 = DIGIT[b[i]];
      const d2 = DIGIT[b[i + 1]];
      const d3 = DIGIT[b[i + 2]];
      const d4 = DIGIT[b[i + 3]];
      if ((d1 | d2 | d3 | d4) > 15) break;
      m = m * 10000 + (d1 * 1000 + d2 * 100 + d3 * 10 + d4);
      nSig += 4;
      fracDigits += 4;
      i += 4;
    }
    for (; i < e; i++) {
      const d = b[i] - 0x30;
      if (d < 0 || d > 9) break;
      if (nSig < 15) m = m * 10 + d;
      else if (nSig < 19) t = t * 10 + d;
      nSig++;
      fracDigits++;
    }
  }
  let nTail = nSig > 19 ? 4 : nSig > 15 ? nSig - 15 : 0;
  // \d+\.?\d* needs an integer digit; \.\d+ needs a fraction digit
  if (intDigits === 0 && fracDigits === 0) return -1;
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
    if (expDigits === 0 || expDigits >= 6) return -1;
    if (expNegative) exp = -exp;
  }
  if (nSig === 0) {
    NUMBER[0] = negative ? -0 : 0;
    return i;
  }
  if (nSig > 19) {
    NUMBER[0] = plainNumberText(b, s, i, point);
    return i;
  }
  // the value is w × 10^q with w = m × 10^nTail + t exactly (w < 10^19 < 2^64)
  let q = exp - fracDigits;
  let w = nTail === 0 ? m : m * POW10[nTail] + t; // exact when below 2^53, else ≥ 2^53
  if (w >= 9007199254740992) {
    // trailing zeros of the tail digits ("1.0000000000000000") go into the exponent
    while (nTail > 0 && Math.floor(t / 10) * 10 === t) {
      t /= 10;
      nTail--;
      q++;
    }
    w = nTail === 0 ? m : m * POW10[nTail] + t;
  }
  let v: number;
  if (w < 9007199254740992 && q >= -22 && q <= 22) {
    // Clinger's fast path: one correctly rounded operation on exact operands
    v = q === 0 ? w : q > 0 ? w * POW10[q] : w / POW10[-q];
  } else {
    // the 64-bit w as unsigned 32-bit halves: m = mHi × 2^32 + mLo (m < 10^15), times 10^nTail, plus t
    const mHi = Math.floor(m / 4294967296);
    const mLo = m - mHi * 4294967296;
    const p = POW10[nTail];
    const low = mLo * p + t; // < 2^32 × 10^4 + 10^4 < 2^46: exact
    const carry = Math.floor(low / 4294967296);
    if (eiselLemireInto(mHi * p + carry, low - carry * 4294967296, q, NUMBER)) v = NUMBER[0];
    else {
      NUMBER[0] = plainNumberText(b, s, i, point);
      return i;
    }
  }
  NUMBER[0] = negative ? -v : v;
  return i;
}

/** `Number()` of b[s, e), a plain number of the grammar above (ASCII), with `point` read as ".". */
function plainNumberText(b: Uint8Array, s: number, e: number, point: number): number {
  let text = "";
  for (let i = s; i < e; i++) text += String.fromCharCode(b[i] === point ? 0x2e : b[i]);
  return Number(text);
}
