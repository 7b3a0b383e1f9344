/**
 * The report's tables (besides Table 1, src/report/table1.ts) as `ReportTable`s, shared by the HTML,
 * CSV and DOCX writers: patient flow, survival estimates, restricted mean survival, Cox prognostic
 * factors (univariable and multivariable side by side with the PH-test p), the propensity-score model,
 * matching, weighting and the treatment-effect table. Pure functions of the results: they format
 * numbers, never recompute them.
 *
 * Conventions: survival in percent with 1 decimal, times with 1 decimal, ratios as the forest plot
 * prints them (2 decimals; 2 significant digits below 0.1), p-values by the rule of src/report/number-format.ts.
 * A limit that is not reached (R's NA for a median's upper limit) prints as "NR".
 */
import { levelLabeller, type LevelLabeller } from "./level-labels.js";
import type { HeaderCell, ReportTable } from "./csv.js";
import { formatP } from "./table1.js";
import { covariateLabel } from "./labels.js";
import { formatEstimateCi, formatFixed, toFixedR, withInterval, pPhrase } from "./number-format.js";
import { formatRatio } from "./plots/format.js";
import { engineText } from "../i18n/warnings.js";
import { msg } from "../i18n/messages.js";
import { atRiskAsDrawn, dataSupport } from "../study/beyond-data.js";
import { localizeDecimal } from "../i18n/language.js";
import type { KaplanMeierResult } from "../survival/kaplan-meier.js";
import type { LogrankResult } from "../survival/logrank.js";
import type { RmstResult } from "../survival/rmst.js";
import type { CoxphResult } from "../survival/coxph.js";
import type { CoxStepResult, LevelCount, TermLevelCounts } from "../study/cox-step.js";
import type { EndpointSummary, StudyResults } from "../study/run.js";
import type { PropensityStepResult } from "../study/propensity-step.js";
import type { BalanceRow } from "../causal/balance.js";
import { smdDecimals, thresholdRule } from "../causal/balance-verdict.js";
import type { CompetingStepResult } from "../study/competing-step.js";
import type { PropensityWeightsResult } from "../causal/weight.js";
import type { MarginalEffects } from "../causal/effect.js";

/** x with `digits` decimals (R's rounding of halves), "–" when missing or not finite; ASCII "-" (a data cell). */
export function fmtNum(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = toFixedR(x, digits);
  // the decimal mark of the language in force (src/i18n/language.ts): "1,5" in German; a true minus (U+2212), as every
  // negative number of the report (docs/report.md, number format); "-0.00" is shown as "0.00"
  return localizeDecimal(/^-0\.?0*$/.test(s) ? s.slice(1) : s.replace(/^-/, "\u2212"));
}

/** x with a true minus sign (U+2212) when negative, so that "−5.3" cannot be read as a dash: "6.8", "−5.3". */
export function fmtSigned(x: number | null | undefined, digits = 1): string {
  return formatFixed(x, digits);
}

/**
 * A difference with its CI, unambiguous when a limit is negative: "6.8 (−5.3 to 18.9)"; "2.1 (0.4–3.9)"
 * when both limits are positive. Without limits, the estimate alone (src/report/number-format.ts).
 */
export function fmtDifferenceCi(est: number | null, lower: number | null, upper: number | null, digits = 1): string {
  return formatEstimateCi(est, lower, upper, digits);
}

/** A time limit: "NR" (not reached) when null. */
function fmtTime(x: number | null, digits = 1): string {
  return x === null ? msg().num.nr : fmtNum(x, digits);
}

/** Estimate (lower–upper); "(lower to upper)" with true minus signs when a part is negative. */
export function withCi(est: string, lower: string, upper: string): string {
  const minus = (t: string): string => (/^-\d/.test(t) ? `\u2212${t.slice(1)}` : t);
  return withInterval(minus(est), minus(lower), minus(upper));
}

/** Survival probability as percent with its CI: "62.3 (48.1–80.6)". */
export function fmtSurvivalPercent(surv: number | null, lower: number | null, upper: number | null): string {
  if (surv === null) return "–";
  const pc = (x: number | null): string => (x === null ? "–" : fmtNum(100 * x, 1));
  return withCi(pc(surv), pc(lower), pc(upper));
}

/** Whether a ratio estimate with limits can be shown (finite, limits in (0, ∞), not a diverging coefficient). */
export function ratioEstimable(est: number | null, lower: number | null, upper: number | null): boolean {
  return est !== null && lower !== null && upper !== null && Number.isFinite(est) && lower > 0 && Number.isFinite(upper) && est < 1e6 && est > 1e-6;
}

/** "0.62 (0.41–0.94)", or "not estimable". */
export function fmtRatioCi(est: number | null, lower: number | null, upper: number | null): string {
  if (!ratioEstimable(est, lower, upper)) return msg().num.notEstimable;
  return withCi(formatRatio(est as number), formatRatio(lower as number), formatRatio(upper as number));
}

function percentLevel(confLevel: number): string {
  return `${fmtNum(100 * confLevel, 0)}%`;
}

// ---------------------------------------------------------------------------------------------------
// Patient flow

/** Per-group numbers of the endpoint, from the KM strata when the KM analysis is on this endpoint by treatment. */
function groupCounts(results: StudyResults, endpoint: string): readonly { name: string; n: number; events: number }[] | null {
  const km = results.analyses.km;
  if (km === undefined || km.endpoint !== endpoint || km.by === undefined || km.strata.length < 2) return null;
  return km.strata.map((s) => ({ name: s.name, n: s.n, events: s.events }));
}

/**
 * Patient flow per endpoint: read, excluded (by reason), analysed, events; per group when the KM
 * analysis splits the endpoint; then the propensity analyses (complete covariates, matched, weighted).
 */
export function flowTable(results: StudyResults): ReportTable {
  const main = results.analyses.km?.endpoint ?? results.endpoints[0]?.name;
  const groups = main === undefined ? null : groupCounts(results, main);
  const byColumn = results.analyses.km?.by;
  const gNames = groups?.map((g) => levelLabeller(results)(byColumn, g.name)) ?? [];
  const header: string[] = [msg().table.step, msg().table.allPatients, ...gNames];
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(header.length - cells.length).fill("")];
  const push = (cells: string[], indent = false): void => {
    rows.push(pad(cells));
    indented.push(indent);
  };
  for (const ep of results.endpoints) {
    const epGroups = groupCounts(results, ep.name);
    push([`${ep.label} (${ep.name})`]);
    push([msg().table.patientsRead, String(ep.flow.read)], true);
    for (const e of ep.flow.excluded) push([msg().table.excluded(e.reason), String(e.count)], true);
    push([msg().table.analysed, String(ep.flow.analysed), ...(epGroups && groups ? epGroups.map((g) => String(g.n)) : [])], true);
    push([msg().table.events, String(ep.events), ...(epGroups && groups ? epGroups.map((g) => String(g.events)) : [])], true);
  }
  const p = results.analyses.propensity;
  if (p !== undefined) {
    const a = p.analysis;
    // group columns follow the KM strata order (levels: untreated first, treated second)
    const byGroup = (control: string, treated: string): string[] => (groups !== null && groups.length === 2 ? [control, treated] : []);
    push([msg().table.propensityAnalyses]);
    for (const d of a.dropped) push([msg().table.leftOutMissing(covariateLabel(results.spec, d.column, { missing: true })), String(d.count)], true);
    push([msg().table.completeCovariates, String(a.n), ...byGroup(String(a.nControl), String(a.nTreated))], true);
    const m = a.matching?.result;
    if (m !== undefined) {
      const pairs = m.steps.treatedMatched;
      push([msg().table.matched, String(pairs + m.steps.controlsMatched), ...byGroup(String(m.steps.controlsMatched), String(pairs))], true);
      push([msg().table.notMatched, String(m.steps.treatedUnmatched + m.steps.controlsUnused), ...byGroup(String(m.steps.controlsUnused), String(m.steps.treatedUnmatched))], true);
    }
    const w = a.weighting?.result;
    if (w !== undefined) {
      push([msg().table.weightedPositive, String(w.treated.n + w.control.n), ...byGroup(String(w.control.n), String(w.treated.n))], true);
      push([msg().table.essWeighted, fmtNum(w.ess.overall, 1), ...byGroup(fmtNum(w.ess.control, 1), fmtNum(w.ess.treated, 1))], true);
    }
  }
  const footnotes = [msg().table.flowFootnote];
  const kmBy = results.analyses.km?.by;
  if (groups !== null) footnotes.push(msg().descriptive.flowGroupColumns(kmBy === "treatment" || kmBy === results.spec.treatment?.column ? (results.spec.treatment?.label ?? msg().descriptive.treatment) : (kmBy ?? "")));
  return { title: msg().table.flowTitle, headers: [header], rows, footnotes, indented };
}

