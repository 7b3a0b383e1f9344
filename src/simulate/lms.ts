/**
 * The "lms" preset: a synthetic cohort shaped like the reference study (leiomyosarcoma metastatic
 * to the lung, pulmonary metastasectomy or not), with a known data-generating process.
 * docs/simulation.md states every formula and parameter; the summary:
 *
 * - covariates: sex, age at primary, primary size, grade, synchronous/metachronous timing,
 *   number of lung metastases; first lung metastasis uniform over the accrual period.
 * - selection: surgery is *planned* with probability expit(b0 + b·x) (younger, smaller primaries,
 *   fewer and metachronous metastases more often), at a wait W after the lung-metastasis date;
 *   a patient who dies or leaves follow-up before W is not operated (immortal time is real).
 * - outcome: promotion-time cure model (Yakovlev & Tsodikov 1996; Chen, Ibrahim & Sinha 1999,
 *   doi:10.1080/01621459.1999.10473882): cumulative hazard of death
 *   H(t) = θ · [F(min(t, W)) + HR · (F(t) − F(W))⁺ · A], θ = exp(α0 + α·x), F a Weibull cdf,
 *   A = planned surgery. Hazards are proportional in x and in the time-dependent treatment, so
 *   `trueHazardRatio` is exactly the conditional HR of a correctly specified Cox model with
 *   treatment as a time-dependent covariate; cure probability exp(−H(∞)).
 * - censoring: loss to follow-up (exponential) and the administrative cut-off.
 * - after the first surgery (a fifth stream, so that the columns above do not depend on it): the
 *   cause of each death ("sarcoma" with probability `probSarcomaDeath` for the uncured, "other" for
 *   the cured) and up to two repeat metastasectomies, a Poisson process from the first surgery with
 *   a rate per year that is higher for the uncured, paused for `repeatMinGapDays` after each
 *   operation and stopped by death or the end of follow-up.
 * All computation is over typed arrays; one patient consumes a fixed number of uniforms from each
 * of five independent streams (covariates, selection, outcome, missingness, repeat events).
 */
import { streams } from "./rng.js";
import { isoToDays } from "./dates.js";

export const DAYS_PER_MONTH = 30.4375;

