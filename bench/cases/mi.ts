/**
 * Multiple imputation then the PS-weighted Cox model within each imputation, pooled (issue 15): 5,000
 * patients × 10 covariates (3 incomplete: two numeric by pmm, one binary by logreg; MAR on the outcome and
 * x1), m = 20 imputations of 5 iterations (mice's default maxit), the event indicator and the Nelson–Aalen
 * cumulative hazard in every imputation model; in each completed dataset a logistic PS model, ATE weights and
 * coxph(Surv ~ treat, weights, robust = TRUE); Rubin's rules. survinfer: imputeChainedParallel on 2 worker
 * threads, then logisticRegression, ATE weights, coxFit(robust) and poolCox (the engines treatmentEffects
 * uses; the study's within step also computes M-estimation variances, matching and KM contrasts, which R's
 * script does not). A second case runs treatmentEffects (IPTW: robust and M-estimation SE, weighted KM
 * contrasts at 180 and 365 days) in each completed dataset instead, as the study's within step does, against
 * the same R script. R: mice() + glm() + coxph() + pool().
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { imputeChainedParallel } from "../../src/mi/parallel.js";
import type { MiColumn } from "../../src/mi/chained.js";
import { poolCox } from "../../src/mi/pool-models.js";
import { logisticRegression } from "../../src/regression/logistic.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import { treatmentEffects } from "../../src/causal/effect.js";
import { poolHazardRatios } from "../../src/mi/within.js";
import type { Table } from "../../src/data/table.js";

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
  const mi = await imputeChainedParallel(miColumns(d), { ...IMPUTATION, outcome: { time: d.time, status: d.status } });
  const fits = [];
  const n = d.n;
  for (let k = 0; k < mi.m; k++) {
    const x = new Float64Array(n * P);
    d.x.forEach((c, j) => {
      x.set(c, j * n);
      const v = mi.variables.find((w) => w.name === `x${j + 1}`);
      v?.rows.forEach((i, r) => (x[j * n + i] = v.imputed[k][r]));
    });
    const columnNames = Array.from({ length: P }, (_, j) => `x${j + 1}`);
    const e = logisticRegression({ y: d.treat, x, columnNames }).fittedValues;
    const weights = Float64Array.from(e, (ei, i) => (d.treat[i] === 1 ? 1 / ei : 1 / (1 - ei)));
    fits.push(coxFit({ time: d.time, status: d.status, x: Float64Array.from(d.treat), p: 1, columnNames: ["treat"], weights }, { robust: true }));
  }
  return poolCox(fits);
}

const IMPUTATION = { m: 20, iterations: 5, seed: 1, workers: 2 } as const;

function miColumns(d: Cohort): MiColumn[] {
  return [
    ...d.x.map((values, j): MiColumn => (j === 4 ? { name: `x${j + 1}`, values, levels: ["0", "1"] } : { name: `x${j + 1}`, values })),
    { name: "treat", values: Float64Array.from(d.treat) },
  ];
}

/** As `run`, with treatmentEffects (the study's within step: IPTW with robust and M-estimation SE, weighted KM contrasts) per imputation. */
async function runTreatmentEffects(d: Cohort): Promise<unknown> {
  const mi = await imputeChainedParallel(miColumns(d), { ...IMPUTATION, outcome: { time: d.time, status: d.status } });
  const rowNumbers = Int32Array.from({ length: d.n }, (_, i) => i + 2);
  const per = [];
  for (let k = 0; k < mi.m; k++) {
    const columns = d.x.map((c, j) => {
      const values = Float64Array.from(c);
      const v = mi.variables.find((w) => w.name === `x${j + 1}`);
      v?.rows.forEach((i, r) => (values[i] = v.imputed[k][r]));
      return { kind: "numeric" as const, name: `x${j + 1}`, values };
    });
    const table: Table = { nRows: d.n, columns, source: { file: "mi.csv" }, rowNumbers };
    const res = treatmentEffects(
      { table, time: d.time, status: d.status, treatment: d.treat, covariates: columns.map((c) => c.name) },
      { crude: false, multivariable: false, matching: false, weighting: { estimand: "ATE" }, times: [180, 365] },
    );
    per.push(res.estimates);
  }
  return poolHazardRatios(per, () => 1);
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
  {
    name: "mi m=20 5e3 x 10, treatmentEffects (IPTW, M-estimation SE) in each, pooled",
    repeats: 1,
    setup(dir: string): Cohort {
      const d = simulate(5_000, 20261205);
      writeCsv(dir, d);
      return d;
    },
    run: runTreatmentEffects,
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
