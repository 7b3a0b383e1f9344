/**
 * Events per parameter (EPV), the small-sample safeguard of every regression a study fits.
 * EPV = events / parameters, where events are the model's events (Cox, cause-specific Cox, Fine–Gray,
 * cure and prediction models: patients with the event among the model's complete cases; the propensity
 * logistic model: the smaller treatment group, as Peduzzi et al. 1996 and Austin 2017 count the
 * "events" of a binary outcome) and parameters are the estimated columns of the model matrix (each
 * dummy of a factor counts; intercepts and baseline hazards do not).
 * Below `epvWarn` (default 10; Peduzzi P et al. J Clin Epidemiol 1995;48:1503–10 and 1996;49:1373–9)
 * the model is fitted with a warning; below `epvFloor` (default 5; Vittinghoff E, McCulloch CE.
 * Am J Epidemiol 2007;165:710–8: bias and poor coverage are common below 5) it is not fitted and its
 * place says "not estimated: k events for p parameters". No R equivalent: R fits whatever it is given.
 */
import { SurvinferError } from "../errors.js";
import type { StudySpec } from "./schema.js";
import type { NotEstimable } from "./not-estimable.js";
import type { RowWarning } from "./effect-flags.js";

/** The thresholds, as `analyses.safeguards` gives them. */
export interface EpvThresholds {
  /** Warn when EPV is below this (default 10). */
  readonly epvWarn: number;
  /** Refuse (do not fit) when EPV is below this (default 5; 0 never refuses). */
  readonly epvFloor: number;
}

export const EPV_DEFAULTS: EpvThresholds = Object.freeze({ epvWarn: 10, epvFloor: 5 });

/** Error code of a model refused for too few events per parameter (results.notEstimable[].code). */
export const EPV_CODE = "MODEL_TOO_FEW_EVENTS";

export type EpvStatus = "ok" | "warn" | "refuse";

/** The figures of one model, returned as data next to it in results.json. */
export interface EventsPerParameter {
  /** Events of the model (for the PS model: patients in the smaller treatment group). */
  readonly events: number;
  readonly parameters: number;
  /** events / parameters (Infinity for a model without parameters). */
  readonly epv: number;
  readonly status: EpvStatus;
  readonly epvWarn: number;
  readonly epvFloor: number;
  /** The sentence shown in the model's place or note; null when status is "ok". */
  readonly message: string | null;
}

/** The spec's thresholds (defaults when `analyses.safeguards` is absent). */
export function epvThresholds(spec: StudySpec): EpvThresholds {
  const s = spec.analyses.safeguards;
  return { epvWarn: s?.epvWarn ?? EPV_DEFAULTS.epvWarn, epvFloor: s?.epvFloor ?? EPV_DEFAULTS.epvFloor };
}

