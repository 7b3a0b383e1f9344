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

const pc = (x: number): string => fmtNum(100 * x, 1);

/** Cure fraction overall and per group, with the follow-up checks that say whether "cure" is meaningful. */
export function cureFractionTable(c: CureStepResult): ReportTable {
  const lvl = `${fmtNum(100 * c.fit.options.confLevel, 0)}% CI`;
  const rows = [c.overall, ...c.groups].map((g) => [
    g.name,
    String(g.n),
    String(g.events),
    // a group without events has no information on its cure fraction (the model pushes it to 100%)
    g.events === 0 ? "not estimable (no events)" : Number.isFinite(g.cureFraction.lower) ? `${pc(g.cureFraction.estimate)} (${pc(g.cureFraction.lower)}–${pc(g.cureFraction.upper)})` : pc(g.cureFraction.estimate),
    g.followUp === null ? "–" : fmtNum(g.followUp.plateauLength, 1),
    g.followUp === null ? "–" : String(g.followUp.nCensoredOnPlateau),
    g.followUp === null ? "–" : formatP(g.followUp.mallerZhou.pValue),
    g.kmPlateau === null ? "–" : pc(g.kmPlateau),
    g.followUp === null ? "–" : `${g.followUp.verdict === "not-shown" ? "not shown" : g.followUp.verdict} (${g.followUp.mallerZhou.nEventsInInterval} events in window)`,
    `${fmtNum(g.fitCheck.maxDistance, 3)}${g.fitCheck.withinBand ? "" : " (outside band)"}`,
  ]);
  const model = c.fit.method === "ph-mixture-cure-em" ? `semiparametric PH mixture cure model (EM as R smcure; bootstrap CI, ${c.fit.bootstrap.replicates} replicates)` : `${c.latencyLabel} mixture cure model (maximum likelihood; delta-method CI)`;
  return {
    title: "Estimated cure fraction",
    headers: [["Group", "n", "Events", `Cured, % (${lvl})`, `Plateau (${c.unit})`, "Followed beyond last event", "Maller–Zhou p", "KM at last event, %", "Follow-up", "Largest distance model vs KM"]],
    rows,
    footnotes: [
      `Cured: the ${model}'s probability of never having ${c.claims.eventText}, averaged over the group's patients (${c.claims.populationText}).`,
      "Plateau: time from the last event to the end of follow-up, over which the Kaplan–Meier curve is flat; KM at last event: the nonparametric cure estimate (the plateau's height). Maller–Zhou p: test of sufficient follow-up (Maller & Zhou 1996, q_n); Follow-up: inconclusive with fewer than 5 events in the window before the last event or fewer than 5 patients followed beyond it, else sufficient when p < 0.05.",
      `Largest distance: sup over time of |model survival − Kaplan–Meier|; outside band: the model curve leaves the 95% simultaneous bootstrap band of the Kaplan–Meier estimate (${c.overall.fitCheck.band.replicates} resamples, seed ${c.overall.fitCheck.band.seed}).`,
    ],
  };
}

/** Latencies compared by AIC on the same patients, the chosen one marked, beside the nonparametric plateau. */
export function cureLatencyTable(c: CureStepResult): ReportTable | null {
  const cmp = c.latencyComparison;
  if (cmp === undefined) return null;
  const rows = cmp.rows.map((r) => [
    `${r.label}${r.chosen ? " (lowest AIC)" : ""}${r.converged ? "" : " (did not converge: not compared)"}${c.fit.method !== "ph-mixture-cure-em" && c.latencyLabel === r.label ? " — used" : ""}`,
    fmtNum(r.loglik, 2),
    fmtNum(r.aic, 1),
    fmtNum(r.deltaAic, 1),
    Number.isFinite(r.cureFraction.lower) ? `${pc(r.cureFraction.estimate)} (${pc(r.cureFraction.lower)}–${pc(r.cureFraction.upper)})` : pc(r.cureFraction.estimate),
  ]);
  if (c.fit.method === "ph-mixture-cure-em") rows.push(["Semiparametric PH (EM) — used", "–", "–", "–", pc(c.overall.cureFraction.estimate)]);
  if (c.overall.kmPlateau !== null) rows.push(["Nonparametric: Kaplan–Meier at the last event", "–", "–", "–", pc(c.overall.kmPlateau)]);
  return {
    title: "Cure model: choice of latency",
    headers: [["Latency of the uncured", "Log-likelihood", "AIC", "ΔAIC", "Cured, % (95% CI)"]],
    rows,
    footnotes: [
      `Criterion: ${cmp.criterion} (AIC = −2 log-likelihood + 2 × parameters; the generalised gamma has one parameter more, its shape Q, and nests the Weibull at Q = 1 and the log-normal as Q → 0, so it is always within 2 of the better of those two). A ΔAIC below 2 means the data hardly prefer one latency: the cure fractions of those models are then the honest range.`,
      "Kaplan–Meier at the last event: the nonparametric cure estimate, valid only when follow-up is long enough (see the follow-up check). The semiparametric model has no comparable likelihood.",
    ],
  };
}

