/**
 * KM by 2 groups on 1,000,000 rows with tied, integer-valued times (days), against
 * R `survfit(Surv(time, status) ~ group)` on the same data in the same run.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { kaplanMeier, type SurvivalInput } from "../../src/survival/kaplan-meier.js";
import { rWholeProcess, sideBySide, survinferCommand, wholeProcess, writeRegistryCsv } from "./data.js";

const N = 1_000_000;

/** Deterministic LCG so R and survinfer read the same data. */
function makeData(n: number): SurvivalInput {
  let s = 20240301 >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const time = new Float64Array(n);
  const status = new Int32Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = rnd() < 0.5 ? 0 : 1;
    codes[i] = g;
    const ev = Math.ceil(-Math.log(1 - rnd()) * (g === 0 ? 700 : 900));
    const ce = Math.ceil(rnd() * 3000);
    time[i] = Math.min(ev, ce);
    status[i] = ev <= ce ? 1 : 0;
  }
  return { time, status, group: { codes, levels: ["control", "treated"] } };
}

/** R's whole process for KM by group on the registry CSV: fread + survfit + summary at 3 times. */
function rKm(csv: string): string {
  return `suppressPackageStartupMessages({ library(data.table); library(survival) })
d <- fread(${JSON.stringify(csv)})
fit <- survfit(Surv(time, status) ~ group, data = d)
s <- summary(fit, times = c(365, 730, 1825))
`;
}

interface WholeProcess {
  readonly argv: string[];
}

/**
 * Issue 18: the whole process, `survinfer km` on the 1,000,000-row, ~90 MB CSV (reading with the
 * columnar reader and column projection, then KM) against a separate Rscript doing fread + survfit.
 * Setup prints the side-by-side medians of 3 (CPU and wall ratios, peak RSS ÷ file size; bench/cases/data.ts `sideBySide`).
 */
export const wholeProcessCases = defineCases<WholeProcess>([
  {
    name: "km whole process: 1e6-row 90 MB CSV (read + KM by group)",
    setup(dir: string) {
      const csv = join(dir, "registry.csv");
      const bytes = writeRegistryCsv(csv);
      const argv = [...survinferCommand(), "km", csv, "--time", "time", "--event", "status", "--by", "group", "--times", "365,730,1825", "--json"];
      sideBySide("km whole process", bytes, argv, dir, rKm(csv));
      return { argv };
    },
    // the medians are printed by setup (sideBySide); the harness adds one more timed run of each side
    repeats: 1,
    run: ({ argv }) => wholeProcess(argv),
    r: (dir: string) => rWholeProcess(dir, rKm(join(dir, "registry.csv"))),
  },
]);

export const cases = defineCases([
  ...wholeProcessCases,
  {
    name: "km-2-groups-1e6",
    setup(dir: string) {
      const input = makeData(N);
      const lines: string[] = ["time,status,group"];
      for (let i = 0; i < N; i++) lines.push(`${input.time[i]},${input.status[i]},${input.group?.codes[i]}`);
      writeFileSync(join(dir, "km.csv"), lines.join("\n"));
      return input;
    },
    run(input: SurvivalInput) {
      return kaplanMeier(input, { times: [365, 730, 1825] });
    },
    r(dir: string) {
      return `suppressPackageStartupMessages(library(survival))
d <- read.csv(file.path(${JSON.stringify(dir)}, "km.csv"))
d$group <- factor(d$group, levels = 0:1, labels = c("control", "treated"))
best <- Inf
for (r in 1:3) {
  t0 <- proc.time()[["elapsed"]]
  fit <- survfit(Surv(time, status) ~ group, data = d)
  s <- summary(fit, times = c(365, 730, 1825))
  q <- quantile(fit, c(0.25, 0.5, 0.75))
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat("ELAPSED", best, "\\n")
`;
    },
  },
]);
