/**
 * German texts of one part of the report: Treatment effects and sensitivity to unmeasured confounding (src/report/sections-effects.ts, sections-sensitivity.ts, the effect tables of tables.ts).
 * English reference: src/i18n/effects-en.ts.
 */
import type { EffectsMessages, EffectsTextId } from "./effects-en.js";
import type { EngineTemplate } from "./warnings.js";

export const effectsDe: EffectsMessages = {};

/** German templates of the engine texts of this part (EFFECTS_PATTERNS). */
export const effectsTextsDe: Readonly<Record<EffectsTextId, EngineTemplate>> = {};
