/**
 * Number formatting for figures: d3-format with an explicit, fixed locale per report language (English and
 * Japanese: "." decimal, "," thousands; German: "," decimal, "." thousands; typographic minus U+2212), so
 * output never depends on the machine's or the page's locale, only on the report's language (src/i18n).
 */
import { formatLocale, precisionFixed, type FormatLocaleObject } from "d3-format";
import { formatPValue } from "../number-format.js";
import { DECIMAL_MARK, currentLanguage } from "../../i18n/language.js";

const POINT = formatLocale({ decimal: ".", thousands: ",", grouping: [3], currency: ["", ""], minus: "\u2212" });
const COMMA = formatLocale({ decimal: ",", thousands: ".", grouping: [3], currency: ["", ""], minus: "\u2212" });

/** The d3 locale of the report language in force. */
function locale(): FormatLocaleObject {
  return DECIMAL_MARK[currentLanguage()] === "," ? COMMA : POINT;
}

/** d3-format specifier → formatter, in the fixed locale. */
export function formatter(specifier: string): (x: number) => string {
  return locale().format(specifier);
}

/** Formatter for a set of axis ticks: as many decimals as the tick step needs (0 for integers). */
export function tickFormatter(ticks: readonly number[]): (x: number) => string {
  let step = Infinity;
  for (let i = 1; i < ticks.length; i++) step = Math.min(step, Math.abs(ticks[i] - ticks[i - 1]));
  const allIntegers = ticks.every((t) => Math.abs(t - Math.round(t)) < 1e-9);
  const decimals = allIntegers || !Number.isFinite(step) || step === 0 ? 0 : Math.min(6, precisionFixed(step));
  const f = locale().format(`,.${decimals}f`);
  return (x: number) => f(Math.abs(x) < 1e-12 ? 0 : x);
}

/** A p-value by the report's one rule (src/report/number-format.ts): "0.044", "< 0.001", "> 0.99". Null/NaN → "". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "";
  return formatPValue(p);
}

/** Ratio estimate with 2 decimals (2 significant digits below 0.1, no exponent). */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "";
  if (x > 0 && x < 0.1) return locale().format(".2~r")(x);
  return locale().format(",.2f")(x);
}
