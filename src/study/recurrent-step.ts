/**
 * The study's recurrent-event analysis (analyses.recurrent): repeated events of a patient (e.g. repeat
 * pulmonary metastasectomies) given as one column per event — the 1st, 2nd, ... event's date (dates
 * endpoint) or time since the origin in the endpoint's unit (time/status endpoint) — on the follow-up of
 * an endpoint: from its origin to its derived time (death or censoring). The columns become the
 * counting-process layout (Andersen & Gill 1982): per patient the rows (0, t₁], (t₁, t₂], …, (t_m, T]
 * with event = 1 on all but the last (no last row when t_m = T). On that long table the R-checked engines
 * of src/survival/recurrent give the mean cumulative function (per group with `by`) and the Andersen–Gill
 * and PWP total/gap-time Cox models with the robust variance clustered on the patient.
 *
 * R equivalent, with d the long table:
 * `survfit(Surv(.start, .stop, .event) ~ group, data = d, id = .id)`,
 * `coxph(Surv(.start, .stop, .event) ~ x + cluster(.id), data = d)` (+ `strata(enum)` for PWP, and
 * `Surv(.stop - .start, .event)` for the gap time).
 * Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { formatIsoDate, parseDate } from "../data/dates.js";
import { formatNumberLikeR } from "../data/numbers.js";
import { findColumn, selectRows, type Column, type Table } from "../data/table.js";
import { formatName } from "../formula/expr.js";
import { meanCumulativeFunction, type McfResult } from "../survival/recurrent/mcf.js";
import { ghoshLin, type GhoshLinResult } from "../survival/recurrent/ghosh-lin.js";
import { armText } from "./cure-population.js";
import { fitRecurrentCox, type RecurrentCoxResult, type RecurrentModel } from "../survival/recurrent/recurrent-cox.js";
import { covariateObject, endpointOrigin, type RecurrentSpec, type StudySpec } from "./schema.js";
import { RECURRENT_TREATED_NEEDS_DATE, specRuleError } from "./spec-rules.js";
import { groupFactor, type GroupFactor } from "./groups.js";
import { analysisTable, covariateTerms, cutoffName } from "./model-terms.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";

export interface RecurrentStepModel {
  readonly model: RecurrentModel;
  /** "Andersen–Gill", "PWP total time" or "PWP gap time". */
  readonly label: string;
  readonly result: RecurrentCoxResult;
  /** Display label per coefficient (model column name → e.g. "Treatment: yes vs no"). */
  readonly termLabels: Readonly<Record<string, string>>;
}

export interface RecurrentStepResult {
  readonly endpoint: string;
  /** Name of the recurrent event for reports (the spec's label, else "Recurrent events"). */
  readonly label: string;
  readonly unit: string;
  readonly by?: string;
  /** The columns of the 1st, 2nd, ... event, as in the spec. */
  readonly eventColumns: readonly string[];
  /** Patients in the analysis: the endpoint's included patients with follow-up time > 0. */
  readonly nPatients: number;
  /** Recurrent events in the analysis. */
  readonly nEvents: number;
  /** Patients by number of events, for count = 0 … the largest count. */
  readonly eventsPerPatient: readonly { readonly count: number; readonly patients: number }[];
  /** Naive mean cumulative function: the endpoint's event (death) treated as censoring; a labelled comparison only. */
  readonly mcf: McfResult;
  /** Ghosh–Lin mean number of events per patient with the endpoint's event (death) as terminal: the primary curve. */
  readonly ghoshLin: GhoshLinResult;
  /** In words: what stops the recurrences (the endpoint's event). */
  readonly terminalLabel: string;
  /** The index operation: the first event column when it is the treatment's date, and whether it is counted (null otherwise). */
  readonly indexOperation: { readonly column: string; readonly counted: boolean } | null;
  /** Who is followed and from when: all patients from the endpoint's origin, or the treated from the date of treatment (the index operation). */
  readonly population: { readonly kind: "all" | "treated"; readonly description: string; readonly fromTreatment: boolean };
  readonly models: readonly RecurrentStepModel[];
  readonly warnings: readonly string[];
}

