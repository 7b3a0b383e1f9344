/**
 * Table 1 of a study: baseline characteristics by treatment as observed, and — when the propensity
 * step ran — in the matched sample (matching weights) and the weighted sample (IPTW), so the three
 * can be laid side by side. Continuous covariates stay continuous here; cut-offs are for the Cox tables.
 */
import { table1, type Table1Result, type Table1Variable } from "../report/table1.js";
import { covariateObject, type StudySpec } from "./schema.js";
import type { PreparedStudy } from "./prepare.js";
import { unguarded, type Guard } from "./not-estimable.js";
import { balanceEngineOptions, balanceSpecOf, type PropensityStepResult } from "./propensity-step.js";

/** Who the unadjusted panel describes, and who was left out of it (issue 13: one population per comparison). */
export interface Table1Population {
  /** "all": every patient with a treatment value; "propensity": complete cases of the propensity covariates, as the adjusted panels. */
  readonly kind: "all" | "propensity";
  /** Patients described, and per group [untreated, treated]. */
  readonly n: number;
  readonly byGroup: readonly [number, number];
  /** Patients with a treatment value left out for missing propensity covariates, per group [untreated, treated]. */
  readonly excluded: readonly [number, number];
  /** Of those, how many miss each covariate (a patient can miss several), by covariate label. */
  readonly missingBy: readonly { readonly covariate: string; readonly n: number }[];
}

export interface Table1StepResult {
  readonly by: string;
  /** The patients of the unadjusted panel (the same as the matched and weighted panels' when the propensity step ran). */
  readonly population: Table1Population;
  /** Every patient with a treatment value, when the unadjusted panel is on fewer (complete cases): shown first, labelled. */
  readonly allPatients?: Table1Result;
  readonly unadjusted: Table1Result;
  readonly matched?: Table1Result;
  readonly weighted?: Table1Result;
}

/** The unadjusted panel's patients: complete cases of the propensity covariates (`inPs`) when given, else all with a treatment value. */
function populationOf(study: PreparedStudy, spec: StudySpec, inPs: readonly boolean[] | undefined): Table1Population {
  const codes = study.treatment!.codes;
  const byGroup: [number, number] = [0, 0];
  const excluded: [number, number] = [0, 0];
  const out: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== 0 && c !== 1) continue;
    if (inPs === undefined || inPs[i]) byGroup[c]++;
    else {
      excluded[c]++;
      out.push(i);
    }
  }
  const missingBy: { covariate: string; n: number }[] = [];
  if (inPs !== undefined) {
    const psCovariates = spec.analyses.propensity?.covariates ?? spec.covariates.map((c) => covariateObject(c).name);
    for (const name of psCovariates) {
      const col = study.table.columns.find((x) => x.name === name);
      if (col === undefined) continue;
      const n = out.filter((i) => (col.kind === "categorical" ? col.codes[i] < 0 : Number.isNaN(col.values[i]))).length;
      const cov = spec.covariates.map(covariateObject).find((c) => c.name === name);
      if (n > 0) missingBy.push({ covariate: cov?.label ?? name, n });
    }
  }
  return { kind: inPs === undefined ? "all" : "propensity", n: byGroup[0] + byGroup[1], byGroup, excluded, missingBy };
}

function toWeights(w: readonly (number | null)[]): Float64Array {
  return Float64Array.from(w, (x) => x ?? 0);
}

/** `guard` runs each adjusted panel, so a panel that cannot be estimated (no matched control) leaves the others (not-estimable.ts). */
export function table1Step(study: PreparedStudy, spec: StudySpec, propensity: PropensityStepResult | undefined, guard: Guard = unguarded): Table1StepResult | undefined {
  const t1 = spec.analyses.table1;
  const t = study.treatment;
  if (t1 === undefined || t === undefined) return undefined;
  const variables: Table1Variable[] = spec.covariates.map((c) => {
    const cov = covariateObject(c);
    const col = study.table.columns.find((x) => x.name === cov.name)!;
    return { name: cov.name, label: cov.label ?? cov.name, kind: col.kind === "categorical" ? "categorical" : "continuous", summary: t1.continuous };
  });
  const by = { codes: t.codes, levels: [t.levels[0], t.levels[1]] as const };
  // one SMD convention for the comparison: the spec's balance options and, when the propensity step ran,
  // its sample (complete cases of the propensity covariates), so every panel's SMDs equal the balance table's
  const ps = propensity?.analysis.ps;
  const inPs = ps?.map((x) => x !== null);
  const smdSample = inPs === undefined ? undefined : { rows: inPs, description: "the patients with complete propensity covariates" };
  const options = { smd: t1.smd !== false, pValues: t1.pValues, ...(smdSample === undefined ? {} : { smdSample }) };
  const engine = balanceEngineOptions(balanceSpecOf(spec));
  const unadjustedBalance = { ...engine, estimand: propensity?.analysis.weighting?.result.estimand ?? "ATE" };
  const population = populationOf(study, spec, inPs);
  // the unadjusted panel on the adjusted panels' patients; all patients as an extra first panel when they differ
  const restricted = inPs !== undefined && population.excluded[0] + population.excluded[1] > 0;
  const unadjusted = table1({ table: study.table, by, variables, ...(restricted ? { sample: inPs } : {}) }, { ...options, balance: unadjustedBalance });
  // descriptive only: its SMDs and p-values would be a second, differently sampled unadjusted comparison
  const allPatients = restricted ? table1({ table: study.table, by, variables }, { smd: false, pValues: false }) : undefined;
  const m = propensity?.analysis.matching;
  const w = propensity?.analysis.weighting;
  return {
    by: t.column,
    population,
    ...(allPatients === undefined ? {} : { allPatients }),
    unadjusted,
    matched: m && guard("table1.matched", () => table1({ table: study.table, by, variables, weights: toWeights(m.weights) }, { ...options, balance: { ...engine, estimand: "ATT" } })),
    weighted: w && guard("table1.weighted", () => table1({ table: study.table, by, variables, weights: toWeights(w.weights) }, { ...options, balance: { ...engine, estimand: w.result.estimand } })),
  };
}
