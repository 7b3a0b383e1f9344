/**
 * The shared front door of the recurrent-event Cox models (Andersen–Gill, PWP total and gap time):
 * reads the counting-process rows, builds the covariate matrix with R's treatment contrasts, and fits
 * the counting-process Cox engine (src/survival/cox/fit.ts) with the robust variance clustered on the
 * patient, strata by event number for the PWP models.
 */
import { SurvinferError } from "../../errors.js";
import type { Table } from "../../data/table.js";
import { modelMatrix, type DroppedCount, type ModelTerm } from "../../formula/model-matrix.js";
import { coxFit } from "../cox/fit.js";
import type { CoxControl, CoxInput, CoxResult } from "../cox/types.js";
import { readRecurrentData, type RecurrentColumns } from "./intervals.js";

export type RecurrentModel = "ag" | "pwp-total" | "pwp-gap";

export interface RecurrentCoxOptions extends RecurrentColumns, CoxControl {
  /** Covariates: column names or formula terms such as `factor(grade)`. */
  readonly covariates: readonly string[];
  /** Reference level per categorical column (as relevel). */
  readonly reference?: Readonly<Record<string, string>>;
}

export interface RecurrentStratum {
  /** Event number k: the k-th event's risk set (PWP). */
  readonly eventNumber: number;
  readonly n: number;
  readonly events: number;
}

export interface RecurrentCoxResult {
  readonly schemaVersion: 1;
  readonly model: RecurrentModel;
  /** The matching R call. */
  readonly rCall: string;
  readonly nPatients: number;
  readonly nRows: number;
  readonly nEvents: number;
  readonly fit: CoxResult;
  readonly terms: readonly ModelTerm[];
  readonly nDropped: number;
  readonly dropped: readonly DroppedCount[];
  /** Rows and events per event-number stratum (PWP models; empty for Andersen–Gill). */
  readonly strata: readonly RecurrentStratum[];
  readonly options: CoxResult["options"] & { readonly model: RecurrentModel; readonly timeScale: "total" | "gap"; readonly cluster: "patient" };
  readonly warnings: readonly string[];
}

function rCallOf(model: RecurrentModel, o: RecurrentCoxOptions): string {
  const rhs = o.covariates.join(" + ");
  const surv = model === "pwp-gap" ? `Surv(${o.stop} - ${o.start}, ${o.event})` : `Surv(${o.start}, ${o.stop}, ${o.event})`;
  const strata = model === "ag" ? "" : " + strata(enum)";
  return `coxph(${surv} ~ ${rhs} + cluster(${o.id})${strata}, data = d)${model === "ag" ? "" : "  # enum = 1 + number of earlier events of the patient"}`;
}

/** Fits one of the recurrent-event Cox models; see andersenGill, pwpTotal and pwpGap. */
export function fitRecurrentCox(table: Table, model: RecurrentModel, options: RecurrentCoxOptions): RecurrentCoxResult {
  if (options.covariates.length === 0) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "a recurrent-event Cox model needs at least one covariate", hint: "give --covariates a,b" });
  }
  const data = readRecurrentData(table, options);
  const mm = modelMatrix(table, `~ ${options.covariates.join(" + ")}`, { reference: options.reference, dropIntercept: true });
  const rows = mm.rows;
  const n = rows.length;
  const time = new Float64Array(n);
  const entry = model === "pwp-gap" ? undefined : new Float64Array(n);
  const status = new Int32Array(n);
  const cluster = new Int32Array(n);
  const strata = model === "ag" ? undefined : new Int32Array(n);
  const counts = new Map<number, { n: number; events: number }>();
  let nEvents = 0;
  const patients = new Set<number>();
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    time[k] = model === "pwp-gap" ? data.stop[i] - data.start[i] : data.stop[i];
    if (entry) entry[k] = data.start[i];
    status[k] = data.event[i];
    nEvents += data.event[i];
    cluster[k] = data.patient[i];
    patients.add(data.patient[i]);
    if (strata) {
      const e = data.eventNumber[i];
      strata[k] = e;
      const c = counts.get(e) ?? { n: 0, events: 0 };
      c.n += 1;
      c.events += data.event[i];
      counts.set(e, c);
    }
  }
  if (nEvents === 0) {
    throw new SurvinferError({ code: "COX_NO_EVENTS", file: table.source.file, message: `no events among the ${n} intervals of the model`, hint: "a Cox model needs at least one event" });
  }
  const input: CoxInput = { time, status, entry, x: mm.x, p: mm.nCols, columnNames: mm.columnNames, strata, cluster };
  const fit = coxFit(input, options);
  const strataOut = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([eventNumber, c]) => ({ eventNumber, n: c.n, events: c.events }));
  const warnings = [...mm.warnings, ...fit.warnings];
  const emptyStrata = strataOut.filter((s) => s.events === 0).map((s) => s.eventNumber);
  if (emptyStrata.length > 0) warnings.push(`event-number strata without events (they add nothing to the likelihood): ${emptyStrata.join(", ")}`);
  return {
    schemaVersion: 1,
    model,
    rCall: rCallOf(model, options),
    nPatients: patients.size,
    nRows: n,
    nEvents,
    fit,
    terms: mm.terms,
    nDropped: mm.nDropped,
    dropped: mm.dropped,
    strata: strataOut,
    options: { ...fit.options, model, timeScale: model === "pwp-gap" ? "gap" : "total", cluster: "patient" },
    warnings,
  };
}
