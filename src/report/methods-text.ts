/**
 * The statistical-methods paragraph of the report, generated from what was actually run: a sentence
 * appears only when its analysis is in the results, and every option in it (CI transform, tie
 * method, caliper, estimand, stabilisation, cut-offs) is read from the results' echoed options, so
 * the text cannot claim a method that was not used. Plain text (the HTML writer escapes it).
 */
import type { StudyResults } from "../study/run.js";
import { covariateObject, isContactEndpoint, isDatesEndpoint, type StudySpec } from "../study/schema.js";
import { TEST_LABELS, type Table1TestId } from "./table1.js";
import { fmtNum, multivariableTerm } from "./tables.js";
import { thresholdRule } from "../causal/balance-verdict.js";

const UNIT_TEXT: Readonly<Record<string, string>> = { days: "days", months: "months (30.4375 days)", years: "years (365.25 days)" };

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function covariateLabel(spec: StudySpec, name: string): string {
  for (const c of spec.covariates) {
    const cov = covariateObject(c);
    if (cov.name === name) return cov.label ?? name;
  }
  return name;
}

function lowerFirst(s: string): string {
  // keep acronyms ("FNCLCC grade") as written
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** Sentences on the endpoints (origin, event, censoring, unit). */
function endpointSentences(r: StudyResults): string[] {
  const out: string[] = [];
  for (const ep of r.endpoints) {
    const spec = r.spec.endpoints[ep.name];
    if (spec === undefined) continue;
    if (isDatesEndpoint(spec)) {
      const events = Array.isArray(spec.event) ? `the first of ${list(spec.event)}` : spec.event;
      out.push(`${ep.label} was measured from ${spec.origin} to ${events}; patients without the event were censored at ${spec.censor}${spec.cutoff ? ` or at the administrative cut-off ${spec.cutoff}, whichever came first` : ""}. Time is in ${UNIT_TEXT[ep.unit] ?? ep.unit}.`);
    } else if (isContactEndpoint(spec)) {
      out.push(`${ep.label} was measured from ${spec.origin} to the date of last contact (${spec.lastContact}); ${spec.status} = ${spec.values.map(String).join(" or ")} marked the event, other patients were censored at their last contact${spec.cutoff ? ` or at the administrative cut-off ${spec.cutoff}, whichever came first` : ""}. Time is in ${UNIT_TEXT[ep.unit] ?? ep.unit}.`);
    } else {
      out.push(`${ep.label} was taken from the columns ${spec.time} (time, in ${UNIT_TEXT[ep.unit] ?? ep.unit}) and ${spec.status} (event: ${spec.values.map(String).join(", ")}).`);
    }
  }
  if (r.endpoints.length > 0) out.push("Median follow-up was estimated by the reverse Kaplan–Meier method.");
  return out;
}

function survivalSentences(r: StudyResults): string[] {
  const out: string[] = [];
  const km = r.analyses.km;
  const lr = r.analyses.logrank;
  if (km !== undefined) {
    const o = km.options;
    let s = `Survival was estimated by the Kaplan–Meier method with ${fmtNum(100 * o.confLevel, 0)}% confidence intervals (${o.confType} transform, ${o.variance === "greenwood" ? "Greenwood" : o.variance} variance)`;
    if (lr !== undefined) s += ` and compared ${lr.by === km.by ? "between groups " : ""}with the ${lr.method === "log-rank" ? "log-rank test" : `${lr.method} test (rho = ${lr.options.rho})`}`;
    out.push(`${s}.`);
  } else if (lr !== undefined) {
    out.push(`Survival was compared between groups with the ${lr.method === "log-rank" ? "log-rank test" : `${lr.method} test`}.`);
  }
  const rm = r.analyses.rmst;
  const cr = r.analyses.competingRisks;
  if (cr !== undefined) {
    const label = r.endpoints.find((e) => e.name === cr.endpoint)?.label ?? cr.endpoint;
    out.push(`For ${lowerFirst(label)}, the cumulative incidence of each cause (${list(cr.causeLabels)}) was estimated by the Aalen–Johansen method with Gray's variance, treating the other causes as competing events${cr.tests !== null ? ", and compared between groups with Gray's test" : ""}.`);
    if (cr.models.length > 0) out.push("Covariate effects on each cause were estimated as cause-specific hazard ratios (Cox models with the other causes censored) and as subdistribution hazard ratios (Fine–Gray models).");
  }
  if (rm !== undefined) out.push(`The restricted mean survival time up to ${fmtNum(rm.tau, rm.tau % 1 === 0 ? 0 : 1)} ${r.endpoints.find((e) => e.name === rm.endpoint)?.unit ?? ""} was compared between groups as a difference and a ratio (Greenwood plug-in variance).`);
  return out;
}

function table1Sentences(r: StudyResults): string[] {
  const t1 = r.analyses.table1;
  if (t1 === undefined) return [];
  const tests = new Set<Table1TestId>();
  for (const row of t1.unadjusted.rows) if (row.test !== null) tests.add(row.test);
  const out: string[] = [];
  const testText = [...tests].map((t) => TEST_LABELS[t]);
  let s = "Baseline characteristics were summarised as mean (SD) or median [interquartile range] and n (%)";
  if (testText.length > 0) s += ` and compared with ${list(testText)}`;
  out.push(`${s}.`);
  const bal = t1.unadjusted.balance;
  if (t1.unadjusted.options.smd && bal !== null && r.analyses.propensity === undefined) out.push(`Balance between the groups was measured by standardised mean differences (SMD; ${bal.formula}).`);
  return out;
}

function coxSentences(r: StudyResults): string[] {
  const cox = r.analyses.cox;
  if (cox === undefined) return [];
  const any = cox.univariable[0]?.result ?? cox.multivariable?.result;
  if (any === undefined) return [];
  const o = any.fit.options;
  const parts: string[] = [];
  let s = `Prognostic factors were assessed with Cox proportional-hazards models (${o.ties === "efron" ? "Efron" : "Breslow"} method for ties${o.robust ? ", robust variance" : ""})`;
  if (cox.univariable.length > 0 && cox.multivariable !== undefined) s += ", first one covariate at a time and then in a multivariable model";
  else if (cox.multivariable !== undefined) s += " in a multivariable model";
  else s += ", one covariate at a time";
  parts.push(`${s}.`);
  const cut = cox.univariable.filter((u) => u.dichotomised).map((u) => u.label);
  if (cut.length > 0) parts.push(`Continuous covariates were also analysed dichotomised at pre-specified cut-offs (${list(cut)}).`);
  if (cox.multivariable !== undefined) {
    const mv = cox.multivariable;
    parts.push(`The multivariable model included ${list(mv.result.terms.map((_, i) => lowerFirst(multivariableTerm(cox, i).label)))}.`);
  }
  if (any.zph !== undefined) parts.push("The proportional-hazards assumption was checked with scaled Schoenfeld residuals (per-term and global tests).");
  return parts;
}

function propensitySentences(r: StudyResults): string[] {
  const p = r.analyses.propensity;
  if (p === undefined) return [];
  const a = p.analysis;
  const out: string[] = [];
  const covs = r.spec.analyses.propensity?.covariates ?? r.spec.covariates.map((c) => covariateObject(c).name);
  const model = a.model.method === "firth" ? "logistic regression with Firth's penalised likelihood" : "logistic regression";
  out.push(`Propensity scores (the probability of ${r.spec.treatment?.label ? lowerFirst(r.spec.treatment.label) : "treatment"} given the covariates) were estimated by ${model} on ${list(covs.map((c) => lowerFirst(covariateLabel(r.spec, c))))} (${a.n} patients with complete covariates).`);
  const m = a.matching?.result;
  if (m !== undefined) {
    const o = m.options;
    const dist = o.distance === "logit" ? "the logit of the propensity score" : "the propensity score";
    const caliper = o.caliper === null ? "" : ` within a caliper of ${fmtNum(o.caliper, 2)} ${o.stdCaliper ? "SD" : "units"} of ${dist}`;
    const order = o.order === "random" ? `in random order (seed ${o.seed ?? r.seed})` : o.order === "data" ? "in data order" : `${o.order} propensity score first`;
    const exactNames = r.spec.analyses.propensity?.matching?.exact ?? [];
    const exact = exactNames.length > 0 ? `, exactly on ${list(exactNames.map((c) => lowerFirst(covariateLabel(r.spec, c))))}` : "";
    out.push(
      `Treated patients were matched 1:${o.ratio} to untreated patients by ${o.method === "nearest" ? "nearest neighbour" : "optimal matching"}${caliper === "" ? ` on ${dist}` : ""} ${o.replace ? "with" : "without"} replacement${caliper}${exact} (${order}); ${m.steps.treatedMatched} of ${m.steps.treated} treated patients were matched. Survival in the matched sample was estimated by the Kaplan–Meier method and compared with the log-rank test.`,
    );
  }
  const w = a.weighting?.result;
  if (w !== undefined) {
    out.push(`Inverse probability of treatment weights for the ${w.estimandLabel ?? w.estimand} (${w.estimandDescription}) were computed as ${w.formula}${w.options.stabilize ? ", stabilised by the marginal probability of the treatment received" : ""}${w.trimming ? `, after trimming propensity scores outside [${fmtNum(w.trimming.lower, 3)}, ${fmtNum(w.trimming.upper, 3)}]` : ""}${w.truncation ? `, truncated at the ${fmtNum(100 * w.truncation.at, 0)}th percentile` : ""}; weighted Kaplan–Meier curves estimate the adjusted survival.`);
  }
  if (m !== undefined || w !== undefined) {
    const b = p.balance;
    out.push(
      `Covariate balance before and after ${m !== undefined && w !== undefined ? "matching and weighting" : m !== undefined ? "matching" : "weighting"} was assessed by standardised mean differences (SMD), variance ratios and Kolmogorov–Smirnov statistics, all on the ${b.sample.n} patients with complete propensity covariates; ${b.formula}. A covariate term was taken as balanced when ${thresholdRule(b.options.thresholds, false)}.`,
    );
  }
  return out;
}

/** The model part of each effect label, once each ("PS-matched Cox (ATM, marginal HR)" → "PS-matched Cox"). */
function modelNames(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => lowerFirst(l.replace(/ \([^()]*\)$/, ""))))];
}

