/**
 * From a parsed spec and the read table to what the analyses need: every referenced column checked
 * against the data (errors point at the spec's line), each endpoint derived from its dates or
 * columns with its patient flow, and the treatment as a two-level factor (untreated first).
 * Pure: no file I/O.
 */
import { SurvinferError } from "../errors.js";
import { deriveEndpoint, type EndpointResult, type EndpointSpec as DataEndpointSpec } from "../data/endpoints.js";
import { cellLabel, flowSummary, nearestNames, type FlowSummary } from "../data/validate.js";
import { indicatorColumn, treatmentFromDate, treatmentIndicator, type TreatmentIndicator } from "../data/treatment.js";
import { findColumn, type Table } from "../data/table.js";
import { isContactEndpoint, isDatesEndpoint, type EndpointSpec, type StudySpec } from "./schema.js";
import { specColumnReferences } from "./spec-columns.js";
import type { SpecPath } from "./spec-source.js";
import type { SpecIssue } from "./spec-issues.js";

export type LineOf = (path: SpecPath, opts?: { key?: boolean }) => number | undefined;

export interface PreparedEndpoint {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly derived: EndpointResult;
  readonly flow: FlowSummary;
}


export interface PreparedStudy {
  readonly spec: StudySpec;
  readonly table: Table;
  readonly endpoints: ReadonlyMap<string, PreparedEndpoint>;
  readonly treatment?: TreatmentIndicator;
  /** Patient id per table row: the spec's id column, else the 1-based data row number. */
  readonly ids: readonly string[];
}

/** An error about the spec's node at `path`, located at the line of its key. */
function specError(specFile: string, lineOf: LineOf | undefined, path: SpecPath, message: string, hint?: string, code = "SPEC_DATA_MISMATCH"): SurvinferError {
  return new SurvinferError({ code, file: specFile, line: lineOf?.(path, { key: true }), path: path.join("."), message, hint });
}

/**
 * Every column the spec names that the data lack (SPEC_UNKNOWN_COLUMN) or hold with an unusable type
 * (SPEC_COLUMN_TYPE), in the spec's order: the header and the inferred types are enough.
 */
export function specColumnIssues(spec: StudySpec, table: Table, lineOf?: LineOf): SpecIssue[] {
  const names = table.columns.map((c) => c.name);
  const issues: SpecIssue[] = [];
  for (const ref of specColumnReferences(spec, lineOf)) {
    const col = findColumn(table, ref.column);
    const at = { path: ref.path, pathParts: ref.pathParts, line: ref.line };
    if (col === undefined) {
      const near = nearestNames(ref.column, names);
      issues.push({
        ...at,
        code: "SPEC_UNKNOWN_COLUMN",
        message: `the data file ${table.source.file} has no column ${JSON.stringify(ref.column)}`,
        hint: near.length > 0 ? `Did you mean ${near.map((n) => JSON.stringify(n)).join(" or ")}?` : `Its columns are ${names.join(", ")}`,
      });
    } else if (ref.expectedKind !== undefined && col.kind !== ref.expectedKind && !(ref.expectedKind === "categorical")) {
      issues.push({
        ...at,
        code: "SPEC_COLUMN_TYPE",
        message: `column ${JSON.stringify(ref.column)} is used as ${ref.role} and must hold ${ref.expectedKind === "date" ? "dates" : "numbers"}, but was read as ${col.kind}`,
        hint: `Declare it under data.types or fix the values (see the inference report)`,
      });
    }
  }
  return issues;
}

/** Checks that every column the spec names exists in the data with a usable type; throws the first problem ({@link specColumnIssues}). */
export function checkSpecColumns(spec: StudySpec, table: Table, specFile: string, lineOf?: LineOf): void {
  const [first] = specColumnIssues(spec, table, lineOf);
  if (first !== undefined) throw new SurvinferError({ code: first.code!, file: specFile, line: first.line, path: first.path, message: first.message, hint: first.hint });
}

/** The data layer's endpoint spec for a spec endpoint (one mapping, shared with the app). */
export function toDataEndpointSpec(ep: EndpointSpec, dateFormat: StudySpec["data"]["dateFormat"]): DataEndpointSpec {
  if (isDatesEndpoint(ep)) {
    return { origin: ep.origin, event: ep.event, censor: ep.censor, cutoff: ep.cutoff, dateFormat, unit: ep.unit };
  }
  // a YAML true/false status value matches the TRUE/FALSE text of a logical column
  const codes = (vs: readonly (string | number | boolean)[]): (string | number)[] => vs.map((v) => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v));
  const censored = ep.censored === undefined ? {} : { censored: codes(ep.censored) };
  if (isContactEndpoint(ep)) {
    return { origin: ep.origin, lastContact: ep.lastContact, status: ep.status, values: codes(ep.values), ...censored, cutoff: ep.cutoff, dateFormat, unit: ep.unit };
  }
  return { time: ep.time, status: ep.status, values: codes(ep.values), ...censored, unit: ep.unit };
}

