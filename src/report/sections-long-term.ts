/**
 * Report sections of the long-term questions — who is cured (mixture cure model over the
 * Kaplan–Meier curve, follow-up checks), can it be told before surgery (prediction model with
 * discrimination, calibration, nomogram, per-patient calculator and the TRIPOD items covered) —
 * built from the results only. `table` and `figure` register a block's table/figure for the output
 * files (tables/<id>.csv, figures/<id>.svg) and return the block.
 */
import type { ReportTable } from "./csv.js";
import type { ReportBlock, ReportFigure, ReportSection } from "./html.js";
import { fmtNum } from "./tables.js";
import { titleWithPopulation } from "./population.js";
import { causeOfDeath, cureProbability, calibrationTable, cureFractionTable, cureLatencyTable, cureModelTable, cureNotFinding, cureProfilesTable, predictionModelTable, predictionPerformanceTable, recurrentCountsTable, recurrentModelsTable } from "./tables-long-term.js";
import { mcfPlot } from "./plots/mcf.js";
import type { RecurrentStepResult } from "../study/recurrent-step.js";
import { cureFitPlot } from "./plots/cure-fit.js";
import { calibrationPlot } from "./plots/calibration.js";
import { nomogramPlot } from "./plots/nomogram.js";
import type { TimeUnit } from "./plots/km.js";
import type { CureStepResult } from "../study/cure-step.js";
import type { PredictionStepResult } from "../study/prediction-step.js";
import type { CalculatorUse } from "../study/calculator-use.js";
import { predictionUseBlocks, predictionUseText } from "./sections-prediction-use.js";
import { predictionSampleSizeBlocks } from "./sections-sensitivity.js";
import type { SensitivityStepResult } from "../study/sensitivity-step.js";
import { msg } from "../i18n/messages.js";
import { engineText } from "../i18n/warnings.js";
import { longTermAnswer } from "./long-term-answer.js";
import { MIN_AT_RISK, recurrentQuotes } from "./recurrent-quote.js";
import { DEFAULT_MIN_AT_RISK } from "./report-context.js";
import type { ReadFirstItem } from "./read-first.js";

/** The study's marks of "Read first" items, when the caller has them (render.ts passes the study context). */
type MarksContext = { readonly marks?: (pred: (it: ReadFirstItem) => boolean) => string };

/**
 * The marks of the cure warnings about a group whose model fraction is not a finding (its follow-up check, the model
 * against the Kaplan–Meier tail: "cure model: <group>: …"), for the tables of the model's own numbers (referee s12 A10).
 */
function notFindingMarks(c: CureStepResult, ctx: SectionContext): string {
  const names = [c.overall, ...c.groups].filter(cureNotFinding).map((g) => g.name);
  const marks = (ctx as SectionContext & MarksContext).marks;
  if (names.length === 0 || marks === undefined) return "";
  return marks((it) => it.section === "cure" && it.sources.some((s) => names.some((n) => s.replace(/^(?:cure(?: model)?: )+/, "").startsWith(`${n}: `))));
}

export interface SectionContext {
  readonly table: (id: string, t: ReportTable) => ReportBlock;
  readonly figure: (f: ReportFigure) => ReportBlock;
  readonly timeUnit: (unit: string | undefined) => TimeUnit | undefined;
  /** Display name of a `by` ("treatment" → the treatment's label). */
  readonly byLabel: (by: string | undefined) => string | undefined;
}

const pct = (x: number): string => `${fmtNum(100 * x, 0)}%`;

/** Plain-language reading of the follow-up check: its verdict and what it rests on (the numbers are in the cure-fraction table). */
function followUpText(c: CureStepResult): string {
  const fu = c.overall.followUp;
  if (fu === null) return "";
  const t = msg().longTerm;
  const plateau = t.cureFlat(fmtNum(fu.plateauLength, 1), msg().unit(c.unit), pct(fu.plateauSurvival));
  const rule = t.cureRule(String(fu.options.minEvidence), String(fu.options.alpha));
  const upper = fu.verdict === "sufficient" ? "" : t.cureUpperBound;
  return `${plateau} ${engineText(fu.verdictText)} ${rule}${upper}`;
}

