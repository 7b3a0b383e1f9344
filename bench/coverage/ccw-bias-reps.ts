/**
 * Bias and SD of clone–censor–weight's survival differences over many small cohorts, per censoring model
 * (no bootstrap; issue 14 item 5): `npx tsx bench/coverage/ccw-bias-reps.ts --n 2000 --reps 200 --models cox,piecewise:2,piecewise:4`.
 * Truths: the strategies clone–censor–weight emulates (bench/coverage/immortal-time.ts `ccwStrategy`), from
 * `--truth` (default: the values printed by that script for the default lms parameters, 10⁶ patients).
 */
import { ccwInputOf } from "./ccw-input.js";
import { runPipeline } from "../../src/causal/ccw/estimate.js";
import type { CensoringModelSpec } from "../../src/causal/ccw/weights.js";

const argv = process.argv.slice(2);
const arg = (f: string, d: string): string => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const n = Number(arg("--n", "2000"));
const reps = Number(arg("--reps", "200"));
const seed0 = Number(arg("--seed0", "1"));
const truth = arg("--truth", "0.0256,0.0777,0.0930").split(",").map(Number);
const models: CensoringModelSpec[] = arg("--models", "cox,piecewise:4").split(",").map((m) => {
  const [model, k] = m.split(":");
  return { model: model as CensoringModelSpec["model"], periods: Number(k ?? 1) };
});
const months = [12, 36, 60];


const est = models.map(() => months.map(() => [] as number[]));
const t0 = Date.now();
for (let r = 0; r < reps; r++) {
  const input = ccwInputOf(n, seed0 + r);
  models.forEach((m, a) => {
    const e = runPipeline(input, { grace: 12, times: months, tau: null, stabilized: false, confLevel: 0.95, censoring: m });
    months.forEach((_, k) => est[a][k].push((e.arms[0].survival[k] ?? Number.NaN) - (e.arms[1].survival[k] ?? Number.NaN)));
  });
  if ((r + 1) % 50 === 0) console.error(`${r + 1}/${reps}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
console.log(`n = ${n}, seeds ${seed0}–${seed0 + reps - 1}; bias (SD) of the survival difference vs the CCW-strategy truth ${truth.join(", ")}`);
models.forEach((m, a) => {
  const cells = months.map((t, k) => {
    const v = est[a][k].filter(Number.isFinite);
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
    return `${t} mo ${(mean - truth[k]).toFixed(4)} (${sd.toFixed(4)}, MC SE ${(sd / Math.sqrt(v.length)).toFixed(4)})`;
  });
  console.log(`${m.model}${m.model === "piecewise" ? `:${m.periods}` : ""}: ${cells.join(" | ")}`);
});
