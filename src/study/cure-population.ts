/**
 * The patients a cure model is fitted to (analyses.cure.population). "treated" keeps the treated and, with a
 * treatment date after the origin, counts their follow-up from that date: the question "who among the operated is
 * cured?" is asked from the operation on, so no patient is credited with the time before it (immortal time).
 * "untreated" keeps the others from the endpoint's origin; "all" (default) everyone. Returns the endpoint
 * restricted (and shifted) accordingly, plus, per row of its analysis table, the days added to the origin, so that
 * a relative-survival model places each patient in the life table at the new origin (age and calendar date at the
 * operation). Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { findColumn } from "../data/table.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";

/**
 * The arm in words for population descriptions: its level label when the spec gives one (labels), else
 * "<treatment label> = <level>", e.g. "Metastasectomy" or "pulmonary metastasectomy = yes".
 */
export function armText(spec: StudySpec, column: string, level: string): string {
  return spec.labels?.[column]?.[level] ?? `${(spec.treatment?.label ?? column).toLowerCase()} = ${level}`;
}

export type CurePopulationKind = "all" | "treated" | "untreated";

export interface CurePopulation {
  readonly kind: CurePopulationKind;
  /** True when follow-up starts at the date of treatment (population "treated" with treatment.date). */
  readonly fromTreatment: boolean;
  /** In words, e.g. "treated patients (pulmonary metastasectomy = yes) from the date of treatment". */
  readonly description: string;
  /** Row name of the whole model's patients in the tables: "All patients", or the arm's level label (spec.labels) or "Treated patients". */
  readonly name: string;
}

export interface CureCohort {
  readonly population: CurePopulation;
  /** The endpoint restricted to the population; times from the treatment date when `population.fromTreatment`. */
  readonly ep: PreparedEndpoint;
  /** Per row of the restricted endpoint (index into `ep.derived.included`): days from the original origin to the new one. */
  readonly originShiftDays: Float64Array;
  readonly warnings: readonly string[];
}

/** The cure model's cohort: endpoint `ep` restricted to analyses.cure.population, follow-up from treatment for "treated". */
export function cureCohort(study: PreparedStudy, spec: StudySpec, ep: PreparedEndpoint): CureCohort {
  const kind: CurePopulationKind = spec.analyses.cure?.population ?? "all";
  const { included, time, status } = ep.derived;
  const t = study.treatment;
  if (kind === "all" || t === undefined) {
    return { population: { kind: "all", fromTreatment: false, description: "all patients", name: "All patients" }, ep, originShiftDays: new Float64Array(included.length), warnings: [] };
  }
  const want = kind === "treated" ? 1 : 0;
  const keep: number[] = [];
  for (let k = 0; k < included.length; k++) if (t.codes[included[k]] === want) keep.push(k);
  const who = `${kind} patients (${armText(spec, t.column, t.levels[want])})`;
  const epSpec = spec.endpoints[ep.name];
  const originName = epSpec !== undefined && "origin" in epSpec ? epSpec.origin : undefined;
  const origin = originName === undefined ? undefined : findColumn(study.table, originName);
  const dateName = spec.treatment?.date;
  const dates = dateName === undefined ? undefined : findColumn(study.table, dateName);
  const shift = new Float64Array(keep.length);
  const warnings: string[] = [];
  const fromTreatment = kind === "treated" && dates?.kind === "date" && origin?.kind === "date";
  if (fromTreatment) {
    let noDate = 0;
    keep.forEach((k, j) => {
      const i = included[k];
      const d = dates.values[i] - origin.values[i];
      if (Number.isFinite(d) && d > 0) shift[j] = d;
      else noDate++;
    });
    if (noDate > 0) warnings.push(`${noDate} treated patient(s) without a treatment date after the origin are followed from the endpoint's origin in the cure model`);
  } else if (kind === "treated") {
    warnings.push("the cure model's follow-up is counted from the endpoint's origin: give treatment.date (and an endpoint from dates) to count it from the treatment");
  }
  const perUnit = ep.derived.options.daysPerUnit;
  // follow-up from the treatment date: T − (D − O) / days per unit (a treatment on the last day of follow-up gives time 0)
  const shifted = Float64Array.from(keep, (k, j) => Math.max(0, time[k] - shift[j] / perUnit));
  const after = keep.filter((k, j) => time[k] - shift[j] / perUnit < 0).length;
  if (after > 0) warnings.push(`${after} treated patient(s) with a treatment date after the end of follow-up: their follow-up in the cure model is 0`);
  if (keep.length === 0) {
    throw new SurvinferError({ code: "SPEC_INVALID", path: "analyses.cure.population", value: kind, message: `the cure model's population "${kind}" has no patients with ${ep.label.toLowerCase()} data` });
  }
  const derived = { ...ep.derived, included: Int32Array.from(keep, (k) => included[k]), time: shifted, status: Int32Array.from(keep, (k) => status[k]) };
  return {
    population: { kind, fromTreatment, description: `${who}${fromTreatment ? " from the date of treatment" : ""}`, name: spec.labels?.[t.column]?.[t.levels[want]] ?? `${kind === "treated" ? "Treated" : "Untreated"} patients` },
    ep: { ...ep, derived },
    originShiftDays: shift,
    warnings,
  };
}
