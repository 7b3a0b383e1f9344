/** Multiple imputation of missing covariates (mice 3.15.0's defaults) and Rubin's rules: the public front door of src/mi/. */
export { imputeChained, completeColumn, type MiColumn, type MiOptions, type MiResult, type MiVariableResult, type MiMethod } from "./chained.js";
export { poolRubin, poolScalar, barnardRubinDf, type PooledResult, type PooledTerm, type PooledScalar } from "./pool.js";
export { poolCox, poolLogistic } from "./pool-models.js";
export { missingPattern, missingByGroup, type MissingPattern, type MissingByGroup, type MissingByGroupRow, type MissingCount } from "./pattern.js";
export { nelsonAalenAtTimes } from "./nelson-aalen.js";
export { pmm, pmmWithDraws } from "./pmm.js";
export { logreg, logregWithDraws, fitLogreg } from "./logreg.js";
export { polyreg, polyregWithDraws } from "./polyreg.js";
export { matchIndex } from "./match-index.js";
export { estimateNorm, drawNorm, MICE_RIDGE } from "./norm.js";
export { poolHazardRatios, poolScalarEstimate, averageBalance, type PooledHazardRatio, type PooledScalarEstimate, type AveragedBalanceRow, type WithinHrInput, type ScalarEstimate, type PoolScale, type WithinBalanceInput, type PooledRange } from "./within.js";
export { imputeChainedParallel, type MiParallelOptions } from "./parallel.js";
