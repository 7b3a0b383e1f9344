/**
 * The app's form state and the study spec it stands for. Pure (no DOM, no storage): the UI edits a
 * `FormState`, `buildSpecInput` turns it into the spec a user would write by hand, `specYaml` prints
 * that spec as study.yaml, and `parseStudySpec` (the CLI's own front door) validates it. So the app and
 * `survinfer run study.yaml` are two faces of one spec: whatever the app runs, the exported YAML reruns.
 */
import { ARROW_EXT } from "../../src/data/arrow-kind.js";
import { stringify } from "yaml";
import type { ColumnKind } from "../../src/data/table.js";
import type { ReadOptions } from "../../src/data/read.js";
import { parseStudySpec } from "../../src/study/spec.js";
import { CURE_MODELS, RECURRENT_MODELS, type StudySpec, type StudySpecInput } from "../../src/study/schema.js";
import { LANGUAGES, type Language } from "../../src/i18n/language.js";
import { messagesFor } from "../../src/i18n/messages.js";

export type DateFormatChoice = "" | "DD.MM.YYYY" | "MM/DD/YYYY" | "DD/MM/YYYY" | "YYYY-MM-DD" | "excel-serial";
export type Unit = "days" | "months" | "years";
export type CureModelChoice = (typeof CURE_MODELS)[number];
export type CurePopulationChoice = "all" | "treated" | "untreated";
/** Recurrent-event models: Andersen–Gill, Prentice–Williams–Peterson total time and gap time. */
export type RecurrentModelChoice = (typeof RECURRENT_MODELS)[number];

/** One value (level) of the cause column and the cause it means; cause "" = not a cause of the event. */
export interface CauseEntry {
  value: string;
  cause: string;
}

export interface EndpointForm {
  /** Key under endpoints (e.g. "os"). */
  name: string;
  label: string;
  /** dates: origin/event/last follow-up; contact: origin, date of last contact and a vital-status column; columns: time/status. */
  mode: "dates" | "contact" | "columns";
  origin: string;
  /** One event date column, or several for a composite endpoint (first of them). */
  events: string[];
  /** Last follow-up date (dates), or date of last contact (contact). */
  censor: string;
  unit: Unit;
  /** Ready-made time column (columns). */
  time: string;
  /** Status column (columns), or vital-status column (contact). */
  status: string;
  /** Comma-separated status values meaning "event". */
  statusValues: string;
}

export interface CovariateForm {
  name: string;
  label: string;
  type: "" | "numeric" | "categorical";
  reference: string;
  cutoffKind: "" | "above" | "atLeast";
  cutoffValue: string;
  cutoffLabel: string;
}

