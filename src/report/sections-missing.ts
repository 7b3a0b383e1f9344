/**
 * Report section "Missing data" (spec key missing: { method: mi }; src/study/mi-step.ts): missing values by
 * variable and treatment group (STROBE 12c), the missing-data pattern (as mice's md.pattern), and the
 * multivariable Cox model by multiple imputation beside the complete-case model's n, and the propensity
 * analyses by the "within" approach (pooled hazard ratios, averaged balance, pooled survival and RMST
 * contrasts; src/study/mi-within.ts), with which analysis is primary. Renders results only.
 */
import type { MiStepResult } from "../study/mi-step.js";
import type { MiWithinBalance, MiWithinResult } from "../study/mi-within.js";
import type { StudyResults } from "../study/run.js";
import type { ReportBlock, ReportSection } from "./html.js";
import type { SectionContext } from "./sections-long-term.js";
import type { ReportTable } from "./csv.js";
import { fmtDifferenceCi, fmtNum, fmtRatioCi, fmtSigned, type EffectRowView } from "./tables.js";
import { titleWithPopulation } from "./population.js";
import { formatP } from "./plots/format.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { BALANCE_STATS } from "../causal/balance-stats.js";
import { smdDecimals } from "../causal/balance-verdict.js";
import { schemeNotEstimand } from "./sections-effects.js";
import type { StudySectionContext } from "./report-context.js";
import type { ReadFirstItem } from "./read-first.js";

/** Display names of a table's variables (the spec's labels, as Table 1) and of the treatment's groups (the spec's `labels`). */
export interface MissingLabels {
  readonly variable: (name: string) => string;
  readonly group: (level: string) => string;
}

const BARE: MissingLabels = { variable: (c) => c, group: (g) => g };

function missingTable(mi: MiStepResult, labels: MissingLabels): ReportTable {
  const g = mi.byGroup;
  const cell = (c: { missing: number; n: number; percent: number }): string => (c.n === 0 ? "–" : `${c.missing} / ${c.n} (${fmtNum(c.percent, 0)}%)`);
  return {
    title: titleWithPopulation(msg().missing.byGroupTitle, msg().missing.endpointPopulation(String(mi.n))),
    headers: [[msg().missing.variable, msg().table.allPatients, ...g.groups.map(labels.group)]],
    rows: g.rows.map((r) => [labels.variable(r.variable), cell(r.overall), ...r.groups.map(cell)]),
    footnotes: [msg().missing.byGroupFootnote(String(mi.n), String(mi.nComplete))],
  };
}

function patternTable(mi: MiStepResult, labels: MissingLabels): ReportTable {
  const p = mi.pattern;
  return {
    title: titleWithPopulation(msg().missing.patternTitle, msg().missing.endpointPopulation(String(mi.n))),
    headers: [[msg().missing.patients, ...p.columns.map(labels.variable), msg().missing.missingColumn]],
    rows: [
      ...p.patterns.map((row, k) => [String(p.counts[k]), ...row.map((v) => (v === 1 ? msg().missing.observed : msg().missing.missingValue)), String(p.missingPerPattern[k])]),
      [msg().missing.missingPerVariable, ...p.missingPerColumn.map(String), String(p.totalMissing)],
    ],
    footnotes: [msg().missing.patternFootnote],
  };
}

/**
 * Whether a pooled estimate rests on imputed values at all: its between-imputation variance B is 0 (to rounding)
 * when the model uses no imputed variable (e.g. the crude Cox of the treatment alone), and Rubin's fraction of missing
 * information, (r + 2/(ν + 3))/(r + 1), is then only the small-sample df term, not information lost to missing data.
 */
export function imputesSomething(p: { readonly b: number; readonly ubar: number }): boolean {
  return p.b > 1e-10 * Math.max(p.ubar, Number.MIN_VALUE);
}

/**
 * Fraction of missing information as mice::pool reports it (and results.json holds it), also for a model that imputes
 * nothing: with B = 0 it is 2/(ν + 3), the small-sample term of the Barnard–Rubin df, not 0 (checked against mice 3.15.0);
 * the table's footnote says so ({@link noImputedValueNote}).
 */
function fmiCell(p: { readonly fmi: number } | null): string {
  return p === null ? "–" : fmtNum(p.fmi, 2);
}

/**
 * The footnote of a pooled table with rows whose model uses no imputed value (B = 0): why their CI is still wider than
 * the complete-data CI and their fraction of missing information not 0 — a t quantile on the Barnard–Rubin df
 * (complete-data df as mice's dfcom), as mice::pool computes it. Null when every row imputes something.
 */
