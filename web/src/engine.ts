/**
 * What the app's Web Worker computes, as plain functions over bytes and specs (no DOM, no worker API),
 * so they run and are tested in Node too. Everything goes through the engines the CLI uses:
 * readTable (src/data/read.ts) with the spec's read options (src/study/read-options.ts), deriveEndpoint,
 * medianFollowUp, runStudy and renderReport (without the PNG rasterizer, which needs a native module).
 */
import { readTable, type InferenceEntry, type ReadOptions, type ReadResult } from "../../src/data/read.js";
import { deriveEndpoint, type EndpointSpec as DataEndpointSpec } from "../../src/data/endpoints.js";
import { formatIsoDate } from "../../src/data/dates.js";
import type { Table } from "../../src/data/table.js";
import { checkSpecColumns, prepareStudy, toDataEndpointSpec } from "../../src/study/prepare.js";
import { competingStep } from "../../src/study/competing-step.js";
import { specReadOptions } from "../../src/study/read-options.js";
import type { StudySpec } from "../../src/study/schema.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { medianFollowUp } from "../../src/survival/follow-up.js";
import { flowText, immortalTimeBiased, renderReport } from "../../src/report/render.js";
import { toJson } from "../../src/cli/format.js";
import { CALCULATOR_SCRIPT } from "../../src/report/calculator-script.js";
import { SurvinferError } from "../../src/errors.js";
import type { PatientCalculatorModel } from "../../src/study/calculator.js";
import type { PredictionStepResult } from "../../src/study/prediction-step.js";
import type { CalculatorUse } from "../../src/study/calculator-use.js";
import type { CureStepResult } from "../../src/study/cure-step.js";
import { calculatorTexts, type CalculatorTexts } from "./calculator-texts.js";
import { calculatorWithheldText } from "../../src/report/sections-long-term.js";
import { immortalPrimaryLine } from "../../src/report/primary-headline.js";
import { studyWarningShown } from "../../src/report/not-estimable-shown.js";
import { LANGUAGES, localizeProse, withLanguage, type Language } from "../../src/i18n/language.js";
import type { ConcordanceResult, OptimismResult } from "../../src/survival/validation/index.js";

/** A problem the user can fix, with where it is (same message as the CLI prints after "survinfer: "). */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  readonly line?: number;
  readonly path?: string;
  /** "error": stops the analysis; "excluded": the row is left out (counted in the patient flow). */
  readonly severity: "error" | "excluded";
}

export function problemOf(e: unknown): Problem {
  if (e instanceof SurvinferError) {
    const l = e.location;
    return { code: e.code, message: e.message, file: l.file, row: l.row, column: l.column, value: l.value, line: l.line, path: l.path, severity: "error" };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: "INTERNAL", message: `internal error (please report it): ${message}`, severity: "error" };
}

export interface ColumnInfo extends InferenceEntry {
  /** Levels of a categorical column (at most 50), for treated values and reference levels. */
  readonly levels?: readonly string[];
  readonly nLevels?: number;
}

export type PreviewFormat = { readonly kind: "csv"; readonly delimiter: string } | { readonly kind: "xlsx"; readonly sheet: string } | { readonly kind: "arrow" };

export interface PreviewInfo {
  readonly fileName: string;
  readonly nRows: number;
  readonly columns: readonly ColumnInfo[];
  readonly warnings: readonly string[];
  /** How the file was read: delimited text and its delimiter, or a workbook and its sheet (the app words it in its language). */
  readonly format: PreviewFormat;
  /** A workbook's sheet names (for the sheet control); absent for CSV/TSV files. */
  readonly sheets?: readonly string[];
}

export interface RowsWindow {
  readonly start: number;
  readonly rowNumbers: readonly number[];
  readonly cells: readonly (readonly string[])[];
}

const MAX_LEVELS = 50;

