/**
 * The languages of survinfer's human-readable output (report, summary.txt, the app) and the one scoped
 * setting that says which is in force. Pure (no I/O, no DOM): the CLI, the report and the browser app share it.
 *
 * The language is set for the duration of one synchronous call (`withLanguage("de", () => buildReportModel(r))`)
 * and restored afterwards, even when the call throws; outside such a call it is English. Renderers read it
 * through `msg()` (the catalogue) and the number formatter (src/report/number-format.ts, decimal mark), so the
 * many small formatting functions need no extra parameter. Only synchronous code may run inside: an `await`
 * inside the callback would let other work see the language.
 */

/** ISO 639-1 codes of the supported languages; English is the default. */
export const LANGUAGES = ["en", "de", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The decimal mark of each language's journals: German uses the decimal comma (DIN 1333, Duden), Japanese the point. */
export const DECIMAL_MARK: Readonly<Record<Language, "." | ",">> = { en: ".", de: ",", ja: "." };

let current: Language = "en";

/** The language in force (English outside `withLanguage`). */
export function currentLanguage(): Language {
  return current;
}

/** Whether `x` names a supported language. */
export function isLanguage(x: unknown): x is Language {
  return typeof x === "string" && (LANGUAGES as readonly string[]).includes(x);
}

/**
 * Runs `fn` (synchronous) with `language` in force and restores the previous language afterwards.
 *
 * @example
 * ```ts
 * withLanguage("de", () => formatFixed(1.25, 2)); // "1,25"
 * ```
 */
export function withLanguage<T>(language: Language, fn: () => T): T {
  const before = current;
  current = language;
  try {
    const out = fn();
    if (out instanceof Promise) throw new Error("withLanguage: the callback must be synchronous");
    return out;
  } finally {
    current = before;
  }
}

/**
 * A number already formatted with "." as its decimal mark, in the decimal mark of the language in force:
 * every "." between two digits becomes "," in German ("0.62 (0.41–0.93)" → "0,62 (0,41–0,93)"). Only for
 * display strings built from numbers; never for data formats (CSV for programs, JSON), ids or file names.
 */
export function localizeDecimal(s: string): string {
  return DECIMAL_MARK[current] === "." ? s : s.replace(/(\d)\.(\d)/g, "$1,$2");
}