/** Display names of the models. */
export const RECURRENT_MODEL_LABELS: Readonly<Record<RecurrentModel, string>> = {
  ag: "Andersen–Gill",
  "pwp-total": "PWP total time",
  "pwp-gap": "PWP gap time",
};

/** Column names of the counting-process layout in the long table (dotted: never a user's column). */
const COLUMNS = { id: ".id", start: ".start", stop: ".stop", event: ".event" } as const;
/** Terminal event (the endpoint's event at the end of follow-up) on a patient's last row. */
const DEATH = ".terminal";

/** Where the event columns' values are measured from, and how they become times in the unit. */
interface EventClock {
  readonly kind: "dates" | "time-status";
  /** Per table row: the origin in days (dates), or 0 (times are already since the origin). */
  readonly origin: Float64Array | undefined;
  readonly daysPerUnit: number;
  /** Administrative cut-off in days since 1970-01-01 (dates endpoints with a cut-off). */
  readonly cutoff: number | undefined;
}

/** The patients' events in time order and the counting-process rows built from them. */
interface RecurrentRows {
  /** Index into the endpoint's included rows, per long-table row. */
  readonly patientOfRow: Int32Array;
  readonly start: Float64Array;
  readonly stop: Float64Array;
  readonly event: Float64Array;
  /** 1 on a patient's last row when the endpoint's event ends the follow-up (terminal event). */
  readonly terminal: Float64Array;
  /** Included-row indices of the analysed patients (follow-up > 0), ascending. */
  readonly patients: Int32Array;
  /** Events per analysed patient, parallel to `patients`. */
  readonly counts: Int32Array;
  readonly warnings: string[];
}

function specError(message: string, hint: string, path: string, code = "SPEC_INVALID"): SurvinferError {
  return new SurvinferError({ code, path, message, hint });
}

/** The values of an event column: days for a dates endpoint (an all-empty column counts as dates), else times. */
function eventValues(table: Table, name: string, kind: EventClock["kind"]): Float64Array {
  const col = findColumn(table, name);
  if (col === undefined) {
    throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: "analyses.recurrent.events", file: table.source.file, message: `the data file has no column ${JSON.stringify(name)}` });
  }
  if (kind === "dates") {
    if (col.kind === "date" || (col.kind === "numeric" && col.values.every((v) => Number.isNaN(v)))) return col.values;
    throw new SurvinferError({
      code: "DATA_INVALID_DATE",
      file: table.source.file,
      column: name,
      message: `holds ${col.kind === "numeric" ? "numbers" : "text"}, not dates (recurrent event of a dates endpoint)`,
      hint: "Give the date of each event, or declare the column's type as date under data.types",
    });
  }
  if (col.kind === "numeric") return col.values;
  throw new SurvinferError({
    code: "DATA_INVALID_NUMBER",
    file: table.source.file,
    column: name,
    message: `holds ${col.kind === "date" ? "dates" : "text"}, not times since the origin (recurrent event of a time/status endpoint)`,
    hint: "Give each event's time since the origin in the endpoint's unit",
  });
}

function eventClock(study: PreparedStudy, spec: StudySpec, endpoint: string, ep: PreparedEndpoint): EventClock {
  const epSpec = spec.endpoints[endpoint];
  const o = ep.derived.options;
  const originName = endpointOrigin(epSpec);
  if (originName === undefined) return { kind: "time-status", origin: undefined, daysPerUnit: o.daysPerUnit, cutoff: undefined };
  const origin = findColumn(study.table, originName);
  if (origin === undefined || origin.kind === "categorical") {
    throw specError(`the origin column ${JSON.stringify(originName)} of endpoint ${endpoint} was not read as dates`, "Declare its type as date", `endpoints.${endpoint}.origin`);
  }
  return { kind: "dates", origin: origin.values, daysPerUnit: o.daysPerUnit, cutoff: o.cutoff === undefined ? undefined : parseDate(o.cutoff, "YYYY-MM-DD") };
}

