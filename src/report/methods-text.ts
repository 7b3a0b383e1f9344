/**
 * The statistical-methods paragraph of the report, generated from what was actually run: a sentence
 * appears only when its analysis is in the results, and every option in it (CI transform, tie
 * method, caliper, estimand, stabilisation, cut-offs) is read from the results' echoed options, so
 * the text cannot claim a method that was not used. Plain text (the HTML writer escapes it).
 */
import { MIN_AT_RISK, recurrentQuotes } from "./recurrent-quote.js";
import { sensitivityMethodsSentences } from "./sections-sensitivity.js";
import { covariateLabel, lowerFirst } from "./labels.js";
import type { StudyResults } from "../study/run.js";
import { covariateObject, isContactEndpoint, isDatesEndpoint, type StudySpec } from "../study/schema.js";
import { TEST_LABELS, type Table1TestId } from "./table1.js";
import { fmtNum, multivariableTerm, weightsText } from "./tables.js";
import { thresholdRule } from "../causal/balance-verdict.js";
import { DEFAULT_ORDER_TEXT } from "../study/primary.js";
import { rReference } from "./r-reference.js";

const UNIT_TEXT: Readonly<Record<string, string>> = { days: "days", months: "months (30.4375 days)", years: "years (365.25 days)" };

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "8 patients (missing: size of the primary tumour (mm) in 5, FNCLCC grade in 4)": each patient counted once in the total. */
function droppedText(spec: StudySpec, dropped: readonly { readonly column: string; readonly count: number; readonly rows: readonly number[] }[]): string {
  const total = new Set(dropped.flatMap((d) => d.rows)).size;
  const what = dropped.map((d) => `${d.column === "treatment" || d.column === "time/status/treatment" ? "follow-up or treatment" : lowerFirst(covariateLabel(spec, d.column, { missing: true }))} in ${d.count}`);
  return `${total} patient${total === 1 ? "" : "s"} (missing: ${list(what)})`;
}

/**
 * The study population and missing data: patients read, exclusions per endpoint (with reasons), and the
 * complete-case rule of the models with how many patients each left out.
 */
function populationSentences(r: StudyResults): string[] {
  const out: string[] = [`The data set held ${r.data.nRows} patients.`];
  for (const ep of r.endpoints) {
    const ex = ep.flow.excluded.filter((e) => e.count > 0);
    if (ex.length > 0) out.push(`For ${lowerFirst(ep.label)}, ${ep.flow.read - ep.flow.analysed} were excluded (${list(ex.map((e) => `${e.reason}: ${e.count}`))}), leaving ${ep.flow.analysed}.`);
  }
  const cc: string[] = [];
  const p = r.analyses.propensity;
  if (p !== undefined && p.analysis.dropped.length > 0) cc.push(`${droppedText(r.spec, p.analysis.dropped)} from the propensity-score and treatment-effect analyses (${p.analysis.n} analysed)`);
  const mv = r.analyses.cox?.multivariable;
  if (mv !== undefined && mv.result.dropped.length > 0) cc.push(`${droppedText(r.spec, mv.result.dropped)} from the multivariable Cox model (${mv.result.fit.n} analysed)`);
  const mi = r.analyses.missing;
  out.push(
    cc.length > 0
      ? `${mi !== undefined ? "Apart from the multiple imputation below, missing covariate values were not imputed" : "Missing covariate values were not imputed"}: each model used the complete cases of its own covariates, which left out ${list(cc)}; univariable models left out only the patients missing that covariate.`
      : `Each model used the complete cases of its own covariates (missing values were not imputed${mi !== undefined ? " except in the multiple imputation below" : ""}).`,
  );
  if (mi !== undefined) {
    const w = mi.within;
    out.push(
      `${mi.cox !== null || w === null ? "The multivariable Cox model" : "The treatment comparison"} was also fitted by multiple imputation by chained equations (${mi.m} imputations, ${mi.iterations} iterations; predictive mean matching for numeric, logistic and polytomous regression for categorical covariates, as R's mice; checked against ${rReference("mice")}), with the event indicator and the Nelson–Aalen cumulative hazard in every imputation model (White & Royston 2009), on all ${mi.n} patients (${mi.n - mi.nComplete} with a missing model covariate); estimates were pooled by Rubin's rules with Barnard–Rubin degrees of freedom.`,
    );
    if (w !== null) {
      out.push(
        `The propensity-score analyses were run within each completed dataset (the “within” approach; Leyrat et al. 2019): the propensity score was estimated, patients were matched and weighted and the outcome models were fitted in each of the ${w.m} datasets; hazard ratios were pooled on the log scale${w.contrasts !== null ? ", standardised survival and RMST differences on the identity scale (survival ratios on the log scale)" : ""}, and covariate balance was averaged over the imputations.`,
      );
    }
    out.push(`${mi.primary === "mi" ? "The multiple-imputation analyses are primary and the complete-case analyses a sensitivity analysis" : "The complete-case analyses are primary and the multiple-imputation analyses a sensitivity analysis"}; the ${w !== null ? "immortal-time" : "propensity-score, immortal-time"} and prediction analyses remain complete-case analyses.`);
  }
  return out;
}

