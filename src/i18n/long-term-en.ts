/**
 * English texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * The reference for long-term-de.ts and long-term-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `LONG_TERM_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
export const longTermEn = {};

export type LongTermMessages = typeof longTermEn;

/** [id, pattern] of the engine texts of this part. */
export const LONG_TERM_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type LongTermTextId = (typeof LONG_TERM_PATTERNS)[number][0];
