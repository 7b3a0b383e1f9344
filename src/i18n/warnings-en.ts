/**
 * The English texts of the engines (warnings, notes, reasons, formula phrases) as patterns: named groups
 * are the parameters that the German and Japanese templates (warnings-de.ts, warnings-ja.ts) put in their
 * places. A pattern must match a whole text (or the message after its "scope: " prefixes, see
 * src/i18n/warnings.ts); the first pattern that matches wins. A group named `rest`, `reason` or `text`
 * holds a nested engine text that the templates translate in turn.
 */

import { re } from "./warnings-en-re.js";
import { IMMORTAL_PATTERNS } from "./immortal-en.js";
import { CAUSAL_PATTERNS } from "./causal-en.js";
import { EFFECTS_PATTERNS } from "./effects-en.js";
import { LONG_TERM_PATTERNS } from "./long-term-en.js";
import { DESCRIPTIVE_PATTERNS } from "./descriptive-en.js";

/** [id, pattern] of each engine text. */
export const ENGINE_PATTERNS = [
  // ---- reasons and headers
  ["notEstimableDash", re(String.raw`(?<what>.+): not estimable — (?<reason>.+) \[(?<code>[A-Z_]+)\]`)],
  ["notEstimable", re(String.raw`not estimable: (?<reason>.+)`)],
  ["eventDeath", re("death")],
  ["eventFromCause", re(String.raw`(?<event>death|the event of .+?) from (?<cause>.+?) \(other causes censored: a cause-specific mixture cure model\)`)],
  ["eventAnyCause", re(String.raw`(?<event>death|the event of .+?) from any cause`)],
  ["noPooled", re(String.raw`(?<text>.+); no pooled estimate`)],
  ["notEstimatedBare", re(String.raw`not estimated: (?<e>{N}) events for (?<p>{N}) parameters \(EPV (?<epv>{N}), floor (?<floor>{N}); set (?<key>\S+) to change\)`)],
  ["fewBeyondLast", re(String.raw`Only (?<n>{N}) patients are followed beyond the last death: the plateau rests on very few patients\.`)],
  ["treatedFromDate", re(String.raw`treated patients \((?<label>[^()]+)\) from the date of treatment`)],
  ["inAllImputations", re(String.raw`(?<text>.+) \(in all (?<m>{N}) completed datasets\)`)],
  ["notEstimableAny", re(String.raw`not estimable in any of the (?<m>{N}) completed datasets(?: \(dataset (?<k>{N}): (?<reason>.+)\))?`)],
  ["notEstimableIn", re(String.raw`not estimable in completed datasets? (?<list>\d+(?:, \d+)*) of (?<m>{N})(?: \((?<reason>.+)\))?`)],
  ["notEstimated", re(String.raw`(?<model>[^:]+): not estimated: (?<e>{N}) events for (?<p>{N}) parameters \(EPV (?<epv>{N}), floor (?<floor>{N}); set (?<key>\S+) to change\)`)],
  ["notRun", re(String.raw`not run: (?<reason>.+)`)],
  // ---- missing values and exclusions
  ["rowsDropped", re(String.raw`(?<n>{N}) rows? dropped for missing values: (?<list>.+)`)],
  ["leftOutMissing", re(String.raw`(?<n>{N}) patient\(s\) left out for missing covariates \((?<t>{N}) treated, (?<c>{N}) never treated\)`)],
  ["leftOutMissingBy", re(String.raw`(?<n>{N}) patient\(s\) left out for missing covariates \((?<t>{N}) treated by then, (?<c>{N}) not\)`)],
  ["landmarkExcluded", re(String.raw`(?<n>{N}) patient\(s\) died or left follow-up before it and are not in the landmark analysis`)],
  // ---- events per parameter
  ["fewEpv", re(String.raw`few events per parameter: (?<e>{N}) events for (?<p>{N}) parameters \(EPV (?<epv>{N}), below (?<floor>{N})\): estimates may be biased away from 1 and their CIs too narrow \(Peduzzi 1996\)`)],
  ["fewEpvConditional", re(String.raw`few events per parameter: (?<e>{N}) events for (?<p>{N}) parameters \(EPV (?<epv>{N})\): the conditional HR may be biased away from 1 and its CI too narrow \(Peduzzi 1996\)`)],
  ["tooFewEpvPrediction", re(String.raw`too few events per parameter: (?<e>{N}) events for (?<p>{N}) parameters \(EPV (?<epv>{N}), below the floor of (?<floor>{N})\): expect a large optimism correction and poor calibration in new patients; prefer fewer covariates`)],
  ["effectsEpv", re(String.raw`(?<k>{N}) models with too few events per parameter, below the floor of (?<floor>{N}) at which the study's other models are not fitted: (?<list>.+): do not rely on these estimates`)],
  ["modelEpvItem", re(String.raw`(?<model>.+): (?<e>{N}) events for (?<p>{N}) parameters, EPV (?<epv>{N})`)],
  // a propensity model refused below the floor (propensityBelowFloor: refuse; the study's and the landmark's, src/study/propensity-step.ts, immortal-time/landmark-ps.ts)
  ["propensityRefused", re(String.raw`propensity model \(events = patients in the smaller group\): not estimated: (?<n>{N}) patients? for (?<k>{N}) parameters? \(EPV (?<epv>{N}), floor (?<floor>{N}); set (?<key>\S+) to change\)(?<hint>\. collect more events, fit fewer parameters, or lower analyses\.safeguards\.epvFloor)?`)],
  ["propensityEpv", re(String.raw`propensity model: (?<n>{N}) patients in the smaller group \((?<group>controls|treated)\) for (?<k>{N}) coefficients \(EPV (?<epv>{N}), below the floor of (?<floor>{N})\): kept because (?<key>\S+) is "warn"; its coefficients are not interpreted, so judge it by the balance after matching and weighting, and prefer fewer covariates`)],
  ["ccwEpvFloor", re(String.raw`(?<d>{N}) deviations for (?<p>{N}) parameters \(EPV (?<epv>{N}), below the floor of (?<floor>{N}) at which the study's other models are not fitted; kept because the weights cannot be formed without it\): the weights \(max (?<max>{N})\) may be unstable; read the intervals with caution or use fewer covariates`)],
  ["ccwEpv", re(String.raw`(?<d>{N}) deviations for (?<p>{N}) parameters \(EPV (?<epv>{N}), below (?<floor>{N})\): the weights \(max (?<max>{N})\) may be unstable; read the intervals with caution or use fewer covariates`)],
  ["riley", re(String.raw`sample size: the model was fitted on (?<n>{N}) patients \((?<e>{N}) events\); the Riley criteria ask for at least (?<need>{N}) \((?<needE>{N}) events\) for (?<p>{N}) parameters: expect overfitting`)],
  // ---- Cox
  ["infinite", re(String.raw`coefficient for (?<terms>"[^"]+"(?:(?:, | and )"[^"]+")*) may be infinite: the partial likelihood converged before this coefficient did \(monotone likelihood, e\.g\. no events in one group\); consider Firth's penalised likelihood \(R: coxphf\)`)],
  ["firthFitted", re(String.raw`Firth's penalised likelihood \(coxphf\) was fitted because a coefficient diverged: report its estimates`)],
  // the same two once Firth's fit is done (src/survival/coxph.ts): no advice to do it, and where its estimates are
  ["infiniteFirthDone", re(String.raw`coefficient for (?<terms>"[^"]+"(?:(?:, | and )"[^"]+")*) may be infinite: the partial likelihood converged before this coefficient did \(monotone likelihood, e\.g\. no events in one group\)`)],
  ["firthFittedWhere", re(String.raw`Firth's penalised likelihood \(coxphf\) was fitted because a coefficient diverged: use its estimates \(the result's firth part; in the report's Cox table, the rows marked †\), not the diverging ones`)],
  // ---- matching
  ["notMatched", re(String.raw`(?<n>{N}) of (?<total>{N}) treated units were not matched`)],
  ["outsideRange", re(String.raw`(?<t>{N}) treated and (?<c>{N}) control unit\(s\) lie outside the other group's propensity-score range \(no comparable patients\)`)],
  ["greedyOrder", re(String.raw`greedy (?<order>largest|smallest)-first matching left a within-pair imbalance in the logit propensity score: treated minus control (?<a>{N}) SD on average, against (?<b>{N}) SD in a seeded random order \((?<m>{N}) treated matched\); the matched effect may carry it \(a biased HR with under-covering CI\): prefer order "random", a tighter caliper, or full matching`)],
  [
    "fewerControls",
    re(
      String.raw`fewer control units than treated units \((?<c>{N}) controls, (?<t>{N}) treated, 1:(?<ratio>{N}) matching without replacement\); not all treated units will get a match: at most (?<max>{N}) of (?<t2>{N}) treated can be matched, and the matched sample estimates the effect in the matched treated, not the ATT\. Designs that fit: match each control to a treated patient \(ATC, the effect in patients like the controls\): keeps (?:all (?<c2>{N})|(?<c2k>{N}) of (?<c2n>{N})) controls and (?<c3>{N}) of (?<t3>{N}) treated; full matching \(subclasses of one treated and several controls or the reverse, MatchIt method = "full"; in the spec, matching\.method: full\): (?:keeps all (?<full>{N}) patients(?: who have a partner within the caliper)?|keeps (?<fk>{N}) of (?<fn>{N}) patients with the caliper of (?<cal>.+?) \((?<ft>{N}) of (?<ftn>{N}) treated, (?<fc>{N}) of (?<fcn>{N}) controls: those with a partner within it\), all (?<fall>{N}) without a caliper \(matching\.caliper: null\)), ATT or ATE; weighting \(IPTW for the ATE, or overlap weights for the ATO, which down-weight patients without comparable counterparts\): keeps all (?<w>{N}) patients`,
    ),
  ],
  // ---- immortal time, clone–censor–weight
  ["bootstrapFailed", re(String.raw`(?<n>{N}) of (?<b>{N}) bootstrap replicates failed altogether and were left out`)],
  ["graceDefault", re(String.raw`grace period (?<g>{N}) (?<unit>\w+), the default \(the 90th percentile of the times from origin to treatment, rounded up, at least the landmark\); set (?<key>\S+) to the clinically intended window`)],
  // ---- cure
  ["latencyUndetermined", re(String.raw`the latency is not determined by the data: (?<list>.+) fit almost as well as the chosen (?<chosen>[\w -]+), with cure fractions from (?<lo>{N})% to (?<hi>{N})%`)],
  [
    "mallerZhouInconclusive",
    re(String.raw`Whether follow-up is long enough is inconclusive: the Maller–Zhou test rests on (?<e>{N}) event\(s\) between (?<a>{N}) and (?<b>{N}) \(the Maller–Zhou window before the last event\), (?<n>{N}) patient\(s\) followed beyond the last event at (?<last>{N}) \(fewer than (?<min>{N}) is too few\)\.`),
  ],
  ["cureAboveKm", re(String.raw`the model's cure fraction \((?<cure>{N})%\) is above the Kaplan–Meier survival after the last event \((?<km>{N})%\), which a cure fraction should not exceed \(the cured are among the long-term survivors\): the model overstates cure in the tail`)],
  [
    "cureAllCause",
    re(String.raw`the cure fraction is the probability of never having (?<event>.+) among the (?<n>{N}) patients of the model, treated and untreated together \((?<treatment>.+) is not in the model\): not a cure fraction of the disease \(name the cause of interest under (?<key>\S+) for a cause-specific model\)`),
  ],
  // ---- recurrent events
  ["emptyStrata", re(String.raw`event-number strata without events \(they add nothing to the likelihood\): (?<list>.+)`)],
  [
    "indexOperation",
    re(String.raw`the index operation \((?<col>\S+), the (?<treatment>.+) date\) is not counted: events are the operations after it \(set countIndexOperation: true to count it\); repeat operations only follow a first one, so patients without (?<treatment2>.+) have none by construction \(population: treated follows the operated patients from the date of the operation instead\)`),
  ],
  // ---- sensitivity
  ["ciContainsOne", re(String.raw`the observed confidence interval already contains 1: the bias analysis shows how far the estimate could move, not what would explain a significant result away`)],
  ["rosenbaumCensored", re(String.raw`(?<n>{N}) pairs with a member censored before (?<t>{N}) are left out`)],
  // ---- phrases the methods text takes from the results
  ["ate", re(String.raw`average treatment effect \(ATE\)`)],
  ["att", re(String.raw`average treatment effect in the treated \(ATT\)`)],
  ["ateDescription", re(String.raw`the effect of treatment had the whole study population been treated versus had nobody been treated`)],
  ["attDescription", re(String.raw`the effect of treatment in the patients who were treated`)],
  ["weightsAte", re(String.raw`w = 1/e \(treated\); w = 1/\(1 − e\) \(control\)(?<rest>.*)`)],
  ["stabilised", re(String.raw`, then stabilised: multiplied by the proportion of patients in the patient's own group \((?<t>{N}) for treated, (?<c>{N}) for untreated patients\)`)],
  [
    "smdFormula",
    re(
      String.raw`SMD = \(x̄₁ʷ − x̄₀ʷ\)/σ, σ = √\(\(s₁² \+ s₀²\)/2\), the pooled SD of the unadjusted treated and control groups, the same before and after adjustment; continuous variables \(x̄₁ − x̄₀\)/σ; binary variables \(p₁ − p₀\)/σ with s² = p\(1 − p\); weighted means and variances Σw̃\(x − x̄\)²/\(1 − Σw̃²\), w̃ = w/Σw`,
    ),
  ],
  ["balanceRule", re(String.raw`\|SMD\| < (?<smd>{N})(?: and variance ratio within (?<lo>{N})–(?<hi>{N}))?(?: and KS < (?<ks>{N}))?`)],
  ["matchedSet", re(String.raw`matched set`)],
  ["ccwPrimary", re(String.raw`[Cc]lone–censor–weight, target-trial emulation \(grace period (?<g>{N}) (?<unit>\w+)\)`)],
  [
    "defaultOrder",
    re(
      String.raw`clone–censor–weight \(target-trial emulation\), time-dependent Cox adjusted for the covariates, landmark IPTW \(M-estimation SE, then robust SE\), landmark PS-matched, landmark multivariable Cox \(these handle immortal time\), IPTW with M-estimation SE, IPTW with robust SE, PS-matched, multivariable and crude Cox`,
    ),
  ],
  ["deathAnyCause", re(String.raw`death from any cause`)],
  ["treatedPatients", re(String.raw`treated patients \((?<def>.+)\)`)],
  ["allPatients", re(String.raw`all patients`)],
  // ---- model names (effect estimates, recurrent-event models, latency distributions)
  ["effectLabel", re(String.raw`(?<model>Crude Cox|Multivariable Cox|PS-matched Cox|IPTW Cox)(?<adj> stratified on matched set| adjusted for covariates)?(?: \((?<details>[^()]+)\))?`)],
  ["andersenGill", re(String.raw`Andersen–Gill`)],
  ["pwp", re(String.raw`PWP (?<scale>total|gap) time`)],
  ["latency", re(String.raw`(?<dist>Weibull|log-normal|log-logistic|generalised gamma|exponential)`)],
  // ---- texts the app's results view showed in English (test/e2e/app-language.test.ts)
  ["bootNotEstimableCount", re(String.raw`not estimable by bootstrap \((?<failed>{N}) of (?<b>{N}) replicates failed\)`)],
  ["notInEquipoise", re(String.raw`not in empirical equipoise: (?<t>{N})% of treated and (?<c>{N})% of controls have a preference score in \[(?<lo>{N}), (?<hi>{N})\] \(Walker et al\. ask ≥ (?<share>{N})% of each\)`)],
  ["immortalSwitchedOff", re(String.raw`the immortal-time analyses are switched off \(immortalTime: false\) although treatment \((?<date>.+)\) can happen after the origin: every comparison by treatment received from the origin is biased by design \(immortal time\)`)],
  // ---- the parts' own texts (src/i18n/{immortal,causal,long-term,descriptive}-en.ts), after the shared ones
  ...IMMORTAL_PATTERNS,
  ...CAUSAL_PATTERNS,
  ...EFFECTS_PATTERNS,
  ...LONG_TERM_PATTERNS,
  ...DESCRIPTIVE_PATTERNS,
  // a refused model under a label that names it (src/study/not-estimable.ts notEstimableText), after the rows' own patterns
  ["notEstimatedCode", re(String.raw`(?<what>.+?): (?<rest>not estimated: .+) \[(?<code>[A-Z_]+)\]`)],
] as const satisfies readonly (readonly [string, RegExp])[];

