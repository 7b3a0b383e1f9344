/**
 * English texts of one part of the report: Treatment effects and sensitivity to unmeasured confounding (src/report/sections-effects.ts, sections-sensitivity.ts, the effect tables of tables.ts).
 * The reference for effects-de.ts and effects-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `EFFECTS_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 * Every argument is an already formatted string (numbers localized by the caller).
 */

/** "12-month survival": the singular of an English time unit. */
const singular = (unit: string): string => (unit.endsWith("s") ? unit.slice(0, -1) : unit);
import { re } from "./warnings-en-re.js";

/** The parts of the sensitivity analyses by their results.json id. */
const PART_NAMES: Readonly<Record<string, string>> = { eValue: "E-value", rosenbaum: "Rosenbaum bounds", biasAnalysis: "Bias analysis", negativeControl: "Negative-control outcome", sampleSize: "Sample size of the prediction model" };

export const effectsEn = {
  // --- the primary analysis in one sentence (sections-effects.ts primarySentence) ---
  howDeclared: "declared in the study specification",
  howDefault: "by the default rule",
  /** "95% CI", inserted before the interval of the primary's HR. */
  ciLevel: (pct: string): string => `${pct}% CI`,
  notEstimable: "not estimable",
  /** `pEq`: "= 0.21" or "< 0.001". */
  hrP: (hrCi: string, pEq: string): string => `HR ${hrCi}, p ${pEq}`,
  biasedSentence: (bias: string): string => ` This analysis is biased by design (${bias}): read it with the analyses that avoid that bias.`,
  primaryMi: (how: string, label: string, estimand: string, n: string, events: string, est: string, bias: string, ccN: string | null): string =>
    `Primary analysis (${how}; missing covariates by multiple imputation, missing.primary: mi): ${label}, estimating ${estimand}; ${n} patients, ${events} events; ${est}.${bias} The same analysis on complete cases${ccN === null ? "" : ` (${ccN} patients)`} and the other analyses below are sensitivity analyses (pooled estimates of each in the section "Missing data").`,
  primaryHere: (how: string, label: string, estimand: string, n: string, events: string, est: string, bias: string): string =>
    `Primary analysis (${how}): ${label}, estimating ${estimand}; ${n} patients, ${events} events; ${est}.${bias} The other analyses are sensitivity analyses.`,
  // --- absolute effects rows, the matching-order check, footnotes, the forest caption ---
  iptwRow: (estimand: string, flag: string): string => `IPTW (${estimand})${flag}`,
  atmKept: (kept: string, treated: string): string => `ATM: ${kept} of ${treated} treated patients kept`,
  /** The matched sample's treated patients, without naming an estimand (a sample biased by design). */
  keptOf: (kept: string, treated: string): string => `${kept} of ${treated} treated patients kept`,
  matchedRow: (pop: string, flag: string): string => `PS-matched (${pop})${flag}`,
  randomOrder: (hrUsed: string, largest: boolean, hrRandom: string, seed: string, matched: string): string =>
    `Greedy matching order: the matched HR is ${hrUsed} with ${largest ? "largest" : "smallest"}-first matching and ${hrRandom} in a seeded random order (seed ${seed}, ${matched} treated patients matched). ${largest ? "Largest" : "Smallest"}-first greedy matching leaves a within-pair imbalance that biased the matched HR in simulation and a random order did not: where the two differ, prefer the random order (the default) or full matching.`,
  miFootnote: (analysis: string): string =>
    `${analysis}: missing covariates imputed by chained equations; the analysis run in each completed dataset and the log hazard ratios pooled by Rubin's rules with Barnard–Rubin degrees of freedom (within approach, Leyrat 2019); E-value of the pooled estimate.`,
  rowFootnote: (label: string, method: string, variance: string, estimand: string): string => `${label}: ${method}; ${variance}${estimand ? `; estimand: ${estimand}` : ""}.`,
  forestCaption: (where: string, bias: string | null): string =>
    `Hazard ratio of treatment by analysis, log scale; ${where}${bias === null ? "" : `; every row compares patients by treatment ever received from the origin and is biased by design (${bias})`}.`,
  forestPrimaryHere: (label: string, mi: boolean): string => `the primary analysis (${label}) first${mi ? ", then the complete-case analyses as sensitivity analyses" : ""}`,
  forestPrimaryElsewhere: (label: string, missing: boolean): string => `the primary analysis (${label}) is in the section "${missing ? "Missing data" : "Immortal time"}", not here: every row is a sensitivity analysis`,
  forestNoPrimary: "no primary analysis (see the text)",
  /** A forest row's population, after its label (rows on different patients side by side: referee A7, session 12). */
  forestN: (n: string, events: string | null): string => (events === null ? `n = ${n}` : `n = ${n}, ${events} events`),
  // --- the treatment-effect table (tables.ts effectsTable) ---
  biasedLabel: (analysis: string, bias: string): string => `${analysis} — biased by design (${bias})`,
  estimandHeader: "Estimand",
  /**
   * A row biased by design names its method, not an estimand (issue 19): "ATE" becomes the weighting scheme
   * ("ATE weights"), "ATM"/"ATT" of a matched row the sample ("matched sample"), in its label and estimand cell.
   */
  weightsScheme: (estimand: string): string => `${estimand} weights`,
  matchedScheme: "matched sample",
  /** The estimand cell of a row biased by design: what it estimates, and that it is not a causal effect. */
  notCausalHere: (cell: string, bias: string): string => `${cell}; not a causal effect here (${bias})`,
  /** The matched log-rank test (also on the matched Kaplan–Meier figure), with its population and flags. */
  matchedLogrank: (pop: string, n: string, events: string, pEq: string, flags: string, bias: string): string =>
    `Log-rank test (unstratified) in the PS-matched sample (${pop}; n = ${n}, ${events} events): p ${pEq}${flags === "" ? "" : `; ${flags}`}${bias === "" ? "" : `; biased by design (${bias})`}.`,
  /** Why the treatment-effect table has no E-value column: no row has an E-value (each row is biased by design). */
  eValueColumnDropped: (why: string): string => `${why} The table therefore has no E-value column.`,
  bootNotEstimable: (failed: string, replicates: string | null): string => `not estimable by bootstrap (${failed}${replicates === null ? "" : ` of ${replicates}`} replicates failed)`,
  bootFailed: (failed: string, replicates: string | null): string => `${failed}${replicates === null ? "" : ` of ${replicates}`} bootstrap replicates failed or diverged`,
  bootFootnote: (mark: string, note: string): string => `${mark} ${note} (non-convergence, |log HR| > 10 or an emptied group) and were left out of this interval.`,
  // --- the absolute-effects table (tables.ts absoluteEffectsTable) ---
  absTitle: "Adjusted survival and restricted mean survival time",
  treated: "Treated",
  untreated: "Untreated",
  differenceCi: (cl: string): string => `Difference, treated − untreated (${cl} CI)`,
  sampleRow: (label: string, n: string, primary: boolean): string => `${label}, n = ${n} (${primary ? "primary analysis" : "sensitivity analysis"})`,
  survivalAt: (t: string, unit: string): string => `${t}-${singular(unit)} survival, %`,
  rmstUpTo: (tau: string, unit: string): string => `RMST up to ${tau} ${unit}, ${unit}`,
  ciNotComputed: "CI not computed (enable bootstrap)",
  ciNotEstimable: "CI not estimable by bootstrap",
  absFootnote: "Adjusted survival: Kaplan–Meier estimates per group in the weighted (IPTW) or matched sample; RMST, the area under those curves up to τ. Survival differences in percentage points, RMST differences in the time unit.",
  absBootstrap: (cl: string, replicates: string): string => `${cl} CI: bootstrap percentile intervals of the whole pipeline (${replicates} replicates, resampling patients within treatment groups).`,
  absNoBootstrap: "No bootstrap was requested, so these differences have no CI (set analyses.propensity.bootstrap to compute one).",
  markedNote: (mark: string, note: string): string => `${mark} ${note}.`,
  absBiased:
    "These contrasts compare patients by treatment ever received, counted from the origin: they are biased by design (immortal time) and are not causal effects; the primary analysis is named above. Without that bias, contrasts of adjusted survival curves and RMST would estimate causal effects under no unmeasured confounding, positivity and a correct propensity model (docs/methods.md, Estimands).",
  absCausal:
    "These contrasts of adjusted survival curves and RMST estimate causal effects in the sample's population under no unmeasured confounding, positivity and a correct propensity model; the hazard ratios below are not read that way (docs/methods.md, Estimands).",
  // --- sensitivity: Rosenbaum conclusions ---
  gammaFound: (g: string): string => `the conclusion changes at Γ = ${g}`,
  gammaNotSignificant: (alpha: string): string => `not significant even without hidden bias (p ≥ ${alpha} at Γ = 1): nothing to explain away`,
  gammaBeyond: "the conclusion holds for every Γ up to 10,000",
  gammaNoPair: "no informative pair",
  // --- sensitivity: E-value ---
  hrNameCcw: "the per-protocol hazard ratio of the primary design (clone–censor–weight; a secondary number: the design's primary contrast is the survival difference, for which no E-value is computed here)",
  hrNamePrimary: "the primary hazard ratio",
  /** What the hazard ratio shows before any confounding: a higher hazard with treatment (apparent harm) or a lower one. */
  eValueHarm: "an apparent harm of treatment: a higher hazard among the treated",
  eValueBenefit: "an apparent benefit of treatment: a lower hazard among the treated",
  /** The same for a contrast of treatment strategies (clone–censor–weight: every patient is in both; third referee read A7). */
  eValueHarmStrategy: "an apparent harm of the treatment strategy: a higher hazard under the strategy of treatment than under the strategy of no treatment",
  eValueBenefitStrategy: "an apparent benefit of the treatment strategy: a lower hazard under the strategy of treatment than under the strategy of no treatment",
  eValueNull: "no association: a hazard ratio of 1",
  /**
   * The E-value sentence (VanderWeele & Ding 2017), the interval first (issue 19): when the CI contains 1 there is nothing
   * to explain away; the point estimate's E-value then only says what would move the point estimate to 1.
   */
  eValueTextCiOne: (e: string, name: string, hrCi: string, direction: string, flag: string): string =>
    `E-value: the confidence interval of ${name}, ${hrCi}, already contains 1, so the E-value of the interval is 1: the data are compatible with no effect of treatment without any unmeasured confounding. The point estimate (${direction}) would be moved to 1 by an unmeasured confounder associated with both the treatment and the outcome by a risk ratio of at least ${e} each, beyond the measured covariates (the E-value of the point estimate); weaker confounding could not move it that far.${flag}`,
  eValueTextCi: (e: string, ci: string, name: string, hrCi: string, direction: string, flag: string): string =>
    `E-value: to explain away ${name}, ${hrCi} (${direction}), an unmeasured confounder would need to be associated with both the treatment and the outcome by a risk ratio of at least ${e} each, beyond the measured covariates (the E-value of the point estimate); to move the confidence limit closer to 1 to 1, risk ratios of ${ci} each would do (the E-value of the interval).${flag}`,
  eValueTextNoCi: (e: string, name: string, hrCi: string, direction: string, flag: string): string =>
    `E-value: an unmeasured confounder associated with both the treatment and the outcome by a risk ratio of at least ${e} each, beyond the measured covariates, would move ${name}, ${hrCi} (${direction}), to 1.${flag}`,
  /** The E-value table's cell of the interval when the CI contains 1. */
  eValueLimitOne: "1 (the CI contains 1)",
  eValueTitle: (label: string): string => `E-value of the primary estimate (${label})`,
  /** The E-value table's title when the HR is clone–censor–weight's per-protocol HR, a secondary number of the primary design (referee s12 A6). */
  eValueTitleCcw: (label: string): string => `E-value of the per-protocol hazard ratio of the primary design (a secondary number; ${label})`,
  /** Beside the E-value when the bootstrap of that hazard ratio is off-centre (the design's own warning, marked). */
  hrOffCentre: "the bootstrap distribution of this hazard ratio is not centred on the estimate: the hazard ratio itself may be off, and its E-value with it",
  primaryPop: (n: string): string => `the primary analysis's patients, n = ${n}`,
  quantity: "Quantity",
  value: "Value",
  hrCi95: "Hazard ratio (95% CI)",
  cumRisk: (n: string): string => `Cumulative risk at the end of follow-up (1 − Kaplan–Meier, ${n} patients)`,
  rrUsed: "Risk ratio used (95% CI)",
  eValueEstimate: "E-value, estimate",
  eValueLimit: "E-value, confidence limit closer to 1",
  eValueRefs: "VanderWeele & Ding 2017 (doi:10.7326/M16-2607); VanderWeele 2020 for the hazard-ratio conversion.",
  // --- sensitivity: Rosenbaum bounds ---
  deathBy: (t: string, unit: string): string => `Death by ${t}${unit === "" ? "" : ` ${unit}`}`,
  rosenbaumText: (alpha: string, direction: string, conclusion: string): string =>
    `Rosenbaum bounds: Γ is how many times more likely one patient of a matched pair could be to receive treatment than the other because of an unmeasured covariate. The upper-bound p-value is the worst case at that Γ. Paired Prentice–Wilcoxon test (one-sided, α = ${alpha}, "${direction}"): ${conclusion}.`,
  pairsPop: (pairs: string, n: string): string => `${pairs} PS-matched pairs, n = ${n}`,
  rosenbaumTitle: "Rosenbaum bounds for hidden bias in the matched pairs",
  ppwUpper: "Prentice–Wilcoxon, upper p",
  ppwLower: "Prentice–Wilcoxon, lower p",
  pairOrderUpper: "Pair order (sign test), upper p",
  statusUpper: "Status at a time, upper p",
  upperP: (what: string): string => `${what}, upper p`,
  ppwFootnote: (informative: string, conclusion: string): string =>
    `Paired Prentice–Wilcoxon test on censored pairs (O'Brien & Fleming 1987), bounds of Rosenbaum (2002, §4.3–4.4); ${informative} informative pairs; ${conclusion}.`,
  pairOrderFootnote: (treated: string, control: string, undetermined: string, conclusion: string): string =>
    `Pair order: ${treated} pairs in which the treated patient certainly lived longer, ${control} the control, ${undetermined} undetermined (censoring); ${conclusion}.`,
  statusFootnote: (by: string, onlyControl: string, onlyTreated: string, unknown: string, conclusion: string): string =>
    `${by}: ${onlyControl} pairs in which only the control died, ${onlyTreated} only the treated patient, ${unknown} with a member censored before; ${conclusion}.`,
  // --- sensitivity: bias analysis ---
  biasText: (name: string, ciHasNull: boolean): string =>
    `Bias analysis of ${name}: an unmeasured binary confounder with prevalence p1 among treated and p0 among untreated patients, raising the hazard γ-fold, changes the hazard ratio by the factor B = (1 + (γ − 1)·p1)/(1 + (γ − 1)·p0) (VanderWeele & Arah 2011). ${ciHasNull ? "Its confidence interval already contains 1, so only the prevalences at which the point estimate reaches 1 are shown." : "The table and figure show the prevalences at which the adjusted hazard ratio, or its confidence limit closer to 1, reaches 1."}`,
  biasTitle: (hrCi: string): string => `Bias analysis: tipping points of the hazard ratio ${hrCi}`,
  biasGamma: "Confounder–outcome HR γ",
  biasP0: "Prevalence among untreated p0",
  biasP1Hr: "p1 at which the adjusted HR = 1",
  biasP1Ci: "p1 at which the CI reaches 1",
  biasNone: "No confounder on the grid moves the hazard ratio to 1.",
  biasGrid: (skipped: string | null): string =>
    `Prevalence among treated patients (p1) for each γ and p0 of the grid${skipped === null ? "" : `; ${skipped} combinations of γ and p0 for which no p1 between 0% and 100% does it are not listed`}; – : no p1 between 0% and 100% does it.`,
  biasFigureTitle: "Bias analysis: prevalences of an unmeasured confounder that would move the hazard ratio to 1",
  biasCaption: (ciHasNull: boolean, pop: string): string =>
    `Lines where the adjusted hazard ratio (solid) ${ciHasNull ? "equals 1 (dashed lines, where a confidence limit equals 1, mark confounding that would make the interval exclude 1: the interval here already contains 1)" : "or its confidence limit closer to 1 (dashed) equals 1"}, per confounder–outcome HR γ. Along the grey diagonal the confounder is equally common in both groups and changes nothing. Population: ${pop}.`,
  /** The bias-contour figure (src/report/plots/bias-contour.ts). */
  contourTitle: "Bias analysis: unmeasured binary confounder",
  contourDescription: (hr: string, lower: string, upper: string): string =>
    `Tipping lines of the adjusted hazard ratio (observed HR ${hr}, ${lower}–${upper}) over the confounder's prevalence among untreated (x) and treated (y) patients.`,
  contourLegend: (gamma: string): string => `confounder–outcome HR γ = ${gamma}`,
  contourLines: "solid: adjusted HR = 1; dashed: confidence limit = 1",
  contourX: "Prevalence among untreated (p0)",
  contourY: "Prevalence among treated (p1)",
  // --- sensitivity: negative control ---
  /** A cause as the sentence shows it (lower case in English, as it is in German and Japanese). */
  causeInText: (cause: string): string => cause.toLowerCase(),
  ncPop: (n: string, events: string, cause: string): string => `n = ${n}, ${events} deaths from ${cause}`,
  ncText: (cause: string, interpretation: string): string => `Negative-control outcome (${cause}): ${interpretation}`,
  ncTitle: (cause: string): string => `Negative-control outcome: cause-specific hazard ratio of ${cause}`,
  ncHrCi: "HR (95% CI)",
  /** The negative control's patients with a death from the cause; by clone–censor–weight, the clone events per strategy beside (referee s12 A1). */
  ncDeaths: "Deaths (patients)",
  ncCloneEvents: "Clone events per strategy",
  ncArmsFootnote: (strategies: string, inBoth: string, deaths: string): string =>
    `Clone events per strategy: ${strategies}. A death within the grace period, before any treatment, counts in both strategies (here ${inBoth}), so the clone events can add up to more than the ${deaths} deaths.`,
  events: "Events",
  ncFootnote: (method: string, same: boolean, primaryLabel: string | null, label: string): string =>
    `Cause-specific hazard (deaths from other causes censored), ${method}${same ? ": the same analysis as the primary" : primaryLabel !== null ? `: the primary design (${primaryLabel}) has no cause-specific version, so the treatment-effect table's ${label} is used` : ""}.`,
  // --- sensitivity: Riley sample size ---
  ssPop: (n: string, events: string): string => `patients with complete model covariates, n = ${n}, ${events} events`,
  ssEnough: (n: string, min: string): string => `The ${n} patients reach the minimum of ${min}.`,
  ssShort: (n: string, events: string, min: string, minEvents: string): string =>
    `The ${n} patients (${events} events) fall short of the minimum of ${min} (about ${minEvents} events): expect the model to be overfitted and its apparent performance to be optimistic.`,
  ssText: (parameters: string, horizon: string, verdict: string): string =>
    `Sample size of the prediction model (Riley et al. 2019, 2020): the smallest number of patients for which a model with ${parameters} parameters is expected to need little shrinkage, to show little optimism and to estimate the overall risk at ${horizon} precisely. ${verdict}`,
  ssTitle: (model: string): string => `Minimum sample size of the ${model}`,
  ssCriterion: "Criterion",
  ssMinPatients: "Minimum patients",
  ssExpectedEvents: "Expected events",
  ssEpp: "Events per parameter",
  ssShrinkage: "Shrinkage",
  ssCritShrinkage: "1. Expected shrinkage ≥ target",
  ssCritOptimism: "2. Optimism in Nagelkerke R² ≤ 0.05",
  ssCritRisk: "3. Precise overall risk (checked at the larger of 1 and 2, as pmsampsize)",
  ssMinimum: "Minimum (largest of the three)",
  ssR2: (adjusted: string, apparent: string, vh: string, max: string): string =>
    `Anticipated Cox–Snell R² ${adjusted}: the fitted model's ${apparent} (1 − exp(−LR/n)) shrunk by van Houwelingen's factor ${vh}; largest possible R² ${max}.`,
  ssRate: (rate: string, followUp: string, risk: string, lower: string, upper: string): string =>
    `Event rate ${rate} per unit of follow-up, mean follow-up ${followUp}; overall risk at the horizon ${risk} (95% CI ${lower}–${upper} at the minimum n).`,
  ssPmsampsize: "As pmsampsize (type \"s\") computes it.",
  // --- sensitivity: parts not run ---
  partNames: PART_NAMES,
  notRun: "Not run:",
  // --- summary.txt, the sensitivity block (sections-sensitivity.ts sensitivitySummaryLines) ---
  sumTitle: "Sensitivity to unmeasured confounding:",
  /** What summary.txt's E-value line is of: the primary estimate, or the per-protocol HR of the primary design (referee s12 A6). */
  sumEValueOf: (label: string): string => `the primary ${label}`,
  sumEValueOfCcw: (label: string): string => `the per-protocol hazard ratio of the primary design (a secondary number), ${label}`,
  sumEValue: (of: string, n: string, hrCi: string, flags: string | null, e: string, ci: string, rule: string): string =>
    `  E-value of ${of} (n = ${n}), HR ${hrCi}${flags === null ? "" : ` [${flags}]`}: of the confidence interval ${ci}; of the point estimate ${e} (what would move it to 1); ${rule}`,
  sumRosenbaum: (pairs: string, n: string, direction: string, p: string, conclusion: string): string =>
    `  Rosenbaum bounds (${pairs} matched pairs, n = ${n}; paired Prentice–Wilcoxon, one-sided "${direction}"): p at Γ = 1 ${p}; ${conclusion}`,
  sumCaveat: (caveat: string): string => `    caveat: ${caveat}`,
  sumFlag: (flag: string): string => `    flag: ${flag}`,
  sumTip: (gamma: string, p1: string | null): string => `γ = ${gamma}: ${p1 === null ? "no p1 in [0, 1]" : `p1 = ${p1}`}`,
  sumBias: (n: string, tips: string): string => `  bias analysis (n = ${n}), prevalence among the treated that moves the HR to 1 when the untreated have none: ${tips}`,
  sumNc: (cause: string, n: string, events: string, label: string, interpretation: string): string => `  negative control, ${cause} (n = ${n}, ${events} events; ${label}): ${interpretation}`,
  sumRiley: (model: string, n: string, events: string, criteria: string, availableN: string, availableEvents: string, enough: boolean): string =>
    `  Riley minimum sample size for the ${model}: ${n} patients (${events} events; criteria ${criteria}); available ${availableN} (${availableEvents} events)${enough ? "" : ": too few"}`,
  /** The part's name in "not run:" ("rosenbaum" → "Rosenbaum bounds", as the report names it; referee s12 B14). */
  sumPart: (part: string): string => PART_NAMES[part] ?? part,
  sumNotRun: (part: string, reason: string): string => `  not run: ${part}: ${reason}`,
  /** summary.txt's rows of the treatment-effect table (src/cli/commands/run.ts). */
  sumRow: (label: string, kept: string, role: string, value: string, variance: string): string => `  ${label}${kept} [${role}]: ${value}; ${variance}`,
  sumKept: (kept: string, treated: string): string => ` [${kept} of ${treated} treated kept]`,
  sumRolePrimary: "primary",
  sumRoleSensitivity: "sensitivity",
  sumRoleCompleteCases: "; complete cases",
  sumRoleBiased: (bias: string): string => `; biased by design (${bias})`,
  sumBootstrap: (lower: string, upper: string): string => `bootstrap ${lower} to ${upper}`,
  sumEffectsCaveat: (caveat: string): string => `  caveat: ${caveat}`,
};

