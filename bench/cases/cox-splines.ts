/**
 * Cox model with flexible terms through the formula front door: two 5-knot restricted cubic splines
 * (rms::rcs default knots) and a time-varying coefficient tt(karno) = karno·log t, on 100,000 patients
 * followed in whole months (1..36, so 36 risk sets at most: the tt() risk-set expansion has ~2 million
 * rows, as coxph builds it). survinfer's coxph(table, formula) (design matrix, knots, expansion, fit) vs
 * R's coxph(Surv(time, status) ~ rcs(age, 5) + rcs(size, 5) + karno + tt(karno), tt = function(x, t, ...) x * log(t)).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { coxph } from "../../src/survival/coxph.js";
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

const FORMULA = "Surv(time, status) ~ rcs(age, 5) + rcs(size, 5) + karno + tt(karno)";

/** n patients: age (years, 1 decimal), tumour size (mm), Karnofsky score (10..100); non-linear age effect, karno effect fading with log t. */
function simulate(n: number, seed: number): Table {
  const rand = mulberry32(seed);
  const time = new Float64Array(n);
  const status = new Float64Array(n);
  const age = new Float64Array(n);
  const size = new Float64Array(n);
  const karno = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    age[i] = Math.round(10 * (30 + 50 * (rand() + rand()) / 2)) / 10;
    size[i] = Math.round(5 + 150 * rand() * rand());
    karno[i] = 10 * Math.ceil(10 * rand());
    const eta = 0.0008 * (age[i] - 55) ** 2 + 0.01 * size[i] - 0.02 * (karno[i] - 60);
    const t = -Math.log(rand()) / (0.03 * Math.exp(eta));
    const c = 36 * rand();
    time[i] = Math.max(1, Math.ceil(Math.min(t, c)));
    status[i] = t <= c ? 1 : 0;
  }
  const num = (name: string, values: Float64Array) => ({ kind: "numeric" as const, name, values });
  return {
    nRows: n,
    columns: [num("time", time), num("status", status), num("age", age), num("size", size), num("karno", karno)],
    source: { file: "cox-splines.csv" },
    rowNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
  };
}

export const cases = defineCases<Table>([
  {
    name: "cox 1e5 rcs(5) x 2 + tt()",
    repeats: 2,
    setup(dir: string): Table {
      const table = simulate(100_000, 20261205);
      const cols = table.columns.map((c) => (c.kind === "numeric" ? c.values : new Float64Array(0)));
      const lines = [table.columns.map((c) => c.name).join(",")];
      for (let i = 0; i < table.nRows; i++) lines.push(cols.map((v) => v[i]).join(","));
      writeFileSync(join(dir, "cox-splines.csv"), lines.join("\n") + "\n");
      return table;
    },
    run(table: Table): unknown {
      return coxph(table, FORMULA);
    },
    r(dir: string): string {
      return `suppressPackageStartupMessages({ library(survival); library(rms) })
d <- read.csv(${JSON.stringify(join(dir, "cox-splines.csv"))})
best <- Inf
for (r in 1:2) { t0 <- proc.time()[["elapsed"]]; fit <- coxph(${FORMULA}, data = d, tt = function(x, t, ...) x * log(t)); best <- min(best, proc.time()[["elapsed"]] - t0) }
cat("ELAPSED", best, "\\n")
`;
    },
  },
]);
