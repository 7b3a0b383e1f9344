/**
 * survinfer's public API: the engines (pure functions over typed arrays returning plain result
 * objects), the data layer and the study runner. Node ≥ 20 and browsers; only `readTableFile`
 * uses Node's fs (browsers call `readTable` on the file's bytes).
 */
export { SurvinferError, isSurvinferError, type ErrorLocation } from "./errors.js";
export { VERSION } from "./version.js";

// data
export type { Table, Column, NumericColumn, CategoricalColumn, DateColumn } from "./data/table.js";
export { readTable, DEFAULT_MISSING, type ReadOptions, type ReadResult } from "./data/read.js";
export { readTableFile } from "./data/read-file.js";
export { deriveEndpoint, DAYS_PER_UNIT, type EndpointSpec, type EndpointResult, type TimeUnit } from "./data/endpoints.js";
export { parseDate, detectDateFormat, DATE_FORMATS, type DateFormat } from "./data/dates.js";
export { flowSummary, type FlowSummary, type Exclusion } from "./data/validate.js";
export { treatmentIndicator, type TreatmentIndicator } from "./data/treatment.js";

// survival
export { kaplanMeier, type KaplanMeierResult, type KaplanMeierOptions, type SurvivalInput } from "./survival/kaplan-meier.js";
export { nelsonAalen, type NelsonAalenResult } from "./survival/nelson-aalen.js";
export { medianFollowUp, type FollowUpResult } from "./survival/follow-up.js";
export { conditionalSurvival, type ConditionalResult } from "./survival/conditional.js";
export { logrankTest, logrankTrendTest, type LogrankResult, type LogrankTrendResult } from "./survival/logrank.js";
export { rmst, type RmstResult } from "./survival/rmst.js";
export { coxph, type CoxphResult, type CoxphOptions } from "./survival/coxph.js";
export { coxFit } from "./survival/cox/fit.js";
export { coxPenalizedFit, type CoxPenaltySpec } from "./survival/cox/penalized.js";
export { psplineHrCurve } from "./survival/cox/pspline-fit.js";
export { coxFirth, type CoxFirthResult, type CoxFirthControl } from "./survival/cox-firth.js";
export type { CoxInput, CoxControl, CoxResult, CoxTerm, CoxPenalizedResult, CoxPenalizedTermResult } from "./survival/cox/types.js";
export { coxResiduals } from "./survival/cox/residuals.js";
export { coxZph, type CoxZphResult } from "./survival/cox/zph.js";
export { coxSurvival, type CoxSurvivalResult } from "./survival/cox/predict.js";
export { cumulativeIncidence } from "./survival/competing/cuminc.js";
export { fineGray } from "./survival/competing/fine-gray.js";
export { weibullCure, semiparametricCure, followUpCheck } from "./survival/cure/index.js";
export { meanPopulationSurvival, meanCureFraction } from "./survival/cure/predict.js";
export { andersenGill, pwpTotal, pwpGap, meanCumulativeFunction } from "./survival/recurrent/index.js";
export { concordance, timeAuc, calibrationAtTime, calibrationCorrected, bootstrapOptimism, validatePredictionModel } from "./survival/validation/index.js";
export { smoothedCalibration, decisionCurve } from "./survival/validation/decision.js";
export { decisionOptimism, type DecisionOptimismResult } from "./survival/validation/decision-optimism.js";

// regression and causal inference
export { logisticRegression, type LogisticResult } from "./regression/logistic.js";
export { firthLogistic, type FirthResult } from "./regression/firth.js";
export { propensityScore, type PropensityResult } from "./causal/propensity.js";
export { overlapReport, type OverlapResult } from "./causal/overlap.js";
export { propensityWeights, type PropensityWeightsResult, type PropensityWeightsOptions } from "./causal/weight.js";
export { kishEss } from "./causal/ess.js";
export { balanceTable, type BalanceResult, type BalanceOptions } from "./causal/balance.js";
export { BALANCE_STATS } from "./causal/balance-stats.js";
export { matchFull, matchNearest, matchOptimal, matchPropensity } from "./causal/match.js";
export type { MatchResult, MatchNearestOptions, MatchOptimalOptions } from "./causal/match/types.js";
export { propensityAnalysis, type PropensityAnalysisResult } from "./causal/propensity-analysis.js";
export { eValueHazardRatio, type EValueResult } from "./causal/evalue.js";
export { treatmentEffects, treatmentEffectsParallel, type TreatmentEffectsResult } from "./causal/effect.js";
export { imputeChained, completeColumn, poolRubin, poolScalar, poolCox, poolLogistic, missingPattern, missingByGroup, type MiResult, type PooledResult } from "./mi/index.js";
export { table1, type Table1Result } from "./report/table1.js";
export { renderReport } from "./report/render.js";

// formula, study, simulation
export { parseFormula, type ParsedFormula } from "./formula/parse.js";
export { modelMatrix, type ModelMatrix } from "./formula/model-matrix.js";
export { parseStudySpec, studySpecJsonSchema, type StudySpec } from "./study/spec.js";
export { runStudy, type StudyResults } from "./study/run.js";
export { predictPatient, type PatientCalculatorModel, type PatientPrediction } from "./study/calculator.js";
export { simulateCohort, type SimulatedCohort } from "./simulate/index.js";
