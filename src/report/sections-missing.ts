/**
 * Report section "Missing data" (spec key missing: { method: mi }; src/study/mi-step.ts): missing values by
 * variable and treatment group (STROBE 12c), the missing-data pattern (as mice's md.pattern), and the
 * multivariable Cox model by multiple imputation beside the complete-case model's n. Renders results only.
 */
import type { MiStepResult } from "../study/mi-step.js";
import type { ReportBlock, ReportSection } from "./html.js";
import type { SectionContext } from "./sections-long-term.js";
import type { ReportTable } from "./csv.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
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

function pooledTable(mi: MiStepResult): ReportTable | null {
  if (mi.cox === null) return null;
  return {
    title: titleWithPopulation(`Multivariable Cox model by multiple imputation (m = ${mi.m})`, `all patients of the endpoint, n = ${mi.n}`),
    headers: [["Covariate", "HR (95% CI)", "p", "Fraction of missing information"]],
    rows: mi.cox.terms.map((t) => [t.label, fmtRatioCi(t.hr, t.hrLower, t.hrUpper), formatP(t.p), fmtNum(t.fmi, 2)]),
    footnotes: [
      `Missing covariate values imputed ${mi.m} times by chained equations (predictive mean matching for numeric, logistic or multinomial models for categorical variables; ${mi.iterations} iterations; seed ${mi.seed}), with the event indicator and the Nelson–Aalen cumulative hazard in every imputation model; the estimates from the ${mi.m} completed datasets (all ${mi.n} patients) combined by Rubin's rules with Barnard–Rubin degrees of freedom (R: mice).`,
    ],
  };
}

export function missingDataSection(mi: MiStepResult, ctx: SectionContext): ReportSection {
  const blocks: ReportBlock[] = [];
  const lost = mi.n - mi.nComplete;
  blocks.push({
    kind: "text",
    text: `${lost} of ${mi.n} patients have a missing value in a covariate of the multivariable model; the complete-case model leaves them out. The model was also fitted by multiple imputation, which keeps every patient.`,
  });
  for (const w of mi.byGroup.warnings) blocks.push({ kind: "note", text: w });
  blocks.push(ctx.table("missing-by-group", missingTable(mi)));
  blocks.push(ctx.table("missing-pattern", patternTable(mi)));
  const pooled = pooledTable(mi);
  if (pooled !== null) blocks.push(ctx.table("cox-mi", pooled));
  return { id: "missing-data", title: msg().section.missingData, blocks };
}
