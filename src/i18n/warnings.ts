/**
 * Render-time translation of the engines' English texts (warnings, notes, reasons and the few phrases the
 * results carry, such as a weight formula): the engines and results.json stay English; the report,
 * summary.txt and the app show them in the language in force. No machine translation: each text the
 * engines emit is a pattern of src/i18n/warnings-en.ts whose parameters (numbers, names, nested texts) are
 * put into the German (warnings-de.ts) or Japanese (warnings-ja.ts) template of the same id.
 *
 * A text that no pattern matches whole is split at its "scope: " prefixes ("Cox: univariable FNCLCC grade:
 * …"), each scope translated by the scope patterns, the rest matched again. What still matches nothing
 * stays English (with the decimal mark of the language) and is counted: `untranslatedEngineTexts()`.
 */
import { currentLanguage, localizeDecimal, type Language } from "./language.js";
import { ENGINE_PATTERNS, SCOPE_PATTERNS, type EngineTextId, type ScopeId } from "./warnings-en.js";
import { engineTextsDe, scopesDe } from "./warnings-de.js";
import { engineTextsJa, scopesJa } from "./warnings-ja.js";

/**
 * The named groups of a matched pattern (`g`), `t` to translate a nested text (a reason inside a warning)
 * and `s` to translate a scope ("Competing risks, Fine–Gray model: Other causes").
 */
export interface EngineParams {
  readonly g: Readonly<Record<string, string>>;
  readonly t: (nested: string) => string;
  readonly s: (scope: string) => string;
}
export type EngineTemplate = (p: EngineParams) => string;
export type EngineCatalogue = Readonly<Record<EngineTextId, EngineTemplate>>;
export type ScopeCatalogue = Readonly<Record<ScopeId, EngineTemplate>>;

const TEXTS: Readonly<Record<Exclude<Language, "en">, EngineCatalogue>> = { de: engineTextsDe, ja: engineTextsJa };
const SCOPES: Readonly<Record<Exclude<Language, "en">, ScopeCatalogue>> = { de: scopesDe, ja: scopesJa };

const untranslated = new Set<string>();

/**
 * An ASCII hyphen-minus before a number ("-7.8", "(-27.7 to 19.8)": engines print with toFixed) as the true minus
 * sign (U+2212) that src/report/number-format.ts gives every negative number of the report, so that one paragraph
 * never mixes the two. German and Japanese only (English shows the engine texts as they are).
 */
function trueMinus(s: string): string {
  return s.replace(/(^|[\s(（:：=～/、，\u3040-\u30ff\u4e00-\u9fff])-(?=\d)/g, "$1\u2212");
}

function groupsOf(m: RegExpExecArray): Record<string, string> {
  return { ...(m.groups ?? {}) };
}

/** The whole of `text` by one engine pattern, or null. */
function whole(text: string, lang: Exclude<Language, "en">): string | null {
  for (const [id, re] of ENGINE_PATTERNS) {
    const m = re.exec(text);
    if (m !== null) return TEXTS[lang][id](params(m, lang));
  }
  return null;
}

/** A scope ("propensity", "univariable FNCLCC grade") by the scope patterns; unknown scopes (labels, names) as they are. */
function scope(head: string, lang: Exclude<Language, "en">): string {
  for (const [id, re] of SCOPE_PATTERNS) {
    const m = re.exec(head);
    if (m !== null) return SCOPES[lang][id](params(m, lang));
  }
  return head;
}

/** A scope of several parts ("Competing risks, Fine–Gray model: Other causes"), part by part. */
function scopes(head: string, lang: Exclude<Language, "en">): string {
  return head
    .split(": ")
    .map((part) => scope(part, lang))
    .join(lang === "ja" ? "：" : ": ");
}

/** An untranslated nested text: counted, shown as it is. */
function fallback(text: string): string {
  untranslated.add(text);
  return text;
}

function params(m: RegExpExecArray, lang: Exclude<Language, "en">): EngineParams {
  return { g: groupsOf(m), t: (s) => translate(s, lang) ?? fallback(s), s: (h) => scopes(h, lang) };
}

/** `text` translated, or null when no pattern covers its message. */
function translate(text: string, lang: Exclude<Language, "en">): string | null {
  const w = whole(text, lang);
  if (w !== null) return w;
  // "scope: scope: message": the first split whose rest translates
  for (let at = text.indexOf(": "); at > 0; at = text.indexOf(": ", at + 2)) {
    const rest = translate(text.slice(at + 2), lang);
    if (rest !== null) return `${scope(text.slice(0, at), lang)}${lang === "ja" ? "：" : ": "}${rest}`;
  }
  return null;
}

/**
 * An engine text in the language in force: English unchanged; German or Japanese by the pattern catalogue,
 * else the English text with the language's decimal mark (and counted as untranslated).
 *
 * @example
 * ```ts
 * withLanguage("de", () => engineText("propensity: 29 of 40 treated units were not matched"));
 * // "Propensity Score: 29 von 40 behandelten Patienten wurden nicht gematcht"
 * ```
 */
export function engineText(text: string): string {
  const lang = currentLanguage();
  // English keeps the engine's words but prints a negative number with a true minus, as every other number of the
  // report ("bias −0.14", not "bias -0.14"; referee B6, session 12)
  if (lang === "en" || text === "") return trueMinus(text);
  const out = translate(text, lang);
  if (out !== null) return localizeDecimal(trueMinus(out));
  untranslated.add(text);
  return localizeDecimal(trueMinus(text));
}

/** The engine texts shown in English since the last `resetUntranslated()` (for tests and for counting). */
export function untranslatedEngineTexts(): readonly string[] {
  return [...untranslated];
}

/** Forgets the untranslated texts seen so far. */
export function resetUntranslated(): void {
  untranslated.clear();
}
