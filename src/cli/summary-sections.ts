/**
 * summary.txt, the descriptive and long-term parts (src/cli/commands/run.ts assembles the file): endpoints and
 * their patient flow, Kaplan–Meier, log-rank, RMST, the multivariable Cox model, multiple imputation, immortal
 * time, competing risks, cure, prediction and recurrent events. In the language in force (src/i18n/descriptive-*.ts)
 * and by the report's number policy (docs/report.md, src/report/number-format.ts): survival, cumulative incidence
 * and cure fractions in percent with one decimal, times with one decimal and their unit, ratios with two decimals,
 * p-values by the p rule; every number with its population n; labels (spec `label`, `labels`) instead of column names.
 */
import { countsText, minAtRiskOf } from "../study/beyond-data.js";
import type { ImmortalTimeResult } from "../study/immortal-time-step.js";
import type { HazardRatioEffect } from "../causal/effect.js";
import type { StudyResults } from "../study/run.js";
import type { FlowSummary } from "../data/validate.js";
import { covariateObject } from "../study/schema.js";
import { formatEstimateCi, formatFixed, formatPercent, formatTime, pPhrase, withInterval } from "../report/number-format.js";
import { causeEvents, effectLabel, fmtNum, fmtRatioCi, GRAY_MIN_EVENTS, withCi } from "../report/tables.js";
import { absoluteEffectRows } from "../report/sections-effects.js";
import { covariateLabel, termLabel } from "../report/labels.js";
import { immortalTimeBiased } from "../report/render.js";
import type { DroppedCount } from "../formula/model-matrix.js";
import { levelLabeller } from "../report/level-labels.js";
import { recurrentQuotes } from "../report/recurrent-quote.js";
import { predictionSampleSizeLine } from "../report/sections-sensitivity.js";
import { causeOfDeath, cureNotFinding } from "../report/tables-long-term.js";
import { immortalPrimaryLine } from "../report/primary-headline.js";
import { landmarkFlagSuffix } from "../report/sections-immortal.js";
import { schemeNotEstimand } from "../report/sections-effects.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

type Summary = ReturnType<typeof msg>["descriptive"]["summary"];
const s = (): Summary => msg().descriptive.summary;

/** The unit word of an endpoint in the language in force ("months", "Monate", "か月"). */
function unitOf(unit: string | undefined): string {
  return unit === undefined || unit === "" ? "" : msg().unit(unit);
}

/** A time the spec gives (12, 36, 60 months; a landmark) as written when whole, else with one decimal; with its unit. */
function at(t: number | null | undefined, unit: string): string {
  const v = t !== null && t !== undefined && Number.isInteger(t) ? String(t) : formatTime(t);
  return `${v} ${unit}`.trim();
}

