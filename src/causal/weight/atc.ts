import type { EstimandDefinition } from "./estimands.js";

/** ATC: w = (1 − e)/e for treated, 1 for controls (Austin 2011, doi:10.1080/00273171.2011.568786). */
export const atc: EstimandDefinition = {
  id: "ATC",
  label: "average treatment effect on the controls (ATC)",
  description: "the effect treatment would have had in patients like those who were not treated",
  formula: "w = (1 − e)/e (treated); w = 1 (control)",
  reference: "Austin PC. Multivariate Behav Res 2011;46:399–424. doi:10.1080/00273171.2011.568786",
  weight: (e, a) => (a === 1 ? (1 - e) / e : 1),
  stabilizable: true,
};
