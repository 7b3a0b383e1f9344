/**
 * `renderReport(results)`: the files of a study's output directory from its results — report.html,
 * figures/*.svg (and *.png when a rasterizer is given), tables/*.csv, tables.docx and report.docx. It renders the
 * results, never recomputes them: every number comes from `StudyResults` (results.json).
 *
 * Pure except for the optional PNG step: rasterizing needs a native module (@resvg/resvg-js), so it is
 * injected (`rasterize`), and the browser app can call renderReport without it. The CLI passes
 * `rasterize: (svg) => svgToPng(svg, { dpi })` from src/report/plots/png.ts.
 */
import { continuousModelTable, hrCurveFigures, linearityTable } from "./cox-splines.js";
import { stringify } from "yaml";
import type { StudyResults } from "../study/run.js";
import { ESTIMANDS } from "../causal/weight.js";
import { minAtRiskOf } from "../study/beyond-data.js";
import { covariateObject } from "../study/schema.js";
import { notEstimableShown, readFirstNotEstimableShown, rowsNamedByScheme } from "./not-estimable-shown.js";
import { reportTableToCsvRows, toCsvStyled, type ReportTable } from "./csv.js";
import { patientFiles } from "./results-output.js";
import { reportToDocx, tablesInReportOrder, tablesToDocx } from "./docx.js";
import { primaryLeads } from "./primary-headline.js";
import { reportHtml, type ReadFirstEntry, type ReportBlock, type ReportFigure, type ReportModel, type ReportSection } from "./html.js";
import { methodsParagraphs } from "./methods-text.js";
import { crawlWarnings, primaryKeys, readFirstItems, readFirstTier, warningLabeller, type ReadFirstItem, type ReadFirstTier } from "./read-first.js";
import { forestPlot } from "./plots/forest.js";
import { pngToTiff } from "./plots/tiff.js";
import { columnLevelLabels, levelLabeller } from "./level-labels.js";
import { zphPlot } from "./plots/zph.js";
import { table1SideBySide, type Table1Panel } from "./table1.js";
import { pPhrase } from "./number-format.js";
import { covariateLabel, labelInSentence, termLabel as shownTermLabel, variableLabel } from "./labels.js";
import { strobeFlow } from "./flow.js";
import { flowDiagram } from "./plots/flow-diagram.js";
import {
  coxForestRows,
  coxTable,
  flowTable,
  fmtNum,
  fmtRatioCi,
  logrankHrLine,
  comparisonLabel,
  logrankLine,
  multivariableTerm,
  rmstTable,
  survivalTable,
} from "./tables.js";
import { competingRisksSection } from "./sections-competing.js";
import { cureSection, predictionSection, recurrentSection, type SectionContext } from "./sections-long-term.js";
import { missingDataSection } from "./sections-missing.js";
import { type AnnotationLine, fromPath, kmFigure, kmStyle, timeUnit, type StudySectionContext } from "./report-context.js";
import { immortalTimeSection } from "./sections-immortal.js";
import { effectRows, effectsSection } from "./sections-effects.js";
import { sensitivitySection } from "./sections-sensitivity.js";
import { adjustedCurvesBlocks, adjustedCurvesSection } from "./sections-adjusted-curves.js";
import { propensitySection } from "./sections-propensity.js";

export { effectRows };
import type { CoxStepResult } from "../study/cox-step.js";
import type { Table1StepResult } from "../study/table1-step.js";
import { endpointPopulation, titleWithPopulation } from "./population.js";
import type { LogrankResult } from "../survival/logrank.js";
import { msg } from "../i18n/messages.js";
import { currentLanguage, withLanguage, type Language } from "../i18n/language.js";
import { engineText } from "../i18n/warnings.js";
import { localizeReportNumbers } from "./number-format.js";
import { timeSinceOrigin } from "./time-since.js";

export interface RenderReportOptions {
  /** SVG → PNG (e.g. svgToPng at 300 dpi); when given, figures/<name>.png is written next to each SVG. */
  readonly rasterize?: (svg: string) => Uint8Array | Promise<Uint8Array>;
  /** CSV tables for Excel in a decimal-comma locale (";" and decimal commas); default the spec's `output.excel` (false). */
  readonly excel?: boolean;
  /** Language of report.html, the figures and the tables (en, de, ja); default the spec's `language` (en). */
  readonly language?: Language;
}


function endpointOf(r: StudyResults, name: string | undefined) {
  return r.endpoints.find((e) => e.name === name);
}

export { timeSinceOrigin } from "./time-since.js";

/** Label of a covariate from the spec (or its name). */
function labelOf(r: StudyResults, name: string): string {
  for (const c of r.spec.covariates) {
    const cov = covariateObject(c);
    if (cov.name === name) return cov.label ?? name;
  }
  return name;
}

/** Levels of a categorical covariate in Table 1 order (to name a Cox factor's reference level). */
function levelsFrom(r: StudyResults): (variable: string) => readonly string[] | undefined {
  return (variable) => {
    const t1 = r.analyses.table1;
    const row = (t1?.allPatients ?? t1?.unadjusted)?.rows.find((x) => x.variable === variable);
    return row?.kind === "categorical" ? row.levels.map((l) => l.level) : undefined;
  };
}

/**
 * Per-patient treatment (1/0/null, data-row order) of the propensity analysis: from the results when
 * they carry it, else recovered exactly from the IPTW weights (each weight equals the estimand's
 * formula for exactly one arm), else from the matching (treated = matched or unmatched treated).
 */
