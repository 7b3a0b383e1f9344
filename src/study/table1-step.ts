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

export interface Table1StepResult {
  readonly by: string;
  readonly unadjusted: Table1Result;
  readonly matched?: Table1Result;
  readonly weighted?: Table1Result;
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
  const smdSample = ps === undefined ? undefined : { rows: ps.map((x) => x !== null), description: "the patients with complete propensity covariates" };
  const options = { smd: t1.smd, ...(smdSample === undefined ? {} : { smdSample }) };
  const engine = balanceEngineOptions(balanceSpecOf(spec));
  const unadjusted = table1({ table: study.table, by, variables }, { ...options, balance: { ...engine, estimand: propensity?.analysis.weighting?.result.estimand ?? "ATE" } });
  const m = propensity?.analysis.matching;
  const w = propensity?.analysis.weighting;
  return {
    by: t.column,
    unadjusted,
    matched: m && guard("table1.matched", () => table1({ table: study.table, by, variables, weights: toWeights(m.weights) }, { ...options, balance: { ...engine, estimand: "ATT" } })),
    weighted: w && guard("table1.weighted", () => table1({ table: study.table, by, variables, weights: toWeights(w.weights) }, { ...options, balance: { ...engine, estimand: w.result.estimand } })),
  };
}
