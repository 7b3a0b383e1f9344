/**
 * Synthetic cohorts with a known truth. `simulateCohort` is deterministic for a seed on every
 * platform, runs over typed arrays (10^6 patients in about a second) and returns the columns, the
 * latent variables the analyst cannot see, and `truth`: the data-generating parameters and the
 * estimands they imply. The process is documented formula by formula in docs/simulation.md.
 */
import { SurvinferError, optionError } from "../errors.js";
import type { Column, Table } from "../data/table.js";
import {
  DAYS_PER_MONTH,
  LMS_DEFAULTS,
  baselineCdf,
  simulateLms,
  type LmsColumns,
  type LmsLatent,
  type LmsParameters,
} from "./lms.js";

export { LMS_DEFAULTS, DAYS_PER_MONTH, type LmsColumns, type LmsLatent, type LmsParameters } from "./lms.js";
export { formatDayMonthYear, civilFromDays, daysFromCivil } from "./dates.js";

export type SimulationPreset = "lms";

export interface SimulateOptions {
  readonly preset?: SimulationPreset;
  /** Number of patients (default 64). */
  readonly n?: number;
  /** Seed, an integer in [0, 2^31) (default 1). */
  readonly seed?: number;
  /** True conditional hazard ratio of surgery (default 0.7). */
  readonly trueHazardRatio?: number;
  /** Override any other parameter of the preset. */
  readonly parameters?: Partial<Omit<LmsParameters, "trueHazardRatio">>;
}

/** What the data were generated from, and the estimands it implies (see docs/simulation.md). */
export interface SimulationTruth {
  readonly preset: SimulationPreset;
  readonly n: number;
  readonly seed: number;
  readonly trueHazardRatio: number;
  readonly trueLogHazardRatio: number;
  readonly estimand: string;
  readonly treatmentEffectFrom: "surgery";
  readonly parameters: LmsParameters;
  /** Realised in this sample. */
  readonly realised: {
    readonly treated: number;
    readonly proportionTreated: number;
    /** Surgery planned but the patient died or left follow-up first (immortal time). */
    readonly plannedNotOperated: number;
    readonly deaths: number;
    /** Fraction of latent cured patients (never die of the disease). */
    readonly curedFraction: number;
    /** Mean of each patient's cure probability exp(−H_i(∞)) under the planned treatment. */
    readonly expectedCureFraction: number;
    readonly missingSize: number;
    readonly missingGrade: number;
  };
  /**
   * Sample-average counterfactual survival (no censoring) at `timesMonths` under two regimes:
   * "operate": surgery at each patient's wait W if alive; "none": never operated.
   * `ate` averages over all patients, `att` over the patients operated in the data.
   */
  readonly counterfactual: {
    readonly timesMonths: readonly number[];
    readonly ate: { readonly operate: readonly number[]; readonly none: readonly number[]; readonly difference: readonly number[] };
    readonly att: { readonly operate: readonly number[]; readonly none: readonly number[]; readonly difference: readonly number[] };
    /** Cure fraction if everyone / no one were operated. */
    readonly cureFractionOperate: number;
    readonly cureFractionNone: number;
  };
}

export interface SimulatedCohort {
  readonly n: number;
  readonly columns: LmsColumns;
  readonly latent: LmsLatent;
  readonly truth: SimulationTruth;
}

const COUNTERFACTUAL_MONTHS = [12, 36, 60] as const;

/**
 * Simulates a cohort from a preset ("lms": pulmonary metastasectomy for leiomyosarcoma).
 * Treatment acts from the date of surgery on (hazard × trueHazardRatio after surgery), so a Cox
 * model with surgery as a time-dependent covariate and all six covariates is correctly specified
 * and its coefficient estimates log(trueHazardRatio).
 * @example
 * const { columns, truth } = simulateCohort({ n: 64, seed: 1 });
 * columns.metastasectomy.length; // 64
 * truth.trueHazardRatio; // 0.7
 */
export function simulateCohort(options: SimulateOptions = {}): SimulatedCohort {
  const preset = options.preset ?? "lms";
  const n = options.n ?? 64;
  const seed = options.seed ?? 1;
  const hr = options.trueHazardRatio ?? LMS_DEFAULTS.trueHazardRatio;
  if (preset !== "lms") throw optionError("preset", '"lms"', preset);
  if (!Number.isInteger(n) || n < 1 || n > 20_000_000) throw optionError("n", "a whole number from 1 to 20000000", n);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw optionError("seed", "a whole number from 0 to 2147483647", seed);
  if (!(hr > 0) || !Number.isFinite(hr)) throw optionError("hr", "a positive number", hr);
  const parameters: LmsParameters = { ...LMS_DEFAULTS, ...options.parameters, trueHazardRatio: hr };
  const probs = parameters.gradeProbs;
  if (Math.abs(probs[0] + probs[1] + probs[2] - 1) > 1e-9) {
    throw new SurvinferError({ code: "OPTION_INVALID", message: "gradeProbs must sum to 1", value: String(probs) });
  }
  const { columns, latent } = simulateLms(n, seed, parameters);
  return { n, columns, latent, truth: computeTruth(preset, n, seed, parameters, columns, latent) };
}