export function treatmentOfRows(r: StudyResults): (0 | 1 | null)[] | null {
  const a = r.analyses.propensity?.analysis;
  if (a === undefined) return null;
  const given = (a as { readonly treatment?: readonly (number | null)[] }).treatment;
  if (Array.isArray(given) && given.length === a.ps.length) return given.map((t) => (t === 1 ? 1 : t === 0 ? 0 : null));
  const w = a.weighting;
  if (w !== undefined && w.result.truncation === null) {
    const def = ESTIMANDS[w.result.estimand];
    const s = w.result.options.stabilizationFactors;
    const out: (0 | 1 | null)[] = [];
    let nTreated = 0;
    for (let i = 0; i < a.ps.length; i++) {
      const e = a.ps[i];
      const wi = w.weights[i];
      if (e === null || wi === null || !(wi > 0)) {
        out.push(e === null ? null : null);
        continue;
      }
      const w1 = def.weight(e, 1) * (s ? s.treated : 1);
      const w0 = def.weight(e, 0) * (s ? s.control : 1);
      const d1 = Math.abs(wi - w1) / Math.max(w1, 1e-300);
      const d0 = Math.abs(wi - w0) / Math.max(w0, 1e-300);
      if (d1 < 1e-8 && !(d0 < 1e-8)) {
        out.push(1);
        nTreated++;
      } else if (d0 < 1e-8 && !(d1 < 1e-8)) out.push(0);
      else return null;
    }
    if (nTreated === a.nTreated) return out;
  }
  return null;
}

/** The variance of a treatment-effect estimate in a few words, for a figure annotation. */
export function figureVariance(id: string): string {
  if (id === "matched" || id === "matchedAdjusted") return "robust SE clustered on matched set";
  if (id === "matchedStratified") return "model-based SE, stratified on matched set";
  if (id.endsWith("MEstimation")) return "M-estimation SE";
  if (id.startsWith("weighted")) return "robust SE";
  return "model-based SE";
}

/**
 * The annotation of the all-patients KM figure: the log-rank p and an HR, only when computed on the
 * same patients as the curves (n equal to the KM's n). The crude Cox HR is used when its n is the
 * curves' n; otherwise the log-rank HR (O/E ratio) of the same patients, and the caption says where the
 * Cox HR of the other population is. A number from another population never annotates the figure. `biased`: the
 * groups compare patients by treatment ever received from the origin ({@link immortalTimeBiased}); the last line then
 * says "biased by design (immortal time)" in the SVG itself, as the table rows do (figures are reused alone: PNG, DOCX).
 * `lines`: the same lines with their short forms for a single-column figure ("Biased by design" with a mark, the full
 * text in the caption); `annotation`: their full texts.
 */
export function kmAnnotation(
  km: { readonly n: number },
  lr: (LogrankResult & { readonly n?: number }) | undefined,
  crude: { readonly hr: number | null; readonly lower: number | null; readonly upper: number | null; readonly n: number | null } | undefined,
  groupLabels?: Readonly<Record<string, string>>,
  biased = false,
  naive?: { readonly hr: number | null; readonly lower: number | null; readonly upper: number | null; readonly n: number },
): { annotation: string[]; lines: AnnotationLine[]; caption: string } {
  // each line with its short form for a single-column figure (report-context.ts figureAnnotation)
  const lines: AnnotationLine[] = [];
  const notes: string[] = [];
  const lrSame = lr !== undefined && lr.n === km.n;
  if (lr !== undefined && !lrSame) notes.push(msg().report.lrNotShown(String(lr.n), String(km.n)));
  if (lrSame) lines.push({ text: msg().report.logrankAnnotation(pPhrase(lr.p), String(km.n)), short: msg().plot.logrankShort(pPhrase(lr.p), String(km.n)) });
  const crudeSame = crude !== undefined && crude.hr !== null && crude.n === km.n;
  if (crudeSame) {
    const ci = fmtRatioCi(crude.hr, crude.lower, crude.upper);
    lines.push({ text: msg().report.coxHrAnnotation(ci, String(km.n)), short: msg().plot.hrShort(ci, String(km.n)) });
    notes.push(msg().report.hrCrudeSame(String(km.n)));
  } else if (lrSame && lr.hazardRatio !== null && logrankHrLine(lr) !== null) {
    const e = lr.hazardRatio.observedExpectedRatio;
    const ci = fmtRatioCi(e.estimate, e.lower, e.upper);
    lines.push({ text: msg().report.logrankHrAnnotation(ci, String(km.n)), short: msg().plot.hrShort(ci, String(km.n)) });
    notes.push(msg().report.hrFromLogrank(comparisonLabel(lr.hazardRatio.comparison, groupLabels), String(km.n)));
  }
  if (!crudeSame && crude !== undefined && crude.hr !== null && crude.n !== null) {
    // the immortal-time section's naive Cox is on the curves' patients: named, with its HR, before the crude Cox elsewhere (referee A13)
    const naiveSame = naive !== undefined && naive.hr !== null && naive.n === km.n;
    notes.push(naiveSame ? msg().causal.kmNaiveSame(fmtRatioCi(naive.hr, naive.lower, naive.upper), String(km.n), msg().section.immortalTime, String(crude.n), msg().section.effects) : msg().report.crudeElsewhere(String(crude.n), String(km.n)));
  }
  if (biased) lines.push({ text: msg().report.figureImmortalBias, short: msg().plot.biasedShort });
  return { annotation: lines.map((l) => l.text), lines, caption: notes.join(" ") };
}

/**
 * Table 1's population in words: the title's "(n = …, population)" and the footnotes saying who each
 * panel describes and how many were excluded for missing propensity covariates, by group.
 */
