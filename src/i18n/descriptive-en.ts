/**
 * English texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * The reference for descriptive-de.ts and descriptive-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `DESCRIPTIVE_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
export const descriptiveEn = {};

export type DescriptiveMessages = typeof descriptiveEn;

/** [id, pattern] of the engine texts of this part. */
export const DESCRIPTIVE_PATTERNS = [
  // ["someId", re(String.raw`text with (?<n>{N}) groups`)], with `re` from ./warnings-en-re.js
] as const satisfies readonly (readonly [string, RegExp])[];

export type DescriptiveTextId = (typeof DESCRIPTIVE_PATTERNS)[number][0];
