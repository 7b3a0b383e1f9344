/**
 * English texts of one part of the report: Immortal time and the primary analysis (src/report/sections-immortal.ts, the headline of the primary result).
 * The reference for immortal-de.ts and immortal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `IMMORTAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const immortalEn = {
  /** summary.txt, treatment-effect block: the primary from Immortal time (lead and headline are engine texts, translated by IMMORTAL_PATTERNS). */
  primaryElsewhere: (lead: string, headline: string, hr: string, n: string, events: string): string =>
    `${lead}: ${headline}; per-protocol ${hr} (secondary); ${n} patients, ${events} events (under Immortal time below); the rows here are sensitivity analyses`,
  /** summary.txt, Immortal time block (no treatment-effect block): the primary design. */
  primaryHere: (lead: string, headline: string, hr: string, n: string, events: string): string => `${lead}: ${headline}; per-protocol ${hr} (secondary); ${n} patients, ${events} events`,
  /** … the same for a design whose headline is its HR. */
  primaryHereHr: (lead: string, hr: string, n: string, events: string): string => `${lead}: ${hr}; ${n} patients, ${events} events`,
};

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
  // the clone–censor–weight headline: survival differences at the times (a time beyond the data: "not estimable at …"), RMST difference
  ["ccwHeadline", re(String.raw`survival difference \(treated within (?<g>{N}) (?<unit>\w+) minus not\)(?<items>(?: .+?)?)(?<rmst>; RMST difference up to .+)?`)],
  // the primary analysis or its settings are survinfer's defaults (src/study/primary.ts)
  [
    "primaryDefaults",
    re(
      String.raw`primary analysis (?<how>chosen by survinfer's default rule \(not declared in the spec\)|\(declared in the spec\)): (?<label>.+?)(?<defaults>(?:; (?:grace period|landmark) {N} \w+ \(default\))*) — survinfer's choice, the default \(not the study's\): declare analyses\.primary(?<settings> and the settings marked \(default\))? in the spec before seeing the results`,
    ),
  ],
  // the headline's lead (src/study/primary.ts primaryLead); after primaryDefaults, which holds it
  ["primaryLead", re(String.raw`primary analysis (?<how>chosen by survinfer's default rule \(not declared in the spec\)|\(declared in the spec\)): (?<label>(?:(?! — ).)+?)(?<defaults>(?:; (?:grace period|landmark) {N} \w+ \(default\))*)`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type ImmortalTextId = (typeof IMMORTAL_PATTERNS)[number][0];
