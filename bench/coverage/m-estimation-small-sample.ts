/**
 * Small-sample behaviour of the M-estimation SE of the IPTW hazard ratio (docs/validation.md,
 * "Small-sample M-estimation variance"): simulated lms cohorts (surgery at the origin, no immortal time,
 * complete covariates, conditional HR 0.7), IPTW (ATE, unstabilised) Cox on the treatment, with the
 * asymptotic M-estimation SE, the same with the HC1 factor n/(n − k) (src/causal/m-estimation.ts) and the
 * robust SE; SE/SD = mean SE over the SD of the log HRs across cohorts. A benchmark, not a test.
 * Run: npx tsx bench/coverage/m-estimation-small-sample.ts --n 200 --reps 400
 */
import type { Table } from "../../src/data/table.js";
import { treatmentEffects } from "../../src/causal/effect.js";
import { smallSampleFactor } from "../../src/causal/m-estimation.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}
const n = arg("n", 200);
const reps = arg("reps", 400);
const covariates = ["age_primary", "log2_size", "n_lung_mets", "timing", "grade3"];
// PS columns: intercept + 5 terms (timing and grade3 binary); Cox: the treatment; unstabilised: no π
const k = 1 + covariates.length + 1;
const est: number[] = [];
const seM: number[] = [];
const seR: number[] = [];
let failed = 0;
const t0 = Date.now();
for (let seed = 1; seed <= reps; seed++) {
  const cohort = simulateCohort({ n, seed, trueHazardRatio: 0.7, parameters: { waitMinDays: 0, waitMeanDays: 0, missingSize: 0, missingGrade: 0 } });
  const base = cohortToTable(cohort);
  const c = cohort.columns;
  const table: Table = {
    ...base,
    columns: [
      ...base.columns,
      { kind: "numeric", name: "log2_size", values: Float64Array.from(c.primarySizeMm, (s) => Math.log2(s / 80)) },
      { kind: "categorical", name: "grade3", levels: ["no", "yes"], codes: Int32Array.from(c.grade, (g) => (g === 3 ? 1 : 0)) },
    ],
  };
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  try {
    const res = treatmentEffects({ table, time, status, treatment: Int32Array.from(c.metastasectomy), covariates }, { multivariable: false, matching: false, weighting: { estimand: "ATE" }, times: [] });
    const m = res.estimates.find((e) => e.id === "weightedMEstimation")!;
    const r = res.estimates.find((e) => e.id === "weighted")!;
    if (m.coef === null || m.se === null || r.se === null) throw new Error("not estimable");
    est.push(m.coef);
    seM.push(m.se);
    seR.push(r.se);
  } catch {
    failed++;
  }
}
const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: number[]): number => Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1));
const sdEst = sd(est);
// a robust spread as a check on heavy tails: IQR / 1.349 (equals the SD for a normal distribution)
const sorted = [...est].sort((a, b) => a - b);
const q = (p: number): number => sorted[Math.round(p * (sorted.length - 1))];
const sdIqr = (q(0.75) - q(0.25)) / 1.349;
const f = Math.sqrt(smallSampleFactor("hc1", n, k));
console.log(JSON.stringify({
  n, reps, failed, k, seconds: (Date.now() - t0) / 1000,
  sdLogHr: sdEst,
  sdIqrLogHr: sdIqr,
  seOverSdIqr: { mEstimation: mean(seM) / sdIqr, mEstimationHc1: (mean(seM) * f) / sdIqr, robust: mean(seR) / sdIqr },
  seOverSd: { mEstimation: mean(seM) / sdEst, mEstimationHc1: (mean(seM) * f) / sdEst, robust: mean(seR) / sdEst },
}, null, 1));
