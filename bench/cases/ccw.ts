/**
 * Clone–censor–weight (target-trial emulation, grace period 6 months) on 5,000 simulated lms patients
 * (surgery after the diagnosis of lung metastases), with 200 bootstrap replicates of the whole pipeline
 * (resample patients, clone, refit both censoring models, weighted KM, RMST, weighted Cox with robust SE),
 * in this thread. The R side runs the same algorithm, the oracle tools/oracle/ccw.R (data.table +
 * survival: survSplit, coxph, basehaz, survfit), on the same data in the same run: once splitting at every
 * event time (Maringe et al.'s code) and once only at the event times up to G (weights are constant after
 * G: the same estimates, fewer rows). R at 200 replicates takes hours, so with CCW_BENCH_R_REPLICATES=k
 * R times the estimate plus k replicates and scales to 1 + 200 runs (ELAPSED is that extrapolation).
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cloneCensorWeight, type CcwInput } from "../../src/causal/ccw/index.js";
import { simulateCohort } from "../../src/simulate/index.js";
import { defineCases } from "../harness.js";

const N = 5000;
const REPLICATES = 200;
const R_REPLICATES = Number(process.env.CCW_BENCH_R_REPLICATES ?? "200");
const MONTH = 30.4375;

function setup(dir: string): CcwInput {
  const c = simulateCohort({ n: N, seed: 14, parameters: { missingSize: 0, missingGrade: 0 } }).columns;
  const time = Float64Array.from(c.dateLastFollowup, (d, i) => Math.max(0.5, d - c.dateLungMet[i]) / MONTH);
  const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
  const treatmentTime = Float64Array.from(c.datePm, (d, i) => (Number.isNaN(d) ? Number.POSITIVE_INFINITY : (d - c.dateLungMet[i]) / MONTH));
  const cols = [Float64Array.from(c.agePrimary), Float64Array.from(c.male), Float64Array.from(c.nLungMets), Float64Array.from(c.synchronous)];
  const x = new Float64Array(N * cols.length);
  cols.forEach((col, j) => x.set(col, j * N));
  const lines = ["time,status,A,age,male,mets,sync"];
  for (let i = 0; i < N; i++) lines.push([time[i], status[i], Number.isFinite(treatmentTime[i]) ? treatmentTime[i] : "Inf", ...cols.map((col) => col[i])].join(","));
  writeFileSync(join(dir, "ccw.csv"), lines.join("\n") + "\n");
  return { time, status, treatmentTime, x, p: cols.length, columnNames: ["age_primary", "male", "n_lung_mets", "synchronous"] };
}

function run(input: CcwInput): unknown {
  // the default censoring model (piecewise, 4 periods), the same in R's calls below
  return cloneCensorWeight(input, { grace: 6, times: [12, 36, 60], tau: 60, bootstrap: { replicates: REPLICATES, seed: 1 } });
}

const rScript = (split: "all" | "grace") => (dir: string): string => `
CCW_LIBRARY_ONLY <- TRUE
source(${JSON.stringify(resolve("tools/oracle/ccw.R"))})
d <- read.csv(${JSON.stringify(join(dir, "ccw.csv"))})
X <- as.matrix(d[, c("age", "male", "mets", "sync")])
t0 <- proc.time()[["elapsed"]]
f <- ccw_fit(d$time, d$status, d$A, X, 6, c(12, 36, 60), 60, split = "${split}", model = "piecewise", periods = 4L)
b <- ccw_boot(d$time, d$status, d$A, X, 6, c(12, 36, 60), 60, ${R_REPLICATES}, 1, split = "${split}", model = "piecewise", periods = 4L)
el <- proc.time()[["elapsed"]] - t0
cat("R replicates", ${R_REPLICATES}, "elapsed", el, "\\n")
cat("ELAPSED", el * (1 + ${REPLICATES}) / (1 + ${R_REPLICATES}), "\\n")
`;

export const cases = defineCases<CcwInput>([
  { name: `clone-censor-weight n=${N}, ${REPLICATES} bootstrap replicates, R splits at every event time`, setup, run, r: rScript("all"), repeats: 1 },
  { name: `clone-censor-weight n=${N}, ${REPLICATES} bootstrap replicates, R splits at event times up to G`, setup, run, r: rScript("grace"), repeats: 1 },
]);
