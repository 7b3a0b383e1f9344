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
import { covariateObject, isContactEndpoint, isDatesEndpoint, type DatesEndpointSpec, type StudySpec } from "../study/schema.js";
import type { Table1TestId } from "./table1.js";
import { fmtNum, multivariableTerm, weightsText } from "./tables.js";
import { thresholdRule } from "../causal/balance-verdict.js";
import { DEFAULT_ORDER_TEXT } from "../study/primary.js";
import { msg } from "../i18n/messages.js";
import type { MethodsMessages } from "../i18n/methods-en.js";
import { engineText } from "../i18n/warnings.js";
import { rReference } from "./r-reference.js";
import { calculatorWithheldShort } from "./sections-prediction-use.js";
import { causeOfDeath, cureProbability } from "./tables-long-term.js";

/** The methods sentences of the language in force (src/i18n/methods-en.ts and its translations). */
function M(): MethodsMessages {
  return msg().methods;
}

/** "a, b and c" with the joining words of the language in force. */
function list(items: readonly string[]): string {
  const m = M();
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(m.listSep)}${m.listAnd}${items[items.length - 1]}`;
}

/** A label inside a sentence: lower-cased at its start where the language does so (English), as written otherwise. */
function lower(s: string): string {
  return M().lowerLabels ? lowerFirst(s) : s;
}

/** A covariate's label inside a sentence. */
function covLabel(spec: StudySpec, name: string, options: { readonly missing?: boolean } = {}): string {
  return lower(covariateLabel(spec, name, options));
}

/** A number of `unit` with no decimal when whole: "60", "2.5". */
function whole(x: number): string {
  return fmtNum(x, x % 1 === 0 ? 0 : 1);
}

/** "8 patients (missing: size of the primary tumour (mm) in 5, FNCLCC grade in 4)": each patient counted once in the total. */
function droppedText(spec: StudySpec, dropped: readonly { readonly column: string; readonly count: number; readonly rows: readonly number[] }[]): string {
  const m = M();
  const total = new Set(dropped.flatMap((d) => d.rows)).size;
  const what = dropped.map((d) => m.droppedItem(d.column === "treatment" || d.column === "time/status/treatment" ? m.followUpOrTreatment : covLabel(spec, d.column, { missing: true }), d.count));
  return m.droppedPatients(total, list(what));
}

/**
 * The study population and missing data: patients read, exclusions per endpoint (with reasons), and the
 * complete-case rule of the models with how many patients each left out.
 */
function populationSentences(r: StudyResults): string[] {
  const m = M();
  const out: string[] = [m.dataSetHeld(r.data.nRows)];
  for (const ep of r.endpoints) {
    const ex = ep.flow.excluded.filter((e) => e.count > 0);
    if (ex.length > 0) out.push(m.endpointExcluded(lower(ep.label), ep.flow.read - ep.flow.analysed, list(ex.map((e) => m.excludedReason(engineText(e.reason), e.count))), ep.flow.analysed));
  }
  const cc: string[] = [];
  const p = r.analyses.propensity;
  if (p !== undefined && p.analysis.dropped.length > 0) cc.push(m.ccPropensity(droppedText(r.spec, p.analysis.dropped), p.analysis.n));
  const mv = r.analyses.cox?.multivariable;
  if (mv !== undefined && mv.result.dropped.length > 0) cc.push(m.ccMultivariable(droppedText(r.spec, mv.result.dropped), mv.result.fit.n));
  const mi = r.analyses.missing;
  out.push(cc.length > 0 ? m.completeCasesLeftOut(mi !== undefined, list(cc)) : m.completeCases(mi !== undefined));
  if (mi !== undefined) {
    const w = mi.within;
    out.push(m.miFitted(mi.cox !== null || w === null, mi.m, mi.iterations, mi.n, mi.n - mi.nComplete, rReference("mice")));
    if (w !== null) out.push(m.miWithin(w.m, w.contrasts !== null));
    out.push(m.miPrimary(mi.primary === "mi", w !== null));
  }
  return out;
}

/**
 * The origin of an endpoint in words: the spec's originLabel ("diagnosis of lung metastases"); the column only as the
 * fallback when none is declared ("the date in column date_lung_met"). A journal's Methods describes variables.
 */
function originWords(column: string, label: string | undefined): string {
  return label === undefined ? M().originColumn(column) : label;
}

/**
 * One date of a composite event in words: another endpoint's single event date by that endpoint's `eventLabel` ("the
 * date of death") or declared label ("the event of overall survival"), else its column as the fallback ("column
 * date_progression").
 */
function compositeDateWords(r: StudyResults, self: string, column: string): string {
  const m = M();
  for (const [name, e] of Object.entries(r.spec.endpoints)) {
    if (name === self || !isDatesEndpoint(e) || e.event !== column) continue;
    if (e.eventLabel !== undefined) return m.eventNamedDate(lower(e.eventLabel));
    if (e.label !== undefined) return m.eventOf(lower(e.label));
  }
  return m.columnDate(column);
}

/**
 * The event of a dates endpoint in words: its `eventLabel` ("death"; a composite's "progression or death, whichever
 * came first"), else "the date of the event", or a composite's dates one by one ({@link compositeDateWords}).
 */
function eventWords(r: StudyResults, self: string, spec: DatesEndpointSpec): string {
  const m = M();
  const composite = Array.isArray(spec.event) && spec.event.length > 1;
  if (spec.eventLabel !== undefined) return composite ? m.eventNamedFirst(lower(spec.eventLabel)) : m.eventNamed(lower(spec.eventLabel));
  return Array.isArray(spec.event) ? m.firstOfDates(list(spec.event.map((c) => compositeDateWords(r, self, c)))) : m.theEvent;
}

/** Sentences on the endpoints (origin, event, censoring, unit), in words: labels, never column names where a label is declared. */
function endpointSentences(r: StudyResults): string[] {
  const m = M();
  const out: string[] = [];
  for (const ep of r.endpoints) {
    const spec = r.spec.endpoints[ep.name];
    if (spec === undefined) continue;
    if (isDatesEndpoint(spec)) {
      out.push(m.endpointDates(ep.label, originWords(spec.origin, spec.originLabel), eventWords(r, ep.name, spec), m.lastFollowUp, spec.cutoff ? m.cutoffClause(spec.cutoff) : ""));
    } else if (isContactEndpoint(spec)) {
      out.push(m.endpointContact(ep.label, originWords(spec.origin, spec.originLabel), spec.values.map(String).join(m.valuesOr), spec.cutoff ? m.cutoffClause(spec.cutoff) : ""));
    } else {
      out.push(m.endpointColumns(ep.label, m.unitText(ep.unit), spec.values.map(String).join(", ")));
    }
  }
  const units = [...new Set(r.endpoints.filter((ep) => r.spec.endpoints[ep.name] !== undefined && (isDatesEndpoint(r.spec.endpoints[ep.name]) || isContactEndpoint(r.spec.endpoints[ep.name]))).map((ep) => ep.unit))];
  if (units.length > 0) out.push(m.timeIn(list(units.map((u) => m.unitText(u)))));
  if (r.endpoints.length > 0) out.push(m.medianFollowUp);
  const unused = unusedEndpoints(r);
  if (unused.length > 0) out.push(m.unusedEndpoints(list(unused.map((e) => m.endpointNamed(e.label, e.name))), unused.length === 1));
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
  const m = M();
  const out: string[] = [];
  const km = r.analyses.km;
  const lr = r.analyses.logrank;
  if (km !== undefined) {
    const o = km.options;
    let s = m.kmEstimated(fmtNum(100 * o.confLevel, 0), o.confType, o.variance === "greenwood" ? m.greenwood : o.variance);
    if (lr !== undefined) s += m.kmCompared(lr.by === km.by, lr.method === "log-rank" ? m.logrankTest : m.otherTest(lr.method, String(lr.options.rho)));
    out.push(`${s}${m.sentenceEnd}`);
  } else if (lr !== undefined) {
    out.push(m.lrOnly(lr.method === "log-rank" ? m.logrankTest : m.otherTest(lr.method, "")));
  }
  const rm = r.analyses.rmst;
  const cr = r.analyses.competingRisks;
  if (cr !== undefined) {
    const label = r.endpoints.find((e) => e.name === cr.endpoint)?.label ?? cr.endpoint;
    out.push(m.cumulativeIncidence(lower(label), list(cr.causeLabels), cr.tests !== null));
    if (cr.models.length > 0) out.push(m.crModels);
  }
  if (rm !== undefined) out.push(m.rmst(fmtNum(rm.tau, rm.tau % 1 === 0 ? 0 : 1), m.unit(r.endpoints.find((e) => e.name === rm.endpoint)?.unit ?? "")));
  return out;
}

function table1Sentences(r: StudyResults): string[] {
  const m = M();
  const t1 = r.analyses.table1;
  if (t1 === undefined) return [];
  const tests = new Set<Table1TestId>();
  for (const row of t1.unadjusted.rows) if (row.test !== null) tests.add(row.test);
  const out: string[] = [m.table1(list([...tests].map((t) => m.testLabel(t))))];
  const bal = t1.unadjusted.balance;
  if (t1.unadjusted.options.smd && bal !== null && r.analyses.propensity === undefined) out.push(m.table1Smd(engineText(bal.formula)));
  return out;
}

function coxSentences(r: StudyResults): string[] {
  const m = M();
  const cox = r.analyses.cox;
  if (cox === undefined) return [];
  const any = cox.univariable[0]?.result ?? cox.multivariable?.result;
  if (any === undefined) return [];
  const o = any.fit.options;
  const parts: string[] = [m.coxModels(o.ties === "efron", o.robust, cox.univariable.length > 0 && cox.multivariable !== undefined ? "both" : cox.multivariable !== undefined ? "multivariable" : "univariable")];
  const uni = cox.univariable.filter((u) => !u.dichotomised).map((u) => lower(u.label));
  if (uni.length > 0) parts.push(m.coxUnivariable(list(uni)));
  const cut = cox.univariable.filter((u) => u.dichotomised).map((u) => u.label);
  if (cut.length > 0) parts.push(m.coxCutoffs(list(cut)));
  if (cox.multivariable !== undefined) {
    const mv = cox.multivariable;
    parts.push(m.coxMultivariable(list(mv.result.terms.map((_, i) => lower(multivariableTerm(cox, i).label)))));
  }
  if (any.zph !== undefined) parts.push(m.coxZph);
  const firth = [...cox.univariable.filter((u) => u.result.firth !== undefined).map((u) => m.firthUnivariable(lower(u.label))), ...(cox.multivariable?.result.firth !== undefined ? [m.firthMultivariable] : [])];
  if (firth.length > 0) parts.push(m.coxFirth(list(firth)));
  return parts;
}

function propensitySentences(r: StudyResults): string[] {
  const M_ = M();
  const p = r.analyses.propensity;
  if (p === undefined) return [];
  const a = p.analysis;
  const out: string[] = [];
  const covs = r.spec.analyses.propensity?.covariates ?? r.spec.covariates.map((c) => covariateObject(c).name);
  out.push(M_.psEstimated(r.spec.treatment?.label ? lower(r.spec.treatment.label) : M_.treatmentFallback, M_.psModel(a.model.method === "firth"), list(covs.map((c) => covLabel(r.spec, c))), a.n));
  const m = a.matching?.result;
  if (m !== undefined) {
    const o = m.options;
    const dist = M_.psDistance(o.distance === "logit");
    const caliper = o.caliper === null ? "" : M_.caliper(fmtNum(o.caliper, 2), o.stdCaliper, dist);
    const order = o.order === "random" ? M_.orderRandom(String(o.seed ?? r.seed)) : o.order === "data" ? M_.orderData : M_.orderPs(o.order);
    const exactNames = r.spec.analyses.propensity?.matching?.exact ?? [];
    const exact = exactNames.length > 0 ? M_.exactOn(list(exactNames.map((c) => covLabel(r.spec, c)))) : "";
    if (o.method === "full") {
      out.push(M_.fullMatching(dist, caliper, exact, o.maxControls !== null ? String(o.maxControls) : "", m.steps.treatedMatched, m.steps.treated, m.steps.controlsMatched, m.steps.controls, o.estimand));
    } else out.push(M_.pairMatching(String(o.ratio), o.method === "nearest", caliper === "" ? dist : "", o.replace, caliper, exact, order, m.steps.treatedMatched, m.steps.treated));
  }
  const w = a.weighting?.result;
  if (w !== undefined) {
    out.push(
      M_.iptw(
        engineText(w.estimandLabel ?? w.estimand),
        engineText(w.estimandDescription),
        engineText(weightsText(w)),
        w.trimming ? M_.trimming(fmtNum(w.trimming.lower, 3), fmtNum(w.trimming.upper, 3)) : "",
        w.truncation ? M_.truncation(fmtNum(100 * w.truncation.at, 0)) : "",
      ),
    );
    // every weighted contrast compares patients by treatment ever received: the weights target the estimand, the comparison does not estimate it (referee A8)
    const biased = r.analyses.effects?.biasedByDesign ?? null;
    if (biased !== null) out.push(M_.iptwBiased(engineText(w.estimandLabel ?? w.estimand), biased));
  }
  if (m !== undefined || w !== undefined) {
    const b = p.balance;
    out.push(M_.balance(m !== undefined && w !== undefined ? "both" : m !== undefined ? "matching" : "weighting", b.sample.n, engineText(b.formula), engineText(thresholdRule(b.options.thresholds, false))));
  }
  return out;
}

/** The model part of each effect label, once each ("PS-matched Cox (ATM, marginal HR)" → "PS-matched Cox"). */
function modelNames(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => lower(engineText(l.replace(/ \([^()]*\)$/, "")))))];
}

/** "the robust variance clustered on matched set" from an estimate's variance text. */
function clusterOf(variance: string): string {
  const m = /clustered on ([^(;,]+)/.exec(variance);
  return m === null ? "" : M().clusteredOn(engineText(m[1].trim()));
}

/**
 * The treatment-effect estimators in prose, from the estimates that ran (each design once, with its
 * variance), the primary analysis and the absolute effects.
 */
export function effectSentences(r: StudyResults): string[] {
  const M_ = M();
  const eff = r.analyses.effects;
  if (eff === undefined || eff.estimates.length === 0) return [];
  const est = (id: string): (typeof eff.estimates)[number] | undefined => eff.estimates.find((e) => e.id === id);
  const treatment = r.spec.treatment?.label ? lower(r.spec.treatment.label) : M_.theTreatmentFallback;
  const endpoint = lower(r.endpoints.find((e) => e.name === eff.endpoint)?.label ?? eff.endpoint);
  const designs: string[] = [];
  const basic = [est("crude") ? M_.crude : null, est("multivariable") ? M_.multivariable : null].filter((x): x is string => x !== null);
  if (basic.length > 0) designs.push(M_.modelBased(list(basic)));
  const m = est("matched");
  if (m !== undefined || est("matchedStratified") !== undefined || est("matchedAdjusted") !== undefined) {
    const ms = [
      m ? M_.matchedAlone(clusterOf(m.variance)) : null,
      est("matchedStratified") ? M_.matchedStratified : null,
      est("matchedAdjusted") ? M_.matchedAdjusted(clusterOf(est("matchedAdjusted")!.variance)) : null,
    ].filter((x): x is string => x !== null);
    designs.push(M_.inMatched(list(ms)));
  }
  const wAny = eff.estimates.filter((e) => e.id.startsWith("weighted"));
  if (wAny.length > 0) {
    const models = [est("weighted") || est("weightedMEstimation") ? M_.weightedAlone : null, est("weightedAdjusted") || est("weightedAdjustedMEstimation") ? M_.weightedAdjusted : null].filter((x): x is string => x !== null);
    const variances = [wAny.some((e) => e.id === "weighted" || e.id === "weightedAdjusted") ? M_.robustSandwich : null, wAny.some((e) => e.id.endsWith("MEstimation")) ? M_.mEstimation : null].filter((x): x is string => x !== null);
    designs.push(M_.inWeighted(list(models), variances.length > 1, list(variances)));
  }
  const out = [M_.effectEstimated(treatment, endpoint, designs.join(M_.designSep))];
  // covariate-adjusted models below the events-per-parameter floor were not estimated (src/study/effects-epv.ts)
  const refused = eff.refused ?? [];
  if (refused.length > 0) {
    // the model without its estimand in brackets ("Multivariable Cox (conditional HR)" → "multivariable Cox")
    const model = (label: string): string => lower(engineText(label.replace(/ \([^()]*\)$/, "")));
    out.push(M_.refusedModels(refused[0].epv.epvFloor, refused.map((x) => M_.refusedItem(model(x.label), x.epv.events, x.epv.parameters)).join("; ")));
    // the exception: clone–censor–weight's censoring models below the same floor (src/study/immortal-time/ccw.ts warns)
    const below = (r.analyses.immortalTime?.cloneCensorWeight?.warnings ?? []).flatMap((w) => {
      const m = /^clone–censor–weight, censoring model of "[^"]+": (\d+) deviations for (\d+) parameters \(EPV [\d.]+, below the floor/.exec(w);
      const arm = /"([^"]+)"/.exec(w)?.[1] === "treatment within the grace period" ? M_.ccwArmTreat : M_.ccwArmControl;
      return m === null ? [] : [M_.refusedItem(arm, Number(m[1]), Number(m[2]))];
    });
    if (below.length > 0) out.push(M_.ccwBelowFloor(below.join("; ")));
  }
  const primary = r.primary;
  if (primary.id !== null && primary.label !== null) {
    out.push(M_.primary(engineText(primary.label), primary.declared, engineText(DEFAULT_ORDER_TEXT), primary.biasedByDesign !== null ? engineText(primary.biasedByDesign) : ""));
  } else if (eff.biasedByDesign !== null) {
    out.push(M_.noPrimary(engineText(eff.biasedByDesign)));
  }
  const absolute = [eff.weighted !== null ? M_.weighted : null, eff.matched !== null ? M_.matched : null].filter((x): x is string => x !== null);
  const sv = eff.weighted?.survival ?? eff.matched?.survival;
  if (sv !== undefined && absolute.length > 0 && (sv.times.length > 0 || sv.tau !== null)) {
    const unit = M_.unit(r.endpoints.find((e) => e.name === eff.endpoint)?.unit ?? "");
    const what = [sv.times.length > 0 ? M_.survivalAt(list(sv.times.map(whole)), unit) : null, sv.tau !== null ? M_.rmstUpTo(whole(sv.tau), unit) : null].filter((x): x is string => x !== null);
    out.push(M_.absolute(list(what), list(absolute), eff.bootstrap !== null));
  }
  // only when a row of the table shows an E-value: rows biased by design have none (referee A6; sections-effects.ts effectRows)
  if (eff.biasedByDesign === null && eff.estimates.some((e) => e.eValue !== null)) out.push(M_.eValue);
  out.push(...estimandSentences(r));
  return out;
}

/** The analyses that avoid immortal-time bias (time-dependent treatment, landmark). */
function immortalTimeSentences(r: StudyResults): string[] {
  const m = M();
  const it = r.analyses.immortalTime;
  if (it === undefined) return [];
  const label = lower(r.endpoints.find((e) => e.name === it.endpoint)?.label ?? it.endpoint);
  const treatment = r.spec.treatment?.label ? lower(r.spec.treatment.label) : m.treatmentFallback;
  const unit = m.unit(it.unit);
  const out = [m.immortalIntro(treatment, label, it.medianWait !== null ? fmtNum(it.medianWait, 1) : "", unit)];
  // the designs that handle immortal time and measured confounding together (issue 14)
  const adjusted: string[] = [];
  const covs = (names: readonly string[]): string => list(names.map((c) => covLabel(r.spec, c)));
  const cw = it.cloneCensorWeight;
  if (cw !== undefined) {
    const g = m.quantity(whole(cw.options.grace), unit);
    const cc = cw.covariates.length > 0 ? covs(cw.covariates) : m.noCovariates;
    // the number of periods used (results.json censoringPeriods), one included (referee A16)
    const model = cw.options.censoringModel === "piecewise" ? m.censoringPiecewise(cc, cw.options.censoringPeriods > 1 ? m.censoringPeriods(cw.options.censoringPeriods) : m.censoringOnePeriod) : m.censoringCox(cc);
    adjusted.push(
      m.ccw(
        g,
        m.weightsKind(cw.options.weights),
        model,
        cw.options.times.length > 0 ? m.ccwAt(list(cw.options.times.map(whole)), unit) : "",
        cw.options.tau !== null ? m.ccwRmst(fmtNum(cw.options.tau, 0), unit) : "",
        cw.bootstrap !== null ? m.ccwBootstrap(cw.bootstrap.replicates) : m.ccwNoBootstrap,
        // the per-protocol HR's bootstrap percentile interval, shown beside its robust interval (referee A16)
        cw.hazardRatio?.bootstrap?.percentileLower !== undefined && cw.hazardRatio.bootstrap.percentileLower !== null ? m.ccwHrPercentile : "",
      ),
    );
  }
  const adj = it.adjustedTimeDependent;
  if (adj !== undefined) adjusted.push(m.adjustedTd(covs(adj.covariates)));
  // below the events-per-parameter floor the design is named and said not estimated (src/study/immortal-time-step.ts)
  const adjRefused = adj === undefined ? (it.refused ?? []).find((x) => x.analysis === "immortalTime.adjustedTimeDependent") : undefined;
  if (adjRefused !== undefined) adjusted.push(m.adjustedTdRefused(covs(it.options.covariates), adjRefused.epv.events, adjRefused.epv.parameters, adjRefused.epv.epvFloor));
  const lp = it.landmarkPs;
  if (lp !== undefined) {
    const repeated = it.landmarks !== undefined && it.landmarks.length > 1 ? m.repeatedAt(list(it.landmarks.slice(1).map((l) => whole(l.time))), unit) : "";
    // the covariate-adjusted landmark model said not estimated when refused below the events-per-parameter floor (referee A16)
    const refused = (lp.refused ?? []).find((x) => x.analysis.endsWith(".multivariable"));
    const adjustment = refused !== undefined ? m.landmarkAdjustRefused(refused.epv.events, refused.epv.parameters, refused.epv.epvFloor) : lp.effects.estimates.some((e) => e.id === "multivariable") ? m.landmarkAdjust : "";
    adjusted.push(m.landmarkPs(whole(lp.time), unit, lp.weighting.estimand, lp.weighting.stabilize, lp.matching, repeated, adjustment));
  }
  if (it.sequentialMatching !== undefined) adjusted.push(m.sequentialMatching);
  if (adjusted.length > 0) out.push(m.addressedTogether(adjusted.map((d, k) => m.designItem(k, d)).join(m.designSep)));
  // the clone–censor–weight's balance check and its flag, as the landmark designs' flags below (referee s12 A12)
  const cd = cw?.diagnostics;
  if (cw !== undefined && cd !== undefined && cd.perArm.some((a) => a.smd.length > 0)) {
    const flag = cd.flag === null ? m.ccwNotFlagged : m.ccwFlagged(String(cd.imbalanced.count), String(cd.imbalanced.total));
    out.push(m.ccwBalanceCheck(m.quantity(whole(cw.options.grace), unit), engineText(thresholdRule(cd.thresholds, true)), flag));
  }
  // the landmark PS estimates' flags, by kind (src/study/effect-flags.ts; referee A16)
  const kinds = new Set((lp?.flags ?? []).map((f) => f.kind));
  if (lp !== undefined && kinds.size > 0) out.push(m.landmarkPsFlagged(whole(lp.time), unit, kinds.has("balanceWorsened"), kinds.has("residualImbalance"), kinds.has("fewEvents")));
  const designs: string[] = [];
  if (it.timeDependent !== undefined) designs.push(m.timeDependent);
  if (it.landmark !== undefined) designs.push(m.landmark(whole(it.landmark.time), unit));
  if (designs.length > 0) out.push(m.crudeDesigns(adjusted.length > 0, designs.join(m.designsJoin)));
  return out;
}

/**
 * What each hazard ratio estimates, from the results' structured estimand fields (estimand, hrType,
 * treatedKept, treatedDiscarded): matched treated (ATM) versus ATT, marginal versus conditional HRs
 * (non-collapsibility; Hernán 2010), and the bootstrap's rule for failed replicates.
 */
export function estimandSentences(r: StudyResults): string[] {
  const m = M();
  const eff = r.analyses.effects;
  if (eff === undefined || eff.estimates.length === 0) return [];
  const out: string[] = [];
  const matched = eff.estimates.find((e) => e.treatedKept !== null && e.treatedDiscarded !== null);
  if (matched !== undefined) {
    const total = matched.treatedKept! + matched.treatedDiscarded!;
    out.push(matched.estimand === "ATM" ? m.atm(matched.treatedDiscarded!, total, matched.treatedKept!) : m.att(total));
  }
  const named = (type: string): string[] => modelNames(eff.estimates.filter((e) => e.hrType === type).map((e) => e.label));
  const marginal = named("marginal");
  const conditional = named("conditional");
  if (marginal.length > 0) out.push(m.marginal(list(marginal)));
  if (conditional.length > 0) out.push(m.conditional(list(conditional)));
  out.push(eff.biasedByDesign !== null ? m.notPotentialBiased : m.notPotential);
  const b = eff.bootstrap;
  if (b !== null) out.push(m.bootstrap(b.replicates, fmtNum(100 * b.maxFailedShare, 0)));
  return out;
}

/** Adjusted (standardised) survival curves and absolute contrasts (analyses.adjustedCurves). */
function adjustedCurvesSentences(r: StudyResults): string[] {
  const m = M();
  const a = r.analyses.adjustedCurves;
  if (a === undefined) return [];
  return [m.adjustedCurves(!a.estimates.every((e) => e.rmst === undefined), a.options.estimand === "ATT", list(a.options.estimators.map((e) => m.adjustedEstimator(e))), rReference("riskRegression", "survival"))];
}

/** Cure, prediction and recurrent-event models. */
function longTermSentences(r: StudyResults): string[] {
  const M_ = M();
  const out: string[] = [];
  const c = r.analyses.cure;
  if (c !== undefined) {
    // a cause-specific model of death is named by its event, not by the endpoint (referee s12 A9)
    const cause = causeOfDeath(c);
    const label = cause === null ? (r.endpoints.find((e) => e.name === c.endpoint)?.label ?? c.endpoint) : msg().longTerm.cureCauseEndpoint(cause);
    const latency = c.fit.method !== "ph-mixture-cure-em" ? M_.cureParametric(engineText(c.latencyLabel), c.model === "aic") : M_.cureSemiparametric(c.fit.method === "ph-mixture-cure-em" ? c.fit.bootstrap.replicates : 0);
    const cs = r.spec.analyses.cure;
    const inc = (cs?.incidence ?? []).map((n) => covLabel(r.spec, n));
    const lat = (cs?.latency ?? cs?.incidence ?? []).map((n) => covLabel(r.spec, n));
    const covs = inc.length + lat.length === 0 ? "" : M_.cureCovariates(inc.length > 0 ? list(inc) : M_.noCovariate, lat.length > 0 ? list(lat) : M_.noCovariate);
    out.push(M_.cure(lower(label), cureProbability(c), c.population !== undefined && c.population.kind !== "all" ? engineText(c.population.description) : "", latency, covs));
    if (c.relative !== undefined) out.push(M_.cureRelative(engineText(c.relative.description), c.relative.lifeTableFile, rReference("survival", "relsurv")));
    if (c.claims.cause !== "any" && c.relative === undefined) out.push(M_.cureCauseSpecific(c.claims.otherCauseEvents === undefined ? "" : String(c.claims.otherCauseEvents)));
    out.push(M_.curePlateau);
    out.push(M_.cureFollowUp);
  }
  const p = r.analyses.prediction;
  if (p !== undefined) {
    const v = p.validation;
    // a withheld calculator (src/study/calculator-use.ts): no sentence speaks of one; the model is reported for transparency, and why
    const withheld = calculatorWithheldShort(p);
    const optimism = p.decisionOptimism !== undefined && p.decisionOptimism !== null;
    out.push(
      M_.prediction(
        lower(p.endpointLabel),
        whole(p.time),
        M_.unit(p.unit),
        list(p.covariates.map((n) => lower(p.covariateLabels[n] ?? n))),
        engineText(p.population.description),
        p.dropped.length > 0 ? M_.predictionDropped(list(p.dropped.map((d) => lower(d.covariate))), p.dropped.length === 1) : "",
        v.optimism ? M_.predictionOptimism(v.optimism.B) : "",
        p.shrinkage.factor < 1 ? (withheld === null ? M_.predictionShrunk : M_.predictionShrunkWithheld)(fmtNum(p.shrinkage.factor, 2), p.shrinkage.source === "bootstrap") : "",
        p.decisionCurve ? (withheld === null ? M_.predictionDca : M_.predictionDcaWithheld)(optimism) : "",
      ),
    );
    // the Riley minimum sample size, which the calculator decision uses, with the prediction model (not with unmeasured confounding)
    if (r.analyses.sensitivity?.sampleSize != null) out.push(M_.sampleSize);
    if (p.epv?.status === "refuse") out.push(M_.predictionBelowFloor(String(p.epv.events), String(p.epv.parameters), fmtNum(p.epv.epv, 1), String(p.epv.epvFloor)));
    if (withheld !== null) out.push(M_.predictionWithheld(withheld));
  }
  const rec = r.analyses.recurrent;
  if (rec !== undefined) {
    const names = rec.models.map((x) => engineText(x.label));
    const q = recurrentQuotes(rec);
    out.push(
      M_.recurrent(
        lower(rec.label),
        engineText(rec.terminalLabel),
        q.length > 0 ? String(MIN_AT_RISK) : "",
        names.length > 0 ? M_.recurrentModels(list(names)) : "",
        rec.population?.fromTreatment === true ? M_.recurrentFromTreatment(engineText(rec.population.description)) : "",
        lower(r.endpoints.find((e) => e.name === rec.endpoint)?.label ?? rec.endpoint),
      ),
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
    sensitivityMethodsSentences(r.analyses.sensitivity, r.endpoints.find((e) => e.name === r.analyses.sensitivity?.endpoint)?.unit ?? "", r.analyses.effects),
  ]
    .filter((p) => p.length > 0)
    .map((p) => p.reduce((a, b) => M().joinSentences(a, b)));
  paragraphs.push(M().software(r.software.version));
  return paragraphs;
}

/** The methods paragraphs joined by blank lines. */
export function methodsText(r: StudyResults): string {
  return methodsParagraphs(r).join("\n\n");
}