/** The caption's note when a curve's tail has fewer than `minAtRisk` patients at risk (the cure figure does not cut it). */
function tailNote(km: { readonly strata: readonly { readonly nRisk: ArrayLike<number> }[] }, minAtRisk: number): string {
  const short = minAtRisk > 0 && km.strata.some((s) => s.nRisk.length > 0 && s.nRisk[s.nRisk.length - 1] < minAtRisk);
  return short ? msg().longTerm.cfTailNote(String(minAtRisk)) : "";
}

/** `xLabel`: the time axis's title, e.g. "Months since pulmonary metastasectomy" (time-since.ts timeSinceOrigin); default "Time (months)". */
export function cureSection(c: CureStepResult, label: string, ctx: SectionContext, prediction?: PredictionStepResult, xLabel?: string, minAtRisk = 0): ReportSection {
  const by = ctx.byLabel(c.by);
  const groups = c.groups.length > 0 ? c.groups : [c.overall];
  const blocks: ReportBlock[] = [];
  const cl = c.claims;
  const t = msg().longTerm;
  // the engine's texts of the claims and the latency in the report's language (LONG_TERM_PATTERNS)
  const eventText = cureProbability(c);
  const latency = engineText(c.latencyLabel);
  // the answer first: n, events, the chosen model beside the plateau, and what the data cannot support
  blocks.push({ kind: "text", text: longTermAnswer(c, prediction) });
  blocks.push({
    kind: cl.isCureOfDisease ? "text" : "note",
    text: t.cureOfWhat(eventText, engineText(cl.populationText), latency, c.model === "aic", cl.isCureOfDisease ? null : { anyCause: cl.cause === "any", pooled: !cl.treatmentInIncidence }),
  });
  if (c.relative !== undefined) {
    blocks.push({ kind: "text", text: t.cureRelative(engineText(c.relative.description.replace(/^background mortality from the life table /, `background mortality from the life table ${c.relative.lifeTableFile} `))) });
  }
  blocks.push({ kind: fuSufficient(c) ? "text" : "note", text: followUpText(c) });
  // the cure model's patients: complete cases of its incidence and latency covariates
  const kind = c.population?.kind ?? "all";
  const curePop = t.curePopulation(c.nExcluded === 0 && kind === "all", String(c.fit.n), kind === "all" ? null : engineText(c.population!.description.replace(/ from the date of treatment$/, "")), label, c.population?.fromTreatment === true, c.nExcluded === 0 ? null : String(c.nExcluded));
  const cft = cureFractionTable(c);
  blocks.push(ctx.table("cure-fraction", { ...cft, title: titleWithPopulation(cft.title, curePop) }));
  const lat = cureLatencyTable(c);
  if (lat) blocks.push(ctx.table("cure-latency", { ...lat, title: titleWithPopulation(lat.title, curePop) }));
  // a cure fraction the model and the data disagree on is labelled as the model's line, not as a finding (as the headline)
  // and drawn without its confidence band, which would read as a finding (referee s12 A15; the caption says so)
  const curves = groups
    .filter((g) => g.events > 0)
    .map((g) => ({ name: g.name, time: g.curve.time, surv: g.curve.surv, cureFraction: g.cureFraction.estimate, cureLower: disagrees(g) ? null : g.cureFraction.lower, cureUpper: disagrees(g) ? null : g.cureFraction.upper, notSupported: disagrees(g) }));
  // the KM strata carry the group names; an ungrouped KM is one stratum named "All"
  const names = c.km.strata.map((s) => s.name);
  const model = c.groups.length > 0 ? curves : curves.map((m) => ({ ...m, name: names[0] ?? m.name }));
  // one curve of all the patients fitted: its risk row says so in the report's language (the engine names it "all"); a
  // population of the treated followed from treatment is named by its own label, as the table's Group column (referee s12 A3)
  const oneRow = c.km.strata.length === 1 && c.km.strata[0].name === "all";
  const allLabel = oneRow ? { labels: [kind === "all" ? msg().table.allPatients : c.overall.name] } : {};
  // a cause-specific model of death is named by its event, not by the endpoint (overall survival), and its Kaplan–Meier
  // curve is said to be cause-specific (referee s12 A9)
  const cause = causeOfDeath(c);
  const figLabel = cause === null ? label : t.cureCauseEndpoint(cause);
  const kmNote = cause === null ? "" : ` ${t.cureKmCauseSpecific(cause)}`;
  const svg = cureFitPlot(c.km, model, { width: "double", timeUnit: ctx.timeUnit(c.unit), ...(xLabel === undefined ? {} : { xLabel }), title: t.cureFitPlotTitle(figLabel), ...allLabel });
  blocks.push(
    ctx.figure({
      id: "cure-fit",
      title: t.cureFitFigureTitle(figLabel),
      caption: `${t.cureFitCaption(by ?? null, c.relative !== undefined, groups.map((g) => `${groups.length > 1 ? `${g.name}: ` : ""}${engineText(g.fitCaption)}`).join(" "), curePop, c.km.n === c.fit.n ? null : String(c.km.n))}${kmNote}${tailNote(c.km, minAtRisk)}${curves.some((m) => m.notSupported) ? t.cfNoBand : ""}`,
      svg,
    }),
  );
  // the model's own numbers when its fraction is not a finding: the verdict in the title (tableNotSupported) and its marks
  const mark = notFindingMarks(c, ctx);
  const marked = (title: string): string => (mark === "" ? title : `${title} ${mark}`);
  if (c.fit.incidence.length > 1 || c.fit.latency.length > 0) {
    const cmt = cureModelTable(c);
    blocks.push(ctx.table("cure-model", { ...cmt, title: marked(titleWithPopulation(cmt.title, curePop)) }));
  }
  const profiles = cureProfilesTable(c);
  if (profiles) blocks.push(ctx.table("cure-profiles", { ...profiles, title: marked(titleWithPopulation(profiles.title, t.cureProfilesPopulation(curePop))) }));
  // the headline: the chosen model with its population, the nonparametric plateau next to it; a fraction that is not a
  // finding comes second, after the Kaplan–Meier estimate at the end of follow-up with its CI (referee s12 A10)
  const kmEnd = (g: CureStepResult["overall"]): string | null => {
    const km = g.kmAtEnd ?? null;
    if (km === null) return null;
    return Number.isFinite(km.lower) && Number.isFinite(km.upper) ? t.cureKmEnd(pct(km.surv), pct(km.lower), pct(km.upper)) : pct(km.surv);
  };
  const summary = groups
    .map((g) => {
      const name = g === c.overall ? t.cureOverall : g.name;
      if (g.events === 0) return `${name} ${t.cureNoEvents}`;
      const km = disagrees(g) ? kmEnd(g) : null;
      if (km !== null) return `${name} ${t.cureGroupKmFirst(km, pct(g.cureFraction.estimate), pct(g.cureFraction.lower), pct(g.cureFraction.upper))}`;
      return `${name} ${t.cureGroupEstimate(pct(g.cureFraction.estimate), pct(g.cureFraction.lower), pct(g.cureFraction.upper), g.kmPlateau === null ? null : pct(g.kmPlateau), disagrees(g))}`;
    })
    .join("; ");
  blocks.push({ kind: "text", text: t.cureSummary(groups.some(disagrees), latency, c.model === "aic", eventText, curePop, summary) });
  return { id: "cure", title: msg().section.cure, blocks };
}

