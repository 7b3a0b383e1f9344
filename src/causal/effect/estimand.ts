/**
 * What each treatment hazard ratio estimates, as data: the target population (estimand) and whether the
 * HR is marginal (population-averaged) or conditional (on matched set or covariates). Every label and
 * sentence about an effect is derived from this record, never written by hand elsewhere.
 *
 * Rules (Hernán 2010, doi:10.1097/EDE.0b013e3181c1ea43; Austin 2013, doi:10.1002/sim.5705):
 * - the HR is non-collapsible: adjusting for a prognostic covariate (or stratifying on matched set)
 *   changes its value even without confounding, so a stratified or covariate-adjusted Cox model gives a
 *   conditional HR; a weighted or matched Cox model with the treatment term only gives a marginal HR;
 * - matching targets the ATT only when every treated patient is kept; a caliper (or exact matching)
 *   that discards treated patients changes the population to the matched treated (ATM);
 * - an HR compares hazards among survivors and is not a contrast of potential outcomes ("had they been
 *   treated"); such wording belongs to contrasts of survival curves and RMST only.
 */
import { ESTIMANDS } from "../weight.js";
import type { EffectSpec, EstimateId } from "./types.js";

/** Target population of an estimate; "none" for the crude association and the multivariable model (all patients, no causal target). */
export type EffectEstimand = "none" | "ATE" | "ATT" | "ATC" | "ATO" | "ATM";

/** "unadjusted": the crude association; "marginal": population-averaged; "conditional": on matched set or covariates. */
export type HrType = "unadjusted" | "marginal" | "conditional";

/** Treated patients kept by the matching (matched estimates only). */
export interface MatchedTreatedCounts {
  readonly treatedTotal: number;
  readonly treatedKept: number;
}

export interface EstimandInfo {
  readonly estimand: EffectEstimand;
  readonly hrType: HrType;
  /** Treated patients in the analysis population (all treated, or those kept by matching). */
  readonly treatedKept: number | null;
  /** Treated patients discarded by matching (0 for ATT); null when not a matched estimate. */
  readonly treatedDiscarded: number | null;
  /** Row label, e.g. "PS-matched Cox (ATM, marginal HR)". */
  readonly label: string;
  /** Short estimand cell, e.g. "ATM: 11 of 40 treated kept; marginal HR". */
  readonly estimandLabel: string;
  /** The estimand in words (one sentence fragment, no causal wording for the HR). */
  readonly description: string;
}

const MODEL: Record<EstimateId, string> = {
  crude: "Crude Cox",
  multivariable: "Multivariable Cox",
  matched: "PS-matched Cox",
  matchedStratified: "PS-matched Cox stratified on matched set",
  matchedAdjusted: "PS-matched Cox adjusted for covariates",
  weighted: "IPTW Cox",
  weightedMEstimation: "IPTW Cox",
  weightedAdjusted: "IPTW Cox adjusted for covariates",
  weightedAdjustedMEstimation: "IPTW Cox adjusted for covariates",
};

/** The HR type follows how the model was fitted: strata or covariates make it conditional. */
export function hrTypeOf(id: EstimateId): HrType {
  if (id === "crude") return "unadjusted";
  if (id === "matched" || id === "weighted" || id === "weightedMEstimation") return "marginal";
  return "conditional";
}

const HR_WORDS: Record<HrType, string> = { unadjusted: "unadjusted HR", marginal: "marginal HR", conditional: "conditional HR" };

/** The weighted population in words, e.g. "the whole study population (ATE)"; trimming narrows it. */
function weightedPopulation(w: NonNullable<EffectSpec["weighting"]>): string {
  const base: Record<string, string> = {
    ATE: "the whole study population (ATE weights)",
    ATT: "the treated population (ATT weights)",
    ATC: "the untreated population (ATC weights)",
    ATO: "the overlap population, patients with a real chance of either treatment (ATO weights)",
  };
  const trim = w.trim ?? null;
  const trimmed = trim === null ? "" : `, restricted to patients with a propensity score in [${Number(Math.min(trim, 1 - trim).toPrecision(12))}, ${Number(Math.max(trim, 1 - trim).toPrecision(12))}]`;
  return `${base[w.estimand] ?? ESTIMANDS[w.estimand].label}${trimmed}`;
}