/** [id, pattern] of each scope, the part before ": " that names the analysis a message concerns. */
export const SCOPE_PATTERNS = [
  ["propensity", re("propensity")],
  ["cox", re("Cox")],
  ["multivariable", re("multivariable")],
  ["univariableList", re(String.raw`univariable (?<label>.+), multivariable and linearity check`)],
  ["univariable", re(String.raw`univariable (?<label>.+)`)],
  ["linearity", re("linearity check")],
  ["immortal", re("immortal time")],
  ["tdAdjusted", re("adjusted time-dependent Cox")],
  ["tdAdjustedLong", re("(?<prefix>Immortal time: )?[Tt]ime-dependent Cox adjusted for the covariates")],
  ["landmarkPsLong", re("(?:Immortal time: )?landmark analysis with the PS re-estimated")],
  ["immortalCap", re("Immortal time")],
  ["tdAdjustedAndCcw", re("adjusted time-dependent Cox and clone–censor–weight")],
  ["landmarkPs", re(String.raw`landmark at (?<t>{N}) (?<unit>\w+) \(PS\)`)],
  ["landmark", re(String.raw`landmark at (?<t>{N}) (?<unit>\w+)`)],
  ["ccw", re("clone–censor–weight")],
  ["ccwCensoring", re(String.raw`clone–censor–weight, censoring model of "(?<strategy>.+)"`)],
  ["effects", re("treatment effects")],
  ["cure", re("cure model")],
  ["allPatients", re("All patients")],
  ["missingData", re("missing data")],
  ["effectRow", re(String.raw`Treatment effect, (?<list>(?:Crude|Multivariable|PS-matched|IPTW) Cox[^:]*)`)],
  ["prediction", re("prediction model")],
  ["recurrent", re("recurrent events")],
  ["pwpBoth", re("PWP total time and PWP gap time")],
  ["pwp", re(String.raw`PWP (?<scale>total|gap) time`)],
  ["sensitivity", re("sensitivity")],
  ["biasAnalysis", re("bias analysis")],
  ["rosenbaum", re("Rosenbaum bounds")],
  ["competingCs", re("Competing risks, cause-specific Cox model")],
  ["competingFg", re("Competing risks, Fine–Gray model")],
  ["csModel", re(String.raw`cause-specific Cox, (?<cause>.+)`)],
  ["fgModel", re(String.raw`Fine–Gray, (?<cause>.+)`)],
  ["effectLabels", re(String.raw`(?<list>(?:Crude|Multivariable|PS-matched|IPTW) Cox[^:]*)`)],
  // a refused landmark model by its landmark time and model (src/study/not-estimable.ts notEstimableParts)
  ["landmarkRow", re(String.raw`Immortal time, landmark at (?<t>{N}) (?<unit>\w+), (?<model>.+)`)],
  // a bootstrap note's scope: the statistic and the effect row (src/causal/bootstrap.ts)
  ["hrOfRow", re(String.raw`hazard ratio, (?<list>(?:Crude|Multivariable|PS-matched|IPTW) Cox[^:]*)`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type EngineTextId = (typeof ENGINE_PATTERNS)[number][0];
export type ScopeId = (typeof SCOPE_PATTERNS)[number][0];
