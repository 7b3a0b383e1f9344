/**
 * The prediction section's account of the model put to use: who it was fitted to, which covariates were left out and
 * why, the shrinkage the nomogram and calculator carry, the apparent smoothed-calibration ICI (Austin et al. 2020; in
 * words: on its own patients the curve lies on the diagonal by construction), and the decision curve at the horizon
 * (Vickers et al. 2008), labelled "apparent" (same patients); with a bootstrap, the calculator's ICI/E50/E90 and net
 * benefit corrected for optimism (decision-optimism.ts) beside them.
 */
import type { ReportBlock, ReportFigure } from "./html.js";
import type { ReportTable } from "./csv.js";
import { fmtNum } from "./tables.js";
import { linesPlot } from "./plots/lines.js";
import type { PredictionStepResult } from "../study/prediction-step.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";

export interface PredictionUseContext {
  readonly table: (id: string, t: ReportTable) => ReportBlock;
  readonly figure: (f: ReportFigure) => ReportBlock;
}

/**
 * Why no calculator or nomogram is offered, short (each failed check with its numbers; src/study/calculator-use.ts),
 * for the sentences that say the model is reported for transparency only: the shrinkage text, the decision curve's
 * caption and the methods. Null when the calculator is offered (or the results predate the checks).
 */
export function calculatorWithheldShort(p: PredictionStepResult): string | null {
  const use = p.calculatorUse;
  if (use === undefined || use.offered) return null;
  const t = msg().longTerm;
  const why: string[] = [];
  const ss = use.sampleSize;
  if (use.failed.includes("sample-size") && ss !== null) why.push(t.whyShortSampleSize(String(ss.available), String(ss.availableEvents), String(ss.n), String(ss.events)));
  if (use.failed.includes("no-signal")) why.push(t.whyShortNoSignal);
  if (use.failed.includes("c-statistic")) {
    const d = use.discrimination;
    why.push(t.whyShortC(d.corrected, fmtNum(d.harrellC, 2), d.auc === null ? null : fmtNum(d.auc, 2), fmtNum(use.minimumC, 2)));
  }
  return why.join(t.whySep);
}

/** One sentence: population, dropped covariates, shrinkage. */
export function predictionUseText(p: PredictionStepResult): string {
  const t = msg().longTerm;
  const cOpt = p.validation.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const aucOpt = p.validation.optimism?.indices.find((i) => i.name === "auc")?.corrected;
  const weak = (cOpt !== undefined && cOpt < 0.6) || (aucOpt !== undefined && aucOpt < 0.6);
  const parts = [t.puFitted(engineText(p.population.description), p.population.fromTreatment)];
  if (p.dropped.length > 0) parts.push(t.puLeftOut(p.dropped.map((d) => `${d.covariate} (${engineText(d.reason)})`).join("; ")));
  const s = p.shrinkage;
  if (s.factor < 1) {
    parts.push(t.puShrunk(p.calculatorUse?.offered === false, fmtNum(s.factor, 2), s.source === "bootstrap", fmtNum(p.nomogram?.baselineSurv ?? Number.NaN, 4), fmtNum((p.nomogram?.centre ?? Number.NaN) / s.factor, 4)));
  } else if (s.source === "bootstrap" && s.correctedSlope !== null) {
    parts.push(t.puNoShrinkNeeded(fmtNum(s.correctedSlope, 2)));
  } else if (s.source === "bootstrap") {
    parts.push(t.puNoBootstrap);
  } else parts.push(t.puNone);
  // a withheld calculator (src/study/calculator-use.ts): the model is shown for transparency, and the reason said
  const withheld = calculatorWithheldShort(p);
  if (withheld !== null) parts.push(t.transparencyOnly(withheld));
  // (a model that fails the checks for use has no calculator or nomogram: the section's note says why)
  if (weak && p.calculatorUse?.offered !== false) parts.push(t.puWeak(fmtNum(cOpt ?? Number.NaN, 3), aucOpt !== undefined ? fmtNum(aucOpt, 3) : null));
  return parts.join(" ");
}

