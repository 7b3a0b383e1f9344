/**
 * Long-term engines side by side with R, on seeded data (src/simulate/rng.ts streams()) written to CSV
 * for R in the untimed setup; R reads the CSV untimed and times only the model call.
 *  1. weibullCure, n = 100,000, incidence ~ z1 + z2, latency ~ x1. R: the base-R restatement in
 *     tools/oracle/cure.R (fit_weibull_cure: glm start, optim BFGS on the vectorised log-likelihood with
 *     its analytic gradient, reltol 1e-14, then 5 Newton steps and the numerical Hessian for the SEs).
 *  2. semiparametricCure (EM as smcure, bootstrap 0), n = 5,000. smcure is not packaged for Debian: R
 *     runs tools/oracle/cure.R's EM restatement (fit_em_cure), which loops over the event times as
 *     smcure's smsurv does.
 *  3. validatePredictionModel, B = 200, n = 2,000, 4 covariates, horizon t = 3. R:
 *     rms::validate(cph(..., x = TRUE, y = TRUE, surv = TRUE, time.inc = 3), B = 200) (Dxy, R², slope, D,
 *     U, Q, g per replicate; survinfer: Harrell's C, Uno's C, AUC(t), slope, log(O/E) per replicate).
 *  4. andersenGill, 100,000 patients, ~250,000 (start, stop] rows, integer days (ties). R:
 *     coxph(Surv(start, stop, event) ~ x1 + x2 + cluster(id)) (Efron, robust variance).
 *  5. meanCumulativeFunction on the same rows. R: survfit(Surv(start, stop, event) ~ 1, id = id)
 *     (Nelson–Aalen MCF with the robust SE).
 * The R functions of tools/oracle/cure.R are reused, not copied: the bench script evaluates only the
 * function definitions of that file (it writes no fixture).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Table } from "../../src/data/table.js";
import { streams } from "../../src/simulate/rng.js";
import type { CureInput } from "../../src/survival/cure/design.js";
import { semiparametricCure } from "../../src/survival/cure/semiparametric.js";
import { weibullCure } from "../../src/survival/cure/weibull.js";
import { andersenGill } from "../../src/survival/recurrent/andersen-gill.js";
import { meanCumulativeFunction } from "../../src/survival/recurrent/mcf.js";
import { validatePredictionModel } from "../../src/survival/validation/index.js";
import { defineCases } from "../harness.js";

const cureOracle = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tools", "oracle", "cure.R");

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A table of numeric columns (row numbers as if read from a CSV with a header). */
function numericTable(file: string, columns: Readonly<Record<string, Float64Array>>): Table {
  const names = Object.keys(columns);
  const nRows = columns[names[0]].length;
  return {
    nRows,
    columns: names.map((name) => ({ kind: "numeric" as const, name, values: columns[name] })),
    source: { file },
    rowNumbers: Int32Array.from({ length: nRows }, (_, i) => i + 2),
  };
}

/** Writes the columns as CSV; String(v) is JavaScript's shortest round-trip decimal, so R reads the same doubles. */
function writeCsv(path: string, columns: Readonly<Record<string, ArrayLike<number>>>): void {
  const names = Object.keys(columns);
  const cols = names.map((k) => columns[k]);
  const n = cols[0].length;
  const lines: string[] = [names.join(",")];
  for (let i = 0; i < n; i++) lines.push(cols.map((c) => String(c[i])).join(","));
  writeFileSync(path, lines.join("\n") + "\n");
}

/**
 * Mixture cure data as tools/oracle/cure.R case 1: P(uncured) = expit(0.5 + 0.8 z1 − 0.6 z2), z1 ~ N(0,1),
 * z2 ~ Bernoulli(0.4); latency Weibull S_u(t|x) = exp(−(0.1 e^{0.5 x1} t)^1.5), x1 ~ N(0,1); censoring
 * U(0, 40); times rounded up to 0.1 (months), so event times tie.
 */
function simulateCure(n: number, seed: number): CureInput {
  const [sz, sx, st] = streams(seed, 3);
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const z = new Float64Array(2 * n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z1 = sz.normal();
    const z2 = sz.uniform() < 0.4 ? 1 : 0;
    const x1 = sx.normal();
    const uncured = st.uniform() < expit(0.5 + 0.8 * z1 - 0.6 * z2);
    const tu = Math.pow(st.exponential(), 1 / 1.5) / (0.1 * Math.exp(0.5 * x1));
    const c = 40 * st.uniform();
    const event = uncured && tu <= c;
    time[i] = Math.ceil(10 * (event ? tu : c)) / 10;
    status[i] = event ? 1 : 0;
    z[i] = z1;
    z[n + i] = z2;
    x[i] = x1;
  }
  return { time, status, z, zNames: ["z1", "z2"], x, xNames: ["x1"] };
}