export function table1PopulationText(t1: Table1StepResult, pop: Table1StepResult["population"] | undefined, spec: Pick<StudyResults["spec"], "covariates"> = { covariates: [] }, groupLabels?: Readonly<Record<string, string>>): { title: string; notes: string[] } {
  // the groups by their level labels ("No metastasectomy: 16"), as the table's columns
  const u = t1.unadjusted.groups.map((g) => ({ ...g, name: groupLabels?.[g.name] ?? g.name }));
  if (pop === undefined || pop.kind === "all") return { title: msg().report.t1AllWithTreatment(String(u[2].n)), notes: [] };
  const excl = pop.excluded[0] + pop.excluded[1];
  const m = msg().descriptive;
  const adjusted = [t1.matched ? "matched" : "", t1.weighted ? "weighted" : ""].filter((x): x is "matched" | "weighted" => x !== "");
  const notes = [m.t1Panels(m.t1PanelNames(adjusted.includes("matched"), adjusted.includes("weighted")), String(pop.n), `${u[0].name}: ${pop.byGroup[0]}, ${u[1].name}: ${pop.byGroup[1]}`, adjusted.length > 0)];
  if (excl > 0) {
    const why = pop.missingBy.map((x) => `${covariateLabel(spec, x.covariate, { missing: true })}: ${x.n}`).join(", ");
    notes.push(m.t1Excluded(String(excl), `${u[0].name}: ${pop.excluded[0]}, ${u[1].name}: ${pop.excluded[1]}`, why === "" ? null : why, t1.allPatients ? String(t1.allPatients.groups[2].n) : null));
  }
  const title = t1.allPatients ? msg().report.t1AllAndComplete(String(t1.allPatients.groups[2].n), String(pop.n)) : msg().report.t1Complete(String(pop.n));
  return { title, notes };
}

/** The label of every all-patients comparison by treatment received when treatment starts after the origin (issue 14 item 2). */
export const IMMORTAL_BIAS_LABEL = "biased by design (immortal time)";

/**
 * Whether a comparison "by `by`" from the origin carries immortal time: `by` is the treatment and the
 * treatment has a date after the origin (the immortal-time step measured a wait > 0, or did not run).
 */
export function immortalTimeBiased(r: StudyResults, by: string | undefined): boolean {
  const t = r.spec.treatment;
  if (t?.date === undefined || by === undefined) return false;
  if (by !== "treatment" && by !== t.column) return false;
  const wait = r.analyses.immortalTime?.medianWait;
  return wait === undefined || wait === null || wait > 0;
}

/** A file-name-safe stem ("ph.karno" → "ph-karno"); empty when nothing is left. */
function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/**
 * The proportional-hazards check of the multivariable Cox model: one scaled Schoenfeld residual plot
 * (figures/zph-<term>.svg) per coefficient of each term whose PH test has p < 0.05, or one sentence
 * saying that no term was flagged, with the global test. Nothing when the model has no PH test.
 */
