/**
 * Number parsing for clinical files. Without a declared `decimal`, only plain numbers are numbers
 * (`12`, `-3.5`, `.5`, `1e-3`); with `decimal: "."` US grouping is accepted too (`1,234.5`), with
 * `decimal: ","` German numbers (`1.234,5`, `0,5`). Grouping must be in threes, so `1,5` is never
 * read as fifteen. `Infinity`, hex and other JavaScript `Number()` extras are not numbers.
 */
export type DecimalMark = "." | ",";

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const US_GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const DE_PLAIN = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
const DE_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/;

/**
 * A text that begins with a number, perhaps after a comparison sign: "63 years", "45%", "<5", "~30".
 * Such texts make a text column look numeric (a measurement with units or notes), not a category.
 */
export const LEADING_NUMBER = /^[<>≤≥~≈]?=?\s*[+-]?(\d|[.,]\d)/;

/** Whether the last successful `parseNumber` needed a thousands separator. */
let lastGrouped = false;

export function lastNumberWasGrouped(): boolean {
  return lastGrouped;
}

/** Parses a trimmed text as a number under the decimal convention; NaN when it is not a number. */
export function parseNumber(s: string, decimal: DecimalMark | undefined): number {
  lastGrouped = false;
  if (decimal === ",") {
    if (DE_PLAIN.test(s)) return Number(s.replace(",", "."));
    if (DE_GROUPED.test(s)) {
      lastGrouped = true;
      return Number(s.replace(/\./g, "").replace(",", "."));
    }
    return Number.NaN;
  }
  if (PLAIN.test(s)) return Number(s);
  if (decimal === "." && US_GROUPED.test(s)) {
    lastGrouped = true;
    return Number(s.replace(/,/g, ""));
  }
  return Number.NaN;
}

/** A number as R's `as.character()` shows it (15 significant digits, no trailing zeros): 0.1 + 0.2 → "0.3". */
export function formatNumberLikeR(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(15)));
}
