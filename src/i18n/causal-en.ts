/**
 * English texts of one part of the report: Propensity-score analyses, treatment effects and sensitivity to unmeasured confounding (the propensity section, src/report/sections-effects.ts, sections-sensitivity.ts).
 * The reference for causal-de.ts and causal-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `CAUSAL_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const causalEn = {
  /** Why a row biased by design has no E-value (treatment-effect table footnote; issue 19 point 4). */
  eValueNotGiven: (bias: string): string => `No E-value for rows biased by design (${bias}): an E-value measures how strong unmeasured confounding would have to be, and says nothing about a bias built into the comparison.`,
  /** The rule of the flags (treatment-effect table footnote; src/study/effect-flags.ts). */
  flagsFootnote: (fewEvents: boolean, balanceWorsened: boolean, residual = false): string =>
    `Flags: ${[
      ...(fewEvents ? ["imprecise: fewer events than analyses.safeguards.minEvents; for the Cox model stratified on matched set, only the events of matched sets whose risk set still holds a treated and a control member count, as those are the events its likelihood uses"] : []),
      ...(balanceWorsened ? ["worsened balance: the adjusted sample is less balanced than the unadjusted one (see the balance verdict), so its estimates are not confounding-adjusted"] : []),
      ...(residual ? ["residual imbalance: matching or weighting left covariate terms beyond the balance thresholds (named below), so the estimates of the treatment alone on that sample rest partly on those differences (the covariate-adjusted rows model them)"] : []),
    ].join("; ")}. A flagged row is kept for transparency and never chosen as the primary analysis by default.`,
  /** The covariate terms behind a residual-imbalance flag: the balance verdict of the matched or weighted sample (engine text, translated). */
  residualFootnote: (verdict: string): string => `Residual imbalance: ${verdict}`,
  /** After the E-value sentence of a flagged primary estimate. */
  estimateFlag: (flags: string): string => ` Flag of this estimate: ${flags}.`,
  /** Note under the Rosenbaum bounds when matching worsened balance. */
  rosenbaumFlag: (flag: string): string => `Flag: ${flag}.`,
  // ---- the "Propensity-score analyses" section (src/report/sections-propensity.ts and the propensity tables of tables.ts)
  /** The complete cases of the propensity covariates (src/report/population.ts `propensityPopulation`). */
  psPopulation: (n: string, nTreated: string, nControl: string): string => `patients with complete propensity covariates, n = ${n}: ${nTreated} treated, ${nControl} untreated`,
  /** ", biased by design (immortal time)" after a title, as the renderer gives it. */
  psBiasSuffix: (bias: string): string => bias,
  /** A design of the proposal before matching. */
  designName: (design: string): string => ({ "atc-matching": "ATC matching", "full-matching": "full matching", weighting: "weighting" } as Readonly<Record<string, string>>)[design] ?? design,
  designKeeps: (name: string, estimand: string, treated: string, control: string): string => `${name} (${estimand}) keeps ${treated} treated and ${control} controls`,
  designBefore: (nControl: string, nTreated: string, ratio: string, maxMatched: string, keeps: string): string =>
    `Design before matching: ${nControl} controls for ${nTreated} treated, ${ratio}:1 matching without replacement can match at most ${maxMatched} of ${nTreated} treated. Designs that fit: ${keeps}.`,
  psHistogramsNotDrawn: "Propensity-score histograms not drawn: the results do not carry each patient's treatment.",
  /** Legend of the adjusted sample drawn with the weights of IPTW. */
  iptwLabel: (estimand: string): string => `IPTW (${estimand})`,
  matchedLogrank: (p: string, n: string): string => `Matched log-rank ${p} (n = ${n})`,
  hrMatchedCox: (hr: string): string => `HR ${hr}: PS-matched Cox`,
  hrIptwCox: (hr: string): string => `HR ${hr}: IPTW Cox`,
  /** What the HR on a figure is; hrType "marginal" or "conditional". */
  hrDetail: (estimand: string, hrType: string, variance: string, n: string): string => `(${estimand}, ${hrType} HR; ${variance}; n = ${n})`,
  /** The variance of an HR on a figure, by the renderer's English phrase (src/report/render.ts figureVariance). */
  figureVariance: (variance: string): string => variance,
  noHrOtherN: (model: "matched" | "iptw", nCox: string, nCurves: string): string => ` No hazard ratio on the figure: the ${model === "matched" ? "matched" : "IPTW"} Cox model has n = ${nCox}, not the ${nCurves} of the curves.`,
  noHrMatched: " No hazard ratio: the Cox model on the matched sample is not in the results.",
  kmMatchedTitle: (endpoint: string, bias: string): string => `${endpoint}, PS-matched sample${bias}`,
  kmMatchedCaption: (n: string, groups: string): string => `Kaplan–Meier estimates in the matched sample (matching weights). Population: matched patients, n = ${n} (${groups}).`,
  survivalMatchedTitle: (endpoint: string, bias: string): string => `${endpoint}: survival estimates, PS-matched sample${bias}`,
  matchedPopulation: (n: string): string => `matched patients, n = ${n}`,
  trimmedPopulation: (nWeighted: string, n: string): string => `patients with a weight > 0 after trimming, n = ${nWeighted}, of the ${n} with complete propensity covariates`,
  /** `adjusted`: false when the weighted comparison is biased by design or flagged for its balance (not confounding-adjusted then). */
  kmWeightedCaption: (estimand: string, trimmed: boolean, n: string, groups: string, adjusted = true): string =>
    `${adjusted ? "Weighted (adjusted)" : "Weighted"} Kaplan–Meier estimates, ${estimand} weights; numbers at risk are patients (unweighted). Population: patients with a propensity score${trimmed ? " and a weight > 0 (after trimming)" : ""}, n = ${n} (${groups}).`,
  survivalWeightedTitle: (endpoint: string, estimand: string, bias: string): string => `${endpoint}: survival estimates, IPTW (${estimand})${bias}`,
  weightedPopulation: (population: string): string => `weighted ${population}`,
  /** After a matched or weighted figure's caption: the sample's balance flag, as in its table's title and on its HR rows (referee A9). */
  curvesFlag: (flag: string): string => ` Flag of these curves: ${flag}.`,
  /**
   * The all-patients Kaplan–Meier caption when the immortal-time section has a Cox model on the curves' patients (its
   * naive row) and the crude Cox of the treatment-effect table is on fewer (referee A13); section titles as shown.
   */
  kmNaiveSame: (hr: string, n: string, immortalSection: string, crudeN: string, effectsSection: string): string =>
    `The Cox HR on the same ${n} patients, ${hr}, is the naive row of the table under ${immortalSection} (biased by design); the crude Cox HR under ${effectsSection} is on ${crudeN} patients (the treatment-effect analyses' population).`,
  // propensity model table
  aliased: "aliased",
  psModelFootnote: (firth: boolean, formula: string, n: string, nTreated: string, nControl: string): string =>
    `Logistic regression ${firth ? "with Firth's penalised likelihood" : "(R: glm(family = binomial))"}: ${formula}; n = ${n} (${nTreated} treated, ${nControl} untreated).`,
  // matching table
  unmatchedReason: (reason: string): string =>
    ({ "no-control-within-caliper": "no control within the caliper", "controls-exhausted": "controls within reach already matched", "no-control-in-exact-stratum": "no control in the exact-matching stratum" })[reason] ?? reason,
  estimandFullPartial: (estimand: string, treatedMatched: string, treated: string, controlsMatched: string, controls: string): string =>
    `${estimand} in the patients placed in a subclass (${treatedMatched} of ${treated} treated, ${controlsMatched} of ${controls} controls)`,
  estimandFullAll: (estimand: string): string => `${estimand} (every patient in a subclass)`,
  estimandAtm: (treatedMatched: string, treated: string): string => `the matched treated (ATM: ${treatedMatched} of ${treated} treated patients kept), not the ATT`,
  estimandAtt: "ATT (every treated patient matched)",
  methodFull: (estimand: string, maxControls: string | null): string => `optimal full matching (${estimand} weights from the subclasses${maxControls !== null ? `, at most ${maxControls} controls per treated` : ""})`,
  methodPair: (nearest: boolean, ratio: string, replace: boolean, order: string): string =>
    `${nearest ? "nearest neighbour" : "optimal"} 1:${ratio} ${replace ? "with" : "without"} replacement${nearest ? `, order: ${order}` : ""}`,
  exactOn: (columns: string): string => `; exactly on ${columns}`,
  distanceLogit: "logit of the propensity score",
  distancePs: "propensity score",
  caliperNone: "none",
  caliperSd: (sd: string, width: string): string => ` SD of the distance (SD ${sd}; width ${width})`,
  matchingFootnote: (call: string, estimand: string): string => `As ${call}; the matched sample estimates ${estimand}.`,
  // balance table and Love plot
  smdFootnote: (formula: string): string => `SMD, standardised mean difference: ${formula}.`,
  sameDenominators: (n: string, nTreated: string, nControl: string): string =>
    `Every column uses the same denominators, from the ${n} patients with complete propensity covariates (${nTreated} treated, ${nControl} untreated).`,
  vrKsFootnote: "VR, variance ratio treated/control (continuous terms only); KS, Kolmogorov–Smirnov statistic (weighted empirical distribution functions; for binary terms |p₁ − p₀|).",
  imbalancedFootnote: (rule: string): string => `Imbalanced in: the samples in which the term is outside the balance thresholds (${rule}).`,
  loveDashedVr: (low: string, high: string): string => `VR = ${low} and ${high}`,
  loveCaption: (n: string, dashed: string, formula: string): string =>
    `Absolute standardised mean differences (left), variance ratios (middle, log scale; continuous terms only) and Kolmogorov–Smirnov statistics (right), unadjusted (open circles; the ${n} patients with complete propensity covariates) and after adjustment; dashed lines at ${dashed}. SMD: ${formula}.`,
  // weighting table
  weightingEstimand: (estimand: string, description: string, weights: string, trimming: string, truncation: string): string => `Estimand: ${estimand} — ${description}. Weights ${weights}${trimming}${truncation}.`,
  /** The weighting note when the weighted comparison is by treatment ever received (biased by design, immortal time; referee A8): the weights' target, not an estimand. */
  weightingBiased: (estimand: string, target: string, weights: string, trimming: string, truncation: string): string =>
    `Weights: ${estimand} weights (target: ${target}); here the weighted comparison is by treatment ever received from the origin and biased by design (immortal time), so it does not estimate the ${estimand}. Weights ${weights}${trimming}${truncation}.`,
  /** The population that weights of an estimand target. */
  weightsTarget: (estimand: string): string =>
    ({ ATE: "the whole study population", ATT: "the treated patients", ATC: "the untreated patients", ATO: "the overlap population (patients who could have received either treatment)" } as Readonly<Record<string, string>>)[estimand] ?? `the target population of ${estimand} weights`,
  trimmedTo: (lower: string, upper: string): string => `; propensity scores trimmed to [${lower}, ${upper}]`,
  truncatedAt: (percentile: string, k: string): string => `; weights truncated at the ${percentile}th percentile (${k} truncated)`,
  essFootnote: (overall: string): string => `ESS, Kish effective sample size (Σw)²/Σw² (overall ${overall}).`,
  largestWeights: (items: string): string => `Largest weights: ${items}.`,
  largestWeight: (id: string, group: string, weight: string, share: string): string => `patient ${id} (${group}) ${weight}, ${share}% of the total`,
  extremeWeights: (ratio: string, items: string): string => `Extreme weights (> ${ratio} × the group mean): ${items}.`,
  extremeWeight: (id: string, weight: string): string => `patient ${id} (${weight})`,
  /** A weight's group as the results name it ("treated", "control"). */
  weightGroup: (group: string): string => group,
  // figure texts (src/report/plots/ps-overlap.ts, love.ts)
  psOverlapSvgTitle: "Propensity score distributions",
  psLegendAbove: (label: string): string => `${label} (above)`,
  psLegendBelow: (label: string): string => `${label} (below)`,
  psOverlapDescription: (treated: string, control: string, bins: string, lo: string, hi: string, samples: string): string =>
    `Mirrored histograms of the propensity score (${treated} above, ${control} below), ${bins} common bins from ${lo} to ${hi}, for: ${samples}.`,
  /** The Love plot's description; stats the panels' ids in order, comma-separated ("smd,varianceRatio,ks"), adjusted the samples' labels or null, smdThreshold or null. */
  loveDescription: (stats: string, nVariables: string, adjusted: string | null, smdThreshold: string | null): string =>
    `${stats.split(",").map((x) => ({ smd: "standardised mean differences", varianceRatio: "variance ratios", ks: "Kolmogorov–Smirnov statistics" } as Readonly<Record<string, string>>)[x] ?? x).join(", ").replace(/^./, (c) => c.toUpperCase())} of ${nVariables} covariate(s) before adjustment${adjusted !== null ? ` and after ${adjusted}` : ""}${smdThreshold !== null ? `; SMD threshold ${smdThreshold}` : ""}.`,
  /** Between the items of a list of patients with their weights. */
  weightSeparator: "; ",
};