export interface FormState {
  title: string;
  /** Name of the data file (goes into data.file). */
  fileName: string;
  idColumn: string;
  dateFormat: DateFormatChoice;
  /** Comma-separated missing-value tokens; empty string = the default list. */
  missing: string;
  /** Decimal mark declared by the user; "" = detected from the cells. */
  decimal: "" | "." | ",";
  /** Field delimiter of a CSV/TSV file; "" = sniffed. */
  delimiter: "" | "," | ";" | "tab" | "|";
  /** Text encoding of a CSV/TSV file; "" = UTF-8, else Windows-1252 (the reader says so). */
  encoding: "" | "utf-8" | "windows-1252";
  /** Workbook sheet; "" = the first. */
  sheet: string;
  /** Column types the user chose in the preview (override inference). */
  types: Record<string, ColumnKind>;
  endpoints: EndpointForm[];
  treatment: { column: string; treated: string; date: string; label: string };
  covariates: CovariateForm[];
  analyses: {
    table1: boolean;
    km: boolean;
    kmEndpoint: string;
    /** Comma-separated times. */
    kmTimes: string;
    logrank: boolean;
    rmst: boolean;
    rmstTau: string;
    cox: boolean;
    /** Covariates of the multivariable model. */
    coxMultivariable: string[];
    matching: boolean;
    ratio: string;
    caliper: string;
    distance: "logit" | "ps";
    replace: boolean;
    order: "largest" | "smallest" | "random" | "data";
    weighting: boolean;
    estimand: "ATE" | "ATT" | "ATC" | "ATO";
    stabilize: boolean;
    /** Bootstrap replicates of the treatment effects (blank: no bootstrap). */
    bootstrap: string;
    immortalTime: boolean;
    landmark: string;
    timeDependent: boolean;
    /** Pre-operative prediction model (analyses.prediction): Cox model, validation and per-patient calculator. */
    prediction: boolean;
    /** Covariates left out of the prediction model; every other chosen covariate is in it (so new ones are in by default). */
    predictionExcluded: string[];
    /** Horizon t in the endpoint's unit (blank: `defaultHorizon` of the unit). */
    predictionTime: string;
    /** Bootstrap replicates of Harrell's optimism correction (0: none; blank: the spec's default, 200). */
    predictionBootstrap: string;
    /** Mixture cure model (analyses.cure): who is cured (logistic incidence) and the survival of the uncured (latency). */
    cure: boolean;
    /** Latency model of the uncured: Weibull (maximum likelihood) or semiparametric PH (EM as R smcure). */
    cureModel: CureModelChoice;
    /** Cure fraction per treatment arm (by: treatment; the arm joins both parts as a factor). */
    cureByTreatment: boolean;
    /** Covariates of the incidence (who is cured) model, in the order ticked. */
    cureIncidence: string[];
    /** Latency covariates = the incidence covariates (latency left out of the spec). */
    cureLatencySame: boolean;
    /** Covariates of the latency model when not the incidence ones, in the order ticked. */
    cureLatency: string[];
    /** Bootstrap replicates of the PH model's standard errors (smcure's nboot; blank: the spec's default, 100). */
    cureBootstrap: string;
    /** Patients of the cure model (analyses.cure.population): all, or one arm ("treated": from the treatment date when given). */
    curePopulation: CurePopulationChoice;
    /** Cause of the cure model (analyses.cure.cause), one of the causes named for competing risks; "" = the event from any cause. */
    cureCause: string;
    /** Competing risks (analyses.competingRisks), with the causes of the analysed endpoint's event (endpoints.<ep>.causes). */
    competingRisks: boolean;
    /** Column with the cause of the event (categorical; read only for patients with an event). */
    competingCauseColumn: string;
    /** Each value of the cause column with its cause name, in order: causes are numbered 1, 2, ... as their names first appear; same name = one cause. */
    competingCauses: CauseEntry[];
    /** Cumulative incidence per treatment arm with Gray's test (by: treatment). */
    competingByTreatment: boolean;
    /** Cumulative incidence reported at the Kaplan–Meier times (else at `competingTimes`). */
    competingTimesSameAsKm: boolean;
    /** Comma-separated times (when not the Kaplan–Meier times). */
    competingTimes: string;
    /** Covariates of the cause-specific Cox and Fine–Gray models, in the order ticked. */
    competingCovariates: string[];
    /** Recurrent events (analyses.recurrent) over the analysed endpoint's follow-up. */
    recurrent: boolean;
    /** Columns of the 1st, 2nd, ... recurrent event (dates for a dates endpoint, times since the origin otherwise), in order; "" = not chosen yet. */
    recurrentEvents: string[];
    /** Name of the recurrent event for the report (blank: the spec's default, "Recurrent events"). */
    recurrentLabel: string;
    /** Mean cumulative number of events per treatment arm, the arm joining the models (by: treatment). */
    recurrentByTreatment: boolean;
    /** Covariates of the recurrent-event Cox models, in the order ticked. */
    recurrentCovariates: string[];
    /** Models fitted (all three by default). */
    recurrentModels: RecurrentModelChoice[];
    /** analyses.recurrent.population: "treated" follows the treated from the treatment date (needs its date); "all" everyone from the origin. */
    recurrentPopulation: "all" | "treated";
  };
  seed: string;
  /** Language of the report and of the app's texts (the switch in the header); English unless chosen. */
  language?: Language;
}

export const FORM_VERSION = 1;

/** The label the form gives endpoint "os" at first, in the app's language (it goes into study.yaml and the report). */
export function defaultEndpointLabel(language: Language = "en"): string {
  return messagesFor(language).app.labelPlaceholder;
}

export function emptyEndpoint(name = "os", language: Language = "en"): EndpointForm {
  return { name, label: name === "os" ? defaultEndpointLabel(language) : "", mode: "dates", origin: "", events: [""], censor: "", unit: "months", time: "", status: "", statusValues: "1" };
}

export function emptyCovariate(name: string): CovariateForm {
  return { name, label: "", type: "", reference: "", cutoffKind: "", cutoffValue: "", cutoffLabel: "" };
}

