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

/** The no-break space (U+00A0) between a number and its % sign in German. */
export const PERCENT_SPACE = "\u00a0";

/**
 * A percentage in the typesetting of the language in force: German writes a no-break space between the number and
 * the % sign ("84,1 %"; Duden, DIN 5008, Dtsch Arztebl), English and Japanese none ("84.1%"). A % sign that opens a
 * compound keeps its form ("95%-KI", "95%-Konfidenzintervall"), as does one followed by a letter.
 */
export function localizePercent(s: string): string {
  return current !== "de" ? s : s.replace(/(\d)%(?![-\u2010\u2011\p{L}])/gu, `$1${PERCENT_SPACE}%`);
}

/**
 * Text that must keep its points in every language: DOIs, version numbers ("4.2.2"), section numbers
 * ("§4.3–4.4") and R calls ("MatchIt::matchit(caliper = 0.2)", "survfit(conf.type = \"log\")").
 */
const KEEP_POINTS = /doi:\S+|\bv?\d+\.\d+\.\d+(?:\.\d+)*\b|§\s*[\d.–-]+|\b[\w.]+::[\w.]+\([^)]*\)|\b[\w.]+\([^()]*=[^()]*\)/g;

/** A list of numbers ("0.33, 0.5, 2"): in German its separator becomes "; ", as "," is the decimal mark. */
const NUMBER_LIST = /[−-]?\d+(?:\.\d+)?(?:, [−-]?\d+(?:\.\d+)?)+/g;

/**
 * Prose (a sentence of the report, a caption, a footnote) with its numbers in the decimal mark of the
 * language in force: like `localizeDecimal`, but DOIs, version numbers, section numbers and R calls keep
 * their points, and a list of numbers with decimals is separated by "; " in German ("0,33; 0,5; 2").
 */
export function localizeProse(s: string): string {
  if (DECIMAL_MARK[current] === ".") return s;
  let out = "";
  let last = 0;
  const local = (part: string): string => localizeDecimal(part.replace(NUMBER_LIST, (m) => (m.includes(".") ? m.replace(/, /g, "; ") : m)));
  for (const m of s.matchAll(KEEP_POINTS)) {
    out += local(s.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return localizePercent(out + local(s.slice(last)));
}