/** Reads the file for the preview (inferred types, with the user's overrides). */
export function readPreview(bytes: Uint8Array, options: ReadOptions): { read: ReadResult; info: PreviewInfo } {
  const read = readTable(bytes, options);
  const columns = read.inference.map((entry, j): ColumnInfo => {
    const col = read.table.columns[j];
    if (col.kind !== "categorical") return { ...entry };
    return { ...entry, levels: col.levels.slice(0, MAX_LEVELS), nLevels: col.levels.length };
  });
  const f = read.format;
  const format: PreviewFormat = f.kind === "csv" ? { kind: "csv", delimiter: f.delimiter } : f.kind === "xlsx" ? { kind: "xlsx", sheet: f.sheet } : { kind: "arrow" };
  const sheets = read.format.kind === "xlsx" ? read.format.sheets : undefined;
  return { read, info: { fileName: options.fileName, nRows: read.table.nRows, columns, warnings: read.warnings, format, ...(sheets !== undefined ? { sheets } : {}) } };
}

/** Cell text for display: dates as YYYY-MM-DD, numbers as JavaScript prints them, "" for missing. */
function cellText(table: Table, j: number, i: number): string {
  const c = table.columns[j];
  if (c.kind === "categorical") return c.codes[i] < 0 ? "" : c.levels[c.codes[i]];
  const v = c.values[i];
  if (Number.isNaN(v)) return "";
  return c.kind === "date" ? formatIsoDate(v) : String(v);
}

/** Rows [start, start + count) of the table as text. */
export function rowsWindow(table: Table, start: number, count: number): RowsWindow {
  const s = Math.max(0, Math.min(start, Math.max(0, table.nRows - 1)));
  const e = Math.min(table.nRows, s + count);
  const rowNumbers: number[] = [];
  const cells: string[][] = [];
  for (let i = s; i < e; i++) {
    rowNumbers.push(table.rowNumbers[i]);
    cells.push(table.columns.map((_, j) => cellText(table, j, i)));
  }
  return { start: s, rowNumbers, cells };
}