/**
 * The form in another language: the language set, and the labels the form wrote by default (an endpoint
 * label still as the form gave it, in any language) rewritten in the new one; labels the user typed stay.
 */
export function switchLanguage(f: FormState, language: Language): FormState {
  const defaults = new Set(LANGUAGES.map(defaultEndpointLabel));
  const endpoints = f.endpoints.map((e) => (defaults.has(e.label) ? { ...e, label: defaultEndpointLabel(language) } : e));
  return { ...f, language, endpoints };
}

/** The empty form; in `language` when not English (its default labels in that language, and the switch set). */
export function defaultForm(language: Language = "en"): FormState {
  return {
    ...(language === "en" ? {} : { language }),
    title: "",
    fileName: "",
    idColumn: "",
    dateFormat: "",
    missing: "",
    decimal: "",
    delimiter: "",
    encoding: "",
    sheet: "",
    types: {},
    endpoints: [emptyEndpoint("os", language)],
    treatment: { column: "", treated: "", date: "", label: "" },
    covariates: [],
    analyses: {
      table1: true,
      km: true,
      kmEndpoint: "os",
      kmTimes: "12, 36, 60",
      logrank: true,
      rmst: false,
      rmstTau: "",
      cox: true,
      coxMultivariable: [],
      matching: true,
      ratio: "1",
      caliper: "0.2",
      distance: "logit",
      replace: false,
      order: "random", // the study default (seeded by the study seed); largest-first biases the matched HR
      weighting: true,
      estimand: "ATE",
      stabilize: true,
      bootstrap: "",
      // on, as the study runs it by default when the treatment has a date after the origin
      immortalTime: true,
      landmark: "",
      timeDependent: true,
      prediction: false,
      predictionExcluded: [],
      predictionTime: "",
      predictionBootstrap: "200",
      cure: false,
      cureModel: "weibull",
      cureByTreatment: false,
      cureIncidence: [],
      cureLatencySame: true,
      cureLatency: [],
      cureBootstrap: "100",
      curePopulation: "all",
      cureCause: "",
      competingRisks: false,
      competingCauseColumn: "",
      competingCauses: [],
      competingByTreatment: true,
      competingTimesSameAsKm: true,
      competingTimes: "",
      competingCovariates: [],
      recurrent: false,
      recurrentEvents: [""],
      recurrentLabel: "Recurrent event",
      recurrentByTreatment: false,
      recurrentCovariates: [],
      recurrentModels: [...RECURRENT_MODELS],
      recurrentPopulation: "all",
    },
    seed: "1",
  };
}

/** Default prediction horizon: 5 years in the endpoint's unit (1826 days = ⌊5 × 365.25⌋, 60 months, 5 years). */
export function defaultHorizon(unit: Unit): number {
  return unit === "days" ? 1826 : unit === "years" ? 5 : 60;
}

/** Covariates of the prediction model: the chosen covariates (not the treatment) minus those left out, in the form's order. */
export function predictionCovariates(f: FormState): string[] {
  const excluded = new Set(f.analyses.predictionExcluded);
  return f.covariates.map((c) => c.name).filter((n) => n !== "" && n !== f.treatment.column && !excluded.has(n));
}

/** The ticked covariates still chosen in section 4 (never the treatment), once each, in the order ticked. */
function keepChosen(f: FormState, list: readonly string[]): string[] {
  const chosen = new Set(f.covariates.map((c) => c.name).filter((n) => n !== "" && n !== f.treatment.column));
  return [...new Set(list)].filter((n) => chosen.has(n));
}

/** Covariates of the cure model's incidence and latency parts: the ticked ones still chosen (not the treatment), in the order ticked. */
export function cureCovariates(f: FormState): { incidence: string[]; latency: string[] | undefined } {
  const a = f.analyses;
  return { incidence: keepChosen(f, a.cureIncidence), latency: a.cureLatencySame ? undefined : keepChosen(f, a.cureLatency) };
}

/** Covariates of the competing-risks regression models: the ticked ones still chosen (not the treatment), in the order ticked. */
export function competingCovariates(f: FormState): string[] {
  return keepChosen(f, f.analyses.competingCovariates);
}

/** Covariates of the recurrent-event models: the ticked ones still chosen (not the treatment), in the order ticked. */
export function recurrentCovariates(f: FormState): string[] {
  return keepChosen(f, f.analyses.recurrentCovariates);
}