// ---------------------------------------------------------------------------------------------------
// Survival

/**
 * Survival estimates per group: n, events, median (CI), survival at the requested times (CI), in the
 * endpoint's unit; footnotes give the CI transform, the variance and the median follow-up (reverse KM).
 */
export function survivalTable(
  km: KaplanMeierResult,
  options: {
    readonly unit: string;
    readonly followUp?: EndpointSummary["followUp"];
    readonly title?: string;
    readonly groupHeader?: string;
    readonly groupLabels?: Readonly<Record<string, string>>;
    /** figures.minAtRisk: survival at t is not shown where a group has fewer unweighted patients at risk (src/study/beyond-data.ts). */
    readonly minAtRisk?: number;
  } = { unit: "" },
): ReportTable {
  const cl = percentLevel(km.options.confLevel);
  const unit = options.unit;
  const times = km.options.times;
  // a time at which a group has fewer than minAtRisk unweighted patients at risk (as the figures count them): that group's survival is not shown
  const offData = new Map<number, number[]>();
  if (options.minAtRisk !== undefined && options.minAtRisk > 0) {
    for (const t of times) {
      const k = km.strata.map((s) => atRiskAsDrawn(s.time, s.nRiskUnweighted ?? s.nRisk, t));
      if (dataSupport(k, options.minAtRisk).beyondData) offData.set(t, k);
    }
  }
  // a median reached where the group has fewer than minAtRisk unweighted patients at risk: the figure ended that curve before it
  const medianOff = km.strata.map((s) => {
    const m = s.median.estimate;
    if (m === null || options.minAtRisk === undefined || options.minAtRisk <= 0) return null;
    const k = atRiskAsDrawn(s.time, s.nRiskUnweighted ?? s.nRisk, m);
    return k < options.minAtRisk ? k : null;
  });
  // a weighted curve's events are sums of weights (5.1, 18.2): the header says so, not to be read as counts
  const anyWeighted = km.strata.some((s) => s.nRisk.some((x) => Math.abs(x - Math.round(x)) > 1e-9));
  const header: string[] = [options.groupHeader ?? msg().table.group, "n", anyWeighted ? msg().table.eventsWeighted : msg().table.events, msg().table.medianCi(unit, cl), ...times.map((t) => msg().table.survivalAtCi(fmtNum(t, t % 1 === 0 ? 0 : 1), unit, cl))];
  const rows = km.strata.map((s, g) => {
    const med = s.median;
    const weighted = s.nRisk.some((x) => Math.abs(x - Math.round(x)) > 1e-9);
    const events = weighted ? fmtNum(s.events, 1) : String(s.events);
    return [
      options.groupLabels?.[s.name] ?? s.name,
      String(s.n),
      events,
      med.estimate === null ? msg().num.nr : medianOff[g] !== null ? msg().table.beyondDataCell : withCi(fmtTime(med.estimate), fmtTime(med.lower), fmtTime(med.upper)),
      ...times.map((t) => {
        const at = s.at.find((a) => a.time === t);
        if (at === undefined || !at.estimable) return "–";
        const k = offData.get(t);
        return k !== undefined && k[g] < (options.minAtRisk ?? 0) ? msg().table.beyondDataCell : fmtSurvivalPercent(at.surv, at.lower, at.upper);
      }),
    ];
  });
  const footnotes = [
    msg().table.kmFootnote(cl, km.options.confType, km.options.variance === "greenwood" ? "Greenwood" : km.options.variance),
  ];
  const medianCounts = km.strata.flatMap((s, g) => (medianOff[g] === null || s.median.estimate === null ? [] : [`${msg().table.medianAtRisk(fmtTime(s.median.estimate), msg().unit(unit))}: ${options.groupLabels?.[s.name] ?? s.name} ${medianOff[g]}`]));
  if (offData.size > 0 || medianCounts.length > 0) {
    const counts = [...[...offData].map(([t, k]) => `${fmtNum(t, t % 1 === 0 ? 0 : 1)} ${msg().unit(unit)}: ${km.strata.map((s, g) => `${options.groupLabels?.[s.name] ?? s.name} ${k[g]}`).join(", ")}`), ...medianCounts].join("; ");
    footnotes.push(msg().table.beyondDataFootnote(String(options.minAtRisk), counts));
  }
  const fu = options.followUp?.strata[0]?.median;
  if (fu !== undefined) {
    footnotes.push(msg().table.medianFollowUp(fu.estimate === null ? msg().num.notReached : `${withCi(fmtTime(fu.estimate), fmtTime(fu.lower), fmtTime(fu.upper))} ${msg().unit(unit)}`));
  }
  return { title: options.title ?? msg().table.survivalTitle, headers: [header], rows, footnotes };
}

/** One line describing the log-rank test: "Log-rank test: χ² = 0.59 (1 df), p = 0.444". */
export function logrankLine(lr: LogrankResult): string {
  const name = lr.method === "log-rank" ? msg().table.logrankTest : msg().table.methodTest(lr.method);
  return msg().table.testLine(name, fmtNum(lr.chisq, 2), String(lr.df), pPhrase(lr.p));
}

/** An engine's comparison "yes vs no" with the groups' level labels: "Metastasectomy vs No metastasectomy". */
export function comparisonLabel(comparison: string, groupLabels?: Readonly<Record<string, string>>): string {
  if (groupLabels === undefined) return comparison;
  const parts = comparison.split(" vs ");
  return parts.length === 2 ? parts.map((g) => groupLabels[g] ?? g).join(" vs ") : comparison;
}

/** "HR 0.62 (95% CI 0.41–0.94)" from the log-rank O/E ratio, labelled as not a Cox estimate; groups by their level labels. */
export function logrankHrLine(lr: LogrankResult, groupLabels?: Readonly<Record<string, string>>): string | null {
  const hr = lr.hazardRatio;
  if (hr === null) return null;
  const e = hr.observedExpectedRatio;
  return msg().descriptive.logrankHrLine(comparisonLabel(hr.comparison, groupLabels), fmtRatioCi(e.estimate, e.lower, e.upper), percentLevel(hr.confLevel));
}