/** Effect-table sentence when the lead's `analyses.effects` is present (structure read defensively). */
function effectSentences(r: StudyResults, analyses: readonly string[]): string[] {
  if (analyses.length === 0) return [];
  return [
    `The effect of the treatment on survival was estimated as hazard ratios (${list(modelNames(analyses))}), so that the change of the estimate once selection is accounted for can be seen; the robustness of each estimate to unmeasured confounding is given by its E-value (VanderWeele and Ding).`,
    ...estimandSentences(r),
  ];
}

/**
 * What each hazard ratio estimates, from the results' structured estimand fields (estimand, hrType,
 * treatedKept, treatedDiscarded): matched treated (ATM) versus ATT, marginal versus conditional HRs
 * (non-collapsibility; Hernán 2010), and the bootstrap's rule for failed replicates.
 */
export function estimandSentences(r: StudyResults): string[] {
  const eff = r.analyses.effects;
  if (eff === undefined || eff.estimates.length === 0) return [];
  const out: string[] = [];
  const matched = eff.estimates.find((e) => e.treatedKept !== null && e.treatedDiscarded !== null);
  if (matched !== undefined) {
    const total = matched.treatedKept! + matched.treatedDiscarded!;
    out.push(
      matched.estimand === "ATM"
        ? `Matching discarded ${matched.treatedDiscarded} of ${total} treated patients without an acceptable match, so the matched analyses estimate the effect in the matched treated patients (ATM: ${matched.treatedKept} of ${total} treated patients kept), not the average effect in the treated (ATT).`
        : `Matching kept all ${total} treated patients, so the matched analyses estimate the effect in the treated (ATT).`,
    );
  }
  const named = (type: string): string[] => modelNames(eff.estimates.filter((e) => e.hrType === type).map((e) => e.label));
  const marginal = named("marginal");
  const conditional = named("conditional");
  if (marginal.length > 0) out.push(`The Cox models of the treatment alone in the matched or weighted sample (${list(marginal)}) estimate marginal (population-averaged) hazard ratios.`);
  if (conditional.length > 0) {
    out.push(
      `The stratified and covariate-adjusted models (${list(conditional)}) estimate conditional hazard ratios, which differ from marginal ones even without confounding because the hazard ratio is non-collapsible (Hernán 2010).`,
    );
  }
  out.push("Hazard ratios are not read as potential-outcome contrasts; the adjusted survival curves and restricted mean survival times are.");
  const b = eff.bootstrap;
  if (b !== null) {
    out.push(
      `Bootstrap percentile intervals came from ${b.replicates} replicates resampling patients within treatment groups and re-running the whole pipeline; replicates whose fit failed or diverged (no convergence, |log hazard ratio| > 10, an infinite coefficient or an emptied group) were left out, and an estimate with more than ${fmtNum(100 * b.maxFailedShare, 0)}% such replicates is reported as not estimable by bootstrap.`,
    );
  }
  return out;
}

