/**
 * Coverage of clone–censor–weight's survival-difference intervals on lms cohorts from several data-generating
 * scenarios (issue 14 item 5; not a test): the analytic intervals built from the per-arm infinitesimal-jackknife
 * influences (weights held fixed) — Wald on the difference, and MOVER (Zou & Donner 2008,
 * doi:10.1002/sim.3125) combining per-arm Wald intervals on a transformed scale with the arms' IJ correlation —
 * and, with `--bootstrap B`, the engine's bootstrap percentile interval, the normal interval with the bootstrap SE
 * the Wald interval with the larger of the two SEs, and MOVER on the complementary log-log scale with the arms'
 * bootstrap SEs and bootstrap correlation (src/causal/ccw/mover.ts; "mover-cloglog" is the same with IJ SEs and IJ
 * correlation, "mover-cloglog-max" with each arm's larger of the two SEs and the bootstrap correlation). Covariates complete (no missing values), the censoring
 * periods chosen as the study chooses them; truths from the potential outcomes of `--truth-n` patients.
 * `npx tsx bench/coverage/ccw-scenarios.ts --n 2000 --reps 500 [--hr 1] [--grace 6] [--scenario strong-selection|slow-wait|fast-wait|lossy] [--bootstrap B] [--interim]` (--interim: print the table every 50 cohorts)
 */
import { ccwInputOf } from "./ccw-input.js";
import { simulateCohort, DAYS_PER_MONTH } from "../../src/simulate/index.js";
import { cloneArm } from "../../src/causal/ccw/clone.js";
import { armWeights } from "../../src/causal/ccw/weights.js";
import { eventTimes } from "../../src/causal/ccw/rows.js";
import { armRiskSums } from "../../src/causal/ccw/risk-sums.js";
import { kaplanMeierFromSums, survivalAt } from "../../src/causal/ccw/curve.js";
import { armInfluences, survivalMultipliers } from "../../src/causal/ccw/influence.js";
import { cloneCensorWeight } from "../../src/causal/ccw/index.js";
import { cloglogLimits, moverCloglogColumn, moverDifference } from "../../src/causal/ccw/mover.js";
import { censoringPeriodsFor } from "../../src/study/immortal-time/ccw.js";
import { cumulativeHazard, LMS_DEFAULTS, type LmsParameters } from "../../src/simulate/lms.js";

const argv = process.argv.slice(2);
const arg = (f: string, d: string): string => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const n = Number(arg("--n", "2000"));
const reps = Number(arg("--reps", "200"));
const seed0 = Number(arg("--seed0", "1"));
const hr = Number(arg("--hr", "0.7"));
const grace = Number(arg("--grace", "12"));
const scenario = arg("--scenario", "default");
const truthN = Number(arg("--truth-n", "400000"));
// --bootstrap B: also run the engine's bootstrap (B replicates) and score its percentile interval and the normal interval with its SE
const B = Number(arg("--bootstrap", "0"));
const months = [12, 36, 60];
/** Alternative data-generating processes (the lms simulator with other parameters): not the one the defaults were studied on. */
const SCENARIOS: Record<string, Partial<LmsParameters>> = {
  default: {},
  // twice the selection on every covariate: more extreme propensities, larger weights
  "strong-selection": { selection: Object.fromEntries(Object.entries(LMS_DEFAULTS.selection).map(([k, v]) => [k, k === "intercept" ? v : 2 * v])) as unknown as LmsParameters["selection"] },
  // surgery sooner (mean wait halved) and later (doubled)
  "fast-wait": { waitMeanDays: LMS_DEFAULTS.waitMeanDays / 2 },
  "slow-wait": { waitMeanDays: LMS_DEFAULTS.waitMeanDays * 2 },
  // more loss to follow-up
  "lossy": { lossRatePerYear: LMS_DEFAULTS.lossRatePerYear * 4 + 0.05 },
};
const parameters = SCENARIOS[scenario];
if (parameters === undefined) throw new Error(`--scenario: one of ${Object.keys(SCENARIOS).join(", ")}`);

