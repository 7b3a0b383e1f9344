/** Mixture cure models and follow-up sufficiency checks (issue 8, "Cure"; issue 17). See docs/methods.md. */
export { weibullCure, weibullCureLogLik, type WeibullCureOptions, type WeibullCureResult } from "./weibull.js";
export { parametricCure, parametricCureLogLik, type ParametricCureOptions, type ParametricCureResult } from "./parametric.js";
export { LATENCY_DISTRIBUTIONS, LATENCY_FAMILIES, latencySurvival, type LatencyDistribution } from "./latency.js";
export { semiparametricCure, type SemiparametricCureOptions, type SemiparametricCureResult } from "./semiparametric.js";
export { followUpCheck, type FollowUpCheckOptions, type FollowUpCheckResult } from "./follow-up-check.js";
export type { CureInput, CureCoefficient, CureFractionEstimate, CureProfile } from "./design.js";