/** The model's cure fraction and the data disagree (src/study/cure-agreement.ts): it is not stated as a finding. */
const disagrees = cureNotFinding;

function fuSufficient(c: CureStepResult): boolean {
  return c.overall.followUp?.sufficient ?? false;
}

/** TRIPOD (Collins et al. 2015) items this report covers for the prediction model, and where. */
export function tripodItems(p: PredictionStepResult): string[] {
  const t = msg().longTerm;
  const v = p.validation;
  return [
    t.tripodSource,
    t.tripodOutcome(p.endpointLabel, p.endpoint, fmtNum(p.time, 0), msg().unit(p.unit)),
    t.tripodPredictors(p.covariates.map((c) => p.covariateLabels[c] ?? c).join(", ")),
    t.tripodSize(String(v.n), String(v.nEvent), fmtNum(v.nEvent / Math.max(1, v.fit.terms.length), 1)),
    t.tripodMissing(String(v.nDropped)),
    (p.calculatorUse?.offered === false ? t.tripodModelWithheld : t.tripodModel)(engineText(p.population.description), p.dropped.length > 0 ? p.dropped.map((d) => d.covariate).join(", ") : null, p.shrinkage.factor < 1 ? fmtNum(p.shrinkage.factor, 2) : null),
    t.tripodPerformance,
    t.tripodParticipants,
    t.tripodFull,
    t.tripodUse(p.calculatorUse === undefined || p.calculatorUse.offered),
    t.tripodNotCovered,
  ];
}

