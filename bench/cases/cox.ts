/**
 * Efron Cox fit, 10 covariates, 1,000,000 rows with heavily tied times (integer days 1..730),
 * survinfer's coxFit vs R's survival::coxph(ties = "efron") on the same data: the fit alone in process
 * (CPU, issue 18's measure: ≤ 0.5 × R), and the whole process (`survinfer cox` on the CSV vs Rscript
 * with fread + coxph).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { defineCases } from "../harness.js";
import { coxFit } from "../../src/survival/cox/fit.js";
import type { CoxInput } from "../../src/survival/cox/types.js";
import { rWholeProcess, sideBySide, survinferCommand, wholeProcess } from "./data.js";

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

/** Writes the simulated data as the CSV both sides read; returns its size in bytes. */
function writeCoxCsv(input: CoxInput, path: string): number {
  const n = input.time.length;
  const lines: string[] = [["time", "status", ...input.columnNames].join(",")];
  for (let i = 0; i < n; i++) {
    const row: (string | number)[] = [input.time[i], input.status[i]];
    for (let j = 0; j < input.p; j++) row.push(input.x[j * n + i].toPrecision(17));
    lines.push(row.join(","));
  }
  const text = lines.join("\n") + "\n";
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

const FORMULA = `Surv(time, status) ~ ${Array.from({ length: 10 }, (_, j) => `x${j + 1}`).join(" + ")}`;

/** R: read the CSV (untimed), then one coxph(ties = "efron") fit, printing its CPU (user + sys) and wall seconds. */
function rFitCpu(csv: string): string {
  return `suppressPackageStartupMessages(library(survival))
d <- read.csv(${JSON.stringify(csv)})
f <- as.formula(${JSON.stringify(FORMULA)})
t0 <- proc.time()
fit <- coxph(f, data = d, ties = "efron")
t1 <- proc.time()
cat("CPU", (t1[["user.self"]] + t1[["sys.self"]]) - (t0[["user.self"]] + t0[["sys.self"]]), "\n")
cat("ELAPSED", t1[["elapsed"]] - t0[["elapsed"]], "\n")
`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Issue 18's measure for this case: the CPU (user + sys) of the fit alone, in process, survinfer's
 * coxFit against coxph in its own Rscript (data read before the clock starts), `runs` times each,
 * alternating so that both see the same load; prints the medians and the ratio (goal ≤ 0.5).
 */
function fitCpuSideBySide(input: CoxInput, dir: string, runs = 3): void {
  const hasR = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
  const script = join(dir, "fit-cpu.R");
  writeFileSync(script, rFitCpu(join(dir, "cox.csv")));
  const load0 = loadavg()[0];
  const js: { cpu: number; wall: number }[] = [];
  const r: { cpu: number; wall: number }[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    coxFit(input, { ties: "efron" });
    const c1 = process.cpuUsage(c0);
    js.push({ cpu: (c1.user + c1.system) / 1e6, wall: Number(process.hrtime.bigint() - w0) / 1e9 });
    if (!hasR) continue;
    const res = spawnSync("Rscript", [script], { encoding: "utf8", maxBuffer: 1 << 26 });
    const cpu = /CPU\s+([0-9.eE+-]+)/.exec(res.stdout ?? "");
    const wall = /ELAPSED\s+([0-9.eE+-]+)/.exec(res.stdout ?? "");
    if (res.status !== 0 || !cpu || !wall) throw new Error(`R failed: ${(res.stderr ?? "").slice(-500)}`);
    r.push({ cpu: Number(cpu[1]), wall: Number(wall[1]) });
  }
  const load1 = loadavg()[0];
  const jc = median(js.map((x) => x.cpu));
  const jw = median(js.map((x) => x.wall));
  const runsText = (xs: { cpu: number; wall: number }[]): string => xs.map((x) => `${x.cpu.toFixed(2)}/${x.wall.toFixed(2)}`).join(", ");
  if (!hasR) {
    console.log(`  cox fit only, in process (median of ${runs}; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}): survinfer CPU ${jc.toFixed(2)} s, wall ${jw.toFixed(2)} s; R not found`);
    return;
  }
  const rc = median(r.map((x) => x.cpu));
  const rw = median(r.map((x) => x.wall));
  console.log(
    `  cox fit only, in process (median of ${runs}, alternating; load average ${load0.toFixed(1)} → ${load1.toFixed(1)}): ` +
      `survinfer CPU ${jc.toFixed(2)} s, wall ${jw.toFixed(2)} s; R CPU ${rc.toFixed(2)} s, wall ${rw.toFixed(2)} s; ratio survinfer/R: CPU ${(jc / rc).toFixed(3)}, wall ${(jw / rw).toFixed(3)} (goal ≤ 0.5)`,
  );
  console.log(`    survinfer runs (CPU/wall s): ${runsText(js)}; R runs: ${runsText(r)}`);
}

/** R's whole process: fread + coxph (Efron), as `survinfer cox` reads the file and fits. */
function rWhole(csv: string): string {
  return `suppressPackageStartupMessages({ library(data.table); library(survival) })
d <- fread(${JSON.stringify(csv)})
fit <- coxph(${FORMULA}, data = d, ties = "efron")
`;
}

export const cases = defineCases([
  ...defineCases<CoxInput>([
    {
      name: "cox efron 1e6 x 10",
      // setup prints the CPU comparison (medians of 3); the harness adds one more timed run of each side (wall)
      repeats: 1,
      setup(dir: string): CoxInput {
        const input = simulate(1_000_000, 10, 20240601);
        writeCoxCsv(input, join(dir, "cox.csv"));
        fitCpuSideBySide(input, dir);
        return input;
      },
      run(input: CoxInput): unknown {
        return coxFit(input, { ties: "efron" });
      },
      r(dir: string): string {
        return rFitCpu(join(dir, "cox.csv"));
      },
    },
  ]),
  ...defineCases<{ argv: string[] }>([
    {
      name: "cox efron 1e6 x 10, whole process (survinfer cox on the CSV vs Rscript fread + coxph)",
      setup(dir: string) {
        const csv = join(dir, "cox.csv");
        const bytes = writeCoxCsv(simulate(1_000_000, 10, 20240601), csv);
        const argv = [...survinferCommand(), "cox", csv, "--formula", FORMULA, "--ties", "efron", "--json"];
        sideBySide("cox whole process", bytes, argv, dir, rWhole(csv));
        return { argv };
      },
      repeats: 1,
      run: ({ argv }) => wholeProcess(argv),
      r: (dir: string) => rWholeProcess(dir, rWhole(join(dir, "cox.csv"))),
    },
  ]),
]);