function computeTruth(
  preset: SimulationPreset,
  n: number,
  seed: number,
  p: LmsParameters,
  c: LmsColumns,
  l: LmsLatent,
): SimulationTruth {
  let treated = 0, plannedNotOperated = 0, deaths = 0, cured = 0, expectedCure = 0, missSize = 0, missGrade = 0;
  let cureOperate = 0, cureNone = 0;
  const k = COUNTERFACTUAL_MONTHS.length;
  const ateOp = new Float64Array(k), ateNo = new Float64Array(k), attOp = new Float64Array(k), attNo = new Float64Array(k);
  const tAt = COUNTERFACTUAL_MONTHS.map((m) => m * DAYS_PER_MONTH);
  const fAt = tAt.map((t) => baselineCdf(t, p));
  for (let i = 0; i < n; i++) {
    const op = c.metastasectomy[i];
    treated += op;
    if (l.planned[i] && !op) plannedNotOperated++;
    if (!Number.isNaN(c.dateDeath[i])) deaths++;
    cured += l.cured[i];
    const theta = l.theta[i];
    const w = l.waitDays[i];
    const fw = baselineCdf(w, p);
    const hInfOp = theta * (fw + p.trueHazardRatio * (1 - fw));
    expectedCure += Math.exp(-(l.planned[i] ? hInfOp : theta));
    cureOperate += Math.exp(-hInfOp);
    cureNone += Math.exp(-theta);
    if (Number.isNaN(c.primarySizeMm[i])) missSize++;
    if (Number.isNaN(c.grade[i])) missGrade++;
    for (let j = 0; j < k; j++) {
      // H(t) under "operate at W": θ F(t) before W, θ [F(W) + HR (F(t) − F(W))] after
      const h0 = theta * fAt[j];
      const s1 = Math.exp(tAt[j] <= w ? -h0 : -theta * (fw + p.trueHazardRatio * (fAt[j] - fw)));
      const s0 = Math.exp(-h0);
      ateOp[j] += s1;
      ateNo[j] += s0;
      if (op) {
        attOp[j] += s1;
        attNo[j] += s0;
      }
    }
  }
  const div = (a: Float64Array, d: number): number[] => Array.from(a, (v) => (d > 0 ? v / d : Number.NaN));
  const diff = (a: number[], b: number[]): number[] => a.map((v, j) => v - b[j]);
  const ate = { operate: div(ateOp, n), none: div(ateNo, n) };
  const att = { operate: div(attOp, treated), none: div(attNo, treated) };
  return {
    preset,
    n,
    seed,
    trueHazardRatio: p.trueHazardRatio,
    trueLogHazardRatio: Math.log(p.trueHazardRatio),
    estimand:
      "conditional hazard ratio of death after vs before metastasectomy (treatment as a time-dependent covariate), " +
      "given age_primary, primary_size_mm, n_lung_mets, grade (factor), timing and sex, all entering linearly",
    treatmentEffectFrom: "surgery",
    parameters: p,
    realised: {
      treated,
      proportionTreated: treated / n,
      plannedNotOperated,
      deaths,
      curedFraction: cured / n,
      expectedCureFraction: expectedCure / n,
      missingSize: missSize,
      missingGrade: missGrade,
    },
    counterfactual: {
      timesMonths: [...COUNTERFACTUAL_MONTHS],
      ate: { ...ate, difference: diff(ate.operate, ate.none) },
      att: { ...att, difference: diff(att.operate, att.none) },
      cureFractionOperate: cureOperate / n,
      cureFractionNone: cureNone / n,
    },
  };
}

/** Column names of the CSV, in order. */
export const LMS_CSV_COLUMNS = [
  "patient_id",
  "sex",
  "date_primary",
  "date_lung_met",
  "metastasectomy",
  "date_pm",
  "date_progression",
  "date_death",
  "date_last_followup",
  "age_primary",
  "primary_size_mm",
  "n_lung_mets",
  "timing",
  "grade",
] as const;

/**
 * The cohort as a columnar Table, as the CSV reader would build it from the simulated CSV:
 * text columns categorical with levels in R's factor() order, dates as days since epoch.
 */
export function cohortToTable(cohort: SimulatedCohort, file = "simulated"): Table {
  const c = cohort.columns;
  const num = (name: string, values: Float64Array | Int32Array): Column => ({ kind: "numeric", name, values: Float64Array.from(values) });
  const date = (name: string, values: Float64Array): Column => ({ kind: "date", name, values });
  const cat = (name: string, levels: string[], codes: Uint8Array): Column => ({ kind: "categorical", name, levels, codes: Int32Array.from(codes) });
  const columns: Column[] = [
    num("patient_id", c.patientId),
    cat("sex", ["female", "male"], c.male),
    date("date_primary", c.datePrimary),
    date("date_lung_met", c.dateLungMet),
    cat("metastasectomy", ["no", "yes"], c.metastasectomy),
    date("date_pm", c.datePm),
    date("date_progression", c.dateProgression),
    date("date_death", c.dateDeath),
    date("date_last_followup", c.dateLastFollowup),
    num("age_primary", c.agePrimary),
    num("primary_size_mm", c.primarySizeMm),
    num("n_lung_mets", c.nLungMets),
    cat("timing", ["metachronous", "synchronous"], c.synchronous),
    num("grade", c.grade),
  ];
  const rowNumbers = new Int32Array(cohort.n);
  for (let i = 0; i < cohort.n; i++) rowNumbers[i] = i + 2;
  return { nRows: cohort.n, columns, source: { file }, rowNumbers };
}
