/**
 * The report's "Immortal time" section: why the section exists; the treatment hazard ratio by design,
 * the adjusted designs first (time-dependent Cox adjusted for the covariates, landmark with the PS
 * re-estimated among those alive at the landmark, sequential matching), each with its population (n),
 * estimand and variance estimator, then the crude ones (treatment only) and the naive comparison, labelled
 * "biased by design (immortal time)"; the adjusted model's covariate rows; the landmark sensitivity
 * table; the Simon–Makuch and landmark figures.
 */
import type { ImmortalTimeResult } from "../study/immortal-time-step.js";
import type { HazardRatioEffect } from "../causal/effect.js";
import type { ReportBlock, ReportSection } from "./html.js";
import { fmtNum, fmtRatioCi } from "./tables.js";
import { formatP } from "./table1.js";
import { pPhrase } from "./number-format.js";
import { isEpvRefusal } from "../study/epv.js";
import { kmFigure, kmStyle, type StudySectionContext } from "./report-context.js";

/** x-axis title of the landmark figure: its times count from the landmark ("Months since the landmark"). */
function sinceLandmark(unit: string): string {
  return unit === "" ? "Time since the landmark" : `${unit.charAt(0).toUpperCase()}${unit.slice(1)} since the landmark`;
}
import type { CloneCensorWeightStudyResult } from "../study/immortal-time/ccw.js";
import { msg } from "../i18n/messages.js";
import { countsText } from "../study/beyond-data.js";