/** Checks one patient's event cells and returns the event times, and how many fell after the cut-off. */
type EventTimesOf = (i: number, k: number) => { readonly times: number[]; readonly afterCutoff: number };

function eventTimesReader(table: Table, ep: PreparedEndpoint, a: RecurrentSpec, clock: EventClock, skipIndex: boolean, indexIsOrigin = false): EventTimesOf {
  const columns = a.events.map((name) => eventValues(table, name, clock.kind));
  const end = ep.derived.time;
  const show = (v: number): string => (clock.kind === "dates" ? formatIsoDate(v) : formatNumberLikeR(v));
  const fail = (code: string, i: number, j: number, message: string, hint: string): never => {
    throw new SurvinferError({ code, file: table.source.file, row: table.rowNumbers[i], column: a.events[j], value: show(columns[j][i]), message, hint });
  };
  return (i, k) => {
    const times: number[] = [];
    let afterCutoff = 0;
    let empty = -1;
    let previous = -1;
    for (let j = 0; j < columns.length; j++) {
      const v = columns[j][i];
      if (Number.isNaN(v)) {
        if (empty < 0) empty = j;
        continue;
      }
      if (empty >= 0) {
        fail("DATA_RECURRENT_EVENT_GAP", i, j, `column ${a.events[empty]} is empty but the later event column ${a.events[j]} is not`, `Give the events in order without gaps: the 1st in ${a.events[0]}, the 2nd in ${a.events[1] ?? "the next column"}, ...`);
      }
      // population "treated": the index operation is the time origin (time 0), neither checked against it nor counted
      if (j === 0 && indexIsOrigin) {
        previous = j;
        continue;
      }
      // dates: t = (E − O) / days per unit, as the endpoint's times; time/status: the value itself
      const t = clock.origin === undefined ? v : (v - clock.origin[i]) / clock.daysPerUnit;
      if (!(t > 0)) {
        fail("DATA_RECURRENT_EVENT_BEFORE_ORIGIN", i, j, `recurrent event at or before the origin of endpoint ${ep.name} (${formatNumberLikeR(t)} ${ep.unit})`, "An event must come after the start of follow-up: correct the value or the origin");
      }
      if (previous >= 0 && !(v > columns[previous][i])) {
        fail("DATA_RECURRENT_EVENTS_NOT_INCREASING", i, j, `event ${j + 1} (${a.events[j]}) is not after event ${previous + 1} (${a.events[previous]}: ${show(columns[previous][i])})`, "List each patient's events in time order, one event per column, without repeats");
      }
      previous = j;
      if (clock.cutoff !== undefined && v > clock.cutoff) {
        afterCutoff++;
        continue;
      }
      if (t > end[k]) {
        fail("DATA_RECURRENT_EVENT_AFTER_FOLLOWUP", i, j, `recurrent event after the end of follow-up of endpoint ${ep.name} (${formatNumberLikeR(t)} > ${formatNumberLikeR(end[k])} ${ep.unit})`, "Correct the event, or the death / last follow-up date of the endpoint");
      }
      // the index operation (first column = the treatment's date) is checked but not counted unless asked
      if (j === 0 && skipIndex) continue;
      times.push(t);
    }
    return { times, afterCutoff };
  };
}

/**
 * The counting-process rows (0, t₁], (t₁, t₂], …, (t_m, T] of each included patient with follow-up
 * T > 0 (no last row when t_m = T); events after a dates endpoint's cut-off are left out, as the endpoint
 * censors at the cut-off.
 */
