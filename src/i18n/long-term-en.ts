/**
 * English texts of one part of the report: Long-term survival and cure, the prediction model, recurrent events and competing risks (src/report/sections-long-term.ts, tables-long-term.ts, sections-prediction-use.ts, the competing-risks section).
 * The reference for long-term-de.ts and long-term-ja.ts (their type is this object's). Engine texts of this part (warnings,
 * notes, reasons the engines emit in English) are patterns in `LONG_TERM_PATTERNS`, appended to the catalogue of
 * src/i18n/warnings-en.ts after its own patterns (the first pattern that matches a whole text wins).
 */
import { re } from "./warnings-en-re.js";

export const longTermEn = {
  // ---- cure (sections-long-term.ts cureSection, tables-long-term.ts cure tables, plots/cure-fit.ts)
  cureFlat: (length: string, unit: string, pct: string): string => `The Kaplan–Meier curve is flat for ${length} ${unit} after the last event, at ${pct}.`,
  cureRule: (min: string, alpha: string): string => `(Rule: fewer than ${min} events in the window or ${min} patients followed beyond the last event is inconclusive; otherwise the Maller–Zhou test at ${alpha} decides.)`,
  cureUpperBound: " Read the cure fractions below as upper bounds: later events may still come.",
  /** What the cure fraction is of; `notOfDisease`: why it is not a cure fraction of the disease (null when it is). */
  /**
   * What the cure fraction is the probability of; `cause`: the cause of a cause-specific model of death ("never dying of
   * sarcoma"), else null and the engine's event text (referee s12 B6).
   */
  cureProbNever: (cause: string | null, event: string): string =>
    cause === null ? `probability of never having ${event}` : `probability of never dying of ${cause.toLowerCase()} (deaths from other causes censored: a cause-specific mixture cure model)`,
  cureOfWhat: (probability: string, population: string, latency: string, aic: boolean, notOfDisease: { anyCause: boolean; pooled: boolean } | null): string =>
    `What the cure fraction is of: the ${probability}, among ${population}; latency ${latency}${aic ? " (the lowest AIC of the parametric latencies)" : ""}.${notOfDisease === null ? "" : ` It is not a cure fraction of the disease${notOfDisease.anyCause ? ": deaths from other causes count as events" : ""}${notOfDisease.pooled ? ", and treated and untreated patients are pooled" : ""}.`}`,
  cureRelative: (description: string): string => `Relative survival: ${description}. The model is S(t) = S*(t)·[π + (1 − π)·S_u(t)], with S*(t) each patient's expected survival; π, the cure fraction, is the proportion with no excess mortality (their survival equals that of the general population).`,
  /** The cure model's patients; `who` null: all patients. */
  curePopulation: (all: boolean, n: string, who: string | null, endpoint: string, fromTreatment: boolean, excluded: string | null): string =>
    `${all ? "all " : ""}${n} ${who ?? "patients"} with ${endpoint.toLowerCase()} data${fromTreatment ? " from the date of treatment" : ""}${excluded === null ? "" : ` and complete model covariates (${excluded} left out)`}, n = ${n}`,
  /** The endpoint of a cause-specific cure model of death, as figure titles name it (referee s12 A9). */
  cureCauseEndpoint: (cause: string): string => `Death from ${cause.toLowerCase()} (other causes censored)`,
  /** Which Kaplan–Meier estimate a cause-specific cure model is set against (figure caption, cure-fraction table). */
  cureKmCauseSpecific: (cause: string): string => `The Kaplan–Meier estimate is cause-specific: death from ${cause.toLowerCase()} is the event, deaths from other causes are censored.`,
  cureFitPlotTitle: (label: string): string => `${label}: cure model over Kaplan–Meier`,
  cureFitFigureTitle: (label: string): string => `${label}: mixture cure model over the Kaplan–Meier estimate.`,
  /** The cure figure keeps the Kaplan–Meier tail the other figures cut (figures.minAtRisk): said, with why. */
  cfTailNote: (minAtRisk: string): string => ` Unlike the other figures, the Kaplan–Meier curves run to the last follow-up, past the point where fewer than ${minAtRisk} patients remain at risk: the tail is what a cure model is judged against; read it with its numbers at risk.`,
  cureFitCaption: (by: string | null, relative: boolean, fits: string, population: string, kmN: string | null): string =>
    `Solid: Kaplan–Meier estimate${by ? ` by ${by}` : ""}; dashed: the cure model's survival (${relative ? "all-cause: S*(t)·[π + (1 − π)·S_u(t)] with S*(t) the expected survival from the life table" : "π + (1 − π)·S_u(t)"}, averaged over the ${by ? "group's " : ""}patients); dotted: the estimated cure fraction${by ? " per group" : ""}. ${fits} Population: ${population}${kmN === null ? "" : ` (Kaplan–Meier: n = ${kmN})`}.`,
  cureProfilesPopulation: (population: string): string => `model fitted to ${population}`,
  cureOverall: "overall",
  cureNoEvents: "not estimable (no events)",
  cureGroupEstimate: (estimate: string, lower: string, upper: string, plateau: string | null, disagrees: boolean): string =>
    `${estimate} (95% CI ${lower}–${upper})${plateau === null ? "" : `, Kaplan–Meier plateau ${plateau}`}${disagrees ? " — not a finding: the model and the data disagree (see the first paragraph)" : ""}`,
  /** A group whose model fraction is not a finding: the Kaplan–Meier estimate at the end of follow-up first, the model second (referee s12 A10). */
  cureKmEnd: (surv: string, lower: string, upper: string): string => `${surv} (95% CI ${lower}–${upper})`,
  cureGroupKmFirst: (km: string, estimate: string, lower: string, upper: string): string =>
    `Kaplan–Meier at the end of follow-up ${km}, an upper bound on the proportion cured; model ${estimate} (95% CI ${lower}–${upper}), not supported by the data (see the first paragraph)`,
  /** The title of a table of the model's own numbers when its fraction is not a finding (referee s12 A10). */
  cureTableNotSupported: (title: string): string => `${title} — model not supported by the data, shown for transparency`,
  cureSummary: (disagrees: boolean, latency: string, aic: boolean, event: string, population: string, groups: string): string =>
    `${disagrees ? `Proportion cured (${event}; ${population}; model: the ${latency} mixture cure model${aic ? ", lowest AIC" : ""})` : `Estimated cure fraction by the ${latency} mixture cure model${aic ? " (lowest AIC)" : ""} (${event}; ${population})`}: ${groups}. Each patient's probability of cure given the covariates, and given event-free follow-up so far, is in results.json (analyses.cure.patients).`,
  cfCured: (pct: string): string => `cured ${pct}`,
  cfModel: "Cure model",
  /** The legend item of the Kaplan–Meier curve beside the cure model's. */
  cfKaplanMeier: "Kaplan–Meier",
  /** The dotted line's label when the data do not support the cure fraction (src/report/plots/cure-fit.ts `notSupported`). */
  cfNotSupported: "mixture cure model (cure fraction not supported by the data)",
  cfFractionNotSupported: (pct: string): string => `${pct}, not supported by the data`,
  cfTitle: "Cure model fit over Kaplan–Meier curves",
  cfDescription: (groups: string | null, fractions: string | null, risk: boolean): string =>
    `Kaplan–Meier estimates (solid) and fitted mixture cure model population survival (dashed)${groups === null ? "" : ` by group: ${groups}`}${fractions === null ? "" : `; dotted lines at the cure fractions (${fractions})`}${risk ? ", with numbers at risk" : ""}.`,
  ctNotEstimable: "not estimable (no events)",
  ctVerdict: (verdict: "sufficient" | "inconclusive" | "not-shown", events: string): string => `${verdict === "not-shown" ? "not shown" : verdict} (${events} events in window)`,
  ctOutsideBand: " (outside band)",
  ctModelEm: (replicates: string): string => `semiparametric PH mixture cure model (EM as R smcure; bootstrap CI, ${replicates} replicates)`,
  ctModelMl: (latency: string): string => `${latency} mixture cure model (maximum likelihood; delta-method CI)`,
  ctTitle: "Estimated cure fraction",
  ctGroup: "Group",
  ctEvents: "Events",
  ctCured: (level: string): string => `Cured, % (${level}% CI)`,
  ctPlateau: (unit: string): string => `Plateau (${unit})`,
  ctBeyond: "Followed beyond last event",
  ctMallerZhou: "Maller–Zhou p",
  ctKmLast: "KM at last event, %",
  /**
   * The cure-fraction table when the model and the data disagree (not a finding; referee s12 A15): the Kaplan–Meier estimate
   * at the end of follow-up with its CI comes first, the model's fraction second, labelled as not supported.
   */
  ctKmEndCi: (level: string): string => `Kaplan–Meier at the end of follow-up, % (${level}% CI): upper bound on the proportion cured`,
  ctCuredModel: (level: string): string => `Cured by the model, % (${level}% CI)`,
  ctNotSupported: (value: string): string => `${value}; not supported by the data`,
  ctFootNotFinding:
    "The model's cure fraction is not a finding here (the model and the data disagree; see the first paragraph): the Kaplan–Meier estimate at the end of follow-up, an upper bound on the proportion cured, comes first, the model's fraction second.",
  /** The cure figure's caption when a model fraction is not supported: its line is drawn without its band (referee s12 A15). */
  cfNoBand: " The dotted line of a cure fraction the data do not support is drawn without its confidence band, so as not to read as a finding; the Kaplan–Meier curve's end is the upper bound to read.",
  ctFollowUp: "Follow-up",
  ctDistance: "Largest distance model vs KM",
  ctFootCured: (model: string, probability: string, population: string): string => `Cured: the ${probability} by the ${model}, averaged over the group's patients (${population}).`,
  ctFootPlateau:
    "Plateau: time from the last event to the end of follow-up, over which the Kaplan–Meier curve is flat; KM at last event: the nonparametric cure estimate (the plateau's height). Maller–Zhou p: test of sufficient follow-up (Maller & Zhou 1996, q_n); Follow-up: inconclusive with fewer than 5 events in the window before the last event or fewer than 5 patients followed beyond it, else sufficient when p < 0.05.",
  /** `outside`: a row is marked "(outside band)"; else the band is named as the check that every row passed (referee s12 B5). */
  ctFootDistance: (replicates: string, seed: string, outside: boolean): string =>
    `Largest distance: sup over time of |model survival − Kaplan–Meier|; ${outside ? "outside band: the model curve leaves" : "the model curve stays inside"} the 95% simultaneous bootstrap band of the Kaplan–Meier estimate (${replicates} resamples, seed ${seed}).`,
  clLowestAic: " (lowest AIC)",
  clNotConverged: " (did not converge: not compared)",
  clUsed: " — used",
  clEmUsed: "Semiparametric PH (EM) — used",
  clKm: "Nonparametric: Kaplan–Meier at the last event",
  clTitle: "Cure model: choice of latency",
  clLatency: "Latency of the uncured",
  clLoglik: "Log-likelihood",
  clCured: "Cured, % (95% CI)",
  clFootCriterion: (criterion: string): string =>
    `Criterion: ${criterion} (AIC = −2 log-likelihood + 2 × parameters; the generalised gamma has one parameter more, its shape Q, and nests the Weibull at Q = 1 and the log-normal as Q → 0, so it is always within 2 of the better of those two). A ΔAIC below 2 means the data hardly prefer one latency: the cure fractions of those models are then the honest range.`,
  clFootKm: "Kaplan–Meier at the last event: the nonparametric cure estimate, valid only when follow-up is long enough (see the follow-up check). The semiparametric model has no comparable likelihood.",
  cpTitle: "Cure fraction by covariate profile",
  cpProfile: "Profile",
  cpFoot: "Probability of cure from the incidence model at each profile, the other covariates at their means; CI by the delta method on the logit scale.",
  cmIncidence: "Incidence: odds ratio of being cured",
  cmLatencyTime: "Latency: time ratio among the uncured",
  cmLatencyHazard: "Latency: hazard ratio among the uncured",
  cmFootMixture: "Mixture cure model: survival = π + (1 − π)·S_u(t), with π the probability of cure (logistic model) and S_u the survival of the uncured (latency).",
  cmFootEm: "Semiparametric proportional-hazards latency (R smcure); CIs and p-values from the bootstrap standard errors.",
  cmFootAft: (latency: string, shape: string, rate: string, unit: string, ratios: boolean): string =>
    `${latency} latency: shape ${shape}, rate ${rate} per ${unit}${ratios ? "; time ratios e^{−β} (the uncured's survival times are multiplied by this per unit)" : ""}; Wald tests from the observed information.`,
  /** `ratios`: the latency has covariates, whose hazard ratios the table shows (referee s12 B5). */
  cmFootWeibull: (shape: string, rate: string, unit: string, ratios: boolean): string =>
    `Weibull latency: shape ${shape}, rate ${rate} per ${unit}${ratios ? "; hazard ratios e^{αβ} with delta-method CIs" : ""}; Wald tests from the observed information.`,
  /** "per month": the unit in the singular. */
  cmPerUnit: (unit: string): string => unit.replace(/s$/, ""),
  cmTitleCure: "Cure model coefficients",
  cmCovariate: "Covariate",
  cmRatio: "Ratio (95% CI)",
  // ---- the long-term answer (src/report/long-term-answer.ts)
  laTheDisease: "the disease",
  laWhoAll: (n: string): string => `all ${n} patients`,
  laWhoSome: (n: string, who: string): string => `the ${n} ${who}`,
  laEventsRelative: (e: string): string => `${e} deaths (any cause; the model attributes the excess over the life table to the disease)`,
  laEventsAny: (e: string): string => `${e} events (any cause)`,
  laEventsCause: (e: string, cause: string): string => `${e} deaths from ${cause.toLowerCase()}`,
  laModel: (kind: "relative" | "all-cause" | "cause-specific", latency: string, chosen: "aic" | "ph" | "spec"): string =>
    `the ${kind === "relative" ? "relative-survival" : kind} ${latency} mixture cure model${chosen === "aic" ? " (latency chosen by the lowest AIC among the converged Weibull, log-normal, log-logistic and generalised gamma fits)" : chosen === "ph" ? "" : " (latency as the study specifies)"}`,
  laCriterionRelative:
    " Criterion for the kind of model: relative survival needs no cause of death, only a life table of the patients' own population and calendar years; the alternative, a cause-specific model, needs a recorded cause for every death.",
  laCriterionCause:
    " Criterion for the kind of model: a cause-specific model because the cause is recorded for every death (a death without one stops the run); relative survival is the alternative when causes are missing or unreliable, and it needs a life table of the patients' own population and calendar years.",
  laEffect: (or: string, lower: string, upper: string, to: string, from: string): string => `odds ratio of cure ${or}, 95% CI ${lower}–${upper}, ${to} against ${from}`,
  laUnusable: (covariate: string, effect: string, fold: string): string => `${covariate} (${effect}; the CI spans more than ${fold}-fold)`,
  laNoUsable: (all: boolean, list: string): string => ` ${all ? "No covariate has a usable estimate of its effect on cure" : "No usable estimate for"}: ${list}.`,
  laProfileAt: (pct: string, name: string, lower: string | null, upper: string | null): string => `${pct} (${name}${lower === null || upper === null ? "" : `; 95% CI ${lower}–${upper}%`})`,
  laProfileRange: (lo: string, hi: string): string => ` By the incidence model, the probability of cure runs from ${lo} to ${hi}, the other covariates at their means.`,
  laPrediction: (endpoint: string, time: string, unit: string, population: string, n: string, events: string, corrected: boolean, c: string, reading: "chance" | "modest" | "useful"): string =>
    ` Told apart before surgery? The prediction model of ${endpoint.toLowerCase()} at ${time} ${unit} in ${population} (n = ${n}, ${events} events) has ${corrected ? "an optimism-corrected" : "a"} Harrell's C of ${c}: ${reading === "chance" ? "discrimination hardly better than chance (0.5)" : reading === "modest" ? "modest discrimination" : "useful discrimination"}.`,
  laLimitFollowUp: (events: string, beyond: string, inconclusive: boolean): string =>
    `that follow-up is long enough to speak of cure: ${events} event(s) fall in the Maller–Zhou window before the last event and ${beyond} patient(s) are followed beyond it, so the check is ${inconclusive ? "inconclusive" : "not passed"} and every cure fraction here is an upper bound`,
  laLimitAbovePlateau: (model: string, plateau: string): string =>
    `a cure fraction above the Kaplan–Meier plateau: the model's ${model} exceeds the ${plateau} still alive after the last event, so the model overstates cure in the tail and the plateau is the safer figure`,
  laLimitLatencies: (n: string, lo: string, hi: string): string => `a choice between latencies: ${n} fits lie within 2 AIC points, with cure fractions from ${lo} to ${hi}`,
  laLimitEpv: (events: string, parameters: string, epv: string): string => `precise covariate effects: ${events} events for ${parameters} coefficients (${epv} events per coefficient)`,
  laLimitCause: (cause: string): string =>
    `a separation of death from ${cause.toLowerCase()} and death from other causes: no patient of the model died of another cause, so here the cause-specific model cannot be told apart from one of death from any cause`,
  laLimitFit: "a good fit of the model to the Kaplan–Meier curve: it leaves the bootstrap band",
  laLimitRelative: "expected mortality of another population: the relative-survival model holds only if the life table is of the patients' own population and years",
  laDisagreeOutside: (pct: string, lower: string, upper: string, time: string, unit: string): string =>
    `the model's cure fraction of ${pct} lies outside the 95% CI of the Kaplan–Meier estimate at the end of follow-up (${lower}–${upper}% at ${time} ${unit})`,
  laDisagreePlateau: (check: { inconclusive: boolean; events: string; beyond: string } | null): string =>
    `the model assumes a cured fraction, but the data do not show that the Kaplan–Meier curve has reached a plateau${check === null ? "" : ` (follow-up check ${check.inconclusive ? "inconclusive" : "not passed"}: ${check.events} event(s) in the Maller–Zhou window before the last event, ${check.beyond} patient(s) followed beyond it)`}`,
  laNoNonparametric: "the nonparametric estimate is not available.",
  laKmAfterLast: (pct: string): string => `the nonparametric estimate, the Kaplan–Meier survival after the last event, is ${pct}.`,
  laKmAtEnd: (time: string, unit: string, pct: string, ci: string): string => `the nonparametric estimate, the Kaplan–Meier survival at the end of follow-up (${time} ${unit}), is ${pct}${ci}, an upper bound on the proportion cured.`,
  laCi: (lower: string, upper: string): string => ` (95% CI ${lower}–${upper}%)`,
  laHead: (disease: string, who: string, events: string, model: string): string => `Who is likely to be a long-term survivor or cured of ${disease}? In ${who} (${events}), ${model}`,
  laNoEvents: (head: string): string => `${head} cannot be estimated: there are no events.`,
  /** The lead when the model's fraction is not a finding: a sentence with its verb (referee s12 B6). */
  laDisagree: (head: string, why: string, pct: string, km: string): string => `${head} was fitted; the model and the data disagree, because ${why}. The model's cure fraction (${pct}) is therefore not a finding of this study; ${km}`,
  laEstimate: (head: string, pct: string, ci: string, cured: { kind: "relative" | "any" | "cause"; disease: string }, km: string): string =>
    `${head} estimates that ${pct}${ci} are cured (${cured.kind === "relative" ? "no excess mortality over the general population" : `never ${cured.kind === "any" ? "having the event" : `dying of ${cured.disease}`}`}); ${km}`,
  laPlateauAt: (time: string, unit: string, pct: string): string => `the nonparametric estimate, the Kaplan–Meier plateau after the last event at ${time} ${unit}, is ${pct}.`,
  laNoObjection: " The data raise no objection to these estimates beyond their confidence intervals.",
  laCannot: (list: string): string => ` What the data cannot support: ${list}.`,
  // ---- the prediction model (sections-long-term.ts predictionSection, tables-long-term.ts, sections-prediction-use.ts, plots/calibration.ts)
  tripodSource: "4a–5c source of data, setting, eligibility: Patient flow section and the study specification.",
  tripodOutcome: (endpoint: string, endpointKey: string, horizon: string, unit: string): string =>
    `6a outcome: ${endpoint} (endpoint ${endpointKey}), its definition in the study specification; horizon ${horizon} ${unit}.`,
  tripodPredictors: (predictors: string): string =>
    `7a predictors: ${predictors} — all known before the operation.`,
  tripodSize: (n: string, events: string, epc: string): string =>
    `8 sample size: ${n} patients, ${events} events (${epc} events per coefficient).`,
  tripodMissing: (dropped: string): string =>
    `9 missing data: complete cases (${dropped} patients left out).`,
  tripodModel: (population: string, diverging: string | null, shrinkage: string | null): string =>
    `10a–10b model: Cox proportional hazards in ${population}, continuous predictors kept continuous (linear), no selection${diverging === null ? "" : ` (diverging terms left out: ${diverging})`}; Efron ties${shrinkage === null ? "" : `; uniform shrinkage ${shrinkage} in the nomogram and calculator`}.`,
  tripodPerformance: "10d performance: Harrell's and Uno's C, AUC(t), calibration plot, smoothed calibration curve (ICI), slope and calibration-in-the-large, decision curve; 10b/16 internal validation by bootstrap optimism correction.",
  tripodParticipants: "13a–14a participants and events: Patient flow section and the table footnotes.",
  tripodFull: "15a full model: coefficients and the baseline survival at the horizon (Prediction model table).",
  tripodUse: (offered: boolean): string =>
    offered ? "15b how to use it: nomogram and per-patient calculator." : "15b how to use it: not offered — the model fails the checks for use on new patients (see the note above); it is reported as a development result.",
  tripodNotCovered: "Not covered: external validation (items 10c, 12, 13c, 17); the report states internal validation only.",
  tripodIntro: "TRIPOD items this report covers:",
  wSampleSize: (available: string, availableEvents: string, n: string, events: string, coefficients: string): string =>
    `the model was fitted on ${available} patients (${availableEvents} events), fewer than the ${n} patients (${events} events) that the minimum sample size for a prediction model with ${coefficients} coefficients asks for (Riley et al. 2020)`,
  wNoSignal: "its likelihood-ratio statistic does not exceed its number of coefficients, so it explains no more than chance and no minimum sample size can be computed (Riley et al. 2020)",
  wCStatistic: (corrected: boolean, c: string, auc: string | null, time: string, minimum: string): string =>
    `its ${corrected ? "optimism-corrected " : "apparent "}Harrell's C is ${c}${auc === null ? "" : ` and its AUC at ${time} ${auc}`}, below ${minimum} (analyses.prediction.minimumCStatistic): it ranks patients little better than chance (0.5)`,
  withheld: (why: string): string => `Calculator and nomogram not offered: ${why}. The model's table, performance and calibration above are a development result, not a tool for individual patients.`,
  pIntro: (endpoint: string, n: string, events: string, time: string, use: string): string =>
    `A Cox model of ${endpoint.toLowerCase()} on the pre-operative covariates, fitted to ${n} patients (${events} events; complete cases), predicts survival at ${time}. ${use} `,
  pDiscrimination: (c: string, corrected: string | null): string => `Discrimination: Harrell's C ${c}${corrected === null ? "" : ` (${corrected} corrected for optimism)`}; `,
  pSlope: (slope: string, overfitted: "no" | "shrunk" | "unshrunk"): string =>
    `expected calibration slope in new patients ${slope}${overfitted === "no" ? "" : ` — the model is overfitted: its predictions are too extreme${overfitted === "shrunk" ? ", hence the shrinkage above" : " and would need shrinking"}`}.`,
  /** The prediction model's patients; `who` null: all patients. */
  pPopulation: (all: boolean, who: string | null, endpoint: string, dropped: string | null, fromTreatment: boolean, n: string, events: string): string =>
    `${all ? "all " : ""}${who ?? "patients"} with ${endpoint.toLowerCase()} data${dropped === null ? "" : ` and complete covariates (${dropped} left out)`}${fromTreatment ? " from the date of treatment" : ""}, n = ${n}, ${events} events`,
  calSlope: (slope: string, corrected: boolean): string => `Calibration slope ${slope}${corrected ? " (corrected)" : ""}`,
  calC: (c: string, corrected: string | null): string => `Harrell's C ${c}${corrected === null ? "" : ` (corrected ${corrected})`}`,
  calX: (time: string): string => `Predicted survival at ${time}`,
  calY: (time: string): string => `Observed survival at ${time} (Kaplan–Meier)`,
  calFigureTitle: (time: string): string => `Calibration at ${time}.`,
  calCaption: (replicates: string | null): string =>
    `Mean predicted against Kaplan–Meier observed survival per risk group, with 95% CIs; the diagonal is perfect calibration.${replicates !== null ? ` Filled: apparent (the same patients); open, dashed: corrected for optimism by the bootstrap (${replicates} replicates, as rms::calibrate).` : " Apparent calibration (the same patients); the optimism-corrected slope is in the performance table."}`,
  population: (text: string, population: string): string => `${text} Population: ${population}.`,
  calPlotTitle: "Calibration plot",
  calPlotDescription: (time: string, groups: string, corrected: boolean): string =>
    `Observed versus predicted survival at t = ${time} for ${groups} risk group(s), ${corrected ? "apparent and bias-corrected (bootstrap), " : ""}with the line of perfect calibration.`,
  calLegendApparent: "apparent",
  calLegendCorrected: "bias-corrected (bootstrap)",
  nomDefaultSurvival: (time: string): string => `Predicted survival at t = ${time}`,
  nomPoints: "Points",
  nomTotal: "Total points",
  nomPlotTitle: "Nomogram",
  nomDescription: (axes: string, total: string, time: string): string => `Nomogram with ${axes} covariate axes, total points 0–${total} and predicted survival at t = ${time}.`,
  nomSurvival: (endpoint: string, time: string): string => `${endpoint} at ${time}`,
  nomTitle: (endpoint: string, time: string): string => `Nomogram: ${endpoint.toLowerCase()} at ${time}.`,
  nomCaption: (population: string, shrinkage: string | null): string =>
    `Read each covariate's points on the top scale, add them, and read the predicted survival under the total. Model fitted to ${population}${shrinkage === null ? "" : `; coefficients shrunk by ${shrinkage}`}.`,
  pmTitle: "Prediction model",
  pmCoefficient: "Coefficient",
  pmHr: "HR (95% CI)",
  pmFootFit: (n: string, events: string, dropped: string | null): string =>
    `Cox model fitted to ${n} patients with ${events} events${dropped === null ? "" : ` (${dropped} left out for missing covariates)`}; all prespecified covariates kept (no selection).`,
  pmFootFormula: (endpoint: string, time: string, unit: string, s0: string, centre: string): string =>
    `Predicted ${endpoint.toLowerCase()} at ${time} ${unit}: S(t | x) = ${s0}^exp(LP − ${centre}), LP = Σ coefficient × value (the full model, TRIPOD item 15a).`,
  ppHarrell: "Harrell's C",
  ppTitle: "Prediction model performance",
  ppIndex: "Index",
  ppApparent: "Apparent",
  ppOptimism: "Optimism",
  ppCorrected: "Corrected",
  ppUno: (tau: string, unit: string): string => `Uno's C (up to ${tau} ${unit})`,
  ppAuc: (time: string, unit: string): string => `AUC at ${time} ${unit}`,
  ppSlope: "Calibration slope",
  ppCitl: "Calibration-in-the-large, log(O/E)",
  ppFootIndices: (time: string, unit: string): string =>
    `Harrell's C: concordance of the linear predictor with survival (as survival::concordance); Uno's C: with inverse-probability-of-censoring weights up to τ; AUC: cumulative/dynamic AUC at ${time} ${unit} with IPCW (as timeROC).`,
  ppFootOptimism: (b: string): string =>
    `Optimism: mean over ${b} bootstrap replicates of (index in the bootstrap sample − index of the bootstrap model in the original data); corrected = apparent − optimism (Harrell's method, as rms::validate). The corrected calibration slope is the shrinkage a new sample is expected to need.`,
  ppFootApparent: "No bootstrap: indices are apparent (optimistic).",
  ctTitleCal: (time: string, unit: string): string => `Calibration at ${time} ${unit}`,
  ctRiskGroup: "Risk group",
  ctPredicted: "Predicted, %",
  ctObserved: "Observed (Kaplan–Meier), % (95% CI)",
  ctBiasCorrected: "Bias-corrected, %",
  ctNotFollowed: "not followed that long",
  ctFootGroups: (groups: string, time: string, unit: string, slope: string): string =>
    `Patients in ${groups} groups of equal size by the linear predictor (1 = lowest risk); predicted: mean model survival at ${time} ${unit}; calibration slope ${slope} (Cox regression of the outcome on the linear predictor; 1 = ideal).`,
  ctFootBias: (b: string): string => `Bias-corrected: observed minus the bootstrap optimism of (observed − predicted) in the group (${b} replicates), as rms::calibrate(cmethod = "KM").`,
  // sections-prediction-use.ts
  puFitted: (population: string, fromTreatment: boolean): string =>
    `The model is fitted to ${population}${fromTreatment ? ", with survival counted from the date of treatment (the time a surgeon predicts from)" : ""}.`,
  puLeftOut: (list: string): string => `Left out: ${list}.`,
  puShrunk: (withheld: boolean, factor: string, bootstrap: boolean, s0: string, centre: string): string =>
    `${withheld ? "Predictions for new patients would need" : "The nomogram and the calculator use"} coefficients shrunk by ${factor} (${bootstrap ? "the optimism-corrected calibration slope, van Houwelingen & le Cessie 1990" : "the factor set in the study"}), with the baseline survival re-estimated, so that their predictions are not too extreme for new patients: S(t | x) = ${s0}^exp(${factor} × (LP − ${centre})).`,
  puNoShrinkNeeded: (slope: string): string => `No shrinkage was needed (optimism-corrected calibration slope ${slope}).`,
  puNoBootstrap: "The coefficients are not shrunk: without a bootstrap there is no estimate of the shrinkage a new sample needs.",
  puNone: "The coefficients are not shrunk (shrinkage: none).",
  puWeak: (c: string, auc: string | null): string =>
    `After correction for optimism the model barely discriminates (Harrell's C ${c}${auc === null ? "" : `, AUC ${auc}`}; 0.5 is chance): the nomogram and calculator are shown for transparency and should not guide decisions until the model is validated in other patients.`,
  puCorrectedCal: (b: string, ici: string, iciApparent: string, e50: string, e90: string): string =>
    ` For new patients, the calculator's predictions corrected for optimism (${b} bootstrap replicates): ICI ${ici} (apparent ${iciApparent}), E50 ${e50}, E90 ${e90} — the mean, median and 90th percentile of the absolute difference between predicted and observed risk.`,
  puSmoothed: (ici: string, e90: string, corrected: string): string =>
    `A smoothed calibration curve (Austin, Harrell & van Klaveren 2020) on the same patients is not shown: there the calibration model refits the model's own linear predictor, so it lies on the diagonal by construction (apparent ICI ${ici}, E90 ${e90}; results.json). The optimism-corrected calibration slope and the bias-corrected groups above are the guide to new patients.${corrected}`,
  dcModel: "deciding by the calculator's predicted risk",
  dcCorrected: "the same, corrected for optimism",
  dcAll: "treating everyone as high-risk",
  dcNone: "treating no one as high-risk",
  dcX: (time: string): string => `Threshold risk of death by ${time}`,
  dcY: "Net benefit",
  dcPlotTitle: "Decision curve",
  dcDescription: (time: string): string => `Net benefit at ${time} of acting on the predicted risk, of acting on everyone and of acting on no one, over threshold risks.`,
  dcTitle: (time: string, corrected: boolean): string => `Decision curve at ${time} (apparent${corrected ? " and corrected for optimism" : ""}).`,
  dcCaption: (time: string, b: string | null, population: string): string =>
    `Net benefit (Vickers et al. 2008) of calling a patient high-risk when the predicted risk of death by ${time} is at least the threshold: true positives minus false positives weighted by the threshold odds, with events counted by Kaplan–Meier. The model helps only at thresholds where its curve lies above both "everyone" and "no one". Apparent: the same patients${b === null ? "" : `; corrected: minus the optimism of ${b} bootstrap refits (net benefit in their own sample minus in all patients), what to expect in new patients`}. Population: ${population}.`,
  dtTitle: (time: string, population: string): string => `Net benefit at ${time} — ${population}`,
  dtThreshold: "Threshold risk, %",
  dtCalled: "Called high-risk, %",
  dtModel: "Net benefit: model",
  dtEveryone: "Net benefit: everyone",
  dtCorrected: "Net benefit: model, corrected for optimism",
  dtFoot: (time: string, risk: string, b: string | null, shrinkage: string): string =>
    `Risk of death by ${time} from Kaplan–Meier: ${risk}% of all these patients. Net benefit of "no one" is 0. Apparent (same patients)${b === null ? "" : `; corrected for optimism with ${b} bootstrap replicates (Harrell's method, each refit shrunk by ${shrinkage} as the calculator)`}.`,
  // ---- competing risks (src/report/sections-competing.ts, cif-figure.ts, plots/cif.ts)
  /** The population of the competing-risks analysis: all patients with the endpoint's data, or those of the analysis. */
  crPopulation: (n: string, endpoint: string, all: boolean): string => `${all ? "all " : ""}${n} patients with ${endpoint.toLowerCase()} data${all ? "" : " and complete data for this analysis"}, n = ${n}`,
  crModelsPopulation: (n: string, endpoint: string, all: boolean): string => `${all ? "all " : ""}${n} patients with ${endpoint.toLowerCase()} data${all ? "" : " and complete covariates"}, n = ${n}`,
  crTableTitle: (by: string | null): string => `Cumulative incidence of competing causes${by === null ? "" : ` by ${by}`}`,
  crCause: "Cause",
  crGroup: "Group",
  crEvents: "Events",
  crAtTime: (t: string, unit: string): string => `${t} ${unit}, % (SE)`,
  crAtLast: "At last follow-up, % (SE)",
  crGrayP: "Gray's p",
  crFootAalen: (endpoint: string, causes: string): string => `Aalen–Johansen estimates of the cumulative incidence of each competing cause (${causes}) of the event of ${endpoint}, with Gray's standard errors, as cmprsk::cuminc; patients without an event are censored.`,
  crFootGray: (by: string | null, rho: string): string => `p: Gray's test of equal cumulative incidence across ${by ?? "groups"} (rho = ${rho}).`,
  crFewCause: (cause: string, events: string): string => `${cause} (${events} events)`,
  crFootFew: (min: string, causes: string): string => `‡ Fewer than ${min} events of the cause: ${causes}; Gray's test rests on a χ² approximation that so few events do not support, so this p is not evidence of a difference.`,
  crGrayAnnotation: (cause: string, n: string, p: string): string => `Gray's test, ${cause} (n = ${n}): ${p}`,
  crTooFew: (events: number): string => `${events} event${events === 1 ? "" : "s"}: too few to rely on`,
  crPlotTitle: (endpoint: string): string => `${endpoint}: cumulative incidence`,
  crFigureTitle: (endpoint: string, bias: string): string => `${endpoint}: cumulative incidence by cause${bias}.`,
  crFigureCaption: (by: string | null, population: string, groups: string | null): string => `Aalen–Johansen cumulative incidence of each cause${by === null ? "" : ` by ${by}`}; the other causes are competing events. Population: ${population}${groups === null ? "" : ` (${groups})`}.`,
  crRiskNote: "Numbers at risk: patients free of any event and still followed.",
  crCutNote: (min: string): string => `Curves end where fewer than ${min} patients remain at risk.`,
  crBandNote: "Shaded: pointwise 95% confidence bands (Gray's variance, log(−log) transform).",
  cifYLabel: "Cumulative incidence",
  cifRiskTitle: "Number at risk",
  cifTitle: "Cumulative incidence curves",
  /** SVG description of the cumulative incidence figure (src/report/plots/cif.ts); `groups` null with one group. */
  cifDescription: (causes: string, groups: string | null, risk: boolean): string => `Cumulative incidence of ${causes}${groups === null ? "" : ` by group: ${groups}`}${risk ? ", with numbers at risk" : ""}.`,
  cmTitle: "Competing causes: regression models",
  cmCauseCovariate: "Cause / covariate",
  cmCauseSpecific: "Cause-specific HR (95% CI)",
  cmSubdistribution: "Subdistribution HR (95% CI)",
  cmFootModels:
    "Cause-specific HR: Cox model of the cause's events with the other causes censored (effect on the rate of that cause among those still event-free; survival::coxph). Subdistribution HR: Fine–Gray model (effect on the cumulative incidence of the cause; cmprsk::crr, robust SE).",
  cmFootRefused: (floor: string): string => `Not estimated: a cause with fewer than ${floor} events per model parameter is not modelled (analyses.safeguards.epvFloor).`,
  // ---- recurrent events (sections-long-term.ts recurrentSection, tables-long-term.ts, plots/mcf.ts)
  recGl: (name: string, mu: string, lower: string, upper: string, time: string, unit: string, nRisk: string): string => `${name}${mu} per patient (95% CI ${lower}–${upper}) by ${time} ${unit} (${nRisk} patients still at risk)`,
  recNaive: (name: string, v: string, time: string, unit: string): string => `${name}${v} by ${time} ${unit}`,
  recNotQuoted: (min: string): string => `not quoted (fewer than ${min} patients at risk at every event time)`,
  recIntro: (events: string, label: string, patients: string, terminal: string, min: string, quotes: string): string =>
    `${events} ${label.toLowerCase()} events in ${patients} patients. Mean number per patient with ${terminal} as a terminal event (Ghosh–Lin; no events after ${terminal}; robust CI), read at the last event time with at least ${min} patients at risk: ${quotes}. `,
  recNaiveIntro: (terminal: string, quotes: string): string => `For comparison only, the mean cumulative function that treats ${terminal} as censoring (the rate in a world without ${terminal}, which overstates the burden when ${terminal} is common), at the same time: ${quotes}.`,
  recFromOperation: (population: string, column: string | null, terminal: string): string => `Population: ${population}. Time 0 is the index operation${column === null ? "" : ` (${column})`}; the events are the operations after it, and follow-up ends at ${terminal} or the last contact.`,
  recIndexCounted: (column: string): string => `The index operation (${column}) is counted as an event: patients without it have none by construction, so groups by treatment differ by definition.`,
  recIndexNotCounted: (column: string): string => `The index operation (${column}) is not counted: the events are the operations after it. Repeat operations only follow a first one, so patients without it have none by construction.`,
  recPopulation: (who: string | null, n: string, endpoint: string, events: string): string => `${who === null ? `${n} patients` : `${n} ${who}`} followed for ${endpoint.toLowerCase()}, n = ${n}, ${events} events`,
  recNaiveName: (terminal: string): string => `naive (${terminal} censored)`,
  /** The legend name of the Ghosh–Lin mean curve (one group). */
  recGhoshLinName: "Ghosh–Lin",
  recYLabel: "Mean number of events per patient",
  recPlotTitle: (label: string): string => `${label}: mean number of events`,
  recFigureTitle: (label: string): string => `${label}: mean number of events per patient.`,
  recFigureCaption: (by: string | null, terminal: string, cut: string | null, population: string): string =>
    `Ghosh–Lin mean number of events${by === null ? "" : ` by ${by}`} with ${terminal} as a terminal event (as mets::recurrentMarginal), 95% CIs from the robust variance; the naive mean cumulative function that censors at ${terminal} is drawn without CIs for comparison only. Under observation: patients alive and still followed, the same for both estimates.${cut === null ? "" : ` Curves end where fewer than ${cut} patients remain under observation.`} Population: ${population}.`,
  mcfRiskTitle: "Under observation",
  mcfTitle: "Mean cumulative function",
  /** SVG description of the mean cumulative function figure (src/report/plots/mcf.ts); `groups` null with one curve. */
  mcfDescription: (yTitle: string, groups: string | null, risk: boolean): string => `${yTitle}${groups === null ? "" : ` by group: ${groups}`}${risk ? ", with numbers under observation" : ""}.`,
  rcTitle: (label: string): string => `${label}: events per patient`,
  rcEvents: "Events",
  rcPatients: "Patients",
  /** `label`: the recurrent event's label; `index`: the index operation's column when it is not counted (only whether there is one is said). */
  rcFoot: (label: string, index: string | null): string => `Events: every recorded date of ${label}${index === null ? "" : " after the first (the index operation, not counted)"}.`,
  rmTitle: (label: string): string => `${label}: recurrent-event models`,
  rmCovariate: "Covariate",
  rmHr: (model: string): string => `${model}: HR (95% CI)`,
  rmFootFollowUp: (events: string, patients: string, fromOperation: boolean, endpoint: string): string => `${events} events in ${patients} patients, follow-up from ${fromOperation ? "the index operation" : `the origin of ${endpoint}`} to its event or censoring. Robust (sandwich) variance clustered on the patient.`,
  rmFootModel: (model: string, call: string, kind: "ag" | "pwp-total" | "pwp-gap"): string =>
    `${model}: ${call}${kind === "ag" ? " — all events share one baseline hazard (rate ratio)" : kind === "pwp-total" ? " — the k-th event's risk set holds patients with k − 1 events, time since the origin" : " — the k-th event's risk set holds patients with k − 1 events, time since the previous event"}.`,
  // ---- a prediction model whose calculator is withheld (src/study/calculator-use.ts): reported for transparency
  /** Why no calculator is offered, short, for a caption or the methods: each failed check with its numbers. */
  whyShortSampleSize: (available: string, availableEvents: string, n: string, events: string): string =>
    `the model was fitted on ${available} patients (${availableEvents} events), fewer than the ${n} patients (${events} events) the minimum sample size for a prediction model asks for (Riley et al. 2020)`,
  whyShortNoSignal: "the model explains no more than chance (likelihood-ratio statistic not above its number of coefficients)",
  whyShortC: (corrected: boolean, c: string, auc: string | null, minimum: string): string =>
    `${corrected ? "optimism-corrected " : "apparent "}Harrell's C ${c}${auc === null ? "" : ` and AUC ${auc}`}, below ${minimum}`,
  /** After the shrinkage sentence and in the decision curve's caption: the model is shown, no calculator is offered, and why. */
  transparencyOnly: (why: string): string => `The model is reported for transparency; no calculator or nomogram is offered: ${why}.`,
  tripodModelWithheld: (population: string, diverging: string | null, shrinkage: string | null): string =>
    `10a–10b model: Cox proportional hazards in ${population}, continuous predictors kept continuous (linear), no selection${diverging === null ? "" : ` (diverging terms left out: ${diverging})`}; Efron ties${shrinkage === null ? "" : `; uniform shrinkage ${shrinkage}, the shrinkage new patients would need (no nomogram or calculator is offered)`}.`,
  puCorrectedCalWithheld: (b: string, ici: string, iciApparent: string, e50: string, e90: string): string =>
    ` For new patients, the shrunken model's predictions corrected for optimism (${b} bootstrap replicates): ICI ${ici} (apparent ${iciApparent}), E50 ${e50}, E90 ${e90} — the mean, median and 90th percentile of the absolute difference between predicted and observed risk.`,
  dcModelWithheld: "deciding by the model's predicted risk",
  dtFootWithheld: (time: string, risk: string, b: string | null, shrinkage: string): string =>
    `Risk of death by ${time} from Kaplan–Meier: ${risk}% of all these patients. Net benefit of "no one" is 0. Apparent (same patients)${b === null ? "" : `; corrected for optimism with ${b} bootstrap replicates (Harrell's method, each refit shrunk by ${shrinkage} as the reported model)`}.`,
  whySep: "; ",
  // ---- the Riley minimum sample size, in the prediction section beside the calculator decision that uses it
  /** `horizon`: the prediction time with its unit ("60 months"). */
  ssIntro: (parameters: string, horizon: string, verdict: string): string =>
    `Minimum sample size of the prediction model (Riley et al. 2019, 2020): the smallest number of patients for which a model with ${parameters} parameters is expected to need little shrinkage, to show little optimism and to estimate the overall risk of an event by ${horizon} precisely; the calculator and nomogram are offered only when the model was fitted on at least that many patients. ${verdict}`,
  ssEnoughPatients: (n: string, events: string, min: string, minEvents: string): string =>
    `The ${n} patients (${events} events) reach the minimum of ${min} patients (about ${minEvents} events).`,
  ssShortPatients: (n: string, events: string, min: string, minEvents: string): string =>
    `The ${n} patients (${events} events) fall short of the minimum of ${min} patients (about ${minEvents} events): expect the model to be overfitted and its apparent performance to be optimistic.`,
  /**
   * `per`: the unit in the singular ("month"); `followUp`: with its unit; `km`: the Kaplan–Meier risk at the horizon of
   * the same patients ("33.4%", "" when not known): the risk here is pmsampsize's exponential approximation, said as such
   * beside the Kaplan–Meier value the decision curve uses (referee s12 A14).
   */
  ssRateUnits: (rate: string, per: string, followUp: string, horizon: string, risk: string, lower: string, upper: string, km: string): string =>
    `Event rate ${rate} events per patient-${per} of follow-up; mean follow-up ${followUp}; overall risk of an event by ${horizon} ${risk} (exponential approximation from the event rate, as pmsampsize${km === "" ? "" : `; Kaplan–Meier ${km}`}; 95% CI ${lower}–${upper} at the minimum number of patients).`,
  /** summary.txt, prediction block: the minimum and what each number is. */
  sumRiley: (n: string, events: string, shrinkage: string, optimism: string, risk: string, availableN: string, availableEvents: string, enough: boolean): string =>
    `  Riley minimum sample size: at least ${n} patients (about ${events} events), the largest of the three criteria (expected shrinkage ${shrinkage}, optimism ${optimism}, precise overall risk ${risk} patients); the model has ${availableN} patients (${availableEvents} events)${enough ? "" : ": too few (no calculator or nomogram offered for that reason)"}`,
};

export type LongTermMessages = typeof longTermEn;

/** What the follow-up check rests on (src/survival/cure/follow-up-check.ts `restsOn`). */
const REST = String.raw`(?<e>{N}) event\(s\) between (?<a>{N}) and (?<b>{N}) \(the Maller–Zhou window before the last event\), (?<n>{N}) patient\(s\) followed beyond the last event at (?<last>{N})`;

/** [id, pattern] of the engine texts of this part. */
export const LONG_TERM_PATTERNS = [
  // who an analysis of this part is fitted to (src/study/cure-population.ts, prediction-population.ts, recurrent-step.ts)
  ["ltPopulationFromTreatment", re(String.raw`(?<kind>treated|untreated) patients \((?<arm>.+)\) from the date of treatment`)],
  ["ltPopulationArm", re(String.raw`(?<kind>treated|untreated) patients \((?<arm>.+)\)`)],
  ["ltPopulationAllOrigin", re(String.raw`all patients from the endpoint's origin`)],
  ["ltPopulationAll", re(String.raw`all patients`)],
  // the cure step's claims, follow-up check, fit check and latency comparison (cure-step.ts, follow-up-check.ts, goodness-of-fit.ts, compare.ts)
  ["ltEventRelative", re(String.raw`excess (?<what>mortality|the event of .+) over the general population of the same age, sex and calendar year \(relative survival: deaths from the disease, whatever the recorded cause\)`)],
  ["ltModelPatientsIncidence", re(String.raw`the (?<n>{N}) patients of the model, with (?<t>.+) in the incidence model`)],
  ["ltModelPatientsOneArm", re(String.raw`the (?<n>{N}) patients of the model \(all with the same (?<t>.+) status\)`)],
  ["ltModelPatientsPooled", re(String.raw`the (?<n>{N}) patients of the model, treated and untreated together \((?<t>.+) is not in the model\)`)],
  ["ltModelPatients", re(String.raw`the (?<n>{N}) patients of the model`)],
  ["ltPopulationN", re(String.raw`the (?<n>{N}) (?<who>(?:treated|untreated) patients .+)`)],
  ["ltVerdictInconclusive", re(String.raw`Inconclusive: the check rests on ${REST}; fewer than (?<min>{N}) of either is too few to tell whether follow-up is long enough \(Maller–Zhou p = (?<p>[^)]+)\)\.`)],
  ["ltVerdictSufficient", re(String.raw`Follow-up long enough by the Maller–Zhou test \(p = (?<p>\S+) < (?<alpha>{N})\), resting on ${REST}\.`)],
  ["ltVerdictNotShown", re(String.raw`Sufficient follow-up not shown \(Maller–Zhou p = (?<p>\S+) ≥ (?<alpha>{N})(?:, or a plateau shorter than (?<minPlateau>{N}))?\), resting on ${REST}\.`)],
  [
    "ltFitCaption",
    re(
      String.raw`Largest distance between the model curve and the Kaplan–Meier estimate: (?<d>{N}) at (?<at>{N}) (?<unit>\S+) \(model (?<side>above|below)\)(?:; the model lies above the Kaplan–Meier estimate from (?<from>{N}) to (?<to>{N}) \S+)?; the model curve (?<inside>stays inside|leaves) the (?<level>{N})% simultaneous bootstrap band of the Kaplan–Meier estimate \(±(?<hw>{N}); (?<rep>{N}) resamples, seed (?<seed>{N})\)(?: (?<outside>\(.+\)))?\.`,
    ),
  ],
  ["ltCriterionAic", re(String.raw`lowest AIC among the converged fits`)],
  ["ltProfileQuartile", re(String.raw`(?<label>.+) = (?<v>[^=]+) \((?<q>lower quartile|median|upper quartile)(?<i>, interpolated)?\)`)],
  ["ltQuartileValue", re(String.raw`(?<v>{N}) \((?<q>lower quartile|median|upper quartile)(?<i>, interpolated)?\)`)],
  // the terminal event of the recurrent-events analysis (recurrent-step.ts terminalLabel)
  ["ltTerminalDeath", re(String.raw`death`)],
  ["ltTerminalEvent", re(String.raw`the event of (?<ep>.+)`)],
] as const satisfies readonly (readonly [string, RegExp])[];

export type LongTermTextId = (typeof LONG_TERM_PATTERNS)[number][0];