/** Restricted mean survival time per group and the difference and ratio (survRM2). */
export function rmstTable(r: RmstResult, unit: string, groupLabels?: Readonly<Record<string, string>>): ReportTable {
  const cl = percentLevel(r.options.confLevel);
  const rows: string[][] = r.groups.map((g) => [groupLabels?.[g.name] ?? g.name, String(g.n), String(g.events), withCi(fmtNum(g.rmst, 1), fmtNum(g.lower, 1), fmtNum(g.upper, 1)), ""]);
  for (const c of r.contrasts) {
    rows.push([msg().table.difference(comparisonLabel(c.comparison, groupLabels)), "", "", fmtDifferenceCi(c.difference.estimate, c.difference.lower, c.difference.upper, 1), formatP(c.difference.p)]);
    rows.push([msg().table.ratio(comparisonLabel(c.comparison, groupLabels)), "", "", withCi(fmtNum(c.ratio.estimate, 2), fmtNum(c.ratio.lower, 2), fmtNum(c.ratio.upper, 2)), formatP(c.ratio.p)]);
  }
  return {
    title: msg().table.rmstTitle(fmtNum(r.tau, r.tau % 1 === 0 ? 0 : 1), unit),
    headers: [[msg().table.group, "n", msg().table.events, msg().table.rmstCi(unit, cl), "p"]],
    rows,
    footnotes: [msg().descriptive.rmstFootnote(fmtNum(r.tau, 1), r.tauDefaulted)],
  };
}

/**
 * Cumulative incidence per cause and group at the requested times, in percent with its standard error
 * (Gray's variance, as cmprsk::timepoints), and Gray's test p per cause when there are groups. Without
 * requested times, the estimate at each group's last follow-up time.
 */
/** Gray's test p-values rest on the cause's events: below this many (over all groups) the p is shown with a caveat. */
export const GRAY_MIN_EVENTS = 5;

/** Events of cause k over all groups of a competing-risks result. */
export function causeEvents(cr: Pick<CompetingStepResult, "curves">, k: number): number {
  return cr.curves.filter((c) => c.cause === k).reduce((s, c) => s + c.events, 0);
}

/**
 * Gray's test p of cause k as the report prints it: "p = 0.65", or with fewer than {@link GRAY_MIN_EVENTS} events of
 * the cause "p = 0.0081 (3 events: too few to rely on)" — the χ² approximation of the test needs more events.
 */
export function grayP(cr: Pick<CompetingStepResult, "curves">, k: number, p: number): string {
  const e = causeEvents(cr, k);
  const text = `${/^[<>]/.test(formatP(p)) ? "p " : "p = "}${formatP(p)}`;
  return e < GRAY_MIN_EVENTS ? `${text} (${e} event${e === 1 ? "" : "s"}: too few to rely on)` : text;
}

export function competingRisksTable(cr: CompetingStepResult, groupLabels?: Readonly<Record<string, string>>): ReportTable {
  const causeName = (k: number): string => cr.causeLabels[k - 1] ?? `Cause ${k}`;
  const times = cr.options.times;
  const grouped = cr.groups.length > 1 || cr.by !== undefined;
  const pc = (est: number, v: number): string => (Number.isFinite(est) ? `${fmtNum(100 * est, 1)} (${Number.isFinite(v) ? fmtNum(100 * Math.sqrt(Math.max(0, v)), 1) : "–"})` : "–");
  const rows: string[][] = [];
  for (const k of cr.causes) {
    const test = cr.tests?.find((t) => t.cause === k);
    cr.curves
      .filter((c) => c.cause === k)
      .forEach((c, j) => {
        const cells =
          times !== null && c.at !== undefined
            ? c.at.est.map((e, m) => pc(e, c.at!.var[m]))
            : [pc(c.est[c.est.length - 1], c.var[c.var.length - 1])];
        const few = causeEvents(cr, k) < GRAY_MIN_EVENTS;
        rows.push([j === 0 ? causeName(k) : "", ...(grouped ? [groupLabels?.[c.group] ?? c.group] : []), String(c.n), String(c.events), ...cells, ...(cr.tests !== null ? [j === 0 && test ? `${formatP(test.p)}${few ? " ‡" : ""}` : ""] : [])]);
      });
  }
  const timeHeaders = times !== null ? times.map((t) => `${fmtNum(t, t % 1 === 0 ? 0 : 1)} ${cr.unit}, % (SE)`) : ["At last follow-up, % (SE)"];
  const footnotes = [`Aalen–Johansen estimates of the cumulative incidence of each cause of ${cr.endpoint} (causes from column ${cr.causeColumn}), with Gray's standard errors, as cmprsk::cuminc; patients without an event are censored.`];
  if (cr.tests !== null) footnotes.push(`p: Gray's test of equal cumulative incidence across ${cr.by ?? "groups"} (rho = ${cr.options.rho}).`);
  const fewCauses = (cr.tests ?? []).filter((t) => causeEvents(cr, t.cause) < GRAY_MIN_EVENTS).map((t) => `${causeName(t.cause)} (${causeEvents(cr, t.cause)} events)`);
  if (fewCauses.length > 0) footnotes.push(`‡ Fewer than ${GRAY_MIN_EVENTS} events of the cause: ${fewCauses.join(", ")}; Gray's test rests on a χ² approximation that so few events do not support, so this p is not evidence of a difference.`);
  return {
    title: `Cumulative incidence of competing causes${cr.by !== undefined ? ` by ${cr.by}` : ""}`,
    headers: [["Cause", ...(grouped ? ["Group"] : []), "n", "Events", ...timeHeaders, ...(cr.tests !== null ? ["Gray's p"] : [])]],
    rows,
    footnotes,
  };
}

// ---------------------------------------------------------------------------------------------------
// Cox

interface CoxCells {
  readonly hr: string;
  readonly p: string;
  readonly ph: string;
}

interface CoxLine {
  readonly label: string;
  readonly indent: boolean;
  readonly key: string;
  uni?: CoxCells;
  multi?: CoxCells;
}

function stripName(name: string): string {
  let s = name.trim();
  const f = /^factor\((.*)\)$/.exec(s);
  if (f) s = f[1].trim();
  if (s.startsWith("`") && s.endsWith("`")) s = s.slice(1, -1);
  return s;
}

/** PH-test p of the i-th model term (cox.zph(terms = TRUE)), matched by name, else by position. */
function zphP(res: CoxphResult, termIndex: number): string {
  const z = res.zph;
  if (z === undefined) return "";
  const label = res.terms[termIndex]?.label;
  const byName = z.terms.find((t) => t.name === label);
  const t = byName ?? (z.terms.length === res.terms.length ? z.terms[termIndex] : undefined);
  return t === undefined ? "" : formatP(t.p);
}

/** Rows of one model term: one line (numeric or 0/1), or a header and one line per level (factor). */
/**
 * A level too sparse for a stable hazard ratio: fewer than SPARSE_LEVEL_PATIENTS patients or fewer than
 * SPARSE_LEVEL_EVENTS events among the model's patients (docs/report.md). Its row carries SPARSE_MARK and the
 * table note says why (a sparse reference makes every HR against it unstable, as a sparse level makes its own).
 */
export const SPARSE_LEVEL_PATIENTS = 10;
export const SPARSE_LEVEL_EVENTS = 3;
export const SPARSE_MARK = "‡";