function writeCureCsv(path: string, d: CureInput): void {
  const n = d.time.length;
  writeCsv(path, { time: d.time, status: d.status, z1: d.z.subarray(0, n), z2: d.z.subarray(n, 2 * n), x1: d.x });
}

/** R prelude: survival + the function definitions of tools/oracle/cure.R (its top-level fixture code is skipped). */
function cureFunctionsR(): string {
  return `suppressPackageStartupMessages(library(survival))
for (e in parse(${JSON.stringify(cureOracle)})) {
  if (is.call(e) && identical(e[[1]], as.name("<-")) && is.call(e[[3]]) && identical(e[[3]][[1]], as.name("function"))) eval(e, globalenv())
}`;
}

/**
 * Cox prediction data: x1 ~ N(0,1), x2 ~ Bernoulli(0.4), x3 ~ N(0,1), x4 ~ Bernoulli(0.3); hazard
 * 0.2·exp(0.5 x1 − 0.4 x2 + 0.3 x3 + 0.6 x4) (years); censoring U(0, 8); times rounded to 0.01.
 */
function simulatePrediction(n: number, seed: number): Record<string, Float64Array> {
  const [sx, st] = streams(seed, 2);
  const cols = { time: new Float64Array(n), status: new Float64Array(n), x1: new Float64Array(n), x2: new Float64Array(n), x3: new Float64Array(n), x4: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const x1 = sx.normal();
    const x2 = sx.uniform() < 0.4 ? 1 : 0;
    const x3 = sx.normal();
    const x4 = sx.uniform() < 0.3 ? 1 : 0;
    const t = st.exponential() / (0.2 * Math.exp(0.5 * x1 - 0.4 * x2 + 0.3 * x3 + 0.6 * x4));
    const c = 8 * st.uniform();
    cols.time[i] = Math.max(0.01, Math.round(100 * Math.min(t, c)) / 100);
    cols.status[i] = t <= c ? 1 : 0;
    cols.x1[i] = x1;
    cols.x2[i] = x2;
    cols.x3[i] = x3;
    cols.x4[i] = x4;
  }
  return cols;
}

/**
 * Recurrent events in integer days: follow-up F ~ 365 + U(0, 730) rounded up; a Poisson process with rate
 * 0.00235·exp(0.3 x1 − 0.4 x2)·ν per day, x1 ~ N(0,1), x2 ~ Bernoulli(0.5), log-normal frailty
 * ν = exp(0.5 ε − 0.125); gap times rounded up to whole days (≥ 1). Rows (start, stop] end at each event
 * and at F (censored). About 1.5 events per patient → ~2.5 rows per patient.
 */
function simulateRecurrent(nPatients: number, seed: number): Record<string, Float64Array> {
  const [sx, st] = streams(seed, 2);
  const id: number[] = [];
  const start: number[] = [];
  const stop: number[] = [];
  const event: number[] = [];
  const x1c: number[] = [];
  const x2c: number[] = [];
  for (let p = 0; p < nPatients; p++) {
    const x1 = sx.normal();
    const x2 = sx.uniform() < 0.5 ? 1 : 0;
    const frailty = Math.exp(0.5 * sx.normal() - 0.125);
    const rate = 0.00235 * Math.exp(0.3 * x1 - 0.4 * x2) * frailty;
    const follow = Math.ceil(365 + 730 * st.uniform());
    let prev = 0;
    for (;;) {
      const t = prev + Math.max(1, Math.ceil(st.exponential() / rate));
      const ev = t < follow;
      id.push(p + 1);
      start.push(prev);
      stop.push(ev ? t : follow);
      event.push(ev ? 1 : 0);
      x1c.push(x1);
      x2c.push(x2);
      if (!ev) break;
      prev = t;
    }
  }
  return { id: Float64Array.from(id), start: Float64Array.from(start), stop: Float64Array.from(stop), event: Float64Array.from(event), x1: Float64Array.from(x1c), x2: Float64Array.from(x2c) };
}

let recurrentData: Record<string, Float64Array> | null = null;
/** The recurrent-event rows, generated once and shared by the AG and MCF cases. */
function recurrent(): Record<string, Float64Array> {
  recurrentData ??= simulateRecurrent(100_000, 20240707);
  return recurrentData;
}

const N_WEIBULL = 100_000;
const N_EM = 5_000;
const N_VALIDATE = 2_000;
const HORIZON = 3;

