/**
 * Minimum sample size for developing a survival prediction model (Riley et al. 2019, Stat Med 38:1276,
 * doi:10.1002/sim.7992, "Part II: binary and time-to-event outcomes"; Riley et al. 2020, BMJ 368:m441,
 * doi:10.1136/bmj.m441), as `pmsampsize::pmsampsize(type = "s")` computes it (pmsampsize_surv.R):
 *   1. expected uniform shrinkage ≥ S (0.9):          n₁ = ⌈p / ((S − 1)·ln(1 − R²_CS / S))⌉
 *   2. optimism in Nagelkerke's R² ≤ 0.05:             S₂ = R²_CS / (R²_CS + 0.05·max R²_CS), n₂ as n₁ with S₂
 *      max R²_CS = 1 − exp(2·lnL₀/n'), lnL₀ = E'·ln(E'/n') − E' with n' = 10000, E' = ⌈rate·meanFollowUp·n'⌉
 *   3. precise overall risk at the horizon τ:         1 − exp(−(rate ± 1.96·√(rate / (meanFollowUp·n)))·τ)
 * with p the candidate parameters, rate the events per person-time and meanFollowUp the mean follow-up.
 * pmsampsize rounds max R²_CS (2 digits), S₂ (3 digits) and the person-time of criterion 3 (1 digit); the
 * same roundings are applied here (R's round(): nearest, ties to the even digit), so the numbers agree
 * with the package. pmsampsize is not in Debian: tools/oracle/pmsampsize.R restates it in base R.
 *
 * From a fitted model (Riley 2019 Part II §4.1): R²_CS,app = 1 − exp(−LR/n) from its likelihood-ratio
 * statistic, shrunk by van Houwelingen's S_VH = 1 − p/LR to R²_CS,adj = S_VH·R²_CS,app, the anticipated
 * value for a new model of the same kind.
 */
import { SurvinferError } from "../errors.js";

export interface SampleSizeInput {
  /** Anticipated Cox–Snell R² (0 < R² < 1). */
  readonly rsquared: number;
  /** Candidate predictor parameters (degrees of freedom), ≥ 1. */
  readonly parameters: number;
  /** Events per unit of person-time. */
  readonly rate: number;
  /** Prediction horizon τ, in the unit of the rate. */
  readonly timepoint: number;
  /** Mean follow-up per patient, in the unit of the rate. */
  readonly meanFollowUp: number;
  /** Target expected shrinkage; pmsampsize's default 0.9. */
  readonly shrinkage?: number;
}

export interface SampleSizeCriterion {
  readonly criterion: "shrinkage" | "optimism" | "overall risk";
  readonly n: number;
  /** Shrinkage targeted by this criterion. */
  readonly shrinkage: number;
  /** Expected events for n: n·rate·meanFollowUp. */
  readonly events: number;
  /** Events per candidate parameter. */
  readonly epp: number;
}

export interface SampleSizeResult {
  readonly method: "Riley et al. 2019/2020 minimum sample size, survival outcome (pmsampsize type \"s\")";
  readonly criteria: readonly SampleSizeCriterion[];
  /** The largest of the three: the minimum sample size. */
  readonly n: number;
  readonly events: number;
  readonly epp: number;
  readonly shrinkage: number;
  /** max R²_CS (rounded to 2 digits, as pmsampsize). */
  readonly maxRsquared: number;
  /** Cumulative incidence at the horizon 1 − exp(−rate·τ) and its 95% limits at the minimum n (3 digits, as pmsampsize). */
  readonly risk: { readonly estimate: number; readonly lower: number; readonly upper: number; readonly marginOfError: number };
  readonly input: Required<SampleSizeInput>;
}