/** Whether a level's count is below either threshold (SPARSE_LEVEL_PATIENTS, SPARSE_LEVEL_EVENTS). */
export function sparseLevel(c: LevelCount): boolean {
  return c.n < SPARSE_LEVEL_PATIENTS || c.events < SPARSE_LEVEL_EVENTS;
}

/** A sparse level as the table note names it ("FNCLCC grade 1: 3 patients, 1 event"). */
interface SparseLevel {
  readonly label: string;
  readonly count: LevelCount;
}

function termLines(res: CoxphResult, termIndex: number, label: string, keyPrefix: string, levelsOf: (variable: string) => readonly string[] | undefined, levelLabel: LevelLabeller, counts: TermLevelCounts[number] = null): { header: CoxLine | null; lines: { line: CoxLine; cells: CoxCells }[]; footnote: boolean; firth: boolean; sparse: SparseLevel[] } {
  const term = res.terms[termIndex];
  const variable = stripName(term.variables[0] ?? term.label);
  const coefs = term.columns.map((c) => res.fit.terms[c]);
  const ph = zphP(res, termIndex);
  let footnote = false;
  let firth = false;
  const cells = (i: number, withPh: boolean): CoxCells => {
    const t = coefs[i];
    const ok = ratioEstimable(t.hr, t.lower, t.upper);
    // a diverging coefficient: Firth's penalised estimate when the model has one, else "not estimable"
    const f = ok ? undefined : res.firth?.terms[term.columns[i]];
    if (f !== undefined && ratioEstimable(f.hr, f.lower, f.upper)) {
      firth = true;
      return { hr: `${fmtRatioCi(f.hr, f.lower, f.upper)}†`, p: formatP(f.p), ph: withPh ? ph : "" };
    }
    if (!ok) footnote = true;
    return { hr: ok ? fmtRatioCi(t.hr, t.lower, t.upper) : "not estimable*", p: ok ? formatP(t.p) : "", ph: withPh ? ph : "" };
  };
  const isFactor = coefs.length > 1 || (coefs.length === 1 && stripName(coefs[0].name) !== variable && coefs[0].name.startsWith(variable));
  const sparse: SparseLevel[] = [];
  const flag = (c: CoxCells, count: LevelCount | undefined, name: string): CoxCells => {
    if (count === undefined || !sparseLevel(count)) return c;
    sparse.push({ label: name, count });
    return { ...c, hr: `${c.hr}${SPARSE_MARK}` };
  };
  if (!isFactor) {
    // a 0/1 covariate: its one row is flagged when either side is sparse
    const side = counts === null ? undefined : [counts.reference, ...counts.columns].find(sparseLevel);
    const only = flag(cells(0, true), side, side === counts?.reference ? `${label} (0)` : label);
    return { header: null, lines: [{ line: { label, indent: false, key: `${keyPrefix}` }, cells: only }], footnote, firth, sparse };
  }
  const present = coefs.map((t) => t.name.slice(variable.length));
  const all = levelsOf(variable);
  const reference = all?.find((l) => !present.includes(l));
  const header: CoxLine = { label, indent: false, key: keyPrefix };
  const lines: { line: CoxLine; cells: CoxCells }[] = [];
  // keys by level, labels by the spec's `labels` of the variable
  if (reference !== undefined) lines.push({ line: { label: levelLabel(variable, reference), indent: true, key: `${keyPrefix}|${reference}` }, cells: flag({ hr: msg().descriptive.coxReference, p: "", ph: "" }, counts?.reference, `${label} ${levelLabel(variable, reference)}`) });
  coefs.forEach((_, i) => lines.push({ line: { label: levelLabel(variable, present[i]), indent: true, key: `${keyPrefix}|${present[i]}` }, cells: flag(cells(i, false), counts?.columns[i], `${label} ${levelLabel(variable, present[i])}`) }));
  // the PH test of a factor is one joint test: place() shows it on the header line
  return { header, lines, footnote, firth, sparse };
}

/**
 * Label of the i-th term of the multivariable model and the univariable row of the same covariate
 * (dichotomised when the multivariable model uses its cut-off, cox.multivariableCutoffs).
 */