export type EffectsMessages = typeof effectsEn;

/** [id, pattern] of the engine texts of this part. */
export const EFFECTS_PATTERNS = [
  // the estimand cell of the treatment-effect table (src/causal/effect/estimand.ts)
  ["estimandNone", re(String.raw`none \(unadjusted association\)`)],
  ["estimandAllPatients", re(String.raw`conditional HR \(adjusted for the covariates\)`)],
  ["estimandMatched", re(String.raw`(?:ATT|ATM: (?<kept>{N}) of (?<total>{N}) treated patients kept); (?<hr>marginal|conditional) HR`)],
  ["estimandWeighted", re(String.raw`(?<est>AT[ETCOM])(?<trim> \(PS-trimmed\))?; (?<hr>marginal|conditional) HR`)],
  // the method and variance of each row (src/causal/effect.ts, src/causal/effect/pipeline.ts)
  ["methodCrude", re(String.raw`Cox model of the treatment alone`)],
  ["methodMultivariable", re(String.raw`Cox model of the treatment and the covariates`)],
  ["methodMatched", re(String.raw`PS matching \((?<spec>[^()]+)\), then Cox(?<how> stratified on matched set| adjusted for the covariates)?`)],
  ["methodWeighted", re(String.raw`inverse probability of treatment weighting \((?<w>[^()]+)\), then weighted Cox(?<adj> adjusted for the covariates)?`)],
  ["varianceModel", re(String.raw`model-based \(inverse information\)`)],
  ["varianceClustered", re(String.raw`robust, clustered on (?<on>matched set|patient)(?<ref> \(Austin 2013\)| \(matching with replacement\))?`)],
  ["varianceStratified", re(String.raw`(?<how>model-based|robust \(non-integer matching weights\)), stratified on matched set`)],
  ["varianceSandwich", re(String.raw`robust sandwich, the weights \((?<w>[^()]+)\) treated as known`)],
  ["varianceMEstimation", re(String.raw`M-estimation: stacked PS and Cox score equations, weights (?<w>[^()]+) \(Shu et al\. 2021\)`)],
  // the estimand descriptions (src/causal/effect/estimand.ts)
  ["descCrude", re(String.raw`the unadjusted hazard ratio of treated versus untreated patients: an association, confounded by whatever decided treatment`)],
  ["descMultivariable", re(String.raw`the conditional hazard ratio of treatment among patients with the same covariate values; not a population-averaged effect \(the HR is non-collapsible\)`)],
  [
    "descMatched",
    re(
      String.raw`the (?<how>marginal hazard ratio of treated versus matched untreated patients|hazard ratio conditional on matched set \(pair-stratified Cox\), which differs from the marginal HR because the HR is non-collapsible|hazard ratio conditional on the covariates in the matched sample, which differs from the marginal HR because the HR is non-collapsible), in the (?:treated population \(ATT: all (?<all>{N}) treated patients matched\)|matched treated population \(ATM: (?<kept>{N}) of (?<total>{N}) treated patients kept, (?<disc>{N}) discarded without an acceptable match\), which describes the treated patients who found a match, not all treated patients)`,
    ),
  ],
  ["descWeightedAdjusted", re(String.raw`the hazard ratio conditional on the covariates, weighted to the (?<pop>whole study|treated|untreated|overlap) population(?: \(AT[ETCO] weights\)|, patients with a real chance of either treatment \(ATO weights\)): a conditional HR, not a doubly robust estimate of the marginal HR`)],
  ["descWeighted", re(String.raw`the marginal hazard ratio of treated versus untreated patients in the (?<pop>whole study|treated|untreated|overlap) population(?: \(AT[ETCO] weights\)|, patients with a real chance of either treatment \(ATO weights\))`)],
  // the immortal-time caveat under the forest plot (src/study/effects-step.ts)
  ["immortalCaveat", re(String.raw`Treatment happened after the origin, so these comparisons by treatment received carry immortal time \(patients had to survive until treatment\); see the time-dependent and landmark analyses\.`)],
  // the E-value's outcome rule (src/causal/evalue.ts)
  ["rareRule", re(String.raw`outcome rare \(1 − KM = (?<pct>{N})% < 15% at the end of follow-up\): HR used as a risk ratio`)],
  ["commonRule", re(String.raw`outcome common \(1 − KM = (?<pct>{N})% ≥ 15% at the end of follow-up\): HR converted to a risk ratio by \(1 − 0\.5\^√HR\)/\(1 − 0\.5\^√\(1/HR\)\)`)],
  // the negative control's sentence (src/study/sensitivity-step.ts)
  ["ncNotEstimatedCounts", re(String.raw`(?<pre>negative control: )?The association with (?<cause>.+?) could not be estimated: (?<n>{N}) deaths from .+?, (?<t>{N}) among the treated \((?<tl>[^)]*)\) and (?<u>{N}) among the untreated \((?<ul>[^)]*)\)\.`)],
  ["ncNotEstimatedArms", re(String.raw`(?<pre>negative control: )?The association with (?<cause>.+?) could not be estimated: (?<n>{N}) deaths from .+?, (?<t>{N}) counted in the strategy "treatment within the grace period" and (?<u>{N}) in "no treatment within the grace period" \(a death before the end of the grace period counts in both\)\.`)],
  ["ncNotEstimated", re(String.raw`The association with (?<cause>.+) could not be estimated\.`)],
  // the negative control by the primary's clone–censor–weight design, and why it is not run on a comparison biased by design (referee s12 A1)
  ["ncCcwMethod", re(String.raw`clone–censor–weight as in the primary analysis \(the same clones, censoring models and weights; per-protocol hazard ratio from the weighted Cox model of the clones, robust SE clustered on the patient; no bootstrap\)`)],
  ["ncBiased", re(String.raw`the only cause-specific comparison available compares patients by treatment ever received from the origin and is biased by design \((?<bias>[^)]+)\)(?:; the primary design \((?<primary>.+)\) has no cause-specific version here)?: a death from the cause before treatment counts among the untreated by construction, so the check would show that bias, not residual confounding`)],
  ["ncNoDesign", re(String.raw`the primary design \((?<primary>.+)\) cannot be formed on endpoint (?<endpoint>.+) \(no treatment date or no date origin\)`)],
  ["ncFewEvents", re(String.raw`(?<pre>negative control: )?only (?<n>{N}) deaths from (?<cause>.+?), fewer than (?<min>{N}) \(analyses\.safeguards\.minEvents\): the hazard ratio and its interval are unstable, and an interval that contains 1 says little`)],
  // below analyses.safeguards.minEvents deaths: uninformative, the direction said neutrally (referee s12 A1)
  [
    "ncUninformative",
    re(
      String.raw`Uninformative: (?<n>{N}) deaths from (?<cause>.+?)(?:, (?<both>{N}) of them within the grace period and counted in both strategies)?, fewer than (?<min>{N}) \(analyses\.safeguards\.minEvents\); this check can neither show nor exclude residual confounding\. The point estimate \(HR (?<hr>{N}), 95% CI (?<lo>{N})–(?<hi>{N})\) (?:lies (?<way>below|above) 1 \((?:fewer|more) deaths from .+? with treatment\)|is 1)\.`,
    ),
  ],
  ["ncAssociated", re(String.raw`The treatment is associated with (?<cause>.+), which it cannot plausibly affect \(HR (?<hr>{N}), 95% CI (?<lo>{N})–(?<hi>{N})\): this suggests residual confounding or selection \(for example fitter patients chosen for treatment, or immortal time\), so the primary estimate is likely biased in the same direction\.`)],
  ["ncNone", re(String.raw`No clear association with (?<cause>.+) \(HR (?<hr>{N}), 95% CI (?<lo>{N})–(?<hi>{N})\): no sign of residual confounding from this check, though a wide interval cannot rule it out\.`)],
  // the Riley sample size's model (src/study/sensitivity-step.ts)
  ["rileyModel", re(String.raw`Cox prediction model of (?<endpoint>.+?) on (?<terms>.+) in (?<pop>.+)`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type EffectsTextId = (typeof EFFECTS_PATTERNS)[number][0];
