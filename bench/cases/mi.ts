/**
 * Multiple imputation then the PS-weighted Cox model within each imputation, pooled (issue 15): 5,000
 * patients × 10 covariates (3 incomplete: two numeric by pmm, one binary by logreg; MAR on the outcome and
 * x1), m = 20 imputations of 5 iterations (mice's default maxit), the event indicator and the Nelson–Aalen
 * cumulative hazard in every imputation model; in each completed dataset a logistic PS model, ATE weights and
 * coxph(Surv ~ treat, weights, robust = TRUE); Rubin's rules. survinfer: imputeChainedParallel on 2 worker
 * threads, then treatmentEffects (which also computes the M-estimation variance and the weighted
 * Kaplan–Meier contrasts, so it does more than R) and poolHazardRatios. R: mice() + glm() + coxph() + pool().
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import type { Column, Table } from "../../src/data/table.js";
import { imputeChainedParallel } from "../../src/mi/parallel.js";
import type { MiColumn } from "../../src/mi/chained.js";
import { poolHazardRatios } from "../../src/mi/within.js";
import { treatmentEffects } from "../../src/causal/effect.js";

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

const P = 10;
const INCOMPLETE = [1, 3, 4]; // x2, x4 numeric; x5 binary

interface Cohort {
  readonly n: number;
  readonly x: Float64Array[];
  readonly treat: Int32Array;
  readonly time: Float64Array;
  readonly status: Int32Array;
}

function simulate(n: number, seed: number): Cohort {
  const rand = mulberry32(seed);
  const x = Array.from({ length: P }, () => new Float64Array(n));
  const treat = new Int32Array(n);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 0;
    let lin = -0.2;
    for (let j = 0; j < P; j++) {
      const v = j % 2 === 0 ? (rand() < 0.4 ? 1 : 0) : rand() + rand() + rand() - 1.5;
      x[j][i] = v;
      eta += ((j % 2 === 0 ? 0.3 : -0.2) / (1 + j / 5)) * v;
      lin += (j < 4 ? 0.4 : 0.1) * v;
    }
    treat[i] = rand() < 1 / (1 + Math.exp(-lin)) ? 1 : 0;
    const t = -Math.log(rand()) / (0.003 * Math.exp(eta - 0.4 * treat[i]));
    const c = 730 * rand();
    time[i] = Math.min(t, c);
    status[i] = t <= c ? 1 : 0;
  }
  // MAR: more missing values among patients with an event and with x1 = 1
  for (const j of INCOMPLETE) for (let i = 0; i < n; i++) if (rand() < 0.06 + 0.08 * status[i] + 0.06 * x[0][i]) x[j][i] = Number.NaN;
  return { n, x, treat, time, status };
}

function writeCsv(dir: string, d: Cohort): void {
  const lines = [["time", "status", "treat", ...Array.from({ length: P }, (_, j) => `x${j + 1}`)].join(",")];
  for (let i = 0; i < d.n; i++) lines.push([d.time[i].toPrecision(17), d.status[i], d.treat[i], ...d.x.map((c) => (Number.isNaN(c[i]) ? "NA" : c[i].toPrecision(17)))].join(","));
  writeFileSync(join(dir, "mi.csv"), lines.join("\n") + "\n");
}

async function run(d: Cohort): Promise<unknown> {
  const columns: MiColumn[] = [
    ...d.x.map((values, j): MiColumn => (j === 4 ? { name: `x${j + 1}`, values, levels: ["0", "1"] } : { name: `x${j + 1}`, values })),
    { name: "treat", values: Float64Array.from(d.treat) },
  ];
  const mi = await imputeChainedParallel(columns, { m: 20, iterations: 5, seed: 1, workers: 2, outcome: { time: d.time, status: d.status } });
  const names = Array.from({ length: P }, (_, j) => `x${j + 1}`);
  const fits = [];
  for (let k = 0; k < mi.m; k++) {
    const cols: Column[] = d.x.map((c, j): Column => {
      const values = Float64Array.from(c);
      const v = mi.variables.find((x) => x.name === names[j]);
      v?.rows.forEach((i, r) => (values[i] = v.imputed[k][r]));
      return { kind: "numeric", name: names[j], values };
    });
    const table: Table = { nRows: d.n, columns: cols, source: { file: "mi.csv" }, rowNumbers: Int32Array.from({ length: d.n }, (_, i) => i + 2) };
    const eff = treatmentEffects({ table, time: d.time, status: d.status, treatment: d.treat, covariates: names }, { crude: false, multivariable: false, matching: false, weighting: { estimand: "ATE" } });
    fits.push(eff.estimates.filter((e) => e.id === "weighted"));
  }
  return poolHazardRatios(fits, () => 1);
}

export const cases = defineCases<Cohort>([
  {
    name: "mi m=20 5e3 x 10, PS weighting + Cox in each, pooled",
    repeats: 1,
    setup(dir: string): Cohort {
      const d = simulate(5_000, 20261205);
      writeCsv(dir, d);
      return d;
    },
    run,
    r(dir: string): string {
      return `suppressPackageStartupMessages({ library(survival); library(mice) })
d <- read.csv(${JSON.stringify(join(dir, "mi.csv"))}); d$x5 <- factor(d$x5)
t0 <- proc.time()[["elapsed"]]
d$H <- nelsonaalen(d, time, status)
imp <- mice(d, m = 20, maxit = 5, seed = 1, printFlag = FALSE, predictorMatrix = {pm <- make.predictorMatrix(d); pm[, "time"] <- 0; pm})
fx <- paste(paste0("x", 1:10), collapse = " + ")
fits <- lapply(1:20, function(k) {
  ck <- complete(imp, k)
  e <- fitted(glm(as.formula(paste("treat ~", fx)), family = binomial, data = ck))
  ck$w <- ifelse(ck$treat == 1, 1 / e, 1 / (1 - e))
  coxph(Surv(time, status) ~ treat, data = ck, weights = w, robust = TRUE)
})
s <- summary(pool(as.mira(fits)), conf.int = TRUE)
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\\n")
`;
    },
  },
]);