function countingProcess(table: Table, ep: PreparedEndpoint, eventTimesOf: EventTimesOf): RecurrentRows {
  const { included, time: end, status: endStatus } = ep.derived;
  const terminal: number[] = [];
  const patientOfRow: number[] = [];
  const start: number[] = [];
  const stop: number[] = [];
  const event: number[] = [];
  const patients: number[] = [];
  const counts: number[] = [];
  let afterCutoff = 0;
  let firstAfterCutoff = 0;
  let zeroFollowUp = 0;
  const push = (k: number, s: number, t: number, d: number): void => {
    patientOfRow.push(k);
    start.push(s);
    stop.push(t);
    event.push(d);
  };
  for (let k = 0; k < included.length; k++) {
    const { times, afterCutoff: dropped } = eventTimesOf(included[k], k);
    if (dropped > 0 && afterCutoff === 0) firstAfterCutoff = table.rowNumbers[included[k]];
    afterCutoff += dropped;
    if (!(end[k] > 0)) {
      zeroFollowUp++;
      continue;
    }
    patients.push(k);
    counts.push(times.length);
    let s = 0;
    for (const t of times) {
      push(k, s, t, 1);
      s = t;
    }
    if (s < end[k]) push(k, s, end[k], 0);
    if (endStatus[k] === 1) terminal[event.length - 1] = 1;
  }
  const warnings: string[] = [];
  if (afterCutoff > 0) warnings.push(`${afterCutoff} recurrent event(s) after the cut-off of endpoint ${ep.name} were left out (first: row ${firstAfterCutoff})`);
  if (zeroFollowUp > 0) warnings.push(`${zeroFollowUp} patient(s) with a follow-up time of 0 are not in the recurrent-event analysis`);
  return {
    patientOfRow: Int32Array.from(patientOfRow),
    start: Float64Array.from(start),
    stop: Float64Array.from(stop),
    event: Float64Array.from(event),
    terminal: Float64Array.from({ length: event.length }, (_, r) => terminal[r] ?? 0),
    patients: Int32Array.from(patients),
    counts: Int32Array.from(counts),
    warnings,
  };
}

/** The grouping on the long table's rows: its column name, display label, reference level and codes. */
interface GroupColumn {
  readonly name: string;
  readonly label: string;
  readonly reference: string;
  /** Factor codes per long-table row (−1 = missing). */
  readonly codes: Int32Array;
  /** The grouping as a factor column (joins the long table when the group is a model term). */
  readonly column: Column;
  /** True when the group enters the models as its own term (not already one of the covariates). */
  readonly isTerm: boolean;
}

function groupColumn(spec: StudySpec, a: RecurrentSpec, by: string, factor: GroupFactor, patientOfRow: Int32Array): GroupColumn {
  const codes = Int32Array.from(patientOfRow, (k) => factor.codes[k]);
  const treatment = spec.treatment;
  const isTreatment = by === "treatment" && treatment !== undefined;
  const name = isTreatment ? treatment.column : by;
  const resolved = (c: string): string => (c === "treatment" && treatment ? treatment.column : c);
  const cov = spec.covariates.map(covariateObject).find((c) => c.name === name);
  const label = isTreatment ? (treatment.label ?? treatment.column) : (cov?.label ?? name);
  const reference = !isTreatment && cov?.reference !== undefined && factor.levels.includes(String(cov.reference)) ? String(cov.reference) : factor.levels[0];
  const column: Column = { kind: "categorical", name, levels: [...factor.levels], codes };
  return { name, label, reference, codes, column, isTerm: !a.covariates.some((c) => resolved(c) === name) };
}

/**
 * The long (counting-process) table: the patient's analysis-table row repeated per interval, plus the
 * layout columns; a group that is a model term replaces its column by the group factor (for the
 * treatment: untreated, treated).
 */
function longTable(base: Table, rows: RecurrentRows, ids: readonly string[], group: GroupColumn | undefined): Table {
  const expanded = selectRows(base, rows.patientOfRow);
  const idLevels = Array.from(rows.patients, (k) => ids[k]);
  const codeOf = new Map(Array.from(rows.patients, (k, p) => [k, p]));
  const layout: Column[] = [
    { kind: "categorical", name: COLUMNS.id, levels: idLevels, codes: Int32Array.from(rows.patientOfRow, (k) => codeOf.get(k) ?? -1) },
    { kind: "numeric", name: COLUMNS.start, values: rows.start },
    { kind: "numeric", name: COLUMNS.stop, values: rows.stop },
    { kind: "numeric", name: COLUMNS.event, values: rows.event },
    { kind: "numeric", name: DEATH, values: rows.terminal },
  ];
  const replace = group?.isTerm === true || (group !== undefined && findColumn(expanded, group.name) === undefined);
  const kept = replace ? expanded.columns.filter((c) => c.name !== group?.name) : expanded.columns;
  return { ...expanded, columns: [...kept, ...(replace && group ? [group.column] : []), ...layout] };
}

