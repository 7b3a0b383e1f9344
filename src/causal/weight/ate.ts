import type { EstimandDefinition } from "./estimands.js";

/** ATE: w = 1/e for treated, 1/(1 − e) for controls (Rosenbaum 1987; Austin 2011, doi:10.1080/00273171.2011.568786). */
export const ate: EstimandDefinition = {
  id: "ATE",
  label: "average treatment effect (ATE)",
  description: "the effect of treatment had the whole study population been treated versus had nobody been treated",
  formula: "w = 1/e (treated); w = 1/(1 − e) (control)",
  reference: "Austin PC. Multivariate Behav Res 2011;46:399–424. doi:10.1080/00273171.2011.568786",
  weight: (e, a) => (a === 1 ? 1 / e : 1 / (1 - e)),
  stabilizable: true,
};
