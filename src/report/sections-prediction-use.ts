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

export interface PredictionUseContext {
  readonly table: (id: string, t: ReportTable) => ReportBlock;
  readonly figure: (f: ReportFigure) => ReportBlock;
}

/** One sentence: population, dropped covariates, shrinkage. */
export function predictionUseText(p: PredictionStepResult): string {
  const cOpt = p.validation.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const aucOpt = p.validation.optimism?.indices.find((i) => i.name === "auc")?.corrected;
  const weak = (cOpt !== undefined && cOpt < 0.6) || (aucOpt !== undefined && aucOpt < 0.6);
  const parts = [`The model is fitted to ${p.population.description}${p.population.fromTreatment ? ", with survival counted from the date of treatment (the time a surgeon predicts from)" : ""}.`];
  if (p.dropped.length > 0) parts.push(`Left out: ${p.dropped.map((d) => `${d.covariate} (${d.reason})`).join("; ")}.`);
  const s = p.shrinkage;
  if (s.factor < 1) {
    parts.push(`${p.calculatorUse?.offered === false ? "Predictions for new patients would need" : "The nomogram and the calculator use"} coefficients shrunk by ${fmtNum(s.factor, 2)} (${s.source === "bootstrap" ? "the optimism-corrected calibration slope, van Houwelingen & le Cessie 1990" : "the factor set in the study"}), with the baseline survival re-estimated, so that their predictions are not too extreme for new patients: S(t | x) = ${fmtNum(p.nomogram?.baselineSurv ?? Number.NaN, 4)}^exp(${fmtNum(s.factor, 2)} × (LP − ${fmtNum((p.nomogram?.centre ?? Number.NaN) / s.factor, 4)})).`);
  } else if (s.source === "bootstrap" && s.correctedSlope !== null) {
    parts.push(`No shrinkage was needed (optimism-corrected calibration slope ${fmtNum(s.correctedSlope, 2)}).`);
  } else if (s.source === "bootstrap") {
    parts.push("The coefficients are not shrunk: without a bootstrap there is no estimate of the shrinkage a new sample needs.");
  } else parts.push("The coefficients are not shrunk (shrinkage: none).");
  // (a model that fails the checks for use has no calculator or nomogram: the section's note says why)
  if (weak && p.calculatorUse?.offered !== false) parts.push(`After correction for optimism the model barely discriminates (Harrell's C ${fmtNum(cOpt ?? Number.NaN, 3)}${aucOpt !== undefined ? `, AUC ${fmtNum(aucOpt, 3)}` : ""}; 0.5 is chance): the nomogram and calculator are shown for transparency and should not guide decisions until the model is validated in other patients.`);
  return parts.join(" ");
}

/** The calculator's ICI, E50 and E90 corrected for optimism, as a sentence (empty without a bootstrap). */
function correctedCalibrationText(p: PredictionStepResult): string {
  const c = p.decisionOptimism?.calibration;
  if (c === undefined || c === null) return "";
  return ` For new patients, the calculator's predictions corrected for optimism (${p.decisionOptimism?.B ?? 0} bootstrap replicates): ICI ${fmtNum(c.ici.corrected, 3)} (apparent ${fmtNum(c.ici.apparent, 3)}), E50 ${fmtNum(c.e50.corrected, 3)}, E90 ${fmtNum(c.e90.corrected, 3)} — the mean, median and 90th percentile of the absolute difference between predicted and observed risk.`;
}