const cureCases = defineCases<CureInput>([
  {
    name: "long-term: weibull mixture cure, 1e5 rows, 2 incidence + 1 latency covariates",
    repeats: 2,
    setup(dir) {
      const cure = simulateCure(N_WEIBULL, 20240701);
      writeCureCsv(join(dir, "cure.csv"), cure);
      return cure;
    },
    run(ctx) {
      return weibullCure(ctx);
    },
    r(dir) {
      return `${cureFunctionsR()}
d <- read.csv(${JSON.stringify(join(dir, "cure.csv"))})
Z <- cbind("(Intercept)" = 1, z1 = d$z1, z2 = d$z2); X <- cbind(x1 = d$x1)
best <- Inf
for (r in 1:2) { t0 <- proc.time()[["elapsed"]]; fit <- fit_weibull_cure(d$time, d$status, Z, X); best <- min(best, proc.time()[["elapsed"]] - t0) }
cat("ELAPSED", best, "\\n")
`;
    },
  },
  {
    name: "long-term: semiparametric PH cure (EM), 5e3 rows, bootstrap 0",
    repeats: 2,
    setup(dir) {
      const cure = simulateCure(N_EM, 20240702);
      writeCureCsv(join(dir, "cure.csv"), cure);
      return cure;
    },
    run(ctx) {
      return semiparametricCure(ctx, { bootstrap: 0 });
    },
    r(dir) {
      return `${cureFunctionsR()}
d <- read.csv(${JSON.stringify(join(dir, "cure.csv"))})
Z <- cbind("(Intercept)" = 1, z1 = d$z1, z2 = d$z2); X <- cbind(x1 = d$x1)
best <- Inf
for (r in 1:2) { t0 <- proc.time()[["elapsed"]]; fit <- fit_em_cure(d$time, d$status, Z, X); best <- min(best, proc.time()[["elapsed"]] - t0) }
cat("ELAPSED", best, "\\n")
`;
    },
  },
]);

/** The recurrent-event data of the AG and MCF cases, as a table and as recurrent.csv for R. */
function recurrentSetup(dir: string): Table {
  const cols = recurrent();
  writeCsv(join(dir, "recurrent.csv"), cols);
  return numericTable("recurrent.csv", cols);
}

/** R: best of `repeats` timings of `call` on recurrent.csv (read untimed). */
function recurrentR(dir: string, repeats: number, call: string): string {
  return `suppressPackageStartupMessages(library(survival))
d <- read.csv(${JSON.stringify(join(dir, "recurrent.csv"))})
best <- Inf
for (r in 1:${repeats}) { t0 <- proc.time()[["elapsed"]]; fit <- ${call}; best <- min(best, proc.time()[["elapsed"]] - t0) }
cat("ELAPSED", best, "\\n")
`;
}

const tableCases = defineCases<Table>([
  {
    name: "long-term: prediction-model validation + calibration, B = 200, 2e3 rows x 4",
    repeats: 2,
    setup(dir) {
      const cols = simulatePrediction(N_VALIDATE, 20240703);
      writeCsv(join(dir, "validate.csv"), cols);
      return numericTable("validate.csv", cols);
    },
    run(ctx) {
      return validatePredictionModel(ctx, "Surv(time, status) ~ x1 + x2 + x3 + x4", { time: HORIZON, B: 200, seed: 1 });
    },
    r(dir) {
      return `suppressPackageStartupMessages(library(rms))
d <- read.csv(${JSON.stringify(join(dir, "validate.csv"))})
set.seed(1)
best <- Inf
for (r in 1:2) {
  t0 <- proc.time()[["elapsed"]]
  fit <- cph(Surv(time, status) ~ x1 + x2 + x3 + x4, data = d, x = TRUE, y = TRUE, surv = TRUE, time.inc = ${HORIZON})
  v <- validate(fit, B = 200)
  # survinfer also gives the bias-corrected calibration at the horizon (5 risk groups), as rms::calibrate
  cal <- calibrate(fit, cmethod = "KM", u = ${HORIZON}, m = floor(nrow(d) / 5), B = 200)
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat("ELAPSED", best, "\\n")
`;
    },
  },
  {
    name: "long-term: andersen-gill, 1e5 patients, ~2.5e5 counting-process rows",
    repeats: 2,
    setup: recurrentSetup,
    run(ctx) {
      return andersenGill(ctx, { id: "id", start: "start", stop: "stop", event: "event", covariates: ["x1", "x2"] });
    },
    r(dir) {
      return recurrentR(dir, 2, "coxph(Surv(start, stop, event) ~ x1 + x2 + cluster(id), data = d)");
    },
  },
  {
    name: "long-term: mean cumulative function, 1e5 patients, ~2.5e5 rows",
    repeats: 3,
    setup: recurrentSetup,
    run(ctx) {
      return meanCumulativeFunction(ctx, { id: "id", start: "start", stop: "stop", event: "event" });
    },
    r(dir) {
      return recurrentR(dir, 3, "survfit(Surv(start, stop, event) ~ 1, data = d, id = id)");
    },
  },
]);

export const cases = [...cureCases, ...tableCases];
