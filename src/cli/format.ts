/** Human-readable output for the CLI: aligned text tables and numbers, and the one JSON printer. */
import type { CliIO } from "./io.js";
import { isStudyResults, resultsForJson } from "../report/results-output.js";

/** Aligns columns; numbers (and "NA"/"not reached") right-aligned, text left-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const numeric = headers.map((_, j) => rows.length > 0 && rows.every((r) => /^[-+<>]?[0-9.eE+-]*$|^NA$|^not reached$|^$/.test(r[j] ?? "")));
  const line = (cells: readonly string[]): string =>
    cells.map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/**
 * Significant digits as R's print does by default (digits = 4), NA for missing: fixed notation unless
 * scientific is shorter (R's rule with scipen = 0), so a count of 499,300 prints "499300", not "4.993e+5",
 * and 0.00001234 prints "1.234e-05".
 */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x); // counts and whole times as they are
  const magnitude = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(digits)))));
  const fixed = stripZeros(x.toFixed(Math.min(100, Math.max(0, digits - 1 - magnitude))));
  const [mantissa, exp] = x.toExponential(digits - 1).split("e");
  const sci = `${stripZeros(mantissa)}e${exp[0]}${exp.slice(1).padStart(2, "0")}`;
  return fixed.length <= sci.length ? fixed : sci;
}

/** "1.500" → "1.5", "2.000" → "2"; integers unchanged. */
function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** p-values as journals print them: "<0.001" below 0.001, else three decimals. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "NA";
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

/** "p < 0.001" or "p = 0.012". */
export function pText(p: number | null | undefined): string {
  const f = formatP(p);
  return f.startsWith("<") ? `p ${f.replace("<", "< ")}` : `p = ${f}`;
}

/** A confidence interval as "lower to upper" (safe with negative limits). */
export function ciText(lower: number | null | undefined, upper: number | null | undefined): string {
  return `${formatNumber(lower)} to ${formatNumber(upper)}`;
}

/**
 * JSON with typed arrays as plain arrays and non-finite numbers as null. A study's results are written
 * as results.json holds them: above 10,000 data rows per-patient arrays are replaced by references to
 * tables/*.csv or summaries (src/report/results-output.ts; docs/report.md).
 */
export function toJson(value: unknown): string {
  // JSON.stringify writes non-finite numbers as null itself; without a replacer (called once per array
  // element: half the time of a Cox fit's 10⁶ linear predictors) it takes V8's fast path
  return JSON.stringify(withPlainArrays(isStudyResults(value) ? resultsForJson(value) : value, "", new Set()));
}

/**
 * What JSON.stringify would serialize, with typed arrays (not DataView) as plain arrays: objects and
 * arrays copied on the way (own enumerable keys in order, `toJSON` applied as JSON.stringify applies
 * it), everything else as it is.
 */
function withPlainArrays(value: unknown, key: string, ancestors: Set<object>): unknown {
  let v = value;
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  if (v === null || typeof v !== "object") return v;
  if (ArrayBuffer.isView(v)) return v instanceof DataView ? v : Array.from(v as unknown as ArrayLike<number>);
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return v;
  if (ancestors.has(v)) throw new TypeError("Converting circular structure to JSON");
  ancestors.add(v);
  let out: unknown;
  if (Array.isArray(v)) {
    const a = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) a[i] = withPlainArrays(v[i], String(i), ancestors);
    out = a;
  } else {
    const o = Object.create(null) as Record<string, unknown>; // a key "__proto__" stays a key
    for (const k of Object.keys(v)) o[k] = withPlainArrays((v as Record<string, unknown>)[k], k, ancestors);
    out = o;
  }
  ancestors.delete(v);
  return out;
}

/** `--json`: exactly one JSON object on stdout and nothing else. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(toJson(value) + "\n");
}