/** Smoothed calibration and decision-curve figures, and the net-benefit table at a few thresholds. */
export function predictionUseBlocks(p: PredictionStepResult, ctx: PredictionUseContext, population: string): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const t = `${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${p.unit}`;
  const sc = p.smoothedCalibration;
  if (sc !== null) {
    // apparent only: on its own patients the calibration model refits the linear predictor, so the curve is near the
    // diagonal by construction and says nothing about new patients (the optimism-corrected slope does)
    blocks.push({
      kind: "text",
      text: `A smoothed calibration curve (Austin, Harrell & van Klaveren 2020) on the same patients is not shown: there the calibration model refits the model's own linear predictor, so it lies on the diagonal by construction (apparent ICI ${fmtNum(sc.ici, 3)}, E90 ${fmtNum(sc.e90, 3)}; results.json). The optimism-corrected calibration slope and the bias-corrected groups above are the guide to new patients.${correctedCalibrationText(p)}`,
    });
  }
  const dc = p.decisionCurve;
  if (dc !== null) {
    const opt = p.decisionOptimism;
    const corrected = opt === null ? null : dc.points.map((q) => opt.netBenefit.find((o) => Math.abs(o.threshold - q.threshold) < 1e-12)?.corrected ?? Number.NaN);
    const maxNb = Math.max(0.05, ...dc.points.map((q) => Math.max(q.netBenefitModel, q.netBenefitAll)));
    const svg = linesPlot(
      [
        { label: "deciding by the calculator's predicted risk", points: dc.points.map((q) => [q.threshold, q.netBenefitModel] as const) },
        ...(corrected === null ? [] : [{ label: "the same, corrected for optimism", points: dc.points.map((q, k) => [q.threshold, corrected[k]] as const).filter(([, v]) => Number.isFinite(v)), dash: "8,2,2,2" }]),
        { label: "treating everyone as high-risk", points: dc.points.map((q) => [q.threshold, q.netBenefitAll] as const), dash: "5,3" },
        { label: "treating no one as high-risk", points: [[0, 0], [1, 0]], dash: "1,3" },
      ],
      {
        xLabel: `Threshold risk of death by ${t}`,
        yLabel: "Net benefit",
        xDomain: [0, 1],
        yDomain: [-0.05, Math.ceil(maxNb * 20) / 20],
        title: "Decision curve",
        description: `Net benefit at ${t} of acting on the predicted risk, of acting on everyone and of acting on no one, over threshold risks.`,
        className: "survinfer-decision-curve",
      },
    );
    blocks.push(
      ctx.figure({
        id: "decision-curve",
        title: `Decision curve at ${t} (apparent${opt === null ? "" : " and corrected for optimism"}).`,
        caption: `Net benefit (Vickers et al. 2008) of calling a patient high-risk when the predicted risk of death by ${t} is at least the threshold: true positives minus false positives weighted by the threshold odds, with events counted by Kaplan–Meier. The model helps only at thresholds where its curve lies above both "everyone" and "no one". Apparent: the same patients${opt === null ? "" : `; corrected: minus the optimism of ${opt.B} bootstrap refits (net benefit in their own sample minus in all patients), what to expect in new patients`}. Population: ${population}.`,
        svg,
      }),
    );
    const shown = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const rows = dc.points
      .map((q, k) => ({ q, k }))
      .filter(({ q }) => shown.some((s) => Math.abs(s - q.threshold) < 1e-9))
      .map(({ q, k }) => [fmtNum(100 * q.threshold, 0), fmtNum(100 * q.positive, 0), fmtNum(q.netBenefitModel, 3), fmtNum(q.netBenefitAll, 3), ...(corrected === null ? [] : [fmtNum(corrected[k], 3)])]);
    blocks.push(
      ctx.table("decision-curve", {
        title: `Net benefit at ${t} — ${population}`,
        headers: [["Threshold risk, %", "Called high-risk, %", "Net benefit: model", "Net benefit: everyone", ...(corrected === null ? [] : ["Net benefit: model, corrected for optimism"])]],
        rows,
        footnotes: [`Risk of death by ${t} from Kaplan–Meier: ${fmtNum(100 * dc.risk, 1)}% of all these patients. Net benefit of "no one" is 0. Apparent (same patients)${opt === null ? "" : `; corrected for optimism with ${opt.B} bootstrap replicates (Harrell's method, each refit shrunk by ${fmtNum(opt.options.shrinkage, 2)} as the calculator)`}.`],
      }),
    );
  }
  return blocks;
}