export function zphBlocks(cox: CoxStepResult, unit: string | undefined, timeTitle?: string): ReportBlock[] {
  const mv = cox.multivariable;
  const zph = mv?.result.zph;
  if (mv === undefined || zph === undefined) return [];
  const fit = mv.result.fit;
  const g = zph.global;
  const pText = (p: number): string => pPhrase(p);
  const globalText = msg().report.zphGlobal(fmtNum(g.statistic, 2), String(g.df), pText(g.p));
  const flagged = zph.terms.map((t, k) => ({ t, k })).filter(({ t }) => t.p < 0.05);
  if (flagged.length === 0) {
    return [{ kind: "text", text: msg().report.zphNone(globalText) }];
  }
  // columns of y: the estimated coefficients in order
  const kept: number[] = [];
  fit.coef.forEach((c, j) => {
    if (c !== null) kept.push(j);
  });
  const blocks: ReportBlock[] = [];
  const used = new Set<string>();
  const names: string[] = [];
  for (const { t, k } of flagged) {
    const i = mv.result.terms.findIndex((mt) => mt.label === t.name);
    if (i < 0) continue;
    const termLabel = multivariableTerm(cox, i).label;
    names.push(termLabel);
    const cols = mv.result.terms[i].columns.filter((j) => fit.coef[j] !== null);
    for (const j of cols) {
      const colName = fit.columnNames[j];
      const label = cols.length > 1 ? shownTermLabel((mv.termLabels[colName] ?? colName).replace(/`/g, "")) : termLabel;
      const base = `zph-${slug(cols.length > 1 ? colName : (mv.covariates[i] ?? colName)) || `term-${i + 1}`}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      const svg = zphPlot(zph, { column: kept.indexOf(j), term: k, coef: fit.coef[j], label, timeUnit: timeUnit(unit), ...(timeTitle !== undefined ? { timeTitle } : {}), width: "double", title: `Proportional-hazards check: ${label}` });
      const scale = zph.transform === "km" ? "on the Kaplan–Meier scale" : zph.transform === "identity" ? "" : `on the ${zph.transform} scale`;
      blocks.push({
        kind: "figure",
        figure: {
          id,
          title: `Proportional-hazards check: ${label}.`,
          caption:
            `Scaled Schoenfeld residuals of the multivariable Cox model (n = ${fit.n}, ${fit.nEvent} events) against time${scale ? ` ${scale}` : ""}, with a LOWESS smooth of β(t); dashed lines at the model coefficient and at 0. ` +
            `A smooth that drifts away from the coefficient suggests an effect that changes over time (PH test ${pText(t.p)}${t.df > 1 ? `, ${t.df} df` : ""}). ` +
            "R's plot.cox.zph draws a spline smooth with ±2 SE bands instead.",
          svg,
        },
      });
    }
  }
  blocks.unshift({ kind: "text", text: msg().report.zphFlagged(names.join(", "), names.length !== 1, globalText) });
  return blocks;
}

/** The sections before any estimate: the immortal-time section holding the primary analysis comes right after them. */
const LEAD_IN_SECTIONS: ReadonlySet<string> = new Set(["flow", "not-estimable", "table1"]);

export { primaryLeads };

/** Most patient ids a sentence of the report lists; longer lists end with "and k more". */
export const MAX_LISTED_IDS = 20;

/** "1, 4, 9" or, past {@link MAX_LISTED_IDS}, the first ones and "and k more". */
function idList(ids: readonly (string | number)[]): string {
  const shown = ids.slice(0, MAX_LISTED_IDS).map(String).join(", ");
  return ids.length > MAX_LISTED_IDS ? msg().report.andMore(shown, String(ids.length - MAX_LISTED_IDS)) : shown;
}

interface Built {
  readonly model: ReportModel;
  readonly tables: readonly { readonly id: string; readonly table: ReportTable }[];
  readonly figures: readonly ReportFigure[];
}

/** Ids of the sections buildReportModel will make (for the "Read first" links; checked again once built). */
function plannedSections(r: StudyResults): Set<string> {
  const a = r.analyses;
  const ids = new Set<string>(["flow", "methods", "notes", "software"]);
  if (a.table1) ids.add("table1");
  if (a.km || a.logrank || a.rmst || r.endpoints.length > 0) ids.add("survival");
  if (a.competingRisks) ids.add("competing-risks");
  if (a.cox && (a.cox.univariable.length > 0 || a.cox.multivariable)) ids.add("cox");
  if (a.propensity) ids.add("propensity");
  if (a.immortalTime) ids.add("immortal-time");
  if (a.effects && a.effects.estimates.length > 0) ids.add("effects");
  else if (a.adjustedCurves) ids.add("adjusted-curves");
  if (a.cure) ids.add("cure");
  if (a.prediction) ids.add("prediction");
  if (a.recurrent) ids.add("recurrent");
  if (a.sensitivity) ids.add("sensitivity");
  if (a.missing) ids.add("missing-data");
  if (r.notEstimable.length > 0) ids.add("not-estimable");
  return ids;
}

/** Every warning text inside one result (its own `warnings` and those of its parts). */
function crawlTexts(value: unknown): string[] {
  return crawlWarnings(value).map((w) => w.text);
}

/**
 * Whether a warning changes how a result is read, so "Read first" lists it in full: an analysis not estimable
 * or refused, a bootstrap that failed, a coefficient that diverged, unstable weights, too few events per
 * parameter below the floor, too few controls to match, no overlap, a default that should have been a choice.
 * The others (rows dropped for missing values, patients before a landmark, a Firth refit, …) keep their mark on
 * the number and their text in their section; "Read first" lists their marks in one line.
 */
export function seriousWarning(text: string): boolean {
  return /not run|not estimable|not estimated|do not rely|failed|diverged|may be infinite|unstable|fewer control units|no comparable patients|below the floor|the default \(|biased by design|: imprecise|not interpretable as confounding-adjusted|residual imbalance after |was checked in simulation for |rests largely on one death/.test(text);
}

/**
 * Builds the report's sections, tables and figures from the results (pure), in `language` (default the
 * spec's `language`, else English): texts from the catalogue (src/i18n), numbers with its decimal mark.
 */
/**
 * An endpoint's patient flow in words: the engine's English sentence in English ("64 patients read, none
 * excluded; 64 analysed"), the catalogue's in German and Japanese (as summary.txt words it).
 */
export function flowText(f: StudyResults["endpoints"][number]["flow"]): string {
  if (currentLanguage() === "en") return f.text;
  const s = msg().descriptive.summary;
  const reasons = f.excluded.map((e) => s.flowReason(engineText(e.reason), String(e.count)));
  return s.flow(String(f.read), reasons.length === 0 ? null : String(f.read - f.analysed), reasons.join(msg().methods.listSep), String(f.analysed));
}

export function buildReportModel(results: StudyResults, language: Language = results.spec.language ?? "en"): Built {
  return withLanguage(language, () => localizeReportNumbers(buildModel(results)));
}

function buildModel(results: StudyResults): Built {
  const r = results;
  const a = r.analyses;
  const sections: ReportSection[] = [];
  const tables: { id: string; table: ReportTable }[] = [];
  const figures: ReportFigure[] = [];
  const table = (id: string, t: ReportTable): ReportBlock => {
    tables.push({ id, table: t });
    return { kind: "table", id, table: t };
  };
  const figure = (f: ReportFigure): ReportBlock => {
    figures.push(f);
    return { kind: "figure", figure: f };
  };
  const treatmentLabel = r.spec.treatment?.label ?? r.spec.treatment?.column ?? "treatment";
  // level labels from the spec's `labels` in every table that shows a level (src/report/level-labels.ts)
  const groupLabels = (column: string | undefined) => columnLevelLabels(r, column);
  const effects = a.effects;
  const crude = effects?.estimates.find((e) => e.id === "crude");
  // every warning of the results, numbered ⚠1…⚠N: the mark on the number concerned, the text in its section and under "Read first"
  // ordered by severity (issue 19): what changes how the primary result is read, then other shown numbers, then the
  // minor notes listed in full, then the routine ones (whose marks "Read first" gives in one line)
  const keys = primaryKeys(r);
  const tierOf = (it: ReadFirstItem): ReadFirstTier => readFirstTier(it, seriousWarning(it.text), keys);
  const rankOf = (it: ReadFirstItem): number => ({ primary: 0, serious: 1, notEstimated: 2, minor: seriousWarning(it.text) ? 3 : 4 })[tierOf(it)];
  const warnItems = readFirstItems(r, plannedSections(r))
    .map((it, k) => ({ it, k, rank: rankOf(it) }))
    .sort((a, b) => a.rank - b.rank || a.k - b.k)
    .map((x) => x.it);
  // an item listed in several sections (alsoIn) is that section's item too for the predicates of the section builders
  const marks = (pred: (it: ReadFirstItem) => boolean): string => {
    const ks = warnItems.flatMap((it, k) => (pred(it) || (it.alsoIn ?? []).some((section) => pred({ ...it, section })) ? [k + 1] : []));
    return ks.length === 0 ? "" : `⚠${ks.join(",")}`;
  };
  const withMark = (text: string, mark: string): string => (mark === "" ? text : `${text} ${mark}`);

  // 1. patient flow
  const flowInput = strobeFlow(r);
  const flowFigure: ReportBlock[] =
    flowInput === null
      ? []
      : [figure({ id: "flow", title: msg().report.flowFigureTitle, caption: msg().report.flowFigureCaption, svg: flowDiagram(flowInput, { title: msg().report.flowFigureTitle }) })];
  sections.push({ id: "flow", title: msg().section.flow, blocks: [...r.endpoints.map((e): ReportBlock => ({ kind: "text", text: `${e.label}: ${flowText(e.flow)}.` })), ...flowFigure, table("flow", flowTable(r))] });

  // 1b. analyses that ran but could not be estimated on these data: named near the top, with the reason
  const notEstimable = r.notEstimable ?? []; // results.json written before notEstimable existed has none
  if (notEstimable.length > 0) {
    sections.push({
      id: "not-estimable",
      title: msg().section.notEstimable,
      blocks: [
        { kind: "text", text: msg().report.notEstimableIntro },
        { kind: "list", items: notEstimable.map((n) => notEstimableShown(n, r.analyses.effects)) },
      ],
    });
  }

  // 2. Table 1
  if (a.table1 !== undefined) {
    const t1s = a.table1;
    const pop = t1s.population as Table1StepResult["population"] | undefined; // results.json from before populations has none
    const onPs = pop?.kind === "propensity";
    const panels: Table1Panel[] = [];
    if (t1s.allPatients) panels.push({ title: msg().report.panelAll(String(t1s.allPatients.groups[2].n)), result: t1s.allPatients });
    panels.push({ title: onPs ? msg().report.panelUnadjustedComplete(String(t1s.unadjusted.groups[2].n)) : msg().report.panelUnadjusted(String(t1s.unadjusted.groups[2].n)), result: t1s.unadjusted });
    if (t1s.matched) panels.push({ title: msg().report.panelMatched(String(t1s.matched.groups[2].n)), result: t1s.matched });
    if (t1s.weighted) panels.push({ title: msg().report.panelIptw(a.propensity?.weighted?.estimand ?? msg().report.weighted, String(t1s.weighted.groups[2].n)), result: t1s.weighted });
    const populationText = table1PopulationText(t1s, pop, r.spec, groupLabels("treatment"));
    const t1Spec = r.spec.analyses.table1;
    const t1 = table1SideBySide(panels, { title: withMark(`${msg().report.table1Title(treatmentLabel)}${populationText.title}`, marks(fromPath("analyses.table1"))), overall: t1Spec?.overall === true, smdSign: t1Spec?.smd === "signed" ? "signed" : "absolute", groupLabels: groupLabels("treatment"), levelLabels: r.spec.labels });
    sections.push({ id: "table1", title: msg().section.table1, blocks: [table("table1", { ...t1, footnotes: [...populationText.notes, ...t1.footnotes] })] });
  }

  // 3. survival
  const survBlocks: ReportBlock[] = [];
  const km = a.km;
  if (km !== undefined) {
    const ep = endpointOf(r, km.endpoint);
    const unit = ep?.unit ?? "";
    const byTreatment = km.by === "treatment" || km.by === r.spec.treatment?.column;
    const biased = immortalTimeBiased(r, km.by);
    // the qualifier after the title with the language's separator (Japanese "、", not ", ")
    const biasTag = biased ? `${msg().methods.listSep}${msg().report.immortalBias}` : "";
    survBlocks.push(table("survival", survivalTable(km, { unit, followUp: ep?.followUp, title: titleWithPopulation(`${msg().report.survivalEstimatesBy(ep?.label ?? km.endpoint, km.by ? (byTreatment ? treatmentLabel : km.by) : null)}${biasTag}`, endpointPopulation(km.n, ep)), groupHeader: km.by ? (byTreatment ? treatmentLabel : km.by) : msg().report.group, groupLabels: groupLabels(km.by), minAtRisk: minAtRiskOf(r.spec) })));
    // the figure carries only numbers computed on its curves' patients (same n), never a subset's (issue 13)
    const lr = a.logrank !== undefined && a.logrank.endpoint === km.endpoint && a.logrank.by === km.by ? a.logrank : undefined;
    const naiveCox = a.immortalTime?.naive.cox;
    const naive = naiveCox === undefined || naiveCox.terms[0] === undefined ? undefined : { ...naiveCox.terms[0], n: naiveCox.n };
    const fig = kmAnnotation(km, lr, byTreatment ? crude : undefined, groupLabels(km.by), biased, byTreatment && a.immortalTime?.endpoint === km.endpoint ? naive : undefined);
    const population = ep !== undefined && km.n === ep.n ? msg().report.kmPopulationAll(String(km.n), labelInSentence(ep.label)) : msg().report.kmPopulationN(String(km.n));
    const groups = km.strata.length > 1 ? ` (${km.strata.map((s) => `${groupLabels(km.by)?.[s.name] ?? s.name}: ${s.n}`).join(", ")})` : "";
    let caption = msg().report.kmCaption(biased, labelInSentence(ep?.label ?? km.endpoint), km.by ? (byTreatment ? treatmentLabel : km.by) : null, population, String(km.n), groups);
    if (fig.caption !== "") caption += ` ${fig.caption}`;
    const annotation = fig.lines;
    if (km.strata.length >= 1) {
      const f = kmFigure("km", `${ep?.label ?? km.endpoint}`, km, unit, annotation, caption, undefined, kmStyle(r, km.by, ((x) => (x === undefined ? {} : { xLabel: x }))(timeSinceOrigin(r, km.endpoint, unit))));
      survBlocks.push(figure(biased ? { ...f, title: `${f.title}, ${msg().report.immortalBias}.` } : f));
    }
    if (lr) {
      survBlocks.push({ kind: "text", text: `${logrankLine(lr)} (${endpointPopulation(lr.n, ep)})${immortalTimeBiased(r, lr.by) ? `: ${msg().report.immortalBias}` : ""}.` });
      const hrLine = logrankHrLine(lr, groupLabels(lr.by));
      if (hrLine !== null) survBlocks.push({ kind: "text", text: `${hrLine}.` });
    }
    if (biased) {
      // the treatment and time zero by their labels; the date column only when the treatment has no label (issue 19)
      const t = r.spec.treatment;
      const epSpec = r.spec.endpoints[km.endpoint];
      const origin = epSpec !== undefined && "originLabel" in epSpec ? (epSpec.originLabel ?? "") : "";
      const dateColumn = t?.label === undefined ? (t?.date ?? "") : "";
      survBlocks.push({ kind: "note", text: msg().report.immortalNote(t?.label ?? "", dateColumn, origin), ...(dateColumn !== "" ? { code: [dateColumn] } : {}) });
    }
  }
  if (a.logrank !== undefined && (km === undefined || a.logrank.endpoint !== km.endpoint || a.logrank.by !== km.by)) survBlocks.push({ kind: "text", text: `${endpointOf(r, a.logrank.endpoint)?.label ?? a.logrank.endpoint}: ${logrankLine(a.logrank)} (${endpointPopulation(a.logrank.n, endpointOf(r, a.logrank.endpoint))}).` });
  if (a.rmst !== undefined) {
    const rep = endpointOf(r, a.rmst.endpoint);
    const rt = rmstTable(a.rmst, rep?.unit ?? "", groupLabels(a.rmst.by));
    survBlocks.push(table("rmst", { ...rt, title: titleWithPopulation(`${rep?.label ?? a.rmst.endpoint}: ${msg().descriptive.lowerFirst(rt.title)}${a.rmst.by ? msg().descriptive.byGroup(a.rmst.by === "treatment" ? treatmentLabel : a.rmst.by) : ""}${immortalTimeBiased(r, a.rmst.by) ? `${msg().methods.listSep}${msg().report.immortalBias}` : ""}`, endpointPopulation(a.rmst.n, rep)) }));
  }
  if (survBlocks.length === 0 && r.endpoints.length > 0) {
    for (const e of r.endpoints) {
      const fu = e.followUp.strata[0]?.median.estimate ?? null;
      survBlocks.push({ kind: "text", text: msg().report.followUpLine(e.label, String(e.events), String(e.n), fu === null ? msg().num.notReached : `${fmtNum(fu, 1)} ${msg().unit(e.unit)}`) });
    }
  }
  // the primary analysis (an immortal-time design) now comes before this section: its comparisons by treatment ever
  // received are said to be crude and biased by design before any of them is read
  const survBiased = [km?.by, a.logrank?.by, a.rmst?.by].some((by) => immortalTimeBiased(r, by));
  if (survBlocks.length > 0 && survBiased && primaryLeads(r)) survBlocks.unshift({ kind: "note", text: msg().report.survivalCrudeIntro(engineText(r.primary.label ?? "")) });
  if (survBlocks.length > 0) sections.push({ id: "survival", title: msg().section.survival, blocks: survBlocks });

  // 3b. competing risks (src/report/sections-competing.ts)
  if (a.competingRisks !== undefined) sections.push(competingRisksSection(a.competingRisks, { r, table, figure, treatmentLabel, groupLabels, biasLabel: immortalTimeBiased(r, a.competingRisks.by) ? msg().report.immortalBias : "" }));

  // 4. prognostic factors
  const cox = a.cox;
  if (cox !== undefined && (cox.univariable.length > 0 || cox.multivariable !== undefined)) {
    const ct = coxTable(cox, { levelsOf: levelsFrom(r), levelLabel: levelLabeller(r) });
    // a mark on the row of each univariable model that raised a warning (the Cox step's list names the model)
    // by text, not by path: one text ("5 rows dropped …") can come from several models
    // (the texts as raised: the item's shown text has labels for column names and may group several warnings)
    const coxMark = (prefix: string, ws: readonly string[]): string =>
      marks((it) => (it.section === "cox" || (it.alsoIn ?? []).includes("cox")) && ws.some((w) => it.sources.some((t) => t === `${prefix}: ${w}` || t.endsWith(`: ${prefix}: ${w}`))));
    const uniMarks = new Map<string, string>();
    cox.univariable.forEach((u) => {
      const m = coxMark(`univariable ${u.label}`, crawlTexts(u.result));
      if (m !== "") uniMarks.set(u.label, m);
    });
    const mvMark = cox.multivariable ? coxMark("multivariable", crawlTexts(cox.multivariable.result)) : "";
    const coxEp = endpointOf(r, cox.endpoint);
    const mvFit = cox.multivariable?.result.fit;
    const coxPop = [
      cox.univariable.length > 0 ? msg().descriptive.coxPopUni : "",
      mvFit ? msg().descriptive.coxPopMv(endpointPopulation(mvFit.n, coxEp, "complete covariates")) : "",
    ].filter((x) => x !== "").join("; ");
    // the treatment as a prognostic factor from the origin carries immortal time when it starts later
    const tcol = r.spec.treatment?.column;
    const treatmentRow = (label: string): boolean => tcol !== undefined && immortalTimeBiased(r, tcol) && (label === tcol || label === labelOf(r, tcol) || label === treatmentLabel);
    const coxShown = {
      ...ct,
      title: withMark(`${ct.title}: ${coxPop}`, mvMark === "" ? "" : `(${currentLanguage() === "en" ? "multivariable" : msg().table.multivariable.toLowerCase()} ${mvMark})`),
      rows: ct.rows.map((row) => {
        const shown = uniMarks.has(row[0]) ? [withMark(row[0], uniMarks.get(row[0]) ?? ""), ...row.slice(1)] : row;
        return treatmentRow(row[0]) ? [`${shown[0]} (${IMMORTAL_BIAS_LABEL})`, ...shown.slice(1)] : shown;
      }),
    };
    const blocks: ReportBlock[] = [table("cox", coxShown)];
    const mv = cox.multivariable;
    const forestRows = mv
      ? coxForestRows(mv.result, (i) => multivariableTerm(cox, i).label)
      : cox.univariable.flatMap((u) => coxForestRows(u.result, () => u.label));
    if (forestRows.length > 0) {
      const svg = forestPlot({ rows: forestRows }, { title: mv ? msg().report.multivariableCox : msg().report.univariableCox, width: "double" });
      const forestPop = mv ? msg().report.forestPopulationMv(endpointPopulation(mv.result.fit.n, coxEp, "complete covariates"), String(mv.result.fit.nEvent)) : msg().report.forestPopulationUni;
      // a title that tells this model from the treatment-effect and multiple-imputation models (issue 19)
      const coxWhat = `${coxEp?.label ?? cox.endpoint}`;
      blocks.push(figure({ id: "forest-cox", title: mv ? msg().descriptive.forestTitleMv(coxWhat.toLowerCase(), String(mv.result.fit.n), String(mv.result.fit.nEvent)) : msg().descriptive.forestTitleUni(coxWhat.toLowerCase()), caption: msg().report.forestCaption(forestPop), svg }));
    }
    for (const b of zphBlocks(cox, endpointOf(r, cox.endpoint)?.unit, timeSinceOrigin(r, cox.endpoint, endpointOf(r, cox.endpoint)?.unit))) blocks.push(b.kind === "figure" ? figure(b.figure) : b);
    // flexible terms (src/report/cox-splines.ts): the continuous model beside the dichotomised one, linearity check, HR curves
    const continuous = continuousModelTable(cox);
    if (continuous !== null) blocks.push(table("cox-continuous", continuous));
    const linearity = linearityTable(cox);
    if (linearity !== null) blocks.push(table("cox-linearity", linearity));
    for (const f of hrCurveFigures(cox)) blocks.push(figure(f));
    sections.push({ id: "cox", title: msg().section.cox, blocks });
  }

  // 5. propensity analyses (src/report/sections-propensity.ts)
  // the matched and weighted samples still compare patients by treatment ever received, from the origin
  const psBias = immortalTimeBiased(r, "treatment") ? `, ${IMMORTAL_BIAS_LABEL}` : "";
  if (a.propensity !== undefined) {
    const sctxP: StudySectionContext = { r, table, figure, timeUnit, byLabel: (by) => (by === "treatment" ? treatmentLabel : by), marks, withMark, treatmentLabel };
    sections.push(propensitySection(a.propensity, sctxP, { effects, psBias, treatment: treatmentOfRows(r), labelOf: (c) => labelOf(r, c), idList, figureVariance }));
  }

  // the study-level context of the section modules below
  const sctx: StudySectionContext = { r, table, figure, timeUnit, byLabel: (by) => (by === "treatment" ? treatmentLabel : by), marks, withMark, treatmentLabel };

  // 6. immortal time
  if (a.immortalTime !== undefined) sections.push(immortalTimeSection(a.immortalTime, sctx));

  // 7. treatment effect
  // (analyses.adjustedCurves leads it with the adjusted curves and absolute contrasts)
  const adjusted = a.adjustedCurves;
  if (effects !== undefined && effects.estimates.length > 0) {
    const eff = effectsSection(effects, sctx);
    sections.push(adjusted === undefined ? eff : { ...eff, blocks: [...adjustedCurvesBlocks(adjusted, sctx), ...eff.blocks] });
  } else if (adjusted !== undefined) sections.push(adjustedCurvesSection(adjusted, sctx));

  // 8. long-term survival, cure and prediction
  const ctx: SectionContext = sctx;
  if (a.cure !== undefined) sections.push(cureSection(a.cure, endpointOf(r, a.cure.endpoint)?.label ?? a.cure.endpoint, ctx, a.prediction, timeSinceOrigin(r, a.cure.endpoint, a.cure.unit, a.cure.population?.fromTreatment === true), minAtRiskOf(r.spec)));
  if (a.prediction !== undefined) sections.push(predictionSection(a.prediction, ctx, a.sensitivity));
  if (a.recurrent !== undefined) sections.push(recurrentSection(a.recurrent, ctx, endpointOf(r, a.recurrent.endpoint)?.label, r.spec.figures?.minAtRisk, timeSinceOrigin(r, a.recurrent.endpoint, a.recurrent.unit, a.recurrent.population?.fromTreatment === true)));
  // with the study context: its warnings are marked on the numbers of these two sections (referee A10)
  if (a.sensitivity !== undefined) sections.push(sensitivitySection(a.sensitivity, sctx, endpointOf(r, a.sensitivity.endpoint)?.unit ?? "", a.effects));
  // missing covariates: multiple imputation beside the complete-case models (src/report/sections-missing.ts)
  if (a.missing !== undefined) {
    const level = levelLabeller(r);
    sections.push(missingDataSection(a.missing, sctx, (c) => variableLabel(r.spec, c), a.effects?.biasedByDesign ?? null, (g) => level("treatment", g)));
  }

  // 9. methods
  sections.push({ id: "methods", title: msg().section.methods, blocks: methodsParagraphs(r).map((t): ReportBlock => ({ kind: "text", text: t })) });

  // 10. notes, not run, software, spec
  const notes: ReportBlock[] = [];
  if (r.notRun.length > 0) notes.push({ kind: "text", text: msg().report.notRunIntro }, { kind: "list", items: r.notRun.map((n) => engineText(`${n.analysis}: ${n.reason}`)) });
  const labelled = warningLabeller(r);
  if (r.warnings.length > 0) notes.push({ kind: "text", text: msg().report.warningsIntro }, { kind: "list", items: r.warnings.map((w) => engineText(labelled(w))) });
  if (notes.length > 0) sections.push({ id: "notes", title: msg().section.notes, blocks: notes });
  sections.push({
    id: "software",
    title: msg().section.software,
    blocks: [
      { kind: "list", items: [msg().report.softwareLine(r.software.version, String(r.schemaVersion)), msg().report.dataLine(r.data.file, String(r.data.nRows), r.data.sha256 ? r.data.sha256 : null), msg().report.seedLine(String(r.seed))] },
      { kind: "text", text: msg().report.specAsRun },
      { kind: "pre", text: stringify(r.spec, { lineWidth: 0 }) },
    ],
  });
  // the report's order follows the design (issue 14, docs/report.md "Order of the sections"): a primary analysis from
  // the immortal-time designs is read first, with its curves: right after the patient flow, the analyses not
  // estimable and Table 1, before Survival and every other comparison by treatment ever received (crude, labelled)
  if (primaryLeads(r)) {
    const from = sections.findIndex((x) => x.id === "immortal-time");
    const to = sections.findIndex((x) => !LEAD_IN_SECTIONS.has(x.id));
    if (from > to && to >= 0) sections.splice(to, 0, ...sections.splice(from, 1));
  }
  // the text of each warning in its section (under the numbers that carry its mark); unknown sections fall back to Notes
  const built = new Set(sections.map((x) => x.id));
  const sectionOf = (it: ReadFirstItem): string => (built.has(it.section) ? it.section : "notes");
  if (!built.has("notes") && warnItems.some((it) => sectionOf(it) === "notes")) {
    sections.splice(sections.findIndex((x) => x.id === "software"), 0, { id: "notes", title: msg().section.notes, blocks: [] });
    built.add("notes");
  }
  // a warning that already starts with its analysis's label ("PS-matched Cox (…): not estimable …") is not prefixed twice
  // (a row biased by design named by its scheme, not an estimand: rowsNamedByScheme)
  const itemText = (it: ReadFirstItem): string => (it.kind === "not-run" ? readFirstNotEstimableShown(it, r.notEstimable, r.analyses.effects) : undefined) ?? rowsNamedByScheme(engineText(it.context === "" || it.text.startsWith(`${it.context}: `) ? it.text : `${it.context}: ${it.text}`), it.rows);
  for (let k = 0; k < sections.length; k++) {
    const sec = sections[k];
    const own = warnItems.map((it, j) => ({ it, j })).filter(({ it }) => sectionOf(it) === sec.id || (it.alsoIn ?? []).includes(sec.id));
    if (own.length === 0) continue;
    sections[k] = { ...sec, blocks: [...sec.blocks, { kind: "note", text: msg().report.warningsInSection }, { kind: "list", items: own.map(({ it, j }) => `⚠${j + 1} ${itemText(it)}`) }] };
  }
  const titleOf = new Map(sections.map((x) => [x.id, x.title]));
  const also = (it: ReadFirstItem): string => {
    const titles = (it.alsoIn ?? []).filter((x) => built.has(x)).map((x) => titleOf.get(x) ?? x);
    return titles.length === 0 ? "" : msg().report.alsoConcerns(titles.join(", "));
  };
  const readFirst: ReadFirstEntry[] = warnItems.map((it, j) => ({ mark: `⚠${j + 1}`, text: `${itemText(it)}${also(it)}`, section: sectionOf(it), sectionTitle: titleOf.get(sectionOf(it)) ?? sectionOf(it), serious: seriousWarning(it.text) || tierOf(it) === "primary", tier: tierOf(it) }));
  const model: ReportModel = { title: r.title, readFirst, subtitle: [msg().report.subtitle(r.software.version, r.data.file, String(r.data.nRows), String(r.seed))], sections, ...(currentLanguage() === "en" ? {} : { language: currentLanguage() }) };
  return { model, tables, figures };
}

/**
 * The files of the output directory: report.html, figures/<id>.svg (+ .png with `rasterize`),
 * tables/<id>.csv and tables.docx. Paths use "/" and are relative to the output directory.
 *
 * @example
 * ```ts
 * const files = await renderReport(results, { rasterize: (svg) => svgToPng(svg, { dpi: 300 }) });
 * Object.keys(files); // ["report.html", "figures/km.svg", "figures/km.png", ..., "tables/table1.csv", ..., "tables.docx"]
 * ```
 */
export async function renderReport(results: StudyResults, options: RenderReportOptions = {}): Promise<Record<string, string | Uint8Array>> {
  // the texts in the language asked for (the CLI's --language, else the spec's), numbers with its decimal mark
  const language = options.language ?? results.spec.language ?? "en";
  const { model, tables, figures } = buildReportModel(results, language);
  const files: Record<string, string | Uint8Array> = { "report.html": reportHtml(model) };
  // figure files in the spec's formats (figures.format, default SVG and PNG); the PNGs also go into report.docx
  const formats = new Set(results.spec.figures?.format ?? ["svg", "png"]);
  const png: Record<string, Uint8Array> = {};
  for (const f of figures) {
    if (formats.has("svg")) files[`figures/${f.id}.svg`] = f.svg;
    if (!options.rasterize) continue;
    png[f.id] = await options.rasterize(f.svg);
    if (formats.has("png")) files[`figures/${f.id}.png`] = png[f.id];
    if (formats.has("tiff")) files[`figures/${f.id}.tiff`] = pngToTiff(png[f.id]);
  }
  // CSV tables for people: UTF-8 with a byte-order mark (Excel on Windows), ";" and decimal commas with `excel`
  const style = { bom: results.spec.output?.bom ?? true, excel: options.excel ?? results.spec.output?.excel ?? false };
  for (const t of tables) files[`tables/${t.id}.csv`] = toCsvStyled(reportTableToCsvRows(t.table), style);
  // above 10,000 data rows: the per-patient values that results.json leaves out (src/report/results-output.ts)
  Object.assign(files, patientFiles(results));
  // in the report's order and numbering (the ordered model: an immortal-time primary right after Table 1)
  files["tables.docx"] = await tablesToDocx(
    tablesInReportOrder(model, tables),
    { title: results.title, language },
  );
  // the whole report for the manuscript: styles, captions, figures (the PNGs above), methods, STROBE/TRIPOD checklist
  files["report.docx"] = await reportToDocx(model, { figures: png, title: results.title });
  return files;
}
