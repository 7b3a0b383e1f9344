/**
 * Japanese texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * English reference: src/i18n/immortal-en.ts.
 */
import type { ImmortalMessages, ImmortalTextId } from "./immortal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const immortalJa: ImmortalMessages = {};

/** Japanese templates of the engine texts of this part (IMMORTAL_PATTERNS). */
export const immortalTextsJa: Readonly<Record<ImmortalTextId, EngineTemplate>> = {};
