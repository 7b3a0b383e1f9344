/**
 * Coverage study with known truth (issue 14 item 5): does each design of the study answer the question
 * "does metastasectomy prolong survival?" when surgery happens after time zero?
 *
 * Each replicate simulates an `lms` cohort (docs/simulation.md: surgery at a wait W after the diagnosis of
 * lung metastases, conditional HR `trueHazardRatio` from the date of surgery on), runs the real study
 * pipeline (`runStudy`, the same code as `survinfer run`) on it, and compares every treatment estimate
 * with its truth:
 * - hazard ratios against the conditional HR (exact for a Cox model with treatment as a time-dependent
 *   covariate and the six confounders; the ever-treated-from-origin estimates have no truth of their own:
 *   they are shown against it to measure their bias);
 * - survival differences at 12/36/60 months against the population counterfactual difference "operate at
 *   W if alive" minus "never operate", computed once from a large simulated cohort (`--truth-n`).
 * Prints a Markdown table (bias of the log HR or of the difference, SE/SD, 95% CI coverage) for
 * docs/validation.md. Not a test: `npx tsx bench/coverage/immortal-time.ts --n 2000 --reps 500`
 * (`--log-size`: the size covariate as log2(size), the simulator's selection model's form).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { simulateCohort, cohortToTable, DAYS_PER_MONTH, type LmsParameters, type SimulatedCohort } from "../../src/simulate/index.js";
import { baselineCdf, cumulativeHazard } from "../../src/simulate/lms.js";
import { streams } from "../../src/simulate/rng.js";
import { isoToDays } from "../../src/simulate/dates.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { normalCdf, normalQuantile } from "../../src/math/distributions.js";
import { runStudy, type StudyResults } from "../../src/study/run.js";
import { quantile6 } from "../../src/causal/ccw/interval.js";
import { studySpecSchema, type StudySpec, type StudySpecInput } from "../../src/study/schema.js";
import type { Table } from "../../src/data/table.js";

interface Args {
  readonly n: number;
  readonly reps: number;
  readonly seed0: number;
  readonly truthN: number;
  readonly hr: number;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (flag: string, def: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return def;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} needs a positive number, got ${argv[i + 1]}`);
    return v;
  };
  const b = argv.indexOf("--ccw-bootstrap");
  BOOTSTRAP = b < 0 ? 200 : Number(argv[b + 1]); // 0: no bootstrap (the other designs only)
  if (!(Number.isInteger(BOOTSTRAP) && BOOTSTRAP >= 0)) throw new Error(`--ccw-bootstrap needs a whole number ≥ 0, got ${argv[b + 1]}`);
  return { n: get("--n", 2000), reps: get("--reps", 500), seed0: get("--seed0", 1), truthN: get("--truth-n", 1_000_000), hr: get("--hr", 0.7) };
}

/** Bootstrap replicates of clone–censor–weight per cohort (`--ccw-bootstrap`). */
let BOOTSTRAP = 200;

