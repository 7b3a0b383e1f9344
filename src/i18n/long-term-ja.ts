/**
 * Japanese texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * English reference: src/i18n/long-term-en.ts.
 */
import type { LongTermMessages, LongTermTextId } from "./long-term-en.js";
import type { EngineTemplate } from "./warnings.js";

export const longTermJa: LongTermMessages = {};

/** Japanese templates of the engine texts of this part (LONG_TERM_PATTERNS). */
export const longTermTextsJa: Readonly<Record<LongTermTextId, EngineTemplate>> = {};