/** Display labels of the group's dummies: "Treatment: yes vs no". */
function groupLabels(result: RecurrentCoxResult, group: GroupColumn, term: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of result.terms) {
    if (t.label !== term) continue;
    for (const j of t.columns) {
      const name = result.fit.columnNames[j];
      out[name] = `${group.label}: ${name.slice(t.label.length)} vs ${group.reference}`;
    }
  }
  return out;
}

/** Is the error the engines' "no events" (a model that cannot be fitted for want of events)? */
function isNoEvents(e: unknown): e is SurvinferError {
  return e instanceof SurvinferError && e.code === "COX_NO_EVENTS";
}

/**
 * Runs analyses.recurrent, or returns undefined when the spec has none.
 *
 * Each included patient of the endpoint is followed from the origin to the endpoint's derived time T
 * (death or censoring); the event columns give the times t₁ < t₂ < … ≤ T (a date E becomes (E − O) /
 * days per unit, as the endpoint's times). Errors (SurvinferError naming the file, the user's row, the
 * column and the value): an event at or before the origin (DATA_RECURRENT_EVENT_BEFORE_ORIGIN), after
 * the end of follow-up (DATA_RECURRENT_EVENT_AFTER_FOLLOWUP; events after a dates endpoint's cut-off
 * are left out instead, with a warning), events not strictly increasing across the columns
 * (DATA_RECURRENT_EVENTS_NOT_INCREASING), an empty column followed by a filled one
 * (DATA_RECURRENT_EVENT_GAP); no event at all (SPEC_NO_EVENTS).
 *
 * The mean cumulative function is estimated per group (`by`) or overall; each of `models` is fitted
 * with the covariates (a covariate with a cut-off enters dichotomised, as in the multivariable Cox
 * model) and the group as a factor (reference: the untreated level, or the covariate's reference).
 * A model without events among its complete cases gives a warning instead of a fit.
 *
 * @example
 * ```ts
 * // spec.analyses.recurrent = { endpoint: "os", events: ["date_pm2", "date_pm3"], covariates: ["age_primary"], models: ["ag"] }
 * const rec = recurrentStep(study, spec);
 * rec?.mcf.curves[0].mcf.at(-1); // mean number of repeat operations per patient by the end of follow-up
 * rec?.models[0].result.fit.terms[0].hr;
 * ```
 */