/** The calculator's ICI, E50 and E90 corrected for optimism, as a sentence (empty without a bootstrap). */
function correctedCalibrationText(p: PredictionStepResult): string {
  const c = p.decisionOptimism?.calibration;
  if (c === undefined || c === null) return "";
  const lt = msg().longTerm;
  // without a calculator the predictions are those of the shrunken model the report shows, not a calculator's
  return (p.calculatorUse?.offered === false ? lt.puCorrectedCalWithheld : lt.puCorrectedCal)(String(p.decisionOptimism?.B ?? 0), fmtNum(c.ici.corrected, 3), fmtNum(c.ici.apparent, 3), fmtNum(c.e50.corrected, 3), fmtNum(c.e90.corrected, 3));
}

/** Smoothed calibration and decision-curve figures, and the net-benefit table at a few thresholds. */
export function predictionUseBlocks(p: PredictionStepResult, ctx: PredictionUseContext, population: string): ReportBlock[] {
  const lt = msg().longTerm;
  const blocks: ReportBlock[] = [];
  const t = `${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${msg().unit(p.unit)}`;
  const sc = p.smoothedCalibration;
  if (sc !== null) {
    // apparent only: on its own patients the calibration model refits the linear predictor, so the curve is near the
    // diagonal by construction and says nothing about new patients (the optimism-corrected slope does)
    blocks.push({ kind: "text", text: lt.puSmoothed(fmtNum(sc.ici, 3), fmtNum(sc.e90, 3), correctedCalibrationText(p)) });
  }
  const dc = p.decisionCurve;
  const withheld = calculatorWithheldShort(p);
  if (dc !== null) {
    const opt = p.decisionOptimism;
    const corrected = opt === null ? null : dc.points.map((q) => opt.netBenefit.find((o) => Math.abs(o.threshold - q.threshold) < 1e-12)?.corrected ?? Number.NaN);
    const maxNb = Math.max(0.05, ...dc.points.map((q) => Math.max(q.netBenefitModel, q.netBenefitAll)));
    const svg = linesPlot(
      [
        { label: withheld === null ? lt.dcModel : lt.dcModelWithheld, points: dc.points.map((q) => [q.threshold, q.netBenefitModel] as const) },
        ...(corrected === null ? [] : [{ label: lt.dcCorrected, points: dc.points.map((q, k) => [q.threshold, corrected[k]] as const).filter(([, v]) => Number.isFinite(v)), dash: "8,2,2,2" }]),
        { label: lt.dcAll, points: dc.points.map((q) => [q.threshold, q.netBenefitAll] as const), dash: "5,3" },
        { label: lt.dcNone, points: [[0, 0], [1, 0]], dash: "1,3" },
      ],
      {
        xLabel: lt.dcX(t),
        yLabel: lt.dcY,
        xDomain: [0, 1],
        yDomain: [-0.05, Math.ceil(maxNb * 20) / 20],
        title: lt.dcPlotTitle,
        description: lt.dcDescription(t),
        className: "survinfer-decision-curve",
      },
    );
    blocks.push(ctx.figure({ id: "decision-curve", title: lt.dcTitle(t, opt !== null), caption: `${lt.dcCaption(t, opt === null ? null : String(opt.B), population)}${withheld === null ? "" : ` ${lt.transparencyOnly(withheld)}`}`, svg }));
    const shown = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const rows = dc.points
      .map((q, k) => ({ q, k }))
      .filter(({ q }) => shown.some((s) => Math.abs(s - q.threshold) < 1e-9))
      .map(({ q, k }) => [fmtNum(100 * q.threshold, 0), fmtNum(100 * q.positive, 0), fmtNum(q.netBenefitModel, 3), fmtNum(q.netBenefitAll, 3), ...(corrected === null ? [] : [fmtNum(corrected[k], 3)])]);
    blocks.push(
      ctx.table("decision-curve", {
        title: lt.dtTitle(t, population),
        headers: [[lt.dtThreshold, lt.dtCalled, lt.dtModel, lt.dtEveryone, ...(corrected === null ? [] : [lt.dtCorrected])]],
        rows,
        footnotes: [(withheld === null ? lt.dtFoot : lt.dtFootWithheld)(t, fmtNum(100 * dc.risk, 1), opt === null ? null : String(opt.B), opt === null ? "" : fmtNum(opt.options.shrinkage, 2))],
      }),
    );
  }
  return blocks;
}
