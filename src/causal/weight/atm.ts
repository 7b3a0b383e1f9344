import type { EstimandDefinition } from "./estimands.js";

/**
 * Matching weights (ATM): w = min(e, 1 − e)/e for treated, min(e, 1 − e)/(1 − e) for controls
 * (Li & Greene 2013, doi:10.1515/ijb-2012-0030) — a weighting analogue of 1:1 matching. Bounded by 1.
 */
export const atm: EstimandDefinition = {
  id: "ATM",
  label: "average treatment effect in the matched-like population (matching weights, ATM)",
  description: "the effect of treatment in a population like the one 1:1 propensity-score matching would form",
  formula: "w = min(e, 1 − e)/e (treated); w = min(e, 1 − e)/(1 − e) (control)",
  reference: "Li L, Greene T. Int J Biostat 2013;9(2):215–234. doi:10.1515/ijb-2012-0030",
  weight: (e, a) => Math.min(e, 1 - e) / (a === 1 ? e : 1 - e),
  stabilizable: false,
};
