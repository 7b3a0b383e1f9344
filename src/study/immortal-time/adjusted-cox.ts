/**
 * Time-dependent Cox model of the treatment adjusted for the confounders: counting-process data as R's
 * `tmerge(d, d, id, death = event(futime, status), treated_td = tdc(txtime))`, untreated on (0, t_treat],
 * treated on (t_treat, T], then `coxph(Surv(tstart, tstop, death) ~ treated_td + covariates, cluster = id)`
 * with the robust (grouped dfbeta) variance. The HR of the treatment is conditional on the covariates.
 * Complete cases of the covariates; patients left out are counted by group.
 */
import { selectRows, type Column, type Table } from "../../data/table.js";
import { coxph, type CoxphResult } from "../../survival/coxph.js";
import type { StudySpec } from "../schema.js";
import type { PreparedStudy } from "../prepare.js";
import { analysisTable, covariateTerms, type CovariateTerms } from "../model-terms.js";
import type { ImmortalCohort } from "./cohort.js";

/** Name of the time-dependent treatment column in the counting-process table (and the coefficient's name). */
export const TREATED_TD = ".treated_td";

export interface ExcludedByGroup {
  readonly treated: number;
  readonly untreated: number;
}

export interface AdjustedTimeDependentCox {
  readonly covariates: readonly string[];
  readonly formula: string;
  readonly result: CoxphResult;
  /** Display label per coefficient (model column name → label). */
  readonly termLabels: Readonly<Record<string, string>>;
  /** Coefficient name of the treatment in `result.fit.terms`. */
  readonly treatmentTerm: string;
  /** Patients, their events and the (tstart, tstop] intervals of the model. */
  readonly n: number;
  readonly events: number;
  readonly intervals: number;
  /** Patients without complete covariates, by treatment group (ever treated / never). */
  readonly excluded: ExcludedByGroup;
  readonly population: string;
  readonly estimandLabel: string;
  readonly variance: string;
}

/** True when the patient's value of every covariate column is present (complete case). */
export function completeCases(table: Table, names: readonly string[]): boolean[] {
  const cols = names.map((nm) => table.columns.find((c) => c.name === nm)).filter((c): c is Column => c !== undefined);
  const out: boolean[] = [];
  for (let i = 0; i < table.nRows; i++) {
    out.push(cols.every((c) => (c.kind === "categorical" ? c.codes[i] >= 0 : !Number.isNaN(c.values[i]))));
  }
  return out;
}

/** The covariates as formula terms (factor() where the spec declares a numeric column categorical). */
export function termsOf(terms: CovariateTerms, covariates: readonly string[]): string[] {
  return covariates.map((c) => terms.term(c));
}

export function adjustedTimeDependentCox(study: PreparedStudy, spec: StudySpec, cohort: ImmortalCohort, covariates: readonly string[]): AdjustedTimeDependentCox {
  const base = analysisTable(study, spec, cohort.ep);
  const terms = covariateTerms(spec, base);
  const complete = completeCases(base, covariates);
  const pick: number[] = [];
  const tstart: number[] = [];
  const tstop: number[] = [];
  const st: number[] = [];
  const td: number[] = [];
  const id: number[] = [];
  let n = 0;
  let events = 0;
  const excluded = { treated: 0, untreated: 0 };
  const add = (k: number, a: number, b: number, s: number, x: number): void => {
    pick.push(k);
    tstart.push(a);
    tstop.push(b);
    st.push(s);
    td.push(x);
    id.push(k + 1);
  };
  for (let k = 0; k < cohort.n; k++) {
    if (!complete[k]) {
      if (cohort.treated[k] === 1) excluded.treated++;
      else excluded.untreated++;
      continue;
    }
    n++;
    events += cohort.status[k];
    const tt = cohort.tTreat[k];
    if (cohort.treated[k] === 1 && tt < cohort.time[k]) {
      if (tt > 0) add(k, 0, tt, 0, 0);
      add(k, tt, cohort.time[k], cohort.status[k], 1);
    } else {
      add(k, 0, cohort.time[k], cohort.status[k], 0);
    }
  }
  const rows = selectRows(base, Int32Array.from(pick));
  const extra: Column[] = [
    { kind: "numeric", name: ".tstart", values: Float64Array.from(tstart) },
    { kind: "numeric", name: ".tstop", values: Float64Array.from(tstop) },
    { kind: "numeric", name: ".event", values: Float64Array.from(st) },
    { kind: "numeric", name: TREATED_TD, values: Float64Array.from(td) },
    { kind: "numeric", name: ".id", values: Float64Array.from(id) },
  ];
  const table: Table = { ...rows, columns: [...rows.columns, ...extra] };
  const formula = `Surv(.tstart, .tstop, .event) ~ ${[TREATED_TD, ...termsOf(terms, covariates)].join(" + ")} + cluster(.id)`;
  const result = coxph(table, formula, { reference: terms.reference, robust: true });
  const termLabels: Record<string, string> = { ...terms.coefficientLabels(result.fit.columnNames, result.terms), [TREATED_TD]: `${spec.treatment?.label ?? "Treated"} (time-dependent)` };
  return {
    covariates,
    formula,
    result,
    termLabels,
    treatmentTerm: TREATED_TD,
    n,
    events,
    intervals: pick.length,
    excluded,
    population: `all ${n} patients with complete covariates, each in the untreated group until treatment`,
    estimandLabel: covariates.length > 0 ? "conditional HR (adjusted for the covariates), treated from the treatment date on" : "unadjusted HR, treated from the treatment date on",
    variance: "robust (sandwich) variance clustered on the patient, as coxph(cluster = id)",
  };
}
