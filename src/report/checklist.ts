/**
 * Reporting checklists for the Word document: STROBE for cohort studies (von Elm et al. 2007,
 * doi:10.1371/journal.pmed.0040296) and, when the report holds a prediction model, TRIPOD for model
 * development (Collins et al. 2015, doi:10.7326/M14-0697). Each item says where the report covers it
 * (section, table, figure) or that the author has to write it (background, setting, discussion, funding):
 * survinfer reports analyses, not the manuscript around them. Locations are resolved against the report
 * that was built, so an item never points to a table or section that is not in the document.
 */
import type { ReportModel } from "./html.js";
import { msg } from "../i18n/messages.js";
import type { ReportTable } from "./csv.js";

/** Where an item is reported: report section ids, table ids, figure ids (any of them may be absent from a given report). */
export interface ChecklistWhere {
  readonly sections?: readonly string[];
  readonly tables?: readonly string[];
  readonly figures?: readonly string[];
}

export interface ChecklistItem {
  readonly item: string;
  readonly topic: string;
  readonly recommendation: string;
  /** Undefined: the author writes it (survinfer does not). */
  readonly where?: ChecklistWhere;
}

/** What the report cannot say: the author writes it. */
export const AUTHOR_TEXT = "Author (not produced by survinfer)";

/** STROBE checklist for cohort studies (von Elm et al. 2007), items 1–22, shortened. */
export const STROBE_COHORT: readonly ChecklistItem[] = [
  { item: "1a", topic: "Title and abstract", recommendation: "Indicate the study design with a commonly used term" },
  { item: "1b", topic: "Title and abstract", recommendation: "Informative and balanced summary of what was done and found" },
  { item: "2", topic: "Background/rationale", recommendation: "Scientific background and rationale" },
  { item: "3", topic: "Objectives", recommendation: "Specific objectives, including prespecified hypotheses" },
  { item: "4", topic: "Study design", recommendation: "Key elements of study design early in the paper", where: { sections: ["methods"] } },
  { item: "5", topic: "Setting", recommendation: "Setting, locations, periods of recruitment, exposure, follow-up, data collection" },
  { item: "6a", topic: "Participants", recommendation: "Eligibility criteria, sources and methods of selection; methods of follow-up", where: { sections: ["flow", "methods"], figures: ["flow"] } },
  { item: "6b", topic: "Participants", recommendation: "Matched studies: matching criteria and number of exposed and unexposed", where: { sections: ["propensity"], tables: ["matching"] } },
  { item: "7", topic: "Variables", recommendation: "Define outcomes, exposures, predictors, potential confounders and effect modifiers", where: { sections: ["methods", "software"] } },
  { item: "8", topic: "Data sources/measurement", recommendation: "Sources of data and methods of assessment for each variable of interest" },
  { item: "9", topic: "Bias", recommendation: "Efforts to address potential sources of bias", where: { sections: ["propensity", "immortal-time", "sensitivity", "methods"] } },
  { item: "10", topic: "Study size", recommendation: "How the study size was arrived at", where: { sections: ["flow", "sensitivity"], tables: ["flow"] } },
  { item: "11", topic: "Quantitative variables", recommendation: "How quantitative variables were handled; which groupings were chosen and why", where: { sections: ["methods"], tables: ["cox-continuous", "cox-linearity"] } },
  { item: "12a", topic: "Statistical methods", recommendation: "All statistical methods, including those used to control for confounding", where: { sections: ["methods"] } },
  { item: "12b", topic: "Statistical methods", recommendation: "Methods used to examine subgroups and interactions", where: { sections: ["methods"] } },
  { item: "12c", topic: "Statistical methods", recommendation: "How missing data were addressed", where: { sections: ["methods", "missing-data"] } },
  { item: "12d", topic: "Statistical methods", recommendation: "How loss to follow-up was addressed", where: { sections: ["methods", "survival"] } },
  { item: "12e", topic: "Statistical methods", recommendation: "Sensitivity analyses", where: { sections: ["sensitivity"] } },
  { item: "13a", topic: "Participants", recommendation: "Numbers of individuals at each stage of the study", where: { sections: ["flow"], figures: ["flow"], tables: ["flow"] } },
  { item: "13b", topic: "Participants", recommendation: "Reasons for non-participation at each stage", where: { tables: ["flow"], figures: ["flow"] } },
  { item: "13c", topic: "Participants", recommendation: "Flow diagram", where: { figures: ["flow"] } },
  { item: "14a", topic: "Descriptive data", recommendation: "Characteristics of participants and information on exposures and potential confounders", where: { tables: ["table1"] } },
  { item: "14b", topic: "Descriptive data", recommendation: "Number of participants with missing data for each variable of interest", where: { tables: ["table1"], sections: ["missing-data"] } },
  { item: "14c", topic: "Descriptive data", recommendation: "Follow-up time (average and total amount)", where: { tables: ["survival"] } },
  { item: "15", topic: "Outcome data", recommendation: "Numbers of outcome events or summary measures over time", where: { tables: ["survival"], figures: ["km"] } },
  { item: "16a", topic: "Main results", recommendation: "Unadjusted and confounder-adjusted estimates with their precision (95% CI); which confounders and why", where: { sections: ["effects", "cox"], figures: ["forest-effects"] } },
  { item: "16b", topic: "Main results", recommendation: "Category boundaries when continuous variables were categorised", where: { tables: ["cox"] } },
  { item: "16c", topic: "Main results", recommendation: "Relative risk translated into absolute risk for a meaningful time period", where: { tables: ["survival", "rmst"], sections: ["adjusted-curves", "immortal-time"] } },
  { item: "17", topic: "Other analyses", recommendation: "Other analyses done: subgroups, interactions, sensitivity analyses", where: { sections: ["competing-risks", "sensitivity", "missing-data", "cure", "recurrent"] } },
  { item: "18", topic: "Key results", recommendation: "Summarise key results with reference to study objectives" },
  { item: "19", topic: "Limitations", recommendation: "Limitations, sources of bias or imprecision, their direction and magnitude (the report's warnings are listed under Read first)" },
  { item: "20", topic: "Interpretation", recommendation: "Cautious overall interpretation of results" },
  { item: "21", topic: "Generalisability", recommendation: "External validity of the study results" },
  { item: "22", topic: "Funding", recommendation: "Source of funding and the role of the funders" },
];

