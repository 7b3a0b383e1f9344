/**
 * Competing risks: cumulativeIncidence (with Gray's test) on 100,000 rows, 2 groups × 3 causes,
 * tied times, vs R cmprsk::cuminc; and fineGray with 2 covariates on 5,000 rows vs cmprsk::crr
 * (crr's Fortran is O(n²) per iteration and worse for the variance, so R gets a smaller n).
 * R reads the CSV untimed; only the cuminc / crr call is timed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { cumulativeIncidence } from "../../src/survival/competing/cuminc.js";
import type { CompetingRisksInput } from "../../src/survival/competing/cuminc.js";
import { fineGray } from "../../src/survival/competing/fine-gray.js";
import type { FineGrayInput } from "../../src/survival/competing/fine-gray.js";

/** xorshift32 uniform in (0, 1): deterministic benchmark data. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
}

/** Latent exponential cause times (cause-1 hazard depends on the group/covariate), uniform censoring, rounded to days. */
function simulate(n: number, seed: number): { time: Float64Array; cause: Int32Array; g: Int32Array; age: Float64Array } {
  const unif = uniform(seed);
  const time = new Float64Array(n);
  const cause = new Int32Array(n);
  const g = new Int32Array(n);
  const age = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    g[i] = unif() < 0.5 ? 0 : 1;
    age[i] = Math.round(40 + 40 * unif());
    const t1 = -Math.log(unif()) * (g[i] === 0 ? 900 : 1200) * Math.exp(-0.01 * (age[i] - 60));
    const t2 = -Math.log(unif()) * 1500;
    const t3 = -Math.log(unif()) * 3000;
    const c = unif() * 2000;
    const m = Math.min(t1, t2, t3, c);
    time[i] = Math.ceil(m);
    cause[i] = m === c ? 0 : m === t1 ? 1 : m === t2 ? 2 : 3;
  }
  return { time, cause, g, age };
}

const N_CUMINC = 100_000;
const N_CRR = 5_000;

export const cases = defineCases<CompetingRisksInput | FineGrayInput>([
  {
    name: "cuminc 2 groups x 3 causes + Gray test, 1e5 rows, tied times",
    setup(dir) {
      const d = simulate(N_CUMINC, 20240611);
      const lines = ["time,cause,group"];
      for (let i = 0; i < N_CUMINC; i++) lines.push(`${d.time[i]},${d.cause[i]},${d.g[i]}`);
      writeFileSync(join(dir, "cuminc.csv"), lines.join("\n") + "\n");
      return { time: d.time, cause: d.cause, group: { codes: d.g, levels: ["control", "treated"] } };
    },
    run(input) {
      return cumulativeIncidence(input as CompetingRisksInput);
    },
    r(dir) {
      const csv = JSON.stringify(join(dir, "cuminc.csv"));
      return [
        "suppressPackageStartupMessages(library(cmprsk))",
        `d <- read.csv(${csv})`,
        "best <- Inf",
        "for (i in 1:3) { t0 <- proc.time()[['elapsed']]; fit <- cuminc(d$time, d$cause, d$group); best <- min(best, proc.time()[['elapsed']] - t0) }",
        'cat("ELAPSED", best, "\\n")',
      ].join("\n");
    },
  },
  {
    name: "crr (Fine-Gray) 2 covariates, 5e3 rows, tied times",
    repeats: 3,
    setup(dir) {
      const d = simulate(N_CRR, 7);
      const lines = ["time,cause,group,age"];
      for (let i = 0; i < N_CRR; i++) lines.push(`${d.time[i]},${d.cause[i]},${d.g[i]},${d.age[i]}`);
      writeFileSync(join(dir, "crr.csv"), lines.join("\n") + "\n");
      const x = new Float64Array(2 * N_CRR);
      for (let i = 0; i < N_CRR; i++) {
        x[i] = d.g[i];
        x[N_CRR + i] = d.age[i];
      }
      return { time: d.time, cause: d.cause, x, columnNames: ["treated", "age"] };
    },
    run(input) {
      return fineGray(input as FineGrayInput);
    },
    r(dir) {
      const csv = JSON.stringify(join(dir, "crr.csv"));
      return [
        "suppressPackageStartupMessages(library(cmprsk))",
        `d <- read.csv(${csv})`,
        "t0 <- proc.time()[['elapsed']]",
        "fit <- crr(d$time, d$cause, cbind(treated = d$group, age = d$age))",
        'cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\\n")',
      ].join("\n");
    },
  },
]);