/** Cure, prediction and recurrent-event models. */
function longTermSentences(r: StudyResults): string[] {
  const out: string[] = [];
  const c = r.analyses.cure;
  if (c !== undefined) {
    const label = r.endpoints.find((e) => e.name === c.endpoint)?.label ?? c.endpoint;
    const latency =
      c.model === "weibull"
        ? "a Weibull distribution for the survival of the uncured, fitted by maximum likelihood (standard errors from the observed information)"
        : `a semiparametric proportional-hazards model for the survival of the uncured, fitted by the EM algorithm as in R's smcure (Peng and Dear 2000; Sy and Taylor 2000), with bootstrap standard errors (${c.fit.method === "ph-mixture-cure-em" ? c.fit.bootstrap.replicates : 0} replicates)`;
    out.push(`The cure fraction for ${lowerFirst(label)} (the proportion of patients who will never have the event) was estimated with a mixture cure model: a logistic model for the probability of cure and ${latency}.`);
    out.push("Whether follow-up was long enough to speak of cure was judged from the plateau of the Kaplan–Meier curve after the last event and the Maller–Zhou test of sufficient follow-up.");
  }
  const p = r.analyses.prediction;
  if (p !== undefined) {
    const v = p.validation;
    out.push(
      `A prediction model for ${lowerFirst(p.endpointLabel)} at ${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${p.unit} was built as a Cox model of the pre-operative covariates ${list(p.covariates.map((n) => lowerFirst(p.covariateLabels[n] ?? n)))}, without variable selection, and reported following TRIPOD. ` +
        `Discrimination was measured by Harrell's and Uno's C statistics and the time-dependent AUC; calibration by the calibration slope, calibration-in-the-large and a calibration plot by risk group${v.optimism ? `; all were corrected for optimism with ${v.optimism.B} bootstrap replicates (Harrell's method)` : ""}.`,
    );
  }
  const rec = r.analyses.recurrent;
  if (rec !== undefined) {
    const names = rec.models.map((m) => m.label);
    out.push(
      `Repeated events (${lowerFirst(rec.label)}) were described by the mean cumulative number of events per patient (Nelson–Aalen type estimator with the Lawless–Nadeau robust variance)` +
        `${names.length > 0 ? ` and modelled with ${list(names)} Cox models in counting-process form, with robust variance clustered on the patient` : ""}; follow-up ended at the ${lowerFirst(r.endpoints.find((e) => e.name === rec.endpoint)?.label ?? rec.endpoint)} event or censoring.`,
    );
  }
  return out;
}

export interface MethodsTextOptions {
  /** Labels of the treatment-effect analyses that ran (e.g. ["Crude", "PS-matched", "IPTW"]); default none. */
  readonly effectAnalyses?: readonly string[];
}

/**
 * The methods paragraphs: endpoints, survival, Table 1, Cox, propensity analyses, effects, software.
 *
 * @example
 * ```ts
 * const paragraphs = methodsParagraphs(results);
 * paragraphs.at(-1); // "All analyses used survinfer 0.1.0."
 * ```
 */
export function methodsParagraphs(r: StudyResults, options: MethodsTextOptions = {}): string[] {
  const paragraphs = [
    [...endpointSentences(r), ...survivalSentences(r)],
    [...table1Sentences(r), ...coxSentences(r)],
    [...propensitySentences(r), ...effectSentences(r, options.effectAnalyses ?? [])],
    longTermSentences(r),
  ]
    .filter((p) => p.length > 0)
    .map((p) => p.join(" "));
  paragraphs.push(`All analyses used survinfer ${r.software.version}.`);
  return paragraphs;
}

/** The methods paragraphs joined by blank lines. */
export function methodsText(r: StudyResults, options: MethodsTextOptions = {}): string {
  return methodsParagraphs(r, options).join("\n\n");
}
