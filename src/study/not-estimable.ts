/**
 * The rule that separates "this analysis cannot be estimated on these data" from "the input is wrong".
 * Each step of a study runs through `guard`: a `SurvinferError` whose code is in ESTIMABILITY_CODES
 * becomes a `NotEstimable` entry (results.notEstimable) and the study goes on; any other error still
 * stops the run (bad data or spec: exit 2; a bug: exit 1). Reading the data and preparing the study
 * (columns, dates, endpoints, treatment, levels) are not guarded: problems found there are bad input.
 */
import { isSurvinferError } from "../errors.js";

/** An analysis of the spec that ran but could not be estimated on these data, and why. */
export interface NotEstimable {
  /** Where it belongs in results.json, e.g. "rmst", "table1.matched", "cox.univariable.sex", "effects". */
  readonly analysis: string;
  /** The engine's message: what could not be estimated and what to change. */
  readonly reason: string;
  /** The SurvinferError code, e.g. "OPTION_TAU_TOO_LARGE". */
  readonly code: string;
}

/**
 * Codes that, raised inside one analysis step, describe that analysis' estimability on this sample
 * rather than malformed input. All other codes (DATA_*, SPEC_*, OPTION_*, FORMULA_* not listed here)
 * stop the run. Listed deliberately, one by one (docs/report.md, "Not estimable"):
 * - OPTION_TAU_TOO_LARGE: RMST tau past the follow-up of a group (survRM2's limit depends on the sample).
 * - DATA_EMPTY_GROUP: a comparison group empty inside the analysis (e.g. no matched control).
 * - DATA_ONE_GROUP, DATA_TOO_FEW_CONTROLS: a comparison or matching without two usable groups.
 * - DATA_NO_EVENTS, COX_NO_EVENTS: no event to fit a model on.
 * - MODEL_SINGULAR, MODEL_COLLINEAR, DATA_COLLINEAR, DATA_CONSTANT_COVARIATE, FORMULA_ONE_LEVEL:
 *   a model that cannot be fitted on the rows of this analysis.
 * - MODEL_TOO_FEW_EVENTS: fewer events per parameter than analyses.safeguards.epvFloor (src/study/epv.ts).
 * - DATA_EMPTY_REFERENCE_LEVEL: a factor's reference level has no patient in the model's rows (e.g. a declared
 *   `reference: 1` that no patient has): its coefficients would compare with nobody (src/study/model-terms.ts).
 */
export const ESTIMABILITY_CODES: ReadonlySet<string> = new Set([
  "OPTION_TAU_TOO_LARGE",
  "DATA_EMPTY_GROUP",
  "DATA_ONE_GROUP",
  "DATA_TOO_FEW_CONTROLS",
  "DATA_NO_EVENTS",
  "COX_NO_EVENTS",
  "MODEL_SINGULAR",
  "MODEL_COLLINEAR",
  "DATA_COLLINEAR",
  "DATA_CONSTANT_COVARIATE",
  "FORMULA_ONE_LEVEL",
  "MODEL_TOO_FEW_EVENTS",
  "DATA_EMPTY_REFERENCE_LEVEL",
]);

/** Runs one analysis: its result, or undefined when it is not estimable (recorded in `out`). */
export type Guard = <T>(analysis: string, run: () => T) => T | undefined;

/** A guard that records not-estimable analyses into `out` and rethrows every other error. */
export function estimabilityGuard(out: NotEstimable[]): Guard {
  return <T>(analysis: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (e) {
      if (!isSurvinferError(e) || !ESTIMABILITY_CODES.has(e.code)) throw e;
      out.push({ analysis, reason: e.message, code: e.code });
      return undefined;
    }
  };
}

/** A guard that lets every error through (a step run on its own, outside a study). */
export const unguarded: Guard = <T>(_analysis: string, run: () => T): T | undefined => run();

const LABELS: Readonly<Record<string, string>> = {
  km: "Kaplan–Meier estimates",
  logrank: "Log-rank test",
  rmst: "Restricted mean survival time (RMST)",
  propensity: "Propensity-score analyses",
  table1: "Table 1",
  "table1.matched": "Table 1, PS-matched panel",
  "table1.weighted": "Table 1, IPTW panel",
  cox: "Cox models (prognostic factors)",
  immortalTime: "Immortal-time analyses",
  "immortalTime.adjustedTimeDependent": "Immortal time: time-dependent Cox adjusted for the covariates",
  "immortalTime.cloneCensorWeight": "Immortal time: clone–censor–weight (target-trial emulation)",
  "immortalTime.landmarkPs": "Immortal time: landmark analysis with the PS re-estimated",
  "immortalTime.sequentialMatching": "Immortal time: sequential (risk-set) matching",
  effects: "Treatment-effect table",
  competingRisks: "Competing risks",
  cure: "Cure model",
  prediction: "Prediction model",
  recurrent: "Recurrent events",
};

