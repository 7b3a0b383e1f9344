/**
 * Bootstrap of the IPTW Cox model: 1,000 replicates of the whole pipeline (logistic PS model, ATE
 * weights, weighted Cox with robust SE) on 500 simulated lms patients, with 1 worker thread (in-thread)
 * and with 2 worker threads (both cores). The R side runs the same 1,000 replicates sequentially:
 * glm + coxph(weights, robust = TRUE) per stratified resample (base R loop, as boot::boot does).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bootstrapEffects } from "../../src/causal/bootstrap.js";
import { effectData } from "../../src/causal/effect.js";
import type { EffectData, EffectSpec } from "../../src/causal/effect/types.js";
import { cohortToTable, simulateCohort } from "../../src/simulate/index.js";
import { defineCases } from "../harness.js";

interface Ctx {
  readonly data: EffectData;
  readonly workers: number;
}

const spec: EffectSpec = {
  crude: false,
  multivariable: false,
  matching: null,
  weighting: { estimand: "ATE", stabilize: false },
  doublyRobust: false,
  psModel: "glm",
  times: [],
  tau: null,
  ties: "efron",
  confLevel: 0.95,
};

function setup(workers: number, withR: boolean) {
  return (dir: string): Ctx => {
    const cohort = simulateCohort({ n: 500, seed: 5, parameters: { missingSize: 0, missingGrade: 0 } });
    const c = cohort.columns;
    const time = Float64Array.from(c.dateLastFollowup, (d, i) => (d - c.dateLungMet[i]) / 30.4375);
    const status = Int32Array.from(c.dateDeath, (d) => (Number.isNaN(d) ? 0 : 1));
    const { data } = effectData({
      table: cohortToTable(cohort),
      time,
      status,
      treatment: Int32Array.from(c.metastasectomy),
      covariates: ["age_primary", "primary_size_mm", "n_lung_mets", "timing", "sex"],
    });
    if (withR) {
      const lines = ["time,status,treat,age,size,mets,sync,male"];
      const n = data.time.length;
      for (let i = 0; i < n; i++) lines.push([data.time[i], data.status[i], data.treat[i], ...Array.from({ length: data.q }, (_, j) => data.x[j * n + i])].join(","));
      writeFileSync(join(dir, "boot.csv"), lines.join("\n") + "\n");
    }
    return { data, workers };
  };
}

async function run(ctx: Ctx): Promise<unknown> {
  return bootstrapEffects(ctx.data, spec, [Number.NaN], { replicates: 1000, seed: 1, workers: ctx.workers });
}

const rScript = (dir: string): string => `
suppressPackageStartupMessages(library(survival))
d <- read.csv(${JSON.stringify(join(dir, "boot.csv"))})
set.seed(1)
t0 <- proc.time()[["elapsed"]]
i1 <- which(d$treat == 1); i0 <- which(d$treat == 0)
est <- numeric(1000)
for (r in 1:1000) {
  b <- d[c(i1[sample.int(length(i1), replace = TRUE)], i0[sample.int(length(i0), replace = TRUE)]), ]
  e <- fitted(glm(treat ~ age + size + mets + sync + male, family = binomial, data = b))
  w <- ifelse(b$treat == 1, 1 / e, 1 / (1 - e))
  est[r] <- coef(coxph(Surv(time, status) ~ treat, data = b, weights = w, robust = TRUE))
}
cat("ELAPSED", proc.time()[["elapsed"]] - t0, "\\n")
`;

export const cases = defineCases<Ctx>([
  { name: "bootstrap IPTW Cox n=500 x1000, 1 worker", setup: setup(1, true), run, r: rScript, repeats: 1 },
  { name: "bootstrap IPTW Cox n=500 x1000, 2 workers", setup: setup(2, true), run, r: rScript, repeats: 1 },
]);