/** The study as a user would write it for this question (covariates entering linearly, no cut-offs). */
export function coverageSpec(extra: Partial<StudySpecInput["analyses"]> = {}): StudySpecInput {
  return {
    title: "coverage",
    data: { file: "simulated", id: "patient_id" },
    endpoints: { os: { label: "Overall survival", origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" } },
    treatment: { column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" },
    covariates: [
      "age_primary",
      { name: "sex", reference: "female" },
      "primary_size_mm",
      "n_lung_mets",
      { name: "timing", type: "categorical", reference: "metachronous" },
      { name: "grade", type: "categorical", reference: 1 },
    ],
    analyses: {
      km: { endpoint: "os", by: "treatment", times: [12, 36, 60] },
      cox: { endpoint: "os", univariable: [], multivariable: ["age_primary", "sex", "primary_size_mm", "n_lung_mets", "timing", "grade"] },
      propensity: {
        matching: { ratio: 1, caliper: 0.2, distance: "logit", replace: false, order: "largest" },
        weighting: { estimand: "ATE", stabilize: true },
      },
      immortalTime: { landmark: 6, timeDependent: true, cloneCensorWeight: { grace: 12, bootstrap: BOOTSTRAP } },
      ...extra,
    },
    seed: 1,
  } as StudySpecInput;
}

/** One estimate of one replicate: a log HR or a survival difference, with its CI. */
export interface Draw {
  readonly id: string;
  readonly kind: "logHR" | "difference";
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Bootstrap SD of the estimate when the interval is a bootstrap one (clone–censor–weight). */
  readonly se?: number;
}

type CoxLike = { readonly terms: readonly { readonly name: string; readonly hr: number | null; readonly lower: number | null; readonly upper: number | null }[] };

function hrDraw(id: string, t: { readonly hr: number | null; readonly lower: number | null; readonly upper: number | null } | undefined): Draw[] {
  if (t === undefined || t.hr === null || t.lower === null || t.upper === null || !(t.hr > 0)) return [];
  return [{ id, kind: "logHR", estimate: Math.log(t.hr), lower: Math.log(t.lower), upper: Math.log(t.upper) }];
}

/** The treatment term of a Cox result: the first term whose name mentions treatment. */
function treatmentTerm(cox: CoxLike | undefined): CoxLike["terms"][number] | undefined {
  return cox?.terms.find((t) => /treat|metastasectomy/i.test(t.name)) ?? cox?.terms[0];
}

/**
 * Every treatment estimate the study produced, by a stable id. New designs are picked up here
 * (the immortal-time step's adjusted analyses, clone–censor–weight) as they land in results.json.
 */
export function drawsOf(r: StudyResults): Draw[] {
  const out: Draw[] = [];
  const eff = r.analyses.effects;
  for (const e of eff?.estimates ?? []) out.push(...hrDraw(`effects.${e.id}`, e));
  // adjusted survival differences (with CIs only when the bootstrap ran)
  for (const key of ["matched", "weighted"] as const) {
    const s = eff?.[key]?.survival;
    if (s === undefined) continue;
    s.times.forEach((t, j) => {
      const d = s.survDifference[j];
      if (d !== undefined && d.estimate !== null && d.lower !== null && d.upper !== null) out.push({ id: `effects.${key} survival difference at ${t}`, kind: "difference", estimate: d.estimate, lower: d.lower, upper: d.upper });
    });
  }
  const imm = r.analyses.immortalTime;
  const adj = imm?.adjustedTimeDependent;
  if (adj !== undefined) out.push(...hrDraw("immortalTime.adjustedTimeDependent", adj.result.fit.terms.find((t) => t.name === adj.treatmentTerm)));
  for (const e of imm?.landmarkPs?.effects.estimates ?? []) out.push(...hrDraw(`immortalTime.landmarkPs.${e.id}`, e));
  const cw = imm?.cloneCensorWeight;
  if (cw !== undefined) {
    cw.survivalDifference.forEach((d) => {
      // without a bootstrap (--ccw-bootstrap 0) the estimate alone, with NaN limits: bias and SD, no coverage
      if (d.estimate !== null) out.push({ id: `immortalTime.cloneCensorWeight survival difference at ${d.time}`, kind: "difference", estimate: d.estimate, lower: d.lower ?? Number.NaN, upper: d.upper ?? Number.NaN, ...(d.se !== null ? { se: d.se } : {}) });
    });
    const h = cw.hazardRatio;
    if (h !== null) out.push(...hrDraw("immortalTime.cloneCensorWeight per-protocol HR (no conditional truth)", h));
    const b = h?.bootstrap;
    if (h !== null && b !== null && b !== undefined && b.lower !== null && b.upper !== null && b.se !== null) {
      out.push({ id: "immortalTime.cloneCensorWeight per-protocol HR, bootstrap (no conditional truth)", kind: "logHR", estimate: h.coef, lower: Math.log(b.lower), upper: Math.log(b.upper), se: b.se });
    }
  }
  const it = r.analyses.immortalTime as unknown as Record<string, unknown> | undefined;
  if (it !== undefined) {
    for (const [key, value] of Object.entries(it)) {
      const v = value as { cox?: CoxLike } | undefined;
      if (v !== null && typeof v === "object" && v.cox !== undefined && Array.isArray(v.cox.terms)) out.push(...hrDraw(`immortalTime.${key}`, treatmentTerm(v.cox)));
    }
  }
  return out;
}

interface Summary {
  readonly id: string;
  readonly kind: Draw["kind"];
  readonly truth: number;
  readonly reps: number;
  readonly meanEstimate: number;
  readonly bias: number;
  readonly sd: number;
  readonly meanSe: number;
  /** √(mean SE²): compares the average variance, not the average SE, with the variance across cohorts. */
  readonly rmsSe: number;
  readonly coverage: number;
}

/** Bias, SE/SD and coverage of one estimate's draws against `truth` (SE from the CI width: Wald-type intervals). */
export function summarise(id: string, draws: readonly Draw[], truth: number): Summary {
  const m = draws.length;
  const est = draws.map((d) => d.estimate);
  const mean = est.reduce((s, x) => s + x, 0) / m;
  const sd = Math.sqrt(est.reduce((s, x) => s + (x - mean) ** 2, 0) / (m - 1));
  const halfWidth = (d: Draw): number => (d.upper - d.lower) / (2 * 1.959963984540054);
  // SE and coverage over the draws with an interval (NaN when none has one)
  const withCi = draws.filter((d) => Number.isFinite(d.lower) && Number.isFinite(d.upper));
  const k = withCi.length;
  const meanSe = k === 0 ? Number.NaN : withCi.reduce((s, d) => s + halfWidth(d), 0) / k;
  const rmsSe = k === 0 ? Number.NaN : Math.sqrt(withCi.reduce((s, d) => s + halfWidth(d) ** 2, 0) / k);
  const covered = k === 0 ? Number.NaN : withCi.filter((d) => d.lower <= truth && truth <= d.upper).length;
  return { id, kind: draws[0].kind, truth, reps: m, meanEstimate: mean, bias: mean - truth, sd, meanSe, rmsSe, coverage: covered / k };
}

/** The table with a column log2_primary_size = log2(primary_size_mm) (missing where the size is). */
function addLog2Size(table: Table): Table {
  const size = table.columns.find((c) => c.name === "primary_size_mm");
  if (size === undefined || size.kind !== "numeric") throw new Error("no numeric column primary_size_mm");
  return { ...table, columns: [...table.columns, { kind: "numeric", name: "log2_primary_size", values: size.values.map((v) => Math.log2(v)) }] };
}

/** The spec with log2_primary_size in place of primary_size_mm (covariates, Cox, immortal-time covariates). */
function withLogSize(spec: StudySpec): StudySpec {
  const swap = (c: string): string => (c === "primary_size_mm" ? "log2_primary_size" : c);
  const json = JSON.parse(JSON.stringify(spec), (_k, v: unknown) => (v === "primary_size_mm" ? swap(v) : v)) as StudySpecInput;
  return studySpecSchema.parse(json);
}

/** Runs the replicates and appends one JSON line per replicate ({ seed, draws }) to `out` (summarised by `--summarise`). */
function run(args: Args, out: string, designs: string | undefined, logSize = false): void {
  const t0 = Date.now();
  const spec = studySpecSchema.parse(coverageSpec());
  // --designs immortal: the immortal-time designs only (no Cox or propensity steps: the ever-treated-from-origin
  // comparisons are biased by design); the landmark IPTW then uses its default weighting, ATE stabilised, as the spec's;
  // --designs td: the time-dependent and landmark designs without clone–censor–weight (cheap: no bootstrap);
  // --designs ccw: clone–censor–weight and the landmark designs (no time-dependent Cox)
  const imm = spec.analyses.immortalTime;
  const specRun =
    designs === "immortal"
      ? { ...spec, analyses: { km: spec.analyses.km, immortalTime: imm } }
      : designs === "ccw"
        ? { ...spec, analyses: { km: spec.analyses.km, immortalTime: imm === false || imm === undefined ? imm : { ...imm, timeDependent: false } } }
        : designs === "td"
        ? { ...spec, analyses: { km: spec.analyses.km, immortalTime: imm === false || imm === undefined ? imm : { ...imm, cloneCensorWeight: false as const } } }
        : spec;
  // --log-size: the covariate primary_size_mm enters as log2(size), the form of the simulator's selection model
  // (docs/simulation.md), instead of linearly: separates the bias of a misspecified PS model from the design's
  const specUsed = logSize ? withLogSize(specRun) : specRun;
  let failed = 0;
  for (let r = 0; r < args.reps; r++) {
    const seed = args.seed0 + r;
    const cohort = simulateCohort({ n: args.n, seed, trueHazardRatio: args.hr });
    try {
      const table = cohortToTable(cohort);
      const res = runStudy({ spec: specUsed, table: logSize ? addLog2Size(table) : table, inference: [], readWarnings: [], specFile: "coverage.yaml" });
      const cw = res.analyses.immortalTime?.cloneCensorWeight;
      // the clone–censor–weight bootstrap replicates (4 significant digits) and largest weights, for the interval study
      const ccw = cw === undefined ? null : { maxWeight: cw.arms.map((a) => a.weights.max), names: cw.bootstrap?.names, values: cw.bootstrap?.values.map((v) => v.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null))), se: cw.bootstrap?.standardErrors.map((v) => v.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null))), estimate: [...cw.survivalDifference.map((d) => d.estimate), cw.rmstDifference?.estimate ?? null, cw.hazardRatio?.coef ?? null], analyticSe: [...cw.survivalDifference.map((d) => d.analyticSe), cw.rmstDifference?.analyticSe ?? null, cw.hazardRatio?.robustSe ?? null] };
      appendFileSync(out, JSON.stringify({ seed, n: args.n, draws: drawsOf(res), ccw }) + "\n");
    } catch (e) {
      failed++;
      appendFileSync(out, JSON.stringify({ seed, n: args.n, failed: (e as Error).message }) + "\n");
    }
    if ((r + 1) % 10 === 0) console.error(`${r + 1}/${args.reps} replicates, ${failed} failed, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

/** F⁻¹(q) of the lms baseline Weibull cdf, in days (docs/simulation.md: F(t) = 1 − exp(−(t / scale)^shape)). */
function baselineQuantileDays(q: number, p: LmsParameters): number {
  return p.weibullScaleMonths * DAYS_PER_MONTH * Math.pow(-Math.log1p(-q), 1 / p.weibullShape);
}

/**
 * Death time (days) of a patient alive at s whose residual cumulative hazard from s is e ~ Exp(1), when
 * operated at u (u ≤ s: already operated; Infinity: never): H(t) − H(s) = θ [F(min(t, u')) − F(s)] +
 * θ·HR·[F(t) − F(u')]⁺ with u' = max(u, s) (the lms hazard, src/simulate/lms.ts).
 */
export function residualDeathDays(theta: number, s: number, u: number, e: number, p: LmsParameters): number {
  const fs = baselineCdf(s, p);
  const up = Math.max(u, s);
  const fu = up === Number.POSITIVE_INFINITY ? 1 : baselineCdf(up, p);
  const a = theta * (fu - fs);
  if (e < a) return baselineQuantileDays(fs + e / theta, p);
  if (up === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  const q = fu + (e - a) / (theta * p.trueHazardRatio);
  return q < 1 ? baselineQuantileDays(q, p) : Number.POSITIVE_INFINITY;
}

/**
 * Marginal (population-averaged) Cox HR of two treatment regimes among the patients alive and in follow-up
 * at `fromMonths` (0: everyone), from their potential outcomes in a large simulated lms cohort: each patient
 * alive at s gets a residual Exp(1) draw e (the same for both regimes: memoryless given survival to s),
 * a potential death time under each regime (`operatedAt`, in days), and the cohort's own censoring (the
 * administrative cut-off from the patient's lung-metastasis date and the exponential loss to follow-up,
 * both independent of everything else); the Cox model of the stacked potential outcomes on the regime gives
 * the HR a consistent marginal (IPTW or clone–censor–weight) estimator converges to under that censoring
 * (the marginal HR of non-proportional curves depends on follow-up).
 */
export function marginalHrTruth(sim: SimulatedCohort, fromMonths: number, operatedAt: readonly [(i: number) => number, (i: number) => number], seed = 20_241_205): { logHR: number; n: number } {
  const p = sim.truth.parameters;
  const s = fromMonths * DAYS_PER_MONTH;
  const cutoff = isoToDays(p.cutoff);
  const [rng] = streams(seed, 1);
  const lossPerDay = p.lossRatePerYear / 365.25;
  const time: number[] = [];
  const status: number[] = [];
  const arm: number[] = [];
  let n = 0;
  for (let i = 0; i < sim.n; i++) {
    const admin = cutoff - sim.columns.dateLungMet[i];
    if (!(sim.latent.deathDays[i] > s) || !(admin > s)) continue; // not alive and in follow-up at s
    n++;
    const e = rng.exponential();
    const censor = Math.min(admin, s + rng.exponential() / lossPerDay);
    for (let a = 0; a < 2; a++) {
      const death = residualDeathDays(sim.latent.theta[i], s, operatedAt[a](i), e, p);
      time.push((Math.min(death, censor) - s) / DAYS_PER_MONTH);
      status.push(death <= censor ? 1 : 0);
      arm.push(1 - a);
    }
  }
  const fit = coxFit({ time: Float64Array.from(time), status: Int32Array.from(status), x: Float64Array.from(arm), p: 1, columnNames: ["regime"] });
  return { logHR: fit.terms[0].coef ?? Number.NaN, n };
}

interface RunRecord {
  readonly seed: number;
  readonly n: number;
  /** Clone–censor–weight: the arms' largest weights and the bootstrap replicates (names × values). */
  readonly ccw?: { readonly maxWeight: readonly number[]; readonly names?: readonly string[]; readonly values?: readonly (readonly (number | null)[])[] } | null;
  /** Limits are null (NaN written as JSON) for an estimate without an interval. */
  readonly draws?: readonly (Omit<Draw, "lower" | "upper"> & { readonly lower: number | null; readonly upper: number | null })[];
  readonly failed?: string;
}

/** The normal interval estimate ± z·SE from a bootstrap SD (the alternative to the percentile interval). */
function normalDraw(d: Draw): Draw | null {
  if (d.se === undefined) return null;
  const z = 1.959963984540054;
  const base = d.id.replace(/ \(no conditional truth\)$/, "");
  return { id: `${base}, normal interval (bootstrap SE)${d.id.endsWith("(no conditional truth)") ? " (no conditional truth)" : ""}`, kind: d.kind, estimate: d.estimate, lower: d.estimate - z * d.se, upper: d.estimate + z * d.se, se: d.se };
}

/** "1–23, 262–300" from a list of seeds. */
function seedRanges(seeds: readonly number[]): string {
  const s = [...seeds].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(i === j ? `${s[i]}` : `${s[i]}–${s[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

const fixedOrDash = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "—");

const LANDMARK = 6;

interface Truths {
  readonly truthN: number;
  readonly hr: number;
  readonly months: readonly number[];
  readonly truthDiff: readonly number[];
  readonly lmNatural: { readonly logHR: number; readonly n: number };
  readonly lmNever: { readonly logHR: number; readonly n: number };
  /**
   * Landmark IPTW's own estimand: "not treated by L" as the untreated with the same covariates experience it — a
   * later surgery with probability π(x) = ps(x)·q / (ps(x)·q + 1 − ps(x)), q = P(W > L), the share of planned-late
   * patients among those alive and untreated at L with covariates x (IPTW reweights them to everyone), at a wait
   * drawn from W | W > L. `lmNatural` keeps each patient's own plan instead (π = 1 for the planned-late, 0 otherwise).
   */
  readonly lmObserved?: { readonly logHR: number; readonly n: number };
  readonly ccwTruth: { readonly logHR: number; readonly n: number };
  /**
   * The strategies clone–censor–weight emulates (docs/validation.md): "treat within G" = the natural course up
   * to G (planned surgery at W ≤ G), then everyone alive and unoperated operated at G; "not within G" = no
   * surgery up to G (a planned surgery after G still happens). Survival difference at `months`, and the
   * marginal HR under the cohorts' censoring.
   */
  readonly ccwStrategy: { readonly difference: readonly number[]; readonly treat: readonly number[]; readonly control: readonly number[]; readonly logHR: number; readonly n: number };
}

/** Mean survival at `months` of a big cohort when patient i is operated at `operatedAt(i)` days (Infinity: never). */
function meanSurvival(sim: SimulatedCohort, months: readonly number[], operatedAt: (i: number) => number): number[] {
  const p = sim.truth.parameters;
  const out = months.map(() => 0);
  for (let i = 0; i < sim.n; i++) {
    const u = operatedAt(i);
    months.forEach((m, k) => (out[k] += Math.exp(-cumulativeHazard(sim.latent.theta[i], m * DAYS_PER_MONTH, u, p))));
  }
  return out.map((v) => v / sim.n);
}

/** The truths from one simulated cohort of `--truth-n` patients (cached in `file` when given: they take minutes). */
function truths(args: Args, file: string | undefined): Truths {
  if (file !== undefined && existsSync(file)) {
    const t = JSON.parse(readFileSync(file, "utf8")) as Truths;
    if (t.truthN === args.truthN && t.hr === args.hr && t.ccwStrategy !== undefined && t.lmObserved !== undefined) return t;
  }
  const big = simulateCohort({ n: args.truthN, seed: 987_654_321, trueHazardRatio: args.hr });
  const G = 12 * DAYS_PER_MONTH;
  const Ld = LANDMARK * DAYS_PER_MONTH;
  const planned = (i: number): boolean => big.latent.planned[i] === 1;
  const W = (i: number): number => big.latent.waitDays[i];
  const ccwTreat = (i: number): number => (planned(i) && W(i) <= G ? W(i) : G);
  const ccwControl = (i: number): number => (planned(i) && W(i) > G ? W(i) : Number.POSITIVE_INFINITY);
  const months = big.truth.counterfactual.timesMonths;
  // landmark control regime as the untreated with the same x experience it (Truths.lmObserved)
  const late: number[] = [];
  let nPlanned = 0;
  for (let i = 0; i < big.n; i++) {
    if (!planned(i)) continue;
    nPlanned++;
    if (W(i) > Ld) late.push(W(i));
  }
  const q = late.length / nPlanned;
  const [rngLate] = streams(20_261_207, 1);
  const lateWait = Float64Array.from({ length: big.n }, (_, i) => {
    const ps = big.latent.propensity[i];
    const pi = (ps * q) / (ps * q + 1 - ps);
    const u = rngLate.uniform();
    const pick = late[Math.min(late.length - 1, Math.floor(rngLate.uniform() * late.length))];
    return u < pi ? pick : Number.POSITIVE_INFINITY;
  });
  const sT = meanSurvival(big, months, ccwTreat);
  const sC = meanSurvival(big, months, ccwControl);
  const t: Truths = {
    truthN: args.truthN,
    hr: args.hr,
    months: big.truth.counterfactual.timesMonths,
    truthDiff: big.truth.counterfactual.ate.difference,
    // landmark IPTW: "treated by L" (operated by L) vs "not treated by L" (natural course after L: a planned wait > L is kept)
    lmNatural: marginalHrTruth(big, LANDMARK, [() => 0, (i) => (planned(i) && W(i) > Ld ? W(i) : Number.POSITIVE_INFINITY)]),
    lmNever: marginalHrTruth(big, LANDMARK, [() => 0, () => Number.POSITIVE_INFINITY]),
    lmObserved: marginalHrTruth(big, LANDMARK, [() => 0, (i) => lateWait[i]]),
    // clone–censor–weight per-protocol HR: "operate at W within G if alive" vs "not within G" (natural course after G)
    ccwTruth: marginalHrTruth(big, 0, [(i) => (W(i) <= G ? W(i) : Number.POSITIVE_INFINITY), (i) => (planned(i) && W(i) > G ? W(i) : Number.POSITIVE_INFINITY)]),
    ccwStrategy: { treat: sT, control: sC, difference: sT.map((v, k) => v - sC[k]), ...marginalHrTruth(big, 0, [ccwTreat, ccwControl]) },
  };
  if (file !== undefined) writeFileSync(file, JSON.stringify(t));
  return t;
}

/** R's quantile(type = 7) of sorted values. */
function q7(v: readonly number[], p: number): number {
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const sdOf = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

/**
 * The interval study of the clone–censor–weight bootstrap (issue 14 item 5), from the saved replicates:
 * per survival difference, the SD of the estimates across cohorts against the bootstrap SD within a cohort
 * (mean and √mean of squares), the kurtosis across cohorts, the share of replicates below the estimate,
 * and the coverage of 95% intervals from the same replicates: percentile at order statistics (B+1)α (the
 * engine's since session 7), percentile with R's default quantile type 7 (the engine's before), normal with
 * the bootstrap SE, basic (2θ̂ − q₀.₉₇₅, 2θ̂ − q₀.₀₂₅) and bias-corrected percentile (BC, Efron 1987 without
 * acceleration); then the same SD ratio among the cohorts whose largest weight is at most 50 and 100.
 */
function ccwIntervalStudy(records: readonly RunRecord[], months: readonly number[], truthDiff: readonly number[]): void {
  const z = normalQuantile(0.975);
  const withValues = records.filter((r) => r.ccw?.values !== undefined && r.ccw.names !== undefined);
  if (withValues.length < 3) return;
  console.log("");
  console.log(`Clone–censor–weight bootstrap, ${withValues.length} cohorts with their replicates:`);
  console.log("");
  console.log("| survival difference at | truth | mean (median) estimate | SD across cohorts | mean bootstrap SD | √mean bootstrap var / SD | kurtosis across cohorts | replicates below the estimate | percentile, (B+1)α | percentile, type 7 | normal (bootstrap SE) | basic | BC | SD ratio, cohorts with every weight ≤ 50 / ≤ 100 |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  months.forEach((t, k) => {
    const id = `immortalTime.cloneCensorWeight survival difference at ${t}`;
    const truth = truthDiff[k];
    const rows: { est: number; boot: number[]; maxW: number }[] = [];
    for (const r of withValues) {
      const d = r.draws?.find((x) => x.id === id);
      const j = r.ccw!.names!.indexOf(`survDifference@${t}`);
      if (d === undefined || j < 0) continue;
      const boot = r.ccw!.values!.map((v) => v[j]).filter((x): x is number => x !== null).sort((a, b) => a - b);
      rows.push({ est: d.estimate, boot, maxW: Math.max(...r.ccw!.maxWeight) });
    }
    const m = rows.length;
    const est = rows.map((r) => r.est);
    const sdAcross = sdOf(est);
    const bootSd = rows.map((r) => sdOf(r.boot));
    const me = mean(est);
    const kurt = est.reduce((a, x) => a + (x - me) ** 4, 0) / m / ((sdAcross ** 2 * (m - 1)) / m) ** 2;
    const below = mean(rows.map((r) => r.boot.filter((x) => x < r.est).length / r.boot.length));
    let pct = 0;
    let pct7 = 0;
    let nor = 0;
    let bas = 0;
    let bc = 0;
    rows.forEach((r, i) => {
      const lo = quantile6(r.boot, 0.025);
      const hi = quantile6(r.boot, 0.975);
      if (lo <= truth && truth <= hi) pct++;
      if (q7(r.boot, 0.025) <= truth && truth <= q7(r.boot, 0.975)) pct7++;
      if (Math.abs(r.est - truth) <= z * bootSd[i]) nor++;
      if (2 * r.est - hi <= truth && truth <= 2 * r.est - lo) bas++;
      const B = r.boot.length;
      const z0 = normalQuantile(Math.min(Math.max(r.boot.filter((x) => x < r.est).length / B, 1 / B), 1 - 1 / B));
      if (quantile6(r.boot, normalCdf(2 * z0 - z)) <= truth && truth <= quantile6(r.boot, normalCdf(2 * z0 + z))) bc++;
    });
    const ratioBelow = (cap: number): string => {
      const keep = rows.map((r, i) => ({ r, i })).filter((x) => x.r.maxW <= cap);
      return keep.length < 3 ? "—" : `${(mean(keep.map((x) => bootSd[x.i])) / sdOf(keep.map((x) => x.r.est))).toFixed(2)} (${keep.length})`;
    };
    const pc = (x: number): string => `${((100 * x) / m).toFixed(1)}%`;
    const med = [...est].sort((a, b) => a - b);
    console.log(
      `| ${t} | ${truth.toFixed(4)} | ${me.toFixed(4)} (${q7(med, 0.5).toFixed(4)}) | ${sdAcross.toFixed(4)} | ${mean(bootSd).toFixed(4)} | ${(Math.sqrt(mean(bootSd.map((x) => x * x))) / sdAcross).toFixed(2)} | ${kurt.toFixed(1)} | ${below.toFixed(3)} | ${pc(pct)} | ${pc(pct7)} | ${pc(nor)} | ${pc(bas)} | ${pc(bc)} | ${ratioBelow(50)} / ${ratioBelow(100)} |`,
    );
  });
}

/** Reads the JSON lines of `run` and prints the Markdown table of every estimate against its truth. */
function summariseFiles(files: readonly string[], args: Args, truthFile?: string): void {
  const t0 = Date.now();
  const all: RunRecord[] = files.flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as RunRecord));
  // one record per seed (chunks run in parallel may overlap): the first
  const bySeed = new Map<number, RunRecord>();
  for (const r of all) if (!bySeed.has(r.seed)) bySeed.set(r.seed, r);
  const records = [...bySeed.values()];
  const byId = new Map<string, Draw[]>();
  const add = (d: Draw): void => {
    const list = byId.get(d.id) ?? [];
    list.push(d);
    byId.set(d.id, list);
  };
  for (const r of records) {
    for (const d0 of r.draws ?? []) {
      const d: Draw = { ...d0, lower: d0.lower ?? Number.NaN, upper: d0.upper ?? Number.NaN };
      add(d);
      const nd = normalDraw(d);
      if (nd !== null) add(nd);
    }
  }
  const failed = records.filter((r) => r.failed !== undefined).length;
  const seeds = records.map((r) => r.seed);
  const truthsUsed = truths(args, truthFile);
  const { truthDiff, months, lmNatural, lmNever, ccwTruth, ccwStrategy } = truthsUsed;
  const L = LANDMARK;
  const rows: (Summary & { readonly truthLabel: string })[] = [];
  for (const [id, draws] of byId) {
    const kind = draws[0].kind;
    if (kind === "difference") {
      const k = months.indexOf(Number(/at (\d+)/.exec(id)?.[1] ?? NaN));
      if (/cloneCensorWeight/.test(id)) {
        // against the strategies clone–censor–weight emulates; the earlier truth ("operate at W", everyone) for comparison
        rows.push({ ...summarise(id, draws, ccwStrategy.difference[k]), truthLabel: ccwStrategy.difference[k].toFixed(4) });
        rows.push({ ...summarise(`${id} vs "operate at W" (not its estimand)`, draws, truthDiff[k]), truthLabel: truthDiff[k].toFixed(4) });
        continue;
      }
      rows.push({ ...summarise(id, draws, truthDiff[k]), truthLabel: truthDiff[k].toFixed(4) });
      continue;
    }
    if (/cloneCensorWeight per-protocol HR/.test(id)) {
      const base = id.replace(/ \(no conditional truth\)$/, "");
      rows.push({ ...summarise(`${base} vs its marginal truth`, draws, ccwStrategy.logHR), truthLabel: `marginal HR ${Math.exp(ccwStrategy.logHR).toFixed(3)}` });
      rows.push({ ...summarise(`${base} vs "operate at W" (not its estimand)`, draws, ccwTruth.logHR), truthLabel: `marginal HR ${Math.exp(ccwTruth.logHR).toFixed(3)}` });
      continue;
    }
    rows.push({ ...summarise(id, draws, Math.log(args.hr)), truthLabel: `HR ${args.hr.toFixed(3)}` });
    if (/landmarkPs\.weighted/.test(id)) rows.push({ ...summarise(`${id} vs its marginal truth`, draws, lmNatural.logHR), truthLabel: `marginal HR ${Math.exp(lmNatural.logHR).toFixed(3)}` });
    const lo = truthsUsed.lmObserved;
    if (/landmarkPs\.weighted/.test(id) && lo !== undefined) rows.push({ ...summarise(`${id} vs its marginal truth, later surgery as among the untreated`, draws, lo.logHR), truthLabel: `marginal HR ${Math.exp(lo.logHR).toFixed(3)}` });
  }
  const n = records[0]?.n;
  console.log(`lms cohorts, n = ${n}, ${records.length} replicates (seeds ${seedRanges(seeds)}), true conditional HR ${args.hr}; ${failed} replicate(s) failed`);
  console.log(`counterfactual survival difference (operate at W vs never), population truth from n = ${args.truthN}: ${months.map((t, j) => `${t} mo ${truthDiff[j].toFixed(4)}`).join(", ")}`);
  console.log(`marginal HR among the ${lmNatural.n} alive and in follow-up at ${L} months: treated by then vs not (natural course after) ${Math.exp(lmNatural.logHR).toFixed(4)}; vs never treated ${Math.exp(lmNever.logHR).toFixed(4)}${truthsUsed.lmObserved !== undefined ? `; vs not treated by then with a later surgery as among the untreated of the same covariates ${Math.exp(truthsUsed.lmObserved.logHR).toFixed(4)}` : ""}`);
  console.log(`clone–censor–weight's strategies (natural course to 12 months, then the unoperated operated at 12, vs no surgery within 12 months): survival ${months.map((t, j) => `${t} mo ${ccwStrategy.treat[j].toFixed(4)} vs ${ccwStrategy.control[j].toFixed(4)}, difference ${ccwStrategy.difference[j].toFixed(4)}`).join("; ")}; marginal HR ${Math.exp(ccwStrategy.logHR).toFixed(4)} (all ${ccwStrategy.n} patients, the cohorts' censoring)`);
  console.log(`marginal HR of "operate at W within 12 months" (everyone) vs not: ${Math.exp(ccwTruth.logHR).toFixed(4)}; truths in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log("");
  console.log("| estimate | truth | replicates | mean estimate | bias | SD across cohorts | SE/SD | √mean SE² / SD | 95% CI coverage |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const s of rows) {
    const show = (x: number): string => (s.kind === "logHR" ? Math.exp(x).toFixed(3) : x.toFixed(4));
    console.log(`| ${s.id} | ${s.truthLabel} | ${s.reps} | ${show(s.meanEstimate)} | ${s.bias.toFixed(4)}${s.kind === "logHR" ? " (log)" : ""} | ${s.sd.toFixed(4)}${s.kind === "logHR" ? " (log)" : ""} | ${fixedOrDash(s.meanSe / s.sd, 2)} | ${fixedOrDash(s.rmsSe / s.sd, 2)} | ${Number.isFinite(s.coverage) ? `${(100 * s.coverage).toFixed(1)}%` : "— (no interval)"} |`);
  }
  ccwIntervalStudy(records, months, ccwStrategy.difference);
}

function main(): void {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const out = flag("--out");
  if (out !== undefined) run(args, out, flag("--designs"), argv.includes("--log-size"));
  const sum = flag("--summarise");
  if (sum !== undefined) summariseFiles(sum.split(","), args, flag("--truth-file"));
}

if (process.argv[1] !== undefined && /immortal-time\.ts$/.test(process.argv[1])) main();