/** 0-based table index of a row as the user sees it (header = row 1), or −1. */
export function rowIndex(table: Table, row: number): number {
  const r = table.rowNumbers;
  let lo = 0;
  let hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid] === row) return mid;
    if (r[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface EndpointFeedback {
  readonly name: string;
  readonly ok: boolean;
  readonly n?: number;
  readonly events?: number;
  readonly unit?: string;
  /** Median follow-up (reverse Kaplan–Meier), null when not reached. */
  readonly medianFollowUp?: number | null;
  readonly flow?: string;
  /** The flow's counts (rows read, rows excluded, patients analysed), for the flow in the app's language. */
  readonly flowCounts?: { readonly read: number; readonly excluded: number; readonly analysed: number };
  readonly problems: readonly Problem[];
}

function dataEndpoint(spec: StudySpec, name: string): DataEndpointSpec {
  return toDataEndpointSpec(spec.endpoints[name], spec.data.dateFormat);
}

/**
 * The error that stops the competing-risks analysis of an endpoint with `causes` (DATA_INVALID_CAUSE: a
 * patient with an event whose cause is missing or not listed, naming the row; or an unknown cause
 * column), or undefined. Found by the run's own steps (prepareStudy, then competingStep) on the
 * endpoint alone, so the rule lives in one place (src/study/competing-step.ts).
 */
function causesProblem(spec: StudySpec, name: string, table: Table): Problem | undefined {
  const ep = spec.endpoints[name];
  if (ep.causes === undefined) return undefined;
  const only: StudySpec = { ...spec, endpoints: { [name]: ep }, treatment: undefined, covariates: [], analyses: { competingRisks: { endpoint: name, times: [], covariates: [] } } };
  try {
    competingStep(prepareStudy(only, table, "study.yaml"), only);
    return undefined;
  } catch (e) {
    return problemOf(e);
  }
}

/**
 * Live feedback on the endpoints: for each, n, events, median follow-up (reverse KM) and the rows with
 * problems — the error that stops it (same SurvinferError as the CLI) and the rows it leaves out.
 * An endpoint with causes (the app writes them with the competing-risks analysis) is also checked for
 * the error that would stop that analysis (`causesProblem`, e.g. DATA_INVALID_CAUSE with its row).
 * The file is read as `survinfer run` reads it for this spec.
 */
export function checkEndpoints(bytes: Uint8Array, spec: StudySpec, fileName: string): { feedback: EndpointFeedback[]; readProblem?: Problem; table?: Table } {
  let read: ReadResult;
  try {
    read = readTable(bytes, specReadOptions(spec, fileName));
  } catch (e) {
    return { feedback: [], readProblem: problemOf(e) };
  }
  const table = read.table;
  const feedback = Object.keys(spec.endpoints).map((name): EndpointFeedback => {
    try {
      const only: StudySpec = { ...spec, endpoints: { [name]: spec.endpoints[name] }, treatment: undefined, covariates: [], analyses: {} };
      checkSpecColumns(only, table, "study.yaml");
      const d = deriveEndpoint(table, dataEndpoint(spec, name));
      let events = 0;
      for (let k = 0; k < d.status.length; k++) events += d.status[k];
      const fu = medianFollowUp({ time: d.time, status: d.status });
      const problems: Problem[] = d.exclusions.map((x) => ({
        code: x.code,
        message: `${fileName}, row ${x.row}, column ${JSON.stringify(x.column)}: row excluded: ${x.reason}`,
        file: fileName,
        row: x.row,
        column: x.column,
        value: x.value,
        severity: "excluded",
      }));
      if (events === 0) problems.unshift({ code: "SPEC_NO_EVENTS", message: `endpoint ${name} has no events among ${d.status.length} patients`, severity: "error" });
      const causes = events > 0 ? causesProblem(spec, name, table) : undefined;
      if (causes !== undefined) problems.unshift(causes);
      const flowRows = new Set(d.exclusions.map((x) => x.row)).size;
      return {
        name,
        ok: events > 0 && causes === undefined,
        n: d.status.length,
        events,
        unit: d.options.unit,
        medianFollowUp: fu.strata[0]?.median.estimate ?? null,
        flow: `${table.nRows} read, ${flowRows} excluded, ${d.status.length} analysed`,
        flowCounts: { read: table.nRows, excluded: flowRows, analysed: d.status.length },
        problems,
      };
    } catch (e) {
      return { name, ok: false, problems: [problemOf(e)] };
    }
  });
  return { feedback, table };
}

/** What the calculator panel needs from results.analyses.prediction (field names as in PredictionValidationResult). */
export interface PredictionSummary {
  readonly endpoint: string;
  readonly calculator: PatientCalculatorModel;
  readonly harrell: Pick<ConcordanceResult, "value" | "se">;
  readonly optimism: Pick<OptimismResult, "B" | "indices"> | null;
  /** Whether the report offers the calculator (results.analyses.prediction.calculatorUse; absent in results written before the checks). */
  readonly calculatorUse?: CalculatorUse;
  /** Why the calculator is withheld, as the report says it, in each of the app's languages (null when offered). */
  readonly withheld: Readonly<Record<Language, string>> | null;
  /** The calculator's title, output names and notes in each of the app's languages (web/src/calculator-texts.ts); absent when withheld. */
  readonly texts?: Readonly<Record<Language, CalculatorTexts>>;
}

/**
 * The report's note on a withheld calculator in each language, made as the report makes it: the catalogue's
 * sentence (src/report/sections-long-term.ts calculatorWithheldText, numbers by the report's formatter) in the
 * language in force, then the report's number policy for prose (localizeProse: the decimal comma in German).
 * All three are made here, in the worker, so the app's language switch changes the text without a new run.
 */
export function withheldReasons(p: PredictionStepResult, use: CalculatorUse): Readonly<Record<Language, string>> {
  const out = {} as Record<Language, string>;
  for (const l of LANGUAGES) out[l] = withLanguage(l, () => localizeProse(calculatorWithheldText(p, use)));
  return out;
}

/**
 * What the results view shows, cut from the full results: results.json of 100,000 patients is tens of
 * megabytes (Cox residuals, zph), and copying it to the UI thread would block it for most of a second.
 * The full results travel as the results.json text (one flat string) for the download.
 */
export interface ResultsSummary {
  readonly software: StudyResults["software"];
  readonly title: string;
  readonly data: { readonly file: string; readonly nRows: number };
  readonly endpoints: readonly (Pick<StudyResults["endpoints"][number], "name" | "label" | "unit" | "n" | "events" | "flow"> & {
    /** The patient flow in words in each of the app's languages, as the report words it (English: flow.text). */
    readonly flowText?: Readonly<Record<Language, string>>;
  })[];
  /** KM and effects as they are; of the prediction model only the calculator and its C indices (no fit, no calibration). */
  readonly analyses: Pick<StudyResults["analyses"], "km" | "effects"> & { readonly prediction?: PredictionSummary };
  /** The primary treatment-effect analysis (declared or by the default rule) and why. */
  readonly primary: StudyResults["primary"];
  /**
   * The primary's line when it is an immortal-time design, in each of the app's languages, as the report and
   * summary.txt word it: with the study's analyses, so a clone–censor–weight primary names how its intervals were
   * formed and the caveats its numbers carry (src/report/primary-headline.ts immortalPrimaryLine, as summary.txt); null when the primary is not such a design.
   */
  readonly primaryFirst: Readonly<Record<Language, string>> | null;
  /** "immortal time" when the Kaplan–Meier comparison by treatment is biased by design (src/report/render.ts immortalTimeBiased), else null. */
  readonly kmBiasedByDesign?: string | null;
  /** Analyses that ran but could not be estimated on these data, with the reason (shown first, as in the report). */
  readonly notEstimable: StudyResults["notEstimable"];
  readonly warnings: readonly string[];
  /**
   * `warnings` as the report and summary.txt show them, in each of the app's languages: columns named by their
   * labels and the rows biased by design named by their scheme ("ATE weights", not "ATE"; src/report/not-estimable-shown.ts).
   */
  readonly warningsShown?: Readonly<Record<Language, readonly string[]>>;
}

/** `make()` in each of the app's languages (made in the worker, so the language switch needs no new run). */
function inEachLanguage(make: () => string): Readonly<Record<Language, string>> {
  const out = {} as Record<Language, string>;
  for (const l of LANGUAGES) out[l] = withLanguage(l, make);
  return out;
}

/** The calculator and the C indices of the prediction step (a few kB; its Cox fit and calibration stay in results.json). */
export function predictionSummary(p: PredictionStepResult, cure?: CureStepResult): PredictionSummary {
  const v = p.validation;
  return {
    endpoint: p.endpoint,
    calculator: p.calculator,
    harrell: { value: v.harrell.value, se: v.harrell.se },
    optimism: v.optimism === null ? null : { B: v.optimism.B, indices: v.optimism.indices },
    ...(p.calculatorUse === undefined ? {} : { calculatorUse: p.calculatorUse }),
    withheld: p.calculatorUse === undefined || p.calculatorUse.offered ? null : withheldReasons(p, p.calculatorUse),
    ...(p.calculatorUse === undefined || p.calculatorUse.offered ? { texts: calculatorTexts(p, cure) } : {}),
  };
}

export function resultsSummary(r: StudyResults): ResultsSummary {
  return {
    software: r.software,
    title: r.title,
    data: { file: r.data.file, nRows: r.data.nRows },
    endpoints: r.endpoints.map((e) => ({ name: e.name, label: e.label, unit: e.unit, n: e.n, events: e.events, flow: e.flow, flowText: inEachLanguage(() => flowText(e.flow)) })),
    analyses: { km: r.analyses.km, effects: r.analyses.effects, ...(r.analyses.prediction ? { prediction: predictionSummary(r.analyses.prediction, r.analyses.cure) } : {}) },
    primary: r.primary,
    primaryFirst: immortalPrimaryLine(r) === null ? null : inEachLanguage(() => immortalPrimaryLine(r) ?? ""),
    kmBiasedByDesign: r.analyses.km !== undefined && immortalTimeBiased(r, r.analyses.km.by) ? "immortal time" : null,
    notEstimable: r.notEstimable ?? [],
    warnings: r.warnings,
    warningsShown: inEachLanguageList(() => r.warnings.map(studyWarningShown(r))),
  };
}

/** `make()` in each of the app's languages, for a list of texts. */
function inEachLanguageList(make: () => readonly string[]): Readonly<Record<Language, readonly string[]>> {
  const out = {} as Record<Language, readonly string[]>;
  for (const l of LANGUAGES) out[l] = withLanguage(l, make);
  return out;
}

export interface RunOutput {
  readonly results: StudyResults;
  /** results.json exactly as `survinfer run` writes it. */
  readonly resultsJson: string;
  /** report.html, figures/*.svg, tables/*.csv, tables.docx (as renderReport makes them, without PNGs). */
  readonly files: Record<string, string | Uint8Array>;
}

/**
 * The whole study, as `survinfer run study.yaml` runs it (reading included), and its report.
 * `onStep(step)` says when a step starts; `onStep("bootstrap", done, total)` follows the bootstrap
 * replicate by replicate (runStudy's onProgress).
 */
export async function runAll(
  bytes: Uint8Array,
  spec: StudySpec,
  fileName: string,
  onStep?: (step: string, done?: number, total?: number) => void,
  lifeTable?: { readonly bytes: Uint8Array; readonly name: string },
): Promise<RunOutput> {
  onStep?.("reading the data");
  const read = readTable(bytes, specReadOptions(spec, fileName));
  // the relative-survival cure model's life table, read as the CLI reads it (readLifeTable: a data file, no options)
  const lifeTableData = lifeTable === undefined ? undefined : readTable(lifeTable.bytes, { fileName: lifeTable.name }).table;
  onStep?.("running the analyses");
  const onProgress = onStep && ((step: string, done: number, total: number): void => onStep(step, done, total));
  const dataSha256 = await sha256Hex(bytes);
  const results = runStudy({ spec, table: read.table, inference: read.inference, readWarnings: read.warnings, specFile: "study.yaml", dataSha256, onProgress, ...(lifeTableData === undefined ? {} : { lifeTable: lifeTableData }) });
  onStep?.("rendering the report");
  const resultsJson = toJson(results);
  const files = await renderReport(results);
  return { results: JSON.parse(resultsJson) as StudyResults, resultsJson: resultsJson + "\n", files };
}

/**
 * SHA-256 of the data file's bytes as lower-case hex (Web Crypto, in the browser as in Node), recorded
 * as results `data.sha256` exactly as `survinfer run` records it; undefined where the browser offers no
 * Web Crypto (pages not served from a secure origin), and then the field is left out.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const digest = new Uint8Array(await subtle.digest("SHA-256", new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * report.html for the app's report frame: without the report's one executable script (the calculator's,
 * src/report/calculator-script.ts, removed by its exact text). The frame is sandboxed without scripts
 * and the page's CSP allows none inline, so the browser would only block it (a console error); the
 * report's calculator then shows the median patient, and the app's own calculator panel is the
 * interactive one. The report.html download keeps the script.
 */
export function frameHtml(reportHtml: string): string {
  return reportHtml.split(`<script>${CALCULATOR_SCRIPT}</script>`).join("");
}

/** MIME type of a report file by its name. */
function mimeOf(name: string): string {
  if (name.endsWith(".html")) return "text/html";
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".csv")) return "text/csv";
  if (name.endsWith(".svg")) return "image/svg+xml";
  if (name.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "application/octet-stream";
}

/**
 * Every output of a run as a Blob, keyed by its path in the CLI's output directory (results.json,
 * report.html, tables.docx, tables/*.csv, figures/*.svg). Made in the worker: a Blob crosses to the UI
 * thread as a handle, where a string of tens of megabytes would be copied and encoded there.
 */
export function outputBlobs(out: RunOutput): Record<string, Blob> {
  const blobs: Record<string, Blob> = { "results.json": new Blob([out.resultsJson], { type: mimeOf("results.json") }) };
  for (const [name, body] of Object.entries(out.files)) {
    const part: BlobPart = typeof body === "string" ? body : (body.slice().buffer as ArrayBuffer);
    blobs[name] = new Blob([part], { type: mimeOf(name) });
  }
  return blobs;
}
