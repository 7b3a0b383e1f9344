/**
 * Report tables of the long-term questions: the cure model (cure fractions, incidence and latency
 * coefficients), the pre-operative prediction model (coefficients, discrimination and calibration
 * with the bootstrap optimism correction, calibration by risk group), the regression models of the
 * competing causes and the recurrent-event models. They format results; they compute nothing but
 * exp() of a coefficient and its limits.
 */
import type { ReportTable } from "./csv.js";
import { formatP } from "./table1.js";
import { fmtNum, fmtRatioCi, fmtSurvivalPercent } from "./tables.js";
import type { CureStepResult } from "../study/cure-step.js";
import type { PredictionStepResult } from "../study/prediction-step.js";
import type { CompetingStepResult } from "../study/competing-step.js";
import type { CureCoefficient } from "../survival/cure/design.js";
import type { RecurrentStepResult } from "../study/recurrent-step.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { profileName } from "./cure-profile-name.js";

const pc = (x: number): string => fmtNum(100 * x, 1);

/** Cure fraction overall and per group, with the follow-up checks that say whether "cure" is meaningful. */
export function cureFractionTable(c: CureStepResult): ReportTable {
  const t = msg().longTerm;
  const lvl = fmtNum(100 * c.fit.options.confLevel, 0);
  const rows = [c.overall, ...c.groups].map((g) => [
    g.name,
    String(g.n),
    String(g.events),
    // a group without events has no information on its cure fraction (the model pushes it to 100%)
    g.events === 0 ? t.ctNotEstimable : Number.isFinite(g.cureFraction.lower) ? `${pc(g.cureFraction.estimate)} (${pc(g.cureFraction.lower)}–${pc(g.cureFraction.upper)})` : pc(g.cureFraction.estimate),
    g.followUp === null ? "–" : fmtNum(g.followUp.plateauLength, 1),
    g.followUp === null ? "–" : String(g.followUp.nCensoredOnPlateau),
    g.followUp === null ? "–" : formatP(g.followUp.mallerZhou.pValue),
    g.kmPlateau === null ? "–" : pc(g.kmPlateau),
    g.followUp === null ? "–" : t.ctVerdict(g.followUp.verdict, String(g.followUp.mallerZhou.nEventsInInterval)),
    `${fmtNum(g.fitCheck.maxDistance, 3)}${g.fitCheck.withinBand ? "" : t.ctOutsideBand}`,
  ]);
  const model = c.fit.method === "ph-mixture-cure-em" ? t.ctModelEm(String(c.fit.bootstrap.replicates)) : t.ctModelMl(engineText(c.latencyLabel));
  return {
    title: t.ctTitle,
    headers: [[t.ctGroup, "n", t.ctEvents, t.ctCured(lvl), t.ctPlateau(msg().unit(c.unit)), t.ctBeyond, t.ctMallerZhou, t.ctKmLast, t.ctFollowUp, t.ctDistance]],
    rows,
    footnotes: [
      t.ctFootCured(model, engineText(c.claims.eventText), engineText(c.claims.populationText)),
      t.ctFootPlateau,
      t.ctFootDistance(String(c.overall.fitCheck.band.replicates), String(c.overall.fitCheck.band.seed)),
    ],
  };
}

/** Latencies compared by AIC on the same patients, the chosen one marked, beside the nonparametric plateau. */
export function cureLatencyTable(c: CureStepResult): ReportTable | null {
  const cmp = c.latencyComparison;
  if (cmp === undefined) return null;
  const t = msg().longTerm;
  const rows = cmp.rows.map((r) => [
    `${engineText(r.label)}${r.chosen ? t.clLowestAic : ""}${r.converged ? "" : t.clNotConverged}${c.fit.method !== "ph-mixture-cure-em" && c.latencyLabel === r.label ? t.clUsed : ""}`,
    fmtNum(r.loglik, 2),
    fmtNum(r.aic, 1),
    fmtNum(r.deltaAic, 1),
    Number.isFinite(r.cureFraction.lower) ? `${pc(r.cureFraction.estimate)} (${pc(r.cureFraction.lower)}–${pc(r.cureFraction.upper)})` : pc(r.cureFraction.estimate),
  ]);
  if (c.fit.method === "ph-mixture-cure-em") rows.push([t.clEmUsed, "–", "–", "–", pc(c.overall.cureFraction.estimate)]);
  if (c.overall.kmPlateau !== null) rows.push([t.clKm, "–", "–", "–", pc(c.overall.kmPlateau)]);
  return {
    title: t.clTitle,
    headers: [[t.clLatency, t.clLoglik, "AIC", "ΔAIC", t.clCured]],
    rows,
    footnotes: [t.clFootCriterion(engineText(cmp.criterion)), t.clFootKm],
  };
}