const pts = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 1)}%`);
const diffPts = (x: number | null): string => (x === null ? "–" : `${x < 0 ? "−" : ""}${fmtNum(Math.abs(100 * x), 1)}`);

/** A difference with its bootstrap interval: "−7.1 (−18.4 to 17.7)", or why there is none. */
function diffCi(d: { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null; readonly note: string | null }, scale: (x: number | null) => string): string {
  if (d.estimate === null) return d.note ?? "not estimable";
  if (d.lower === null || d.upper === null) return `${scale(d.estimate)} (${d.note ?? "no bootstrap: CI not computed"})`;
  return `${scale(d.estimate)} (${scale(d.lower)} to ${scale(d.upper)})`;
}

/**
 * Clone–censor–weight: the emulated trial in words, the weighted survival curves of the two strategies,
 * survival and RMST per strategy with their differences and bootstrap CIs (the headline: absolute effects),
 * and the per-protocol HR as a secondary number.
 */
function ccwBlocks(cw: CloneCensorWeightStudyResult, ctx: StudySectionContext, primary: boolean, mark: string): ReportBlock[] {
  const { table, figure, withMark } = ctx;
  const u = cw.unit;
  const G = `${fmtNum(cw.options.grace, 1)} ${u}`;
  const [treatArm, controlArm] = cw.arms;
  const [lt, lc] = cw.strategyLabels;
  const blocks: ReportBlock[] = [];
  const boot = cw.bootstrap;
  blocks.push({
    kind: "text",
    text:
      `${primary ? "Primary analysis — " : ""}Target-trial emulation by clone–censor–weight (Hernán & Robins 2016; Maringe et al. 2020): the trial compares "${lt}" with "${lc}" from the origin. ` +
      `Each of the ${cw.n} patients with complete covariates${cw.excluded.treated + cw.excluded.untreated > 0 ? ` (${cw.excluded.treated + cw.excluded.untreated} left out for missing covariates: ${cw.excluded.treated} treated, ${cw.excluded.untreated} never treated)` : ""} is cloned into both strategies; a clone is censored when it deviates ` +
      `(${treatArm.deviations} clones not treated within ${G} in the first strategy, ${controlArm.deviations} treated within ${G} in the second), and the artificial censoring is undone by inverse-probability-of-censoring weights from ${cw.options.censoringModel === "piecewise" ? `a logistic regression of not being treated by ${G} (first strategy) and a Cox model of the time to treatment${cw.options.censoringPeriods > 1 ? ` with coefficients that change between ${cw.options.censoringPeriods} periods` : ""} (second strategy), each` : "a Cox model of the time to deviation"} on ${cw.covariates.length > 0 ? `the covariates (${cw.covariates.map((c) => ctx.r.spec.covariates.map((x) => (typeof x === "string" ? { name: x } : x)).find((x) => x.name === c)?.label ?? c).join(", ")})` : "no covariates (unadjusted)"}. ` +
      `Events before the end of the grace period count in both strategies, so no immortal time is assigned to either. Estimand: ${cw.estimandLabel}. ${cw.variance}.` +
      (cw.graceByDefault ? ` The grace period, ${G}, is the default (the 90th percentile of the times to treatment, rounded up); a clinically chosen window is preferable (immortalTime.cloneCensorWeight.grace).` : ""),
  });
  // beyond the data (src/study/beyond-data.ts): a survival or difference where a strategy has fewer than figures.minAtRisk
  // patients at risk, as the figure counts them, is "–" with a footnote; results.json keeps it, flagged beyondData
  const beyond: string[] = [];
  const hidden = (d: { readonly beyondData: boolean; readonly nRiskUnweighted: readonly number[]; readonly minAtRisk: number }, arm: 0 | 1 | null): boolean =>
    arm === null ? d.beyondData : d.minAtRisk > 0 && d.nRiskUnweighted[arm] < d.minAtRisk;
  const rows: string[][] = cw.options.times.map((t, k) => {
    const d = cw.survivalDifference[k];
    if (d.beyondData && d.estimate !== null) beyond.push(`${fmtNum(t, 0)} ${u}: ${countsText(d.nRiskUnweighted)} patients at risk (${countsText(d.inFollowUp)} in follow-up)`);
    return [
      `Survival at ${fmtNum(t, 0)} ${u}`,
      hidden(d, 0) ? "–" : pts(treatArm.survival[k]),
      hidden(d, 1) ? "–" : pts(controlArm.survival[k]),
      d.beyondData && d.estimate !== null ? "– (beyond the data)" : diffCi(d, diffPts) + (d.estimate === null ? "" : " points"),
    ];
  });
  const rd = cw.rmstDifference;
  if (rd !== null) {
    const off = rd.beyondData && rd.estimate !== null;
    if (off) beyond.push(`RMST up to ${fmtNum(rd.tau, 0)} ${u}: ${countsText(rd.nRiskUnweighted)} patients at risk (${countsText(rd.inFollowUp)} in follow-up)`);
    rows.push([
      `RMST up to ${fmtNum(rd.tau, 0)} ${u}`,
      treatArm.rmst === null || hidden(rd, 0) ? "–" : `${fmtNum(treatArm.rmst, 1)} ${u}`,
      controlArm.rmst === null || hidden(rd, 1) ? "–" : `${fmtNum(controlArm.rmst, 1)} ${u}`,
      off ? "– (beyond the data)" : `${diffCi(rd, (x) => (x === null ? "–" : `${x < 0 ? "−" : ""}${fmtNum(Math.abs(x), 1)}`))} ${u}`,
    ]);
  }
  const minAtRisk = cw.survivalDifference[0]?.minAtRisk ?? rd?.minAtRisk ?? 0;
  const beyondNote =
    beyond.length === 0
      ? []
      : [`– (beyond the data): not shown because a strategy has fewer than ${minAtRisk} patients at risk there, counted unweighted as the figure counts them (at the strategy's next death), where the figure ends its curve (figures.minAtRisk): ${beyond.join("; ")}. results.json keeps the numbers, flagged beyondData.`];
  // bootstrap bias (mean of the replicates − estimate) and SE of each interval shown; off-centre when |bias| > 0.25 SE
  const centreOf = (what: string, c: { readonly bootstrapBias: number | null; readonly bootstrapSe: number | null; readonly bootstrapOffCentre: boolean }, f: (x: number) => string): string | null =>
    c.bootstrapBias === null || c.bootstrapSe === null ? null : `${what}: bias ${f(c.bootstrapBias)}, SE ${f(c.bootstrapSe)}${c.bootstrapOffCentre ? " (not centred: interval unreliable)" : ""}`;
  const sgn = (x: number, d: number): string => `${x < 0 ? "−" : ""}${fmtNum(Math.abs(x), d)}`;
  const centres = [
    ...cw.survivalDifference.map((d) => (d.beyondData ? null : centreOf(`${fmtNum(d.time, 0)} ${u}`, d, (x) => `${sgn(100 * x, 1)} points`))),
    rd === null || rd.beyondData ? null : centreOf(`RMST`, rd, (x) => `${sgn(x, 1)} ${u}`),
    cw.hazardRatio?.bootstrap ? centreOf("log HR", cw.hazardRatio.bootstrap, (x) => sgn(x, 2)) : null,
  ].filter((x): x is string => x !== null);
  const centreNote = centres.length === 0 ? [] : [`Bootstrap bias (mean of the replicates minus the estimate) and bootstrap SE: ${centres.join("; ")}. A bias above a quarter of the SE means the bootstrap distribution is not centred on the estimate and the percentile interval is unreliable.`];
  const heavy = cw.survivalDifference.flatMap((d) =>
    d.beyondData ? [] : d.heavyDeaths.map((x) => `by ${fmtNum(d.time, 0)} ${u}, one death in "${cw.strategyLabels[x.arm]}" (at ${fmtNum(x.time, 1)} ${u}, weight ${fmtNum(x.weight, 2)}) carries ${fmtNum(100 * x.share, 0)}% of that strategy's drop in survival`),
  );
  const heavyNote = heavy.length === 0 ? [] : [`Single heavy deaths (more than a third of a strategy's drop): ${heavy.join("; ")}.`];
  const h = cw.hazardRatio;
  const hrText =
    h === null
      ? "Per-protocol hazard ratio: not estimable."
      : `Per-protocol hazard ratio (secondary; weighted Cox on the clones, robust SE clustered on the patient): ${fmtRatioCi(h.hr, h.lower, h.upper)}, p ${/^[<>]/.test(formatP(h.p)) ? "" : "= "}${formatP(h.p)}${h.bootstrap !== null && h.bootstrap.lower !== null && h.bootstrap.upper !== null ? `; bootstrap ${fmtRatioCi(h.bootstrap.estimate, h.bootstrap.lower, h.bootstrap.upper).replace(/^[^(]*\(/, "(")}` : ""}.`;
  blocks.push(
    table("ccw", {
      title: withMark(`${primary ? "Primary analysis: " : ""}clone–censor–weight, absolute effects (n = ${cw.n})`, mark),
      headers: [["", lt, lc, "Difference (95% CI)"]],
      rows,
      footnotes: [
        `Weighted Kaplan–Meier estimates per strategy; differences are the first strategy minus the second, in percentage points (survival) or ${u} (RMST)${boot !== null ? `, with ${boot.replicates}-replicate bootstrap percentile intervals (whole pipeline refitted; ${boot.failed} failed)` : ", without a bootstrap (no CI)"}. ` +
          `Weights: ${cw.options.weights}; per strategy min/median/max ${fmtNum(treatArm.weights.min, 2)}/${fmtNum(treatArm.weights.median, 2)}/${fmtNum(treatArm.weights.max, 2)} and ${fmtNum(controlArm.weights.min, 2)}/${fmtNum(controlArm.weights.median, 2)}/${fmtNum(controlArm.weights.max, 2)}. ${hrText}`,
        ...beyondNote,
        ...centreNote,
        ...heavyNote,
      ],
    }),
  );
  // the no-treatment strategy first, as the untreated group in every Kaplan–Meier figure: one colour and line type per arm across the report
  const strata = [1, 0].map((k) => {
    const a = cw.arms[k];
    return { name: cw.strategyLabels[k], time: a.curve.time, nRisk: a.curve.nRisk, nEvent: a.curve.nEvent, nCensor: a.curve.time.map(() => 0), surv: a.curve.surv, nRiskUnweighted: a.curve.nRiskUnweighted };
  });
  blocks.push(
    figure(
      kmFigure(
        "ccw",
        `Clone–censor–weight: ${lt} vs ${lc}`,
        { strata },
        u,
        [
          ...(() => {
            // the latest time within the data (a difference beyond it is not quoted, src/study/beyond-data.ts)
            const d = [...cw.survivalDifference].reverse().find((x) => x.estimate !== null && !x.beyondData);
            return d === undefined ? [] : [`Survival difference at ${fmtNum(d.time, 0)} ${u} (first minus second strategy): ${diffCi(d, diffPts)} points`];
          })(),
          ...(h === null ? [] : [`Per-protocol HR ${fmtRatioCi(h.hr, h.lower, h.upper)} (secondary; weighted Cox on the clones,`, `robust SE clustered on the patient; n = ${cw.n} patients)`]),
        ],
        `Inverse-probability-of-censoring weighted Kaplan–Meier curves of the two strategies of the emulated trial (n = ${cw.n} patients, each cloned into both); numbers at risk are the clones still in follow-up (one per patient and strategy), unweighted. The HR on the figure is computed on the same clones.`,
      ),
    ),
  );
  return blocks;
}

interface HrTerm {
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly p: number | null;
}

const CRUDE = "crude (treatment only)";
const BIASED = "biased by design (immortal time)";

export function immortalTimeSection(it: ImmortalTimeResult, ctx: StudySectionContext): ReportSection {
  const { table, figure, marks, withMark } = ctx;
  const u = it.unit;
  const o = it.options;
  const blocks: ReportBlock[] = [{ kind: "note", text: it.explanation }];
  const waited = `${it.treatedWithDate} treated patients have a treatment date; median time from origin to treatment ${it.medianWait === null ? "–" : `${fmtNum(it.medianWait, 1)} ${u}`}.`;
  const lmText = o.landmarkByDefault ? ` The landmark, ${fmtNum(o.landmark, 1)} ${u}, is the default: the median time to treatment, rounded.` : "";
  blocks.push({ kind: "text", text: waited + lmText });
  const mark = (pred: string): string => marks((w) => w.section === "immortal-time" && w.text.includes(pred));
  // the study's primary analysis, when it is one of these designs (study/primary.ts): said first and marked on its row
  const primary = ctx.r.primary;
  const isPrimary = (id: string): boolean => primary?.section === "immortal-time" && primary.id === id;
  const primaryTag = (id: string, design: string): string => (isPrimary(id) ? `${design} — primary analysis` : design);
  if (primary?.section === "immortal-time" && primary.id !== null) {
    const c = primary.candidates.find((x) => x.id === primary.id && x.section === primary.section);
    const defaults = (c?.defaults ?? []).map((d) => `; ${d}`).join("");
    blocks.push({ kind: "text", text: `Primary analysis of the study: ${primary.label}${defaults} (${primary.declared ? "declared in the study specification" : "chosen by survinfer's default rule, not declared in the study specification"}); the other designs below and the comparisons by treatment ever received (Treatment effect) are sensitivity analyses.` });
  }
  const cw = it.cloneCensorWeight;
  if (cw) blocks.push(...ccwBlocks(cw, ctx, isPrimary("cloneCensorWeight"), mark("clone–censor–weight")));
  // Design | Population | Estimand | HR (95% CI) | p | Events | Variance
  const rows: string[][] = [];
  // `refusal`: "not estimated: k events for p parameters …" of a model below the events-per-parameter floor (src/study/epv.ts)
  const row = (design: string, population: string, estimand: string, t: HrTerm | undefined, events: number | string, variance: string, refusal?: string): void => {
    rows.push([design, population, estimand, refusal ?? (t === undefined || t.hr === null ? "not estimable" : fmtRatioCi(t.hr, t.lower, t.upper)), t === undefined ? "" : formatP(t.p), String(events), variance]);
  };
  if (cw) {
    const h = cw.hazardRatio;
    row(
      withMark(isPrimary("cloneCensorWeight") ? `Clone–censor–weight, grace period ${fmtNum(cw.options.grace, 1)} ${u}: per-protocol HR, the secondary number of the primary analysis (its headline is the absolute effects above)` : `Clone–censor–weight, grace period ${fmtNum(cw.options.grace, 1)} ${u} (per-protocol HR)`, mark("clone–censor–weight")),
      `all with complete covariates, n = ${cw.n}, each cloned into both strategies`,
      "per-protocol HR of the emulated trial (summary of the weighted curves)",
      h === null ? undefined : h,
      cw.patientEvents,
      "robust SE clustered on the patient",
    );
  }
  const adj = it.adjustedTimeDependent;
  if (adj) {
    const t = adj.result.fit.terms.find((x) => x.name === adj.treatmentTerm);
    row(withMark(primaryTag("adjustedTimeDependent", "Time-dependent Cox adjusted for the covariates"), mark("adjusted time-dependent")), `all with complete covariates, n = ${adj.n} (${adj.intervals} intervals)`, adj.estimandLabel, t, adj.events, adj.variance);
  }
  // below the events-per-parameter floor: not estimated, its place says so (src/study/immortal-time-step.ts)
  const adjRefused = adj === undefined ? (it.refused ?? []).find((x) => x.analysis === "immortalTime.adjustedTimeDependent") : undefined;
  if (adjRefused !== undefined) {
    row("Time-dependent Cox adjusted for the covariates", `all with complete covariates${adjRefused.n === undefined ? "" : `, n = ${adjRefused.n}`}`, "conditional HR (adjusted for the covariates)", undefined, adjRefused.epv.events, "–", adjRefused.epv.message ?? "not estimated");
  }
  const lp = it.landmarkPs;
  if (lp) {
    const L = `${fmtNum(lp.time, 1)} ${u}`;
    const pop = `alive at ${L}, n = ${lp.n} (${lp.nTreated} treated by then)`;
    const show = (e: HazardRatioEffect | undefined, design: string, estimand: string): void => {
      if (e === undefined) return;
      const id = `landmark${e.id.charAt(0).toUpperCase()}${e.id.slice(1)}`;
      row(withMark(primaryTag(id, design), mark(`landmark at ${fmtNum(lp.time, 1)}`)), e.id.startsWith("matched") ? `matched at ${L}, n = ${e.n}` : pop, estimand, e.notEstimable === null ? e : undefined, e.nEvents, e.variance, isEpvRefusal(e.notEstimable) ? e.notEstimable! : undefined);
    };
    const est = (id: string): HazardRatioEffect | undefined => lp.effects.estimates.find((e) => e.id === id);
    const w = `${lp.weighting.estimand}${lp.weighting.stabilize ? ", stabilised" : ""}`;
    show(est("weighted"), `Landmark at ${L}, PS re-estimated, IPTW (${w}) Cox`, `marginal HR among patients alive at ${L} (${lp.weighting.estimand})`);
    show(est("weightedMEstimation"), `Landmark at ${L}, PS re-estimated, IPTW (${w}) Cox, M-estimation SE`, `marginal HR among patients alive at ${L} (${lp.weighting.estimand})`);
    const m = est("matched");
    if (m) show(m, `Landmark at ${L}, PS re-estimated, PS-matched Cox`, `${m.estimandLabel}, among patients alive at ${L}`);
    show(est("multivariable"), `Landmark at ${L}, Cox adjusted for the covariates`, `conditional HR among patients alive at ${L}`);
  }
  const sq = it.sequentialMatching;
  if (sq) {
    const pop = `${sq.treatedMatched} of ${sq.treatedEligible} treated matched, ${sq.sets.reduce((k, s) => k + s.controls.length, 0)} controls`;
    row(withMark(primaryTag("sequentialMatching", "Sequential (risk-set) matching, Cox stratified on matched set"), mark("sequential matching")), pop, "conditional HR (within matched sets), from the treatment time on", sq.stratified.terms[0], sq.stratified.nEvent, sq.variance);
    row("Sequential (risk-set) matching, Cox on matched sets", pop, "HR among the matched, from the treatment time on", sq.clustered.terms[0], sq.clustered.nEvent, sq.variance);
  }
  if (it.timeDependent) row(`Time-dependent Cox, ${CRUDE}`, `all patients, n = ${it.naive.cox.n} (${it.timeDependent.intervals} intervals)`, "unadjusted HR", it.timeDependent.cox.terms[0], it.timeDependent.cox.nEvent, "model-based");
  if (it.landmark) {
    const L = `${fmtNum(it.landmark.time, 1)} ${u}`;
    row(withMark(`Landmark at ${L}, ${CRUDE}`, mark("died or left follow-up before it")), `alive at ${L}, n = ${it.landmark.n} (${it.landmark.excluded} excluded)`, "unadjusted HR", it.landmark.cox.terms[0], it.landmark.cox.nEvent, "model-based");
  }
  row(`Naive Cox of treatment ever received, fixed at the origin, all patients — ${BIASED}`, `all patients, n = ${it.naive.cox.n}`, "unadjusted HR (biased)", it.naive.cox.terms[0], it.naive.cox.nEvent, "model-based");
  // the treatment-effect table's crude Cox is the same model on the propensity analyses' patients: say which is which
  const crude = ctx.r.analyses.effects?.estimates.find((e) => e.id === "crude");
  const crudeNote = crude !== undefined && crude.n !== it.naive.cox.n ? ` The naive row is the crude Cox model of the treatment-effect table (n = ${crude.n}, the patients with complete propensity covariates) fitted on all ${it.naive.cox.n} patients; the two differ only in their patients.` : "";
  const adjustedFirst =
    adj || adjRefused || lp || sq
      ? "Adjusted designs first: they address immortal time and the measured confounders together. "
      : "No covariates were given: only crude designs, which remove immortal time but not confounding. ";
  blocks.push(
    table("immortal-time", {
      title: "Immortal time: treatment hazard ratio by design",
      headers: [["Design", "Population", "Estimand", "HR (95% CI)", "p", "Events", "Variance"]],
      rows,
      footnotes: [
        adjustedFirst +
          `Crude rows are Cox models of the treatment alone; the naive comparison counts the time before treatment as treated and is ${BIASED}, kept for contrast. ` +
          "A conditional HR (covariate-adjusted or stratified) and a marginal HR (weighted) answer different questions and differ even without confounding (non-collapsibility)." +
          crudeNote,
      ],
    }),
  );
  const ws = lp?.effects.weighted?.survival;
  if (lp && ws && ws.times.length > 0) {
    const pct = (x: number | null): string => (x === null ? "–" : `${fmtNum(100 * x, 1)}%`);
    // beyond the data (src/study/beyond-data.ts): fewer than figures.minAtRisk unweighted patients at risk in a group
    const at = ws.times.map((t, k) => {
      const sup = lp.weightedSupport?.[k];
      if (sup !== undefined && sup.beyondData) return `${fmtNum(t, 0)} ${u} after it, not estimable: ${countsText(sup.nRiskUnweighted)} patients at risk (fewer than ${sup.minAtRisk}, where the figures end the curves)`;
      return `${fmtNum(t, 0)} ${u} after it, ${pct(ws.survTreated[k])} treated by the landmark vs ${pct(ws.survControl[k])} not treated by then (difference ${ws.survDifference[k].estimate === null ? "–" : `${diffPts(ws.survDifference[k].estimate)} points`})`;
    });
    blocks.push({ kind: "text", text: `IPTW-weighted Kaplan–Meier survival among patients alive at the landmark (${lp.population}): ${at.join("; ")}. These differences have no confidence interval: the landmark analysis has no bootstrap.` });
  }
  if (adj) {
    // a coefficient that diverged (monotone likelihood) has no usable HR or p: say so instead
    const diverged = (name: string): boolean => adj.result.fit.warnings.some((w) => w.includes(`"${name}" may be infinite`));
    const covRows = adj.result.fit.terms.map((t) =>
      diverged(t.name) || t.hr === null ? [adj.termLabels[t.name] ?? t.name, "not estimable (diverged)", ""] : [adj.termLabels[t.name] ?? t.name, fmtRatioCi(t.hr, t.lower, t.upper), formatP(t.p)],
    );
    const ex = adj.excluded;
    blocks.push(
      table("immortal-time-adjusted", {
        title: "Time-dependent Cox model adjusted for the covariates",
        headers: [["Term", "HR (95% CI)", "p"]],
        rows: covRows,
        footnotes: [
          `n = ${adj.n} patients, ${adj.events} events, ${adj.intervals} (start, stop] intervals; ${ex.treated + ex.untreated} patient(s) without complete covariates left out (${ex.treated} treated, ${ex.untreated} never treated). ${adj.variance}. Covariates: ${o.covariatesFrom === "immortalTime.covariates" ? "as immortalTime.covariates" : o.covariatesFrom === "propensity.covariates" ? "those of the propensity model" : "all covariates of the study"}.`,
        ],
      }),
    );
  }
  if (it.landmarks && it.landmarks.length > 1) {
    const ci = (h: { hr: number | null; lower: number | null; upper: number | null } | null): string => (h === null || h.hr === null ? "–" : fmtRatioCi(h.hr, h.lower, h.upper));
    blocks.push(
      table("immortal-time-landmarks", {
        title: "Landmark sensitivity: treatment hazard ratio by landmark time",
        headers: [["Landmark", "n at landmark", "Treated by then", "Events", "Adjusted HR (95% CI)", "IPTW HR (95% CI)"]],
        rows: it.landmarks.map((r, k) => [`${fmtNum(r.time, 1)} ${u}${k === 0 ? " (main landmark)" : ""}`, String(r.n), String(r.nTreated), String(r.events), ci(r.adjusted), ci(r.weighted)]),
        footnotes: ["Adjusted: Cox model of treatment by the landmark and the covariates (conditional HR, model-based SE); IPTW: PS re-estimated at each landmark, weighted Cox with robust SE (marginal HR among patients alive at the landmark)."],
      }),
    );
  }
  if (it.timeDependent) {
    blocks.push(
      figure(
        kmFigure(
          "simon-makuch",
          "Simon–Makuch plot",
          it.timeDependent.simonMakuch,
          u,
          [],
          `Survival by treatment as a time-dependent covariate, crude (treatment only): patients move to the treated curve at their treatment date; the numbers at risk count who is in each curve at each time. Population: all patients with follow-up, n = ${it.naive.cox.n}.`,
          undefined,
          kmStyle(ctx.r, "treatment"),
        ),
      ),
    );
  }
  if (it.landmark) blocks.push(figure(kmFigure("km-landmark", `Landmark analysis at ${fmtNum(it.landmark.time, 1)} ${u}`, it.landmark.km, u, [`Landmark log-rank ${pPhrase(it.landmark.logrank.p)} (crude, n = ${it.landmark.n})`], `Kaplan–Meier estimates from the landmark among patients alive and in follow-up then, by treatment received before it (crude). Population: alive at ${fmtNum(it.landmark.time, 1)} ${u}, n = ${it.landmark.n} (${it.landmark.excluded} died or left follow-up before it).`, undefined, kmStyle(ctx.r, "treatment", { xLabel: sinceLandmark(u) }))));
  return { id: "immortal-time", title: msg().section.immortalTime, blocks };
}
