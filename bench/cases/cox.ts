/**
 * Efron Cox fit, 10 covariates, 1,000,000 rows with heavily tied times (integer days 1..730),
 * survinfer's coxFit vs R's survival::coxph(ties = "efron") on the same data.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxInput } from "../../src/survival/cox/types.js";

/** Deterministic uniform(0,1) generator (mulberry32), seed recorded here: 20240601. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate(n: number, p: number, seed: number): CoxInput {
  const rand = mulberry32(seed);
  const x = new Float64Array(n * p);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const beta = Array.from({ length: p }, (_, j) => (j % 2 === 0 ? 0.3 : -0.2) / (1 + j / 5));
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) {
      // half binary, half approximately normal covariates
      const v = j % 2 === 0 ? (rand() < 0.4 ? 1 : 0) : rand() + rand() + rand() - 1.5;
      x[j * n + i] = v;
      eta += beta[j] * v;
    }
    const t = -Math.log(rand()) / (0.005 * Math.exp(eta));
    const c = 730 * rand();
    time[i] = Math.max(1, Math.ceil(Math.min(t, c)));
    status[i] = t <= c ? 1 : 0;
  }
  return { time, status, x, p, columnNames: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
}

export const cases = defineCases<CoxInput>([
  {
    name: "cox efron 1e6 x 10",
    repeats: 2,
    setup(dir: string): CoxInput {
      const input = simulate(1_000_000, 10, 20240601);
      const n = input.time.length;
      const lines: string[] = [["time", "status", ...input.columnNames].join(",")];
      for (let i = 0; i < n; i++) {
        const row: (string | number)[] = [input.time[i], input.status[i]];
        for (let j = 0; j < input.p; j++) row.push(input.x[j * n + i].toPrecision(17));
        lines.push(row.join(","));
      }
      writeFileSync(join(dir, "cox.csv"), lines.join("\n") + "\n");
      return input;
    },
    run(input: CoxInput): unknown {
      return coxFit(input, { ties: "efron" });
    },
    r(dir: string): string {
      return `suppressPackageStartupMessages(library(survival))
d <- read.csv(${JSON.stringify(join(dir, "cox.csv"))})
f <- as.formula(paste("Surv(time, status) ~", paste(paste0("x", 1:10), collapse = " + ")))
best <- Inf
for (r in 1:2) { t0 <- proc.time()[["elapsed"]]; fit <- coxph(f, data = d, ties = "efron"); best <- min(best, proc.time()[["elapsed"]] - t0) }
cat("ELAPSED", best, "\\n")
`;
    },
  },
]);
