/**
 * English texts of one part of the report: Patient flow, Table 1, survival, prognostic factors (Cox) and summary.txt (src/report/render.ts, table1.ts, tables.ts, flow.ts, src/cli/commands/run.ts).
 * The reference for descriptive-de.ts and descriptive-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `DESCRIPTIVE_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const descriptiveEn = {
  /** The Cox section (src/report/render.ts, tables.ts coxTable). */
  coxPopUni: "univariable models on the patients with a value of each covariate (n per model below the table)",
  coxPopMv: (population: string): string => `multivariable model on ${population}`,
  forestTitleMv: (endpoint: string, n: string, events: string): string => `Prognostic factors: multivariable Cox model of ${endpoint}, complete cases (n = ${n}, ${events} events).`,
  forestTitleUni: (endpoint: string): string => `Prognostic factors: univariable Cox models of ${endpoint}.`,
  coxMethodsNote: (ties: string, robust: boolean, transform: string): string =>
    `Cox proportional-hazards models (${ties} ties${robust ? ", robust variance" : ""}; R: survival::coxph); Wald p-values. PH test p: scaled Schoenfeld residuals, cox.zph(transform = "${transform}", terms = TRUE), one joint test per factor.`,
  coxMvNote: (n: string, events: string, covariates: string, dichotomised: boolean, caution: string | null): string =>
    `Multivariable model: n = ${n}, ${events} events; covariates: ${covariates}. ${dichotomised ? " Dichotomised covariates enter the multivariable model at their cut-off." : ""}${caution === null ? "" : ` Caution — ${caution}.`}`,
  coxUniEach: (models: string): string => `Univariable models use every patient with a value of the covariate: ${models}.`,
  coxUniModel: (label: string, n: string, events: string): string => `${label} n = ${n} (${events} events)`,
  coxUniSame: (n: string, events: string): string => `Univariable models: n = ${n}, ${events} events.`,
  coxFirthNote:
    "† The ordinary coefficient diverges (monotone likelihood, e.g. no events in a group): Firth's penalised likelihood estimate with profile-likelihood CI and penalised likelihood-ratio p (Heinze & Schemper 2001; R: coxphf, Breslow ties).",
  /** Table 1's population notes (src/report/render.ts table1PopulationText). */
  t1PanelNames: (matched: boolean, weighted: boolean): string =>
    `Unadjusted${matched || weighted ? `, ${[matched ? "PS-matched" : "", weighted ? "IPTW" : ""].filter((x) => x !== "").join(" and ")}` : ""}`,
  t1Panels: (panels: string, n: string, groups: string, adjusted: boolean): string =>
    `${panels} panels: the ${n} patients with complete propensity covariates (${groups}), the propensity analyses' population${adjusted ? "; the adjusted panels weight these patients (n counts those with weight > 0)" : ""}.`,
  t1Excluded: (n: string, groups: string, why: string | null, all: string | null): string =>
    `Excluded for missing propensity covariates: ${n} patients (${groups})${why === null ? "" : `; missing ${why} (a patient can miss several)`}.${all === null ? "" : ` The "All patients" panel describes all ${all} patients with a treatment value, for comparison.`}`,
  /** Flow table footnote: the groups of its columns. */
  flowGroupColumns: (by: string): string => `Group columns: ${by} as in the Kaplan–Meier analysis.`,
  /** The treatment when the spec gives it no label. */
  treatment: "treatment",
  /** RMST table footnote (src/report/tables.ts rmstTable). */
  rmstFootnote: (tau: string, defaulted: boolean): string =>
    `Area under the Kaplan–Meier curve up to τ = ${tau}${defaulted ? " (defaulted to the largest τ the data allow)" : ""}; variance by the Greenwood plug-in, as survRM2::rmst2.`,
  /** The log-rank HR sentence under the KM figure (src/report/tables.ts logrankHrLine). */
  logrankHrLine: (comparison: string, ci: string, cl: string): string => `HR ${comparison} ${ci.replace(" (", ` (${cl} CI `)} — HR from the log-rank (O/E ratio), not a Cox model`,
  /** A title's first letter in lower case where the language has cases ("Restricted mean …" after "Overall survival: "). */
  lowerFirst: (s: string): string => `${s.charAt(0).toLowerCase()}${s.slice(1)}`,
  /** " by <group>" after a title. */
  byGroup: (by: string): string => ` by ${by}`,
  /** Populations of the report's titles (src/report/population.ts endpointPopulation); `endpoint` in lower case. */
  populationAll: (n: string, endpoint: string | null): string => `all ${n} patients${endpoint === null ? "" : ` with ${endpoint} data`}, n = ${n}`,
  populationSubset: (n: string, endpoint: string | null, subset: string | null): string => `${n} patients${endpoint === null ? "" : ` with ${endpoint} data`}${subset === null ? "" : ` and ${subset}`}, n = ${n}`,
  /** The subset words the callers pass ("complete covariates"), in the language in force. */
  populationSubsetWords: (subset: string): string => subset,
  /** summary.txt (src/cli/summary-sections.ts): every number with its n and unit, labels instead of column names. */
  /** The Cox section's flexible terms (src/report/cox-splines.ts) and the HR-curve figure (src/report/plots/hr-curve.ts). */
  splines: {
    linearityFootnote: (n: string, events: string): string =>
      `One Cox model (n = ${n}, ${events} events) with each continuous covariate as a restricted cubic spline with 4 knots at Harrell's default quantiles (rms::rcs); Wald test of the non-linear spline terms, as rms::anova "Nonlinear". A small p suggests the log hazard is not linear in the covariate.`,
    allNonlinear: (chisq: string, df: string, p: string): string => `All non-linear terms together: χ² = ${chisq} on ${df} df, ${p}.`,
    notChecked: (list: string): string => `Not checked (categorical or fewer than 7 distinct values): ${list}.`,
    linearityTitle: "Linearity of continuous covariates (restricted cubic splines)",
    completeCases: (n: string, events: string): string => `patients with complete covariates, n = ${n}, ${events} events`,
    knots: "Knots",
    /** Between the knots of one covariate; German uses ";" because its decimal mark is a comma ("38; 46,05; 56"). */
    knotSep: ", ",
    chisqNonlinear: "χ² (non-linear)",
    df: "df",
    hrBy: (label: string): string => `Hazard ratio by ${label}`,
    hrByPspline: (label: string): string => `Hazard ratio by ${label} (penalised spline)`,
    rcsCaption: (ref: string, level: string, p: string, n: string, events: string): string =>
      `Hazard ratio (log scale) against ${ref} (the median; HR = 1) from the Cox model with restricted cubic splines (4 knots, ticks on the x-axis), with pointwise ${level}% confidence band; test of non-linearity ${p}. R: rms::contrast(fit, list(x = x), list(x = median)). Population: patients with complete covariates, n = ${n}, ${events} events.`,
    thetaGiven: (theta: string): string => `θ = ${theta} given`,
    thetaChosen: (theta: string, df: string): string => `θ = ${theta} chosen for ${df} df`,
    psplineCaption: (ref: string, label: string, smooth: string, df: string, level: string, p: string, n: string, events: string): string =>
      `Hazard ratio (log scale) against ${ref} (the median; HR = 1) from the Cox model with a penalised spline of ${label} (survival::pspline: ${smooth}, effective df ${df}), with pointwise ${level}% confidence band; test of non-linearity ${p}. Population: n = ${n}, ${events} events.`,
    continuousTitle: "Multivariable Cox model with continuous covariates",
    continuousPopulation: (n: string, events: string): string => `n = ${n}, ${events} events`,
    continuousFootnote: (n: string, events: string): string =>
      `The same covariates as the multivariable model above, without their cut-offs: n = ${n}, ${events} events; HR per unit of each continuous covariate.`,
    curveTitle: "Hazard ratio curve",
    curveDescription: (ref: string, lo: string, hi: string, knots: string | null): string =>
      `Hazard ratio against ${ref} (reference, HR = 1) with pointwise confidence band, over ${lo} to ${hi}${knots === null ? "" : `; knots at ${knots}`}.`,
    covariate: "Covariate",
  },
  /** The STROBE flow diagram's boxes (src/report/flow.ts) and its fixed texts (src/report/plots/flow-diagram.ts). */
  flowDiagram: {
    assessed: "Patients assessed",
    nIs: (n: string): string => `n = ${n}`,
    excluded: (n: string): string => `Excluded (n = ${n})`,
    reasonCount: (reason: string, n: string): string => `${reason}: ${n}`,
    analysed: (endpoint: string): string => `Analysed: ${endpoint}`,
    nEvents: (n: string, events: string): string => `n = ${n}, ${events} events`,
    notInPs: (n: string): string => `Not in the propensity-score analyses (n = ${n})`,
    missingCount: (what: string, n: string): string => `missing ${what}: ${n}`,
    missSeveral: "(a patient can miss several)",
    psAnalyses: "Propensity-score analyses",
    psComplete: (n: string): string => `n = ${n} with complete covariates`,
    matchedLine: (matched: string, treated: string, unmatched: string): string => `matched: ${matched} (${treated} treated), not matched: ${unmatched}`,
    weightedLine: (n: string, ess: string): string => `weighted: ${n} with weight > 0, ESS ${ess}`,
    predictionModel: "Prediction model",
    fromTreatmentDate: ", from the date of treatment",
    groupAnalysed: (n: string, events: string): string => `analysed: n = ${n}, ${events} events`,
    groupPs: (n: string): string => `propensity analyses: ${n}`,
    /** A group's box under the propensity-score box: its own count first, the group's analysed patients after (a box never shows more than its parent). */
    groupPsOf: (n: string, analysed: string): string => `propensity analyses: ${n} of ${analysed} analysed`,
    groupMatched: (n: string): string => `matched: ${n}`,
    groupWeighted: (n: string, ess: string): string => `weighted: ${n} (ESS ${ess})`,
    ccw: "Clone–censor–weight",
    ccwPrimary: "Clone–censor–weight (primary analysis)",
    ccwNote: "each patient cloned into both strategies",
    tdCox: "Adjusted time-dependent Cox",
    tdNote: "treated from the date of treatment",
    landmarkAt: (time: string, unit: string): string => `Landmark at ${time} ${unit}`,
    landmarkNote: (treated: string): string => `alive and in follow-up at the landmark; ${treated} treated by then`,
    /** The PS landmark cohort: the patients alive at the landmark with complete covariates (the crude landmark analysis has all alive). */
    landmarkPsNote: (alive: string, treated: string): string => `with complete covariates, of ${alive} alive and in follow-up at the landmark; ${treated} treated by then`,
    otherCohorts: "Cohorts of other designs, drawn from the analysed patients",
  },
  summary: {
    /** The group of a recurrent-event mean over all patients. */
    allPatients: "all",
    /** "<endpoint>[ by <grouping>]". */
    of: (endpoint: string, by: string | null): string => `${endpoint}${by === null ? "" : ` by ${by}`}`,
    versus: (a: string, b: string): string => `${a} vs ${b}`,
    flow: (read: string, excluded: string | null, reasons: string, analysed: string): string =>
      `${read} ${read === "1" ? "patient" : "patients"} read, ${excluded === null ? "none excluded" : `${excluded} excluded: ${reasons}`}; ${analysed} analysed`,
    flowReason: (reason: string, n: string): string => `${reason} (${n})`,
    kmHeading: (what: string, n: string): string => `Kaplan–Meier, ${what} (n = ${n})`,
    kmStratum: (group: string, n: string, events: string, median: string, at: string): string => `  ${group} (n = ${n}, ${events} events): median ${median}${at === "" ? "" : `; survival ${at}`}`,
    survivalAt: (time: string, value: string): string => `at ${time} ${value}`,
    testHeading: (test: string, what: string, n: string): string => `${test}, ${what} (n = ${n})`,
    chisq: (chisq: string, df: string, p: string): string => `χ² = ${chisq} on ${df} df, ${p}`,
    logrankHr: (comparison: string, n: string, ci: string): string => `  hazard ratio from the log-rank test (O/E ratio, not a Cox model), ${comparison} (n = ${n}): ${ci}`,
    rmstHeading: (tau: string, what: string, n: string): string => `Restricted mean survival time up to ${tau}, ${what} (n = ${n})`,
    rmstGroup: (group: string, n: string, events: string, value: string): string => `  ${group} (n = ${n}, ${events} events): ${value}`,
    rmstDifference: (comparison: string, value: string, p: string): string => `  difference, ${comparison}: ${value}, ${p}`,
    coxHeading: (endpoint: string, n: string, events: string, covariates: string): string => `Multivariable Cox model, ${endpoint} (complete cases, n = ${n}, ${events} events): ${covariates}`,
    coxTerm: (label: string, value: string): string => `  ${label}: ${value}`,
    ciNotComputed: "CI not computed: enable bootstrap",
    adjustedAt: (time: string, treated: string, control: string, difference: string, ci: string): string => `at ${time} ${treated} vs ${control}, difference ${difference} percentage points${ci}`,
    adjustedRmst: (tau: string, treated: string, control: string, difference: string, ci: string): string => `RMST up to ${tau} ${treated} vs ${control}, difference ${difference}${ci}`,
    adjusted: (name: string, n: string, parts: string): string => `  adjusted survival, ${name}${n === "" ? "" : ` (n = ${n})`}, treated vs untreated: ${parts}`,
    miHeading: (missing: string, n: string, m: string, iterations: string, seed: string, primaryMi: boolean, key: string): string =>
      `Missing covariates: ${missing} of ${n} patients have a missing value; multiple imputation (${m} imputations, ${iterations} iterations, seed ${seed}) is ${primaryMi ? "primary, complete cases a sensitivity analysis" : "a sensitivity analysis, complete cases primary"} (missing.primary: ${key})`,
    miWithin: (endpoint: string, n: string): string => `  treatment effect by multiple imputation, within approach (${endpoint}; all ${n} patients; pooled by Rubin's rules):`,
    tagPrimary: " [primary]",
    tagSensitivityOfPrimary: " [sensitivity analysis of the primary]",
    eValue: (point: string, ci: string | null): string => `; E-value ${point}${ci === null ? "" : ` (CI limit ${ci})`}`,
    miCox: (endpoint: string, n: string): string => `  multivariable Cox model by multiple imputation (${endpoint}; all ${n} patients):`,
    immortalHeading: (title: string, explanation: string): string => `${title}: ${explanation}`,
    immortalAdjusted: (n: string, estimand: string, hr: string): string => `  time-dependent Cox adjusted for the covariates (n = ${n}; ${estimand}; robust SE): ${hr}`,
    /** The absolute-effect lines' sample names: "PS-matched (ATM)". */
    psMatchedSample: (estimand: string): string => `PS-matched (${estimand})`,
    immortalLandmarkPs: (time: string, population: string, hr: string): string => `  landmark at ${time}, PS re-estimated, IPTW (${population}; marginal HR; robust SE): ${hr}`,
    immortalNaive: (n: string, hr: string): string => `  naive (biased by design (immortal time), treatment fixed at the origin; n = ${n}): ${hr}`,
    immortalTimeDependent: (n: string, hr: string): string => `  treatment as a time-dependent covariate, crude (treatment only; n = ${n}): ${hr}`,
    immortalLandmark: (time: string, n: string, hr: string): string => `  landmark at ${time} (n = ${n}), crude (treatment only): ${hr}`,
    /** The landmark PS design: its population, then one row per estimate of the report's table (label, n, HR or reason, flags). */
    immortalLandmarkPsHeading: (time: string, population: string): string => `  landmark at ${time}, PS re-estimated (${population}):`,
    immortalLandmarkPsRow: (label: string, n: string, value: string): string => `    ${label} (n = ${n}): ${value}`,
    immortalLandmarkPsRefused: (time: string, reason: string): string => `  landmark at ${time}, PS re-estimated: ${reason}`,
    /** `items`: the report's "12 months after it, 80.3% treated by the landmark vs 94.5% not treated by then (difference −14.2 points)"; … */
    immortalLandmarkWeighted: (n: string, items: string): string => `    IPTW-weighted Kaplan–Meier survival (n = ${n}): ${items}; no confidence interval (the landmark analysis has no bootstrap)`,
    crHeading: (what: string, n: string): string => `Competing risks, ${what} (n = ${n}), cumulative incidence (Aalen–Johansen):`,
    /** The heading with the immortal-time label of a comparison by treatment received (`flag`: " — biased by design (immortal time)", as Kaplan–Meier's). */
    crHeadingFlagged: (what: string, n: string, flag: string): string => `Competing risks, ${what} (n = ${n}), cumulative incidence (Aalen–Johansen)${flag}:`,
    incidenceAt: (time: string, value: string): string => `at ${time} ${value}`,
    incidenceLast: (value: string): string => `at the last time ${value}`,
    crCurve: (cause: string, group: string | null, n: string, events: string, at: string): string => `  ${cause}${group === null ? "" : `, ${group}`} (n = ${n}, ${events} events): ${at}`,
    grayTest: (cause: string, n: string, p: string): string => `  Gray's test, ${cause} (n = ${n}): ${p}`,
    crModel: (model: string, term: string, n: string, cs: string, sd: string | null): string => `  ${model}, ${term} (n = ${n}): cause-specific HR ${cs}${sd === null ? "" : `; subdistribution HR ${sd}`}`,
    cureRelative: "relative survival",
    cureAnyCause: "any cause",
    cureCause: (cause: string): string => `cause-specific: ${cause}`,
    /** A cause-specific model of death, whose heading names the cause as its endpoint (referee s12 A9). */
    cureCauseSpecific: "cause-specific model",
    cureSemiparametric: "semiparametric PH",
    cureHeading: (endpoint: string, of: string, population: string | null, model: string, aic: boolean): string =>
      `Cure model (${endpoint}, ${of}${population === null ? "" : `; ${population}`}; ${model} mixture${aic ? ", lowest AIC" : ""}), cure fraction:`,
    cureNoEvents: "not estimable (no events)",
    cureFollowUp: (plateau: string, p: string, verdict: "sufficient" | "inconclusive" | "not-shown"): string =>
      `plateau ${plateau}, Maller–Zhou ${p}; follow-up ${verdict === "sufficient" ? "sufficient" : verdict === "inconclusive" ? "inconclusive" : "not shown to be sufficient"}`,
    /** The cure model's fraction when model and data disagree (src/study/cure-agreement.ts), as the report's headline says. */
    cureNotFinding: (why: string): string =>
      `    not a finding: the model and the data disagree (${why === "outside-km-ci" ? "the model's fraction lies outside the Kaplan–Meier confidence interval at the end of follow-up" : "the Kaplan–Meier plateau is not shown to be reached"}); read the Kaplan–Meier plateau, an upper bound, instead`,
    /** A group whose model fraction is not a finding: the Kaplan–Meier estimate (an upper bound) first, the model second (referee s12 A15). */
    cureGroupNotFinding: (group: string, n: string, events: string, km: string, fraction: string, followUp: string | null): string =>
      `  ${group} (n = ${n}, ${events} events): Kaplan–Meier at the end of follow-up ${km}, an upper bound on the proportion cured; model ${fraction}, not supported by the data${followUp === null ? "" : `; ${followUp}`}`,
    cureGroup: (group: string, n: string, events: string, fraction: string, plateau: string | null, followUp: string | null): string =>
      `  ${group} (n = ${n}, ${events} events): ${fraction}${plateau === null ? "" : `; Kaplan–Meier plateau ${plateau}`}${followUp === null ? "" : `; ${followUp}`}`,
    apparentCorrected: (apparent: string, corrected: string | null): string => `${apparent}${corrected === null ? "" : ` (optimism-corrected ${corrected})`}`,
    predictionHeading: (endpoint: string, time: string, covariates: string): string => `Prediction model (${endpoint} at ${time}): ${covariates}`,
    predictionIndices: (n: string, events: string, harrell: string, uno: string, auc: string, slope: string, corrected: boolean): string =>
      `  n = ${n}, ${events} events; Harrell's C ${harrell}, Uno's C ${uno}, AUC ${auc}, calibration slope ${slope}${corrected ? " (optimism-corrected)" : ""}`,
    recurrentHeading: (label: string, events: string, n: string): string => `Recurrent events (${label}): ${events} events in ${n} patients`,
    recurrentPopulation: (population: string): string => `  population: ${population}`,
    recurrentMean: (group: string | null, value: string, time: string, atRisk: string): string =>
      `  mean number of events per patient (Ghosh–Lin, death as terminal event)${group === null ? "" : `, ${group}`}: ${value} by ${time} (${atRisk} at risk)`,
    recurrentNaive: (group: string | null, value: string, time: string): string =>
      `  for comparison only, the naive mean cumulative number (death as censoring; overstates the burden)${group === null ? "" : `, ${group}`}: ${value} by ${time}`,
    recurrentModel: (model: string, term: string, n: string, hr: string): string => `  ${model}, ${term} (n = ${n}): ${hr}`,
    notRun: (analysis: string, reason: string): string => `${analysis} (${reason})`,
    /** Missing covariates, one count per model with its population and the variables it refers to (issue 19). */
    miHeadingCounts: (counts: string, m: string, iterations: string, seed: string, primaryMi: boolean, key: string): string =>
      `Missing covariates: ${counts}; multiple imputation (${m} imputations, ${iterations} iterations, seed ${seed}) is ${primaryMi ? "primary, complete cases a sensitivity analysis" : "a sensitivity analysis, complete cases primary"} (missing.primary: ${key})`,
    miCountCox: (lost: string, n: string, vars: string): string => `${lost} of ${n} patients miss a covariate of the multivariable Cox model (${vars})`,
    miCountPropensity: (lost: string, n: string, vars: string): string => `${lost} of ${n} patients miss a propensity-score covariate (${vars})`,
    miCountSep: "; ",
    /** Gray's test with the flags the report puts on its p (too few events of the cause, biased by design). */
    grayTestFlagged: (cause: string, n: string, p: string, flags: string): string => `  Gray's test, ${cause} (n = ${n}): ${p} [${flags}]`,
  },
  /** Footnote of a multiple-imputation table with models that use no imputed value (src/report/sections-missing.ts). */
  miNoImputedValue: (rows: string): string =>
    `No imputed value enters ${rows}: the estimate is the same in every imputation (between-imputation variance B = 0), yet Rubin's rules with Barnard–Rubin degrees of freedom ν (complete-data df = events − 1, as mice) use a t quantile on ν df instead of the normal quantile, so the CI is slightly wider than the complete-data CI, and the fraction of missing information is 2/(ν + 3) rather than 0, as mice::pool reports it.`,
  miNoImputedRow: (label: string, dfcom: string, df: string, fmi: string): string => `${label} (complete-data df ${dfcom}, ν = ${df}, FMI ${fmi})`,
  /** The reference level's cell of the Cox table. */
  coxReference: "1 (reference)",
  /** Cox table note on levels too sparse for a stable HR (src/report/tables.ts, SPARSE_LEVEL_*). */
  coxSparse: (mark: string, minN: string, minEvents: string, levels: string): string =>
    `${mark} Sparse level (fewer than ${minN} patients or fewer than ${minEvents} events in the model): ${levels}. Its hazard ratio, and every hazard ratio against it when it is the reference, is unstable (wide CI, possibly far from 1 by chance); merge it with a neighbouring level in the data, or choose a better-populated reference level (covariate \`reference\`, docs/spec.md).`,
  coxSparseLevel: (label: string, n: string, events: string): string => `${label}: ${n} patient${n === "1" ? "" : "s"}, ${events} event${events === "1" ? "" : "s"}`,
  /** x-axis title of a figure of an endpoint measured from a dated origin: "Months since diagnosis of lung metastases" (unit as the spec names it; the origin in words or its column). */
  /** SVG description of a Kaplan–Meier figure (src/report/plots/km.ts); `groups` null with one curve. */
  kmDescription: (groups: string | null, risk: boolean, cumEvents: boolean): string =>
    `Kaplan–Meier estimates of survival${groups === null ? "" : ` by group: ${groups}`}${risk ? ", with numbers at risk" : ""}${cumEvents ? ", with cumulative numbers of events" : ""}.`,
  timeSince: (unit: string, origin: string): string => `${unit === "" ? "Time" : `${unit.charAt(0).toUpperCase()}${unit.slice(1)}`} since ${origin}`,
};

