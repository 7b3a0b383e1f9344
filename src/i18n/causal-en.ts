/**
 * English texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * The reference for causal-de.ts and causal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `CAUSAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
export const causalEn = {};

export type CausalMessages = typeof causalEn;

/** [id, pattern] of the engine texts of this part. */
export const CAUSAL_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type CausalTextId = (typeof CAUSAL_PATTERNS)[number][0];
