/**
 * English texts of one part of the report: Treatment effects and sensitivity to unmeasured confounding (src/report/sections-effects.ts, sections-sensitivity.ts, the effect tables of tables.ts).
 * The reference for effects-de.ts and effects-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `EFFECTS_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */

export const effectsEn = {};

export type EffectsMessages = typeof effectsEn;

/** [id, pattern] of the engine texts of this part. */
export const EFFECTS_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type EffectsTextId = (typeof EFFECTS_PATTERNS)[number][0];
