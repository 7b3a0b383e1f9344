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
  MAX_REPEAT_SURGERIES,
  baselineCdf,
  simulateLms,
  type LmsColumns,
  type LmsLatent,
  type LmsParameters,
} from "./lms.js";

export { CAUSES_OF_DEATH, LMS_DEFAULTS, DAYS_PER_MONTH, MAX_REPEAT_SURGERIES, type LmsColumns, type LmsLatent, type LmsParameters } from "./lms.js";
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
    /** Observed deaths by cause (cause_of_death). */
    readonly deathsSarcoma: number;
    readonly deathsOther: number;
    /** Repeat metastasectomies (date_pm2, date_pm3) in all, and patients with at least one / two. */
    readonly repeatSurgeries: number;
    readonly patientsWithRepeat: number;
    readonly patientsWithTwoRepeats: number;
  };
  /** Cause of death: labelled at death, independently of its time (see docs/simulation.md). */
  readonly causeOfDeath: {
    /** P(sarcoma | death of an uncured patient); the cured never die in this preset. */
    readonly probSarcoma: number;
    readonly description: string;
  };
  /** Repeat pulmonary metastasectomies: a Poisson process after the first, by latent cure status. */
  readonly repeatSurgery: {
    readonly ratePerYear: { readonly cured: number; readonly uncured: number };
    /** uncured / cured */
    readonly rateRatio: number;
    readonly minGapDays: number;
    readonly maxRepeats: number;
    readonly description: string;
    /** Events / years at risk in this sample, by latent status (at risk: operated, alive and in follow-up, past the gap, fewer than maxRepeats). */
    readonly realisedRatePerYear: { readonly cured: number; readonly uncured: number };
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
  checkEventParameters(parameters);
  const { columns, latent } = simulateLms(n, seed, parameters);
  return { n, columns, latent, truth: computeTruth(preset, n, seed, parameters, columns, latent) };
}

/** The parameters of the cause-of-death and repeat-surgery model must be probabilities, rates and days. */
function checkEventParameters(p: LmsParameters): void {
  if (!(p.probSarcomaDeath >= 0 && p.probSarcomaDeath <= 1)) throw optionError("probSarcomaDeath", "a probability in [0, 1]", p.probSarcomaDeath);
  for (const k of ["cured", "uncured"] as const) {
    const r = p.repeatRatePerYear[k];
    if (!(r >= 0) || !Number.isFinite(r)) throw optionError(`repeatRatePerYear.${k}`, "a rate per year >= 0", r);
  }
  if (!Number.isInteger(p.repeatMinGapDays) || p.repeatMinGapDays < 0) throw optionError("repeatMinGapDays", "a whole number of days >= 0", p.repeatMinGapDays);
}

/**
 * Days at risk of a repeat metastasectomy: from `minGap` days after each lung operation to the next
 * one, or to the last day of follow-up while fewer than MAX_REPEAT_SURGERIES repeats have happened.
 */
export function repeatExposureDays(pm: number, pm2: number, pm3: number, lastDay: number, minGap: number): number {
  if (Number.isNaN(pm)) return 0;
  let exposure = 0;
  let previous = pm;
  for (const next of [pm2, pm3]) {
    const end = Number.isNaN(next) ? lastDay : next;
    exposure += Math.max(0, end - (previous + minGap));
    if (Number.isNaN(next)) return exposure;
    previous = next;
  }
  return exposure;
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
  let deathsSarcoma = 0, deathsOther = 0, repeats = 0, withRepeat = 0, withTwo = 0;
  const repeatEvents = [0, 0], repeatDays = [0, 0]; // by latent status: [cured, uncured]
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
    if (c.causeOfDeath[i] === 1) deathsSarcoma++;
    else if (c.causeOfDeath[i] === 2) deathsOther++;
    const r = (Number.isNaN(c.datePm2[i]) ? 0 : 1) + (Number.isNaN(c.datePm3[i]) ? 0 : 1);
    repeats += r;
    if (r >= 1) withRepeat++;
    if (r === 2) withTwo++;
    const status = l.cured[i] ? 0 : 1;
    repeatEvents[status] += r;
    repeatDays[status] += repeatExposureDays(c.datePm[i], c.datePm2[i], c.datePm3[i], c.dateLastFollowup[i], p.repeatMinGapDays);
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
      deathsSarcoma,
      deathsOther,
      repeatSurgeries: repeats,
      patientsWithRepeat: withRepeat,
      patientsWithTwoRepeats: withTwo,
    },
    causeOfDeath: {
      probSarcoma: p.probSarcomaDeath,
      description:
        `each death of an uncured patient is "sarcoma" with probability ${p.probSarcomaDeath}, else "other", independently of its time and of the covariates; ` +
        "so the cause-specific hazards are that fraction (and its complement) of the all-cause hazard, with the same covariate and surgery effects",
    },
    repeatSurgery: {
      ratePerYear: { ...p.repeatRatePerYear },
      rateRatio: p.repeatRatePerYear.uncured / p.repeatRatePerYear.cured,
      minGapDays: p.repeatMinGapDays,
      maxRepeats: MAX_REPEAT_SURGERIES,
      description:
        `after the first metastasectomy, repeats arrive at ${p.repeatRatePerYear.uncured} per year (uncured) or ${p.repeatRatePerYear.cured} per year (cured), ` +
        `not within ${p.repeatMinGapDays} days of the previous lung operation, at most ${MAX_REPEAT_SURGERIES}, strictly before death or the last follow-up`,
      realisedRatePerYear: {
        cured: repeatDays[0] > 0 ? repeatEvents[0] / (repeatDays[0] / 365.25) : Number.NaN,
        uncured: repeatDays[1] > 0 ? repeatEvents[1] / (repeatDays[1] / 365.25) : Number.NaN,
      },
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
  "cause_of_death",
  "date_pm2",
  "date_pm3",
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
  // cause codes 1 = sarcoma, 2 = other → factor levels ["other", "sarcoma"] (R's order), −1 = empty
  const causeCodes = Int32Array.from(c.causeOfDeath, (k) => (k === 0 ? -1 : k === 1 ? 1 : 0));
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
    { kind: "categorical", name: "cause_of_death", levels: ["other", "sarcoma"], codes: causeCodes },
    date("date_pm2", c.datePm2),
    date("date_pm3", c.datePm3),
  ];
  const rowNumbers = new Int32Array(cohort.n);
  for (let i = 0; i < cohort.n; i++) rowNumbers[i] = i + 2;
  return { nRows: cohort.n, columns, source: { file }, rowNumbers };
}