/** Survival under clone–censor–weight's two strategies (natural course to G, then the unoperated operated at G; vs no surgery within G), from potential outcomes. */
function strategyTruth(): number[] {
  const big = simulateCohort({ n: truthN, seed: 987_654_321, trueHazardRatio: hr, parameters });
  const G = grace * DAYS_PER_MONTH;
  const p = big.truth.parameters;
  const out = months.map(() => 0);
  for (let i = 0; i < big.n; i++) {
    const planned = big.latent.planned[i] === 1;
    const W = big.latent.waitDays[i];
    const uT = planned && W <= G ? W : G;
    const uC = planned && W > G ? W : Number.POSITIVE_INFINITY;
    months.forEach((m, k) => (out[k] += Math.exp(-cumulativeHazard(big.latent.theta[i], m * DAYS_PER_MONTH, uT, p)) - Math.exp(-cumulativeHazard(big.latent.theta[i], m * DAYS_PER_MONTH, uC, p))));
  }
  return out.map((v) => v / big.n);
}
const truth = argv.includes("--truth") ? arg("--truth", "").split(",").map(Number) : strategyTruth();
console.error(`truth (${scenario}, HR ${hr}, grace ${grace}): ${truth.map((v) => v.toFixed(4)).join(", ")}`);
const z = 1.959963984540054;