const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? "" : "s"}`;

/** EPV with one decimal ("7.7"), exact for whole numbers ("8"). */
export function formatEpv(epv: number): string {
  if (!Number.isFinite(epv)) return "∞";
  return Number.isInteger(epv) ? String(epv) : epv.toFixed(1);
}

/**
 * Events per parameter of one model and the rule's verdict: "refuse" when epv < epvFloor, "warn" when
 * epv < epvWarn, else "ok". `eventWord` names what counts as an event ("events"; for the PS model
 * "patients in the smaller group").
 *
 * @example
 * ```ts
 * eventsPerParameter(3, 2).message; // "not estimated: 3 events for 2 parameters (EPV 1.5, floor 5; set analyses.safeguards.epvFloor to change)"
 * eventsPerParameter(24, 3).status; // "warn" (EPV 8 < 10)
 * ```
 */
export function eventsPerParameter(events: number, parameters: number, thresholds: EpvThresholds = EPV_DEFAULTS, eventWord = "event"): EventsPerParameter {
  const epv = parameters > 0 ? events / parameters : Number.POSITIVE_INFINITY;
  const { epvWarn, epvFloor } = thresholds;
  const status: EpvStatus = epv < epvFloor ? "refuse" : epv < epvWarn ? "warn" : "ok";
  const what = `${plural(events, eventWord)} for ${plural(parameters, "parameter")} (EPV ${formatEpv(epv)}`;
  const message =
    status === "refuse"
      ? `not estimated: ${what}, floor ${epvFloor}; set analyses.safeguards.epvFloor to change)`
      : status === "warn"
        ? `few events per parameter: ${what}, below ${epvWarn}): estimates may be biased away from 1 and their CIs too narrow (Peduzzi 1996)`
        : null;
  return { events, parameters, epv, status, epvWarn, epvFloor, message };
}

/** A model the study did not fit because of the rule, with the figures; collected into results.notEstimable. */
export interface RefusedModel {
  /** Where the model belongs in results.json, e.g. "cox.multivariable", "competingRisks.fineGray.Other causes". */
  readonly analysis: string;
  /** Display label of the model, e.g. "Other causes". */
  readonly label: string;
  readonly epv: EventsPerParameter;
  /** Patients of the model, when the table that keeps its place shows a population (treatment-effect and immortal-time models). */
  readonly n?: number;
}

/** A refused model as a results.notEstimable entry. */
export function refusalEntry(r: RefusedModel): NotEstimable {
  return { analysis: r.analysis, reason: `${r.label}: ${r.epv.message ?? "not estimated"}`, code: EPV_CODE };
}

interface WithRefused {
  readonly refused?: readonly RefusedModel[];
}

/**
 * Every refused model of the study's analyses (the Cox, competing-risks, treatment-effect and immortal-time
 * steps keep them as `refused`), in the order of the report's sections.
 */
export function refusalsOf(analyses: { readonly cox?: WithRefused; readonly immortalTime?: WithRefused; readonly effects?: WithRefused; readonly competingRisks?: WithRefused }): NotEstimable[] {
  return [analyses.cox, analyses.immortalTime, analyses.effects, analyses.competingRisks].flatMap((a) => a?.refused ?? []).map(refusalEntry);
}

/** Whether a "not estimable" text is this rule's refusal ("not estimated: k events for p parameters …"). */
export function isEpvRefusal(text: string | null | undefined): boolean {
  return text != null && /(^|: )not estimated: \d+ \w+ for \d+ parameters? \(EPV /.test(text);
}

/** The error a whole-analysis refusal throws inside its step (recorded as not estimable by the study's guard). */
export function epvRefusalError(label: string, e: EventsPerParameter): SurvinferError {
  return new SurvinferError({ code: EPV_CODE, message: `${label}: ${e.message ?? "not estimated"}`, hint: "collect more events, fit fewer parameters, or lower analyses.safeguards.epvFloor" });
}

/** One hazard ratio of the treatment-effect table, as far as the rule needs it. */
interface EffectEstimateLike {
  readonly id?: string;
  readonly label: string;
  readonly nEvents: number;
  /** Model columns besides the treatment. */
  readonly adjustedFor: readonly string[];
}

/**
 * Events-per-parameter warnings of the treatment-effect table's Cox models (treatment + adjustment columns),
 * one per model with EPV at or above the floor but below `epvWarn`. Models below the floor are not estimated
 * (src/study/effects-epv.ts): they are listed under results.notEstimable, not warned here.
 *
 * @example
 * ```ts
 * effectsEpvWarnings([{ label: "Multivariable Cox", nEvents: 23, adjustedFor: ["age", "sex"] }]).length; // 1 (EPV 7.7 < 10)
 * ```
 */
export function effectsEpvWarnings(estimates: readonly EffectEstimateLike[], thresholds: EpvThresholds = EPV_DEFAULTS): string[] {
  return [...new Set(effectsEpvRowWarnings(estimates, thresholds).map((w) => w.text))];
}

/** The same warnings ({@link effectsEpvWarnings}) one per row, with the row's id (results' `effects.rowWarnings`). */
export function effectsEpvRowWarnings(estimates: readonly EffectEstimateLike[], thresholds: EpvThresholds = EPV_DEFAULTS): RowWarning[] {
  return estimates.flatMap((e) => {
    const r = eventsPerParameter(e.nEvents, 1 + e.adjustedFor.length, thresholds);
    return r.status === "warn" ? [{ id: e.id ?? e.label, text: `${e.label}: ${r.message}` }] : [];
  });
}