/** A reader's name for an entry's analysis: "cox.univariable.sex" → "Cox model, univariable: sex". */
export function notEstimableLabel(analysis: string): string {
  const uni = /^cox\.univariable\.(.+?)(\.cutoff)?$/.exec(analysis);
  if (uni) return `Cox model, univariable: ${uni[1]}${uni[2] ? " (cut-off)" : ""}`;
  if (analysis === "cox.multivariable") return "Cox model, multivariable";
  // a covariate-adjusted Cox model of a treatment-effect table refused below the events-per-parameter floor (study/effects-epv.ts)
  const refusedModel = /^(effects|immortalTime\.landmarkPs|immortalTime\.landmarks\.[^.]+(?:\.\d+)?)\.(multivariable|matchedAdjusted|weightedAdjusted)$/.exec(analysis);
  if (refusedModel) return notEstimableLabel(refusedModel[1]);
  const lm = /^immortalTime\.landmarks\.(.+)$/.exec(analysis);
  if (lm) return `Immortal time: landmark at ${lm[1]} (sensitivity)`;
  const cause = /^competingRisks\.(causeSpecific|fineGray)\.(.+)$/.exec(analysis);
  if (cause) return `Competing risks, ${cause[1] === "fineGray" ? "Fine–Gray" : "cause-specific Cox"} model: ${cause[2]}`;
  return LABELS[analysis] ?? analysis;
}

/**
 * The table a refused row belongs to, by the reader's name: "effects" → "Treatment effect"; a landmark model
 * (immortalTime.landmarkPs, immortalTime.landmarks.<L>) → "Immortal time", its row named by landmark time and model.
 */
const ROW_TABLES: Readonly<Record<string, string>> = { effects: "Treatment effect", immortalTime: "Immortal time" };

/**
 * One refused model (row) of a table, named by its table and its model rather than by the table alone
 * (issue 19 point 1): `analysis` "effects.matchedAdjusted" with reason "PS-matched Cox adjusted for covariates
 * (ATM, conditional HR): not estimated: …" → context "Treatment effect, PS-matched Cox adjusted for covariates
 * (ATM, conditional HR)", text "not estimated: …". Other entries: context = their label, text "not estimable: reason".
 */
export function notEstimableParts(n: Pick<NotEstimable, "analysis" | "reason">): { readonly context: string; readonly text: string } {
  const row = /^(effects|immortalTime)(?:\.landmarkPs|\.landmarks\.[^.]+)?\.(multivariable|matchedAdjusted|weightedAdjusted)$/.exec(n.analysis);
  const model = row === null ? null : /^(.+?): (not estimated: .+)$/s.exec(n.reason);
  if (row !== null && model !== null) return { context: `${ROW_TABLES[row[1]]}, ${model[1]}`, text: model[2] };
  const label = notEstimableLabel(n.analysis);
  // a refusal that names its model ("Time-dependent Cox …: not estimated: …") under a label that already names it: said once
  const named = /^(.+?): (not estimated: .+)$/s.exec(n.reason);
  if (named !== null && wordsOf(named[1]).every((w) => wordsOf(label).includes(w))) return { context: label, text: named[2] };
  return { context: label, text: `not estimable: ${n.reason}` };
}

/** Lower-case words of a label, for "does the label already name this model". */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[\s,:()]+/).filter((w) => w.length > 0);
}

/**
 * "Label: not estimable — reason [CODE]" for the report and summary.txt; a refused row of a table
 * "Table, model: not estimated: reason [CODE]" ({@link notEstimableParts}).
 */
export function notEstimableText(n: NotEstimable): string {
  const parts = notEstimableParts(n);
  if (parts.text.startsWith("not estimated: ")) return `${parts.context}: ${parts.text} [${n.code}]`;
  return `${notEstimableLabel(n.analysis)}: not estimable — ${n.reason} [${n.code}]`;
}
