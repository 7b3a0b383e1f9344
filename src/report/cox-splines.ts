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
import { trimZeros } from "./number-format.js";
import { titleWithPopulation } from "./population.js";
import { msg } from "../i18n/messages.js";
import { termLabel } from "./labels.js";

const sp = () => msg().descriptive.splines;

/** "p = 0.12" or "p < 0.001" as the captions write it. */
const pIs = (p: number | null): string => `p ${formatP(p).startsWith("<") ? "" : "= "}${formatP(p)}`;

/** A reference value as a reader writes it: whole numbers without decimals, else up to 2. */
const refText = (x: number): string => (Number.isInteger(x) ? String(x) : fmtNum(x, Math.abs(x) >= 10 ? 1 : 2));

/** Linearity of the continuous covariates: knots, Wald χ² of the non-linear terms (2 df), p; null without cox.linearity. */
export function linearityTable(cox: CoxStepResult): ReportTable | null {
  const lin = cox.linearity;
  if (lin === undefined || lin.tests.length === 0) return null;
  const rows = lin.tests.map((t) => [lin.labels[t.covariate] ?? t.covariate, t.knots.map((k) => trimZeros(fmtNum(k, 4))).join(sp().knotSep), fmtNum(t.nonlinear.chisq, 2), String(t.nonlinear.df), formatP(t.nonlinear.p)]);
  const footnotes = [
    sp().linearityFootnote(String(lin.result.fit.n), String(lin.result.fit.nEvent)),
  ];
  if (lin.totalNonlinear !== null) footnotes.push(sp().allNonlinear(fmtNum(lin.totalNonlinear.chisq, 2), String(lin.totalNonlinear.df), pIs(lin.totalNonlinear.p)));
  if (lin.skipped.length > 0) footnotes.push(sp().notChecked(lin.skipped.map((s) => lin.labels[s] ?? s).join(", ")));
  return {
    title: titleWithPopulation(sp().linearityTitle, sp().completeCases(String(lin.result.fit.n), String(lin.result.fit.nEvent))),
    headers: [[sp().covariate, sp().knots, sp().chisqNonlinear, sp().df, "p"]],
    rows,
    footnotes,
  };
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
      title: `${sp().hrBy(label)}.`,
      caption: sp().rcsCaption(refText(c.reference), String(Math.round(100 * lin.result.fit.options.confLevel)), pIs(t.nonlinear.p), String(lin.result.fit.n), String(lin.result.fit.nEvent)),
      svg: hrCurvePlot({ ...c, knots: t.knots }, { xLabel: label, title: sp().hrBy(label) }),
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
    const smooth = t.targetDf === null ? sp().thetaGiven(fmtNum(t.theta, 3)) : sp().thetaChosen(fmtNum(t.theta, 3), String(t.targetDf));
    return [
      {
        id: `hr-curve-pspline-${k + 1}`,
        title: `${sp().hrByPspline(label)}.`,
        caption: sp().psplineCaption(refText(c.reference), label, smooth, fmtNum(t.df, 1), String(level), pIs(t.nonlinear.p), String(result.fit.n), String(result.fit.nEvent)),
        svg: hrCurvePlot(c, { xLabel: label, title: sp().hrBy(label) }),
      },
    ];
  });
}

/** The multivariable model with continuous covariates, when the study asked for the cut-offs too. */
export function continuousModelTable(cox: CoxStepResult): ReportTable | null {
  const mv = cox.multivariableContinuous;
  if (mv === undefined) return null;
  const fit = mv.result.fit;
  const rows = fit.terms.map((t) => [termLabel(mv.termLabels[t.name] ?? t.name.replace(/`/g, "")), fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p)]);
  return {
    title: titleWithPopulation(sp().continuousTitle, sp().continuousPopulation(String(fit.n), String(fit.nEvent))),
    headers: [[msg().table.characteristic, msg().table.hrCi(`${Math.round(100 * fit.options.confLevel)}%`), "p"]],
    rows,
    footnotes: [sp().continuousFootnote(String(fit.n), String(fit.nEvent))],
  };
}