/** Sentences on the endpoints (origin, event, censoring, unit). */
function endpointSentences(r: StudyResults): string[] {
  const out: string[] = [];
  for (const ep of r.endpoints) {
    const spec = r.spec.endpoints[ep.name];
    if (spec === undefined) continue;
    if (isDatesEndpoint(spec)) {
      const events = Array.isArray(spec.event) ? `the first of the dates in ${list(spec.event)}` : `the date in ${spec.event}`;
      out.push(`${ep.label} was measured from the date in column ${spec.origin} to ${events}; patients without the event were censored at ${spec.censor}${spec.cutoff ? ` or at the administrative cut-off ${spec.cutoff}, whichever came first` : ""}.`);
    } else if (isContactEndpoint(spec)) {
      out.push(`${ep.label} was measured from the date in column ${spec.origin} to the date of last contact (${spec.lastContact}); ${spec.status} = ${spec.values.map(String).join(" or ")} marked the event, other patients were censored at their last contact${spec.cutoff ? ` or at the administrative cut-off ${spec.cutoff}, whichever came first` : ""}.`);
    } else {
      out.push(`${ep.label} was taken from the columns ${spec.time} (time, in ${UNIT_TEXT[ep.unit] ?? ep.unit}) and ${spec.status} (event: ${spec.values.map(String).join(", ")}).`);
    }
  }
  const units = [...new Set(r.endpoints.filter((ep) => r.spec.endpoints[ep.name] !== undefined && (isDatesEndpoint(r.spec.endpoints[ep.name]) || isContactEndpoint(r.spec.endpoints[ep.name]))).map((ep) => ep.unit))];
  if (units.length > 0) out.push(`Time is in ${list(units.map((u) => UNIT_TEXT[u] ?? u))}.`);
  if (r.endpoints.length > 0) out.push("Median follow-up was estimated by the reverse Kaplan–Meier method.");
  const unused = unusedEndpoints(r);
  if (unused.length > 0) out.push(`${list(unused.map((e) => `${e.label} (${e.name})`))} ${unused.length === 1 ? "was" : "were"} declared in the study specification but no analysis used ${unused.length === 1 ? "it" : "them"}: ${unused.length === 1 ? "its" : "their"} events and follow-up are described above, and no estimate of ${unused.length === 1 ? "it" : "them"} is reported (name ${unused.length === 1 ? "it" : "them"} under an analysis's endpoint, or remove ${unused.length === 1 ? "it" : "them"} from the specification).`);
  return out;
}

/** Every `endpoint` an analysis result names (crawled, so a new analysis is counted). */
function endpointsUsed(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const x of value) endpointsUsed(x, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, x] of Object.entries(value as Record<string, unknown>)) {
      if (k === "endpoint" && typeof x === "string") out.add(x);
      else endpointsUsed(x, out);
    }
  }
  return out;
}

