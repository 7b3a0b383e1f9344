/**
 * Every data column a study spec refers to, with the spec path and (given a line locator) the line,
 * so that data-dependent checks in study/run.ts ("no column named date_deth") can point into the
 * YAML file. `by: treatment` resolves to the treatment column. Names that are not columns (the
 * keyword "treatment" in model lists) are left out.
 */
import { covariateObject, endpointOrigin, isContactEndpoint, isDatesEndpoint, type StudySpec } from "./schema.js";
import { formatPath } from "./spec-issues.js";
import type { SpecPath, SpecSource } from "./spec-source.js";

export type ColumnRole =
  | "id"
  | "type"
  | "origin"
  | "event"
  | "censor"
  | "lastContact"
  | "time"
  | "status"
  | "cause"
  | "treatment"
  | "treatmentDate"
  | "treatmentCheck"
  | "covariate"
  | "by"
  | "model"
  | "recurrentEvent"
  | "auxiliary"
  | "lifeTable";

export interface ColumnReference {
  readonly column: string;
  readonly role: ColumnRole;
  /** The kind of column this role needs, when it needs one. */
  readonly expectedKind?: "date" | "numeric" | "categorical";
  readonly path: string;
  readonly pathParts: SpecPath;
  /** 1-based line in the spec file (when a locator was given). */
  readonly line?: number;
}

export function specColumnReferences(spec: StudySpec, lineOf?: SpecSource["lineOf"]): ColumnReference[] {
  const refs: ColumnReference[] = [];
  const add = (column: string, role: ColumnRole, pathParts: SpecPath, expectedKind?: ColumnReference["expectedKind"]): void => {
    refs.push({ column, role, expectedKind, path: formatPath(pathParts), pathParts, line: lineOf?.(pathParts) });
  };
  // a treatment given by its date alone is derived (no column of the file): "treatment" then refers to nothing to check
  const treatmentColumn = spec.treatment === undefined || "fromDate" in spec.treatment ? undefined : spec.treatment.column;
  const resolve = (name: string): string | undefined => (name === "treatment" ? treatmentColumn : name);

  if (spec.data.id !== undefined) add(spec.data.id, "id", ["data", "id"]);
  for (const col of Object.keys(spec.data.types ?? {})) add(col, "type", ["data", "types", col]);

  for (const [name, ep] of Object.entries(spec.endpoints)) {
    const base = ["endpoints", name];
    if (isDatesEndpoint(ep)) {
      add(ep.origin, "origin", [...base, "origin"], "date");
      if (Array.isArray(ep.event)) ep.event.forEach((e, i) => add(e, "event", [...base, "event", i], "date"));
      else add(ep.event as string, "event", [...base, "event"], "date");
      add(ep.censor, "censor", [...base, "censor"], "date");
    } else if (isContactEndpoint(ep)) {
      add(ep.origin, "origin", [...base, "origin"], "date");
      add(ep.lastContact, "lastContact", [...base, "lastContact"], "date");
      add(ep.status, "status", [...base, "status"]);
    } else {
      add(ep.time, "time", [...base, "time"], "numeric");
      add(ep.status, "status", [...base, "status"]);
    }
    if (ep.causes !== undefined) add(ep.causes.column, "cause", [...base, "causes", "column"]);
  }

  if (spec.treatment) {
    // a treatment given by its date alone has no column in the file (its indicator is derived)
    if (!("fromDate" in spec.treatment)) add(spec.treatment.column, "treatment", ["treatment", "column"]);
    if (spec.treatment.check !== undefined) add(spec.treatment.check.column, "treatmentCheck", ["treatment", "check", "column"]);
    if (spec.treatment.date !== undefined) add(spec.treatment.date, "treatmentDate", ["treatment", "date"], "date");
  }

  spec.covariates.forEach((c, i) => {
    const cov = covariateObject(c);
    const path: SpecPath = typeof c === "string" ? ["covariates", i] : ["covariates", i, "name"];
    const kind = cov.type ?? (cov.cutoff !== undefined ? "numeric" : undefined);
    add(cov.name, "covariate", path, kind);
  });

  const a = spec.analyses;
  for (const key of ["table1", "km", "logrank", "rmst", "competingRisks", "cure", "recurrent"] as const) {
    const by = a[key]?.by;
    const col = by === undefined ? undefined : resolve(by);
    if (col !== undefined) add(col, "by", ["analyses", key, "by"]);
  }
  if (a.recurrent) {
    const ep = spec.endpoints[a.recurrent.endpoint];
    const kind = ep === undefined ? undefined : endpointOrigin(ep) !== undefined ? "date" : "numeric";
    a.recurrent.events.forEach((col, i) => add(col, "recurrentEvent", ["analyses", "recurrent", "events", i], kind));
  }
  spec.missing?.auxiliary.forEach((col, i) => add(col, "auxiliary", ["missing", "auxiliary", i]));
  // the columns that place each patient in the life table (relative-survival cure model)
  const rs = a.cure?.relative;
  if (rs !== undefined) {
    for (const key of ["age", "sex", "year", "ageAt"] as const) {
      const col = rs[key];
      if (col !== undefined) add(col, "lifeTable", ["analyses", "cure", "relative", key]);
    }
  }
  const models: [readonly string[] | undefined, SpecPath][] = [
    [a.cox && a.cox.univariable !== "all" ? a.cox.univariable : undefined, ["analyses", "cox", "univariable"]],
    [a.cox?.multivariable, ["analyses", "cox", "multivariable"]],
    [a.propensity?.covariates, ["analyses", "propensity", "covariates"]],
    [a.propensity?.matching?.exact, ["analyses", "propensity", "matching", "exact"]],
    [a.competingRisks?.covariates, ["analyses", "competingRisks", "covariates"]],
    [a.cure?.incidence, ["analyses", "cure", "incidence"]],
    [a.cure?.latency, ["analyses", "cure", "latency"]],
    [a.prediction?.covariates, ["analyses", "prediction", "covariates"]],
    [a.recurrent?.covariates, ["analyses", "recurrent", "covariates"]],
  ];
  for (const [names, base] of models) {
    names?.forEach((n, i) => {
      const col = resolve(n);
      if (col !== undefined) add(col, "model", [...base, i]);
    });
  }
  return refs;
}