/** Why the calculator and nomogram are not offered, with the numbers of each failed check (src/study/calculator-use.ts). */
export function calculatorWithheldText(p: PredictionStepResult, use: CalculatorUse): string {
  const t = msg().longTerm;
  const why: string[] = [];
  const ss = use.sampleSize;
  if (use.failed.includes("sample-size") && ss !== null) {
    why.push(t.wSampleSize(String(ss.available), String(ss.availableEvents), String(ss.n), String(ss.events), String(p.validation.fit.coef.filter((c) => c !== null).length)));
  }
  if (use.failed.includes("no-signal")) why.push(t.wNoSignal);
  if (use.failed.includes("c-statistic")) {
    const d = use.discrimination;
    const time = `${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${msg().unit(p.unit)}`;
    why.push(t.wCStatistic(d.corrected, fmtNum(d.harrellC, 2), d.auc === null ? null : fmtNum(d.auc, 2), time, fmtNum(use.minimumC, 2)));
  }
  return t.withheld(why.join("; "));
}

/** `sensitivity`: the study's sensitivity step, whose Riley minimum sample size is shown here, beside the calculator decision. */
export function predictionSection(p: PredictionStepResult, ctx: SectionContext, sensitivity?: SensitivityStepResult): ReportSection {
  const lt = msg().longTerm;
  const v = p.validation;
  const t = `${fmtNum(p.time, p.time % 1 === 0 ? 0 : 1)} ${msg().unit(p.unit)}`;
  const blocks: ReportBlock[] = [];
  const corrected = v.optimism?.indices.find((i) => i.name === "harrellC")?.corrected;
  const slope = v.optimism?.indices.find((i) => i.name === "slope")?.corrected;
  blocks.push({
    kind: "text",
    text:
      lt.pIntro(p.endpointLabel, String(v.n), String(v.nEvent), t, predictionUseText(p)) +
      lt.pDiscrimination(fmtNum(v.harrell.value, 3), corrected === undefined ? null : fmtNum(corrected, 3)) +
      `${slope === undefined ? "" : lt.pSlope(fmtNum(slope, 2), slope < 0.85 ? (p.shrinkage.factor < 1 ? "shrunk" : "unshrunk") : "no")}`,
  });
  const predPop = lt.pPopulation(v.nDropped === 0 && p.population.kind === "all", p.population.kind === "all" ? null : engineText(p.population.description), p.endpointLabel, v.nDropped === 0 ? null : String(v.nDropped), p.population.fromTreatment, String(v.n), String(v.nEvent));
  const pmt = predictionModelTable(p);
  blocks.push(ctx.table("prediction-model", { ...pmt, title: titleWithPopulation(pmt.title, predPop) }));
  const ppt = predictionPerformanceTable(p);
  blocks.push(ctx.table("prediction-performance", { ...ppt, title: titleWithPopulation(ppt.title, predPop) }));
  const cal = v.calibration;
  if (cal !== null) {
    const ct = calibrationTable(p);
    if (ct) blocks.push(ctx.table("prediction-calibration", { ...ct, title: titleWithPopulation(ct.title, predPop) }));
    const cc = v.calibrationCorrected;
    const correctedPoints = cc?.groups.filter((g) => g.observedCorrected !== null && g.predicted !== null).map((g) => ({ predicted: g.predicted as number, observed: g.observedCorrected as number }));
    const withCorrected = correctedPoints !== undefined && correctedPoints.length > 0;
    const svg = calibrationPlot(
      { time: p.time, groups: cal.groups.map((g) => ({ predicted: g.predicted, observed: g.observed, lower: g.lower, upper: g.upper, n: g.n })), ...(withCorrected ? { corrected: correctedPoints } : {}) },
      // the apparent slope is 1 by construction: show the optimism-corrected one when there is a bootstrap
      {
        annotation: [slope === undefined ? lt.calSlope(fmtNum(cal.slope.slope, 2), false) : lt.calSlope(fmtNum(slope, 2), true), lt.calC(fmtNum(v.harrell.value, 3), corrected === undefined ? null : fmtNum(corrected, 3))],
        xLabel: lt.calX(t),
        yLabel: lt.calY(t),
      },
    );
    blocks.push(ctx.figure({ id: "calibration", title: lt.calFigureTitle(t), caption: lt.population(lt.calCaption(withCorrected ? String(cc?.B) : null), predPop), svg }));
  }
  blocks.push(...predictionUseBlocks(p, ctx, predPop));
  // the Kaplan–Meier risk of the decision curve (same patients), when at the criteria's horizon, beside their approximation
  const dcRisk = p.decisionCurve !== undefined && p.decisionCurve !== null && p.decisionCurve.horizon === sensitivity?.sampleSize?.horizon ? p.decisionCurve.risk : null;
  if (sensitivity !== undefined) blocks.push(...predictionSampleSizeBlocks(sensitivity, ctx, p.unit, dcRisk));
  // a model that fails the minimum sample size or discriminates poorly is a development result: no calculator, no nomogram
  const use = p.calculatorUse;
  const offered = use === undefined || use.offered;
  if (use !== undefined && !use.offered) blocks.push({ kind: "note", text: calculatorWithheldText(p, use) });
  // the nomogram of the model the calculator uses (shrunken when the bootstrap says so)
  const nom = p.nomogram ?? v.nomogram;
  if (nom !== null && offered) {
    const labels: Record<string, string> = { ...p.nomogramLabels };
    const levelLabels: Record<string, readonly [string, string]> = {};
    for (const c of nom.columns) if (c.levelLabels) levelLabels[c.name] = c.levelLabels;
    const svg = nomogramPlot(nom, { labels, levelLabels, survivalLabel: lt.nomSurvival(p.endpointLabel, t), width: "double" });
    blocks.push(ctx.figure({ id: "nomogram", title: lt.nomTitle(p.endpointLabel, t), caption: lt.nomCaption(predPop, p.shrinkage.factor < 1 ? fmtNum(p.shrinkage.factor, 2) : null), svg }));
  }
  if (offered) blocks.push({ kind: "calculator", id: "calculator", model: p.calculator });
  blocks.push({ kind: "text", text: lt.tripodIntro }, { kind: "list", items: tripodItems(p) });
  return { id: "prediction", title: msg().section.prediction, blocks };
}

