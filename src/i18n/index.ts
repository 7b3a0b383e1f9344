/** Localisation of the human-readable output: languages, the scoped language setting and the catalogues. */
export { DECIMAL_MARK, LANGUAGES, currentLanguage, isLanguage, localizeDecimal, withLanguage, type Language } from "./language.js";
export { messagesFor, msg, type Messages } from "./messages.js";