/** Cure fraction at covariate profiles (each level; quartiles of numeric covariates; the others at their means). */
export function cureProfilesTable(c: CureStepResult): ReportTable | null {
  const profiles = c.fit.cureFraction.profiles;
  if (profiles.length === 0) return null;
  const t = msg().longTerm;
  const lvl = fmtNum(100 * c.fit.options.confLevel, 0);
  return {
    title: t.cpTitle,
    headers: [[t.cpProfile, t.ctCured(lvl)]],
    rows: profiles.map((p) => [profileName(p.name), Number.isFinite(p.lower) ? `${pc(p.estimate)} (${pc(p.lower)}–${pc(p.upper)})` : pc(p.estimate)]),
    footnotes: [t.cpFoot],
  };
}

function coefRow(label: string, c: CureCoefficient, exp: (x: number) => number, lower: number, upper: number): string[] {
  return [label, fmtRatioCi(exp(c.estimate), lower, upper), formatP(c.p)];
}

/** Incidence (odds ratio of cure) and latency (hazard ratio among the uncured) coefficients. */
export function cureModelTable(c: CureStepResult): ReportTable {
  const t = msg().longTerm;
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const inc = c.fit.incidence.slice(1);
  const lat = c.fit.latency;
  if (inc.length > 0) {
    rows.push([t.cmIncidence, "", ""]);
    indented.push(false);
    // smcure models being UNCURED: the odds ratio of cure is exp(−γ), limits swapped
    for (const k of inc) {
      rows.push(coefRow(c.incidenceLabels[k.name] ?? k.name, k, (x) => Math.exp(-x), Math.exp(-k.upper), Math.exp(-k.lower)));
      indented.push(true);
    }
  }
  const aft = c.fit.method === "lognormal-mixture-cure" || c.fit.method === "loglogistic-mixture-cure";
  if (lat.length > 0) {
    rows.push([aft ? t.cmLatencyTime : t.cmLatencyHazard, "", ""]);
    indented.push(false);
    lat.forEach((k, j) => {
      const label = c.latencyLabels[k.name] ?? k.name;
      if (c.fit.method === "ph-mixture-cure-em") rows.push(coefRow(label, k, Math.exp, Math.exp(k.lower), Math.exp(k.upper)));
      else if (aft) {
        const r = c.fit.latencyTimeRatio[j];
        rows.push([label, fmtRatioCi(r.ratio, r.lower, r.upper), formatP(k.p)]);
      } else {
        const h = c.fit.latencyHazardRatio[j];
        rows.push([label, fmtRatioCi(h.hr, h.lower, h.upper), formatP(k.p)]);
      }
      indented.push(true);
    });
  }
  const perUnit = t.cmPerUnit(c.unit);
  const footnotes = [
    t.cmFootMixture,
    c.fit.method === "ph-mixture-cure-em"
      ? t.cmFootEm
      : aft
        ? t.cmFootAft(engineText(c.latencyLabel), fmtNum(c.fit.shape, 3), fmtNum(c.fit.lambda, 4), perUnit)
        : t.cmFootWeibull(fmtNum(c.fit.shape, 3), fmtNum(c.fit.lambda, 4), perUnit),
  ];
  return { title: t.cmTitleCure, headers: [[t.cmCovariate, t.cmRatio, "p"]], rows, footnotes, indented };
}

