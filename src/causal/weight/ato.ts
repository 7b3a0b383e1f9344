import type { EstimandDefinition } from "./estimands.js";

/**
 * ATO (overlap weights): w = 1 − e for treated, e for controls (Li, Morgan & Zaslavsky 2018,
 * doi:10.1080/01621459.2016.1260466). With e from a logistic model, the weighted means of every
 * covariate in that model are exactly equal between groups. Bounded in [0, 1]: stabilisation is not used.
 */
export const ato: EstimandDefinition = {
  id: "ATO",
  label: "average treatment effect in the overlap population (ATO)",
  description: "the effect of treatment in the patients for whom treatment choice was most uncertain (clinical equipoise), weighted by e(1 − e)",
  formula: "w = 1 − e (treated); w = e (control)",
  reference: "Li F, Morgan KL, Zaslavsky AM. J Am Stat Assoc 2018;113:390–400. doi:10.1080/01621459.2016.1260466",
  weight: (e, a) => (a === 1 ? 1 - e : e),
  stabilizable: false,
};
