/**
 * English texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * The reference for causal-de.ts and causal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `CAUSAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const causalEn = {
  /** Why a row biased by design has no E-value (treatment-effect table footnote; issue 19 point 4). */
  eValueNotGiven: (bias: string): string => `No E-value for rows biased by design (${bias}): an E-value measures how strong unmeasured confounding would have to be, and says nothing about a bias built into the comparison.`,
  /** The rule of the flags (treatment-effect table footnote; src/study/effect-flags.ts). */
  flagsFootnote: (fewEvents: boolean, balanceWorsened: boolean): string =>
    `Flags: ${[
      ...(fewEvents ? ["imprecise: fewer events than analyses.safeguards.minEvents; for the Cox model stratified on matched set, only the events of matched sets whose risk set still holds a treated and a control member count, as those are the events its likelihood uses"] : []),
      ...(balanceWorsened ? ["worsened balance: the adjusted sample is less balanced than the unadjusted one (see the balance verdict), so its estimates are not confounding-adjusted"] : []),
    ].join("; ")}. A flagged row is kept for transparency and never chosen as the primary analysis by default.`,
  /** After the E-value sentence of a flagged primary estimate. */
  estimateFlag: (flags: string): string => ` Flag of this estimate: ${flags}.`,
  /** Note under the Rosenbaum bounds when matching worsened balance. */
  rosenbaumFlag: (flag: string): string => `Flag: ${flag}.`,
};

export type CausalMessages = typeof causalEn;

/** [id, pattern] of the engine texts of this part. */
export const CAUSAL_PATTERNS = [
  // a refused row of the treatment-effect table, with its code (summary.txt, "Analyses not estimable")
  ["notEstimatedRowCode", re(String.raw`Treatment effect, (?<model>[^:]+): (?<rest>not estimated: .+) \[(?<code>[A-Z_]+)\]`)],
  // flags of treatment-effect rows (src/study/effect-flags.ts)
  ["fewEventsFlag", re(String.raw`only (?<k>{N}) events?(?<inf> in informative matched sets)?: imprecise`)],
  ["balanceWorsenedFlag", re(String.raw`(?<what>matching|weighting) worsened balance: not confounding-adjusted`)],
  [
    "fewEventsWarning",
    re(
      String.raw`(?<flag>only {N} events?(?: in informative matched sets)?: imprecise)(?: \(of its (?<e>{N}) events, only those in matched sets whose risk set still holds a treated and a control member enter the stratified likelihood\))?: fewer than (?<min>{N}) events \(analyses\.safeguards\.minEvents\), so the hazard ratio and its interval are unstable; never the default primary analysis`,
    ),
  ],
  [
    "balanceWorsenedWarning",
    re(
      String.raw`(?<what>matching|weighting) worsened covariate balance \(terms with \|SMD\| ≥ (?<th>{N}): (?<after>{N}), unadjusted (?<before>{N}); largest \|SMD\| (?<max>{N}), (?<term>.+), unadjusted (?<max0>{N})\): the (?<sample>matched|weighted) estimates are not interpretable as confounding-adjusted; they are kept, flagged, as sensitivity analyses only`,
    ),
  ],
  ["rosenbaumBiased", re(String.raw`the matched pairs compare patients by treatment ever received from the origin and are biased by design \((?<bias>[^)]+)\): a bound on hidden bias says nothing about a bias built into the comparison`)],
  ["rosenbaumWorsened", re(String.raw`matching worsened covariate balance \(largest \|SMD\| (?<max>{N}) against (?<max0>{N}) unadjusted\): the pairs are not confounding-adjusted, so these bounds concern hidden bias on top of measured confounding left in the pairs`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type CausalTextId = (typeof CAUSAL_PATTERNS)[number][0];