/** TRIPOD checklist, the items of a model development study (Collins et al. 2015), shortened. */
export const TRIPOD_DEVELOPMENT: readonly ChecklistItem[] = [
  { item: "1", topic: "Title", recommendation: "Identify the study as developing a prediction model, the population and the outcome" },
  { item: "2", topic: "Abstract", recommendation: "Summary of objectives, design, setting, participants, sample size, predictors, outcome, analysis, results, conclusions" },
  { item: "3a", topic: "Background", recommendation: "Medical context and rationale for developing the model" },
  { item: "3b", topic: "Objectives", recommendation: "Objectives: development, validation or both" },
  { item: "4a", topic: "Source of data", recommendation: "Study design or source of data", where: { sections: ["methods", "flow"] } },
  { item: "4b", topic: "Source of data", recommendation: "Key study dates: start and end of accrual, end of follow-up" },
  { item: "5a", topic: "Participants", recommendation: "Key elements of the study setting" },
  { item: "5b", topic: "Participants", recommendation: "Eligibility criteria for participants", where: { sections: ["prediction", "flow"] } },
  { item: "5c", topic: "Participants", recommendation: "Details of treatments received, if relevant", where: { sections: ["prediction"] } },
  { item: "6a", topic: "Outcome", recommendation: "Define the outcome, how and when assessed", where: { sections: ["methods", "prediction"] } },
  { item: "6b", topic: "Outcome", recommendation: "Actions to blind assessment of the outcome" },
  { item: "7a", topic: "Predictors", recommendation: "Define all predictors, how and when measured", where: { sections: ["prediction", "methods"] } },
  { item: "7b", topic: "Predictors", recommendation: "Actions to blind assessment of predictors" },
  { item: "8", topic: "Sample size", recommendation: "How the study size was arrived at", where: { sections: ["prediction", "sensitivity"] } },
  { item: "9", topic: "Missing data", recommendation: "How missing data were handled", where: { sections: ["methods", "missing-data"] } },
  { item: "10a", topic: "Statistical analysis", recommendation: "How predictors were handled", where: { sections: ["prediction", "methods"] } },
  { item: "10b", topic: "Statistical analysis", recommendation: "Type of model, model building, predictor selection, internal validation", where: { sections: ["prediction", "methods"] } },
  { item: "10d", topic: "Statistical analysis", recommendation: "Measures to assess model performance", where: { sections: ["prediction"] } },
  { item: "11", topic: "Risk groups", recommendation: "How risk groups were created, if done" },
  { item: "13a", topic: "Participants", recommendation: "Flow of participants, with the number with and without the outcome and follow-up", where: { figures: ["flow"], sections: ["prediction"] } },
  { item: "13b", topic: "Participants", recommendation: "Characteristics of participants, including missing data", where: { tables: ["table1"], sections: ["prediction", "missing-data"] } },
  { item: "14a", topic: "Model development", recommendation: "Number of participants and outcome events in each analysis", where: { sections: ["prediction"] } },
  { item: "14b", topic: "Model development", recommendation: "Unadjusted association between each candidate predictor and outcome", where: { tables: ["cox"] } },
  { item: "15a", topic: "Model specification", recommendation: "The full model: all coefficients and the baseline survival at given time points", where: { sections: ["prediction"] } },
  { item: "15b", topic: "Model specification", recommendation: "How to use the model", where: { sections: ["prediction"], figures: ["nomogram"] } },
  { item: "16", topic: "Model performance", recommendation: "Performance measures with confidence intervals", where: { sections: ["prediction"], figures: ["calibration", "decision-curve"] } },
  { item: "18", topic: "Limitations", recommendation: "Limitations: non-representative sample, few events per predictor, missing data" },
  { item: "19b", topic: "Interpretation", recommendation: "Overall interpretation of the results" },
  { item: "20", topic: "Implications", recommendation: "Potential clinical use of the model and implications for research" },
  { item: "21", topic: "Supplementary information", recommendation: "Availability of supplementary resources: protocol, calculator, data sets", where: { sections: ["software", "prediction"] } },
  { item: "22", topic: "Funding", recommendation: "Source of funding and the role of the funders" },
];

