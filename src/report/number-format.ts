/**
 * The one number-format policy of survinfer's human-readable output (report.html, DOCX/CSV tables,
 * summary.txt and the local app); docs/report.md, "Numbers", states the same rules:
 *
 * - p-values: "< 0.001" below 0.001; "> 0.99" above 0.99 (never "1.000"); otherwise two significant
 *   digits ("0.044", "0.12", "0.50"), the rule of the NEJM/BMJ statistical guidelines.
 * - estimates with a CI: "0.62 (0.41–0.93)"; "6.8 (−5.3 to 18.9)" when a limit is negative, because a dash
 *   next to a minus sign reads as a range; negative numbers carry a true minus sign (U+2212).
 * - counts: integers; weighted counts (Σw) rounded to integers unless told to keep one decimal.
 * - times (medians, follow-up, landmark times) and percentages: one decimal, R's rounding of halves.
 * - ratios (HR, OR): two decimals, two significant digits below 0.1.
 *
 * Only display strings: JSON output keeps full precision.
 *
 * Locale (issue 19): the display functions below write the decimal mark of the language in force
 * (src/i18n/language.ts: "," in German, "." in English and Japanese) and its word for a range between
 * negative limits ("to", "bis", "～"); `toFixedR` stays ASCII for data formats.
 */
import { localizeDecimal, localizePercent, localizeProse, DECIMAL_MARK, currentLanguage } from "../i18n/language.js";
import type { ReportBlock, ReportFigure, ReportModel } from "./html.js";
import type { ReportTable } from "./csv.js";
import { msg } from "../i18n/messages.js";

/** The true minus sign (U+2212). */
export const MINUS = "\u2212";

/**
 * x with `digits` decimals as R's sprintf("%.*f") / format() print it: exact binary halves round to even
 * (145.25 → "145.2"), where JavaScript's toFixed rounds them up. ASCII "-" for negatives (data formats).
 */
export function toFixedR(x: number, digits: number): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) return x.toFixed(digits);
  // toFixed with extra digits shows the exact binary value; a tie is "…5" followed only by zeros
  const long = x.toFixed(digits + 30);
  const tail = long.slice(long.length - 30);
  if (tail !== "5" + "0".repeat(29)) return x.toFixed(digits);
  const scaled = Math.abs(x) * 10 ** digits; // k + 0.5 exactly
  const lower = Math.floor(scaled);
  const even = lower % 2 === 0 ? lower : lower + 1;
  const text = (even / 10 ** digits).toFixed(digits);
  return x < 0 ? `-${text}` : text;
}

/** "-0.0" → "0.0": a value that rounds to zero prints without a sign. */
function dropNegativeZero(s: string): string {
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** x with `digits` decimals and a true minus sign; "–" when missing or not finite. */
export function formatFixed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = localizeDecimal(dropNegativeZero(toFixedR(x, digits)));
  return s.startsWith("-") ? `${MINUS}${s.slice(1)}` : s;
}

/**
 * A p-value by the stated rule: "< 0.001", "> 0.99", otherwise two significant digits ("0.044", "0.12",
 * "0.0012"). Null → "", NaN → "–".
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return "";
  if (Number.isNaN(p)) return "–";
  if (p < 0.001) return localizeDecimal("< 0.001");
  if (p > 0.99) return localizeDecimal("> 0.99");
  // two significant digits; 0.0995 rounds to "0.10" (two digits kept), never to an exponent
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(p)));
  let s = toFixedR(p, decimals);
  if (Number(s) >= 10 ** (1 - decimals) * 10 && decimals > 2) s = toFixedR(p, decimals - 1);
  return localizeDecimal(s);
}

/** "p = 0.044", "p < 0.001", "p > 0.99" (a p-value in a sentence). */
export function pPhrase(p: number | null | undefined): string {
  const f = formatPValue(p);
  return f.startsWith("<") || f.startsWith(">") ? `p ${f}` : `p = ${f}`;
}

/**
 * An estimate with its interval from already formatted parts: "0.62 (0.41–0.93)", or with " to " when a
 * limit (or the estimate) is negative: "6.8 (−5.3 to 18.9)".
 */
export function withInterval(est: string, lower: string, upper: string): string {
  const negative = [est, lower, upper].some((s) => s.startsWith(MINUS) || s.startsWith("-"));
  return `${est} (${lower}${negative ? msg().num.rangeTo : "–"}${upper})`;
}