/**
 * The recurrent-events section. `minAtRisk`: the report's truncation threshold (spec `figures.minAtRisk`, default 5, as
 * the Kaplan–Meier figures): the MCF curves end where fewer patients remain under observation. `xLabel`: the time axis's
 * title, e.g. "Months since pulmonary metastasectomy" for the operated followed from their operation (time-since.ts timeSinceOrigin).
 */
export function recurrentSection(rec: RecurrentStepResult, ctx: SectionContext, endpointLabel?: string, minAtRisk: number = DEFAULT_MIN_AT_RISK, xLabel?: string): ReportSection {
  const t = msg().longTerm;
  const by = ctx.byLabel(rec.by);
  const blocks: ReportBlock[] = [];
  const multi = rec.ghoshLin.curves.length > 1;
  const unit = msg().unit(rec.unit);
  // the terminal event and the population in the report's language (engine texts of the step: LONG_TERM_PATTERNS)
  const terminal = engineText(rec.terminalLabel);
  // the same reading as summary.txt and the methods text (src/report/recurrent-quote.ts)
  const quotes = recurrentQuotes(rec);
  const gl = quotes.map((q) => t.recGl(multi ? `${q.name}: ` : "", fmtNum(q.mu, 2), fmtNum(q.lower, 2), fmtNum(q.upper, 2), fmtNum(q.time, 0), unit, String(q.nRisk)));
  const naive = quotes.filter((q) => q.naive !== null).map((q) => t.recNaive(multi ? `${q.name}: ` : "", fmtNum(q.naive!, 2), fmtNum(q.time, 0), unit));
  blocks.push({
    kind: "text",
    text: t.recIntro(String(rec.nEvents), rec.label, String(rec.nPatients), terminal, String(MIN_AT_RISK), gl.length > 0 ? gl.join("; ") : t.recNotQuoted(String(MIN_AT_RISK))) + (naive.length > 0 ? t.recNaiveIntro(terminal, naive.join("; ")) : ""),
  });
  const fromOperation = rec.population?.fromTreatment === true; // results.json written before population existed has none
  const who = fromOperation ? engineText(rec.population.description) : null;
  // the index operation by the recurrent event's label, not its date column (referee B1)
  if (fromOperation) {
    blocks.push({ kind: "text", text: t.recFromOperation(who ?? "", rec.indexOperation === null ? null : rec.label, terminal) });
  } else if (rec.indexOperation !== null) {
    blocks.push({ kind: "note", text: rec.indexOperation.counted ? t.recIndexCounted(rec.label) : t.recIndexNotCounted(rec.label) });
  }
  const recPop = t.recPopulation(who, String(rec.nPatients), endpointLabel ?? rec.endpoint, String(rec.nEvents));
  const rct = recurrentCountsTable(rec);
  blocks.push(ctx.table("recurrent-counts", { ...rct, title: titleWithPopulation(rct.title, recPop) }));
  if (rec.ghoshLin.curves.length > 0) {
    // the patients under observation (alive, still followed) are the same for both estimates: the Ghosh–Lin curve
    // carries them only at its event times, so its risk table and truncation read the naive curve's, which has
    // every stop time (otherwise its row would start at the first event's risk set instead of all patients at 0)
    const glCurves = rec.ghoshLin.curves.filter((c) => c.time.length > 0);
    const naiveCurves = rec.mcf.curves.filter((c) => c.time.length > 0);
    const curves = [
      // a group without events has no Ghosh–Lin steps (its mean stays 0): only its naive curve is drawn
      ...glCurves.map((c) => ({ name: multi ? c.name : t.recGhoshLinName, time: c.time, mcf: c.mu, lower: c.lower, upper: c.upper, nRisk: c.nRisk })),
      ...naiveCurves.map((c) => ({ name: `${multi ? `${c.name}, ` : ""}${t.recNaiveName(terminal)}`, time: c.time, mcf: c.mcf, nRisk: c.nRisk })),
    ];
    const riskSets = [...glCurves.map((c) => naiveCurves.find((m) => m.name === c.name)), ...naiveCurves.map(() => undefined)];
    const svg = mcfPlot({ curves }, { width: "double", timeUnit: ctx.timeUnit(rec.unit), ...(xLabel === undefined ? {} : { xLabel }), yLabel: t.recYLabel, title: t.recPlotTitle(rec.label), riskSets, minAtRisk });
    // a curve was cut when its risk set ends below minAtRisk
    const cut = minAtRisk > 0 && naiveCurves.some((c) => c.nRisk[c.nRisk.length - 1] < minAtRisk);
    blocks.push(
      ctx.figure({
        id: "mcf",
        title: t.recFigureTitle(rec.label),
        caption: t.recFigureCaption(by ?? null, terminal, cut ? String(minAtRisk) : null, recPop),
        svg,
      }),
    );
  }
  const models = recurrentModelsTable(rec);
  if (models) blocks.push(ctx.table("recurrent-models", { ...models, title: titleWithPopulation(models.title, recPop) }));
  return { id: "recurrent", title: msg().section.recurrent(rec.label), blocks };
}
