/**
 * A cure profile's name in the report's language (src/study/cure-step.ts covariateProfiles): "Age = 55 (median)"
 * has an engine-text suffix (LONG_TERM_PATTERNS ltProfileQuartile); "Timing: synchronous" is label and level, data
 * that stays as it is.
 */
import { engineText } from "../i18n/warnings.js";

export function profileName(name: string): string {
  return / \((?:lower quartile|median|upper quartile)(?:, interpolated)?\)$/.test(name) ? engineText(name) : name;
}