/** Every parameter of the lms data-generating process (defaults in LMS_DEFAULTS). */
export interface LmsParameters {
  /** exp of the treatment coefficient: hazard of death after vs before surgery, given x. */
  readonly trueHazardRatio: number;
  readonly accrualStart: string;
  readonly accrualEnd: string;
  readonly cutoff: string;
  readonly probMale: number;
  readonly ageMean: number;
  readonly ageSd: number;
  readonly ageMin: number;
  readonly ageMax: number;
  /** Primary size: log-normal with this median (mm) and sdlog, clamped to [min, max]. */
  readonly sizeMedianMm: number;
  readonly sizeSdLog: number;
  readonly sizeMinMm: number;
  readonly sizeMaxMm: number;
  /** P(grade = 1, 2, 3). */
  readonly gradeProbs: readonly [number, number, number];
  readonly probSynchronous: number;
  /** Synchronous: primary diagnosed 0..this many days before the lung metastasis. */
  readonly synchronousWindowDays: number;
  /** Metachronous: interval primary → lung metastasis, log-normal (median days, sdlog), at least min. */
  readonly intervalMedianDays: number;
  readonly intervalSdLog: number;
  readonly intervalMinDays: number;
  /** n_lung_mets = 1 + geometric with this mean (metachronous, synchronous), at most max. */
  readonly extraMetsMean: readonly [number, number];
  readonly maxMets: number;
  /** Logit of P(surgery planned). */
  readonly selection: {
    readonly intercept: number;
    /** per 10 years of (age_primary − 55) */
    readonly agePer10: number;
    /** per doubling of primary size above 80 mm: log2(size / 80) */
    readonly log2SizeOver80: number;
    /** per metastasis beyond the first */
    readonly extraMet: number;
    readonly synchronous: number;
    readonly grade3: number;
  };
  /** Wait from lung metastasis to planned surgery: minDays + exponential(mean), whole days. */
  readonly waitMinDays: number;
  readonly waitMeanDays: number;
  /** log θ = intercept + Σ coefficient · x (log hazard ratios per unit). */
  readonly outcome: {
    readonly intercept: number;
    /** per year of (age_primary − 55) */
    readonly age: number;
    /** per mm of (primary_size_mm − 80) */
    readonly sizeMm: number;
    /** per metastasis beyond the first */
    readonly extraMet: number;
    readonly grade2: number;
    readonly grade3: number;
    readonly synchronous: number;
    readonly male: number;
  };
  /** F(t) = 1 − exp(−(t / scale)^shape), t in months. */
  readonly weibullShape: number;
  readonly weibullScaleMonths: number;
  /** Loss to follow-up: exponential, rate per year. */
  readonly lossRatePerYear: number;
  /** Progression: at a fraction U(a, b) of the way from surgery (or origin) to death. */
  readonly progressionFraction: readonly [number, number];
  /** Progression among the cured: probability, time uniform within this many months. */
  readonly curedProgressionProb: number;
  readonly curedProgressionWithinMonths: number;
  /** MCAR probability of a missing value. */
  readonly missingSize: number;
  readonly missingGrade: number;
  /** P(cause of death = "sarcoma") for a death of an uncured patient; a cured patient's death is "other". */
  readonly probSarcomaDeath: number;
  /** Rate per year of a repeat pulmonary metastasectomy (new lung metastases) while at risk. */
  readonly repeatRatePerYear: { readonly cured: number; readonly uncured: number };
  /** No repeat within this many days after the previous lung operation (the rate is 0 meanwhile). */
  readonly repeatMinGapDays: number;
}

/** At most this many repeat metastasectomies per patient (the CSV's date_pm2, date_pm3). */
export const MAX_REPEAT_SURGERIES = 2;

export const LMS_DEFAULTS: LmsParameters = {
  trueHazardRatio: 0.7,
  accrualStart: "2004-01-01",
  accrualEnd: "2020-12-31",
  cutoff: "2021-06-30",
  probMale: 0.4,
  ageMean: 52,
  ageSd: 12,
  ageMin: 18,
  ageMax: 85,
  sizeMedianMm: 80,
  sizeSdLog: 0.5,
  sizeMinMm: 10,
  sizeMaxMm: 350,
  gradeProbs: [0.1, 0.35, 0.55],
  probSynchronous: 0.3,
  synchronousWindowDays: 90,
  intervalMedianDays: 900,
  intervalSdLog: 0.8,
  intervalMinDays: 180,
  extraMetsMean: [1.5, 3],
  maxMets: 30,
  selection: { intercept: 2.0, agePer10: -0.5, log2SizeOver80: -0.6, extraMet: -0.3, synchronous: -1, grade3: -0.3 },
  waitMinDays: 14,
  waitMeanDays: 45,
  outcome: { intercept: -1, age: 0.02, sizeMm: 0.005, extraMet: 0.15, grade2: 0.3, grade3: 0.7, synchronous: 0.4, male: 0.1 },
  weibullShape: 1.2,
  weibullScaleMonths: 45,
  lossRatePerYear: 0.02,
  progressionFraction: [0.3, 0.9],
  curedProgressionProb: 0.25,
  curedProgressionWithinMonths: 60,
  missingSize: 0.05,
  missingGrade: 0.05,
  probSarcomaDeath: 0.9,
  repeatRatePerYear: { cured: 0.03, uncured: 0.3 },
  repeatMinGapDays: 90,
};

/** Codes of `causeOfDeath`: 0 = no death observed, then the CSV's values by code. */
export const CAUSES_OF_DEATH = ["", "sarcoma", "other"] as const;