function noImputedValueNote(rows: readonly { readonly label: string; readonly pooled: { readonly b: number; readonly ubar: number; readonly dfcom: number; readonly df: number; readonly fmi: number } | null }[]): string | null {
  const none = rows.filter((x) => x.pooled !== null && !imputesSomething(x.pooled));
  if (none.length === 0) return null;
  return msg().descriptive.miNoImputedValue(none.map((x) => msg().descriptive.miNoImputedRow(engineText(x.label), fmtNum(x.pooled!.dfcom, 0), fmtNum(x.pooled!.df, 1), fmtNum(x.pooled!.fmi, 2))).join("; "));
}

function pooledTable(mi: MiStepResult): ReportTable | null {
  if (mi.cox === null) return null;
  return {
    title: titleWithPopulation(msg().missing.pooledTitle(String(mi.m)), msg().missing.endpointPopulation(String(mi.n))),
    headers: [[msg().table.covariate, msg().table.hrCi("95%"), "p", msg().missing.fmi]],
    rows: mi.cox.terms.map((t) => [t.label, fmtRatioCi(t.hr, t.hrLower, t.hrUpper), formatP(t.p), fmiCell(t)]),
    footnotes: [
      msg().missing.pooledFootnote(String(mi.m), String(mi.iterations), String(mi.seed), String(mi.n)),
      ...((n) => (n === null ? [] : [n]))(noImputedValueNote(mi.cox.terms.map((t) => ({ label: t.label, pooled: t })))),
    ],
  };
}

