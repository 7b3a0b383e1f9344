/**
 * The study's competing-risks analysis (analyses.competingRisks): the endpoint's derived time and
 * status plus its `causes` column give one cause code per patient (0 = censored, k = the k-th cause
 * named under `causes.values`), and cmprsk::cuminc's estimator (src/survival/competing/cuminc.ts)
 * gives the cumulative incidence of each cause per group, with Gray's test when there are groups.
 * Pure: no I/O.
 */
import { SurvinferError } from "../errors.js";
import { findColumn } from "../data/table.js";
import { cellLabel } from "../data/validate.js";
import { cumulativeIncidence, type CumulativeIncidenceResult } from "../survival/competing/cuminc.js";
import type { PreparedStudy } from "./prepare.js";
import type { StudySpec } from "./schema.js";
import { groupFactor } from "./groups.js";
import { selectRows, type Column } from "../data/table.js";
import { modelMatrix } from "../formula/model-matrix.js";
import { coxph, type CoxphResult } from "../survival/coxph.js";
import { fineGray, type FineGrayResult } from "../survival/competing/fine-gray.js";
import { analysisTable, covariateTerms } from "./model-terms.js";
import { eventsPerParameter, epvThresholds, type EventsPerParameter, type RefusedModel } from "./epv.js";

/** Regression models of one cause: cause-specific Cox (other causes censored) and Fine–Gray. */
export interface CauseModels {
  readonly cause: number;
  readonly label: string;
  readonly causeSpecific: CoxphResult;
  /** Null when the Fine–Gray fit failed (the reason is in the warnings). */
  readonly fineGray: FineGrayResult | null;
  /** Display label per coefficient (model column name). */
  readonly termLabels: Readonly<Record<string, string>>;
  /** Events of the cause per parameter, shared by both models (src/study/epv.ts). */
  readonly epv?: EventsPerParameter;
}

export interface CompetingStepResult extends CumulativeIncidenceResult {
  readonly endpoint: string;
  readonly by?: string;
  readonly unit: string;
  /** Cause names, in the spec's order: code k (1-based) is causeLabels[k − 1]. */
  readonly causeLabels: string[];
  /** The column the causes were read from. */
  readonly causeColumn: string;
  /** Per cause with events, when the analysis lists covariates. */
  readonly models: readonly CauseModels[];
  /**
   * Models not fitted: fewer events of the cause per parameter than analyses.safeguards.epvFloor (one
   * entry per model, cause-specific then Fine–Gray; also in results.notEstimable).
   */
  readonly refused?: readonly (RefusedModel & { readonly cause: number; readonly model: "causeSpecific" | "fineGray" })[];
}

/** Cause code (1-based) per cell text, from the spec's { name: value | values } map. */
export function codeOfValue(values: Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>): Map<string, number> {
  const map = new Map<string, number>();
  Object.values(values).forEach((v, k) => {
    for (const x of Array.isArray(v) ? v : [v]) map.set(typeof x === "boolean" ? (x ? "TRUE" : "FALSE") : String(x), k + 1);
  });
  return map;
}

/**
 * Runs analyses.competingRisks, or returns undefined when the spec has none. Throws SPEC_INVALID when
 * the endpoint names no causes, and DATA_INVALID_CAUSE naming the row and column when a patient with
 * an event has a missing cause or a value that no cause lists.
 *
 * R equivalent: `cmprsk::cuminc(ftime, fstatus, group)` and `cmprsk::timepoints(fit, times)`.
 *
 * @example
 * ```ts
 * const cr = competingStep(study, spec); // spec.analyses.competingRisks = { endpoint: "os", by: "treatment", times: [12] }
 * cr?.tests?.[0].p;
 * ```
 */
