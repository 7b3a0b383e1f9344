/**
 * The analysis population of a table or figure in words, always with its n (issue 13, item 1): every
 * title and caption of the report says on which patients its numbers were computed — all patients with
 * the endpoint's data, complete cases of a model's covariates, the propensity analyses' complete cases,
 * matched, weighted, landmark cohort. One phrase shape, "…, n = N", so a reader (and a test) finds it.
 */
import { msg } from "../i18n/messages.js";
import { labelInSentence } from "./labels.js";

/** An endpoint as the report knows it: its label and how many patients it analysed. */
export interface PopulationEndpoint {
  readonly label: string;
  readonly n: number;
}

/**
 * "all 64 patients with overall survival data, n = 64" when `n` is the endpoint's n, else
 * "59 patients with overall survival data and <subset>, n = 59" (subset e.g. "complete covariates").
 */
export function endpointPopulation(n: number, ep: PopulationEndpoint | undefined, subset = "complete data for this analysis"): string {
  // in the language in force (src/i18n/descriptive-*.ts); the subset's words by the catalogue when it knows them
  const m = msg().descriptive;
  const label = ep === undefined ? null : labelInSentence(ep.label);
  if (ep !== undefined && n === ep.n) return m.populationAll(String(n), label);
  return m.populationSubset(String(n), label, ep === undefined ? null : m.populationSubsetWords(subset));
}

/** The complete cases of the propensity covariates (the population of every propensity-score analysis). */
export function propensityPopulation(n: number, nTreated: number, nControl: number): string {
  return msg().causal.psPopulation(String(n), String(nTreated), String(nControl));
}

/** "Title (population)". */
export function titleWithPopulation(title: string, population: string): string {
  return `${title} (${population})`;
}
