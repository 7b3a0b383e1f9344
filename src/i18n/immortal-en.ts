/**
 * English texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * The reference for immortal-de.ts and immortal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `IMMORTAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
export const immortalEn = {};

export type ImmortalMessages = typeof immortalEn;

/** [id, pattern] of the engine texts of this part. */
export const IMMORTAL_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type ImmortalTextId = (typeof IMMORTAL_PATTERNS)[number][0];