export type DescriptiveMessages = typeof descriptiveEn;


/** [id, pattern] of the engine texts of this part. */
export const DESCRIPTIVE_PATTERNS = [
  // ---- Table 1's footnotes (src/report/table1.ts, kept in results.json in English)
  ["t1Continuous", re(String.raw`Continuous variables: mean \(SD\), or median \[Q1, Q3\] \(R's quantile type 7\) when chosen or when \|skewness\| > (?<k>{N}) \(summary "auto"\)\.`)],
  ["t1Categorical", re(String.raw`Categorical variables: n \(%\), percent of the patients with a known value; missing: number of patients without a value\.`)],
  ["t1Weighted", re(String.raw`Matched/weighted columns: weighted means, SDs \(Σw̃\(x − x̄\)²/\(1 − Σw̃²\), w̃ = w/Σw\), medians and quartiles \(inverse of the weighted empirical distribution function, as survey::svyquantile with qrule = "math"\), counts Σw and weighted percentages; n and missing count patients with weight > 0\.`)],
  ["t1NoP", re(String.raw`No p-values are given for the matched or weighted samples: balance is a property of the sample at hand, not a hypothesis about a population, and p-values there mostly reflect the \(reduced\) sample size \((?<refs>Austin PC, Stat Med 2009;28:3083–3107; Imai K, King G, Stuart EA, J R Stat Soc A 2008;171:481–502)\)\.`)],
  ["t1Smd", re(String.raw`SMD: (?<text>.+); multi-level variables: Yang–Dalton multivariate SMD √\(dᵀΣ⁻¹d\), (?:(?<described>its covariance from the sample described)|its covariance Σ from the unadjusted sample, as σ, so that adjusted and unadjusted SMDs share a denominator)\.(?: SMDs on (?<sample>.+?) \(n = (?<n>{N}); (?<t>{N}) vs (?<c>{N})\), whose unadjusted SDs are the denominators\.)?`)],
  ["psCompleteCases", re("the patients with complete propensity covariates")],
  ["t1Ess", re(String.raw`ESS: Kish's effective sample size \(Σw\)²/Σw²\.`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type DescriptiveTextId = (typeof DESCRIPTIVE_PATTERNS)[number][0];