/** R's round(x, digits) for the values pmsampsize rounds: nearest of the two decimal candidates, ties to even. */
export function roundR(x: number, digits: number): number {
  const m = Math.pow(10, digits);
  const lo = Math.floor(x * m);
  const hi = lo + 1;
  const dLo = Math.abs(x - lo / m);
  const dHi = Math.abs(hi / m - x);
  if (dLo < dHi) return lo / m;
  if (dHi < dLo) return hi / m;
  return (lo % 2 === 0 ? lo : hi) / m;
}

function bad(what: string, v: number, rule: string): never {
  throw new SurvinferError({ code: "OPTION_INVALID", message: `sample size: ${what} must be ${rule}`, value: String(v) });
}

/** n for a target shrinkage S: ⌈p / ((S − 1)·ln(1 − R²/S))⌉ (Riley 2019 eq. 11). */
function nForShrinkage(p: number, r2: number, s: number): number {
  return Math.ceil(p / ((s - 1) * Math.log(1 - r2 / s)));
}

/**
 * @example
 * rileySampleSize({ rsquared: 0.051, parameters: 25, rate: 0.065, timepoint: 2, meanFollowUp: 2.07 }).n // 4286 (pmsampsize tests, case 3.1)
 */
export function rileySampleSize(input: SampleSizeInput): SampleSizeResult {
  const { rsquared: r2, parameters: p, rate, timepoint, meanFollowUp: fu } = input;
  const shrink = input.shrinkage ?? 0.9;
  if (!(r2 > 0 && r2 < 1)) bad("the anticipated Cox–Snell R²", r2, "between 0 and 1");
  if (!(Number.isInteger(p) && p >= 1)) bad("the number of candidate parameters", p, "a whole number ≥ 1");
  if (!(Number.isFinite(rate) && rate > 0)) bad("the event rate", rate, "a positive number");
  if (!(Number.isFinite(timepoint) && timepoint > 0)) bad("the prediction horizon", timepoint, "a positive number");
  if (!(Number.isFinite(fu) && fu > 0)) bad("the mean follow-up", fu, "a positive number");
  if (!(shrink > 0 && shrink < 1)) bad("the target shrinkage", shrink, "between 0 and 1");
  // criterion 1: shrinkage
  const n1 = nForShrinkage(p, r2, shrink);
  // criterion 2: max R²_CS from a null model with the anticipated rate in an arbitrary n' = 10000 (pmsampsize)
  const nRef = 10000;
  const eRef = Math.ceil(rate * fu * nRef);
  const lnLnull = eRef * Math.log(eRef / nRef) - eRef;
  const maxR2 = roundR(1 - Math.exp((2 * lnLnull) / nRef), 2);
  if (maxR2 < r2) {
    throw new SurvinferError({
      code: "OPTION_INVALID",
      message: `sample size: the anticipated Cox–Snell R² ${r2} is larger than the largest possible for this event rate (${maxR2}; Riley et al. 2019 eq. 23)`,
      hint: "check the event rate, the mean follow-up and the R² (Cox–Snell, not Nagelkerke)",
    });
  }
  const s2 = roundR(r2 / (r2 + 0.05 * maxR2), 3);
  const n2 = nForShrinkage(p, r2, s2);
  // criterion 3: precise overall risk at the horizon, at max(n1, n2)
  const n3 = Math.max(n1, n2);
  const personTime = roundR(fu * n3, 1);
  const se = Math.sqrt(rate / personTime);
  const upper = 1 - Math.exp(-(rate + 1.96 * se) * timepoint);
  const lower = 1 - Math.exp(-(rate - 1.96 * se) * timepoint);
  const cuminc = 1 - Math.exp(-rate * timepoint);
  const s3 = Math.max(s2, shrink);
  const row = (criterion: SampleSizeCriterion["criterion"], n: number, s: number): SampleSizeCriterion => ({ criterion, n, shrinkage: s, events: n * rate * fu, epp: (n * rate * fu) / p });
  const criteria = [row("shrinkage", n1, shrink), row("optimism", n2, s2), row("overall risk", n3, s3)];
  const nFinal = Math.max(n1, n2, n3);
  return {
    method: "Riley et al. 2019/2020 minimum sample size, survival outcome (pmsampsize type \"s\")",
    criteria,
    n: nFinal,
    events: nFinal * rate * fu,
    epp: (nFinal * rate * fu) / p,
    shrinkage: s3,
    maxRsquared: maxR2,
    risk: { estimate: roundR(cuminc, 3), lower: roundR(lower, 3), upper: roundR(upper, 3), marginOfError: upper - cuminc },
    input: { rsquared: r2, parameters: p, rate, timepoint, meanFollowUp: fu, shrinkage: shrink },
  };
}