/** The Kaplan–Meier times as the spec gets them: the positive numbers of the list. */
export function kmTimes(a: Pick<FormState["analyses"], "kmTimes">): number[] {
  return splitList(a.kmTimes)
    .map(Number)
    .filter((x) => Number.isFinite(x) && x > 0);
}

/** Times of the cumulative incidence: the Kaplan–Meier times, or the typed ones as typed (the parser says what is wrong). */
export function competingTimes(a: Pick<FormState["analyses"], "kmTimes" | "competingTimesSameAsKm" | "competingTimes">): number[] {
  return a.competingTimesSameAsKm ? kmTimes(a) : splitList(a.competingTimes).map(Number);
}

/** One cause per value, named as the value: the default mapping of a cause column's levels. */
export function defaultCauses(levels: readonly string[]): CauseEntry[] {
  return levels.map((value) => ({ value, cause: value }));
}

/**
 * endpoints.<ep>.causes.values of the mapping: cause name → value, or the list of values given that
 * name, in the order the names first appear (cause k = the k-th name); values without a name are left out.
 *
 * @example
 * causeValues([{ value: "sarcoma", cause: "Sarcoma" }, { value: "cardiac", cause: "Other" }, { value: "other", cause: "Other" }, { value: "alive", cause: "" }]);
 * // { Sarcoma: "sarcoma", Other: ["cardiac", "other"] }
 */
