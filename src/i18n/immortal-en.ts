/**
 * English texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * The reference for immortal-de.ts and immortal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `IMMORTAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const immortalEn = {};

export type ImmortalMessages = typeof immortalEn;

/** [id, pattern] of the engine texts of this part. */
export const IMMORTAL_PATTERNS = [
  // clone–censor–weight checks (src/study/immortal-time/ccw.ts checkWarnings): a number beyond the data
  [
    "ccwBeyondData",
    re(
      String.raw`(?<stat>survival difference|RMST difference) (?<at>at|up to) (?<t>{N}) (?<unit>\w+) not shown, not estimable: beyond the data, where the figure ends a curve \((?<k1>{N}) and (?<k2>{N}) patients at risk in the two strategies at the next death, fewer than (?<min>{N}); (?<f1>{N}) and (?<f2>{N}) in follow-up\); results\.json keeps the number, flagged beyondData`,
    ),
  ],
  // … and a bootstrap distribution not centred on the estimate
  [
    "ccwBootstrapOffCentre",
    re(
      String.raw`the bootstrap distribution of the (?<stat>survival difference|RMST difference|per-protocol log hazard ratio)(?: (?<at>at|up to) (?<t>{N}) (?<unit>\w+))? is not centred on the estimate \(mean of the replicates (?<mean>{N})(?<u>(?: points| \w+)?), estimate (?<est>{N})(?: points| \w+)?: bias (?<bias>{N})(?: points| \w+)?, more than a quarter of the bootstrap SE of (?<se>{N})(?: points| \w+)?\): its percentile interval is unreliable \(do not rely on it\)`,
    ),
  ],
  // the primary analysis or its settings are survinfer's defaults (src/study/primary.ts)
  [
    "primaryDefaults",
    re(
      String.raw`primary analysis (?<how>chosen by survinfer's default rule \(not declared in the spec\)|\(declared in the spec\)): (?<label>.+?)(?<defaults>(?:; (?:grace period|landmark) {N} \w+ \(default\))*) — survinfer's choice, the default \(not the study's\): declare analyses\.primary(?<settings> and the settings marked \(default\))? in the spec before seeing the results`,
    ),
  ],
] as const satisfies readonly (readonly [string, RegExp])[];

export type ImmortalTextId = (typeof IMMORTAL_PATTERNS)[number][0];