export interface FittedModelSummary {
  /** Patients the model was fitted on. */
  readonly n: number;
  readonly events: number;
  /** Total follow-up time of those patients (the unit of the horizon). */
  readonly personTime: number;
  /** Parameters of the fitted model (degrees of freedom). */
  readonly parameters: number;
  /** Likelihood-ratio χ² of the fitted model against the null model. */
  readonly lrStatistic: number;
  /** Prediction horizon τ. */
  readonly horizon: number;
  readonly shrinkage?: number;
}

export interface ModelSampleSizeResult extends SampleSizeResult {
  /** Apparent R²_CS = 1 − exp(−LR/n), van Houwelingen's S_VH = 1 − p/LR, and R²_CS,adj = S_VH·R²_CS,app. */
  readonly anticipated: { readonly rsquaredApparent: number; readonly shrinkageVH: number; readonly rsquaredAdjusted: number };
  /** The data at hand: patients and events, and whether they reach the minimum. */
  readonly available: { readonly n: number; readonly events: number; readonly enough: boolean };
  readonly warnings: string[];
}

/**
 * The Riley criteria for the study's own fitted model: anticipated R²_CS from its LR statistic (shrunk by
 * S_VH), rate = events/person-time, mean follow-up = person-time/n; compares the minimum with the n at hand.
 */
export function rileySampleSizeForModel(m: FittedModelSummary): ModelSampleSizeResult {
  if (!(Number.isInteger(m.n) && m.n > 0) || !(Number.isInteger(m.events) && m.events > 0)) bad("patients and events", m.n, "whole numbers > 0");
  if (!(m.personTime > 0)) bad("the total follow-up", m.personTime, "positive");
  if (!(Number.isFinite(m.lrStatistic) && m.lrStatistic > 0)) bad("the model's likelihood-ratio statistic", m.lrStatistic, "positive");
  const r2App = 1 - Math.exp(-m.lrStatistic / m.n);
  const sVH = 1 - m.parameters / m.lrStatistic;
  const warnings: string[] = [];
  if (!(sVH > 0)) {
    throw new SurvinferError({
      code: "SAMPLE_SIZE_NO_SIGNAL",
      message: `sample size: the fitted model's likelihood-ratio statistic (${m.lrStatistic.toFixed(2)}) is not larger than its ${m.parameters} parameters, so its shrunken R² is not positive (S_VH = 1 − p/LR ≤ 0)`,
      hint: "the model explains no more than chance; the Riley criteria need an anticipated R² > 0",
    });
  }
  const r2Adj = sVH * r2App;
  const res = rileySampleSize({ rsquared: r2Adj, parameters: m.parameters, rate: m.events / m.personTime, timepoint: m.horizon, meanFollowUp: m.personTime / m.n, shrinkage: m.shrinkage });
  const enough = m.n >= res.n;
  if (!enough) warnings.push(`the model was fitted on ${m.n} patients (${m.events} events); the Riley criteria ask for at least ${res.n} (${Math.round(res.events)} events) for ${m.parameters} parameters: expect overfitting`);
  return { ...res, anticipated: { rsquaredApparent: r2App, shrinkageVH: sVH, rsquaredAdjusted: r2Adj }, available: { n: m.n, events: m.events, enough }, warnings };
}