export function causeValues(entries: readonly CauseEntry[]): Record<string, string | string[]> {
  const byName = new Map<string, string[]>();
  for (const e of entries) {
    const name = e.cause.trim();
    if (name === "") continue;
    const values = byName.get(name) ?? [];
    if (!values.includes(e.value)) values.push(e.value);
    byName.set(name, values);
  }
  return Object.fromEntries([...byName].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

/**
 * The mapping as the form shows it: the entries in their order, then the column's levels that have no
 * entry yet (cause "", i.e. not a cause). Entries for values the data no longer have are kept.
 */
export function causeRows(entries: readonly CauseEntry[], levels: readonly string[]): CauseEntry[] {
  const listed = new Set(entries.map((e) => e.value));
  return [...entries, ...levels.filter((l) => !listed.has(l)).map((value) => ({ value, cause: "" }))];
}

/**
 * Levels of the cause column that mean no cause: a patient with an event whose cause is one of these
 * stops the run (DATA_INVALID_CAUSE), as does one whose cause is missing.
 */
export function unmappedLevels(entries: readonly CauseEntry[], levels: readonly string[]): string[] {
  return causeRows(entries, levels)
    .filter((e) => e.cause.trim() === "" && levels.includes(e.value))
    .map((e) => e.value);
}

/** Comma/semicolon/space separated list, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A number typed in a text box, or undefined when blank or not a number. */
function num(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

/** Missing-value tokens as typed: comma-separated, kept verbatim (an empty token "" is written as two commas or `""`). */
export function missingTokens(text: string): string[] | undefined {
  if (text.trim() === "") return undefined;
  return text.split(",").map((s) => {
    const t = s.trim();
    return t === '""' ? "" : t;
  });
}

/** Is there a treatment: a yes/no column with its treated value, or a date column alone (treated from that date)? */
export function formHasTreatment(t: FormState["treatment"]): boolean {
  return (t.column !== "" && t.treated !== "") || (t.column === "" && t.date !== "");
}

/** Is the endpoint complete enough to be analysed? */
export function endpointComplete(e: EndpointForm): boolean {
  if (e.name.trim() === "") return false;
  if (e.mode === "dates") return e.origin !== "" && e.censor !== "" && e.events.some((x) => x !== "");
  if (e.mode === "contact") return e.origin !== "" && e.censor !== "" && e.status !== "" && splitList(e.statusValues).length > 0;
  return e.time !== "" && e.status !== "" && splitList(e.statusValues).length > 0;
}

function endpointSpec(e: EndpointForm): NonNullable<StudySpecInput["endpoints"]>[string] {
  const label = e.label.trim() === "" ? {} : { label: e.label.trim() };
  if (e.mode === "dates") {
    const events = e.events.filter((x) => x !== "");
    return { ...label, origin: e.origin, event: events.length === 1 ? events[0] : events, censor: e.censor, unit: e.unit };
  }
  const values = splitList(e.statusValues).map((v) => (num(v) !== undefined ? Number(v) : v));
  if (e.mode === "contact") return { ...label, origin: e.origin, lastContact: e.censor, status: e.status, values, unit: e.unit };
  return { ...label, time: e.time, status: e.status, values, unit: e.unit };
}

function covariateSpec(c: CovariateForm): NonNullable<StudySpecInput["covariates"]>[number] {
  const out: { name: string; type?: "numeric" | "categorical"; reference?: string; label?: string; cutoff?: { above?: number; atLeast?: number; label?: string } } = { name: c.name };
  if (c.label.trim() !== "") out.label = c.label.trim();
  const cut = num(c.cutoffValue);
  if (c.cutoffKind !== "" && cut !== undefined) {
    out.cutoff = c.cutoffKind === "above" ? { above: cut } : { atLeast: cut };
    if (c.cutoffLabel.trim() !== "") out.cutoff.label = c.cutoffLabel.trim();
  } else {
    if (c.type !== "") out.type = c.type;
    if (c.reference !== "") out.reference = c.reference;
  }
  return Object.keys(out).length === 1 ? c.name : out;
}

/**
 * The study spec (as a user writes it, before defaults) that the form stands for. Blank or incomplete
 * parts are left out rather than guessed; `parseStudySpec` then reports what is still missing.
 *
 * @example
 * const input = buildSpecInput({ ...defaultForm(), title: "T", fileName: "cohort.csv" });
 * input.data; // { file: "cohort.csv" }
 */
export function buildSpecInput(f: FormState): StudySpecInput {
  const data: StudySpecInput["data"] = { file: f.fileName || "data.csv" };
  if (f.idColumn !== "") data.id = f.idColumn;
  if (f.dateFormat !== "") data.dateFormat = f.dateFormat;
  const missing = missingTokens(f.missing);
  if (missing !== undefined) data.missing = missing;
  // an Arrow file carries its own types: the text reader's settings left from an earlier file do not apply
  const text = !ARROW_EXT.test(f.fileName);
  if (f.decimal !== "" && text) data.decimal = f.decimal;
  if (f.delimiter !== "" && text) data.delimiter = f.delimiter;
  if (f.encoding !== "" && text) data.encoding = f.encoding;
  if (f.sheet !== "" && text) data.sheet = f.sheet;
  if (Object.keys(f.types).length > 0) data.types = { ...f.types };

  const endpoints: Record<string, NonNullable<StudySpecInput["endpoints"]>[string]> = {};
  for (const e of f.endpoints) if (endpointComplete(e)) endpoints[e.name.trim()] = endpointSpec(e);
  const endpointNames = Object.keys(endpoints);
  const a = f.analyses;
  const outcome = endpointNames.includes(a.kmEndpoint) ? a.kmEndpoint : endpointNames[0];
  // the causes of the analysed endpoint's event, for the competing-risks analysis and a cause-specific cure model
  if ((a.competingRisks || (a.cure && a.cureCause !== "")) && outcome !== undefined && a.competingCauseColumn !== "") {
    endpoints[outcome] = { ...endpoints[outcome], causes: { column: a.competingCauseColumn, values: causeValues(a.competingCauses) } };
  }

  const t = f.treatment;
  // a treatment is a yes/no column (with its date when known), or its date alone (treated from that date, empty = never)
  const byDate = t.column === "" && t.date !== "";
  const hasTreatment = formHasTreatment(t);
  const tLabel = t.label.trim() !== "" ? { label: t.label.trim() } : {};
  const treatment: StudySpecInput["treatment"] = !hasTreatment
    ? undefined
    : byDate
      ? { date: t.date, ...tLabel }
      : { column: t.column, treated: t.treated, ...(t.date !== "" ? { date: t.date } : {}), ...tLabel };
  const covariates = f.covariates.filter((c) => c.name !== "" && c.name !== t.column).map(covariateSpec);
  const covNames = new Set(f.covariates.map((c) => c.name));

  const analyses: NonNullable<StudySpecInput["analyses"]> = {};
  const by = hasTreatment ? { by: "treatment" } : {};
  if (a.table1 && (hasTreatment || covariates.length > 0)) analyses.table1 = { ...by, smd: hasTreatment };
  if (outcome !== undefined) {
    if (a.km) analyses.km = { endpoint: outcome, ...by, times: kmTimes(a) };
    if (a.logrank && hasTreatment) analyses.logrank = { endpoint: outcome, by: "treatment" };
    if (a.rmst && hasTreatment) {
      const tau = num(a.rmstTau);
      analyses.rmst = { endpoint: outcome, by: "treatment", ...(tau !== undefined && tau > 0 ? { tau } : {}) };
    }
    if (a.cox && covariates.length > 0) {
      analyses.cox = { endpoint: outcome, univariable: "all", multivariable: a.coxMultivariable.filter((n) => covNames.has(n) && n !== t.column) };
    }
  }
  if (hasTreatment && covariates.length > 0 && (a.matching || a.weighting)) {
    const caliper = a.caliper.trim() === "" ? null : num(a.caliper);
    analyses.propensity = {
      ...(a.matching ? { matching: { ratio: Math.max(1, Math.round(num(a.ratio) ?? 1)), caliper: caliper ?? null, distance: a.distance, replace: a.replace, order: a.order } } : {}),
      ...(a.weighting ? { weighting: { estimand: a.estimand, stabilize: a.estimand === "ATO" ? false : a.stabilize } } : {}),
    };
    // passed on as typed (even when < 10 or fractional): the spec parser then says what is wrong
    const replicates = num(a.bootstrap);
    if (replicates !== undefined) analyses.propensity.bootstrap = { replicates };
  }
  if (hasTreatment && t.date !== "") {
    const landmark = num(a.landmark);
    // unchecked = explicitly off (the study then says the comparisons by treatment received are biased); leaving
    // it out would run the immortal-time designs anyway, by default
    analyses.immortalTime = a.immortalTime ? { ...(landmark !== undefined && landmark > 0 ? { landmark } : {}), timeDependent: a.timeDependent } : false;
  }
  if (a.prediction && outcome !== undefined) {
    const unit = f.endpoints.find((e) => e.name.trim() === outcome)?.unit ?? "months";
    // replicates passed on as typed (like the propensity bootstrap): the spec parser says what is wrong
    const replicates = num(a.predictionBootstrap);
    analyses.prediction = { endpoint: outcome, covariates: predictionCovariates(f), time: num(a.predictionTime) ?? defaultHorizon(unit), ...(replicates !== undefined ? { bootstrap: replicates } : {}) };
  }
  if (a.competingRisks && outcome !== undefined) {
    analyses.competingRisks = { endpoint: outcome, ...(a.competingByTreatment && hasTreatment ? { by: "treatment" } : {}), times: competingTimes(a), covariates: competingCovariates(f) };
  }
  if (a.cure && outcome !== undefined) analyses.cure = cureSpecInput(f, outcome, hasTreatment);
  if (a.recurrent && outcome !== undefined) analyses.recurrent = recurrentSpecInput(f, outcome, hasTreatment);
  const seed = num(f.seed);
  return {
    title: f.title.trim() || messagesFor(f.language ?? "en").app.untitledStudy,
    data,
    endpoints,
    ...(treatment ? { treatment } : {}),
    covariates,
    analyses,
    seed: seed !== undefined && Number.isInteger(seed) && seed >= 0 ? seed : 1,
    // the spec's language only when not English: an English study.yaml stays as it was
    ...(f.language !== undefined && f.language !== "en" ? { language: f.language } : {}),
  };
}

/**
 * The prediction part of the form that a spec's analyses.prediction stands for (the inverse of
 * `buildSpecInput` for it, e.g. to read a study.yaml back into the form): covariates not listed are
 * left out; no list means all. The endpoint is the form's analysed endpoint (`kmEndpoint`).
 */
export function predictionForm(
  spec: Pick<StudySpec, "analyses" | "covariates">,
): Pick<FormState["analyses"], "prediction" | "predictionExcluded" | "predictionTime" | "predictionBootstrap"> {
  const p = spec.analyses.prediction;
  if (p === undefined) return { prediction: false, predictionExcluded: [], predictionTime: "", predictionBootstrap: "200" };
  const names = spec.covariates.map((c) => (typeof c === "string" ? c : c.name));
  const listed = new Set(p.covariates ?? names);
  return { prediction: true, predictionExcluded: names.filter((n) => !listed.has(n)), predictionTime: String(p.time), predictionBootstrap: String(p.bootstrap) };
}

/** analyses.cure of the form for the analysed endpoint; latency is left out when it is the incidence model (the spec's default). */
function cureSpecInput(f: FormState, endpoint: string, hasTreatment: boolean): NonNullable<NonNullable<StudySpecInput["analyses"]>["cure"]> {
  const a = f.analyses;
  const { incidence, latency } = cureCovariates(f);
  // replicates passed on as typed (like the other bootstraps): the spec parser says what is wrong
  const replicates = num(a.cureBootstrap);
  // one arm: the treatment cannot also group the model (the spec refuses it)
  const population = hasTreatment ? a.curePopulation : "all";
  return {
    endpoint,
    model: a.cureModel,
    ...(a.cureCause !== "" ? { cause: a.cureCause } : {}),
    ...(population !== "all" ? { population } : {}),
    ...(a.cureByTreatment && hasTreatment && population === "all" ? { by: "treatment" } : {}),
    incidence,
    ...(latency !== undefined ? { latency } : {}),
    ...(a.cureModel === "ph" && replicates !== undefined ? { bootstrap: replicates } : {}),
  };
}

/**
 * The cure part of the form that a spec's analyses.cure stands for (the inverse of `buildSpecInput`
 * for it): no latency list means "same as incidence". The endpoint is the form's analysed endpoint
 * (`kmEndpoint`); the form groups by the treatment only (`by` naming another column is not kept),
 * and uses the spec's confLevel default (0.95).
 */
export function cureForm(
  spec: Pick<StudySpec, "analyses">,
): Pick<FormState["analyses"], "cure" | "cureModel" | "cureByTreatment" | "cureIncidence" | "cureLatencySame" | "cureLatency" | "cureBootstrap" | "curePopulation" | "cureCause"> {
  const c = spec.analyses.cure;
  if (c === undefined) {
    const d = defaultForm().analyses;
    return { cure: false, cureModel: d.cureModel, cureByTreatment: d.cureByTreatment, cureIncidence: [], cureLatencySame: true, cureLatency: [], cureBootstrap: d.cureBootstrap, curePopulation: d.curePopulation, cureCause: d.cureCause };
  }
  return {
    cure: true,
    cureModel: c.model,
    cureByTreatment: c.by === "treatment",
    cureIncidence: [...c.incidence],
    cureLatencySame: c.latency === undefined,
    cureLatency: [...(c.latency ?? [])],
    cureBootstrap: String(c.bootstrap ?? 100),
    curePopulation: c.population ?? "all",
    cureCause: c.cause ?? "",
  };
}

/** analyses.recurrent of the form for the analysed endpoint; models are left out when all three (the spec's default). */
function recurrentSpecInput(f: FormState, endpoint: string, hasTreatment: boolean): NonNullable<NonNullable<StudySpecInput["analyses"]>["recurrent"]> {
  const a = f.analyses;
  const label = a.recurrentLabel.trim();
  // in the spec's order, whatever the order ticked; none ticked is passed on for the parser to name
  const models = RECURRENT_MODELS.filter((m) => a.recurrentModels.includes(m));
  return {
    endpoint,
    events: a.recurrentEvents.filter((x) => x !== ""),
    ...(label !== "" ? { label } : {}),
    ...(a.recurrentByTreatment && hasTreatment ? { by: "treatment" } : {}),
    covariates: recurrentCovariates(f),
    ...(models.length === RECURRENT_MODELS.length ? {} : { models }),
    // from the treatment date: needs the treatment's date (the spec says so otherwise)
    ...(a.recurrentPopulation === "treated" && hasTreatment ? { population: "treated" as const } : {}),
  };
}

/** Text of a cause value of the spec as the data show it (a YAML true/false is TRUE/FALSE, as the engine reads it). */
function valueText(v: string | number | boolean): string {
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

/**
 * The competing-risks part of the form that a spec's analyses.competingRisks and its endpoint's causes
 * stand for (the inverse of `buildSpecInput` for them). Every listed value becomes an entry under its
 * cause name, in the spec's order. The times are "the Kaplan–Meier times" when they equal analyses.km's.
 * The form groups by the treatment only (`by` naming another column is not kept), and values are text
 * (a number 1 in the spec comes back as "1", which the engine reads alike).
 */
export function competingForm(
  spec: Pick<StudySpec, "analyses" | "endpoints">,
): Pick<
  FormState["analyses"],
  "competingRisks" | "competingCauseColumn" | "competingCauses" | "competingByTreatment" | "competingTimesSameAsKm" | "competingTimes" | "competingCovariates"
> {
  const cr = spec.analyses.competingRisks;
  const d = defaultForm().analyses;
  if (cr === undefined) {
    return { competingRisks: false, competingCauseColumn: "", competingCauses: [], competingByTreatment: d.competingByTreatment, competingTimesSameAsKm: true, competingTimes: "", competingCovariates: [] };
  }
  const causes = spec.endpoints[cr.endpoint]?.causes;
  const entries = Object.entries(causes?.values ?? {}).flatMap(([cause, v]) => (Array.isArray(v) ? v : [v]).map((x: string | number | boolean) => ({ value: valueText(x), cause })));
  const km = spec.analyses.km?.times;
  const same = km !== undefined && km.length === cr.times.length && km.every((t, i) => t === cr.times[i]);
  return {
    competingRisks: true,
    competingCauseColumn: causes?.column ?? "",
    competingCauses: entries,
    competingByTreatment: cr.by === "treatment",
    competingTimesSameAsKm: same,
    competingTimes: same ? "" : cr.times.join(", "),
    competingCovariates: [...cr.covariates],
  };
}

/**
 * The recurrent-events part of the form that a spec's analyses.recurrent stands for (the inverse of
 * `buildSpecInput` for it). No label: blank (the spec's default label). The form groups by the
 * treatment only; models come back in the spec's order of RECURRENT_MODELS.
 */
export function recurrentForm(
  spec: Pick<StudySpec, "analyses">,
): Pick<FormState["analyses"], "recurrent" | "recurrentEvents" | "recurrentLabel" | "recurrentByTreatment" | "recurrentCovariates" | "recurrentModels" | "recurrentPopulation"> {
  const r = spec.analyses.recurrent;
  if (r === undefined) {
    const d = defaultForm().analyses;
    return { recurrent: false, recurrentEvents: d.recurrentEvents, recurrentLabel: d.recurrentLabel, recurrentByTreatment: d.recurrentByTreatment, recurrentCovariates: [], recurrentModels: d.recurrentModels, recurrentPopulation: d.recurrentPopulation };
  }
  return {
    recurrent: true,
    recurrentEvents: [...r.events],
    recurrentLabel: r.label ?? "",
    recurrentByTreatment: r.by === "treatment",
    recurrentCovariates: [...r.covariates],
    recurrentModels: RECURRENT_MODELS.filter((m) => r.models.includes(m)),
    recurrentPopulation: r.population ?? "all",
  };
}

/** study.yaml text of a spec (input form, no defaults added), with a header saying where it came from. */
export function specYaml(input: StudySpecInput): string {
  const header = "# Study spec exported by the survinfer app; rerun with: survinfer run study.yaml\n# Put the data file next to this file (data.file).\n";
  return header + stringify(input, { lineWidth: 0 });
}

/** The spec of the form, validated by the CLI's parser (throws StudySpecError listing every problem). */
export function formSpec(f: FormState): { spec: StudySpec; yaml: string } {
  const yaml = specYaml(buildSpecInput(f));
  return { spec: parseStudySpec(yaml, "study.yaml"), yaml };
}

/** readTable options for the preview: what the data section of the form says (no endpoint overrides yet). */
export function previewReadOptions(f: FormState, fileName: string): ReadOptions {
  const columns: Record<string, { type: ColumnKind }> = {};
  for (const [name, type] of Object.entries(f.types)) columns[name] = { type };
  return previewOptions(ARROW_EXT.test(fileName) ? { ...f, decimal: "", delimiter: "", encoding: "", sheet: "" } : f, fileName, columns); // as in buildSpecInput
}

function previewOptions(f: FormState, fileName: string, columns: Record<string, { type: ColumnKind }>): ReadOptions {
  return {
    fileName,
    dateFormat: f.dateFormat === "" ? undefined : f.dateFormat,
    missing: missingTokens(f.missing),
    ...(f.decimal !== "" ? { decimal: f.decimal } : {}),
    ...(f.delimiter !== "" ? { delimiter: f.delimiter === "tab" ? "\t" : f.delimiter } : {}),
    ...(f.encoding !== "" ? { encoding: f.encoding } : {}),
    ...(f.sheet !== "" ? { sheet: f.sheet } : {}),
    columns,
    skipAbsentColumnOverrides: true,
  };
}
