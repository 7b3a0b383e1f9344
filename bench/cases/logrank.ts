/**
 * Log-rank test for 2 groups on 1,000,000 rows with heavily tied times (integer days), survinfer's
 * logrankTest vs R's survival::survdiff in the same run (R reads the CSV untimed; only survdiff is timed).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { logrankTest } from "../../src/survival/logrank.js";
import type { LogrankInput } from "../../src/survival/logrank.js";
import { rWholeProcess, sideBySide, survinferCommand, wholeProcess, writeRegistryCsv } from "./data.js";

/** R's whole process for the log-rank test on the registry CSV: fread + survdiff. */
function rLogrank(csv: string): string {
  return `suppressPackageStartupMessages({ library(data.table); library(survival) })
d <- fread(${JSON.stringify(csv)})
sd <- survdiff(Surv(time, status) ~ group, data = d)
`;
}

/** Issue 18: `survinfer logrank` as a whole process on the 1,000,000-row, ~90 MB CSV against Rscript with fread + survdiff. */
export const wholeProcessCases = defineCases<{ argv: string[] }>([
  {
    name: "logrank whole process: 1e6-row 90 MB CSV (read + log-rank)",
    setup(dir: string) {
      const csv = join(dir, "registry.csv");
      const bytes = writeRegistryCsv(csv);
      const argv = [...survinferCommand(), "logrank", csv, "--time", "time", "--event", "status", "--by", "group", "--json"];
      sideBySide("logrank whole process", bytes, argv, dir, rLogrank(csv));
      return { argv };
    },
    // the medians are printed by setup (sideBySide); the harness adds one more timed run of each side
    repeats: 1,
    run: ({ argv }) => wholeProcess(argv),
    r: (dir: string) => rWholeProcess(dir, rLogrank(join(dir, "registry.csv"))),
  },
]);

const N = 1_000_000;

/** Deterministic data: exponential event times (hazard differs by group), uniform censoring, rounded to days. */
function simulate(n: number, seed: number): LogrankInput {
  let state = seed >>> 0;
  const unif = (): number => {
    // xorshift32: deterministic, good enough for benchmark data
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = unif() < 0.5 ? 0 : 1;
    const ev = Math.ceil(-Math.log(unif()) * (g === 0 ? 700 : 900));
    const cens = Math.ceil(unif() * 1500);
    codes[i] = g;
    time[i] = Math.min(ev, cens);
    status[i] = ev <= cens ? 1 : 0;
  }
  return { time, status, group: { codes, levels: ["control", "treated"] } };
}

export const cases = [
  ...wholeProcessCases,
  ...defineCases<LogrankInput>([
  {
    name: "logrank 2 groups, 1e6 rows, tied times",
    setup(dir) {
      const input = simulate(N, 20240601);
      const lines: string[] = ["time,status,group"];
      for (let i = 0; i < N; i++) lines.push(`${input.time[i]},${input.status[i]},${input.group.codes[i]}`);
      writeFileSync(join(dir, "logrank.csv"), lines.join("\n") + "\n");
      return input;
    },
    run(input) {
      return logrankTest(input);
    },
    r(dir) {
      const csv = JSON.stringify(join(dir, "logrank.csv"));
      return [
        "suppressPackageStartupMessages(library(survival))",
        `d <- read.csv(${csv})`,
        "d$group <- factor(d$group)",
        "best <- Inf",
        "for (i in 1:3) { t0 <- proc.time()[['elapsed']]; fit <- survdiff(Surv(time, status) ~ group, data = d); best <- min(best, proc.time()[['elapsed']] - t0) }",
        'cat("ELAPSED", best, "\\n")',
      ].join("\n");
    },
  },
]),
];
