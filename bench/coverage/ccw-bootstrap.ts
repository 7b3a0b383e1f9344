/**
 * Targeted experiment for the clone–censor–weight bootstrap (issue 14 item 5): per simulated lms cohort,
 * the CCW estimate, the bootstrap replicates' SD and percentile limits, and the largest weights; then the
 * SD of the estimates across cohorts against the mean (and median) bootstrap SD within a cohort.
 * `npx tsx bench/coverage/ccw-bootstrap.ts --n 2000 --reps 100 --b 200 [--out file.jsonl]`.
 * `--tail`: instead, the tail of the true inverse propensity 1/ps among the patients planned for surgery (the
 * weights the treat arm's clones carry) in 200,000 simulated patients: Hill estimates of its tail index (below
 * 2 the weighted terms have infinite variance) and the share of Σ(1/ps)² held by the top 1 % and 0.1 %.
 * `--indices`: checks of the bootstrap's resampled patient indices (uniform, independent between replicates).
 */
import { appendFileSync } from "node:fs";
import { simulateCohort, cohortToTable } from "../../src/simulate/index.js";
import { runStudy } from "../../src/study/run.js";
import { ccwResampleIndices } from "../../src/causal/ccw/index.js";
import { studySpecSchema, type StudySpecInput } from "../../src/study/schema.js";

const arg = (flag: string, def: number): number => {
  const i = process.argv.indexOf(flag);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const outIdx = process.argv.indexOf("--out");
const out = outIdx < 0 ? undefined : process.argv[outIdx + 1];
const n = arg("--n", 2000);
const reps = arg("--reps", 100);
const B = arg("--b", 200);
const seed0 = arg("--seed0", 1);
const grace = arg("--grace", 12);

const spec = studySpecSchema.parse({
  title: "ccw bootstrap",
  data: { file: "simulated", id: "patient_id" },
  endpoints: { os: { label: "Overall survival", origin: "date_lung_met", event: "date_death", censor: "date_last_followup", unit: "months" } },
  treatment: { column: "metastasectomy", treated: "yes", date: "date_pm", label: "Pulmonary metastasectomy" },
  covariates: ["age_primary", { name: "sex", reference: "female" }, "primary_size_mm", "n_lung_mets", { name: "timing", type: "categorical", reference: "metachronous" }, { name: "grade", type: "categorical", reference: 1 }],
  analyses: {
    km: { endpoint: "os", by: "treatment", times: [12, 36, 60] },
    immortalTime: { landmark: 6, timeDependent: false, cloneCensorWeight: { grace, bootstrap: B } },
  },
  seed: 1,
} as StudySpecInput);

/** Hill estimator of the tail index from the k largest of values sorted in decreasing order. */
function hill(v: readonly number[], k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(v[i] / v[k]);
  return k / s;
}

function tail(): void {
  const sim = simulateCohort({ n: 200_000, seed: 7 });
  const w = Array.from(sim.latent.propensity, (p) => 1 / p)
    .filter((_, i) => sim.latent.planned[i] === 1)
    .sort((a, b) => b - a);
  const ss = w.reduce((s, x) => s + x * x, 0);
  const share = (f: number): number => w.slice(0, Math.floor(w.length * f)).reduce((s, x) => s + x * x, 0) / ss;
  console.log(`1/ps among the ${w.length} of 200000 patients planned for surgery: median ${w[w.length >> 1].toFixed(2)}, 99th percentile ${w[Math.floor(w.length / 100)].toFixed(1)}, 99.9th ${w[Math.floor(w.length / 1000)].toFixed(1)}, max ${w[0].toFixed(0)}`);
  console.log(`Hill tail index (top 100 / 300 / 1000): ${[100, 300, 1000].map((k) => hill(w, k).toFixed(2)).join(" / ")}`);
  console.log(`share of Σ(1/ps)² from the top 1 %: ${share(0.01).toFixed(3)}, top 0.1 %: ${share(0.001).toFixed(3)}`);
}

/** The resampled indices of 200 replicates at n = 2,000: share of distinct patients (1 − e⁻¹ expected), variance of a patient's count (1), covariance between consecutive replicates (0). */
function indices(): void {
  const m = 2000;
  const counts = Array.from({ length: 200 }, (_, r) => {
    const c = new Float64Array(m);
    for (const i of ccwResampleIndices(m, 1, r)) c[i]++;
    return c;
  });
  let distinct = 0;
  let variance = 0;
  let cov = 0;
  counts.forEach((c, r) => {
    for (let i = 0; i < m; i++) {
      distinct += c[i] > 0 ? 1 : 0;
      variance += (c[i] - 1) ** 2;
      if (r > 0) cov += (c[i] - 1) * (counts[r - 1][i] - 1);
    }
  });
  console.log(`share distinct ${(distinct / (m * 200)).toFixed(4)}, variance of a count ${(variance / (m * 200)).toFixed(4)}, covariance of consecutive replicates ${(cov / (m * 199)).toFixed(4)}`);
}

if (process.argv.includes("--indices")) {
  indices();
  process.exit(0);
}

if (process.argv.includes("--tail")) {
  tail();
  process.exit(0);
}

const t0 = Date.now();
for (let r = 0; r < reps; r++) {
  const seed = seed0 + r;
  const res = runStudy({ spec, table: cohortToTable(simulateCohort({ n, seed })), inference: [], readWarnings: [], specFile: "x.yaml" });
  const cw = res.analyses.immortalTime?.cloneCensorWeight;
  if (cw === undefined) {
    console.error(`seed ${seed}: no CCW result`);
    continue;
  }
  const row = {
    seed,
    names: cw.bootstrap?.names,
    estimate: [...cw.survivalDifference.map((d) => d.estimate), cw.hazardRatio?.coef ?? null],
    se: [...cw.survivalDifference.map((d) => d.se), cw.hazardRatio?.bootstrap?.se ?? null],
    lower: cw.survivalDifference.map((d) => d.lower),
    upper: cw.survivalDifference.map((d) => d.upper),
    robustSe: cw.hazardRatio?.robustSe ?? null,
    failed: cw.bootstrap?.failed,
    maxWeight: cw.arms.map((a) => a.weights.max),
    values: cw.bootstrap?.values.map((v) => v.map((x) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null))),
  };
  if (out !== undefined) appendFileSync(out, JSON.stringify(row) + "\n");
  console.error(`seed ${seed} ${((Date.now() - t0) / 1000).toFixed(0)} s: ${row.estimate.map((x) => x?.toFixed(4)).join(" ")} se ${row.se.map((x) => x?.toFixed(4)).join(" ")} maxw ${row.maxWeight.map((x) => x.toFixed(1)).join(" ")}`);
}