export type CausalMessages = typeof causalEn;

/** [id, pattern] of the engine texts of this part. */
export const CAUSAL_PATTERNS = [
  // a refused row of the treatment-effect table, with its code (summary.txt, "Analyses not estimable")
  ["notEstimatedRowCode", re(String.raw`Treatment effect, (?<model>[^:]+): (?<rest>not estimated: .+) \[(?<code>[A-Z_]+)\]`)],
  // flags of treatment-effect rows (src/study/effect-flags.ts)
  ["fewEventsFlag", re(String.raw`only (?<k>{N}) events?(?<inf> in informative matched sets)?: imprecise`)],
  ["balanceWorsenedFlag", re(String.raw`(?<what>matching|weighting) worsened balance: not confounding-adjusted`)],
  ["residualImbalanceFlag", re(String.raw`residual imbalance after (?<what>matching|weighting): (?<k>{N}) of (?<m>{N}) covariate terms imbalanced`)],
  [
    "residualImbalanceWarning",
    re(String.raw`(?<flag>residual imbalance after (?:matching|weighting): {N} of {N} covariate terms imbalanced): the (?<sample>matched|weighted) estimate rests partly on the covariate differences left \(named under (?<where>the treatment-effect table|the landmark balance table)\); never the default primary analysis`),
  ],
  [
    "fewEventsWarning",
    re(
      String.raw`(?<flag>only {N} events?(?: in informative matched sets)?: imprecise)(?: \(of its (?<e>{N}) events, only those in matched sets whose risk set still holds a treated and a control member enter the stratified likelihood\))?: fewer than (?<min>{N}) events \(analyses\.safeguards\.minEvents\), so the hazard ratio and its interval are unstable; never the default primary analysis`,
    ),
  ],
  [
    "balanceWorsenedWarning",
    re(
      String.raw`(?<what>matching|weighting) worsened covariate balance \(terms with \|SMD\| ≥ (?<th>{N}): (?<after>{N}), unadjusted (?<before>{N}); largest \|SMD\| (?<max>{N}), (?<term>.+), unadjusted (?<max0>{N})\): the (?<sample>matched|weighted) estimates are not interpretable as confounding-adjusted; they are kept, flagged, as sensitivity analyses only`,
    ),
  ],
  ["rosenbaumBiased", re(String.raw`the matched pairs compare patients by treatment ever received from the origin and are biased by design \((?<bias>[^)]+)\): a bound on hidden bias says nothing about a bias built into the comparison`)],
  ["rosenbaumWorsened", re(String.raw`matching worsened covariate balance \(largest \|SMD\| (?<max>{N}) against (?<max0>{N}) unadjusted\): the pairs are not confounding-adjusted, so these bounds concern hidden bias on top of measured confounding left in the pairs`)],
  // balance verdicts (src/causal/balance-verdict.ts) and the worsening appended to them (src/study/effect-flags.ts)
  ["balanceRuleFailing", re(String.raw`\|SMD\| ≥ (?<smd>{N})(?: or variance ratio outside (?<lo>{N})–(?<hi>{N}))?(?: or KS ≥ (?<ks>{N}))?`)],
  ["verdictNone", re(String.raw`(?<lead>Before adjustment|After matching|After weighting)(?: \(n = (?<n>{N})\))?, no covariate could be compared\.`)],
  ["verdictBalanced", re(String.raw`(?<lead>Before adjustment|After matching|After weighting)(?: \(n = (?<n>{N})\))?, all (?<m>{N}) covariate terms are balanced \((?<rule>[^()]+)\)\.`)],
  [
    "verdictImbalanced",
    re(
      String.raw`(?<lead>Before adjustment|After matching|After weighting)(?: \(n = (?<n>{N})\))?, (?<k>{N}) of (?<m>{N}) covariate terms (?:are|remain) imbalanced \((?<rule>[^()]+)\)(?:, (?<ks>{N}) of them with \|SMD\| ≥ (?<kth>{N}))?: (?<list>.+?)\.(?: (?<worse>(?:Matching|Weighting) made covariate balance worse than no adjustment: .+))?`,
    ),
  ],
  [
    "balanceWorse",
    re(
      String.raw`(?<what>Matching|Weighting) made covariate balance worse than no adjustment: (?:as many terms with \|SMD\| ≥ (?<th>{N}) as before \((?<a>{N}) of (?<m>{N})\)|(?<a2>{N}) of (?<m2>{N}) terms with \|SMD\| ≥ (?<th2>{N}) against (?<b2>{N}) before), largest \|SMD\| (?<max>{N}) \((?<term>.+)\) against (?<max0>{N}); the (?<sample>matched|weighted) estimates are not interpretable as confounding-adjusted\.`,
    ),
  ],
] as const satisfies readonly (readonly [string, RegExp])[];

export type CausalTextId = (typeof CAUSAL_PATTERNS)[number][0];