/** Coefficients of the prediction model with the baseline survival that completes it (TRIPOD 15a). */
export function predictionModelTable(p: PredictionStepResult): ReportTable {
  const fit = p.validation.fit;
  const rows = fit.terms.map((t) => [p.termLabels[t.name] ?? t.name, t.coef === null ? "–" : fmtNum(t.coef, 4), fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p)]);
  const nom = p.validation.nomogram;
  const footnotes = [
    `Cox model fitted to ${p.validation.n} patients with ${p.validation.nEvent} events${p.validation.nDropped > 0 ? ` (${p.validation.nDropped} left out for missing covariates)` : ""}; all prespecified covariates kept (no selection).`,
  ];
  if (nom) {
    footnotes.push(
      `Predicted ${p.endpointLabel.toLowerCase()} at ${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${p.unit}: S(t | x) = ${fmtNum(nom.baselineSurv, 4)}^exp(LP − ${fmtNum(nom.centre, 4)}), LP = Σ coefficient × value (the full model, TRIPOD item 15a).`,
    );
  }
  return { title: "Prediction model", headers: [["Covariate", "Coefficient", "HR (95% CI)", "p"]], rows, footnotes };
}

/** Discrimination and calibration, apparent and corrected for optimism (TRIPOD items 10d and 16). */
export function predictionPerformanceTable(p: PredictionStepResult): ReportTable {
  const v = p.validation;
  const opt = v.optimism;
  const idx = (name: string) => opt?.indices.find((i) => i.name === name);
  const t = fmtNum(p.time, p.time % 1 === 0 ? 0 : 1);
  const line = (label: string, apparent: number | null | undefined, name: string, digits = 3): string[] => {
    const i = idx(name);
    return [label, fmtNum(apparent ?? null, digits), ...(opt ? [fmtNum(i?.optimism ?? null, digits), fmtNum(i?.corrected ?? null, digits)] : [])];
  };
  const rows = [
    line("Harrell's C", v.harrell.value, "harrellC"),
    line(`Uno's C (up to ${fmtNum(v.options.tau ?? Number.NaN, 0)} ${p.unit})`, v.uno.value, "unoC"),
    line(`AUC at ${t} ${p.unit}`, v.auc?.auc, "auc"),
    line("Calibration slope", opt ? 1 : v.calibration?.slope.slope, "slope"),
    line("Calibration-in-the-large, log(O/E)", v.calibrationIntercept.intercept, "intercept"),
  ];
  const footnotes = [
    `Harrell's C: concordance of the linear predictor with survival (as survival::concordance); Uno's C: with inverse-probability-of-censoring weights up to τ; AUC: cumulative/dynamic AUC at ${t} ${p.unit} with IPCW (as timeROC).`,
  ];
  if (opt) footnotes.push(`Optimism: mean over ${opt.B} bootstrap replicates of (index in the bootstrap sample − index of the bootstrap model in the original data); corrected = apparent − optimism (Harrell's method, as rms::validate). The corrected calibration slope is the shrinkage a new sample is expected to need.`);
  else footnotes.push("No bootstrap: indices are apparent (optimistic).");
  return { title: "Prediction model performance", headers: [["Index", "Apparent", ...(opt ? ["Optimism", "Corrected"] : [])]], rows, footnotes };
}

/** Predicted versus observed survival at the horizon by risk group. */
export function calibrationTable(p: PredictionStepResult): ReportTable | null {
  const cal = p.validation.calibration;
  if (cal === null) return null;
  const t = fmtNum(p.time, p.time % 1 === 0 ? 0 : 1);
  // the bias-corrected groups are the same patients in rms's order (highest risk first)
  const cc = p.validation.calibrationCorrected;
  const corrected = cc !== null && cc.groups.length === cal.groups.length ? [...cc.groups].reverse() : null;
  const footnotes = [`Patients in ${cal.options.nGroups} groups of equal size by the linear predictor (1 = lowest risk); predicted: mean model survival at ${t} ${p.unit}; calibration slope ${fmtNum(cal.slope.slope, 2)} (Cox regression of the outcome on the linear predictor; 1 = ideal).`];
  if (corrected) footnotes.push(`Bias-corrected: observed minus the bootstrap optimism of (observed − predicted) in the group (${cc?.B} replicates), as rms::calibrate(cmethod = "KM").`);
  return {
    title: `Calibration at ${t} ${p.unit}`,
    headers: [["Risk group", "n", "Events", "Predicted, %", "Observed (Kaplan–Meier), % (95% CI)", ...(corrected ? ["Bias-corrected, %"] : [])]],
    rows: cal.groups.map((g, k) => [
      String(g.group),
      String(g.n),
      String(g.events),
      pc(g.predicted),
      g.observed === null ? "not followed that long" : fmtSurvivalPercent(g.observed, g.lower, g.upper),
      ...(corrected ? [corrected[k].observedCorrected === null ? "–" : pc(corrected[k].observedCorrected as number)] : []),
    ]),
    footnotes,
  };
}