/** Cure fraction at covariate profiles (each level; quartiles of numeric covariates; the others at their means). */
export function cureProfilesTable(c: CureStepResult): ReportTable | null {
  const profiles = c.fit.cureFraction.profiles;
  if (profiles.length === 0) return null;
  const lvl = `${fmtNum(100 * c.fit.options.confLevel, 0)}% CI`;
  return {
    title: "Cure fraction by covariate profile",
    headers: [["Profile", `Cured, % (${lvl})`]],
    rows: profiles.map((p) => [p.name, Number.isFinite(p.lower) ? `${pc(p.estimate)} (${pc(p.lower)}–${pc(p.upper)})` : pc(p.estimate)]),
    footnotes: ["Probability of cure from the incidence model at each profile, the other covariates at their means; CI by the delta method on the logit scale."],
  };
}

function coefRow(label: string, c: CureCoefficient, exp: (x: number) => number, lower: number, upper: number): string[] {
  return [label, fmtRatioCi(exp(c.estimate), lower, upper), formatP(c.p)];
}

/** Incidence (odds ratio of cure) and latency (hazard ratio among the uncured) coefficients. */
export function cureModelTable(c: CureStepResult): ReportTable {
  const rows: string[][] = [];
  const indented: boolean[] = [];
  const inc = c.fit.incidence.slice(1);
  const lat = c.fit.latency;
  if (inc.length > 0) {
    rows.push(["Incidence: odds ratio of being cured", "", ""]);
    indented.push(false);
    // smcure models being UNCURED: the odds ratio of cure is exp(−γ), limits swapped
    for (const k of inc) {
      rows.push(coefRow(c.incidenceLabels[k.name] ?? k.name, k, (x) => Math.exp(-x), Math.exp(-k.upper), Math.exp(-k.lower)));
      indented.push(true);
    }
  }
  const aft = c.fit.method === "lognormal-mixture-cure" || c.fit.method === "loglogistic-mixture-cure";
  if (lat.length > 0) {
    rows.push([aft ? "Latency: time ratio among the uncured" : "Latency: hazard ratio among the uncured", "", ""]);
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
  const footnotes = [
    "Mixture cure model: survival = π + (1 − π)·S_u(t), with π the probability of cure (logistic model) and S_u the survival of the uncured (latency).",
    c.fit.method === "ph-mixture-cure-em"
      ? "Semiparametric proportional-hazards latency (R smcure); CIs and p-values from the bootstrap standard errors."
      : aft
        ? `${c.latencyLabel} latency: shape ${fmtNum(c.fit.shape, 3)}, rate ${fmtNum(c.fit.lambda, 4)} per ${c.unit.replace(/s$/, "")}; time ratios e^{−β} (the uncured's survival times are multiplied by this per unit); Wald tests from the observed information.`
        : `Weibull latency: shape ${fmtNum(c.fit.shape, 3)}, rate ${fmtNum(c.fit.lambda, 4)} per ${c.unit.replace(/s$/, "")}; hazard ratios e^{αβ} with delta-method CIs; Wald tests from the observed information.`,
  ];
  return { title: "Cure model coefficients", headers: [["Covariate", "Ratio (95% CI)", "p"]], rows, footnotes, indented };
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
