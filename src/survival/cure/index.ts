/** Mixture cure models and follow-up sufficiency checks (issue 8, "Cure"). See docs/methods/cure.md. */
export { weibullCure, weibullCureLogLik, type WeibullCureOptions, type WeibullCureResult } from "./weibull.js";
export { semiparametricCure, type SemiparametricCureOptions, type SemiparametricCureResult } from "./semiparametric.js";
export { followUpCheck, type FollowUpCheckOptions, type FollowUpCheckResult } from "./follow-up-check.js";
export type { CureInput, CureCoefficient, CureFractionEstimate, CureProfile } from "./design.js";