export function multivariableTerm(cox: CoxStepResult, i: number): { label: string; uni: CoxStepResult["univariable"][number] | undefined } {
  const mv = cox.multivariable!;
  const cov = mv.covariates[i];
  const rows = cox.univariable.filter((u) => u.covariate === cov);
  // the univariable row of the same form (dichotomised or continuous) as the covariate in the multivariable model
  const cut = mv.dichotomised?.includes(cov) ?? false;
  const uni = rows.find((u) => u.dichotomised === cut) ?? rows[0];
  if (uni !== undefined) return { label: uni.label, uni };
  const term = mv.result.terms[i];
  const first = term === undefined ? undefined : mv.result.fit.columnNames[term.columns[0]];
  const tl = first === undefined ? undefined : mv.termLabels[first];
  const label = tl === undefined ? (term?.label.replace(/`/g, "") ?? cov ?? "") : term.columns.length > 1 || /: .* vs /.test(tl) ? tl.replace(/: .*$/, "") : tl;
  return { label, uni: undefined };
}

/**
 * Prognostic factors: univariable and multivariable Cox models side by side — HR (CI), p and the
 * proportional-hazards test p (cox.zph, per term) — one line per covariate (a factor: a header line with
 * its joint PH test, then its reference and its levels), dichotomised covariates under their cut-off label.
 * `levelsOf` gives a factor's levels in order (from Table 1) to name the reference level.
 */
export function coxTable(cox: CoxStepResult, options: { readonly levelsOf?: (variable: string) => readonly string[] | undefined; readonly unit?: string; readonly levelLabel?: LevelLabeller } = {}): ReportTable {
  const levelsOf = options.levelsOf ?? (() => undefined);
  const levelLabel: LevelLabeller = options.levelLabel ?? ((_c, level) => level);
  const lines: CoxLine[] = [];
  const byKey = new Map<string, CoxLine>();
  let notEstimable = false;
  let firthUsed = false;
  const sparse = new Map<string, SparseLevel>();
  const place = (res: CoxphResult, termIndex: number, label: string, key: string, which: "uni" | "multi", counts: TermLevelCounts | undefined): void => {
    const t = termLines(res, termIndex, label, key, levelsOf, levelLabel, counts?.[termIndex] ?? null);
    // the note names each sparse level once, with its smallest count (the multivariable model's complete cases)
    for (const x of t.sparse) if (!sparse.has(x.label) || sparse.get(x.label)!.count.n > x.count.n) sparse.set(x.label, x);
    notEstimable ||= t.footnote;
    firthUsed ||= t.firth;
    const ph = zphP(res, termIndex);
    const entries: { line: CoxLine; cells: CoxCells | null }[] = [];
    if (t.header !== null) entries.push({ line: t.header, cells: { hr: "", p: "", ph } });
    for (const l of t.lines) entries.push(l);
    for (const e of entries) {
      let line = byKey.get(e.line.key);
      if (line === undefined) {
        line = { ...e.line };
        byKey.set(e.line.key, line);
        lines.push(line);
      }
      if (e.cells !== null) line[which] = e.cells;
    }
  };
  for (const u of cox.univariable) place(u.result, 0, u.label, `${u.covariate}|${u.dichotomised ? "cut" : "raw"}|${u.label}`, "uni", u.levelCounts);
  // univariable models refused for too few events per parameter (src/study/epv.ts): their place says why
  for (const r of cox.refused ?? []) {
    if (r.covariate === undefined) continue;
    const key = `${r.covariate}|${r.dichotomised ? "cut" : "raw"}|${r.label}`;
    const line: CoxLine = { label: r.label, indent: false, key, uni: { hr: r.epv.message ?? "not estimated", p: "", ph: "" } };
    byKey.set(key, line);
    lines.push(line);
  }
  const mv = cox.multivariable;
  if (mv !== undefined) {
    mv.result.terms.forEach((_, i) => {
      const { label, uni } = multivariableTerm(cox, i);
      const key = uni ? `${uni.covariate}|${uni.dichotomised ? "cut" : "raw"}|${uni.label}` : `${mv.covariates[i] ?? label}|mv|${label}`;
      place(mv.result, i, label, key, "multi", mv.levelCounts);
    });
  }
  const empty: CoxCells = { hr: "", p: "", ph: "" };
  const rows = lines.map((l) => {
    const u = l.uni ?? empty;
    const m = l.multi ?? empty;
    return mv === undefined ? [l.label, u.hr, u.p, u.ph] : [l.label, u.hr, u.p, u.ph, m.hr, m.p, m.ph];
  });
  // a multivariable cell left empty on a line the model used means "not in the model": say so once
  const cl = percentLevel(cox.univariable[0]?.result.fit.options.confLevel ?? mv?.result.fit.options.confLevel ?? 0.95);
  const head2 = [msg().table.characteristic, msg().table.hrCi(cl), "p", msg().table.phTestP];
  const headers: HeaderCell[][] = mv === undefined ? [head2] : [["", { text: msg().table.univariable, span: 3 }, { text: msg().table.multivariable, span: 3 }], [...head2, msg().table.hrCi(cl), "p", msg().table.phTestP]];
  const any = cox.univariable[0]?.result ?? mv?.result;
  const footnotes: string[] = [];
  if (any !== undefined) {
    const o = any.fit.options;
    footnotes.push(msg().descriptive.coxMethodsNote(o.ties === "efron" ? "Efron" : "Breslow", o.robust === true, any.zph?.transform ?? "km"));
  }
  const mvRefused = (cox.refused ?? []).find((r) => r.analysis === "cox.multivariable");
  if (mvRefused !== undefined) footnotes.push(`Multivariable model ${mvRefused.epv.message ?? "not estimated"}.`);
  if (mv !== undefined) footnotes.push(msg().descriptive.coxMvNote(String(mv.result.fit.n), String(mv.result.fit.nEvent), mv.result.terms.map((_, i) => multivariableTerm(cox, i).label).join(", "), (mv.dichotomised?.length ?? 0) > 0, mv.epv?.status === "warn" && mv.epv.message !== null ? engineText(mv.epv.message) : null));
  const ns = new Set(cox.univariable.map((u) => `${u.result.fit.n}/${u.result.fit.nEvent}`));
  if (ns.size > 1) footnotes.push(msg().descriptive.coxUniEach(cox.univariable.map((u) => msg().descriptive.coxUniModel(u.label, String(u.result.fit.n), String(u.result.fit.nEvent))).join("; ")));
  else if (cox.univariable.length > 0) footnotes.push(msg().descriptive.coxUniSame(String(cox.univariable[0].result.fit.n), String(cox.univariable[0].result.fit.nEvent)));
  if (firthUsed) footnotes.push(msg().descriptive.coxFirthNote);
  if (sparse.size > 0) footnotes.push(msg().descriptive.coxSparse(SPARSE_MARK, String(SPARSE_LEVEL_PATIENTS), String(SPARSE_LEVEL_EVENTS), [...sparse.values()].map((x) => msg().descriptive.coxSparseLevel(x.label, String(x.count.n), String(x.count.events))).join("; ")));
  if (notEstimable) footnotes.push("* Not estimable: the coefficient diverges (monotone likelihood, e.g. no events in a group); see the notes. Firth's penalised likelihood (R: coxphf) would give a finite estimate.");
  footnotes.push(msg().table.coxAbbreviations);
  return { title: msg().table.coxTitle, headers, rows, footnotes, indented: lines.map((l) => l.indent) };
}

/** Forest-plot rows of a Cox model (for src/report/plots/forest.ts), labels as in the Cox table. */
export function coxForestRows(res: CoxphResult, labels: (termIndex: number) => string): { label: string; estimate: number | null; lower: number | null; upper: number | null; p: number | null; group?: string; text?: string }[] {
  const rows: { label: string; estimate: number | null; lower: number | null; upper: number | null; p: number | null; group?: string; text?: string }[] = [];
  res.terms.forEach((term, i) => {
    const variable = stripName(term.variables[0] ?? term.label);
    const coefs = term.columns.map((c) => res.fit.terms[c]);
    const label = labels(i);
    const factor = coefs.length > 1 || (coefs.length === 1 && stripName(coefs[0].name) !== variable && coefs[0].name.startsWith(variable));
    for (const t of coefs) {
      const ok = ratioEstimable(t.hr, t.lower, t.upper);
      const name = factor ? t.name.slice(variable.length) : label;
      rows.push({ label: name, estimate: ok ? t.hr : null, lower: ok ? t.lower : null, upper: ok ? t.upper : null, p: ok ? t.p : null, ...(factor ? { group: label } : {}), ...(ok ? {} : { text: "not estimable" }) });
    }
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Propensity

/** The propensity-score model: logistic regression coefficients (log odds ratios) with SE and p. */
export function psModelTable(p: PropensityStepResult): ReportTable {
  const m = p.analysis.model.model;
  const rows = m.coefficients.map((c) => {
    const aliased = "aliased" in c && c.aliased;
    const p = "pWald" in c ? (c.pLR ?? c.pWald) : c.p;
    return [c.name, aliased ? msg().causal.aliased : fmtNum(c.estimate, 3), fmtNum(c.se, 3), formatP(p)];
  });
  return {
    title: msg().table.psModelTitle,
    headers: [[msg().table.term, msg().table.coefficientLogOdds, "SE", "p"]],
    rows,
    footnotes: [msg().causal.psModelFootnote(p.analysis.model.method === "firth", p.analysis.formula, String(p.analysis.n), String(p.analysis.nTreated), String(p.analysis.nControl))],
  };
}

/** Matching: options, counts at each step and the reasons treated patients stayed unmatched. */
export function matchingTable(p: PropensityStepResult, labelOf: (column: string) => string = (c) => c): ReportTable | null {
  const m = p.analysis.matching?.result;
  if (m === undefined) return null;
  const o = m.options;
  const s = m.steps;
  const exact = p.analysis.matching?.exact ?? [];
  // MatchIt's estimand is "ATT" (it targets the treated); a caliper or exact strata that leave treated patients
  // unmatched make the matched sample estimate the matched treated (ATM) instead
  const c = msg().causal;
  const estimand = o.method === "full"
    ? s.treatedUnmatched > 0 || s.controlsUnused > 0 ? c.estimandFullPartial(o.estimand, String(s.treatedMatched), String(s.treated), String(s.controlsMatched), String(s.controls)) : c.estimandFullAll(o.estimand)
    : s.treatedUnmatched > 0 ? c.estimandAtm(String(s.treatedMatched), String(s.treated)) : c.estimandAtt;
  const rows: string[][] = [
    [msg().table.method, `${o.method === "full" ? c.methodFull(o.estimand, o.maxControls !== null ? String(o.maxControls) : null) : c.methodPair(o.method === "nearest", String(o.ratio), o.replace, o.order)}${exact.length > 0 ? c.exactOn(exact.map(labelOf).join(", ")) : ""}`],
    [msg().table.distanceRow, o.distance === "logit" ? c.distanceLogit : c.distancePs],
    [msg().table.caliper, o.caliper === null ? c.caliperNone : `${fmtNum(o.caliper, 2)}${o.stdCaliper ? c.caliperSd(fmtNum(o.distanceSd, 3), fmtNum(o.caliperWidth, 3)) : ""}`],
    [msg().table.treatedPatients, String(s.treated)],
    [msg().table.controlPatients, String(s.controls)],
    [msg().table.treatedMatched, String(s.treatedMatched)],
    [msg().table.treatedNotMatched, String(s.treatedUnmatched)],
  ];
  const indented = rows.map(() => false);
  for (const [reason, count] of Object.entries(s.unmatchedByReason)) {
    if (count > 0) {
      rows.push([c.unmatchedReason(reason), String(count)]);
      indented.push(true);
    }
  }
  rows.push([msg().table.controlsMatched, String(s.controlsMatched)], [msg().table.controlsNotUsed, String(s.controlsUnused)]);
  indented.push(false, false);
  if (s.treatedWithFewerThanRatio > 0) {
    rows.push([msg().table.fewerThanRatio, String(s.treatedWithFewerThanRatio)]);
    indented.push(false);
  }
  return {
    title: msg().table.matchingTitle,
    headers: [["", msg().table.value]],
    rows,
    indented,
    footnotes: [c.matchingFootnote(`MatchIt::matchit(method = "${o.method}", distance = "glm"${o.distance === "logit" ? ", link = \"linear.logit\"" : ""}, ratio = ${o.ratio}, replace = ${o.replace ? "TRUE" : "FALSE"}${o.caliper === null ? "" : `, caliper = ${o.caliper}, std.caliper = ${o.stdCaliper ? "TRUE" : "FALSE"}`}, m.order = "${o.order}"${exact.length > 0 ? `, exact = ~ ${exact.join(" + ")}` : ""})`, estimand)],
  };
}

/** The adjusted samples of a propensity step with their balance rows and n (patients with weight > 0). */
export function balanceSamples(p: PropensityStepResult): { label: string; rows: readonly BalanceRow[]; n: number }[] {
  const out: { label: string; rows: readonly BalanceRow[]; n: number }[] = [];
  const nOf = (sample: "matched" | "weighted"): number => p.balance.verdicts.find((v) => v.sample === sample)?.n ?? 0;
  if (p.analysis.matching) out.push({ label: msg().table.matched, rows: p.analysis.matching.balance.after ?? [], n: nOf("matched") });
  if (p.analysis.weighting) out.push({ label: msg().causal.iptwLabel(p.analysis.weighting.result.estimand), rows: p.analysis.weighting.balance.after ?? [], n: nOf("weighted") });
  return out;
}

/**
 * Covariate balance: SMD, variance ratio and KS per covariate term, unadjusted (complete cases of the
 * propensity covariates) and in each adjusted sample, as cobalt's `bal.tab(stats = c("m", "v", "ks"), un = TRUE)`,
 * and the samples in which a term fails a threshold. One denominator for every column (stated in the footnote).
 */
export function covariateBalanceTable(p: PropensityStepResult, labelOf: (row: BalanceRow) => string): ReportTable {
  return balanceTableOf({ options: p.balance.options, sample: p.balance.sample, formula: p.balance.formula, before: p.analysis.balanceBefore.before, adjusted: balanceSamples(p) }, labelOf);
}

/** What a covariate-balance table shows: one balance convention, the unadjusted rows and each adjusted sample's. */
export interface BalanceTableInput {
  readonly options: PropensityStepResult["balance"]["options"];
  readonly sample: PropensityStepResult["balance"]["sample"];
  readonly formula: string;
  readonly before: readonly BalanceRow[];
  readonly adjusted: readonly { readonly label: string; readonly rows: readonly BalanceRow[]; readonly n: number }[];
}

/**
 * The covariate-balance table of any propensity model (the study's, or the landmark cohort's in the immortal-time
 * section): SMD, VR and KS per term and sample, the samples in which each term is imbalanced, the same footnotes.
 */
export function balanceTableOf(input: BalanceTableInput, labelOf: (row: BalanceRow) => string): ReportTable {
  const b = input;
  const th = b.options.thresholds;
  const samples = [{ label: msg().plot.unadjusted, rows: input.before, n: b.sample.n }, ...input.adjusted];
  const fails = (r: BalanceRow | undefined): boolean => {
    if (r === undefined) return false;
    const smdBad = th.smd !== null && !(Math.abs(r.smd) < th.smd);
    const vrBad = th.varianceRatio !== null && r.varianceRatio !== null && !(r.varianceRatio < th.varianceRatio && r.varianceRatio > 1 / th.varianceRatio);
    const ksBad = th.ks !== null && !(r.ks < th.ks);
    return smdBad || vrBad || ksBad;
  };
  // an SMD just below the |SMD| threshold keeps the decimals that show it is below (0.0996, not "0.10"; smdDecimals)
  const cells = (r: BalanceRow | undefined): string[] => (r === undefined ? ["–", "–", "–"] : [fmtNum(r.smd, smdDecimals(r.smd, th.smd)), r.varianceRatio === null ? "–" : fmtNum(r.varianceRatio, 2), fmtNum(r.ks, 2)]);
  const rows = input.before.map((r0) => {
    const per = samples.map((smp) => smp.rows.find((r) => r.variable === r0.variable));
    const failing = samples.filter((_, k) => fails(per[k])).map((smp) => smp.label);
    return [labelOf(r0), ...per.flatMap(cells), failing.length === 0 ? "–" : failing.join(", ")];
  });
  const head1: HeaderCell[] = ["", ...samples.map((smp) => ({ text: `${smp.label} (n = ${smp.n})`, span: 3 })), ""];
  const head2: HeaderCell[] = [msg().table.covariate, ...samples.flatMap(() => ["SMD", "VR", "KS"]), msg().table.imbalancedIn];
  return {
    title: msg().table.balanceTitle,
    headers: [head1, head2],
    rows,
    footnotes: [
      msg().causal.smdFootnote(engineText(b.formula)),
      msg().causal.sameDenominators(String(b.sample.n), String(b.sample.nTreated), String(b.sample.nControl)),
      msg().causal.vrKsFootnote,
      msg().causal.imbalancedFootnote(engineText(thresholdRule(th, true))),
    ],
  };
}

/** Love-plot caption generated from the balance options in force (never a fixed sentence). */
export function loveCaption(p: PropensityStepResult): string {
  const b = p.balance;
  const th = b.options.thresholds;
  const dashed = [th.smd === null ? null : `|SMD| = ${localizeDecimal(String(th.smd))}`, th.varianceRatio === null ? null : msg().causal.loveDashedVr(fmtNum(1 / th.varianceRatio, 2), localizeDecimal(String(th.varianceRatio))), th.ks === null ? null : `KS = ${localizeDecimal(String(th.ks))}`].filter((x) => x !== null).join(", ");
  return msg().causal.loveCaption(String(b.sample.n), dashed, engineText(b.formula));
}

/**
 * The weights as computed, in words: the estimand's formula, then the stabilisation factors actually
 * applied (WeightIt `stabilize = TRUE`: each weight × the share of patients in the patient's own group),
 * so that stabilised ATT weights are not described as "w = 1" for the treated.
 */
export function weightsText(w: PropensityWeightsResult): string {
  const f = w.options.stabilizationFactors;
  if (!w.options.stabilize || f === null) return w.formula;
  const one = /w = 1 \(treated\)/.test(w.formula) ? `, so every treated weight is ${fmtNum(f.treated, 3)}` : /w = 1 \(control\)/.test(w.formula) ? `, so every control weight is ${fmtNum(f.control, 3)}` : "";
  return `${w.formula}, then stabilised: multiplied by the proportion of patients in the patient's own group (${fmtNum(f.treated, 3)} for treated, ${fmtNum(f.control, 3)} for untreated patients${one})`;
}

/**
 * Weighting: estimand, formula, sums, ESS, range and the largest weights (ids as in the data). `biased`: the weighted
 * comparison is by treatment ever received (biased by design, immortal time): the note names the weights' target, not
 * an estimand (referee A8).
 */
export function weightingTable(p: PropensityStepResult, biased = false): ReportTable | null {
  const w = p.analysis.weighting?.result;
  if (w === undefined) return null;
  const g = (x: { n: number; sumWeights: number; min: number; max: number; mean: number; ess: number }): string[] => [String(x.n), fmtNum(x.sumWeights, 1), fmtNum(x.ess, 1), `${fmtNum(x.min, 2)}–${fmtNum(x.max, 2)}`, fmtNum(x.mean, 2)];
  const rows: string[][] = [
    [msg().plot.treated, ...g(w.treated)],
    [msg().plot.control, ...g(w.control)],
  ];
  const c = msg().causal;
  const trim = w.trimming ? c.trimmedTo(fmtNum(w.trimming.lower, 3), fmtNum(w.trimming.upper, 3)) : "";
  const trunc = w.truncation ? c.truncatedAt(fmtNum(100 * w.truncation.at, 0), String(w.truncation.nTruncated)) : "";
  const footnotes = [
    biased ? c.weightingBiased(w.estimand, c.weightsTarget(w.estimand), engineText(weightsText(w)), trim, trunc) : c.weightingEstimand(w.estimand, engineText(w.estimandDescription), engineText(weightsText(w)), trim, trunc),
    c.essFootnote(fmtNum(w.ess.overall, 1)),
    c.largestWeights(w.extreme.top.map((e) => c.largestWeight(String(e.id), c.weightGroup(e.group), fmtNum(e.weight, 2), fmtNum(100 * e.shareOfTotal, 1))).join(c.weightSeparator)),
  ];
  if (w.extreme.flagged.length > 0) footnotes.push(c.extremeWeights(localizeDecimal(String(w.options.extremeRatio)), w.extreme.flagged.map((e) => c.extremeWeight(String(e.id), fmtNum(e.weight, 2))).join(", ")));
  return { title: msg().table.weightingTitle, headers: [[msg().table.group, "n", msg().table.sumWeights, "ESS", msg().table.range, msg().table.mean]], rows, footnotes };
}

// ---------------------------------------------------------------------------------------------------
// Treatment effects

/** One line of the treatment-effect table as the report shows it (filled from `analyses.effects`). */
export interface EffectRowView {
  /** e.g. "Crude", "Multivariable-adjusted", "PS-matched", "IPTW". */
  readonly analysis: string;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
  readonly n: number | null;
  readonly events?: number | null;
  /** The estimand cell, e.g. "ATM: 11 of 40 treated patients kept; marginal HR" (from the result's estimandLabel). */
  readonly estimand?: string | null;
  readonly eValue?: { readonly point: number; readonly ci: number | null } | null;
  /**
   * Percentile bootstrap CI of the HR (whole pipeline resampled), when the study asked for one; limits null
   * and `estimable` false when too many replicates failed ("not estimable by bootstrap (k of B replicates failed)").
   */
  readonly bootstrap?: { readonly lower: number | null; readonly upper: number | null; readonly failed?: number; readonly replicates?: number; readonly estimable?: boolean } | null;
  /** Footnote mark of the warnings raised on this estimate (e.g. "⚠3"), appended to the HR cell; the text is in the section and under "Read first". */
  readonly mark?: string;
  readonly note?: string | null;
  /** The study's primary analysis or a sensitivity analysis (study/primary.ts); rows are grouped under these headings. */
  readonly role?: "primary" | "sensitivity";
  /** Why the design is biased, e.g. "immortal time": the row is labelled "biased by design (immortal time)". */
  readonly biasedByDesign?: string | null;
  /** Flags shown after the HR, e.g. "only 6 events: imprecise" (results.analyses.effects.flags; src/study/effect-flags.ts). */
  readonly flags?: readonly string[];
}

/** The analysis label with its design bias, as the table, the forest plot and summary.txt show it. */
export function effectLabel(analysis: string, biasedByDesign: string | null | undefined): string {
  return biasedByDesign ? msg().effects.biasedLabel(analysis, biasedByDesign) : analysis;
}

/** Crude, adjusted, matched and weighted hazard ratios of the treatment in one table, with E-values. */
export function effectsTable(rows: readonly EffectRowView[], options: { readonly comparison?: string; readonly confLevel?: number; readonly footnotes?: readonly string[] } = {}): ReportTable {
  const cl = percentLevel(options.confLevel ?? 0.95);
  const hasEvents = rows.some((r) => r.events !== undefined && r.events !== null);
  const hasBootstrap = rows.some((r) => r.bootstrap !== undefined && r.bootstrap !== null);
  // an E-value column only when a row has one (none is given for rows biased by design: the caller's footnote says why)
  const hasEValue = rows.some((r) => r.eValue !== undefined && r.eValue !== null);
  const header = [msg().table.analysis, msg().table.hrCi(cl), "p", ...(hasBootstrap ? [msg().table.bootstrapCi(cl)] : []), "n", ...(hasEvents ? [msg().table.events] : []), msg().effects.estimandHeader, ...(hasEValue ? [msg().table.eValueHeader] : [])];
  // one footnote mark per distinct number of failed replicates (†, ††, …)
  const bootNotes: string[] = [];
  const bootCell = (b: NonNullable<EffectRowView["bootstrap"]>, hr: number | null): string => {
    const failed = b.failed ?? 0;
    const of = b.replicates === undefined ? null : String(b.replicates);
    if (b.estimable === false || b.lower === null || b.upper === null) return msg().effects.bootNotEstimable(String(failed), of);
    if (!ratioEstimable(hr, b.lower, b.upper)) return "–";
    const interval = `${formatRatio(b.lower)}–${formatRatio(b.upper)}`;
    if (failed === 0) return interval;
    const note = msg().effects.bootFailed(String(failed), of);
    if (!bootNotes.includes(note)) bootNotes.push(note);
    return `${interval} ${"†".repeat(bootNotes.indexOf(note) + 1)}`;
  };
  const line = (r: EffectRowView): string[] => [
    effectLabel(r.analysis, r.biasedByDesign),
    `${r.hr === null && r.note ? r.note : fmtRatioCi(r.hr, r.lower, r.upper)}${r.flags && r.flags.length > 0 ? `; ${r.flags.join("; ")}` : ""}${r.mark ? ` ${r.mark}` : ""}`,
    formatP(r.p),
    ...(hasBootstrap ? [r.bootstrap ? bootCell(r.bootstrap, r.hr) : "–"] : []),
    r.n === null ? "–" : fmtNum(r.n, Number.isInteger(r.n) ? 0 : 1),
    ...(hasEvents ? [r.events === null || r.events === undefined ? "–" : fmtNum(r.events, Number.isInteger(r.events) ? 0 : 1)] : []),
    r.estimand ?? "",
    ...(hasEValue ? [r.eValue ? `${fmtNum(r.eValue.point, 2)} (${r.eValue.ci === null ? "–" : fmtNum(r.eValue.ci, 2)})` : ""] : []),
  ];
  // with roles: a "Primary analysis" heading over the primary row, then "Sensitivity analyses" over the rest
  const body: string[][] = [];
  const indented: boolean[] = [];
  const heading = (text: string): void => {
    body.push([text, ...Array<string>(header.length - 1).fill("")]);
    indented.push(false);
  };
  const roles = rows.some((r) => r.role !== undefined);
  const primary = rows.filter((r) => r.role === "primary");
  const others = rows.filter((r) => r.role !== "primary");
  if (roles && primary.length > 0) heading(msg().table.primaryAnalysis);
  for (const r of primary) {
    body.push(line(r));
    indented.push(true);
  }
  if (roles) heading(msg().table.sensitivityAnalyses);
  for (const r of others) {
    body.push(line(r));
    indented.push(roles);
  }
  const footnotes = [
    ...(options.comparison ? [msg().table.hazardRatioOf(options.comparison)] : []),
    ...(options.footnotes ?? []),
    ...bootNotes.map((t, i) => msg().effects.bootFootnote("†".repeat(i + 1), t)),
    ...(hasEValue ? [msg().table.eValueFootnote] : []),
  ];
  return { title: msg().table.effectTitle, headers: [header], rows: body, footnotes, ...(roles ? { indented } : {}) };
}

/** One adjusted sample of the absolute-effects table (filled from `analyses.effects.weighted/matched.survival`). */
export interface AbsoluteEffectView {
  /** e.g. "IPTW (ATE)", "PS-matched (ATM: 11 of 40 treated patients kept)". */
  readonly analysis: string;
  readonly role: "primary" | "sensitivity";
  readonly n: number;
  readonly biasedByDesign?: string | null;
  readonly survival: MarginalEffects;
  /**
   * Unweighted patients at risk [treated, control] of the same sample at each of `survival.times` and at `tau` (the
   * Kaplan–Meier of the matched or weighted sample), with the figures' threshold: a number where a group has fewer is
   * not shown (src/study/beyond-data.ts).
   */
  readonly support?: { readonly atTimes: readonly (readonly [number, number])[]; readonly atTau: readonly [number, number] | null; readonly minAtRisk: number };
  /** Marks of the warnings that qualify the sample's estimates (e.g. "⚠17,18"), after the sample's row label. */
  readonly mark?: string;
}

/**
 * A difference cell: estimate with its bootstrap CI (and a † mark, registered in `notes`, when some replicates
 * failed), the bootstrap's reason when it gave none, or "CI not computed".
 */
function contrastCell(c: MarginalEffects["survDifference"][number], scale: number, notes: string[]): string {
  if (c.estimate === null || !Number.isFinite(c.estimate)) return "–";
  const ci = c.lower !== null && c.upper !== null;
  if (ci) {
    const cell = fmtDifferenceCi(scale * c.estimate, scale * c.lower!, scale * c.upper!, 1);
    if (c.bootstrapNote === null) return cell;
    const note = engineText(c.bootstrapNote);
    if (!notes.includes(note)) notes.push(note);
    return `${cell} ${"†".repeat(notes.indexOf(note) + 1)}`;
  }
  const why = c.bootstrapFailed === null ? msg().effects.ciNotComputed : c.bootstrapNote === null ? msg().effects.ciNotEstimable : engineText(c.bootstrapNote);
  return `${fmtSigned(scale * c.estimate, 1)}; ${why}`;
}

/**
 * The headline of the treatment-effect section: adjusted survival per group at the Kaplan–Meier report
 * times and the RMST up to τ, with their differences (treated − untreated) and bootstrap CIs, per adjusted
 * sample (primary first). Survival in percent, differences in percentage points; a CI that the study did
 * not compute says so instead of showing one.
 */
export function absoluteEffectsTable(rows: readonly AbsoluteEffectView[], options: { readonly unit: string; readonly confLevel?: number; readonly replicates?: number | null }): ReportTable {
  const cl = percentLevel(options.confLevel ?? 0.95);
  const t = msg().effects;
  const header = [msg().table.analysis, t.treated, t.untreated, t.differenceCi(cl)];
  const body: string[][] = [];
  const indented: boolean[] = [];
  const notes: string[] = [];
  const ordered = [...rows.filter((r) => r.role === "primary"), ...rows.filter((r) => r.role !== "primary")];
  const beyond: string[] = [];
  let minAtRisk = 0;
  const off = "–";
  for (const r of ordered) {
    const m = r.survival;
    const sup = r.support;
    // a group below the figures' threshold at t: its own number and the difference are not shown
    const short = (k: readonly [number, number] | null | undefined): [boolean, boolean] => (sup === undefined || k == null || sup.minAtRisk <= 0 ? [false, false] : [k[0] < sup.minAtRisk, k[1] < sup.minAtRisk]);
    const note = (what: string, k: readonly [number, number]): void => {
      minAtRisk = sup!.minAtRisk;
      beyond.push(`${r.analysis}, ${what}: ${t.treated} ${k[0]}, ${t.untreated} ${k[1]}`);
    };
    const cell = msg().table.beyondDataCell;
    body.push([`${t.sampleRow(effectLabel(r.analysis, r.biasedByDesign), String(r.n), r.role === "primary")}${r.mark ? ` ${r.mark}` : ""}`, "", "", ""]);
    indented.push(false);
    m.times.forEach((time, j) => {
      const pc = (x: number | null): string => (x === null ? off : fmtNum(100 * x, 1));
      const k = sup?.atTimes[j];
      const [sT, sC] = short(k);
      const label = t.survivalAt(fmtNum(time, time % 1 === 0 ? 0 : 1), options.unit);
      if (sT || sC) note(label, k!);
      body.push([label, sT ? cell : pc(m.survTreated[j]), sC ? cell : pc(m.survControl[j]), sT || sC ? cell : contrastCell(m.survDifference[j], 100, notes)]);
      indented.push(true);
    });
    if (m.tau !== null) {
      const [sT, sC] = short(sup?.atTau);
      const label = t.rmstUpTo(fmtNum(m.tau, m.tau % 1 === 0 ? 0 : 1), options.unit);
      if (sT || sC) note(label, sup!.atTau!);
      body.push([label, sT || sC ? cell : fmtNum(m.rmstTreated, 1), sT || sC ? cell : fmtNum(m.rmstControl, 1), sT || sC ? cell : contrastCell(m.rmstDifference, 1, notes)]);
      indented.push(true);
    }
  }
  const footnotes = [
    t.absFootnote,
    options.replicates ? t.absBootstrap(cl, String(options.replicates)) : t.absNoBootstrap,
    ...notes.map((note, i) => t.markedNote("†".repeat(i + 1), note)),
    rows.some((r) => (r.biasedByDesign ?? null) !== null) ? t.absBiased : t.absCausal,
    ...(beyond.length === 0 ? [] : [msg().table.beyondDataFootnote(String(minAtRisk), beyond.join("; "))]),
  ];
  return { title: t.absTitle, headers: [header], rows: body, footnotes, indented };
}