/**
 * The estimand record of one estimate.
 * @param matchedCounts treated patients in the data and kept by the matching (required for matched ids).
 *
 * @example
 * ```ts
 * estimandOf("matched", spec, { treatedTotal: 40, treatedKept: 11 }).label; // "PS-matched Cox (ATM, marginal HR)"
 * ```
 */
export function estimandOf(id: EstimateId, spec: EffectSpec, matchedCounts: MatchedTreatedCounts | null): EstimandInfo {
  const hrType = hrTypeOf(id);
  const hrWords = HR_WORDS[hrType];
  const noMatch = { treatedKept: null, treatedDiscarded: null };
  if (id === "crude") {
    return {
      estimand: "none",
      hrType,
      ...noMatch,
      label: `${MODEL[id]} (unadjusted HR)`,
      estimandLabel: "none (unadjusted association)",
      description: "the unadjusted hazard ratio of treated versus untreated patients: an association, confounded by whatever decided treatment",
    };
  }
  if (id === "multivariable") {
    return {
      estimand: "none",
      hrType,
      ...noMatch,
      label: `${MODEL[id]} (conditional HR)`,
      // not "(all patients)": the model is fitted on the analysis sample (complete cases), which the n column gives
      estimandLabel: "conditional HR (adjusted for the covariates)",
      description: "the conditional hazard ratio of treatment among patients with the same covariate values; not a population-averaged effect (the HR is non-collapsible)",
    };
  }
  if (id === "matched" || id === "matchedStratified" || id === "matchedAdjusted") {
    if (matchedCounts === null) throw new Error(`estimandOf: ${id} needs the matched treated counts`);
    const { treatedTotal, treatedKept } = matchedCounts;
    const discarded = treatedTotal - treatedKept;
    const estimand: EffectEstimand = discarded === 0 ? "ATT" : "ATM";
    const kept = `${treatedKept} of ${treatedTotal} treated patients kept`;
    const population =
      estimand === "ATT"
        ? `the treated population (ATT: all ${treatedTotal} treated patients matched)`
        : `the matched treated population (ATM: ${kept}, ${discarded} discarded without an acceptable match), which describes the treated patients who found a match, not all treated patients`;
    const how =
      id === "matched"
        ? "the marginal hazard ratio of treated versus matched untreated patients"
        : id === "matchedStratified"
          ? "the hazard ratio conditional on matched set (pair-stratified Cox), which differs from the marginal HR because the HR is non-collapsible"
          : "the hazard ratio conditional on the covariates in the matched sample, which differs from the marginal HR because the HR is non-collapsible";
    return {
      estimand,
      hrType,
      treatedKept,
      treatedDiscarded: discarded,
      label: `${MODEL[id]} (${estimand}, ${hrWords})`,
      estimandLabel: `${estimand === "ATT" ? "ATT" : `ATM: ${kept}`}; ${hrWords}`,
      description: `${how}, in ${population}`,
    };
  }
  const w = spec.weighting;
  if (w === null) throw new Error(`estimandOf: ${id} needs the weighting options`);
  const adjusted = id === "weightedAdjusted" || id === "weightedAdjustedMEstimation";
  const se = id === "weightedMEstimation" || id === "weightedAdjustedMEstimation" ? "M-estimation SE" : "robust SE";
  return {
    estimand: w.estimand,
    hrType,
    ...noMatch,
    label: `${MODEL[id]} (${w.estimand}, ${hrWords}; ${se})`,
    estimandLabel: `${w.estimand}${w.trim !== undefined && w.trim !== null ? " (PS-trimmed)" : ""}; ${hrWords}`,
    description: adjusted
      ? `the hazard ratio conditional on the covariates, weighted to ${weightedPopulation(w)}: a conditional HR, not a doubly robust estimate of the marginal HR`
      : `the marginal hazard ratio of treated versus untreated patients in ${weightedPopulation(w)}`,
  };
}
