/**
 * Report section "Missing data" (spec key missing: { method: mi }; src/study/mi-step.ts): missing values by
 * variable and treatment group (STROBE 12c), the missing-data pattern (as mice's md.pattern), and the
 * multivariable Cox model by multiple imputation beside the complete-case model's n, and the propensity
 * analyses by the "within" approach (pooled hazard ratios, averaged balance, pooled survival and RMST
 * contrasts; src/study/mi-within.ts), with which analysis is primary. Renders results only.
 */
import type { MiStepResult } from "../study/mi-step.js";
import type { MiWithinResult } from "../study/mi-within.js";
import type { StudyResults } from "../study/run.js";
import type { ReportBlock, ReportSection } from "./html.js";
import type { SectionContext } from "./sections-long-term.js";
import type { ReportTable } from "./csv.js";
import { fmtDifferenceCi, fmtNum, fmtRatioCi, fmtSigned, type EffectRowView } from "./tables.js";
import { titleWithPopulation } from "./population.js";
import { formatP } from "./plots/format.js";
import { msg } from "../i18n/messages.js";

function missingTable(mi: MiStepResult): ReportTable {
  const g = mi.byGroup;
  const cell = (c: { missing: number; n: number; percent: number }): string => (c.n === 0 ? "–" : `${c.missing} / ${c.n} (${fmtNum(c.percent, 0)}%)`);
  return {
    title: titleWithPopulation("Missing values by variable and group", `all patients of the endpoint, n = ${mi.n}`),
    headers: [["Variable", "All patients", ...g.groups]],
    rows: g.rows.map((r) => [r.variable, cell(r.overall), ...r.groups.map(cell)]),
    footnotes: [`Patients analysed: ${mi.n}; with every covariate of the multivariable model observed: ${mi.nComplete}.`],
  };
}