/** An estimate with its CI, `digits` decimals: "6.8 (−5.3 to 18.9)"; the estimate alone without limits. */
export function formatEstimateCi(est: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined, digits = 1): string {
  if (est === null || est === undefined || !Number.isFinite(est)) return "–";
  const e = formatFixed(est, digits);
  if (lower === null || lower === undefined || upper === null || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return e;
  return withInterval(e, formatFixed(lower, digits), formatFixed(upper, digits));
}

/**
 * A count as an integer. A weighted count (Σw of matching or IPTW weights) is rounded to an integer too,
 * unless `oneDecimal` (then "12.4"; whole values still print "4", never "4.0").
 */
export function formatCount(x: number, options: { readonly oneDecimal?: boolean } = {}): string {
  if (!Number.isFinite(x)) return "–";
  const whole = Math.abs(x - Math.round(x)) < 1e-9;
  if (whole || options.oneDecimal !== true) return String(Math.round(x)).replace("-", MINUS);
  return formatFixed(x, 1);
}

/** A time (median, follow-up, landmark time) with one decimal; null → "not reached" (in the language in force, or the given text). */
export function formatTime(x: number | null | undefined, notReached?: string): string {
  if (x === null || x === undefined) return notReached ?? msg().num.notReached;
  return formatFixed(x, 1);
}

/** A proportion (0–1) as a percentage with one decimal, without the % sign: 0.6234 → "62.3". */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "–" : formatFixed(100 * x, digits);
}

/**
 * A formatted number without trailing zeros after its decimal mark, in any language: "1.00" → "1",
 * "0.50" → "0.5", German "1,00" → "1" and "0,50" → "0,5" (never "1," as a point-only rule leaves it).
 * Integers keep their zeros ("10", "100").
 */
export function trimZeros(s: string): string {
  return /[.,]\d*$/.test(s) ? s.replace(/0+$/, "").replace(/[.,]$/, "") : s;
}

/** A cell holding words ("not estimated: 3 events … (EPV 1.5)"), not a number or an id alone. */
const WORDY = /[A-Za-z]{2,}.* |.* [A-Za-z]{2,}/;

function proseTable(t: ReportTable): ReportTable {
  // every cell's percentages too ("84,1 %"), numbers alone included
  return { ...t, title: localizeProse(t.title), footnotes: t.footnotes.map(localizeProse), rows: t.rows.map((row) => row.map((cell) => (WORDY.test(cell) ? localizeProse(cell) : localizePercent(cell)))) };
}

/** The percentages in an SVG's text (between tags; never in attributes such as width="100%"). */
function svgPercent(svg: string): string {
  return svg.replace(/>([^<]*)</g, (all, text: string) => (text.includes("%") ? `>${localizePercent(text)}<` : all));
}

function proseFigure(f: ReportFigure): ReportFigure {
  const svg = svgPercent(f.svg);
  return f.caption === undefined ? { ...f, svg, title: localizeProse(f.title) } : { ...f, svg, title: localizeProse(f.title), caption: localizeProse(f.caption) };
}

function proseBlock(b: ReportBlock): ReportBlock {
  switch (b.kind) {
    case "text":
    case "note":
      return { ...b, text: localizeProse(b.text) };
    case "list":
      return { ...b, items: b.items.map(localizeProse) };
    case "table":
      return { ...b, table: proseTable(b.table) };
    case "figure":
      return { ...b, figure: proseFigure(b.figure) };
    case "calculator":
      return { ...b, model: { ...b.model, title: localizeProse(b.model.title), notes: b.model.notes.map(localizeProse) } };
    default:
      // "pre": the study specification as run keeps its text
      return b;
  }
}

/**
 * The number policy applied once more to the report's prose, whatever built it: in a language with the
 * decimal comma (German), every number in a sentence, caption, table title or footnote gets the comma
 * (src/i18n/language.ts, localizeProse), including numbers inside texts the engines wrote in English.
 * Table cells, figures and the study specification are formatted where they are made. A percentage gets its
 * German no-break space before "%" everywhere here, in cells and in the figures' SVG text too (localizePercent).
 * English and Japanese: unchanged (the same objects).
 */
export function localizeReportNumbers<T extends { readonly model: ReportModel; readonly tables: readonly { readonly id: string; readonly table: ReportTable }[]; readonly figures?: readonly ReportFigure[] }>(built: T): T {
  if (DECIMAL_MARK[currentLanguage()] === ".") return built;
  const m = built.model;
  const model: ReportModel = {
    ...m,
    ...(m.readFirst === undefined ? {} : { readFirst: m.readFirst.map((e) => ({ ...e, text: localizeProse(e.text) })) }),
    sections: m.sections.map((sec) => ({ ...sec, blocks: sec.blocks.map(proseBlock) })),
  };
  // the figure files (SVG, PNG, DOCX) are made from `figures`: their percentages as the report's
  const figures = built.figures === undefined ? {} : { figures: built.figures.map((f) => ({ ...f, svg: svgPercent(f.svg) })) };
  return { ...built, model, tables: built.tables.map((t) => ({ ...t, table: proseTable(t.table) })), ...figures };
}