/** Numbers given to the document's tables and figures (by id), as the Word document captions them. */
export interface CaptionNumbers {
  readonly table: ReadonlyMap<string, number>;
  readonly figure: ReadonlyMap<string, number>;
}

/**
 * Tables and figures numbered in the order they appear in the report (Table 1, 2, …; Figure 1, 2, …). Journals
 * expect Table 1 to be the baseline characteristics, so the tables of the sections before it (the patient-flow
 * numbers, whose figure is numbered, and the list of analyses not estimable) are captioned without a number
 * (referee B16, session 12).
 */
export function captionNumbers(model: ReportModel): CaptionNumbers {
  const table = new Map<string, number>();
  const figure = new Map<string, number>();
  let leadIn = model.sections.some((s) => s.id === "table1");
  for (const s of model.sections) {
    if (s.id === "table1") leadIn = false;
    for (const b of s.blocks) {
      if (b.kind === "table" && !table.has(b.id) && !leadIn) table.set(b.id, table.size + 1);
      else if (b.kind === "figure" && !figure.has(b.figure.id)) figure.set(b.figure.id, figure.size + 1);
    }
  }
  return { table, figure };
}

/**
 * Where an item is reported in this document, e.g. "“Patient flow”; Figure 1; Table 2": only the sections,
 * tables and figures that exist; {@link AUTHOR_TEXT} when the item is the author's or none of them exists.
 */
export function whereReported(where: ChecklistWhere | undefined, model: ReportModel, numbers: CaptionNumbers): string {
  const author = msg().docx.author;
  if (where === undefined) return author;
  const titles = new Map(model.sections.map((s) => [s.id, s.title]));
  const parts: string[] = [];
  for (const id of where.sections ?? []) {
    const t = titles.get(id);
    if (t !== undefined) parts.push(`“${t}”`);
  }
  for (const id of where.figures ?? []) {
    const k = numbers.figure.get(id);
    if (k !== undefined) parts.push(`${msg().docx.figure} ${k}`);
  }
  for (const id of where.tables ?? []) {
    const k = numbers.table.get(id);
    if (k !== undefined) parts.push(`${msg().docx.table} ${k}`);
  }
  return parts.length === 0 ? msg().docx.notInReport(author) : parts.join("; ");
}

/** Whether the report holds a prediction model (then TRIPOD applies besides STROBE). */
export function reportsPredictionModel(model: ReportModel): boolean {
  return model.sections.some((s) => s.id === "prediction");
}

/**
 * The checklist tables of a report: STROBE (cohort) always, TRIPOD (development) when a prediction model
 * is reported. Columns: item, topic, recommendation, where reported in this document.
 */
export function checklistTables(model: ReportModel, numbers: CaptionNumbers = captionNumbers(model)): { readonly id: string; readonly table: ReportTable }[] {
  const make = (items: readonly ChecklistItem[], title: string, reference: string): ReportTable => ({
    title,
    headers: [[msg().docx.checklistItem, msg().docx.checklistTopic, msg().docx.checklistRecommendation, msg().docx.checklistReported]],
    rows: items.map((it) => [it.item, it.topic, it.recommendation, whereReported(it.where, model, numbers)]),
    footnotes: [reference],
  });
  const out = [{ id: "checklist-strobe", table: make(STROBE_COHORT, msg().docx.strobeTitle, msg().docx.strobeReference) }];
  if (reportsPredictionModel(model)) {
    out.push({ id: "checklist-tripod", table: make(TRIPOD_DEVELOPMENT, msg().docx.tripodTitle, msg().docx.tripodReference) });
  }
  return out;
}