/** The simulated columns (typed arrays, one entry per patient; dates in days since 1970-01-01). */
export interface LmsColumns {
  /** 1..n */
  readonly patientId: Int32Array;
  /** 0 = female, 1 = male */
  readonly male: Uint8Array;
  readonly datePrimary: Float64Array;
  readonly dateLungMet: Float64Array;
  /** 1 = operated during follow-up */
  readonly metastasectomy: Uint8Array;
  /** NaN when not operated */
  readonly datePm: Float64Array;
  /** NaN when no progression was observed */
  readonly dateProgression: Float64Array;
  /** NaN when alive at last follow-up */
  readonly dateDeath: Float64Array;
  readonly dateLastFollowup: Float64Array;
  /** whole years */
  readonly agePrimary: Float64Array;
  /** whole mm, NaN when missing */
  readonly primarySizeMm: Float64Array;
  readonly nLungMets: Float64Array;
  /** 1 = synchronous, 0 = metachronous */
  readonly synchronous: Uint8Array;
  /** 1, 2, 3; NaN when missing */
  readonly grade: Float64Array;
  /** 0 = no death observed, 1 = sarcoma, 2 = other (CAUSES_OF_DEATH) */
  readonly causeOfDeath: Uint8Array;
  /** 2nd and 3rd pulmonary metastasectomy (1st and 2nd repeat); NaN when none */
  readonly datePm2: Float64Array;
  readonly datePm3: Float64Array;
}

/** Latent quantities (never in the CSV): what the analyst cannot see. */
export interface LmsLatent {
  /** Surgery planned by the selection model. */
  readonly planned: Uint8Array;
  /** Days from lung metastasis to (planned) surgery. */
  readonly waitDays: Float64Array;
  /** Probability of planned surgery (the true "intended treatment" propensity). */
  readonly propensity: Float64Array;
  /** θ = exp(α0 + α·x): cumulative disease hazard if never operated. */
  readonly theta: Float64Array;
  /** Death time in days from the lung metastasis (Infinity for the cured), before censoring. */
  readonly deathDays: Float64Array;
  /** 1 = cured (never dies of the disease). */
  readonly cured: Uint8Array;
  /** Grade and size before missingness was applied. */
  readonly gradeComplete: Float64Array;
  readonly sizeComplete: Float64Array;
}

/** F(t) for t in days. */
export function baselineCdf(days: number, p: LmsParameters): number {
  if (!(days > 0)) return 0;
  if (days === Infinity) return 1;
  // exp(k·log x) rather than Math.pow: faster in V8, same value to ~1 ulp
  return 1 - Math.exp(-Math.exp(p.weibullShape * Math.log(days / (p.weibullScaleMonths * DAYS_PER_MONTH))));
}

/** F⁻¹(q) in days, q in [0, 1). */
function baselineQuantile(q: number, p: LmsParameters): number {
  return p.weibullScaleMonths * DAYS_PER_MONTH * Math.exp(Math.log(-Math.log1p(-q)) / p.weibullShape);
}

/** Cumulative disease hazard at t days for a patient operated at W days (W = Infinity: never). */
export function cumulativeHazard(theta: number, days: number, waitDays: number, p: LmsParameters): number {
  if (days <= waitDays) return theta * baselineCdf(days, p);
  const fw = baselineCdf(waitDays, p);
  return theta * (fw + p.trueHazardRatio * (baselineCdf(days, p) - fw));
}

const expit = (x: number): number => 1 / (1 + Math.exp(-x));