/** Endpoints declared in the spec (and derived) that no analysis uses, e.g. a PFS defined and never analysed. */
export function unusedEndpoints(r: StudyResults): readonly { readonly name: string; readonly label: string }[] {
  const used = endpointsUsed(r.analyses);
  return r.endpoints.filter((e) => !used.has(e.name)).map((e) => ({ name: e.name, label: e.label }));
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
  const uni = cox.univariable.filter((u) => !u.dichotomised).map((u) => lowerFirst(u.label));
  if (uni.length > 0) parts.push(`The univariable models took ${list(uni)}.`);
  const cut = cox.univariable.filter((u) => u.dichotomised).map((u) => u.label);
  if (cut.length > 0) parts.push(`Continuous covariates were also analysed dichotomised at pre-specified cut-offs (${list(cut)}).`);
  if (cox.multivariable !== undefined) {
    const mv = cox.multivariable;
    parts.push(`The multivariable model included ${list(mv.result.terms.map((_, i) => lowerFirst(multivariableTerm(cox, i).label)))}.`);
  }
  if (any.zph !== undefined) parts.push("The proportional-hazards assumption was checked with scaled Schoenfeld residuals (per-term and global tests).");
  const firth = [...cox.univariable.filter((u) => u.result.firth !== undefined).map((u) => `the univariable model of ${lowerFirst(u.label)}`), ...(cox.multivariable?.result.firth !== undefined ? ["the multivariable model"] : [])];
  if (firth.length > 0) parts.push(`Where a coefficient diverged (monotone likelihood: ${list(firth)}), Firth's penalised partial likelihood was fitted instead (Heinze and Schemper 2001; R coxphf) and its estimates are reported.`);
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
    if (o.method === "full") {
      out.push(
        `Patients were grouped by optimal full matching (Hansen 2004) on ${dist}${caliper}${exact}: subclasses of one treated patient with one or more untreated patients, or one untreated patient with one or more treated patients, of least total within-subclass distance${o.maxControls !== null ? ` (at most ${o.maxControls} untreated per treated patient)` : ""}; ${m.steps.treatedMatched} of ${m.steps.treated} treated and ${m.steps.controlsMatched} of ${m.steps.controls} untreated patients were placed in a subclass and weighted for the ${o.estimand} as MatchIt does. The effect was estimated by weighted Cox regression with robust standard errors clustered on subclass.`,
      );
    } else out.push(
      `Treated patients were matched 1:${o.ratio} to untreated patients by ${o.method === "nearest" ? "nearest neighbour" : "optimal matching"}${caliper === "" ? ` on ${dist}` : ""} ${o.replace ? "with" : "without"} replacement${caliper}${exact} (${order}); ${m.steps.treatedMatched} of ${m.steps.treated} treated patients were matched. Survival in the matched sample was estimated by the Kaplan–Meier method and compared with the log-rank test.`,
    );
  }
  const w = a.weighting?.result;
  if (w !== undefined) {
    out.push(`Inverse probability of treatment weights for the ${w.estimandLabel ?? w.estimand} (${w.estimandDescription}) were computed as ${weightsText(w)}${w.trimming ? `, after trimming propensity scores outside [${fmtNum(w.trimming.lower, 3)}, ${fmtNum(w.trimming.upper, 3)}]` : ""}${w.truncation ? `, truncated at the ${fmtNum(100 * w.truncation.at, 0)}th percentile` : ""}; weighted Kaplan–Meier curves estimate the adjusted survival.`);
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

/** "the robust variance clustered on matched set" from an estimate's variance text. */
function clusterOf(variance: string): string {
  const m = /clustered on ([^(;,]+)/.exec(variance);
  return m === null ? "" : ` clustered on ${m[1].trim()}`;
}

/**
 * The treatment-effect estimators in prose, from the estimates that ran (each design once, with its
 * variance), the primary analysis and the absolute effects.
 */
export function effectSentences(r: StudyResults): string[] {
  const eff = r.analyses.effects;
  if (eff === undefined || eff.estimates.length === 0) return [];
  const est = (id: string): (typeof eff.estimates)[number] | undefined => eff.estimates.find((e) => e.id === id);
  const treatment = r.spec.treatment?.label ? lowerFirst(r.spec.treatment.label) : "the treatment";
  const endpoint = lowerFirst(r.endpoints.find((e) => e.name === eff.endpoint)?.label ?? eff.endpoint);
  const designs: string[] = [];
  const basic = [est("crude") ? "without adjustment (crude)" : null, est("multivariable") ? "adjusted for the propensity-model covariates (multivariable)" : null].filter((x): x is string => x !== null);
  if (basic.length > 0) designs.push(`${list(basic)}, with the model-based variance`);
  const m = est("matched");
  if (m !== undefined || est("matchedStratified") !== undefined || est("matchedAdjusted") !== undefined) {
    const ms = [
      m ? `of the treatment alone with a robust variance${clusterOf(m.variance)} (Austin 2013)` : null,
      est("matchedStratified") ? "stratified on matched set" : null,
      est("matchedAdjusted") ? `adjusted for the covariates (robust variance${clusterOf(est("matchedAdjusted")!.variance)})` : null,
    ].filter((x): x is string => x !== null);
    designs.push(`in the matched sample, ${list(ms)}`);
  }
  const wAny = eff.estimates.filter((e) => e.id.startsWith("weighted"));
  if (wAny.length > 0) {
    const models = [est("weighted") || est("weightedMEstimation") ? "of the treatment alone" : null, est("weightedAdjusted") || est("weightedAdjustedMEstimation") ? "adjusted for the covariates" : null].filter((x): x is string => x !== null);
    const variances = [
      wAny.some((e) => e.id === "weighted" || e.id === "weightedAdjusted") ? "a robust sandwich variance that treats the weights as known" : null,
      wAny.some((e) => e.id.endsWith("MEstimation")) ? "an M-estimation variance that also accounts for the estimation of the propensity score (Shu et al. 2021)" : null,
    ].filter((x): x is string => x !== null);
    designs.push(`in the weighted sample, ${list(models)}, ${variances.length > 1 ? "each with" : "with"} ${list(variances)}`);
  }
  const out = [`The effect of ${treatment} on ${endpoint} was estimated as hazard ratios from Cox models: ${designs.join("; ")}.`];
  // covariate-adjusted models below the events-per-parameter floor were not estimated (src/study/effects-epv.ts)
  const refused = eff.refused ?? [];
  if (refused.length > 0) {
    // the model without its estimand in brackets ("Multivariable Cox (conditional HR)" → "multivariable Cox")
    const model = (label: string): string => lowerFirst(label.replace(/ \([^()]*\)$/, ""));
    out.push(`Covariate-adjusted models with fewer than ${refused[0].epv.epvFloor} events per parameter were not estimated (Vittinghoff and McCulloch 2007): ${refused.map((m) => `${model(m.label)}, ${m.epv.events} events for ${m.epv.parameters} parameters`).join("; ")}.`);
  }
  const primary = r.primary;
  if (primary.id !== null && primary.label !== null) {
    out.push(
      `The primary analysis was ${primary.label}${primary.declared ? ", as declared in the study specification" : `, chosen by survinfer's default rule (not declared in the study specification: the first estimable of ${DEFAULT_ORDER_TEXT}; never a design biased by immortal time)`}${primary.biasedByDesign !== null ? `, although it is biased by design (${primary.biasedByDesign})` : ""}; the other estimates are sensitivity analyses.`,
    );
  } else if (eff.biasedByDesign !== null) {
    out.push(`No treatment-effect estimate was taken as primary: each compares patients by treatment ever received counted from the origin and is biased by design (${eff.biasedByDesign}); all are reported as sensitivity analyses.`);
  }
  const absolute = [eff.weighted !== null ? "weighted" : null, eff.matched !== null ? "matched" : null].filter((x): x is string => x !== null);
  const sv = eff.weighted?.survival ?? eff.matched?.survival;
  if (sv !== undefined && absolute.length > 0 && (sv.times.length > 0 || sv.tau !== null)) {
    const unit = r.endpoints.find((e) => e.name === eff.endpoint)?.unit ?? "";
    const what = [sv.times.length > 0 ? `survival at ${list(sv.times.map((t) => fmtNum(t, t % 1 === 0 ? 0 : 1)))} ${unit}` : null, sv.tau !== null ? `the restricted mean survival time up to ${fmtNum(sv.tau, sv.tau % 1 === 0 ? 0 : 1)} ${unit}` : null].filter((x): x is string => x !== null);
    out.push(
      `Absolute effects were estimated as differences (treated − untreated) in ${list(what)} between the ${list(absolute)} Kaplan–Meier curves${eff.bootstrap !== null ? ", with bootstrap percentile confidence intervals" : "; without a bootstrap, these differences have no confidence interval"}.`,
    );
  }
  out.push("The robustness of each hazard ratio to unmeasured confounding is given by its E-value (VanderWeele and Ding 2017).");
  out.push(...estimandSentences(r));
  return out;
}

/** The analyses that avoid immortal-time bias (time-dependent treatment, landmark). */
function immortalTimeSentences(r: StudyResults): string[] {
  const it = r.analyses.immortalTime;
  if (it === undefined) return [];
  const label = lowerFirst(r.endpoints.find((e) => e.name === it.endpoint)?.label ?? it.endpoint);
  const treatment = r.spec.treatment?.label ? lowerFirst(r.spec.treatment.label) : "treatment";
  const out = [
    `Because ${treatment} took place after the origin of ${label}${it.medianWait !== null ? ` (median ${fmtNum(it.medianWait, 1)} ${it.unit} later)` : ""}, a comparison of patients by treatment received, counted from the origin, credits the treated with the time before treatment (immortal-time bias; Suissa 2008); it is shown only for contrast.`,
  ];
  // the designs that handle immortal time and measured confounding together (issue 14)
  const adjusted: string[] = [];
  const covs = (names: readonly string[]): string => list(names.map((c) => lowerFirst(covariateLabel(r.spec, c))));
  const cw = it.cloneCensorWeight;
  if (cw !== undefined) {
    const g = `${fmtNum(cw.options.grace, cw.options.grace % 1 === 0 ? 0 : 1)} ${it.unit}`;
    adjusted.push(
      `emulation of a target trial of treatment within ${g} of the origin versus no treatment within ${g} by cloning, censoring and weighting (Hernán and Robins 2016; Maringe et al. 2020), in which each patient was cloned into both strategies, clones were censored when they deviated from their strategy, and the artificial censoring was corrected by inverse-probability-of-censoring weights (${cw.options.weights}) from ${cw.options.censoringModel === "piecewise" ? `models of deviation on ${cw.covariates.length > 0 ? covs(cw.covariates) : "no covariates"} (in the treatment strategy, a logistic regression of not being treated by the end of the grace period; in the no-treatment strategy, a Cox model of the time to treatment${cw.options.censoringPeriods > 1 ? ` whose coefficients change between ${cw.options.censoringPeriods} periods` : ""}; periods are used only with at least 10 treatments within the grace period per parameter in each)` : `a Cox model of the time to deviation on ${cw.covariates.length > 0 ? covs(cw.covariates) : "no covariates"}`}; weighted Kaplan–Meier curves per strategy gave survival${cw.options.times.length > 0 ? ` at ${list(cw.options.times.map((t) => fmtNum(t, t % 1 === 0 ? 0 : 1)))} ${it.unit}` : ""}${cw.options.tau !== null ? ` and the restricted mean survival time up to ${fmtNum(cw.options.tau, 0)} ${it.unit}` : ""} and their differences, ${cw.bootstrap !== null ? `with ${cw.bootstrap.replicates}-replicate nonparametric bootstrap percentile intervals (patients resampled and the whole procedure repeated)` : "without a bootstrap (no confidence intervals)"}; a weighted Cox model on the clones gave a per-protocol hazard ratio with a robust variance clustered on the patient`,
    );
  }
  const adj = it.adjustedTimeDependent;
  if (adj !== undefined) adjusted.push(`a Cox model with treatment as a time-dependent covariate adjusted for ${covs(adj.covariates)} (a conditional hazard ratio; robust variance clustered on the patient)`);
  // below the events-per-parameter floor the design is named and said not estimated (src/study/immortal-time-step.ts)
  const adjRefused = adj === undefined ? (it.refused ?? []).find((m) => m.analysis === "immortalTime.adjustedTimeDependent") : undefined;
  if (adjRefused !== undefined) adjusted.push(`a Cox model with treatment as a time-dependent covariate adjusted for ${covs(it.options.covariates)}, not estimated (${adjRefused.epv.events} events for ${adjRefused.epv.parameters} parameters, fewer than ${adjRefused.epv.epvFloor} per parameter)`);
  const lp = it.landmarkPs;
  if (lp !== undefined) {
    adjusted.push(
      `a landmark analysis at ${fmtNum(lp.time, lp.time % 1 === 0 ? 0 : 1)} ${it.unit} in which the propensity score was re-estimated among the patients alive and in follow-up then, with inverse-probability-of-treatment weighting (${lp.weighting.estimand}${lp.weighting.stabilize ? ", stabilised" : ""})${lp.matching ? ", propensity-score matching" : ""} and covariate adjustment${it.landmarks !== undefined && it.landmarks.length > 1 ? `, repeated at ${list(it.landmarks.slice(1).map((l) => `${fmtNum(l.time, l.time % 1 === 0 ? 0 : 1)}`))} ${it.unit} as a sensitivity analysis` : ""}`,
    );
  }
  if (it.sequentialMatching !== undefined) adjusted.push("sequential (risk-set) matching on the time of treatment (Lu 2005), with Cox models on the matched sets and robust variances clustered on the patient");
  if (adjusted.length > 0) out.push(`Immortal time and measured confounding were addressed together by ${adjusted.map((d, k) => `(${String.fromCharCode(97 + k)}) ${d}`).join("; ")}.`);
  const designs: string[] = [];
  if (it.timeDependent !== undefined) designs.push("as a time-dependent covariate in a Cox model in counting-process form (patients contribute untreated time until their treatment date; Simon–Makuch plot)");
  if (it.landmark !== undefined) designs.push(`in a landmark analysis at ${fmtNum(it.landmark.time, it.landmark.time % 1 === 0 ? 0 : 1)} ${it.unit}, among the patients still alive and in follow-up then, by treatment received before the landmark (Kaplan–Meier, log-rank test and Cox model)`);
  if (designs.length > 0) out.push(`${adjusted.length > 0 ? "Without adjustment for confounding (crude), treatment was also analysed" : "Treatment was therefore analysed"} ${designs.join(", and ")}.`);
  return out;
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
  out.push(
    eff.biasedByDesign !== null
      ? "Hazard ratios are not read as potential-outcome contrasts; nor are the adjusted survival curves of patients grouped by treatment ever received, which carry immortal time — only the contrasts of the designs that handle it (clone–censor–weight) are."
      : "Hazard ratios are not read as potential-outcome contrasts; the adjusted survival curves and restricted mean survival times are.",
  );
  const b = eff.bootstrap;
  if (b !== null) {
    out.push(
      `Bootstrap percentile intervals came from ${b.replicates} replicates resampling patients within treatment groups and re-running the whole pipeline; replicates whose fit failed or diverged (no convergence, |log hazard ratio| > 10, an infinite coefficient or an emptied group) were left out, and an estimate with more than ${fmtNum(100 * b.maxFailedShare, 0)}% such replicates is reported as not estimable by bootstrap.`,
    );
  }
  return out;
}

/** Adjusted (standardised) survival curves and absolute contrasts (analyses.adjustedCurves). */
function adjustedCurvesSentences(r: StudyResults): string[] {
  const a = r.analyses.adjustedCurves;
  if (a === undefined) return [];
  const names: Record<string, string> = { gformula: "the g-formula (standardisation of a Cox model of treatment and covariates)", iptw: "inverse probability of treatment weighting with censoring weights", aipw: "augmented inverse probability weighting (doubly robust)" };
  const pop = a.options.estimand === "ATT" ? "the treated patients" : "all patients";
  return [
    `Adjusted survival curves and absolute treatment effects (survival differences and ratios${a.estimates.every((e) => e.rmst === undefined) ? "" : ", and the difference in restricted mean survival time"}) for ${pop} were estimated by ${list(a.options.estimators.map((e) => names[e]))}, as R's riskRegression::ate (checked against ${rReference("riskRegression", "survival")}), with standard errors from influence functions that account for fitting the outcome, propensity and censoring models.`,
  ];
}

/** Cure, prediction and recurrent-event models. */
function longTermSentences(r: StudyResults): string[] {
  const out: string[] = [];
  const c = r.analyses.cure;
  if (c !== undefined) {
    const label = r.endpoints.find((e) => e.name === c.endpoint)?.label ?? c.endpoint;
    const latency =
      c.fit.method !== "ph-mixture-cure-em"
        ? `a ${c.latencyLabel} distribution for the survival of the uncured, fitted by maximum likelihood (standard errors from the observed information)${c.model === "aic" ? ", chosen as the lowest Akaike information criterion among Weibull, log-normal, log-logistic and generalised gamma latencies" : ""}`
        : `a semiparametric proportional-hazards model for the survival of the uncured, fitted by the EM algorithm as in R's smcure (Peng and Dear 2000; Sy and Taylor 2000), with bootstrap standard errors (${c.fit.method === "ph-mixture-cure-em" ? c.fit.bootstrap.replicates : 0} replicates)`;
    const cs = r.spec.analyses.cure;
    const inc = (cs?.incidence ?? []).map((n) => lowerFirst(covariateLabel(r.spec, n)));
    const lat = (cs?.latency ?? cs?.incidence ?? []).map((n) => lowerFirst(covariateLabel(r.spec, n)));
    const covs = inc.length + lat.length === 0 ? "" : ` Cure was modelled on ${inc.length > 0 ? list(inc) : "no covariate"} and the survival of the uncured on ${lat.length > 0 ? list(lat) : "no covariate"}.`;
    out.push(`The cure fraction for ${lowerFirst(label)} (the proportion of patients who will never have ${c.claims.eventText}) was estimated with a mixture cure model${c.population !== undefined && c.population.kind !== "all" ? ` in the ${c.population.description}` : ""}: a logistic model for the probability of cure and ${latency}.${covs}`);
    if (c.relative !== undefined) out.push(`It was a relative-survival cure model (De Angelis et al. 1999; Lambert et al. 2007): the mixture was put on the excess hazard over ${c.relative.description}, each patient's expected survival computed as R's survexp does (${rReference("survival", "relsurv")}; life table ${c.relative.lifeTableFile}).`);
    if (c.claims.cause !== "any" && c.relative === undefined) out.push(`It was a cause-specific model: deaths from other causes were censored${c.claims.otherCauseEvents === undefined ? "" : ` (${c.claims.otherCauseEvents} in the model's patients)`}.`);
    out.push("The nonparametric cure estimate, the Kaplan–Meier survival after the last event (the plateau), is reported beside the model's.");
    out.push("Whether follow-up was long enough to speak of cure was judged from the plateau of the Kaplan–Meier curve after the last event and the Maller–Zhou test of sufficient follow-up (inconclusive with fewer than 5 events in the test's window or 5 patients followed beyond the last event); the model's survival curve was compared with the Kaplan–Meier estimate by their largest distance and a bootstrap simultaneous band.");
  }
  const p = r.analyses.prediction;
  if (p !== undefined) {
    const v = p.validation;
    out.push(
      `A prediction model for ${lowerFirst(p.endpointLabel)} at ${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${p.unit} was built as a Cox model of the pre-operative covariates ${list(p.covariates.map((n) => lowerFirst(p.covariateLabels[n] ?? n)))} in ${p.population.description}, without variable selection${p.dropped.length > 0 ? ` (${list(p.dropped.map((d) => lowerFirst(d.covariate)))} left out because ${p.dropped.length === 1 ? "its coefficient" : "their coefficients"} diverged)` : ""}, and reported following TRIPOD. ` +
        `Discrimination was measured by Harrell's and Uno's C statistics and the time-dependent AUC; calibration by the calibration slope, calibration-in-the-large, a calibration plot by risk group and a smoothed calibration curve with the integrated calibration index (Austin et al. 2020)${v.optimism ? `; all were corrected for optimism with ${v.optimism.B} bootstrap replicates (Harrell's method)` : ""}.` +
        `${p.shrinkage.factor < 1 ? ` The coefficients of the nomogram and calculator were shrunk uniformly by ${fmtNum(p.shrinkage.factor, 2)}${p.shrinkage.source === "bootstrap" ? ", the optimism-corrected calibration slope" : ""}, with the baseline survival re-estimated.` : ""}` +
        `${p.decisionCurve ? ` Clinical usefulness was assessed by decision-curve analysis at the horizon (Vickers et al. 2008)${p.decisionOptimism ? ", with the net benefit and the calculator's integrated calibration index corrected for optimism by the same bootstrap" : ""}.` : ""}`,
    );
  }
  const rec = r.analyses.recurrent;
  if (rec !== undefined) {
    const names = rec.models.map((m) => m.label);
    const q = recurrentQuotes(rec);
    out.push(
      `Repeated events (${lowerFirst(rec.label)}) were described by the mean number of events per patient with ${rec.terminalLabel} as a terminal event (Ghosh and Lin 2000): μ(t) = Σ_{t_j ≤ t} Ŝ(t_j−)·d_j / Y(t_j), with Ŝ the Kaplan–Meier estimate of survival free of ${rec.terminalLabel}, so that patients contribute their events until ${rec.terminalLabel} and none after; 95% confidence intervals came from its robust (influence-function) variance, as R's mets::recurrentMarginal. ` +
        `${q.length > 0 ? `It is quoted at the last event time with at least ${MIN_AT_RISK} patients at risk. ` : ""}` +
        `The mean cumulative function that treats ${rec.terminalLabel} as censoring (Nelson–Aalen type, Lawless–Nadeau variance) is shown for comparison only, because it describes a world without ${rec.terminalLabel}.` +
        `${names.length > 0 ? ` Covariate effects were modelled with ${list(names)} Cox models in counting-process form, with robust variance clustered on the patient.` : ""} Follow-up ${rec.population?.fromTreatment === true ? `of the ${rec.population.description} started at the index operation and ` : ""}ended at the ${lowerFirst(r.endpoints.find((e) => e.name === rec.endpoint)?.label ?? rec.endpoint)} event or censoring.`,
    );
  }
  return out;
}

/**
 * The methods paragraphs: population and missing data, endpoints, survival, Table 1 and Cox, propensity
 * analyses, treatment effects (estimators, variances, primary, absolute effects, estimands), immortal time,
 * long-term analyses, software.
 *
 * @example
 * ```ts
 * const paragraphs = methodsParagraphs(results);
 * paragraphs.at(-1); // "All analyses used survinfer 0.1.0."
 * ```
 */
export function methodsParagraphs(r: StudyResults): string[] {
  const paragraphs = [
    [...populationSentences(r), ...endpointSentences(r)],
    survivalSentences(r),
    [...table1Sentences(r), ...coxSentences(r)],
    propensitySentences(r),
    [...effectSentences(r), ...adjustedCurvesSentences(r)],
    immortalTimeSentences(r),
    longTermSentences(r),
    sensitivityMethodsSentences(r.analyses.sensitivity, r.endpoints.find((e) => e.name === r.analyses.sensitivity?.endpoint)?.unit ?? ""),
  ]
    .filter((p) => p.length > 0)
    .map((p) => p.join(" "));
  paragraphs.push(`All analyses used survinfer ${r.software.version}.`);
  return paragraphs;
}

/** The methods paragraphs joined by blank lines. */
export function methodsText(r: StudyResults): string {
  return methodsParagraphs(r).join("\n\n");
}