export function competingStep(study: PreparedStudy, spec: StudySpec): CompetingStepResult | undefined {
  const a = spec.analyses.competingRisks;
  if (a === undefined) return undefined;
  const epSpec = spec.endpoints[a.endpoint];
  const ep = study.endpoints.get(a.endpoint);
  if (epSpec === undefined || ep === undefined) {
    throw new SurvinferError({ code: "SPEC_INVALID", path: "analyses.competingRisks.endpoint", message: `endpoint "${a.endpoint}" is not defined under endpoints`, hint: `defined: ${Object.keys(spec.endpoints).join(", ")}` });
  }
  const causes = epSpec.causes;
  if (causes === undefined) {
    throw new SurvinferError({
      code: "SPEC_INVALID",
      path: `endpoints.${a.endpoint}`,
      message: `analyses.competingRisks needs the causes of endpoint ${a.endpoint}`,
      hint: "Add e.g. causes: { column: cause_of_death, values: { Sarcoma: sarcoma, Other: other } } to the endpoint",
    });
  }
  const col = findColumn(study.table, causes.column);
  if (col === undefined) {
    throw new SurvinferError({ code: "SPEC_UNKNOWN_COLUMN", path: `endpoints.${a.endpoint}.causes.column`, message: `the data file ${study.table.source.file} has no column ${JSON.stringify(causes.column)}` });
  }
  const codes = codeOfValue(causes.values);
  const causeLabels = Object.keys(causes.values);
  const rows = ep.derived.included;
  const status = ep.derived.status;
  const cause = new Int32Array(rows.length);
  const rowNumbers = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    rowNumbers[k] = study.table.rowNumbers[i];
    if (status[k] === 0) continue;
    const text = cellLabel(col, i);
    const code = codes.get(text);
    if (code === undefined) {
      throw new SurvinferError({
        code: "DATA_INVALID_CAUSE",
        file: study.table.source.file,
        row: rowNumbers[k],
        column: causes.column,
        value: text,
        message: `row ${rowNumbers[k]}: ${text === "" ? "the cause is missing" : `cause ${JSON.stringify(text)} is not listed under endpoints.${a.endpoint}.causes.values`} in column ${causes.column}, but the patient has an event`,
        hint: `Listed causes: ${[...codes.keys()].map((v) => JSON.stringify(v)).join(", ")}`,
      });
    }
    cause[k] = code;
  }
  const group = a.by === undefined ? undefined : groupFactor(study, a.by, rows);
  const res = cumulativeIncidence(
    { time: ep.derived.time, cause, group, rowNumbers },
    { times: a.times.length > 0 ? a.times : undefined },
  );
  const absent = causeLabels.filter((_, k) => !res.causes.includes(k + 1));
  const warnings = [...res.warnings, ...absent.map((c) => `no event has cause ${JSON.stringify(c)}: it has no curve`)];
  const models: CauseModels[] = [];
  const refused: NonNullable<CompetingStepResult["refused"]>[number][] = [];
  const thresholds = epvThresholds(spec);
  if (a.covariates.length > 0) {
    const base = analysisTable(study, spec, ep);
    const terms = covariateTerms(spec, base);
    const rhs = a.covariates.map((n) => terms.term(n)).join(" + ");
    const mm = modelMatrix(base, `Surv(.time, .status) ~ ${rhs}`, { reference: terms.reference, dropIntercept: true });
    // both models on the complete cases, said once
    const complete = selectRows(base, mm.rows);
    if (mm.nDropped > 0) warnings.push(`regression models: ${mm.nDropped} patient(s) with a missing covariate left out (${mm.dropped.map((d) => `${d.column}: ${d.count}`).join(", ")})`);
    for (const k of res.causes) {
      const label = causeLabels[k - 1] ?? `cause ${k}`;
      // events per parameter of both models of the cause: its events among the complete cases (src/study/epv.ts)
      let nk = 0;
      for (const r of mm.rows) if (cause[r] === k) nk++;
      const epv = eventsPerParameter(nk, mm.nCols, thresholds);
      if (epv.status === "refuse") {
        refused.push({ analysis: `competingRisks.causeSpecific.${label}`, label: `cause-specific Cox, ${label}`, epv, cause: k, model: "causeSpecific" });
        refused.push({ analysis: `competingRisks.fineGray.${label}`, label: `Fine–Gray, ${label}`, epv, cause: k, model: "fineGray" });
        continue;
      }
      if (epv.message !== null) warnings.push(`regression models of ${label}: ${epv.message}`);
      // cause-specific hazard: events of cause k, every other outcome censored
      const indicator: Column = { kind: "numeric", name: ".cause", values: Float64Array.from(cause, (c) => (c === k ? 1 : 0)) };
      const table = { ...complete, columns: [...complete.columns, { ...indicator, values: Float64Array.from(mm.rows, (r) => indicator.values[r]) }] };
      const causeSpecific = coxph(table, `Surv(.time, .cause) ~ ${rhs}`, { reference: terms.reference });
      let fg: FineGrayResult | null = null;
      try {
        fg = fineGray({
          time: Float64Array.from(mm.rows, (r) => ep.derived.time[r]),
          cause: Int32Array.from(mm.rows, (r) => cause[r]),
          x: mm.x,
          columnNames: mm.columnNames,
          failcode: k,
          rowNumbers: Int32Array.from(mm.rows, (r) => rowNumbers[r]),
        });
      } catch (e) {
        warnings.push(`Fine–Gray model of ${label}: ${e instanceof Error ? e.message : String(e)}`);
      }
      warnings.push(...causeSpecific.warnings.map((w) => `cause-specific Cox, ${label}: ${w}`), ...(fg?.warnings ?? []).map((w) => `Fine–Gray, ${label}: ${w}`));
      models.push({ cause: k, label, causeSpecific, fineGray: fg, termLabels: terms.coefficientLabels(causeSpecific.fit.columnNames, causeSpecific.terms), epv });
    }
  }
  return { ...res, warnings, endpoint: a.endpoint, by: a.by, unit: ep.unit, causeLabels, causeColumn: causes.column, models, refused };
}