/** Cause-specific Cox and Fine–Gray hazard ratios per cause. */
export function causeModelsTable(cr: CompetingStepResult): ReportTable | null {
  // causes whose models were refused for too few events per parameter (src/study/epv.ts) keep their place
  const refused = new Map<number, string>();
  for (const r of cr.refused ?? []) if (r.epv.message !== null) refused.set(r.cause, r.epv.message);
  if (cr.models.length === 0 && refused.size === 0) return null;
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const causes = [...new Set([...cr.models.map((m) => m.cause), ...refused.keys()])].sort((a, b) => a - b);
  for (const k of causes) {
    const m = cr.models.find((x) => x.cause === k);
    if (m === undefined) {
      const why = engineText(refused.get(k)!);
      rows.push([cr.causeLabels[k - 1] ?? `cause ${k}`, why, "", why, ""]);
      indented.push(false);
      continue;
    }
    rows.push([m.label, "", "", "", ""]);
    indented.push(false);
    m.causeSpecific.fit.terms.forEach((t, j) => {
      const fg = m.fineGray?.terms[j];
      rows.push([m.termLabels[t.name] ?? t.name, fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p), fg ? fmtRatioCi(fg.shr, fg.lower, fg.upper) : "–", fg ? formatP(fg.p) : ""]);
      indented.push(true);
    });
  }
  const t = msg().longTerm;
  return {
    title: t.cmTitle,
    headers: [[t.cmCauseCovariate, t.cmCauseSpecific, "p", t.cmSubdistribution, "p"]],
    rows,
    indented,
    footnotes: [t.cmFootModels, ...(refused.size > 0 ? [t.cmFootRefused(String(cr.refused![0].epv.epvFloor))] : [])],
  };
}

/** Recurrent-event models side by side: hazard ratios with robust (patient-clustered) CIs. */
export function recurrentModelsTable(rec: RecurrentStepResult): ReportTable | null {
  const models = rec.models;
  if (models.length === 0) return null;
  const first = models[0].result.fit;
  const rows = first.terms.map((t, j) => [
    models[0].termLabels[t.name] ?? t.name,
    ...models.flatMap((m) => {
      const u = m.result.fit.terms[j];
      return u === undefined ? ["–", ""] : [fmtRatioCi(u.hr, u.lower, u.upper), formatP(u.p)];
    }),
  ]);
  const tx = msg().longTerm;
  return {
    title: tx.rmTitle(rec.label),
    headers: [[tx.rmCovariate, ...models.flatMap((m) => [tx.rmHr(m.label), "p"])]],
    rows,
    footnotes: [tx.rmFootFollowUp(String(rec.nEvents), String(rec.nPatients), rec.population?.fromTreatment === true, rec.endpoint), ...models.map((m) => tx.rmFootModel(m.label, m.result.rCall.split("  #")[0], m.model === "ag" ? "ag" : m.model === "pwp-total" ? "pwp-total" : "pwp-gap"))],
  };
}

/** Patients by number of recurrent events. */
export function recurrentCountsTable(rec: RecurrentStepResult): ReportTable {
  const tx = msg().longTerm;
  return {
    title: tx.rcTitle(rec.label),
    headers: [[tx.rcEvents, tx.rcPatients]],
    rows: rec.eventsPerPatient.map((e) => [String(e.count), String(e.patients)]),
    footnotes: [tx.rcFoot(rec.eventColumns.join(", "), rec.indexOperation !== null && !rec.indexOperation.counted ? rec.indexOperation.column : null)],
  };
}
