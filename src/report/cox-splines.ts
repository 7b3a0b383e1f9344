/**
 * Report pieces of the Cox step's flexible terms (src/study/cox-step.ts): the linearity table
 * (rms::anova's "Nonlinear" rows of the rcs(x, 4) model), one hazard-ratio curve per spline term, and the
 * multivariable model with continuous covariates reported beside the dichotomised one
 * (cox.multivariableCutoffs). Renders results; computes nothing.
 */
import type { CoxStepResult } from "../study/cox-step.js";
import type { CoxphResult } from "../survival/coxph.js";
import type { ReportTable } from "./csv.js";
import type { ReportFigure } from "./html.js";
import { formatP } from "./plots/format.js";
import { hrCurvePlot } from "./plots/hr-curve.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
import { titleWithPopulation } from "./population.js";

/** A reference value as a reader writes it: whole numbers without decimals, else up to 2. */
const refText = (x: number): string => (Number.isInteger(x) ? String(x) : fmtNum(x, Math.abs(x) >= 10 ? 1 : 2));

/** Linearity of the continuous covariates: knots, Wald χ² of the non-linear terms (2 df), p; null without cox.linearity. */
export function linearityTable(cox: CoxStepResult): ReportTable | null {
  const lin = cox.linearity;
  if (lin === undefined || lin.tests.length === 0) return null;
  const rows = lin.tests.map((t) => [lin.labels[t.covariate] ?? t.covariate, t.knots.map((k) => fmtNum(k, 4)).join(", "), fmtNum(t.nonlinear.chisq, 2), String(t.nonlinear.df), formatP(t.nonlinear.p)]);
  const footnotes = [
    `One Cox model (n = ${lin.result.fit.n}, ${lin.result.fit.nEvent} events) with each continuous covariate as a restricted cubic spline with 4 knots at Harrell's default quantiles (rms::rcs); Wald test of the non-linear spline terms, as rms::anova "Nonlinear". A small p suggests the log hazard is not linear in the covariate.`,
  ];
  if (lin.totalNonlinear !== null) footnotes.push(`All non-linear terms together: χ² = ${fmtNum(lin.totalNonlinear.chisq, 2)} on ${lin.totalNonlinear.df} df, p ${formatP(lin.totalNonlinear.p).startsWith("<") ? "" : "= "}${formatP(lin.totalNonlinear.p)}.`);
  if (lin.skipped.length > 0) footnotes.push(`Not checked (categorical or fewer than 7 distinct values): ${lin.skipped.map((s) => lin.labels[s] ?? s).join(", ")}.`);
  return { title: titleWithPopulation("Linearity of continuous covariates (restricted cubic splines)", `patients with complete covariates, n = ${lin.result.fit.n}, ${lin.result.fit.nEvent} events`), headers: [["Covariate", "Knots", "χ² (non-linear)", "df", "p"]], rows, footnotes };
}

/** One HR-curve figure per spline term of the linearity check. */
export function hrCurveFigures(cox: CoxStepResult): ReportFigure[] {
  const lin = cox.linearity;
  if (lin === undefined) return [];
  return lin.tests.map((t, k) => {
    const label = lin.labels[t.covariate] ?? t.covariate;
    const c = t.curve;
    return {
      id: `hr-curve-${k + 1}`,
      title: `Hazard ratio by ${label}.`,
      caption: `Hazard ratio (log scale) against ${refText(c.reference)} (the median; HR = 1) from the Cox model with restricted cubic splines (4 knots, ticks on the x-axis), with pointwise ${Math.round(100 * lin.result.fit.options.confLevel)}% confidence band; test of non-linearity p ${formatP(t.nonlinear.p).startsWith("<") ? "" : "= "}${formatP(t.nonlinear.p)}. R: rms::contrast(fit, list(x = x), list(x = median)). Population: patients with complete covariates, n = ${lin.result.fit.n}, ${lin.result.fit.nEvent} events.`,
      svg: hrCurvePlot({ ...c, knots: t.knots }, { xLabel: label, title: `Hazard ratio by ${label}` }),
    };
  });
}

/**
 * One HR-curve figure per pspline() term of a penalised Cox fit (its `curve`: against the median, 61 points
 * over the range), ids `hr-curve-pspline-<k>`; `labels` maps a covariate name to its display label. Empty
 * without pspline terms.
 */
export function psplineHrCurveFigures(result: CoxphResult, labels: Readonly<Record<string, string>> = {}): ReportFigure[] {
  const pen = result.fit.penalized;
  if (pen === undefined) return [];
  const level = Math.round(100 * result.fit.options.confLevel);
  return pen.terms.flatMap((t, k) => {
    const c = t.curve;
    if (c === undefined) return [];
    const covariate = result.terms.find((m) => m.label === t.label)?.variables[0]?.replace(/^pspline\((.*?)(,.*)?\)$/, "$1") ?? t.label;
    const label = labels[covariate] ?? covariate;
    const smooth = t.targetDf === null ? `θ = ${fmtNum(t.theta, 3)} given` : `θ = ${fmtNum(t.theta, 3)} chosen for ${t.targetDf} df`;
    return [
      {
        id: `hr-curve-pspline-${k + 1}`,
        title: `Hazard ratio by ${label} (penalised spline).`,
        caption: `Hazard ratio (log scale) against ${refText(c.reference)} (the median; HR = 1) from the Cox model with a penalised spline of ${label} (survival::pspline: ${smooth}, effective df ${fmtNum(t.df, 1)}), with pointwise ${level}% confidence band; test of non-linearity p ${formatP(t.nonlinear.p).startsWith("<") ? "" : "= "}${formatP(t.nonlinear.p)}. Population: n = ${result.fit.n}, ${result.fit.nEvent} events.`,
        svg: hrCurvePlot(c, { xLabel: label, title: `Hazard ratio by ${label}` }),
      },
    ];
  });
}

/** The multivariable model with continuous covariates, when the study asked for the cut-offs too. */
export function continuousModelTable(cox: CoxStepResult): ReportTable | null {
  const mv = cox.multivariableContinuous;
  if (mv === undefined) return null;
  const fit = mv.result.fit;
  const rows = fit.terms.map((t) => [mv.termLabels[t.name] ?? t.name.replace(/`/g, ""), fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p)]);
  return {
    title: titleWithPopulation("Multivariable Cox model with continuous covariates", `n = ${fit.n}, ${fit.nEvent} events`),
    headers: [["Characteristic", `HR (${Math.round(100 * fit.options.confLevel)}% CI)`, "p"]],
    rows,
    footnotes: [`The same covariates as the multivariable model above, without their cut-offs: n = ${fit.n}, ${fit.nEvent} events; HR per unit of each continuous covariate.`],
  };
}