/** A treatment given by its date alone: its derived indicator's name must not be a column of the data already (SPEC_DATA_MISMATCH). */
export function derivedTreatmentIssues(spec: StudySpec, table: Table): SpecIssue[] {
  const t = spec.treatment;
  if (t === undefined || !("fromDate" in t) || t.date === undefined || findColumn(table, t.column) === undefined) return [];
  return [{ path: "treatment.date", pathParts: ["treatment", "date"], atKey: true, code: "SPEC_DATA_MISMATCH", message: `the data already have a column ${JSON.stringify(t.column)}, the name of the indicator derived from ${t.date}`, hint: "rename that column, or give it as treatment.column" }];
}

function treatmentFactor(spec: StudySpec, table: Table, specFile: string, lineOf?: LineOf): TreatmentIndicator | undefined {
  const t = spec.treatment;
  if (t === undefined) return undefined;
  if ("fromDate" in t && t.date !== undefined) {
    const [clash] = derivedTreatmentIssues(spec, table);
    if (clash !== undefined) throw specError(specFile, lineOf, clash.pathParts, clash.message, clash.hint, clash.code);
    const ind = treatmentFromDate(table, t.date, t.column, t.check);
    if (ind.nTreated === 0) throw specError(specFile, lineOf, ["treatment", "date"], `no patient has a date in ${t.date}: nobody was treated`, "check the column and data.dateFormat", "SPEC_TREATMENT_ONE_LEVEL");
    if (ind.nUntreated === 0) throw specError(specFile, lineOf, ["treatment", "date"], `every patient has a date in ${t.date}: there is no comparison group`, undefined, "SPEC_TREATMENT_ONE_LEVEL");
    return ind;
  }
  const ind = treatmentIndicator(table, t.column, t.treated, t.empty);
  const values = `its values are ${ind.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (ind.nTreated === 0) {
    throw specError(specFile, lineOf, ["treatment", "treated"], `no patient has ${t.column} = ${JSON.stringify(String(t.treated))}`, values, "SPEC_TREATMENT_ONE_LEVEL");
  }
  if (ind.nUntreated === 0) {
    throw specError(specFile, lineOf, ["treatment", "column"], `every patient has ${t.column} = ${JSON.stringify(String(t.treated))}: there is no comparison group`, values, "SPEC_TREATMENT_ONE_LEVEL");
  }
  return ind;
}

/**
 * The table the analyses read: a treatment given by its date gains its derived no/yes column, a yes/no
 * column whose empty cells mean untreated is replaced by the resolved one (so models, Table 1 and the
 * curves all see the same groups); otherwise the table as read.
 */
function analysisTable(spec: StudySpec, table: Table, ind: TreatmentIndicator | undefined): Table {
  const t = spec.treatment;
  if (t === undefined || ind === undefined) return table;
  if ("fromDate" in t) return { ...table, columns: [...table.columns, indicatorColumn(ind)] };
  if (t.empty !== "untreated") return table;
  return { ...table, columns: table.columns.map((c) => (c.name === t.column ? indicatorColumn(ind) : c)) };
}

export function prepareStudy(spec: StudySpec, table: Table, specFile: string, lineOf?: LineOf): PreparedStudy {
  checkSpecColumns(spec, table, specFile, lineOf);
  const endpoints = new Map<string, PreparedEndpoint>();
  for (const [name, ep] of Object.entries(spec.endpoints)) {
    const derived = deriveEndpoint(table, toDataEndpointSpec(ep, spec.data.dateFormat));
    let events = 0;
    for (let k = 0; k < derived.status.length; k++) events += derived.status[k];
    if (events === 0) {
      throw specError(specFile, lineOf, ["endpoints", name], `endpoint ${name} has no events among ${derived.status.length} patients`, "Check the event column(s) and the cut-off: survival cannot be compared without events", "SPEC_NO_EVENTS");
    }
    endpoints.set(name, {
      name,
      label: ep.label ?? name,
      unit: derived.options.unit,
      derived,
      flow: flowSummary(table.nRows, derived.exclusions),
    });
  }
  const idColumn = spec.data.id === undefined ? undefined : findColumn(table, spec.data.id);
  const ids = Array.from({ length: table.nRows }, (_, i) => (idColumn === undefined ? String(i + 1) : cellLabel(idColumn, i)));
  const treatment = treatmentFactor(spec, table, specFile, lineOf);
  return { spec, table: analysisTable(spec, table, treatment), endpoints, treatment, ids };
}
