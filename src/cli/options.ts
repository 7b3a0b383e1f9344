/**
 * Parsing of CLI option values into typed values: one validated parser per kind of option (decimal
 * number with bounds, whole number with bounds, probability, seed, comma-separated list, choice).
 * Every error is `OPTION_INVALID` and names the option, what is allowed and what was given
 * ("option --ratio must be a whole number from 1 to 20; got \"1e9\"").
 *
 * Numbers are plain decimals as a person writes them: an optional sign, digits with an optional
 * "." fraction, an optional exponent ("0.95", "-2", "1e3", ".5"). JavaScript's wider `Number()`
 * syntax is refused: hexadecimal/octal/binary ("0x10", "0o7", "0b1"), "Infinity", "NaN", empty
 * text, and values that overflow to infinity ("1e400").
 */
import { SurvinferError, optionError } from "../errors.js";

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a plain decimal text stands for, or undefined (see the module comment). */
export function parseDecimalText(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Bounds of a numeric option; each end inclusive unless said otherwise. */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** How the allowed values read in messages, e.g. "a time > 0"; default built from the bounds. */
  readonly describe?: string;
}

function rangeText(b: NumberBounds, whole: boolean): string {
  if (b.describe !== undefined) return b.describe;
  const what = whole ? "a whole number" : "a number";
  const { min, max } = b;
  if (min !== undefined && max !== undefined) {
    if (!b.minExclusive && !b.maxExclusive) return `${what} from ${min} to ${max}`;
    return `${what} in ${b.minExclusive ? "(" : "["}${min}, ${max}${b.maxExclusive ? ")" : "]"}`;
  }
  if (min !== undefined) return `${what} ${b.minExclusive ? ">" : "≥"} ${min}`;
  if (max !== undefined) return `${what} ${b.maxExclusive ? "<" : "≤"} ${max}`;
  return `${what} (plain decimal, e.g. 12 or 0.5)`;
}

function inBounds(v: number, b: NumberBounds): boolean {
  if (b.min !== undefined && (b.minExclusive ? !(v > b.min) : !(v >= b.min))) return false;
  if (b.max !== undefined && (b.maxExclusive ? !(v < b.max) : !(v <= b.max))) return false;
  return true;
}

/** A finite decimal number within `bounds`. */
export function parseNumberOption(option: string, text: string, bounds: NumberBounds = {}): number {
  const v = parseDecimalText(text);
  if (v === undefined || !inBounds(v, bounds)) throw optionError(option, rangeText(bounds, false), text);
  return v;
}

/** A whole number within `bounds` ("1e3" is 1000). */
export function parseIntegerOption(option: string, text: string, bounds: NumberBounds & { readonly min: number; readonly max: number }): number {
  const v = parseDecimalText(text);
  if (v === undefined || !Number.isInteger(v) || !inBounds(v, bounds)) throw optionError(option, rangeText(bounds, true), text);
  return v;
}

/** A probability strictly between 0 and 1 (a confidence level, a percentile). */
export function parseProbabilityOption(option: string, text: string, describe = "a number strictly between 0 and 1, e.g. 0.95"): number {
  return parseNumberOption(option, text, { min: 0, max: 1, minExclusive: true, maxExclusive: true, describe });
}

/** Largest seed: the generators (xoroshiro128+ of pure-rand) take a 32-bit signed seed; seeds are kept ≥ 0. */
export const MAX_SEED = 2 ** 31 - 1;

/** A random seed: a whole number from 0 to 2147483647. */
export function parseSeedOption(option: string, text: string): number {
  return parseIntegerOption(option, text, { min: 0, max: MAX_SEED });
}

/** Most bootstrap replicates any command accepts. */
export const MAX_REPLICATES = 100_000;

/** A number of bootstrap replicates: a whole number from `min` (0 = none) to 100000. */
export function parseReplicatesOption(option: string, text: string, min = 0): number {
  return parseIntegerOption(option, text, { min, max: MAX_REPLICATES });
}

/** A comma-separated list of numbers, each within `bounds` ("12,36,60"); no empty items. */
export function parseNumberList(option: string, text: string, bounds: NumberBounds = {}): number[] {
  const items = text.split(",").map((s) => s.trim());
  const what = `a comma-separated list, each ${rangeText(bounds, false)}`;
  if (items.some((s) => s === "")) throw optionError(option, what, text);
  return items.map((s) => {
    const v = parseDecimalText(s);
    if (v === undefined || !inBounds(v, bounds)) throw optionError(option, `${what} (${JSON.stringify(s)} is not)`, text);
    return v;
  });
}

/** Non-negative times, the kind of `--times`. */
export const TIME_BOUNDS: NumberBounds = { min: 0, describe: "a time ≥ 0" };
/** Positive times, the kind of `--tau`. */
export const POSITIVE_TIME: NumberBounds = { min: 0, minExclusive: true, describe: "a time > 0" };

/** `--reference COL=LEVEL` (repeatable) into a record. */
export function parseReferences(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) {
      throw new SurvinferError({ code: "OPTION_INVALID", message: "option --reference must look like COLUMN=LEVEL", value: v });
    }
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseChoice<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new SurvinferError({
    code: "OPTION_INVALID",
    message: `option ${option} must be one of ${allowed.join(", ")}`,
    value: text,
  });
}
