/** Classical two-group hypothesis tests and descriptive statistics, each equal to its base-R counterpart. */
export { welchTTest, type WelchTTestOptions, type WelchTTestResult } from "./welch-t.js";
export { wilcoxonRankSum, wilcoxonCounts, WILCOXON_EXACT_MAX, type WilcoxonOptions, type WilcoxonResult } from "./wilcoxon.js";
export { chisqTest, type ChisqTestOptions, type ChisqTestResult } from "./chisq.js";
export { fisherExact, FISHER_MAX_TABLES, type FisherExactOptions, type FisherExactResult } from "./fisher.js";
export { mean, variance, sd, quantileSorted, medianSorted, skewness, weightedMean, weightedVariance } from "./descriptive.js";