export function recurrentStep(study: PreparedStudy, spec: StudySpec): RecurrentStepResult | undefined {
  const a = spec.analyses.recurrent;
  if (a === undefined) return undefined;
  const ep = study.endpoints.get(a.endpoint);
  if (ep === undefined) {
    throw specError(`endpoint "${a.endpoint}" is not defined under endpoints`, `defined: ${Object.keys(spec.endpoints).join(", ")}`, "analyses.recurrent.endpoint");
  }
  const indexColumn = spec.treatment?.date !== undefined && a.events[0] === spec.treatment.date ? a.events[0] : undefined;
  const skipIndex = indexColumn !== undefined && !a.countIndexOperation;
  const baseClock = eventClock(study, spec, a.endpoint, ep);
  const treatedFrom = a.population === "treated" ? fromTreatment(study, spec, ep, baseClock) : undefined;
  const clock = treatedFrom?.clock ?? baseClock;
  const epUsed = treatedFrom?.ep ?? ep;
  const rows = countingProcess(study.table, epUsed, eventTimesReader(study.table, epUsed, a, clock, skipIndex, treatedFrom !== undefined && indexColumn !== undefined));
  let nEvents = 0;
  for (const c of rows.counts) nEvents += c;
  if (nEvents === 0) {
    throw specError(
      `no recurrent event in ${a.events.join(", ")} among the ${rows.patients.length} patients of endpoint ${a.endpoint}`,
      "Check the event columns (and the endpoint's cut-off), or remove analyses.recurrent",
      "analyses.recurrent.events",
      "SPEC_NO_EVENTS",
    );
  }
  const warnings = [...(treatedFrom?.warnings ?? []), ...rows.warnings];
  const base = analysisTable(study, spec, epUsed);
  const ids = Array.from(epUsed.derived.included, (i) => study.ids[i]);
  const group = a.by === undefined ? undefined : groupColumn(spec, a, a.by, groupFactor(study, a.by, epUsed.derived.included), rows.patientOfRow);
  const table = longTable(base, rows, ids, group);

  const { mcf, ghoshLin: gl } = groupedMcf(table, group, warnings);
  const models = fitModels(table, spec, a, group, warnings);
  const epLabel = spec.endpoints[a.endpoint]?.label ?? a.endpoint;
  const terminalLabel = /overall|os\b/i.test(`${epLabel} ${a.endpoint}`) ? "death" : `the event of ${epLabel.toLowerCase()}`;
  const treatmentLabel = (spec.treatment?.label ?? spec.treatment?.column ?? "treatment").toLowerCase();
  if (indexColumn !== undefined && treatedFrom === undefined) {
    warnings.push(
      a.countIndexOperation
        ? `the index operation (${indexColumn}, the ${treatmentLabel} date) is counted as the first event: patients without ${treatmentLabel} have none by construction, so the groups differ by definition`
        : `the index operation (${indexColumn}, the ${treatmentLabel} date) is not counted: events are the operations after it (set countIndexOperation: true to count it); repeat operations only follow a first one, so patients without ${treatmentLabel} have none by construction (population: treated follows the operated patients from the date of the operation instead)`,
    );
  }

  const maxCount = rows.counts.reduce((m, c) => Math.max(m, c), 0);
  const eventsPerPatient = Array.from({ length: maxCount + 1 }, (_, count) => ({ count, patients: rows.counts.filter((c) => c === count).length }));
  return {
    endpoint: a.endpoint,
    label: a.label ?? "Recurrent events",
    unit: ep.unit,
    by: a.by,
    eventColumns: [...a.events],
    nPatients: rows.patients.length,
    nEvents,
    eventsPerPatient,
    mcf,
    ghoshLin: gl,
    terminalLabel,
    indexOperation: indexColumn === undefined ? null : { column: indexColumn, counted: a.countIndexOperation },
    population: treatedFrom === undefined ? { kind: "all", description: "all patients from the endpoint's origin", fromTreatment: false } : { kind: "treated", description: treatedFrom.description, fromTreatment: true },
    models,
    warnings,
  };
}

/**
 * Population "treated": the treated patients (treatment coded treated) followed from the date of treatment D,
 * the index operation. Per patient the clock's origin becomes D (the endpoint's origin O when D is missing or
 * before O) and the follow-up T − (D − O) / days per unit; everything downstream (event times, the long table,
 * the Ghosh–Lin and Cox fits) then runs unchanged on this endpoint. Needs a dates endpoint and treatment.date.
 */
function fromTreatment(study: PreparedStudy, spec: StudySpec, ep: PreparedEndpoint, clock: EventClock): { ep: PreparedEndpoint; clock: EventClock; description: string; warnings: string[] } {
  const t = study.treatment;
  const dateName = spec.treatment?.date;
  if (t === undefined || dateName === undefined || clock.kind !== "dates" || clock.origin === undefined) {
    // checked before any computation by the validator (study/spec-rules.ts); a step run on its own says the same
    throw specRuleError(RECURRENT_TREATED_NEEDS_DATE);
  }
  const dates = findColumn(study.table, dateName);
  if (dates === undefined || dates.kind !== "date") throw specError(`the treatment date column ${JSON.stringify(dateName)} was not read as dates`, "Declare its type as date", "treatment.date");
  const { included, time, status } = ep.derived;
  const keep: number[] = [];
  const origin = Float64Array.from(clock.origin);
  let noDate = 0;
  for (let k = 0; k < included.length; k++) {
    const i = included[k];
    if (t.codes[i] !== 1) continue;
    keep.push(k);
    const d = dates.values[i];
    if (Number.isFinite(d) && d > clock.origin[i]) origin[i] = d;
    else noDate++;
  }
  // follow-up from the treatment date: T − (D − O) / days per unit
  const shifted = Float64Array.from(keep, (k) => time[k] - (origin[included[k]] - clock.origin![included[k]]) / clock.daysPerUnit);
  const derived = { ...ep.derived, included: Int32Array.from(keep, (k) => included[k]), time: shifted, status: Int32Array.from(keep, (k) => status[k]) };
  const warnings = noDate > 0 ? [`${noDate} treated patient(s) without a treatment date after the origin are followed from the endpoint's origin`] : [];
  return { ep: { ...ep, derived }, clock: { ...clock, origin }, description: `treated patients (${armText(spec, t.column, t.levels[1])}) from the date of treatment`, warnings };
}