export function simulateLms(n: number, seed: number, p: LmsParameters): { columns: LmsColumns; latent: LmsLatent } {
  // stream 5 was added after the first four: jumping once more leaves streams 1-4, and so every
  // column they make, unchanged for every seed
  const [sCov, sSel, sOut, sMiss, sRep] = streams(seed, 5);
  const accrualStart = isoToDays(p.accrualStart);
  const accrualDays = isoToDays(p.accrualEnd) - accrualStart + 1;
  const cutoff = isoToDays(p.cutoff);
  const lossPerDay = p.lossRatePerYear / 365.25;
  const repeatPerDayCured = p.repeatRatePerYear.cured / 365.25;
  const repeatPerDayUncured = p.repeatRatePerYear.uncured / 365.25;
  const sel = p.selection;
  const out = p.outcome;

  const c = {
    patientId: new Int32Array(n),
    male: new Uint8Array(n),
    datePrimary: new Float64Array(n),
    dateLungMet: new Float64Array(n),
    metastasectomy: new Uint8Array(n),
    datePm: new Float64Array(n).fill(Number.NaN),
    dateProgression: new Float64Array(n).fill(Number.NaN),
    dateDeath: new Float64Array(n).fill(Number.NaN),
    dateLastFollowup: new Float64Array(n),
    agePrimary: new Float64Array(n),
    primarySizeMm: new Float64Array(n),
    nLungMets: new Float64Array(n),
    synchronous: new Uint8Array(n),
    grade: new Float64Array(n),
    causeOfDeath: new Uint8Array(n),
    datePm2: new Float64Array(n).fill(Number.NaN),
    datePm3: new Float64Array(n).fill(Number.NaN),
  };
  const l = {
    planned: new Uint8Array(n),
    waitDays: new Float64Array(n),
    propensity: new Float64Array(n),
    theta: new Float64Array(n),
    deathDays: new Float64Array(n),
    cured: new Uint8Array(n),
    gradeComplete: new Float64Array(n),
    sizeComplete: new Float64Array(n),
  };

  for (let i = 0; i < n; i++) {
    // --- covariates (stream 1: 12 uniforms per patient) ---
    const male = sCov.uniform() < p.probMale ? 1 : 0;
    const age = Math.round(Math.min(p.ageMax, Math.max(p.ageMin, p.ageMean + p.ageSd * sCov.normal())));
    const size = Math.round(Math.min(p.sizeMaxMm, Math.max(p.sizeMinMm, p.sizeMedianMm * Math.exp(p.sizeSdLog * sCov.normal()))));
    const ug = sCov.uniform();
    const grade = ug < p.gradeProbs[0] ? 1 : ug < p.gradeProbs[0] + p.gradeProbs[1] ? 2 : 3;
    const sync = sCov.uniform() < p.probSynchronous ? 1 : 0;
    const lungMet = accrualStart + Math.floor(sCov.uniform() * accrualDays);
    const uWindow = sCov.uniform();
    const zInterval = sCov.normal();
    const interval = sync
      ? Math.floor(uWindow * (p.synchronousWindowDays + 1))
      : Math.max(p.intervalMinDays, Math.round(p.intervalMedianDays * Math.exp(p.intervalSdLog * zInterval)));
    const extraMean = p.extraMetsMean[sync];
    // geometric on {0, 1, ...} with mean m: floor(log U / log(m / (m + 1)))
    const extra = Math.min(p.maxMets - 1, Math.floor(Math.log(sCov.uniform()) / Math.log(extraMean / (extraMean + 1))));
    const nMets = 1 + extra;

    // --- selection (stream 2: 2 uniforms) ---
    const lpSel = sel.intercept + sel.agePer10 * (age - 55) / 10 + sel.log2SizeOver80 * Math.log2(size / 80)
      + sel.extraMet * extra + sel.synchronous * sync + sel.grade3 * (grade === 3 ? 1 : 0);
    const ps = expit(lpSel);
    const planned = sSel.uniform() < ps ? 1 : 0;
    const wait = p.waitMinDays + Math.round(p.waitMeanDays * sSel.exponential());

    // --- outcome (stream 3: 5 uniforms) ---
    const lpOut = out.intercept + out.age * (age - 55) + out.sizeMm * (size - 80) + out.extraMet * extra
      + out.grade2 * (grade === 2 ? 1 : 0) + out.grade3 * (grade === 3 ? 1 : 0) + out.synchronous * sync + out.male * male;
    const theta = Math.exp(lpOut);
    const e = sOut.exponential(); // death when H(T) = e
    let death = Infinity;
    const fw = baselineCdf(wait, p);
    if (planned && e >= theta * fw) {
      const q = fw + (e / theta - fw) / p.trueHazardRatio;
      if (q < 1) death = baselineQuantile(q, p);
    } else if (e < theta) {
      death = baselineQuantile(e / theta, p);
    }
    const loss = sOut.exponential() / lossPerDay;
    const uProg = sOut.uniform();
    const uCuredProg = sOut.uniform();
    const uCuredProgTime = sOut.uniform();

    // --- observation ---
    const censorDay = Math.max(1, Math.floor(Math.min(cutoff - lungMet, loss)));
    const deathDay = Math.max(1, Math.ceil(death));
    const died = death < Infinity && deathDay <= censorDay;
    const operated = planned === 1 && death > wait && wait <= censorDay;
    const start = operated ? wait : 0;
    let prog = Number.NaN;
    if (death < Infinity) {
      const f = p.progressionFraction[0] + (p.progressionFraction[1] - p.progressionFraction[0]) * uProg;
      const d = Math.ceil(start + f * (death - start));
      if (d < deathDay) prog = d;
    } else if (uCuredProg < p.curedProgressionProb) {
      prog = start + Math.max(1, Math.ceil(uCuredProgTime * p.curedProgressionWithinMonths * DAYS_PER_MONTH));
    }
    const lastDay = died ? deathDay : censorDay;

    c.patientId[i] = i + 1;
    c.male[i] = male;
    c.datePrimary[i] = lungMet - interval;
    c.dateLungMet[i] = lungMet;
    c.metastasectomy[i] = operated ? 1 : 0;
    if (operated) c.datePm[i] = lungMet + wait;
    if (prog <= lastDay) c.dateProgression[i] = lungMet + prog;
    if (died) c.dateDeath[i] = lungMet + deathDay;
    c.dateLastFollowup[i] = lungMet + lastDay;
    c.agePrimary[i] = age;
    c.nLungMets[i] = nMets;
    c.synchronous[i] = sync;
    // --- missingness (stream 4: 2 uniforms), MCAR ---
    c.primarySizeMm[i] = sMiss.uniform() < p.missingSize ? Number.NaN : size;
    c.grade[i] = sMiss.uniform() < p.missingGrade ? Number.NaN : grade;

    // --- after the first surgery (stream 5: 3 uniforms) ---
    const uCause = sRep.uniform();
    const e1 = sRep.exponential();
    const e2 = sRep.exponential();
    if (died) c.causeOfDeath[i] = death === Infinity || uCause >= p.probSarcomaDeath ? 2 : 1;
    if (operated) {
      // Poisson arrivals at rate ρ per day, counted from minGap days after the previous operation;
      // day_k = ⌈day_{k−1} + minGap + E_k / ρ⌉ > day_{k−1}, kept if strictly before the last day
      const rate = death === Infinity ? repeatPerDayCured : repeatPerDayUncured;
      const day2 = Math.ceil(wait + p.repeatMinGapDays + e1 / rate);
      if (day2 < lastDay) {
        c.datePm2[i] = lungMet + day2;
        const day3 = Math.ceil(day2 + p.repeatMinGapDays + e2 / rate);
        if (day3 < lastDay) c.datePm3[i] = lungMet + day3;
      }
    }

    l.planned[i] = planned;
    l.waitDays[i] = wait;
    l.propensity[i] = ps;
    l.theta[i] = theta;
    l.deathDays[i] = death;
    l.cured[i] = death === Infinity ? 1 : 0;
    l.gradeComplete[i] = grade;
    l.sizeComplete[i] = size;
  }
  return { columns: c, latent: l };
}