/** "62.3% (48.1–80.6)": a proportion as a percentage with its CI (docs/report.md). */
function pctCi(est: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined): string {
  if (est === null || est === undefined || !Number.isFinite(est)) return msg().num.notEstimable;
  const e = `${formatPercent(est)}%`;
  if (lower === null || lower === undefined || upper === null || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return e;
  return withInterval(e, formatPercent(lower), formatPercent(upper));
}

/** Display label of a column: the treatment's label, a covariate's label, else the name. */
export function columnLabel(r: Pick<StudyResults, "spec">, column: string | undefined): string | null {
  if (column === undefined || column === "") return null;
  const t = r.spec.treatment;
  if (column === "treatment" || (t !== undefined && column === t.column)) return t?.label ?? t?.column ?? column;
  for (const c of r.spec.covariates) {
    const cov = covariateObject(c);
    if (cov.name === column) return cov.label ?? column;
  }
  return column;
}

/** "<endpoint label>[ by <label>]" of an analysis. */
function what(r: StudyResults, endpoint: string, by: string | undefined | null): string {
  const ep = r.endpoints.find((e) => e.name === endpoint);
  return s().of(ep?.label ?? endpoint, columnLabel(r, by ?? undefined));
}

/** "yes vs no" (engine order, level names) with the levels' labels. */
function comparisonLabel(r: StudyResults, by: string | undefined | null, comparison: string): string {
  const label = levelLabeller(r);
  const [a, b] = comparison.split(" vs ");
  return b === undefined ? comparison : s().versus(label(by ?? undefined, a), label(by ?? undefined, b));
}

/** A patient flow in words: "64 patients read, none excluded; 64 analysed". */
export function flowSentence(f: FlowSummary): string {
  const reasons = f.excluded.map((e) => s().flowReason(engineText(e.reason), String(e.count)));
  const nExcluded = f.read - f.analysed;
  return s().flow(String(f.read), reasons.length === 0 ? null : String(nExcluded), reasons.join(msg().methods.listSep), String(f.analysed));
}

/** The endpoints: patient flow, events and median follow-up. */
export function endpointLines(r: StudyResults): string[] {
  const lines: string[] = [];
  for (const e of r.endpoints) {
    const fu = e.followUp.strata[0]?.median.estimate ?? null;
    lines.push(`${e.label}: ${flowSentence(e.flow)}`);
    lines.push(msg().summary.eventsAmong(String(e.events), String(e.n), fu === null ? msg().num.notReached : `${formatTime(fu)} ${unitOf(e.unit)}`));
  }
  return lines;
}

/** Kaplan–Meier, log-rank and RMST lines; `biased(by)` is the immortal-time label of a comparison by treatment received, or "". */
export function survivalLines(r: StudyResults, biased: (by: string | undefined) => string): string[] {
  const lines: string[] = [];
  const label = levelLabeller(r);
  const km = r.analyses.km;
  if (km) {
    const unit = unitOf(r.endpoints.find((e) => e.name === km.endpoint)?.unit);
    lines.push("", `${s().kmHeading(what(r, km.endpoint, km.by), String(km.n))}${biased(km.by)}:`);
    for (const st of km.strata) {
      // the median with its CI, as the report's table gives it ("55.8 (31.9–NR)"; referee s12 B14)
      const lim = (x: number | null): string => (x === null ? msg().num.nr : formatTime(x));
      const med = st.median.estimate === null ? msg().num.notReached : `${withCi(formatTime(st.median.estimate), lim(st.median.lower), lim(st.median.upper))} ${unit}`;
      const times = st.at.map((a) => s().survivalAt(at(a.time, unit), a.estimable ? pctCi(a.surv, a.lower, a.upper) : msg().num.notEstimable));
      lines.push(s().kmStratum(label(km.by, st.name), String(st.n), String(st.events), med, times.join("; ")));
    }
  }
  const lr = r.analyses.logrank;
  if (lr) {
    const name = lr.method === "log-rank" ? msg().table.logrankTest : msg().table.methodTest(lr.method);
    lines.push("", `${s().testHeading(name, what(r, lr.endpoint, lr.by), String(lr.n))}${biased(lr.by)}: ${s().chisq(fmtNum(lr.chisq, 2), String(lr.df), pPhrase(lr.p))}`);
    const hr = lr.hazardRatio;
    if (hr) lines.push(s().logrankHr(comparisonLabel(r, lr.by, hr.comparison), String(lr.n), fmtRatioCi(hr.observedExpectedRatio.estimate, hr.observedExpectedRatio.lower, hr.observedExpectedRatio.upper)));
  }
  const rm = r.analyses.rmst;
  if (rm) {
    const unit = unitOf(r.endpoints.find((e) => e.name === rm.endpoint)?.unit);
    lines.push("", `${s().rmstHeading(at(rm.tau, unit), what(r, rm.endpoint, rm.by), String(rm.n))}${biased(rm.by)}:`);
    for (const g of rm.groups) lines.push(s().rmstGroup(label(rm.by, g.name), String(g.n), String(g.events), `${formatEstimateCi(g.rmst, g.lower, g.upper)} ${unit}`.trim()));
    for (const c of rm.contrasts) lines.push(s().rmstDifference(comparisonLabel(r, rm.by, c.comparison), `${formatEstimateCi(c.difference.estimate, c.difference.lower, c.difference.upper)} ${unit}`.trim(), pPhrase(c.difference.p)));
  }
  return lines;
}

/** The multivariable Cox model: its patients and events, its covariates by label, one line per coefficient. */
export function coxLines(r: StudyResults, biasedTerm: (name: string) => string): string[] {
  const cox = r.analyses.cox;
  if (!cox?.multivariable) return [];
  const mv = cox.multivariable;
  const fit = mv.result.fit;
  const covs = mv.covariates.map((c) => mv.labels[c] ?? columnLabel(r, c) ?? c);
  const lines = ["", s().coxHeading(what(r, cox.endpoint, null), String(fit.n), String(fit.nEvent), covs.join(msg().methods.listSep))];
  for (const t of fit.terms) lines.push(s().coxTerm(`${termLabel(mv.termLabels[t.name] ?? t.name)}${biasedTerm(t.name)}`, t.hr === null ? msg().num.notEstimable : `HR ${fmtRatioCi(t.hr, t.lower, t.upper)}, ${pPhrase(t.p)}`));
  return lines;
}

/**
 * Adjusted (standardised) survival of the treatment-effect analyses: percentages at each time and the RMST, each with its
 * unit. Each sample is named as the report's "Adjusted survival and restricted mean survival time" table names its row
 * (src/report/sections-effects.ts absoluteEffectRows, the same function): its n and role, its balance flag (matching
 * worsened balance, residual imbalance after weighting) and "biased by design (immortal time)" (referee A3, session 11).
 */
export function adjustedSurvivalLines(r: StudyResults): string[] {
  const eff = r.analyses.effects;
  if (!eff) return [];
  const unit = unitOf(r.endpoints.find((e) => e.name === eff.endpoint)?.unit);
  const ps = r.analyses.propensity;
  // beyond the data (src/study/beyond-data.ts): the report's support of each contrast, from the sample's curves
  const rows = absoluteEffectRows(eff, r.primary, { weighted: ps?.weighted?.km, matched: ps?.matched?.km, minAtRisk: minAtRiskOf(r.spec) });
  const lines: string[] = [];
  for (const row of rows) {
    const m = row.survival;
    const sup = row.support;
    // a time where a group of the sample has fewer than figures.minAtRisk at risk: the whole contrast is not shown
    const beyond = (k: readonly [number, number] | null | undefined): string | null => (sup === undefined || k === null || k === undefined || !(k[0] < sup.minAtRisk || k[1] < sup.minAtRisk) ? null : msg().table.beyondDataCell);
    const ci = (c: { lower: number | null; upper: number | null; bootstrapFailed: number | null; bootstrapNote: string | null }, scale: number, suffix: string): string =>
      c.lower !== null && c.upper !== null ? ` (${formatFixed(scale * c.lower)}${msg().num.rangeTo}${formatFixed(scale * c.upper)}${suffix})` : c.bootstrapFailed === null ? ` (${s().ciNotComputed})` : ` (${engineText(c.bootstrapNote ?? "CI not estimable by bootstrap")})`;
    const parts = m.times.map((t, j) => ((off) => (off === null ? s().adjustedAt(at(t, unit), `${formatPercent(m.survTreated[j])}%`, `${formatPercent(m.survControl[j])}%`, formatFixed(100 * (m.survDifference[j].estimate ?? Number.NaN)), ci(m.survDifference[j], 100, "")) : `${at(t, unit)}: ${off}`))(beyond(sup?.atTimes[j])));
    if (m.tau !== null) {
      const off = beyond(sup?.atTau);
      parts.push(off === null ? s().adjustedRmst(at(m.tau, unit), `${formatTime(m.rmstTreated)} ${unit}`.trim(), `${formatTime(m.rmstControl)} ${unit}`.trim(), `${formatFixed(m.rmstDifference.estimate)} ${unit}`.trim(), ci(m.rmstDifference, 1, "")) : `RMST ${at(m.tau, unit)}: ${off}`);
    }
    // the row's name as the report's table gives it: "IPTW (ATE weights); residual imbalance … — biased by design (immortal time), n = 56 (sensitivity analysis)"
    if (parts.length > 0) lines.push(s().adjusted(msg().effects.sampleRow(effectLabel(row.analysis, row.biasedByDesign), String(row.n), row.role === "primary"), "", parts.join("; ")));
  }
  return lines;
}

/**
 * Multiple imputation (missing: { method: mi }): which version is primary (missing.primary), the pooled
 * treatment-effect HRs (within approach) and the pooled multivariable Cox model, each tagged.
 */
export function missingDataLines(r: StudyResults): string[] {
  const mi = r.analyses.missing;
  if (mi === undefined) return [];
  const primaryMi = mi.primary === "mi";
  // one count per complete-case model, with its population and its variables by label (issue 19): the multivariable Cox
  // model and the propensity model leave out different patients
  const counts = missingCounts(r);
  const lines = [
    "",
    counts.length > 0
      ? s().miHeadingCounts(counts.join(s().miCountSep), String(mi.m), String(mi.iterations), String(mi.seed), primaryMi, mi.primary)
      : s().miHeading(String(mi.n - mi.nComplete), String(mi.n), String(mi.m), String(mi.iterations), String(mi.seed), primaryMi, mi.primary),
  ];
  const note = r.primary.missingData?.note;
  if (note !== null && note !== undefined) lines.push(`  ${engineText(note)}`);
  const w = mi.within;
  if (w !== null && w.hazardRatios.length > 0) {
    lines.push(s().miWithin(what(r, w.endpoint, null), String(w.n)));
    for (const h of w.hazardRatios) {
      const tag = h.id !== w.primaryId ? "" : primaryMi ? s().tagPrimary : s().tagSensitivityOfPrimary;
      // no E-value for a row biased by design (as the report's tables)
      const biased = r.analyses.effects?.biasedByDesign ?? null;
      const ev = h.eValue === null || biased !== null ? "" : s().eValue(fmtNum(h.eValue.point, 2), h.eValue.ci === null ? null : fmtNum(h.eValue.ci, 2));
      const label = biased === null ? engineText(h.label) : msg().effects.biasedLabel(schemeNotEstimand(engineText(h.label), h), biased);
      lines.push(`    ${label}${tag}: ${h.notEstimable !== null ? engineText(h.notEstimable) : `${fmtRatioCi(h.hr, h.lower, h.upper)}, ${pPhrase(h.p)}${ev}`}`);
    }
  }
  if (mi.cox !== null) {
    lines.push(s().miCox(what(r, mi.endpoint, null), String(mi.n)));
    for (const t of mi.cox.terms) lines.push(`    ${t.label}: HR ${fmtRatioCi(t.hr, t.hrLower, t.hrUpper)}, ${pPhrase(t.p)}`);
  }
  return lines;
}

/** "Size of the primary tumour (mm): 5, FNCLCC grade: 4": the variables whose missing values left rows out, by label. */
function droppedVariables(r: StudyResults, dropped: readonly DroppedCount[]): string {
  return dropped.map((d) => `${covariateLabel(r.spec, d.column, { missing: true })}: ${d.count}`).join(msg().methods.listSep);
}

/** The patients a complete-case model left out (each once), of the patients it started from, with the variables. */
function missingCounts(r: StudyResults): string[] {
  const out: string[] = [];
  const count = (dropped: readonly DroppedCount[], analysed: number, text: (lost: string, n: string, vars: string) => string): void => {
    const lost = new Set(dropped.flatMap((d) => d.rows)).size;
    if (lost > 0) out.push(text(String(lost), String(analysed + lost), droppedVariables(r, dropped)));
  };
  const mv = r.analyses.cox?.multivariable;
  if (mv !== undefined) count(mv.result.dropped, mv.result.fit.n, s().miCountCox);
  const ps = r.analyses.propensity;
  if (ps !== undefined) count(ps.analysis.dropped, ps.analysis.n, s().miCountPropensity);
  return out;
}

/** The landmark PS estimates in the order of the report's table of designs (src/report/sections-immortal.ts immortalTimeSection). */
const LANDMARK_PS_ROWS = ["weighted", "weightedMEstimation", "matched", "matchedStratified", "multivariable"] as const;

/**
 * The landmark PS design (referee A11, A4, session 11): its population, then every row of the report's table (IPTW with
 * robust and M-estimation SE, PS-matched, PS-matched stratified on matched set, covariate-adjusted), each with its n, HR and
 * flags (`landmarkFlagSuffix`), or its reason when not estimated; then the IPTW-weighted survival at the landmark, which
 * rests on the same weights as the IPTW rows and carries their flags. The design refused as a whole says so with its reason.
 */
function landmarkPsLines(r: StudyResults, it: ImmortalTimeResult, unit: string, hr: (t: HazardRatioEffect) => string): string[] {
  const lp = it.landmarkPs;
  if (lp === undefined) {
    const refused = it.options.covariates.length > 0 ? (r.notEstimable ?? []).find((x) => x.analysis === "immortalTime.landmarkPs") : undefined;
    return refused === undefined ? [] : [s().immortalLandmarkPsRefused(at(it.options.landmark, unit), engineText(refused.reason))];
  }
  const lines = [s().immortalLandmarkPsHeading(at(lp.time, unit), engineText(lp.population))];
  for (const id of LANDMARK_PS_ROWS) {
    const e = lp.effects.estimates.find((x) => x.id === id);
    if (e === undefined) continue;
    const value = e.hr === null ? (e.notEstimable === null ? msg().num.notEstimable : engineText(e.notEstimable)) : `${hr(e)}${landmarkFlagSuffix(lp, e.id)}`;
    lines.push(s().immortalLandmarkPsRow(engineText(e.label), String(e.n), value));
  }
  const ws = lp.effects.weighted?.survival;
  if (ws !== undefined && ws.times.length > 0) {
    // the report's words for each time (src/i18n/immortal-*.ts lmAt, lmBeyond), beyond the data where a group has too few at risk
    const im = msg().immortal;
    const pct = (x: number | null): string => (x === null ? "–" : `${formatPercent(x)}%`);
    const items = ws.times.map((t, k) => {
      const sup = lp.weightedSupport?.[k];
      if (sup !== undefined && sup.beyondData) return im.lmBeyond(fmtNum(t, 0), it.unit, countsText(sup.nRiskUnweighted), String(sup.minAtRisk));
      const d = ws.survDifference[k].estimate;
      return im.lmAt(fmtNum(t, 0), it.unit, pct(ws.survTreated[k]), pct(ws.survControl[k]), d === null ? "–" : im.points(formatFixed(100 * d)));
    });
    const n = lp.effects.estimates.find((x) => x.id === "weighted")?.n ?? lp.n;
    lines.push(`${s().immortalLandmarkWeighted(String(n), items.join(im.sep))}${landmarkFlagSuffix(lp, "weighted")}`);
  }
  return lines;
}

/** Immortal time: the explanation, the study's primary when it is one of these designs, the adjusted designs, then the crude ones, each with its n. */
export function immortalLines(r: StudyResults): string[] {
  const it = r.analyses.immortalTime;
  if (!it) return [];
  const unit = unitOf(it.unit);
  const hr = (t: { hr: number | null; lower: number | null; upper: number | null; p: number | null }): string => `HR ${fmtRatioCi(t.hr, t.lower, t.upper)}, ${pPhrase(t.p)}`;
  const lines = ["", s().immortalHeading(msg().section.immortalTime, engineText(it.explanation))];
  // the study's primary, when it is one of these designs: first, once (the treatment-effect block points to it)
  const primary = immortalPrimaryLine(r);
  if (primary !== null) lines.push(`  ${primary}`);
  const adj = it.adjustedTimeDependent;
  const adjTerm = adj?.result.fit.terms.find((t) => t.name === adj.treatmentTerm);
  if (adj && adjTerm) lines.push(s().immortalAdjusted(String(adj.n), engineText(adj.estimandLabel), hr(adjTerm)));
  lines.push(...landmarkPsLines(r, it, unit, hr));
  const naive = it.naive.cox;
  lines.push(s().immortalNaive(String(naive.n), hr(naive.terms[0])));
  if (it.timeDependent) lines.push(s().immortalTimeDependent(String(naive.n), // the same patients as the naive model (its n counts the patients' intervals)
 hr(it.timeDependent.cox.terms[0])));
  if (it.landmark) lines.push(s().immortalLandmark(at(it.landmark.time, unit), String(it.landmark.n), hr(it.landmark.cox.terms[0])));
  return lines;
}

/** Competing risks, cure, prediction and recurrent events; `biased(by)` as for {@link survivalLines}. */
export function longTermLines(r: StudyResults, biased: (by: string | undefined) => string): string[] {
  const lines: string[] = [];
  const label = levelLabeller(r);
  const cr = r.analyses.competingRisks;
  if (cr) {
    const unit = unitOf(cr.unit);
    // a comparison by treatment received from the origin: the heading says "biased by design (immortal time)", as Kaplan–Meier's (referee A15)
    const flag = biased(cr.by ?? undefined);
    lines.push("", flag === "" ? s().crHeading(what(r, cr.endpoint, cr.by), String(cr.n)) : s().crHeadingFlagged(what(r, cr.endpoint, cr.by), String(cr.n), flag));
    for (const c of cr.curves) {
      const cause = cr.causeLabels[c.cause - 1] ?? String(c.cause);
      const values = c.at && cr.options.times ? c.at.est.map((e, k) => s().incidenceAt(at(cr.options.times![k], unit), `${formatPercent(e)}%`)).join("; ") : s().incidenceLast(`${formatPercent(c.est[c.est.length - 1])}%`);
      lines.push(s().crCurve(cause, c.group ? label(cr.by, c.group) : null, String(c.n), String(c.events), values));
    }
    // Gray's p with the report's flags (src/report/sections-competing.ts): too few events of the cause, biased by design
    const grayBias = immortalTimeBiased(r, cr.by) ? msg().report.immortalBias : null;
    for (const t of cr.tests ?? []) {
      const e = causeEvents(cr, t.cause);
      const flags = [...(e < GRAY_MIN_EVENTS ? [msg().longTerm.crTooFew(e)] : []), ...(grayBias === null ? [] : [grayBias])];
      const cause = cr.causeLabels[t.cause - 1] ?? String(t.cause);
      lines.push(flags.length === 0 ? s().grayTest(cause, String(cr.n), pPhrase(t.p)) : s().grayTestFlagged(cause, String(cr.n), pPhrase(t.p), flags.join("; ")));
    }
    for (const m of cr.models) {
      m.causeSpecific.fit.terms.forEach((t, j) => {
        const fg = m.fineGray?.terms[j];
        lines.push(s().crModel(engineText(m.label), termLabel(m.termLabels[t.name] ?? t.name), String(m.causeSpecific.fit.n), fmtRatioCi(t.hr, t.lower, t.upper), fg ? fmtRatioCi(fg.shr, fg.lower, fg.upper) : null));
      });
    }
  }
  const cure = r.analyses.cure;
  if (cure) {
    const unit = unitOf(cure.unit);
    // a cause-specific model of death is named by its event, not by the endpoint (referee s12 A9)
    const death = causeOfDeath(cure);
    const of = cure.relative !== undefined ? s().cureRelative : cure.claims.cause === "any" ? s().cureAnyCause : death !== null ? s().cureCauseSpecific : s().cureCause(cure.claims.cause);
    const pop = cure.population !== undefined && cure.population.kind !== "all" ? engineText(cure.population.description) : null;
    const model = cure.fit.method === "ph-mixture-cure-em" ? s().cureSemiparametric : cure.latencyLabel;
    lines.push("", s().cureHeading(death === null ? what(r, cure.endpoint, null) : msg().longTerm.cureCauseEndpoint(death), of, pop, model, cure.model === "aic"));
    for (const g of [cure.overall, ...cure.groups]) {
      const fraction = g.events === 0 ? s().cureNoEvents : pctCi(g.cureFraction.estimate, g.cureFraction.lower, g.cureFraction.upper);
      const plateau = g.kmPlateau === null ? null : `${formatPercent(g.kmPlateau)}%`;
      const fu = g.followUp ? s().cureFollowUp(`${formatTime(g.followUp.plateauLength)} ${unit}`.trim(), pPhrase(g.followUp.mallerZhou.pValue), g.followUp.verdict) : null;
      // a fraction the data do not support does not lead: the Kaplan–Meier estimate at the end of follow-up (an upper bound) first (referee s12 A15)
      const km = g.kmAtEnd ?? null;
      if (cureNotFinding(g) && km !== null) lines.push(s().cureGroupNotFinding(label(cure.by ?? undefined, g.name), String(g.n), String(g.events), pctCi(km.surv, km.lower, km.upper), fraction, fu));
      else lines.push(s().cureGroup(label(cure.by ?? undefined, g.name), String(g.n), String(g.events), fraction, plateau, fu));
      // as the report's headline: a fraction the data do not support is said not to be a finding (src/study/cure-agreement.ts)
      if (g.modelVsData === "outside-km-ci" || g.modelVsData === "plateau-not-reached") lines.push(s().cureNotFinding(g.modelVsData));
    }
  }
  const pred = r.analyses.prediction;
  if (pred) {
    const v = pred.validation;
    const idx = (name: string, value: number | null | undefined): string => {
      const i = v.optimism?.indices.find((x) => x.name === name);
      return s().apparentCorrected(fmtNum(value ?? null, 3), i ? fmtNum(i.corrected, 3) : null);
    };
    const covs = pred.covariates.map((c) => columnLabel(r, c) ?? c).join(msg().methods.listSep);
    lines.push("", s().predictionHeading(what(r, pred.endpoint, null), at(pred.time, unitOf(pred.unit)), covs));
    const slope = v.optimism?.indices.find((x) => x.name === "slope");
    lines.push(s().predictionIndices(String(v.n), String(v.nEvent), idx("harrellC", v.harrell.value), idx("unoC", v.uno.value), idx("auc", v.auc?.auc), slope ? fmtNum(slope.corrected, 3) : fmtNum(v.calibration?.slope.slope ?? null, 3), slope !== undefined));
    // the Riley minimum sample size beside the model it judges (the calculator decision uses it), each number with its unit
    lines.push(...predictionSampleSizeLine(r.analyses.sensitivity));
  }
  const rec = r.analyses.recurrent;
  if (rec) {
    const unit = unitOf(rec.unit);
    lines.push("", s().recurrentHeading(rec.label, String(rec.nEvents), String(rec.nPatients)));
    if (rec.population?.fromTreatment === true) lines.push(s().recurrentPopulation(engineText(rec.population.description)));
    // the Ghosh–Lin mean (death ends follow-up) is the estimate, read as the report reads it (src/report/recurrent-quote.ts)
    for (const q of recurrentQuotes(rec)) {
      const by = `${formatTime(q.time)} ${unit}`.trim();
      const group = q.name === "all" ? s().allPatients : q.name ? engineText(q.name) : null;
      lines.push(s().recurrentMean(group, formatEstimateCi(q.mu, q.lower, q.upper, 2), by, String(q.nRisk)));
      if (q.naive !== null) lines.push(s().recurrentNaive(group, formatFixed(q.naive, 2), by));
    }
    for (const m of rec.models) for (const t of m.result.fit.terms) lines.push(s().recurrentModel(engineText(m.label), termLabel(m.termLabels[t.name] ?? t.name), String(rec.nPatients), `HR ${fmtRatioCi(t.hr, t.lower, t.upper)}, ${pPhrase(t.p)}`));
  }
  return lines;
}