/**
 * MCF per group (patients with a missing group left out, with a warning) or overall: the naive MCF (the
 * terminal event as censoring, survfit) and the Ghosh–Lin mean with the terminal event (mets::recurrentMarginal).
 */
function groupedMcf(table: Table, group: GroupColumn | undefined, warnings: string[]): { mcf: McfResult; ghoshLin: GhoshLinResult } {
  const layout = { id: COLUMNS.id, start: COLUMNS.start, stop: COLUMNS.stop, event: COLUMNS.event };
  if (group === undefined) return { mcf: meanCumulativeFunction(table, layout), ghoshLin: ghoshLin(table, { ...layout, death: DEATH }) };
  const keep: number[] = [];
  const missing = new Set<number>();
  const id = findColumn(table, COLUMNS.id);
  for (let r = 0; r < table.nRows; r++) {
    if (group.codes[r] >= 0) keep.push(r);
    else if (id?.kind === "categorical") missing.add(id.codes[r]);
  }
  if (missing.size > 0) warnings.push(`${missing.size} patient(s) with a missing ${group.label} are not in the mean cumulative function by group`);
  const sub = keep.length < table.nRows ? selectRows(table, Int32Array.from(keep)) : table;
  return { mcf: meanCumulativeFunction(sub, { ...layout, by: group.name }), ghoshLin: ghoshLin(sub, { ...layout, death: DEATH, by: group.name }) };
}

/** Fits each requested model; a model without events (after complete cases) becomes a warning. */
function fitModels(table: Table, spec: StudySpec, a: RecurrentSpec, group: GroupColumn | undefined, warnings: string[]): RecurrentStepModel[] {
  const terms = covariateTerms(spec, table);
  const covs = new Map(spec.covariates.map(covariateObject).map((c) => [c.name, c]));
  const formulaTerms = a.covariates.map((name) => {
    const cov = covs.get(name);
    return terms.term(name, cov !== undefined && cutoffName(cov) !== undefined);
  });
  const groupTerm = group?.isTerm === true ? formatName(group.name) : undefined;
  if (groupTerm !== undefined) formulaTerms.push(groupTerm);
  if (formulaTerms.length === 0) {
    warnings.push("no recurrent-event model fitted: name covariates or a by group under analyses.recurrent");
    return [];
  }
  const reference: Record<string, string> = { ...terms.reference };
  if (group !== undefined && groupTerm !== undefined) reference[group.name] = group.reference;
  const models: RecurrentStepModel[] = [];
  for (const model of a.models) {
    const label = RECURRENT_MODEL_LABELS[model];
    let result: RecurrentCoxResult;
    try {
      result = fitRecurrentCox(table, model, { ...COLUMNS, covariates: formulaTerms, reference });
    } catch (e) {
      if (!isNoEvents(e)) throw e;
      warnings.push(`${label} model not fitted: ${e.message}`);
      continue;
    }
    const termLabels = { ...terms.coefficientLabels(result.fit.columnNames, result.terms), ...(group && groupTerm ? groupLabels(result, group, groupTerm) : {}) };
    models.push({ model, label, result, termLabels });
    warnings.push(...result.warnings.map((w) => `${label}: ${w}`));
  }
  return models;
}
