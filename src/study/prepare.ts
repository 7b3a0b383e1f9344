/**
 * From a parsed spec and the read table to what the analyses need: every referenced column checked
 * against the data (errors point at the spec's line), each endpoint derived from its dates or
 * columns with its patient flow, and the treatment as a two-level factor (untreated first).
 * Pure: no file I/O.
 */
import { SurvinferError } from "../errors.js";
import { deriveEndpoint, type EndpointResult, type EndpointSpec as DataEndpointSpec } from "../data/endpoints.js";
import { flowSummary, nearestNames, cellLabel, type FlowSummary } from "../data/validate.js";
import { findColumn, type Column, type Table } from "../data/table.js";
import { isDatesEndpoint, type EndpointSpec, type StudySpec } from "./schema.js";
import { specColumnReferences } from "./spec-columns.js";
import type { SpecPath } from "./spec-source.js";

export type LineOf = (path: SpecPath, opts?: { key?: boolean }) => number | undefined;

export interface PreparedEndpoint {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly derived: EndpointResult;
  readonly flow: FlowSummary;
}

export interface TreatmentFactor {
  readonly column: string;
  /** [untreated label, treated label]. */
  readonly levels: readonly [string, string];
  /** 1 treated, 0 untreated, −1 missing; per table row. */
  readonly codes: Int32Array;
}

export interface PreparedStudy {
  readonly spec: StudySpec;
  readonly table: Table;
  readonly endpoints: ReadonlyMap<string, PreparedEndpoint>;
  readonly treatment?: TreatmentFactor;
}

function specError(specFile: string, lineOf: LineOf | undefined, path: SpecPath, message: string, hint?: string, code = "SPEC_DATA_MISMATCH"): SurvinferError {
  return new SurvinferError({ code, file: specFile, line: lineOf?.(path), path: path.join("."), message, hint });
}

/** Checks that every column the spec names exists in the data with a usable type. */
export function checkSpecColumns(spec: StudySpec, table: Table, specFile: string, lineOf?: LineOf): void {
  const names = table.columns.map((c) => c.name);
  for (const ref of specColumnReferences(spec, lineOf)) {
    const col = findColumn(table, ref.column);
    if (col === undefined) {
      const near = nearestNames(ref.column, names);
      throw new SurvinferError({
        code: "SPEC_UNKNOWN_COLUMN",
        file: specFile,
        line: ref.line,
        path: ref.path,
        message: `the data file ${table.source.file} has no column ${JSON.stringify(ref.column)}`,
        hint: near.length > 0 ? `Did you mean ${near.map((n) => JSON.stringify(n)).join(" or ")}?` : `Its columns are ${names.join(", ")}`,
      });
    }
    if (ref.expectedKind !== undefined && col.kind !== ref.expectedKind && !(ref.expectedKind === "categorical")) {
      throw new SurvinferError({
        code: "SPEC_COLUMN_TYPE",
        file: specFile,
        line: ref.line,
        path: ref.path,
        message: `column ${JSON.stringify(ref.column)} is used as ${ref.role} and must hold ${ref.expectedKind === "date" ? "dates" : "numbers"}, but was read as ${col.kind}`,
        hint: `Declare it under data.types or fix the values (see the inference report)`,
      });
    }
  }
}

function toDataEndpointSpec(ep: EndpointSpec, dateFormat: StudySpec["data"]["dateFormat"]): DataEndpointSpec {
  if (isDatesEndpoint(ep)) {
    return { origin: ep.origin, event: ep.event, censor: ep.censor, cutoff: ep.cutoff, dateFormat, unit: ep.unit };
  }
  // a YAML true/false status value matches the TRUE/FALSE text of a logical column
  const values = ep.values.map((v) => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v));
  return { time: ep.time, status: ep.status, values, unit: ep.unit };
}

function treatmentFactor(spec: StudySpec, table: Table, specFile: string, lineOf?: LineOf): TreatmentFactor | undefined {
  const t = spec.treatment;
  if (t === undefined) return undefined;
  const col = findColumn(table, t.column) as Column;
  const treated = String(t.treated);
  const codes = new Int32Array(table.nRows);
  const seen = new Set<string>();
  let nTreated = 0;
  let nUntreated = 0;
  for (let i = 0; i < table.nRows; i++) {
    const v = cellLabel(col, i);
    if (v === "") {
      codes[i] = -1;
      continue;
    }
    seen.add(v);
    codes[i] = v === treated ? 1 : 0;
    if (codes[i] === 1) nTreated++;
    else nUntreated++;
  }
  if (nTreated === 0) {
    throw specError(specFile, lineOf, ["treatment", "treated"], `no patient has ${t.column} = ${JSON.stringify(treated)}`, `Its values are ${[...seen].map((s) => JSON.stringify(s)).join(", ")}`, "SPEC_TREATMENT_ONE_LEVEL");
  }
  if (nUntreated === 0) {
    throw specError(specFile, lineOf, ["treatment", "column"], `every patient has ${t.column} = ${JSON.stringify(treated)}: there is no comparison group`, "A treatment comparison needs treated and untreated patients", "SPEC_TREATMENT_ONE_LEVEL");
  }
  const others = [...seen].filter((s) => s !== treated);
  const untreatedLabel = others.length === 1 ? others[0] : `not ${treated}`;
  return { column: t.column, levels: [untreatedLabel, treated], codes };
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
  return { spec, table, endpoints, treatment: treatmentFactor(spec, table, specFile, lineOf) };
}
