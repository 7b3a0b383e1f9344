import type { EstimandDefinition } from "./estimands.js";

/** ATT: w = 1 for treated, e/(1 − e) for controls (Austin 2011, doi:10.1080/00273171.2011.568786). */
export const att: EstimandDefinition = {
  id: "ATT",
  label: "average treatment effect on the treated (ATT)",
  description: "the effect of treatment in patients like those who were treated",
  formula: "w = 1 (treated); w = e/(1 − e) (control)",
  reference: "Austin PC. Multivariate Behav Res 2011;46:399–424. doi:10.1080/00273171.2011.568786",
  weight: (e, a) => (a === 1 ? 1 : e / (1 - e)),
  stabilizable: true,
};