function patternTable(mi: MiStepResult): ReportTable {
  const p = mi.pattern;
  return {
    title: titleWithPopulation("Missing-data pattern", `all patients of the endpoint, n = ${mi.n}`),
    headers: [["Patients", ...p.columns, "Missing"]],
    rows: [
      ...p.patterns.map((row, k) => [String(p.counts[k]), ...row.map((v) => (v === 1 ? "observed" : "missing")), String(p.missingPerPattern[k])]),
      ["Missing per variable", ...p.missingPerColumn.map(String), String(p.totalMissing)],
    ],
    footnotes: ["One row per combination of observed and missing values, as R's mice::md.pattern."],
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

/** Fraction of missing information as shown: "–" for a model that imputes nothing (see {@link imputesSomething}). */
function fmiCell(p: { readonly b: number; readonly ubar: number; readonly fmi: number } | null): string {
  return p === null || !imputesSomething(p) ? "–" : fmtNum(p.fmi, 2);
}

function pooledTable(mi: MiStepResult): ReportTable | null {
  if (mi.cox === null) return null;
  return {
    title: titleWithPopulation(`Prognostic factors: multivariable Cox model by multiple imputation (m = ${mi.m})`, `all patients of the endpoint, n = ${mi.n}`),
    headers: [["Covariate", "HR (95% CI)", "p", "Fraction of missing information"]],
    rows: mi.cox.terms.map((t) => [t.label, fmtRatioCi(t.hr, t.hrLower, t.hrUpper), formatP(t.p), fmiCell(t)]),
    footnotes: [
      `Missing covariate values imputed ${mi.m} times by chained equations (predictive mean matching for numeric, logistic or multinomial models for categorical variables; ${mi.iterations} iterations; seed ${mi.seed}), with the event indicator and the Nelson–Aalen cumulative hazard in every imputation model; the estimates from the ${mi.m} completed datasets (all ${mi.n} patients) combined by Rubin's rules with Barnard–Rubin degrees of freedom (R: mice).`,
    ],
  };
}

function nText(r: { mean: number; min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${fmtNum(r.mean, 1)} (${r.min}–${r.max})`;
}

function withinEffectsTable(w: MiWithinResult, miPrimary: boolean): ReportTable | null {
  if (w.hazardRatios.length === 0) return null;
  // the study has one primary analysis: an MI row is "the primary analysis" only when missing.primary is mi;
  // otherwise the complete-case row is, and the MI row of the same design is its sensitivity analysis
  const primaryTag = miPrimary ? " (primary analysis)" : " (sensitivity analysis of the primary)";
  const imputesNothing = w.hazardRatios.filter((h) => h.pooled !== null && !imputesSomething(h.pooled)).map((h) => h.label);
  return {
    title: titleWithPopulation(`Treatment effect by multiple imputation, within approach (m = ${w.m})`, `all patients of the endpoint, n = ${w.n}`),
    headers: [["Model (within approach)", "HR (95% CI)", "p", "Fraction of missing information", "Patients analysed: mean (range over imputations)", "E-value (CI)"]],
    rows: w.hazardRatios.map((h) => [
      `${h.label}${h.id === w.primaryId ? primaryTag : ""}`,
      h.notEstimable === null ? fmtRatioCi(h.hr, h.lower, h.upper) : "not estimable",
      formatP(h.p),
      fmiCell(h.pooled),
      nText(h.n),
      h.eValue === null ? "–" : `${fmtNum(h.eValue.point, 2)} (${h.eValue.ci === null ? "–" : fmtNum(h.eValue.ci, 2)})`,
    ]),
    footnotes: [
      ...(imputesNothing.length > 0 ? [`Fraction of missing information "–": the model uses no imputed value (${imputesNothing.join("; ")}), so its estimate is the same in every imputation and nothing is lost to missing data.`] : []),
      `Within approach (Leyrat et al. 2019): in each of the ${w.m} completed datasets the propensity score was estimated, patients were matched and weighted, and each Cox model was fitted as in the complete-case table; the ${w.m} log hazard ratios were combined by Rubin's rules with Barnard–Rubin degrees of freedom (R: mice::pool). E-value of the pooled hazard ratio and of its confidence limit closer to 1 (VanderWeele & Ding 2017).`,
      ...w.hazardRatios.filter((h) => h.notEstimable !== null).map((h) => `${h.label}: ${h.notEstimable}.`),
    ],
  };
}

function withinBalanceTable(w: MiWithinResult, labelOf: (covariate: string) => string): ReportTable | null {
  const unadjusted = w.balance.find((b) => b.sample === "unadjusted");
  if (unadjusted === undefined) return null;
  const others = w.balance.filter((b) => b.sample !== "unadjusted");
  const headers = ["Covariate", "Unadjusted SMD", ...others.map((b) => (b.sample === "matched" ? "PS-matched SMD" : "IPTW SMD"))];
  // the covariate's label (": level" for a factor level), as the complete-case balance table
  const rowLabel = (r: { readonly variable: string; readonly covariate?: string; readonly level?: string | null }): string =>
    r.covariate === undefined ? r.variable : r.level === null || r.level === undefined ? labelOf(r.covariate) : `${labelOf(r.covariate)}: ${r.level}`;
  return {
    title: titleWithPopulation(`Covariate balance averaged over ${w.m} imputations`, `propensity-score sample, n = ${unadjusted.n}`),
    headers: [headers],
    rows: unadjusted.rows.map((r) => [rowLabel(r), fmtSigned(r.smd, 3), ...others.map((b) => fmtSigned(b.rows.find((x) => x.variable === r.variable)?.smd ?? null, 3))]),
    footnotes: [`Standardised mean differences computed in each completed dataset (the same conventions as the complete-case balance table) and averaged over the ${w.m} imputations. Largest absolute mean SMD: ${w.balance.map((b) => `${b.sample} ${fmtNum(b.maxAbsSmd, 3)}`).join(", ")}.`],
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
        `survival at ${fmtNum(a.time, 0)}${unit ? ` ${unit}` : ""}`,
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
        `RMST up to ${fmtNum(r.tau, 0)}${unit ? ` ${unit}` : ""}`,
        fmtNum(r.treated.estimate, 1),
        fmtNum(r.untreated.estimate, 1),
        fmtDifferenceCi(r.difference.estimate, r.difference.lower, r.difference.upper, 1),
        formatP(r.difference.p),
      ]);
    }
  }
  return {
    title: titleWithPopulation(`Standardised survival by multiple imputation, within approach (m = ${w.m})`, `all patients of the endpoint, n = ${w.n}`),
    headers: [["Estimator", "Quantity", "Treated", "Untreated", "Difference (95% CI)", "p"]],
    rows,
    footnotes: [
      `Survival in percent, RMST in ${unit ?? "time units"}. Estimated in each completed dataset (standardised survival, riskRegression::ate) and combined by Rubin's rules with Barnard–Rubin degrees of freedom (complete-data df n − 1, as mice::pool.scalar): survival and RMST differences on the identity scale; survival ratios, in results.json, on the log scale.`,
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
  const what = mi.within !== null ? (mi.cox !== null ? "the Cox model and the propensity analyses" : "the propensity analyses") : "the multivariable Cox model";
  return mi.primary === "mi"
    ? `Primary analysis: multiple imputation (${mi.m} imputations) of ${what}; the complete-case analyses are a sensitivity analysis.`
    : `Primary analysis: the complete-case analyses; multiple imputation (${mi.m} imputations) of ${what} is a sensitivity analysis.`;
}

export function missingDataSection(mi: MiStepResult, ctx: SectionContext, labelOf: (covariate: string) => string = (c) => c): ReportSection {
  const blocks: ReportBlock[] = [];
  const lost = mi.n - mi.nComplete;
  const fitted = mi.within !== null ? "The analyses were also run by multiple imputation (the propensity analyses within each completed dataset: the \u201cwithin\u201d approach), which keeps every patient." : "The model was also fitted by multiple imputation, which keeps every patient.";
  blocks.push({
    kind: "text",
    text: `${lost} of ${mi.n} patients have a missing value in a covariate of the ${mi.cox !== null || mi.within === null ? "multivariable model" : "propensity model"}; the complete-case ${mi.cox !== null || mi.within === null ? "model leaves" : "analyses leave"} them out. ${fitted}`,
  });
  blocks.push({ kind: "text", text: missingPrimaryText(mi) });
  for (const w of mi.byGroup.warnings) blocks.push({ kind: "note", text: w });
  blocks.push(ctx.table("missing-by-group", missingTable(mi)));
  blocks.push(ctx.table("missing-pattern", patternTable(mi)));
  const pooled = pooledTable(mi);
  if (pooled !== null) blocks.push(ctx.table("cox-mi", pooled));
  const w = mi.within;
  if (w !== null) {
    const eff = withinEffectsTable(w, mi.primary === "mi");
    if (eff !== null) blocks.push(ctx.table("effects-mi", eff));
    const bal = withinBalanceTable(w, labelOf);
    if (bal !== null) blocks.push(ctx.table("balance-mi", bal));
    const con = withinContrastsTable(w, w.unit === "" ? undefined : w.unit);
    if (con !== null) blocks.push(ctx.table("contrasts-mi", con));
  }
  return { id: "missing-data", title: msg().section.missingData, blocks };
}
