/**
 * The patients a prediction model is fitted to (analyses.prediction.population): the ones who face the decision it
 * serves. "treated" (the default when the study has a treatment) keeps the treated; with a treatment date, their
 * survival is counted from the date of treatment, so the model predicts what a surgeon can tell a patient before the
 * operation ("survival after metastasectomy") and no patient is credited with the time before it. "untreated" keeps
 * the others, "all" everyone (the treatment is then a plain covariate only if the spec lists it).
 */
import { selectRows, type Column, type Table } from "../data/table.js";
import { immortalCohort } from "./immortal-time/cohort.js";
import type { PreparedEndpoint, PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";
import { armText } from "./cure-population.js";

export type PredictionPopulation = "all" | "treated" | "untreated";

export interface PredictionCohort {
  readonly population: PredictionPopulation;
  /** The analysis table restricted to the population, with `.time` from the treatment date when `fromTreatment`. */
  readonly table: Table;
  readonly fromTreatment: boolean;
  /** e.g. "treated patients (pulmonary metastasectomy = yes)"; `fromTreatment` says survival starts at the treatment date. */
  readonly description: string;
  readonly warnings: readonly string[];
}

/** The population's rows of `table` (an analysisTable of endpoint `ep`, row k = table row ep.derived.included[k]). */
export function predictionCohort(study: PreparedStudy, spec: StudySpec, endpointName: string, ep: PreparedEndpoint, table: Table): PredictionCohort {
  const a = spec.analyses.prediction!;
  const t = study.treatment;
  const population: PredictionPopulation = a.population ?? (t === undefined ? "all" : "treated");
  if (population === "all" || t === undefined) return { population: "all", table, fromTreatment: false, description: "all patients", warnings: [] };
  const want = population === "treated" ? 1 : 0;
  const rows = ep.derived.included;
  const keep: number[] = [];
  for (let k = 0; k < rows.length; k++) if (t.codes[rows[k]] === want) keep.push(k);
  const who = `${population} patients (${armText(spec, t.column, t.levels[want])})`;
  let sub = selectRows(table, Int32Array.from(keep));
  if (population !== "treated") return { population, table: sub, fromTreatment: false, description: who, warnings: [] };
  const cohort = immortalCohort(study, spec, endpointName);
  if (cohort === undefined) {
    const note = spec.treatment?.date === undefined ? ["survival is counted from the endpoint's origin: if treatment came later, the model predicts survival of patients known to reach treatment; give treatment.date to count it from the treatment"] : [];
    return { population, table: sub, fromTreatment: false, description: who, warnings: note };
  }
  // survival from the date of treatment: time − t_treat (t_treat = 0 when treated before the origin or without a date)
  // the cohort's times carry the same-day convention (a treatment on the last day of follow-up is half a day earlier)
  const shifted = Float64Array.from(keep, (k) => cohort.time[k] - (Number.isFinite(cohort.tTreat[k]) ? cohort.tTreat[k] : 0));
  let noDate = 0;
  for (const k of keep) if (cohort.tTreat[k] === 0) noDate++;
  const columns: Column[] = sub.columns.map((c) => (c.name === ".time" ? { kind: "numeric", name: ".time", values: shifted } : c));
  sub = { ...sub, columns };
  const warnings = noDate > 0 ? [`${noDate} treated patient(s) without a treatment date after the origin: their survival is counted from the origin`] : [];
  return { population, table: sub, fromTreatment: true, description: who, warnings };
}