function nText(r: { mean: number; min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${fmtNum(r.mean, 1)} (${r.min}–${r.max})`;
}

/**
 * The pooled treatment-effect table of the within approach. Every row biased by design (`biasedByDesign`): each row
 * names its weights or matched sample, not an estimand ({@link schemeNotEstimand}, as the complete-case table), and the
 * table has no E-value column and no E-value footnote, only the reason (referee A6, A8). `markOf`: the marks of the
 * warnings a row's analysis raised ("" when none).
 */
function withinEffectsTable(w: MiWithinResult, miPrimary: boolean, biasedByDesign: string | null, markOf: (h: MiWithinResult["hazardRatios"][number]) => string = () => ""): ReportTable | null {
  if (w.hazardRatios.length === 0) return null;
  // the study has one primary analysis: an MI row is "the primary analysis" only when missing.primary is mi;
  // otherwise the complete-case row is, and the MI row of the same design is its sensitivity analysis
  const primaryTag = miPrimary ? " (primary analysis)" : " (sensitivity analysis of the primary)";
  const imputesNothing = noImputedValueNote(w.hazardRatios);
  const eValue = biasedByDesign === null;
  const label = (h: MiWithinResult["hazardRatios"][number]): string =>
    biasedByDesign === null ? engineText(h.label) : msg().effects.biasedLabel(schemeNotEstimand(engineText(h.label), h), biasedByDesign);
  return {
    title: titleWithPopulation(msg().missing.withinTitle(String(w.m)), msg().missing.endpointPopulation(String(w.n))),
    headers: [[msg().missing.analysis, msg().table.hrCi("95%"), "p", msg().missing.fmi, msg().missing.patientsAnalysed, ...(eValue ? [msg().missing.eValueCi] : [])]],
    rows: w.hazardRatios.map((h) => [
      ((m) => (m === "" ? `${label(h)}${h.id === w.primaryId ? primaryTag : ""}` : `${label(h)}${h.id === w.primaryId ? primaryTag : ""} ${m}`))(markOf(h)),
      h.notEstimable === null ? fmtRatioCi(h.hr, h.lower, h.upper) : msg().missing.notEstimable,
      formatP(h.p),
      fmiCell(h.pooled),
      nText(h.n),
      ...(eValue ? [h.eValue === null ? "–" : `${fmtNum(h.eValue.point, 2)} (${h.eValue.ci === null ? "–" : fmtNum(h.eValue.ci, 2)})`] : []),
    ]),
    footnotes: [
      ...(biasedByDesign === null ? [] : [msg().effects.eValueColumnDropped(msg().causal.eValueNotGiven(biasedByDesign))]),
      ...(imputesNothing === null ? [] : [imputesNothing]),
      msg().missing.withinFootnote(String(w.m), eValue),
      ...w.hazardRatios.filter((h) => h.notEstimable !== null).map((h) => `${biasedByDesign === null ? engineText(`${h.label}: ${h.notEstimable}`) : `${schemeNotEstimand(engineText(h.label), h)}: ${engineText(h.notEstimable!)}`}.`),
    ],
  };
}

/** A pooled SMD with 3 decimals, more when 3 would reach the balance threshold from below (smdDecimals: 0.09996, not "0.100"). */
function smdCell(x: number | null): string {
  return fmtSigned(x, x === null ? 3 : smdDecimals(x, BALANCE_STATS.smd.threshold, 3));
}

function withinBalanceTable(w: MiWithinResult, labelOf: (covariate: string) => string): ReportTable | null {
  const unadjusted = w.balance.find((b) => b.sample === "unadjusted");
  if (unadjusted === undefined) return null;
  const others = w.balance.filter((b) => b.sample !== "unadjusted");
  // each column with its own patients: the matched sample is smaller than the propensity sample and varies between
  // imputations (referee A11, session 12: "n = 64" stood over a matched column of about 34)
  const withN = (name: string, b: MiWithinBalance): string => `${name} (n = ${nText(b.nAnalysed)})`;
  const headers = [msg().table.covariate, withN(msg().missing.unadjusted, unadjusted), ...others.map((b) => withN(b.sample === "matched" ? msg().missing.matched : msg().missing.weighted, b))];
  // the covariate's label (": level" for a factor level), as the complete-case balance table
  const rowLabel = (r: { readonly variable: string; readonly covariate?: string; readonly level?: string | null }): string =>
    r.covariate === undefined ? r.variable : r.level === null || r.level === undefined ? labelOf(r.covariate) : `${labelOf(r.covariate)}: ${r.level}`;
  return {
    title: titleWithPopulation(msg().missing.balanceTitle(String(w.m)), msg().missing.psPopulation(String(unadjusted.n))),
    headers: [headers],
    rows: unadjusted.rows.map((r) => [rowLabel(r), smdCell(r.smd), ...others.map((b) => smdCell(b.rows.find((x) => x.variable === r.variable)?.smd ?? null))]),
    footnotes: [msg().missing.balanceFootnote(String(w.m), w.balance.map((b) => `${msg().missing.sample(b.sample)} ${fmtNum(b.maxAbsSmd, 3)}`).join(msg().methods.numberSep))],
  };
}

function withinContrastsTable(w: MiWithinResult, unit: string | undefined): ReportTable | null {
  if (w.contrasts === null || w.contrasts.length === 0) return null;
  const pc = (x: number): number => 100 * x;
  const rows: string[][] = [];
  for (const c of w.contrasts) {
    for (const a of c.at) {
      rows.push([
        `${c.estimator === "gformula" ? "G-formula" : c.estimator === "iptw" ? "IPTW" : "AIPW"} (${c.estimand})`,
        msg().missing.survivalAt(fmtNum(a.time, 0), unit ? msg().unit(unit) : ""),
        fmtNum(pc(a.survival.treated.estimate), 1),
        fmtNum(pc(a.survival.untreated.estimate), 1),
        fmtDifferenceCi(pc(a.difference.estimate), pc(a.difference.lower), pc(a.difference.upper), 1),
        formatP(a.difference.p),
      ]);
    }
    if (c.rmst !== null) {
      const r = c.rmst;
      rows.push([
        `${c.estimator === "gformula" ? "G-formula" : c.estimator} (${c.estimand})`,
        msg().missing.rmstUpTo(fmtNum(r.tau, 0), unit ? msg().unit(unit) : ""),
        fmtNum(r.treated.estimate, 1),
        fmtNum(r.untreated.estimate, 1),
        fmtDifferenceCi(r.difference.estimate, r.difference.lower, r.difference.upper, 1),
        formatP(r.difference.p),
      ]);
    }
  }
  return {
    title: titleWithPopulation(msg().missing.contrastsTitle(String(w.m)), msg().missing.endpointPopulation(String(w.n))),
    headers: [[msg().missing.estimator, msg().missing.quantity, msg().missing.treated, msg().missing.untreated, msg().missing.differenceCi, "p"]],
    rows,
    footnotes: [
      msg().missing.contrastsFootnote(unit === undefined ? null : msg().unit(unit)),
    ],
  };
}

/**
 * With missing.primary "mi": the pooled (within) estimate that is the study's primary (results.primary.section
 * "missing"), as a row of the treatment-effect table and forest plot, above the complete-case rows; null otherwise.
 */
export function miPrimaryRow(r: StudyResults): EffectRowView | null {
  const p = r.primary;
  const w = r.analyses.missing?.within;
  if (p.section !== "missing" || p.id === null || w === null || w === undefined) return null;
  const h = w.hazardRatios.find((x) => x.id === p.id);
  const c = p.candidates.find((x) => x.section === "missing" && x.id === p.id);
  if (h === undefined || c?.estimate === undefined) return null;
  return {
    analysis: c.label,
    hr: h.hr,
    lower: h.lower,
    upper: h.upper,
    p: h.p,
    n: c.estimate.n,
    events: c.estimate.events,
    estimand: `${h.estimandLabel}; all ${w.n} patients, ${w.m} imputations`,
    eValue: h.eValue,
    note: h.notEstimable,
    role: "primary",
    biasedByDesign: c.biasedByDesign,
  };
}

/** The sentence that says which analysis is primary (spec missing.primary) and which is the sensitivity analysis. */
export function missingPrimaryText(mi: MiStepResult): string {
  const m = msg().missing;
  const what = mi.within !== null ? (mi.cox !== null ? m.whatBoth : m.whatPropensity) : m.whatCox;
  return mi.primary === "mi" ? m.primaryMi(String(mi.m), what) : m.primaryCc(String(mi.m), what);
}

/**
 * Which "Read first" items a pooled row's analysis raised (referee A10): the multiple-imputation step's warnings about
 * the row ("IPTW Cox adjusted for covariates (…): not estimated … no pooled estimate"), known from the results'
 * structure (the item's `rows`, from results.analyses.missing.within.rowWarnings); for results without it, by the text
 * the step raised, which names the row's model first.
 */
export function miRowWarning(h: { readonly id: string; readonly label: string }, within: Pick<MiWithinResult, "rowWarnings">): (it: ReadFirstItem) => boolean {
  if (within.rowWarnings !== undefined) return (it) => it.section === "missing-data" && (it.rows ?? []).some((x) => x.table === "missing" && x.id === h.id);
  return (it) => it.section === "missing-data" && it.sources.some((t) => t.startsWith(`${h.label}: `) || t.startsWith(`missing data: ${h.label}: `));
}

/**
 * `biasedByDesign`: the treatment-effect table's bias by design ("immortal time"), which the pooled rows share: they
 * are labelled so and get no E-value, as in the complete-case table (issue 19 point 4).
 */
export function missingDataSection(mi: MiStepResult, ctx: SectionContext & Partial<Pick<StudySectionContext, "marks">>, labelOf: (covariate: string) => string = (c) => c, biasedByDesign: string | null = null, groupLabel: (level: string) => string = BARE.group): ReportSection {
  const labels: MissingLabels = { variable: labelOf, group: groupLabel };
  const blocks: ReportBlock[] = [];
  const lost = mi.n - mi.nComplete;
  const fitted = mi.within !== null ? msg().missing.fittedWithin : msg().missing.fittedCox;
  blocks.push({ kind: "text", text: msg().missing.lost(String(lost), String(mi.n), mi.cox !== null || mi.within === null, fitted) });
  blocks.push({ kind: "text", text: missingPrimaryText(mi) });
  // with immortal time, the imputed analyses are those biased by design; the designs that handle it are not imputed
  if (biasedByDesign !== null) blocks.push({ kind: "note", text: msg().missing.notReached });
  for (const w of mi.byGroup.warnings) blocks.push({ kind: "note", text: engineText(w) });
  blocks.push(ctx.table("missing-by-group", missingTable(mi, labels)));
  blocks.push(ctx.table("missing-pattern", patternTable(mi, labels)));
  const pooled = pooledTable(mi);
  if (pooled !== null) blocks.push(ctx.table("cox-mi", pooled));
  const w = mi.within;
  if (w !== null) {
    const eff = withinEffectsTable(w, mi.primary === "mi", biasedByDesign, (h) => ctx.marks?.(miRowWarning(h, w)) ?? "");
    if (eff !== null) blocks.push(ctx.table("effects-mi", eff));
    const bal = withinBalanceTable(w, labelOf);
    if (bal !== null) blocks.push(ctx.table("balance-mi", bal));
    const con = withinContrastsTable(w, w.unit === "" ? undefined : w.unit);
    if (con !== null) blocks.push(ctx.table("contrasts-mi", con));
  }
  return { id: "missing-data", title: msg().section.missingData, blocks };
}
