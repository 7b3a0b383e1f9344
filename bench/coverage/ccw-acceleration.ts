/**
 * BCa acceleration of clone–censor–weight's survival differences (issue 14, session 7): per simulated lms cohort,
 * the grouped jackknife (delete one of `--groups` random groups of patients, rerun the whole pipeline) and
 * a = Σ (d̄ − dᵢ)³ / (6 [Σ (d̄ − dᵢ)²]^{3/2}) (Efron 1987; Davison & Hinkley 1997, eq. 5.23, with groups).
 * Tells whether the acceleration that BCa would need at 12 months (0.04–0.06, docs/validation.md) is what the
 * data give. `npx tsx bench/coverage/ccw-acceleration.ts --n 2000 --reps 10 --groups 50`.
 */
import { ccwInputOf } from "./ccw-input.js";
import { runPipeline } from "../../src/causal/ccw/estimate.js";
import { resampleCcwInput } from "../../src/causal/ccw/index.js";
import type { CcwInput } from "../../src/causal/ccw/types.js";
import { streams } from "../../src/simulate/rng.js";

const argv = process.argv.slice(2);
const arg = (f: string, d: number): number => (argv.includes(f) ? Number(argv[argv.indexOf(f) + 1]) : d);
const n = arg("--n", 2000);
const reps = arg("--reps", 10);
const groups = arg("--groups", 50);
const seed0 = arg("--seed0", 1);
const months = [12, 36, 60];


const settings = { grace: 12, times: months, tau: null, stabilized: false, confLevel: 0.95, censoring: { model: "piecewise" as const, periods: 4 } };
const diffs = (input: CcwInput): number[] => {
  const e = runPipeline(input, settings);
  return months.map((_, k) => (e.arms[0].survival[k] ?? Number.NaN) - (e.arms[1].survival[k] ?? Number.NaN));
};

const t0 = Date.now();
const all: number[][] = [];
for (let r = 0; r < reps; r++) {
  const input = ccwInputOf(n, seed0 + r);
  const [rng] = streams(seed0 + r + 1000, 1);
  const group = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * groups));
  const jack = Array.from({ length: groups }, (_, g) => diffs(resampleCcwInput(input, Int32Array.from({ length: n }, (_, i) => i).filter((i) => group[i] !== g))));
  const a = months.map((_, k) => {
    const d = jack.map((v) => v[k]);
    const m = d.reduce((s, x) => s + x, 0) / d.length;
    const s2 = d.reduce((s, x) => s + (m - x) ** 2, 0);
    const s3 = d.reduce((s, x) => s + (m - x) ** 3, 0);
    return s3 / (6 * s2 ** 1.5);
  });
  all.push(a);
  console.log(`seed ${seed0 + r}: estimate ${diffs(input).map((x) => x.toFixed(4)).join(" ")}; acceleration ${a.map((x) => x.toFixed(3)).join(" ")} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const mean = months.map((_, k) => all.reduce((s, a) => s + a[k], 0) / all.length);
const sd = months.map((_, k) => Math.sqrt(all.reduce((s, a) => s + (a[k] - mean[k]) ** 2, 0) / Math.max(1, all.length - 1)));
console.log(`n = ${n}, ${all.length} cohorts, ${groups} groups: mean acceleration at ${months.join(" / ")} months ${mean.map((x) => x.toFixed(3)).join(" / ")} (SD across cohorts ${sd.map((x) => x.toFixed(3)).join(" / ")})`);
