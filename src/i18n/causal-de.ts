/**
 * German texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * English reference: src/i18n/causal-en.ts.
 */
import type { CausalMessages, CausalTextId } from "./causal-en.js";
import type { EngineTemplate } from "./warnings.js";

export const causalDe: CausalMessages = {};

/** German templates of the engine texts of this part (CAUSAL_PATTERNS). */
export const causalTextsDe: Readonly<Record<CausalTextId, EngineTemplate>> = {};
