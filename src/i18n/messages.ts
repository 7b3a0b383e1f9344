/**
 * The message catalogue of the language in force (src/i18n/language.ts). English is the reference
 * catalogue (src/i18n/en.ts); `Messages` is derived from it, so a German or Japanese catalogue that lacks a
 * key, or gives a sentence function other parameters, does not compile. No machine translation at run time:
 * every text is in the repository, reviewed for the terms of each language's journals (docs/report.md).
 */
import { currentLanguage, type Language } from "./language.js";
import { en } from "./en.js";
import { de } from "./de.js";
import { ja } from "./ja.js";

export type { Messages } from "./en.js";
import type { Messages } from "./en.js";

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, de, ja };

/** The catalogue of `language`. */
export function messagesFor(language: Language): Messages {
  return CATALOGUES[language];
}

/** The catalogue of the language in force (English outside `withLanguage`). */
export function msg(): Messages {
  return CATALOGUES[currentLanguage()];
}
