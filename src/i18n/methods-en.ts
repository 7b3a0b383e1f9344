/**
 * The statistical-methods paragraph in English (src/report/methods-text.ts): the reference for the German
 * and Japanese ones. Each sentence is a function of already formatted parts (numbers, lists, labels), so
 * each language orders the words its way; the English text is the report's, byte for byte. Parameters are
 * plain strings, numbers and booleans, never arrays (lists are joined by `list` with the words below).
 */

export const methodsEn = {
  /** Joining words of a list: "a, b and c". */
  listSep: ", ",
  listAnd: " and ",
  /** Between the sentences of a paragraph (Japanese writes none). */
  joinSentences: (a: string, b: string): string => `${a} ${b}`,
  /** A number of a unit: "6 months" ("6か月" in Japanese). */
  quantity: (n: string, unit: string): string => `${n} ${unit}`,
  /** Between numbers of a list: "0.33, 0.5" (German "0,33; 0,5", as the comma is its decimal mark). */
  numberSep: ", ",
  /** Whether labels are lower-cased at their start inside a sentence (English; German nouns keep their capital). */
  lowerLabels: true as boolean,
  unitText: (unit: string): string => (unit === "days" ? "days" : unit === "months" ? "months (30.4375 days)" : unit === "years" ? "years (365.25 days)" : unit),
  /** A time unit inside a sentence ("60 months"). */
  unit: (unit: string): string => unit,
  treatmentFallback: "treatment",
  theTreatmentFallback: "the treatment",
  followUpOrTreatment: "follow-up or treatment",
  droppedItem: (what: string, count: number): string => `${what} in ${count}`,
  droppedPatients: (total: number, what: string): string => `${total} patient${total === 1 ? "" : "s"} (missing: ${what})`,
  dataSetHeld: (n: number): string => `The data set held ${n} patients.`,
  excludedReason: (reason: string, count: number): string => `${reason}: ${count}`,
  endpointExcluded: (label: string, excluded: number, reasons: string, analysed: number): string => `For ${label}, ${excluded} were excluded (${reasons}), leaving ${analysed}.`,
  ccPropensity: (dropped: string, n: number): string => `${dropped} from the propensity-score and treatment-effect analyses (${n} analysed)`,
  ccMultivariable: (dropped: string, n: number): string => `${dropped} from the multivariable Cox model (${n} analysed)`,
  completeCasesLeftOut: (mi: boolean, what: string): string =>
    `${mi ? "Apart from the multiple imputation below, missing covariate values were not imputed" : "Missing covariate values were not imputed"}: each model used the complete cases of its own covariates, which left out ${what}; univariable models left out only the patients missing that covariate.`,
  completeCases: (mi: boolean): string => `Each model used the complete cases of its own covariates (missing values were not imputed${mi ? " except in the multiple imputation below" : ""}).`,
  miFitted: (coxModel: boolean, m: number, iterations: number, n: number, nMissing: number, checked: string): string =>
    `${coxModel ? "The multivariable Cox model" : "The treatment comparison"} was also fitted by multiple imputation by chained equations (${m} imputations, ${iterations} iterations; predictive mean matching for numeric, logistic and polytomous regression for categorical covariates, as R's mice; checked against ${checked}), with the event indicator and the Nelson–Aalen cumulative hazard in every imputation model (White & Royston 2009), on all ${n} patients (${nMissing} with a missing model covariate); estimates were pooled by Rubin's rules with Barnard–Rubin degrees of freedom.`,
  miWithin: (m: number, contrasts: boolean): string =>
    `The propensity-score analyses were run within each completed dataset (the “within” approach; Leyrat et al. 2019): the propensity score was estimated, patients were matched and weighted and the outcome models were fitted in each of the ${m} datasets; hazard ratios were pooled on the log scale${contrasts ? ", standardised survival and RMST differences on the identity scale (survival ratios on the log scale)" : ""}, and covariate balance was averaged over the imputations.`,
  miPrimary: (miPrimary: boolean, within: boolean): string =>
    `${miPrimary ? "Multiple imputation was the main approach to missing covariates and the complete-case analyses a sensitivity analysis" : "Complete cases were the main approach to missing covariates and the multiple-imputation analyses a sensitivity analysis"}; the ${within ? "immortal-time" : "propensity-score, immortal-time"} and prediction analyses remain complete-case analyses.`,

  /**
   * The dates of an endpoint in words, not column names (a journal's Methods describes variables): its single
   * event date by the endpoint's own label ("overall survival … to the date of the event"); a composite's dates
   * each as another endpoint's event when it is one (`eventOf`), else by its column (`columnDate`, the fallback).
   */
  firstOfDates: (dates: string): string => `the earliest of its event dates (${dates})`,
  theEvent: "the date of the event",
  eventOf: (endpoint: string): string => `the event of ${endpoint}`,
  columnDate: (col: string): string => `column ${col}`,
  /** An endpoint's event by its spec `eventLabel` ("death"); a composite's with "whichever came first"; another endpoint's event date by it. */
  eventNamed: (event: string): string => event,
  eventNamedFirst: (event: string): string => `${event}, whichever came first`,
  eventNamedDate: (event: string): string => `the date of ${event}`,
  /** The censoring date of a dates endpoint (the spec's `censor`: the date of last follow-up). */
  lastFollowUp: "their last follow-up",
  cutoffClause: (cutoff: string): string => ` or at the administrative cut-off ${cutoff}, whichever came first`,
  /** The origin of an endpoint in the endpoint sentences: its words (spec originLabel), else its column as the fallback. */
  originColumn: (col: string): string => `the date in column ${col}`,
  endpointDates: (label: string, origin: string, events: string, censor: string, cutoff: string): string =>
    `${label} was measured from ${origin} to ${events}; patients without the event were censored at ${censor}${cutoff}.`,
  valuesOr: " or ",
  endpointContact: (label: string, origin: string, values: string, cutoff: string): string =>
    `${label} was measured from ${origin} to the date of last contact; a vital status of ${values} marked the event, other patients were censored at their last contact${cutoff}.`,
  endpointColumns: (label: string, unit: string, values: string): string => `${label} was taken from the recorded follow-up time (in ${unit}) and event status (event: ${values}).`,
  timeIn: (units: string): string => `Time is in ${units}.`,
  medianFollowUp: "Median follow-up was estimated by the reverse Kaplan–Meier method.",
  /** An endpoint in the list of unused ones: its label and its spec name, "Progression-free survival (pfs)". */
  endpointNamed: (label: string, name: string): string => `${label} (${name})`,
  unusedEndpoints: (endpoints: string, one: boolean): string =>
    `${endpoints} ${one ? "was" : "were"} declared in the study specification but no analysis used ${one ? "it" : "them"}: ${one ? "its" : "their"} events and follow-up are described above, and no estimate of ${one ? "it" : "them"} is reported (name ${one ? "it" : "them"} under an analysis's endpoint, or remove ${one ? "it" : "them"} from the specification).`,

  kmEstimated: (pct: string, confType: string, variance: string): string => `Survival was estimated by the Kaplan–Meier method with ${pct}% confidence intervals (${confType} transform, ${variance} variance)`,
  greenwood: "Greenwood",
  logrankTest: "log-rank test",
  otherTest: (method: string, rho: string): string => (rho === "" ? `${method} test` : `${method} test (rho = ${rho})`),
  kmCompared: (between: boolean, test: string): string => ` and compared ${between ? "between groups " : ""}with the ${test}`,
  sentenceEnd: ".",
  lrOnly: (test: string): string => `Survival was compared between groups with the ${test}.`,
  cumulativeIncidence: (label: string, causes: string, gray: boolean): string =>
    `For ${label}, the cumulative incidence of each cause (${causes}) was estimated by the Aalen–Johansen method with Gray's variance, treating the other causes as competing events${gray ? ", and compared between groups with Gray's test" : ""}.`,
  crModels: "Covariate effects on each cause were estimated as cause-specific hazard ratios (Cox models with the other causes censored) and as subdistribution hazard ratios (Fine–Gray models).",
  rmst: (tau: string, unit: string): string => `The restricted mean survival time up to ${tau} ${unit} was compared between groups as a difference and a ratio (Greenwood plug-in variance).`,

  table1: (tests: string): string => `Baseline characteristics were summarised as mean (SD) or median [interquartile range] and n (%)${tests !== "" ? ` and compared with ${tests}` : ""}.`,
  testLabel: (id: string): string =>
    id === "welch-t" ? "Welch's t-test" : id === "wilcoxon" ? "Wilcoxon rank-sum test" : id === "chisq" ? "Pearson's chi-squared test" : id === "chisq-yates" ? "Pearson's chi-squared test with Yates' continuity correction" : id === "fisher" ? "Fisher's exact test" : id,
  table1Smd: (formula: string): string => `Balance between the groups was measured by standardised mean differences (SMD; ${formula}).`,

  coxModels: (efron: boolean, robust: boolean, design: "both" | "multivariable" | "univariable"): string =>
    `Prognostic factors were assessed with Cox proportional-hazards models (${efron ? "Efron" : "Breslow"} method for ties${robust ? ", robust variance" : ""})${design === "both" ? ", first one covariate at a time and then in a multivariable model" : design === "multivariable" ? " in a multivariable model" : ", one covariate at a time"}.`,
  coxUnivariable: (covs: string): string => `The univariable models took ${covs}.`,
  coxCutoffs: (labels: string): string => `Continuous covariates were also analysed dichotomised at pre-specified cut-offs (${labels}).`,
  coxMultivariable: (terms: string): string => `The multivariable model included ${terms}.`,
  coxZph: "The proportional-hazards assumption was checked with scaled Schoenfeld residuals (per-term and global tests).",
  firthUnivariable: (label: string): string => `the univariable model of ${label}`,
  firthMultivariable: "the multivariable model",
  coxFirth: (models: string): string => `Where a coefficient diverged (monotone likelihood: ${models}), Firth's penalised partial likelihood was fitted instead (Heinze and Schemper 2001; R coxphf) and its estimates are reported.`,

  psModel: (firth: boolean): string => (firth ? "logistic regression with Firth's penalised likelihood" : "logistic regression"),
  psEstimated: (treatment: string, model: string, covs: string, n: number): string =>
    `Propensity scores (the probability of ${treatment} given the covariates) were estimated by ${model} on ${covs} (${n} patients with complete covariates).`,
  psDistance: (logit: boolean): string => (logit ? "the logit of the propensity score" : "the propensity score"),
  caliper: (width: string, sd: boolean, distance: string): string => ` within a caliper of ${width} ${sd ? "SD" : "units"} of ${distance}`,
  orderRandom: (seed: string): string => `in random order (seed ${seed})`,
  orderData: "in data order",
  orderPs: (order: string): string => `${order} propensity score first`,
  exactOn: (covs: string): string => `, exactly on ${covs}`,
  fullMatching: (distance: string, caliper: string, exact: string, maxControls: string, tMatched: number, t: number, cMatched: number, c: number, estimand: string): string =>
    `Patients were grouped by optimal full matching (Hansen 2004) on ${distance}${caliper}${exact}: subclasses of one treated patient with one or more untreated patients, or one untreated patient with one or more treated patients, of least total within-subclass distance${maxControls !== "" ? ` (at most ${maxControls} untreated per treated patient)` : ""}; ${tMatched} of ${t} treated and ${cMatched} of ${c} untreated patients were placed in a subclass and weighted for the ${estimand} as MatchIt does. The effect was estimated by weighted Cox regression with robust standard errors clustered on subclass.`,
  pairMatching: (ratio: string, nearest: boolean, distanceClause: string, replace: boolean, caliper: string, exact: string, order: string, matched: number, treated: number): string =>
    `Treated patients were matched 1:${ratio} to untreated patients by ${nearest ? "nearest neighbour" : "optimal matching"}${distanceClause !== "" ? ` on ${distanceClause}` : ""} ${replace ? "with" : "without"} replacement${caliper}${exact} (${order}); ${matched} of ${treated} treated patients were matched. Survival in the matched sample was estimated by the Kaplan–Meier method and compared with the log-rank test.`,
  trimming: (lower: string, upper: string): string => `, after trimming propensity scores outside [${lower}, ${upper}]`,
  truncation: (pct: string): string => `, truncated at the ${pct}th percentile`,
  iptw: (estimand: string, description: string, weights: string, trimming: string, truncation: string): string =>
    `Inverse probability of treatment weights for the ${estimand} (${description}) were computed as ${weights}${trimming}${truncation}; weighted Kaplan–Meier curves estimate the adjusted survival.`,
  iptwBiased: (estimand: string, biased: string): string =>
    `The weights target the ${estimand}, but the weighted comparison is by treatment ever received, counted from the origin, and is biased by design (${biased}), so it does not estimate it.`,
  balance: (what: "both" | "matching" | "weighting", n: number, formula: string, rule: string): string =>
    `Covariate balance before and after ${what === "both" ? "matching and weighting" : what === "matching" ? "matching" : "weighting"} was assessed by standardised mean differences (SMD), variance ratios and Kolmogorov–Smirnov statistics, all on the ${n} patients with complete propensity covariates; ${formula}. A covariate term was taken as balanced when ${rule}.`,

  clusteredOn: (what: string): string => ` clustered on ${what}`,
  crude: "without adjustment (crude)",
  multivariable: "adjusted for the propensity-model covariates (multivariable)",
  modelBased: (designs: string): string => `${designs}, with the model-based variance`,
  matchedAlone: (cluster: string): string => `of the treatment alone with a robust variance${cluster} (Austin 2013)`,
  matchedStratified: "stratified on matched set",
  matchedAdjusted: (cluster: string): string => `adjusted for the covariates (robust variance${cluster})`,
  inMatched: (models: string): string => `in the matched sample, ${models}`,
  weightedAlone: "of the treatment alone",
  weightedAdjusted: "adjusted for the covariates",
  robustSandwich: "a robust sandwich variance that treats the weights as known",
  mEstimation: "an M-estimation variance that also accounts for the estimation of the propensity score (Shu et al. 2021)",
  inWeighted: (models: string, each: boolean, variances: string): string => `in the weighted sample, ${models}, ${each ? "each with" : "with"} ${variances}`,
  designSep: "; ",
  effectEstimated: (treatment: string, endpoint: string, designs: string): string => `The effect of ${treatment} on ${endpoint} was estimated as hazard ratios from Cox models: ${designs}.`,
  refusedItem: (model: string, events: number, parameters: number): string => `${model}, ${events} events for ${parameters} parameters`,
  /** Clone–censor–weight's censoring models are kept below the floor (no weights without them): said beside the refused models. */
  ccwArmTreat: "treatment strategy",
  ccwArmControl: "no-treatment strategy",
  ccwBelowFloor: (items: string): string => `The censoring models of clone–censor–weight were fitted below that floor (${items}), because its weights cannot be formed without them; its intervals are flagged.`,
  refusedModels: (floor: number, items: string): string => `Covariate-adjusted models with fewer than ${floor} events per parameter were not estimated (Vittinghoff and McCulloch 2007): ${items}.`,
  primary: (label: string, declared: boolean, defaultOrder: string, biased: string): string =>
    `The primary analysis was ${label}${declared ? ", as declared in the study specification" : `, chosen by survinfer's default rule (not declared in the study specification: the first estimable of ${defaultOrder}; never a design biased by immortal time)`}${biased !== "" ? `, although it is biased by design (${biased})` : ""}; the other estimates are sensitivity analyses.`,
  noPrimary: (biased: string): string => `No treatment-effect estimate was taken as primary: each compares patients by treatment ever received counted from the origin and is biased by design (${biased}); all are reported as sensitivity analyses.`,
  survivalAt: (times: string, unit: string): string => `survival at ${times} ${unit}`,
  rmstUpTo: (tau: string, unit: string): string => `the restricted mean survival time up to ${tau} ${unit}`,
  weighted: "weighted",
  matched: "matched",
  absolute: (what: string, samples: string, bootstrap: boolean): string =>
    `Absolute effects were estimated as differences (treated − untreated) in ${what} between the ${samples} Kaplan–Meier curves${bootstrap ? ", with bootstrap percentile confidence intervals" : "; without a bootstrap, these differences have no confidence interval"}.`,
  eValue: "The robustness of each hazard ratio to unmeasured confounding is given by its E-value (VanderWeele and Ding 2017).",

  atm: (discarded: number, total: number, kept: number): string =>
    `Matching discarded ${discarded} of ${total} treated patients without an acceptable match, so the matched analyses estimate the effect in the matched treated patients (ATM: ${kept} of ${total} treated patients kept), not the average effect in the treated (ATT).`,
  att: (total: number): string => `Matching kept all ${total} treated patients, so the matched analyses estimate the effect in the treated (ATT).`,
  marginal: (models: string): string => `The Cox models of the treatment alone in the matched or weighted sample (${models}) estimate marginal (population-averaged) hazard ratios.`,
  conditional: (models: string): string =>
    `The stratified and covariate-adjusted models (${models}) estimate conditional hazard ratios, which differ from marginal ones even without confounding because the hazard ratio is non-collapsible (Hernán 2010).`,
  notPotentialBiased:
    "Hazard ratios are not read as potential-outcome contrasts; nor are the adjusted survival curves of patients grouped by treatment ever received, which carry immortal time — only the contrasts of the designs that handle it (clone–censor–weight) are.",
  notPotential: "Hazard ratios are not read as potential-outcome contrasts; the adjusted survival curves and restricted mean survival times are.",
  bootstrap: (replicates: number, pct: string): string =>
    `Bootstrap percentile intervals came from ${replicates} replicates resampling patients within treatment groups and re-running the whole pipeline; replicates whose fit failed or diverged (no convergence, |log hazard ratio| > 10, an infinite coefficient or an emptied group) were left out, and an estimate with more than ${pct}% such replicates is reported as not estimable by bootstrap.`,

  adjustedEstimator: (id: string): string =>
    id === "gformula" ? "the g-formula (standardisation of a Cox model of treatment and covariates)" : id === "iptw" ? "inverse probability of treatment weighting with censoring weights" : id === "aipw" ? "augmented inverse probability weighting (doubly robust)" : id,
  adjustedCurves: (rmst: boolean, treatedOnly: boolean, estimators: string, checked: string): string =>
    `Adjusted survival curves and absolute treatment effects (survival differences and ratios${rmst ? ", and the difference in restricted mean survival time" : ""}) for ${treatedOnly ? "the treated patients" : "all patients"} were estimated by ${estimators}, as R's riskRegression::ate (checked against ${checked}), with standard errors from influence functions that account for fitting the outcome, propensity and censoring models.`,

  immortalIntro: (treatment: string, label: string, wait: string, unit: string): string =>
    `Because ${treatment} took place after the origin of ${label}${wait !== "" ? ` (median ${wait} ${unit} later)` : ""}, a comparison of patients by treatment received, counted from the origin, credits the treated with the time before treatment (immortal-time bias; Suissa 2008); it is shown only for contrast.`,
  noCovariates: "no covariates",
  censoringPeriods: (k: number): string => ` whose coefficients change between ${k} periods`,
  censoringOnePeriod: " with one period (constant coefficients)",
  censoringPiecewise: (covs: string, periods: string): string =>
    `models of deviation on ${covs} (in the treatment strategy, a logistic regression of not being treated by the end of the grace period; in the no-treatment strategy, a Cox model of the time to treatment${periods}; periods are used only with at least 10 treatments within the grace period per parameter in each)`,
  censoringCox: (covs: string): string => `a Cox model of the time to deviation on ${covs}`,
  ccwAt: (times: string, unit: string): string => ` at ${times} ${unit}`,
  ccwRmst: (tau: string, unit: string): string => ` and the restricted mean survival time up to ${tau} ${unit}`,
  ccwBootstrap: (replicates: number): string => `with confidence intervals from ${replicates} nonparametric bootstrap replicates (patients resampled and the whole procedure repeated): for the survival differences the estimate ± 1.96 × the larger of the bootstrap SE and the infinitesimal-jackknife SE, for the RMST difference percentile limits (the coverage of the survival differences' interval was checked in simulation for cohorts of 300 to 2,000 patients only; smaller cohorts lie outside that check)`,
  ccwNoBootstrap: "without a bootstrap (no confidence intervals)",
  weightsKind: (kind: string): string => kind,
  ccwHrPercentile: ", and a bootstrap percentile interval from the same replicates",
  ccw: (grace: string, weights: string, model: string, at: string, rmst: string, bootstrap: string, hrPercentile: string): string =>
    `emulation of a target trial of treatment within ${grace} of the origin versus no treatment within ${grace} by cloning, censoring and weighting (Hernán and Robins 2016; Maringe et al. 2020), in which each patient was cloned into both strategies, clones were censored when they deviated from their strategy, and the artificial censoring was corrected by inverse-probability-of-censoring weights (${weights}) from ${model}; weighted Kaplan–Meier curves per strategy gave survival${at}${rmst} and their differences, ${bootstrap}; a weighted Cox model on the clones gave a per-protocol hazard ratio with a robust variance clustered on the patient${hrPercentile}`,
  /**
   * The clone–censor–weight's weight diagnostics (referee s12 A12): `grace` the grace period, `rule` the imbalance rule,
   * `flag` ccwFlagged or ccwNotFlagged.
   */
  ccwBalanceCheck: (grace: string, rule: string, flag: string): string =>
    `For clone–censor–weight, balance after weighting was checked in each strategy among the clones still in follow-up at the end of the grace period (${grace}), weighted, against the patients alive and in follow-up then, unweighted (standardised mean differences with the pooled SD of the two unweighted groups, and variance ratios of continuous terms; a term was imbalanced with ${rule}), with Kish's effective sample size of the clones' weights; ${flag} A death whose weight carries more than a third of a strategy's drop in survival by a time reported, or more than a third of the survival difference it widens, is named in the report as a single heavy death.`,
  ccwFlagged: (k: string, m: string): string => `the design was flagged for residual imbalance after weighting (${k} of ${m} covariate terms over both strategies), and its estimates are read with that flag.`,
  ccwNotFlagged: "no covariate term was imbalanced after weighting.",
  adjustedTd: (covs: string): string => `a Cox model with treatment as a time-dependent covariate adjusted for ${covs} (a conditional hazard ratio; robust variance clustered on the patient)`,
  adjustedTdRefused: (covs: string, events: number, parameters: number, floor: number): string =>
    `a Cox model with treatment as a time-dependent covariate adjusted for ${covs}, not estimated (${events} events for ${parameters} parameters, fewer than ${floor} per parameter)`,
  repeatedAt: (times: string, unit: string): string => `, repeated at ${times} ${unit} as a sensitivity analysis`,
  landmarkAdjust: "covariate adjustment",
  landmarkAdjustRefused: (events: number, parameters: number, floor: number): string => `covariate adjustment (not estimated: ${events} events for ${parameters} parameters, fewer than ${floor} per parameter)`,
  landmarkPs: (time: string, unit: string, estimand: string, stabilised: boolean, matching: boolean, repeated: string, adjustment: string): string =>
    `a landmark analysis at ${time} ${unit} in which the propensity score was re-estimated among the patients alive and in follow-up then, with inverse-probability-of-treatment weighting (${estimand}${stabilised ? ", stabilised" : ""})${matching ? `${adjustment !== "" ? ", " : " and "}propensity-score matching` : ""}${adjustment !== "" ? ` and ${adjustment}` : ""}${repeated}`,
  landmarkPsFlagged: (time: string, unit: string, worsened: boolean, residual: boolean, fewEvents: boolean): string =>
    `Estimates of the landmark analysis at ${time} ${unit} are flagged in the report where ${[worsened ? "matching worsened covariate balance (not confounding-adjusted)" : null, residual ? "covariate imbalance remained after weighting" : null, fewEvents ? "too few events made them imprecise" : null].filter((x) => x !== null).join(", ").replace(/, (?=[^,]*$)/, " or ")}.`,
  sequentialMatching: "sequential (risk-set) matching on the time of treatment (Lu 2005), with Cox models on the matched sets and robust variances clustered on the patient",
  designItem: (k: number, text: string): string => `(${String.fromCharCode(97 + k)}) ${text}`,
  addressedTogether: (designs: string): string => `Immortal time and measured confounding were addressed together by ${designs}.`,
  timeDependent: "as a time-dependent covariate in a Cox model in counting-process form (patients contribute untreated time until their treatment date; Simon–Makuch plot)",
  landmark: (time: string, unit: string): string =>
    `in a landmark analysis at ${time} ${unit}, among the patients still alive and in follow-up then, by treatment received before the landmark (Kaplan–Meier, log-rank test and Cox model)`,
  designsJoin: ", and ",
  crudeDesigns: (adjusted: boolean, designs: string): string => `${adjusted ? "Without adjustment for confounding (crude), treatment was also analysed" : "Treatment was therefore analysed"} ${designs}.`,

  cureParametric: (latency: string, aic: boolean): string =>
    `a ${latency} distribution for the survival of the uncured, fitted by maximum likelihood (standard errors from the observed information)${aic ? ", chosen as the lowest Akaike information criterion among Weibull, log-normal, log-logistic and generalised gamma latencies" : ""}`,
  cureSemiparametric: (replicates: number): string =>
    `a semiparametric proportional-hazards model for the survival of the uncured, fitted by the EM algorithm as in R's smcure (Peng and Dear 2000; Sy and Taylor 2000), with bootstrap standard errors (${replicates} replicates)`,
  noCovariate: "no covariate",
  cureCovariates: (incidence: string, latency: string): string => ` Cure was modelled on ${incidence} and the survival of the uncured on ${latency}.`,
  /** `probability`: what the cure fraction is the probability of (long-term catalogue cureProbNever; referee s12 B6). */
  cure: (label: string, probability: string, population: string, latency: string, covs: string): string =>
    `The cure fraction for ${label} (the ${probability}) was estimated with a mixture cure model${population === "" ? "" : ` in the ${population}`}: a logistic model for the probability of cure and ${latency}.${covs}`,
  cureRelative: (description: string, file: string, checked: string): string =>
    `It was a relative-survival cure model (De Angelis et al. 1999; Lambert et al. 2007): the mixture was put on the excess hazard over ${description}, each patient's expected survival computed as R's survexp does (${checked}; life table ${file}).`,
  cureCauseSpecific: (otherCauseEvents: string): string => `It was a cause-specific model: deaths from other causes were censored${otherCauseEvents === "" ? "" : ` (${otherCauseEvents} in the model's patients)`}.`,
  curePlateau: "The nonparametric cure estimate, the Kaplan–Meier survival after the last event (the plateau), is reported beside the model's.",
  cureFollowUp:
    "Whether follow-up was long enough to speak of cure was judged from the plateau of the Kaplan–Meier curve after the last event and the Maller–Zhou test of sufficient follow-up (inconclusive with fewer than 5 events in the test's window or 5 patients followed beyond the last event); the model's survival curve was compared with the Kaplan–Meier estimate by their largest distance and a bootstrap simultaneous band.",
  predictionDropped: (covs: string, one: boolean): string => ` (${covs} left out because ${one ? "its coefficient" : "their coefficients"} diverged)`,
  predictionOptimism: (b: number): string => `; all were corrected for optimism with ${b} bootstrap replicates (Harrell's method)`,
  predictionShrunk: (factor: string, bootstrap: boolean): string =>
    ` The coefficients of the nomogram and calculator were shrunk uniformly by ${factor}${bootstrap ? ", the optimism-corrected calibration slope" : ""}, with the baseline survival re-estimated.`,
  predictionDca: (optimism: boolean): string =>
    ` Clinical usefulness was assessed by decision-curve analysis at the horizon (Vickers et al. 2008)${optimism ? ", with the net benefit and the calculator's integrated calibration index corrected for optimism by the same bootstrap" : ""}.`,
  prediction: (label: string, time: string, unit: string, covs: string, population: string, dropped: string, optimism: string, shrunk: string, dca: string): string =>
    `A prediction model for ${label} at ${time} ${unit} was built as a Cox model of the pre-operative covariates ${covs} in ${population}, without variable selection${dropped}, and reported following TRIPOD. ` +
    `Discrimination was measured by Harrell's and Uno's C statistics and the time-dependent AUC; calibration by the calibration slope, calibration-in-the-large, a calibration plot by risk group and a smoothed calibration curve with the integrated calibration index (Austin et al. 2020)${optimism}.` +
    `${shrunk}${dca}`,
  recurrentModels: (names: string): string => ` Covariate effects were modelled with ${names} Cox models in counting-process form, with robust variance clustered on the patient.`,
  recurrentFromTreatment: (description: string): string => `of the ${description} started at the index operation and `,
  recurrent: (label: string, terminal: string, quotedAt: string, models: string, fromTreatment: string, endpoint: string): string =>
    `Repeated events (${label}) were described by the mean number of events per patient with ${terminal} as a terminal event (Ghosh and Lin 2000): μ(t) = Σ_{t_j ≤ t} Ŝ(t_j−)·d_j / Y(t_j), with Ŝ the Kaplan–Meier estimate of survival free of ${terminal}, so that patients contribute their events until ${terminal} and none after; 95% confidence intervals came from its robust (influence-function) variance, as R's mets::recurrentMarginal. ` +
    `${quotedAt === "" ? "" : `It is quoted at the last event time with at least ${quotedAt} patients at risk. `}` +
    `The mean cumulative function that treats ${terminal} as censoring (Nelson–Aalen type, Lawless–Nadeau variance) is shown for comparison only, because it describes a world without ${terminal}.` +
    `${models} Follow-up ${fromTreatment}ended at the ${endpoint} event or censoring.`,

  sensitivityIntro: "Sensitivity to unmeasured confounding was assessed for the primary estimate.",
  /** The intro when the primary is clone–censor–weight, whose HR is a secondary number of the design (referee s12 A6). */
  sensitivityIntroCcw:
    "Sensitivity to unmeasured confounding was assessed for the per-protocol hazard ratio of the primary design (a secondary number: the design's primary contrast is the survival difference, for which no E-value is computed here).",
  eValueRare: (rare: boolean): string =>
    `Its E-value (VanderWeele & Ding 2017) was computed with the hazard ratio ${rare ? "taken as a risk ratio (outcome rare: cumulative risk below 15% at the end of follow-up by Kaplan–Meier)" : "converted to a risk ratio because the outcome was common (cumulative risk of 15% or more at the end of follow-up by Kaplan–Meier; VanderWeele 2020)"}.`,
  biasAnalysis: (gammas: string): string =>
    `A bias analysis for one unmeasured binary confounder (VanderWeele & Arah 2011) divided the hazard ratio and its confidence limits by the bias factor over a grid of the confounder's prevalence among treated and untreated patients and its hazard ratio with the outcome (${gammas}).`,
  mcnemar: (time: string): string => ` and McNemar's test on death by ${time}`,
  rosenbaum: (pairs: number, mcnemar: string, alpha: string): string =>
    `Rosenbaum bounds (Rosenbaum 2002) for the ${pairs} propensity-score-matched pairs used the paired Prentice–Wilcoxon test for censored pairs (O'Brien & Fleming 1987), the sign test on pairs with a known order of death${mcnemar}, one-sided at α = ${alpha}.`,
  negativeControl: (cause: string, same: boolean, label: string, primary: string): string =>
    `As a negative-control outcome, the cause-specific hazard of ${cause} (other events censored) was compared ${same ? `with the same method as the primary analysis (${label})` : `by ${label}${primary !== "" ? ` (the primary design, ${primary}, has no cause-specific version)` : ""}`}.`,
  /** The negative control not run, with its reason (an engine text, translated; referee s12 A1). */
  negativeControlNotRun: (reason: string): string => `No negative-control outcome was analysed: ${reason}.`,
  sampleSize: "The minimum sample size of the prediction model was checked against the criteria of Riley et al. (2019, 2020), with the anticipated Cox–Snell R² taken from the fitted model and shrunk by van Houwelingen's factor.",
  software: (version: string): string => `All analyses used survinfer ${version}.`,
  // a prediction model whose calculator is withheld (src/study/calculator-use.ts): reported for transparency only
  predictionShrunkWithheld: (factor: string, bootstrap: boolean): string =>
    ` The shrinkage new patients' predictions would need was estimated as ${factor}${bootstrap ? ", the optimism-corrected calibration slope" : ""} (coefficients shrunk uniformly, baseline survival re-estimated).`,
  predictionDcaWithheld: (optimism: boolean): string =>
    ` Clinical usefulness was assessed by decision-curve analysis at the horizon (Vickers et al. 2008)${optimism ? ", with the net benefit and the integrated calibration index of the shrunken model's predictions corrected for optimism by the same bootstrap" : ""}.`,
  /** A prediction model below the events-per-parameter floor is fitted (judged by its validation), unlike the effect models: said. */
  predictionBelowFloor: (events: string, parameters: string, epv: string, floor: string): string =>
    `The prediction model was fitted with ${events} events for ${parameters} parameters (EPV ${epv}), below the floor of ${floor} at which the effect models were not estimated, because a prediction model is judged by its internal validation (Riley et al. 2020); expect large optimism.`,
  predictionWithheld: (why: string): string => `The model was reported for transparency only; no calculator or nomogram was offered: ${why}.`,
};

/** The methods catalogue's type: the German and Japanese ones must have the same keys and parameters. */
export type MethodsMessages = typeof methodsEn;