type Tr = { f: (s: number) => number; d: (s: number) => number; inv: (y: number) => number };
const TRANSFORMS: Record<string, Tr> = {
  plain: { f: (s) => s, d: () => 1, inv: (y) => y },
  cloglog: { f: (s) => Math.log(-Math.log(s)), d: (s) => 1 / (s * Math.log(s)), inv: (y) => Math.exp(-Math.exp(y)) },
  log: { f: (s) => Math.log(s), d: (s) => 1 / s, inv: (y) => Math.exp(y) },
  asin: { f: (s) => Math.asin(Math.sqrt(s)), d: (s) => 0.5 / Math.sqrt(s * (1 - s)), inv: (y) => Math.sin(Math.min(Math.PI / 2, Math.max(0, y))) ** 2 },
};
function armCi(s: number, se: number, tr: Tr): [number, number] {
  const y = tr.f(s);
  const sy = se * Math.abs(tr.d(s));
  const a = tr.inv(y - z * sy);
  const b = tr.inv(y + z * sy);
  return [Math.min(a, b), Math.max(a, b)];
}
const names = ["wald", ...Object.keys(TRANSFORMS).map((k) => `mover-${k}`), ...(B > 0 ? ["percentile", "normal-boot", "wald-max" /* the engine's reported interval since session 11 */, "mover-cloglog-boot", "mover-cloglog-max"] : [])];
const hit = months.map(() => names.map(() => [0, 0, 0, 0])); // covered, truth above, truth below, no interval
const estimates = months.map(() => [] as number[]);
const ses = months.map(() => [] as number[]);
const bootSes = months.map(() => [] as number[]);
const t0 = Date.now();
let done = 0;
for (let r = 0; r < reps; r++) {
  const input = ccwInputOf(n, seed0 + r, { trueHazardRatio: hr, parameters });
  const periods = censoringPeriodsFor(input.treatmentTime, input.time, grace, input.p);
  const boot = B > 0 ? cloneCensorWeight(input, { grace, times: months, censoringModel: "piecewise", censoringPeriods: periods, bootstrap: { replicates: B, seed: 1 } }) : null;
  const clones = (["treat", "control"] as const).map((st) => cloneArm(input.time, input.status, input.treatmentTime, grace, st));
  const wts = clones.map((c, a) => armWeights(c, input.x, input.p, input.columnNames, false, a === 0 ? "treat" : "control", { model: "piecewise", periods }));
  const events = eventTimes(clones);
  const sums = clones.map((c, a) => armRiskSums(c, wts[a], events));
  const curves = clones.map((c, a) => kaplanMeierFromSums(events, sums[a], c.tc));
  const infl = clones.map((c, a) => armInfluences(c, wts[a], events, sums[a], months.map((t) => survivalMultipliers(events, sums[a], t))));
  done++;
  months.forEach((t, k) => {
    const S = [survivalAt(curves[0], t), survivalAt(curves[1], t)];
    let vt = 0, vc = 0, cv = 0;
    for (let i = 0; i < n; i++) {
      vt += infl[0][k][i] ** 2;
      vc += infl[1][k][i] ** 2;
      cv += infl[0][k][i] * infl[1][k][i];
    }
    const D = S[0] - S[1];
    const rr = cv / Math.sqrt(vt * vc);
    const score = (lo: number, hi: number, j: number): void => {
      const h = hit[k][j];
      if (!(Number.isFinite(lo) && Number.isFinite(hi))) h[3]++; // no interval: not covered
      else if (truth[k] < lo) h[2]++;
      else if (truth[k] > hi) h[1]++;
      else h[0]++;
    };
    const se = Math.sqrt(vt + vc - 2 * cv);
    estimates[k].push(D);
    ses[k].push(se);
    score(D - z * se, D + z * se, 0);
    Object.values(TRANSFORMS).forEach((tr, j) => {
      const [lt, ut] = armCi(S[0], Math.sqrt(vt), tr);
      const [lc, uc] = armCi(S[1], Math.sqrt(vc), tr);
      const L = D - Math.sqrt((S[0] - lt) ** 2 + (uc - S[1]) ** 2 - 2 * rr * (S[0] - lt) * (uc - S[1]));
      const U = D + Math.sqrt((ut - S[0]) ** 2 + (S[1] - lc) ** 2 - 2 * rr * (ut - S[0]) * (S[1] - lc));
      score(L, U, j + 1);
    });
    if (boot !== null) {
      const d = boot.survivalDifference[k];
      if (!(Math.abs((d.estimate ?? Number.NaN) - D) < 1e-12)) throw new Error(`seed ${seed0 + r}: the engine's estimate ${d.estimate} is not the script's ${D}`);
      const j0 = 1 + Object.keys(TRANSFORMS).length;
      // the bootstrap percentile limits (the engine's reported interval until session 11; `lower`/`upper` now hold wald-max)
      score(d.percentileLower ?? Number.NaN, d.percentileUpper ?? Number.NaN, j0);
      const bse = d.se ?? Number.NaN;
      bootSes[k].push(bse);
      score(D - z * bse, D + z * bse, j0 + 1);
      const m = Math.max(bse, se);
      score(D - z * m, D + z * m, j0 + 2);
      // MOVER on the complementary log-log scale with the arms' bootstrap SEs and bootstrap correlation (mover.ts)
      const bs = boot.bootstrap;
      if (bs === null) throw new Error("no bootstrap summary");
      const mv = moverCloglogColumn(bs.armSurvival, k, [S[0], S[1]], z, bs.maxFailedShare);
      score(mv.lower ?? Number.NaN, mv.upper ?? Number.NaN, j0 + 3);
      if (mv.lower === null) console.error(`seed ${seed0 + r}, ${t} mo: no MOVER bootstrap interval (${mv.note})`);
      // the same with each arm's larger of its IJ and bootstrap SE on the complementary log-log scale (IJ: delta method, se/|S log S|)
      const [bt, bc] = mv.cloglogSe;
      if (bt !== null && bc !== null && mv.correlation !== null) {
        const seT = Math.max(bt, Math.sqrt(vt) / Math.abs(S[0] * Math.log(S[0])));
        const seC = Math.max(bc, Math.sqrt(vc) / Math.abs(S[1] * Math.log(S[1])));
        const [lt, ut] = cloglogLimits(S[0], seT, z);
        const [lc, uc] = cloglogLimits(S[1], seC, z);
        const [L, U] = moverDifference(S[0], lt, ut, S[1], lc, uc, mv.correlation);
        score(L, U, j0 + 4);
      } else score(Number.NaN, Number.NaN, j0 + 4);
    }
  });
  if ((r + 1) % 50 === 0) {
    console.error(`${r + 1}/${reps}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (argv.includes("--interim") && r + 1 < reps) report();
  }
}
function report(): void {
  console.log(`${scenario}, HR ${hr}, B ${B}, grace ${grace}, truth ${truth.map((v) => v.toFixed(4)).join(", ")}; n = ${n}, ${done} cohorts (seeds ${seed0}–${seed0 + done - 1}); coverage % (truth above / below the interval)`);
  months.forEach((t, k) => {
    const v = estimates[k];
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    const rms = Math.sqrt(ses[k].reduce((a, b) => a + b * b, 0) / v.length);
    const rmsBoot = Math.sqrt(bootSes[k].reduce((a, b) => a + b * b, 0) / bootSes[k].length);
    console.log(`${t} mo: bias ${(m - truth[k]).toFixed(4)} (MC SE ${(sd / Math.sqrt(v.length)).toFixed(4)}), SD ${sd.toFixed(4)}, rms IJ SE / SD ${(rms / sd).toFixed(2)}${B > 0 ? `, rms bootstrap SE / SD ${(rmsBoot / sd).toFixed(2)}` : ""}`);
  });
  months.forEach((t, k) => console.log(`${t} mo: ` + names.map((nm, j) => `${nm} ${((100 * hit[k][j][0]) / done).toFixed(1)} (${((100 * hit[k][j][1]) / done).toFixed(1)}/${((100 * hit[k][j][2]) / done).toFixed(1)}${hit[k][j][3] > 0 ? `, ${hit[k][j][3]} without` : ""})`).join(" | ")));
}
report();
