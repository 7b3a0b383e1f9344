/**
 * AIPW (doubly robust) standardised survival at 3 times with influence-function SEs for all nuisance models,
 * 10 covariates, integer-day times 1..730: survinfer's survivalContrasts(estimators: ["aipw"]) vs
 * riskRegression::ate(estimator = "AIPTW", store.iid = "minimal") with the same outcome (Cox, Breslow),
 * treatment (logistic) and censoring (Cox) models.
 * The 10,000-patient case is survinfer only: riskRegression 2022.11.28's ate(AIPTW) with influence functions
 * needs memory growing like n² (1.2 GB at n = 2,000; killed at 20 GB at n = 10,000 on the 24 GB build machine),
 * so the side-by-side case uses the first 2,000 patients of the same simulation.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { survivalContrasts, type SurvivalContrastsInput } from "../../src/causal/survival-contrasts/index.js";

/** Deterministic uniform(0,1) generator (mulberry32), seed recorded here: 20261205. */
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

function simulate(n: number, p: number, seed: number): SurvivalContrastsInput {
  const rand = mulberry32(seed);
  const x = new Float64Array(n * p);
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const treat = new Uint8Array(n);
  const beta = Array.from({ length: p }, (_, j) => (j % 2 === 0 ? 0.3 : -0.2) / (1 + j / 5));
  for (let i = 0; i < n; i++) {
    let eta = 0;
    let lin = -0.2;
    for (let j = 0; j < p; j++) {
      const v = j % 2 === 0 ? (rand() < 0.4 ? 1 : 0) : rand() + rand() + rand() - 1.5;
      x[j * n + i] = v;
      eta += beta[j] * v;
      lin += (j < 4 ? 0.4 : 0.1) * v;
    }
    treat[i] = rand() < 1 / (1 + Math.exp(-lin)) ? 1 : 0;
    const t = -Math.log(rand()) / (0.003 * Math.exp(eta - 0.4 * treat[i]));
    const c = 730 * rand();
    time[i] = Math.max(1, Math.ceil(Math.min(t, c)));
    status[i] = t <= c ? 1 : 0;
  }
  return { time, status, treat, x, columnNames: Array.from({ length: p }, (_, j) => `x${j + 1}`) };
}

const TIMES = [180, 365, 540];

function writeCsv(dir: string, input: SurvivalContrastsInput): void {
  const n = input.time.length;
  const p = input.columnNames.length;
  const lines: string[] = [["time", "status", "treat", ...input.columnNames].join(",")];
  for (let i = 0; i < n; i++) {
    const row: (string | number)[] = [input.time[i], input.status[i], input.treat[i]];
    for (let j = 0; j < p; j++) row.push(input.x[j * n + i].toPrecision(17));
    lines.push(row.join(","));
  }
  writeFileSync(join(dir, "ate.csv"), lines.join("\n") + "\n");
}

export const cases = defineCases<SurvivalContrastsInput>([
  {
    name: "ate aipw 1e4 x 10, 3 times (survinfer only)",
    repeats: 2,
    setup(): SurvivalContrastsInput {
      return simulate(10_000, 10, 20261205);
    },
    run(input: SurvivalContrastsInput): unknown {
      return survivalContrasts(input, { times: TIMES, estimators: ["aipw"] });
    },
  },
  {
    name: "ate aipw 2e3 x 10, 3 times",
    repeats: 2,
    setup(dir: string): SurvivalContrastsInput {
      const full = simulate(10_000, 10, 20261205);
      const m = 2_000;
      const p = full.columnNames.length;
      const x = new Float64Array(m * p);
      for (let j = 0; j < p; j++) x.set(full.x.subarray(j * 10_000, j * 10_000 + m), j * m);
      const input = { time: full.time.slice(0, m), status: full.status.slice(0, m), treat: full.treat.slice(0, m), x, columnNames: full.columnNames };
      writeCsv(dir, input);
      return input;
    },
    run(input: SurvivalContrastsInput): unknown {
      return survivalContrasts(input, { times: TIMES, estimators: ["aipw"] });
    },
    r(dir: string): string {
      return `suppressPackageStartupMessages({ library(survival); library(riskRegression) })
d <- read.csv(${JSON.stringify(join(dir, "ate.csv"))}); d$treat <- factor(d$treat)
fx <- paste(paste0("x", 1:10), collapse = " + ")
best <- Inf
for (r in 1:2) {
  t0 <- proc.time()[["elapsed"]]
  mo <- coxph(as.formula(paste("Surv(time, status) ~ treat +", fx)), data = d, ties = "breslow", x = TRUE, y = TRUE)
  mc <- coxph(as.formula(paste("Surv(time, status == 0) ~ treat +", fx)), data = d, ties = "breslow", x = TRUE, y = TRUE)
  mt <- glm(as.formula(paste("treat ~", fx)), data = d, family = binomial)
  a <- ate(mo, treatment = mt, censor = mc, data = d, times = c(${TIMES.join(", ")}), estimator = "AIPTW", se = TRUE, verbose = FALSE, cause = 1, store.iid = "minimal")
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat("ELAPSED", best, "\\n")
`;
    },
  },
]);
